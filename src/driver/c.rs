//! Drivers written in C: a [`rustpsa_driver_t`] table behind the [`Driver`] trait.
use core::ffi::c_void;

use zeroize::Zeroizing;

use super::abi::{rustpsa_driver_t, RUSTPSA_DRIVER_KEY_CONTEXT_MAX};
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
