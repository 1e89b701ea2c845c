//! Mbed TLS's interruptible operations (extensions, not PSA Crypto API 1.3):
//! interruptible sign/verify hash (Mbed TLS 3.x) and TF-PSA-Crypto 1.0's
//! interruptible key generation, public-key export and key agreement, all for
//! elliptic-curve keys only, as in Mbed TLS.
//!
//! The primitives (RustCrypto's ECDSA, ECDH and key generation) are not
//! restartable, so the work is not divided. Instead:
//!
//! * `start`/`setup` runs the checks Mbed TLS runs there and records the
//!   inputs;
//! * an operation costs [`cost`] ops (one per byte of the curve size: 32 for
//!   P-256, 66 for P-521). A `complete` call may spend `max_ops` of them
//!   (`psa_interruptible_set_max_ops`, 0 counts as 1). While the ops spent so
//!   far plus this call's budget do not reach the cost, the call only adds its
//!   budget to the count and returns `PSA_OPERATION_INCOMPLETE`; the call whose
//!   budget reaches the cost does the whole computation and succeeds.
//!   With `PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED` (the default) the first call
//!   completes;
//! * `get_num_ops` is the ops counted so far (the cost once complete), 0 after
//!   init or abort.
//!
//! As in Mbed TLS: a failed start or complete leaves the operation in an error
//! state (`BadState` until abort); a completed operation is inactive but keeps
//! its op count until abort; abort of an inactive object always succeeds.
//!
//! The op count and the error flag live in the object's last word (the first
//! three hold the [`Ops`] handle), so an operation that completed needs no
//! table entry.
use core::sync::atomic::{AtomicU32, Ordering};

use super::operation::{self, Ops, Words};
use super::{core, policy};
use crate::types::*;

/// The current `max_ops` (process-wide, as in Mbed TLS). A plain atomic: it
/// guards no other data.
static MAX_OPS: AtomicU32 = AtomicU32::new(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED);

/// Error flag in the object's last word (beside the op count in bits 0..32).
const ERROR_FLAG: u64 = 1 << 63;
/// Index of the word holding the op count and error flag.
const COUNT_WORD: usize = RUSTPSA_OPERATION_WORDS - 1;

/// `psa_interruptible_set_max_ops`.
pub fn set_max_ops(n: u32) {
    MAX_OPS.store(n, Ordering::Relaxed);
}

/// `psa_interruptible_get_max_ops`.
pub fn max_ops() -> u32 {
    MAX_OPS.load(Ordering::Relaxed)
}

/// What a started operation will compute.
pub enum Job {
    /// `psa_sign_hash_start`.
    Sign {
        /// The key.
        key: psa_key_id_t,
        /// The algorithm.
        alg: psa_algorithm_t,
        /// The hash to sign.
        hash: Vec<u8>,
    },
    /// `psa_verify_hash_start`.
    Verify {
        /// The key.
        key: psa_key_id_t,
        /// The algorithm.
        alg: psa_algorithm_t,
        /// The hash.
        hash: Vec<u8>,
        /// The signature to check.
        signature: Vec<u8>,
    },
    /// `psa_generate_key_iop_setup`.
    Generate {
        /// The new key's attributes.
        attrs: psa_key_attributes_t,
    },
    /// `psa_export_public_key_iop_setup`.
    ExportPublic {
        /// The key.
        key: psa_key_id_t,
    },
    /// `psa_key_agreement_iop_setup`.
    Agree {
        /// The private key.
        key: psa_key_id_t,
        /// The peer's public key.
        peer: Vec<u8>,
        /// The key agreement algorithm.
        alg: psa_algorithm_t,
        /// The new key's attributes.
        attrs: psa_key_attributes_t,
    },
}

/// A started operation: its job, its cost and the ops spent so far.
pub struct State {
    job: Job,
    cost: u32,
    done: u32,
}

static OPS: Ops<State> = Ops::new(super::operation::kind::INTERRUPTIBLE);

/// Wipes every live interruptible operation (`mbedtls_psa_crypto_free`).
pub fn clear_operations() {
    OPS.clear();
}

/// The ops an operation on an ECC key of `bits` bits costs.
pub fn cost(bits: usize) -> u32 {
    bits.div_ceil(8).max(1) as u32
}

/// # Safety
/// `words` must be valid for reads.
unsafe fn count_word(words: *const Words) -> u64 {
    // SAFETY: forwarded caller contract.
    unsafe { (*words)[COUNT_WORD] }
}

/// `*_get_num_ops`: the ops counted so far (a read of the object only).
///
/// # Safety
/// `words` must be valid for reads.
pub unsafe fn num_ops(words: *const Words) -> u32 {
    // SAFETY: forwarded caller contract.
    (unsafe { count_word(words) } & 0xffff_ffff) as u32
}

/// Starts `job` on `words` after `check` (which returns the cost): `BadState`
/// on an active or failed object; a failing check puts the object in the
/// error state.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn start(words: *mut Words, check: impl FnOnce() -> Result<(Job, u32)>) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract.
    let w = unsafe { &mut *words };
    if w[..COUNT_WORD].iter().any(|&x| x != 0) || w[COUNT_WORD] & ERROR_FLAG != 0 {
        return Err(Error::BadState);
    }
    w[COUNT_WORD] = 0;
    match check() {
        Ok((job, cost)) => {
            // SAFETY: forwarded caller contract.
            unsafe { OPS.setup(words, State { job, cost, done: 0 }) }
        }
        Err(e) => {
            w[COUNT_WORD] = ERROR_FLAG;
            Err(e)
        }
    }
}

/// One `complete` call: `Ok(None)` while incomplete, `Ok(Some(r))` once `run`
/// did the work. The operation ends (inactive, count kept) on success and on
/// error (error flag set).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn complete<R>(words: *mut Words, run: impl FnOnce(&Job) -> Result<R>) -> Result<Option<R>> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut live = unsafe { OPS.borrow(words) }?;
    let budget = match max_ops() {
        PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED => u32::MAX,
        n => n.max(1),
    };
    let s = live.state();
    let remaining = s.cost - s.done;
    if budget < remaining {
        s.done += budget;
        let done = s.done;
        drop(live);
        // SAFETY: forwarded caller contract.
        unsafe { (*words)[COUNT_WORD] = u64::from(done) };
        return Ok(None);
    }
    let result = run(&s.job);
    let cost = s.cost;
    live.finish();
    // SAFETY: forwarded caller contract (`finish` zeroed the object).
    let w = unsafe { &mut *words };
    w[COUNT_WORD] = u64::from(cost) | if result.is_err() { ERROR_FLAG } else { 0 };
    result.map(Some)
}

/// `*_abort`: ends a live operation, clears the count and the error state; an
/// inactive object succeeds (even before `psa_crypto_init`); garbage is
/// `BadState`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    let w = unsafe { &mut *words };
    if w[..COUNT_WORD].iter().all(|&x| x == 0) {
        w[COUNT_WORD] = 0;
        return Ok(());
    }
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort(&OPS, words) }
}

/// The attributes of `key`, after the usage and policy check of `alg`.
fn key_for(key: psa_key_id_t, usage: psa_key_usage_t, alg: Option<psa_algorithm_t>) -> Result<psa_key_attributes_t> {
    let c = core()?;
    let k = c.keys.get(key)?;
    super::driver::local_only(k.data())?;
    let a = k.data().attrs;
    k.release()?;
    policy::require_usage(&a, usage)?;
    if let Some(alg) = alg {
        if !policy::key_permits(&a, alg) {
            return Err(Error::NotPermitted);
        }
    }
    Ok(a)
}

/// The checks of Mbed TLS's interruptible sign/verify start: a hash-signing
/// algorithm (`InvalidArgument`), the key's usage and policy, then ECDSA on
/// an ECC key only (`NotSupported`). Returns the cost.
fn check_sign_verify(key: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t) -> Result<u32> {
    if !psa_alg_is_sign_hash(alg) || psa_alg_is_wildcard(alg) {
        return Err(Error::InvalidArgument);
    }
    let a = key_for(key, usage, Some(alg))?;
    let t = a.private_type;
    if usage == PSA_KEY_USAGE_SIGN_HASH && !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    if !psa_key_type_is_ecc(t) || !psa_alg_is_ecdsa(alg) {
        return Err(Error::NotSupported);
    }
    Ok(cost(a.private_bits as usize))
}

/// `psa_sign_hash_start`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn sign_start(words: *mut Words, key: psa_key_id_t, alg: psa_algorithm_t, hash: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        start(words, || {
            let cost = check_sign_verify(key, alg, PSA_KEY_USAGE_SIGN_HASH)?;
            Ok((Job::Sign { key, alg, hash: hash.to_vec() }, cost))
        })
    }
}

/// `psa_verify_hash_start`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify_start(
    words: *mut Words,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: &[u8],
    signature: &[u8],
) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        start(words, || {
            let cost = check_sign_verify(key, alg, PSA_KEY_USAGE_VERIFY_HASH)?;
            Ok((Job::Verify { key, alg, hash: hash.to_vec(), signature: signature.to_vec() }, cost))
        })
    }
}

/// `psa_generate_key_iop_setup`: ECC key pairs only (`NotSupported` for other
/// types, as TF-PSA-Crypto); the attributes are checked at completion by
/// `psa_generate_key` itself.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn generate_setup(words: *mut Words, attrs: &psa_key_attributes_t) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        start(words, || {
            if !psa_key_type_is_ecc_key_pair(attrs.private_type) {
                return Err(Error::NotSupported);
            }
            Ok((Job::Generate { attrs: *attrs }, cost(attrs.private_bits as usize)))
        })
    }
}

/// `psa_export_public_key_iop_setup`: ECC keys only (`NotSupported` otherwise).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn export_public_setup(words: *mut Words, key: psa_key_id_t) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        start(words, || {
            let a = key_for(key, 0, None)?;
            if !psa_key_type_is_ecc(a.private_type) {
                return Err(Error::NotSupported);
            }
            Ok((Job::ExportPublic { key }, cost(a.private_bits as usize)))
        })
    }
}

/// `psa_key_agreement_iop_setup`: ECDH only (`NotSupported` for other
/// algorithms, `InvalidArgument` for non-agreement ones), after the key's
/// usage and policy.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn agreement_setup(
    words: *mut Words,
    key: psa_key_id_t,
    peer: &[u8],
    alg: psa_algorithm_t,
    attrs: &psa_key_attributes_t,
) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        start(words, || {
            if !psa_alg_is_standalone_key_agreement(alg) {
                return Err(Error::InvalidArgument);
            }
            let a = key_for(key, PSA_KEY_USAGE_DERIVE, Some(alg))?;
            if alg != PSA_ALG_ECDH || !psa_key_type_is_ecc_key_pair(a.private_type) {
                return Err(Error::NotSupported);
            }
            Ok((Job::Agree { key, peer: peer.to_vec(), alg, attrs: *attrs }, cost(a.private_bits as usize)))
        })
    }
}
