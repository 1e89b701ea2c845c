//! Key agreement: `psa_raw_key_agreement`, `psa_key_agreement` and the shared
//! secret that `psa_key_derivation_key_agreement` feeds into a derivation.
use zeroize::Zeroizing;

use super::attributes::requested_bits;
use super::sign::with_ecc;
use super::{core, policy};
use crate::crypto::{ecc, ffdh, keys};
use crate::types::*;

/// Whether a key whose policy is `policy` may be used for agreement `alg`:
/// the same algorithm, or (for a standalone agreement policy) any combined
/// agreement-plus-KDF algorithm built on it.
fn permits(policy: psa_algorithm_t, alg: psa_algorithm_t) -> bool {
    policy != PSA_ALG_NONE
        && psa_alg_is_key_agreement(policy)
        && (policy == alg
            || (psa_alg_is_standalone_key_agreement(policy)
                && !psa_alg_is_standalone_key_agreement(alg)
                && psa_alg_key_agreement_get_base(alg) == policy))
}

/// The raw shared secret of `private_key` (which must permit `alg` and
/// `PSA_KEY_USAGE_DERIVE`) and the peer's public key `peer`, for the key
/// agreement algorithm `alg` (a raw agreement like `PSA_ALG_ECDH`, or a full
/// agreement-plus-KDF algorithm, whose agreement part is used). Used by
/// `psa_raw_key_agreement`, `psa_key_agreement` and
/// `psa_key_derivation_key_agreement`.
pub fn shared_secret(
    private_key: psa_key_id_t,
    alg: psa_algorithm_t,
    peer: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    shared_secret_with(private_key, alg, peer, |_, _| Ok(()))
}

/// [`shared_secret`] with `after_policy(type, bits)` run once the key's
/// handle, usage and policy passed and before the algorithm's base is looked
/// at (Mbed TLS's order).
fn shared_secret_with(
    private_key: psa_key_id_t,
    alg: psa_algorithm_t,
    peer: &[u8],
    after_policy: impl FnOnce(psa_key_type_t, usize) -> Result<()>,
) -> Result<Zeroizing<Vec<u8>>> {
    let c = core()?;
    if !psa_alg_is_key_agreement(alg) {
        return Err(Error::InvalidArgument);
    }
    if let Some(r) = super::driver::key_agreement(private_key, alg, peer) {
        return r;
    }
    let k = c.keys.get(private_key)?;
    super::driver::local_only(k.data())?;
    let d = k.data();
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    policy::require_usage(&d.attrs, PSA_KEY_USAGE_DERIVE)?;
    if !permits(d.attrs.private_alg, alg) && !permits(d.attrs.private_alg2, alg) {
        return Err(Error::NotPermitted);
    }
    after_policy(t, bits)?;
    let base = psa_alg_key_agreement_get_base(alg);
    if psa_alg_is_ffdh(base) {
        // FFDH: an RFC 7919 key pair; the peer value is checked by the driver.
        if !psa_key_type_is_dh_key_pair(t) {
            return Err(Error::InvalidArgument);
        }
        let secret = ffdh::agree(&d.material, peer)?;
        k.release()?;
        return Ok(secret);
    }
    if !psa_alg_is_ecdh(base) {
        return Err(Error::InvalidArgument);
    }
    if !psa_key_type_is_ecc_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    let curve = ecc::curve(t, bits)?;
    if curve.is_edwards() {
        return Err(Error::InvalidArgument);
    }
    let secret = with_ecc(d, |p| p.agree(peer))?;
    k.release()?;
    Ok(secret)
}

/// `psa_raw_key_agreement`: returns the length of the shared secret.
pub fn raw_key_agreement(
    alg: psa_algorithm_t,
    private_key: psa_key_id_t,
    peer: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    core()?;
    // Mbed TLS's order: an agreement algorithm; the key's policy; the output
    // size; then a raw (standalone) agreement.
    let secret = shared_secret_with(private_key, alg, peer, |t, bits| {
        let expected = if psa_key_type_is_ecc_key_pair(t) || psa_key_type_is_dh_key_pair(t) { bits.div_ceil(8) } else { 0 };
        if out.len() < expected {
            return Err(Error::BufferTooSmall);
        }
        // A combined agreement-plus-KDF algorithm has no raw output: not
        // supported here, as Mbed TLS reports.
        if psa_alg_is_standalone_key_agreement(alg) {
            Ok(())
        } else {
            Err(Error::NotSupported)
        }
    })?;
    let n = secret.len();
    out.get_mut(..n)
        .ok_or(Error::BufferTooSmall)?
        .copy_from_slice(&secret);
    Ok(n)
}

/// `psa_key_agreement`: stores the shared secret in a new key of type
/// `PSA_KEY_TYPE_DERIVE`, `RAW_DATA`, `HMAC` or `PASSWORD` (other types
/// `NotSupported`) whose size, if given, must be the secret's.
pub fn key_agreement(
    private_key: psa_key_id_t,
    peer: &[u8],
    alg: psa_algorithm_t,
    attrs: &psa_key_attributes_t,
) -> Result<psa_key_id_t> {
    core()?;
    if !psa_alg_is_standalone_key_agreement(alg) {
        return Err(Error::InvalidArgument);
    }
    let (target, _) = super::key_management::check_new(attrs)?;
    let t = attrs.private_type;
    match t {
        PSA_KEY_TYPE_DERIVE | PSA_KEY_TYPE_RAW_DATA | PSA_KEY_TYPE_HMAC | PSA_KEY_TYPE_PASSWORD => {
        }
        PSA_KEY_TYPE_NONE => return Err(Error::NotSupported),
        _ if psa_key_type_is_asymmetric(t) => return Err(Error::InvalidArgument),
        _ => return Err(Error::NotSupported),
    }
    let wanted = requested_bits(attrs)?;
    let secret = shared_secret(private_key, alg, peer)?;
    let bits = secret.len() * 8;
    if wanted != 0 && wanted != bits {
        return Err(Error::InvalidArgument);
    }
    keys::check_size(t, bits)?;
    super::key_management::create(attrs, target, bits, secret)
}
