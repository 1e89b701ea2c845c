/* test_compat.c: the Mbed TLS compatibility entry points psa_open_key and
 * psa_close_key (a handle is the key id itself in rustpsa). */
#include <stdlib.h>
#include <string.h>

#include "common.h"

int main(void)
{
    char *dir;
    psa_key_handle_t handle = 77;
    psa_key_id_t persistent = 0, volatile_key = 0;
    static const uint8_t raw[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
    uint8_t out[16];
    size_t out_len = 0;
    rustpsa_key_store_stats_t stats;

    /* Before init. */
    CHECK_STATUS(psa_open_key(1, &handle), PSA_ERROR_BAD_STATE);
    CHECK(handle == PSA_KEY_ID_NULL);
    CHECK_STATUS(psa_close_key(1), PSA_ERROR_BAD_STATE);

    dir = ct_use_temp_storage("compat");
    if (!CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS)) {
        return report();
    }
    CHECK_STATUS(ct_import_persistent(0x1234, PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, raw,
                                      sizeof(raw), &persistent),
                 PSA_SUCCESS);
    CHECK(persistent == 0x1234);
    CHECK_STATUS(ct_import(PSA_KEY_TYPE_RAW_DATA, PSA_KEY_USAGE_EXPORT, 0, raw, sizeof(raw),
                           &volatile_key),
                 PSA_SUCCESS);

    /* Open: the handle is the id; the key is usable through it. */
    handle = 0;
    CHECK_STATUS(psa_open_key(persistent, &handle), PSA_SUCCESS);
    CHECK(handle == persistent);
    CHECK_STATUS(psa_export_key(handle, out, sizeof(out), &out_len), PSA_SUCCESS);
    CHECK_MEM(out, out_len, raw, sizeof(raw));

    /* Open: error paths. */
    handle = 77;
    CHECK_STATUS(psa_open_key(0x4321, &handle), PSA_ERROR_INVALID_HANDLE);
    CHECK(handle == PSA_KEY_ID_NULL);
    CHECK_STATUS(psa_open_key(volatile_key, &handle), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_open_key(PSA_KEY_ID_NULL, &handle), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_open_key(persistent, NULL), PSA_ERROR_INVALID_ARGUMENT);

    /* Close of a persistent key purges it from memory but keeps it. */
    CHECK_STATUS(psa_close_key(persistent), PSA_SUCCESS);
    CHECK_STATUS(rustpsa_get_key_store_stats(&stats), PSA_SUCCESS);
    CHECK(stats.persistent_keys_loaded == 0);
    CHECK_STATUS(psa_export_key(persistent, out, sizeof(out), &out_len), PSA_SUCCESS);
    CHECK_MEM(out, out_len, raw, sizeof(raw));

    /* Close of a volatile key destroys it (as in Mbed TLS); close(0) succeeds. */
    CHECK_STATUS(psa_close_key(volatile_key), PSA_SUCCESS);
    CHECK_STATUS(psa_export_key(volatile_key, out, sizeof(out), &out_len),
                 PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_close_key(volatile_key), PSA_ERROR_INVALID_HANDLE);
    CHECK_STATUS(psa_close_key(PSA_KEY_ID_NULL), PSA_SUCCESS);
    CHECK_STATUS(psa_close_key(0x4321), PSA_ERROR_INVALID_HANDLE);

    CHECK_STATUS(psa_destroy_key(persistent), PSA_SUCCESS);
    CHECK_STATUS(psa_open_key(persistent, &handle), PSA_ERROR_INVALID_HANDLE);
    mbedtls_psa_crypto_free();
    ct_remove_dir(dir);
    free(dir);
    return report();
}
