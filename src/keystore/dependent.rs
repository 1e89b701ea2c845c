//! Copies of a key held outside the key store (multi-part operations' key
//! schedules and MAC states), shared between the operation and the key so that
//! `psa_destroy_key` can wipe them.
//!
//! The sharing is reference counted by hand with acquire-release atomics
//! rather than with `Arc`/`Weak`: std is not built with ThreadSanitizer, and
//! its reference counts synchronise with fences, which TSan does not model;
//! these counters are compiled with the rest of the crate and TSan sees them.
use core::any::Any;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicUsize, Ordering};

use parking_lot::Mutex;

struct Inner {
    refs: AtomicUsize,
    /// The secret. Guards: the value; held for one operation step, or by the
    /// destroyer while it drops the value.
    value: Mutex<Option<Box<dyn Any + Send>>>,
}

/// A shared handle to one revocable secret.
pub struct Dependent(NonNull<Inner>);

// SAFETY: the value is `Send` and only reached through the mutex; the
// reference count is atomic.
unsafe impl Send for Dependent {}
// SAFETY: as above.
unsafe impl Sync for Dependent {}

impl Dependent {
    /// A new handle owning `value`.
    pub fn new(value: Box<dyn Any + Send>) -> Self {
        let inner = Box::new(Inner { refs: AtomicUsize::new(1), value: Mutex::new(Some(value)) });
        Dependent(NonNull::from(Box::leak(inner)))
    }

    fn inner(&self) -> &Inner {
        // SAFETY: the allocation lives while any handle exists.
        unsafe { self.0.as_ref() }
    }

    /// Runs `f` on the secret; `None` once it has been revoked or taken.
    pub fn with<R>(&self, f: impl FnOnce(&mut (dyn Any + Send)) -> R) -> Option<R> {
        self.inner().value.lock().as_deref_mut().map(f)
    }

    /// Takes the secret out.
    pub fn take(&self) -> Option<Box<dyn Any + Send>> {
        self.inner().value.lock().take()
    }

    /// Drops (and so wipes) the secret.
    pub fn revoke(&self) {
        drop(self.take());
    }

    /// Whether another handle to the same secret exists.
    pub fn is_shared(&self) -> bool {
        self.inner().refs.load(Ordering::Acquire) > 1
    }
}

impl Clone for Dependent {
    fn clone(&self) -> Self {
        self.inner().refs.fetch_add(1, Ordering::Relaxed);
        Dependent(self.0)
    }
}

impl Drop for Dependent {
    fn drop(&mut self) {
        if self.inner().refs.fetch_sub(1, Ordering::AcqRel) == 1 {
            // SAFETY: the last handle; the allocation came from Box::leak.
            drop(unsafe { Box::from_raw(self.0.as_ptr()) });
        }
    }
}
