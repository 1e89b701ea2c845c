//! WPA3-SAE (PSA Crypto API 1.4, "The WPA3-SAE protocol"): the password-token
//! key types, the hash-to-element KDF, the PAKE algorithms, the wildcard
//! policy and the RFC 3526 groups. Declared only: no operation supports them
//! yet (key creation, `psa_key_derivation_setup` and `psa_pake_setup` with
//! them give `PSA_ERROR_NOT_SUPPORTED`).
use super::*;

/// Finite-field Diffie-Hellman groups defined for IKEv2 in RFC 3526 (2048 to
/// 8192 bits; for FFDH and the WPA3-SAE PAKE algorithms). Not supported yet.
pub const PSA_DH_FAMILY_RFC3526: psa_dh_family_t = 0x05 as psa_dh_family_t;

const WPA3_SAE_ECC_BASE: psa_key_type_t = 0x3280;
const WPA3_SAE_DH_BASE: psa_key_type_t = 0x3300;
const FAMILY_MASK: psa_key_type_t = 0x007f;
const TYPE_MASK: psa_key_type_t = 0xff80;

/// `PSA_KEY_TYPE_WPA3_SAE_ECC(curve)`: a WPA3-SAE password token (an
/// element of the curve's group) for an elliptic-curve family.
pub const fn psa_key_type_wpa3_sae_ecc(curve: psa_ecc_family_t) -> psa_key_type_t {
    WPA3_SAE_ECC_BASE | (curve as psa_key_type_t & FAMILY_MASK)
}
/// `PSA_KEY_TYPE_WPA3_SAE_DH(group)`: a WPA3-SAE password token for a
/// finite-field group family.
pub const fn psa_key_type_wpa3_sae_dh(group: psa_dh_family_t) -> psa_key_type_t {
    WPA3_SAE_DH_BASE | (group as psa_key_type_t & FAMILY_MASK)
}
/// `PSA_KEY_TYPE_IS_WPA3_SAE_ECC(type)`.
pub const fn psa_key_type_is_wpa3_sae_ecc(t: psa_key_type_t) -> bool {
    t & TYPE_MASK == WPA3_SAE_ECC_BASE
}
/// `PSA_KEY_TYPE_IS_WPA3_SAE_DH(type)`.
pub const fn psa_key_type_is_wpa3_sae_dh(t: psa_key_type_t) -> bool {
    t & TYPE_MASK == WPA3_SAE_DH_BASE
}
/// `PSA_KEY_TYPE_WPA3_SAE_ECC_GET_FAMILY(type)`.
pub const fn psa_key_type_wpa3_sae_ecc_get_family(t: psa_key_type_t) -> psa_ecc_family_t {
    (t & FAMILY_MASK) as psa_ecc_family_t
}
/// `PSA_KEY_TYPE_WPA3_SAE_DH_GET_FAMILY(type)`.
pub const fn psa_key_type_wpa3_sae_dh_get_family(t: psa_key_type_t) -> psa_dh_family_t {
    (t & FAMILY_MASK) as psa_dh_family_t
}

const WPA3_SAE_H2E_BASE: psa_algorithm_t = 0x0880_0400;
const WPA3_SAE_FIXED_BASE: psa_algorithm_t = 0x0a00_0800;
const WPA3_SAE_GDH_BASE: psa_algorithm_t = 0x0a00_0900;
const HASH_MASK: psa_algorithm_t = 0x0000_00ff;

/// The wildcard policy permitting a password or password-token key in every
/// WPA3-SAE cipher suite (with `PSA_ALG_WPA3_SAE_H2E`, `_FIXED` and `_GDH`).
pub const PSA_ALG_WPA3_SAE_ANY: psa_algorithm_t = 0x0a00_88ff as psa_algorithm_t;

/// `PSA_ALG_WPA3_SAE_H2E(hash_alg)`: the hash-to-element key derivation that
/// turns a password (and SSID, identifiers) into a password token.
pub const fn psa_alg_wpa3_sae_h2e(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    WPA3_SAE_H2E_BASE | (hash_alg & HASH_MASK)
}
/// `PSA_ALG_IS_WPA3_SAE_H2E(alg)`.
pub const fn psa_alg_is_wpa3_sae_h2e(alg: psa_algorithm_t) -> bool {
    alg & !HASH_MASK == WPA3_SAE_H2E_BASE
}
/// `PSA_ALG_WPA3_SAE_FIXED(hash_alg)`: WPA3-SAE with a fixed hash (AKM
/// suites 8 and 9).
pub const fn psa_alg_wpa3_sae_fixed(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    WPA3_SAE_FIXED_BASE | (hash_alg & HASH_MASK)
}
/// `PSA_ALG_WPA3_SAE_GDH(hash_alg)`: WPA3-SAE with the group-dependent hash
/// (AKM suites 24 and 25).
pub const fn psa_alg_wpa3_sae_gdh(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    WPA3_SAE_GDH_BASE | (hash_alg & HASH_MASK)
}
/// `PSA_ALG_IS_WPA3_SAE_FIXED(alg)`.
pub const fn psa_alg_is_wpa3_sae_fixed(alg: psa_algorithm_t) -> bool {
    alg & !HASH_MASK == WPA3_SAE_FIXED_BASE
}
/// `PSA_ALG_IS_WPA3_SAE_GDH(alg)`.
pub const fn psa_alg_is_wpa3_sae_gdh(alg: psa_algorithm_t) -> bool {
    alg & !HASH_MASK == WPA3_SAE_GDH_BASE
}
/// `PSA_ALG_IS_WPA3_SAE(alg)`: either WPA3-SAE PAKE algorithm (the wildcard
/// too).
pub const fn psa_alg_is_wpa3_sae(alg: psa_algorithm_t) -> bool {
    psa_alg_is_wpa3_sae_fixed(alg) || psa_alg_is_wpa3_sae_gdh(alg) || alg == PSA_ALG_WPA3_SAE_ANY
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wpa3_sae_encodings() {
        let t = psa_key_type_wpa3_sae_ecc(PSA_ECC_FAMILY_SECP_R1);
        assert_eq!(t, 0x3292);
        assert!(psa_key_type_is_wpa3_sae_ecc(t) && !psa_key_type_is_wpa3_sae_dh(t));
        assert_eq!(psa_key_type_wpa3_sae_ecc_get_family(t), PSA_ECC_FAMILY_SECP_R1);
        let d = psa_key_type_wpa3_sae_dh(PSA_DH_FAMILY_RFC3526);
        assert_eq!(d, 0x3305);
        assert!(psa_key_type_is_wpa3_sae_dh(d) && !psa_key_type_is_asymmetric(d));
        assert_eq!(psa_key_type_wpa3_sae_dh_get_family(d), PSA_DH_FAMILY_RFC3526);
        assert_eq!(psa_alg_wpa3_sae_h2e(PSA_ALG_SHA_256), 0x0880_0409);
        assert!(psa_alg_is_key_derivation(psa_alg_wpa3_sae_h2e(PSA_ALG_SHA_256)));
        assert!(psa_alg_is_key_derivation_stretching(psa_alg_wpa3_sae_h2e(PSA_ALG_SHA_256)));
        assert_eq!(psa_alg_wpa3_sae_fixed(PSA_ALG_SHA_256), 0x0a00_0809);
        assert_eq!(psa_alg_wpa3_sae_gdh(PSA_ALG_SHA_384), 0x0a00_090a);
        assert!(psa_alg_is_pake(PSA_ALG_WPA3_SAE_ANY) && psa_alg_is_wildcard(PSA_ALG_WPA3_SAE_ANY));
        assert!(psa_alg_is_wpa3_sae(psa_alg_wpa3_sae_gdh(PSA_ALG_SHA_512)));
        assert!(!psa_alg_is_wpa3_sae(psa_alg_jpake(PSA_ALG_SHA_256)));
    }
}
