//! Stateful hash-based signatures (SP 800-208): LMS and HSS (RFC 8554), XMSS
//! and XMSS^MT (RFC 8391) public keys and verification; the schemes are
//! verification-only in the PSA Crypto API (no key pairs, no signing).
//!
//! Key formats (PSA 1.4 PQC extension): the encoded `lms_public_key`,
//! `hss_public_key`, `xmss_public_key` and `xmssmt_public_key` structures;
//! key bits are 8n, n the hash output length (192 or 256). The crate adapters
//! live in `rustpsa_pqc::stateful`, which says which parameter sets the
//! underlying crates verify; a recognised set they do not is
//! `NotSupported`, an unknown typecode/OID or a wrong length is
//! `InvalidArgument`.
use rustpsa_pqc::stateful::{self as st, Failure};

use crate::types::*;

/// Which scheme a stateful public key is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scheme {
    Lms,
    Hss,
    Xmss,
    XmssMt,
}

fn scheme(t: psa_key_type_t) -> Result<Scheme> {
    Ok(match t {
        PSA_KEY_TYPE_LMS_PUBLIC_KEY => Scheme::Lms,
        PSA_KEY_TYPE_HSS_PUBLIC_KEY => Scheme::Hss,
        PSA_KEY_TYPE_XMSS_PUBLIC_KEY => Scheme::Xmss,
        PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY => Scheme::XmssMt,
        _ => return Err(Error::NotSupported),
    })
}

/// Maps an adapter failure of a key check to the API's status.
fn key_error(f: Failure) -> Error {
    match f {
        Failure::NotSupported => Error::NotSupported,
        Failure::Malformed | Failure::BadSignature => Error::InvalidArgument,
    }
}

/// The hash length n of a checked key of scheme `s`.
fn check(s: Scheme, data: &[u8]) -> Result<usize> {
    match s {
        Scheme::Lms => st::lms_public_key(data),
        Scheme::Hss => st::hss_public_key(data),
        Scheme::Xmss => st::xmss_public_key(false, data),
        Scheme::XmssMt => st::xmss_public_key(true, data),
    }
    .map_err(key_error)
}

/// A checked stateful-scheme public key (the encoded key; public data, so
/// not wiped).
pub struct Prepared {
    scheme: Scheme,
    key: Vec<u8>,
}

/// Import checks of an LMS/HSS/XMSS/XMSS^MT public key: returns the key bits
/// (8n). `declared` is the size in the attributes (0 when unset); another
/// size than the key's is `InvalidArgument`.
pub fn import(t: psa_key_type_t, declared: usize, data: &[u8]) -> Result<usize> {
    let bits = 8 * check(scheme(t)?, data)?;
    if declared != 0 && declared != bits {
        return Err(Error::InvalidArgument);
    }
    Ok(bits)
}

/// Parses stored material (checked again: records from storage pass the
/// import checks).
pub fn prepare(t: psa_key_type_t, material: &[u8]) -> Result<Prepared> {
    let s = scheme(t)?;
    check(s, material)?;
    Ok(Prepared { scheme: s, key: material.to_vec() })
}

/// Verifies a signature over `msg`: `InvalidSignature` when it does not
/// verify or is not a signature of the key's parameter set (of any length),
/// `NotSupported` when an HSS signature's lower level is a correctly signed
/// key of a parameter set the back end does not verify.
pub fn verify(p: &Prepared, msg: &[u8], signature: &[u8]) -> Result<()> {
    let k = &p.key[..];
    let r = match p.scheme {
        Scheme::Lms => st::lms_verify(k, msg, signature),
        Scheme::Hss => st::hss_verify(k, msg, signature),
        Scheme::Xmss => st::xmss_verify(false, k, msg, signature),
        Scheme::XmssMt => st::xmss_verify(true, k, msg, signature),
    };
    r.map_err(|f| match f {
        Failure::NotSupported => Error::NotSupported,
        Failure::Malformed | Failure::BadSignature => Error::InvalidSignature,
    })
}

#[cfg(test)]
#[path = "stateful_tests.rs"]
mod tests;
