/* ctests/test_attributes.c - key attribute objects: PSA_KEY_ATTRIBUTES_INIT and
 * psa_key_attributes_init() defaults, every psa_set_key_* / psa_get_key_* pair,
 * the lifetime/id coupling rules, psa_reset_key_attributes, and
 * psa_get_key_attributes on real keys (bits from the data, usage extension of the
 * *_HASH flags, failure resets the object). The attribute functions are pure, so
 * most of this runs before psa_crypto_init.
 * This file is also compiled with -std=c99 -pedantic by ctests/run.sh. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdlib.h>
#include <string.h>

static void check_defaults(const psa_key_attributes_t *a)
{
    CHECK(psa_get_key_type(a) == PSA_KEY_TYPE_NONE);
    CHECK(psa_get_key_bits(a) == 0);
    CHECK(psa_get_key_lifetime(a) == PSA_KEY_LIFETIME_VOLATILE);
    CHECK(psa_get_key_id(a) == PSA_KEY_ID_NULL);
    CHECK(psa_get_key_usage_flags(a) == 0);
    CHECK(psa_get_key_algorithm(a) == PSA_ALG_NONE);
}

static psa_key_attributes_t g_static_attrs = PSA_KEY_ATTRIBUTES_INIT;

static void test_init_and_setters(void)
{
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_attributes_t b = psa_key_attributes_init();
    psa_key_lifetime_t custom;

    check_defaults(&a);
    check_defaults(&b);
    check_defaults(&g_static_attrs);

    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    CHECK(psa_get_key_type(&a) == PSA_KEY_TYPE_AES);
    psa_set_key_bits(&a, 192);
    CHECK(psa_get_key_bits(&a) == 192);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT);
    CHECK(psa_get_key_usage_flags(&a) == (PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT));
    psa_set_key_algorithm(&a, PSA_ALG_CTR);
    CHECK(psa_get_key_algorithm(&a) == PSA_ALG_CTR);
    /* the other attributes are untouched by these setters */
    CHECK(psa_get_key_lifetime(&a) == PSA_KEY_LIFETIME_VOLATILE);
    CHECK(psa_get_key_id(&a) == PSA_KEY_ID_NULL);

    /* overwriting */
    psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&a, 0);
    psa_set_key_usage_flags(&a, 0);
    psa_set_key_algorithm(&a, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    CHECK(psa_get_key_type(&a) == PSA_KEY_TYPE_HMAC);
    CHECK(psa_get_key_bits(&a) == 0);
    CHECK(psa_get_key_usage_flags(&a) == 0);
    CHECK(psa_get_key_algorithm(&a) == PSA_ALG_HMAC(PSA_ALG_SHA_256));

    /* setting an id on a volatile attribute object makes it persistent */
    psa_set_key_id(&a, 0x1234);
    CHECK(psa_get_key_id(&a) == 0x1234);
    CHECK(psa_get_key_lifetime(&a) == PSA_KEY_LIFETIME_PERSISTENT);
    /* changing the id keeps the lifetime */
    psa_set_key_id(&a, PSA_KEY_ID_USER_MAX);
    CHECK(psa_get_key_id(&a) == PSA_KEY_ID_USER_MAX);
    CHECK(psa_get_key_lifetime(&a) == PSA_KEY_LIFETIME_PERSISTENT);

    /* a non-default persistent lifetime set first is kept by psa_set_key_id */
    custom = PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(0x80, PSA_KEY_LOCATION_LOCAL_STORAGE);
    psa_set_key_lifetime(&b, custom);
    CHECK(psa_get_key_lifetime(&b) == custom);
    psa_set_key_id(&b, 7);
    CHECK(psa_get_key_lifetime(&b) == custom);
    CHECK(psa_get_key_id(&b) == 7);

    /* reset returns everything to the defaults */
    psa_reset_key_attributes(&a);
    check_defaults(&a);
    psa_reset_key_attributes(&b);
    check_defaults(&b);

    /* setting the lifetime alone does not invent an id */
    psa_set_key_lifetime(&a, PSA_KEY_LIFETIME_PERSISTENT);
    CHECK(psa_get_key_lifetime(&a) == PSA_KEY_LIFETIME_PERSISTENT);
    CHECK(psa_get_key_id(&a) == PSA_KEY_ID_NULL);
    psa_reset_key_attributes(&a);

    /* a copy of an attribute object is independent */
    psa_set_key_type(&a, PSA_KEY_TYPE_DERIVE);
    b = a;
    psa_set_key_type(&a, PSA_KEY_TYPE_RAW_DATA);
    CHECK(psa_get_key_type(&b) == PSA_KEY_TYPE_DERIVE);
    CHECK(psa_get_key_type(&a) == PSA_KEY_TYPE_RAW_DATA);

    /* all usage bits round-trip */
    psa_set_key_usage_flags(&a, 0xffffffffu);
    CHECK(psa_get_key_usage_flags(&a) == 0xffffffffu);
    psa_reset_key_attributes(&a);
}

static void test_get_key_attributes(void)
{
    uint8_t data[48];
    psa_key_id_t k = 0;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    size_t i;
    memset(data, 0x5a, sizeof data);

    /* AES key sizes are taken from the data when bits is 0 */
    for (i = 16; i <= 32; i += 8) {
        psa_set_key_type(&a, PSA_KEY_TYPE_AES);
        psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT);
        psa_set_key_algorithm(&a, PSA_ALG_CTR);
        if (!CHECK_STATUS(psa_import_key(&a, data, i, &k), PSA_SUCCESS))
            continue;
        if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS)) {
            CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_AES);
            CHECK(psa_get_key_bits(&got) == i * 8);
            CHECK(psa_get_key_usage_flags(&got) == (PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_ENCRYPT));
            CHECK(psa_get_key_algorithm(&got) == PSA_ALG_CTR);
            CHECK(psa_get_key_lifetime(&got) == PSA_KEY_LIFETIME_VOLATILE);
            /* (the id attribute of a volatile key is unspecified by the spec) */
            CHECK(k >= PSA_KEY_ID_VENDOR_MIN && k <= PSA_KEY_ID_VENDOR_MAX);
        }
        psa_reset_key_attributes(&got);
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }

    /* HMAC key of 45 bytes: 360 bits; explicit matching bits accepted */
    psa_reset_key_attributes(&a);
    psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
    psa_set_key_bits(&a, 360);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_SIGN_HASH);
    psa_set_key_algorithm(&a, PSA_ALG_HMAC(PSA_ALG_SHA_256));
    if (CHECK_STATUS(psa_import_key(&a, data, 45, &k), PSA_SUCCESS)) {
        if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS)) {
            CHECK(psa_get_key_bits(&got) == 360);
            CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_HMAC);
            /* SIGN_HASH implies SIGN_MESSAGE, visible in the key's usage flags */
            CHECK(psa_get_key_usage_flags(&got) ==
                  (PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE));
        }
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* VERIFY_HASH implies VERIFY_MESSAGE */
    psa_set_key_bits(&a, 0);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_EXPORT);
    if (CHECK_STATUS(psa_import_key(&a, data, 32, &k), PSA_SUCCESS)) {
        if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS))
            CHECK(psa_get_key_usage_flags(&got) ==
                  (PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_VERIFY_MESSAGE |
                   PSA_KEY_USAGE_EXPORT));
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    /* the caller's attribute object is not modified by the import */
    CHECK(psa_get_key_usage_flags(&a) == (PSA_KEY_USAGE_VERIFY_HASH | PSA_KEY_USAGE_EXPORT));
    CHECK(psa_get_key_id(&a) == PSA_KEY_ID_NULL);

    /* explicit bits that do not match the data */
    psa_set_key_bits(&a, 128);
    CHECK_STATUS(psa_import_key(&a, data, 32, &k), PSA_ERROR_INVALID_ARGUMENT);
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&a, 256);
    CHECK_STATUS(psa_import_key(&a, data, 16, &k), PSA_ERROR_INVALID_ARGUMENT);

    /* a size beyond the largest key size must not be truncated into a valid one */
    psa_reset_key_attributes(&a);
    psa_set_key_type(&a, PSA_KEY_TYPE_HMAC);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    psa_set_key_bits(&a, (size_t)0x10000 + 64);
    CHECK_STATUS2(psa_import_key(&a, data, 8, &k), PSA_ERROR_INVALID_ARGUMENT,
                  PSA_ERROR_NOT_SUPPORTED);
    CHECK_STATUS2(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&a, (size_t)0x10000 + 128);
    CHECK_STATUS2(psa_generate_key(&a, &k), PSA_ERROR_INVALID_ARGUMENT, PSA_ERROR_NOT_SUPPORTED);

    /* failure on an unknown key resets the attribute object */
    psa_reset_key_attributes(&got);
    psa_set_key_type(&got, PSA_KEY_TYPE_AES);
    psa_set_key_bits(&got, 128);
    psa_set_key_usage_flags(&got, PSA_KEY_USAGE_EXPORT);
    psa_set_key_algorithm(&got, PSA_ALG_CTR);
    psa_set_key_id(&got, 99);
    CHECK_STATUS(psa_get_key_attributes(PSA_KEY_ID_VENDOR_MAX, &got), PSA_ERROR_INVALID_HANDLE);
    check_defaults(&got);
    CHECK_STATUS(psa_get_key_attributes(0, &got), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_ERROR_INVALID_HANDLE); /* destroyed */
    /* NULL attribute pointer */
    psa_reset_key_attributes(&a);
    psa_set_key_type(&a, PSA_KEY_TYPE_RAW_DATA);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_EXPORT);
    if (CHECK_STATUS(psa_import_key(&a, data, 3, &k), PSA_SUCCESS)) {
        CHECK_STATUS(psa_get_key_attributes(k, NULL), PSA_ERROR_INVALID_ARGUMENT);
        if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS)) {
            CHECK(psa_get_key_bits(&got) == 24);
            CHECK(psa_get_key_algorithm(&got) == PSA_ALG_NONE);
        }
        CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    }
    CHECK_STATUS(psa_import_key(NULL, data, 3, &k), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(psa_import_key(&a, data, 3, NULL), PSA_ERROR_INVALID_ARGUMENT);
}

static void test_persistent_attributes(void)
{
    uint8_t data[16];
    psa_key_id_t k = 0;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    psa_key_attributes_t got = PSA_KEY_ATTRIBUTES_INIT;
    memset(data, 0x33, sizeof data);
    psa_set_key_id(&a, 0x4242);
    psa_set_key_type(&a, PSA_KEY_TYPE_AES);
    psa_set_key_usage_flags(&a, PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT);
    psa_set_key_algorithm(&a, PSA_ALG_CTR);
    if (!CHECK_STATUS(psa_import_key(&a, data, sizeof data, &k), PSA_SUCCESS))
        return;
    CHECK(k == 0x4242);
    if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS)) {
        CHECK(psa_get_key_id(&got) == 0x4242);
        CHECK(psa_get_key_lifetime(&got) == PSA_KEY_LIFETIME_PERSISTENT);
        CHECK(psa_get_key_bits(&got) == 128);
        CHECK(psa_get_key_type(&got) == PSA_KEY_TYPE_AES);
        CHECK(psa_get_key_usage_flags(&got) == (PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT));
        CHECK(psa_get_key_algorithm(&got) == PSA_ALG_CTR);
    }
    /* after purge, the attributes are read back from storage */
    CHECK_STATUS(psa_purge_key(k), PSA_SUCCESS);
    psa_reset_key_attributes(&got);
    if (CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_SUCCESS)) {
        CHECK(psa_get_key_id(&got) == 0x4242);
        CHECK(psa_get_key_lifetime(&got) == PSA_KEY_LIFETIME_PERSISTENT);
        CHECK(psa_get_key_bits(&got) == 128);
        CHECK(psa_get_key_algorithm(&got) == PSA_ALG_CTR);
    }
    CHECK_STATUS(psa_destroy_key(k), PSA_SUCCESS);
    CHECK_STATUS(psa_get_key_attributes(k, &got), PSA_ERROR_INVALID_HANDLE);
}

int main(void)
{
    char *dir;
    psa_key_attributes_t a = PSA_KEY_ATTRIBUTES_INIT;
    /* pure functions work before psa_crypto_init */
    test_init_and_setters();
    CHECK_STATUS(psa_get_key_attributes(1, &a), PSA_ERROR_BAD_STATE);

    dir = ct_use_temp_storage("attrs");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    test_init_and_setters();
    test_get_key_attributes();
    test_persistent_attributes();
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
