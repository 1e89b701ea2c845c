/* tf-psa-crypto/build_info.h for rustpsa's Mbed TLS compatibility layer.
 *
 * TF-PSA-Crypto 1.0 clients include this header first. It gives the same
 * configuration macros as mbedtls/build_info.h (what rustpsa's PSA API offers)
 * and the TF-PSA-Crypto version this API level corresponds to.
 */
#ifndef RUSTPSA_COMPAT_TF_PSA_CRYPTO_BUILD_INFO_H
#define RUSTPSA_COMPAT_TF_PSA_CRYPTO_BUILD_INFO_H

#define TF_PSA_CRYPTO_VERSION_MAJOR 1
#define TF_PSA_CRYPTO_VERSION_MINOR 0
#define TF_PSA_CRYPTO_VERSION_PATCH 0
#define TF_PSA_CRYPTO_VERSION_NUMBER 0x01000000
#define TF_PSA_CRYPTO_VERSION_STRING "1.0.0"

#include "mbedtls/build_info.h"

#endif /* RUSTPSA_COMPAT_TF_PSA_CRYPTO_BUILD_INFO_H */
