//! `psa_check_key_usage` (PSA Crypto API 1.4): whether a key can be used for
//! an operation, from its attributes alone (no key material is parsed).
use super::{core, policy};
use crate::types::*;

/// The key-management usage flags (checked with `PSA_ALG_NONE`).
const MANAGEMENT: psa_key_usage_t = PSA_KEY_USAGE_EXPORT | PSA_KEY_USAGE_COPY | PSA_KEY_USAGE_CACHE;

/// The usages that are a role of `alg` (a specific algorithm), or `None` for
/// an algorithm category this function cannot judge (`NotSupported`).
fn roles(alg: psa_algorithm_t) -> Option<psa_key_usage_t> {
    Some(if psa_alg_is_mac(alg) {
        PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE
    } else if psa_alg_is_cipher(alg) || psa_alg_is_aead(alg) || psa_alg_is_asymmetric_encryption(alg) {
        PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT
    } else if psa_alg_is_sign(alg) {
        let mut r = 0;
        if psa_alg_is_sign_message(alg) {
            r |= PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE;
        }
        if psa_alg_is_sign_hash(alg) {
            r |= PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH;
        }
        r
    } else if psa_alg_is_key_derivation(alg) {
        PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_VERIFY_DERIVATION
    } else if psa_alg_is_key_agreement(alg) {
        PSA_KEY_USAGE_DERIVE | PSA_KEY_USAGE_DERIVE_PUBLIC
    } else if psa_alg_is_key_wrap(alg) {
        PSA_KEY_USAGE_WRAP | PSA_KEY_USAGE_UNWRAP
    } else if psa_alg_is_hash(alg) {
        // A hash uses no key: no usage is a role of it.
        0
    } else {
        return None;
    })
}

/// Whether a key of type `t` and `bits` bits suits `alg` in the role `usage`:
/// `InvalidArgument` when not, `NotSupported` for a pair this implementation
/// has no driver for.
fn compatible(t: psa_key_type_t, bits: usize, alg: psa_algorithm_t, usage: psa_key_usage_t) -> Result<()> {
    let bad = Err(Error::InvalidArgument);
    let private_role = matches!(
        usage,
        PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_DERIVE
    );
    if psa_key_type_is_asymmetric(t) && private_role && !psa_key_type_is_key_pair(t) && !psa_alg_is_mac(alg) {
        return bad;
    }
    if psa_alg_is_mac(alg) {
        let base = psa_alg_full_length_mac(alg);
        let ok = if psa_alg_is_hmac(base) {
            t == PSA_KEY_TYPE_HMAC
        } else {
            psa_block_cipher_block_length(t) > 1
        };
        let len = policy::mac_length(t, bits, alg);
        return match (ok, len) {
            (true, Some(l)) if l <= policy::mac_length(t, bits, base).unwrap_or(0) => Ok(()),
            _ => bad,
        };
    }
    if psa_alg_is_cipher(alg) {
        return super::cipher::check_usable(t, alg);
    }
    if psa_alg_is_aead(alg) {
        let base = psa_alg_aead_with_default_length_tag(alg);
        let ok = match base {
            PSA_ALG_GCM | PSA_ALG_CCM => matches!(t, PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA),
            PSA_ALG_CHACHA20_POLY1305 => t == PSA_KEY_TYPE_CHACHA20,
            PSA_ALG_XCHACHA20_POLY1305 => t == PSA_KEY_TYPE_XCHACHA20,
            _ => return Err(Error::NotSupported),
        };
        let tag = psa_aead_tag_length(t, bits, alg);
        let tag_ok = match base {
            PSA_ALG_GCM => matches!(tag, 4 | 8 | 12..=16),
            PSA_ALG_CCM => (4..=16).contains(&tag) && tag % 2 == 0,
            _ => tag == 16,
        };
        return if ok && tag_ok { Ok(()) } else { bad };
    }
    if psa_alg_is_sign(alg) {
        let ok = if psa_alg_is_ecdsa(alg) {
            psa_key_type_is_ecc(t)
                && !matches!(psa_key_type_ecc_get_family(t), PSA_ECC_FAMILY_MONTGOMERY | PSA_ECC_FAMILY_TWISTED_EDWARDS)
        } else if alg == PSA_ALG_PURE_EDDSA || psa_alg_is_hash_eddsa(alg) {
            psa_key_type_is_ecc(t) && psa_key_type_ecc_get_family(t) == PSA_ECC_FAMILY_TWISTED_EDWARDS
        } else if psa_alg_is_rsa_pkcs1v15_sign(alg) || psa_alg_is_rsa_pss(alg) {
            psa_key_type_is_rsa(t)
        } else {
            return Err(Error::NotSupported);
        };
        if !ok {
            return bad;
        }
        let h = psa_alg_sign_get_hash(alg);
        return if h == PSA_ALG_NONE || crate::crypto::ecc::hash_len(h).is_some() { Ok(()) } else { Err(Error::NotSupported) };
    }
    if psa_alg_is_asymmetric_encryption(alg) {
        return if psa_key_type_is_rsa(t) { Ok(()) } else { bad };
    }
    if psa_alg_is_key_agreement(alg) {
        let base = psa_alg_key_agreement_get_base(alg);
        let ok = if psa_alg_is_ecdh(base) {
            psa_key_type_is_ecc(t) && psa_key_type_ecc_get_family(t) != PSA_ECC_FAMILY_TWISTED_EDWARDS
        } else if psa_alg_is_ffdh(base) {
            psa_key_type_is_dh(t)
        } else {
            return Err(Error::NotSupported);
        };
        return if ok { Ok(()) } else { bad };
    }
    if psa_alg_is_key_derivation(alg) {
        return if psa_key_type_is_asymmetric(t) { bad } else { Ok(()) };
    }
    if psa_alg_is_key_wrap(alg) {
        return if !crate::crypto::keywrap::supported(alg) {
            Err(Error::NotSupported)
        } else {
            crate::crypto::keywrap::check_kek_type(t)?;
            if matches!(bits, 128 | 192 | 256) { Ok(()) } else { bad }
        };
    }
    Err(Error::NotSupported)
}

/// `psa_check_key_usage`: `usage` is one usage flag. A key-management flag
/// needs `alg == PSA_ALG_NONE`; a cryptographic one a specific algorithm in
/// which it is a role, a key of a compatible type, and the key's permission
/// (policy usage and algorithm; `DERIVE_PUBLIC` in a key agreement needs no
/// permission, as the spec notes).
pub fn check(id: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t) -> Result<()> {
    let c = core()?;
    if usage.count_ones() != 1 || policy::require_defined_usage(usage).is_err() {
        return Err(Error::InvalidArgument);
    }
    let management = usage & MANAGEMENT != 0;
    if management {
        if alg != PSA_ALG_NONE {
            return Err(Error::InvalidArgument);
        }
    } else {
        if alg == PSA_ALG_NONE || psa_alg_is_wildcard(alg) {
            return Err(Error::InvalidArgument);
        }
        match roles(alg) {
            None => return Err(Error::NotSupported),
            Some(r) if r & usage == 0 => return Err(Error::InvalidArgument),
            Some(_) => {}
        }
    }
    let attrs = c.keys.attributes(id)?;
    if management {
        return policy::require_usage(&attrs, usage);
    }
    let (t, bits) = (attrs.private_type, attrs.private_bits as usize);
    compatible(t, bits, alg, usage)?;
    if usage == PSA_KEY_USAGE_DERIVE_PUBLIC {
        return Ok(());
    }
    policy::require_usage(&attrs, usage)?;
    let verify = matches!(usage, PSA_KEY_USAGE_VERIFY_MESSAGE | PSA_KEY_USAGE_VERIFY_HASH);
    let permitted = if verify {
        policy::key_permits_verify(&attrs, alg)
    } else {
        policy::key_permits(&attrs, alg)
    };
    if permitted {
        Ok(())
    } else {
        Err(Error::NotPermitted)
    }
}
