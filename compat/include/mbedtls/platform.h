/* mbedtls/platform.h for rustpsa's Mbed TLS compatibility layer.
 *
 * Mbed TLS programs print and exit through these names; here they are the C
 * library's functions (as in an Mbed TLS build without
 * MBEDTLS_PLATFORM_MEMORY / MBEDTLS_PLATFORM_*_ALT).
 */
#ifndef RUSTPSA_COMPAT_MBEDTLS_PLATFORM_H
#define RUSTPSA_COMPAT_MBEDTLS_PLATFORM_H

#include "mbedtls/build_info.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define mbedtls_printf printf
#define mbedtls_fprintf fprintf
#define mbedtls_snprintf snprintf
#define mbedtls_vsnprintf vsnprintf
#define mbedtls_setbuf setbuf
#define mbedtls_calloc calloc
#define mbedtls_free free
#define mbedtls_exit exit
#define mbedtls_time time
#define MBEDTLS_EXIT_SUCCESS EXIT_SUCCESS
#define MBEDTLS_EXIT_FAILURE EXIT_FAILURE

/** The time type of mbedtls_time(). */
typedef time_t mbedtls_time_t;

/** Platform context (unused: no platform setup is needed). */
typedef struct mbedtls_platform_context {
    /** Unused. */
    char dummy;
} mbedtls_platform_context;

/** No platform setup is needed: returns 0. */
static inline int mbedtls_platform_setup(mbedtls_platform_context *ctx)
{
    (void)ctx;
    return 0;
}

/** No platform teardown is needed. */
static inline void mbedtls_platform_teardown(mbedtls_platform_context *ctx)
{
    (void)ctx;
}

#endif /* RUSTPSA_COMPAT_MBEDTLS_PLATFORM_H */
