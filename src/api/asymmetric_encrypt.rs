//! Asymmetric encryption (`psa_asymmetric_encrypt`, `psa_asymmetric_decrypt`):
//! RSA OAEP with SHA-1/224/256/384/512 and RSA PKCS#1 v1.5.
//!
//! Also home of [`with_rsa_key`], the per-slot cache of parsed RSA keys that the
//! signature functions use too.
use super::{core, policy};
use crate::crypto::prepared::{self, Kind};
use crate::crypto::rsa::{self, Prepared};
use crate::keystore::KeyData;
use crate::types::*;

/// Runs `f` with the parsed form of the RSA key `d`, building it on first use
/// and caching it in the key slot (wiped with the slot: AWS-LC cleanses what
/// it frees, `RsaPrivateKey` zeroizes on drop). Later calls on the same key
/// never re-parse or re-validate. `InvalidArgument` if `d` is not an RSA key.
pub fn with_rsa_key<R>(d: &KeyData, f: impl FnOnce(&Prepared) -> Result<R>) -> Result<R> {
    if !psa_key_type_is_rsa(d.attrs.private_type) {
        return Err(Error::InvalidArgument);
    }
    prepared::with_prepared(&d.cache, Kind::Rsa, super::key_source(d), |p| f(p.rsa().ok_or(Error::CorruptionDetected)?))
}

/// Whether `alg` is permitted by the key's policy (primary or enrollment algorithm).
fn permitted(attrs: &psa_key_attributes_t, alg: psa_algorithm_t) -> bool {
    let (t, bits) = (attrs.private_type, attrs.private_bits as usize);
    policy::permits(attrs.private_alg, alg, t, bits) || policy::permits(attrs.private_alg2, alg, t, bits)
}

/// The checks common to both directions, in Mbed TLS's order: a salt
/// (label) is only for OAEP; the key handle, its usage, its policy (a
/// wildcard algorithm is `InvalidArgument`); a key of no asymmetric type is
/// `InvalidArgument`, a key pair is needed to decrypt; an asymmetric key of
/// another family than RSA has no encryption scheme (`NotSupported`); then
/// the algorithm must be an RSA encryption scheme (`InvalidArgument`). Runs
/// `f` on the prepared key.
fn with_key<R>(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    usage: psa_key_usage_t,
    salt: &[u8],
    f: impl FnOnce(&KeyData, &Prepared) -> Result<R>,
) -> Result<R> {
    let c = core()?;
    if !psa_alg_is_rsa_oaep(alg) && !salt.is_empty() {
        return Err(Error::InvalidArgument);
    }
    let k = c.keys.get(id)?;
    super::driver::local_only(k.data())?;
    let d = k.data();
    policy::require_usage(&d.attrs, usage)?;
    // Algorithm 0 skips the policy (as Mbed TLS) and fails on the scheme below.
    if alg != PSA_ALG_NONE {
        policy::require_specific(alg)?;
        if !permitted(&d.attrs, alg) {
            return Err(Error::NotPermitted);
        }
    }
    let t = d.attrs.private_type;
    let usable = if usage == PSA_KEY_USAGE_DECRYPT {
        psa_key_type_is_key_pair(t)
    } else {
        psa_key_type_is_asymmetric(t)
    };
    if !usable {
        return Err(Error::InvalidArgument);
    }
    if !psa_key_type_is_rsa(t) {
        // No other key type has an encryption scheme in 1.2.
        return Err(Error::NotSupported);
    }
    let r = with_rsa_key(d, |p| f(d, p));
    k.release()?;
    r
}

/// `InvalidArgument` unless `alg` is an RSA encryption scheme.
fn require_rsa_scheme(alg: psa_algorithm_t) -> Result<()> {
    if alg == PSA_ALG_RSA_PKCS1V15_CRYPT || psa_alg_is_rsa_oaep(alg) {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// `psa_asymmetric_encrypt`: `salt` is the OAEP label. Returns the ciphertext length.
pub fn encrypt(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], salt: &[u8], out: &mut [u8]) -> Result<usize> {
    with_key(id, alg, PSA_KEY_USAGE_ENCRYPT, salt, |_, p| {
        if out.len() < rsa::signature_length(p.bits()) {
            return Err(Error::BufferTooSmall);
        }
        require_rsa_scheme(alg)?;
        rsa::max_plaintext(p.bits(), alg)?; // unsupported hash: NotSupported
        rsa::encrypt_prepared(p, alg, input, salt, out)
    })
}

/// `psa_asymmetric_decrypt`: needs a key pair (`InvalidArgument` for a public
/// key). Every OAEP padding failure is `InvalidPadding`; PKCS#1 v1.5 uses
/// implicit rejection. Returns the plaintext length.
pub fn decrypt(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], salt: &[u8], out: &mut [u8]) -> Result<usize> {
    with_key(id, alg, PSA_KEY_USAGE_DECRYPT, salt, |_, p| {
        if !p.is_key_pair() {
            return Err(Error::InvalidArgument);
        }
        require_rsa_scheme(alg)?;
        rsa::max_plaintext(p.bits(), alg)?;
        rsa::decrypt_prepared(p, alg, input, salt, out)
    })
}
