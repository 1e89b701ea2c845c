//! Drivers written in C: a [`rustpsa_driver_t`] table behind the [`Driver`] trait.
use core::ffi::c_void;

use zeroize::Zeroizing;

use super::abi::{rustpsa_driver_t, RUSTPSA_DRIVER_KEY_CONTEXT_MAX, RUSTPSA_DRIVER_OPERATION_CONTEXT_SIZE};
use super::{Created, Driver, Key};
use crate::types::*;

/// A registered C table (copied at registration).
#[derive(Clone)]
pub struct CDriver {
    table: rustpsa_driver_t,
}

// SAFETY: the driver promises (by registering) that its context pointer and
// entry points may be used from any thread; without RUSTPSA_DRIVER_THREAD_SAFE
// the core calls them one at a time.
unsafe impl Send for CDriver {}
// SAFETY: as above.
unsafe impl Sync for CDriver {}

impl CDriver {
    /// Wraps a copy of `table`.
    pub fn new(table: rustpsa_driver_t) -> Self {
        CDriver { table }
    }

    fn ctx(&self) -> *mut c_void {
        self.table.context
    }
}

/// A driver's status as a result: any negative code the library knows maps
/// to its error, an unknown one to `Generic`, a positive one (not a PSA
/// status) to `CorruptionDetected`.
pub fn check(s: psa_status_t) -> Result<()> {
    const ALL: &[Error] = &[
        Error::Generic,
        Error::NotPermitted,
        Error::NotSupported,
        Error::InvalidArgument,
        Error::InvalidHandle,
        Error::BadState,
        Error::BufferTooSmall,
        Error::AlreadyExists,
        Error::DoesNotExist,
        Error::InsufficientMemory,
        Error::InsufficientStorage,
        Error::InsufficientData,
        Error::ServiceFailure,
        Error::CommunicationFailure,
        Error::StorageFailure,
        Error::HardwareFailure,
        Error::InsufficientEntropy,
        Error::InvalidSignature,
        Error::InvalidPadding,
        Error::CorruptionDetected,
        Error::DataCorrupt,
        Error::DataInvalid,
    ];
    match s {
        PSA_SUCCESS => Ok(()),
        s if s > 0 => Err(Error::CorruptionDetected),
        s => Err(ALL.iter().copied().find(|e| e.status() == s).unwrap_or(Error::Generic)),
    }
}

/// An output length the driver reported: at most the buffer's size.
fn written(n: usize, size: usize) -> Result<usize> {
    if n > size {
        Err(Error::CorruptionDetected)
    } else {
        Ok(n)
    }
}

macro_rules! entry {
    ($self:ident . $name:ident) => {
        match $self.table.$name {
            Some(f) => f,
            None => return Err(Error::NotSupported),
        }
    };
}

// SAFETY (every block below): the pointers passed are those of live Rust
// slices and locals of the stated lengths; the driver promises to read and
// write only within them.
impl Driver for CDriver {
    fn hash_compute(&self, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.hash_compute);
        let mut n = 0;
        check(unsafe { f(self.ctx(), alg, input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n) })?;
        written(n, out.len())
    }

    fn mac_compute(&self, key: Key<'_>, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.mac_compute);
        let mut n = 0;
        check(unsafe {
            f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n)
        })?;
        written(n, out.len())
    }

    fn cipher_encrypt(&self, key: Key<'_>, alg: psa_algorithm_t, iv: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.cipher_encrypt);
        let mut n = 0;
        check(unsafe {
            f(
                self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, iv.as_ptr(), iv.len(),
                input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n,
            )
        })?;
        written(n, out.len())
    }

    fn cipher_decrypt(&self, key: Key<'_>, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.cipher_decrypt);
        let mut n = 0;
        check(unsafe {
            f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n)
        })?;
        written(n, out.len())
    }

    fn aead_encrypt(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.aead_encrypt);
        let mut n = 0;
        check(unsafe {
            f(
                self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, nonce.as_ptr(), nonce.len(),
                ad.as_ptr(), ad.len(), input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n,
            )
        })?;
        written(n, out.len())
    }

    fn aead_decrypt(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.aead_decrypt);
        let mut n = 0;
        check(unsafe {
            f(
                self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, nonce.as_ptr(), nonce.len(),
                ad.as_ptr(), ad.len(), input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n,
            )
        })?;
        written(n, out.len())
    }

    fn sign_hash(&self, key: Key<'_>, alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.sign_hash);
        let mut n = 0;
        check(unsafe {
            f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, hash.as_ptr(), hash.len(), out.as_mut_ptr(), out.len(), &mut n)
        })?;
        written(n, out.len())
    }

    fn verify_hash(&self, key: Key<'_>, alg: psa_algorithm_t, hash: &[u8], sig: &[u8]) -> Result<()> {
        let f = entry!(self.verify_hash);
        check(unsafe {
            f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, hash.as_ptr(), hash.len(), sig.as_ptr(), sig.len())
        })
    }

    fn key_agreement(&self, key: Key<'_>, alg: psa_algorithm_t, peer: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.key_agreement);
        let mut n = 0;
        check(unsafe {
            f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg, peer.as_ptr(), peer.len(), out.as_mut_ptr(), out.len(), &mut n)
        })?;
        written(n, out.len())
    }

    fn generate_key(&self, attrs: &psa_key_attributes_t) -> Result<Zeroizing<Vec<u8>>> {
        let f = entry!(self.generate_key);
        let bits = attrs.private_bits as usize;
        let size = psa_export_key_output_size(attrs.private_type, bits).max(RUSTPSA_DRIVER_KEY_CONTEXT_MAX);
        let mut buf = Zeroizing::new(vec![0u8; size]);
        let mut n = 0;
        check(unsafe { f(self.ctx(), attrs, buf.as_mut_ptr(), buf.len(), &mut n) })?;
        buf.truncate(written(n, size)?);
        Ok(buf)
    }

    fn import_key(&self, attrs: &psa_key_attributes_t, data: &[u8]) -> Result<Created> {
        let f = entry!(self.import_key);
        created(|buf, n, bits| unsafe { f(self.ctx(), attrs, data.as_ptr(), data.len(), buf.as_mut_ptr(), buf.len(), n, bits) })
    }

    fn attach_key(&self, attrs: &psa_key_attributes_t, label: &[u8]) -> Result<Created> {
        let f = entry!(self.attach_key);
        created(|buf, n, bits| unsafe { f(self.ctx(), attrs, label.as_ptr(), label.len(), buf.as_mut_ptr(), buf.len(), n, bits) })
    }

    fn export_key(&self, key: Key<'_>, out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.export_key);
        let mut n = 0;
        check(unsafe { f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), out.as_mut_ptr(), out.len(), &mut n) })?;
        written(n, out.len())
    }

    fn export_public_key(&self, key: Key<'_>, out: &mut [u8]) -> Result<usize> {
        let f = entry!(self.export_public_key);
        let mut n = 0;
        check(unsafe { f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len(), out.as_mut_ptr(), out.len(), &mut n) })?;
        written(n, out.len())
    }

    fn destroy_key(&self, key: Key<'_>) -> Result<()> {
        let f = entry!(self.destroy_key);
        check(unsafe { f(self.ctx(), key.attrs, key.buffer.as_ptr(), key.buffer.len()) })
    }

    fn hash_setup(&self, alg: psa_algorithm_t) -> Result<Box<dyn super::ops::HashOp>> {
        self.c_hash_setup(alg)
    }

    fn mac_setup(&self, key: Key<'_>, alg: psa_algorithm_t, verify: bool) -> Result<Box<dyn super::ops::MacOp>> {
        self.c_mac_setup(key, alg, verify)
    }

    fn cipher_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn super::ops::CipherOp>> {
        self.c_cipher_setup(key, alg, encrypt)
    }

    fn aead_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn super::ops::AeadOp>> {
        self.c_aead_setup(key, alg, encrypt)
    }
}

/// Runs an entry point that writes a key context and a size into a buffer of
/// `RUSTPSA_DRIVER_KEY_CONTEXT_MAX` bytes.
fn created(f: impl FnOnce(&mut [u8], &mut usize, &mut usize) -> psa_status_t) -> Result<Created> {
    let mut buf = Zeroizing::new(vec![0u8; RUSTPSA_DRIVER_KEY_CONTEXT_MAX]);
    let (mut n, mut bits) = (0, 0);
    check(f(&mut buf, &mut n, &mut bits))?;
    buf.truncate(written(n, RUSTPSA_DRIVER_KEY_CONTEXT_MAX)?);
    Ok((buf, bits))
}

// ---------------------------------------------------------------------------
// Multi-part operations of a C driver.

/// The operation context the core gives a C driver operation
/// (`RUSTPSA_DRIVER_OPERATION_CONTEXT_SIZE` bytes, zeroed, 16-aligned); wiped
/// when dropped, after the driver's `abort`.
#[repr(C, align(16))]
struct OpContext([u64; RUSTPSA_DRIVER_OPERATION_CONTEXT_SIZE / 8]);

impl Drop for OpContext {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

/// One C driver operation: the driver's table and the operation context.
struct COp {
    /// The registered table. Lives in the active registry, which outlives
    /// every operation (`mbedtls_psa_crypto_free` ends the operations before
    /// it drops the registry).
    table: *const rustpsa_driver_t,
    ctx: Box<OpContext>,
    /// Set once `abort` ran.
    aborted: bool,
}

// SAFETY: the driver promised thread-agnostic entry points (see `CDriver`);
// the context is only touched by the one thread running a step.
unsafe impl Send for COp {}

impl COp {
    fn t(&self) -> &rustpsa_driver_t {
        // SAFETY: see `table`.
        unsafe { &*self.table }
    }

    fn drv(&self) -> *mut c_void {
        self.t().context
    }

    fn op(&mut self) -> *mut c_void {
        self.ctx.0.as_mut_ptr().cast()
    }

    /// Runs a setup entry point on a fresh context. The context starts on
    /// the stack and moves to the heap only when the driver accepts (a
    /// declining driver costs no allocation); the interface lets the core
    /// move a context between calls, as an Mbed TLS driver's context moves
    /// with the application's operation object. A failed setup leaves no
    /// operation: the driver is not aborted.
    fn setup(table: &rustpsa_driver_t, f: impl FnOnce(*mut c_void, *mut c_void) -> psa_status_t) -> Result<COp> {
        let mut ctx = OpContext([0; RUSTPSA_DRIVER_OPERATION_CONTEXT_SIZE / 8]);
        check(f(table.context, ctx.0.as_mut_ptr().cast()))?;
        // A copy of the bytes: `ctx` itself is wiped when it goes out of scope.
        Ok(COp { table, ctx: Box::new(OpContext(ctx.0)), aborted: false })
    }

    fn abort(&mut self, f: super::abi::rustpsa_driver_op_abort_t) {
        if !self.aborted {
            self.aborted = true;
            if let Some(f) = f {
                let (d, o) = (self.drv(), self.op());
                // SAFETY: the driver's own context and operation context.
                let _ = unsafe { f(d, o) };
            }
        }
    }

    fn input(&mut self, f: super::abi::rustpsa_driver_op_input_t, input: &[u8]) -> Result<()> {
        let f = f.ok_or(Error::NotSupported)?;
        let (d, o) = (self.drv(), self.op());
        // SAFETY: live slices; the driver reads within them.
        check(unsafe { f(d, o, input.as_ptr(), input.len()) })
    }

    fn output(&mut self, f: super::abi::rustpsa_driver_op_output_t, out: &mut [u8]) -> Result<usize> {
        let f = f.ok_or(Error::NotSupported)?;
        let (d, o) = (self.drv(), self.op());
        let mut n = 0;
        // SAFETY: as above.
        check(unsafe { f(d, o, out.as_mut_ptr(), out.len(), &mut n) })?;
        written(n, out.len())
    }

    fn update(&mut self, f: super::abi::rustpsa_driver_op_update_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = f.ok_or(Error::NotSupported)?;
        let (d, o) = (self.drv(), self.op());
        let mut n = 0;
        // SAFETY: as above.
        check(unsafe { f(d, o, input.as_ptr(), input.len(), out.as_mut_ptr(), out.len(), &mut n) })?;
        written(n, out.len())
    }
}

/// A C driver's hash operation.
struct CHash(COp);
/// A C driver's MAC operation.
struct CMac(COp);
/// A C driver's cipher operation.
struct CCipher(COp);
/// A C driver's AEAD operation.
struct CAead(COp);

impl super::ops::HashOp for CHash {
    fn update(&mut self, input: &[u8]) -> Result<()> {
        let f = self.0.t().hash_update;
        self.0.input(f, input)
    }
    fn finish(&mut self, out: &mut [u8]) -> Result<usize> {
        let f = self.0.t().hash_finish;
        self.0.output(f, out)
    }
    fn clone_op(&self) -> Result<Box<dyn super::ops::HashOp>> {
        let f = self.0.t().hash_clone.ok_or(Error::NotSupported)?;
        let src: *const c_void = self.0.ctx.0.as_ptr().cast();
        // SAFETY: the source context is live; the target is fresh.
        let op = COp::setup(self.0.t(), |d, dst| unsafe { f(d, src, dst) })?;
        Ok(Box::new(CHash(op)))
    }
    fn abort(&mut self) {
        let f = self.0.t().hash_abort;
        self.0.abort(f)
    }
}

impl super::ops::MacOp for CMac {
    fn update(&mut self, input: &[u8]) -> Result<()> {
        let f = self.0.t().mac_update;
        self.0.input(f, input)
    }
    fn sign_finish(&mut self, out: &mut [u8]) -> Result<usize> {
        let f = self.0.t().mac_sign_finish;
        self.0.output(f, out)
    }
    fn verify_finish(&mut self, mac: &[u8]) -> Result<()> {
        match self.0.t().mac_verify_finish {
            Some(_) => {
                let f = self.0.t().mac_verify_finish;
                self.0.input(f, mac)
            }
            None => {
                let mut tag = Zeroizing::new([0u8; PSA_MAC_MAX_SIZE as usize]);
                let n = self.sign_finish(&mut tag[..])?;
                let ok = n == mac.len() && bool::from(subtle::ConstantTimeEq::ct_eq(&tag[..n], mac));
                if ok {
                    Ok(())
                } else {
                    Err(Error::InvalidSignature)
                }
            }
        }
    }
    fn abort(&mut self) {
        let f = self.0.t().mac_abort;
        self.0.abort(f)
    }
}

impl super::ops::CipherOp for CCipher {
    fn set_iv(&mut self, iv: &[u8]) -> Result<()> {
        let f = self.0.t().cipher_set_iv;
        self.0.input(f, iv)
    }
    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = self.0.t().cipher_update;
        self.0.update(f, input, out)
    }
    fn finish(&mut self, out: &mut [u8]) -> Result<usize> {
        let f = self.0.t().cipher_finish;
        self.0.output(f, out)
    }
    fn abort(&mut self) {
        let f = self.0.t().cipher_abort;
        self.0.abort(f)
    }
}

impl super::ops::AeadOp for CAead {
    fn set_nonce(&mut self, nonce: &[u8]) -> Result<()> {
        let f = self.0.t().aead_set_nonce;
        self.0.input(f, nonce)
    }
    fn set_lengths(&mut self, ad_length: usize, plaintext_length: usize) -> Result<()> {
        let f = self.0.t().aead_set_lengths.ok_or(Error::NotSupported)?;
        let (d, o) = (self.0.drv(), self.0.op());
        // SAFETY: the driver's contexts.
        check(unsafe { f(d, o, ad_length, plaintext_length) })
    }
    fn update_ad(&mut self, input: &[u8]) -> Result<()> {
        let f = self.0.t().aead_update_ad;
        self.0.input(f, input)
    }
    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let f = self.0.t().aead_update;
        self.0.update(f, input, out)
    }
    fn finish(&mut self, out: &mut [u8], tag: &mut [u8]) -> Result<(usize, usize)> {
        let f = self.0.t().aead_finish.ok_or(Error::NotSupported)?;
        let (d, o) = (self.0.drv(), self.0.op());
        let (mut n, mut t) = (0, 0);
        // SAFETY: live slices; the driver writes within them.
        check(unsafe { f(d, o, out.as_mut_ptr(), out.len(), &mut n, tag.as_mut_ptr(), tag.len(), &mut t) })?;
        Ok((written(n, out.len())?, written(t, tag.len())?))
    }
    fn verify(&mut self, out: &mut [u8], tag: &[u8]) -> Result<usize> {
        let f = self.0.t().aead_verify.ok_or(Error::NotSupported)?;
        let (d, o) = (self.0.drv(), self.0.op());
        let mut n = 0;
        // SAFETY: as above.
        check(unsafe { f(d, o, out.as_mut_ptr(), out.len(), &mut n, tag.as_ptr(), tag.len()) })?;
        written(n, out.len())
    }
    fn abort(&mut self) {
        let f = self.0.t().aead_abort;
        self.0.abort(f)
    }
}

impl CDriver {
    /// The keyed setup entry point `f` on a fresh context; every step the
    /// family needs (`needs`) and its abort must be present, else `NotSupported`.
    fn key_setup(&self, f: super::abi::rustpsa_driver_key_setup_t, needs: bool, key: Key<'_>, alg: psa_algorithm_t) -> Result<COp> {
        let f = f.ok_or(Error::NotSupported)?;
        if !needs {
            return Err(Error::NotSupported);
        }
        // SAFETY: the key's attributes and buffer are live for the call.
        COp::setup(&self.table, |d, o| unsafe { f(d, o, key.attrs, key.buffer.as_ptr(), key.buffer.len(), alg) })
    }

    /// `hash_setup` of the table.
    pub(super) fn c_hash_setup(&self, alg: psa_algorithm_t) -> Result<Box<dyn super::ops::HashOp>> {
        let t = &self.table;
        let f = t.hash_setup.ok_or(Error::NotSupported)?;
        if t.hash_update.is_none() || t.hash_finish.is_none() || t.hash_abort.is_none() {
            return Err(Error::NotSupported);
        }
        // SAFETY: the driver's contexts.
        Ok(Box::new(CHash(COp::setup(t, |d, o| unsafe { f(d, o, alg) })?)))
    }

    /// `mac_*_setup` of the table.
    pub(super) fn c_mac_setup(&self, key: Key<'_>, alg: psa_algorithm_t, verify: bool) -> Result<Box<dyn super::ops::MacOp>> {
        let t = &self.table;
        let f = if verify { t.mac_verify_setup } else { t.mac_sign_setup };
        let needs = t.mac_update.is_some() && t.mac_abort.is_some() && (t.mac_sign_finish.is_some() || (verify && t.mac_verify_finish.is_some()));
        Ok(Box::new(CMac(self.key_setup(f, needs, key, alg)?)))
    }

    /// `cipher_*_setup` of the table.
    pub(super) fn c_cipher_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn super::ops::CipherOp>> {
        let t = &self.table;
        let f = if encrypt { t.cipher_encrypt_setup } else { t.cipher_decrypt_setup };
        let needs = t.cipher_update.is_some() && t.cipher_finish.is_some() && t.cipher_abort.is_some();
        Ok(Box::new(CCipher(self.key_setup(f, needs, key, alg)?)))
    }

    /// `aead_*_setup` of the table.
    pub(super) fn c_aead_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn super::ops::AeadOp>> {
        let t = &self.table;
        let f = if encrypt { t.aead_encrypt_setup } else { t.aead_decrypt_setup };
        let needs = t.aead_set_nonce.is_some()
            && t.aead_update_ad.is_some()
            && t.aead_update.is_some()
            && (if encrypt { t.aead_finish.is_some() } else { t.aead_verify.is_some() })
            && t.aead_abort.is_some();
        Ok(Box::new(CAead(self.key_setup(f, needs, key, alg)?)))
    }
}
