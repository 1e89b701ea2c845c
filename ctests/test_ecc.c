/* ctests/test_ecc.c - elliptic-curve keys, signatures and key agreement:
 * RFC 8032 Ed25519 test vectors 1-3, RFC 7748 X25519 vectors, RFC 6979
 * deterministic ECDSA P-256/SHA-256 ('sample' and 'test'), generate/export/
 * import round trips and sign/verify/agree for every supported curve and
 * algorithm, and the error paths (bad points, wrong sizes, policies, buffers). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define R1 PSA_ECC_FAMILY_SECP_R1
#define K1 PSA_ECC_FAMILY_SECP_K1
#define BP PSA_ECC_FAMILY_BRAINPOOL_P_R1
#define MONT PSA_ECC_FAMILY_MONTGOMERY
#define EDW PSA_ECC_FAMILY_TWISTED_EDWARDS
#define PAIR(f) PSA_KEY_TYPE_ECC_KEY_PAIR(f)
#define PUB(f) PSA_KEY_TYPE_ECC_PUBLIC_KEY(f)

#define SIGN_ALL (PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE)
#define VERIFY_ALL (PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_VERIFY_MESSAGE)

static psa_key_id_t import_hex(psa_key_type_t type, psa_key_usage_t usage, psa_algorithm_t alg, const char *hex)
{
    uint8_t buf[200];
    size_t n = ct_unhex(hex, buf, sizeof buf);
    psa_key_id_t id = 0;
    CHECK_STATUS(ct_import(type, usage, alg, buf, n, &id), PSA_SUCCESS);
    return id;
}

/* ---- RFC 8032 section 7.1, tests 1-3 ---- */
static const struct {
    const char *sk, *pk, *msg, *sig;
} rfc8032[] = {
    {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
     "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
     "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
     "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
     "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
     "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
     "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
};

static void test_rfc8032(void)
{
    size_t i;
    for (i = 0; i < sizeof rfc8032 / sizeof rfc8032[0]; i++) {
        uint8_t pk[32], msg[8], sig[64], out[64], exp[32];
        size_t pkn = ct_unhex(rfc8032[i].pk, pk, sizeof pk);
        size_t mn = ct_unhex(rfc8032[i].msg, msg, sizeof msg);
        size_t sn = ct_unhex(rfc8032[i].sig, sig, sizeof sig);
        size_t len = 99;
        psa_key_id_t k = import_hex(PAIR(EDW), SIGN_ALL, PSA_ALG_PURE_EDDSA, rfc8032[i].sk);
        psa_key_id_t p = import_hex(PUB(EDW), VERIFY_ALL, PSA_ALG_PURE_EDDSA, rfc8032[i].pk);
        psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(k, &a), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&a) == 255);
        CHECK_STATUS(psa_export_public_key(k, exp, sizeof exp, &len), PSA_SUCCESS);
        CHECK_MEM(exp, len, pk, pkn);
        CHECK_STATUS(psa_sign_message(k, PSA_ALG_PURE_EDDSA, msg, mn, out, sizeof out, &len), PSA_SUCCESS);
        CHECK_MEM(out, len, sig, sn);
        CHECK_STATUS(psa_verify_message(p, PSA_ALG_PURE_EDDSA, msg, mn, sig, sn), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(k, PSA_ALG_PURE_EDDSA, msg, mn, sig, sn), PSA_SUCCESS);
        sig[10] ^= 1;
        CHECK_STATUS(psa_verify_message(p, PSA_ALG_PURE_EDDSA, msg, mn, sig, sn), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_verify_message(p, PSA_ALG_PURE_EDDSA, msg, mn, sig, sn - 1), PSA_ERROR_INVALID_SIGNATURE);
        /* PureEdDSA is a message-only algorithm. */
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_PURE_EDDSA, msg, mn, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_verify_hash(p, PSA_ALG_PURE_EDDSA, msg, mn, sig, sn), PSA_ERROR_INVALID_ARGUMENT);
        /* A public key cannot sign. */
        CHECK_STATUS(psa_sign_message(p, PSA_ALG_PURE_EDDSA, msg, mn, out, sizeof out, &len), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(k);
        psa_destroy_key(p);
    }
}

/* ---- RFC 7748 section 5.2 (vector 1 and 2) and section 6.1 ---- */
static void x25519_vector(const char *scalar, const char *u, const char *expected)
{
    uint8_t peer[32], exp[32], out[32];
    size_t len = 99;
    psa_key_id_t k = import_hex(PAIR(MONT), PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, scalar);
    ct_unhex(u, peer, sizeof peer);
    ct_unhex(expected, exp, sizeof exp);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, peer, 32, out, sizeof out, &len), PSA_SUCCESS);
    CHECK_MEM(out, len, exp, 32);
    psa_destroy_key(k);
}

static void test_rfc7748(void)
{
    static const char *alice_sk = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
    static const char *alice_pk = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
    static const char *bob_sk = "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
    static const char *bob_pk = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
    static const char *shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    uint8_t pk[32], exp[32], out[64];
    size_t len;
    psa_key_id_t a, b, d = 0;
    psa_key_attributes_t attr;

    x25519_vector("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
                  "e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
                  "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    x25519_vector("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
                  "e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
                  "95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957");
    x25519_vector(alice_sk, bob_pk, shared);
    x25519_vector(bob_sk, alice_pk, shared);

    a = import_hex(PAIR(MONT), PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, alice_sk);
    b = import_hex(PAIR(MONT), PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, bob_sk);
    CHECK_STATUS(psa_export_public_key(a, out, sizeof out, &len), PSA_SUCCESS);
    ct_unhex(alice_pk, pk, sizeof pk);
    CHECK_MEM(out, len, pk, 32);
    CHECK_STATUS(psa_export_public_key(b, out, sizeof out, &len), PSA_SUCCESS);
    ct_unhex(bob_pk, pk, sizeof pk);
    CHECK_MEM(out, len, pk, 32);

    /* psa_key_agreement: the secret lands in a new derivation key. */
    ct_unhex(alice_pk, pk, sizeof pk);
    ct_unhex(shared, exp, sizeof exp);
    attr = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_key_agreement(b, pk, 32, PSA_ALG_ECDH, &attr, &d), PSA_SUCCESS);
    CHECK(d != 0);
    CHECK_STATUS(psa_export_key(d, out, sizeof out, &len), PSA_SUCCESS);
    CHECK_MEM(out, len, exp, 32);
    {
        psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
        CHECK_STATUS(psa_get_key_attributes(d, &got), PSA_SUCCESS);
        CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_DERIVE);
        CHECK(psa_get_key_bits(&got) == 256);
    }
    psa_destroy_key(d);
    psa_destroy_key(a);
    psa_destroy_key(b);
}

/* ---- RFC 6979 appendix A.2.5: P-256, SHA-256 ---- */
static void test_rfc6979(void)
{
    static const char *x = "C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721";
    static const char *q = "04"
                           "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6"
                           "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299";
    static const struct {
        const char *msg, *sig;
    } v[] = {
        {"sample", "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716"
                   "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
        {"test", "F1ABB023518351CD71D881567B1EA663ED3EFCF6C5132B354F28D3B0B7D38367"
                 "019F4113742A2B14BD25926B49C649155F267E60D3814B4C0CC84250E46F0083"},
    };
    const psa_algorithm_t alg = PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256);
    uint8_t pub[65], out[PSA_SIGNATURE_MAX_SIZE], sig[64], hash[32];
    size_t len, hl, i;
    psa_key_id_t k = import_hex(PAIR(R1), SIGN_ALL, alg, x);
    psa_key_id_t p = import_hex(PUB(R1), VERIFY_ALL, alg, q);

    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &len), PSA_SUCCESS);
    ct_unhex(q, pub, sizeof pub);
    CHECK_MEM(out, len, pub, 65);
    for (i = 0; i < 2; i++) {
        const uint8_t *m = (const uint8_t *)v[i].msg;
        size_t mn = strlen(v[i].msg);
        ct_unhex(v[i].sig, sig, sizeof sig);
        CHECK_STATUS(psa_sign_message(k, alg, m, mn, out, sizeof out, &len), PSA_SUCCESS);
        CHECK_MEM(out, len, sig, 64);
        CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, m, mn, hash, sizeof hash, &hl), PSA_SUCCESS);
        CHECK_STATUS(psa_sign_hash(k, alg, hash, hl, out, sizeof out, &len), PSA_SUCCESS);
        CHECK_MEM(out, len, sig, 64);
        CHECK_STATUS(psa_verify_hash(p, alg, hash, hl, sig, 64), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_message(p, alg, m, mn, sig, 64), PSA_SUCCESS);
        /* A deterministic signature is also a valid randomized one, and since
         * 1.4 the two ECDSA policies are one for verification; another hash is
         * still another algorithm. */
        CHECK_STATUS(psa_verify_hash(p, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, hl, sig, 64), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(p, PSA_ALG_ECDSA(PSA_ALG_SHA_384), hash, hl, sig, 64), PSA_ERROR_NOT_PERMITTED);
        sig[63] ^= 0x80;
        CHECK_STATUS(psa_verify_hash(p, alg, hash, hl, sig, 64), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_verify_message(p, alg, m, mn + 1, out, 64), PSA_ERROR_INVALID_SIGNATURE);
    }
    psa_destroy_key(k);
    psa_destroy_key(p);
}

/* ---- round trips on every supported curve ---- */
typedef struct {
    psa_ecc_family_t family;
    size_t bits;
} curve_t;

static const curve_t weierstrass[] = {{R1, 256}, {R1, 384}, {R1, 521}, {K1, 256}, {BP, 256}, {BP, 384}, {BP, 512}};

/* Generates a key pair, exports it and re-imports private and public copies
 * with policy `alg`. */
static void make_pair(const curve_t *c, psa_algorithm_t alg, psa_key_usage_t usage, psa_key_id_t *priv, psa_key_id_t *pub,
                      const uint8_t *material, size_t mlen)
{
    uint8_t p[200];
    size_t pl = 0;
    CHECK_STATUS(ct_import(PAIR(c->family), usage | PSA_KEY_USAGE_EXPORT, alg, material, mlen, priv), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(*priv, p, sizeof p, &pl), PSA_SUCCESS);
    CHECK(pl == PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PAIR(c->family), c->bits));
    CHECK_STATUS(ct_import(PUB(c->family), usage & (VERIFY_ALL | PSA_KEY_USAGE_EXPORT), alg, p, pl, pub), PSA_SUCCESS);
}

static void test_weierstrass_round_trips(void)
{
    static const psa_algorithm_t hashes[] = {PSA_ALG_SHA_1, PSA_ALG_SHA_256, PSA_ALG_SHA_384, PSA_ALG_SHA_512, PSA_ALG_SHA3_256};
    size_t ci, hi;
    for (ci = 0; ci < sizeof weierstrass / sizeof weierstrass[0]; ci++) {
        const curve_t *c = &weierstrass[ci];
        uint8_t material[80], material2[80], sig[PSA_SIGNATURE_MAX_SIZE], sig2[PSA_SIGNATURE_MAX_SIZE];
        uint8_t hash[64], s1[80], s2[80], pub2[200];
        size_t ml = 0, ml2 = 0, len = 0, len2 = 0, pl2 = 0;
        size_t siglen = PSA_SIGN_OUTPUT_SIZE(PAIR(c->family), c->bits, PSA_ALG_ECDSA_ANY);
        psa_key_id_t g = 0, g2 = 0, k, p;
        psa_key_attributes_t a = ct_attrs(PAIR(c->family), c->bits, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);

        if (!CHECK_STATUS(psa_generate_key(&a, &g), PSA_SUCCESS))
            continue;
        CHECK_STATUS(psa_generate_key(&a, &g2), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(g, material, sizeof material, &ml), PSA_SUCCESS);
        CHECK(ml == PSA_BITS_TO_BYTES(c->bits));
        CHECK_STATUS(psa_export_key(g2, material2, sizeof material2, &ml2), PSA_SUCCESS);
        CHECK(siglen == 2 * PSA_BITS_TO_BYTES(c->bits));

        /* ECDH both ways. */
        CHECK_STATUS(psa_export_public_key(g2, pub2, sizeof pub2, &pl2), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, g, pub2, pl2, s1, sizeof s1, &len), PSA_SUCCESS);
        CHECK(len == PSA_RAW_KEY_AGREEMENT_OUTPUT_SIZE(PAIR(c->family), c->bits));
        CHECK_STATUS(psa_export_public_key(g, pub2, sizeof pub2, &pl2), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, g2, pub2, pl2, s2, sizeof s2, &len2), PSA_SUCCESS);
        CHECK_MEM(s1, len, s2, len2);
        psa_destroy_key(g);
        psa_destroy_key(g2);

        for (hi = 0; hi < sizeof hashes / sizeof hashes[0]; hi++) {
            psa_algorithm_t h = hashes[hi];
            psa_algorithm_t rnd = PSA_ALG_ECDSA(h), det = PSA_ALG_DETERMINISTIC_ECDSA(h);
            size_t hl = PSA_HASH_LENGTH(h);
            memset(hash, 0x5a + (int)hi, sizeof hash);

            /* Randomized: a hash-wildcard policy permits every hash. */
            make_pair(c, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), SIGN_ALL, &k, &p, material, ml);
            CHECK_STATUS(psa_sign_message(k, rnd, (const uint8_t *)"round trip", 10, sig, sizeof sig, &len), PSA_SUCCESS);
            CHECK(len == siglen);
            CHECK_STATUS(psa_verify_message(p, rnd, (const uint8_t *)"round trip", 10, sig, len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_message(p, rnd, (const uint8_t *)"round trap", 10, sig, len), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_sign_hash(k, rnd, hash, hl, sig, sizeof sig, &len), PSA_SUCCESS);
            CHECK_STATUS(psa_sign_hash(k, rnd, hash, hl, sig2, sizeof sig2, &len2), PSA_SUCCESS);
            CHECK(len == len2 && memcmp(sig, sig2, len) != 0); /* fresh randomness */
            CHECK_STATUS(psa_verify_hash(p, rnd, hash, hl, sig, len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_hash(p, rnd, hash, hl, sig2, len2), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_hash(k, rnd, hash, hl, sig, len), PSA_SUCCESS);
            /* Deterministic is another algorithm: not permitted by this policy. */
            CHECK_STATUS(psa_sign_hash(k, det, hash, hl, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
            /* The wildcard itself is no operation algorithm. */
            CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), hash, hl, sig, sizeof sig, &len),
                         PSA_ERROR_INVALID_ARGUMENT);
            psa_destroy_key(k);
            psa_destroy_key(p);

            /* Deterministic: equal signatures, message = hash then sign. */
            make_pair(c, det, SIGN_ALL, &k, &p, material, ml);
            CHECK_STATUS(psa_sign_hash(k, det, hash, hl, sig, sizeof sig, &len), PSA_SUCCESS);
            CHECK_STATUS(psa_sign_hash(k, det, hash, hl, sig2, sizeof sig2, &len2), PSA_SUCCESS);
            CHECK_MEM(sig, len, sig2, len2);
            CHECK_STATUS(psa_verify_hash(p, det, hash, hl, sig, len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_hash(p, det, hash, hl - 1, sig, len), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_sign_message(k, det, (const uint8_t *)"m", 1, sig, sizeof sig, &len), PSA_SUCCESS);
            CHECK_STATUS(psa_sign_message(k, det, (const uint8_t *)"m", 1, sig2, sizeof sig2, &len2), PSA_SUCCESS);
            CHECK_MEM(sig, len, sig2, len2);
            CHECK_STATUS(psa_verify_message(p, det, (const uint8_t *)"m", 1, sig, len), PSA_SUCCESS);
            psa_destroy_key(k);
            psa_destroy_key(p);
        }

        /* ECDSA_ANY: sign_hash only, any digest length. */
        make_pair(c, PSA_ALG_ECDSA_ANY, SIGN_ALL, &k, &p, material, ml);
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA_ANY, hash, 20, sig, sizeof sig, &len), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(p, PSA_ALG_ECDSA_ANY, hash, 20, sig, len), PSA_SUCCESS);
        CHECK_STATUS(psa_verify_hash(p, PSA_ALG_ECDSA_ANY, hash, 21, sig, len), PSA_ERROR_INVALID_SIGNATURE);
        CHECK_STATUS(psa_sign_message(k, PSA_ALG_ECDSA_ANY, hash, 20, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
        /* Buffer too small: nothing written, length 0. */
        len = 77;
        CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA_ANY, hash, 32, sig, siglen - 1, &len), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK(len == 0);
        psa_destroy_key(k);
        psa_destroy_key(p);
    }
}

static void test_other_round_trips(void)
{
    static const size_t sizes[] = {255, 448};
    size_t i;
    for (i = 0; i < 2; i++) {
        uint8_t pub[64], sig[PSA_SIGNATURE_MAX_SIZE], sig2[PSA_SIGNATURE_MAX_SIZE], s1[64], s2[64], hash[64];
        size_t pl = 0, len = 0, len2 = 0, hl = 0;
        psa_algorithm_t ph = sizes[i] == 255 ? PSA_ALG_ED25519PH : PSA_ALG_ED448PH;
        psa_algorithm_t other_ph = sizes[i] == 255 ? PSA_ALG_ED448PH : PSA_ALG_ED25519PH;
        psa_key_attributes_t a = ct_attrs(PAIR(EDW), sizes[i], SIGN_ALL, PSA_ALG_PURE_EDDSA);
        psa_key_id_t k = 0, p = 0, k2 = 0, m1 = 0, m2 = 0;

        /* Edwards: PureEdDSA. */
        if (CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS)) {
            CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &pl), PSA_SUCCESS);
            CHECK(pl == (sizes[i] == 255 ? 32u : 57u));
            CHECK(pl == PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PAIR(EDW), sizes[i]));
            CHECK_STATUS(ct_import(PUB(EDW), VERIFY_ALL, PSA_ALG_PURE_EDDSA, pub, pl, &p), PSA_SUCCESS);
            CHECK_STATUS(psa_sign_message(k, PSA_ALG_PURE_EDDSA, (const uint8_t *)"hi", 2, sig, sizeof sig, &len), PSA_SUCCESS);
            CHECK(len == PSA_SIGN_OUTPUT_SIZE(PAIR(EDW), sizes[i], PSA_ALG_PURE_EDDSA));
            CHECK_STATUS(psa_verify_message(p, PSA_ALG_PURE_EDDSA, (const uint8_t *)"hi", 2, sig, len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_message(p, PSA_ALG_PURE_EDDSA, (const uint8_t *)"ho", 2, sig, len), PSA_ERROR_INVALID_SIGNATURE);
            CHECK_STATUS(psa_sign_message(k, ph, (const uint8_t *)"hi", 2, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
            /* ECDSA and ECDH do not apply to Edwards keys. */
            CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, pl, s1, sizeof s1, &len), PSA_ERROR_NOT_PERMITTED);
            psa_destroy_key(k);
            psa_destroy_key(p);
        }
        /* Edwards: HashEdDSA. */
        a = ct_attrs(PAIR(EDW), sizes[i], SIGN_ALL, ph);
        if (CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS)) {
            psa_status_t hs;
            CHECK_STATUS(psa_sign_message(k, ph, (const uint8_t *)"hi", 2, sig, sizeof sig, &len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_message(k, ph, (const uint8_t *)"hi", 2, sig, len), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_message(k, ph, (const uint8_t *)"hj", 2, sig, len), PSA_ERROR_INVALID_SIGNATURE);
            hs = psa_hash_compute(sizes[i] == 255 ? PSA_ALG_SHA_512 : PSA_ALG_SHAKE256_512, (const uint8_t *)"hi", 2, hash,
                                  sizeof hash, &hl);
            if (hs == PSA_SUCCESS) {
                CHECK_STATUS(psa_sign_hash(k, ph, hash, hl, sig2, sizeof sig2, &len2), PSA_SUCCESS);
                CHECK_MEM(sig2, len2, sig, len); /* HashEdDSA is deterministic */
                CHECK_STATUS(psa_verify_hash(k, ph, hash, hl, sig, len), PSA_SUCCESS);
            }
            memset(hash, 7, sizeof hash);
            CHECK_STATUS(psa_sign_hash(k, ph, hash, 64, sig2, sizeof sig2, &len2), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_hash(k, ph, hash, 64, sig2, len2), PSA_SUCCESS);
            CHECK_STATUS(psa_verify_hash(k, ph, hash, 63, sig2, len2), PSA_ERROR_INVALID_ARGUMENT);
            CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_256), hash, 32, sig2, sizeof sig2, &len2),
                         PSA_ERROR_NOT_PERMITTED);
            psa_destroy_key(k);
            /* A policy naming the other curve's HashEdDSA: the key does not fit it. */
            a = ct_attrs(PAIR(EDW), sizes[i], SIGN_ALL, other_ph);
            CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
            CHECK_STATUS(psa_sign_hash(k, other_ph, hash, 64, sig2, sizeof sig2, &len2), PSA_ERROR_INVALID_ARGUMENT);
            psa_destroy_key(k);
        }
        /* Montgomery: agreement both ways; no signatures. */
        a = ct_attrs(PAIR(MONT), sizes[i], PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_SIGN_HASH, PSA_ALG_ECDH);
        CHECK_STATUS(psa_generate_key(&a, &m1), PSA_SUCCESS);
        CHECK_STATUS(psa_generate_key(&a, &m2), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key(m2, pub, sizeof pub, &pl), PSA_SUCCESS);
        CHECK(pl == (sizes[i] == 255 ? 32u : 56u));
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, m1, pub, pl, s1, sizeof s1, &len), PSA_SUCCESS);
        CHECK(len == PSA_RAW_KEY_AGREEMENT_OUTPUT_SIZE(PAIR(MONT), sizes[i]));
        CHECK_STATUS(psa_export_public_key(m1, pub, sizeof pub, &pl), PSA_SUCCESS);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, m2, pub, pl, s2, sizeof s2, &len2), PSA_SUCCESS);
        CHECK_MEM(s1, len, s2, len2);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, m2, pub, pl - 1, s2, sizeof s2, &len2), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, m2, pub, pl, s2, len - 1, &len2), PSA_ERROR_BUFFER_TOO_SMALL);
        memset(pub, 0, sizeof pub); /* a low-order point: all-zero secret */
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, m2, pub, pl, s2, sizeof s2, &len2), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_sign_hash(m1, PSA_ALG_ECDSA_ANY, hash, 32, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
        psa_destroy_key(m1);
        psa_destroy_key(m2);
        (void)k2;
    }
}

/* ---- import checks ---- */
static void test_import_errors(void)
{
    static const char *p256_n = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551";
    static const char *p256_n_minus_1 = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632550";
    /* The order of brainpoolP512r1 (RFC 5639, section 3.7). */
    static const char *bp512_q = "AADD9DB8DBE9C48B3FD4E6AE33C9FC07CB308DB3B3C9D20ED6639CCA70330870"
                                 "553E5C414CA92619418661197FAC10471DB1D381085DDADDB58796829CA90069";
    uint8_t buf[200];
    size_t n;
    psa_key_id_t k = 0;
    psa_key_attributes_t a;

    memset(buf, 0, sizeof buf);
    CHECK_STATUS(ct_import(PAIR(R1), 0, 0, buf, 32, &k), PSA_ERROR_INVALID_ARGUMENT); /* zero scalar */
    n = ct_unhex(p256_n, buf, sizeof buf);
    CHECK_STATUS(ct_import(PAIR(R1), 0, 0, buf, n, &k), PSA_ERROR_INVALID_ARGUMENT); /* n */
    n = ct_unhex(p256_n_minus_1, buf, sizeof buf);
    CHECK_STATUS(ct_import(PAIR(R1), 0, 0, buf, n, &k), PSA_SUCCESS); /* n - 1 */
    psa_destroy_key(k);
    memset(buf, 0x11, sizeof buf);
    /* A length that gives no curve of the family: an unsupported key size
     * (NOT_SUPPORTED, as Mbed TLS 3.5.1). */
    CHECK_STATUS(ct_import(PAIR(R1), 0, 0, buf, 31, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PAIR(R1), 0, 0, buf, 33, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PAIR(R1), 0, 0, buf, 28, &k), PSA_SUCCESS); /* P-224 (test_ecc_small.c) */
    psa_destroy_key(k);
    CHECK_STATUS(ct_import(PAIR(K1), 0, 0, buf, 24, &k), PSA_ERROR_NOT_SUPPORTED); /* secp192k1 */
    CHECK_STATUS(ct_import(PAIR(BP), 0, 0, buf, 40, &k), PSA_ERROR_NOT_SUPPORTED); /* brainpoolP320r1 */
    /* brainpoolP512r1: a scalar below q is a key of 512 bits; q itself is not. */
    CHECK_STATUS(ct_import(PAIR(BP), 0, 0, buf, 64, &k), PSA_SUCCESS);
    a = psa_key_attributes_init();
    CHECK_STATUS(psa_get_key_attributes(k, &a), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&a) == 512);
    psa_reset_key_attributes(&a);
    psa_destroy_key(k);
    n = ct_unhex(bp512_q, buf, sizeof buf);
    CHECK_STATUS(ct_import(PAIR(BP), 0, 0, buf, n, &k), PSA_ERROR_INVALID_ARGUMENT);
    buf[n - 1]--; /* q - 1 */
    CHECK_STATUS(ct_import(PAIR(BP), 0, 0, buf, n, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    /* A brainpoolP512r1 public key off the curve. */
    memset(buf, 0x11, sizeof buf);
    buf[0] = 0x04;
    CHECK_STATUS(ct_import(PUB(BP), 0, 0, buf, 129, &k), PSA_ERROR_INVALID_ARGUMENT);
    memset(buf, 0x11, sizeof buf);
    CHECK_STATUS(ct_import(PAIR(PSA_ECC_FAMILY_SECT_K1), 0, 0, buf, 21, &k), PSA_ERROR_NOT_SUPPORTED);
    /* Key size in the attributes must match the data. */
    a = ct_attrs(PAIR(R1), 384, 0, 0);
    CHECK_STATUS(psa_import_key(&a, buf, 32, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PAIR(R1), 256, 0, 0);
    CHECK_STATUS(psa_import_key(&a, buf, 32, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    /* Public keys: not on the curve, compressed, wrong length, infinity. */
    buf[0] = 0x04;
    CHECK_STATUS(ct_import(PUB(R1), 0, 0, buf, 65, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* A compressed point's odd length is read as an uncompressed point of a
     * curve the family does not have (NOT_SUPPORTED, as Mbed TLS 3.5.1); an
     * even length is no encoding (INVALID_ARGUMENT). */
    buf[0] = 0x02;
    CHECK_STATUS(ct_import(PUB(R1), 0, 0, buf, 33, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PUB(R1), 0, 0, buf, 64, &k), PSA_ERROR_INVALID_ARGUMENT);
    buf[0] = 0x00;
    CHECK_STATUS(ct_import(PUB(R1), 0, 0, buf, 1, &k), PSA_ERROR_NOT_SUPPORTED);
    /* With a declared size: data of another length is INVALID_ARGUMENT, a
     * size no curve has NOT_SUPPORTED (Mbed TLS 3.5.1's order). */
    a = ct_attrs(PAIR(R1), 255, 0, 0);
    CHECK_STATUS(psa_import_key(&a, buf, 32, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_import_key(&a, buf, 31, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PUB(R1), 256, 0, 0);
    CHECK_STATUS(psa_import_key(&a, buf, 64, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* Montgomery and Edwards lengths. */
    CHECK_STATUS(ct_import(PAIR(MONT), 0, 0, buf, 31, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PAIR(MONT), 0, 0, buf, 57, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PAIR(EDW), 0, 0, buf, 56, &k), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(ct_import(PAIR(EDW), 0, 0, buf, 57, &k), PSA_SUCCESS);
    psa_destroy_key(k);
    /* An Edwards public key that does not decode (y = p: non-canonical). */
    n = ct_unhex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", buf, sizeof buf);
    CHECK_STATUS2(ct_import(PUB(EDW), 0, 0, buf, n, &k), PSA_ERROR_INVALID_ARGUMENT, PSA_SUCCESS);
    psa_destroy_key(k);
    /* Generation: sizes, public types. */
    a = ct_attrs(PAIR(R1), 257, 0, 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    a = ct_attrs(PAIR(K1), 224, 0, 0); /* no such curve (secp224k1 is 225 bits) */
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    a = ct_attrs(PUB(R1), 256, 0, 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PAIR(MONT), 256, 0, 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
    /* Export of a public key needs no usage; a small buffer fails. */
    a = ct_attrs(PAIR(R1), 256, 0, 0);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(k, buf, 64, &n), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_export_public_key(k, buf, 65, &n), PSA_SUCCESS);
    CHECK(n == 65 && buf[0] == 0x04);
    CHECK_STATUS(psa_export_key(k, buf, sizeof buf, &n), PSA_ERROR_NOT_PERMITTED);
    psa_destroy_key(k);
}

/* ---- signature error paths ---- */
static void test_sign_errors(void)
{
    const psa_algorithm_t alg = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    uint8_t hash[64], sig[PSA_SIGNATURE_MAX_SIZE], pub[65];
    size_t len = 0, pl = 0;
    psa_key_id_t k = 0, p = 0, only_hash = 0, only_msg = 0, ed = 0, h = 0, sha1 = 0;
    psa_key_attributes_t a = ct_attrs(PAIR(R1), 256, SIGN_ALL, alg), got = PSA_KEY_ATTRIBUTES_INIT;

    memset(hash, 3, sizeof hash);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &pl), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PUB(R1), VERIFY_ALL, alg, pub, pl, &p), PSA_SUCCESS);

    /* Algorithm errors come first. */
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_HMAC(PSA_ALG_SHA_256), hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_SHA_256, hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_hash(p, PSA_ALG_NONE, hash, 32, sig, 64), PSA_ERROR_INVALID_ARGUMENT);
    /* Handle, usage and policy. */
    CHECK_STATUS(psa_sign_hash(0x3ffffff0, alg, hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_verify_hash(0, alg, hash, 32, sig, 64), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_ECDSA(PSA_ALG_SHA_384), hash, 48, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_sign_hash(k, PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256), hash, 32, sig, sizeof sig, &len),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_sign_hash(p, alg, hash, 32, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED); /* no SIGN usage */
    CHECK_STATUS(psa_sign_message(k, PSA_ALG_PURE_EDDSA, hash, 32, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);
    /* Key/algorithm compatibility, hash length, buffer size. */
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 31, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 64, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_hash(p, alg, hash, 0, sig, 64), PSA_ERROR_INVALID_ARGUMENT);
    len = 5;
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 32, sig, 63, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(len == 0);
    CHECK_STATUS(psa_sign_message(k, alg, hash, 32, sig, 0, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 32, sig, sizeof sig, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(k, alg, NULL, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 32, NULL, 64, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_hash(p, alg, hash, 32, NULL, 64), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_sign_message(k, alg, NULL, 0, sig, sizeof sig, &len), PSA_SUCCESS); /* empty message */
    CHECK_STATUS(psa_verify_message(p, alg, NULL, 0, sig, len), PSA_SUCCESS);
    /* Wrong signatures. */
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 32, sig, sizeof sig, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_hash(p, alg, hash, 32, sig, len - 1), PSA_ERROR_INVALID_SIGNATURE);
    CHECK_STATUS(psa_verify_hash(p, alg, hash, 32, sig, 0), PSA_ERROR_INVALID_SIGNATURE);
    memset(sig, 0, 64);
    CHECK_STATUS(psa_verify_hash(p, alg, hash, 32, sig, 64), PSA_ERROR_INVALID_SIGNATURE);
    memset(sig, 0xff, 64); /* r, s >= n */
    CHECK_STATUS(psa_verify_hash(p, alg, hash, 32, sig, 64), PSA_ERROR_INVALID_SIGNATURE);

    /* SIGN_HASH implies SIGN_MESSAGE, not the other way round. */
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &pl), PSA_SUCCESS);
    a = ct_attrs(PAIR(R1), 256, PSA_KEY_USAGE_SIGN_HASH, alg);
    CHECK_STATUS(psa_generate_key(&a, &only_hash), PSA_SUCCESS);
    CHECK_STATUS(psa_get_key_attributes(only_hash, &got), PSA_SUCCESS);
    CHECK((psa_get_key_usage_flags(&got) & PSA_KEY_USAGE_SIGN_MESSAGE) != 0);
    CHECK_STATUS(psa_sign_message(only_hash, alg, hash, 5, sig, sizeof sig, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(only_hash, alg, hash, 5, sig, len), PSA_ERROR_NOT_PERMITTED);
    a = ct_attrs(PAIR(R1), 256, PSA_KEY_USAGE_SIGN_MESSAGE, alg);
    CHECK_STATUS(psa_generate_key(&a, &only_msg), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_message(only_msg, alg, hash, 5, sig, sizeof sig, &len), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(only_msg, alg, hash, 32, sig, sizeof sig, &len), PSA_ERROR_NOT_PERMITTED);

    /* ECDSA on an Edwards key, EdDSA on a Weierstrass key, ECDSA on an HMAC key. */
    a = ct_attrs(PAIR(EDW), 255, SIGN_ALL, alg);
    CHECK_STATUS(psa_generate_key(&a, &ed), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(ed, alg, hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(ed);
    a = ct_attrs(PAIR(R1), 256, SIGN_ALL, PSA_ALG_PURE_EDDSA);
    CHECK_STATUS(psa_generate_key(&a, &ed), PSA_SUCCESS);
    /* No EdDSA driver for a Weierstrass key: NOT_SUPPORTED, as Mbed TLS 3.5.1. */
    CHECK_STATUS(psa_sign_message(ed, PSA_ALG_PURE_EDDSA, hash, 32, sig, sizeof sig, &len), PSA_ERROR_NOT_SUPPORTED);
    psa_destroy_key(ed);
    a = ct_attrs(PSA_KEY_TYPE_HMAC, 256, SIGN_ALL, alg);
    CHECK_STATUS(psa_generate_key(&a, &h), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(h, alg, hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_verify_hash(h, alg, hash, 32, sig, 64), PSA_ERROR_NOT_SUPPORTED);
    /* An RSA algorithm on an ECC key. */
    a = ct_attrs(PAIR(R1), 256, SIGN_ALL, PSA_ALG_RSA_PSS(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_generate_key(&a, &ed), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(ed, PSA_ALG_RSA_PSS(PSA_ALG_SHA_256), hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_ARGUMENT);
    psa_destroy_key(ed);
    /* A hash this library does not implement (RIPEMD-160); SHA-1 works. */
    a = ct_attrs(PAIR(R1), 256, SIGN_ALL, PSA_ALG_ECDSA(PSA_ALG_RIPEMD160));
    CHECK_STATUS(psa_generate_key(&a, &sha1), PSA_SUCCESS);
    CHECK_STATUS(psa_sign_hash(sha1, PSA_ALG_ECDSA(PSA_ALG_RIPEMD160), hash, 20, sig, sizeof sig, &len), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_sign_message(sha1, PSA_ALG_ECDSA(PSA_ALG_RIPEMD160), hash, 20, sig, sizeof sig, &len), PSA_ERROR_NOT_SUPPORTED);

    /* After destruction. */
    psa_destroy_key(k);
    CHECK_STATUS(psa_sign_hash(k, alg, hash, 32, sig, sizeof sig, &len), PSA_ERROR_INVALID_HANDLE);
    psa_destroy_key(p);
    psa_destroy_key(only_hash);
    psa_destroy_key(only_msg);
    psa_destroy_key(h);
    psa_destroy_key(sha1);
}

/* ---- key agreement error paths ---- */
static void test_agreement_errors(void)
{
    const psa_algorithm_t hkdf = PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256));
    uint8_t pub[200], out[80], bad[65];
    size_t pl = 0, len = 0;
    psa_key_id_t k = 0, nodrv = 0, kdfpol = 0, pubk = 0, ed = 0, d = 0, k384 = 0;
    psa_key_attributes_t a = ct_attrs(PAIR(R1), 256, PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_EXPORT, PSA_ALG_ECDH), da;

    CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(k, pub, sizeof pub, &pl), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, pl, out, sizeof out, &len), PSA_SUCCESS);
    CHECK(len == 32);
    /* Algorithms. */
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_HMAC(PSA_ALG_SHA_256), k, pub, pl, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_raw_key_agreement(hkdf, k, pub, pl, out, sizeof out, &len), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_FFDH, k, pub, pl, out, sizeof out, &len), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, 0x3ffffff1, pub, pl, out, sizeof out, &len), PSA_ERROR_INVALID_HANDLE);
    /* Peer keys: off the curve, compressed, wrong length, the other curve's. */
    memcpy(bad, pub, 65);
    bad[64] ^= 1;
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, bad, 65, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    bad[0] = 0x02;
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, bad, 33, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, pl - 1, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, NULL, 0, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, NULL, 65, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PAIR(R1), 384, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&a, &k384), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k384, pub, pl, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    /* Buffers. */
    len = 9;
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, pl, out, 31, &len), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(len == 0);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, pl, out, sizeof out, NULL), PSA_ERROR_INVALID_ARGUMENT);
    /* Usage and policy: a combined-algorithm policy does not permit raw ECDH. */
    a = ct_attrs(PAIR(R1), 256, PSA_KEY_USAGE_EXPORT, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&a, &nodrv), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, nodrv, pub, pl, out, sizeof out, &len), PSA_ERROR_NOT_PERMITTED);
    a = ct_attrs(PAIR(R1), 256, PSA_KEY_USAGE_DERIVE, hkdf);
    CHECK_STATUS(psa_generate_key(&a, &kdfpol), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, kdfpol, pub, pl, out, sizeof out, &len), PSA_ERROR_NOT_PERMITTED);
    /* Key types: a public key, an Edwards key. */
    CHECK_STATUS(ct_import(PUB(R1), PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, pub, pl, &pubk), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, pubk, pub, pl, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);
    a = ct_attrs(PAIR(EDW), 255, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&a, &ed), PSA_SUCCESS);
    CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, ed, pub, 32, out, sizeof out, &len), PSA_ERROR_INVALID_ARGUMENT);

    /* psa_key_agreement. */
    da = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_DERIVE, 0);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, &da, &d), PSA_SUCCESS);
    {
        uint8_t raw[32], exported[32];
        size_t rl = 0, el = 0;
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, k, pub, pl, raw, sizeof raw, &rl), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(d, exported, sizeof exported, &el), PSA_SUCCESS);
        CHECK_MEM(exported, el, raw, rl);
    }
    psa_destroy_key(d);
    d = 77;
    da = ct_attrs(PSA_KEY_TYPE_DERIVE, 128, PSA_KEY_USAGE_DERIVE, 0);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, &da, &d), PSA_ERROR_INVALID_ARGUMENT);
    CHECK(d == 0);
    da = ct_attrs(PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_SIGN_MESSAGE, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, &da, &d), PSA_SUCCESS);
    psa_destroy_key(d);
    da = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, 0);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, &da, &d), PSA_ERROR_NOT_SUPPORTED);
    da = ct_attrs(PAIR(R1), 0, PSA_KEY_USAGE_DERIVE, 0);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, &da, &d), PSA_ERROR_INVALID_ARGUMENT);
    da = ct_attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_DERIVE, 0);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, hkdf, &da, &d), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, NULL, &d), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_agreement(k, pub, pl, PSA_ALG_ECDH, &da, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_key_agreement(nodrv, pub, pl, PSA_ALG_ECDH, &da, &d), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_key_agreement(k, bad, 65, PSA_ALG_ECDH, &da, &d), PSA_ERROR_INVALID_ARGUMENT);
    CHECK(d == 0);

    psa_destroy_key(k);
    psa_destroy_key(k384);
    psa_destroy_key(nodrv);
    psa_destroy_key(kdfpol);
    psa_destroy_key(pubk);
    psa_destroy_key(ed);
}

int main(void)
{
    if (psa_crypto_init() != PSA_SUCCESS) {
        printf("psa_crypto_init failed\n");
        return 1;
    }
    test_rfc8032();
    test_rfc7748();
    test_rfc6979();
    test_weierstrass_round_trips();
    test_other_round_trips();
    test_import_errors();
    test_sign_errors();
    test_agreement_errors();
    return report();
}
