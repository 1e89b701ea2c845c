/** @file
 * rustpsa: function-like macros and initialisers of the PSA Certified Crypto API 1.2.
 *
 * The numeric constants and typedefs live in psa/crypto_generated.h, which is
 * generated from the Rust sources. This file holds what cbindgen cannot express:
 * every function-like macro of the specification, the *_INIT macros and the
 * static inline initialiser functions. Each macro has a `const fn` twin in
 * src/types (same name in snake case); the two must compute the same values.
 *
 * Macro arguments may be evaluated more than once.
 */
#ifndef RUSTPSA_PSA_CRYPTO_MACROS_H
#define RUSTPSA_PSA_CRYPTO_MACROS_H

#include "psa/crypto_generated.h"

/* ========================================================================== */
/* Generic helpers                                                            */
/* ========================================================================== */

/** Number of bytes needed to hold @p bits bits. */
#define PSA_BITS_TO_BYTES(bits) ((size_t)(((size_t)(bits) + 7u) / 8u))

/** Number of bits in @p bytes bytes. */
#define PSA_BYTES_TO_BITS(bytes) ((size_t)((size_t)(bytes) * 8u))

/** Internal: @p length rounded up to a multiple of @p block (0 if @p block is 0). */
#define RUSTPSA_ROUND_UP_TO_MULTIPLE(block, length)                               \
    ((size_t)((block) == 0u ? 0u                                                  \
              : (((size_t)(length) + (size_t)(block) - 1u) / (size_t)(block)) *  \
                    (size_t)(block)))

/** Use the largest capacity the algorithm allows for a key derivation operation. */
#define PSA_KEY_DERIVATION_UNLIMITED_CAPACITY ((size_t)-1)

/* ========================================================================== */
/* Key lifetimes                                                              */
/* ========================================================================== */

/** The persistence level (low 8 bits) of a key lifetime. */
#define PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) \
    ((psa_key_persistence_t)((lifetime) & 0x000000ffu))

/** The location indicator (high 24 bits) of a key lifetime. */
#define PSA_KEY_LIFETIME_GET_LOCATION(lifetime) ((psa_key_location_t)((lifetime) >> 8))

/** Whether a key lifetime designates a volatile key. */
#define PSA_KEY_LIFETIME_IS_VOLATILE(lifetime) \
    (PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) == PSA_KEY_PERSISTENCE_VOLATILE)

/** Whether a key lifetime designates a read-only key that can never be destroyed. */
#define PSA_KEY_LIFETIME_IS_READ_ONLY(lifetime) \
    (PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime) == PSA_KEY_PERSISTENCE_READ_ONLY)

/** Builds a key lifetime from a persistence level and a location indicator. */
#define PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, location) \
    ((psa_key_lifetime_t)(((psa_key_lifetime_t)(location) << 8) |           \
                          (psa_key_lifetime_t)(persistence)))

/* ========================================================================== */
/* Key types                                                                  */
/* ========================================================================== */

/* Encoding of PSA Crypto API 1.3 and later: an asymmetric key type owns bit 7,
 * and the family of a parameterised type (ECC, DH, SPAKE2+, SLH-DSA) is the
 * low 7 bits. Every 1.2 value of a defined family is unchanged. */

/** Whether a key type is raw data or a symmetric key (an unstructured byte array). */
#define PSA_KEY_TYPE_IS_UNSTRUCTURED(type) \
    ((((type) & 0x7000u) == 0x1000u) || (((type) & 0x7000u) == 0x2000u))

/** Whether a key type is asymmetric: a key pair or a public key. */
#define PSA_KEY_TYPE_IS_ASYMMETRIC(type) (((type) & 0x4000u) == 0x4000u)

/** Whether a key type is the public part of a key pair. */
#define PSA_KEY_TYPE_IS_PUBLIC_KEY(type) (((type) & 0x7000u) == 0x4000u)

/** Whether a key type is a key pair (private and public key). */
#define PSA_KEY_TYPE_IS_KEY_PAIR(type) (((type) & 0x7000u) == 0x7000u)

/** The public key type that corresponds to a key pair type (identity on public keys). */
#define PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) ((psa_key_type_t)((type) & ~0x3000u))

/** The key pair type that corresponds to a public key type (identity on key pairs). */
#define PSA_KEY_TYPE_KEY_PAIR_OF_PUBLIC_KEY(type) ((psa_key_type_t)((type) | 0x3000u))

/** Whether a key type is an RSA key pair or RSA public key. */
#define PSA_KEY_TYPE_IS_RSA(type) \
    (PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) == PSA_KEY_TYPE_RSA_PUBLIC_KEY)

/** Elliptic curve key pair type for the curve family @p curve. */
#define PSA_KEY_TYPE_ECC_KEY_PAIR(curve) ((psa_key_type_t)(0x7100u | ((curve) & 0x007fu)))

/** Elliptic curve public key type for the curve family @p curve. */
#define PSA_KEY_TYPE_ECC_PUBLIC_KEY(curve) ((psa_key_type_t)(0x4100u | ((curve) & 0x007fu)))

/** Whether a key type is an elliptic curve key pair or public key. */
#define PSA_KEY_TYPE_IS_ECC(type) ((PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) & 0xff80u) == 0x4100u)

/** Whether a key type is an elliptic curve key pair. */
#define PSA_KEY_TYPE_IS_ECC_KEY_PAIR(type) (((type) & 0xff80u) == 0x7100u)

/** Whether a key type is an elliptic curve public key. */
#define PSA_KEY_TYPE_IS_ECC_PUBLIC_KEY(type) (((type) & 0xff80u) == 0x4100u)

/** The curve family of an elliptic curve key type, 0 for other key types. */
#define PSA_KEY_TYPE_ECC_GET_FAMILY(type) \
    ((psa_ecc_family_t)(PSA_KEY_TYPE_IS_ECC(type) ? ((type) & 0x007fu) : 0u))

/** Finite-field Diffie-Hellman key pair type for the group family @p group. */
#define PSA_KEY_TYPE_DH_KEY_PAIR(group) ((psa_key_type_t)(0x7200u | ((group) & 0x007fu)))

/** Finite-field Diffie-Hellman public key type for the group family @p group. */
#define PSA_KEY_TYPE_DH_PUBLIC_KEY(group) ((psa_key_type_t)(0x4200u | ((group) & 0x007fu)))

/** Whether a key type is a finite-field Diffie-Hellman key pair or public key. */
#define PSA_KEY_TYPE_IS_DH(type) ((PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) & 0xff80u) == 0x4200u)

/** Whether a key type is a finite-field Diffie-Hellman key pair. */
#define PSA_KEY_TYPE_IS_DH_KEY_PAIR(type) (((type) & 0xff80u) == 0x7200u)

/** Whether a key type is a finite-field Diffie-Hellman public key. */
#define PSA_KEY_TYPE_IS_DH_PUBLIC_KEY(type) (((type) & 0xff80u) == 0x4200u)

/** The group family of a Diffie-Hellman key type, 0 for other key types. */
#define PSA_KEY_TYPE_DH_GET_FAMILY(type) \
    ((psa_dh_family_t)(PSA_KEY_TYPE_IS_DH(type) ? ((type) & 0x007fu) : 0u))

/** Whether a key type is an ML-KEM key pair or public key (1.3). */
#define PSA_KEY_TYPE_IS_ML_KEM(type) \
    (PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) == PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY)

/** Block size in bytes of a symmetric key type (1 for a stream cipher), else 0. */
#define PSA_BLOCK_CIPHER_BLOCK_LENGTH(type)                  \
    ((size_t)((((type) & 0x7000u) == 0x2000u)                \
                  ? ((size_t)1u << (((type) >> 8) & 7u))     \
                  : 0u))

/* ========================================================================== */
/* Algorithms: categories and generic helpers                                 */
/* ========================================================================== */

/** Whether an algorithm is a hash algorithm. */
#define PSA_ALG_IS_HASH(alg) (((alg) & 0x7f000000u) == 0x02000000u)

/** Whether an algorithm is a MAC algorithm. */
#define PSA_ALG_IS_MAC(alg) (((alg) & 0x7f000000u) == 0x03000000u)

/** Whether an algorithm is an unauthenticated symmetric cipher algorithm. */
#define PSA_ALG_IS_CIPHER(alg) (((alg) & 0x7f000000u) == 0x04000000u)

/** Whether an algorithm is an authenticated encryption with associated data algorithm. */
#define PSA_ALG_IS_AEAD(alg) (((alg) & 0x7f000000u) == 0x05000000u)

/** Whether an algorithm is an asymmetric signature algorithm. */
#define PSA_ALG_IS_SIGN(alg) (((alg) & 0x7f000000u) == 0x06000000u)

/** Whether an algorithm is an asymmetric encryption algorithm. */
#define PSA_ALG_IS_ASYMMETRIC_ENCRYPTION(alg) (((alg) & 0x7f000000u) == 0x07000000u)

/** Whether an algorithm is a key derivation algorithm. */
#define PSA_ALG_IS_KEY_DERIVATION(alg) (((alg) & 0x7f000000u) == 0x08000000u)

/** Whether an algorithm is a key agreement algorithm (standalone or with a KDF). */
#define PSA_ALG_IS_KEY_AGREEMENT(alg) (((alg) & 0x7f000000u) == 0x09000000u)

/** Whether an algorithm is a key-encapsulation algorithm (1.3). */
#define PSA_ALG_IS_KEY_ENCAPSULATION(alg) (((alg) & 0x7f000000u) == 0x0c000000u)

/** The hash encoded in a composite algorithm, or PSA_ALG_NONE if it has none. */
#define PSA_ALG_GET_HASH(alg)                                       \
    ((psa_algorithm_t)((((alg) & 0x000000ffu) == 0u)                \
                           ? 0u                                     \
                           : (0x02000000u | ((alg) & 0x000000ffu))))

/** Whether an algorithm is a wildcard that may only appear in a key policy. */
#define PSA_ALG_IS_WILDCARD(alg)                                        \
    ((PSA_ALG_GET_HASH(alg) == PSA_ALG_ANY_HASH) ||                     \
     (((alg) & 0x7f008000u) == 0x03008000u) ||                          \
     (((alg) & 0x7f008000u) == 0x05008000u) ||                          \
     ((alg) == PSA_ALG_CCM_STAR_ANY_TAG))

/* ========================================================================== */
/* MAC algorithms                                                             */
/* ========================================================================== */

/** HMAC with the hash algorithm @p hash_alg. */
#define PSA_ALG_HMAC(hash_alg) ((psa_algorithm_t)(0x03800000u | ((hash_alg) & 0x000000ffu)))

/** The hash algorithm of an HMAC algorithm. */
#define PSA_ALG_HMAC_GET_HASH(hmac_alg) \
    ((psa_algorithm_t)(0x02000000u | ((hmac_alg) & 0x000000ffu)))

/** Whether an algorithm is an HMAC algorithm (any MAC length). */
#define PSA_ALG_IS_HMAC(alg) (((alg) & 0x7fc0ff00u) == 0x03800000u)

/** Whether an algorithm is a MAC built on a block cipher (CBC-MAC, CMAC). */
#define PSA_ALG_IS_BLOCK_CIPHER_MAC(alg) (((alg) & 0x7fc00000u) == 0x03c00000u)

/** The MAC algorithm @p mac_alg truncated to @p mac_length bytes. */
#define PSA_ALG_TRUNCATED_MAC(mac_alg, mac_length)              \
    ((psa_algorithm_t)(((mac_alg) & ~0x003f8000u) |             \
                       (((psa_algorithm_t)(mac_length) & 0x3fu) << 16)))

/** The MAC algorithm @p mac_alg with its default (untruncated) length. */
#define PSA_ALG_FULL_LENGTH_MAC(mac_alg) ((psa_algorithm_t)((mac_alg) & ~0x003f8000u))

/** Policy wildcard: @p mac_alg with any MAC length of at least @p min_mac_length bytes. */
#define PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(mac_alg, min_mac_length) \
    ((psa_algorithm_t)(PSA_ALG_TRUNCATED_MAC(mac_alg, min_mac_length) | 0x00008000u))

/** Internal: the MAC length field of a MAC algorithm (0 means the default length). */
#define RUSTPSA_MAC_TRUNCATED_LENGTH(mac_alg) ((size_t)(((mac_alg) >> 16) & 0x3fu))

/* ========================================================================== */
/* Cipher and AEAD algorithms                                                 */
/* ========================================================================== */

/** Whether a cipher algorithm is a stream cipher (no padding, any input length). */
#define PSA_ALG_IS_STREAM_CIPHER(alg) (((alg) & 0x7f800000u) == 0x04800000u)

/** Whether an AEAD algorithm is built on a block cipher (CCM, GCM). */
#define PSA_ALG_IS_AEAD_ON_BLOCK_CIPHER(alg) (((alg) & 0x7f400000u) == 0x05400000u)

/** The AEAD algorithm @p aead_alg with a tag of @p tag_length bytes. */
#define PSA_ALG_AEAD_WITH_SHORTENED_TAG(aead_alg, tag_length)   \
    ((psa_algorithm_t)(((aead_alg) & ~0x003f8000u) |            \
                       (((psa_algorithm_t)(tag_length) & 0x3fu) << 16)))

/** Policy wildcard: @p aead_alg with any tag of at least @p min_tag_length bytes. */
#define PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(aead_alg, min_tag_length) \
    ((psa_algorithm_t)(PSA_ALG_AEAD_WITH_SHORTENED_TAG(aead_alg, min_tag_length) | 0x00008000u))

/** The base AEAD algorithm with its default tag length, PSA_ALG_NONE if unknown. */
#define PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(aead_alg)                              \
    ((psa_algorithm_t)((((aead_alg) & ~0x003f8000u) == 0x05400100u) ? 0x05500100u : \
                       (((aead_alg) & ~0x003f8000u) == 0x05400200u) ? 0x05500200u : \
                       (((aead_alg) & ~0x003f8000u) == 0x05000500u) ? 0x05100500u : \
                       (((aead_alg) & ~0x003f8000u) == 0x05000600u) ? 0x05100600u : \
                       (((aead_alg) & ~0x003f8000u) == 0x05000700u) ? 0x05100700u : \
                       0u))

/** Internal: the tag length field of an AEAD algorithm. */
#define RUSTPSA_AEAD_TAG_LENGTH_FIELD(aead_alg) ((size_t)(((aead_alg) >> 16) & 0x3fu))

/* ========================================================================== */
/* Key derivation algorithms                                                  */
/* ========================================================================== */

/** HKDF with the hash algorithm @p hash_alg. */
#define PSA_ALG_HKDF(hash_alg) ((psa_algorithm_t)(0x08000100u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is an HKDF algorithm. */
#define PSA_ALG_IS_HKDF(alg) (((alg) & ~0x000000ffu) == 0x08000100u)

/** HKDF-Extract with the hash algorithm @p hash_alg. */
#define PSA_ALG_HKDF_EXTRACT(hash_alg) \
    ((psa_algorithm_t)(0x08000400u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is an HKDF-Extract algorithm. */
#define PSA_ALG_IS_HKDF_EXTRACT(alg) (((alg) & ~0x000000ffu) == 0x08000400u)

/** HKDF-Expand with the hash algorithm @p hash_alg. */
#define PSA_ALG_HKDF_EXPAND(hash_alg) \
    ((psa_algorithm_t)(0x08000500u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is an HKDF-Expand algorithm. */
#define PSA_ALG_IS_HKDF_EXPAND(alg) (((alg) & ~0x000000ffu) == 0x08000500u)

/** The TLS 1.2 PRF with the hash algorithm @p hash_alg. */
#define PSA_ALG_TLS12_PRF(hash_alg) \
    ((psa_algorithm_t)(0x08000200u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is a TLS 1.2 PRF algorithm. */
#define PSA_ALG_IS_TLS12_PRF(alg) (((alg) & ~0x000000ffu) == 0x08000200u)

/** The TLS 1.2 PSK-to-master-secret derivation with the hash algorithm @p hash_alg. */
#define PSA_ALG_TLS12_PSK_TO_MS(hash_alg) \
    ((psa_algorithm_t)(0x08000300u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is a TLS 1.2 PSK-to-master-secret algorithm. */
#define PSA_ALG_IS_TLS12_PSK_TO_MS(alg) (((alg) & ~0x000000ffu) == 0x08000300u)

/** PBKDF2 with HMAC over the hash algorithm @p hash_alg as the PRF. */
#define PSA_ALG_PBKDF2_HMAC(hash_alg) \
    ((psa_algorithm_t)(0x08800100u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is a PBKDF2-HMAC algorithm. */
#define PSA_ALG_IS_PBKDF2_HMAC(alg) (((alg) & ~0x000000ffu) == 0x08800100u)

/** The NIST SP 800-108 counter-mode KDF with HMAC over @p hash_alg as the PRF. */
#define PSA_ALG_SP800_108_COUNTER_HMAC(hash_alg) \
    ((psa_algorithm_t)(0x08000700u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is an SP 800-108 counter-mode HMAC algorithm. */
#define PSA_ALG_IS_SP800_108_COUNTER_HMAC(alg) (((alg) & ~0x000000ffu) == 0x08000700u)

/** Whether a key derivation algorithm is a key-stretching / password-hashing algorithm. */
#define PSA_ALG_IS_KEY_DERIVATION_STRETCHING(alg) (((alg) & 0x7f800000u) == 0x08800000u)

/* ========================================================================== */
/* Asymmetric signature algorithms                                            */
/* ========================================================================== */

/** RSA PKCS#1 v1.5 signature with the hash algorithm @p hash_alg. */
#define PSA_ALG_RSA_PKCS1V15_SIGN(hash_alg) \
    ((psa_algorithm_t)(0x06000200u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is an RSA PKCS#1 v1.5 signature algorithm (raw included). */
#define PSA_ALG_IS_RSA_PKCS1V15_SIGN(alg) (((alg) & ~0x000000ffu) == 0x06000200u)

/** RSA PSS signature with the hash algorithm @p hash_alg and a salt as long as the hash. */
#define PSA_ALG_RSA_PSS(hash_alg) ((psa_algorithm_t)(0x06000300u | ((hash_alg) & 0x000000ffu)))

/** RSA PSS signature with the hash algorithm @p hash_alg; verification accepts any salt length. */
#define PSA_ALG_RSA_PSS_ANY_SALT(hash_alg) \
    ((psa_algorithm_t)(0x06001300u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is RSA PSS with the standard salt length. */
#define PSA_ALG_IS_RSA_PSS_STANDARD_SALT(alg) (((alg) & ~0x000000ffu) == 0x06000300u)

/** Whether an algorithm is RSA PSS accepting any salt length. */
#define PSA_ALG_IS_RSA_PSS_ANY_SALT(alg) (((alg) & ~0x000000ffu) == 0x06001300u)

/** Whether an algorithm is an RSA PSS signature algorithm (either salt variant). */
#define PSA_ALG_IS_RSA_PSS(alg) (((alg) & ~0x000010ffu) == 0x06000300u)

/** Randomized ECDSA with the hash algorithm @p hash_alg. */
#define PSA_ALG_ECDSA(hash_alg) ((psa_algorithm_t)(0x06000600u | ((hash_alg) & 0x000000ffu)))

/** Deterministic ECDSA (RFC 6979) with the hash algorithm @p hash_alg. */
#define PSA_ALG_DETERMINISTIC_ECDSA(hash_alg) \
    ((psa_algorithm_t)(0x06000700u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is ECDSA, randomized or deterministic. */
#define PSA_ALG_IS_ECDSA(alg) (((alg) & ~0x000001ffu) == 0x06000600u)

/** Whether an algorithm is deterministic ECDSA. */
#define PSA_ALG_IS_DETERMINISTIC_ECDSA(alg) (((alg) & ~0x000000ffu) == 0x06000700u)

/** Whether an algorithm is randomized ECDSA. */
#define PSA_ALG_IS_RANDOMIZED_ECDSA(alg) (((alg) & ~0x000000ffu) == 0x06000600u)

/** Whether an algorithm is HashEdDSA (Ed25519ph, Ed448ph). */
#define PSA_ALG_IS_HASH_EDDSA(alg) (((alg) & ~0x000000ffu) == 0x06000900u)

/**
 * Whether an algorithm is a hash-and-sign signature family (RSA PKCS#1 v1.5, RSA PSS,
 * ECDSA, HashEdDSA). Like the specification's example, this does not look at the hash
 * field: PSA_ALG_ECDSA_ANY and PSA_ALG_RSA_PKCS1V15_SIGN_RAW match too.
 */
#define PSA_ALG_IS_HASH_AND_SIGN(alg)                                      \
    (PSA_ALG_IS_RSA_PSS(alg) || PSA_ALG_IS_RSA_PKCS1V15_SIGN(alg) ||       \
     PSA_ALG_IS_ECDSA(alg) || PSA_ALG_IS_HASH_EDDSA(alg) ||                \
     PSA_ALG_IS_HASH_ML_DSA(alg) || PSA_ALG_IS_HASH_SLH_DSA(alg))

/** Whether a signature algorithm can be used with psa_sign_hash() and psa_verify_hash(). */
#define PSA_ALG_IS_SIGN_HASH(alg)                                   \
    (PSA_ALG_IS_HASH_AND_SIGN(alg) ||                               \
     ((alg) == PSA_ALG_RSA_PKCS1V15_SIGN_RAW) || ((alg) == PSA_ALG_ECDSA_ANY))

/** Whether a signature algorithm can be used with psa_sign_message() and psa_verify_message(). */
#define PSA_ALG_IS_SIGN_MESSAGE(alg)                                 \
    (PSA_ALG_IS_SIGN(alg) && ((alg) != PSA_ALG_ECDSA_ANY) &&         \
     ((alg) != PSA_ALG_RSA_PKCS1V15_SIGN_RAW))

/** The hash of a hash-and-sign algorithm, PSA_ALG_NONE if it has none (or is not one). */
#define PSA_ALG_SIGN_GET_HASH(alg)                                              \
    ((psa_algorithm_t)((PSA_ALG_IS_HASH_AND_SIGN(alg) &&                        \
                        ((alg) & 0x000000ffu) != 0u)                            \
                           ? (0x02000000u | ((alg) & 0x000000ffu))              \
                           : 0u))

/* ========================================================================== */
/* Asymmetric encryption algorithms                                           */
/* ========================================================================== */

/** RSA OAEP encryption with the hash algorithm @p hash_alg (for MGF1 and the label). */
#define PSA_ALG_RSA_OAEP(hash_alg) ((psa_algorithm_t)(0x07000300u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is an RSA OAEP encryption algorithm. */
#define PSA_ALG_IS_RSA_OAEP(alg) (((alg) & ~0x000000ffu) == 0x07000300u)

/* ========================================================================== */
/* Key agreement algorithms                                                   */
/* ========================================================================== */

/** Combines the key agreement @p ka_alg with the key derivation @p kdf_alg. */
#define PSA_ALG_KEY_AGREEMENT(ka_alg, kdf_alg) ((psa_algorithm_t)((ka_alg) | (kdf_alg)))

/** The standalone key agreement part of a combined key agreement algorithm.
 * Bit 23 belongs to the key derivation (its key-stretching flag, as in
 * PBKDF2), so it is cleared here (PSA Crypto API 1.2.1). */
#define PSA_ALG_KEY_AGREEMENT_GET_BASE(alg) ((psa_algorithm_t)((alg) & 0xff7f0000u))

/** The key derivation part of a combined key agreement algorithm, with its
 * key-stretching flag (bit 23) kept (PSA Crypto API 1.2.1). */
#define PSA_ALG_KEY_AGREEMENT_GET_KDF(alg) ((psa_algorithm_t)((alg) & 0xfe80ffffu))

/** Whether an algorithm is a standalone key agreement (no key derivation attached). */
#define PSA_ALG_IS_STANDALONE_KEY_AGREEMENT(alg) (((alg) & 0x7f00ffffu) == 0x09000000u)

/** Former (1.1) name of PSA_ALG_IS_STANDALONE_KEY_AGREEMENT(). */
#define PSA_ALG_IS_RAW_KEY_AGREEMENT(alg) PSA_ALG_IS_STANDALONE_KEY_AGREEMENT(alg)

/** Whether an algorithm is a finite-field Diffie-Hellman key agreement. */
#define PSA_ALG_IS_FFDH(alg) (((alg) & 0x7fff0000u) == 0x09010000u)

/** Whether an algorithm is an elliptic curve Diffie-Hellman key agreement. */
#define PSA_ALG_IS_ECDH(alg) (((alg) & 0x7fff0000u) == 0x09020000u)

/* ========================================================================== */
/* Hash sizes                                                                 */
/* ========================================================================== */

/** Digest size in bytes of the hash in @p alg (a hash or HMAC algorithm), 0 if unknown. */
#define PSA_HASH_LENGTH(alg)                                                         \
    ((size_t)(PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_MD2 ? 16u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_MD4 ? 16u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_MD5 ? 16u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_AES_MMO_ZIGBEE ? 16u :           \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_RIPEMD160 ? 20u :                \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_1 ? 20u :                    \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_224 ? 28u :                  \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_256 ? 32u :                  \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_384 ? 48u :                  \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_512 ? 64u :                  \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_512_224 ? 28u :              \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_512_256 ? 32u :              \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_224 ? 28u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_256 ? 32u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_384 ? 48u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_512 ? 64u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SM3 ? 32u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE256_512 ? 64u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_256_192 ? 24u :              \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE128_256 ? 32u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE256_192 ? 24u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE256_256 ? 32u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_ASCON_HASH256 ? 32u :            \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2S_HASH256 ? 32u :          \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2SP_HASH256 ? 32u :         \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2B_HASH512 ? 64u :          \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2BP_HASH512 ? 64u :         \
              0u))

/** Input block size in bytes of the hash in @p alg, 0 if unknown. */
#define PSA_HASH_BLOCK_LENGTH(alg)                                                   \
    ((size_t)(PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_MD2 ? 16u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_MD4 ? 64u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_MD5 ? 64u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_AES_MMO_ZIGBEE ? 16u :           \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_RIPEMD160 ? 64u :                \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_1 ? 64u :                    \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_224 ? 64u :                  \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_256 ? 64u :                  \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_384 ? 128u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_512 ? 128u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_512_224 ? 128u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_512_256 ? 128u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_224 ? 144u :                \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_256 ? 136u :                \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_384 ? 104u :                \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA3_512 ? 72u :                 \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SM3 ? 64u :                      \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE256_512 ? 136u :            \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHA_256_192 ? 64u :              \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE128_256 ? 168u :            \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE256_192 ? 136u :            \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_SHAKE256_256 ? 136u :            \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_ASCON_HASH256 ? 8u :             \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2S_HASH256 ? 64u :          \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2SP_HASH256 ? 64u :         \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2B_HASH512 ? 128u :         \
              PSA_ALG_HMAC_GET_HASH(alg) == PSA_ALG_BLAKE2BP_HASH512 ? 128u :        \
              0u))

/** Size of the input-length field of a suspended hash state, 0 if not suspendable. */
#define PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(alg)                   \
    ((size_t)((alg) == PSA_ALG_MD2 ? 1u :                                 \
              ((alg) == PSA_ALG_MD4 || (alg) == PSA_ALG_MD5 ||            \
               (alg) == PSA_ALG_RIPEMD160 || (alg) == PSA_ALG_SHA_1 ||    \
               (alg) == PSA_ALG_SHA_224 || (alg) == PSA_ALG_SHA_256) ? 8u : \
              ((alg) == PSA_ALG_SHA_384 || (alg) == PSA_ALG_SHA_512 ||    \
               (alg) == PSA_ALG_SHA_512_224 ||                            \
               (alg) == PSA_ALG_SHA_512_256) ? 16u :                      \
              0u))

/** Size of the hash-state field of a suspended hash state, 0 if not suspendable. */
#define PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(alg)                     \
    ((size_t)((alg) == PSA_ALG_MD2 ? 64u :                                \
              ((alg) == PSA_ALG_MD4 || (alg) == PSA_ALG_MD5) ? 16u :      \
              ((alg) == PSA_ALG_RIPEMD160 || (alg) == PSA_ALG_SHA_1) ? 20u : \
              ((alg) == PSA_ALG_SHA_224 || (alg) == PSA_ALG_SHA_256) ? 32u : \
              ((alg) == PSA_ALG_SHA_384 || (alg) == PSA_ALG_SHA_512 ||    \
               (alg) == PSA_ALG_SHA_512_224 ||                            \
               (alg) == PSA_ALG_SHA_512_256) ? 64u :                      \
              0u))

/** Buffer size for psa_hash_suspend() with @p alg, 0 if the hash cannot be suspended. */
#define PSA_HASH_SUSPEND_OUTPUT_SIZE(alg)                                   \
    ((size_t)(PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(alg) == 0u ? 0u :  \
              PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH +                     \
                  PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(alg) +         \
                  PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(alg) +           \
                  PSA_HASH_BLOCK_LENGTH(alg) - 1u))

/* ========================================================================== */
/* MAC sizes                                                                  */
/* ========================================================================== */

/** Size in bytes of the MAC computed by @p alg with a key of type @p key_type. */
#define PSA_MAC_LENGTH(key_type, key_bits, alg)                                    \
    ((size_t)(!PSA_ALG_IS_MAC(alg) ? 0u :                      \
              RUSTPSA_MAC_TRUNCATED_LENGTH(alg) != 0u ? RUSTPSA_MAC_TRUNCATED_LENGTH(alg) : \
              PSA_ALG_IS_HMAC(alg) ? PSA_HASH_LENGTH(alg) :                        \
              PSA_ALG_IS_BLOCK_CIPHER_MAC(alg) ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) : \
              0u))

/* ========================================================================== */
/* Cipher sizes                                                               */
/* ========================================================================== */

/** Default IV length in bytes for @p alg with a key of type @p key_type, 0 if none. */
#define PSA_CIPHER_IV_LENGTH(key_type, alg)                                           \
    ((size_t)(PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) > 1u                            \
                  ? (((alg) == PSA_ALG_CTR || (alg) == PSA_ALG_CFB ||                 \
                      (alg) == PSA_ALG_OFB || (alg) == PSA_ALG_XTS ||                 \
                      (alg) == PSA_ALG_CBC_NO_PADDING || (alg) == PSA_ALG_CBC_PKCS7)  \
                         ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type)                    \
                         : (alg) == PSA_ALG_CCM_STAR_NO_TAG ? 13u : 0u)               \
              : (alg) != PSA_ALG_STREAM_CIPHER ? 0u                                   \
              : (key_type) == PSA_KEY_TYPE_CHACHA20 ? 12u                             \
              : (key_type) == PSA_KEY_TYPE_XCHACHA20 ? 24u : 0u))

/** Output buffer size for psa_cipher_encrypt() (IV included). */
#define PSA_CIPHER_ENCRYPT_OUTPUT_SIZE(key_type, alg, input_length)                   \
    ((size_t)(!PSA_ALG_IS_CIPHER(alg) ? 0u :                                          \
              (alg) == PSA_ALG_CBC_PKCS7                                              \
                  ? (PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) == 0u ? 0u :             \
                     RUSTPSA_ROUND_UP_TO_MULTIPLE(PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type), \
                                                  (size_t)(input_length) + 1u) +      \
                         PSA_CIPHER_IV_LENGTH(key_type, alg))                         \
                  : (size_t)(input_length) + PSA_CIPHER_IV_LENGTH(key_type, alg)))

/** Output buffer size for psa_cipher_encrypt() with any supported key type and algorithm. */
#define PSA_CIPHER_ENCRYPT_OUTPUT_MAX_SIZE(input_length)                              \
    ((size_t)(RUSTPSA_ROUND_UP_TO_MULTIPLE(PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE,           \
                                           (size_t)(input_length) + 1u) +             \
              PSA_CIPHER_IV_MAX_SIZE))

/** Output buffer size for psa_cipher_decrypt() (the input minus the IV). */
#define PSA_CIPHER_DECRYPT_OUTPUT_SIZE(key_type, alg, input_length)                   \
    ((size_t)((PSA_ALG_IS_CIPHER(alg) &&                                              \
               (size_t)(input_length) > PSA_CIPHER_IV_LENGTH(key_type, alg))          \
                  ? (size_t)(input_length) - PSA_CIPHER_IV_LENGTH(key_type, alg)      \
                  : 0u))

/** Output buffer size for psa_cipher_decrypt() with any supported key type and algorithm. */
#define PSA_CIPHER_DECRYPT_OUTPUT_MAX_SIZE(input_length) ((size_t)(input_length))

/** Output buffer size for psa_cipher_update(). */
#define PSA_CIPHER_UPDATE_OUTPUT_SIZE(key_type, alg, input_length)                    \
    ((size_t)((!PSA_ALG_IS_CIPHER(alg) || PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) == 0u) ? 0u : \
              ((alg) == PSA_ALG_CBC_PKCS7 || (alg) == PSA_ALG_CBC_NO_PADDING ||       \
               (alg) == PSA_ALG_ECB_NO_PADDING)                                       \
                  ? RUSTPSA_ROUND_UP_TO_MULTIPLE(PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type), \
                                                 input_length)                        \
                  : (size_t)(input_length)))

/** Output buffer size for psa_cipher_update() with any supported key type and algorithm. */
#define PSA_CIPHER_UPDATE_OUTPUT_MAX_SIZE(input_length) \
    RUSTPSA_ROUND_UP_TO_MULTIPLE(PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE, input_length)

/** Output buffer size for psa_cipher_finish(). */
#define PSA_CIPHER_FINISH_OUTPUT_SIZE(key_type, alg)                                  \
    ((size_t)(((alg) == PSA_ALG_CBC_PKCS7 || (alg) == PSA_ALG_CBC_NO_PADDING ||       \
               (alg) == PSA_ALG_ECB_NO_PADDING)                                       \
                  ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type)                           \
                  : 0u))

/* ========================================================================== */
/* AEAD sizes                                                                 */
/* ========================================================================== */

/** Default nonce length in bytes for @p alg with a key of type @p key_type, 0 if invalid. */
#define PSA_AEAD_NONCE_LENGTH(key_type, alg)                                             \
    ((size_t)(PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type) == 16u                             \
                  ? (PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) == PSA_ALG_CCM ? 13u :    \
                     PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) == PSA_ALG_GCM ? 12u : 0u) \
              : ((key_type) == PSA_KEY_TYPE_CHACHA20 &&                                  \
                 PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) == PSA_ALG_CHACHA20_POLY1305) ? 12u \
              : ((key_type) == PSA_KEY_TYPE_XCHACHA20 &&                                 \
                 PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) == PSA_ALG_XCHACHA20_POLY1305) ? 24u \
              : ((key_type) == PSA_KEY_TYPE_ASCON &&                                     \
                 PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(alg) == PSA_ALG_ASCON_AEAD128) ? 16u \
              : 0u))

/** Tag length in bytes of @p alg with a key of type @p key_type, 0 if invalid. */
#define PSA_AEAD_TAG_LENGTH(key_type, key_bits, alg)                        \
    ((size_t)(PSA_AEAD_NONCE_LENGTH(key_type, alg) != 0u                    \
                  ? RUSTPSA_AEAD_TAG_LENGTH_FIELD(alg)                      \
                  : 0u))

/** Output buffer size for psa_aead_encrypt() (ciphertext and tag). */
#define PSA_AEAD_ENCRYPT_OUTPUT_SIZE(key_type, alg, plaintext_length)                 \
    ((size_t)(PSA_AEAD_NONCE_LENGTH(key_type, alg) != 0u                              \
                  ? (size_t)(plaintext_length) + RUSTPSA_AEAD_TAG_LENGTH_FIELD(alg)   \
                  : 0u))

/** Output buffer size for psa_aead_encrypt() with any supported key type and algorithm. */
#define PSA_AEAD_ENCRYPT_OUTPUT_MAX_SIZE(plaintext_length) \
    ((size_t)((size_t)(plaintext_length) + PSA_AEAD_TAG_MAX_SIZE))

/** Output buffer size for psa_aead_decrypt() (the input minus the tag). */
#define PSA_AEAD_DECRYPT_OUTPUT_SIZE(key_type, alg, ciphertext_length)                \
    ((size_t)((PSA_AEAD_NONCE_LENGTH(key_type, alg) != 0u &&                          \
               (size_t)(ciphertext_length) >= RUSTPSA_AEAD_TAG_LENGTH_FIELD(alg))     \
                  ? (size_t)(ciphertext_length) - RUSTPSA_AEAD_TAG_LENGTH_FIELD(alg)  \
                  : 0u))

/** Output buffer size for psa_aead_decrypt() with any supported key type and algorithm. */
#define PSA_AEAD_DECRYPT_OUTPUT_MAX_SIZE(ciphertext_length) ((size_t)(ciphertext_length))

/** Output buffer size for psa_aead_update(). */
#define PSA_AEAD_UPDATE_OUTPUT_SIZE(key_type, alg, input_length)                       \
    ((size_t)(PSA_AEAD_NONCE_LENGTH(key_type, alg) == 0u ? 0u :                        \
              PSA_ALG_IS_AEAD_ON_BLOCK_CIPHER(alg)                                     \
                  ? RUSTPSA_ROUND_UP_TO_MULTIPLE(PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type), \
                                                 input_length)                         \
                  : (size_t)(input_length)))

/** Output buffer size for psa_aead_update() with any supported key type and algorithm. */
#define PSA_AEAD_UPDATE_OUTPUT_MAX_SIZE(input_length) \
    RUSTPSA_ROUND_UP_TO_MULTIPLE(PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE, input_length)

/** Ciphertext buffer size for psa_aead_finish(). */
#define PSA_AEAD_FINISH_OUTPUT_SIZE(key_type, alg)                                    \
    ((size_t)((PSA_AEAD_NONCE_LENGTH(key_type, alg) != 0u &&                          \
               PSA_ALG_IS_AEAD_ON_BLOCK_CIPHER(alg))                                  \
                  ? PSA_BLOCK_CIPHER_BLOCK_LENGTH(key_type)                           \
                  : 0u))

/** Plaintext buffer size for psa_aead_verify(). */
#define PSA_AEAD_VERIFY_OUTPUT_SIZE(key_type, alg) PSA_AEAD_FINISH_OUTPUT_SIZE(key_type, alg)

/* ========================================================================== */
/* Asymmetric key and signature sizes                                         */
/* ========================================================================== */

/** Internal: worst-case DER size of an ASN.1 INTEGER of @p bits bits. */
#define RUSTPSA_ASN1_INTEGER_MAX_SIZE(bits) ((size_t)((size_t)(bits) / 8u + 5u))

/** Internal: worst-case size of an RSAPublicKey DER of @p bits bits. */
#define RUSTPSA_RSA_PUBLIC_KEY_MAX_SIZE(bits) \
    ((size_t)(RUSTPSA_ASN1_INTEGER_MAX_SIZE(bits) + 11u))

/** Internal: worst-case size of an RSAPrivateKey DER of @p bits bits. */
#define RUSTPSA_RSA_KEY_PAIR_MAX_SIZE(bits) \
    ((size_t)(9u * RUSTPSA_ASN1_INTEGER_MAX_SIZE((size_t)(bits) / 2u + 1u) + 14u))

/** Internal: size of an elliptic curve private key (Edwards448 keys take 57 bytes). */
#define RUSTPSA_ECC_PRIVATE_KEY_SIZE(key_type, bits)                               \
    ((size_t)(PSA_KEY_TYPE_ECC_GET_FAMILY(key_type) == PSA_ECC_FAMILY_TWISTED_EDWARDS \
                  ? PSA_BITS_TO_BYTES((size_t)(bits) + 1u)                         \
                  : PSA_BITS_TO_BYTES(bits)))

/** Internal: size of an elliptic curve public key in the PSA export format. */
#define RUSTPSA_ECC_PUBLIC_KEY_SIZE(key_type, bits)                                   \
    ((size_t)(PSA_KEY_TYPE_ECC_GET_FAMILY(key_type) == PSA_ECC_FAMILY_MONTGOMERY      \
                  ? PSA_BITS_TO_BYTES(bits)                                           \
              : PSA_KEY_TYPE_ECC_GET_FAMILY(key_type) == PSA_ECC_FAMILY_TWISTED_EDWARDS \
                  ? PSA_BITS_TO_BYTES((size_t)(bits) + 1u)                            \
                  : 2u * PSA_BITS_TO_BYTES(bits) + 1u))

/** Internal: size of an ML-KEM encapsulation key (FIPS 203 table 3), 0 for other key bits. */
#define RUSTPSA_ML_KEM_PUBLIC_KEY_SIZE(key_bits)   \
    ((size_t)((key_bits) == 512u    ? 800u :       \
              (key_bits) == 768u    ? 1184u :      \
              (key_bits) == 1024u   ? 1568u : 0u))
/** Internal: size of an ML-KEM ciphertext (FIPS 203 table 3), 0 for other key bits. */
#define RUSTPSA_ML_KEM_CIPHERTEXT_SIZE(key_bits)   \
    ((size_t)((key_bits) == 512u    ? 768u :       \
              (key_bits) == 768u    ? 1088u :      \
              (key_bits) == 1024u   ? 1568u : 0u))

/** Output buffer size for psa_export_key(). */
#define PSA_EXPORT_KEY_OUTPUT_SIZE(key_type, key_bits)                                  \
    ((size_t)(RUSTPSA_IS_PQC_SIGN_TYPE(key_type)                                        \
                  ? RUSTPSA_PQC_SIGN_EXPORT_SIZE(key_type, key_bits) :                  \
              PSA_KEY_TYPE_IS_UNSTRUCTURED(key_type) ? PSA_BITS_TO_BYTES(key_bits) :    \
              (key_type) == PSA_KEY_TYPE_RSA_KEY_PAIR                                   \
                  ? RUSTPSA_RSA_KEY_PAIR_MAX_SIZE(key_bits) :                           \
              (key_type) == PSA_KEY_TYPE_RSA_PUBLIC_KEY                                 \
                  ? RUSTPSA_RSA_PUBLIC_KEY_MAX_SIZE(key_bits) :                         \
              PSA_KEY_TYPE_IS_ECC_KEY_PAIR(key_type)                                    \
                  ? RUSTPSA_ECC_PRIVATE_KEY_SIZE(key_type, key_bits) :                  \
              PSA_KEY_TYPE_IS_ECC_PUBLIC_KEY(key_type)                                  \
                  ? RUSTPSA_ECC_PUBLIC_KEY_SIZE(key_type, key_bits) :                   \
              PSA_KEY_TYPE_IS_SPAKE2P_KEY_PAIR(key_type)                                \
                  ? 2u * PSA_BITS_TO_BYTES(key_bits) :                                  \
              PSA_KEY_TYPE_IS_SPAKE2P(key_type)                                         \
                  ? 3u * PSA_BITS_TO_BYTES(key_bits) + 1u :                             \
              PSA_KEY_TYPE_IS_DH(key_type) ? PSA_BITS_TO_BYTES(key_bits) :              \
              (key_type) == PSA_KEY_TYPE_ML_KEM_KEY_PAIR                                \
                  ? (RUSTPSA_ML_KEM_PUBLIC_KEY_SIZE(key_bits) != 0u ? 64u : 0u) :       \
              (key_type) == PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY                              \
                  ? RUSTPSA_ML_KEM_PUBLIC_KEY_SIZE(key_bits) :                          \
              PSA_KEY_TYPE_IS_WPA3_SAE_ECC(key_type) ? 2u * PSA_BITS_TO_BYTES(key_bits) : \
              PSA_KEY_TYPE_IS_WPA3_SAE_DH(key_type) ? PSA_BITS_TO_BYTES(key_bits) :     \
              0u))

/** Output buffer size for psa_export_public_key(). */
#define PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(key_type, key_bits)                           \
    ((size_t)(RUSTPSA_IS_PQC_SIGN_TYPE(key_type)                                        \
                  ? RUSTPSA_PQC_SIGN_PUBLIC_KEY_SIZE(key_type, key_bits) :              \
              PSA_KEY_TYPE_IS_RSA(key_type) ? RUSTPSA_RSA_PUBLIC_KEY_MAX_SIZE(key_bits) : \
              PSA_KEY_TYPE_IS_ECC(key_type)                                             \
                  ? RUSTPSA_ECC_PUBLIC_KEY_SIZE(key_type, key_bits) :                   \
              PSA_KEY_TYPE_IS_SPAKE2P(key_type)                                         \
                  ? 3u * PSA_BITS_TO_BYTES(key_bits) + 1u :                             \
              PSA_KEY_TYPE_IS_DH(key_type) ? PSA_BITS_TO_BYTES(key_bits) :              \
              PSA_KEY_TYPE_IS_ML_KEM(key_type) ? RUSTPSA_ML_KEM_PUBLIC_KEY_SIZE(key_bits) : \
              0u))

/** Ciphertext buffer size for psa_encapsulate() (1.3): an ML-KEM ciphertext, or
 * for ECIES the ephemeral public key on the key's curve; 0 for other inputs. */
#define PSA_ENCAPSULATE_CIPHERTEXT_SIZE(key_type, key_bits, alg)                         \
    ((size_t)(((alg) == PSA_ALG_ML_KEM && PSA_KEY_TYPE_IS_ML_KEM(key_type))              \
                  ? RUSTPSA_ML_KEM_CIPHERTEXT_SIZE(key_bits) :                           \
              ((alg) == PSA_ALG_ECIES_SEC1 && PSA_KEY_TYPE_IS_ECC(key_type))             \
                  ? RUSTPSA_ECC_PUBLIC_KEY_SIZE(key_type, key_bits) :                    \
              0u))

/** Signature buffer size for psa_sign_hash() and psa_sign_message(). */
#define PSA_SIGN_OUTPUT_SIZE(key_type, key_bits, alg)                                   \
    ((size_t)(RUSTPSA_IS_PQC_SIGN_TYPE(key_type)                                        \
                  ? RUSTPSA_PQC_SIGN_SIGNATURE_SIZE(key_type, key_bits) :               \
              PSA_KEY_TYPE_IS_RSA(key_type) ? PSA_BITS_TO_BYTES(key_bits) :             \
              PSA_KEY_TYPE_IS_ECC(key_type)                                             \
                  ? 2u * RUSTPSA_ECC_PRIVATE_KEY_SIZE(key_type, key_bits) :             \
              0u))

/** Output buffer size for psa_asymmetric_encrypt(). */
#define PSA_ASYMMETRIC_ENCRYPT_OUTPUT_SIZE(key_type, key_bits, alg) \
    ((size_t)(PSA_KEY_TYPE_IS_RSA(key_type) ? PSA_BITS_TO_BYTES(key_bits) : 0u))

/** Output buffer size for psa_asymmetric_decrypt(). */
#define PSA_ASYMMETRIC_DECRYPT_OUTPUT_SIZE(key_type, key_bits, alg) \
    ((size_t)(PSA_KEY_TYPE_IS_RSA(key_type) ? PSA_BITS_TO_BYTES(key_bits) : 0u))

/** Output buffer size for psa_raw_key_agreement() and psa_key_agreement(). */
#define PSA_RAW_KEY_AGREEMENT_OUTPUT_SIZE(key_type, key_bits)                    \
    ((size_t)((PSA_KEY_TYPE_IS_ECC(key_type) || PSA_KEY_TYPE_IS_DH(key_type))    \
                  ? PSA_BITS_TO_BYTES(key_bits)                                  \
                  : 0u))

/* ========================================================================== */
/* Initialisers                                                               */
/* ========================================================================== */

/*
 * Every object below is all-zero when initialised. Its first member is a
 * scalar, so in C `{ 0 }` (and `{ { 0 } }` for an array of objects) is
 * warning-free under -Wall -Wextra; in C++ each object has a constructor from
 * that first value (generated, see build.rs), so `{ 0 }` does not trip
 * -Wmissing-field-initializers either.
 */
/** Initial value of a key attribute object: every attribute unset. */
#define PSA_KEY_ATTRIBUTES_INIT { 0 }

/** Initial value of a hash operation object (inactive). */
#define PSA_HASH_OPERATION_INIT { 0 }
/** Initial value of a MAC operation object (inactive). */
#define PSA_MAC_OPERATION_INIT { 0 }
/** Initial value of a cipher operation object (inactive). */
#define PSA_CIPHER_OPERATION_INIT { 0 }
/** Initial value of an AEAD operation object (inactive). */
#define PSA_AEAD_OPERATION_INIT { 0 }
/** Initial value of a key derivation operation object (inactive). */
#define PSA_KEY_DERIVATION_OPERATION_INIT { 0 }

/** Returns an initialised key attribute object: every attribute unset. */
static inline psa_key_attributes_t psa_key_attributes_init(void)
{
    const psa_key_attributes_t v = PSA_KEY_ATTRIBUTES_INIT;
    return v;
}

/** Returns an initialised (inactive) hash operation object. */
static inline psa_hash_operation_t psa_hash_operation_init(void)
{
    const psa_hash_operation_t v = PSA_HASH_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) MAC operation object. */
static inline psa_mac_operation_t psa_mac_operation_init(void)
{
    const psa_mac_operation_t v = PSA_MAC_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) cipher operation object. */
static inline psa_cipher_operation_t psa_cipher_operation_init(void)
{
    const psa_cipher_operation_t v = PSA_CIPHER_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) AEAD operation object. */
static inline psa_aead_operation_t psa_aead_operation_init(void)
{
    const psa_aead_operation_t v = PSA_AEAD_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) key derivation operation object. */
static inline psa_key_derivation_operation_t psa_key_derivation_operation_init(void)
{
    const psa_key_derivation_operation_t v = PSA_KEY_DERIVATION_OPERATION_INIT;
    return v;
}

/** Initial value of a `psa_custom_key_parameters_t`: the default production
 *  parameters (PSA Crypto API 1.3). */
#define PSA_CUSTOM_KEY_PARAMETERS_INIT { 0 }

/* ========================================================================== */
/* XOF (PSA Crypto API 1.4) and BLAKE2 (1.5)                                  */
/* ========================================================================== */

/** Whether an algorithm is an extendable-output function (XOF). */
#define PSA_ALG_IS_XOF(alg) (((alg) & 0x7f000000u) == 0x0d000000u)
/** Whether an XOF algorithm takes a context (psa_xof_set_context()). */
#define PSA_ALG_XOF_HAS_CONTEXT(alg) (PSA_ALG_IS_XOF(alg) && ((alg) & 0x00008000u) != 0u)
/** Whether an algorithm is a BLAKE2 hash algorithm. */
#define PSA_ALG_IS_BLAKE2_HASH(alg) (((alg) & ~0x00000003u) == 0x0200001cu)

/** Initial value of an XOF operation object (inactive). */
#define PSA_XOF_OPERATION_INIT { 0 }

/** Returns an initialised (inactive) XOF operation object. */
static inline psa_xof_operation_t psa_xof_operation_init(void)
{
    const psa_xof_operation_t v = PSA_XOF_OPERATION_INIT;
    return v;
}

/* ========================================================================== */
/* PAKE (PSA Crypto API 1.3, chapter 10.12)                                   */
/* ========================================================================== */

/** Whether an algorithm is a password-authenticated key exchange. */
#define PSA_ALG_IS_PAKE(alg) (((alg) & 0x7f000000u) == 0x0a000000u)

/** J-PAKE (RFC 8236) with the hash algorithm @p hash_alg. */
#define PSA_ALG_JPAKE(hash_alg) ((psa_algorithm_t)(0x0a000100u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is a J-PAKE algorithm. */
#define PSA_ALG_IS_JPAKE(alg) (((alg) & ~0x000000ffu) == 0x0a000100u)

/** SPAKE2+ (RFC 9383) with HMAC over @p hash_alg for key confirmation. */
#define PSA_ALG_SPAKE2P_HMAC(hash_alg) \
    ((psa_algorithm_t)(0x0a000400u | ((hash_alg) & 0x000000ffu)))

/** SPAKE2+ (RFC 9383) with CMAC-AES-128 for key confirmation, hashing with @p hash_alg. */
#define PSA_ALG_SPAKE2P_CMAC(hash_alg) \
    ((psa_algorithm_t)(0x0a000500u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is a SPAKE2+ algorithm (HMAC, CMAC or Matter). */
#define PSA_ALG_IS_SPAKE2P(alg) (((alg) & ~0x000003ffu) == 0x0a000400u)

/** Whether an algorithm is a SPAKE2+ algorithm with HMAC confirmation. */
#define PSA_ALG_IS_SPAKE2P_HMAC(alg) (((alg) & ~0x000000ffu) == 0x0a000400u)

/** Whether an algorithm is a SPAKE2+ algorithm with CMAC confirmation. */
#define PSA_ALG_IS_SPAKE2P_CMAC(alg) (((alg) & ~0x000000ffu) == 0x0a000500u)

/** SPAKE2+ key pair (the prover's and verifier's values) on the curve family @p curve. */
#define PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(curve) ((psa_key_type_t)(0x7400u | ((curve) & 0x007fu)))

/** SPAKE2+ public key (the verifier's values) on the curve family @p curve. */
#define PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(curve) ((psa_key_type_t)(0x4400u | ((curve) & 0x007fu)))

/** Whether a key type is a SPAKE2+ key pair or public key. */
#define PSA_KEY_TYPE_IS_SPAKE2P(type) ((PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) & 0xff80u) == 0x4400u)

/** Whether a key type is a SPAKE2+ key pair. */
#define PSA_KEY_TYPE_IS_SPAKE2P_KEY_PAIR(type) (((type) & 0xff80u) == 0x7400u)

/** Whether a key type is a SPAKE2+ public key. */
#define PSA_KEY_TYPE_IS_SPAKE2P_PUBLIC_KEY(type) (((type) & 0xff80u) == 0x4400u)

/** The curve family of a SPAKE2+ key type, 0 for other key types. */
#define PSA_KEY_TYPE_SPAKE2P_GET_FAMILY(type) \
    ((psa_ecc_family_t)(PSA_KEY_TYPE_IS_SPAKE2P(type) ? ((type) & 0x007fu) : 0u))

/** A PAKE primitive: its type, family and size in bits (0 if @p pake_bits exceeds 16 bits). */
#define PSA_PAKE_PRIMITIVE(pake_type, pake_family, pake_bits)                      \
    ((psa_pake_primitive_t)(((size_t)(pake_bits) & 0xffffu) != (size_t)(pake_bits) \
                                ? 0u                                               \
                                : (((psa_pake_primitive_t)(pake_type) << 24) |     \
                                   ((psa_pake_primitive_t)(pake_family) << 16) |   \
                                   (psa_pake_primitive_t)(pake_bits))))

/** The type of a PAKE primitive. */
#define PSA_PAKE_PRIMITIVE_GET_TYPE(pake_primitive) \
    ((psa_pake_primitive_type_t)(((pake_primitive) >> 24) & 0xffu))

/** The family of a PAKE primitive. */
#define PSA_PAKE_PRIMITIVE_GET_FAMILY(pake_primitive) \
    ((psa_pake_family_t)(((pake_primitive) >> 16) & 0xffu))

/** The size in bits of a PAKE primitive. */
#define PSA_PAKE_PRIMITIVE_GET_BITS(pake_primitive) ((size_t)((pake_primitive) & 0xffffu))

/** Internal: the size of p in bytes of a Diffie-Hellman PAKE primitive (0 for
 *  another primitive type). */
#define RUSTPSA_PAKE_DH_BYTES(primitive)                                             \
    ((size_t)(PSA_PAKE_PRIMITIVE_GET_TYPE(primitive) == PSA_PAKE_PRIMITIVE_TYPE_DH   \
                  ? PSA_BITS_TO_BYTES(PSA_PAKE_PRIMITIVE_GET_BITS(primitive))        \
                  : 0u))

/** Internal: the field size in bytes of an elliptic-curve PAKE primitive (0
 *  for another primitive type). */
#define RUSTPSA_PAKE_ECC_BYTES(primitive)                                            \
    ((size_t)(PSA_PAKE_PRIMITIVE_GET_TYPE(primitive) == PSA_PAKE_PRIMITIVE_TYPE_ECC  \
                  ? PSA_BITS_TO_BYTES(PSA_PAKE_PRIMITIVE_GET_BITS(primitive))        \
                  : 0u))

/** Internal: the size of one message of a PAKE step (input and output alike):
 *  an uncompressed point for key shares and proof public keys, a scalar for a
 *  J-PAKE proof, the MAC for a SPAKE2+ confirmation; 0 when not applicable. */
#define RUSTPSA_PAKE_STEP_SIZE(alg, primitive, step)                                      \
    ((size_t)((RUSTPSA_PAKE_DH_BYTES(primitive) != 0u &&                                   \
               (PSA_ALG_IS_WPA3_SAE_FIXED(alg) || PSA_ALG_IS_WPA3_SAE_GDH(alg)))           \
                  ? RUSTPSA_WPA3_SAE_STEP_SIZE(alg, RUSTPSA_PAKE_DH_BYTES(primitive),       \
                                               RUSTPSA_PAKE_DH_BYTES(primitive), step)      \
              : RUSTPSA_PAKE_ECC_BYTES(primitive) == 0u ? 0u :                              \
              PSA_ALG_IS_JPAKE(alg)                                                       \
                  ? (((step) == PSA_PAKE_STEP_KEY_SHARE || (step) == PSA_PAKE_STEP_ZK_PUBLIC) \
                         ? 2u * RUSTPSA_PAKE_ECC_BYTES(primitive) + 1u                    \
                     : (step) == PSA_PAKE_STEP_ZK_PROOF ? RUSTPSA_PAKE_ECC_BYTES(primitive) \
                                                        : 0u)                             \
              : PSA_ALG_IS_SPAKE2P(alg)                                                   \
                  ? ((step) == PSA_PAKE_STEP_KEY_SHARE                                    \
                         ? 2u * RUSTPSA_PAKE_ECC_BYTES(primitive) + 1u                    \
                     : (step) == PSA_PAKE_STEP_CONFIRM                                    \
                         ? (PSA_ALG_IS_SPAKE2P_CMAC(alg) ? 16u                            \
                                                         : PSA_HASH_LENGTH(PSA_ALG_GET_HASH(alg))) \
                         : 0u)                                                            \
              : (PSA_ALG_IS_WPA3_SAE_FIXED(alg) || PSA_ALG_IS_WPA3_SAE_GDH(alg))          \
                  ? RUSTPSA_WPA3_SAE_STEP_SIZE(alg, RUSTPSA_PAKE_ECC_BYTES(primitive),     \
                                               2u * RUSTPSA_PAKE_ECC_BYTES(primitive), step) \
                  : 0u))

/** Internal: the WPA3-SAE step sizes for scalars of s bytes and elements of e
 *  bytes: a scalar and an element for a commit, Send-Confirm and a MAC for a
 *  confirm, the 2-byte counter, the 16-byte PMKID, and the longest accepted
 *  rejected-groups list. */
#define RUSTPSA_WPA3_SAE_STEP_SIZE(alg, s, e, step)                                     \
    ((size_t)((step) == PSA_PAKE_STEP_COMMIT ? (s) + (e)                                 \
              : (step) == PSA_PAKE_STEP_CONFIRM ? 2u + PSA_HASH_LENGTH(PSA_ALG_GET_HASH(alg)) \
              : (step) == PSA_PAKE_STEP_CONFIRM_COUNT ? 2u                               \
              : (step) == PSA_PAKE_STEP_KEY_ID ? 16u                                     \
              : (step) == PSA_PAKE_STEP_SALT ? RUSTPSA_WPA3_SAE_SALT_MAX_SIZE            \
                                             : 0u))

/** Output buffer size for psa_pake_output(). */
#define PSA_PAKE_OUTPUT_SIZE(alg, primitive, output_step) \
    RUSTPSA_PAKE_STEP_SIZE(alg, primitive, output_step)

/** Input buffer size for psa_pake_input(). */
#define PSA_PAKE_INPUT_SIZE(alg, primitive, input_step) \
    RUSTPSA_PAKE_STEP_SIZE(alg, primitive, input_step)

/** Output buffer size for psa_pake_output() for any algorithm, primitive and step
 *  (a WPA3-SAE commit in the 8192-bit MODP group: a scalar and an element of
 *  1024 bytes each). */
#define PSA_PAKE_OUTPUT_MAX_SIZE ((size_t)2048u)

/** Input buffer size for psa_pake_input() for any algorithm, primitive and step. */
#define PSA_PAKE_INPUT_MAX_SIZE ((size_t)2048u)

/** Initial value of a PAKE cipher suite: no algorithm, confirmed key. */
#define PSA_PAKE_CIPHER_SUITE_INIT { 0 }

/** Initial value of a PAKE operation object (inactive). */
#define PSA_PAKE_OPERATION_INIT { 0 }

/** Returns an initialised PAKE cipher suite. */
static inline psa_pake_cipher_suite_t psa_pake_cipher_suite_init(void)
{
    const psa_pake_cipher_suite_t v = PSA_PAKE_CIPHER_SUITE_INIT;
    return v;
}

/** Returns an initialised (inactive) PAKE operation object. */
static inline psa_pake_operation_t psa_pake_operation_init(void)
{
    const psa_pake_operation_t v = PSA_PAKE_OPERATION_INIT;
    return v;
}

/* ========================================================================== */
/* Mbed TLS interruptible operations (extensions, not PSA Crypto API 1.3)     */
/* ========================================================================== */

/** Initial value of an interruptible sign-hash operation (inactive). */
#define PSA_SIGN_HASH_INTERRUPTIBLE_OPERATION_INIT { 0 }
/** Initial value of an interruptible verify-hash operation (inactive). */
#define PSA_VERIFY_HASH_INTERRUPTIBLE_OPERATION_INIT { 0 }
/** Initial value of an interruptible key generation (TF-PSA-Crypto 1.0). */
#define PSA_GENERATE_KEY_IOP_INIT { 0 }
/** Initial value of an interruptible public-key export (TF-PSA-Crypto 1.0). */
#define PSA_EXPORT_PUBLIC_KEY_IOP_INIT { 0 }
/** Initial value of an interruptible key agreement (TF-PSA-Crypto 1.0). */
#define PSA_KEY_AGREEMENT_IOP_INIT { 0 }

/** Returns an initialised (inactive) interruptible sign-hash operation. */
static inline psa_sign_hash_interruptible_operation_t psa_sign_hash_interruptible_operation_init(void)
{
    const psa_sign_hash_interruptible_operation_t v = PSA_SIGN_HASH_INTERRUPTIBLE_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) interruptible verify-hash operation. */
static inline psa_verify_hash_interruptible_operation_t psa_verify_hash_interruptible_operation_init(void)
{
    const psa_verify_hash_interruptible_operation_t v = PSA_VERIFY_HASH_INTERRUPTIBLE_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) interruptible key generation. */
static inline psa_generate_key_iop_t psa_generate_key_iop_init(void)
{
    const psa_generate_key_iop_t v = PSA_GENERATE_KEY_IOP_INIT;
    return v;
}

/** Returns an initialised (inactive) interruptible public-key export. */
static inline psa_export_public_key_iop_t psa_export_public_key_iop_init(void)
{
    const psa_export_public_key_iop_t v = PSA_EXPORT_PUBLIC_KEY_IOP_INIT;
    return v;
}

/** Returns an initialised (inactive) interruptible key agreement. */
static inline psa_key_agreement_iop_t psa_key_agreement_iop_init(void)
{
    const psa_key_agreement_iop_t v = PSA_KEY_AGREEMENT_IOP_INIT;
    return v;
}

/** Mbed TLS's enrollment algorithm: a second algorithm the key's policy permits
 *  (Mbed TLS extension; stored in the attributes, honoured by every policy check). */
static inline void psa_set_key_enrollment_algorithm(psa_key_attributes_t *attributes,
                                                    psa_algorithm_t alg2)
{
    attributes->private_alg2 = alg2;
}

/** The enrollment algorithm set by psa_set_key_enrollment_algorithm() (0 if none). */
static inline psa_algorithm_t psa_get_key_enrollment_algorithm(const psa_key_attributes_t *attributes)
{
    return attributes->private_alg2;
}

/* --- Key wrapping (PSA Crypto API 1.4) ------------------------------------ */

/** Whether an algorithm is a key-wrapping algorithm (PSA_ALG_KW, PSA_ALG_KWP). */
#define PSA_ALG_IS_KEY_WRAP(alg) (((alg) & 0x7f000000u) == 0x0b000000u)

/** KW/KWP output length for n bytes of key data (rustpsa helper). */
#define RUSTPSA_AES_KW_OUTPUT_SIZE(n) ((((size_t)(n) + 7u) / 8u) * 8u + 8u)

/** Sufficient output buffer size for psa_wrap_key(); 0 for an unsupported combination. */
#define PSA_WRAP_KEY_OUTPUT_SIZE(wrap_key_type, alg, key_type, key_bits)                 \
    ((size_t)((((wrap_key_type) == PSA_KEY_TYPE_AES || (wrap_key_type) == PSA_KEY_TYPE_ARIA || \
                (wrap_key_type) == PSA_KEY_TYPE_CAMELLIA || (wrap_key_type) == PSA_KEY_TYPE_SM4) && \
               ((alg) == PSA_ALG_KW || (alg) == PSA_ALG_KWP))                           \
                  ? RUSTPSA_AES_KW_OUTPUT_SIZE(PSA_EXPORT_KEY_OUTPUT_SIZE(key_type, key_bits)) \
                  : 0u))

/* --- Multi-part signature operations (PSA Crypto API 1.5) ---------------- */

/** Initializer for an inactive psa_sign_operation_t. */
#define PSA_SIGN_OPERATION_INIT { 0 }
/** Initializer for an inactive psa_verify_operation_t. */
#define PSA_VERIFY_OPERATION_INIT { 0 }

/** Returns an initialised (inactive) multi-part sign operation. */
static inline psa_sign_operation_t psa_sign_operation_init(void)
{
    const psa_sign_operation_t v = PSA_SIGN_OPERATION_INIT;
    return v;
}

/** Returns an initialised (inactive) multi-part verify operation. */
static inline psa_verify_operation_t psa_verify_operation_init(void)
{
    const psa_verify_operation_t v = PSA_VERIFY_OPERATION_INIT;
    return v;
}

/* --- WPA3-SAE (PSA Crypto API 1.4; P-256/P-384/P-521 with a password token) */

/** A WPA3-SAE password token for an elliptic-curve family. */
#define PSA_KEY_TYPE_WPA3_SAE_ECC(curve) ((psa_key_type_t)(0x3280u | ((curve) & 0x007fu)))
/** A WPA3-SAE password token for a finite-field group family. */
#define PSA_KEY_TYPE_WPA3_SAE_DH(group) ((psa_key_type_t)(0x3300u | ((group) & 0x007fu)))
/** Whether a key type is a WPA3-SAE elliptic-curve password token. */
#define PSA_KEY_TYPE_IS_WPA3_SAE_ECC(type) (((type) & 0xff80u) == 0x3280u)
/** Whether a key type is a WPA3-SAE finite-field password token. */
#define PSA_KEY_TYPE_IS_WPA3_SAE_DH(type) (((type) & 0xff80u) == 0x3300u)
/** The curve family of a WPA3-SAE elliptic-curve password token. */
#define PSA_KEY_TYPE_WPA3_SAE_ECC_GET_FAMILY(type) ((psa_ecc_family_t)((type) & 0x007fu))
/** The group family of a WPA3-SAE finite-field password token. */
#define PSA_KEY_TYPE_WPA3_SAE_DH_GET_FAMILY(type) ((psa_dh_family_t)((type) & 0x007fu))
/** The WPA3-SAE hash-to-element key derivation (password to password token). */
#define PSA_ALG_WPA3_SAE_H2E(hash_alg) ((psa_algorithm_t)(0x08800400u | ((hash_alg) & 0x000000ffu)))
/** Whether an algorithm is PSA_ALG_WPA3_SAE_H2E(hash). */
#define PSA_ALG_IS_WPA3_SAE_H2E(alg) (((alg) & ~0x000000ffu) == 0x08800400u)
/** The WPA3-SAE PAKE with a fixed hash (AKM suites 8 and 9). */
#define PSA_ALG_WPA3_SAE_FIXED(hash_alg) ((psa_algorithm_t)(0x0a000800u | ((hash_alg) & 0x000000ffu)))
/** The WPA3-SAE PAKE with the group-dependent hash (AKM suites 24 and 25). */
#define PSA_ALG_WPA3_SAE_GDH(hash_alg) ((psa_algorithm_t)(0x0a000900u | ((hash_alg) & 0x000000ffu)))
/** Whether an algorithm is PSA_ALG_WPA3_SAE_FIXED(hash). */
#define PSA_ALG_IS_WPA3_SAE_FIXED(alg) (((alg) & ~0x000000ffu) == 0x0a000800u)
/** Whether an algorithm is PSA_ALG_WPA3_SAE_GDH(hash). */
#define PSA_ALG_IS_WPA3_SAE_GDH(alg) (((alg) & ~0x000000ffu) == 0x0a000900u)
/** Whether an algorithm is a WPA3-SAE PAKE algorithm (or the WPA3-SAE wildcard). */
#define PSA_ALG_IS_WPA3_SAE(alg)                                        \
    (PSA_ALG_IS_WPA3_SAE_FIXED(alg) || PSA_ALG_IS_WPA3_SAE_GDH(alg) || \
     (alg) == PSA_ALG_WPA3_SAE_ANY)
/* ========================================================================== */
/* Post-quantum and stateful hash-based signatures (1.4 PQC extension)        */
/* ========================================================================== */

/** Whether a key type is an ML-DSA key, either a key pair or a public key. */
#define PSA_KEY_TYPE_IS_ML_DSA(type) \
    (PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) == PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY)

/** SLH-DSA key pair of the parameter-set family @p set. */
#define PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(set) ((psa_key_type_t)(0x7180u | (set)))

/** SLH-DSA public key of the parameter-set family @p set. */
#define PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(set) ((psa_key_type_t)(0x4180u | (set)))

/** Whether a key type is an SLH-DSA key, either a key pair or a public key. */
#define PSA_KEY_TYPE_IS_SLH_DSA(type) \
    ((PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type) & 0xff80u) == 0x4180u)

/** Whether a key type is an SLH-DSA key pair. */
#define PSA_KEY_TYPE_IS_SLH_DSA_KEY_PAIR(type) (((type) & 0xff80u) == 0x7180u)

/** Whether a key type is an SLH-DSA public key. */
#define PSA_KEY_TYPE_IS_SLH_DSA_PUBLIC_KEY(type) (((type) & 0xff80u) == 0x4180u)

/** The parameter-set family of an SLH-DSA key type (0 for another type). */
#define PSA_KEY_TYPE_SLH_DSA_GET_FAMILY(type) \
    ((psa_slh_dsa_family_t)(PSA_KEY_TYPE_IS_SLH_DSA(type) ? ((type) & 0x007fu) : 0u))

/** Hedged HashML-DSA, pre-hashing with @p hash_alg. */
#define PSA_ALG_HASH_ML_DSA(hash_alg) \
    ((psa_algorithm_t)(0x06004600u | ((hash_alg) & 0x000000ffu)))

/** Deterministic HashML-DSA, pre-hashing with @p hash_alg. */
#define PSA_ALG_DETERMINISTIC_HASH_ML_DSA(hash_alg) \
    ((psa_algorithm_t)(0x06004700u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is pure ML-DSA (hedged or deterministic). */
#define PSA_ALG_IS_ML_DSA(alg) (((alg) & ~0x00000100u) == 0x06004400u)

/** Whether an algorithm is HashML-DSA (hedged or deterministic). */
#define PSA_ALG_IS_HASH_ML_DSA(alg) (((alg) & ~0x000001ffu) == 0x06004600u)

/** Whether an algorithm is deterministic HashML-DSA. */
#define PSA_ALG_IS_DETERMINISTIC_HASH_ML_DSA(alg) (((alg) & ~0x000000ffu) == 0x06004700u)

/** Whether an algorithm is hedged HashML-DSA. */
#define PSA_ALG_IS_HEDGED_HASH_ML_DSA(alg) (((alg) & ~0x000000ffu) == 0x06004600u)

/** Hedged HashSLH-DSA, pre-hashing with @p hash_alg. */
#define PSA_ALG_HASH_SLH_DSA(hash_alg) \
    ((psa_algorithm_t)(0x06004200u | ((hash_alg) & 0x000000ffu)))

/** Deterministic HashSLH-DSA, pre-hashing with @p hash_alg. */
#define PSA_ALG_DETERMINISTIC_HASH_SLH_DSA(hash_alg) \
    ((psa_algorithm_t)(0x06004300u | ((hash_alg) & 0x000000ffu)))

/** Whether an algorithm is pure SLH-DSA (hedged or deterministic). */
#define PSA_ALG_IS_SLH_DSA(alg) (((alg) & ~0x00000100u) == 0x06004000u)

/** Whether an algorithm is HashSLH-DSA (hedged or deterministic). */
#define PSA_ALG_IS_HASH_SLH_DSA(alg) (((alg) & ~0x000001ffu) == 0x06004200u)

/** Whether an algorithm is deterministic HashSLH-DSA. */
#define PSA_ALG_IS_DETERMINISTIC_HASH_SLH_DSA(alg) (((alg) & ~0x000000ffu) == 0x06004300u)

/** Whether an algorithm is hedged HashSLH-DSA. */
#define PSA_ALG_IS_HEDGED_HASH_SLH_DSA(alg) (((alg) & ~0x000000ffu) == 0x06004200u)

/**
 * Whether a signature algorithm accepts a non-empty context in the with-context
 * functions: PSA_ALG_EDDSA_CTX, Ed25519ph, Ed448ph, (Hash)ML-DSA, (Hash)SLH-DSA.
 */
#define PSA_ALG_SIGN_SUPPORTS_CONTEXT(alg)                                     \
    ((alg) == PSA_ALG_EDDSA_CTX || (alg) == PSA_ALG_ED25519PH ||               \
     (alg) == PSA_ALG_ED448PH || PSA_ALG_IS_ML_DSA(alg) ||                     \
     PSA_ALG_IS_HASH_ML_DSA(alg) || PSA_ALG_IS_SLH_DSA(alg) ||                 \
     PSA_ALG_IS_HASH_SLH_DSA(alg))

/** Implementation helper: an ML-DSA, SLH-DSA, LMS, HSS, XMSS or XMSS^MT key type. */
#define RUSTPSA_IS_PQC_SIGN_TYPE(t)                                            \
    (PSA_KEY_TYPE_IS_ML_DSA(t) || PSA_KEY_TYPE_IS_SLH_DSA(t) ||                \
     PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t) == PSA_KEY_TYPE_LMS_PUBLIC_KEY ||  \
     PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t) == PSA_KEY_TYPE_HSS_PUBLIC_KEY ||  \
     PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t) == PSA_KEY_TYPE_XMSS_PUBLIC_KEY || \
     PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t) == PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY)

/** Implementation helper: public-key size of such a key type. */
#define RUSTPSA_PQC_SIGN_PUBLIC_KEY_SIZE(t, bits)                                        \
    (PSA_KEY_TYPE_IS_ML_DSA(t)                                                           \
         ? ((bits) == 128u ? 1312u : (bits) == 192u ? 1952u : (bits) == 256u ? 2592u : 0u) : \
     PSA_KEY_TYPE_IS_SLH_DSA(t) ? 2u * ((bits) / 8u) :                                   \
     PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t) == PSA_KEY_TYPE_LMS_PUBLIC_KEY               \
         ? 24u + (bits) / 8u :                                                           \
     PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(t) == PSA_KEY_TYPE_HSS_PUBLIC_KEY               \
         ? 28u + (bits) / 8u :                                                           \
     4u + 2u * ((bits) / 8u))

/** Implementation helper: psa_export_key() size of such a key type. */
#define RUSTPSA_PQC_SIGN_EXPORT_SIZE(t, bits)                                        \
    ((t) == PSA_KEY_TYPE_ML_DSA_KEY_PAIR                                             \
         ? (RUSTPSA_PQC_SIGN_PUBLIC_KEY_SIZE(t, bits) != 0u ? 32u : 0u) :            \
     PSA_KEY_TYPE_IS_SLH_DSA_KEY_PAIR(t) ? 4u * ((bits) / 8u) :                      \
     RUSTPSA_PQC_SIGN_PUBLIC_KEY_SIZE(t, bits))

/** Implementation helper: signature size of such a key type. */
#define RUSTPSA_PQC_SIGN_SIGNATURE_SIZE(t, bits)                                              \
    (PSA_KEY_TYPE_IS_ML_DSA(t)                                                                \
         ? ((bits) == 128u ? 2420u : (bits) == 192u ? 3309u : (bits) == 256u ? 4627u : 0u) :  \
     PSA_KEY_TYPE_IS_SLH_DSA(t)                                                               \
         ? ((PSA_KEY_TYPE_SLH_DSA_GET_FAMILY(t) & 0x04u)                                      \
                ? ((bits) == 128u ? 17088u : (bits) == 192u ? 35664u : (bits) == 256u ? 49856u : 0u) \
                : ((bits) == 128u ? 7856u : (bits) == 192u ? 16224u : (bits) == 256u ? 29792u : 0u)) : \
     0u)

#endif /* RUSTPSA_PSA_CRYPTO_MACROS_H */
