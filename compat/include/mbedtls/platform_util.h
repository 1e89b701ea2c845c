/* mbedtls/platform_util.h for rustpsa's Mbed TLS compatibility layer.
 *
 * mbedtls_platform_zeroize() is a real function of librustpsa (volatile
 * writes, so the compiler cannot remove the wipe), declared in
 * psa/crypto_compat.h.
 */
#ifndef RUSTPSA_COMPAT_MBEDTLS_PLATFORM_UTIL_H
#define RUSTPSA_COMPAT_MBEDTLS_PLATFORM_UTIL_H

#include "mbedtls/build_info.h"
#include "psa/crypto_compat.h"

#endif /* RUSTPSA_COMPAT_MBEDTLS_PLATFORM_UTIL_H */
