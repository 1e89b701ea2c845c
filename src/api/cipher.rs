//! Unauthenticated ciphers: one-shot and multi-part.
//!
//! Multi-part states live in `OPS`; the key schedule an operation uses sits
//! in a [`KeyBound`] so that `psa_destroy_key` wipes it and later steps get
//! `BadState`.
use super::operation::{self, KeyBound, Ops, Words};
use super::{core, policy};
use crate::crypto::aead::Prepared;
use crate::crypto::prepared::{self, Kind};
use crate::crypto::cipher::{self as engine, Engine, Mode, SymKey};
use crate::crypto::random;
use crate::keystore::KeyData;
use crate::types::*;

/// Runs `f` with the key's prepared symmetric key (AES schedule, AWS-LC AEAD
/// key), building and caching it in the slot on first use. Always inlined:
/// its closure's captures would otherwise pass through memory, which a
/// one-shot call on a small message feels.
#[inline(always)]
pub(crate) fn with_prepared<R>(d: &KeyData, f: impl FnOnce(&Prepared) -> Result<R>) -> Result<R> {
    prepared::with_prepared(&d.cache, Kind::Sym, super::key_source(d), |p| f(p.sym().ok_or(Error::CorruptionDetected)?))
}

/// The mode of a cipher algorithm; `InvalidArgument` for a non-cipher,
/// `NotSupported` for an unknown one.
fn mode_of(alg: psa_algorithm_t) -> Result<Mode> {
    if !psa_alg_is_cipher(alg) {
        return Err(Error::InvalidArgument);
    }
    Ok(match alg {
        PSA_ALG_ECB_NO_PADDING => Mode::Ecb,
        PSA_ALG_CBC_NO_PADDING => Mode::CbcNoPadding,
        PSA_ALG_CBC_PKCS7 => Mode::CbcPkcs7,
        PSA_ALG_CTR => Mode::Ctr,
        PSA_ALG_CFB => Mode::Cfb,
        PSA_ALG_OFB => Mode::Ofb,
        PSA_ALG_CCM_STAR_NO_TAG => Mode::CcmStarNoTag,
        PSA_ALG_STREAM_CIPHER => Mode::Stream,
        _ => return Err(Error::NotSupported),
    })
}

/// Key type / mode compatibility: `NotSupported` for every pair without a
/// cipher (a stream mode with a block cipher, DES outside ECB/CBC, …), as
/// Mbed TLS reports.
fn check_type(t: psa_key_type_t, mode: Mode) -> Result<()> {
    match (t, mode) {
        (PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA, m) if m != Mode::Stream => Ok(()),
        // DES: ECB and CBC only, as Mbed TLS.
        (PSA_KEY_TYPE_DES, Mode::Ecb | Mode::CbcNoPadding | Mode::CbcPkcs7) => Ok(()),
        (PSA_KEY_TYPE_CHACHA20 | PSA_KEY_TYPE_XCHACHA20, Mode::Stream) => Ok(()),
        // Every other pair has no cipher (as Mbed TLS reports): NotSupported.
        _ => Err(Error::NotSupported),
    }
}

/// Whether a key of type `t` can run the cipher algorithm `alg`
/// (`psa_check_key_usage`): the checks of a setup, without the key.
pub(crate) fn check_usable(t: psa_key_type_t, alg: psa_algorithm_t) -> Result<()> {
    check_type(t, mode_of(alg)?)
}

/// Looks up the key, applies the policy and returns the prepared key plus the
/// key type, with the key still held (the caller releases it when done).
fn prepare(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    usage: psa_key_usage_t,
    sizes: impl FnOnce(psa_key_type_t) -> Result<()>,
) -> Result<(Mode, SymKey, psa_key_type_t, KeyRefHold)> {
    // Mbed TLS's order: a non-cipher algorithm, then the key's handle and
    // policy, then the one-shot call's IV size checks (`sizes`), then whether
    // the mode is supported.
    if !psa_alg_is_cipher(alg) {
        return Err(Error::InvalidArgument);
    }
    let k = core()?.keys.get(id)?;
    super::driver::local_only(k.data())?;
    let d = k.data();
    policy::require_usage(&d.attrs, usage)?;
    if !policy::key_permits(&d.attrs, alg) {
        return Err(Error::NotPermitted);
    }
    sizes(d.attrs.private_type)?;
    let mode = mode_of(alg)?;
    check_type(d.attrs.private_type, mode)?;
    let sym = with_prepared(d, |p| Ok((*p.sym).clone()))?;
    Ok((mode, sym, d.attrs.private_type, KeyRefHold(k)))
}

/// The default IV length the one-shot calls check first: `PSA_CIPHER_IV_LENGTH`,
/// and 13 for CCM* with any key type (as Mbed TLS's macro, which tests the
/// algorithm alone there); the mode's support is checked after it.
fn mbedtls_iv_length(t: psa_key_type_t, alg: psa_algorithm_t) -> usize {
    if alg == PSA_ALG_CCM_STAR_NO_TAG {
        13
    } else {
        psa_cipher_iv_length(t, alg)
    }
}

/// Keeps the key registered while the caller needs it (multi-part setup binds
/// the schedule to the key before releasing).
struct KeyRefHold(crate::keystore::KeyRef<'static>);

fn run(e: &mut dyn Engine, input: &[u8], out: &mut [u8]) -> Result<usize> {
    let n = e.update(input, out)?;
    Ok(n + e.finish(&mut out[n..])?)
}

/// `psa_cipher_encrypt`: writes IV || ciphertext; returns the length.
pub fn encrypt(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    input: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if let Some(r) = super::driver::cipher_encrypt(id, alg, input, out) {
        return r;
    }
    // Mbed TLS checks the room for the default IV before the mode's support.
    let room = out.len();
    let (mode, sym, t, hold) = prepare(id, alg, PSA_KEY_USAGE_ENCRYPT, |t| {
        let iv = mbedtls_iv_length(t, alg);
        if iv > 0 && room < iv {
            return Err(Error::BufferTooSmall);
        }
        Ok(())
    })?;
    let r = encrypt_with(&sym, mode, t, alg, input, out);
    // The schedule copy dies before the key is released, so a destroy that
    // waits for this reader never returns while it exists.
    drop(sym);
    hold.0.release()?;
    r
}

/// The body of [`encrypt`], run while the key is held.
fn encrypt_with(
    sym: &SymKey,
    mode: Mode,
    t: psa_key_type_t,
    alg: psa_algorithm_t,
    input: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    let iv_len = engine::iv_lengths(sym, mode).first().copied().unwrap_or(0);
    let block_mode = matches!(mode, Mode::Ecb | Mode::CbcNoPadding);
    // Mbed TLS's order: the buffer size (without padding: room for the whole
    // blocks of the input), then the block alignment.
    let need = if block_mode {
        iv_len + input.len() / psa_block_cipher_block_length(t).max(1) * psa_block_cipher_block_length(t)
    } else {
        psa_cipher_encrypt_output_size(t, alg, input.len())
    };
    if out.len() < need {
        return Err(Error::BufferTooSmall);
    }
    if block_mode && input.len() % psa_block_cipher_block_length(t) != 0 {
        return Err(Error::InvalidArgument);
    }
    let (iv, body) = out.split_at_mut(iv_len);
    random::fill(iv)?;
    let mut e = engine::engine(sym, mode, true, iv)?;
    run(&mut *e, input, body).map(|n| n + iv_len)
}

/// `psa_cipher_decrypt`: reads IV || ciphertext; returns the plaintext length.
pub fn decrypt(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    input: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    if let Some(r) = super::driver::cipher_decrypt(id, alg, input, out) {
        return r;
    }
    // Mbed TLS checks that the input holds the IV before the mode's support.
    // (It also refuses a CCM* input shorter than a block, which rejects the
    // 13-byte encryption of an empty message: not followed, see
    // docs/COMPATIBILITY.md.)
    let (mode, sym, t, hold) = prepare(id, alg, PSA_KEY_USAGE_DECRYPT, |t| {
        if input.len() < mbedtls_iv_length(t, alg) {
            return Err(Error::InvalidArgument);
        }
        Ok(())
    })?;
    let r = decrypt_with(&sym, mode, t, input, out);
    // As in `encrypt`: no copy of the schedule outlives the reader.
    drop(sym);
    hold.0.release()?;
    r
}

/// The body of [`decrypt`], run while the key is held.
fn decrypt_with(sym: &SymKey, mode: Mode, t: psa_key_type_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
    let iv_len = engine::iv_lengths(sym, mode).first().copied().unwrap_or(0);
    if input.len() < iv_len {
        return Err(Error::InvalidArgument);
    }
    let (iv, ct) = input.split_at(iv_len);
    // Mbed TLS's order: the buffer size (for the block modes, room for the
    // whole blocks of the input, padding included), then the alignment.
    let block_mode = matches!(mode, Mode::Ecb | Mode::CbcNoPadding | Mode::CbcPkcs7);
    let block = psa_block_cipher_block_length(t).max(1);
    let need = if block_mode { ct.len() / block * block } else { ct.len() };
    if out.len() < need {
        return Err(Error::BufferTooSmall);
    }
    if block_mode && ct.len() % block != 0 {
        return Err(Error::InvalidArgument);
    }
    if mode == Mode::CbcPkcs7 && ct.is_empty() {
        return Err(Error::InvalidArgument);
    }
    // Here `out` holds `ct.len()` bytes.
    let mut e = engine::engine(sym, mode, false, iv)?;
    run(&mut *e, ct, out)
}

/// Secrets of a multi-part cipher operation.
struct Secret {
    key: SymKey,
    engine: Option<Box<dyn Engine>>,
}

/// A multi-part cipher operation.
pub struct CipherOp {
    mode: Mode,
    encrypt: bool,
    iv_lengths: &'static [usize],
    iv_set: bool,
    secret: KeyBound<Secret>,
}

static OPS: Ops<CipherOp> = Ops::new(operation::kind::CIPHER);

/// Drops every live cipher and AEAD operation (for `mbedtls_psa_crypto_free`).
pub fn clear() {
    OPS.clear();
    super::aead::clear();
}

/// `psa_cipher_encrypt_setup` / `psa_cipher_decrypt_setup`.
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
    if let Some(r) = unsafe { super::driver::ops::cipher_setup(words, id, alg, encrypt) } {
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
    let (mode, key, _t, hold) = prepare(id, alg, usage, |_| Ok(()))?;
    let iv_lengths = engine::iv_lengths(&key, mode);
    // Modes without an IV start at once.
    let engine = if iv_lengths.is_empty() {
        Some(engine::engine(&key, mode, encrypt, &[])?)
    } else {
        None
    };
    let secret = KeyBound::new(hold.0.data(), Secret { key, engine });
    hold.0.release()?;
    let op = CipherOp {
        mode,
        encrypt,
        iv_lengths,
        iv_set: false,
        secret,
    };
    // SAFETY: caller contract.
    unsafe { OPS.setup(words, op) }
}

/// Runs one step; any error ends the operation (the spec's error state,
/// cleared by abort).
unsafe fn step<R>(words: *mut Words, f: impl FnOnce(&mut CipherOp) -> Result<R>) -> Result<R> {
    // SAFETY: caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let r = f(b.state());
    if r.is_err() {
        b.finish();
    }
    r
}

fn start(op: &mut CipherOp, iv: &[u8]) -> Result<()> {
    if op.iv_set || op.iv_lengths.is_empty() {
        return Err(Error::BadState);
    }
    if !op.iv_lengths.contains(&iv.len()) {
        return Err(Error::InvalidArgument);
    }
    let (mode, encrypt) = (op.mode, op.encrypt);
    op.secret.with(|s| -> Result<()> {
        s.engine = Some(engine::engine(&s.key, mode, encrypt, iv)?);
        Ok(())
    })??;
    op.iv_set = true;
    Ok(())
}

/// `psa_cipher_generate_iv`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn generate_iv(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::cipher_generate_iv(words, out) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, |op| {
            // The specification's `BAD_STATE` conditions: no IV for the
            // algorithm, or not "active, with no IV set". A decryption
            // operation is active, so it gets a random IV as in Mbed TLS.
            if op.iv_set || op.iv_lengths.is_empty() {
                return Err(Error::BadState);
            }
            let n = op.iv_lengths[0];
            let iv = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
            random::fill(iv)?;
            start(op, iv)?;
            Ok(n)
        })
    }
}

/// `psa_cipher_set_iv`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_iv(words: *mut Words, iv: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::cipher_set_iv(words, iv) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe { step(words, |op| start(op, iv)) }
}

fn ready(op: &CipherOp) -> Result<()> {
    if !op.iv_lengths.is_empty() && !op.iv_set {
        return Err(Error::BadState);
    }
    Ok(())
}

/// `psa_cipher_update`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update(words: *mut Words, input: &[u8], out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::cipher_update(words, input, out) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe {
        step(words, |op| {
            ready(op)?;
            op.secret
                .with(|s| s.engine.as_mut().ok_or(Error::BadState)?.update(input, out))?
        })
    }
}

/// `psa_cipher_finish`: ends the operation whatever the outcome.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn finish(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::cipher_finish(words, out) } {
        return r;
    }
    // SAFETY: caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let op = b.state();
    let r = ready(op).and_then(|_| {
        op.secret
            .with(|s| s.engine.as_mut().ok_or(Error::BadState)?.finish(out))?
    });
    b.finish();
    r
}

/// `psa_cipher_abort`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::cipher_abort(words) } {
        return r;
    }
    // SAFETY: caller contract.
    unsafe { operation::abort_call(&OPS, words) }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn import(
        t: psa_key_type_t,
        usage: psa_key_usage_t,
        alg: psa_algorithm_t,
        key: &[u8],
    ) -> psa_key_id_t {
        crate::api::init().unwrap();
        let attrs = psa_key_attributes_t {
            private_type: t,
            private_usage: usage,
            private_alg: alg,
            ..Default::default()
        };
        crate::api::key_management::import(&attrs, key).unwrap()
    }

    /// Deterministic chunk sizes (xorshift).
    pub(crate) struct Chunks(pub u64);
    impl Chunks {
        pub(crate) fn next(&mut self, max: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % (max as u64 + 1)) as usize
        }
    }

    fn multipart(
        id: psa_key_id_t,
        alg: psa_algorithm_t,
        encrypt: bool,
        iv: &[u8],
        input: &[u8],
        seed: u64,
    ) -> Result<Vec<u8>> {
        let mut w: Words = [0; RUSTPSA_OPERATION_WORDS];
        let mut out = vec![0u8; input.len() + 32];
        let mut c = Chunks(seed);
        let mut pos = 0;
        let mut done = 0;
        unsafe {
            setup(&mut w, id, alg, encrypt)?;
            if !iv.is_empty() {
                set_iv(&mut w, iv)?;
            }
            while pos < input.len() {
                let n = c.next(40).min(input.len() - pos);
                let bound = psa_cipher_update_output_size(PSA_KEY_TYPE_AES, alg, n).max(n);
                done += update(&mut w, &input[pos..pos + n], &mut out[done..done + bound])?;
                pos += n;
            }
            done += finish(&mut w, &mut out[done..done + 16])?;
        }
        out.truncate(done);
        Ok(out)
    }

    #[test]
    fn multipart_equals_one_shot_every_mode() {
        let usage = PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT;
        let algs = [
            PSA_ALG_ECB_NO_PADDING,
            PSA_ALG_CBC_NO_PADDING,
            PSA_ALG_CBC_PKCS7,
            PSA_ALG_CTR,
            PSA_ALG_CFB,
            PSA_ALG_OFB,
            PSA_ALG_CCM_STAR_NO_TAG,
        ];
        for (ki, klen) in [16usize, 24, 32].into_iter().enumerate() {
            for alg in algs {
                let id = import(PSA_KEY_TYPE_AES, usage, alg, &vec![ki as u8 + 1; klen]);
                for len in [0usize, 1, 15, 16, 17, 31, 32, 33, 100, 160] {
                    let block = matches!(alg, PSA_ALG_ECB_NO_PADDING | PSA_ALG_CBC_NO_PADDING);
                    let pt: Vec<u8> = (0..len).map(|i| (i * 7 + len) as u8).collect();
                    let mut ct =
                        vec![0u8; psa_cipher_encrypt_output_size(PSA_KEY_TYPE_AES, alg, len)];
                    let r = encrypt(id, alg, &pt, &mut ct);
                    if block && len % 16 != 0 {
                        assert_eq!(r, Err(Error::InvalidArgument));
                        continue;
                    }
                    let n = r.unwrap();
                    assert_eq!(n, ct.len());
                    let iv_len = psa_cipher_iv_length(PSA_KEY_TYPE_AES, alg);
                    let (iv, body) = ct.split_at(iv_len);
                    for seed in 1..6u64 {
                        assert_eq!(
                            multipart(id, alg, true, iv, &pt, seed).unwrap(),
                            body,
                            "alg {alg:#x} len {len}"
                        );
                        assert_eq!(
                            multipart(id, alg, false, iv, body, seed).unwrap(),
                            pt,
                            "alg {alg:#x} len {len}"
                        );
                    }
                    let mut back = vec![0u8; ct.len()];
                    let m = decrypt(id, alg, &ct, &mut back).unwrap();
                    assert_eq!(&back[..m], &pt[..]);
                }
                crate::api::key_management::destroy(id).unwrap();
            }
        }
        // ChaCha20 (12-byte nonce, 16-byte counter||nonce IV).
        let id = import(
            PSA_KEY_TYPE_CHACHA20,
            usage,
            PSA_ALG_STREAM_CIPHER,
            &[9u8; 32],
        );
        let pt = [0x42u8; 300];
        let mut ct = [0u8; 312];
        encrypt(id, PSA_ALG_STREAM_CIPHER, &pt, &mut ct).unwrap();
        for seed in 1..6u64 {
            assert_eq!(
                multipart(id, PSA_ALG_STREAM_CIPHER, false, &ct[..12], &ct[12..], seed).unwrap(),
                pt
            );
        }
        let mut iv16 = [0u8; 16];
        iv16[4..].copy_from_slice(&ct[..12]);
        assert_eq!(
            multipart(id, PSA_ALG_STREAM_CIPHER, false, &iv16, &ct[12..], 3).unwrap(),
            pt
        );
    }

    #[test]
    fn misuse() {
        let id = import(
            PSA_KEY_TYPE_AES,
            PSA_KEY_USAGE_ENCRYPT,
            PSA_ALG_CBC_PKCS7,
            &[1u8; 16],
        );
        let mut w: Words = [0; RUSTPSA_OPERATION_WORDS];
        unsafe {
            assert_eq!(
                setup(&mut w, id, PSA_ALG_CBC_PKCS7, false),
                Err(Error::NotPermitted)
            );
            assert_eq!(
                setup(&mut w, id, PSA_ALG_CTR, true),
                Err(Error::NotPermitted)
            );
            setup(&mut w, id, PSA_ALG_CBC_PKCS7, true).unwrap();
            let mut out = [0u8; 32];
            assert_eq!(update(&mut w, &[0; 16], &mut out), Err(Error::BadState));
            assert_eq!(update(&mut w, &[0; 16], &mut out), Err(Error::BadState));
            setup(&mut w, id, PSA_ALG_CBC_PKCS7, true).unwrap();
            assert_eq!(set_iv(&mut w, &[0; 15]), Err(Error::InvalidArgument));
            setup(&mut w, id, PSA_ALG_CBC_PKCS7, true).unwrap();
            assert_eq!(
                generate_iv(&mut w, &mut out[..15]),
                Err(Error::BufferTooSmall)
            );
            setup(&mut w, id, PSA_ALG_CBC_PKCS7, true).unwrap();
            assert_eq!(generate_iv(&mut w, &mut out), Ok(16));
            assert_eq!(set_iv(&mut w, &[0; 16]), Err(Error::BadState));
            setup(&mut w, id, PSA_ALG_CBC_PKCS7, true).unwrap();
            set_iv(&mut w, &[0; 16]).unwrap();
            crate::api::key_management::destroy(id).unwrap();
            assert_eq!(update(&mut w, &[0; 16], &mut out), Err(Error::BadState));
            abort(&mut w).unwrap();
            assert_eq!(
                setup(&mut w, id, PSA_ALG_CBC_PKCS7, true),
                Err(Error::InvalidHandle)
            );
        }
    }
}
