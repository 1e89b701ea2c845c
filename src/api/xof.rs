//! Multi-part XOF operations (PSA Crypto API 1.4): setup, set_context,
//! update, output, abort. Any error ends the operation (it enters the error
//! state, which abort clears), as Mbed TLS's core does.
use super::core;
use super::operation::{self, Ops, Words};
use crate::crypto::xof::{self, Xof};
use crate::types::*;

static OPS: Ops<Xof> = Ops::new(operation::kind::XOF);

/// Wipes every live XOF operation (`mbedtls_psa_crypto_free`).
pub fn clear_operations() {
    OPS.clear();
}

/// `psa_xof_setup`: `InvalidArgument` unless `alg` is an XOF algorithm,
/// `NotSupported` for XOFs this driver lacks.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, alg: psa_algorithm_t) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(&OPS, words) }?;
    if !psa_alg_is_xof(alg) {
        return Err(Error::InvalidArgument);
    }
    if !xof::supported(alg) {
        return Err(Error::NotSupported);
    }
    let x = Xof::new(alg)?;
    // SAFETY: forwarded caller contract.
    unsafe { OPS.setup(words, x) }
}

/// Runs `f` on the live operation; an error ends it.
///
/// # Safety
/// `words` must be valid for reads and writes.
unsafe fn step(words: *mut Words, f: impl FnOnce(&mut Xof) -> Result<()>) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let r = f(b.state());
    if r.is_err() {
        b.finish();
    }
    r
}

/// `psa_xof_set_context`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_context(words: *mut Words, context: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { step(words, |x| x.set_context(context)) }
}

/// `psa_xof_update`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update(words: *mut Words, input: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { step(words, |x| x.update(input)) }
}

/// `psa_xof_output`: fills `out` with the next output bytes.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn output(words: *mut Words, out: &mut [u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { step(words, |x| x.output(out)) }
}

/// `psa_xof_abort`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort_call(&OPS, words) }
}
