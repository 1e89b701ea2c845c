//! Message authentication codes: one-shot and multi-part, HMAC and AES-CMAC,
//! truncated MACs and at-least-this-length policies.
use subtle::ConstantTimeEq;

use super::operation::{self, KeyBound, Ops, Words};
use super::{core, policy};
use crate::crypto::mac::{self as driver, MacCtx, MacKey, Tag};
use crate::crypto::prepared::{self, Kind};
use crate::keystore::{KeyData, KeyRef};
use crate::types::*;

/// The smallest truncated MAC accepted (shorter lengths are `NotSupported`).
const MIN_MAC_LENGTH: usize = 4;

/// A checked MAC request: the key (still registered as a reader), the
/// full-length algorithm and the output length.
struct Checked<'a> {
    key: KeyRef<'a>,
    base: psa_algorithm_t,
    len: usize,
}

/// The PSA checks shared by every MAC entry point, in the order of the brief:
/// algorithm, key, usage and policy, key/algorithm compatibility, support,
/// length.
/// Inlined: returned through memory, its result costs a small message more
/// than the checks.
#[inline(always)]
fn check(id: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t) -> Result<Checked<'static>> {
    let c = core()?;
    // Mbed TLS's order: the key's handle, usage and policy (algorithm 0 and
    // wildcards are invalid), then whether the algorithm is a MAC.
    let k = c.keys.get(id)?;
    super::driver::local_only(k.data())?;
    let d = k.data();
    let t = d.attrs.private_type;
    policy::require_usage(&d.attrs, usage)?;
    if alg == PSA_ALG_NONE {
        return Err(Error::InvalidArgument);
    }
    policy::require_specific(alg)?;
    if !policy::key_permits(&d.attrs, alg) {
        return Err(Error::NotPermitted);
    }
    if !psa_alg_is_mac(alg) {
        return Err(Error::InvalidArgument);
    }
    let base = psa_alg_full_length_mac(alg);
    let full = if psa_alg_is_hmac(base) {
        if t != PSA_KEY_TYPE_HMAC {
            return Err(Error::InvalidArgument);
        }
        psa_hash_length(psa_alg_hmac_get_hash(base))
    } else if psa_alg_is_block_cipher_mac(base) {
        let block = psa_block_cipher_block_length(t);
        if block <= 1 {
            return Err(Error::InvalidArgument);
        }
        if !matches!(t, PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA | PSA_KEY_TYPE_DES) {
            return Err(Error::NotSupported);
        }
        block
    } else {
        return Err(Error::NotSupported);
    };
    if !driver::supported(base) || full == 0 {
        return Err(Error::NotSupported);
    }
    let len = match psa_mac_truncated_length(alg) {
        0 => full,
        l => l,
    };
    if len > full {
        return Err(Error::InvalidArgument);
    }
    if len < MIN_MAC_LENGTH {
        return Err(Error::NotSupported);
    }
    Ok(Checked { key: k, base, len })
}

/// Runs `f` with the key's prepared MAC state for `base`, building and caching
/// it in the key slot on first use (for the first algorithm used with the key;
/// another algorithm prepares a temporary key).
fn with_mac_key<R>(d: &KeyData, base: psa_algorithm_t, f: impl FnOnce(&MacKey) -> R) -> Result<R> {
    prepared::with_prepared(&d.cache, Kind::Mac(base), super::key_source(d), |p| {
        Ok(f(p.mac().ok_or(Error::CorruptionDetected)?))
    })
}

/// Computes the MAC of `input` with key `id`, after the checks for `usage`;
/// `room` (the caller's buffer size, if any) is checked against the MAC length
/// before the key is prepared, as Mbed TLS does (so a too-small buffer is
/// `BufferTooSmall` even for a key type whose MAC is not supported).
fn mac(id: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t, input: &[u8], room: Option<usize>) -> Result<(Tag, usize)> {
    let c = check(id, alg, usage)?;
    if room.is_some_and(|r| r < c.len) {
        c.key.release()?;
        return Err(Error::BufferTooSmall);
    }
    let tag = with_mac_key(c.key.data(), c.base, |key| key.sign(input))?;
    c.key.release()?;
    Ok((tag, c.len))
}

/// `psa_mac_compute`: returns the MAC length.
pub fn compute(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
    if let Some(r) = super::driver::mac_compute(id, alg, input, out) {
        return r;
    }
    // `mac` with the MAC written straight into the caller's buffer (no Tag
    // returned through memory: measurable on 64-byte messages).
    let c = check(id, alg, PSA_KEY_USAGE_SIGN_MESSAGE)?;
    let Some(out) = out.get_mut(..c.len) else {
        c.key.release()?;
        return Err(Error::BufferTooSmall);
    };
    with_mac_key(c.key.data(), c.base, |key| key.sign_into(input, out))?;
    c.key.release()?;
    Ok(c.len)
}

fn ct_matches(tag: &[u8], expected: &[u8]) -> bool {
    // Length is public; the content comparison is constant-time.
    tag.len() == expected.len() && bool::from(tag.ct_eq(expected))
}

/// `psa_mac_verify`: constant-time comparison; a wrong value or length is
/// `InvalidSignature`.
pub fn verify(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Result<()> {
    if let Some(r) = super::driver::mac_verify(id, alg, input, expected) {
        return r;
    }
    let (tag, len) = mac(id, alg, PSA_KEY_USAGE_VERIFY_MESSAGE, input, None)?;
    if ct_matches(&tag.as_ref()[..len], expected) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

// ---------------------------------------------------------------------------
// Multi-part MAC operations.

/// The state of a multi-part MAC operation.
pub struct MacOp {
    /// The running MAC; wiped when the key is destroyed.
    ctx: KeyBound<MacCtx>,
    /// Output length (after truncation).
    len: usize,
    /// Set up by `psa_mac_verify_setup`.
    verify: bool,
}

static OPS: Ops<MacOp> = Ops::new(operation::kind::MAC);

/// Wipes every live MAC operation (`mbedtls_psa_crypto_free`).
pub fn clear_operations() {
    OPS.clear();
}

/// `psa_mac_sign_setup` / `psa_mac_verify_setup`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, id: psa_key_id_t, alg: psa_algorithm_t, verify: bool) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::mac_setup(words, id, alg, verify) } {
        return r;
    }
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(&OPS, words) }?;
    let usage = if verify {
        PSA_KEY_USAGE_VERIFY_MESSAGE
    } else {
        PSA_KEY_USAGE_SIGN_MESSAGE
    };
    let c = check(id, alg, usage)?;
    let ctx = with_mac_key(c.key.data(), c.base, |key| key.start())?;
    let ctx = KeyBound::new(c.key.data(), ctx);
    c.key.release()?;
    // SAFETY: forwarded caller contract.
    unsafe {
        OPS.setup(
            words,
            MacOp {
                ctx,
                len: c.len,
                verify,
            },
        )
    }
}

/// `psa_mac_update`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn update(words: *mut Words, input: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::mac_update(words, input) } {
        return r;
    }
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    match b.state().ctx.with(|c| c.update(input)) {
        Ok(()) => Ok(()),
        Err(e) => {
            b.finish();
            Err(e)
        }
    }
}

/// Ends the operation and returns the truncated MAC, after checking the
/// direction; any error aborts the operation.
fn final_tag(words: *mut Words, verify: bool, room: Option<usize>) -> Result<(Tag, usize)> {
    // SAFETY: the callers' contract: `words` is valid.
    let mut b = unsafe { OPS.borrow(words) }?;
    let st = b.state();
    let r = if st.verify != verify {
        Err(Error::BadState)
    } else if room.is_some_and(|r| r < st.len) {
        Err(Error::BufferTooSmall)
    } else {
        let len = st.len;
        st.ctx.with(|c| c.finish()).map(|t| (t, len))
    };
    b.finish();
    r
}

/// `psa_mac_sign_finish`: returns the MAC length.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn sign_finish(words: *mut Words, out: &mut [u8]) -> Result<usize> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::mac_sign_finish(words, out) } {
        return r;
    }
    core()?;
    let (tag, len) = final_tag(words, false, Some(out.len()))?;
    out[..len].copy_from_slice(&tag.as_ref()[..len]);
    Ok(len)
}

/// `psa_mac_verify_finish`: constant-time comparison.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn verify_finish(words: *mut Words, expected: &[u8]) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::mac_verify_finish(words, expected) } {
        return r;
    }
    core()?;
    let (tag, len) = final_tag(words, true, None)?;
    if ct_matches(&tag.as_ref()[..len], expected) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}

/// `psa_mac_abort`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: caller contract.
    if let Some(r) = unsafe { super::driver::ops::mac_abort(words) } {
        return r;
    }
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort_call(&OPS, words) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::RUSTPSA_OPERATION_WORDS;

    fn key(alg: psa_algorithm_t, t: psa_key_type_t, material: &[u8]) -> psa_key_id_t {
        super::super::init().unwrap();
        let attrs = psa_key_attributes_t {
            private_type: t,
            private_usage: PSA_KEY_USAGE_SIGN_MESSAGE | PSA_KEY_USAGE_VERIFY_MESSAGE,
            private_alg: alg,
            ..Default::default()
        };
        super::super::key_management::import(&attrs, material).unwrap()
    }

    /// Multi-part = one-shot through the API layer under random chunking, for
    /// HMAC (ring and RustCrypto paths), CMAC and a truncated MAC; and a key
    /// destroyed mid-operation revokes the operation.
    #[test]
    fn multi_part_equals_one_shot() {
        let msg: Vec<u8> = (0..1000u32).map(|i| (i * 7) as u8).collect();
        let mut seed = 7u64;
        for (alg, t, klen) in [
            (psa_alg_hmac(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC, 32),
            (psa_alg_hmac(PSA_ALG_SHA3_384), PSA_KEY_TYPE_HMAC, 200),
            (
                psa_alg_truncated_mac(psa_alg_hmac(PSA_ALG_SHA_512_224), 10),
                PSA_KEY_TYPE_HMAC,
                16,
            ),
            (PSA_ALG_CMAC, PSA_KEY_TYPE_AES, 24),
        ] {
            let id = key(alg, t, &vec![0x42; klen]);
            let mut want = [0u8; 64];
            let n = compute(id, alg, &msg, &mut want).unwrap();
            for verify in [false, true] {
                let mut w: Words = [0; RUSTPSA_OPERATION_WORDS];
                unsafe { setup(&mut w, id, alg, verify) }.unwrap();
                let mut rest = &msg[..];
                while !rest.is_empty() {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                    let k = ((seed >> 40) as usize % 130).min(rest.len());
                    unsafe { update(&mut w, &rest[..k]) }.unwrap();
                    rest = &rest[k..];
                }
                if verify {
                    unsafe { verify_finish(&mut w, &want[..n]) }.unwrap();
                } else {
                    let mut got = [0u8; 64];
                    let m = unsafe { sign_finish(&mut w, &mut got) }.unwrap();
                    assert_eq!(got[..m], want[..n]);
                }
                assert_eq!(unsafe { update(&mut w, b"x") }.err(), Some(Error::BadState));
            }
            let mut w: Words = [0; RUSTPSA_OPERATION_WORDS];
            unsafe { setup(&mut w, id, alg, false) }.unwrap();
            super::super::key_management::destroy(id).unwrap();
            assert_eq!(unsafe { update(&mut w, b"x") }.err(), Some(Error::BadState));
            assert_eq!(w, [0; RUSTPSA_OPERATION_WORDS]);
            assert_eq!(
                unsafe { setup(&mut w, id, alg, false) }.err(),
                Some(Error::InvalidHandle)
            );
        }
    }
}
