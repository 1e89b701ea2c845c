//! Persistent key storage: an internal-trusted-storage style interface
//! ([`Its`]) with a file backend and an in-memory backend, and the key file
//! format ([`mod@format`]).
//!
//! Nothing here knows about slots or locks; the key store calls these functions
//! outside its lock.
use zeroize::Zeroizing;

use crate::types::Result;

pub mod file;
pub mod format;
pub mod memory;

/// Storage of opaque records by 32-bit uid (the key identifier).
pub trait Its: Send + Sync {
    /// Reads a record; `Ok(None)` when absent.
    fn get(&self, uid: u32) -> Result<Option<Zeroizing<Vec<u8>>>>;
    /// Creates a record atomically; `AlreadyExists` when the uid is taken.
    fn create(&self, uid: u32, data: &[u8]) -> Result<()>;
    /// Removes a record; `Ok(false)` when it did not exist.
    fn remove(&self, uid: u32) -> Result<bool>;
    /// Whether a record exists.
    fn exists(&self, uid: u32) -> Result<bool>;
}
