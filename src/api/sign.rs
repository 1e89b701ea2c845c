//! Asymmetric signatures: `psa_sign_hash`, `psa_verify_hash`,
//! `psa_sign_message`, `psa_verify_message`.
//!
//! ECC keys are parsed once and cached in the key slot (`with_ecc`); RSA keys
//! go to [`crate::crypto::rsa`] with their stored material.
use super::{core, policy};
use crate::crypto::ecc::{self, Curve, Prepared};
use crate::crypto::prepared::{self, Kind};
use crate::crypto::rsa;
use super::asymmetric_encrypt::with_rsa_key;
use crate::keystore::KeyData;
use crate::types::*;

/// Runs `f` with the key's parsed ECC form, building it on first use and
/// caching it in the key slot (wiped with the slot).
pub(crate) fn with_ecc<R>(d: &KeyData, f: impl FnOnce(&Prepared) -> Result<R>) -> Result<R> {
    prepared::with_prepared(&d.cache, Kind::Ecc, super::key_source(d), |p| f(p.ecc().ok_or(Error::CorruptionDetected)?))
}

/// Whether the key's policy (primary or enrolment algorithm) permits `alg`.
fn permitted(d: &KeyData, alg: psa_algorithm_t) -> bool {
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    policy::permits(d.attrs.private_alg, alg, t, bits)
        || policy::permits(d.attrs.private_alg2, alg, t, bits)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Input {
    Hash,
    Message,
}

/// What the caller asked for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Sign,
    Verify,
}

/// Argument checks on the algorithm alone (a wildcard is refused later, after
/// the key's handle and usage, as Mbed TLS does).
fn check_alg(alg: psa_algorithm_t, input: Input) -> Result<()> {
    if !psa_alg_is_sign(alg) {
        return Err(Error::InvalidArgument);
    }
    let ok = match input {
        Input::Hash => psa_alg_is_sign_hash(alg),
        Input::Message => {
            psa_alg_is_sign_message(alg)
                && (!psa_alg_is_sign_hash(alg) || psa_alg_is_hash(psa_alg_sign_get_hash(alg)))
        }
    };
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

fn usage(op: Op, input: Input) -> psa_key_usage_t {
    match (op, input) {
        (Op::Sign, Input::Hash) => PSA_KEY_USAGE_SIGN_HASH,
        (Op::Sign, Input::Message) => PSA_KEY_USAGE_SIGN_MESSAGE,
        (Op::Verify, Input::Hash) => PSA_KEY_USAGE_VERIFY_HASH,
        (Op::Verify, Input::Message) => PSA_KEY_USAGE_VERIFY_MESSAGE,
    }
}

/// Checks that a precomputed `hash` has the length of `alg`'s hash (any
/// non-empty length for the algorithms without one).
fn check_hash_len(h: psa_algorithm_t, hash: &[u8]) -> Result<()> {
    if h == PSA_ALG_NONE {
        return if hash.is_empty() {
            Err(Error::InvalidArgument)
        } else {
            Ok(())
        };
    }
    let n = ecc::hash_len(h).ok_or(Error::NotSupported)?;
    if hash.len() == n {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// Where the output (or the signature to check) goes.
enum Data<'a> {
    Out(&'a mut [u8]),
    Sig(&'a [u8]),
}

/// The common path of the four functions; returns the signature length (0 for
/// a verification).
fn run(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    input: Input,
    data: &[u8],
    mut io: Data<'_>,
) -> Result<usize> {
    let c = core()?;
    if super::sign_context::is_pqc_alg(alg) || alg == PSA_ALG_EDDSA_CTX {
        use super::sign_context::{run_plain, Io, Kind};
        let kind = if input == Input::Hash { Kind::Hash } else { Kind::Message };
        let io = match io {
            Data::Out(out) => Io::Out(out),
            Data::Sig(sig) => Io::Sig(sig),
        };
        return run_plain(id, alg, kind, data, io);
    }
    check_alg(alg, input)?;
    let op = if matches!(io, Data::Out(_)) {
        Op::Sign
    } else {
        Op::Verify
    };
    // An empty signature buffer is refused before the key is looked up.
    if matches!(&io, Data::Out(out) if out.is_empty()) {
        return Err(Error::BufferTooSmall);
    }
    let k = c.keys.get(id)?;
    super::driver::local_only(k.data())?;
    let d = k.data();
    policy::require_usage(&d.attrs, usage(op, input))?;
    policy::require_specific(alg)?;
    // Randomized and deterministic ECDSA are equivalent for verification (1.4).
    let twin_permitted = op == Op::Verify && policy::ecdsa_verify_twin(alg).is_some_and(|a| permitted(d, a));
    if !permitted(d, alg) && !twin_permitted {
        return Err(Error::NotPermitted);
    }
    let n = dispatch(d, alg, input, data, &mut io)?;
    k.release()?;
    Ok(n)
}

/// What [`run`] does once the key's usage and policy passed: the key-type and
/// algorithm checks, then the signature or verification itself (shared with
/// the multi-part operations of `sign_multipart`).
fn dispatch(d: &KeyData, alg: psa_algorithm_t, input: Input, data: &[u8], io: &mut Data<'_>) -> Result<usize> {
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    let op = if matches!(io, Data::Out(_)) { Op::Sign } else { Op::Verify };
    if op == Op::Sign && !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    if input == Input::Message {
        // Mbed TLS's order for a message: the hash is computed first (an
        // unknown hash is `NotSupported` whatever the key), and a message
        // algorithm that is not hash-and-sign (PureEdDSA) has no driver for a
        // key of another curve (`NotSupported`).
        if psa_alg_is_sign_hash(alg) && ecc::hash_len(psa_alg_sign_get_hash(alg)).is_none() {
            return Err(Error::NotSupported);
        }
        let edwards = psa_key_type_is_ecc(t) && ecc::curve(t, bits).is_ok_and(|c| c.is_edwards());
        if alg == PSA_ALG_PURE_EDDSA && !edwards {
            return Err(Error::NotSupported);
        }
    }
    if psa_key_type_is_rsa(t) {
        rsa_run(d, alg, input, data, io)
    } else if psa_key_type_is_ecc(t) {
        let curve = ecc::curve(t, bits)?;
        ecc_run(d, curve, alg, input, data, io)
    } else {
        // Verification with a key of no signature family (a symmetric key):
        // no driver for it, as Mbed TLS reports. (Signing with one was
        // refused above: it is not a key pair.)
        Err(Error::NotSupported)
    }
}

/// Signs the precomputed `hash` with the key data `d` (whose usage and policy
/// the caller checked): the last step of a multi-part sign operation.
pub(crate) fn sign_hash_with(d: &KeyData, alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
    dispatch(d, alg, Input::Hash, hash, &mut Data::Out(out))
}

/// Verifies `signature` over the precomputed `hash` with the key data `d`
/// (policy checked by the caller).
pub(crate) fn verify_hash_with(d: &KeyData, alg: psa_algorithm_t, hash: &[u8], signature: &[u8]) -> Result<()> {
    dispatch(d, alg, Input::Hash, hash, &mut Data::Sig(signature)).map(|_| ())
}

/// Verifies `signature` over the whole message `msg` with the key data `d`
/// (policy checked by the caller): PureEdDSA in a multi-part verification.
pub(crate) fn verify_message_with(d: &KeyData, alg: psa_algorithm_t, msg: &[u8], signature: &[u8]) -> Result<()> {
    dispatch(d, alg, Input::Message, msg, &mut Data::Sig(signature)).map(|_| ())
}

/// RSA through the key's cached parsed form (see `with_rsa_key`): AWS-LC signs
/// and verifies, messages (hashed here) and precomputed hashes alike.
fn rsa_run(
    d: &KeyData,
    alg: psa_algorithm_t,
    input: Input,
    data: &[u8],
    io: &mut Data<'_>,
) -> Result<usize> {
    let bits = d.attrs.private_bits as usize;
    if !(psa_alg_is_rsa_pkcs1v15_sign(alg) || psa_alg_is_rsa_pss(alg)) {
        return Err(Error::InvalidArgument);
    }
    // Mbed TLS's order for a precomputed hash: no hash (PSS without one) is
    // `NotSupported`; a hash of the wrong length is `InvalidArgument`, where an
    // unknown hash algorithm has length 0; then the buffer size; an unknown
    // hash that got this far is `InvalidArgument`.
    let mut unknown_hash = false;
    if matches!(input, Input::Hash) && alg != PSA_ALG_RSA_PKCS1V15_SIGN_RAW {
        let h = psa_alg_sign_get_hash(alg);
        if h == PSA_ALG_NONE {
            return Err(Error::NotSupported);
        }
        match ecc::hash_len(h) {
            Some(n) if data.len() == n => {}
            None if data.is_empty() => unknown_hash = true,
            _ => return Err(Error::InvalidArgument),
        }
    }
    if let Data::Out(out) = io {
        if out.len() < rsa::signature_length(bits) {
            return Err(Error::BufferTooSmall);
        }
    }
    if unknown_hash {
        return Err(Error::InvalidArgument);
    }
    with_rsa_key(d, |p| match (input, io) {
        (Input::Hash, Data::Out(out)) => rsa::sign_hash_prepared(p, alg, data, out),
        (Input::Hash, Data::Sig(sig)) => rsa::verify_hash_prepared(p, alg, data, sig).map(|()| 0),
        (Input::Message, Data::Out(out)) => rsa::sign_message_prepared(p, alg, data, out),
        (Input::Message, Data::Sig(sig)) => rsa::verify_message_prepared(p, alg, data, sig).map(|()| 0),
    })
}

fn ecc_run(
    d: &KeyData,
    curve: Curve,
    alg: psa_algorithm_t,
    input: Input,
    data: &[u8],
    io: &mut Data<'_>,
) -> Result<usize> {
    let h = psa_alg_sign_get_hash(alg);
    if psa_alg_is_ecdsa(alg) {
        if !curve.is_weierstrass() {
            // Mbed TLS checks the signature buffer against the curve first.
            if matches!(io, Data::Out(out) if out.len() < curve.signature_len()) {
                return Err(Error::BufferTooSmall);
            }
            return Err(Error::InvalidArgument);
        }
        let deterministic = psa_alg_is_deterministic_ecdsa(alg);
        // RFC 6979 needs a real hash: none or an unknown one is invalid.
        if deterministic && matches!(io, Data::Out(_)) && ecc::hash_len(h).is_none() {
            return Err(Error::InvalidArgument);
        }
        match input {
            Input::Hash => check_hash_len(h, data)?,
            Input::Message => {
                ecc::hash_len(h).ok_or(Error::NotSupported)?;
            }
        }
        return with_ecc(d, |p| match (io, input) {
            (Data::Out(out), _) if out.len() < curve.signature_len() => Err(Error::BufferTooSmall),
            (Data::Out(out), Input::Hash) => p.ecdsa_sign_hash(h, deterministic, data, out),
            (Data::Out(out), Input::Message) => p.ecdsa_sign_message(h, deterministic, data, out),
            (Data::Sig(sig), Input::Hash) => p.ecdsa_verify_hash(data, sig).map(|_| 0),
            (Data::Sig(sig), Input::Message) => p.ecdsa_verify_message(h, data, sig).map(|_| 0),
        });
    }
    let prehash_curve = match alg {
        PSA_ALG_PURE_EDDSA => None,
        PSA_ALG_ED25519PH => Some(Curve::Ed25519),
        PSA_ALG_ED448PH => Some(Curve::Ed448),
        _ => return Err(Error::InvalidArgument),
    };
    if !curve.is_edwards() || prehash_curve.is_some_and(|c| c != curve) {
        return Err(Error::InvalidArgument);
    }
    let digest;
    let message_or_hash: &[u8] = match (prehash_curve, input) {
        (Some(_), Input::Hash) => {
            check_hash_len(h, data)?;
            data
        }
        (Some(_), Input::Message) => {
            digest = ecc::hash_message(h, data)?;
            &digest
        }
        (None, _) => data,
    };
    with_ecc(d, |p| match (io, prehash_curve) {
        (Data::Out(out), _) if out.len() < curve.signature_len() => Err(Error::BufferTooSmall),
        (Data::Out(out), None) => p.eddsa_sign(message_or_hash, out),
        (Data::Out(out), Some(_)) => p.hash_eddsa_sign(message_or_hash, out),
        (Data::Sig(sig), None) => p.eddsa_verify(message_or_hash, sig).map(|_| 0),
        (Data::Sig(sig), Some(_)) => p.hash_eddsa_verify(message_or_hash, sig).map(|_| 0),
    })
}

/// `psa_sign_hash`: returns the signature length.
pub fn sign_hash(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if let Some(r) = super::driver::sign(id, alg, false, hash, out) {
        return r;
    }
    run(id, alg, Input::Hash, hash, Data::Out(out))
}

/// `psa_verify_hash`: `InvalidSignature` when the signature does not match.
pub fn verify_hash(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: &[u8],
    signature: &[u8],
) -> Result<()> {
    if let Some(r) = super::driver::verify(id, alg, false, hash, signature) {
        return r;
    }
    run(id, alg, Input::Hash, hash, Data::Sig(signature)).map(|_| ())
}

/// `psa_sign_message`: returns the signature length.
pub fn sign_message(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    msg: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if let Some(r) = super::driver::sign(id, alg, true, msg, out) {
        return r;
    }
    run(id, alg, Input::Message, msg, Data::Out(out))
}

/// `psa_verify_message`: `InvalidSignature` when the signature does not match.
pub fn verify_message(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    msg: &[u8],
    signature: &[u8],
) -> Result<()> {
    if let Some(r) = super::driver::verify(id, alg, true, msg, signature) {
        return r;
    }
    run(id, alg, Input::Message, msg, Data::Sig(signature)).map(|_| ())
}
