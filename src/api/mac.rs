//! Message authentication codes.
use subtle::ConstantTimeEq;

use super::{core, policy};
use crate::crypto::mac::{HmacKey, Tag};
use crate::keystore::KeyData;
use crate::types::*;

/// Computes the MAC of `input` with key `id`, after the policy checks for
/// `usage`; returns the tag and its (possibly truncated) length.
fn mac(id: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t, input: &[u8]) -> Result<(Tag, usize)> {
    let c = core()?;
    if !psa_alg_is_mac(alg) {
        return Err(Error::InvalidArgument);
    }
    policy::require_specific(alg)?;
    let k = c.keys.get(id)?;
    let d = k.data();
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    policy::require_usage(&d.attrs, usage)?;
    if !policy::permits(d.attrs.private_alg, alg, t, bits) {
        return Err(Error::NotPermitted);
    }
    if !psa_alg_is_hmac(alg) {
        return Err(Error::NotSupported);
    }
    if t != PSA_KEY_TYPE_HMAC {
        return Err(Error::InvalidArgument);
    }
    let hash = psa_alg_hmac_get_hash(alg);
    let full = psa_hash_length(hash);
    let len = policy::mac_length(t, bits, alg).ok_or(Error::NotSupported)?;
    if len > full {
        return Err(Error::InvalidArgument);
    }
    if len < 4 {
        return Err(Error::NotSupported);
    }
    let tag = with_hmac_key(d, hash, |key| key.sign(input))?;
    k.release()?;
    Ok((tag, len))
}

/// Runs `f` with the key's prepared HMAC state, building and caching it in the
/// key slot on first use (for the first hash used with the key).
fn with_hmac_key<R>(d: &KeyData, hash: psa_algorithm_t, f: impl FnOnce(&HmacKey) -> R) -> Result<R> {
    let cached = d.cache.get_or_try_init(|| -> Result<_> {
        Ok((hash, Box::new(HmacKey::new(hash, &d.material)?) as _))
    })?;
    match (cached.0 == hash).then(|| cached.1.downcast_ref::<HmacKey>()).flatten() {
        Some(key) => Ok(f(key)),
        None => Ok(f(&HmacKey::new(hash, &d.material)?)),
    }
}

/// `psa_mac_compute`: returns the MAC length.
pub fn compute(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
    let (tag, len) = mac(id, alg, PSA_KEY_USAGE_SIGN_MESSAGE, input)?;
    out.get_mut(..len).ok_or(Error::BufferTooSmall)?.copy_from_slice(&tag.as_ref()[..len]);
    Ok(len)
}

/// `psa_mac_verify`: constant-time comparison; a wrong value or length is
/// `InvalidSignature`.
pub fn verify(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Result<()> {
    let (tag, len) = mac(id, alg, PSA_KEY_USAGE_VERIFY_MESSAGE, input)?;
    if bool::from(tag.as_ref()[..len].ct_eq(expected)) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}
