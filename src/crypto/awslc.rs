//! The AWS-LC back end (through `aws-lc-sys`): ECDSA over a digest and
//! static-key ECDH on P-256, P-384 and P-521, and the RSA private and public
//! operations (PKCS#1 v1.5 and PSS signatures over a digest, OAEP, PKCS#1 v1.5
//! encryption).
//!
//! Chosen by measurement (bench/raw_primitives.rs, docs/PERFORMANCE.md): on
//! this machine AWS-LC's s2n-bignum and Montgomery code is 4–13× faster than
//! the RustCrypto curves and the `rsa` crate, and faster than ring, which
//! signs only messages and agrees only with ephemeral keys.
//!
//! The safe types here own one AWS-LC object each and free it on drop. AWS-LC
//! wipes what it frees: `EC_KEY_free` and `RSA_free` release every scalar and
//! prime through `BN_free` → `OPENSSL_free`, and `OPENSSL_free` calls
//! `OPENSSL_cleanse` on the whole allocation before returning it to `free`
//! (aws-lc `crypto/mem.c`); ctests/test_residue.c checks that no key bytes
//! survive in freed memory. Every failure clears AWS-LC's thread-local error
//! queue so no state leaks from one call into the next.
//!
//! AWS-LC's objects are safe to use from several threads at once for these
//! calls (`ECDSA_do_sign`, `ECDH_compute_key` take a `const EC_KEY *`; RSA's
//! lazily built Montgomery contexts and blinding cache are guarded by the RSA
//! object's own lock).
use core::ptr::{null, null_mut, NonNull};
use std::os::raw::{c_int, c_uint};

use aws_lc_sys as sys;
use zeroize::Zeroizing;

use crate::types::{Error, Result};

/// Clears AWS-LC's error queue and returns `e`.
fn fail<T>(e: Error) -> Result<T> {
    // SAFETY: no arguments; touches only this thread's error queue.
    unsafe { sys::ERR_clear_error() };
    Err(e)
}

/// An owned `BIGNUM`, cleared and freed on drop.
struct Bn(NonNull<sys::BIGNUM>);

impl Bn {
    fn from_be(b: &[u8]) -> Result<Self> {
        // SAFETY: `b` is a valid slice; a NULL `ret` asks for a new BIGNUM.
        let p = unsafe { sys::BN_bin2bn(b.as_ptr(), b.len(), null_mut()) };
        NonNull::new(p).map(Bn).map_or_else(|| fail(Error::InsufficientMemory), Ok)
    }
    /// Gives up ownership (for calls that take it).
    fn into_raw(self) -> *mut sys::BIGNUM {
        let p = self.0.as_ptr();
        core::mem::forget(self);
        p
    }
}

impl Drop for Bn {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { sys::BN_clear_free(self.0.as_ptr()) }
    }
}

/// The NIST curves AWS-LC serves here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NistCurve {
    /// secp256r1
    P256,
    /// secp384r1
    P384,
    /// secp521r1
    P521,
}

impl NistCurve {
    fn nid(self) -> c_int {
        match self {
            NistCurve::P256 => sys::NID_X9_62_prime256v1,
            NistCurve::P384 => sys::NID_secp384r1,
            NistCurve::P521 => sys::NID_secp521r1,
        }
    }
    /// Length of a scalar or coordinate in bytes.
    pub fn field_len(self) -> usize {
        match self {
            NistCurve::P256 => 32,
            NistCurve::P384 => 48,
            NistCurve::P521 => 66,
        }
    }
}

/// An AWS-LC `EC_KEY`: a public key, with its private scalar for a key pair.
pub struct EcKey {
    key: NonNull<sys::EC_KEY>,
    curve: NistCurve,
    pair: bool,
}

// SAFETY: the EC_KEY is immutable after construction and only used through
// `const EC_KEY *` calls, which AWS-LC allows from several threads at once.
unsafe impl Send for EcKey {}
// SAFETY: as above.
unsafe impl Sync for EcKey {}

impl Drop for EcKey {
    fn drop(&mut self) {
        // SAFETY: owned, freed once; AWS-LC wipes the scalar as it frees it.
        unsafe { sys::EC_KEY_free(self.key.as_ptr()) }
    }
}

/// An owned `EC_POINT`.
struct Point(NonNull<sys::EC_POINT>);

impl Drop for Point {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { sys::EC_POINT_free(self.0.as_ptr()) }
    }
}

impl EcKey {
    /// The point `04 || x || y` on the key's curve (`InvalidArgument` if it is
    /// not an uncompressed point on the curve).
    fn point(&self, b: &[u8]) -> Result<Point> {
        if b.len() != 1 + 2 * self.curve.field_len() || b[0] != 0x04 {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the key is valid; its group lives as long as the key.
        let group = unsafe { sys::EC_KEY_get0_group(self.key.as_ptr()) };
        // SAFETY: `group` is valid.
        let p = NonNull::new(unsafe { sys::EC_POINT_new(group) }).map(Point);
        let Some(p) = p else { return fail(Error::InsufficientMemory) };
        // SAFETY: valid group, point and input slice; a NULL BN_CTX is allowed.
        if unsafe { sys::EC_POINT_oct2point(group, p.0.as_ptr(), b.as_ptr(), b.len(), null_mut()) } != 1 {
            return fail(Error::InvalidArgument);
        }
        Ok(p)
    }

    /// A key on `curve` from its public point (`04 || x || y`) and, for a key
    /// pair, its big-endian private scalar. The caller has validated both
    /// (the scalar in [1, n-1], the point its public key); AWS-LC checks them
    /// again.
    pub fn new(curve: NistCurve, private: Option<&[u8]>, public: &[u8]) -> Result<Self> {
        // SAFETY: a known curve NID.
        let key = NonNull::new(unsafe { sys::EC_KEY_new_by_curve_name(curve.nid()) });
        let Some(key) = key else { return fail(Error::InsufficientMemory) };
        let k = EcKey { key, curve, pair: private.is_some() };
        let p = k.point(public)?;
        // SAFETY: valid key and point; the key copies the point.
        if unsafe { sys::EC_KEY_set_public_key(k.key.as_ptr(), p.0.as_ptr()) } != 1 {
            return fail(Error::InvalidArgument);
        }
        if let Some(d) = private {
            let d = Bn::from_be(d)?;
            // SAFETY: valid key and BIGNUM; the key copies the scalar (and the
            // temporary is cleared when `d` drops).
            if unsafe { sys::EC_KEY_set_private_key(k.key.as_ptr(), d.0.as_ptr()) } != 1 {
                return fail(Error::InvalidArgument);
            }
            // SAFETY: valid key: checks that the public point is d·G.
            if unsafe { sys::EC_KEY_check_key(k.key.as_ptr()) } != 1 {
                return fail(Error::InvalidArgument);
            }
        }
        Ok(k)
    }

    /// Randomized ECDSA over `digest` (AWS-LC truncates a long digest to the
    /// order's size, as ECDSA specifies); writes `r || s` to `out`.
    pub fn sign(&self, digest: &[u8], out: &mut [u8]) -> Result<usize> {
        if !self.pair {
            return Err(Error::InvalidArgument);
        }
        let n = self.curve.field_len();
        let out = out.get_mut(..2 * n).ok_or(Error::BufferTooSmall)?;
        // SAFETY: valid key and digest slice.
        let sig = unsafe { sys::ECDSA_do_sign(digest.as_ptr(), digest.len(), self.key.as_ptr()) };
        if sig.is_null() {
            return fail(Error::InsufficientEntropy);
        }
        let (mut r, mut s) = (null(), null());
        // SAFETY: `sig` is valid; r and s stay owned by it.
        unsafe { sys::ECDSA_SIG_get0(sig, &mut r, &mut s) };
        let (ro, so) = out.split_at_mut(n);
        // SAFETY: r and s are valid BIGNUMs below the order; each output is n bytes.
        let ok = unsafe { sys::BN_bn2bin_padded(ro.as_mut_ptr(), n, r) == 1 && sys::BN_bn2bin_padded(so.as_mut_ptr(), n, s) == 1 };
        // SAFETY: owned, freed once.
        unsafe { sys::ECDSA_SIG_free(sig) };
        if !ok {
            return fail(Error::CorruptionDetected);
        }
        Ok(2 * n)
    }

    /// ECDSA verification of `r || s` over `digest`: `InvalidSignature` on any
    /// mismatch (including r or s outside [1, n-1]).
    pub fn verify(&self, digest: &[u8], signature: &[u8]) -> Result<()> {
        let n = self.curve.field_len();
        if signature.len() != 2 * n {
            return Err(Error::InvalidSignature);
        }
        let r = Bn::from_be(&signature[..n])?;
        let s = Bn::from_be(&signature[n..])?;
        // SAFETY: no arguments.
        let sig = unsafe { sys::ECDSA_SIG_new() };
        if sig.is_null() {
            return fail(Error::InsufficientMemory);
        }
        // SAFETY: `sig` is valid and takes ownership of r and s.
        unsafe { sys::ECDSA_SIG_set0(sig, r.into_raw(), s.into_raw()) };
        // SAFETY: valid digest, signature and key.
        let ok = unsafe { sys::ECDSA_do_verify(digest.as_ptr(), digest.len(), sig, self.key.as_ptr()) } == 1;
        // SAFETY: owned, freed once (with r and s).
        unsafe { sys::ECDSA_SIG_free(sig) };
        if ok {
            Ok(())
        } else {
            fail(Error::InvalidSignature)
        }
    }

    /// ECDH with the peer's uncompressed point: the x-coordinate of d·Q.
    pub fn ecdh(&self, peer: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        if !self.pair {
            return Err(Error::InvalidArgument);
        }
        let q = self.point(peer)?;
        let n = self.curve.field_len();
        let mut out = Zeroizing::new(vec![0u8; n]);
        // SAFETY: valid output of n bytes, point and key; no KDF.
        let got = unsafe { sys::ECDH_compute_key(out.as_mut_ptr().cast(), n, q.0.as_ptr(), self.key.as_ptr(), None) };
        if got != n as c_int {
            return fail(Error::InvalidArgument);
        }
        Ok(out)
    }
}

/// The hash functions of RSA signatures and OAEP, as AWS-LC names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Md {
    /// SHA-1
    Sha1,
    /// SHA-224
    Sha224,
    /// SHA-256
    Sha256,
    /// SHA-384
    Sha384,
    /// SHA-512
    Sha512,
}

impl Md {
    fn nid(self) -> c_int {
        match self {
            Md::Sha1 => sys::NID_sha1,
            Md::Sha224 => sys::NID_sha224,
            Md::Sha256 => sys::NID_sha256,
            Md::Sha384 => sys::NID_sha384,
            Md::Sha512 => sys::NID_sha512,
        }
    }
    fn evp(self) -> *const sys::EVP_MD {
        // SAFETY: these return static tables.
        unsafe {
            match self {
                Md::Sha1 => sys::EVP_sha1(),
                Md::Sha224 => sys::EVP_sha224(),
                Md::Sha256 => sys::EVP_sha256(),
                Md::Sha384 => sys::EVP_sha384(),
                Md::Sha512 => sys::EVP_sha512(),
            }
        }
    }
}

/// The PSS salt length to verify: exactly `n` bytes, or whatever the
/// signature carries.
#[derive(Clone, Copy, Debug)]
pub enum Salt {
    /// Exactly this many bytes.
    Len(usize),
    /// Any length (`PSA_ALG_RSA_PSS_ANY_SALT`).
    Any,
}

/// An AWS-LC `RSA` key (with an `EVP_PKEY` around it for OAEP).
pub struct RsaKey {
    rsa: NonNull<sys::RSA>,
    pkey: NonNull<sys::EVP_PKEY>,
    pair: bool,
    len: usize,
}

// SAFETY: the key is not modified after construction except for AWS-LC's
// internal caches (Montgomery contexts, blinding), which it guards with the
// RSA object's own lock.
unsafe impl Send for RsaKey {}
// SAFETY: as above.
unsafe impl Sync for RsaKey {}

impl Drop for RsaKey {
    fn drop(&mut self) {
        // SAFETY: both owned (the EVP_PKEY holds its own reference to the RSA
        // object); each freed once. AWS-LC wipes d, p, q and the CRT values.
        unsafe {
            sys::EVP_PKEY_free(self.pkey.as_ptr());
            sys::RSA_free(self.rsa.as_ptr());
        }
    }
}

/// An owned `EVP_PKEY_CTX`.
struct PkeyCtx(NonNull<sys::EVP_PKEY_CTX>);

impl Drop for PkeyCtx {
    fn drop(&mut self) {
        // SAFETY: owned, freed once.
        unsafe { sys::EVP_PKEY_CTX_free(self.0.as_ptr()) }
    }
}

impl RsaKey {
    /// Parses DER `RSAPrivateKey` (`pair`) or `RSAPublicKey`, already
    /// validated by the caller; `CorruptionDetected` if AWS-LC disagrees.
    pub fn from_der(der: &[u8], pair: bool) -> Result<Self> {
        // SAFETY: valid input slice.
        let rsa = unsafe {
            if pair {
                sys::RSA_private_key_from_bytes(der.as_ptr(), der.len())
            } else {
                sys::RSA_public_key_from_bytes(der.as_ptr(), der.len())
            }
        };
        let Some(rsa) = NonNull::new(rsa) else { return fail(Error::CorruptionDetected) };
        // SAFETY: no arguments.
        let pkey = NonNull::new(unsafe { sys::EVP_PKEY_new() });
        let Some(pkey) = pkey else {
            // SAFETY: owned, freed once.
            unsafe { sys::RSA_free(rsa.as_ptr()) };
            return fail(Error::InsufficientMemory);
        };
        // SAFETY: valid RSA and EVP_PKEY: the size, and a counted reference.
        let len = unsafe { sys::RSA_size(rsa.as_ptr()) } as usize;
        let key = RsaKey { rsa, pkey, pair, len };
        // SAFETY: valid objects; set1 takes its own reference.
        if unsafe { sys::EVP_PKEY_set1_RSA(pkey.as_ptr(), rsa.as_ptr()) } != 1 {
            return fail(Error::InsufficientMemory);
        }
        Ok(key)
    }

    fn private(&self) -> Result<*mut sys::RSA> {
        if self.pair {
            Ok(self.rsa.as_ptr())
        } else {
            Err(Error::InvalidArgument)
        }
    }

    /// The modulus length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// PKCS#1 v1.5 signature of `digest` with `md`'s DigestInfo prefix, or of
    /// `digest` as it is (`md` = `None`, `PSA_ALG_RSA_PKCS1V15_SIGN_RAW`).
    pub fn sign_pkcs1(&self, md: Option<Md>, digest: &[u8], out: &mut [u8]) -> Result<usize> {
        let rsa = self.private()?;
        let out = out.get_mut(..self.len).ok_or(Error::BufferTooSmall)?;
        let ok = match md {
            Some(md) => {
                let mut n: c_uint = 0;
                // SAFETY: valid key, digest and an output of RSA_size bytes.
                let ok = unsafe { sys::RSA_sign(md.nid(), digest.as_ptr(), digest.len(), out.as_mut_ptr(), &mut n, rsa) } == 1;
                ok && n as usize == self.len
            }
            None => {
                let mut n = 0usize;
                // SAFETY: as above.
                let ok = unsafe {
                    sys::RSA_sign_raw(rsa, &mut n, out.as_mut_ptr(), out.len(), digest.as_ptr(), digest.len(), sys::RSA_PKCS1_PADDING)
                } == 1;
                ok && n == self.len
            }
        };
        if ok {
            Ok(self.len)
        } else {
            fail(Error::InvalidArgument)
        }
    }

    /// PSS signature of `digest` (hash and MGF1 `md`) with a salt of `salt` bytes.
    pub fn sign_pss(&self, md: Md, salt: usize, digest: &[u8], out: &mut [u8]) -> Result<usize> {
        let rsa = self.private()?;
        let out = out.get_mut(..self.len).ok_or(Error::BufferTooSmall)?;
        let salt = c_int::try_from(salt).map_err(|_| Error::InvalidArgument)?;
        let mut n = 0usize;
        // SAFETY: valid key, digest and output; NULL MGF1 hash means `md`.
        let ok = unsafe {
            sys::RSA_sign_pss_mgf1(rsa, &mut n, out.as_mut_ptr(), out.len(), digest.as_ptr(), digest.len(), md.evp(), null(), salt)
        } == 1;
        if ok && n == self.len {
            Ok(n)
        } else {
            fail(Error::InvalidArgument)
        }
    }

    /// PKCS#1 v1.5 verification (`md` = `None`: the raw form, compared with
    /// `digest` as it is).
    pub fn verify_pkcs1(&self, md: Option<Md>, digest: &[u8], signature: &[u8]) -> Result<()> {
        if signature.len() != self.len {
            return Err(Error::InvalidSignature);
        }
        let ok = match md {
            Some(md) => {
                // SAFETY: valid key, digest and signature.
                let r = unsafe {
                    sys::RSA_verify(md.nid(), digest.as_ptr(), digest.len(), signature.as_ptr(), signature.len(), self.rsa.as_ptr())
                };
                r == 1
            }
            None => {
                let mut buf = vec![0u8; self.len];
                let mut n = 0usize;
                // SAFETY: valid key, signature and output of RSA_size bytes.
                let ok = unsafe {
                    sys::RSA_verify_raw(
                        self.rsa.as_ptr(),
                        &mut n,
                        buf.as_mut_ptr(),
                        buf.len(),
                        signature.as_ptr(),
                        signature.len(),
                        sys::RSA_PKCS1_PADDING,
                    )
                } == 1;
                ok && buf.get(..n) == Some(digest)
            }
        };
        if ok {
            Ok(())
        } else {
            fail(Error::InvalidSignature)
        }
    }

    /// PSS verification of `signature` over `digest`.
    pub fn verify_pss(&self, md: Md, salt: Salt, digest: &[u8], signature: &[u8]) -> Result<()> {
        if signature.len() != self.len {
            return Err(Error::InvalidSignature);
        }
        let salt = match salt {
            Salt::Len(n) => c_int::try_from(n).map_err(|_| Error::InvalidSignature)?,
            Salt::Any => -2, // RSA_PSS_SALTLEN_AUTO: recovered, any length accepted
        };
        // SAFETY: valid key, digest and signature; NULL MGF1 hash means `md`.
        let ok = unsafe {
            sys::RSA_verify_pss_mgf1(
                self.rsa.as_ptr(),
                digest.as_ptr(),
                digest.len(),
                md.evp(),
                null(),
                salt,
                signature.as_ptr(),
                signature.len(),
            )
        } == 1;
        if ok {
            Ok(())
        } else {
            fail(Error::InvalidSignature)
        }
    }

    /// An `EVP_PKEY_CTX` set up for encryption or decryption with OAEP (`md`
    /// for the label hash and MGF1, and `label`) or PKCS#1 v1.5 (`None`).
    fn crypt_ctx(&self, decrypt: bool, oaep: Option<(Md, &[u8])>) -> Result<PkeyCtx> {
        // SAFETY: valid EVP_PKEY; no engine.
        let ctx = NonNull::new(unsafe { sys::EVP_PKEY_CTX_new(self.pkey.as_ptr(), null_mut()) }).map(PkeyCtx);
        let Some(ctx) = ctx else { return fail(Error::InsufficientMemory) };
        let c = ctx.0.as_ptr();
        // SAFETY: valid context for every call; the label copy is handed over
        // to the context (set0), which frees it.
        let ok = unsafe {
            let init = if decrypt { sys::EVP_PKEY_decrypt_init(c) } else { sys::EVP_PKEY_encrypt_init(c) };
            init == 1
                && match oaep {
                    None => sys::EVP_PKEY_CTX_set_rsa_padding(c, sys::RSA_PKCS1_PADDING) == 1,
                    Some((md, label)) => {
                        sys::EVP_PKEY_CTX_set_rsa_padding(c, sys::RSA_PKCS1_OAEP_PADDING) == 1
                            && sys::EVP_PKEY_CTX_set_rsa_oaep_md(c, md.evp()) == 1
                            && sys::EVP_PKEY_CTX_set_rsa_mgf1_md(c, md.evp()) == 1
                            && (label.is_empty() || {
                                let l = sys::OPENSSL_malloc(label.len()) as *mut u8;
                                !l.is_null() && {
                                    core::ptr::copy_nonoverlapping(label.as_ptr(), l, label.len());
                                    sys::EVP_PKEY_CTX_set0_rsa_oaep_label(c, l, label.len()) == 1
                                }
                            })
                    }
                }
        };
        if ok {
            Ok(ctx)
        } else {
            fail(Error::InsufficientMemory)
        }
    }

    /// Encrypts `input` (OAEP with `md` and `label`, or PKCS#1 v1.5 for
    /// `None`) into `out`, which holds at least the modulus length.
    pub fn encrypt(&self, oaep: Option<(Md, &[u8])>, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let out = out.get_mut(..self.len).ok_or(Error::BufferTooSmall)?;
        let ctx = self.crypt_ctx(false, oaep)?;
        let mut n = out.len();
        // SAFETY: valid context, input and output of `n` bytes.
        let ok = unsafe { sys::EVP_PKEY_encrypt(ctx.0.as_ptr(), out.as_mut_ptr(), &mut n, input.as_ptr(), input.len()) } == 1;
        if ok && n == self.len {
            Ok(n)
        } else {
            fail(Error::InvalidArgument)
        }
    }

    /// OAEP decryption of `input` (exactly the modulus length); every
    /// decoding failure is `InvalidPadding`.
    pub fn oaep_decrypt(&self, md: Md, label: &[u8], input: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        self.private()?;
        let ctx = self.crypt_ctx(true, Some((md, label)))?;
        let mut out = Zeroizing::new(vec![0u8; self.len]);
        let mut n = out.len();
        // SAFETY: valid context, input and output of `n` bytes.
        let ok = unsafe { sys::EVP_PKEY_decrypt(ctx.0.as_ptr(), out.as_mut_ptr(), &mut n, input.as_ptr(), input.len()) } == 1;
        if !ok || n > self.len {
            return fail(Error::InvalidPadding);
        }
        out.truncate(n);
        Ok(out)
    }
}
