/* ctests/test_kem.c - key encapsulation (PSA Crypto API 1.3): psa_encapsulate and
 * psa_decapsulate with ML-KEM-512/768/1024 (FIPS 203; key pair = the 64-byte seed
 * d || z) and ECIES (SEC 1) on every curve with ECDH. Known answers (Wycheproof),
 * round trips, implicit rejection, persistence, every error path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <psa/crypto.h>
#include "common.h"
#include "vectors_mlkem.h"

#define ENC PSA_KEY_USAGE_ENCRYPT
#define DEC PSA_KEY_USAGE_DECRYPT
#define EXP PSA_KEY_USAGE_EXPORT

static const size_t ml_bits[] = {512, 768, 1024};

/* Attributes of an exportable DERIVE output key. */
static psa_key_attributes_t secret_attrs(void)
{
    return ct_attrs(PSA_KEY_TYPE_DERIVE, 0, EXP | PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256));
}

/* Exports key k into buf (destroying it); returns the length (0 on failure). */
static size_t take(psa_key_id_t k, uint8_t *buf, size_t size)
{
    size_t n = 0;
    if (!CHECK_STATUS(psa_export_key(k, buf, size, &n), PSA_SUCCESS))
        n = 0;
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    return n;
}

static void test_known_answers(void)
{
    size_t i;
    for (i = 0; i < sizeof mlkem_vectors / sizeof mlkem_vectors[0]; i++) {
        const mlkem_vector_t *v = &mlkem_vectors[i];
        uint8_t seed[64], ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE], k[32], ek[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
        uint8_t h[32], want_h[32], got[64], again[64];
        size_t sl = ct_unhex(v->seed, seed, sizeof seed), cl = ct_unhex(v->ct, ct, sizeof ct);
        size_t kl = ct_unhex(v->k, k, sizeof k), el = 0, hl = 0, n;
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, v->bits, DEC | EXP, PSA_ALG_ML_KEM);
        psa_key_attributes_t o = secret_attrs();
        psa_key_id_t key = 0, out = 0;

        ct_unhex(v->ek_sha256, want_h, sizeof want_h);
        CHECK(sl == 64 && kl == 32);
        CHECK(cl == PSA_ENCAPSULATE_CIPHERTEXT_SIZE(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, v->bits, PSA_ALG_ML_KEM));
        if (!CHECK_STATUS(psa_import_key(&a, seed, sl, &key), PSA_SUCCESS))
            continue;
        /* Key generation from the seed: the encapsulation key. */
        CHECK_STATUS(psa_export_public_key(key, ek, sizeof ek, &el), PSA_SUCCESS);
        CHECK(el == PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, v->bits));
        CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, ek, el, h, sizeof h, &hl), PSA_SUCCESS);
        CHECK_MEM(h, hl, want_h, sizeof want_h);
        /* The key pair exports as its seed. */
        CHECK_STATUS(psa_export_key(key, got, sizeof got, &n), PSA_SUCCESS);
        CHECK_MEM(got, n, seed, sl);
        /* Decapsulation (a bit-flipped ciphertext: implicit rejection's key). */
        if (CHECK_STATUS(psa_decapsulate(key, PSA_ALG_ML_KEM, ct, cl, &o, &out), PSA_SUCCESS)) {
            n = take(out, got, sizeof got);
            CHECK_MEM(got, n, k, kl);
        }
        if (v->rejection) {
            /* Deterministic: the same ciphertext, the same key; the original
             * (unflipped) ciphertext is not known here, the answer is. */
            CHECK_STATUS(psa_decapsulate(key, PSA_ALG_ML_KEM, ct, cl, &o, &out), PSA_SUCCESS);
            n = take(out, again, sizeof again);
            CHECK_MEM(again, n, k, kl);
        }
        CHECK_STATUS(psa_destroy_key(key), PSA_SUCCESS);
    }
}

static void test_ml_kem_round_trips(void)
{
    size_t i;
    for (i = 0; i < 3; i++) {
        size_t bits = ml_bits[i], el = 0, cl = 0, n1, n2, sl = 0;
        uint8_t ek[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE], ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];
        uint8_t s1[64], s2[64], s3[64], seed[64];
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, bits, ENC | DEC | EXP, PSA_ALG_ML_KEM);
        psa_key_attributes_t o = secret_attrs(), got = psa_key_attributes_init();
        psa_key_id_t pair = 0, pub = 0, k1 = 0, k2 = 0, copy = 0;

        if (!CHECK_STATUS(psa_generate_key(&a, &pair), PSA_SUCCESS))
            continue;
        CHECK_STATUS(psa_get_key_attributes(pair, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == bits);
        CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_ML_KEM_KEY_PAIR);
        CHECK_STATUS(psa_export_key(pair, seed, sizeof seed, &sl), PSA_SUCCESS);
        CHECK(sl == 64 && sl == PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, bits));
        CHECK_STATUS(psa_export_public_key(pair, ek, sizeof ek, &el), PSA_SUCCESS);
        CHECK(el == PSA_EXPORT_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, bits));
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, ENC, PSA_ALG_ML_KEM, ek, el, &pub), PSA_SUCCESS);
        CHECK_STATUS(psa_get_key_attributes(pub, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == bits);

        /* Encapsulate to the public key, decapsulate with the pair. */
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, &k1, ct, sizeof ct, &cl), PSA_SUCCESS);
        CHECK(cl == PSA_ENCAPSULATE_CIPHERTEXT_SIZE(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, bits, PSA_ALG_ML_KEM));
        CHECK_STATUS(psa_get_key_attributes(k1, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == 256 && psa_get_key_type(&got) == PSA_KEY_TYPE_DERIVE);
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl, &o, &k2), PSA_SUCCESS);
        n1 = take(k1, s1, sizeof s1);
        n2 = take(k2, s2, sizeof s2);
        CHECK(n1 == 32);
        CHECK_MEM(s1, n1, s2, n2);

        /* A key pair encapsulates too; an exact-size buffer is enough. */
        CHECK_STATUS(psa_encapsulate(pair, PSA_ALG_ML_KEM, &o, &k1, ct, cl, &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl, &o, &k2), PSA_SUCCESS);
        n1 = take(k1, s1, sizeof s1);
        n2 = take(k2, s2, sizeof s2);
        CHECK_MEM(s1, n1, s2, n2);

        /* Implicit rejection: a corrupted ciphertext gives a key, another one. */
        ct[cl / 2] ^= 0x40;
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl, &o, &k2), PSA_SUCCESS);
        n2 = take(k2, s2, sizeof s2);
        CHECK(n2 == 32 && memcmp(s1, s2, 32) != 0);
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl, &o, &k2), PSA_SUCCESS);
        n2 = take(k2, s3, sizeof s3);
        CHECK_MEM(s2, 32, s3, n2);

        /* A re-imported seed is the same key; a copy too. */
        psa_set_key_usage_flags(&a, DEC);
        CHECK_STATUS(psa_import_key(&a, seed, sl, &copy), PSA_SUCCESS);
        CHECK_STATUS(psa_decapsulate(copy, PSA_ALG_ML_KEM, ct, cl, &o, &k2), PSA_SUCCESS);
        n2 = take(k2, s3, sizeof s3);
        CHECK_MEM(s2, 32, s3, n2);
        CHECK_STATUS(psa_destroy_key(copy), PSA_SUCCESS);

        /* The shared secret as a cipher key (ML-KEM's is uniform) and HMAC key. */
        {
            static const psa_key_type_t types[] = {PSA_KEY_TYPE_AES, PSA_KEY_TYPE_CHACHA20, PSA_KEY_TYPE_HMAC,
                                                   PSA_KEY_TYPE_ARIA, PSA_KEY_TYPE_CAMELLIA, PSA_KEY_TYPE_XCHACHA20};
            size_t t;
            for (t = 0; t < sizeof types / sizeof types[0]; t++) {
                psa_key_attributes_t c = ct_attrs(types[t], 256, EXP, PSA_ALG_NONE);
                CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &c, &k1, ct, sizeof ct, &cl), PSA_SUCCESS);
                CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl, &c, &k2), PSA_SUCCESS);
                n1 = take(k1, s1, sizeof s1);
                n2 = take(k2, s2, sizeof s2);
                CHECK_MEM(s1, n1, s2, n2);
            }
        }
        CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(pair), PSA_SUCCESS);
    }
}

static void test_ml_kem_key_errors(void)
{
    uint8_t seed[64] = {1}, ek[1568], big[65] = {0};
    size_t el = 0;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 0, ENC | DEC | EXP, PSA_ALG_ML_KEM);
    psa_key_id_t k = 0, pair = 0;

    /* A seed without its size: the parameter set is unknown. */
    CHECK_STATUS(psa_import_key(&a, seed, 64, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_bits(&a, 333);
    CHECK_STATUS(psa_import_key(&a, seed, 64, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_bits(&a, 768);
    CHECK_STATUS(psa_import_key(&a, seed, 63, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_import_key(&a, big, 65, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_import_key(&a, seed, 64, &pair), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(pair, ek, sizeof ek, &el), PSA_SUCCESS);
    CHECK(el == 1184);
    CHECK_STATUS(psa_export_public_key(pair, ek, 1183, &el), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK_STATUS(psa_export_public_key(pair, ek, sizeof ek, &el), PSA_SUCCESS);

    /* Public keys: the size comes from the length, which must be one of the three. */
    a = ct_attrs(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, 0, ENC, PSA_ALG_ML_KEM);
    CHECK_STATUS(psa_import_key(&a, ek, el - 1, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_bits(&a, 512);
    CHECK_STATUS(psa_import_key(&a, ek, el, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_bits(&a, 768);
    CHECK_STATUS(psa_import_key(&a, ek, el, &k), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    /* Modulus check (FIPS 203 §7.2): a coefficient >= q is refused. */
    ek[0] = 0xff;
    ek[1] |= 0x0f;
    CHECK_STATUS(psa_import_key(&a, ek, el, &k), PSA_ERROR_INVALID_ARGUMENT);
    /* A public key is not generated. */
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_destroy_key(pair), PSA_SUCCESS);
}

static void test_kem_errors(void)
{
    uint8_t ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE], aes[32] = {0}, ek[1568];
    size_t cl = 0, el = 0;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 512, ENC | DEC, PSA_ALG_ML_KEM);
    psa_key_attributes_t o = secret_attrs();
    psa_key_id_t pair = 0, pub = 0, other = 0, k = 0x1234, sym = 0, ecc = 0, nouse = 0;

    if (!CHECK_STATUS(psa_generate_key(&a, &pair), PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_export_public_key(pair, ek, sizeof ek, &el), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, ENC | DEC, PSA_ALG_ML_KEM, ek, el, &pub), PSA_SUCCESS);

    /* Not a key-encapsulation algorithm; an unknown one. */
    CHECK_STATUS(psa_encapsulate(pair, PSA_ALG_ECDH, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
    CHECK(k == PSA_KEY_ID_NULL && cl == 0);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256), ct, 768, &o, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_encapsulate(pair, 0x0c000300, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS(psa_decapsulate(pair, 0x0c000300, ct, 768, &o, &k), PSA_ERROR_NOT_SUPPORTED);
    /* Invalid handle. */
    CHECK_STATUS(psa_encapsulate(0x3ffffff1, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_decapsulate(0x3ffffff1, PSA_ALG_ML_KEM, ct, 768, &o, &k), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_encapsulate(PSA_KEY_ID_NULL, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_HANDLE);

    /* Usage: ENCRYPT for encapsulation, DECRYPT for decapsulation. */
    a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 512, DEC | EXP, PSA_ALG_ML_KEM);
    CHECK_STATUS(psa_generate_key(&a, &nouse), PSA_SUCCESS);
    CHECK_STATUS(psa_encapsulate(nouse, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_destroy_key(nouse), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 512, ENC, PSA_ALG_ML_KEM);
    CHECK_STATUS(psa_generate_key(&a, &nouse), PSA_SUCCESS);
    CHECK_STATUS(psa_encapsulate(nouse, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_decapsulate(nouse, PSA_ALG_ML_KEM, ct, cl, &o, &k), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_destroy_key(nouse), PSA_SUCCESS);
    /* Policy: another algorithm. */
    a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 512, ENC | DEC, PSA_ALG_ECIES_SEC1);
    CHECK_STATUS(psa_generate_key(&a, &other), PSA_SUCCESS);
    CHECK_STATUS(psa_encapsulate(other, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_decapsulate(other, PSA_ALG_ML_KEM, ct, 768, &o, &k), PSA_ERROR_NOT_PERMITTED);
    /* ...permitted but of the wrong type for it. */
    CHECK_STATUS(psa_encapsulate(other, PSA_ALG_ECIES_SEC1, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_destroy_key(other), PSA_SUCCESS);

    /* Wrong key types. */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, ENC | DEC, PSA_ALG_ML_KEM, aes, 32, &sym), PSA_SUCCESS);
    CHECK_STATUS(psa_encapsulate(sym, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_decapsulate(sym, PSA_ALG_ML_KEM, ct, 768, &o, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_destroy_key(sym), PSA_SUCCESS);
    {
        psa_key_attributes_t e = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, ENC | DEC, PSA_ALG_ML_KEM);
        CHECK_STATUS(psa_generate_key(&e, &ecc), PSA_SUCCESS);
        CHECK_STATUS(psa_encapsulate(ecc, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_decapsulate(ecc, PSA_ALG_ML_KEM, ct, 65, &o, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_destroy_key(ecc), PSA_SUCCESS);
    }
    /* A public key cannot decapsulate. */
    CHECK_STATUS(psa_decapsulate(pub, PSA_ALG_ML_KEM, ct, 768, &o, &k), PSA_ERROR_INVALID_ARGUMENT);

    /* Ciphertext buffer too small: no key is created. */
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, &k, ct, 767, &cl), PSA_ERROR_BUFFER_TOO_SMALL);
    CHECK(k == PSA_KEY_ID_NULL && cl == 0);
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, &k, NULL, 0, &cl), PSA_ERROR_BUFFER_TOO_SMALL);
    /* NULL outputs. */
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, NULL, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, NULL, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, &k, NULL, 1088, &cl), PSA_ERROR_INVALID_ARGUMENT);
    /* The attribute object inside the ciphertext buffer (overlap is legal input). */
    {
        union {
            psa_key_attributes_t a;
            uint8_t b[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];
        } u;
        psa_key_attributes_t got = psa_key_attributes_init();
        memset(&u, 0, sizeof u);
        u.a = secret_attrs();
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &u.a, &k, u.b, sizeof u.b, &cl), PSA_SUCCESS);
        CHECK(cl == 768);
        CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS);
        CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_DERIVE && psa_get_key_bits(&got) == 256);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        /* ...and in the decapsulation's ciphertext: it is only read. */
        memcpy(ct, u.b, cl);
        u.a = secret_attrs();
        memcpy(u.b + sizeof u.a, ct + sizeof u.a, cl - sizeof u.a);
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, u.b, cl, &u.a, &k), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, 768, &o, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, 768, NULL, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, NULL, 768, &o, &k), PSA_ERROR_INVALID_ARGUMENT);

    /* Bad ciphertext lengths. */
    CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl - 1, &o, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK(k == PSA_KEY_ID_NULL);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, cl + 1, &o, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, 1088, &o, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, NULL, 0, &o, &k), PSA_ERROR_INVALID_ARGUMENT);

    /* Output attributes: size, type, usage, lifetime. */
    {
        psa_key_attributes_t b = secret_attrs();
        psa_set_key_bits(&b, 128);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ML_KEM, ct, 768, &b, &k), PSA_ERROR_INVALID_ARGUMENT);
        psa_set_key_bits(&b, 256);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        b = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 0, EXP, PSA_ALG_NONE);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        b = ct_attrs(PSA_KEY_TYPE_DES, 0, EXP, PSA_ALG_NONE);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        b = ct_attrs(PSA_KEY_TYPE_RAW_DATA, 0, EXP, PSA_ALG_NONE);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        b = psa_key_attributes_init();
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_NOT_SUPPORTED);
        b = secret_attrs();
        psa_set_key_usage_flags(&b, 0x80000000u);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        b = secret_attrs();
        psa_set_key_lifetime(&b, PSA_KEY_LIFETIME_PERSISTENT);
        psa_set_key_id(&b, 0); /* a persistent key needs an id */
        psa_set_key_lifetime(&b, PSA_KEY_LIFETIME_PERSISTENT);
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        CHECK(k == PSA_KEY_ID_NULL && cl == 0);
    }
    CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(pair), PSA_SUCCESS);
}

typedef struct {
    psa_ecc_family_t family;
    size_t bits;
} curve_t;

static const curve_t ecies_curves[] = {
    {PSA_ECC_FAMILY_SECP_R1, 192}, {PSA_ECC_FAMILY_SECP_R1, 224}, {PSA_ECC_FAMILY_SECP_R1, 256}, {PSA_ECC_FAMILY_SECP_R1, 384},
    {PSA_ECC_FAMILY_SECP_R1, 521}, {PSA_ECC_FAMILY_SECP_K1, 256}, {PSA_ECC_FAMILY_BRAINPOOL_P_R1, 256},
    {PSA_ECC_FAMILY_BRAINPOOL_P_R1, 384}, {PSA_ECC_FAMILY_BRAINPOOL_P_R1, 512},
    {PSA_ECC_FAMILY_MONTGOMERY, 255}, {PSA_ECC_FAMILY_MONTGOMERY, 448},
};

static void test_ecies(void)
{
    size_t i;
    for (i = 0; i < sizeof ecies_curves / sizeof ecies_curves[0]; i++) {
        const curve_t *c = &ecies_curves[i];
        psa_key_type_t pt = PSA_KEY_TYPE_ECC_KEY_PAIR(c->family), pubt = PSA_KEY_TYPE_ECC_PUBLIC_KEY(c->family);
        psa_key_attributes_t a = ct_attrs(pt, c->bits, ENC | DEC | EXP, PSA_ALG_ECIES_SEC1);
        psa_key_attributes_t o = secret_attrs(), got = psa_key_attributes_init();
        uint8_t priv[80], pubk[200], ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE], ct2[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];
        uint8_t s1[80], s2[80], raw[80];
        size_t pl = 0, pkl = 0, cl = 0, n1, n2, rl = 0;
        size_t want_ct = PSA_ENCAPSULATE_CIPHERTEXT_SIZE(pt, c->bits, PSA_ALG_ECIES_SEC1);
        psa_key_id_t pair = 0, pub = 0, dh = 0, k1 = 0, k2 = 0;

        if (!CHECK_STATUS(psa_generate_key(&a, &pair), PSA_SUCCESS)) {
            printf("ECIES curve family 0x%02x bits %u\n", c->family, (unsigned)c->bits);
            continue;
        }
        CHECK_STATUS(psa_export_key(pair, priv, sizeof priv, &pl), PSA_SUCCESS);
        CHECK_STATUS(psa_export_public_key(pair, pubk, sizeof pubk, &pkl), PSA_SUCCESS);
        CHECK(want_ct == pkl);
        CHECK(want_ct == PSA_ENCAPSULATE_CIPHERTEXT_SIZE(pubt, c->bits, PSA_ALG_ECIES_SEC1));
        CHECK_STATUS(ct_import(pubt, ENC | DEC, PSA_ALG_ECIES_SEC1, pubk, pkl, &pub), PSA_SUCCESS);
        /* The same private key for plain ECDH: the independent check of Z. */
        CHECK_STATUS(ct_import(pt, PSA_KEY_USAGE_DERIVE, PSA_ALG_ECDH, priv, pl, &dh), PSA_SUCCESS);

        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ECIES_SEC1, &o, &k1, ct, sizeof ct, &cl), PSA_SUCCESS);
        CHECK(cl == want_ct);
        CHECK_STATUS(psa_get_key_attributes(k1, &got), PSA_SUCCESS);
        CHECK(psa_get_key_bits(&got) == 8 * PSA_BITS_TO_BYTES(c->bits));
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ECIES_SEC1, ct, cl, &o, &k2), PSA_SUCCESS);
        n1 = take(k1, s1, sizeof s1);
        n2 = take(k2, s2, sizeof s2);
        CHECK(n1 == PSA_BITS_TO_BYTES(c->bits));
        CHECK_MEM(s1, n1, s2, n2);
        /* Z is the ECDH secret of the recipient's key and the ephemeral public key. */
        CHECK_STATUS(psa_raw_key_agreement(PSA_ALG_ECDH, dh, ct, cl, raw, sizeof raw, &rl), PSA_SUCCESS);
        CHECK_MEM(raw, rl, s1, n1);
        /* A second encapsulation uses another ephemeral key. */
        CHECK_STATUS(psa_encapsulate(pair, PSA_ALG_ECIES_SEC1, &o, &k1, ct2, sizeof ct2, &rl), PSA_SUCCESS);
        CHECK(rl == cl && memcmp(ct2, ct, cl) != 0);
        CHECK_STATUS(psa_destroy_key(k1), PSA_SUCCESS);

        /* Errors: buffer, ciphertext length, invalid point, public key, output type. */
        CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ECIES_SEC1, &o, &k1, ct, want_ct - 1, &cl), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ECIES_SEC1, ct, want_ct - 1, &o, &k2), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_decapsulate(pub, PSA_ALG_ECIES_SEC1, ct, want_ct, &o, &k2), PSA_ERROR_INVALID_ARGUMENT);
        if (c->family != PSA_ECC_FAMILY_MONTGOMERY) {
            memset(ct + 1, 0xff, want_ct - 1); /* not on the curve */
            CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ECIES_SEC1, ct, want_ct, &o, &k2), PSA_ERROR_INVALID_ARGUMENT);
        } else {
            memset(ct, 0, want_ct); /* a low-order point: no contributory secret */
            CHECK_STATUS(psa_decapsulate(pair, PSA_ALG_ECIES_SEC1, ct, want_ct, &o, &k2), PSA_ERROR_INVALID_ARGUMENT);
        }
        {
            psa_key_attributes_t b = ct_attrs(PSA_KEY_TYPE_AES, 0, EXP, PSA_ALG_NONE);
            CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ECIES_SEC1, &b, &k1, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
            b = ct_attrs(PSA_KEY_TYPE_HMAC, 0, EXP, PSA_ALG_HMAC(PSA_ALG_SHA_256));
            CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ECIES_SEC1, &b, &k1, ct, sizeof ct, &cl), PSA_SUCCESS);
            CHECK_STATUS(psa_destroy_key(k1), PSA_SUCCESS);
            CHECK_STATUS(psa_encapsulate(pub, PSA_ALG_ML_KEM, &b, &k1, ct, sizeof ct, &cl), PSA_ERROR_NOT_PERMITTED);
        }
        CHECK_STATUS(psa_destroy_key(dh), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(pub), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(pair), PSA_SUCCESS);
    }
    /* Edwards curves have no ECIES. */
    {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255, ENC | DEC,
                                          PSA_ALG_ECIES_SEC1);
        psa_key_attributes_t o = secret_attrs();
        psa_key_id_t k = 0, out = 0;
        uint8_t ct[64] = {0};
        size_t cl = 0;
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
        CHECK_STATUS(psa_encapsulate(k, PSA_ALG_ECIES_SEC1, &o, &out, ct, sizeof ct, &cl), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_decapsulate(k, PSA_ALG_ECIES_SEC1, ct, 32, &o, &out), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
}

/* psa_key_derivation_output_key of an ML-KEM key pair (1.3): the first 32
 * bytes drawn are d, the next 32 z: the seed equals the derivation's bytes. */
static void derive_hkdf(psa_key_derivation_operation_t *op)
{
    static const uint8_t ikm[32] = {9, 8, 7};
    CHECK_STATUS(psa_key_derivation_setup(op, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_SECRET, ikm, sizeof ikm), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_input_bytes(op, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)"ml-kem", 6),
                 PSA_SUCCESS);
}

static void test_derivation(void)
{
    uint8_t bytes[64], seed[64], ek[1568], ct[1568];
    size_t n = 0, el = 0, cl = 0;
    psa_key_derivation_operation_t op = PSA_KEY_DERIVATION_OPERATION_INIT;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 768, ENC | DEC | EXP, PSA_ALG_ML_KEM);
    psa_key_attributes_t o = secret_attrs();
    psa_key_id_t k = 0, s1 = 0, s2 = 0;

    derive_hkdf(&op);
    CHECK_STATUS(psa_key_derivation_output_bytes(&op, bytes, sizeof bytes), PSA_SUCCESS);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    derive_hkdf(&op);
    /* Only derivation from a key may make keys: the secret is a key here. */
    CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &k), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
    {
        static const uint8_t ikm[32] = {9, 8, 7};
        psa_key_id_t secret = 0;
        int round;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_DERIVE, PSA_KEY_USAGE_DERIVE, PSA_ALG_HKDF(PSA_ALG_SHA_256), ikm, 32, &secret),
                     PSA_SUCCESS);
        for (round = 0; round < 2; round++) {
            CHECK_STATUS(psa_key_derivation_setup(&op, PSA_ALG_HKDF(PSA_ALG_SHA_256)), PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_SALT, (const uint8_t *)"salt", 4),
                         PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_input_key(&op, PSA_KEY_DERIVATION_INPUT_SECRET, secret), PSA_SUCCESS);
            CHECK_STATUS(
                psa_key_derivation_input_bytes(&op, PSA_KEY_DERIVATION_INPUT_INFO, (const uint8_t *)"ml-kem", 6),
                PSA_SUCCESS);
            /* First round: a size that is no parameter set. */
            psa_set_key_bits(&a, round == 0 ? 333 : 768);
            CHECK_STATUS(psa_key_derivation_output_key(&a, &op, &k),
                         round == 0 ? PSA_ERROR_INVALID_ARGUMENT : PSA_SUCCESS);
            CHECK_STATUS(psa_key_derivation_abort(&op), PSA_SUCCESS);
        }
        CHECK_STATUS(psa_destroy_key(secret), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_export_key(k, seed, sizeof seed, &n), PSA_SUCCESS);
    CHECK_MEM(seed, n, bytes, sizeof bytes);
    CHECK_STATUS(psa_export_public_key(k, ek, sizeof ek, &el), PSA_SUCCESS);
    CHECK(el == 1184);
    CHECK_STATUS(psa_encapsulate(k, PSA_ALG_ML_KEM, &o, &s1, ct, sizeof ct, &cl), PSA_SUCCESS);
    CHECK_STATUS(psa_decapsulate(k, PSA_ALG_ML_KEM, ct, cl, &o, &s2), PSA_SUCCESS);
    {
        uint8_t x[64], y[64];
        size_t nx = take(s1, x, sizeof x), ny = take(s2, y, sizeof y);
        CHECK_MEM(x, nx, y, ny);
    }
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

/* A persistent ML-KEM key pair survives a restart of the library, and so does
 * a persistent shared-secret key. */
static void test_persistence(void)
{
    char *dir;
    uint8_t ct[PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE], s1[64], s2[64];
    size_t cl = 0, n1, n2;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 1024, ENC | DEC, PSA_ALG_ML_KEM);
    psa_key_attributes_t o = secret_attrs(), p = secret_attrs(), got = psa_key_attributes_init();
    psa_key_id_t key = 0, k1 = 0, k2 = 0;

    mbedtls_psa_crypto_free();
    dir = ct_make_temp_dir("kem");
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    psa_set_key_id(&a, 0x00004b01);
    psa_set_key_id(&p, 0x00004b02);
    CHECK_STATUS(psa_generate_key(&a, &key), PSA_SUCCESS);
    CHECK(key == 0x00004b01);
    CHECK_STATUS(psa_encapsulate(key, PSA_ALG_ML_KEM, &o, &k1, ct, sizeof ct, &cl), PSA_SUCCESS);
    CHECK_STATUS(psa_decapsulate(key, PSA_ALG_ML_KEM, ct, cl, &p, &k2), PSA_SUCCESS);
    CHECK(k2 == 0x00004b02);
    /* Creating the persistent output key again: it exists. */
    CHECK_STATUS(psa_decapsulate(key, PSA_ALG_ML_KEM, ct, cl, &p, &k2), PSA_ERROR_ALREADY_EXISTS);
    n1 = take(k1, s1, sizeof s1);

    mbedtls_psa_crypto_free();
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    CHECK_STATUS(psa_get_key_attributes(0x00004b01, &got), PSA_SUCCESS);
    CHECK(psa_get_key_bits(&got) == 1024 && psa_get_key_type(&got) == PSA_KEY_TYPE_ML_KEM_KEY_PAIR);
    CHECK_STATUS(psa_decapsulate(0x00004b01, PSA_ALG_ML_KEM, ct, cl, &o, &k2), PSA_SUCCESS);
    n2 = take(k2, s2, sizeof s2);
    CHECK_MEM(s1, n1, s2, n2);
    n2 = take(0x00004b02, s2, sizeof s2);
    CHECK_MEM(s1, n1, s2, n2);
    CHECK_STATUS(psa_destroy_key(0x00004b01), PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
}

int main(void)
{
    psa_key_attributes_t o = secret_attrs();
    psa_key_id_t k = 0;
    uint8_t ct[8];
    size_t cl = 0;
    /* Before psa_crypto_init. */
    CHECK_STATUS(psa_encapsulate(1, PSA_ALG_ML_KEM, &o, &k, ct, sizeof ct, &cl), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_decapsulate(1, PSA_ALG_ML_KEM, ct, sizeof ct, &o, &k), PSA_ERROR_BAD_STATE);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_known_answers();
    test_ml_kem_round_trips();
    test_ml_kem_key_errors();
    test_kem_errors();
    test_ecies();
    test_derivation();
    test_persistence();
    mbedtls_psa_crypto_free();
    return report();
}
