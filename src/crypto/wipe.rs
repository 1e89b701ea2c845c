//! Wiping of values that hold key-derived secrets but cannot zeroize themselves.
//!
//! The global allocator ([`crate::alloc`]) also wipes every heap block when it
//! is freed; [`ZBox`] keeps the wipe of its own block independent of that (the
//! rlib may be built without the `wipe-on-free` feature).
use core::mem::{size_of, MaybeUninit};
use core::ops::Deref;

use zeroize::Zeroize;

/// A heap box whose memory is zeroed after its value is dropped.
///
/// For third-party key schedules (ring's `hmac::Key`, `aead::LessSafeKey`, …)
/// that own no heap memory of their own and do not zeroize on drop: keeping them
/// in a `ZBox` makes the cached copy disappear with the box.
pub struct ZBox<T>(Box<MaybeUninit<T>>);

impl<T> ZBox<T> {
    /// Moves `value` to the heap.
    pub fn new(value: T) -> Self {
        ZBox(Box::new(MaybeUninit::new(value)))
    }
}

impl<T> Deref for ZBox<T> {
    type Target = T;
    fn deref(&self) -> &T {
        // SAFETY: initialised in `new`, dropped only in `drop`.
        unsafe { self.0.assume_init_ref() }
    }
}

impl<T> Drop for ZBox<T> {
    fn drop(&mut self) {
        // SAFETY: initialised in `new`; dropped exactly once, here. Afterwards the
        // bytes are treated as plain memory and zeroed.
        unsafe {
            self.0.assume_init_drop();
            let bytes = core::slice::from_raw_parts_mut(self.0.as_mut_ptr() as *mut u8, size_of::<T>());
            bytes.zeroize();
        }
    }
}

// SAFETY: a ZBox is as thread-safe as the value it owns.
unsafe impl<T: Send> Send for ZBox<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for ZBox<T> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derefs_to_the_value() {
        let b = ZBox::new([7u8; 32]);
        assert_eq!(b[31], 7);
    }
}
