//! Password-authenticated key exchange (PSA Crypto API 1.3, chapter 10.12).
//!
//! Not implemented yet: no PAKE algorithm is supported, so `psa_pake_setup`
//! runs the specification's checks (operation state, cipher suite, password
//! key handle, usage, policy and type) and then returns `NotSupported`, leaving
//! the operation inactive. Every other step therefore finds an inactive object
//! and returns `BadState`; `psa_pake_abort` of an inactive object succeeds.
//! The cipher-suite accessors are complete.
use super::operation::{self, Ops, Words};
use super::{core, policy};
use crate::types::*;

/// The state of a live PAKE operation. No algorithm exists yet, so no
/// operation is ever started; the table gives the object the same handle
/// checks as every other operation (a non-zero object is garbage).
pub struct PakeState;

static OPS: Ops<PakeState> = Ops::new(super::operation::kind::PAKE);

/// `psa_pake_cs_set_algorithm`: a non-PAKE algorithm is stored as
/// `PSA_ALG_NONE` (as Mbed TLS does), so that `psa_pake_setup` rejects it.
pub fn cs_set_algorithm(cs: &mut psa_pake_cipher_suite_t, alg: psa_algorithm_t) {
    cs.private_algorithm = if psa_alg_is_pake(alg) { alg } else { PSA_ALG_NONE };
}

/// Mbed TLS 3.x `psa_pake_cs_set_hash`: a non-hash algorithm is stored as 0.
pub fn cs_set_hash(cs: &mut psa_pake_cipher_suite_t, hash: psa_algorithm_t) {
    cs.private_hash = if psa_alg_is_hash(hash) { hash } else { PSA_ALG_NONE };
}

/// Whether `t` can hold the password of `alg`.
fn password_type_ok(alg: psa_algorithm_t, t: psa_key_type_t) -> bool {
    if psa_alg_is_jpake(alg) {
        t == PSA_KEY_TYPE_PASSWORD || t == PSA_KEY_TYPE_PASSWORD_HASH || t == PSA_KEY_TYPE_DERIVE
    } else if psa_alg_is_spake2p(alg) {
        psa_key_type_is_spake2p(t)
    } else {
        false
    }
}

/// `psa_pake_setup`: every check that comes before the algorithm, then
/// `NotSupported`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, password_key: psa_key_id_t, cs: &psa_pake_cipher_suite_t) -> Result<()> {
    let c = core()?;
    // SAFETY: forwarded caller contract.
    if unsafe { &*words }.iter().any(|&w| w != 0) {
        return Err(Error::BadState);
    }
    let alg = cs.private_algorithm;
    if !psa_alg_is_pake(alg) || cs.private_key_confirmation > PSA_PAKE_UNCONFIRMED_KEY {
        return Err(Error::InvalidArgument);
    }
    let k = c.keys.get(password_key)?;
    super::driver::local_only(k.data())?;
    let a = k.data().attrs;
    k.release()?;
    policy::require_usage(&a, PSA_KEY_USAGE_DERIVE)?;
    if !policy::key_permits(&a, alg) {
        return Err(Error::NotPermitted);
    }
    if !password_type_ok(alg, a.private_type) {
        return Err(Error::InvalidArgument);
    }
    // No PAKE algorithm is implemented yet (J-PAKE and SPAKE2+ come later).
    Err(Error::NotSupported)
}

/// Any step of a started operation (`set_role`, `set_user`, `set_peer`,
/// `set_context`, `output`, `input`, `get_shared_key` and Mbed TLS's
/// `set_password_key` / `get_implicit_key`): `BadState` for an inactive,
/// stale or garbage object. No operation can be live yet.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn step(words: *mut Words) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut live = unsafe { OPS.borrow(words) }?;
    let PakeState = live.state();
    Err(Error::NotSupported)
}

/// `psa_pake_abort`: an inactive object succeeds (even before
/// `psa_crypto_init`: an abort is always safe); garbage is `BadState`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort(&OPS, words) }
}
