//! Password-authenticated key exchange (PAKE, PSA Crypto API 1.3 §10.12): the
//! scalar typedefs, the algorithm and key-type encodings, roles, steps and the
//! cipher-suite object, and the message sizes of each step.
use super::*;

/// Encoding of the primitive (group) of a PAKE: type, family and bit size.
pub type psa_pake_primitive_t = u32;
/// Encoding of the type of a PAKE primitive (ECC or DH).
pub type psa_pake_primitive_type_t = u8;
/// Encoding of the family of a PAKE primitive (an ECC or DH family).
pub type psa_pake_family_t = u8;
/// Encoding of the application's role in a PAKE.
pub type psa_pake_role_t = u8;
/// Encoding of a step of a PAKE (the kind of data exchanged).
pub type psa_pake_step_t = u8;

/// PAKE algorithm category.
pub(crate) const ALG_CATEGORY_PAKE: psa_algorithm_t = 0x0a00_0000;
/// `PSA_ALG_JPAKE(hash)` base.
pub(crate) const ALG_JPAKE_BASE: psa_algorithm_t = 0x0a00_0100;
/// `PSA_ALG_SPAKE2P_HMAC(hash)` base.
pub(crate) const ALG_SPAKE2P_HMAC_BASE: psa_algorithm_t = 0x0a00_0400;
/// `PSA_ALG_SPAKE2P_CMAC(hash)` base.
pub(crate) const ALG_SPAKE2P_CMAC_BASE: psa_algorithm_t = 0x0a00_0500;

/// SPAKE2+ for Matter (SHA-256, HMAC-SHA-256, HKDF-SHA-256).
pub const PSA_ALG_SPAKE2P_MATTER: psa_algorithm_t = 0x0a00_0609 as psa_algorithm_t;

/// The primitive type of elliptic-curve PAKEs.
pub const PSA_PAKE_PRIMITIVE_TYPE_ECC: psa_pake_primitive_type_t = 0x01 as psa_pake_primitive_type_t;
/// The primitive type of finite-field Diffie-Hellman PAKEs.
pub const PSA_PAKE_PRIMITIVE_TYPE_DH: psa_pake_primitive_type_t = 0x02 as psa_pake_primitive_type_t;

/// No role (for PAKEs whose roles are implied by the protocol).
pub const PSA_PAKE_ROLE_NONE: psa_pake_role_t = 0x00 as psa_pake_role_t;
/// The first peer of a symmetric PAKE.
pub const PSA_PAKE_ROLE_FIRST: psa_pake_role_t = 0x01 as psa_pake_role_t;
/// The second peer of a symmetric PAKE.
pub const PSA_PAKE_ROLE_SECOND: psa_pake_role_t = 0x02 as psa_pake_role_t;
/// The client (prover) of an augmented PAKE.
pub const PSA_PAKE_ROLE_CLIENT: psa_pake_role_t = 0x11 as psa_pake_role_t;
/// The server (verifier) of an augmented PAKE.
pub const PSA_PAKE_ROLE_SERVER: psa_pake_role_t = 0x12 as psa_pake_role_t;

/// A key share sent to or received from the peer.
pub const PSA_PAKE_STEP_KEY_SHARE: psa_pake_step_t = 0x01 as psa_pake_step_t;
/// A zero-knowledge proof's public key.
pub const PSA_PAKE_STEP_ZK_PUBLIC: psa_pake_step_t = 0x02 as psa_pake_step_t;
/// A zero-knowledge proof.
pub const PSA_PAKE_STEP_ZK_PROOF: psa_pake_step_t = 0x03 as psa_pake_step_t;
/// A key confirmation value.
pub const PSA_PAKE_STEP_CONFIRM: psa_pake_step_t = 0x04 as psa_pake_step_t;

/// Key confirmation setting: the shared key is returned after confirmation.
pub const PSA_PAKE_CONFIRMED_KEY: u32 = 0;
/// Key confirmation setting: the shared key is returned before confirmation.
pub const PSA_PAKE_UNCONFIRMED_KEY: u32 = 1;

/// `PSA_ALG_IS_PAKE(alg)`.
pub const fn psa_alg_is_pake(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_PAKE
}
/// `PSA_ALG_JPAKE(hash_alg)`.
pub const fn psa_alg_jpake(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_JPAKE_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_IS_JPAKE(alg)`.
pub const fn psa_alg_is_jpake(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_JPAKE_BASE
}
/// `PSA_ALG_SPAKE2P_HMAC(hash_alg)`.
pub const fn psa_alg_spake2p_hmac(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_SPAKE2P_HMAC_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_SPAKE2P_CMAC(hash_alg)`.
pub const fn psa_alg_spake2p_cmac(hash_alg: psa_algorithm_t) -> psa_algorithm_t {
    ALG_SPAKE2P_CMAC_BASE | (hash_alg & ALG_HASH_MASK)
}
/// `PSA_ALG_IS_SPAKE2P(alg)`: HMAC, CMAC or Matter SPAKE2+.
pub const fn psa_alg_is_spake2p(alg: psa_algorithm_t) -> bool {
    alg & !0x0000_03ff == ALG_SPAKE2P_HMAC_BASE
}
/// `PSA_ALG_IS_SPAKE2P_HMAC(alg)`.
pub const fn psa_alg_is_spake2p_hmac(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_SPAKE2P_HMAC_BASE
}
/// `PSA_ALG_IS_SPAKE2P_CMAC(alg)`.
pub const fn psa_alg_is_spake2p_cmac(alg: psa_algorithm_t) -> bool {
    alg & !ALG_HASH_MASK == ALG_SPAKE2P_CMAC_BASE
}

/// `PSA_PAKE_PRIMITIVE(type, family, bits)`: 0 when `bits` does not fit 16 bits.
pub const fn psa_pake_primitive(
    pake_type: psa_pake_primitive_type_t,
    family: psa_pake_family_t,
    bits: usize,
) -> psa_pake_primitive_t {
    if bits > 0xffff {
        0
    } else {
        (pake_type as u32) << 24 | (family as u32) << 16 | bits as u32
    }
}
/// `PSA_PAKE_PRIMITIVE_GET_TYPE(primitive)`.
pub const fn psa_pake_primitive_get_type(p: psa_pake_primitive_t) -> psa_pake_primitive_type_t {
    (p >> 24) as u8
}
/// `PSA_PAKE_PRIMITIVE_GET_FAMILY(primitive)`.
pub const fn psa_pake_primitive_get_family(p: psa_pake_primitive_t) -> psa_pake_family_t {
    (p >> 16) as u8
}
/// `PSA_PAKE_PRIMITIVE_GET_BITS(primitive)`.
pub const fn psa_pake_primitive_get_bits(p: psa_pake_primitive_t) -> usize {
    (p & 0xffff) as usize
}

/// The size of one message of a PAKE step, as `PSA_PAKE_OUTPUT_SIZE` and
/// `PSA_PAKE_INPUT_SIZE` (`RUSTPSA_PAKE_STEP_SIZE` in C): 0 when the step
/// does not apply to the algorithm and primitive.
pub const fn psa_pake_step_size(alg: psa_algorithm_t, primitive: psa_pake_primitive_t, step: psa_pake_step_t) -> usize {
    let n = psa_pake_primitive_get_bits(primitive).div_ceil(8);
    if n == 0 {
        return 0;
    }
    if psa_pake_primitive_get_type(primitive) == PSA_PAKE_PRIMITIVE_TYPE_DH {
        // WPA3-SAE in a MODP group: scalars and elements as long as p.
        return if psa_alg_is_wpa3_sae_fixed(alg) || psa_alg_is_wpa3_sae_gdh(alg) {
            wpa3_sae_step_size(alg, n, n, step)
        } else {
            0
        };
    }
    if psa_pake_primitive_get_type(primitive) != PSA_PAKE_PRIMITIVE_TYPE_ECC {
        return 0;
    }
    if psa_alg_is_jpake(alg) {
        match step {
            PSA_PAKE_STEP_KEY_SHARE | PSA_PAKE_STEP_ZK_PUBLIC => 2 * n + 1,
            PSA_PAKE_STEP_ZK_PROOF => n,
            _ => 0,
        }
    } else if psa_alg_is_spake2p(alg) {
        match step {
            PSA_PAKE_STEP_KEY_SHARE => 2 * n + 1,
            PSA_PAKE_STEP_CONFIRM if psa_alg_is_spake2p_cmac(alg) => 16,
            PSA_PAKE_STEP_CONFIRM => psa_hash_length(psa_alg_get_hash(alg)),
            _ => 0,
        }
    } else if psa_alg_is_wpa3_sae_fixed(alg) || psa_alg_is_wpa3_sae_gdh(alg) {
        wpa3_sae_step_size(alg, n, 2 * n, step)
    } else {
        0
    }
}

/// `PSA_KEY_TYPE_SPAKE2P_KEY_PAIR(curve)`.
pub const fn psa_key_type_spake2p_key_pair(curve: psa_ecc_family_t) -> psa_key_type_t {
    0x7400 | (curve as psa_key_type_t & 0x007f)
}
/// `PSA_KEY_TYPE_SPAKE2P_PUBLIC_KEY(curve)`.
pub const fn psa_key_type_spake2p_public_key(curve: psa_ecc_family_t) -> psa_key_type_t {
    0x4400 | (curve as psa_key_type_t & 0x007f)
}
/// `PSA_KEY_TYPE_IS_SPAKE2P(type)`: a SPAKE2+ key pair or public key.
pub const fn psa_key_type_is_spake2p(t: psa_key_type_t) -> bool {
    t & 0xcf80 == 0x4400
}
/// `PSA_KEY_TYPE_IS_SPAKE2P_KEY_PAIR(type)`.
pub const fn psa_key_type_is_spake2p_key_pair(t: psa_key_type_t) -> bool {
    t & 0xff80 == 0x7400
}
/// `PSA_KEY_TYPE_IS_SPAKE2P_PUBLIC_KEY(type)`.
pub const fn psa_key_type_is_spake2p_public_key(t: psa_key_type_t) -> bool {
    t & 0xff80 == 0x4400
}
/// `PSA_KEY_TYPE_SPAKE2P_GET_FAMILY(type)`: the curve family, 0 for other types.
pub const fn psa_key_type_spake2p_get_family(t: psa_key_type_t) -> psa_ecc_family_t {
    if psa_key_type_is_spake2p(t) {
        (t & 0x007f) as u8
    } else {
        0
    }
}

/// The PAKE cipher suite: algorithm, primitive and key-confirmation setting.
///
/// Initialise it with `PSA_PAKE_CIPHER_SUITE_INIT` or
/// `psa_pake_cipher_suite_init()` (all zero) and use the `psa_pake_cs_*`
/// accessors.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct psa_pake_cipher_suite_s {
    /// The PAKE algorithm (`psa_pake_cs_get_algorithm`).
    pub private_algorithm: psa_algorithm_t,
    /// The primitive (`psa_pake_cs_get_primitive`).
    pub private_primitive: psa_pake_primitive_t,
    /// `PSA_PAKE_CONFIRMED_KEY` (0) or `PSA_PAKE_UNCONFIRMED_KEY`.
    pub private_key_confirmation: u32,
    /// The hash of Mbed TLS 3.x's `psa_pake_cs_set_hash` (compatibility layer).
    pub private_hash: psa_algorithm_t,
}
/// The PAKE cipher suite.
pub type psa_pake_cipher_suite_t = psa_pake_cipher_suite_s;

/// The type of the state object for PAKE operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_pake_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for PAKE operations.
pub type psa_pake_operation_t = psa_pake_operation_s;

#[cfg(test)]
mod tests {
    use super::*;

    /// The same numbers as ctests/test_values.c checks for the C macros.
    #[test]
    fn encodings_match_the_specification() {
        assert_eq!(psa_alg_jpake(PSA_ALG_SHA_256), 0x0a00_0109);
        assert_eq!(psa_alg_spake2p_hmac(PSA_ALG_SHA_256), 0x0a00_0409);
        assert_eq!(psa_alg_spake2p_cmac(PSA_ALG_SHA_256), 0x0a00_0509);
        assert!(psa_alg_is_pake(PSA_ALG_SPAKE2P_MATTER) && !psa_alg_is_pake(PSA_ALG_ECDH));
        assert!(psa_alg_is_jpake(psa_alg_jpake(PSA_ALG_SHA_512)));
        assert!(psa_alg_is_spake2p(PSA_ALG_SPAKE2P_MATTER) && !psa_alg_is_spake2p_hmac(PSA_ALG_SPAKE2P_MATTER));
        assert!(psa_alg_is_spake2p_cmac(psa_alg_spake2p_cmac(PSA_ALG_SHA_256)));
        let p = psa_pake_primitive(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256);
        assert_eq!(p, 0x0112_0100);
        assert_eq!(psa_pake_primitive(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 0x1_0000), 0);
        assert_eq!(psa_pake_primitive_get_type(p), PSA_PAKE_PRIMITIVE_TYPE_ECC);
        assert_eq!(psa_pake_primitive_get_family(p), PSA_ECC_FAMILY_SECP_R1);
        assert_eq!(psa_pake_primitive_get_bits(p), 256);
        let kp = psa_key_type_spake2p_key_pair(PSA_ECC_FAMILY_SECP_R1);
        assert_eq!((kp, psa_key_type_spake2p_public_key(PSA_ECC_FAMILY_SECP_R1)), (0x7412, 0x4412));
        assert!(psa_key_type_is_spake2p_key_pair(kp) && !psa_key_type_is_spake2p_public_key(kp));
        assert_eq!(psa_key_type_spake2p_get_family(kp), PSA_ECC_FAMILY_SECP_R1);
        assert_eq!(psa_key_type_spake2p_get_family(0x7112), 0);
        assert_eq!(psa_pake_step_size(psa_alg_jpake(PSA_ALG_SHA_256), p, PSA_PAKE_STEP_ZK_PROOF), 32);
        assert_eq!(psa_pake_step_size(psa_alg_jpake(PSA_ALG_SHA_256), p, PSA_PAKE_STEP_CONFIRM), 0);
        assert_eq!(psa_pake_step_size(PSA_ALG_SPAKE2P_MATTER, p, PSA_PAKE_STEP_CONFIRM), 32);
        assert_eq!(psa_pake_step_size(psa_alg_spake2p_cmac(PSA_ALG_SHA_256), p, PSA_PAKE_STEP_CONFIRM), 16);
        assert_eq!(psa_pake_step_size(PSA_ALG_SPAKE2P_MATTER, p, PSA_PAKE_STEP_KEY_SHARE), 65);
    }
}
