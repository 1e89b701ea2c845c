//! A set-once cell that never makes a thread wait.
//!
//! `once_cell::sync::OnceCell` (and `std::sync::OnceLock`) park a thread that
//! finds another thread initialising the cell; the parking goes through std's
//! thread handles, which are not built with ThreadSanitizer, so TSan reports
//! the hand-over as a race. The caches and lazily built tables of this crate
//! do not need exclusion: two threads may both compute the value, one
//! compare-and-swap publishes a winner and the loser's value is dropped (and,
//! being heap memory, wiped by the allocator). The atomic that publishes the
//! value is all the synchronisation there is, and TSan sees it.
use once_cell::race::OnceBox;

/// A cell written at most once, read without locks; initialisation races are
/// resolved by a compare-and-swap (the losing value is dropped).
pub struct SetOnce<T>(OnceBox<T>);

impl<T> SetOnce<T> {
    /// An empty cell; usable in a `static`.
    pub const fn new() -> Self {
        SetOnce(OnceBox::new())
    }

    /// The value, if one was published.
    pub fn get(&self) -> Option<&T> {
        self.0.get()
    }

    /// The value, computing it with `f` first if the cell is empty (`f` may run
    /// in several threads at once; one result is kept).
    pub fn get_or_init(&self, f: impl FnOnce() -> T) -> &T {
        self.0.get_or_init(|| Box::new(f()))
    }

    /// As [`SetOnce::get_or_init`] for a computation that can fail (the cell
    /// stays empty on failure).
    pub fn get_or_try_init<E>(&self, f: impl FnOnce() -> core::result::Result<T, E>) -> core::result::Result<&T, E> {
        self.0.get_or_try_init(|| f().map(Box::new))
    }
}

impl<T> Default for SetOnce<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> core::fmt::Debug for SetOnce<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(if self.0.get().is_some() { "SetOnce(set)" } else { "SetOnce(empty)" })
    }
}

/// States of an [`InlineOnce`].
const EMPTY: u8 = 0;
const WRITING: u8 = 1;
const READY: u8 = 2;

/// A set-once cell that holds its value inline (no allocation, no pointer to
/// follow), for the prepared form inside a key: among 100,000 keys, a
/// one-shot call then reads the key and its prepared form from adjacent
/// cache lines instead of two scattered heap blocks.
///
/// Never makes a thread wait either: [`InlineOnce::set`] claims the cell with
/// one compare-and-swap (EMPTY → WRITING), moves the value in and publishes
/// it with a Release store (READY). A thread that loses the race, or that
/// reads while another is writing, sees `None`/gets its value back and uses
/// its own copy for that call.
#[repr(C)] // `state` first: read by every use, it shares the owner's first cache line
pub struct InlineOnce<T> {
    /// EMPTY, WRITING (claimed, the value is being moved in) or READY. The
    /// Release store of READY is the value's publication; `get`'s Acquire
    /// load pairs with it.
    state: core::sync::atomic::AtomicU8,
    /// Initialised exactly when `state` is READY; never written afterwards.
    value: core::cell::UnsafeCell<core::mem::MaybeUninit<T>>,
}

// SAFETY: the value is written once, by the thread that claimed the cell,
// before the Release store that makes it visible; after that it is only read
// through shared references (so `T: Sync`), and it is dropped by the owner.
unsafe impl<T: Send + Sync> Sync for InlineOnce<T> {}
// SAFETY: the cell owns its value.
unsafe impl<T: Send> Send for InlineOnce<T> {}

impl<T> InlineOnce<T> {
    /// An empty cell.
    pub const fn new() -> Self {
        InlineOnce {
            state: core::sync::atomic::AtomicU8::new(EMPTY),
            value: core::cell::UnsafeCell::new(core::mem::MaybeUninit::uninit()),
        }
    }

    /// The value, if one was published.
    #[inline]
    pub fn get(&self) -> Option<&T> {
        if self.state.load(core::sync::atomic::Ordering::Acquire) == READY {
            // SAFETY: READY was stored (Release) after the value was written,
            // and the value is never written again.
            Some(unsafe { (*self.value.get()).assume_init_ref() })
        } else {
            None
        }
    }

    /// Publishes `v` if the cell is empty; otherwise (set, or being set by
    /// another thread) gives `v` back.
    pub fn set(&self, v: T) -> core::result::Result<&T, T> {
        use core::sync::atomic::Ordering;
        if self.state.compare_exchange(EMPTY, WRITING, Ordering::Acquire, Ordering::Relaxed).is_err() {
            return Err(v);
        }
        // SAFETY: the compare-and-swap made this thread the only writer, and
        // no reader looks at the value before READY.
        let r = unsafe { (*self.value.get()).write(v) };
        self.state.store(READY, Ordering::Release);
        Ok(r)
    }
}

impl<T> Default for InlineOnce<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Drop for InlineOnce<T> {
    fn drop(&mut self) {
        if *self.state.get_mut() == READY {
            // SAFETY: READY means initialised; `&mut self` means no reader.
            unsafe { self.value.get_mut().assume_init_drop() }
        }
    }
}

impl<T> core::fmt::Debug for InlineOnce<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(if self.get().is_some() { "InlineOnce(set)" } else { "InlineOnce(empty)" })
    }
}

#[cfg(test)]
mod inline_tests {
    use super::InlineOnce;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts drops, to check that exactly the published value is dropped by
    /// the cell and a refused one is handed back.
    struct Counted<'a>(u32, &'a AtomicUsize);
    impl Drop for Counted<'_> {
        fn drop(&mut self) {
            self.1.fetch_add(1, Ordering::Relaxed);
        }
    }

    #[test]
    fn set_once_then_refuse() {
        let drops = AtomicUsize::new(0);
        let c = InlineOnce::new();
        assert!(c.get().is_none());
        assert_eq!(c.set(Counted(1, &drops)).map(|v| v.0).ok(), Some(1));
        let back = c.set(Counted(2, &drops)).err().expect("a second set is refused");
        assert_eq!(back.0, 2);
        drop(back);
        assert_eq!(c.get().map(|v| v.0), Some(1));
        assert_eq!(drops.load(Ordering::Relaxed), 1);
        drop(c);
        assert_eq!(drops.load(Ordering::Relaxed), 2);
        // An empty cell drops nothing.
        drop(InlineOnce::<Counted>::new());
        assert_eq!(drops.load(Ordering::Relaxed), 2);
    }

    #[test]
    fn racing_setters_publish_one_value() {
        for _ in 0..200 {
            let c = InlineOnce::new();
            let won = AtomicUsize::new(0);
            std::thread::scope(|s| {
                for t in 0..4u32 {
                    let (c, won) = (&c, &won);
                    s.spawn(move || {
                        let seen = match c.set([t; 16]) {
                            Ok(v) => {
                                won.fetch_add(1, Ordering::Relaxed);
                                *v
                            }
                            Err(_) => c.get().copied().unwrap_or([t; 16]),
                        };
                        // A value read is never torn.
                        assert!(seen.iter().all(|&x| x == seen[0]));
                    });
                }
            });
            assert_eq!(won.load(Ordering::Relaxed), 1);
            assert!(c.get().is_some());
        }
    }
}
