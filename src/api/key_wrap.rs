//! Key wrapping (PSA Crypto API 1.4): `psa_wrap_key` encrypts a key's export
//! form with a key-encryption key; `psa_unwrap_key` reverses it and imports
//! the result with the caller's attributes.
use zeroize::Zeroizing;

use super::{core, key_management, policy};
use crate::crypto::keywrap;
use crate::types::*;

/// The checks on the key-encryption key shared by wrap and unwrap, in the
/// order of the other single-part calls: the algorithm's category, the key's
/// handle, usage and policy, then its compatibility with the algorithm and
/// support. Returns a copy of the key-encryption key (read under a reader
/// registration that is dropped before the second key is looked up, so this
/// thread never waits on the key store while registered as a reader).
fn kek(id: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t) -> Result<(psa_key_type_t, Zeroizing<Vec<u8>>)> {
    let c = core()?;
    if !psa_alg_is_key_wrap(alg) {
        return Err(Error::InvalidArgument);
    }
    let k = c.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    policy::require_usage(&d.attrs, usage)?;
    policy::require_specific(alg)?;
    if !policy::key_permits(&d.attrs, alg) {
        return Err(Error::NotPermitted);
    }
    if !keywrap::supported(alg) {
        return Err(Error::NotSupported);
    }
    keywrap::check_kek_type(d.attrs.private_type)?;
    if !matches!(d.material.len(), 16 | 24 | 32) {
        return Err(Error::InvalidArgument);
    }
    let kek = (d.attrs.private_type, Zeroizing::new(d.material.to_vec()));
    k.release()?;
    Ok(kek)
}

/// `psa_wrap_key`: the export form of `key` (which must permit
/// `PSA_KEY_USAGE_EXPORT`), wrapped with `wrapping` under `alg`; returns the
/// length written to `out`.
pub fn wrap(wrapping: psa_key_id_t, alg: psa_algorithm_t, key: psa_key_id_t, out: &mut [u8]) -> Result<usize> {
    let (t, kek) = kek(wrapping, alg, PSA_KEY_USAGE_WRAP)?;
    let c = core()?;
    let k = c.keys.get(key)?;
    let d = k.data();
    super::driver::local_only(d)?;
    // Wrapping moves the key out of the key store: the export permission is
    // required whatever the key type (the spec's rule for psa_wrap_key).
    policy::require_usage(&d.attrs, PSA_KEY_USAGE_EXPORT)?;
    if !keywrap::valid_plaintext_len(alg, d.material.len()) {
        return Err(Error::InvalidArgument);
    }
    if out.len() < keywrap::wrapped_len(d.material.len()) {
        return Err(Error::BufferTooSmall);
    }
    let n = keywrap::wrap(alg, t, &kek, &d.material, out)?;
    k.release()?;
    Ok(n)
}

/// `psa_unwrap_key`: unwraps `data` with `wrapping` under `alg` and imports
/// the key data with `attrs`, exactly as `psa_import_key` would. A blob whose
/// length no wrap produces is `InvalidArgument`; one that fails the integrity
/// check is `InvalidSignature`; either way no key is created.
pub fn unwrap(attrs: &psa_key_attributes_t, wrapping: psa_key_id_t, alg: psa_algorithm_t, data: &[u8]) -> Result<psa_key_id_t> {
    let (t, kek) = kek(wrapping, alg, PSA_KEY_USAGE_UNWRAP)?;
    if !keywrap::valid_wrapped_len(alg, data.len()) {
        return Err(Error::InvalidArgument);
    }
    let plain = keywrap::unwrap(alg, t, &kek, data)?;
    key_management::import(attrs, &plain)
}
