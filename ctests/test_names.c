/* ctests/test_names.c - rustpsa_status_name (rustpsa/names.h): every status
 * macro of the header maps to its own spelling, other values to "unknown",
 * before and after psa_crypto_init, always the same static string. */
#include <limits.h>
#include <string.h>

#include <rustpsa/names.h>

#include "common.h"

#define NAME_IS(status) check_name((status), #status, __LINE__)

static void check_name(psa_status_t status, const char *expected, int line)
{
    const char *got = rustpsa_status_name(status);
    if (got == NULL) {
        FAIL("line %d: rustpsa_status_name(%s) returned NULL", line, expected);
        return;
    }
    if (!CHECK(strcmp(got, expected) == 0))
        FAIL("line %d: rustpsa_status_name(%d) = \"%s\", expected \"%s\"", line, (int) status, got,
             expected);
    /* A static string: the same pointer every time. */
    CHECK(rustpsa_status_name(status) == got);
}

static void every_status(void)
{
    NAME_IS(PSA_SUCCESS);
    NAME_IS(PSA_ERROR_PROGRAMMER_ERROR);
    NAME_IS(PSA_ERROR_CONNECTION_REFUSED);
    NAME_IS(PSA_ERROR_CONNECTION_BUSY);
    NAME_IS(PSA_ERROR_GENERIC_ERROR);
    NAME_IS(PSA_ERROR_NOT_PERMITTED);
    NAME_IS(PSA_ERROR_NOT_SUPPORTED);
    NAME_IS(PSA_ERROR_INVALID_ARGUMENT);
    NAME_IS(PSA_ERROR_INVALID_HANDLE);
    NAME_IS(PSA_ERROR_BAD_STATE);
    NAME_IS(PSA_ERROR_BUFFER_TOO_SMALL);
    NAME_IS(PSA_ERROR_ALREADY_EXISTS);
    NAME_IS(PSA_ERROR_DOES_NOT_EXIST);
    NAME_IS(PSA_ERROR_INSUFFICIENT_MEMORY);
    NAME_IS(PSA_ERROR_INSUFFICIENT_STORAGE);
    NAME_IS(PSA_ERROR_INSUFFICIENT_DATA);
    NAME_IS(PSA_ERROR_SERVICE_FAILURE);
    NAME_IS(PSA_ERROR_COMMUNICATION_FAILURE);
    NAME_IS(PSA_ERROR_STORAGE_FAILURE);
    NAME_IS(PSA_ERROR_HARDWARE_FAILURE);
    NAME_IS(PSA_ERROR_INSUFFICIENT_ENTROPY);
    NAME_IS(PSA_ERROR_INVALID_SIGNATURE);
    NAME_IS(PSA_ERROR_INVALID_PADDING);
    NAME_IS(PSA_ERROR_CORRUPTION_DETECTED);
    NAME_IS(PSA_ERROR_DATA_CORRUPT);
    NAME_IS(PSA_ERROR_DATA_INVALID);
    NAME_IS(PSA_OPERATION_INCOMPLETE);
}

static void unknown_values(void)
{
    static const psa_status_t unknown[] = { 1, -1, -128, -154, -247, -249, 137, INT_MIN, INT_MAX };
    size_t i;
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        check_name(unknown[i], "unknown", __LINE__);
}

int main(void)
{
    /* Before psa_crypto_init. */
    every_status();
    unknown_values();
    /* A real status from the library reads as its name. */
    CHECK(strcmp(rustpsa_status_name(psa_hash_compute(PSA_ALG_SHA_256, NULL, 0, NULL, 0, NULL)),
                 "PSA_ERROR_BAD_STATE") == 0);
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    every_status();
    unknown_values();
    {
        psa_key_id_t none = 0x12345;
        CHECK(strcmp(rustpsa_status_name(psa_destroy_key(none)), "PSA_ERROR_INVALID_HANDLE") == 0);
    }
    mbedtls_psa_crypto_free();
    every_status();
    return report();
}
