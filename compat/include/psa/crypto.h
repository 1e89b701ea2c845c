/* psa/crypto.h for rustpsa's Mbed TLS compatibility layer.
 *
 * The same API as rustpsa's include/psa/crypto.h, plus what Mbed TLS's
 * psa/crypto.h brings with it: Mbed TLS's psa/crypto.h includes
 * psa/crypto_extra.h, so a program written for Mbed TLS finds the Mbed TLS
 * extensions (key-id helpers, statistics, encoding masks, the PAKE extension
 * 1.1 names) after including only <psa/crypto.h>.
 *
 * Installed by `COMPAT=1 scripts/install.sh` into
 * PREFIX/include/rustpsa-mbedtls-compat/psa/, where it replaces the plain
 * psa/crypto.h.
 */
#ifndef PSA_CRYPTO_H
#define PSA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "psa/crypto_generated.h"
#include "psa/crypto_macros.h"
#include "psa/crypto_extra.h"

#endif /* PSA_CRYPTO_H */
