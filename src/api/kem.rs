//! Key encapsulation (PSA Crypto API 1.3): `psa_encapsulate`, `psa_decapsulate`
//! with `PSA_ALG_ML_KEM` (FIPS 203) and `PSA_ALG_ECIES_SEC1` (SEC 1 §5.1,
//! steps 1-4 of encryption / 2-5 of decryption: cofactor ECDH with an
//! ephemeral key; the ciphertext is the ephemeral public key, the shared
//! secret the octet string Z).
//!
//! The shared secret becomes a new key with the caller's attributes. Output
//! types: `PSA_KEY_TYPE_DERIVE` and `PSA_KEY_TYPE_HMAC` for both algorithms
//! (as the specification allows every key-encapsulation algorithm); ML-KEM's
//! uniformly pseudorandom 32-byte secret may also be a 256-bit AES, ARIA,
//! Camellia, ChaCha20 or XChaCha20 key. ECIES's Z is not uniform: the
//! specification says it must go through a key derivation, so no cipher key.
//!
//! Order of the checks (the specification fixes none and Mbed TLS 3.5.1 has
//! no key encapsulation): the library state; `alg` a key-encapsulation
//! algorithm (`InvalidArgument`) that is supported (`NotSupported`); the
//! output attributes (lifetime, id, usage flags, type); the key handle; its
//! usage (`ENCRYPT` / `DECRYPT`) and policy (`NotPermitted`); the key type
//! (`InvalidArgument` if incompatible with `alg`); the ciphertext buffer or
//! length; the requested size against the secret's.
use zeroize::Zeroizing;

use super::attributes::requested_bits;
use super::sign::with_ecc;
use super::{core, policy};
use crate::crypto::prepared::{self, Kind};
use crate::crypto::{ecc, mlkem};
use crate::keystore::KeyData;
use crate::types::*;

/// Runs `f` with the parsed ML-KEM key of `d`, building it on first use and
/// caching it in the key slot (the decapsulation key wipes itself when the
/// slot is wiped).
fn with_mlkem<R>(d: &KeyData, f: impl FnOnce(&mlkem::Prepared) -> Result<R>) -> Result<R> {
    prepared::with_prepared(&d.cache, Kind::MlKem, super::key_source(d), |p| f(p.mlkem().ok_or(Error::CorruptionDetected)?))
}

/// `InvalidArgument` unless `alg` is a key-encapsulation algorithm,
/// `NotSupported` unless it is one this library implements.
fn check_alg(alg: psa_algorithm_t) -> Result<()> {
    if !psa_alg_is_key_encapsulation(alg) {
        return Err(Error::InvalidArgument);
    }
    match alg {
        PSA_ALG_ML_KEM | PSA_ALG_ECIES_SEC1 => Ok(()),
        _ => Err(Error::NotSupported),
    }
}

/// The output key type check: see the module documentation.
fn check_output_type(alg: psa_algorithm_t, t: psa_key_type_t) -> Result<()> {
    match t {
        PSA_KEY_TYPE_DERIVE | PSA_KEY_TYPE_HMAC => Ok(()),
        PSA_KEY_TYPE_AES
        | PSA_KEY_TYPE_ARIA
        | PSA_KEY_TYPE_CAMELLIA
        | PSA_KEY_TYPE_CHACHA20
        | PSA_KEY_TYPE_XCHACHA20
            if alg == PSA_ALG_ML_KEM =>
        {
            Ok(())
        }
        // Attributes that were never given a type: no key of no type.
        PSA_KEY_TYPE_NONE => Err(Error::NotSupported),
        _ => Err(Error::InvalidArgument),
    }
}

/// Whether the key type `t` can be used with `alg` (`for_decap`: a key pair is
/// needed). ECIES: a Weierstrass or Montgomery curve (not Edwards).
fn check_key_type(alg: psa_algorithm_t, t: psa_key_type_t, bits: usize, for_decap: bool) -> Result<()> {
    if for_decap && !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    let ok = match alg {
        PSA_ALG_ML_KEM => psa_key_type_is_ml_kem(t),
        _ => psa_key_type_is_ecc(t) && !ecc::curve(t, bits)?.is_edwards(),
    };
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// The checks of both directions before the key is used; returns the
/// persistent id of the output key (if any) and its requested size.
fn check_request(alg: psa_algorithm_t, attrs: &psa_key_attributes_t) -> Result<(Option<psa_key_id_t>, usize)> {
    core()?;
    check_alg(alg)?;
    let (target, _) = super::key_management::check_new(attrs)?;
    check_output_type(alg, attrs.private_type)?;
    Ok((target, requested_bits(attrs)?))
}

/// Creates the output key from the shared secret (its size must match a
/// nonzero requested size).
fn output_key(
    attrs: &psa_key_attributes_t,
    target: Option<psa_key_id_t>,
    wanted: usize,
    secret: Zeroizing<Vec<u8>>,
) -> Result<psa_key_id_t> {
    let bits = secret.len() * 8;
    if wanted != 0 && wanted != bits {
        return Err(Error::InvalidArgument);
    }
    crate::crypto::keys::check_size(attrs.private_type, bits)?;
    super::key_management::create(attrs, target, bits, secret)
}

/// Uses the key `id` (usage `usage`, policy `alg`) through `f`, releasing it
/// before returning.
fn with_key<R>(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    usage: psa_key_usage_t,
    f: impl FnOnce(&KeyData, psa_key_type_t, usize) -> Result<R>,
) -> Result<R> {
    let k = core()?.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    policy::require_usage(&d.attrs, usage)?;
    if d.attrs.private_alg != alg && d.attrs.private_alg2 != alg {
        return Err(Error::NotPermitted);
    }
    let r = f(d, d.attrs.private_type, d.attrs.private_bits as usize)?;
    k.release()?;
    Ok(r)
}

/// `psa_encapsulate`: writes the ciphertext to `ciphertext` and returns the new
/// shared-secret key and the ciphertext length.
pub fn encapsulate(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    attrs: &psa_key_attributes_t,
    ciphertext: &mut [u8],
) -> Result<(psa_key_id_t, usize)> {
    let (target, wanted) = check_request(alg, attrs)?;
    let (secret, ct) = with_key(id, alg, PSA_KEY_USAGE_ENCRYPT, |d, t, bits| {
        check_key_type(alg, t, bits, false)?;
        if ciphertext.len() < psa_encapsulate_ciphertext_size(t, bits, alg) {
            return Err(Error::BufferTooSmall);
        }
        if alg == PSA_ALG_ML_KEM {
            let (s, ct) = with_mlkem(d, |p| p.encapsulate())?;
            Ok((Zeroizing::new(s.to_vec()), ct))
        } else {
            ecies_encapsulate(d, t, bits)
        }
    })?;
    let n = ct.len();
    ciphertext.get_mut(..n).ok_or(Error::BufferTooSmall)?.copy_from_slice(&ct);
    let key = output_key(attrs, target, wanted, secret)?;
    Ok((key, n))
}

/// ECIES encapsulation to the (public part of the) key `d`: a fresh ephemeral
/// key pair on the same curve, Z = ECDH(ephemeral, Q_V), ciphertext = the
/// ephemeral public key.
fn ecies_encapsulate(d: &KeyData, t: psa_key_type_t, bits: usize) -> Result<(Zeroizing<Vec<u8>>, Vec<u8>)> {
    let recipient = if psa_key_type_is_key_pair(t) {
        with_ecc(d, |p| Ok(p.public()))?
    } else {
        d.material.to_vec()
    };
    let pair_t = psa_key_type_key_pair_of_public_key(t);
    let ephemeral = ecc::generate(pair_t, bits)?;
    let e = ecc::prepare(pair_t, bits, &ephemeral)?;
    let z = e.agree(&recipient)?;
    Ok((z, e.public()))
}

/// `psa_decapsulate`: returns the new shared-secret key. A corrupted ML-KEM
/// ciphertext of the right length gives a pseudorandom key (implicit
/// rejection), not an error.
pub fn decapsulate(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    ciphertext: &[u8],
    attrs: &psa_key_attributes_t,
) -> Result<psa_key_id_t> {
    let (target, wanted) = check_request(alg, attrs)?;
    let secret = with_key(id, alg, PSA_KEY_USAGE_DECRYPT, |d, t, bits| {
        check_key_type(alg, t, bits, true)?;
        if ciphertext.len() != psa_encapsulate_ciphertext_size(t, bits, alg) {
            return Err(Error::InvalidArgument);
        }
        if alg == PSA_ALG_ML_KEM {
            let s = with_mlkem(d, |p| p.decapsulate(ciphertext))?;
            Ok(Zeroizing::new(s.to_vec()))
        } else {
            with_ecc(d, |p| p.agree(ciphertext))
        }
    })?;
    output_key(attrs, target, wanted, secret)
}
