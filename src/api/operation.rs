//! Multi-part operation objects: the application's opaque block holds a handle;
//! the state lives here, in a table per operation kind.
//!
//! * A zeroed object is inactive. `setup` refuses an active one (`BadState`)
//!   and, as Mbed TLS does on any setup error, aborts the live operation: the
//!   object is then inactive, so its later steps get `BadState` and `abort`
//!   succeeds ([`check_inactive`]).
//! * The object stores `handle`, `check = handle ^ salt(kind)` and a binding
//!   number. Each operation kind ([`kind`]) has its own salt, so an object of
//!   one kind passed to another kind's function fails the check and gets
//!   `BadState`, as do a stale object (its entry freed or reused) and garbage —
//!   never a crash, never another object's state.
//! * An operation has one owner: the object that used it last. Every call
//!   bumps the binding number, in the entry and in the object it was given.
//!   Moving an object (returning it by value, `memcpy` to a new home, a Rust
//!   move) works: the moved bytes carry the current binding. A copy left
//!   behind, or a copy made earlier, carries an older binding as soon as the
//!   other one is used, and gets `BadState` from then on: whichever of two
//!   copies is used first keeps the operation, so two copies can never both
//!   drive one state.
//! * Each entry has an atomic busy flag: a second thread calling in on the same
//!   object while a call is running gets `BadState` (the seed's "protecting
//!   operation contexts"), instead of racing on the state.
//!
//! Entries are reached without any global lock: the handle encodes the entry's
//! index and a generation. Only allocating and freeing an entry takes the
//! table's allocation lock. An entry is a few words; the state itself is boxed
//! and freed when the operation ends, so the memory of many finished
//! operations goes back to the allocator.
use core::cell::UnsafeCell;
use core::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use core::marker::PhantomData;

use crate::sync::SetOnce;
use parking_lot::Mutex;

use crate::keystore::{Dependent, KeyData};

use crate::types::{Error, Result, RUSTPSA_OPERATION_WORDS};

const CHUNK: usize = 1024;
const MAX_CHUNKS: usize = 1024;
/// Salt mixed into the check word, so a zeroed or random object is unlikely to
/// pass for a live one.
const SALT: u64 = 0x5253_5041_6f70_6a21;

/// The operation kinds' tags, mixed into the check word: one table per kind.
pub mod kind {
    /// `psa_hash_operation_t`.
    pub const HASH: u64 = 1;
    /// `psa_mac_operation_t`.
    pub const MAC: u64 = 2;
    /// `psa_cipher_operation_t`.
    pub const CIPHER: u64 = 3;
    /// `psa_aead_operation_t`.
    pub const AEAD: u64 = 4;
    /// `psa_key_derivation_operation_t`.
    pub const KEY_DERIVATION: u64 = 5;
    /// The interruptible (Mbed TLS extension) operation objects: sign and
    /// verify hash, and the `*_iop_*` ones (the job inside names which).
    pub const INTERRUPTIBLE: u64 = 6;
    /// `psa_pake_operation_t`.
    pub const PAKE: u64 = 7;
    /// `psa_xof_operation_t` (PSA Crypto API 1.4).
    pub const XOF: u64 = 12;
    /// `psa_sign_operation_t` (multi-part signature, PSA Crypto API 1.5).
    pub const SIGN: u64 = 20;
    /// `psa_verify_operation_t` (multi-part verification, PSA Crypto API 1.5).
    pub const VERIFY: u64 = 21;
}

/// The application's operation block, seen as words.
pub type Words = [u64; RUSTPSA_OPERATION_WORDS];

struct Entry<S> {
    /// Odd while the entry holds a live operation; bumped on every allocation
    /// and release. Part of the handle.
    generation: AtomicU64,
    /// The binding number the owning object carries; changes (on every call)
    /// only while `busy` is held.
    binding: AtomicU64,
    /// Set while one call works on the state.
    busy: AtomicBool,
    /// Accessed only by the thread that set `busy` (or allocated the entry).
    state: UnsafeCell<Option<Box<S>>>,
}

/// A table of operation states of one kind.
pub struct Ops<S> {
    /// `SALT` mixed with this table's kind tag.
    salt: u64,
    chunks: [SetOnce<Box<[Entry<S>]>>; MAX_CHUNKS],
    /// Allocation lock. Guards the free list and the count of entries in use;
    /// held only to pick or return an entry index.
    alloc: Mutex<Alloc>,
}

struct Alloc {
    free: Vec<u32>,
    next: u32,
    /// Live operations, and the most there were since memory was last
    /// handed back to the system.
    live: usize,
    high: usize,
}

/// Below this many operations the table never trims.
const TRIM_MIN: usize = 4096;

impl Alloc {
    /// Counts a freed entry; true when the live count has fallen below a
    /// quarter of the high-water mark (the caller then trims, outside the
    /// lock). Amortised: at least 3/4 of the mark was freed since the last trim.
    fn release(&mut self, index: u32) -> bool {
        self.free.push(index);
        self.live -= 1;
        if self.high >= TRIM_MIN && self.live < self.high / 4 {
            self.high = self.live;
            if self.free.capacity() > 4 * self.free.len().max(TRIM_MIN) {
                self.free.shrink_to(2 * self.free.len());
            }
            true
        } else {
            false
        }
    }
}

/// Hands the memory of finished operations' states back to the system
/// (their blocks were freed, but the allocator keeps free pages inside its
/// heap until asked).
fn trim() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: a plain glibc call without pointers.
    unsafe {
        libc::malloc_trim(0);
    }
}

// SAFETY: an entry's `state` is only touched by the thread that won its `busy`
// flag (Acquire/Release orderings hand the state over between threads).
unsafe impl<S: Send> Sync for Ops<S> {}

/// Exclusive access to one live operation's state for the duration of a call.
pub struct Borrowed<'a, S> {
    entry: &'a Entry<S>,
    ops: &'a Ops<S>,
    index: u32,
    words: *mut Words,
}

impl<S> Ops<S> {
    /// An empty table for operations of kind `tag` (one of [`kind`]); usable
    /// in a `static`.
    pub const fn new(tag: u64) -> Self {
        Ops {
            salt: SALT ^ tag.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            chunks: [const { SetOnce::new() }; MAX_CHUNKS],
            alloc: Mutex::new(Alloc { free: Vec::new(), next: 0, live: 0, high: 0 }),
        }
    }

    fn entry(&self, index: u32) -> Option<&Entry<S>> {
        let c = self.chunks.get(index as usize / CHUNK)?.get()?;
        Some(&c[index as usize % CHUNK])
    }

    fn allocate(&self) -> Result<u32> {
        let index = {
            let mut a = self.alloc.lock();
            a.live += 1;
            a.high = a.high.max(a.live);
            match a.free.pop() {
                Some(i) => i,
                None if (a.next as usize) < CHUNK * MAX_CHUNKS => {
                    a.next += 1;
                    a.next - 1
                }
                None => {
                    a.live -= 1;
                    return Err(Error::InsufficientMemory);
                }
            }
        };
        self.chunks[index as usize / CHUNK].get_or_init(|| {
            (0..CHUNK)
                .map(|_| Entry {
                    generation: AtomicU64::new(0),
                    binding: AtomicU64::new(0),
                    busy: AtomicBool::new(false),
                    state: UnsafeCell::new(None),
                })
                .collect()
        });
        Ok(index)
    }

    /// Starts an operation on the inactive object at `words` with `state`.
    ///
    /// # Safety
    /// `words` must be valid for reads and writes for the duration of the call.
    pub unsafe fn setup(&self, words: *mut Words, state: S) -> Result<()> {
        // SAFETY: the caller promises a valid object.
        let w = unsafe { &mut *words };
        if w.iter().any(|&x| x != 0) {
            return Err(Error::BadState);
        }
        let index = self.allocate()?;
        let e = self.entry(index).expect("allocated entries exist");
        // The entry is free and not busy: this thread owns it.
        // SAFETY: nobody else can reach a free entry's state.
        unsafe { *e.state.get() = Some(Box::new(state)) };
        let generation = e.generation.fetch_add(1, Ordering::AcqRel) + 1;
        debug_assert!(generation % 2 == 1);
        let handle = (generation << 20) | index as u64;
        e.binding.store(0, Ordering::Relaxed);
        w[0] = handle;
        w[1] = handle ^ self.salt;
        w[2] = 0;
        Ok(())
    }

    /// Borrows the live operation behind `words` for one call: `BadState` for an
    /// inactive, stale (superseded by a copy) or garbage object, one of another
    /// kind, or one already in use by another thread. Bumps the binding number
    /// (the object becomes the operation's only owner).
    ///
    /// # Safety
    /// `words` must be valid for reads and writes while the borrow lives.
    pub unsafe fn borrow(&self, words: *mut Words) -> Result<Borrowed<'_, S>> {
        // SAFETY: the caller promises a valid object.
        let w = unsafe { &mut *words };
        let handle = w[0];
        if handle == 0 || w[1] != handle ^ self.salt {
            return Err(Error::BadState);
        }
        let index = (handle & 0xf_ffff) as u32;
        let generation = handle >> 20;
        let e = self.entry(index).ok_or(Error::BadState)?;
        if e.busy.compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            return Err(Error::BadState);
        }
        if e.generation.load(Ordering::Acquire) != generation || e.binding.load(Ordering::Relaxed) != w[2] {
            e.busy.store(false, Ordering::Release);
            return Err(Error::BadState);
        }
        // This object now owns the operation; every other copy is stale.
        let b = w[2].wrapping_add(1);
        e.binding.store(b, Ordering::Relaxed);
        w[2] = b;
        Ok(Borrowed { entry: e, ops: self, index, words })
    }

    /// Drops every live state (for `mbedtls_psa_crypto_free`; single-threaded).
    pub fn clear(&self) {
        let mut a = self.alloc.lock();
        for i in 0..a.next {
            if let Some(e) = self.entry(i) {
                // SAFETY: single-threaded by the free contract.
                if unsafe { (*e.state.get()).take() }.is_some() {
                    e.generation.fetch_add(1, Ordering::AcqRel);
                    a.free.push(i);
                    a.live -= 1;
                }
            }
        }
        a.high = a.live;
        drop(a);
        trim();
    }
}

impl<S> Borrowed<'_, S> {
    /// The state.
    pub fn state(&mut self) -> &mut S {
        // SAFETY: this thread holds the busy flag of a live entry.
        unsafe { (*self.entry.state.get()).as_mut().expect("a live entry holds a state") }
    }

    /// Ends the operation: drops (and so wipes) its state, frees the entry and
    /// zeroes the application's object.
    pub fn finish(self) {
        // SAFETY: this thread holds the busy flag.
        drop(unsafe { (*self.entry.state.get()).take() });
        self.entry.generation.fetch_add(1, Ordering::AcqRel);
        // SAFETY: valid for writes per `borrow`'s contract.
        unsafe { *self.words = [0; RUSTPSA_OPERATION_WORDS] };
        // Release the busy flag before the entry can be reused: otherwise a new
        // operation allocated on this entry could find it busy on its first
        // step and get a spurious BadState.
        let (ops, index) = (self.ops, self.index);
        drop(self);
        let trim_now = ops.alloc.lock().release(index);
        if trim_now {
            trim();
        }
    }
}

impl<S> Drop for Borrowed<'_, S> {
    fn drop(&mut self) {
        self.entry.busy.store(false, Ordering::Release);
    }
}

/// Aborts the operation at `words`: an inactive (all-zero) object succeeds with
/// no effect; a live one is ended; anything else is `BadState`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort<S>(ops: &Ops<S>, words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    if unsafe { &*words }.iter().all(|&x| x == 0) {
        return Ok(());
    }
    // SAFETY: forwarded caller contract.
    unsafe { ops.borrow(words) }?.finish();
    Ok(())
}

/// Refuses a setup on an object that is not inactive (`BadState`). A live
/// operation of this kind behind it is aborted first, as Mbed TLS's setups do
/// on any error: the operation enters the error state the spec's multi-part
/// conventions require, and the object is left inactive (later steps get
/// `BadState`; `abort` succeeds).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn check_inactive<S>(ops: &Ops<S>, words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    if unsafe { &*words }.iter().all(|&x| x == 0) {
        return Ok(());
    }
    // SAFETY: forwarded caller contract.
    if let Ok(b) = unsafe { ops.borrow(words) } {
        b.finish();
    }
    Err(Error::BadState)
}

/// `psa_*_abort`: always safe. Before `psa_crypto_init` (or after
/// `mbedtls_psa_crypto_free`, which ended every operation) the object is
/// simply reset and the call succeeds, as in Mbed TLS. In the failed state the
/// operation is still ended (its memory released), and the call reports
/// `ServiceFailure`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort_call<S>(ops: &Ops<S>, words: *mut Words) -> Result<()> {
    match super::core() {
        Ok(_) => {}
        Err(Error::BadState) => {
            // SAFETY: forwarded caller contract.
            unsafe { *words = [0; RUSTPSA_OPERATION_WORDS] };
            return Ok(());
        }
        Err(e) => {
            // SAFETY: forwarded caller contract.
            let _ = unsafe { abort(ops, words) };
            return Err(e);
        }
    }
    // SAFETY: forwarded caller contract.
    unsafe { abort(ops, words) }
}

/// A secret an operation derived from a key (an expanded schedule, a MAC
/// state, …) that `psa_destroy_key` can reach and wipe while the operation is
/// still active. Each step locks the secret's own mutex: an uncontended,
/// per-operation lock.
pub struct KeyBound<T: Send + 'static>(Dependent, PhantomData<T>);

impl<T: Send + 'static> KeyBound<T> {
    /// Wraps `value` and registers it with `key` for revocation on destroy.
    pub fn new(key: &KeyData, value: T) -> Self {
        let d = Dependent::new(Box::new(value));
        key.add_dependent(&d);
        KeyBound(d, PhantomData)
    }

    /// Runs `f` on the secret; `BadState` once the key has been destroyed.
    pub fn with<R>(&self, f: impl FnOnce(&mut T) -> R) -> Result<R> {
        self.0
            .with(|v| v.downcast_mut::<T>().map(f))
            .flatten()
            .ok_or(Error::BadState)
    }

    /// Takes the secret out (for a final step).
    pub fn take(&self) -> Result<T> {
        self.0.take().and_then(|b| b.downcast::<T>().ok()).map(|b| *b).ok_or(Error::BadState)
    }
}

impl<T: Send + 'static> Drop for KeyBound<T> {
    /// The operation ended: drop (and so wipe) the secret now, not when the
    /// key's list of dependents forgets its handle.
    fn drop(&mut self) {
        self.0.revoke();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static OPS: Ops<Vec<u8>> = Ops::new(kind::HASH);
    static OTHER: Ops<Vec<u8>> = Ops::new(kind::MAC);

    #[test]
    fn lifecycle_copy_stale_and_garbage() {
        let mut a: Words = [0; RUSTPSA_OPERATION_WORDS];
        unsafe {
            OPS.setup(&mut a, vec![1]).unwrap();
            assert_eq!(OPS.setup(&mut a, vec![2]).err(), Some(Error::BadState));
            OPS.borrow(&mut a).unwrap().state().push(2);
            // A copy used at another address takes the operation over (a move);
            // the original is then stale.
            let mut moved = a;
            assert_eq!(OPS.borrow(&mut moved).unwrap().state().clone(), vec![1, 2]);
            assert_eq!(OPS.borrow(&mut a).err(), Some(Error::BadState));
            a = moved;
            assert_eq!(OPS.borrow(&mut a).unwrap().state().clone(), vec![1, 2]);
            assert_eq!(OPS.borrow(&mut moved).err(), Some(Error::BadState));
            // Concurrent use: a second borrow while one is live is refused.
            let b = OPS.borrow(&mut a).unwrap();
            assert_eq!(OPS.borrow(&mut a).err(), Some(Error::BadState));
            drop(b);
            let stale = a;
            abort(&OPS, &mut a).unwrap();
            assert_eq!(a, [0; RUSTPSA_OPERATION_WORDS]);
            abort(&OPS, &mut a).unwrap();
            // Restore the stale words at the same address: generation mismatch.
            a = stale;
            assert_eq!(OPS.borrow(&mut a).err(), Some(Error::BadState));
            a = [0x1234_5678_9abc_def0, 7, 9, 11];
            assert_eq!(OPS.borrow(&mut a).err(), Some(Error::BadState));
            assert_eq!(abort(&OPS, &mut a).err(), Some(Error::BadState));
        }
    }

    #[test]
    fn copies_alternating_and_kinds() {
        let mut a: Words = [0; RUSTPSA_OPERATION_WORDS];
        unsafe {
            OPS.setup(&mut a, vec![1]).unwrap();
            // A copy made before the original is used again: the original's
            // use makes the copy stale, for good.
            let mut b = a;
            OPS.borrow(&mut a).unwrap().state().push(2);
            assert_eq!(OPS.borrow(&mut b).err(), Some(Error::BadState));
            OPS.borrow(&mut a).unwrap().state().push(3);
            assert_eq!(OPS.borrow(&mut b).err(), Some(Error::BadState));
            // The other way round: the copy is used first, the original is stale.
            let mut c = a;
            OPS.borrow(&mut c).unwrap().state().push(4);
            assert_eq!(OPS.borrow(&mut a).err(), Some(Error::BadState));
            assert_eq!(OPS.borrow(&mut c).unwrap().state().clone(), vec![1, 2, 3, 4]);
            assert_eq!(OPS.borrow(&mut a).err(), Some(Error::BadState));
            // Another kind's table refuses the object without touching it.
            let before = c;
            assert_eq!(OTHER.borrow(&mut c).err(), Some(Error::BadState));
            assert_eq!(c, before);
            // A setup on the live object aborts it and leaves it inactive.
            assert_eq!(check_inactive(&OPS, &mut c).err(), Some(Error::BadState));
            assert_eq!(c, [0; RUSTPSA_OPERATION_WORDS]);
            let mut stale = before;
            assert_eq!(OPS.borrow(&mut stale).err(), Some(Error::BadState));
        }
    }

    #[test]
    fn destroy_revokes_bound_secrets() {
        use crate::storage::memory::MemoryIts;
        use zeroize::Zeroizing;
        let ks = crate::keystore::KeyStore::new(4, std::sync::Arc::new(MemoryIts::default()), None).unwrap();
        let attrs = crate::types::psa_key_attributes_t { private_type: 0x1001, ..Default::default() };
        let id = ks.begin_create(None).unwrap().commit(attrs, Zeroizing::new(vec![1, 2])).unwrap();
        let k = ks.get(id).unwrap();
        let bound = KeyBound::new(k.data(), vec![7u8; 16]);
        k.release().unwrap();
        assert_eq!(bound.with(|v| v[0]).unwrap(), 7);
        ks.destroy(id).unwrap();
        assert_eq!(bound.with(|v| v[0]).err(), Some(Error::BadState));
    }
}
