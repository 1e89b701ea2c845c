//! Message digests: one-shot and multi-part (with clone, suspend and resume).
use subtle::ConstantTimeEq;

use super::core;
use super::operation::{self, Ops, Words};
use crate::crypto::hash::{self, Hasher};
use crate::types::*;

/// `InvalidArgument` unless `alg` is a specific hash algorithm; `NotSupported`
/// for hashes this driver lacks.
fn check_alg(alg: psa_algorithm_t) -> Result<()> {
    if !psa_alg_is_hash(alg) {
        return Err(Error::InvalidArgument);
    }
    // The wildcard names no hash: not supported, as Mbed TLS reports.
    if alg == PSA_ALG_ANY_HASH {
        return Err(Error::NotSupported);
    }
    if !hash::supported(alg) {
        return Err(Error::NotSupported);
    }
    Ok(())
}

fn digest(alg: psa_algorithm_t, input: &[u8]) -> Result<hash::Digest> {
    super::core_whitelisted()?;
    check_alg(alg)?;
    hash::compute(alg, input)
}

fn write(d: &hash::Digest, out: &mut [u8]) -> Result<usize> {
    let n = d.as_ref().len();
    out.get_mut(..n)
        .ok_or(Error::BufferTooSmall)?
        .copy_from_slice(d.as_ref());
    Ok(n)
}

fn ct_matches(d: &[u8], expected: &[u8]) -> bool {
    d.len() == expected.len() && bool::from(d.ct_eq(expected))
}

/// `psa_hash_compute`: returns the digest length.
pub fn compute(alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
    if let Some(r) = super::driver::hash_compute(alg, input, out) {
        return r;
    }
    write(&digest(alg, input)?, out)
}

/// `psa_hash_compare`: constant-time comparison with `expected`.
pub fn compare(alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Result<()> {
    if let Some(r) = super::driver::hash_compare(alg, input, expected) {
        return r;
    }
    let d = digest(alg, input)?;
    if ct_matches(d.as_ref(), expected) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

// ---------------------------------------------------------------------------
// Multi-part hash operations.

static OPS: Ops<Hasher> = Ops::new(operation::kind::HASH);

/// Wipes every live hash operation (`mbedtls_psa_crypto_free`).
pub fn clear_operations() {
    OPS.clear();
}

/// `psa_hash_setup`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, alg: psa_algorithm_t) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_setup(words, alg) } {
        return r;
    }
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(&OPS, words) }?;
    check_alg(alg)?;
    let h = Hasher::new(alg)?;
    // SAFETY: forwarded caller contract.
    unsafe { OPS.setup(words, h) }
}

/// `psa_hash_update`; an error aborts the operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update(words: *mut Words, input: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_update(words, input) } {
        return r;
    }
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let r = b.state().update(input);
    if r.is_err() {
        b.finish();
    }
    r
}

/// Ends the operation and returns its digest.
fn take(words: *mut Words) -> Result<hash::Digest> {
    // SAFETY: the callers' contract: `words` is valid.
    let mut b = unsafe { OPS.borrow(words) }?;
    let d = b.state().clone().finish();
    b.finish();
    Ok(d)
}

/// `psa_hash_finish`: returns the digest length. A buffer too small ends the
/// operation (it enters the error state, which abort clears).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn finish(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_finish(words, out) } {
        return r;
    }
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    if out.len() < psa_hash_length(b.state().alg()) {
        b.finish();
        return Err(Error::BufferTooSmall);
    }
    let d = b.state().clone().finish();
    b.finish();
    write(&d, out)
}

/// `psa_hash_verify`: constant-time comparison.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify(words: *mut Words, expected: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_verify(words, expected) } {
        return r;
    }
    core()?;
    let d = take(words)?;
    if ct_matches(d.as_ref(), expected) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

/// `psa_hash_abort`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_abort(words) } {
        return r;
    }
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort_call(&OPS, words) }
}

/// `psa_hash_clone`: the target must be inactive.
///
/// # Safety
/// Both pointers must be valid for reads and writes.
pub unsafe fn clone(source: *mut Words, target: *mut Words) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_clone(source, target) } {
        return r;
    }
    core()?;
    if core::ptr::eq(source, target) {
        return Err(Error::BadState);
    }
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(source) }?;
    let copy = b.state().clone();
    drop(b);
    // SAFETY: forwarded caller contract; `setup` refuses an active target.
    unsafe { OPS.setup(target, copy) }
}

/// `psa_hash_suspend`: writes the hash suspend state; returns its length. On
/// success the operation ends; on error it is aborted.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn suspend(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::hash_suspend(words) } {
        return r;
    }
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let r = b.state().suspend(out);
    b.finish();
    r
}

/// `psa_hash_resume`: sets up an inactive operation from a suspend state.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn resume(words: *mut Words, state: &[u8]) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(&OPS, words) }?;
    let h = Hasher::resume(state)?;
    // SAFETY: forwarded caller contract.
    unsafe { OPS.setup(words, h) }
}
