//! Copies of a key held outside the key store (multi-part operations' key
//! schedules and MAC states), shared between the operation and the key so that
//! `psa_destroy_key` can wipe them.
//!
//! The sharing is reference counted by hand with acquire-release atomics
//! rather than with `Arc`/`Weak`: std is not built with ThreadSanitizer, and
//! its reference counts synchronise with fences, which TSan does not model;
//! these counters are compiled with the rest of the crate and TSan sees them.
//!
//! The shared part of a handle outlives its operation until the key's list of
//! dependents forgets it. These small blocks come from a pool of their own
//! (chunks of [`POOL_CHUNK`], reused, never returned), not from between the
//! operations' large states: otherwise every finished operation would leave a
//! live block pinning its heap page, and the memory of many finished
//! operations could never go back to the system.
use core::any::Any;
use core::mem::MaybeUninit;
use core::ptr::NonNull;
use core::sync::atomic::{AtomicUsize, Ordering};

use parking_lot::Mutex;

struct Inner {
    refs: AtomicUsize,
    /// The secret. Guards: the value; held for one operation step, or by the
    /// destroyer while it drops the value.
    value: Mutex<Option<Box<dyn Any + Send>>>,
}

/// Blocks per pool chunk.
const POOL_CHUNK: usize = 256;

/// The pool lock. Guards the addresses of the free `Inner` blocks; held to
/// take or return one block (and to add a chunk).
static POOL: Mutex<Vec<usize>> = Mutex::new(Vec::new());

fn alloc_inner(inner: Inner) -> NonNull<Inner> {
    let addr = {
        let mut free = POOL.lock();
        if free.is_empty() {
            let chunk: Box<[MaybeUninit<Inner>]> = (0..POOL_CHUNK).map(|_| MaybeUninit::uninit()).collect();
            let base = Box::leak(chunk).as_mut_ptr();
            // SAFETY: in bounds of the leaked chunk.
            free.extend((0..POOL_CHUNK).map(|i| unsafe { base.add(i) } as usize));
        }
        free.pop().expect("the pool was refilled")
    };
    let p = addr as *mut Inner;
    // SAFETY: a free, properly aligned block of the pool, owned by nobody.
    unsafe {
        p.write(inner);
        NonNull::new_unchecked(p)
    }
}

/// # Safety
/// `p` came from `alloc_inner`, holds a live `Inner`, and nobody uses it any more.
unsafe fn free_inner(p: NonNull<Inner>) {
    // SAFETY: per the contract.
    unsafe { core::ptr::drop_in_place(p.as_ptr()) };
    POOL.lock().push(p.as_ptr() as usize);
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
        Dependent(alloc_inner(Inner { refs: AtomicUsize::new(1), value: Mutex::new(Some(value)) }))
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
            // SAFETY: the last handle; the block came from `alloc_inner`.
            unsafe { free_inner(self.0) };
        }
    }
}
