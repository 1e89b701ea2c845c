/* mbedtls/build_info.h for rustpsa's Mbed TLS compatibility layer.
 *
 * Clients written for Mbed TLS 3.x (for example the psa-crypto Rust crate)
 * include this header first. rustpsa is not Mbed TLS: it provides only the PSA
 * Crypto API (psa/crypto.h) and the few Mbed TLS extensions listed in
 * psa/crypto_extra.h. The version below is the Mbed TLS API level that those
 * clients expect, not a claim that any other part of Mbed TLS exists.
 *
 * Installed by `COMPAT=1 scripts/install.sh` into
 * PREFIX/include/rustpsa-mbedtls-compat, never over a real Mbed TLS.
 */
#ifndef RUSTPSA_COMPAT_MBEDTLS_BUILD_INFO_H
#define RUSTPSA_COMPAT_MBEDTLS_BUILD_INFO_H

#define MBEDTLS_VERSION_MAJOR 3
#define MBEDTLS_VERSION_MINOR 6
#define MBEDTLS_VERSION_PATCH 0
#define MBEDTLS_VERSION_NUMBER 0x03060000
#define MBEDTLS_VERSION_STRING "3.6.0"
#define MBEDTLS_VERSION_STRING_FULL "rustpsa (Mbed TLS 3.6.0 PSA API level)"

/* What this "build" offers. */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_CRYPTO_STORAGE_C
#define MBEDTLS_THREADING_C
#define RUSTPSA_MBEDTLS_COMPAT 1

/* Mbed TLS headers all start here; pull in the PSA API and the extensions so
 * that any include order works. */
#include "psa/crypto_extra.h"

#endif /* RUSTPSA_COMPAT_MBEDTLS_BUILD_INFO_H */
