//! Buffer-size constants and the `const fn` twins of the size macros.
//!
//! The maxima cover everything the library can handle: RSA keys up to
//! [`PSA_VENDOR_RSA_MAX_KEY_BITS`], elliptic curves up to
//! [`PSA_VENDOR_ECC_MAX_CURVE_BITS`] (P-521, plus Ed448/X448), finite-field groups
//! up to [`PSA_VENDOR_FFDH_MAX_KEY_BITS`], hashes up to 64 bytes and 16-byte blocks.
use super::*;

/// Major version of the PSA Crypto API this library implements.
pub const PSA_CRYPTO_API_VERSION_MAJOR: u32 = 1;
/// Minor version of the PSA Crypto API this library implements in full: every
/// name and behaviour of 1.4 (1.5 lacks the BLAKE2 MAC names docs/SPEC-CHANGES.md
/// lists; optional algorithms are there or return NOT_SUPPORTED).
pub const PSA_CRYPTO_API_VERSION_MINOR: u32 = 4;

/// Largest RSA key size in bits that the library supports.
pub const PSA_VENDOR_RSA_MAX_KEY_BITS: usize = 8192;
/// Largest elliptic curve size in bits that the library supports (P-521).
pub const PSA_VENDOR_ECC_MAX_CURVE_BITS: usize = 521;
/// Largest finite-field Diffie-Hellman group in bits (RFC 7919 ffdhe8192).
pub const PSA_VENDOR_FFDH_MAX_KEY_BITS: usize = 8192;
/// Largest key size in bits that can be recorded in key attributes.
pub const PSA_MAX_KEY_BITS: usize = 0xfff8;

/// Largest hash output of any supported hash algorithm (SHA-512, SHA3-512).
pub const PSA_HASH_MAX_SIZE: usize = 64;
/// Largest block size of a hash used in HMAC (SHA3-224 block: 144 bytes).
pub const PSA_HMAC_MAX_HASH_BLOCK_SIZE: usize = 144;
/// Largest MAC of any supported MAC algorithm (HMAC-SHA-512).
pub const PSA_MAC_MAX_SIZE: usize = 64;
/// Largest block size of any supported block cipher.
pub const PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE: usize = 16;
/// Largest IV of any supported cipher (XChaCha20 takes a 24-byte nonce).
pub const PSA_CIPHER_IV_MAX_SIZE: usize = 24;
/// Largest output of `psa_cipher_finish()` for any supported algorithm.
pub const PSA_CIPHER_FINISH_OUTPUT_MAX_SIZE: usize = 16;
/// Largest nonce of any supported AEAD algorithm (XChaCha20-Poly1305: 24 bytes).
pub const PSA_AEAD_NONCE_MAX_SIZE: usize = 24;
/// Largest tag of any supported AEAD algorithm.
pub const PSA_AEAD_TAG_MAX_SIZE: usize = 16;
/// Largest output of `psa_aead_finish()` (ciphertext part) for any algorithm.
pub const PSA_AEAD_FINISH_OUTPUT_MAX_SIZE: usize = 16;
/// Largest output of `psa_aead_verify()` for any algorithm.
pub const PSA_AEAD_VERIFY_OUTPUT_MAX_SIZE: usize = 16;

/// Size of the algorithm field of a suspended hash state.
pub const PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH: usize = 4;
/// Largest suspended hash state (SHA-384/SHA-512: 4 + 16 + 64 + 127).
pub const PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE: usize = 211;

/// Largest `psa_export_key()` output for a key pair (RSA-8192 DER).
pub const PSA_EXPORT_KEY_PAIR_MAX_SIZE: usize = 4667;
/// Largest `psa_export_public_key()` output (ML-DSA-87; RSA-8192 DER is 1040).
pub const PSA_EXPORT_PUBLIC_KEY_MAX_SIZE: usize = 2592;
/// Largest export of any asymmetric key, pair or public (1.3 name, provided early).
pub const PSA_EXPORT_ASYMMETRIC_KEY_MAX_SIZE: usize = 4667;
/// Largest signature of any supported algorithm (SLH-DSA-*-256f; RSA-8192 is 1024).
pub const PSA_SIGNATURE_MAX_SIZE: usize = 49856;
/// Largest `psa_asymmetric_encrypt()` output (RSA-8192).
pub const PSA_ASYMMETRIC_ENCRYPT_OUTPUT_MAX_SIZE: usize = 1024;
/// Largest `psa_asymmetric_decrypt()` output (RSA-8192).
pub const PSA_ASYMMETRIC_DECRYPT_OUTPUT_MAX_SIZE: usize = 1024;
/// Largest raw key agreement output (ffdhe8192; ECDH on P-521 is 66 bytes).
pub const PSA_RAW_KEY_AGREEMENT_OUTPUT_MAX_SIZE: usize = 1024;
/// Largest PSK accepted by `PSA_ALG_TLS12_PSK_TO_MS`.
pub const PSA_TLS12_PSK_TO_MS_PSK_MAX_SIZE: usize = 128;
/// Size of the `PSA_ALG_TLS12_ECJPAKE_TO_PMS` input (an uncompressed P-256 point).
pub const PSA_TLS12_ECJPAKE_TO_PMS_INPUT_SIZE: usize = 65;
/// Size of the `PSA_ALG_TLS12_ECJPAKE_TO_PMS` output.
pub const PSA_TLS12_ECJPAKE_TO_PMS_OUTPUT_SIZE: usize = 32;

// ---------------------------------------------------------------------------

/// `PSA_BITS_TO_BYTES(bits)`
pub const fn psa_bits_to_bytes(bits: usize) -> usize {
    bits.div_ceil(8)
}
/// `PSA_BYTES_TO_BITS(bytes)`
pub const fn psa_bytes_to_bits(bytes: usize) -> usize {
    bytes * 8
}
/// Rounds `length` up to a multiple of `block` (`block` may be 0: returns 0).
pub const fn psa_round_up_to_multiple(block: usize, length: usize) -> usize {
    if block == 0 {
        0
    } else {
        length.div_ceil(block) * block
    }
}

/// `PSA_HASH_LENGTH(alg)`: digest size of the hash in `alg` (a hash, or any
/// algorithm whose hash field names one, such as HMAC), 0 if unknown.
pub const fn psa_hash_length(alg: psa_algorithm_t) -> usize {
    match psa_alg_hmac_get_hash(alg) {
        PSA_ALG_MD2 | PSA_ALG_MD4 | PSA_ALG_MD5 | PSA_ALG_AES_MMO_ZIGBEE => 16,
        PSA_ALG_RIPEMD160 | PSA_ALG_SHA_1 => 20,
        PSA_ALG_SHA_224 | PSA_ALG_SHA_512_224 | PSA_ALG_SHA3_224 => 28,
        PSA_ALG_SHA_256 | PSA_ALG_SHA_512_256 | PSA_ALG_SHA3_256 | PSA_ALG_SM3 => 32,
        PSA_ALG_SHA_384 | PSA_ALG_SHA3_384 => 48,
        PSA_ALG_SHA_512 | PSA_ALG_SHA3_512 | PSA_ALG_SHAKE256_512 => 64,
        PSA_ALG_SHA_256_192 | PSA_ALG_SHAKE256_192 => 24,
        PSA_ALG_SHAKE128_256 | PSA_ALG_SHAKE256_256 | PSA_ALG_ASCON_HASH256 => 32,
        PSA_ALG_BLAKE2S_HASH256 | PSA_ALG_BLAKE2SP_HASH256 => 32,
        PSA_ALG_BLAKE2B_HASH512 | PSA_ALG_BLAKE2BP_HASH512 => 64,
        _ => 0,
    }
}
/// `PSA_HASH_BLOCK_LENGTH(alg)`: input block size of the hash in `alg`, 0 if unknown.
pub const fn psa_hash_block_length(alg: psa_algorithm_t) -> usize {
    match psa_alg_hmac_get_hash(alg) {
        PSA_ALG_MD2 | PSA_ALG_AES_MMO_ZIGBEE => 16,
        PSA_ALG_MD4 | PSA_ALG_MD5 | PSA_ALG_RIPEMD160 | PSA_ALG_SHA_1 | PSA_ALG_SHA_224
        | PSA_ALG_SHA_256 | PSA_ALG_SM3 => 64,
        PSA_ALG_SHA_384 | PSA_ALG_SHA_512 | PSA_ALG_SHA_512_224 | PSA_ALG_SHA_512_256 => 128,
        PSA_ALG_SHA3_224 => 144,
        PSA_ALG_SHA3_256 | PSA_ALG_SHAKE256_512 => 136,
        PSA_ALG_SHA3_384 => 104,
        PSA_ALG_SHA3_512 => 72,
        PSA_ALG_SHA_256_192 | PSA_ALG_BLAKE2S_HASH256 | PSA_ALG_BLAKE2SP_HASH256 => 64,
        PSA_ALG_SHAKE128_256 => 168,
        PSA_ALG_SHAKE256_192 | PSA_ALG_SHAKE256_256 => 136,
        PSA_ALG_ASCON_HASH256 => 8,
        PSA_ALG_BLAKE2B_HASH512 | PSA_ALG_BLAKE2BP_HASH512 => 128,
        _ => 0,
    }
}
/// `PSA_HASH_SUSPEND_INPUT_LENGTH_FIELD_LENGTH(alg)`
pub const fn psa_hash_suspend_input_length_field_length(alg: psa_algorithm_t) -> usize {
    match alg {
        PSA_ALG_MD2 => 1,
        PSA_ALG_MD4 | PSA_ALG_MD5 | PSA_ALG_RIPEMD160 | PSA_ALG_SHA_1 | PSA_ALG_SHA_224
        | PSA_ALG_SHA_256 => 8,
        PSA_ALG_SHA_384 | PSA_ALG_SHA_512 | PSA_ALG_SHA_512_224 | PSA_ALG_SHA_512_256 => 16,
        _ => 0,
    }
}
/// `PSA_HASH_SUSPEND_HASH_STATE_FIELD_LENGTH(alg)`
pub const fn psa_hash_suspend_hash_state_field_length(alg: psa_algorithm_t) -> usize {
    match alg {
        PSA_ALG_MD2 => 64,
        PSA_ALG_MD4 | PSA_ALG_MD5 => 16,
        PSA_ALG_RIPEMD160 | PSA_ALG_SHA_1 => 20,
        PSA_ALG_SHA_224 | PSA_ALG_SHA_256 => 32,
        PSA_ALG_SHA_384 | PSA_ALG_SHA_512 | PSA_ALG_SHA_512_224 | PSA_ALG_SHA_512_256 => 64,
        _ => 0,
    }
}
/// `PSA_HASH_SUSPEND_OUTPUT_SIZE(alg)`: size of a suspended hash state, 0 when the
/// algorithm cannot be suspended.
pub const fn psa_hash_suspend_output_size(alg: psa_algorithm_t) -> usize {
    let input_len = psa_hash_suspend_input_length_field_length(alg);
    if input_len == 0 {
        return 0;
    }
    PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH
        + input_len
        + psa_hash_suspend_hash_state_field_length(alg)
        + psa_hash_block_length(alg)
        - 1
}

/// `PSA_MAC_LENGTH(key_type, key_bits, alg)`
pub const fn psa_mac_length(
    key_type: psa_key_type_t,
    _key_bits: usize,
    alg: psa_algorithm_t,
) -> usize {
    if !psa_alg_is_mac(alg) {
        return 0;
    }
    let truncated = psa_mac_truncated_length(alg);
    if truncated != 0 {
        truncated
    } else if psa_alg_is_hmac(alg) {
        psa_hash_length(alg)
    } else if psa_alg_is_block_cipher_mac(alg) {
        psa_block_cipher_block_length(key_type)
    } else {
        0
    }
}

/// `PSA_CIPHER_IV_LENGTH(key_type, alg)`: default IV/nonce size, 0 when the
/// combination is invalid or takes no IV.
pub const fn psa_cipher_iv_length(key_type: psa_key_type_t, alg: psa_algorithm_t) -> usize {
    let block = psa_block_cipher_block_length(key_type);
    if block > 1 {
        match alg {
            PSA_ALG_CTR
            | PSA_ALG_CFB
            | PSA_ALG_OFB
            | PSA_ALG_XTS
            | PSA_ALG_CBC_NO_PADDING
            | PSA_ALG_CBC_PKCS7 => block,
            PSA_ALG_CCM_STAR_NO_TAG => 13,
            _ => 0,
        }
    } else if alg == PSA_ALG_STREAM_CIPHER {
        match key_type {
            PSA_KEY_TYPE_CHACHA20 => 12,
            PSA_KEY_TYPE_XCHACHA20 => 24,
            _ => 0,
        }
    } else {
        0
    }
}
/// `PSA_CIPHER_ENCRYPT_OUTPUT_SIZE(key_type, alg, input_length)`
pub const fn psa_cipher_encrypt_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    input_length: usize,
) -> usize {
    if !psa_alg_is_cipher(alg) {
        return 0;
    }
    let iv = psa_cipher_iv_length(key_type, alg);
    if alg == PSA_ALG_CBC_PKCS7 {
        let block = psa_block_cipher_block_length(key_type);
        if block == 0 {
            return 0;
        }
        psa_round_up_to_multiple(block, input_length + 1) + iv
    } else {
        input_length + iv
    }
}
/// `PSA_CIPHER_ENCRYPT_OUTPUT_MAX_SIZE(input_length)`
pub const fn psa_cipher_encrypt_output_max_size(input_length: usize) -> usize {
    psa_round_up_to_multiple(PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE, input_length + 1)
        + PSA_CIPHER_IV_MAX_SIZE
}
/// `PSA_CIPHER_DECRYPT_OUTPUT_SIZE(key_type, alg, input_length)`
pub const fn psa_cipher_decrypt_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    input_length: usize,
) -> usize {
    let iv = psa_cipher_iv_length(key_type, alg);
    if psa_alg_is_cipher(alg) && input_length > iv {
        input_length - iv
    } else {
        0
    }
}
/// `PSA_CIPHER_DECRYPT_OUTPUT_MAX_SIZE(input_length)`
pub const fn psa_cipher_decrypt_output_max_size(input_length: usize) -> usize {
    input_length
}
/// `PSA_CIPHER_UPDATE_OUTPUT_SIZE(key_type, alg, input_length)`
pub const fn psa_cipher_update_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    input_length: usize,
) -> usize {
    let block = psa_block_cipher_block_length(key_type);
    if !psa_alg_is_cipher(alg) || block == 0 {
        0
    } else if alg == PSA_ALG_CBC_PKCS7
        || alg == PSA_ALG_CBC_NO_PADDING
        || alg == PSA_ALG_ECB_NO_PADDING
    {
        // Up to block - 1 buffered bytes plus the input, in whole blocks.
        psa_round_up_to_multiple(block, input_length)
    } else {
        input_length
    }
}
/// `PSA_CIPHER_UPDATE_OUTPUT_MAX_SIZE(input_length)`
pub const fn psa_cipher_update_output_max_size(input_length: usize) -> usize {
    psa_round_up_to_multiple(PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE, input_length)
}
/// `PSA_CIPHER_FINISH_OUTPUT_SIZE(key_type, alg)`
pub const fn psa_cipher_finish_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
) -> usize {
    if alg == PSA_ALG_CBC_PKCS7 || alg == PSA_ALG_CBC_NO_PADDING || alg == PSA_ALG_ECB_NO_PADDING {
        psa_block_cipher_block_length(key_type)
    } else {
        0
    }
}

/// `PSA_AEAD_NONCE_LENGTH(key_type, alg)`: default nonce size, 0 if the
/// combination is invalid.
pub const fn psa_aead_nonce_length(key_type: psa_key_type_t, alg: psa_algorithm_t) -> usize {
    let base = psa_alg_aead_with_default_length_tag(alg);
    if psa_block_cipher_block_length(key_type) == 16 {
        match base {
            PSA_ALG_CCM => 13,
            PSA_ALG_GCM => 12,
            _ => 0,
        }
    } else if key_type == PSA_KEY_TYPE_CHACHA20 && base == PSA_ALG_CHACHA20_POLY1305 {
        12
    } else if key_type == PSA_KEY_TYPE_XCHACHA20 && base == PSA_ALG_XCHACHA20_POLY1305 {
        24
    } else if key_type == PSA_KEY_TYPE_ASCON && base == PSA_ALG_ASCON_AEAD128 {
        16
    } else {
        0
    }
}
/// `PSA_AEAD_TAG_LENGTH(key_type, key_bits, alg)`
pub const fn psa_aead_tag_length(
    key_type: psa_key_type_t,
    _key_bits: usize,
    alg: psa_algorithm_t,
) -> usize {
    if psa_aead_nonce_length(key_type, alg) != 0 {
        psa_alg_aead_get_tag_length(alg)
    } else {
        0
    }
}
/// `PSA_AEAD_ENCRYPT_OUTPUT_SIZE(key_type, alg, plaintext_length)`
pub const fn psa_aead_encrypt_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    plaintext_length: usize,
) -> usize {
    if psa_aead_nonce_length(key_type, alg) != 0 {
        plaintext_length + psa_alg_aead_get_tag_length(alg)
    } else {
        0
    }
}
/// `PSA_AEAD_ENCRYPT_OUTPUT_MAX_SIZE(plaintext_length)`
pub const fn psa_aead_encrypt_output_max_size(plaintext_length: usize) -> usize {
    plaintext_length + PSA_AEAD_TAG_MAX_SIZE
}
/// `PSA_AEAD_DECRYPT_OUTPUT_SIZE(key_type, alg, ciphertext_length)`
pub const fn psa_aead_decrypt_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    ciphertext_length: usize,
) -> usize {
    let tag = psa_alg_aead_get_tag_length(alg);
    if psa_aead_nonce_length(key_type, alg) != 0 && ciphertext_length >= tag {
        ciphertext_length - tag
    } else {
        0
    }
}
/// `PSA_AEAD_DECRYPT_OUTPUT_MAX_SIZE(ciphertext_length)`
pub const fn psa_aead_decrypt_output_max_size(ciphertext_length: usize) -> usize {
    ciphertext_length
}
/// `PSA_AEAD_UPDATE_OUTPUT_SIZE(key_type, alg, input_length)`
pub const fn psa_aead_update_output_size(
    key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    input_length: usize,
) -> usize {
    if psa_aead_nonce_length(key_type, alg) == 0 {
        0
    } else if psa_alg_is_aead_on_block_cipher(alg) {
        psa_round_up_to_multiple(psa_block_cipher_block_length(key_type), input_length)
    } else {
        input_length
    }
}
/// `PSA_AEAD_UPDATE_OUTPUT_MAX_SIZE(input_length)`
pub const fn psa_aead_update_output_max_size(input_length: usize) -> usize {
    psa_round_up_to_multiple(PSA_BLOCK_CIPHER_BLOCK_MAX_SIZE, input_length)
}
/// `PSA_AEAD_FINISH_OUTPUT_SIZE(key_type, alg)`
pub const fn psa_aead_finish_output_size(key_type: psa_key_type_t, alg: psa_algorithm_t) -> usize {
    if psa_aead_nonce_length(key_type, alg) != 0 && psa_alg_is_aead_on_block_cipher(alg) {
        psa_block_cipher_block_length(key_type)
    } else {
        0
    }
}
/// `PSA_AEAD_VERIFY_OUTPUT_SIZE(key_type, alg)`
pub const fn psa_aead_verify_output_size(key_type: psa_key_type_t, alg: psa_algorithm_t) -> usize {
    psa_aead_finish_output_size(key_type, alg)
}

/// Worst-case DER size of an ASN.1 INTEGER of `bits` bits (tag, length, sign byte).
const fn asn1_integer_max_size(bits: usize) -> usize {
    bits / 8 + 5
}
/// Worst-case size of an RSAPublicKey DER of `bits` bits (modulus and exponent).
pub const fn rsa_public_key_max_size(bits: usize) -> usize {
    asn1_integer_max_size(bits) + 11
}
/// Worst-case size of an RSAPrivateKey DER of `bits` bits (nine integers).
pub const fn rsa_key_pair_max_size(bits: usize) -> usize {
    9 * asn1_integer_max_size(bits / 2 + 1) + 14
}
/// Size of an elliptic curve private key: Edwards448 keys take 57 bytes, not 56.
const fn ecc_private_key_size(key_type: psa_key_type_t, bits: usize) -> usize {
    if psa_key_type_ecc_get_family(key_type) == PSA_ECC_FAMILY_TWISTED_EDWARDS {
        psa_bits_to_bytes(bits + 1)
    } else {
        psa_bits_to_bytes(bits)
    }
}
/// Size of an elliptic curve public key in the PSA export format.
const fn ecc_public_key_size(key_type: psa_key_type_t, bits: usize) -> usize {
    match psa_key_type_ecc_get_family(key_type) {
        PSA_ECC_FAMILY_MONTGOMERY => psa_bits_to_bytes(bits),
        PSA_ECC_FAMILY_TWISTED_EDWARDS => psa_bits_to_bytes(bits + 1),
        _ => 2 * psa_bits_to_bytes(bits) + 1,
    }
}

/// Size of an ML-KEM encapsulation key `ek` (FIPS 203 table 3: 384k + 32 bytes),
/// 0 for key bits that are no ML-KEM parameter set.
pub(crate) const fn ml_kem_public_key_size(bits: usize) -> usize {
    match bits {
        512 => 800,
        768 => 1184,
        1024 => 1568,
        _ => 0,
    }
}
/// Size of an ML-KEM ciphertext (FIPS 203 table 3: 32 (du k + dv) bytes), 0 for
/// key bits that are no ML-KEM parameter set.
pub(crate) const fn ml_kem_ciphertext_size(bits: usize) -> usize {
    match bits {
        512 => 768,
        768 => 1088,
        1024 => 1568,
        _ => 0,
    }
}
/// Size of an ML-KEM key pair in the specification's format: the seed d || z.
pub(crate) const ML_KEM_SEED_SIZE: usize = 64;

/// `PSA_ENCAPSULATE_CIPHERTEXT_SIZE(key_type, key_bits, alg)` (1.3): ML-KEM
/// ciphertexts, and for ECIES the ephemeral public key (the export format of a
/// public key on the curve); 0 for any other combination.
pub const fn psa_encapsulate_ciphertext_size(
    key_type: psa_key_type_t,
    key_bits: usize,
    alg: psa_algorithm_t,
) -> usize {
    if alg == PSA_ALG_ML_KEM && psa_key_type_is_ml_kem(key_type) {
        ml_kem_ciphertext_size(key_bits)
    } else if alg == PSA_ALG_ECIES_SEC1 && psa_key_type_is_ecc(key_type) {
        ecc_public_key_size(key_type, key_bits)
    } else {
        0
    }
}
/// `PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE` (1.3): the ML-KEM-1024 ciphertext is
/// the largest (an ECIES ciphertext is at most a P-521 public key, 133 bytes).
pub const PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE: usize = 1568;

/// `PSA_EXPORT_KEY_OUTPUT_SIZE(key_type, key_bits)`
pub const fn psa_export_key_output_size(key_type: psa_key_type_t, key_bits: usize) -> usize {
    if is_pqc_sign_type(key_type) {
        pqc_sign_export_size(key_type, key_bits)
    } else if psa_key_type_is_unstructured(key_type) {
        psa_bits_to_bytes(key_bits)
    } else if key_type == PSA_KEY_TYPE_RSA_KEY_PAIR {
        rsa_key_pair_max_size(key_bits)
    } else if key_type == PSA_KEY_TYPE_RSA_PUBLIC_KEY {
        rsa_public_key_max_size(key_bits)
    } else if psa_key_type_is_ecc_key_pair(key_type) {
        ecc_private_key_size(key_type, key_bits)
    } else if psa_key_type_is_ecc_public_key(key_type) {
        ecc_public_key_size(key_type, key_bits)
    } else if psa_key_type_is_spake2p(key_type) {
        spake2p_key_size(key_type, key_bits)
    } else if psa_key_type_is_dh(key_type) {
        psa_bits_to_bytes(key_bits)
    } else if key_type == PSA_KEY_TYPE_ML_KEM_KEY_PAIR {
        if ml_kem_public_key_size(key_bits) != 0 {
            ML_KEM_SEED_SIZE
        } else {
            0
        }
    } else if key_type == PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY {
        ml_kem_public_key_size(key_bits)
    } else if psa_key_type_is_wpa3_sae_ecc(key_type) {
        // A WPA3-SAE password token: x || y.
        2 * psa_bits_to_bytes(key_bits)
    } else if psa_key_type_is_wpa3_sae_dh(key_type) {
        psa_bits_to_bytes(key_bits)
    } else {
        0
    }
}

/// SPAKE2+ key formats: `w0 || w1` (two scalars) for a key pair, `w0 || L`
/// (a scalar and an uncompressed point) for a public key.
const fn spake2p_key_size(key_type: psa_key_type_t, key_bits: usize) -> usize {
    let b = psa_bits_to_bytes(key_bits);
    if psa_key_type_is_spake2p_key_pair(key_type) {
        2 * b
    } else {
        3 * b + 1
    }
}
/// `PSA_EXPORT_PUBLIC_KEY_OUTPUT_SIZE(key_type, key_bits)`
pub const fn psa_export_public_key_output_size(key_type: psa_key_type_t, key_bits: usize) -> usize {
    if is_pqc_sign_type(key_type) {
        pqc_sign_public_key_size(key_type, key_bits)
    } else if psa_key_type_is_rsa(key_type) {
        rsa_public_key_max_size(key_bits)
    } else if psa_key_type_is_ecc(key_type) {
        ecc_public_key_size(key_type, key_bits)
    } else if psa_key_type_is_spake2p(key_type) {
        spake2p_key_size(psa_key_type_spake2p_public_key(psa_key_type_spake2p_get_family(key_type)), key_bits)
    } else if psa_key_type_is_dh(key_type) {
        psa_bits_to_bytes(key_bits)
    } else if psa_key_type_is_ml_kem(key_type) {
        ml_kem_public_key_size(key_bits)
    } else {
        0
    }
}
/// `PSA_SIGN_OUTPUT_SIZE(key_type, key_bits, alg)`
pub const fn psa_sign_output_size(
    key_type: psa_key_type_t,
    key_bits: usize,
    _alg: psa_algorithm_t,
) -> usize {
    if is_pqc_sign_type(key_type) {
        pqc_sign_signature_size(key_type, key_bits)
    } else if psa_key_type_is_rsa(key_type) {
        psa_bits_to_bytes(key_bits)
    } else if psa_key_type_is_ecc(key_type) {
        2 * ecc_private_key_size(key_type, key_bits)
    } else {
        0
    }
}
/// `PSA_ASYMMETRIC_ENCRYPT_OUTPUT_SIZE(key_type, key_bits, alg)`
pub const fn psa_asymmetric_encrypt_output_size(
    key_type: psa_key_type_t,
    key_bits: usize,
    _alg: psa_algorithm_t,
) -> usize {
    if psa_key_type_is_rsa(key_type) {
        psa_bits_to_bytes(key_bits)
    } else {
        0
    }
}
/// `PSA_ASYMMETRIC_DECRYPT_OUTPUT_SIZE(key_type, key_bits, alg)`
pub const fn psa_asymmetric_decrypt_output_size(
    key_type: psa_key_type_t,
    key_bits: usize,
    _alg: psa_algorithm_t,
) -> usize {
    if psa_key_type_is_rsa(key_type) {
        psa_bits_to_bytes(key_bits)
    } else {
        0
    }
}
/// `PSA_RAW_KEY_AGREEMENT_OUTPUT_SIZE(key_type, key_bits)`
pub const fn psa_raw_key_agreement_output_size(key_type: psa_key_type_t, key_bits: usize) -> usize {
    if psa_key_type_is_ecc(key_type) || psa_key_type_is_dh(key_type) {
        psa_bits_to_bytes(key_bits)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const fn max(a: usize, b: usize) -> usize {
        if a > b {
            a
        } else {
            b
        }
    }

    #[test]
    fn hash_sizes() {
        assert_eq!(psa_hash_length(PSA_ALG_SHA_256), 32);
        assert_eq!(psa_hash_length(PSA_ALG_SHA_384), 48);
        assert_eq!(psa_hash_length(PSA_ALG_SHA3_512), 64);
        assert_eq!(psa_hash_length(PSA_ALG_SHA_1), 20);
        assert_eq!(psa_hash_length(psa_alg_hmac(PSA_ALG_SHA_224)), 28);
        assert_eq!(psa_hash_length(PSA_ALG_CMAC), 0);
        assert_eq!(psa_hash_block_length(PSA_ALG_SHA_256), 64);
        assert_eq!(psa_hash_block_length(PSA_ALG_SHA_512), 128);
        assert_eq!(psa_hash_block_length(PSA_ALG_SHA3_256), 136);
        assert_eq!(
            psa_hash_suspend_output_size(PSA_ALG_SHA_256),
            4 + 8 + 32 + 63
        );
        assert_eq!(
            psa_hash_suspend_output_size(PSA_ALG_SHA_512),
            PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE
        );
        assert_eq!(psa_hash_suspend_output_size(PSA_ALG_SHA3_256), 0);
        assert_eq!(
            psa_mac_length(PSA_KEY_TYPE_HMAC, 256, psa_alg_hmac(PSA_ALG_SHA_512)),
            64
        );
        assert_eq!(psa_mac_length(PSA_KEY_TYPE_AES, 128, PSA_ALG_CMAC), 16);
        assert_eq!(
            psa_mac_length(
                PSA_KEY_TYPE_AES,
                128,
                psa_alg_truncated_mac(PSA_ALG_CMAC, 4)
            ),
            4
        );
        assert_eq!(psa_mac_length(PSA_KEY_TYPE_AES, 128, PSA_ALG_GCM), 0);
    }

    #[test]
    fn cipher_and_aead_sizes() {
        assert_eq!(
            psa_cipher_iv_length(PSA_KEY_TYPE_AES, PSA_ALG_CBC_PKCS7),
            16
        );
        assert_eq!(
            psa_cipher_iv_length(PSA_KEY_TYPE_AES, PSA_ALG_ECB_NO_PADDING),
            0
        );
        assert_eq!(
            psa_cipher_iv_length(PSA_KEY_TYPE_CHACHA20, PSA_ALG_STREAM_CIPHER),
            12
        );
        assert_eq!(
            psa_cipher_iv_length(PSA_KEY_TYPE_XCHACHA20, PSA_ALG_STREAM_CIPHER),
            24
        );
        assert_eq!(
            psa_cipher_iv_length(PSA_KEY_TYPE_DES, PSA_ALG_CBC_NO_PADDING),
            8
        );
        assert_eq!(
            psa_cipher_encrypt_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CBC_PKCS7, 16),
            48
        );
        assert_eq!(
            psa_cipher_encrypt_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CTR, 10),
            26
        );
        assert_eq!(
            psa_cipher_decrypt_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CTR, 26),
            10
        );
        assert_eq!(
            psa_cipher_update_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CBC_NO_PADDING, 17),
            32
        );
        assert_eq!(
            psa_cipher_finish_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CBC_PKCS7),
            16
        );
        assert_eq!(
            psa_cipher_finish_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CTR),
            0
        );
        assert_eq!(
            psa_aead_encrypt_output_size(PSA_KEY_TYPE_AES, PSA_ALG_GCM, 100),
            116
        );
        assert_eq!(
            psa_aead_decrypt_output_size(PSA_KEY_TYPE_AES, PSA_ALG_GCM, 116),
            100
        );
        assert_eq!(
            psa_aead_decrypt_output_size(PSA_KEY_TYPE_AES, PSA_ALG_GCM, 15),
            0
        );
        let ccm8 = psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, 8);
        assert_eq!(psa_aead_encrypt_output_size(PSA_KEY_TYPE_AES, ccm8, 10), 18);
        assert_eq!(psa_aead_tag_length(PSA_KEY_TYPE_AES, 128, ccm8), 8);
        assert_eq!(psa_aead_nonce_length(PSA_KEY_TYPE_AES, PSA_ALG_CCM), 13);
        assert_eq!(psa_aead_nonce_length(PSA_KEY_TYPE_AES, PSA_ALG_GCM), 12);
        assert_eq!(
            psa_aead_nonce_length(PSA_KEY_TYPE_CHACHA20, PSA_ALG_CHACHA20_POLY1305),
            12
        );
        assert_eq!(
            psa_aead_nonce_length(PSA_KEY_TYPE_XCHACHA20, PSA_ALG_XCHACHA20_POLY1305),
            24
        );
        assert_eq!(psa_aead_nonce_length(PSA_KEY_TYPE_CHACHA20, PSA_ALG_GCM), 0);
        assert_eq!(
            psa_aead_encrypt_output_size(PSA_KEY_TYPE_DES, PSA_ALG_GCM, 10),
            0
        );
        assert_eq!(
            psa_aead_update_output_size(PSA_KEY_TYPE_AES, PSA_ALG_GCM, 17),
            32
        );
        assert_eq!(
            psa_aead_update_output_size(PSA_KEY_TYPE_CHACHA20, PSA_ALG_CHACHA20_POLY1305, 17),
            17
        );
        assert_eq!(
            psa_aead_finish_output_size(PSA_KEY_TYPE_AES, PSA_ALG_CCM),
            16
        );
        assert_eq!(
            psa_aead_verify_output_size(PSA_KEY_TYPE_CHACHA20, PSA_ALG_CHACHA20_POLY1305),
            0
        );
    }

    #[test]
    fn asymmetric_sizes() {
        let p256 = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECP_R1);
        let ed = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS);
        let x = psa_key_type_ecc_public_key(PSA_ECC_FAMILY_MONTGOMERY);
        assert_eq!(
            psa_sign_output_size(p256, 256, psa_alg_ecdsa(PSA_ALG_SHA_256)),
            64
        );
        assert_eq!(
            psa_sign_output_size(p256, 521, psa_alg_ecdsa(PSA_ALG_SHA_512)),
            132
        );
        assert_eq!(psa_sign_output_size(ed, 255, PSA_ALG_PURE_EDDSA), 64);
        assert_eq!(psa_sign_output_size(ed, 448, PSA_ALG_PURE_EDDSA), 114);
        assert_eq!(
            psa_sign_output_size(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048, 0),
            256
        );
        assert_eq!(
            psa_export_key_output_size(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048),
            1211
        );
        assert_eq!(
            psa_export_key_output_size(PSA_KEY_TYPE_RSA_PUBLIC_KEY, 2048),
            272
        );
        assert_eq!(
            psa_export_public_key_output_size(PSA_KEY_TYPE_RSA_KEY_PAIR, 2048),
            272
        );
        assert_eq!(psa_export_key_output_size(p256, 256), 32);
        assert_eq!(psa_export_public_key_output_size(p256, 256), 65);
        assert_eq!(psa_export_public_key_output_size(ed, 255), 32);
        assert_eq!(psa_export_public_key_output_size(ed, 448), 57);
        assert_eq!(psa_export_key_output_size(ed, 448), 57);
        assert_eq!(psa_export_public_key_output_size(x, 255), 32);
        assert_eq!(psa_export_public_key_output_size(x, 448), 56);
        assert_eq!(psa_export_key_output_size(PSA_KEY_TYPE_AES, 256), 32);
        assert_eq!(psa_raw_key_agreement_output_size(p256, 384), 48);
        assert_eq!(psa_raw_key_agreement_output_size(PSA_KEY_TYPE_AES, 128), 0);
        assert_eq!(
            psa_asymmetric_encrypt_output_size(PSA_KEY_TYPE_RSA_PUBLIC_KEY, 3072, 0),
            384
        );
    }

    #[test]
    fn maxima_cover_the_supported_range() {
        let rsa = PSA_VENDOR_RSA_MAX_KEY_BITS;
        let ecc = PSA_VENDOR_ECC_MAX_CURVE_BITS;
        let dh = PSA_VENDOR_FFDH_MAX_KEY_BITS;
        let p = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECP_R1);
        let ed = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS);
        let dhp = psa_key_type_dh_key_pair(PSA_DH_FAMILY_RFC7919);
        let pair = max(
            psa_export_key_output_size(PSA_KEY_TYPE_RSA_KEY_PAIR, rsa),
            max(
                psa_export_key_output_size(p, ecc),
                psa_export_key_output_size(dhp, dh),
            ),
        );
        assert_eq!(PSA_EXPORT_KEY_PAIR_MAX_SIZE, pair);
        let public = max(
            psa_export_public_key_output_size(PSA_KEY_TYPE_RSA_KEY_PAIR, rsa),
            max(
                psa_export_public_key_output_size(p, ecc),
                max(
                    psa_export_public_key_output_size(dhp, dh),
                    psa_export_public_key_output_size(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 1024),
                ),
            ),
        );
        assert_eq!(PSA_EXPORT_PUBLIC_KEY_MAX_SIZE, max(public, 2592));
        assert_eq!(
            PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE,
            max(
                psa_encapsulate_ciphertext_size(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 1024, PSA_ALG_ML_KEM),
                psa_encapsulate_ciphertext_size(p, ecc, PSA_ALG_ECIES_SEC1)
            )
        );
        assert_eq!(PSA_EXPORT_ASYMMETRIC_KEY_MAX_SIZE, max(pair, max(public, 2592)));
        let sig = max(
            psa_sign_output_size(PSA_KEY_TYPE_RSA_KEY_PAIR, rsa, 0),
            max(
                psa_sign_output_size(p, ecc, 0),
                psa_sign_output_size(ed, 448, 0),
            ),
        );
        assert_eq!(PSA_SIGNATURE_MAX_SIZE, max(sig, 49856));
        assert_eq!(
            PSA_ASYMMETRIC_ENCRYPT_OUTPUT_MAX_SIZE,
            psa_bits_to_bytes(rsa)
        );
        assert_eq!(
            PSA_RAW_KEY_AGREEMENT_OUTPUT_MAX_SIZE,
            max(psa_bits_to_bytes(ecc), psa_bits_to_bytes(dh))
        );
        assert!(psa_hash_length(PSA_ALG_SHA_512) <= PSA_HASH_MAX_SIZE);
        assert!(psa_hash_block_length(PSA_ALG_SHA3_224) <= PSA_HMAC_MAX_HASH_BLOCK_SIZE);
        assert_eq!(psa_bits_to_bytes(521), 66);
        assert_eq!(psa_bytes_to_bits(66), 528);
        assert_eq!(PSA_MAX_KEY_BITS, 0xfff8);
    }
}
