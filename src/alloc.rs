//! The library's global allocator: the system allocator, wiping every block
//! before it is freed.
//!
//! Key material passes through many heap blocks the library does not own the
//! types of: ring's `RsaKeyPair` keeps p, q, dP, dQ and qInv in heap arrays it
//! never wipes, RustCrypto's big integers and parsed keys grow `Vec`s, and any
//! `Vec` that is reallocated leaves its old contents behind in the freed block.
//! Wiping each type separately cannot be complete; wiping every block on its way
//! back to malloc is. [`WipeOnFree`] therefore
//!
//! * zeroes every block in `dealloc` before handing it to `free`;
//! * implements `realloc` as allocate, copy, wipe the old block, free it — so
//!   libc's `realloc` never moves a block and leaves the old copy unwiped;
//! * passes `alloc` and `alloc_zeroed` through.
//!
//! The zeroing is a `memset` followed by a compiler barrier that makes the
//! block's bytes observable (as glibc's `explicit_bzero` does), so the stores
//! cannot be removed as dead before `free`.
//!
//! Not covered (listed in the README, "Secrets in memory"): stack frames and
//! registers (copies of keys in local variables of ring, RustCrypto or this
//! crate live until the stack is reused); memory the C caller owns (its key
//! buffers, its copies of exported keys); swap and core dumps. ring's C and
//! assembly code allocate nothing, and the library links no other C code, so
//! every heap block that holds a secret is a Rust allocation and passes here.
use std::alloc::{GlobalAlloc, Layout, System};

/// The wipe-on-free global allocator (see the module documentation).
pub struct WipeOnFree;

/// Zeroes `len` bytes at `ptr` so that the stores survive optimisation.
///
/// # Safety
/// `ptr` must be valid for writing `len` bytes.
#[inline]
pub unsafe fn wipe(ptr: *mut u8, len: usize) {
    // SAFETY: caller contract.
    unsafe { core::ptr::write_bytes(ptr, 0, len) };
    // The pointer escapes into an opaque block that may read all memory: the
    // zeroing above cannot be treated as dead stores before `free`.
    barrier(ptr);
}

#[cfg(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64", target_arch = "arm",
          target_arch = "riscv64", target_arch = "riscv32", target_arch = "loongarch64"))]
#[inline(always)]
fn barrier(ptr: *mut u8) {
    // SAFETY: an empty instruction sequence; it reads nothing and writes
    // nothing, but the compiler must assume it reads memory through `ptr`.
    unsafe { core::arch::asm!("/* {0} */", in(reg) ptr, options(nostack, preserves_flags)) };
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64", target_arch = "arm",
              target_arch = "riscv64", target_arch = "riscv32", target_arch = "loongarch64")))]
#[inline(always)]
fn barrier(ptr: *mut u8) {
    core::hint::black_box(ptr);
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}

// SAFETY: every method forwards to `System` with the same layout contract;
// `realloc` returns a block of `new_size` bytes with the old contents (up to the
// smaller size) and frees the old block, as `GlobalAlloc::realloc` requires.
unsafe impl GlobalAlloc for WipeOnFree {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        unsafe { System.alloc(layout) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract.
        unsafe { System.alloc_zeroed(layout) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` is a live block of `layout.size()` bytes (caller contract).
        unsafe {
            wipe(ptr, layout.size());
            System.dealloc(ptr, layout);
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees `new_size` is non-zero and, rounded up to
        // `layout.align()`, does not overflow isize: a valid layout.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        // SAFETY: a valid, non-zero layout.
        let new = unsafe { System.alloc(new_layout) };
        if !new.is_null() {
            // SAFETY: both blocks are live, distinct and at least this long;
            // then the old block is wiped and freed (caller contract: `ptr` was
            // allocated with `layout`).
            unsafe {
                core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn realloc_keeps_contents() {
        let a = WipeOnFree;
        let l = Layout::from_size_align(40, 8).unwrap();
        // SAFETY: a valid layout; the blocks are used within their sizes.
        unsafe {
            let p = a.alloc(l);
            assert!(!p.is_null());
            for i in 0..40 {
                *p.add(i) = i as u8;
            }
            let q = a.realloc(p, l, 100);
            assert!(!q.is_null());
            for i in 0..40 {
                assert_eq!(*q.add(i), i as u8);
            }
            let r = a.realloc(q, Layout::from_size_align(100, 8).unwrap(), 10);
            for i in 0..10 {
                assert_eq!(*r.add(i), i as u8);
            }
            a.dealloc(r, Layout::from_size_align(10, 8).unwrap());
        }
    }

    #[test]
    fn wipe_zeroes() {
        let mut b = [0xAAu8; 33];
        // SAFETY: a local buffer of that length.
        unsafe { wipe(b.as_mut_ptr(), b.len()) };
        assert!(b.iter().all(|&x| x == 0));
    }
}
