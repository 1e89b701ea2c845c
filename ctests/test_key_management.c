/* ctests/test_key_management.c - psa_import_key, psa_export_key,
 * psa_export_public_key, psa_copy_key, psa_destroy_key, psa_purge_key,
 * psa_close_key, psa_generate_key and psa_generate_random: results and error
 * paths (NULL pointers, short buffers, missing usage flags, bad sizes, unsupported
 * types, stale ids), copy policy intersection, 10,000 volatile keys at once and
 * no reuse of destroyed volatile ids. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);

/* Import data as type, export it, compare; check the reported bits. */
static void import_export_roundtrip(psa_key_type_t type, const uint8_t *data, size_t len)
{
    psa_key_id_t k = 0;
    uint8_t out[512];
    size_t olen = 0;
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    if (!CHECK_STATUS(ct_import(type, PSA_KEY_USAGE_EXPORT, PSA_ALG_NONE, data, len, &k),
                      PSA_SUCCESS)) {
        fprintf(stderr, "  (type 0x%04x, %zu bytes)\n", (unsigned)type, len);
        return;
    }
    CHECK(k >= PSA_KEY_ID_VENDOR_MIN && k <= PSA_KEY_ID_VENDOR_MAX);
    if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, data, len);
    /* exact-size buffer */
    olen = 0;
    if (CHECK_STATUS(psa_export_key(k, out, len, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, data, len);
    /* one byte short */
    CHECK_STATUS(psa_export_key(k, out, len - 1, &olen), PSA_ERROR_BUFFER_TOO_SMALL);
    if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS)) {
        CHECK(psa_get_key_bits(&got) == len * 8);
        CHECK(psa_get_key_type(&got) == type);
    }
    /* symmetric keys have no public part */
    CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
}

static void test_import_export(void)
{
    uint8_t data[256];
    uint64_t rng = 12345;
    size_t i;
    ct_rand_fill(&rng, data, sizeof data);
    import_export_roundtrip(PSA_KEY_TYPE_RAW_DATA, data, 1);
    import_export_roundtrip(PSA_KEY_TYPE_RAW_DATA, data, 77);
    import_export_roundtrip(PSA_KEY_TYPE_HMAC, data, 1);
    import_export_roundtrip(PSA_KEY_TYPE_HMAC, data, 32);
    import_export_roundtrip(PSA_KEY_TYPE_HMAC, data, 200);
    import_export_roundtrip(PSA_KEY_TYPE_DERIVE, data, 32);
    import_export_roundtrip(PSA_KEY_TYPE_PASSWORD, data, 12);
    import_export_roundtrip(PSA_KEY_TYPE_PASSWORD_HASH, data, 32);
    import_export_roundtrip(PSA_KEY_TYPE_PEPPER, data, 16);
    import_export_roundtrip(PSA_KEY_TYPE_AES, data, 16);
    import_export_roundtrip(PSA_KEY_TYPE_AES, data, 24);
    import_export_roundtrip(PSA_KEY_TYPE_AES, data, 32);
    import_export_roundtrip(PSA_KEY_TYPE_CHACHA20, data, 32);

    /* bad sizes */
    {
        static const size_t bad_aes[] = {1, 8, 15, 17, 20, 31, 33, 64};
        psa_key_id_t k = 0;
        for (i = 0; i < sizeof bad_aes / sizeof bad_aes[0]; i++)
            CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, bad_aes[i], &k),
                         PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_CHACHA20, PSA_KEY_USAGE_EXPORT, 0, data, 33, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* a key of size 0 is rejected */
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 0, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_EXPORT, 0, data, 0, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* NULL with a nonzero length */
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, NULL, 16, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* no key type */
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_NONE, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_ERROR_NOT_SUPPORTED);
        /* malformed asymmetric keys are refused (the asymmetric tests cover the
         * valid ones); finite-field Diffie-Hellman keys are not supported */
        {
            uint8_t bad_point[65];
            memset(bad_point, 0x11, sizeof bad_point);
            bad_point[0] = 0x04; /* uncompressed, but not on the curve */
            CHECK_STATUS(ct_import(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1),
                                   PSA_KEY_USAGE_EXPORT, 0, bad_point, sizeof bad_point, &k),
                         PSA_ERROR_INVALID_ARGUMENT);
        }
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_KEY_PAIR, PSA_KEY_USAGE_EXPORT, 0, data, 128, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, PSA_KEY_USAGE_EXPORT, 0, data, 128, &k),
                     PSA_ERROR_INVALID_ARGUMENT);
        /* RFC 7919 DH is implemented (test_ffdh.c); other DH families are not. */
        CHECK_STATUS(ct_import(PSA_KEY_TYPE_DH_KEY_PAIR((psa_dh_family_t)0x07),
                               PSA_KEY_USAGE_EXPORT, 0, data, 256, &k),
                     PSA_ERROR_NOT_SUPPORTED);
    }
}

static void test_export_errors(void)
{
    uint8_t data[32], out[64];
    size_t olen;
    psa_key_id_t k = 0;
    memset(data, 0x11, sizeof data);
    /* no EXPORT usage */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_COPY,
                               HMAC256, data, 32, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_export_key(k, NULL, 16, &olen), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_export_key(k, out, sizeof out, NULL), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_export_key(k, out, 0, &olen), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_export_key(k, out, 15, &olen), PSA_ERROR_BUFFER_TOO_SMALL);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        /* stale id */
        CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_export_public_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    }
    CHECK_STATUS(psa_export_key(0, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_export_key(PSA_KEY_ID_VENDOR_MAX, out, sizeof out, &olen),
                 PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_export_key(0x3ffffffe, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_export_key(0x80000000u, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_export_key(0xffffffffu, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
}

static void test_destroy_purge_close(void)
{
    uint8_t data[16], out[16];
    size_t olen;
    psa_key_id_t k = 0, p = 0;
    memset(data, 0x77, sizeof data);

    /* destroying the null id succeeds and does nothing */
    CHECK_STATUS(psa_destroy_key(PSA_KEY_ID_NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_destroy_key(PSA_KEY_ID_VENDOR_MAX), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_destroy_key(0x3ffffff0), PSA_ERROR_INVALID_HANDLE);

    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_SUCCESS)) {
        /* purge of a volatile key does nothing */
        CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
        olen = 0;
        if (CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_purge_key(k), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_close_key(k), PSA_ERROR_INVALID_HANDLE);
    }
    CHECK_STATUS(psa_purge_key(0x3ffffff0), PSA_ERROR_INVALID_HANDLE);

    /* psa_close_key: 0 succeeds; volatile key is destroyed */
    CHECK_STATUS(psa_close_key(0), PSA_SUCCESS);
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                     PSA_SUCCESS)) {
        CHECK_STATUS(psa_close_key(k), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(k, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_destroy_key(k), PSA_ERROR_INVALID_HANDLE);
    }
    /* persistent key: purge and close only drop the in-memory copy */
    if (CHECK_STATUS(ct_import_persistent(0x2001, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data,
                                          16, &p),
                     PSA_SUCCESS)) {
        CHECK(p == 0x2001);
        CHECK_STATUS(psa_purge_key(p), PSA_SUCCESS);
        olen = 0;
        if (CHECK_STATUS(psa_export_key(p, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        CHECK_STATUS(psa_close_key(p), PSA_SUCCESS);
        olen = 0;
        if (CHECK_STATUS(psa_export_key(p, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        CHECK_STATUS(psa_purge_key(p), PSA_SUCCESS);
        CHECK_STATUS(psa_purge_key(p), PSA_SUCCESS); /* not loaded: still fine */
        CHECK_STATUS(psa_destroy_key(p), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(p, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_purge_key(p), PSA_ERROR_INVALID_HANDLE);
        CHECK_STATUS(psa_destroy_key(p), PSA_ERROR_INVALID_HANDLE);
    }
}

static void test_copy(void)
{
    uint8_t data[32], out[32];
    size_t olen;
    psa_key_id_t src = 0, dst = 0;
    psa_key_attributes_t a, got = PSA_KEY_ATTRIBUTES_INIT;
    memset(data, 0x3c, sizeof data);
    data[0] = 1;

    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC,
                                PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_EXPORT |
                                    PSA_KEY_USAGE_SIGN_MESSAGE,
                                HMAC256, data, 32, &src),
                      PSA_SUCCESS))
        return;
    /* default attributes: same type, bits, usage and algorithm */
    a = psa_key_attributes_init();
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_EXPORT |
                                    PSA_KEY_USAGE_SIGN_MESSAGE);
    psa_set_key_algorithm(&a, HMAC256);
    if (CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_SUCCESS)) {
        CHECK(dst != src);
        olen = 0;
        if (CHECK_STATUS(psa_export_key(dst, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 32);
        if (CHECK_STATUS(psa_get_key_attributes(dst, &got), PSA_SUCCESS)) {
            CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_HMAC);
            CHECK(psa_get_key_bits(&got) == 256);
            CHECK(psa_get_key_algorithm(&got) == HMAC256);
            CHECK(psa_get_key_usage_flags(&got) == (PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_EXPORT |
                                                    PSA_KEY_USAGE_SIGN_MESSAGE));
            CHECK(psa_get_key_lifetime(&got) == PSA_KEY_LIFETIME_VOLATILE);
        }
        /* copies are independent: destroying the copy keeps the source */
        CHECK_STATUS(psa_destroy_key(dst), PSA_SUCCESS);
        CHECK_STATUS(psa_export_key(src, out, sizeof out, &olen), PSA_SUCCESS);
    }
    /* usage flags are intersected */
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_VERIFY_MESSAGE);
    if (CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_SUCCESS)) {
        if (CHECK_STATUS(psa_get_key_attributes(dst, &got), PSA_SUCCESS))
            CHECK(psa_get_key_usage_flags(&got) == PSA_KEY_USAGE_EXPORT);
        /* the copy cannot sign: SIGN_MESSAGE was not requested */
        CHECK_STATUS(psa_mac_compute(dst, HMAC256, data, 4, out, sizeof out, &olen),
                     PSA_ERROR_NOT_PERMITTED);
        /* nor be copied further: COPY was dropped */
        {
            psa_key_id_t dst2 = 0;
            CHECK_STATUS(psa_copy_key(dst, &a, &dst2), PSA_ERROR_NOT_PERMITTED);
        }
        CHECK_STATUS(psa_destroy_key(dst), PSA_SUCCESS);
    }
    /* asking for usage the source does not have does not add it */
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_DECRYPT);
    if (CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_SUCCESS)) {
        if (CHECK_STATUS(psa_get_key_attributes(dst, &got), PSA_SUCCESS))
            CHECK(psa_get_key_usage_flags(&got) == PSA_KEY_USAGE_SIGN_MESSAGE);
        CHECK_STATUS(psa_export_key(dst, out, sizeof out, &olen), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(dst), PSA_SUCCESS);
    }
    /* incompatible algorithm policies */
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&a, PSA_ALG_CTR);
    CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_algorithm(&a, PSA_ALG_TRUNCATED_MAC(HMAC256, 16));
    CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_ARGUMENT);
    /* type or bits that do not match the source */
    psa_set_key_algorithm(&a, HMAC256);
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&a, 128);
    CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_ARGUMENT);
    /* matching explicit type and bits are fine */
    psa_set_key_bits(&a, 256);
    if (CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_SUCCESS))
        CHECK_STATUS(psa_destroy_key(dst), PSA_SUCCESS);
    /* copy to a persistent id */
    psa_set_key_id(&a, 0x2002);
    if (CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_SUCCESS)) {
        CHECK(dst == 0x2002);
        CHECK_STATUS(psa_purge_key(dst), PSA_SUCCESS);
        olen = 0;
        if (CHECK_STATUS(psa_export_key(dst, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 32);
        if (CHECK_STATUS(psa_get_key_attributes(dst, &got), PSA_SUCCESS))
            CHECK(psa_get_key_lifetime(&got) == PSA_KEY_LIFETIME_PERSISTENT);
        /* copying onto an existing persistent id */
        {
            psa_key_id_t again = 0;
            CHECK_STATUS(psa_copy_key(src, &a, &again), PSA_ERROR_ALREADY_EXISTS);
        }
        CHECK_STATUS(psa_destroy_key(dst), PSA_SUCCESS);
    }
    psa_reset_key_attributes(&a);
    /* argument errors */
    CHECK_STATUS(psa_copy_key(src, NULL, &dst), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_copy_key(src, &a, NULL), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_copy_key(PSA_KEY_ID_VENDOR_MAX, &a, &dst), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_copy_key(0, &a, &dst), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_destroy_key(src), PSA_SUCCESS);
    CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_HANDLE);

    /* source without COPY usage */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, 16, &src),
                     PSA_SUCCESS)) {
        a = psa_key_attributes_init();
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
        CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_NOT_PERMITTED);
        CHECK_STATUS(psa_destroy_key(src), PSA_SUCCESS);
    }
    /* AT_LEAST_THIS_LENGTH policy intersected with a specific truncation */
    if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_HMAC, PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_SIGN_MESSAGE,
                               PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(HMAC256, 16), data, 32, &src),
                     PSA_SUCCESS)) {
        a = psa_key_attributes_init();
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_MESSAGE);
        psa_set_key_algorithm(&a, PSA_ALG_TRUNCATED_MAC(HMAC256, 20));
        if (CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_SUCCESS)) {
            if (CHECK_STATUS(psa_get_key_attributes(dst, &got), PSA_SUCCESS))
                CHECK(psa_get_key_algorithm(&got) == PSA_ALG_TRUNCATED_MAC(HMAC256, 20));
            CHECK_STATUS(psa_mac_compute(dst, HMAC256, data, 4, out, sizeof out, &olen),
                         PSA_ERROR_NOT_PERMITTED);
            CHECK_STATUS(psa_destroy_key(dst), PSA_SUCCESS);
        }
        psa_set_key_algorithm(&a, PSA_ALG_TRUNCATED_MAC(HMAC256, 8));
        CHECK_STATUS(psa_copy_key(src, &a, &dst), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_destroy_key(src), PSA_SUCCESS);
    }
}

static void test_generate(void)
{
    static const struct {
        psa_key_type_t type;
        size_t bits;
    } ok[] = {
        {PSA_KEY_TYPE_AES, 128},      {PSA_KEY_TYPE_AES, 192},  {PSA_KEY_TYPE_AES, 256},
        {PSA_KEY_TYPE_CHACHA20, 256}, {PSA_KEY_TYPE_HMAC, 256}, {PSA_KEY_TYPE_HMAC, 8},
        {PSA_KEY_TYPE_HMAC, 1024},    {PSA_KEY_TYPE_DERIVE, 256}, {PSA_KEY_TYPE_RAW_DATA, 40},
    };
    size_t i;
    uint8_t out1[128], out2[128];
    size_t l1, l2;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        psa_key_attributes_t a = ct_attrs(ok[i].type, ok[i].bits, PSA_KEY_USAGE_EXPORT, 0);
        psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
        psa_key_id_t k1 = 0, k2 = 0;
        if (!CHECK_STATUS(psa_generate_key(&a, &k1), PSA_SUCCESS) ||
            !CHECK_STATUS(psa_generate_key(&a, &k2), PSA_SUCCESS)) {
            fprintf(stderr, "  (type 0x%04x bits %zu)\n", (unsigned)ok[i].type, ok[i].bits);
            continue;
        }
        CHECK(k1 != k2);
        l1 = l2 = 0;
        if (CHECK_STATUS(psa_export_key(k1, out1, sizeof out1, &l1), PSA_SUCCESS) &&
            CHECK_STATUS(psa_export_key(k2, out2, sizeof out2, &l2), PSA_SUCCESS)) {
            CHECK(l1 == ok[i].bits / 8 && l2 == ok[i].bits / 8);
            /* two generated keys of >= 40 bits are different (chance 2^-40) */
            if (ok[i].bits >= 40)
                CHECK(memcmp(out1, out2, l1) != 0);
        }
        if (CHECK_STATUS(psa_get_key_attributes(k1, &got), PSA_SUCCESS)) {
            CHECK(psa_get_key_bits(&got) == ok[i].bits);
            CHECK(psa_get_key_type(&got) == ok[i].type);
        }
        CHECK_STATUS(psa_destroy_key(k1), PSA_SUCCESS);
        CHECK_STATUS(psa_destroy_key(k2), PSA_SUCCESS);
    }
    {
        psa_key_id_t k = 0;
        psa_key_attributes_t a;
        a = ct_attrs(PSA_KEY_TYPE_AES, 0, PSA_KEY_USAGE_EXPORT, 0); /* bits required */
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        a = ct_attrs(PSA_KEY_TYPE_AES, 100, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        a = ct_attrs(PSA_KEY_TYPE_AES, 512, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        a = ct_attrs(PSA_KEY_TYPE_CHACHA20, 128, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        a = ct_attrs(PSA_KEY_TYPE_HMAC, 0, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        a = ct_attrs(PSA_KEY_TYPE_HMAC, 253, PSA_KEY_USAGE_EXPORT, 0); /* not whole bytes */
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT);
        a = ct_attrs(PSA_KEY_TYPE_NONE, 128, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
        a = ct_attrs(PSA_KEY_TYPE_DH_KEY_PAIR((psa_dh_family_t)0x07), 2048, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_NOT_SUPPORTED);
        a = ct_attrs(PSA_KEY_TYPE_RSA_KEY_PAIR, 1000, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS2(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);
        /* a public key cannot be generated */
        a = ct_attrs(PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_SECP_R1), 256, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS2(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT,
                      PSA_ERROR_NOT_SUPPORTED);
        a = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(NULL, &k), PSA_ERROR_INVALID_ARGUMENT);
        CHECK_STATUS(psa_generate_key(&a, NULL), PSA_ERROR_INVALID_ARGUMENT);
        /* generated key usable for MAC */
        a = ct_attrs(PSA_KEY_TYPE_HMAC, 256, PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
                     HMAC256);
        if (CHECK_STATUS(psa_generate_key(&a, &k), PSA_SUCCESS)) {
            static const uint8_t m[] = "x";
            l1 = 0;
            CHECK_STATUS(psa_mac_compute(k, HMAC256, m, 1, out1, sizeof out1, &l1), PSA_SUCCESS);
            CHECK_STATUS(psa_mac_verify(k, HMAC256, m, 1, out1, l1), PSA_SUCCESS);
            /* not exportable */
            CHECK_STATUS(psa_export_key(k, out2, sizeof out2, &l2), PSA_ERROR_NOT_PERMITTED);
            CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
        }
    }
}

static void test_generate_random(void)
{
    uint8_t a[64], b[64], big[4096];
    size_t i, ones = 0;
    CHECK_STATUS(psa_generate_random(NULL, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_random(a, 0), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_random(NULL, 16), PSA_ERROR_INVALID_ARGUMENT);
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    CHECK_STATUS(psa_generate_random(a, sizeof a), PSA_SUCCESS);
    CHECK_STATUS(psa_generate_random(b, sizeof b), PSA_SUCCESS);
    CHECK(memcmp(a, b, sizeof a) != 0);
    /* only the requested bytes are written */
    memset(a, 0xee, sizeof a);
    CHECK_STATUS(psa_generate_random(a, 10), PSA_SUCCESS);
    for (i = 10; i < sizeof a; i++)
        if (a[i] != 0xee)
            break;
    CHECK(i == sizeof a);
    memset(big, 0, sizeof big);
    CHECK_STATUS(psa_generate_random(big, sizeof big), PSA_SUCCESS);
    for (i = 0; i < sizeof big; i++) {
        uint8_t v = big[i];
        while (v) {
            ones += v & 1;
            v >>= 1;
        }
    }
    /* 32768 bits: mean 16384, sd 90.5; accept +-1000 (11 sd) */
    CHECK(ones > 15384 && ones < 17384);
    /* a large request */
    {
        size_t n = 1 << 20;
        uint8_t *p = calloc(1, n);
        if (p != NULL) {
            CHECK_STATUS(psa_generate_random(p, n), PSA_SUCCESS);
            CHECK(memcmp(p, p + n / 2, 64) != 0);
            free(p);
        }
    }
}

#define MANY 10000

static int cmp_id(const void *x, const void *y)
{
    psa_key_id_t a = *(const psa_key_id_t *)x, b = *(const psa_key_id_t *)y;
    return a < b ? -1 : a > b;
}

static void test_many_volatile_keys(void)
{
    psa_key_id_t *ids = calloc(MANY, sizeof *ids);
    size_t i, created = 0;
    uint8_t data[8], out[8];
    size_t olen;
    rustpsa_key_store_stats_t st0, st1;
    if (ids == NULL)
        abort();
    CHECK_STATUS(rustpsa_get_key_store_stats(&st0), PSA_SUCCESS);
    for (i = 0; i < MANY; i++) {
        uint32_t v = (uint32_t)i * 2654435761u;
        memcpy(data, &i, sizeof(uint32_t));
        memcpy(data + 4, &v, 4);
        if (ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 8, &ids[i]) !=
            PSA_SUCCESS) {
            FAIL("import of volatile key %zu failed", i);
            break;
        }
        created++;
    }
    CHECK(created == MANY);
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st1), PSA_SUCCESS)) {
        CHECK(st1.volatile_keys == st0.volatile_keys + created);
        CHECK(st1.slots_in_use >= st1.volatile_keys);
    }
    /* all ids distinct and in the vendor range (sort a copy) */
    {
        size_t bad = 0, dup = 0;
        psa_key_id_t *s = malloc(created * sizeof *s);
        if (s == NULL)
            abort();
        memcpy(s, ids, created * sizeof *s);
        for (i = 0; i < created; i++)
            if (s[i] < PSA_KEY_ID_VENDOR_MIN || s[i] > PSA_KEY_ID_VENDOR_MAX)
                bad++;
        qsort(s, created, sizeof *s, cmp_id);
        for (i = 1; i < created; i++)
            if (s[i] == s[i - 1])
                dup++;
        CHECK(bad == 0);
        CHECK(dup == 0);
        free(s);
    }
    /* every key has its own data */
    {
        size_t wrong = 0;
        for (i = 0; i < created; i++) {
            uint32_t v = (uint32_t)i * 2654435761u;
            memcpy(data, &i, sizeof(uint32_t));
            memcpy(data + 4, &v, 4);
            if (psa_export_key(ids[i], out, sizeof out, &olen) != PSA_SUCCESS || olen != 8 ||
                memcmp(out, data, 8) != 0)
                wrong++;
        }
        CHECK(wrong == 0);
    }
    {
        size_t failed = 0;
        for (i = 0; i < created; i++)
            if (psa_destroy_key(ids[i]) != PSA_SUCCESS)
                failed++;
        CHECK(failed == 0);
    }
    if (CHECK_STATUS(rustpsa_get_key_store_stats(&st1), PSA_SUCCESS))
        CHECK(st1.volatile_keys == st0.volatile_keys);
    free(ids);
}

static void test_no_id_reuse(void)
{
    uint8_t data[4] = {1, 2, 3, 4}, out[4];
    psa_key_id_t first = 0, k = 0, keep = 0;
    psa_key_id_t seen[1001];
    size_t n = 0, i, reused = 0;
    size_t olen;
    if (!CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 4, &first),
                      PSA_SUCCESS))
        return;
    CHECK_STATUS(psa_destroy_key(first), PSA_SUCCESS);
    seen[n++] = first;
    /* a long-lived key in between must not be disturbed */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 4, &keep),
                 PSA_SUCCESS);
    for (i = 0; i < 1000; i++) {
        size_t j;
        if (ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 4, &k) != PSA_SUCCESS) {
            FAIL("import %zu failed", i);
            break;
        }
        for (j = 0; j < n; j++)
            if (seen[j] == k)
                reused++;
        if (k == keep)
            reused++;
        if (n < sizeof seen / sizeof seen[0])
            seen[n++] = k;
        if (psa_destroy_key(k) != PSA_SUCCESS)
            FAIL("destroy %zu failed", i);
        /* the stale id stays invalid */
        if (psa_export_key(k, out, sizeof out, &olen) != PSA_ERROR_INVALID_HANDLE)
            FAIL("stale id 0x%08x still exportable", (unsigned)k);
    }
    CHECK(reused == 0);
    olen = 0;
    if (CHECK_STATUS(psa_export_key(keep, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, data, 4);
    CHECK_STATUS(psa_destroy_key(keep), PSA_SUCCESS);
}

int main(void)
{
    char *dir = ct_use_temp_storage("keymgmt");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_import_export();
    test_export_errors();
    test_destroy_purge_close();
    test_copy();
    test_generate();
    test_generate_random();
    test_many_volatile_keys();
    test_no_id_reuse();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
