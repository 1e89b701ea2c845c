/* psa/crypto_extra.h for rustpsa's Mbed TLS compatibility layer.
 *
 * Macros that Mbed TLS offers beyond the PSA Crypto API specification and that
 * existing clients use. Each one is computed from the encodings defined by the
 * specification (the hash of a hash-parameterised algorithm is in bits 0..7,
 * the MAC truncation length in bits 16..21).
 */
#ifndef RUSTPSA_COMPAT_PSA_CRYPTO_EXTRA_H
#define RUSTPSA_COMPAT_PSA_CRYPTO_EXTRA_H

#include "psa/crypto.h"

/* Some size macros of psa/crypto.h (PSA_MAC_LENGTH, PSA_AEAD_TAG_LENGTH,
 * PSA_SIGN_OUTPUT_SIZE, PSA_ASYMMETRIC_{EN,DE}CRYPT_OUTPUT_SIZE) do not use
 * every argument. Mbed TLS clients wrap them in functions compiled with
 * -Wextra -Werror, which then fail on -Wunused-parameter; this layer silences
 * that one warning for the including file (define
 * RUSTPSA_COMPAT_KEEP_UNUSED_PARAMETER to keep it). */
#if (defined(__GNUC__) || defined(__clang__)) && !defined(RUSTPSA_COMPAT_KEEP_UNUSED_PARAMETER)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif

/* The hash algorithm (PSA_ALG_xxx) whose hash field is the one of `alg`. */
#define RUSTPSA_COMPAT_HASH_OF(alg) \
    ((psa_algorithm_t) (0x02000000u | ((psa_algorithm_t) (alg) & 0x000000ffu)))

#ifndef PSA_ALG_HKDF_GET_HASH
/** The hash of an HKDF algorithm (PSA_ALG_HKDF(hash)). */
#define PSA_ALG_HKDF_GET_HASH(hkdf_alg) RUSTPSA_COMPAT_HASH_OF(hkdf_alg)
#endif

#ifndef PSA_ALG_TLS12_PRF_GET_HASH
/** The hash of a TLS-1.2 PRF algorithm (PSA_ALG_TLS12_PRF(hash)). */
#define PSA_ALG_TLS12_PRF_GET_HASH(tls12_prf_alg) RUSTPSA_COMPAT_HASH_OF(tls12_prf_alg)
#endif

#ifndef PSA_ALG_TLS12_PSK_TO_MS_GET_HASH
/** The hash of a TLS-1.2 PSK-to-master-secret algorithm. */
#define PSA_ALG_TLS12_PSK_TO_MS_GET_HASH(alg) RUSTPSA_COMPAT_HASH_OF(alg)
#endif

#ifndef PSA_ALG_RSA_OAEP_GET_HASH
/** The hash of an RSA-OAEP algorithm, or 0 if `alg` is not RSA-OAEP. */
#define PSA_ALG_RSA_OAEP_GET_HASH(alg) \
    (PSA_ALG_IS_RSA_OAEP(alg) ? RUSTPSA_COMPAT_HASH_OF(alg) : (psa_algorithm_t) 0)
#endif

#ifndef PSA_MAC_TRUNCATED_LENGTH
/** The truncation length encoded in a MAC algorithm (0: not truncated). */
#define PSA_MAC_TRUNCATED_LENGTH(mac_alg) \
    ((size_t) (((psa_algorithm_t) (mac_alg) & 0x003f0000u) >> 16))
#endif

#endif /* RUSTPSA_COMPAT_PSA_CRYPTO_EXTRA_H */
