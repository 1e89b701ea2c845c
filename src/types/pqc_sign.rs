//! Post-quantum and stateful hash-based signatures (PSA Crypto API 1.4 PQC
//! extension, folded into 1.5): ML-DSA, SLH-DSA, LMS/HSS, XMSS/XMSS^MT key types
//! and algorithm identifiers, and the 1.4 `PSA_ALG_EDDSA_CTX` and
//! `PSA_ALG_SIGN_SUPPORTS_CONTEXT`.
//!
//! Encodings (specification appendix B): ML-DSA and LMS/HSS/XMSS key types are
//! plain asymmetric types (`0x4002`/`0x7002` ...); an SLH-DSA key type is
//! `0x4180 | family` (public) or `0x7180 | family` (pair), the family in bits 6..0.
//! The signature algorithms live in `0x0600_4000..0x0600_4bff`: bits 11..8 tell
//! the scheme and variant, the low byte is the pre-hash for HashML-DSA and
//! HashSLH-DSA.
use super::{psa_algorithm_t, psa_key_type_t};
use super::{psa_key_type_public_key_of_key_pair, ALG_CATEGORY_HASH, ALG_HASH_MASK};

/// The type of identifiers of a Stateless hash-based DSA parameter set.
pub type psa_slh_dsa_family_t = u8;

/// ML-DSA key pair: both the private and public key (the 32-byte seed ξ).
pub const PSA_KEY_TYPE_ML_DSA_KEY_PAIR: psa_key_type_t = 0x7002 as psa_key_type_t;
/// ML-DSA public key.
pub const PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY: psa_key_type_t = 0x4002 as psa_key_type_t;

pub(crate) const KEY_TYPE_SLH_DSA_PUBLIC_KEY_BASE: psa_key_type_t = 0x4180;
pub(crate) const KEY_TYPE_SLH_DSA_KEY_PAIR_BASE: psa_key_type_t = 0x7180;
pub(crate) const KEY_TYPE_SLH_DSA_FAMILY_MASK: psa_key_type_t = 0x007f;

/// SLH-DSA family for the SLH-DSA-SHA2-NNNs parameter sets.
pub const PSA_SLH_DSA_FAMILY_SHA2_S: psa_slh_dsa_family_t = 0x02 as psa_slh_dsa_family_t;
/// SLH-DSA family for the SLH-DSA-SHA2-NNNf parameter sets.
pub const PSA_SLH_DSA_FAMILY_SHA2_F: psa_slh_dsa_family_t = 0x04 as psa_slh_dsa_family_t;
/// SLH-DSA family for the SLH-DSA-SHAKE-NNNs parameter sets.
pub const PSA_SLH_DSA_FAMILY_SHAKE_S: psa_slh_dsa_family_t = 0x0b as psa_slh_dsa_family_t;
/// SLH-DSA family for the SLH-DSA-SHAKE-NNNf parameter sets.
pub const PSA_SLH_DSA_FAMILY_SHAKE_F: psa_slh_dsa_family_t = 0x0d as psa_slh_dsa_family_t;

/// Leighton-Micali Signatures (LMS) public key.
pub const PSA_KEY_TYPE_LMS_PUBLIC_KEY: psa_key_type_t = 0x4007 as psa_key_type_t;
/// Hierarchical Signature Scheme (HSS) public key.
pub const PSA_KEY_TYPE_HSS_PUBLIC_KEY: psa_key_type_t = 0x4008 as psa_key_type_t;
/// eXtended Merkle Signature Scheme (XMSS) public key.
pub const PSA_KEY_TYPE_XMSS_PUBLIC_KEY: psa_key_type_t = 0x400b as psa_key_type_t;
/// Multi-tree eXtended Merkle Signature Scheme (XMSS^MT) public key.
pub const PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY: psa_key_type_t = 0x400d as psa_key_type_t;

/// ML-DSA without pre-hashing, hedged (fresh randomness in every signature).
pub const PSA_ALG_ML_DSA: psa_algorithm_t = 0x0600_4400 as psa_algorithm_t;
/// ML-DSA without pre-hashing, deterministic variant.
pub const PSA_ALG_DETERMINISTIC_ML_DSA: psa_algorithm_t = 0x0600_4500 as psa_algorithm_t;
pub(crate) const ALG_HASH_ML_DSA_BASE: psa_algorithm_t = 0x0600_4600;
pub(crate) const ALG_DETERMINISTIC_HASH_ML_DSA_BASE: psa_algorithm_t = 0x0600_4700;

/// SLH-DSA without pre-hashing, hedged (randomized).
pub const PSA_ALG_SLH_DSA: psa_algorithm_t = 0x0600_4000 as psa_algorithm_t;
/// SLH-DSA without pre-hashing, deterministic variant.
pub const PSA_ALG_DETERMINISTIC_SLH_DSA: psa_algorithm_t = 0x0600_4100 as psa_algorithm_t;
pub(crate) const ALG_HASH_SLH_DSA_BASE: psa_algorithm_t = 0x0600_4200;
pub(crate) const ALG_DETERMINISTIC_HASH_SLH_DSA_BASE: psa_algorithm_t = 0x0600_4300;

/// Leighton-Micali Signatures (LMS) signature algorithm.
pub const PSA_ALG_LMS: psa_algorithm_t = 0x0600_4800 as psa_algorithm_t;
/// Hierarchical Signature Scheme (HSS) signature algorithm.
pub const PSA_ALG_HSS: psa_algorithm_t = 0x0600_4900 as psa_algorithm_t;
/// eXtended Merkle Signature Scheme (XMSS) signature algorithm.
pub const PSA_ALG_XMSS: psa_algorithm_t = 0x0600_4a00 as psa_algorithm_t;
/// Multi-tree eXtended Merkle Signature Scheme (XMSS^MT) signature algorithm.
pub const PSA_ALG_XMSS_MT: psa_algorithm_t = 0x0600_4b00 as psa_algorithm_t;

/// PureEdDSA with a context (1.4): Ed25519ctx with an Edwards25519 key, Ed448
/// with an Edwards448 key.
pub const PSA_ALG_EDDSA_CTX: psa_algorithm_t = 0x0600_0a00 as psa_algorithm_t;

/// Largest context string of the with-context signature functions (FIPS 204,
/// FIPS 205 and RFC 8032 encode its length in one byte).
pub const PSA_SIGN_CONTEXT_MAX_SIZE: usize = 255;

/// `PSA_KEY_TYPE_IS_ML_DSA(type)`
pub const fn psa_key_type_is_ml_dsa(t: psa_key_type_t) -> bool {
    psa_key_type_public_key_of_key_pair(t) == PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY
}
/// `PSA_KEY_TYPE_SLH_DSA_KEY_PAIR(set)`
pub const fn psa_key_type_slh_dsa_key_pair(set: psa_slh_dsa_family_t) -> psa_key_type_t {
    KEY_TYPE_SLH_DSA_KEY_PAIR_BASE | set as psa_key_type_t
}
/// `PSA_KEY_TYPE_SLH_DSA_PUBLIC_KEY(set)`
pub const fn psa_key_type_slh_dsa_public_key(set: psa_slh_dsa_family_t) -> psa_key_type_t {
    KEY_TYPE_SLH_DSA_PUBLIC_KEY_BASE | set as psa_key_type_t
}
/// `PSA_KEY_TYPE_IS_SLH_DSA(type)`: an SLH-DSA key pair or public key.
pub const fn psa_key_type_is_slh_dsa(t: psa_key_type_t) -> bool {
    psa_key_type_public_key_of_key_pair(t) & !KEY_TYPE_SLH_DSA_FAMILY_MASK
        == KEY_TYPE_SLH_DSA_PUBLIC_KEY_BASE
}
/// `PSA_KEY_TYPE_IS_SLH_DSA_KEY_PAIR(type)`
pub const fn psa_key_type_is_slh_dsa_key_pair(t: psa_key_type_t) -> bool {
    t & !KEY_TYPE_SLH_DSA_FAMILY_MASK == KEY_TYPE_SLH_DSA_KEY_PAIR_BASE
}
/// `PSA_KEY_TYPE_IS_SLH_DSA_PUBLIC_KEY(type)`
pub const fn psa_key_type_is_slh_dsa_public_key(t: psa_key_type_t) -> bool {
    t & !KEY_TYPE_SLH_DSA_FAMILY_MASK == KEY_TYPE_SLH_DSA_PUBLIC_KEY_BASE
}
/// `PSA_KEY_TYPE_SLH_DSA_GET_FAMILY(type)`: the family of an SLH-DSA key, else 0.
pub const fn psa_key_type_slh_dsa_get_family(t: psa_key_type_t) -> psa_slh_dsa_family_t {
    if psa_key_type_is_slh_dsa(t) {
        (t & KEY_TYPE_SLH_DSA_FAMILY_MASK) as psa_slh_dsa_family_t
    } else {
        0
    }
}

/// `PSA_ALG_HASH_ML_DSA(hash_alg)`: hedged HashML-DSA with pre-hash `hash_alg`.
pub const fn psa_alg_hash_ml_dsa(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_HASH_ML_DSA_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_DETERMINISTIC_HASH_ML_DSA(hash_alg)`
pub const fn psa_alg_deterministic_hash_ml_dsa(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_DETERMINISTIC_HASH_ML_DSA_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_IS_ML_DSA(alg)`: pure ML-DSA (hedged or deterministic).
pub const fn psa_alg_is_ml_dsa(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_0100 == PSA_ALG_ML_DSA
}
/// `PSA_ALG_IS_HASH_ML_DSA(alg)`: HashML-DSA (hedged or deterministic).
pub const fn psa_alg_is_hash_ml_dsa(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_01ff == ALG_HASH_ML_DSA_BASE
}
/// `PSA_ALG_IS_DETERMINISTIC_HASH_ML_DSA(alg)`
pub const fn psa_alg_is_deterministic_hash_ml_dsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_DETERMINISTIC_HASH_ML_DSA_BASE
}
/// `PSA_ALG_IS_HEDGED_HASH_ML_DSA(alg)`
pub const fn psa_alg_is_hedged_hash_ml_dsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_HASH_ML_DSA_BASE
}

/// `PSA_ALG_HASH_SLH_DSA(hash_alg)`: hedged HashSLH-DSA with pre-hash `hash_alg`.
pub const fn psa_alg_hash_slh_dsa(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_HASH_SLH_DSA_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_DETERMINISTIC_HASH_SLH_DSA(hash_alg)`
pub const fn psa_alg_deterministic_hash_slh_dsa(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_DETERMINISTIC_HASH_SLH_DSA_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_IS_SLH_DSA(alg)`: pure SLH-DSA (hedged or deterministic).
pub const fn psa_alg_is_slh_dsa(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_0100 == PSA_ALG_SLH_DSA
}
/// `PSA_ALG_IS_HASH_SLH_DSA(alg)`: HashSLH-DSA (hedged or deterministic).
pub const fn psa_alg_is_hash_slh_dsa(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_01ff == ALG_HASH_SLH_DSA_BASE
}
/// `PSA_ALG_IS_DETERMINISTIC_HASH_SLH_DSA(alg)`
pub const fn psa_alg_is_deterministic_hash_slh_dsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_DETERMINISTIC_HASH_SLH_DSA_BASE
}
/// `PSA_ALG_IS_HEDGED_HASH_SLH_DSA(alg)`
pub const fn psa_alg_is_hedged_hash_slh_dsa(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_HASH_SLH_DSA_BASE
}

/// Whether `alg` is any ML-DSA or HashML-DSA algorithm (internal).
pub(crate) const fn is_any_ml_dsa(alg: psa_algorithm_t) -> bool {
    psa_alg_is_ml_dsa(alg) || psa_alg_is_hash_ml_dsa(alg)
}
/// Whether `alg` is any SLH-DSA or HashSLH-DSA algorithm (internal).
pub(crate) const fn is_any_slh_dsa(alg: psa_algorithm_t) -> bool {
    psa_alg_is_slh_dsa(alg) || psa_alg_is_hash_slh_dsa(alg)
}
/// Whether a (Hash)ML-DSA or (Hash)SLH-DSA algorithm is a deterministic variant (internal).
pub(crate) const fn is_deterministic_pqc(alg: psa_algorithm_t) -> bool {
    alg & 0x0000_0100 != 0
}
/// The pre-hash of a HashML-DSA or HashSLH-DSA algorithm (internal), else `PSA_ALG_NONE`.
pub(crate) const fn pqc_prehash(alg: psa_algorithm_t) -> psa_algorithm_t {
    if (psa_alg_is_hash_ml_dsa(alg) || psa_alg_is_hash_slh_dsa(alg)) && alg & ALG_HASH_MASK != 0 {
        ALG_CATEGORY_HASH | (alg & ALG_HASH_MASK)
    } else {
        0
    }
}

/// `PSA_ALG_SIGN_SUPPORTS_CONTEXT(alg)` (implementation-defined in 1.4): the
/// algorithms this library signs with a non-empty context: `PSA_ALG_EDDSA_CTX`,
/// Ed25519ph and Ed448ph, ML-DSA and HashML-DSA, SLH-DSA and HashSLH-DSA.
pub const fn psa_alg_sign_supports_context(alg: psa_algorithm_t) -> bool {
    alg == PSA_ALG_EDDSA_CTX
        || alg == super::PSA_ALG_ED25519PH
        || alg == super::PSA_ALG_ED448PH
        || is_any_ml_dsa(alg)
        || is_any_slh_dsa(alg)
}

/// Public-key size in bytes of an ML-DSA, SLH-DSA, LMS, HSS, XMSS or XMSS^MT
/// key of `bits` bits (key pair or public key); 0 for any other type.
pub const fn pqc_sign_public_key_size(t: psa_key_type_t, bits: usize) -> usize {
    let p = psa_key_type_public_key_of_key_pair(t);
    if p == PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY {
        match bits {
            128 => 1312,
            192 => 1952,
            256 => 2592,
            _ => 0,
        }
    } else if psa_key_type_is_slh_dsa(t) {
        2 * (bits / 8)
    } else if p == PSA_KEY_TYPE_LMS_PUBLIC_KEY {
        24 + bits / 8
    } else if p == PSA_KEY_TYPE_HSS_PUBLIC_KEY {
        28 + bits / 8
    } else if p == PSA_KEY_TYPE_XMSS_PUBLIC_KEY || p == PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY {
        4 + 2 * (bits / 8)
    } else {
        0
    }
}
/// `psa_export_key()` size of such a key: the seed ξ for an ML-DSA pair,
/// SK.seed‖SK.prf‖PK.seed‖PK.root for an SLH-DSA pair, else the public key.
pub const fn pqc_sign_export_size(t: psa_key_type_t, bits: usize) -> usize {
    if t == PSA_KEY_TYPE_ML_DSA_KEY_PAIR {
        if pqc_sign_public_key_size(t, bits) == 0 { 0 } else { 32 }
    } else if psa_key_type_is_slh_dsa_key_pair(t) {
        4 * (bits / 8)
    } else {
        pqc_sign_public_key_size(t, bits)
    }
}
/// Signature size of an ML-DSA or SLH-DSA key of `bits` bits (0 for the
/// verification-only stateful schemes and any other type).
pub const fn pqc_sign_signature_size(t: psa_key_type_t, bits: usize) -> usize {
    if psa_key_type_is_ml_dsa(t) {
        match bits {
            128 => 2420,
            192 => 3309,
            256 => 4627,
            _ => 0,
        }
    } else if psa_key_type_is_slh_dsa(t) {
        let fast = psa_key_type_slh_dsa_get_family(t) & 0x04 != 0;
        match (bits, fast) {
            (128, false) => 7856,
            (128, true) => 17088,
            (192, false) => 16224,
            (192, true) => 35664,
            (256, false) => 29792,
            (256, true) => 49856,
            _ => 0,
        }
    } else {
        0
    }
}
/// Whether `t` is one of the key types of this module (internal).
pub(crate) const fn is_pqc_sign_type(t: psa_key_type_t) -> bool {
    let p = psa_key_type_public_key_of_key_pair(t);
    psa_key_type_is_ml_dsa(t)
        || psa_key_type_is_slh_dsa(t)
        || p == PSA_KEY_TYPE_LMS_PUBLIC_KEY
        || p == PSA_KEY_TYPE_HSS_PUBLIC_KEY
        || p == PSA_KEY_TYPE_XMSS_PUBLIC_KEY
        || p == PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::*;

    #[test]
    fn encodings() {
        assert!(psa_key_type_is_ml_dsa(PSA_KEY_TYPE_ML_DSA_KEY_PAIR));
        assert!(psa_key_type_is_ml_dsa(PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY));
        assert!(!psa_key_type_is_ml_dsa(PSA_KEY_TYPE_RSA_KEY_PAIR));
        let p = psa_key_type_slh_dsa_key_pair(PSA_SLH_DSA_FAMILY_SHAKE_F);
        assert_eq!(p, 0x718d);
        assert_eq!(psa_key_type_slh_dsa_public_key(PSA_SLH_DSA_FAMILY_SHA2_S), 0x4182);
        assert!(psa_key_type_is_slh_dsa(p) && psa_key_type_is_slh_dsa_key_pair(p));
        assert!(!psa_key_type_is_slh_dsa_public_key(p));
        assert_eq!(psa_key_type_slh_dsa_get_family(p), PSA_SLH_DSA_FAMILY_SHAKE_F);
        assert_eq!(psa_key_type_public_key_of_key_pair(p), 0x418d);
        assert!(!psa_key_type_is_slh_dsa(PSA_KEY_TYPE_ML_DSA_KEY_PAIR));
        assert_eq!(psa_alg_hash_ml_dsa(PSA_ALG_SHA_512), 0x0600_460b);
        assert_eq!(psa_alg_deterministic_hash_slh_dsa(PSA_ALG_SHA_256), 0x0600_4309);
        assert!(psa_alg_is_ml_dsa(PSA_ALG_DETERMINISTIC_ML_DSA) && psa_alg_is_ml_dsa(PSA_ALG_ML_DSA));
        assert!(!psa_alg_is_ml_dsa(psa_alg_hash_ml_dsa(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_hash_ml_dsa(psa_alg_deterministic_hash_ml_dsa(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_hedged_hash_ml_dsa(psa_alg_hash_ml_dsa(PSA_ALG_SHA_256)));
        assert!(!psa_alg_is_hedged_hash_slh_dsa(psa_alg_deterministic_hash_slh_dsa(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_slh_dsa(PSA_ALG_DETERMINISTIC_SLH_DSA));
        assert!(psa_alg_is_sign(PSA_ALG_ML_DSA) && psa_alg_is_sign_message(PSA_ALG_SLH_DSA));
        assert!(!psa_alg_is_sign_hash(PSA_ALG_ML_DSA));
        assert!(psa_alg_is_sign_hash(psa_alg_hash_ml_dsa(PSA_ALG_SHA_256)));
        assert_eq!(psa_alg_sign_get_hash(psa_alg_hash_slh_dsa(PSA_ALG_SHA3_256)), PSA_ALG_SHA3_256);
        assert!(psa_alg_sign_supports_context(PSA_ALG_EDDSA_CTX));
        assert!(!psa_alg_sign_supports_context(PSA_ALG_PURE_EDDSA));
        assert!(!psa_alg_sign_supports_context(PSA_ALG_LMS));
        let shake_f = psa_key_type_slh_dsa_key_pair(PSA_SLH_DSA_FAMILY_SHAKE_F);
        assert_eq!(pqc_sign_signature_size(shake_f, 256), 49856);
        let sha2_s = psa_key_type_slh_dsa_public_key(PSA_SLH_DSA_FAMILY_SHA2_S);
        assert_eq!(pqc_sign_signature_size(sha2_s, 128), 7856);
        assert_eq!(pqc_sign_export_size(shake_f, 128), 64);
        assert_eq!(pqc_sign_export_size(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 192), 32);
        assert_eq!(pqc_sign_public_key_size(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, 256), 2592);
        assert_eq!(PSA_SIGNATURE_MAX_SIZE, pqc_sign_signature_size(shake_f, 256));
        assert_eq!(PSA_EXPORT_PUBLIC_KEY_MAX_SIZE, 2592);
    }
}
