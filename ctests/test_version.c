/* ctests/test_version.c - rustpsa/version.h agrees with rustpsa_version() and
 * with itself (MAJOR.MINOR.PATCH, the number), before and after init. */
#include <stdio.h>
#include <string.h>

#include <rustpsa/version.h>
#include <psa/crypto.h>

#include "common.h"

#define STR2(x) #x
#define STR(x) STR2(x)

int main(void)
{
    const char *v = rustpsa_version();
    char composed[64];
    unsigned maj = 9999, min = 9999, pat = 9999;
    char tail = 0;

    if (!CHECK(v != NULL)) return report();
    CHECK(strcmp(v, RUSTPSA_VERSION_STRING) == 0);
    CHECK(rustpsa_version() == v); /* static */
    snprintf(composed, sizeof composed, "%d.%d.%d", RUSTPSA_VERSION_MAJOR, RUSTPSA_VERSION_MINOR,
             RUSTPSA_VERSION_PATCH);
    CHECK(strcmp(composed, RUSTPSA_VERSION_STRING) == 0);
    CHECK(strcmp(STR(RUSTPSA_VERSION_MAJOR) "." STR(RUSTPSA_VERSION_MINOR) "." STR(
                     RUSTPSA_VERSION_PATCH),
                 v) == 0);
    CHECK(sscanf(v, "%u.%u.%u%c", &maj, &min, &pat, &tail) == 3);
    CHECK(maj == RUSTPSA_VERSION_MAJOR && min == RUSTPSA_VERSION_MINOR &&
          pat == RUSTPSA_VERSION_PATCH);
    CHECK(RUSTPSA_VERSION_NUMBER == (((unsigned long) RUSTPSA_VERSION_MAJOR << 24) |
                                     ((unsigned long) RUSTPSA_VERSION_MINOR << 16) |
                                     ((unsigned long) RUSTPSA_VERSION_PATCH << 8)));
    CHECK_STATUS(psa_crypto_init(), PSA_SUCCESS);
    CHECK(strcmp(rustpsa_version(), RUSTPSA_VERSION_STRING) == 0);
    mbedtls_psa_crypto_free();
    printf("rustpsa %s\n", v);
    return report();
}
