/* ctests/test_key_wrap.c - key wrapping (PSA Crypto API 1.4) and psa_check_key_usage.
 *
 *   vectors   RFC 3394 section 4.1/4.6 and RFC 5649 section 6 through psa_wrap_key, then
 *             psa_unwrap_key gives back a key with the same export form.
 *   asym      ECC (P-256, P-521, Ed25519) and RSA-2048 key pairs wrapped with KWP and
 *             KW under AES, unwrapped into new keys that sign what the originals verify;
 *             HMAC keys under ARIA and Camellia key-encryption keys of every size;
 *             every output within PSA_WRAP_KEY_OUTPUT_SIZE and PSA_WRAP_KEY_PAIR_MAX_SIZE.
 *   errors    every status of psa_wrap_key / psa_unwrap_key at the C boundary: before
 *             init, bad algorithms, handles, usages, policies, key types, sizes,
 *             buffers, NULL pointers; a tampered blob gives INVALID_SIGNATURE and
 *             creates nothing (not even the persistent id it named).
 *   check     psa_check_key_usage: management and cryptographic flags, roles, key
 *             compatibility, permissions, DERIVE_PUBLIC, the ECDSA verification
 *             relaxation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static uint8_t buf[8192];
static uint8_t buf2[8192];

static psa_key_id_t kek(size_t bytes, psa_key_usage_t usage, psa_algorithm_t alg)
{
    static const uint8_t k[32] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a,
                                  0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
                                  0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f};
    psa_key_id_t id = 0;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, usage, alg, k, bytes, &id), PSA_SUCCESS);
    return id;
}

/* Wraps `key` with `w`, unwraps it with the same attributes and checks that the
 * export forms agree; returns the new key (0 on failure). */
static psa_key_id_t roundtrip(psa_key_id_t w, psa_algorithm_t alg, psa_key_id_t key)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT, wa = PSA_KEY_ATTRIBUTES_INIT;
    size_t n = 0, e1 = 0, e2 = 0;
    psa_key_id_t out = 0;
    if (!CHECK_STATUS(psa_get_key_attributes(key, &a), PSA_SUCCESS))
        return 0;
    CHECK_STATUS(psa_get_key_attributes(w, &wa), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_wrap_key(w, alg, key, buf, sizeof buf, &n), PSA_SUCCESS))
        return 0;
    CHECK(n <= PSA_WRAP_KEY_OUTPUT_SIZE(psa_get_key_type(&wa), alg, psa_get_key_type(&a),
                                        psa_get_key_bits(&a)));
    if (PSA_KEY_TYPE_IS_KEY_PAIR(psa_get_key_type(&a)))
        CHECK(n <= PSA_WRAP_KEY_PAIR_MAX_SIZE);
    psa_set_key_id(&a, PSA_KEY_ID_NULL);
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_VOLATILE);
    if (!CHECK_STATUS(psa_unwrap_key(&a, w, alg, buf, n, &out), PSA_SUCCESS))
        return 0;
    CHECK_STATUS(psa_export_key(key, buf, sizeof buf, &e1), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(out, buf2, sizeof buf2, &e2), PSA_SUCCESS);
    CHECK_MEM(buf2, e2, buf, e1);
    psa_reset_key_attributes(&a);
    psa_reset_key_attributes(&wa);
    return out;
}

static void test_vectors(void)
{
    /* RFC 3394: (KEK bytes, key bytes, wrapped) */
    static const struct {
        size_t kek, key;
        const char *wrapped;
    } kw[] = {
        {16, 16, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"},
        {24, 16, "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D"},
        {32, 16, "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7"},
        {24, 24, "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2"},
        {32, 24, "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1"},
        {32, 32, "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"},
    };
    uint8_t data[32], expect[48];
    size_t i, n, m;
    ct_unhex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", data, sizeof data);
    for (i = 0; i < sizeof kw / sizeof kw[0]; i++) {
        psa_key_id_t w = kek(kw[i].kek, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, PSA_ALG_KW);
        psa_key_id_t k = 0, u;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, kw[i].key, &k),
                     PSA_SUCCESS);
        n = 0;
        CHECK_STATUS(psa_wrap_key(w, PSA_ALG_KW, k, buf, sizeof buf, &n), PSA_SUCCESS);
        m = ct_unhex(kw[i].wrapped, expect, sizeof expect);
        CHECK_MEM(buf, n, expect, m);
        CHECK(n == PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KW, PSA_KEY_TYPE_AES,
                                            8 * kw[i].key));
        u = roundtrip(w, PSA_ALG_KW, k);
        CHECK(u != 0);
        psa_destroy_key(u);
        psa_destroy_key(k);
        psa_destroy_key(w);
    }
    /* RFC 5649: a 20-byte and a 7-byte key under a 192-bit KEK */
    static const struct {
        const char *key, *wrapped;
    } kwp[] = {
        {"c37b7e6492584340bed12207808941155068f738",
         "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a"},
        {"466f7250617369", "afbeb0f07dfbf5419200f2ccb50bb24f"},
    };
    uint8_t kek192[24];
    ct_unhex("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", kek192, sizeof kek192);
    for (i = 0; i < 2; i++) {
        psa_key_id_t w = 0, k = 0, u;
        size_t kl = ct_unhex(kwp[i].key, data, sizeof data);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP,
                               PSA_ALG_KWP, kek192, 24, &w),
                     PSA_SUCCESS);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, kl, &k),
                     PSA_SUCCESS);
        n = 0;
        CHECK_STATUS(psa_wrap_key(w, PSA_ALG_KWP, k, buf, sizeof buf, &n), PSA_SUCCESS);
        m = ct_unhex(kwp[i].wrapped, expect, sizeof expect);
        CHECK_MEM(buf, n, expect, m);
        CHECK(n <= PSA_WRAP_KEY_OUTPUT_SIZE(PSA_KEY_TYPE_AES, PSA_ALG_KWP,
                                            PSA_KEY_TYPE_RAW_DATA, 8 * kl));
        u = roundtrip(w, PSA_ALG_KWP, k);
        CHECK(u != 0);
        psa_destroy_key(u);
        psa_destroy_key(k);
        psa_destroy_key(w);
    }
}

static void sign_with_copy(psa_key_id_t orig, psa_key_id_t copy, psa_algorithm_t alg)
{
    static const uint8_t msg[] = "wrapped and unwrapped";
    uint8_t sig[PSA_SIGNATURE_MAX_SIZE];
    size_t n = 0;
    CHECK_STATUS(psa_sign_message(copy, alg, msg, sizeof msg, sig, sizeof sig, &n), PSA_SUCCESS);
    CHECK_STATUS(psa_verify_message(orig, alg, msg, sizeof msg, sig, n), PSA_SUCCESS);
}

static void test_asymmetric(void)
{
    psa_key_usage_t u = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
    psa_key_id_t w_kwp = kek(32, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, PSA_ALG_KWP);
    psa_key_id_t w_kw = kek(16, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, PSA_ALG_KW);
    static const struct {
        psa_key_type_t t;
        size_t bits;
        psa_algorithm_t alg;
    } keys[] = {
        {PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256, PSA_ALG_ECDSA(PSA_ALG_SHA_256)},
        {PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 521, PSA_ALG_ECDSA(PSA_ALG_SHA_512)},
        {PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS), 255, PSA_ALG_PURE_EDDSA},
        {PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, PSA_ALG_RSA_PSS(PSA_ALG_SHA_256)},
    };
    size_t i;
    for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        psa_key_attributes_t a = ct_attrs(keys[i].t, keys[i].bits, u, keys[i].alg);
        psa_key_id_t k = 0, c;
        if (!CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS))
            continue;
        c = roundtrip(w_kwp, PSA_ALG_KWP, k);
        if (c) {
            sign_with_copy(k, c, keys[i].alg);
            psa_destroy_key(c);
        }
        /* P-256 (32 bytes) and Ed25519 (32 bytes) also fit AES-KW; P-521 (66) does not */
        if (keys[i].t != PSA_KEY_TYPE_RSA_KEY_PAIR && keys[i].bits != 521) {
            c = roundtrip(w_kw, PSA_ALG_KW, k);
            if (c) {
                sign_with_copy(k, c, keys[i].alg);
                psa_destroy_key(c);
            }
        } else if (keys[i].bits == 521) {
            size_t n = 1;
            CHECK_STATUS(psa_wrap_key(w_kw, PSA_ALG_KW, k, buf, sizeof buf, &n),
                         PSA_ERROR_INVALID_ARGUMENT);
            CHECK(n == 0);
        }
        psa_destroy_key(k);
    }
    psa_destroy_key(w_kwp);
    psa_destroy_key(w_kw);
    /* ARIA and Camellia key-encryption keys (the spec's 128-bit block ciphers) */
    {
        static const psa_key_type_t keks[] = {PSA_KEY_TYPE_ARIA, PSA_KEY_TYPE_CAMELLIA};
        static const uint8_t kk[32] = {0x42, 7, 9};
        size_t j, sz;
        for (j = 0; j < 2; j++) {
            for (sz = 16; sz <= 32; sz += 8) {
                psa_key_id_t w = 0, k = 0, c;
                psa_algorithm_t alg = sz == 24 ? PSA_ALG_KW : PSA_ALG_KWP;
                psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_HMAC, 200, PSA_KEY_USAGE_EXPORT, 0);
                CHECK_STATUS(ct_import(keks[j], PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, alg, kk, sz, &w),
                             PSA_SUCCESS);
                if (alg == PSA_ALG_KW)
                    psa_set_key_bits(&a, 256);
                CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS);
                c = roundtrip(w, alg, k);
                CHECK(c != 0);
                psa_destroy_key(c);
                psa_destroy_key(k);
                psa_destroy_key(w);
            }
        }
    }
}

static void test_errors(void)
{
    static const uint8_t k16[16] = {9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6};
    static const uint8_t k20[20] = {1};
    psa_key_id_t w = kek(16, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, PSA_ALG_KW);
    psa_key_id_t w_only = kek(16, PSA_KEY_USAGE_WRAP, PSA_ALG_KW);
    psa_key_id_t unwrap_only = kek(16, PSA_KEY_USAGE_UNWRAP, PSA_ALG_KW);
    psa_key_id_t w_kwp_policy = kek(16, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, PSA_ALG_KWP);
    psa_key_id_t w_unknown = kek(16, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP, 0x0b000300);
    psa_key_id_t hmac_kek = 0, target = 0, noexport = 0, odd = 0, u = 0;
    psa_key_attributes_t a;
    size_t n;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP,
                           PSA_ALG_KW, k16, 16, &hmac_kek),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, k16, 16, &target), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR, k16, 16, &noexport),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, 0, k20, 20, &odd), PSA_SUCCESS);

    /* psa_wrap_key */
#define WRAP(wk, alg, key, size, expect)                                                        \
    do {                                                                                        \
        n = 77;                                                                                 \
        CHECK_STATUS(psa_wrap_key((wk), (alg), (key), buf, (size), &n), (expect));             \
        CHECK(n == ((expect) == PSA_SUCCESS ? 24u : 0u));                                       \
    } while (0)
    WRAP(w, PSA_ALG_KW, target, sizeof buf, PSA_SUCCESS);
    WRAP(w, PSA_ALG_GCM, target, sizeof buf, PSA_ERROR_INVALID_ARGUMENT);
    WRAP(w, PSA_ALG_NONE, target, sizeof buf, PSA_ERROR_INVALID_ARGUMENT);
    WRAP(w, PSA_ALG_KWP, target, sizeof buf, PSA_ERROR_NOT_PERMITTED);
    WRAP(w_kwp_policy, PSA_ALG_KW, target, sizeof buf, PSA_ERROR_NOT_PERMITTED);
    WRAP(unwrap_only, PSA_ALG_KW, target, sizeof buf, PSA_ERROR_NOT_PERMITTED);
    WRAP(w_unknown, 0x0b000300, target, sizeof buf, PSA_ERROR_NOT_SUPPORTED);
    WRAP(hmac_kek, PSA_ALG_KW, target, sizeof buf, PSA_ERROR_INVALID_ARGUMENT);
    {
        /* DES has a 64-bit block: not a KW cipher */
        static const uint8_t des[24] = {1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28};
        psa_key_id_t dk = 0;
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_DES, PSA_KEY_USAGE_WRAP, PSA_ALG_KW, des, 24, &dk), PSA_SUCCESS);
        WRAP(dk, PSA_ALG_KW, target, sizeof buf, PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(dk);
    }
    WRAP(0, PSA_ALG_KW, target, sizeof buf, PSA_ERROR_INVALID_HANDLE);
    WRAP(0x3ffffff0, PSA_ALG_KW, target, sizeof buf, PSA_ERROR_INVALID_HANDLE);
    WRAP(w, PSA_ALG_KW, 0, sizeof buf, PSA_ERROR_INVALID_HANDLE);
    WRAP(w, PSA_ALG_KW, noexport, sizeof buf, PSA_ERROR_NOT_PERMITTED);
    WRAP(w, PSA_ALG_KW, odd, sizeof buf, PSA_ERROR_INVALID_ARGUMENT);
    WRAP(w, PSA_ALG_KW, target, 23, PSA_ERROR_BUFFER_TOO_SMALL);
    WRAP(w, PSA_ALG_KW, target, 0, PSA_ERROR_BUFFER_TOO_SMALL);
    WRAP(w_only, PSA_ALG_KW, target, sizeof buf, PSA_SUCCESS);
    CHECK_STATUS(psa_wrap_key(w, PSA_ALG_KW, target, buf, sizeof buf, NULL),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_wrap_key(w, PSA_ALG_KW, target, NULL, 24, &n), PSA_ERROR_INVALID_ARGUMENT);
    /* the 20-byte key wraps with KWP (policy KWP) */
    n = 0;
    CHECK_STATUS(psa_wrap_key(w_kwp_policy, PSA_ALG_KWP, odd, buf, sizeof buf, &n), PSA_SUCCESS);
    CHECK(n == 32);

    /* psa_unwrap_key */
    uint8_t blob[24];
    n = 0;
    CHECK_STATUS(psa_wrap_key(w, PSA_ALG_KW, target, blob, sizeof blob, &n), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR);
#define UNWRAP(attrs, wk, alg, data, len, expect)                                               \
    do {                                                                                        \
        u = 0x1234;                                                                             \
        CHECK_STATUS(psa_unwrap_key((attrs), (wk), (alg), (data), (len), &u), (expect));       \
        if ((expect) == PSA_SUCCESS)                                                            \
            psa_destroy_key(u);                                                                 \
        else                                                                                    \
            CHECK(u == PSA_KEY_ID_NULL);                                                        \
    } while (0)
    UNWRAP(&a, w, PSA_ALG_KW, blob, 24, PSA_SUCCESS);
    UNWRAP(&a, unwrap_only, PSA_ALG_KW, blob, 24, PSA_SUCCESS);
    UNWRAP(&a, w_only, PSA_ALG_KW, blob, 24, PSA_ERROR_NOT_PERMITTED);
    UNWRAP(&a, w, PSA_ALG_KWP, blob, 24, PSA_ERROR_NOT_PERMITTED);
    UNWRAP(&a, w, PSA_ALG_CTR, blob, 24, PSA_ERROR_INVALID_ARGUMENT);
    UNWRAP(&a, w_unknown, 0x0b000300, blob, 24, PSA_ERROR_NOT_SUPPORTED);
    UNWRAP(&a, hmac_kek, PSA_ALG_KW, blob, 24, PSA_ERROR_INVALID_ARGUMENT);
    UNWRAP(&a, 0, PSA_ALG_KW, blob, 24, PSA_ERROR_INVALID_HANDLE);
    UNWRAP(&a, w, PSA_ALG_KW, blob, 23, PSA_ERROR_INVALID_ARGUMENT);
    UNWRAP(&a, w, PSA_ALG_KW, blob, 16, PSA_ERROR_INVALID_ARGUMENT);
    UNWRAP(&a, w, PSA_ALG_KW, NULL, 0, PSA_ERROR_INVALID_ARGUMENT);
    UNWRAP(NULL, w, PSA_ALG_KW, blob, 24, PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_unwrap_key(&a, w, PSA_ALG_KW, blob, 24, NULL), PSA_ERROR_INVALID_ARGUMENT);
    /* a declared size that is not the unwrapped one */
    {
        psa_key_attributes_t b = ct_attrs(PSA_KEY_TYPE_AES, 256, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR);
        UNWRAP(&b, w, PSA_ALG_KW, blob, 24, PSA_ERROR_INVALID_ARGUMENT);
        psa_key_attributes_t c = ct_attrs(PSA_KEY_TYPE_NONE, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR);
        UNWRAP(&c, w, PSA_ALG_KW, blob, 24, PSA_ERROR_NOT_SUPPORTED);
        psa_key_attributes_t d = ct_attrs(PSA_KEY_TYPE_AES, 0, 0x80000000u, PSA_ALG_CTR);
        UNWRAP(&d, w, PSA_ALG_KW, blob, 24, PSA_ERROR_INVALID_ARGUMENT);
    }
    /* a tampered blob (every byte in turn): INVALID_SIGNATURE, and nothing is created,
     * not even the persistent key the attributes name */
    {
        psa_key_attributes_t p = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR);
        psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
        size_t i;
        int bad = 0;
        psa_set_key_id(&p, 0x00a14001);
        for (i = 0; i < 24; i++) {
            blob[i] ^= 0x40;
            u = 0x77;
            if (psa_unwrap_key(&p, w, PSA_ALG_KW, blob, 24, &u) != PSA_ERROR_INVALID_SIGNATURE ||
                u != 0)
                bad++;
            blob[i] ^= 0x40;
        }
        CHECK(bad == 0);
        CHECK_STATUS(psa_get_key_attributes(0x00a14001, &got), PSA_ERROR_INVALID_HANDLE);
        /* the intact blob creates it, and a second unwrap finds it */
        UNWRAP(&p, w, PSA_ALG_KW, blob, 24, PSA_SUCCESS);
        CHECK_STATUS(psa_unwrap_key(&p, w, PSA_ALG_KW, blob, 24, &u), PSA_SUCCESS);
        CHECK(u == 0x00a14001);
        CHECK_STATUS(psa_unwrap_key(&p, w, PSA_ALG_KW, blob, 24, &u), PSA_ERROR_ALREADY_EXISTS);
        CHECK(u == 0);
        CHECK_STATUS(psa_destroy_key(0x00a14001), PSA_SUCCESS);
    }
    /* an overlapping input/output pair is legal for psa_unwrap_key's id output */
    psa_destroy_key(w);
    psa_destroy_key(w_only);
    psa_destroy_key(unwrap_only);
    psa_destroy_key(w_kwp_policy);
    psa_destroy_key(w_unknown);
    psa_destroy_key(hmac_kek);
    psa_destroy_key(target);
    psa_destroy_key(noexport);
    psa_destroy_key(odd);
#undef WRAP
#undef UNWRAP
}

static void test_check_key_usage(void)
{
    static const uint8_t k16[16] = {3};
    psa_key_id_t aes = 0, hmac = 0, ecc = 0, pub = 0, rsa = 0, x25519 = 0;
    psa_algorithm_t ecdsa = PSA_ALG_ECDSA(PSA_ALG_SHA_256);
    psa_algorithm_t det = PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA_256);
    uint8_t pubkey[PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    size_t n = 0;
    psa_key_attributes_t a;
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_EXPORT, PSA_ALG_GCM,
                           k16, 16, &aes),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE,
                           PSA_ALG_HMAC(PSA_ALG_SHA_256), k16, 16, &hmac),
                 PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1), 256,
                 PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH, ecdsa);
    CHECK_STATUS(psa_generate_key(&a, &ecc), PSA_SUCCESS);
    CHECK_STATUS(psa_export_public_key(ecc, pubkey, sizeof pubkey, &n), PSA_SUCCESS);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1),
                           PSA_KEY_USAGE_VERIFY_MESSAGE, det, pubkey, n, &pub),
                 PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 1024, PSA_KEY_USAGE_DECRYPT, PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256));
    CHECK_STATUS(psa_generate_key(&a, &rsa), PSA_SUCCESS);
    a = ct_attrs(PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_MONTGOMERY), 255, 0, PSA_ALG_ECDH);
    CHECK_STATUS(psa_generate_key(&a, &x25519), PSA_SUCCESS);

    /* key-management flags: alg must be PSA_ALG_NONE */
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_NONE, PSA_KEY_USAGE_EXPORT), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_NONE, PSA_KEY_USAGE_COPY), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, PSA_KEY_USAGE_EXPORT), PSA_ERROR_INVALID_ARGUMENT);
    /* usage must be one defined flag */
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, 0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, 0x00400000), PSA_ERROR_INVALID_ARGUMENT);
    /* cryptographic flags: a specific algorithm in which the flag is a role */
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, PSA_KEY_USAGE_ENCRYPT), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, PSA_KEY_USAGE_DECRYPT), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_CTR, PSA_KEY_USAGE_ENCRYPT), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_NONE, PSA_KEY_USAGE_ENCRYPT), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, PSA_KEY_USAGE_SIGN_HASH), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 9),
                                     PSA_KEY_USAGE_ENCRYPT),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_GCM, 12),
                                     PSA_KEY_USAGE_ENCRYPT),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_CHACHA20_POLY1305, PSA_KEY_USAGE_ENCRYPT),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(0, PSA_ALG_GCM, PSA_KEY_USAGE_ENCRYPT), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_check_key_usage(hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_USAGE_SIGN_MESSAGE),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(hmac, PSA_ALG_HMAC(PSA_ALG_SHA_256), PSA_KEY_USAGE_VERIFY_MESSAGE),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(hmac, PSA_ALG_CMAC, PSA_KEY_USAGE_SIGN_MESSAGE),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(hmac, PSA_ALG_SHA_256, PSA_KEY_USAGE_SIGN_MESSAGE),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* signatures: SIGN_HASH implies SIGN_MESSAGE; the policy is randomized ECDSA */
    CHECK_STATUS(psa_check_key_usage(ecc, ecdsa, PSA_KEY_USAGE_SIGN_HASH), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(ecc, ecdsa, PSA_KEY_USAGE_SIGN_MESSAGE), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(ecc, det, PSA_KEY_USAGE_SIGN_HASH), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(ecc, det, PSA_KEY_USAGE_VERIFY_HASH), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(ecc, PSA_ALG_ECDSA(PSA_ALG_ANY_HASH), PSA_KEY_USAGE_SIGN_HASH),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(ecc, PSA_ALG_PURE_EDDSA, PSA_KEY_USAGE_SIGN_MESSAGE),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(ecc, PSA_ALG_PURE_EDDSA, PSA_KEY_USAGE_SIGN_HASH),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(ecc, PSA_ALG_RSA_PSS(PSA_ALG_SHA_256), PSA_KEY_USAGE_SIGN_HASH),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(pub, det, PSA_KEY_USAGE_VERIFY_MESSAGE), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(pub, ecdsa, PSA_KEY_USAGE_VERIFY_MESSAGE), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(pub, det, PSA_KEY_USAGE_SIGN_MESSAGE), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(pub, det, PSA_KEY_USAGE_VERIFY_HASH), PSA_ERROR_NOT_PERMITTED);
    /* asymmetric encryption */
    CHECK_STATUS(psa_check_key_usage(rsa, PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256), PSA_KEY_USAGE_DECRYPT),
                 PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(rsa, PSA_ALG_RSA_OAEP(PSA_ALG_SHA_256), PSA_KEY_USAGE_ENCRYPT),
                 PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(rsa, PSA_ALG_RSA_PKCS1V15_CRYPT, PSA_KEY_USAGE_DECRYPT),
                 PSA_ERROR_NOT_PERMITTED);
    /* key agreement: DERIVE needs the permission, DERIVE_PUBLIC none */
    CHECK_STATUS(psa_check_key_usage(x25519, PSA_ALG_ECDH, PSA_KEY_USAGE_DERIVE), PSA_ERROR_NOT_PERMITTED);
    CHECK_STATUS(psa_check_key_usage(x25519, PSA_ALG_ECDH, PSA_KEY_USAGE_DERIVE_PUBLIC), PSA_SUCCESS);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_ECDH, PSA_KEY_USAGE_DERIVE_PUBLIC),
                 PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_check_key_usage(x25519, PSA_ALG_HKDF(PSA_ALG_SHA_256), PSA_KEY_USAGE_DERIVE_PUBLIC),
                 PSA_ERROR_INVALID_ARGUMENT);
    /* key wrapping */
    {
        psa_key_id_t w = kek(32, PSA_KEY_USAGE_WRAP, PSA_ALG_KWP);
        CHECK_STATUS(psa_check_key_usage(w, PSA_ALG_KWP, PSA_KEY_USAGE_WRAP), PSA_SUCCESS);
        CHECK_STATUS(psa_check_key_usage(w, PSA_ALG_KWP, PSA_KEY_USAGE_UNWRAP), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_check_key_usage(w, PSA_ALG_KW, PSA_KEY_USAGE_WRAP), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_check_key_usage(w, PSA_ALG_KWP, PSA_KEY_USAGE_ENCRYPT),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_check_key_usage(hmac, PSA_ALG_KWP, PSA_KEY_USAGE_WRAP),
                     PSA_ERROR_INVALID_ARGUMENT);
        psa_destroy_key(w);
    }
    psa_destroy_key(aes);
    psa_destroy_key(hmac);
    psa_destroy_key(ecc);
    psa_destroy_key(pub);
    psa_destroy_key(rsa);
    psa_destroy_key(x25519);
    CHECK_STATUS(psa_check_key_usage(aes, PSA_ALG_GCM, PSA_KEY_USAGE_ENCRYPT), PSA_ERROR_INVALID_HANDLE);
}

int main(void)
{
    size_t n = 5;
    psa_key_id_t k = 9;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_CTR);
    static const uint8_t blob[24] = {0};
    CHECK_STATUS(psa_wrap_key(1, PSA_ALG_KW, 2, buf, sizeof buf, &n), PSA_ERROR_BAD_STATE);
    CHECK(n == 0);
    CHECK_STATUS(psa_unwrap_key(&a, 1, PSA_ALG_KW, blob, sizeof blob, &k), PSA_ERROR_BAD_STATE);
    CHECK(k == 0);
    CHECK_STATUS(psa_check_key_usage(1, PSA_ALG_NONE, PSA_KEY_USAGE_EXPORT), PSA_ERROR_BAD_STATE);
    char *dir = ct_use_temp_storage("keywrap");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_vectors();
    test_asymmetric();
    test_errors();
    test_check_key_usage();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
