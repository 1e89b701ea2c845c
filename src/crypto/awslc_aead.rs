//! AES-GCM (128/256-bit keys) and ChaCha20-Poly1305 through AWS-LC's
//! `EVP_AEAD_CTX` (`aws-lc-sys`), the implementation aws-lc-rs's
//! `LessSafeKey` wraps, called directly: a one-shot call on a small message
//! then costs the AEAD itself plus one call, not aws-lc-rs's layers (its
//! nonce and additional-data types, its scatter wrapper: about 50
//! instructions a call).
//!
//! The context holds the expanded key schedule (and GHASH table) inline and
//! records its own alignment offset, so it must not move after
//! `EVP_AEAD_CTX_init`: it lives in a box of its own, is never moved out, and
//! is cleaned up and then zeroed when dropped (AWS-LC's cleanup of these
//! AEADs releases nothing and wipes nothing).
use core::mem::MaybeUninit;
use core::ptr::null_mut;

use aws_lc_sys as sys;
use zeroize::Zeroize;

/// The tag length of every AEAD here.
pub const TAG: usize = 16;

/// The AEADs served here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alg {
    /// AES-128-GCM.
    Aes128Gcm,
    /// AES-256-GCM.
    Aes256Gcm,
    /// ChaCha20-Poly1305 (RFC 8439).
    ChaCha20Poly1305,
}

impl Alg {
    fn aead(self) -> *const sys::EVP_AEAD {
        // SAFETY: no arguments; each returns a pointer to a static table.
        unsafe {
            match self {
                Alg::Aes128Gcm => sys::EVP_aead_aes_128_gcm(),
                Alg::Aes256Gcm => sys::EVP_aead_aes_256_gcm(),
                Alg::ChaCha20Poly1305 => sys::EVP_aead_chacha20_poly1305(),
            }
        }
    }
}

/// A keyed AWS-LC AEAD context (16-byte tags); wiped on drop.
pub struct Key(Box<MaybeUninit<sys::EVP_AEAD_CTX>>);

// SAFETY: after `EVP_AEAD_CTX_init` the context is only read
// (`EVP_AEAD_CTX_seal_scatter` and `EVP_AEAD_CTX_open_gather` take a const
// context and keep no state in it), so it may be shared and sent.
unsafe impl Send for Key {}
// SAFETY: as above.
unsafe impl Sync for Key {}

/// Clears AWS-LC's error queue (after a failed call).
fn clear_errors() {
    // SAFETY: no arguments; touches only this thread's error queue.
    unsafe { sys::ERR_clear_error() };
}

impl Key {
    /// Keys `alg` with `key`; `None` for a key of the wrong length.
    pub fn new(alg: Alg, key: &[u8]) -> Option<Self> {
        let mut b = Box::new(MaybeUninit::<sys::EVP_AEAD_CTX>::zeroed());
        // SAFETY: `b` is zeroed memory of the context's size (what
        // EVP_AEAD_CTX_zero makes); `key` is valid for its length.
        let ok = unsafe {
            sys::EVP_AEAD_CTX_init(b.as_mut_ptr(), alg.aead(), key.as_ptr(), key.len(), TAG, null_mut()) == 1
        };
        if !ok {
            clear_errors();
            // Not initialised: wipe what init may have written and free.
            wipe(&mut b);
            return None;
        }
        Some(Key(b))
    }

    fn ctx(&self) -> *const sys::EVP_AEAD_CTX {
        self.0.as_ptr()
    }

    /// Encrypts `pt` into `ct` (the same length, disjoint) and writes the
    /// tag. Returns whether AWS-LC accepted the nonce and lengths.
    #[inline(always)]
    pub fn seal(&self, nonce: &[u8], ad: &[u8], pt: &[u8], ct: &mut [u8], tag: &mut [u8; TAG]) -> bool {
        assert_eq!(pt.len(), ct.len());
        // SAFETY: the three input ranges and the two output ranges are valid
        // for the lengths passed and do not overlap (distinct borrows).
        unsafe { self.seal_raw(nonce, ad, pt.as_ptr(), ct.as_mut_ptr(), pt.len(), tag) }
    }

    /// # Safety
    /// `input` and `out` valid for `len` bytes, equal or disjoint.
    #[inline(always)]
    unsafe fn seal_raw(&self, nonce: &[u8], ad: &[u8], input: *const u8, out: *mut u8, len: usize, tag: &mut [u8; TAG]) -> bool {
        let mut tag_len = 0usize;
        // SAFETY: caller contract for input/out; nonce, ad and tag are valid
        // slices; the context is initialised and never moved.
        let ok = unsafe {
            sys::EVP_AEAD_CTX_seal_scatter(
                self.ctx(),
                out,
                tag.as_mut_ptr(),
                &mut tag_len,
                TAG,
                nonce.as_ptr(),
                nonce.len(),
                input,
                len,
                core::ptr::null(),
                0,
                ad.as_ptr(),
                ad.len(),
            ) == 1
        };
        if !ok || tag_len != TAG {
            clear_errors();
            return false;
        }
        true
    }

    /// Checks `tag` and decrypts `ct` into `out` (the same length, disjoint);
    /// returns whether the tag was correct (what `out` holds otherwise is
    /// unspecified: the caller's private buffer).
    #[inline]
    pub fn open(&self, nonce: &[u8], ad: &[u8], ct: &[u8], tag: &[u8], out: &mut [u8]) -> bool {
        assert_eq!(ct.len(), out.len());
        // SAFETY: every range is a valid slice of the length passed; `out`
        // is a distinct mutable borrow.
        let ok = unsafe {
            sys::EVP_AEAD_CTX_open_gather(
                self.ctx(),
                out.as_mut_ptr(),
                nonce.as_ptr(),
                nonce.len(),
                ct.as_ptr(),
                ct.len(),
                tag.as_ptr(),
                tag.len(),
                ad.as_ptr(),
                ad.len(),
            ) == 1
        };
        if !ok {
            clear_errors();
        }
        ok
    }
}

/// Zeroes a context's box.
fn wipe(b: &mut Box<MaybeUninit<sys::EVP_AEAD_CTX>>) {
    // SAFETY: the box owns size_of::<EVP_AEAD_CTX>() bytes; zero is a valid
    // bit pattern for MaybeUninit.
    let bytes = unsafe {
        core::slice::from_raw_parts_mut(b.as_mut_ptr() as *mut u8, core::mem::size_of::<sys::EVP_AEAD_CTX>())
    };
    bytes.zeroize();
}

impl Drop for Key {
    fn drop(&mut self) {
        // SAFETY: initialised by EVP_AEAD_CTX_init, cleaned up once, here.
        unsafe { sys::EVP_AEAD_CTX_cleanup(self.0.as_mut_ptr()) };
        wipe(&mut self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testutil::hex;

    /// The GCM specification's test case 4 (AES-128, 60-byte message, 20
    /// bytes of additional data), sealed, opened,
    /// and refused with a flipped tag bit.
    #[test]
    fn gcm_test_case_4() {
        let k = Key::new(Alg::Aes128Gcm, &hex("feffe9928665731c6d6a8f9467308308")).unwrap();
        let iv = hex("cafebabefacedbaddecaf888");
        let pt = hex(
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
        );
        let ad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        let ct = hex(
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
        );
        let tag = hex("5bc94fbc3221a5db94fae95ae7121a47");
        let mut out = vec![0u8; pt.len()];
        let mut t = [0u8; TAG];
        assert!(k.seal(&iv, &ad, &pt, &mut out, &mut t));
        assert_eq!((&out[..], &t[..]), (&ct[..], &tag[..]));
        let mut back = vec![0u8; ct.len()];
        assert!(k.open(&iv, &ad, &ct, &tag, &mut back));
        assert_eq!(back, pt);
        let mut bad = tag.clone();
        bad[0] ^= 1;
        assert!(!k.open(&iv, &ad, &ct, &bad, &mut back));
        assert!(Key::new(Alg::Aes128Gcm, &[0; 15]).is_none());
    }

    /// RFC 8439 section 2.8.2.
    #[test]
    fn chacha20_poly1305_rfc8439() {
        let k = Key::new(Alg::ChaCha20Poly1305, &hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f")).unwrap();
        let nonce = hex("070000004041424344454647");
        let ad = hex("50515253c0c1c2c3c4c5c6c7");
        let pt = b"Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future, sunscreen would be it.";
        let mut out = vec![0u8; pt.len()];
        let mut t = [0u8; TAG];
        assert!(k.seal(&nonce, &ad, pt, &mut out, &mut t));
        assert_eq!(&out[..16], &hex("d31a8d34648e60db7b86afbc53ef7ec2")[..]);
        assert_eq!(&t[..], &hex("1ae10b594f09e26a7e902ecbd0600691")[..]);
    }
}
