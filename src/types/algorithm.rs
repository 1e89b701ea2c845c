//! Algorithm identifiers (`psa_algorithm_t`) and their `const fn` helpers.
//!
//! Layout of an identifier (specification appendix B): bit 31 vendor flag, bits
//! 30..24 category, bit 23 stream/stretching flag, bit 22 block-cipher flag, bits
//! 21..16 MAC/tag length or key-agreement sub-type, bits 15..8 sub-type, bits 7..0
//! hash sub-type.
use super::psa_algorithm_t;

// ---------------------------------------------------------------------------
// Internal field masks (not exported to C).

/// Category field.
pub(crate) const ALG_CATEGORY_MASK: psa_algorithm_t = 0x7f00_0000;
/// Hash sub-type field.
pub(crate) const ALG_HASH_MASK: psa_algorithm_t = 0x0000_00ff;
/// MAC / AEAD tag length field plus the "at least this length" wildcard flag.
pub(crate) const ALG_LENGTH_AND_WILDCARD_MASK: psa_algorithm_t = 0x003f_8000;
/// MAC / AEAD tag length field.
pub(crate) const ALG_LENGTH_MASK: psa_algorithm_t = 0x003f_0000;
/// Bit position of the MAC / AEAD tag length field.
pub(crate) const ALG_LENGTH_SHIFT: u32 = 16;
/// The "at least this length" wildcard flag of MAC and AEAD algorithms.
pub(crate) const ALG_AT_LEAST_THIS_LENGTH_FLAG: psa_algorithm_t = 0x0000_8000;

pub(crate) const ALG_CATEGORY_HASH: psa_algorithm_t = 0x0200_0000;
pub(crate) const ALG_CATEGORY_MAC: psa_algorithm_t = 0x0300_0000;
pub(crate) const ALG_CATEGORY_CIPHER: psa_algorithm_t = 0x0400_0000;
pub(crate) const ALG_CATEGORY_AEAD: psa_algorithm_t = 0x0500_0000;
pub(crate) const ALG_CATEGORY_SIGN: psa_algorithm_t = 0x0600_0000;
pub(crate) const ALG_CATEGORY_ASYMMETRIC_ENCRYPTION: psa_algorithm_t = 0x0700_0000;
pub(crate) const ALG_CATEGORY_KEY_DERIVATION: psa_algorithm_t = 0x0800_0000;
pub(crate) const ALG_CATEGORY_KEY_AGREEMENT: psa_algorithm_t = 0x0900_0000;
pub(crate) const ALG_CATEGORY_KEY_ENCAPSULATION: psa_algorithm_t = 0x0c00_0000;

pub(crate) const ALG_HMAC_BASE: psa_algorithm_t = 0x0380_0000;
pub(crate) const ALG_HKDF_BASE: psa_algorithm_t = 0x0800_0100;
pub(crate) const ALG_TLS12_PRF_BASE: psa_algorithm_t = 0x0800_0200;
pub(crate) const ALG_TLS12_PSK_TO_MS_BASE: psa_algorithm_t = 0x0800_0300;
pub(crate) const ALG_HKDF_EXTRACT_BASE: psa_algorithm_t = 0x0800_0400;
pub(crate) const ALG_HKDF_EXPAND_BASE: psa_algorithm_t = 0x0800_0500;
pub(crate) const ALG_SP800_108_COUNTER_HMAC_BASE: psa_algorithm_t = 0x0800_0700;
pub(crate) const ALG_PBKDF2_HMAC_BASE: psa_algorithm_t = 0x0880_0100;
pub(crate) const ALG_RSA_PKCS1V15_SIGN_BASE: psa_algorithm_t = 0x0600_0200;
pub(crate) const ALG_RSA_PSS_BASE: psa_algorithm_t = 0x0600_0300;
pub(crate) const ALG_RSA_PSS_ANY_SALT_BASE: psa_algorithm_t = 0x0600_1300;
pub(crate) const ALG_ECDSA_BASE: psa_algorithm_t = 0x0600_0600;
pub(crate) const ALG_DETERMINISTIC_ECDSA_BASE: psa_algorithm_t = 0x0600_0700;
pub(crate) const ALG_HASH_EDDSA_BASE: psa_algorithm_t = 0x0600_0900;
pub(crate) const ALG_RSA_OAEP_BASE: psa_algorithm_t = 0x0700_0300;

// ---------------------------------------------------------------------------
// Object-like identifiers.

/// An invalid algorithm identifier value.
pub const PSA_ALG_NONE: psa_algorithm_t = 0 as psa_algorithm_t;

/// The MD2 message-digest algorithm (legacy only).
pub const PSA_ALG_MD2: psa_algorithm_t = 0x0200_0001 as psa_algorithm_t;
/// The MD4 message-digest algorithm (legacy only).
pub const PSA_ALG_MD4: psa_algorithm_t = 0x0200_0002 as psa_algorithm_t;
/// The MD5 message-digest algorithm (legacy only).
pub const PSA_ALG_MD5: psa_algorithm_t = 0x0200_0003 as psa_algorithm_t;
/// The RIPEMD-160 message-digest algorithm.
pub const PSA_ALG_RIPEMD160: psa_algorithm_t = 0x0200_0004 as psa_algorithm_t;
/// The SHA-1 message-digest algorithm (legacy only).
pub const PSA_ALG_SHA_1: psa_algorithm_t = 0x0200_0005 as psa_algorithm_t;
/// The zigbee 1.0 hash: Matyas-Meyer-Oseas construction over AES-128.
pub const PSA_ALG_AES_MMO_ZIGBEE: psa_algorithm_t = 0x0200_0007 as psa_algorithm_t;
/// The SHA-224 message-digest algorithm.
pub const PSA_ALG_SHA_224: psa_algorithm_t = 0x0200_0008 as psa_algorithm_t;
/// The SHA-256 message-digest algorithm.
pub const PSA_ALG_SHA_256: psa_algorithm_t = 0x0200_0009 as psa_algorithm_t;
/// The SHA-384 message-digest algorithm.
pub const PSA_ALG_SHA_384: psa_algorithm_t = 0x0200_000a as psa_algorithm_t;
/// The SHA-512 message-digest algorithm.
pub const PSA_ALG_SHA_512: psa_algorithm_t = 0x0200_000b as psa_algorithm_t;
/// The SHA-512/224 message-digest algorithm.
pub const PSA_ALG_SHA_512_224: psa_algorithm_t = 0x0200_000c as psa_algorithm_t;
/// The SHA-512/256 message-digest algorithm.
pub const PSA_ALG_SHA_512_256: psa_algorithm_t = 0x0200_000d as psa_algorithm_t;
/// The SHA3-224 message-digest algorithm.
pub const PSA_ALG_SHA3_224: psa_algorithm_t = 0x0200_0010 as psa_algorithm_t;
/// The SHA3-256 message-digest algorithm.
pub const PSA_ALG_SHA3_256: psa_algorithm_t = 0x0200_0011 as psa_algorithm_t;
/// The SHA3-384 message-digest algorithm.
pub const PSA_ALG_SHA3_384: psa_algorithm_t = 0x0200_0012 as psa_algorithm_t;
/// The SHA3-512 message-digest algorithm.
pub const PSA_ALG_SHA3_512: psa_algorithm_t = 0x0200_0013 as psa_algorithm_t;
/// The SM3 message-digest algorithm.
pub const PSA_ALG_SM3: psa_algorithm_t = 0x0200_0014 as psa_algorithm_t;
/// The first 512 bits (64 bytes) of the SHAKE256 output.
pub const PSA_ALG_SHAKE256_512: psa_algorithm_t = 0x0200_0015 as psa_algorithm_t;
/// Wildcard hash: in a key policy, any hash for a hash-and-sign algorithm.
pub const PSA_ALG_ANY_HASH: psa_algorithm_t = 0x0200_00ff as psa_algorithm_t;

/// The raw CBC-MAC algorithm (insecure in general).
pub const PSA_ALG_CBC_MAC: psa_algorithm_t = 0x03c0_0100 as psa_algorithm_t;
/// The CMAC algorithm.
pub const PSA_ALG_CMAC: psa_algorithm_t = 0x03c0_0200 as psa_algorithm_t;

/// The stream cipher mode of a stream cipher algorithm (ChaCha20, XChaCha20, ARC4).
pub const PSA_ALG_STREAM_CIPHER: psa_algorithm_t = 0x0480_0100 as psa_algorithm_t;
/// A stream cipher built using the Counter (CTR) mode of a block cipher.
pub const PSA_ALG_CTR: psa_algorithm_t = 0x04c0_1000 as psa_algorithm_t;
/// A stream cipher built using the Cipher Feedback (CFB) mode of a block cipher.
pub const PSA_ALG_CFB: psa_algorithm_t = 0x04c0_1100 as psa_algorithm_t;
/// A stream cipher built using the Output Feedback (OFB) mode of a block cipher.
pub const PSA_ALG_OFB: psa_algorithm_t = 0x04c0_1200 as psa_algorithm_t;
/// The CCM* cipher mode without authentication (tag length 0).
pub const PSA_ALG_CCM_STAR_NO_TAG: psa_algorithm_t = 0x04c0_1300 as psa_algorithm_t;
/// The XEX with ciphertext stealing (XTS) cipher mode of a block cipher.
pub const PSA_ALG_XTS: psa_algorithm_t = 0x0440_ff00 as psa_algorithm_t;
/// The Cipher Block Chaining (CBC) mode without padding.
pub const PSA_ALG_CBC_NO_PADDING: psa_algorithm_t = 0x0440_4000 as psa_algorithm_t;
/// The Cipher Block Chaining (CBC) mode with PKCS#7 padding.
pub const PSA_ALG_CBC_PKCS7: psa_algorithm_t = 0x0440_4100 as psa_algorithm_t;
/// The Electronic Codebook (ECB) mode without padding.
pub const PSA_ALG_ECB_NO_PADDING: psa_algorithm_t = 0x0440_4400 as psa_algorithm_t;

/// The Counter with CBC-MAC (CCM) authenticated encryption algorithm.
pub const PSA_ALG_CCM: psa_algorithm_t = 0x0550_0100 as psa_algorithm_t;
/// The Galois/Counter Mode (GCM) authenticated encryption algorithm.
pub const PSA_ALG_GCM: psa_algorithm_t = 0x0550_0200 as psa_algorithm_t;
/// The ChaCha20-Poly1305 AEAD algorithm.
pub const PSA_ALG_CHACHA20_POLY1305: psa_algorithm_t = 0x0510_0500 as psa_algorithm_t;
/// The XChaCha20-Poly1305 AEAD algorithm.
pub const PSA_ALG_XCHACHA20_POLY1305: psa_algorithm_t = 0x0510_0600 as psa_algorithm_t;
/// The CCM* AEAD algorithm with any tag length, including 0 (policy wildcard).
pub const PSA_ALG_CCM_STAR_ANY_TAG: psa_algorithm_t = 0x04c0_9300 as psa_algorithm_t;

/// The TLS 1.2 EC J-PAKE to pre-master-secret key derivation (SHA-256).
pub const PSA_ALG_TLS12_ECJPAKE_TO_PMS: psa_algorithm_t = 0x0800_0609 as psa_algorithm_t;
/// The NIST SP 800-108 counter-mode KDF with CMAC as the PRF.
pub const PSA_ALG_SP800_108_COUNTER_CMAC: psa_algorithm_t = 0x0800_0800 as psa_algorithm_t;
/// The PBKDF2-AES-CMAC-PRF-128 password hashing / key stretching algorithm.
pub const PSA_ALG_PBKDF2_AES_CMAC_PRF_128: psa_algorithm_t = 0x0880_0200 as psa_algorithm_t;

/// The RSA PKCS#1 v1.5 signature scheme without hashing (raw).
pub const PSA_ALG_RSA_PKCS1V15_SIGN_RAW: psa_algorithm_t = 0x0600_0200 as psa_algorithm_t;
/// ECDSA without hashing: signs the hash as given.
pub const PSA_ALG_ECDSA_ANY: psa_algorithm_t = 0x0600_0600 as psa_algorithm_t;
/// Edwards-curve digital signature algorithm without prehashing (PureEdDSA).
pub const PSA_ALG_PURE_EDDSA: psa_algorithm_t = 0x0600_0800 as psa_algorithm_t;
/// Edwards-curve signature with prehashing: HashEdDSA on Edwards25519 (SHA-512).
pub const PSA_ALG_ED25519PH: psa_algorithm_t = 0x0600_090b as psa_algorithm_t;
/// Edwards-curve signature with prehashing: HashEdDSA on Edwards448 (SHAKE256-512).
pub const PSA_ALG_ED448PH: psa_algorithm_t = 0x0600_0915 as psa_algorithm_t;

/// The RSA PKCS#1 v1.5 asymmetric encryption algorithm.
pub const PSA_ALG_RSA_PKCS1V15_CRYPT: psa_algorithm_t = 0x0700_0200 as psa_algorithm_t;

/// The finite-field Diffie-Hellman (FFDH) key agreement algorithm.
pub const PSA_ALG_FFDH: psa_algorithm_t = 0x0901_0000 as psa_algorithm_t;
/// The elliptic curve Diffie-Hellman (ECDH) key agreement algorithm.
pub const PSA_ALG_ECDH: psa_algorithm_t = 0x0902_0000 as psa_algorithm_t;

// ---------------------------------------------------------------------------
// Function-like macros.

const fn with_hash(base: psa_algorithm_t, hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    base | (hash_alg & ALG_HASH_MASK)
}

/// `PSA_ALG_IS_HASH(alg)`
pub const fn psa_alg_is_hash(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_HASH
}
/// `PSA_ALG_IS_MAC(alg)`
pub const fn psa_alg_is_mac(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_MAC
}
/// `PSA_ALG_IS_CIPHER(alg)`
pub const fn psa_alg_is_cipher(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_CIPHER
}
/// `PSA_ALG_IS_AEAD(alg)`
pub const fn psa_alg_is_aead(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_AEAD
}
/// `PSA_ALG_IS_SIGN(alg)`
pub const fn psa_alg_is_sign(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_SIGN
}
/// `PSA_ALG_IS_ASYMMETRIC_ENCRYPTION(alg)`
pub const fn psa_alg_is_asymmetric_encryption(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_ASYMMETRIC_ENCRYPTION
}
/// `PSA_ALG_IS_KEY_DERIVATION(alg)`
pub const fn psa_alg_is_key_derivation(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_KEY_DERIVATION
}
/// `PSA_ALG_IS_KEY_AGREEMENT(alg)`
pub const fn psa_alg_is_key_agreement(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_KEY_AGREEMENT
}

/// `PSA_ALG_IS_KEY_ENCAPSULATION(alg)` (1.3)
pub const fn psa_alg_is_key_encapsulation(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_KEY_ENCAPSULATION
}

/// The Elliptic Curve Integrated Encryption Scheme as a key-encapsulation
/// algorithm (SEC 1 §5.1, 1.3): cofactor ECDH with an ephemeral key; the
/// ciphertext is the ephemeral public key, the shared secret the x-coordinate Z.
pub const PSA_ALG_ECIES_SEC1: psa_algorithm_t = 0x0c00_0100 as psa_algorithm_t;
/// ML-KEM key encapsulation (FIPS 203, 1.3): a 32-byte shared secret.
pub const PSA_ALG_ML_KEM: psa_algorithm_t = 0x0c00_0200 as psa_algorithm_t;

/// `PSA_ALG_GET_HASH(alg)`: the hash encoded in a composite algorithm, or
/// `PSA_ALG_NONE` when the hash field is 0.
pub const fn psa_alg_get_hash(alg: psa_algorithm_t) -> psa_algorithm_t {
    if alg & ALG_HASH_MASK == 0 {
        PSA_ALG_NONE
    } else {
        ALG_CATEGORY_HASH | (alg & ALG_HASH_MASK)
    }
}

/// `PSA_ALG_IS_WILDCARD(alg)`: whether an algorithm is a policy-only wildcard
/// (`PSA_ALG_ANY_HASH` inside a hash-parameterized algorithm, an "at least this
/// length" MAC or AEAD, or `PSA_ALG_CCM_STAR_ANY_TAG`).
pub const fn psa_alg_is_wildcard(alg: psa_algorithm_t) -> bool {
    if psa_alg_get_hash(alg) == PSA_ALG_ANY_HASH || alg == PSA_ALG_CCM_STAR_ANY_TAG {
        return true;
    }
    (psa_alg_is_mac(alg) || psa_alg_is_aead(alg)) && alg & ALG_AT_LEAST_THIS_LENGTH_FLAG != 0
}

// MAC

/// `PSA_ALG_HMAC(hash_alg)`
pub const fn psa_alg_hmac(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_HMAC_BASE, hash_alg)
}
/// `PSA_ALG_HMAC_GET_HASH(hmac_alg)` (Mbed TLS compatible helper).
pub const fn psa_alg_hmac_get_hash(hmac_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_CATEGORY_HASH | (hmac_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_IS_HMAC(alg)`
pub const fn psa_alg_is_hmac(alg: psa_algorithm_t) -> bool {
    alg & 0x7fc0_ff00 == ALG_HMAC_BASE
}
/// `PSA_ALG_IS_BLOCK_CIPHER_MAC(alg)`
pub const fn psa_alg_is_block_cipher_mac(alg: psa_algorithm_t) -> bool {
    alg & 0x7fc0_0000 == 0x03c0_0000
}
/// `PSA_ALG_TRUNCATED_MAC(mac_alg, mac_length)`
pub const fn psa_alg_truncated_mac(mac_alg: psa_algorithm_t, mac_length: usize) -> psa_algorithm_t {
    (mac_alg & !ALG_LENGTH_AND_WILDCARD_MASK)
        | (((mac_length as psa_algorithm_t) & 0x3f) << ALG_LENGTH_SHIFT)
}
/// `PSA_ALG_FULL_LENGTH_MAC(mac_alg)`
pub const fn psa_alg_full_length_mac(mac_alg: psa_algorithm_t) -> psa_algorithm_t {
    mac_alg & !ALG_LENGTH_AND_WILDCARD_MASK
}
/// `PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(mac_alg, min_mac_length)`
pub const fn psa_alg_at_least_this_length_mac(
    mac_alg: psa_algorithm_t,
    min_mac_length: usize,
) -> psa_algorithm_t {
    psa_alg_truncated_mac(mac_alg, min_mac_length) | ALG_AT_LEAST_THIS_LENGTH_FLAG
}
/// The MAC length encoded in a MAC algorithm (0 means the default length).
pub const fn psa_mac_truncated_length(mac_alg: psa_algorithm_t) -> usize {
    ((mac_alg & ALG_LENGTH_MASK) >> ALG_LENGTH_SHIFT) as usize
}

// Ciphers

/// `PSA_ALG_IS_STREAM_CIPHER(alg)`
pub const fn psa_alg_is_stream_cipher(alg: psa_algorithm_t) -> bool {
    alg & 0x7f80_0000 == 0x0480_0000
}

// AEAD

/// `PSA_ALG_IS_AEAD_ON_BLOCK_CIPHER(alg)`
pub const fn psa_alg_is_aead_on_block_cipher(alg: psa_algorithm_t) -> bool {
    alg & 0x7f40_0000 == 0x0540_0000
}
/// `PSA_ALG_AEAD_WITH_SHORTENED_TAG(aead_alg, tag_length)`
pub const fn psa_alg_aead_with_shortened_tag(
    aead_alg: psa_algorithm_t,
    tag_length: usize,
) -> psa_algorithm_t {
    (aead_alg & !ALG_LENGTH_AND_WILDCARD_MASK)
        | (((tag_length as psa_algorithm_t) & 0x3f) << ALG_LENGTH_SHIFT)
}
/// `PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(aead_alg, min_tag_length)`
pub const fn psa_alg_aead_with_at_least_this_length_tag(
    aead_alg: psa_algorithm_t,
    min_tag_length: usize,
) -> psa_algorithm_t {
    psa_alg_aead_with_shortened_tag(aead_alg, min_tag_length) | ALG_AT_LEAST_THIS_LENGTH_FLAG
}
/// `PSA_ALG_AEAD_WITH_DEFAULT_LENGTH_TAG(aead_alg)`: the base AEAD algorithm with
/// its default tag length, or `PSA_ALG_NONE` for an unknown AEAD algorithm.
pub const fn psa_alg_aead_with_default_length_tag(aead_alg: psa_algorithm_t) -> psa_algorithm_t {
    match aead_alg & !ALG_LENGTH_AND_WILDCARD_MASK {
        0x0540_0100 => PSA_ALG_CCM,
        0x0540_0200 => PSA_ALG_GCM,
        0x0500_0500 => PSA_ALG_CHACHA20_POLY1305,
        0x0500_0600 => PSA_ALG_XCHACHA20_POLY1305,
        0x0500_0700 => super::PSA_ALG_ASCON_AEAD128,
        _ => PSA_ALG_NONE,
    }
}
/// The tag length encoded in an AEAD algorithm.
pub const fn psa_alg_aead_get_tag_length(aead_alg: psa_algorithm_t) -> usize {
    ((aead_alg & ALG_LENGTH_MASK) >> ALG_LENGTH_SHIFT) as usize
}

// Key derivation

/// `PSA_ALG_HKDF(hash_alg)`
pub const fn psa_alg_hkdf(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_HKDF_BASE, hash_alg)
}
/// `PSA_ALG_IS_HKDF(alg)`
pub const fn psa_alg_is_hkdf(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_HKDF_BASE
}
/// `PSA_ALG_HKDF_EXTRACT(hash_alg)`
pub const fn psa_alg_hkdf_extract(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_HKDF_EXTRACT_BASE, hash_alg)
}
/// `PSA_ALG_IS_HKDF_EXTRACT(alg)`
pub const fn psa_alg_is_hkdf_extract(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_HKDF_EXTRACT_BASE
}
/// `PSA_ALG_HKDF_EXPAND(hash_alg)`
pub const fn psa_alg_hkdf_expand(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_HKDF_EXPAND_BASE, hash_alg)
}
/// `PSA_ALG_IS_HKDF_EXPAND(alg)`
pub const fn psa_alg_is_hkdf_expand(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_HKDF_EXPAND_BASE
}
/// `PSA_ALG_TLS12_PRF(hash_alg)`
pub const fn psa_alg_tls12_prf(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_TLS12_PRF_BASE, hash_alg)
}
/// `PSA_ALG_IS_TLS12_PRF(alg)`
pub const fn psa_alg_is_tls12_prf(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_TLS12_PRF_BASE
}
/// `PSA_ALG_TLS12_PSK_TO_MS(hash_alg)`
pub const fn psa_alg_tls12_psk_to_ms(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_TLS12_PSK_TO_MS_BASE, hash_alg)
}
/// `PSA_ALG_IS_TLS12_PSK_TO_MS(alg)`
pub const fn psa_alg_is_tls12_psk_to_ms(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_TLS12_PSK_TO_MS_BASE
}
/// `PSA_ALG_PBKDF2_HMAC(hash_alg)`
pub const fn psa_alg_pbkdf2_hmac(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_PBKDF2_HMAC_BASE, hash_alg)
}
/// `PSA_ALG_IS_PBKDF2_HMAC(alg)`
pub const fn psa_alg_is_pbkdf2_hmac(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_PBKDF2_HMAC_BASE
}
/// `PSA_ALG_SP800_108_COUNTER_HMAC(hash_alg)`
pub const fn psa_alg_sp800_108_counter_hmac(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_SP800_108_COUNTER_HMAC_BASE, hash_alg)
}
/// `PSA_ALG_IS_SP800_108_COUNTER_HMAC(alg)`
pub const fn psa_alg_is_sp800_108_counter_hmac(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_SP800_108_COUNTER_HMAC_BASE
}
/// `PSA_ALG_IS_KEY_DERIVATION_STRETCHING(alg)`
pub const fn psa_alg_is_key_derivation_stretching(alg: psa_algorithm_t) -> bool {
    alg & 0x7f80_0000 == 0x0880_0000
}

// Signatures

/// `PSA_ALG_RSA_PKCS1V15_SIGN(hash_alg)`
pub const fn psa_alg_rsa_pkcs1v15_sign(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_RSA_PKCS1V15_SIGN_BASE, hash_alg)
}
/// `PSA_ALG_IS_RSA_PKCS1V15_SIGN(alg)`
pub const fn psa_alg_is_rsa_pkcs1v15_sign(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_RSA_PKCS1V15_SIGN_BASE
}
/// `PSA_ALG_RSA_PSS(hash_alg)`
pub const fn psa_alg_rsa_pss(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_RSA_PSS_BASE, hash_alg)
}
/// `PSA_ALG_RSA_PSS_ANY_SALT(hash_alg)`
pub const fn psa_alg_rsa_pss_any_salt(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_RSA_PSS_ANY_SALT_BASE, hash_alg)
}
/// `PSA_ALG_IS_RSA_PSS_STANDARD_SALT(alg)`
pub const fn psa_alg_is_rsa_pss_standard_salt(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_RSA_PSS_BASE
}
/// `PSA_ALG_IS_RSA_PSS_ANY_SALT(alg)`
pub const fn psa_alg_is_rsa_pss_any_salt(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_RSA_PSS_ANY_SALT_BASE
}
/// `PSA_ALG_IS_RSA_PSS(alg)`: either salt variant.
pub const fn psa_alg_is_rsa_pss(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_10ff == ALG_RSA_PSS_BASE
}
/// `PSA_ALG_ECDSA(hash_alg)`
pub const fn psa_alg_ecdsa(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_ECDSA_BASE, hash_alg)
}
/// `PSA_ALG_DETERMINISTIC_ECDSA(hash_alg)`
pub const fn psa_alg_deterministic_ecdsa(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_DETERMINISTIC_ECDSA_BASE, hash_alg)
}
/// `PSA_ALG_IS_ECDSA(alg)`: randomized or deterministic.
pub const fn psa_alg_is_ecdsa(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_01ff == ALG_ECDSA_BASE
}
/// `PSA_ALG_IS_DETERMINISTIC_ECDSA(alg)`
pub const fn psa_alg_is_deterministic_ecdsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_DETERMINISTIC_ECDSA_BASE
}
/// `PSA_ALG_IS_RANDOMIZED_ECDSA(alg)`
pub const fn psa_alg_is_randomized_ecdsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_ECDSA_BASE
}
/// `PSA_ALG_IS_HASH_EDDSA(alg)`
pub const fn psa_alg_is_hash_eddsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_HASH_EDDSA_BASE
}
/// `PSA_ALG_IS_HASH_AND_SIGN(alg)`: an RSA PKCS#1 v1.5, RSA PSS, ECDSA or
/// HashEdDSA signature algorithm. As in the specification's example
/// implementation, the hash field is not inspected, so `PSA_ALG_ECDSA_ANY` and
/// `PSA_ALG_RSA_PKCS1V15_SIGN_RAW` also match; use [`psa_alg_sign_get_hash`] or
/// [`psa_alg_get_hash`] to tell whether a hash is specified.
pub const fn psa_alg_is_hash_and_sign(alg: psa_algorithm_t) -> bool {
    psa_alg_is_rsa_pss(alg)
        || psa_alg_is_rsa_pkcs1v15_sign(alg)
        || psa_alg_is_ecdsa(alg)
        || psa_alg_is_hash_eddsa(alg)
        || super::psa_alg_is_hash_ml_dsa(alg)
        || super::psa_alg_is_hash_slh_dsa(alg)
}
/// `PSA_ALG_IS_SIGN_HASH(alg)`: usable with `psa_sign_hash()` / `psa_verify_hash()`.
pub const fn psa_alg_is_sign_hash(alg: psa_algorithm_t) -> bool {
    psa_alg_is_hash_and_sign(alg)
        || alg == PSA_ALG_RSA_PKCS1V15_SIGN_RAW
        || alg == PSA_ALG_ECDSA_ANY
}
/// `PSA_ALG_IS_SIGN_MESSAGE(alg)`: usable with `psa_sign_message()`.
pub const fn psa_alg_is_sign_message(alg: psa_algorithm_t) -> bool {
    psa_alg_is_sign(alg) && alg != PSA_ALG_ECDSA_ANY && alg != PSA_ALG_RSA_PKCS1V15_SIGN_RAW
}
/// `PSA_ALG_SIGN_GET_HASH(alg)`: the hash of a hash-and-sign algorithm, else
/// `PSA_ALG_NONE` (also for `PSA_ALG_ECDSA_ANY` and `PSA_ALG_RSA_PKCS1V15_SIGN_RAW`).
pub const fn psa_alg_sign_get_hash(alg: psa_algorithm_t) -> psa_algorithm_t {
    if psa_alg_is_hash_and_sign(alg) && alg & ALG_HASH_MASK != 0 {
        ALG_CATEGORY_HASH | (alg & ALG_HASH_MASK)
    } else {
        PSA_ALG_NONE
    }
}

// Asymmetric encryption

/// `PSA_ALG_RSA_OAEP(hash_alg)`
pub const fn psa_alg_rsa_oaep(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    with_hash(ALG_RSA_OAEP_BASE, hash_alg)
}
/// `PSA_ALG_IS_RSA_OAEP(alg)`
pub const fn psa_alg_is_rsa_oaep(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_RSA_OAEP_BASE
}

// Key agreement

/// `PSA_ALG_KEY_AGREEMENT(ka_alg, kdf_alg)`
pub const fn psa_alg_key_agreement(
    ka_alg: psa_algorithm_t,
    kdf_alg: psa_algorithm_t,
) -> psa_algorithm_t {
    ka_alg | kdf_alg
}
/// `PSA_ALG_KEY_AGREEMENT_GET_BASE(alg)`: bit 23 is the key derivation's
/// key-stretching flag (PBKDF2), not part of the key agreement (1.2.1).
pub const fn psa_alg_key_agreement_get_base(alg: psa_algorithm_t) -> psa_algorithm_t {
    alg & 0xff7f_0000
}
/// `PSA_ALG_KEY_AGREEMENT_GET_KDF(alg)`, the key-stretching flag kept.
pub const fn psa_alg_key_agreement_get_kdf(alg: psa_algorithm_t) -> psa_algorithm_t {
    alg & 0xfe80_ffff
}
/// `PSA_ALG_IS_STANDALONE_KEY_AGREEMENT(alg)`: a key agreement without a KDF.
pub const fn psa_alg_is_standalone_key_agreement(alg: psa_algorithm_t) -> bool {
    alg & 0x7f00_ffff == ALG_CATEGORY_KEY_AGREEMENT
}
/// `PSA_ALG_IS_RAW_KEY_AGREEMENT(alg)`: the 1.1 name of
/// [`psa_alg_is_standalone_key_agreement`].
pub const fn psa_alg_is_raw_key_agreement(alg: psa_algorithm_t) -> bool {
    psa_alg_is_standalone_key_agreement(alg)
}
/// `PSA_ALG_IS_FFDH(alg)`
pub const fn psa_alg_is_ffdh(alg: psa_algorithm_t) -> bool {
    alg & 0x7fff_0000 == PSA_ALG_FFDH
}
/// `PSA_ALG_IS_ECDH(alg)`
pub const fn psa_alg_is_ecdh(alg: psa_algorithm_t) -> bool {
    alg & 0x7fff_0000 == PSA_ALG_ECDH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors() {
        assert_eq!(psa_alg_hmac(PSA_ALG_SHA_256), 0x0380_0009);
        assert_eq!(psa_alg_hkdf(PSA_ALG_SHA_256), 0x0800_0109);
        assert_eq!(psa_alg_hkdf_extract(PSA_ALG_SHA_384), 0x0800_040a);
        assert_eq!(psa_alg_hkdf_expand(PSA_ALG_SHA_512), 0x0800_050b);
        assert_eq!(psa_alg_tls12_prf(PSA_ALG_SHA_256), 0x0800_0209);
        assert_eq!(psa_alg_tls12_psk_to_ms(PSA_ALG_SHA_384), 0x0800_030a);
        assert_eq!(psa_alg_pbkdf2_hmac(PSA_ALG_SHA_256), 0x0880_0109);
        assert_eq!(psa_alg_sp800_108_counter_hmac(PSA_ALG_SHA_256), 0x0800_0709);
        assert_eq!(psa_alg_rsa_pkcs1v15_sign(PSA_ALG_SHA_256), 0x0600_0209);
        assert_eq!(psa_alg_rsa_pss(PSA_ALG_SHA_256), 0x0600_0309);
        assert_eq!(psa_alg_rsa_pss_any_salt(PSA_ALG_SHA_256), 0x0600_1309);
        assert_eq!(psa_alg_ecdsa(PSA_ALG_SHA_256), 0x0600_0609);
        assert_eq!(psa_alg_deterministic_ecdsa(PSA_ALG_SHA_256), 0x0600_0709);
        assert_eq!(psa_alg_rsa_oaep(PSA_ALG_SHA_256), 0x0700_0309);
        assert_eq!(
            psa_alg_key_agreement(PSA_ALG_ECDH, psa_alg_hkdf(PSA_ALG_SHA_256)),
            0x0902_0109
        );
    }

    #[test]
    fn categories() {
        assert!(psa_alg_is_hash(PSA_ALG_SHA3_256));
        assert!(psa_alg_is_hash(PSA_ALG_AES_MMO_ZIGBEE));
        assert!(!psa_alg_is_hash(PSA_ALG_CMAC));
        assert!(psa_alg_is_mac(psa_alg_hmac(PSA_ALG_SHA_1)));
        assert!(psa_alg_is_mac(PSA_ALG_CMAC));
        assert!(psa_alg_is_cipher(PSA_ALG_CTR));
        assert!(psa_alg_is_cipher(PSA_ALG_CCM_STAR_NO_TAG));
        assert!(psa_alg_is_aead(PSA_ALG_GCM));
        assert!(psa_alg_is_sign(PSA_ALG_PURE_EDDSA));
        assert!(psa_alg_is_asymmetric_encryption(PSA_ALG_RSA_PKCS1V15_CRYPT));
        assert!(psa_alg_is_key_derivation(PSA_ALG_TLS12_ECJPAKE_TO_PMS));
        assert!(psa_alg_is_key_agreement(PSA_ALG_FFDH));
    }

    #[test]
    fn mac_helpers() {
        let hmac = psa_alg_hmac(PSA_ALG_SHA_256);
        assert!(psa_alg_is_hmac(hmac));
        assert!(!psa_alg_is_hmac(PSA_ALG_CMAC));
        assert!(psa_alg_is_block_cipher_mac(PSA_ALG_CMAC));
        assert!(psa_alg_is_block_cipher_mac(PSA_ALG_CBC_MAC));
        assert_eq!(psa_alg_hmac_get_hash(hmac), PSA_ALG_SHA_256);
        let t = psa_alg_truncated_mac(hmac, 16);
        assert_eq!(t, 0x0390_0009);
        assert!(psa_alg_is_hmac(t));
        assert_eq!(psa_mac_truncated_length(t), 16);
        assert_eq!(psa_alg_full_length_mac(t), hmac);
        let w = psa_alg_at_least_this_length_mac(PSA_ALG_CMAC, 8);
        assert_eq!(w, 0x03c8_8200);
        assert!(psa_alg_is_wildcard(w));
        assert_eq!(psa_alg_full_length_mac(w), PSA_ALG_CMAC);
        assert!(!psa_alg_is_wildcard(hmac));
        assert!(psa_alg_is_wildcard(PSA_ALG_CCM_STAR_ANY_TAG));
        assert!(!psa_alg_is_wildcard(PSA_ALG_CCM_STAR_NO_TAG));
    }

    #[test]
    fn aead_helpers() {
        assert!(psa_alg_is_aead_on_block_cipher(PSA_ALG_CCM));
        assert!(psa_alg_is_aead_on_block_cipher(PSA_ALG_GCM));
        assert!(!psa_alg_is_aead_on_block_cipher(PSA_ALG_CHACHA20_POLY1305));
        let s = psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, 8);
        assert_eq!(s, 0x0548_0100);
        assert_eq!(psa_alg_aead_get_tag_length(s), 8);
        assert_eq!(psa_alg_aead_get_tag_length(PSA_ALG_GCM), 16);
        assert_eq!(psa_alg_aead_with_default_length_tag(s), PSA_ALG_CCM);
        let w = psa_alg_aead_with_at_least_this_length_tag(PSA_ALG_GCM, 12);
        assert_eq!(w, 0x054c_8200);
        assert!(psa_alg_is_wildcard(w));
        assert_eq!(psa_alg_aead_with_default_length_tag(w), PSA_ALG_GCM);
        assert_eq!(
            psa_alg_aead_with_default_length_tag(psa_alg_aead_with_shortened_tag(
                PSA_ALG_XCHACHA20_POLY1305,
                12
            )),
            PSA_ALG_XCHACHA20_POLY1305
        );
        assert_eq!(
            psa_alg_aead_with_default_length_tag(PSA_ALG_CTR),
            PSA_ALG_NONE
        );
    }

    #[test]
    fn sign_helpers() {
        let ecdsa = psa_alg_ecdsa(PSA_ALG_SHA_256);
        let det = psa_alg_deterministic_ecdsa(PSA_ALG_SHA_384);
        assert!(psa_alg_is_ecdsa(ecdsa) && psa_alg_is_ecdsa(det));
        assert!(psa_alg_is_randomized_ecdsa(ecdsa) && !psa_alg_is_randomized_ecdsa(det));
        assert!(psa_alg_is_deterministic_ecdsa(det));
        assert!(psa_alg_is_ecdsa(PSA_ALG_ECDSA_ANY));
        assert!(psa_alg_is_sign_hash(PSA_ALG_ECDSA_ANY));
        assert!(psa_alg_is_hash_and_sign(PSA_ALG_ECDSA_ANY));
        assert!(psa_alg_is_hash_and_sign(PSA_ALG_RSA_PKCS1V15_SIGN_RAW));
        assert!(!psa_alg_is_hash_and_sign(PSA_ALG_PURE_EDDSA));
        assert_eq!(
            psa_alg_sign_get_hash(PSA_ALG_RSA_PKCS1V15_SIGN_RAW),
            PSA_ALG_NONE
        );
        assert!(!psa_alg_is_sign_message(PSA_ALG_ECDSA_ANY));
        assert!(psa_alg_is_sign_hash(PSA_ALG_RSA_PKCS1V15_SIGN_RAW));
        assert!(!psa_alg_is_sign_hash(PSA_ALG_PURE_EDDSA));
        assert!(psa_alg_is_sign_message(PSA_ALG_PURE_EDDSA));
        assert!(psa_alg_is_hash_eddsa(PSA_ALG_ED25519PH));
        assert!(psa_alg_is_sign_hash(PSA_ALG_ED448PH));
        assert_eq!(psa_alg_sign_get_hash(PSA_ALG_ED25519PH), PSA_ALG_SHA_512);
        assert_eq!(psa_alg_sign_get_hash(PSA_ALG_ED448PH), PSA_ALG_SHAKE256_512);
        assert_eq!(psa_alg_sign_get_hash(ecdsa), PSA_ALG_SHA_256);
        assert_eq!(psa_alg_sign_get_hash(PSA_ALG_ECDSA_ANY), PSA_ALG_NONE);
        let pss = psa_alg_rsa_pss(PSA_ALG_SHA_256);
        let pss_any = psa_alg_rsa_pss_any_salt(PSA_ALG_SHA_256);
        assert!(psa_alg_is_rsa_pss(pss) && psa_alg_is_rsa_pss(pss_any));
        assert!(
            psa_alg_is_rsa_pss_standard_salt(pss) && !psa_alg_is_rsa_pss_standard_salt(pss_any)
        );
        assert!(psa_alg_is_rsa_pss_any_salt(pss_any) && !psa_alg_is_rsa_pss_any_salt(pss));
        assert!(psa_alg_is_rsa_pkcs1v15_sign(PSA_ALG_RSA_PKCS1V15_SIGN_RAW));
        let wild = psa_alg_rsa_pss(PSA_ALG_ANY_HASH);
        assert!(psa_alg_is_wildcard(wild));
        assert!(psa_alg_is_hash_and_sign(wild));
        assert!(!psa_alg_is_wildcard(pss));
        assert_eq!(psa_alg_get_hash(ecdsa), PSA_ALG_SHA_256);
        assert_eq!(psa_alg_get_hash(PSA_ALG_CMAC), PSA_ALG_NONE);
    }

    #[test]
    fn kdf_and_agreement_helpers() {
        let hkdf = psa_alg_hkdf(PSA_ALG_SHA_256);
        assert!(psa_alg_is_hkdf(hkdf) && !psa_alg_is_hkdf_extract(hkdf));
        assert!(psa_alg_is_hkdf_extract(psa_alg_hkdf_extract(
            PSA_ALG_SHA_256
        )));
        assert!(psa_alg_is_hkdf_expand(psa_alg_hkdf_expand(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_tls12_prf(psa_alg_tls12_prf(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_tls12_psk_to_ms(psa_alg_tls12_psk_to_ms(
            PSA_ALG_SHA_256
        )));
        assert!(psa_alg_is_pbkdf2_hmac(psa_alg_pbkdf2_hmac(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_sp800_108_counter_hmac(
            psa_alg_sp800_108_counter_hmac(PSA_ALG_SHA_256)
        ));
        assert!(psa_alg_is_key_derivation_stretching(
            PSA_ALG_PBKDF2_AES_CMAC_PRF_128
        ));
        assert!(psa_alg_is_key_derivation_stretching(psa_alg_pbkdf2_hmac(
            PSA_ALG_SHA_1
        )));
        assert!(!psa_alg_is_key_derivation_stretching(hkdf));
        let ka = psa_alg_key_agreement(PSA_ALG_ECDH, hkdf);
        assert!(psa_alg_is_key_agreement(ka));
        assert!(psa_alg_is_ecdh(ka) && !psa_alg_is_ffdh(ka));
        assert_eq!(psa_alg_key_agreement_get_base(ka), PSA_ALG_ECDH);
        assert_eq!(psa_alg_key_agreement_get_kdf(ka), hkdf);
        assert!(!psa_alg_is_standalone_key_agreement(ka));
        assert!(psa_alg_is_standalone_key_agreement(PSA_ALG_FFDH));
        assert!(psa_alg_is_raw_key_agreement(PSA_ALG_ECDH));
        assert!(psa_alg_is_ffdh(PSA_ALG_FFDH));
    }

    #[test]
    fn cipher_helpers() {
        assert!(psa_alg_is_stream_cipher(PSA_ALG_STREAM_CIPHER));
        assert!(psa_alg_is_stream_cipher(PSA_ALG_CTR));
        assert!(psa_alg_is_stream_cipher(PSA_ALG_CCM_STAR_NO_TAG));
        assert!(!psa_alg_is_stream_cipher(PSA_ALG_CBC_PKCS7));
        assert!(!psa_alg_is_stream_cipher(PSA_ALG_XTS));
    }
}
