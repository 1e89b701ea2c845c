//! Multi-part operations through drivers: the hooks of `api::{hash, mac,
//! cipher, aead}`'s multi-part functions.
//!
//! A driver operation lives in a table of its own ([`Ops`] with a tag of
//! [`DRIVER_TAG`] | the kind), behind the same C objects as the built-in
//! operations: the handle's check word tells the tables apart, so a step
//! hook answers only for its own objects and returns `None` (the built-in
//! code continues) for every other object, at the cost of one comparison.
//!
//! * Setup: transparent drivers in registration order for a local key (or
//!   no key: hashes), the built-in code when all decline (or when the
//!   request is one the built-in code must report); for a key in a driver's
//!   location, its driver (`NotSupported` without the entry point).
//! * Steps: the core keeps the state machine (IV/nonce set, declared AEAD
//!   lengths, the direction of a MAC or AEAD operation) and checks every
//!   output length the driver reports; a failed step ends the operation.
//! * One call at a time on an operation: the table's busy flag
//!   (`Ops::borrow`); a second thread gets `BadState`.
//! * Keyed operations keep the driver operation in a [`KeyBound`]:
//!   `psa_destroy_key` waits for a step in progress (the bound value's mutex),
//!   then drops it, which calls the driver's `abort`; later steps get
//!   `BadState`. For an opaque key the driver's `destroy_key` runs after that.
//!   So a driver never sees a step on an operation whose key was destroyed.
use super::{active, aead_permits, cipher_permits, location, mac_permits, policy};
use crate::api::operation::{kind, KeyBound, Ops, Words};
use crate::api::{core, Core};
use crate::driver::ops::{Abort, AeadOp, CipherOp, HashOp, MacOp, Running};
use crate::driver::{Driver, Key, Registry};
use crate::keystore::KeyData;
use crate::types::*;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

/// Mixed into the kind tag of the driver operations' tables (a bit no kind
/// number uses), so that their objects fail the built-in tables' checks and
/// the other way round.
pub const DRIVER_TAG: u64 = 0x1000;

/// A driver hash operation.
pub struct DHash {
    run: Running<dyn HashOp>,
    alg: psa_algorithm_t,
}

/// A driver MAC operation.
pub struct DMac {
    run: KeyBound<Running<dyn MacOp>>,
    len: usize,
    verify: bool,
}

/// A driver cipher operation.
pub struct DCipher {
    run: KeyBound<Running<dyn CipherOp>>,
    iv_len: usize,
    iv_set: bool,
}

/// A driver AEAD operation.
pub struct DAead {
    run: KeyBound<Running<dyn AeadOp>>,
    encrypt: bool,
    nonce_len: usize,
    tag_len: usize,
    nonce_set: bool,
    lengths: Option<(usize, usize)>,
    ad: usize,
    text: usize,
    ad_started: bool,
    text_started: bool,
}

static HASH: Ops<DHash> = Ops::new(DRIVER_TAG | kind::HASH);
static MAC: Ops<DMac> = Ops::new(DRIVER_TAG | kind::MAC);
static CIPHER: Ops<DCipher> = Ops::new(DRIVER_TAG | kind::CIPHER);
static AEAD: Ops<DAead> = Ops::new(DRIVER_TAG | kind::AEAD);

/// Ends every live driver operation (`mbedtls_psa_crypto_free`, before the
/// drivers are dropped): each driver operation is aborted.
pub fn clear_operations() {
    HASH.clear();
    MAC.clear();
    CIPHER.clear();
    AEAD.clear();
}

/// The state of the object at a setup: `None` for an active object that is
/// not a driver operation (the built-in setup reports it), `Some(Err(BadState))`
/// for a live driver operation (aborted, as the built-in setups do), `Some(Ok)`
/// for an inactive object.
unsafe fn fresh<S>(ops: &Ops<S>, words: *mut Words) -> Option<Result<()>> {
    // SAFETY: caller contract.
    if unsafe { &*words }.iter().all(|&x| x == 0) {
        return Some(Ok(()));
    }
    // SAFETY: caller contract.
    let b = unsafe { ops.borrow(words) }.ok()?;
    b.finish();
    Some(Err(Error::BadState))
}

/// Runs one step on a driver operation; `None` when `words` is not one (or
/// no driver is active, or the core refuses: the built-in code reports).
/// An error, or `last`, ends the operation.
unsafe fn step<S, R>(ops: &Ops<S>, words: *mut Words, last: bool, f: impl FnOnce(&mut S) -> Result<R>) -> Option<Result<R>> {
    active()?;
    core().ok()?;
    // SAFETY: caller contract.
    let mut b = unsafe { ops.borrow(words) }.ok()?;
    let r = f(b.state());
    if r.is_err() || last {
        b.finish();
    }
    Some(r)
}

/// `psa_*_abort` of a driver operation.
unsafe fn abort<S>(ops: &Ops<S>, words: *mut Words) -> Option<Result<()>> {
    active()?;
    // SAFETY: caller contract.
    let b = unsafe { ops.borrow(words) }.ok()?;
    b.finish();
    Some(core().map(|_| ()))
}

/// The common part of the keyed setups: the key, its policy (`usage`,
/// `alg`, `permits`), then `setup` with every transparent driver in turn
/// (local key; `None` when all decline) or with the key's driver (opaque
/// key); `make` builds the state from the key and the running operation.
#[allow(clippy::too_many_arguments)]
fn keyed_setup<T: ?Sized + Abort, S>(
    reg: &'static Registry,
    c: &'static Core,
    id: psa_key_id_t,
    usage: psa_key_usage_t,
    alg: psa_algorithm_t,
    permits: impl Fn(&psa_key_attributes_t) -> Result<()>,
    setup: impl Fn(&dyn Driver, Key<'_>) -> Result<Box<T>>,
    make: impl FnOnce(&KeyData, Running<T>) -> S,
) -> Option<Result<S>> {
    let k = c.keys.get(id).ok()?;
    let d = k.data();
    let key = Key { attrs: &d.attrs, buffer: &d.material };
    let policy_ok = policy::require_usage(&d.attrs, usage).and_then(|_| policy::require_specific(alg));
    let run = if location(&d.attrs) == PSA_KEY_LOCATION_LOCAL_STORAGE {
        if policy_ok.is_err() || permits(&d.attrs).is_err() {
            return None;
        }
        let mut found = None;
        for t in reg.transparent() {
            match t.call(|drv| setup(drv, key)) {
                Err(Error::NotSupported) => continue,
                r => {
                    found = Some(r.map(|op| Running::new(t, op)));
                    break;
                }
            }
        }
        match found {
            Some(r) => r,
            None => {
                let _ = k.release();
                return None;
            }
        }
    } else {
        match (policy_ok.and_then(|_| permits(&d.attrs)), reg.opaque(location(&d.attrs))) {
            (Err(e), _) => Err(e),
            (Ok(()), Some(o)) => o.call(|drv| setup(drv, key)).map(|op| Running::new(o, op)),
            (Ok(()), None) => Err(Error::NotSupported),
        }
    };
    let r = run.map(|run| make(d, run));
    Some(k.release().and(r))
}

// ---------------------------------------------------------------------------
// Hash.

/// `psa_hash_setup` through a transparent driver.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn hash_setup(words: *mut Words, alg: psa_algorithm_t) -> Option<Result<()>> {
    let reg = active()?;
    core().ok()?;
    // SAFETY: caller contract.
    if let Err(e) = unsafe { fresh(&HASH, words) }? {
        return Some(Err(e));
    }
    if !psa_alg_is_hash(alg) || alg == PSA_ALG_ANY_HASH {
        return None;
    }
    let mut found = None;
    for t in reg.transparent() {
        match t.call(|drv| drv.hash_setup(alg)) {
            Err(Error::NotSupported) => continue,
            r => {
                found = Some(r.map(|op| Running::new(t, op)));
                break;
            }
        }
    }
    // SAFETY: caller contract.
    Some(found?.and_then(|run| unsafe { HASH.setup(words, DHash { run, alg }) }))
}

/// `psa_hash_update` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn hash_update(words: *mut Words, input: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { step(&HASH, words, false, |s| s.run.step(|op| op.update(input))) }
}

/// The digest of a driver hash operation into `out` (at least the hash length).
fn hash_digest(s: &mut DHash, out: &mut [u8]) -> Result<usize> {
    let n = psa_hash_length(s.alg);
    if out.len() < n {
        return Err(Error::BufferTooSmall);
    }
    let m = s.run.step(|op| op.finish(out))?;
    if m != n {
        return Err(Error::CorruptionDetected);
    }
    Ok(n)
}

/// `psa_hash_finish` of a driver operation (ends it).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn hash_finish(words: *mut Words, out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe { step(&HASH, words, true, |s| hash_digest(s, out)) }
}

/// `psa_hash_verify` of a driver operation: constant-time comparison.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn hash_verify(words: *mut Words, expected: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe {
        step(&HASH, words, true, |s| {
            let mut d = Zeroizing::new([0u8; PSA_HASH_MAX_SIZE as usize]);
            let n = hash_digest(s, &mut d[..])?;
            if n == expected.len() && bool::from(d[..n].ct_eq(expected)) {
                Ok(())
            } else {
                Err(Error::InvalidSignature)
            }
        })
    }
}

/// `psa_hash_abort` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn hash_abort(words: *mut Words) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { abort(&HASH, words) }
}

/// `psa_hash_clone` of a driver operation (the driver's `hash_clone`; the
/// source stays active when it fails).
///
/// # Safety
/// Both pointers must be valid for reads and writes.
pub unsafe fn hash_clone(source: *mut Words, target: *mut Words) -> Option<Result<()>> {
    active()?;
    core().ok()?;
    if core::ptr::eq(source, target) {
        return None;
    }
    // SAFETY: caller contract.
    let mut b = unsafe { HASH.borrow(source) }.ok()?;
    let s = b.state();
    let alg = s.alg;
    let drv = s.run.driver();
    let copy = s.run.step(|op| op.clone_op()).map(|op| DHash { run: Running::new(drv, op), alg });
    drop(b);
    // SAFETY: caller contract; `setup` refuses an active target.
    Some(copy.and_then(|c| unsafe { HASH.setup(target, c) }))
}

/// `psa_hash_suspend` of a driver operation: `NotSupported` (the interface
/// has no suspend entry point); the operation ends, as on any suspend error.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn hash_suspend(words: *mut Words) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe { step(&HASH, words, true, |_| Err(Error::NotSupported)) }
}

// ---------------------------------------------------------------------------
// MAC.

/// `psa_mac_sign_setup` / `psa_mac_verify_setup` through a driver.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn mac_setup(words: *mut Words, id: psa_key_id_t, alg: psa_algorithm_t, verify: bool) -> Option<Result<()>> {
    let reg = active()?;
    let c = core().ok()?;
    // SAFETY: caller contract.
    if let Err(e) = unsafe { fresh(&MAC, words) }? {
        return Some(Err(e));
    }
    if !psa_alg_is_mac(alg) {
        return None;
    }
    let usage = if verify { PSA_KEY_USAGE_VERIFY_MESSAGE } else { PSA_KEY_USAGE_SIGN_MESSAGE };
    let st = keyed_setup(reg, c, id, usage, alg, mac_permits(alg), |drv, key| drv.mac_setup(key, alg, verify), |kd, run| {
        let len = psa_mac_length(kd.attrs.private_type, kd.attrs.private_bits as usize, alg);
        DMac { run: KeyBound::new(kd, run), len, verify }
    })?;
    // SAFETY: caller contract.
    Some(st.and_then(|s| unsafe { MAC.setup(words, s) }))
}

/// `psa_mac_update` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn mac_update(words: *mut Words, input: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { step(&MAC, words, false, |s| s.run.with(|r| r.step(|op| op.update(input)))?) }
}

/// `psa_mac_sign_finish` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn mac_sign_finish(words: *mut Words, out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&MAC, words, true, |s| {
            if s.verify {
                return Err(Error::BadState);
            }
            if out.len() < s.len {
                return Err(Error::BufferTooSmall);
            }
            let n = s.run.with(|r| r.step(|op| op.sign_finish(out)))??;
            if n != s.len {
                return Err(Error::CorruptionDetected);
            }
            Ok(n)
        })
    }
}

/// `psa_mac_verify_finish` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn mac_verify_finish(words: *mut Words, expected: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe {
        step(&MAC, words, true, |s| {
            if !s.verify {
                return Err(Error::BadState);
            }
            s.run.with(|r| r.step(|op| op.verify_finish(expected)))?
        })
    }
}

/// `psa_mac_abort` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn mac_abort(words: *mut Words) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { abort(&MAC, words) }
}

// ---------------------------------------------------------------------------
// Cipher.

/// `psa_cipher_encrypt_setup` / `psa_cipher_decrypt_setup` through a driver.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn cipher_setup(words: *mut Words, id: psa_key_id_t, alg: psa_algorithm_t, encrypt: bool) -> Option<Result<()>> {
    let reg = active()?;
    let c = core().ok()?;
    // SAFETY: caller contract.
    if let Err(e) = unsafe { fresh(&CIPHER, words) }? {
        return Some(Err(e));
    }
    if !psa_alg_is_cipher(alg) {
        return None;
    }
    let usage = if encrypt { PSA_KEY_USAGE_ENCRYPT } else { PSA_KEY_USAGE_DECRYPT };
    let permits = cipher_permits(alg);
    let st = keyed_setup(reg, c, id, usage, alg, permits, |drv, key| drv.cipher_setup(key, alg, encrypt), |kd, run| {
        let iv_len = psa_cipher_iv_length(kd.attrs.private_type, alg);
        DCipher { run: KeyBound::new(kd, run), iv_len, iv_set: false }
    })?;
    // SAFETY: caller contract.
    Some(st.and_then(|s| unsafe { CIPHER.setup(words, s) }))
}

/// `psa_cipher_generate_iv` of a driver operation: the core's random IV of
/// the default length, passed to the driver's `set_iv`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn cipher_generate_iv(words: *mut Words, out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&CIPHER, words, false, |s| {
            if s.iv_set || s.iv_len == 0 {
                return Err(Error::BadState);
            }
            let iv = out.get_mut(..s.iv_len).ok_or(Error::BufferTooSmall)?;
            crate::crypto::random::fill(iv)?;
            s.run.with(|r| r.step(|op| op.set_iv(iv)))??;
            s.iv_set = true;
            Ok(s.iv_len)
        })
    }
}

/// `psa_cipher_set_iv` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn cipher_set_iv(words: *mut Words, iv: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe {
        step(&CIPHER, words, false, |s| {
            if s.iv_set || s.iv_len == 0 {
                return Err(Error::BadState);
            }
            if iv.len() > PSA_CIPHER_IV_MAX_SIZE {
                return Err(Error::InvalidArgument);
            }
            s.run.with(|r| r.step(|op| op.set_iv(iv)))??;
            s.iv_set = true;
            Ok(())
        })
    }
}

/// `psa_cipher_update` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn cipher_update(words: *mut Words, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&CIPHER, words, false, |s| {
            if s.iv_len != 0 && !s.iv_set {
                return Err(Error::BadState);
            }
            s.run.with(|r| r.step(|op| op.update(input, out)))?
        })
    }
}

/// `psa_cipher_finish` of a driver operation (ends it).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn cipher_finish(words: *mut Words, out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&CIPHER, words, true, |s| {
            if s.iv_len != 0 && !s.iv_set {
                return Err(Error::BadState);
            }
            s.run.with(|r| r.step(|op| op.finish(out)))?
        })
    }
}

/// `psa_cipher_abort` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn cipher_abort(words: *mut Words) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { abort(&CIPHER, words) }
}

// ---------------------------------------------------------------------------
// AEAD.

/// `psa_aead_encrypt_setup` / `psa_aead_decrypt_setup` through a driver.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_setup(words: *mut Words, id: psa_key_id_t, alg: psa_algorithm_t, encrypt: bool) -> Option<Result<()>> {
    let reg = active()?;
    let c = core().ok()?;
    // SAFETY: caller contract.
    if let Err(e) = unsafe { fresh(&AEAD, words) }? {
        return Some(Err(e));
    }
    if !psa_alg_is_aead(alg) {
        return None;
    }
    let usage = if encrypt { PSA_KEY_USAGE_ENCRYPT } else { PSA_KEY_USAGE_DECRYPT };
    let permits = aead_permits(alg);
    let st = keyed_setup(reg, c, id, usage, alg, permits, |drv, key| drv.aead_setup(key, alg, encrypt), |kd, run| {
        let (t, bits) = (kd.attrs.private_type, kd.attrs.private_bits as usize);
        DAead {
            run: KeyBound::new(kd, run),
            encrypt,
            nonce_len: psa_aead_nonce_length(t, alg),
            tag_len: psa_aead_tag_length(t, bits, alg),
            nonce_set: false,
            lengths: None,
            ad: 0,
            text: 0,
            ad_started: false,
            text_started: false,
        }
    })?;
    // SAFETY: caller contract.
    Some(st.and_then(|s| unsafe { AEAD.setup(words, s) }))
}

/// `psa_aead_set_lengths` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_set_lengths(words: *mut Words, ad_len: usize, text_len: usize) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe {
        step(&AEAD, words, false, |s| {
            if s.lengths.is_some() || s.ad_started || s.text_started {
                return Err(Error::BadState);
            }
            s.run.with(|r| r.step(|op| op.set_lengths(ad_len, text_len)))??;
            s.lengths = Some((ad_len, text_len));
            Ok(())
        })
    }
}

fn install_nonce(s: &mut DAead, nonce: &[u8]) -> Result<()> {
    if s.nonce_set {
        return Err(Error::BadState);
    }
    if nonce.len() > PSA_AEAD_NONCE_MAX_SIZE {
        return Err(Error::InvalidArgument);
    }
    s.run.with(|r| r.step(|op| op.set_nonce(nonce)))??;
    s.nonce_set = true;
    Ok(())
}

/// `psa_aead_generate_nonce` of a driver operation: the core's random nonce
/// of the default length, passed to the driver's `set_nonce`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_generate_nonce(words: *mut Words, out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&AEAD, words, false, |s| {
            if !s.encrypt || s.nonce_set {
                return Err(Error::BadState);
            }
            let nonce = out.get_mut(..s.nonce_len).ok_or(Error::BufferTooSmall)?;
            crate::crypto::random::fill(nonce)?;
            install_nonce(s, nonce)?;
            Ok(s.nonce_len)
        })
    }
}

/// `psa_aead_set_nonce` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_set_nonce(words: *mut Words, nonce: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { step(&AEAD, words, false, |s| install_nonce(s, nonce)) }
}

/// `psa_aead_update_ad` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_update_ad(words: *mut Words, input: &[u8]) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe {
        step(&AEAD, words, false, |s| {
            if !s.nonce_set || s.text_started {
                return Err(Error::BadState);
            }
            let total = s.ad.checked_add(input.len()).ok_or(Error::InvalidArgument)?;
            if s.lengths.is_some_and(|(a, _)| total > a) {
                return Err(Error::InvalidArgument);
            }
            s.run.with(|r| r.step(|op| op.update_ad(input)))??;
            s.ad = total;
            s.ad_started = true;
            Ok(())
        })
    }
}

/// `psa_aead_update` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_update(words: *mut Words, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&AEAD, words, false, |s| {
            if !s.nonce_set {
                return Err(Error::BadState);
            }
            let total = s.text.checked_add(input.len()).ok_or(Error::InvalidArgument)?;
            if let Some((a, t)) = s.lengths {
                if s.ad != a || total > t {
                    return Err(Error::InvalidArgument);
                }
            }
            let n = s.run.with(|r| r.step(|op| op.update(input, out)))??;
            s.text = total;
            s.text_started = true;
            Ok(n)
        })
    }
}

/// The checks shared by finish and verify.
fn final_checks(s: &DAead, encrypt: bool) -> Result<()> {
    if s.encrypt != encrypt || !s.nonce_set {
        return Err(Error::BadState);
    }
    if s.lengths.is_some_and(|(a, t)| a != s.ad || t != s.text) {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

/// `psa_aead_finish` of a driver operation (ends it).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_finish(words: *mut Words, out: &mut [u8], tag: &mut [u8]) -> Option<Result<(usize, usize)>> {
    // SAFETY: caller contract.
    unsafe {
        step(&AEAD, words, true, |s| {
            if s.encrypt && s.nonce_set && tag.len() < s.tag_len {
                return Err(Error::BufferTooSmall);
            }
            final_checks(s, true)?;
            let (n, t) = s.run.with(|r| r.step(|op| op.finish(out, tag)))??;
            if t != s.tag_len {
                return Err(Error::CorruptionDetected);
            }
            Ok((n, t))
        })
    }
}

/// `psa_aead_verify` of a driver operation (ends it).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_verify(words: *mut Words, out: &mut [u8], tag: &[u8]) -> Option<Result<usize>> {
    // SAFETY: caller contract.
    unsafe {
        step(&AEAD, words, true, |s| {
            final_checks(s, false)?;
            s.run.with(|r| r.step(|op| op.verify(out, tag)))?
        })
    }
}

/// `psa_aead_abort` of a driver operation.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn aead_abort(words: *mut Words) -> Option<Result<()>> {
    // SAFETY: caller contract.
    unsafe { abort(&AEAD, words) }
}
