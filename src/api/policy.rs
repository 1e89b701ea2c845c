//! Key usage policy: usage flags, permitted algorithms (with the wildcard
//! policies of the specification) and policy intersection for `psa_copy_key`.
use crate::types::*;

const LENGTH_MASK: psa_algorithm_t = 0x003f_0000;
const LENGTH_SHIFT: u32 = 16;
const AT_LEAST_FLAG: psa_algorithm_t = 0x0000_8000;
const HASH_MASK: psa_algorithm_t = 0x0000_00ff;

/// Every usage flag the specification defines (1.4 adds `DERIVE_PUBLIC`).
const DEFINED_USAGE: psa_key_usage_t = PSA_KEY_USAGE_EXPORT
    | PSA_KEY_USAGE_COPY
    | PSA_KEY_USAGE_CACHE
    | PSA_KEY_USAGE_DERIVE_PUBLIC
    | PSA_KEY_USAGE_ENCRYPT
    | PSA_KEY_USAGE_DECRYPT
    | PSA_KEY_USAGE_SIGN_MESSAGE
    | PSA_KEY_USAGE_VERIFY_MESSAGE
    | PSA_KEY_USAGE_SIGN_HASH
    | PSA_KEY_USAGE_VERIFY_HASH
    | PSA_KEY_USAGE_DERIVE
    | PSA_KEY_USAGE_VERIFY_DERIVATION
    | PSA_KEY_USAGE_WRAP
    | PSA_KEY_USAGE_UNWRAP;

/// `InvalidArgument` when `usage` has a bit the specification does not define
/// (checked at key creation, as Mbed TLS does).
pub fn require_defined_usage(usage: psa_key_usage_t) -> Result<()> {
    if usage & !DEFINED_USAGE == 0 {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// `NotPermitted` unless `attrs` allow every flag of `usage`.
pub fn require_usage(attrs: &psa_key_attributes_t, usage: psa_key_usage_t) -> Result<()> {
    if attrs.private_usage & usage == usage {
        Ok(())
    } else {
        Err(Error::NotPermitted)
    }
}

/// Whether the key's policy permits `alg`: its algorithm or its second
/// algorithm (Mbed TLS's enrollment algorithm, `psa_set_key_enrollment_algorithm`).
pub fn key_permits(attrs: &psa_key_attributes_t, alg: psa_algorithm_t) -> bool {
    let (t, bits) = (attrs.private_type, attrs.private_bits as usize);
    permits(attrs.private_alg, alg, t, bits) || permits(attrs.private_alg2, alg, t, bits)
}

/// The length field of a MAC or AEAD algorithm (0 = default length).
fn length_field(alg: psa_algorithm_t) -> usize {
    ((alg & LENGTH_MASK) >> LENGTH_SHIFT) as usize
}

/// A MAC or AEAD algorithm without its length field and wildcard flag.
fn base_of(alg: psa_algorithm_t) -> psa_algorithm_t {
    alg & !(LENGTH_MASK | AT_LEAST_FLAG)
}

fn is_at_least(alg: psa_algorithm_t) -> bool {
    alg & AT_LEAST_FLAG != 0
}

/// The MAC length `alg` produces with a key of type `t` and `bits` bits, or
/// `None` when unknown.
pub fn mac_length(t: psa_key_type_t, bits: usize, alg: psa_algorithm_t) -> Option<usize> {
    let base = base_of(alg);
    let full = if psa_alg_is_hmac(base) {
        psa_hash_length(psa_alg_hmac_get_hash(base))
    } else if psa_alg_is_mac(base) && psa_block_cipher_block_length(t) > 1 {
        psa_block_cipher_block_length(t)
    } else {
        0
    };
    let _ = bits;
    match (full, length_field(alg)) {
        (0, _) => None,
        (f, 0) => Some(f),
        (_, l) => Some(l),
    }
}

/// The tag length of an AEAD algorithm (default 16 for every AEAD in 1.2).
fn aead_tag_length(alg: psa_algorithm_t) -> usize {
    match length_field(alg) {
        0 => 16,
        l => l,
    }
}

/// Whether a key whose policy algorithm is `policy` may be used with `alg`
/// (a specific, non-wildcard algorithm). `t`/`bits` describe the key, for the
/// MAC length rules.
pub fn permits(policy: psa_algorithm_t, alg: psa_algorithm_t, t: psa_key_type_t, bits: usize) -> bool {
    if policy == PSA_ALG_NONE || alg == PSA_ALG_NONE {
        return false;
    }
    if policy == alg {
        return true;
    }
    // The WPA3-SAE wildcard: the hash-to-element KDF and both PAKE variants.
    if policy == PSA_ALG_WPA3_SAE_ANY {
        return psa_alg_is_wpa3_sae_h2e(alg) || psa_alg_is_wpa3_sae_fixed(alg) || psa_alg_is_wpa3_sae_gdh(alg);
    }
    // CCM*-any-tag: CCM with every tag length and CCM* without a tag.
    if policy == PSA_ALG_CCM_STAR_ANY_TAG {
        return alg == PSA_ALG_CCM_STAR_NO_TAG
            || (psa_alg_is_aead(alg) && base_of(alg) == base_of(PSA_ALG_CCM) && !is_at_least(alg));
    }
    if psa_alg_is_mac(policy) && psa_alg_is_mac(alg) && base_of(policy) == base_of(alg) && !is_at_least(alg) {
        // A length rule only applies to a key that can do the MAC (as Mbed TLS).
        let can_do = if psa_alg_is_hmac(base_of(alg)) {
            t == PSA_KEY_TYPE_HMAC
        } else {
            psa_block_cipher_block_length(t) > 1
        };
        if !can_do {
            return false;
        }
        let (Some(want), Some(have)) = (mac_length(t, bits, policy), mac_length(t, bits, alg)) else {
            return false;
        };
        return if is_at_least(policy) { have >= want } else { have == want };
    }
    if psa_alg_is_aead(policy) && psa_alg_is_aead(alg) && base_of(policy) == base_of(alg) && !is_at_least(alg) {
        let (want, have) = (aead_tag_length(policy), aead_tag_length(alg));
        return if is_at_least(policy) { have >= want } else { have == want };
    }
    if psa_alg_is_hash_and_sign(policy)
        && psa_alg_is_hash_and_sign(alg)
        && policy & HASH_MASK == PSA_ALG_ANY_HASH & HASH_MASK
        && policy & !HASH_MASK == alg & !HASH_MASK
    {
        return alg & HASH_MASK != PSA_ALG_ANY_HASH & HASH_MASK;
    }
    false
}

/// The verification twin of an ECDSA algorithm: randomized and deterministic
/// ECDSA with the same hash are equivalent for verification (PSA Crypto API
/// 1.4 relaxation), so a key permitting one verifies with the other. `None`
/// for every other algorithm (and for `PSA_ALG_ECDSA_ANY` and the wildcards).
pub fn ecdsa_verify_twin(alg: psa_algorithm_t) -> Option<psa_algorithm_t> {
    const DETERMINISTIC_FLAG: psa_algorithm_t = 0x0000_0100;
    let hash = alg & HASH_MASK;
    (psa_alg_is_ecdsa(alg) && hash != 0 && hash != PSA_ALG_ANY_HASH & HASH_MASK).then_some(alg ^ DETERMINISTIC_FLAG)
}

/// Whether the key's policy permits verifying with `alg`: as [`key_permits`],
/// with randomized and deterministic ECDSA equivalent ([`ecdsa_verify_twin`]).
pub fn key_permits_verify(attrs: &psa_key_attributes_t, alg: psa_algorithm_t) -> bool {
    key_permits(attrs, alg) || ecdsa_verify_twin(alg).is_some_and(|twin| key_permits(attrs, twin))
}

/// `InvalidArgument` for wildcard algorithms, which name policies, not operations.
pub fn require_specific(alg: psa_algorithm_t) -> Result<()> {
    if psa_alg_is_wildcard(alg) {
        Err(Error::InvalidArgument)
    } else {
        Ok(())
    }
}

/// The intersection of two permitted-algorithm policies, for `psa_copy_key`.
/// `Ok(PSA_ALG_NONE)` when either side permits nothing; `InvalidArgument` when
/// two non-empty policies have nothing in common.
pub fn intersect(a: psa_algorithm_t, b: psa_algorithm_t, t: psa_key_type_t, bits: usize) -> Result<psa_algorithm_t> {
    if a == b {
        return Ok(a);
    }
    if a == PSA_ALG_NONE || b == PSA_ALG_NONE {
        return Ok(PSA_ALG_NONE);
    }
    // A wildcard and a specific member of it: the specific one.
    if permits(a, b, t, bits) && !psa_alg_is_wildcard(b) {
        return Ok(b);
    }
    if permits(b, a, t, bits) && !psa_alg_is_wildcard(a) {
        return Ok(a);
    }
    // Two at-least-this-length wildcards of one base: the longer minimum.
    if (psa_alg_is_mac(a) || psa_alg_is_aead(a)) && base_of(a) == base_of(b) && is_at_least(a) && is_at_least(b) {
        return Ok(if length_field(a) >= length_field(b) { a } else { b });
    }
    Err(Error::InvalidArgument)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HMAC256: psa_algorithm_t = psa_alg_hmac(PSA_ALG_SHA_256);

    #[test]
    fn mac_wildcards() {
        let t = PSA_KEY_TYPE_HMAC;
        assert!(permits(HMAC256, HMAC256, t, 256));
        // Truncation to the full length is the full-length MAC.
        assert!(permits(HMAC256, psa_alg_truncated_mac(HMAC256, 32), t, 256));
        assert!(!permits(HMAC256, psa_alg_truncated_mac(HMAC256, 16), t, 256));
        let at_least_16 = psa_alg_at_least_this_length_mac(HMAC256, 16);
        assert!(permits(at_least_16, psa_alg_truncated_mac(HMAC256, 20), t, 256));
        assert!(permits(at_least_16, HMAC256, t, 256));
        assert!(!permits(at_least_16, psa_alg_truncated_mac(HMAC256, 8), t, 256));
        // A wildcard is a policy, never an operation's algorithm.
        assert!(!permits(HMAC256, at_least_16, t, 256));
        assert!(!permits(HMAC256, psa_alg_hmac(PSA_ALG_SHA_384), t, 256));
    }

    #[test]
    fn ccm_star_any_tag() {
        let t = PSA_KEY_TYPE_AES;
        for n in [4, 6, 8, 10, 12, 14, 16] {
            assert!(permits(PSA_ALG_CCM_STAR_ANY_TAG, psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, n), t, 128));
        }
        assert!(permits(PSA_ALG_CCM_STAR_ANY_TAG, PSA_ALG_CCM, t, 128));
        assert!(permits(PSA_ALG_CCM_STAR_ANY_TAG, PSA_ALG_CCM_STAR_NO_TAG, t, 128));
        assert!(!permits(PSA_ALG_CCM_STAR_ANY_TAG, PSA_ALG_GCM, t, 128));
        assert!(!permits(PSA_ALG_CCM_STAR_ANY_TAG, PSA_ALG_CTR, t, 128));
        assert!(require_defined_usage(0xffff_ffff).is_err());
        assert!(require_defined_usage(PSA_KEY_USAGE_DERIVE_PUBLIC | PSA_KEY_USAGE_CACHE).is_ok());
    }

    #[test]
    fn intersections() {
        let t = PSA_KEY_TYPE_HMAC;
        let at_least_16 = psa_alg_at_least_this_length_mac(HMAC256, 16);
        let at_least_20 = psa_alg_at_least_this_length_mac(HMAC256, 20);
        assert_eq!(intersect(at_least_16, HMAC256, t, 256), Ok(HMAC256));
        assert_eq!(intersect(at_least_16, at_least_20, t, 256), Ok(at_least_20));
        assert_eq!(intersect(HMAC256, PSA_ALG_NONE, t, 256), Ok(PSA_ALG_NONE));
        assert_eq!(intersect(HMAC256, psa_alg_hmac(PSA_ALG_SHA_1), t, 256), Err(Error::InvalidArgument));
        let any = psa_alg_ecdsa(PSA_ALG_ANY_HASH);
        assert_eq!(intersect(any, psa_alg_ecdsa(PSA_ALG_SHA_256), 0, 0), Ok(psa_alg_ecdsa(PSA_ALG_SHA_256)));
    }

    #[test]
    fn ecdsa_verification_relaxation() {
        let r = psa_alg_ecdsa(PSA_ALG_SHA_256);
        let d = psa_alg_deterministic_ecdsa(PSA_ALG_SHA_256);
        assert_eq!(ecdsa_verify_twin(r), Some(d));
        assert_eq!(ecdsa_verify_twin(d), Some(r));
        assert_eq!(ecdsa_verify_twin(PSA_ALG_ECDSA_ANY), None);
        assert_eq!(ecdsa_verify_twin(PSA_ALG_PURE_EDDSA), None);
        let t = psa_key_type_ecc_public_key(PSA_ECC_FAMILY_SECP_R1);
        let mut a = psa_key_attributes_t { private_type: t, private_bits: 256, private_alg: r, ..Default::default() };
        assert!(key_permits_verify(&a, d) && !key_permits(&a, d));
        a.private_alg = psa_alg_deterministic_ecdsa(PSA_ALG_ANY_HASH);
        assert!(key_permits_verify(&a, psa_alg_ecdsa(PSA_ALG_SHA_384)));
        assert!(!key_permits_verify(&a, psa_alg_ecdsa(PSA_ALG_ANY_HASH)));
        assert!(permits(PSA_ALG_WPA3_SAE_ANY, psa_alg_wpa3_sae_gdh(PSA_ALG_SHA_256), 0, 0));
        assert!(permits(PSA_ALG_WPA3_SAE_ANY, psa_alg_wpa3_sae_h2e(PSA_ALG_SHA_384), 0, 0));
        assert!(!permits(PSA_ALG_WPA3_SAE_ANY, psa_alg_jpake(PSA_ALG_SHA_256), 0, 0));
    }
}
