//! Authenticated encryption with associated data: one-shot and multi-part.
//!
//! One-shot decryption writes the plaintext only after the tag has been
//! checked. Multi-part decryption releases plaintext from `psa_aead_update`
//! before `psa_aead_verify` has checked the tag, for every algorithm (the
//! spec's size macros leave no room for holding the message back); an
//! application must discard it if verify fails.
use subtle::ConstantTimeEq;

use super::cipher::with_prepared;
use super::operation::{self, KeyBound, Ops, Words};
use super::{core, policy};
use crate::crypto::aead::{self as crypto, AeadEngine, Kind};
use crate::crypto::cipher::SymKey;
use crate::crypto::random;
use crate::keystore::KeyRef;
use crate::types::*;

/// Parses `alg`: `InvalidArgument` for a non-AEAD or wildcard algorithm,
/// `NotSupported` for an unknown one.
#[inline(always)]
fn kind_of(alg: psa_algorithm_t) -> Result<(Kind, usize)> {
    if !psa_alg_is_aead(alg) {
        return Err(Error::InvalidArgument);
    }
    policy::require_specific(alg)?;
    let kind = match psa_alg_aead_with_default_length_tag(alg) {
        PSA_ALG_GCM => Kind::Gcm,
        PSA_ALG_CCM => Kind::Ccm,
        PSA_ALG_CHACHA20_POLY1305 => Kind::ChaChaPoly,
        PSA_ALG_XCHACHA20_POLY1305 => Kind::XChaChaPoly,
        PSA_ALG_ASCON_AEAD128 => Kind::Ascon,
        _ => return Err(Error::NotSupported),
    };
    Ok((kind, psa_alg_aead_get_tag_length(alg)))
}

/// Whether `tag_len` is a tag length of `kind`.
fn tag_ok(kind: Kind, tag_len: usize) -> bool {
    match kind {
        Kind::Gcm => matches!(tag_len, 4 | 8 | 12..=16),
        Kind::Ccm => (4..=16).contains(&tag_len) && tag_len % 2 == 0,
        Kind::ChaChaPoly | Kind::XChaChaPoly => tag_len == 16,
        // SP 800-232 §4.2.1: a truncated tag of at least 32 bits.
        Kind::Ascon => (4..=16).contains(&tag_len),
    }
}

/// The key type checks for `kind` (`NotSupported`: no AEAD for the pair);
/// a ChaCha20-Poly1305 tag other than 16 bytes is `NotSupported` here too
/// (Mbed TLS's one-shot driver); the other invalid tag lengths are checked
/// after the buffer size ([`tag_after_buffer`]).
#[inline(always)]
fn check(kind: Kind, t: psa_key_type_t, tag_len: usize) -> Result<()> {
    let type_ok = match kind {
        Kind::Gcm | Kind::Ccm
            if matches!(t, PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA) =>
        {
            true
        }
        Kind::Gcm | Kind::Ccm if psa_block_cipher_block_length(t) == 16 => {
            return Err(Error::NotSupported)
        }
        Kind::ChaChaPoly => t == PSA_KEY_TYPE_CHACHA20,
        Kind::XChaChaPoly => t == PSA_KEY_TYPE_XCHACHA20,
        Kind::Ascon => t == PSA_KEY_TYPE_ASCON,
        _ => false,
    };
    if !type_ok {
        // A key of another type: no AEAD driver for the pair (Mbed TLS finds
        // no cipher for it: NotSupported).
        return Err(Error::NotSupported);
    }
    match kind {
        Kind::ChaChaPoly | Kind::XChaChaPoly if tag_len != 16 => Err(Error::NotSupported),
        _ => Ok(()),
    }
}

/// The GCM / CCM tag length of a one-shot call, checked after the buffer
/// size as Mbed TLS does (its cipher module refuses the length).
#[inline(always)]
fn tag_after_buffer(kind: Kind, tag_len: usize) -> Result<()> {
    if tag_ok(kind, tag_len) {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// Algorithm, key, policy and compatibility checks in the spec's order.
#[inline(always)]
fn resolve(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    usage: psa_key_usage_t,
) -> Result<(Kind, usize, KeyRef<'static>)> {
    let (kind, tag_len) = kind_of(alg)?;
    let k = core()?.keys.get(id)?;
    super::driver::local_only(k.data())?;
    let a = &k.data().attrs;
    policy::require_usage(a, usage)?;
    if !policy::key_permits(a, alg) {
        return Err(Error::NotPermitted);
    }
    Ok((kind, tag_len, k))
}

/// The nonce length: `InvalidArgument` when the construction does not allow
/// it; ChaCha20-Poly1305's 8-byte (original) nonce is `NotSupported` (as Mbed TLS).
#[inline(always)]
fn check_nonce(kind: Kind, len: usize) -> Result<()> {
    if crypto::nonce_ok(kind, len) {
        Ok(())
    } else if kind == Kind::ChaChaPoly && len == 8 {
        Err(Error::NotSupported)
    } else {
        Err(Error::InvalidArgument)
    }
}

/// The key type and tag length checks of a one-shot call, after the nonce
/// length (Mbed TLS's order).
#[inline(always)]
fn check_key(kind: Kind, tag_len: usize, k: &KeyRef<'static>) -> Result<()> {
    check(kind, k.data().attrs.private_type, tag_len)
}

/// [`encrypt`] for the C boundary, which has just checked initialisation and
/// passes the core it got: with no driver registered (so no driver can take
/// the call), AES-GCM tries the flat `gcm_fast` in the caller's frame, and
/// when one of its checks does not pass goes straight to the general checks,
/// which report the first failure in the general order (the fast path is
/// tried once); anything else runs [`encrypt`].
#[inline(always)]
pub fn encrypt_with(
    c: &'static super::Core,
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: &[u8],
    ad: &[u8],
    pt: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if alg == PSA_ALG_GCM && crate::driver::registry().is_none() {
        if let Some(r) = gcm_fast(c, id, nonce, ad, pt, out) {
            return r;
        }
        // No driver to ask, and the fast path declined: straight to the
        // general checks.
        return encrypt_general(id, alg, nonce, ad, pt, out);
    }
    encrypt(id, alg, nonce, ad, pt, out)
}

/// `psa_aead_encrypt`: writes ciphertext || tag; returns its length.
#[inline(never)]
pub fn encrypt(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: &[u8],
    ad: &[u8],
    pt: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if let Some(r) = super::driver::aead(true, id, alg, nonce, ad, pt, out) {
        return r;
    }
    if alg == PSA_ALG_GCM {
        if let Some(r) = core().ok().and_then(|c| gcm_fast(c, id, nonce, ad, pt, out)) {
            return r;
        }
    }
    encrypt_general(id, alg, nonce, ad, pt, out)
}

/// The built-in `psa_aead_encrypt` after the driver hook and the fast path:
/// every check in the general order, then the seal.
#[inline(never)]
fn encrypt_general(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: &[u8],
    ad: &[u8],
    pt: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    let (kind, tag_len, k) = resolve(id, alg, PSA_KEY_USAGE_ENCRYPT)?;
    check_nonce(kind, nonce.len())?;
    check_key(kind, tag_len, &k)?;
    if out.len()
        < pt.len()
            .checked_add(tag_len)
            .ok_or(Error::InvalidArgument)?
    {
        return Err(Error::BufferTooSmall);
    }
    tag_after_buffer(kind, tag_len)?;
    let n = with_prepared(k.data(), |p| {
        crypto::seal(p, kind, nonce, ad, pt, tag_len, out)
    })?;
    k.release()?;
    Ok(n)
}

/// The common one-shot call, AES-GCM with a full tag and a 12-byte nonce on
/// a local AES key whose prepared form is cached, as one flat function: when
/// every check of the general path passes (each is tested here, in any
/// order, since none fails) it seals; otherwise it returns `None` before
/// touching `out`, and the general path runs the checks in their order and
/// reports the first failure.
#[inline(always)]
fn gcm_fast(
    c: &'static super::Core,
    id: psa_key_id_t,
    nonce: &[u8],
    ad: &[u8],
    pt: &[u8],
    out: &mut [u8],
) -> Option<Result<usize>> {
    let k = c.keys.get_volatile_fast(id)?;
    let d = k.data();
    let a = &d.attrs;
    let fits = pt.len().checked_add(16).is_some_and(|n| out.len() >= n);
    if !(fits
        && nonce.len() == 12
        && a.private_type == PSA_KEY_TYPE_AES
        && psa_key_lifetime_get_location(a.private_lifetime) == PSA_KEY_LOCATION_LOCAL_STORAGE
        && a.private_usage & PSA_KEY_USAGE_ENCRYPT != 0
        // The policy's own algorithm first: `key_permits` accepts it too.
        && (a.private_alg == PSA_ALG_GCM || policy::key_permits(a, PSA_ALG_GCM)))
    {
        return None;
    }
    let p = d.cache.get()?.sym()?;
    // Ending a hazard use cannot fail (`k` is dropped on return), so the
    // seal's result is the call's, as on the general path.
    Some(crypto::seal(p, Kind::Gcm, nonce, ad, pt, 16, out))
}

/// `psa_aead_decrypt`: checks the tag at the end of `input`, then writes the
/// plaintext; nothing is written on `InvalidSignature`.
pub fn decrypt(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: &[u8],
    ad: &[u8],
    input: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if let Some(r) = super::driver::aead(false, id, alg, nonce, ad, input, out) {
        return r;
    }
    let (kind, tag_len, k) = resolve(id, alg, PSA_KEY_USAGE_DECRYPT)?;
    check_nonce(kind, nonce.len())?;
    check_key(kind, tag_len, &k)?;
    let n = input
        .len()
        .checked_sub(tag_len)
        .ok_or(Error::InvalidArgument)?;
    if out.len() < n {
        return Err(Error::BufferTooSmall);
    }
    tag_after_buffer(kind, tag_len)?;
    let n = with_prepared(k.data(), |p| {
        crypto::open(p, kind, nonce, ad, input, tag_len, out)
    })?;
    k.release()?;
    Ok(n)
}

struct Secret {
    key: SymKey,
    engine: Option<Box<dyn AeadEngine>>,
}

/// A multi-part AEAD operation.
pub struct AeadOp {
    kind: Kind,
    tag_len: usize,
    encrypt: bool,
    nonce: Option<Vec<u8>>,
    lengths: Option<(u64, u64)>,
    ad: u64,
    text: u64,
    ad_started: bool,
    text_started: bool,
    secret: KeyBound<Secret>,
}

static OPS: Ops<AeadOp> = Ops::new(operation::kind::AEAD);

/// Drops every live AEAD operation.
pub fn clear() {
    OPS.clear();
}

/// `psa_aead_encrypt_setup` / `psa_aead_decrypt_setup`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(
    words: *mut Words,
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    encrypt: bool,
) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_setup(words, id, alg, encrypt) } {
        return r;
    }
    // SAFETY: caller contract.
    // An active object is aborted (see `check_inactive`).
    unsafe { operation::check_inactive(&OPS, words) }?;
    let usage = if encrypt {
        PSA_KEY_USAGE_ENCRYPT
    } else {
        PSA_KEY_USAGE_DECRYPT
    };
    let (kind, tag_len, k) = resolve(id, alg, usage)?;
    // Mbed TLS's setup checks the tag length (every invalid one is
    // `InvalidArgument`) before the key type.
    tag_after_buffer(kind, tag_len)?;
    check_key(kind, tag_len, &k)?;
    let key = with_prepared(k.data(), |p| Ok((*p.sym).clone()))?;
    let secret = KeyBound::new(k.data(), Secret { key, engine: None });
    k.release()?;
    let op = AeadOp {
        kind,
        tag_len,
        encrypt,
        nonce: None,
        lengths: None,
        ad: 0,
        text: 0,
        ad_started: false,
        text_started: false,
        secret,
    };
    // SAFETY: caller contract.
    unsafe { OPS.setup(words, op) }
}

/// Runs one step; an error ends the operation.
unsafe fn step<R>(
    words: *mut Words,
    last: bool,
    f: impl FnOnce(&mut AeadOp) -> Result<R>,
) -> Result<R> {
    // SAFETY: caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let r = f(b.state());
    if r.is_err() || last {
        b.finish();
    }
    r
}

/// The default nonce length of each construction.
fn default_nonce(kind: Kind) -> usize {
    match kind {
        Kind::Gcm | Kind::ChaChaPoly => 12,
        Kind::Ccm => 13,
        Kind::XChaChaPoly => 24,
        Kind::Ascon => 16,
    }
}

/// Starts the engine once the nonce (and, for CCM, the lengths) are known.
fn with_engine<R>(op: &mut AeadOp, f: impl FnOnce(&mut dyn AeadEngine) -> Result<R>) -> Result<R> {
    let nonce = op.nonce.as_deref().ok_or(Error::BadState)?;
    if op.kind == Kind::Ccm && op.lengths.is_none() {
        return Err(Error::BadState);
    }
    let (kind, tag_len, lengths, encrypt) = (
        op.kind,
        op.tag_len,
        op.lengths.unwrap_or((0, 0)),
        op.encrypt,
    );
    op.secret.with(|s| {
        if s.engine.is_none() {
            s.engine = Some(crypto::engine(
                kind, &s.key, nonce, tag_len, lengths, encrypt,
            )?);
        }
        f(&mut **s.engine.as_mut().expect("just set"))
    })?
}

/// CCM (SP 800-38C): the plaintext length must fit the length field of
/// L = 15 - nonce length bytes. `InvalidArgument` otherwise.
fn ccm_fits(op: &AeadOp) -> Result<()> {
    if let (Kind::Ccm, Some(n), Some((_, t))) = (op.kind, op.nonce.as_ref(), op.lengths) {
        let l = 15usize.saturating_sub(n.len());
        if l < 8 && t >> (8 * l) != 0 {
            return Err(Error::InvalidArgument);
        }
    }
    Ok(())
}

/// `psa_aead_set_lengths`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_lengths(words: *mut Words, ad_len: usize, text_len: usize) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_set_lengths(words, ad_len, text_len) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, false, |op| {
            if op.lengths.is_some() || op.ad_started || op.text_started {
                return Err(Error::BadState);
            }
            let (a, t) = (ad_len as u64, text_len as u64);
            let max = match op.kind {
                Kind::Gcm => (1u64 << 36) - 32,
                Kind::ChaChaPoly | Kind::XChaChaPoly => ((1u64 << 32) - 1) * 64,
                Kind::Ccm => u64::MAX,
                // SP 800-232 §4: at most 2^54 - 1 bytes (2^64 bits over the rate's data limit).
                Kind::Ascon => (1u64 << 54) - 1,
            };
            // GCM (SP 800-38D): AD below 2^64 bits, so below 2^61 bytes.
            if t > max || (op.kind == Kind::Gcm && a >> 61 != 0) {
                return Err(Error::InvalidArgument);
            }
            op.lengths = Some((a, t));
            ccm_fits(op)?;
            if op.kind == Kind::Ccm && op.nonce.is_some() {
                // Checks the lengths against the nonce now.
                with_engine(op, |_| Ok(()))?;
            }
            Ok(())
        })
    }
}

fn install_nonce(op: &mut AeadOp, nonce: &[u8]) -> Result<()> {
    if op.nonce.is_some() {
        return Err(Error::BadState);
    }
    if nonce.len() > PSA_AEAD_NONCE_MAX_SIZE {
        return Err(Error::InvalidArgument);
    }
    check_nonce(op.kind, nonce.len())?;
    op.nonce = Some(nonce.to_vec());
    ccm_fits(op)?;
    if op.kind != Kind::Ccm || op.lengths.is_some() {
        with_engine(op, |_| Ok(()))?;
    }
    Ok(())
}

/// `psa_aead_generate_nonce`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn generate_nonce(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_generate_nonce(words, out) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, false, |op| {
            if !op.encrypt || op.nonce.is_some() {
                return Err(Error::BadState);
            }
            let n = default_nonce(op.kind);
            let nonce = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
            random::fill(nonce)?;
            install_nonce(op, nonce)?;
            Ok(n)
        })
    }
}

/// `psa_aead_set_nonce`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_nonce(words: *mut Words, nonce: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_set_nonce(words, nonce) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe { step(words, false, |op| install_nonce(op, nonce)) }
}

/// `psa_aead_update_ad`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update_ad(words: *mut Words, input: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_update_ad(words, input) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, false, |op| {
            if op.nonce.is_none() || op.text_started {
                return Err(Error::BadState);
            }
            let total = op
                .ad
                .checked_add(input.len() as u64)
                .ok_or(Error::InvalidArgument)?;
            if op.lengths.is_some_and(|(a, _)| total > a) {
                return Err(Error::InvalidArgument);
            }
            with_engine(op, |e| {
                e.update_ad(input);
                Ok(())
            })?;
            op.ad = total;
            op.ad_started = true;
            Ok(())
        })
    }
}

/// `psa_aead_update`: encrypts or decrypts `input` at once (no buffering);
/// returns the output length.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update(words: *mut Words, input: &[u8], out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_update(words, input, out) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, false, |op| {
            if op.nonce.is_none() {
                return Err(Error::BadState);
            }
            let total = op
                .text
                .checked_add(input.len() as u64)
                .ok_or(Error::InvalidArgument)?;
            if let Some((a, t)) = op.lengths {
                if op.ad != a || total > t {
                    return Err(Error::InvalidArgument);
                }
            }
            let out = out.get_mut(..input.len()).ok_or(Error::BufferTooSmall)?;
            with_engine(op, |e| e.update(input, out))?;
            op.text_started = true;
            op.text = total;
            Ok(input.len())
        })
    }
}

/// Common checks of finish and verify; returns the full tag.
fn final_tag(op: &mut AeadOp, encrypt: bool) -> Result<[u8; 16]> {
    if op.encrypt != encrypt || op.nonce.is_none() {
        return Err(Error::BadState);
    }
    if op.lengths.is_some_and(|(a, t)| a != op.ad || t != op.text) {
        return Err(Error::InvalidArgument);
    }
    with_engine(op, |e| Ok(e.tag()))
}

/// `psa_aead_finish`: no ciphertext is left over (updates never buffer);
/// writes the tag; returns (ciphertext length, tag length).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn finish(words: *mut Words, _out: &mut [u8], tag: &mut [u8]) -> Result<(usize, usize)> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_finish(words, _out, tag) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, true, |op| {
            if op.encrypt && op.nonce.is_some() && tag.len() < op.tag_len {
                return Err(Error::BufferTooSmall);
            }
            let mut full = final_tag(op, true)?;
            tag[..op.tag_len].copy_from_slice(&full[..op.tag_len]);
            zeroize::Zeroize::zeroize(&mut full);
            Ok((0, op.tag_len))
        })
    }
}

/// `psa_aead_verify`: `InvalidSignature` on a wrong tag; returns the
/// plaintext length (always 0: updates never buffer).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify(words: *mut Words, _out: &mut [u8], tag: &[u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_verify(words, _out, tag) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, true, |op| {
            let mut full = final_tag(op, false)?;
            let ok = tag.len() == op.tag_len && bool::from(full[..op.tag_len].ct_eq(tag));
            zeroize::Zeroize::zeroize(&mut full);
            if ok {
                Ok(0)
            } else {
                Err(Error::InvalidSignature)
            }
        })
    }
}

/// `psa_aead_abort`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::aead_abort(words) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe { operation::abort_call(&OPS, words) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::cipher::tests::{import, Chunks};

    fn multipart(
        id: psa_key_id_t,
        alg: psa_algorithm_t,
        encrypt: bool,
        nonce: &[u8],
        ad: &[u8],
        input: &[u8],
        seed: u64,
    ) -> Result<Vec<u8>> {
        let mut w: Words = [0; RUSTPSA_OPERATION_WORDS];
        let mut c = Chunks(seed);
        let tag_len = psa_alg_aead_get_tag_length(alg);
        let text = if encrypt {
            input
        } else {
            &input[..input.len() - tag_len]
        };
        let mut out = vec![0u8; text.len()];
        unsafe {
            setup(&mut w, id, alg, encrypt)?;
            if seed % 2 == 0 {
                set_lengths(&mut w, ad.len(), text.len())?;
                set_nonce(&mut w, nonce)?;
            } else {
                set_nonce(&mut w, nonce)?;
                set_lengths(&mut w, ad.len(), text.len())?;
            }
            let mut pos = 0;
            while pos < ad.len() {
                let n = c.next(20).min(ad.len() - pos);
                update_ad(&mut w, &ad[pos..pos + n])?;
                pos += n;
            }
            let mut pos = 0;
            while pos < text.len() {
                let n = c.next(40).min(text.len() - pos);
                assert_eq!(
                    update(&mut w, &text[pos..pos + n], &mut out[pos..pos + n])?,
                    n
                );
                pos += n;
            }
            if encrypt {
                let mut tag = [0u8; 16];
                let (_, t) = finish(&mut w, &mut [], &mut tag)?;
                out.extend_from_slice(&tag[..t]);
            } else {
                verify(&mut w, &mut [], &input[text.len()..])?;
            }
        }
        Ok(out)
    }

    #[test]
    fn multipart_equals_one_shot() {
        let usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
        let cases: Vec<(psa_key_type_t, usize, psa_algorithm_t, usize)> = vec![
            (PSA_KEY_TYPE_AES, 16, PSA_ALG_GCM, 12),
            (PSA_KEY_TYPE_AES, 24, PSA_ALG_GCM, 12),
            (PSA_KEY_TYPE_AES, 32, PSA_ALG_GCM, 16),
            (
                PSA_KEY_TYPE_AES,
                16,
                psa_alg_aead_with_shortened_tag(PSA_ALG_GCM, 8),
                12,
            ),
            (PSA_KEY_TYPE_AES, 16, PSA_ALG_CCM, 13),
            (
                PSA_KEY_TYPE_AES,
                24,
                psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, 4),
                7,
            ),
            (
                PSA_KEY_TYPE_AES,
                32,
                psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, 10),
                11,
            ),
            (PSA_KEY_TYPE_CHACHA20, 32, PSA_ALG_CHACHA20_POLY1305, 12),
        ];
        for (t, klen, alg, nlen) in cases {
            let id = import(t, usage, alg, &vec![3u8; klen]);
            let nonce = vec![5u8; nlen];
            for (adl, len) in [
                (0usize, 0usize),
                (0, 1),
                (1, 0),
                (13, 64),
                (40, 17),
                (300, 333),
            ] {
                let ad: Vec<u8> = (0..adl).map(|i| i as u8).collect();
                let pt: Vec<u8> = (0..len).map(|i| (i * 3) as u8).collect();
                let mut ct = vec![0u8; psa_aead_encrypt_output_size(t, alg, len)];
                assert_eq!(encrypt(id, alg, &nonce, &ad, &pt, &mut ct), Ok(ct.len()));
                for seed in 1..7u64 {
                    assert_eq!(
                        multipart(id, alg, true, &nonce, &ad, &pt, seed).unwrap(),
                        ct,
                        "{alg:#x} {adl} {len}"
                    );
                    assert_eq!(
                        multipart(id, alg, false, &nonce, &ad, &ct, seed).unwrap(),
                        pt
                    );
                }
                let mut back = vec![0u8; len];
                assert_eq!(decrypt(id, alg, &nonce, &ad, &ct, &mut back), Ok(len));
                assert_eq!(back, pt);
                if !ct.is_empty() {
                    let mut bad = ct.clone();
                    *bad.last_mut().unwrap() ^= 1;
                    let mut back = vec![0u8; len];
                    assert_eq!(
                        decrypt(id, alg, &nonce, &ad, &bad, &mut back),
                        Err(Error::InvalidSignature)
                    );
                    assert!(back.iter().all(|&b| b == 0));
                    assert_eq!(
                        multipart(id, alg, false, &nonce, &ad, &bad, 2).err(),
                        Some(Error::InvalidSignature)
                    );
                }
            }
            crate::api::key_management::destroy(id).unwrap();
        }
    }

    #[test]
    fn length_and_state_misuse() {
        let usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
        let id = import(
            PSA_KEY_TYPE_AES,
            usage,
            psa_alg_aead_with_at_least_this_length_tag(PSA_ALG_CCM, 8),
            &[1u8; 16],
        );
        let mut w: Words = [0; RUSTPSA_OPERATION_WORDS];
        let mut out = [0u8; 64];
        unsafe {
            assert_eq!(
                setup(
                    &mut w,
                    id,
                    psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, 6),
                    true
                ),
                Err(Error::NotPermitted)
            );
            let alg = psa_alg_aead_with_shortened_tag(PSA_ALG_CCM, 12);
            setup(&mut w, id, alg, true).unwrap();
            set_nonce(&mut w, &[0; 13]).unwrap();
            // CCM needs the lengths first.
            assert_eq!(update_ad(&mut w, &[1]), Err(Error::BadState));
            setup(&mut w, id, alg, true).unwrap();
            set_lengths(&mut w, 1, 2).unwrap();
            assert_eq!(set_lengths(&mut w, 1, 2), Err(Error::BadState));
            setup(&mut w, id, alg, true).unwrap();
            set_lengths(&mut w, 1, 2).unwrap();
            set_nonce(&mut w, &[0; 13]).unwrap();
            assert_eq!(
                update(&mut w, &[1, 2], &mut out),
                Err(Error::InvalidArgument)
            );
            setup(&mut w, id, alg, true).unwrap();
            set_lengths(&mut w, 1, 2).unwrap();
            set_nonce(&mut w, &[0; 13]).unwrap();
            update_ad(&mut w, &[1]).unwrap();
            assert_eq!(
                update(&mut w, &[1, 2, 3], &mut out),
                Err(Error::InvalidArgument)
            );
            setup(&mut w, id, alg, true).unwrap();
            set_lengths(&mut w, 1, 2).unwrap();
            set_nonce(&mut w, &[0; 13]).unwrap();
            update_ad(&mut w, &[1]).unwrap();
            update(&mut w, &[1], &mut out).unwrap();
            assert_eq!(update_ad(&mut w, &[1]), Err(Error::BadState));
            setup(&mut w, id, alg, true).unwrap();
            set_lengths(&mut w, 1, 2).unwrap();
            set_nonce(&mut w, &[0; 13]).unwrap();
            update_ad(&mut w, &[1]).unwrap();
            update(&mut w, &[1], &mut out).unwrap();
            let mut tag = [0u8; 16];
            assert_eq!(
                finish(&mut w, &mut [], &mut tag),
                Err(Error::InvalidArgument)
            );
            setup(&mut w, id, alg, true).unwrap();
            set_nonce(&mut w, &[0; 13]).unwrap();
            assert_eq!(verify(&mut w, &mut [], &[0; 12]), Err(Error::BadState));
            setup(&mut w, id, alg, false).unwrap();
            assert_eq!(generate_nonce(&mut w, &mut out), Err(Error::BadState));
            setup(&mut w, id, alg, true).unwrap();
            assert_eq!(set_nonce(&mut w, &[0; 14]), Err(Error::InvalidArgument));
            setup(&mut w, id, alg, true).unwrap();
            assert_eq!(generate_nonce(&mut w, &mut out), Ok(13));
            assert_eq!(set_nonce(&mut w, &[0; 13]), Err(Error::BadState));
            abort(&mut w).unwrap();
        }
    }
}
