/* ctests/test_library.c - library life cycle: PSA_ERROR_BAD_STATE from every
 * function before psa_crypto_init, init / double init, mbedtls_psa_crypto_free
 * (volatile keys wiped, persistent keys kept, BAD_STATE again, re-init),
 * rustpsa_set_storage_dir / rustpsa_set_key_slot_capacity (before init only,
 * argument checks, $RUSTPSA_STORAGE_DIR), and rustpsa_get_key_store_stats
 * (counts of slots, volatile and persistent keys, loads and evictions; a full
 * store gives PSA_ERROR_INSUFFICIENT_MEMORY). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const psa_algorithm_t HMAC256 = PSA_ALG_HMAC(PSA_ALG_SHA_256);

static void check_bad_state(const char *when)
{
    uint8_t buf[64];
    size_t len;
    psa_key_id_t k = 0;
    psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
    rustpsa_key_store_stats_t st;
    fprintf(stderr, "# BAD_STATE checks %s\n", when);
    memset(buf, 1, sizeof buf);
    CHECK_STATUS(psa_import_key(&a, buf, 16, &k), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_generate_key(&a, &k), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_export_key(PSA_KEY_ID_VENDOR_MIN, buf, sizeof buf, &len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_export_public_key(PSA_KEY_ID_VENDOR_MIN, buf, sizeof buf, &len),
                 PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_copy_key(PSA_KEY_ID_VENDOR_MIN, &a, &k), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_destroy_key(PSA_KEY_ID_VENDOR_MIN), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_destroy_key(1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_purge_key(1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_close_key(1), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_get_key_attributes(1, &a), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_generate_random(buf, 16), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_compute(PSA_ALG_SHA_256, buf, 3, buf + 8, 32, &len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_hash_compare(PSA_ALG_SHA_256, buf, 3, buf + 8, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_compute(1, HMAC256, buf, 3, buf + 8, 32, &len), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(psa_mac_verify(1, HMAC256, buf, 3, buf + 8, 32), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(rustpsa_get_key_store_stats(&st), PSA_ERROR_BAD_STATE);
}

static int get_stats(rustpsa_key_store_stats_t *st)
{
    memset(st, 0xa5, sizeof *st);
    return CHECK_STATUS(rustpsa_get_key_store_stats(st), PSA_SUCCESS);
}

static void test_setters_before_init(const char *dir)
{
    CHECK_STATUS(rustpsa_set_storage_dir(""), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(rustpsa_set_storage_dir(NULL), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(0), PSA_ERROR_INVALID_ARGUMENT);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(64), PSA_SUCCESS);
}

static void test_setters_after_init(void)
{
    CHECK_STATUS(rustpsa_set_storage_dir("/tmp"), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(rustpsa_set_storage_dir(NULL), PSA_ERROR_BAD_STATE);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(10), PSA_ERROR_BAD_STATE);
    /* 0 is invalid anyway: either check may come first */
    CHECK_STATUS2(rustpsa_set_key_slot_capacity(0), PSA_ERROR_BAD_STATE,
                  PSA_ERROR_INVALID_ARGUMENT);
}

static void test_stats_and_capacity(const char *dir)
{
    rustpsa_key_store_stats_t st, st2;
    psa_key_id_t ids[64];
    psa_key_id_t extra = 0, pk = 0;
    uint8_t data[16], out[16];
    size_t i, n = 0, olen;
    memset(data, 0x21, sizeof data);

    CHECK_STATUS(rustpsa_get_key_store_stats(NULL), PSA_ERROR_INVALID_ARGUMENT);
    if (!get_stats(&st))
        return;
    CHECK(st.capacity == 64);
    CHECK(st.slots_in_use == 0);
    CHECK(st.volatile_keys == 0);
    CHECK(st.persistent_keys_loaded == 0);
    CHECK(st.persistent_loads == 0);
    CHECK(st.evictions == 0);

    for (i = 0; i < 3; i++)
        if (CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &ids[n]),
                         PSA_SUCCESS))
            n++;
    if (get_stats(&st)) {
        CHECK(st.volatile_keys == 3);
        CHECK(st.slots_in_use == 3);
        CHECK(st.persistent_keys_loaded == 0);
    }
    CHECK_STATUS(psa_destroy_key(ids[--n]), PSA_SUCCESS);
    if (get_stats(&st)) {
        CHECK(st.volatile_keys == 2);
        CHECK(st.slots_in_use == 2);
    }

    /* a persistent key: created, purged (not loaded), reloaded on use */
    if (CHECK_STATUS(ct_import_persistent(0x77, PSA_KEY_TYPE_AES, PSA_KEY_USAGE_EXPORT, 0, data, 16,
                                          &pk),
                     PSA_SUCCESS)) {
        CHECK(ct_count_files(dir) >= 1);
        CHECK_STATUS(psa_purge_key(pk), PSA_SUCCESS);
        if (get_stats(&st)) {
            CHECK(st.persistent_keys_loaded == 0);
            CHECK(st.slots_in_use == 2);
        }
        olen = 0;
        if (CHECK_STATUS(psa_export_key(pk, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        if (get_stats(&st2)) {
            CHECK(st2.persistent_loads == st.persistent_loads + 1);
            CHECK(st2.persistent_keys_loaded <= 1);
            CHECK(st2.volatile_keys == 2);
        }
    }

    /* fill the store: 64 slots */
    while (n < 64) {
        psa_status_t s = ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &ids[n]);
        if (s != PSA_SUCCESS)
            break;
        n++;
    }
    /* 64 volatile keys fit when the unused persistent key is evicted */
    CHECK(n == 64);
    if (get_stats(&st)) {
        CHECK(st.volatile_keys == n);
        CHECK(st.slots_in_use <= 64);
        CHECK(st.persistent_keys_loaded == 0);
    }
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &extra),
                 PSA_ERROR_INSUFFICIENT_MEMORY);
    {
        psa_key_attributes_t a = ct_attrs(PSA_KEY_TYPE_AES, 128, PSA_KEY_USAGE_EXPORT, 0);
        CHECK_STATUS(psa_generate_key(&a, &extra), PSA_ERROR_INSUFFICIENT_MEMORY);
    }
    /* the persistent key cannot be loaded while the store is full of volatile keys */
    if (pk != 0)
        CHECK_STATUS(psa_export_key(pk, out, sizeof out, &olen), PSA_ERROR_INSUFFICIENT_MEMORY);
    /* freeing one slot makes room again */
    CHECK_STATUS(psa_destroy_key(ids[--n]), PSA_SUCCESS);
    if (pk != 0) {
        olen = 0;
        if (CHECK_STATUS(psa_export_key(pk, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        CHECK_STATUS(psa_destroy_key(pk), PSA_SUCCESS);
    }
    for (i = 0; i < n; i++)
        if (psa_destroy_key(ids[i]) != PSA_SUCCESS)
            FAIL("destroy of volatile key %zu failed", i);
    if (get_stats(&st)) {
        CHECK(st.volatile_keys == 0);
        CHECK(st.slots_in_use == 0);
        CHECK(st.persistent_keys_loaded == 0);
    }
}

/* Persistent keys beyond the capacity are evicted and reloaded. */
static void test_evictions(void)
{
    rustpsa_key_store_stats_t st;
    uint8_t data[16], out[16];
    size_t i, olen;
    const size_t count = 20;
    for (i = 0; i < count; i++) {
        psa_key_id_t k = 0;
        memset(data, (int)i, sizeof data);
        if (!CHECK_STATUS(ct_import_persistent((psa_key_id_t)(0x100 + i), PSA_KEY_TYPE_AES,
                                               PSA_KEY_USAGE_EXPORT, 0, data, 16, &k),
                          PSA_SUCCESS))
            return;
    }
    if (get_stats(&st)) {
        CHECK(st.capacity == 4);
        CHECK(st.slots_in_use <= 4);
        CHECK(st.persistent_keys_loaded <= 4);
    }
    for (i = 0; i < count; i++) {
        memset(data, (int)i, sizeof data);
        olen = 0;
        if (CHECK_STATUS(psa_export_key((psa_key_id_t)(0x100 + i), out, sizeof out, &olen),
                         PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
    }
    {
        rustpsa_key_store_stats_t st2;
        if (get_stats(&st2)) {
            /* at most 4 of the 20 were in memory before the exports */
            CHECK(st2.persistent_loads >= st.persistent_loads + count - 4);
            CHECK(st2.evictions >= count - 4);
            CHECK(st2.evictions > st.evictions);
            CHECK(st2.slots_in_use <= 4);
        }
    }
    for (i = 0; i < count; i++)
        CHECK_STATUS(psa_destroy_key((psa_key_id_t)(0x100 + i)), PSA_SUCCESS);
    if (get_stats(&st))
        CHECK(st.persistent_keys_loaded == 0 && st.slots_in_use == 0);
}

int main(void)
{
    char *dir = ct_make_temp_dir("library");
    char *dir2 = ct_make_temp_dir("library-env");
    uint8_t data[16], out[16];
    size_t olen;
    psa_key_id_t vk = 0, pk = 0;
    memset(data, 0x5c, sizeof data);

    /* nothing initialised yet */
    mbedtls_psa_crypto_free(); /* harmless before init */
    check_bad_state("before init");
    test_setters_before_init(dir);

    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS); /* idempotent */
    test_setters_after_init();
    CHECK_STATUS(psa_generate_random(out, sizeof out), PSA_SUCCESS);
    test_stats_and_capacity(dir);

    /* keys across free + init */
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &vk),
                 PSA_SUCCESS);
    CHECK_STATUS(ct_import_persistent(0x55, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16,
                                      &pk),
                 PSA_SUCCESS);
    mbedtls_psa_crypto_free();
    check_bad_state("after free");
    mbedtls_psa_crypto_free(); /* double free is harmless */
    check_bad_state("after double free");

    /* the setters work again after free; capacity 4 for the eviction test */
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(4), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    CHECK_STATUS(psa_export_key(vk, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    olen = 0;
    if (CHECK_STATUS(psa_export_key(0x55, out, sizeof out, &olen), PSA_SUCCESS))
        CHECK_MEM(out, olen, data, 16);
    {
        rustpsa_key_store_stats_t st;
        if (get_stats(&st)) {
            CHECK(st.volatile_keys == 0);
            CHECK(st.persistent_loads >= 1);
        }
    }
    CHECK_STATUS(psa_purge_key(0x55), PSA_SUCCESS);
    test_evictions();

    /* $RUSTPSA_STORAGE_DIR is the default when no directory is set */
    mbedtls_psa_crypto_free();
    setenv("RUSTPSA_STORAGE_DIR", dir2, 1);
    CHECK_STATUS(rustpsa_set_storage_dir(NULL), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_set_key_slot_capacity(1048576), PSA_SUCCESS);
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
        return report();
    {
        rustpsa_key_store_stats_t st;
        if (get_stats(&st))
            CHECK(st.capacity == 1048576);
    }
    /* the key of the other directory is not visible here */
    CHECK_STATUS(psa_export_key(0x55, out, sizeof out, &olen), PSA_ERROR_INVALID_HANDLE);
    CHECK(ct_count_files(dir2) == 0);
    if (CHECK_STATUS(ct_import_persistent(0x66, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0,
                                          data, 16, &pk),
                     PSA_SUCCESS)) {
        CHECK(ct_count_files(dir2) == 1);
        CHECK_STATUS(psa_destroy_key(0x66), PSA_SUCCESS);
        CHECK(ct_count_files(dir2) == 0);
    }
    mbedtls_psa_crypto_free();
    unsetenv("RUSTPSA_STORAGE_DIR");

    /* back to the first directory: the key 0x55 is still there; clean it up */
    CHECK_STATUS(rustpsa_set_storage_dir(dir), PSA_SUCCESS);
    if (CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        olen = 0;
        if (CHECK_STATUS(psa_export_key(0x55, out, sizeof out, &olen), PSA_SUCCESS))
            CHECK_MEM(out, olen, data, 16);
        CHECK_STATUS(psa_destroy_key(0x55), PSA_SUCCESS);
        CHECK(ct_count_files(dir) == 0);
        mbedtls_psa_crypto_free();
    }
    /* several init/free cycles */
    {
        int i;
        for (i = 0; i < 5; i++) {
            if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS))
                break;
            CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, data, 16, &vk),
                         PSA_SUCCESS);
            mbedtls_psa_crypto_free();
            CHECK_STATUS(psa_generate_random(out, 4), PSA_ERROR_BAD_STATE);
        }
    }
    ct_remove_dir(dir);
    ct_remove_dir(dir2);
    free(dir);
    free(dir2);
    return report();
}
