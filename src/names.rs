//! Names of the PSA encodings: numbers back to the header's spelling.
//!
//! The tables come from `build.rs`, which lists every `pub const` of
//! [`crate::types`] by its C type (the constants cbindgen copies into
//! `psa/crypto_generated.h`); each entry's value *is* the constant, so a table
//! cannot drift from the header. Composite values are decoded with the same
//! `const fn`s that mirror the header's function-like macros: an algorithm is
//! named `PSA_ALG_HMAC(PSA_ALG_SHA_256)` only if `psa_alg_hmac(PSA_ALG_SHA_256)`
//! gives that number back.
//!
//! Used by `rustpsa_status_name` (C) and the `rustpsa-names` tool.
use core::ffi::CStr;

use crate::types::*;

include!(concat!(env!("OUT_DIR"), "/names_table.rs"));

/// Looks `value` up in one of the generated tables.
fn lookup<T: PartialEq + Copy>(
    table: &[(&'static str, &'static CStr, T)],
    value: T,
) -> Option<usize> {
    table.iter().position(|e| e.2 == value)
}

/// The name of a status code (`"PSA_ERROR_BAD_STATE"`), if the header defines it.
pub fn status_name(status: psa_status_t) -> Option<&'static str> {
    lookup(STATUS, status).map(|i| STATUS[i].0)
}

/// [`status_name`] as a static C string.
pub fn status_c_name(status: psa_status_t) -> Option<&'static CStr> {
    lookup(STATUS, status).map(|i| STATUS[i].1)
}

/// The name of an elliptic curve family (`"PSA_ECC_FAMILY_SECP_R1"`).
pub fn ecc_family_name(family: psa_ecc_family_t) -> Option<&'static str> {
    lookup(ECC_FAMILY, family).map(|i| ECC_FAMILY[i].0)
}

/// The name of a Diffie-Hellman group family (`"PSA_DH_FAMILY_RFC7919"`).
pub fn dh_family_name(family: psa_dh_family_t) -> Option<&'static str> {
    lookup(DH_FAMILY, family).map(|i| DH_FAMILY[i].0)
}

/// The name of a key derivation step (`"PSA_KEY_DERIVATION_INPUT_SECRET"`).
pub fn derivation_step_name(step: psa_key_derivation_step_t) -> Option<&'static str> {
    lookup(DERIVATION_STEP, step).map(|i| DERIVATION_STEP[i].0)
}

/// Algorithm constructors taking a hash: the macro's name and its `const fn`.
const HASH_CONSTRUCTORS: &[(&str, fn(psa_algorithm_t) -> psa_algorithm_t)] = &[
    ("PSA_ALG_HMAC", psa_alg_hmac),
    ("PSA_ALG_HKDF", psa_alg_hkdf),
    ("PSA_ALG_HKDF_EXTRACT", psa_alg_hkdf_extract),
    ("PSA_ALG_HKDF_EXPAND", psa_alg_hkdf_expand),
    ("PSA_ALG_TLS12_PRF", psa_alg_tls12_prf),
    ("PSA_ALG_TLS12_PSK_TO_MS", psa_alg_tls12_psk_to_ms),
    ("PSA_ALG_PBKDF2_HMAC", psa_alg_pbkdf2_hmac),
    (
        "PSA_ALG_SP800_108_COUNTER_HMAC",
        psa_alg_sp800_108_counter_hmac,
    ),
    ("PSA_ALG_RSA_PKCS1V15_SIGN", psa_alg_rsa_pkcs1v15_sign),
    ("PSA_ALG_RSA_PSS", psa_alg_rsa_pss),
    ("PSA_ALG_RSA_PSS_ANY_SALT", psa_alg_rsa_pss_any_salt),
    ("PSA_ALG_ECDSA", psa_alg_ecdsa),
    ("PSA_ALG_DETERMINISTIC_ECDSA", psa_alg_deterministic_ecdsa),
    ("PSA_ALG_RSA_OAEP", psa_alg_rsa_oaep),
];

/// The MAC/AEAD length field flag meaning "at least this length".
const AT_LEAST_FLAG: psa_algorithm_t = 0x0000_8000;

/// The header's spelling of an algorithm, composite ones included:
/// `PSA_ALG_HMAC(PSA_ALG_SHA_256)`,
/// `PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8)`,
/// `PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))`,
/// wildcards such as `PSA_ALG_ECDSA(PSA_ALG_ANY_HASH)` or
/// `PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8)`. `None` when the
/// number is no algorithm the header can spell.
pub fn algorithm_name(alg: psa_algorithm_t) -> Option<String> {
    if let Some(i) = lookup(ALGORITHM, alg) {
        return Some(ALGORITHM[i].0.to_string());
    }
    if psa_alg_is_key_agreement(alg) {
        let (base, kdf) = (
            psa_alg_key_agreement_get_base(alg),
            psa_alg_key_agreement_get_kdf(alg),
        );
        if !psa_alg_is_key_derivation(kdf) || psa_alg_key_agreement(base, kdf) != alg {
            return None;
        }
        let base_name = ALGORITHM[lookup(ALGORITHM, base)?].0;
        return Some(format!(
            "PSA_ALG_KEY_AGREEMENT({base_name}, {})",
            algorithm_name(kdf)?
        ));
    }
    let hash = psa_alg_get_hash(alg);
    if hash != PSA_ALG_NONE {
        if let Some((name, _)) = HASH_CONSTRUCTORS.iter().find(|(_, f)| f(hash) == alg) {
            let hash_name = ALGORITHM[lookup(ALGORITHM, hash)?].0;
            return Some(format!("{name}({hash_name})"));
        }
    }
    if psa_alg_is_mac(alg) {
        let full = psa_alg_full_length_mac(alg);
        let len = psa_mac_truncated_length(alg);
        if full == alg || len == 0 {
            return None;
        }
        let inner = algorithm_name(full)?;
        return Some(if alg & AT_LEAST_FLAG != 0 {
            format!("PSA_ALG_AT_LEAST_THIS_LENGTH_MAC({inner}, {len})")
        } else {
            format!("PSA_ALG_TRUNCATED_MAC({inner}, {len})")
        });
    }
    if psa_alg_is_aead(alg) {
        let default = psa_alg_aead_with_default_length_tag(alg);
        if default == PSA_ALG_NONE {
            return None;
        }
        let len = psa_alg_aead_get_tag_length(alg);
        let inner = ALGORITHM[lookup(ALGORITHM, default)?].0;
        let rebuilt = if alg & AT_LEAST_FLAG != 0 {
            psa_alg_aead_with_at_least_this_length_tag(default, len)
        } else {
            psa_alg_aead_with_shortened_tag(default, len)
        };
        if rebuilt != alg || len == 0 {
            return None;
        }
        return Some(if alg & AT_LEAST_FLAG != 0 {
            format!("PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG({inner}, {len})")
        } else {
            format!("PSA_ALG_AEAD_WITH_SHORTENED_TAG({inner}, {len})")
        });
    }
    None
}

/// The header's spelling of a key type: a constant, or
/// `PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)` and the like for the
/// ECC and DH families (an unnamed family is written in hex).
pub fn key_type_name(key_type: psa_key_type_t) -> Option<String> {
    if let Some(i) = lookup(KEY_TYPE, key_type) {
        return Some(KEY_TYPE[i].0.to_string());
    }
    let family =
        |name: Option<&str>, f: u8| name.map_or_else(|| format!("0x{f:02x}"), str::to_string);
    if psa_key_type_is_ecc(key_type) {
        let f = psa_key_type_ecc_get_family(key_type);
        let ctor = if psa_key_type_is_ecc_key_pair(key_type) {
            "PSA_KEY_TYPE_ECC_KEY_PAIR"
        } else {
            "PSA_KEY_TYPE_ECC_PUBLIC_KEY"
        };
        return Some(format!("{ctor}({})", family(ecc_family_name(f), f)));
    }
    if psa_key_type_is_dh(key_type) {
        let f = psa_key_type_dh_get_family(key_type);
        let ctor = if psa_key_type_is_dh_key_pair(key_type) {
            "PSA_KEY_TYPE_DH_KEY_PAIR"
        } else {
            "PSA_KEY_TYPE_DH_PUBLIC_KEY"
        };
        return Some(format!("{ctor}({})", family(dh_family_name(f), f)));
    }
    None
}

/// A usage mask as the OR of its flags (`PSA_KEY_USAGE_SIGN_HASH |
/// PSA_KEY_USAGE_VERIFY_HASH`); `0` for the empty mask; bits no flag names are
/// added in hex.
pub fn usage_name(usage: psa_key_usage_t) -> String {
    if usage == 0 {
        return "0".to_string();
    }
    let mut parts = Vec::new();
    let mut rest = usage;
    for (name, _, flag) in USAGE {
        if *flag != 0 && usage & flag == *flag {
            parts.push(name.to_string());
            rest &= !flag;
        }
    }
    if rest != 0 {
        parts.push(format!("0x{rest:08x}"));
    }
    parts.join(" | ")
}

/// A lifetime: `PSA_KEY_LIFETIME_VOLATILE`, `PSA_KEY_LIFETIME_PERSISTENT`, or
/// `PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, location)` with
/// each part named where the header names it and in hex otherwise.
pub fn lifetime_name(lifetime: psa_key_lifetime_t) -> String {
    if let Some(i) = lookup(LIFETIME, lifetime) {
        return LIFETIME[i].0.to_string();
    }
    let p = psa_key_lifetime_get_persistence(lifetime);
    let l = psa_key_lifetime_get_location(lifetime);
    let p =
        lookup(PERSISTENCE, p).map_or_else(|| format!("0x{p:02x}"), |i| PERSISTENCE[i].0.into());
    let l = lookup(LOCATION, l).map_or_else(|| format!("0x{l:06x}"), |i| LOCATION[i].0.into());
    format!("PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION({p}, {l})")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `#define NAME ((type)VALUE)` lines of the committed header, for `ty`.
    fn header_defines(ty: &str) -> Vec<(String, i64)> {
        let header = include_str!("../include/psa/crypto_generated.h");
        let marker = format!(" (({ty})");
        header
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix("#define ")?;
                let (name, value) = rest.split_once(&marker)?;
                let v = value.trim_end_matches(')');
                let n = match v.strip_prefix("0x") {
                    Some(h) => i64::from_str_radix(h, 16).ok()?,
                    None => v.parse().ok()?,
                };
                Some((name.to_string(), n))
            })
            .collect()
    }

    /// Each table holds exactly the header's constants of its type.
    fn same_as_header<T: Copy + Into<i64>>(ty: &str, table: &[(&str, &CStr, T)]) {
        let mut from_header = header_defines(ty);
        let mut from_table: Vec<(String, i64)> = table
            .iter()
            .map(|(n, c, v)| {
                assert_eq!(c.to_str().unwrap(), *n);
                (n.to_string(), (*v).into())
            })
            .collect();
        from_header.sort();
        from_table.sort();
        assert!(!from_table.is_empty(), "{ty}: empty table");
        assert_eq!(
            from_header, from_table,
            "{ty}: the names table and the header differ"
        );
    }

    #[test]
    fn tables_match_the_header() {
        same_as_header("psa_status_t", STATUS);
        same_as_header("psa_algorithm_t", ALGORITHM);
        same_as_header("psa_key_type_t", KEY_TYPE);
        same_as_header("psa_ecc_family_t", ECC_FAMILY);
        same_as_header("psa_dh_family_t", DH_FAMILY);
        same_as_header("psa_key_usage_t", USAGE);
        same_as_header("psa_key_lifetime_t", LIFETIME);
        same_as_header("psa_key_persistence_t", PERSISTENCE);
        same_as_header("psa_key_location_t", LOCATION);
        same_as_header("psa_key_derivation_step_t", DERIVATION_STEP);
    }

    #[test]
    fn statuses() {
        assert_eq!(status_name(-137), Some("PSA_ERROR_BAD_STATE"));
        assert_eq!(status_name(0), Some("PSA_SUCCESS"));
        assert_eq!(status_name(-248), Some("PSA_OPERATION_INCOMPLETE"));
        assert_eq!(status_name(1), None);
        assert_eq!(status_name(i32::MIN), None);
        for (_, c, v) in STATUS {
            // An alias (two names, one value) reads as the first name.
            let first = STATUS.iter().find(|e| e.2 == *v).unwrap();
            assert_eq!(status_name(*v), Some(first.0));
            assert_eq!(status_c_name(*v).unwrap().to_bytes(), first.1.to_bytes());
            assert!(!c.to_bytes().is_empty());
        }
    }

    #[test]
    fn every_named_algorithm_round_trips() {
        for (_, _, v) in ALGORITHM {
            let first = ALGORITHM.iter().find(|e| e.2 == *v).unwrap().0;
            assert_eq!(algorithm_name(*v).as_deref(), Some(first));
        }
        for (_, _, v) in KEY_TYPE {
            let first = KEY_TYPE.iter().find(|e| e.2 == *v).unwrap().0;
            assert_eq!(key_type_name(*v).as_deref(), Some(first));
        }
    }

    #[test]
    fn composite_algorithms() {
        let n = |a| algorithm_name(a).unwrap();
        assert_eq!(
            n(psa_alg_hmac(PSA_ALG_SHA_256)),
            "PSA_ALG_HMAC(PSA_ALG_SHA_256)"
        );
        assert_eq!(
            n(psa_alg_truncated_mac(psa_alg_hmac(PSA_ALG_SHA_512), 16)),
            "PSA_ALG_TRUNCATED_MAC(PSA_ALG_HMAC(PSA_ALG_SHA_512), 16)"
        );
        assert_eq!(
            n(psa_alg_at_least_this_length_mac(PSA_ALG_CMAC, 8)),
            "PSA_ALG_AT_LEAST_THIS_LENGTH_MAC(PSA_ALG_CMAC, 8)"
        );
        assert_eq!(
            n(psa_alg_aead_with_shortened_tag(PSA_ALG_GCM, 8)),
            "PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8)"
        );
        assert_eq!(
            n(psa_alg_aead_with_at_least_this_length_tag(PSA_ALG_CCM, 4)),
            "PSA_ALG_AEAD_WITH_AT_LEAST_THIS_LENGTH_TAG(PSA_ALG_CCM, 4)"
        );
        assert_eq!(
            n(psa_alg_aead_with_shortened_tag(PSA_ALG_GCM, 16)),
            "PSA_ALG_GCM"
        );
        assert_eq!(
            n(psa_alg_key_agreement(
                PSA_ALG_ECDH,
                psa_alg_hkdf(PSA_ALG_SHA_256)
            )),
            "PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))"
        );
        assert_eq!(
            n(psa_alg_ecdsa(PSA_ALG_ANY_HASH)),
            "PSA_ALG_ECDSA(PSA_ALG_ANY_HASH)"
        );
        assert_eq!(
            n(psa_alg_rsa_pss_any_salt(PSA_ALG_SHA_384)),
            "PSA_ALG_RSA_PSS_ANY_SALT(PSA_ALG_SHA_384)"
        );
        assert_eq!(
            n(psa_alg_deterministic_ecdsa(PSA_ALG_SHA3_256)),
            "PSA_ALG_DETERMINISTIC_ECDSA(PSA_ALG_SHA3_256)"
        );
        assert_eq!(
            n(psa_alg_pbkdf2_hmac(PSA_ALG_SHA_256)),
            "PSA_ALG_PBKDF2_HMAC(PSA_ALG_SHA_256)"
        );
        assert_eq!(algorithm_name(0x0200_00fe), None);
        assert_eq!(algorithm_name(0x7fff_ffff), None);
        assert_eq!(
            algorithm_name(psa_alg_key_agreement(PSA_ALG_ECDH, 0x0800_ff09)),
            None
        );
    }

    #[test]
    fn key_types_usage_lifetimes() {
        assert_eq!(key_type_name(PSA_KEY_TYPE_AES).unwrap(), "PSA_KEY_TYPE_AES");
        assert_eq!(
            key_type_name(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECP_R1)).unwrap(),
            "PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)"
        );
        assert_eq!(
            key_type_name(psa_key_type_ecc_public_key(PSA_ECC_FAMILY_MONTGOMERY)).unwrap(),
            "PSA_KEY_TYPE_ECC_PUBLIC_KEY(PSA_ECC_FAMILY_MONTGOMERY)"
        );
        assert_eq!(
            key_type_name(psa_key_type_dh_key_pair(PSA_DH_FAMILY_RFC7919)).unwrap(),
            "PSA_KEY_TYPE_DH_KEY_PAIR(PSA_DH_FAMILY_RFC7919)"
        );
        assert_eq!(
            key_type_name(psa_key_type_ecc_key_pair(0x7e)).unwrap(),
            "PSA_KEY_TYPE_ECC_KEY_PAIR(0x7e)"
        );
        assert_eq!(key_type_name(0x0f0f), None);
        assert_eq!(usage_name(0), "0");
        assert_eq!(
            usage_name(PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH),
            "PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH"
        );
        assert_eq!(
            usage_name(PSA_KEY_USAGE_EXPORT | 0x0100_0000),
            "PSA_KEY_USAGE_EXPORT | 0x01000000"
        );
        assert_eq!(
            lifetime_name(PSA_KEY_LIFETIME_PERSISTENT),
            "PSA_KEY_LIFETIME_PERSISTENT"
        );
        assert_eq!(
            lifetime_name(psa_key_lifetime_from_persistence_and_location(
                PSA_KEY_PERSISTENCE_READ_ONLY,
                PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT
            )),
            "PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_READ_ONLY, \
             PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT)"
        );
        assert_eq!(
            lifetime_name(0x0000_7f02),
            "PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(0x02, 0x00007f)"
        );
        assert_eq!(ecc_family_name(0x12), Some("PSA_ECC_FAMILY_SECP_R1"));
        assert_eq!(dh_family_name(0x03), Some("PSA_DH_FAMILY_RFC7919"));
        assert_eq!(ecc_family_name(0x01), None);
        assert_eq!(
            derivation_step_name(PSA_KEY_DERIVATION_INPUT_SALT),
            Some("PSA_KEY_DERIVATION_INPUT_SALT")
        );
        assert_eq!(derivation_step_name(0x7777), None);
    }
}
