/** @file
 * rustpsa: PSA Certified Crypto API 1.2 — the header applications include.
 *
 * It includes psa/crypto_generated.h (typedefs, constants, structures and
 * prototypes, generated from the Rust sources) and psa/crypto_macros.h (the
 * function-like macros, size macros and initialisers).
 */
#ifndef PSA_CRYPTO_H
#define PSA_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "psa/crypto_generated.h"
#include "psa/crypto_macros.h"

#endif /* PSA_CRYPTO_H */
