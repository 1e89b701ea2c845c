//! Multi-part signature operations (PSA Crypto API 1.5): `psa_sign_setup` /
//! `_set_context` / `_update` / `_finish` / `_abort` and the verify twins.
//!
//! Every hash-and-sign algorithm (RSA PKCS#1 v1.5 and PSS, randomized and
//! deterministic ECDSA, HashEdDSA) hashes the fragments as they come and signs
//! or verifies the hash at the end, exactly as `psa_sign_message` would.
//! PureEdDSA reads the message twice when signing, so the spec allows it only
//! for verification: the operation keeps the fragments and verifies the whole
//! message at the end. None of these algorithms takes a context: a
//! zero-length context is accepted, any other is `InvalidArgument`.
//!
//! The operation never stays registered as a reader of its key: setup copies
//! the key's attributes and material into a [`KeyBound`] (which
//! `psa_destroy_key` wipes: a later finish then gets `BadState`).
use zeroize::Zeroizing;

use super::operation::{self, KeyBound, Ops, Words};
use super::{core, policy, sign};
use crate::crypto::ecc;
use crate::crypto::hash::Hasher;
use crate::keystore::KeyData;
use crate::types::*;

/// How the message reaches the signature.
enum Acc {
    /// Hash-and-sign: the running hash of the fragments.
    Hash(Hasher),
    /// PureEdDSA verification: the fragments themselves.
    Message(Zeroizing<Vec<u8>>),
    /// Consumed by the final step.
    Done,
}

/// The state of a multi-part sign or verify operation.
pub struct SignOp {
    /// A copy of the key (attributes and material), wiped on destroy.
    key: KeyBound<KeyData>,
    alg: psa_algorithm_t,
    acc: Acc,
    /// A context or a fragment was given: no context may follow.
    started: bool,
    /// The signature to check (verify operations).
    signature: Vec<u8>,
}

static SIGN_OPS: Ops<SignOp> = Ops::new(operation::kind::SIGN);
static VERIFY_OPS: Ops<SignOp> = Ops::new(operation::kind::VERIFY);

fn ops(verify: bool) -> &'static Ops<SignOp> {
    if verify {
        &VERIFY_OPS
    } else {
        &SIGN_OPS
    }
}

/// Wipes every live sign and verify operation (`mbedtls_psa_crypto_free`).
pub fn clear_operations() {
    SIGN_OPS.clear();
    VERIFY_OPS.clear();
}

/// Key type / algorithm compatibility for a fragmented message, with the
/// statuses of the one-shot message functions: a key of the wrong family is
/// `InvalidArgument` (PureEdDSA on another curve: `NotSupported`, as
/// `psa_sign_message`), an unknown hash `NotSupported`, PureEdDSA signing
/// `InvalidArgument` (the spec does not allow it on a fragmented message).
fn check_key(t: psa_key_type_t, bits: usize, alg: psa_algorithm_t, verify: bool) -> Result<()> {
    if !verify && !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    if psa_alg_is_sign_hash(alg) && ecc::hash_len(psa_alg_sign_get_hash(alg)).is_none() {
        return Err(Error::NotSupported);
    }
    let curve = if psa_key_type_is_ecc(t) { ecc::curve(t, bits).ok() } else { None };
    if psa_alg_is_rsa_pkcs1v15_sign(alg) || psa_alg_is_rsa_pss(alg) {
        return if psa_key_type_is_rsa(t) { Ok(()) } else { Err(Error::InvalidArgument) };
    }
    if !psa_key_type_is_ecc(t) {
        // No signature family (a symmetric key): no driver, as the one-shot calls.
        return Err(if psa_key_type_is_rsa(t) { Error::InvalidArgument } else { Error::NotSupported });
    }
    let curve = curve.ok_or(Error::NotSupported)?;
    if psa_alg_is_ecdsa(alg) {
        return if curve.is_weierstrass() { Ok(()) } else { Err(Error::InvalidArgument) };
    }
    if alg == PSA_ALG_PURE_EDDSA {
        if !curve.is_edwards() {
            return Err(Error::NotSupported);
        }
        return if verify { Ok(()) } else { Err(Error::InvalidArgument) };
    }
    let prehash_curve = match alg {
        PSA_ALG_ED25519PH => ecc::Curve::Ed25519,
        PSA_ALG_ED448PH => ecc::Curve::Ed448,
        _ => return Err(Error::InvalidArgument),
    };
    if curve == prehash_curve {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// `psa_sign_setup` (`verify` false) / `psa_verify_setup` (`verify` true, with
/// the signature to check). The checks follow `psa_sign_message`: the
/// algorithm, the key's handle, usage (`SIGN_MESSAGE` / `VERIFY_MESSAGE`) and
/// policy (randomized and deterministic ECDSA equivalent for verification),
/// then the key's compatibility.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, id: psa_key_id_t, alg: psa_algorithm_t, verify: bool, signature: &[u8]) -> Result<()> {
    let c = core()?;
    let table = ops(verify);
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(table, words) }?;
    if !psa_alg_is_sign_message(alg) {
        return Err(Error::InvalidArgument);
    }
    let k = c.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    let usage = if verify { PSA_KEY_USAGE_VERIFY_MESSAGE } else { PSA_KEY_USAGE_SIGN_MESSAGE };
    policy::require_usage(&d.attrs, usage)?;
    policy::require_specific(alg)?;
    let permitted = if verify { policy::key_permits_verify(&d.attrs, alg) } else { policy::key_permits(&d.attrs, alg) };
    if !permitted {
        return Err(Error::NotPermitted);
    }
    check_key(t, bits, alg, verify)?;
    let acc = if psa_alg_is_sign_hash(alg) {
        Acc::Hash(Hasher::new(psa_alg_sign_get_hash(alg)).map_err(|_| Error::NotSupported)?)
    } else {
        Acc::Message(Zeroizing::new(Vec::new()))
    };
    let copy = KeyData::new(d.attrs, Zeroizing::new(d.material.to_vec()));
    let key = KeyBound::new(d, copy);
    k.release()?;
    let state = SignOp { key, alg, acc, started: false, signature: signature.to_vec() };
    // SAFETY: forwarded caller contract.
    unsafe { table.setup(words, state) }
}

/// Runs `f` on the live operation; any error ends it (the spec's error state:
/// later steps get `BadState`, abort succeeds).
///
/// # Safety
/// `words` must be valid for reads and writes.
unsafe fn step<R>(words: *mut Words, verify: bool, f: impl FnOnce(&mut SignOp) -> Result<R>) -> Result<R> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { ops(verify).borrow(words) }?;
    let r = f(b.state());
    if r.is_err() {
        b.finish();
    }
    r
}

/// `psa_sign_set_context` / `psa_verify_set_context`: only before the first
/// fragment and only once (`BadState` otherwise); a non-empty context is
/// `InvalidArgument` (no supported algorithm takes one).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_context(words: *mut Words, verify: bool, context: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        step(words, verify, |s| {
            if s.started {
                return Err(Error::BadState);
            }
            s.started = true;
            if context.is_empty() {
                Ok(())
            } else {
                Err(Error::InvalidArgument)
            }
        })
    }
}

/// `psa_sign_update` / `psa_verify_update`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update(words: *mut Words, verify: bool, input: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        step(words, verify, |s| {
            s.started = true;
            match &mut s.acc {
                Acc::Hash(h) => h.update(input),
                Acc::Message(m) => {
                    m.try_reserve(input.len()).map_err(|_| Error::InsufficientMemory)?;
                    m.extend_from_slice(input);
                    Ok(())
                }
                Acc::Done => Err(Error::BadState),
            }
        })
    }
}

/// The final step of both directions: the operation ends whatever the result.
///
/// # Safety
/// `words` must be valid for reads and writes.
unsafe fn final_step<R>(words: *mut Words, verify: bool, f: impl FnOnce(&mut SignOp, Acc) -> Result<R>) -> Result<R> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { ops(verify).borrow(words) }?;
    let s = b.state();
    let acc = core::mem::replace(&mut s.acc, Acc::Done);
    let r = f(s, acc);
    b.finish();
    r
}

/// `psa_sign_finish`: the signature of the concatenated fragments; returns
/// its length.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn sign_finish(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: forwarded caller contract.
    unsafe {
        final_step(words, false, |s, acc| {
            let Acc::Hash(h) = acc else { return Err(Error::BadState) };
            let digest = h.finish();
            let alg = s.alg;
            s.key.with(|d| sign::sign_hash_with(d, alg, digest.as_ref(), out))?
        })
    }
}

/// `psa_verify_finish`: `InvalidSignature` when the signature given at setup
/// does not match the concatenated fragments.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify_finish(words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        final_step(words, true, |s, acc| {
            let (alg, sig) = (s.alg, core::mem::take(&mut s.signature));
            match acc {
                Acc::Hash(h) => {
                    let digest = h.finish();
                    s.key.with(|d| sign::verify_hash_with(d, alg, digest.as_ref(), &sig))?
                }
                Acc::Message(m) => s.key.with(|d| sign::verify_message_with(d, alg, &m, &sig))?,
                Acc::Done => Err(Error::BadState),
            }
        })
    }
}

/// `psa_sign_abort` / `psa_verify_abort`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words, verify: bool) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort_call(ops(verify), words) }
}
