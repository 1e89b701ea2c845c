/* psa/crypto_extra.h for rustpsa's Mbed TLS compatibility layer.
 *
 * Names that Mbed TLS offers beyond the PSA Crypto API specification and that
 * existing clients use (the interruptible operations and the enrollment
 * algorithm are in rustpsa's main header, as Mbed TLS's psa/crypto.h declares
 * them too). Each one is computed from the encodings defined by the
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

/* The exported Mbed TLS functions: mbedtls_psa_get_stats and its structure,
 * mbedtls_platform_zeroize, and the PAKE extension 1.1 names below. */
#include "psa/crypto_compat.h"

#ifdef __cplusplus
extern "C" {
#endif

/* --- Key identifiers (no owner encoding: MBEDTLS_PSA_CRYPTO_KEY_ID_ENCODES_OWNER
 *     is not set, so a key id is its value) ----------------------------------- */

/** The null key identifier. */
#define MBEDTLS_SVC_KEY_ID_INIT ((mbedtls_svc_key_id_t)0)
/** The key id part of a key identifier. */
#define MBEDTLS_SVC_KEY_ID_GET_KEY_ID(id) ((psa_key_id_t)(id))
/** The owner part of a key identifier (always 0). */
#define MBEDTLS_SVC_KEY_ID_GET_OWNER_ID(id) (0)
/** The null key handle. */
#define PSA_KEY_HANDLE_INIT MBEDTLS_SVC_KEY_ID_INIT

/** A key identifier from an owner (ignored) and a key id. */
static inline mbedtls_svc_key_id_t mbedtls_svc_key_id_make(unsigned int unused, psa_key_id_t key_id)
{
    (void)unused;
    return key_id;
}

/** Whether two key identifiers are equal. */
static inline int mbedtls_svc_key_id_equal(mbedtls_svc_key_id_t id1, mbedtls_svc_key_id_t id2)
{
    return id1 == id2;
}

/** Whether a key identifier is null. */
static inline int mbedtls_svc_key_id_is_null(mbedtls_svc_key_id_t key)
{
    return key == PSA_KEY_ID_NULL;
}

/** Whether a key handle is null. */
static inline int psa_key_handle_is_null(psa_key_handle_t handle)
{
    return mbedtls_svc_key_id_is_null(handle);
}

/* --- Encoding masks and bases of Mbed TLS's crypto_values.h (the encodings of
 *     the specification, appendix B) ------------------------------------------ */

#define PSA_ALG_VENDOR_FLAG ((psa_algorithm_t)0x80000000u)
#define PSA_ALG_CATEGORY_MASK ((psa_algorithm_t)0x7f000000u)
#define PSA_ALG_CATEGORY_HASH ((psa_algorithm_t)0x02000000u)
#define PSA_ALG_CATEGORY_MAC ((psa_algorithm_t)0x03000000u)
#define PSA_ALG_CATEGORY_CIPHER ((psa_algorithm_t)0x04000000u)
#define PSA_ALG_CATEGORY_AEAD ((psa_algorithm_t)0x05000000u)
#define PSA_ALG_CATEGORY_SIGN ((psa_algorithm_t)0x06000000u)
#define PSA_ALG_CATEGORY_ASYMMETRIC_ENCRYPTION ((psa_algorithm_t)0x07000000u)
#define PSA_ALG_CATEGORY_KEY_DERIVATION ((psa_algorithm_t)0x08000000u)
#define PSA_ALG_CATEGORY_KEY_AGREEMENT ((psa_algorithm_t)0x09000000u)
#define PSA_ALG_CATEGORY_PAKE ((psa_algorithm_t)0x0a000000u)
#define PSA_ALG_HASH_MASK ((psa_algorithm_t)0x000000ffu)
#define PSA_ALG_MAC_SUBCATEGORY_MASK ((psa_algorithm_t)0x00c00000u)
#define PSA_ALG_CIPHER_MAC_BASE ((psa_algorithm_t)0x03c00000u)
#define PSA_ALG_MAC_TRUNCATION_MASK ((psa_algorithm_t)0x003f0000u)
#define PSA_MAC_TRUNCATION_OFFSET 16
#define PSA_ALG_CIPHER_STREAM_FLAG ((psa_algorithm_t)0x00800000u)
#define PSA_ALG_CIPHER_FROM_BLOCK_FLAG ((psa_algorithm_t)0x00400000u)
#define PSA_ALG_AEAD_FROM_BLOCK_FLAG ((psa_algorithm_t)0x00400000u)
#define PSA_ALG_AEAD_TAG_LENGTH_MASK ((psa_algorithm_t)0x003f0000u)
#define PSA_AEAD_TAG_LENGTH_OFFSET 16
#define PSA_ALG_KEY_DERIVATION_MASK ((psa_algorithm_t)0xfe00ffffu)
#define PSA_ALG_KEY_AGREEMENT_MASK ((psa_algorithm_t)0xffff0000u)
#define PSA_ALG_HMAC_BASE ((psa_algorithm_t)0x03800000u)
#define PSA_ALG_RSA_PKCS1V15_SIGN_BASE ((psa_algorithm_t)0x06000200u)
#define PSA_ALG_RSA_PSS_BASE ((psa_algorithm_t)0x06000300u)
#define PSA_ALG_RSA_PSS_ANY_SALT_BASE ((psa_algorithm_t)0x06001300u)
#define PSA_ALG_ECDSA_BASE ((psa_algorithm_t)0x06000600u)
#define PSA_ALG_DETERMINISTIC_ECDSA_BASE ((psa_algorithm_t)0x06000700u)
#define PSA_ALG_HASH_EDDSA_BASE ((psa_algorithm_t)0x06000900u)
#define PSA_ALG_RSA_OAEP_BASE ((psa_algorithm_t)0x07000300u)
#define PSA_ALG_HKDF_BASE ((psa_algorithm_t)0x08000100u)
#define PSA_ALG_TLS12_PRF_BASE ((psa_algorithm_t)0x08000200u)
#define PSA_ALG_TLS12_PSK_TO_MS_BASE ((psa_algorithm_t)0x08000300u)
#define PSA_ALG_HKDF_EXTRACT_BASE ((psa_algorithm_t)0x08000400u)
#define PSA_ALG_HKDF_EXPAND_BASE ((psa_algorithm_t)0x08000500u)
#define PSA_ALG_PBKDF2_HMAC_BASE ((psa_algorithm_t)0x08800100u)
#define PSA_ALG_JPAKE_BASE ((psa_algorithm_t)0x0a000100u)

#define PSA_KEY_TYPE_VENDOR_FLAG ((psa_key_type_t)0x8000u)
#define PSA_KEY_TYPE_CATEGORY_MASK ((psa_key_type_t)0x7000u)
#define PSA_KEY_TYPE_CATEGORY_RAW ((psa_key_type_t)0x1000u)
#define PSA_KEY_TYPE_CATEGORY_SYMMETRIC ((psa_key_type_t)0x2000u)
#define PSA_KEY_TYPE_CATEGORY_PUBLIC_KEY ((psa_key_type_t)0x4000u)
#define PSA_KEY_TYPE_CATEGORY_KEY_PAIR ((psa_key_type_t)0x7000u)
#define PSA_KEY_TYPE_CATEGORY_FLAG_PAIR ((psa_key_type_t)0x3000u)
#define PSA_KEY_TYPE_ECC_KEY_PAIR_BASE ((psa_key_type_t)0x7100u)
#define PSA_KEY_TYPE_ECC_PUBLIC_KEY_BASE ((psa_key_type_t)0x4100u)
#define PSA_KEY_TYPE_ECC_CURVE_MASK ((psa_key_type_t)0x00ffu)
#define PSA_KEY_TYPE_DH_KEY_PAIR_BASE ((psa_key_type_t)0x7200u)
#define PSA_KEY_TYPE_DH_PUBLIC_KEY_BASE ((psa_key_type_t)0x4200u)
#define PSA_KEY_TYPE_DH_GROUP_MASK ((psa_key_type_t)0x00ffu)
#define PSA_KEY_TYPE_SPAKE2P_KEY_PAIR_BASE ((psa_key_type_t)0x7400u)
#define PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY_BASE ((psa_key_type_t)0x4400u)
#define PSA_KEY_TYPE_SPAKE2P_CURVE_MASK ((psa_key_type_t)0x00ffu)

#ifndef PSA_ALG_AEAD_GET_TAG_LENGTH
/** The tag length encoded in an AEAD algorithm. */
#define PSA_ALG_AEAD_GET_TAG_LENGTH(aead_alg) \
    ((size_t) (((psa_algorithm_t) (aead_alg) & 0x003f0000u) >> 16))
#endif

/* --- The PAKE extension 1.1 names of Mbed TLS 3.x -------------------------------
 * PSA Crypto API 1.3 (rustpsa's psa/crypto.h) moved the hash into the algorithm
 * (PSA_ALG_JPAKE(hash)) and the password into psa_pake_setup(op, key, suite).
 * Mbed TLS 3.x programs also use PSA_ALG_JPAKE without arguments: it is an
 * enumerator here, which the function-like macro PSA_ALG_JPAKE(h) does not
 * replace. psa_pake_setup(op, suite) with two arguments (then
 * psa_pake_set_password_key) reaches rustpsa_pake_setup_v1 through the
 * argument-counting macro below; three arguments reach the 1.3 function. */
enum { PSA_ALG_JPAKE = 0x0a000100 };

/** Internal: picks the setup function by the number of arguments. */
#define RUSTPSA_PAKE_SETUP_PICK(a1, a2, a3, name, ...) name
/** psa_pake_setup with two (Mbed TLS 3.x) or three (PSA 1.3) arguments. */
#define psa_pake_setup(...) \
    RUSTPSA_PAKE_SETUP_PICK(__VA_ARGS__, psa_pake_setup, rustpsa_pake_setup_v1, unused)(__VA_ARGS__)

/** The primitive family of a cipher suite (Mbed TLS 3.x). */
static inline psa_pake_family_t psa_pake_cs_get_family(const psa_pake_cipher_suite_t *cipher_suite)
{
    return PSA_PAKE_PRIMITIVE_GET_FAMILY(psa_pake_cs_get_primitive(cipher_suite));
}

/** The primitive size in bits of a cipher suite (Mbed TLS 3.x). */
static inline uint16_t psa_pake_cs_get_bits(const psa_pake_cipher_suite_t *cipher_suite)
{
    return (uint16_t)PSA_PAKE_PRIMITIVE_GET_BITS(psa_pake_cs_get_primitive(cipher_suite));
}

#ifdef __cplusplus
}
#endif

#endif /* RUSTPSA_COMPAT_PSA_CRYPTO_EXTRA_H */
