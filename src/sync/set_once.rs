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
