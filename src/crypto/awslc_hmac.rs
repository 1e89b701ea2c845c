//! HMAC over SHA-1, SHA-256, SHA-384 and SHA-512 through AWS-LC's HMAC
//! (`aws-lc-sys`), keeping only the precomputed key: the two chaining values
//! after the inner and outer pads (`HMAC_get_precomputed_key`), 2×20, 2×32 or
//! 2×64 bytes in a zeroizing buffer. Each call builds its `HMAC_CTX` from them
//! (`HMAC_Init_from_precomputed_key`): on the stack for a one-shot MAC, boxed
//! for a multi-part one; `HMAC_CTX_cleanup` wipes it afterwards.
//!
//! Why not aws-lc-rs's `hmac::Key`: it keeps a whole `HMAC_CTX` (1,224 bytes,
//! three hash states) per key and copies it on every call, which among many
//! keys is a cache miss per line; the precomputed key is one or two lines.
//! The primitive is the same (AWS-LC's SHA-2 and HMAC).
use core::mem::MaybeUninit;

use aws_lc_sys as sys;
use zeroize::Zeroizing;

use crate::types::*;

/// The largest precomputed key (SHA-384/512: two 64-byte chaining values).
const MAX_STATE: usize = sys::HMAC_MAX_PRECOMPUTED_KEY_SIZE as usize;

/// The hashes served here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hash {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    fn of(hash: psa_algorithm_t) -> Option<Self> {
        Some(match hash {
            PSA_ALG_SHA_1 => Hash::Sha1,
            PSA_ALG_SHA_256 => Hash::Sha256,
            PSA_ALG_SHA_384 => Hash::Sha384,
            PSA_ALG_SHA_512 => Hash::Sha512,
            _ => return None,
        })
    }

    fn md(self) -> *const sys::EVP_MD {
        // SAFETY: no arguments; each returns a pointer to a static table.
        unsafe {
            match self {
                Hash::Sha1 => sys::EVP_sha1(),
                Hash::Sha256 => sys::EVP_sha256(),
                Hash::Sha384 => sys::EVP_sha384(),
                Hash::Sha512 => sys::EVP_sha512(),
            }
        }
    }

    /// The length of the precomputed key (twice the chaining value).
    fn state_len(self) -> usize {
        match self {
            Hash::Sha1 => 40,
            Hash::Sha256 => 64,
            Hash::Sha384 | Hash::Sha512 => 128,
        }
    }

    fn out_len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// An HMAC key prepared as AWS-LC's precomputed key; wiped on drop.
pub struct Key {
    hash: Hash,
    /// `key_ipad || key_opad` chaining values; the first `hash.state_len()` bytes.
    state: Zeroizing<[u8; MAX_STATE]>,
}

/// Clears AWS-LC's error queue (after a failed call).
fn clear_errors() {
    // SAFETY: no arguments; touches only this thread's error queue.
    unsafe { sys::ERR_clear_error() };
}

/// A zeroed `HMAC_CTX` (what `HMAC_CTX_init` makes).
fn blank_ctx() -> sys::HMAC_CTX {
    let mut ctx = MaybeUninit::<sys::HMAC_CTX>::uninit();
    // SAFETY: HMAC_CTX_init writes the whole (plain-data) struct.
    unsafe {
        sys::HMAC_CTX_init(ctx.as_mut_ptr());
        ctx.assume_init()
    }
}

impl Key {
    /// Prepares `key` (any length) for HMAC over `hash`; `None` if the hash is
    /// not one of SHA-1/256/384/512.
    pub fn new(hash: psa_algorithm_t, key: &[u8]) -> Option<Result<Self>> {
        let hash = Hash::of(hash)?;
        Some(Self::derive(hash, key))
    }

    fn derive(hash: Hash, key: &[u8]) -> Result<Self> {
        let mut ctx = blank_ctx();
        let mut state = Zeroizing::new([0u8; MAX_STATE]);
        let mut len = MAX_STATE;
        // A non-NULL pointer even for an empty key (NULL would mean "keep the
        // previous key").
        let kp = if key.is_empty() { [0u8; 1].as_ptr() } else { key.as_ptr() };
        // SAFETY: `ctx` is initialised; `key` and `state` are valid for the
        // lengths passed; the context is wiped before it goes out of scope.
        let ok = unsafe {
            sys::HMAC_Init_ex(&mut ctx, kp.cast(), key.len(), hash.md(), core::ptr::null_mut()) == 1
                && sys::HMAC_set_precomputed_key_export(&mut ctx) == 1
                && sys::HMAC_get_precomputed_key(&mut ctx, state.as_mut_ptr(), &mut len) == 1
        };
        // SAFETY: `ctx` is a valid context.
        unsafe { sys::HMAC_CTX_cleanup(&mut ctx) };
        if !ok || len != hash.state_len() {
            clear_errors();
            return Err(Error::CorruptionDetected);
        }
        Ok(Key { hash, state })
    }

    #[cfg(test)]
    pub(crate) fn state_addr(&self) -> usize {
        self.state.as_ptr() as usize
    }

    /// The full MAC length.
    pub fn len(&self) -> usize {
        self.hash.out_len()
    }

    /// A context ready to absorb the message.
    fn init(&self, ctx: &mut sys::HMAC_CTX) -> bool {
        // SAFETY: `ctx` is initialised; `state` holds `state_len` bytes.
        unsafe { sys::HMAC_Init_from_precomputed_key(ctx, self.state.as_ptr(), self.hash.state_len(), self.hash.md()) == 1 }
    }

    /// Writes the full-length MAC of `data` to `out[..self.len()]` (`out` is
    /// at least 64 bytes).
    #[inline]
    pub fn sign_full(&self, data: &[u8], out: &mut [u8; 64]) {
        let mut ctx = blank_ctx();
        let mut n: std::os::raw::c_uint = 0;
        // SAFETY: `ctx` is initialised by `init`; `data` and `out` are valid
        // for the lengths passed (64 ≥ every output length here).
        let ok = self.init(&mut ctx)
            && unsafe {
                sys::HMAC_Update(&mut ctx, data.as_ptr(), data.len()) == 1
                    && sys::HMAC_Final(&mut ctx, out.as_mut_ptr(), &mut n) == 1
            };
        // SAFETY: `ctx` is a valid context; this wipes all of it.
        unsafe { sys::HMAC_CTX_cleanup(&mut ctx) };
        // The calls fail only for a context in the wrong state or a digest
        // without precomputed keys, neither possible here.
        assert!(ok && n as usize == self.len(), "AWS-LC HMAC failed");
    }

    /// A running MAC computation with this key.
    pub fn start(&self) -> Ctx {
        let mut ctx = Box::new(blank_ctx());
        let ok = self.init(&mut ctx);
        assert!(ok, "AWS-LC HMAC init failed");
        Ctx { ctx, len: self.len() }
    }
}

/// A multi-part HMAC computation; its context is wiped on drop.
pub struct Ctx {
    ctx: Box<sys::HMAC_CTX>,
    len: usize,
}

// SAFETY: the context is plain data (hash states and pointers to AWS-LC's
// static method tables), owned by this value alone.
unsafe impl Send for Ctx {}
// SAFETY: shared references give no access to the context.
unsafe impl Sync for Ctx {}

impl Ctx {
    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        // SAFETY: the context was initialised by `Key::start`.
        let ok = unsafe { sys::HMAC_Update(&mut *self.ctx, data.as_ptr(), data.len()) == 1 };
        assert!(ok, "AWS-LC HMAC update failed");
    }

    /// Writes the full-length MAC of everything absorbed to `out` and returns
    /// its length.
    pub fn finish(&mut self, out: &mut [u8; 64]) -> usize {
        let mut n: std::os::raw::c_uint = 0;
        // SAFETY: the context was initialised by `Key::start`; 64 bytes of room.
        let ok = unsafe { sys::HMAC_Final(&mut *self.ctx, out.as_mut_ptr(), &mut n) == 1 };
        assert!(ok && n as usize == self.len, "AWS-LC HMAC final failed");
        self.len
    }
}

impl Drop for Ctx {
    fn drop(&mut self) {
        // SAFETY: a valid context; this zeroes it.
        unsafe { sys::HMAC_CTX_cleanup(&mut *self.ctx) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 test case 1 for every SHA-2 size, and the precomputed key's
    /// length; RFC 2202 case 1 for SHA-1.
    #[test]
    fn rfc4231_case_1_and_rfc2202() {
        use crate::testutil::hex;
        let key = [0x0b; 20];
        for (h, expect) in [
            (PSA_ALG_SHA_1, "b617318655057264e28bc0b6fb378c8ef146be00"),
            (PSA_ALG_SHA_256, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            (
                PSA_ALG_SHA_384,
                "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6",
            ),
            (
                PSA_ALG_SHA_512,
                "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cde\
                 daa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854",
            ),
        ] {
            let k = Key::new(h, &key).unwrap().unwrap();
            let mut out = [0u8; 64];
            k.sign_full(b"Hi There", &mut out);
            assert_eq!(&out[..k.len()], &hex(expect)[..], "{h:#x}");
            let mut c = k.start();
            c.update(b"Hi ");
            c.update(b"There");
            let mut out2 = [0u8; 64];
            assert_eq!(c.finish(&mut out2), k.len());
            assert_eq!(out, out2);
        }
        assert!(Key::new(PSA_ALG_SHA_224, &key).is_none());
    }

    /// An empty key is HMAC with a zero block, not "the previous key".
    #[test]
    fn empty_key() {
        let a = Key::new(PSA_ALG_SHA_256, b"").unwrap().unwrap();
        let b = Key::new(PSA_ALG_SHA_256, &[0u8; 64]).unwrap().unwrap();
        let (mut x, mut y) = ([0u8; 64], [0u8; 64]);
        a.sign_full(b"m", &mut x);
        b.sign_full(b"m", &mut y);
        assert_eq!(x, y);
    }
}
