//! WPA3-SAE (PSA Crypto API 1.4, "The WPA3-SAE protocol"): the password-token
//! key types, the hash-to-element KDF, the PAKE algorithms and their step
//! types, the wildcard policy and the RFC 3526 groups. Implemented for the
//! elliptic-curve groups P-256, P-384 and P-521 and the MODP groups of 3072
//! to 8192 bits, with a password token (hash-to-element).
use super::*;

/// WPA3-SAE commit step: `commit-scalar || COMMIT-ELEMENT` (IEEE 802.11
/// §12.4.7.4), output and input.
pub const PSA_PAKE_STEP_COMMIT: psa_pake_step_t = 0x06 as psa_pake_step_t;
/// WPA3-SAE salt step (input): the rejected-groups list, the salt of the key
/// derivation in the hash-to-element variant.
pub const PSA_PAKE_STEP_SALT: psa_pake_step_t = 0x05 as psa_pake_step_t;
/// WPA3-SAE confirm-count step (input): the 2-byte little-endian
/// Send-Confirm counter of the next `PSA_PAKE_STEP_CONFIRM` output.
pub const PSA_PAKE_STEP_CONFIRM_COUNT: psa_pake_step_t = 0x07 as psa_pake_step_t;
/// WPA3-SAE key-identifier step (output): the 16-byte PMKID.
pub const PSA_PAKE_STEP_KEY_ID: psa_pake_step_t = 0x08 as psa_pake_step_t;

/// The largest `PSA_PAKE_STEP_SALT` input this implementation takes (32
/// rejected groups of 2 bytes).
pub const RUSTPSA_WPA3_SAE_SALT_MAX_SIZE: usize = 64;

/// The WPA3-SAE part of `PSA_PAKE_OUTPUT_SIZE` / `PSA_PAKE_INPUT_SIZE` for a
/// group whose scalars are `s` bytes and elements `e` bytes (`n` and `2n` on
/// a curve of `n`-byte field, both `len(p)` in a MODP group): a scalar and an
/// element for a commit, the Send-Confirm counter and a MAC for a confirm.
pub const fn wpa3_sae_step_size(alg: psa_algorithm_t, s: usize, e: usize, step: psa_pake_step_t) -> usize {
    match step {
        PSA_PAKE_STEP_COMMIT => s + e,
        PSA_PAKE_STEP_CONFIRM => 2 + psa_hash_length(psa_alg_get_hash(alg)),
        PSA_PAKE_STEP_CONFIRM_COUNT => 2,
        PSA_PAKE_STEP_KEY_ID => 16,
        PSA_PAKE_STEP_SALT => RUSTPSA_WPA3_SAE_SALT_MAX_SIZE,
        _ => 0,
    }
}

/// Finite-field Diffie-Hellman groups defined for IKEv2 in RFC 3526 (2048 to
/// 8192 bits; for FFDH and the WPA3-SAE PAKE algorithms). WPA3-SAE runs on
/// its 3072- to 8192-bit groups (IEEE 802.11 groups 15 to 18).
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
        let p = |bits| psa_pake_primitive(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, bits);
        let fixed = psa_alg_wpa3_sae_fixed(PSA_ALG_SHA_256);
        assert_eq!(psa_pake_step_size(fixed, p(256), PSA_PAKE_STEP_COMMIT), 96);
        assert_eq!(psa_pake_step_size(fixed, p(256), PSA_PAKE_STEP_CONFIRM), 34);
        assert_eq!(psa_pake_step_size(fixed, p(521), PSA_PAKE_STEP_COMMIT), 198);
        assert_eq!(psa_pake_step_size(psa_alg_wpa3_sae_gdh(PSA_ALG_SHA_512), p(521), PSA_PAKE_STEP_CONFIRM), 66);
        assert_eq!(psa_pake_step_size(fixed, p(384), PSA_PAKE_STEP_KEY_ID), 16);
        assert_eq!(psa_pake_step_size(fixed, p(384), PSA_PAKE_STEP_CONFIRM_COUNT), 2);
        assert_eq!(psa_pake_step_size(fixed, p(384), PSA_PAKE_STEP_KEY_SHARE), 0);
        assert_eq!(psa_export_key_output_size(psa_key_type_wpa3_sae_ecc(PSA_ECC_FAMILY_SECP_R1), 521), 132);
        assert_eq!(psa_export_key_output_size(psa_key_type_wpa3_sae_dh(PSA_DH_FAMILY_RFC3526), 2048), 256);
        let d = |bits| psa_pake_primitive(PSA_PAKE_PRIMITIVE_TYPE_DH, PSA_DH_FAMILY_RFC3526, bits);
        assert_eq!(psa_pake_step_size(fixed, d(3072), PSA_PAKE_STEP_COMMIT), 768);
        assert_eq!(psa_pake_step_size(fixed, d(8192), PSA_PAKE_STEP_COMMIT), 2048);
        assert_eq!(psa_pake_step_size(psa_alg_wpa3_sae_gdh(PSA_ALG_SHA_384), d(3072), PSA_PAKE_STEP_CONFIRM), 50);
        assert_eq!(psa_pake_step_size(psa_alg_jpake(PSA_ALG_SHA_256), d(3072), PSA_PAKE_STEP_KEY_SHARE), 0);
    }
}
