//! Key types (`psa_key_type_t`), elliptic curve families (`psa_ecc_family_t`) and
//! Diffie-Hellman group families (`psa_dh_family_t`).
//!
//! Layout of a key type (specification appendix B): bit 15 vendor flag, bits 14..12
//! category (raw 1, symmetric 2, public key 4, key pair 7), then a sub-type. From
//! version 1.3 of the specification an asymmetric key type owns bits 11..7 (so
//! bit 7 tells a family-parameterised type such as SLH-DSA, 0x4180, from ECC,
//! 0x4100), and the family of an elliptic curve, Diffie-Hellman, SPAKE2+ or
//! SLH-DSA key type is the low 7 bits (`KEY_TYPE_FAMILY_MASK`).
use super::{psa_dh_family_t, psa_ecc_family_t, psa_key_type_t};

// Internal masks (not exported to C).
pub(crate) const KEY_TYPE_CATEGORY_MASK: psa_key_type_t = 0x7000;
pub(crate) const KEY_TYPE_CATEGORY_RAW: psa_key_type_t = 0x1000;
pub(crate) const KEY_TYPE_CATEGORY_SYMMETRIC: psa_key_type_t = 0x2000;
pub(crate) const KEY_TYPE_CATEGORY_PUBLIC_KEY: psa_key_type_t = 0x4000;
pub(crate) const KEY_TYPE_CATEGORY_KEY_PAIR: psa_key_type_t = 0x7000;
pub(crate) const KEY_TYPE_CATEGORY_FLAG_PAIR: psa_key_type_t = 0x3000;
pub(crate) const KEY_TYPE_ECC_PUBLIC_KEY_BASE: psa_key_type_t = 0x4100;
pub(crate) const KEY_TYPE_ECC_KEY_PAIR_BASE: psa_key_type_t = 0x7100;
pub(crate) const KEY_TYPE_DH_PUBLIC_KEY_BASE: psa_key_type_t = 0x4200;
pub(crate) const KEY_TYPE_DH_KEY_PAIR_BASE: psa_key_type_t = 0x7200;
/// The family part of a parameterised asymmetric key type (1.3 encoding: bits 6..0).
pub(crate) const KEY_TYPE_FAMILY_MASK: psa_key_type_t = 0x007f;
/// The asymmetric-type part of a key type without the pair bits (1.3 encoding):
/// `t & KEY_TYPE_ASYM_MASK` of a public key type is its family-less base.
pub(crate) const KEY_TYPE_ASYM_MASK: psa_key_type_t = 0xff80;

/// An invalid key type value.
pub const PSA_KEY_TYPE_NONE: psa_key_type_t = 0x0000 as psa_key_type_t;
/// Raw data: a key of this type cannot be used for any cryptographic operation.
pub const PSA_KEY_TYPE_RAW_DATA: psa_key_type_t = 0x1001 as psa_key_type_t;
/// HMAC key.
pub const PSA_KEY_TYPE_HMAC: psa_key_type_t = 0x1100 as psa_key_type_t;
/// A secret for key derivation.
pub const PSA_KEY_TYPE_DERIVE: psa_key_type_t = 0x1200 as psa_key_type_t;
/// A low-entropy secret for password hashing or key derivation.
pub const PSA_KEY_TYPE_PASSWORD: psa_key_type_t = 0x1203 as psa_key_type_t;
/// A secret value that can be used to verify a password hash.
pub const PSA_KEY_TYPE_PASSWORD_HASH: psa_key_type_t = 0x1205 as psa_key_type_t;
/// A secret value that can be used when computing a password hash.
pub const PSA_KEY_TYPE_PEPPER: psa_key_type_t = 0x1206 as psa_key_type_t;
/// Key for a cipher, AEAD or MAC algorithm based on the AES block cipher.
pub const PSA_KEY_TYPE_AES: psa_key_type_t = 0x2400 as psa_key_type_t;
/// Key for a cipher, AEAD or MAC algorithm based on the ARIA block cipher.
pub const PSA_KEY_TYPE_ARIA: psa_key_type_t = 0x2406 as psa_key_type_t;
/// Key for a cipher or MAC algorithm based on DES or 3DES (legacy only).
pub const PSA_KEY_TYPE_DES: psa_key_type_t = 0x2301 as psa_key_type_t;
/// Key for a cipher, AEAD or MAC algorithm based on the Camellia block cipher.
pub const PSA_KEY_TYPE_CAMELLIA: psa_key_type_t = 0x2403 as psa_key_type_t;
/// Key for a cipher, AEAD or MAC algorithm based on the SM4 block cipher.
pub const PSA_KEY_TYPE_SM4: psa_key_type_t = 0x2405 as psa_key_type_t;
/// Key for the ARC4 stream cipher (legacy only).
pub const PSA_KEY_TYPE_ARC4: psa_key_type_t = 0x2002 as psa_key_type_t;
/// Key for the ChaCha20 stream cipher or the ChaCha20-Poly1305 AEAD algorithm.
pub const PSA_KEY_TYPE_CHACHA20: psa_key_type_t = 0x2004 as psa_key_type_t;
/// Key for the XChaCha20 stream cipher or the XChaCha20-Poly1305 AEAD algorithm.
pub const PSA_KEY_TYPE_XCHACHA20: psa_key_type_t = 0x2007 as psa_key_type_t;
/// RSA public key.
pub const PSA_KEY_TYPE_RSA_PUBLIC_KEY: psa_key_type_t = 0x4001 as psa_key_type_t;
/// RSA key pair: both the private and public key.
pub const PSA_KEY_TYPE_RSA_KEY_PAIR: psa_key_type_t = 0x7001 as psa_key_type_t;

/// ML-KEM key pair (FIPS 203): the decapsulation and encapsulation key. Key bits
/// 512, 768 or 1024 select ML-KEM-512, -768 or -1024; the key data is the seed d || z.
pub const PSA_KEY_TYPE_ML_KEM_KEY_PAIR: psa_key_type_t = 0x7004 as psa_key_type_t;
/// ML-KEM public key: the encapsulation key `ek` (800, 1184 or 1568 bytes).
pub const PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY: psa_key_type_t = 0x4004 as psa_key_type_t;

/// SEC Koblitz curves over prime fields (secp192k1, secp224k1, secp256k1).
pub const PSA_ECC_FAMILY_SECP_K1: psa_ecc_family_t = 0x17 as psa_ecc_family_t;
/// SEC random curves over prime fields (secp192r1 .. secp521r1, the NIST P curves).
pub const PSA_ECC_FAMILY_SECP_R1: psa_ecc_family_t = 0x12 as psa_ecc_family_t;
/// SEC additional random curve over a prime field (secp160r2, legacy).
pub const PSA_ECC_FAMILY_SECP_R2: psa_ecc_family_t = 0x1b as psa_ecc_family_t;
/// SEC Koblitz curves over binary fields.
pub const PSA_ECC_FAMILY_SECT_K1: psa_ecc_family_t = 0x27 as psa_ecc_family_t;
/// SEC random curves over binary fields.
pub const PSA_ECC_FAMILY_SECT_R1: psa_ecc_family_t = 0x22 as psa_ecc_family_t;
/// SEC additional random curve over a binary field (sect163r2).
pub const PSA_ECC_FAMILY_SECT_R2: psa_ecc_family_t = 0x2b as psa_ecc_family_t;
/// Brainpool P random curves.
pub const PSA_ECC_FAMILY_BRAINPOOL_P_R1: psa_ecc_family_t = 0x30 as psa_ecc_family_t;
/// Curve used primarily in France (FRP256v1).
pub const PSA_ECC_FAMILY_FRP: psa_ecc_family_t = 0x33 as psa_ecc_family_t;
/// Montgomery curves: Curve25519 and Curve448.
pub const PSA_ECC_FAMILY_MONTGOMERY: psa_ecc_family_t = 0x41 as psa_ecc_family_t;
/// Twisted Edwards curves: Edwards25519 and Edwards448.
pub const PSA_ECC_FAMILY_TWISTED_EDWARDS: psa_ecc_family_t = 0x42 as psa_ecc_family_t;

/// Finite-field Diffie-Hellman groups defined for TLS in RFC 7919.
pub const PSA_DH_FAMILY_RFC7919: psa_dh_family_t = 0x03 as psa_dh_family_t;

/// `PSA_KEY_TYPE_IS_UNSTRUCTURED(type)`: raw data or a symmetric key.
pub const fn psa_key_type_is_unstructured(t: psa_key_type_t) -> bool {
    let cat = t & KEY_TYPE_CATEGORY_MASK;
    cat == KEY_TYPE_CATEGORY_RAW || cat == KEY_TYPE_CATEGORY_SYMMETRIC
}
/// `PSA_KEY_TYPE_IS_ASYMMETRIC(type)`: a key pair or a public key.
pub const fn psa_key_type_is_asymmetric(t: psa_key_type_t) -> bool {
    t & 0x4000 == 0x4000
}
/// `PSA_KEY_TYPE_IS_PUBLIC_KEY(type)`
pub const fn psa_key_type_is_public_key(t: psa_key_type_t) -> bool {
    t & KEY_TYPE_CATEGORY_MASK == KEY_TYPE_CATEGORY_PUBLIC_KEY
}
/// `PSA_KEY_TYPE_IS_KEY_PAIR(type)`
pub const fn psa_key_type_is_key_pair(t: psa_key_type_t) -> bool {
    t & KEY_TYPE_CATEGORY_MASK == KEY_TYPE_CATEGORY_KEY_PAIR
}
/// `PSA_KEY_TYPE_PUBLIC_KEY_OF_KEY_PAIR(type)`
pub const fn psa_key_type_public_key_of_key_pair(t: psa_key_type_t) -> psa_key_type_t {
    t & !KEY_TYPE_CATEGORY_FLAG_PAIR
}
/// `PSA_KEY_TYPE_KEY_PAIR_OF_PUBLIC_KEY(type)`
pub const fn psa_key_type_key_pair_of_public_key(t: psa_key_type_t) -> psa_key_type_t {
    t | KEY_TYPE_CATEGORY_FLAG_PAIR
}
/// `PSA_KEY_TYPE_IS_RSA(type)`: an RSA key pair or public key.
pub const fn psa_key_type_is_rsa(t: psa_key_type_t) -> bool {
    psa_key_type_public_key_of_key_pair(t) == PSA_KEY_TYPE_RSA_PUBLIC_KEY
}
/// `PSA_KEY_TYPE_IS_ML_KEM(type)`: an ML-KEM key pair or public key.
pub const fn psa_key_type_is_ml_kem(t: psa_key_type_t) -> bool {
    psa_key_type_public_key_of_key_pair(t) == PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY
}
/// `PSA_KEY_TYPE_ECC_KEY_PAIR(curve)`
pub const fn psa_key_type_ecc_key_pair(curve: psa_ecc_family_t) -> psa_key_type_t {
    KEY_TYPE_ECC_KEY_PAIR_BASE | (curve as psa_key_type_t & KEY_TYPE_FAMILY_MASK)
}
/// `PSA_KEY_TYPE_ECC_PUBLIC_KEY(curve)`
pub const fn psa_key_type_ecc_public_key(curve: psa_ecc_family_t) -> psa_key_type_t {
    KEY_TYPE_ECC_PUBLIC_KEY_BASE | (curve as psa_key_type_t & KEY_TYPE_FAMILY_MASK)
}
/// `PSA_KEY_TYPE_IS_ECC(type)`: an elliptic curve key pair or public key.
pub const fn psa_key_type_is_ecc(t: psa_key_type_t) -> bool {
    psa_key_type_public_key_of_key_pair(t) & KEY_TYPE_ASYM_MASK == KEY_TYPE_ECC_PUBLIC_KEY_BASE
}
/// `PSA_KEY_TYPE_IS_ECC_KEY_PAIR(type)`
pub const fn psa_key_type_is_ecc_key_pair(t: psa_key_type_t) -> bool {
    t & KEY_TYPE_ASYM_MASK == KEY_TYPE_ECC_KEY_PAIR_BASE
}
/// `PSA_KEY_TYPE_IS_ECC_PUBLIC_KEY(type)`
pub const fn psa_key_type_is_ecc_public_key(t: psa_key_type_t) -> bool {
    t & KEY_TYPE_ASYM_MASK == KEY_TYPE_ECC_PUBLIC_KEY_BASE
}
/// `PSA_KEY_TYPE_ECC_GET_FAMILY(type)`: the curve family, 0 if not an ECC type.
pub const fn psa_key_type_ecc_get_family(t: psa_key_type_t) -> psa_ecc_family_t {
    if psa_key_type_is_ecc(t) {
        (t & KEY_TYPE_FAMILY_MASK) as psa_ecc_family_t
    } else {
        0
    }
}
/// `PSA_KEY_TYPE_DH_KEY_PAIR(group)`
pub const fn psa_key_type_dh_key_pair(group: psa_dh_family_t) -> psa_key_type_t {
    KEY_TYPE_DH_KEY_PAIR_BASE | (group as psa_key_type_t & KEY_TYPE_FAMILY_MASK)
}
/// `PSA_KEY_TYPE_DH_PUBLIC_KEY(group)`
pub const fn psa_key_type_dh_public_key(group: psa_dh_family_t) -> psa_key_type_t {
    KEY_TYPE_DH_PUBLIC_KEY_BASE | (group as psa_key_type_t & KEY_TYPE_FAMILY_MASK)
}
/// `PSA_KEY_TYPE_IS_DH(type)`: a finite-field Diffie-Hellman key pair or public key.
pub const fn psa_key_type_is_dh(t: psa_key_type_t) -> bool {
    psa_key_type_public_key_of_key_pair(t) & KEY_TYPE_ASYM_MASK == KEY_TYPE_DH_PUBLIC_KEY_BASE
}
/// `PSA_KEY_TYPE_IS_DH_KEY_PAIR(type)`
pub const fn psa_key_type_is_dh_key_pair(t: psa_key_type_t) -> bool {
    t & KEY_TYPE_ASYM_MASK == KEY_TYPE_DH_KEY_PAIR_BASE
}
/// `PSA_KEY_TYPE_IS_DH_PUBLIC_KEY(type)`
pub const fn psa_key_type_is_dh_public_key(t: psa_key_type_t) -> bool {
    t & KEY_TYPE_ASYM_MASK == KEY_TYPE_DH_PUBLIC_KEY_BASE
}
/// `PSA_KEY_TYPE_DH_GET_FAMILY(type)`: the group family, 0 if not a DH type.
pub const fn psa_key_type_dh_get_family(t: psa_key_type_t) -> psa_dh_family_t {
    if psa_key_type_is_dh(t) {
        (t & KEY_TYPE_FAMILY_MASK) as psa_dh_family_t
    } else {
        0
    }
}
/// `PSA_BLOCK_CIPHER_BLOCK_LENGTH(type)`: block size in bytes of a symmetric key
/// type (1 for stream ciphers), 0 for any other type.
pub const fn psa_block_cipher_block_length(t: psa_key_type_t) -> usize {
    if t & KEY_TYPE_CATEGORY_MASK == KEY_TYPE_CATEGORY_SYMMETRIC {
        1usize << ((t >> 8) & 7)
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecc_and_dh() {
        assert_eq!(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECP_R1), 0x7112);
        assert_eq!(psa_key_type_ecc_public_key(PSA_ECC_FAMILY_SECP_R1), 0x4112);
        assert_eq!(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY), 0x7141);
        assert_eq!(
            psa_key_type_ecc_public_key(PSA_ECC_FAMILY_TWISTED_EDWARDS),
            0x4142
        );
        assert_eq!(psa_key_type_dh_key_pair(PSA_DH_FAMILY_RFC7919), 0x7203);
        assert_eq!(psa_key_type_dh_public_key(PSA_DH_FAMILY_RFC7919), 0x4203);
        let kp = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_BRAINPOOL_P_R1);
        assert!(psa_key_type_is_ecc(kp) && psa_key_type_is_ecc_key_pair(kp));
        assert!(!psa_key_type_is_ecc_public_key(kp));
        assert_eq!(
            psa_key_type_ecc_get_family(kp),
            PSA_ECC_FAMILY_BRAINPOOL_P_R1
        );
        assert_eq!(psa_key_type_ecc_get_family(PSA_KEY_TYPE_RSA_KEY_PAIR), 0);
        let pk = psa_key_type_public_key_of_key_pair(kp);
        assert!(psa_key_type_is_ecc_public_key(pk));
        assert_eq!(psa_key_type_key_pair_of_public_key(pk), kp);
        let dh = psa_key_type_dh_key_pair(PSA_DH_FAMILY_RFC7919);
        assert!(psa_key_type_is_dh(dh) && psa_key_type_is_dh_key_pair(dh));
        assert!(!psa_key_type_is_ecc(dh));
        assert!(psa_key_type_is_dh_public_key(
            psa_key_type_public_key_of_key_pair(dh)
        ));
        assert_eq!(psa_key_type_dh_get_family(dh), PSA_DH_FAMILY_RFC7919);
        assert_eq!(psa_key_type_dh_get_family(kp), 0);
    }

    #[test]
    fn encoding_1_3_bit_7() {
        // Bit 7 belongs to the asymmetric type: 0x4180 / 0x7180 (SLH-DSA) is not ECC,
        // 0x4280 not DH, and a family constructor keeps only the 7 family bits.
        for t in [0x4180u16, 0x7180, 0x71ff, 0x4182, 0x7182] {
            assert!(!psa_key_type_is_ecc(t), "{t:#x}");
            assert!(!psa_key_type_is_ecc_key_pair(t) && !psa_key_type_is_ecc_public_key(t));
            assert_eq!(psa_key_type_ecc_get_family(t), 0);
        }
        for t in [0x4280u16, 0x7280, 0x7283] {
            assert!(!psa_key_type_is_dh(t), "{t:#x}");
            assert_eq!(psa_key_type_dh_get_family(t), 0);
        }
        assert_eq!(psa_key_type_ecc_key_pair(0x92), 0x7112);
        assert_eq!(psa_key_type_dh_public_key(0x83), 0x4203);
        assert!(psa_key_type_is_ecc(0x417f) && psa_key_type_is_ecc(0x717f));
        assert_eq!(psa_key_type_ecc_get_family(0x717f), 0x7f);
        // 1.2 values that did not change.
        assert_eq!(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS), 0x7142);
        assert_eq!(psa_key_type_ecc_public_key(PSA_ECC_FAMILY_SECP_K1), 0x4117);
        assert_eq!(psa_key_type_dh_key_pair(PSA_DH_FAMILY_RFC7919), 0x7203);
    }

    #[test]
    fn categories() {
        assert!(psa_key_type_is_unstructured(PSA_KEY_TYPE_RAW_DATA));
        assert!(psa_key_type_is_unstructured(PSA_KEY_TYPE_AES));
        assert!(psa_key_type_is_unstructured(PSA_KEY_TYPE_PASSWORD));
        assert!(!psa_key_type_is_unstructured(PSA_KEY_TYPE_RSA_PUBLIC_KEY));
        assert!(psa_key_type_is_asymmetric(PSA_KEY_TYPE_RSA_PUBLIC_KEY));
        assert!(psa_key_type_is_asymmetric(PSA_KEY_TYPE_RSA_KEY_PAIR));
        assert!(!psa_key_type_is_asymmetric(PSA_KEY_TYPE_HMAC));
        assert!(psa_key_type_is_public_key(PSA_KEY_TYPE_RSA_PUBLIC_KEY));
        assert!(psa_key_type_is_key_pair(PSA_KEY_TYPE_RSA_KEY_PAIR));
        assert!(psa_key_type_is_rsa(PSA_KEY_TYPE_RSA_KEY_PAIR));
        assert!(psa_key_type_is_rsa(PSA_KEY_TYPE_RSA_PUBLIC_KEY));
        assert!(!psa_key_type_is_rsa(PSA_KEY_TYPE_AES));
    }

    #[test]
    fn block_lengths() {
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_AES), 16);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_ARIA), 16);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_CAMELLIA), 16);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_SM4), 16);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_DES), 8);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_CHACHA20), 1);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_XCHACHA20), 1);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_ARC4), 1);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_HMAC), 0);
        assert_eq!(psa_block_cipher_block_length(PSA_KEY_TYPE_RSA_KEY_PAIR), 0);
    }
}
