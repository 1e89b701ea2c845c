//! The slot table: the data guarded by the key-store lock.
//!
//! Everything here is called with the key-store lock held (it is only reachable
//! through the `MonitorGuard` of [`super::KeyStore`]). Every operation is O(1):
//! slots are found through the id index, free slots through a free list, and
//! evictable persistent keys through an intrusive LRU list.
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::KeyData;
use crate::types::{psa_key_id_t, Error, Result, PSA_KEY_ID_VENDOR_MAX, PSA_KEY_ID_VENDOR_MIN};

/// Slot index; `NIL` marks the end of a list.
pub(super) type SlotIx = u32;
const NIL: SlotIx = u32::MAX;
/// Slots are allocated in chunks, so growing the table never moves a slot and
/// never makes a large allocation under the lock.
const CHUNK: usize = 256;

/// The four states of the seed design.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum SlotState {
    /// No key, no thread: may be reserved.
    Empty,
    /// Reserved by one thread that is creating, loading or erasing the key `id`;
    /// nobody else reads it. Threads interested in `id` wait for the next state.
    Filling,
    /// Holds a key; threads register as readers to use it.
    Full,
    /// Destroyed while registered readers remained; the last reader out wipes it.
    PendingDeletion,
}

/// The `live` word of a slot: generation and state, for the lock-free path.
pub(super) const fn live_word(generation: u64, state: SlotState) -> u64 {
    (generation << 2)
        | match state {
            SlotState::Empty => 0,
            SlotState::Filling => 1,
            SlotState::Full => 2,
            SlotState::PendingDeletion => 3,
        }
}

/// One chunk of `live` words, one per slot of the matching chunk of slots.
///
/// The words are read lock-free by `hazard::try_get` while the lock holder has
/// `&mut Slots` (and `&mut Slot`s): so they live outside every `Slot`, in memory
/// owned through a raw pointer that no `&mut` ever covers; every access is
/// through `&AtomicU64` (see [`Slots::live`]).
struct LiveChunk(core::ptr::NonNull<[AtomicU64; CHUNK]>);

impl LiveChunk {
    fn new() -> Self {
        let b: Box<[AtomicU64; CHUNK]> = Box::new([const { AtomicU64::new(0) }; CHUNK]);
        LiveChunk(core::ptr::NonNull::from(Box::leak(b)))
    }
}

impl Drop for LiveChunk {
    fn drop(&mut self) {
        // SAFETY: allocated by `Box` in `new` and freed only here, once; the
        // store (and with it every reader that may dereference the words) is
        // gone: thread caches of an earlier store are never dereferenced.
        drop(unsafe { Box::from_raw(self.0.as_ptr()) });
    }
}

// SAFETY: the chunk only holds atomics, which may be shared and sent freely.
unsafe impl Send for LiveChunk {}
// SAFETY: as above.
unsafe impl Sync for LiveChunk {}

/// One key slot. Its `live` word is kept apart, in [`Slots::live`].
pub(super) struct Slot {
    pub state: SlotState,
    /// Registered readers (threads using the key outside the lock).
    pub readers: u32,
    pub id: psa_key_id_t,
    pub persistent: bool,
    /// The key. Readers use it through a pointer that stays valid while they are
    /// registered (or hold a hazard on the slot); only multi-part operations'
    /// revocation takes a second reference, briefly, in the destroyer. Wiping
    /// the slot therefore frees and zeroizes the key.
    pub key: Option<Arc<KeyData>>,
    /// Incremented on every wipe, so a waiter can tell its slot was wiped even
    /// if the slot was reused meanwhile.
    pub generation: u64,
    /// Whether some thread's lock-free cache may name this incarnation of the
    /// slot; when not, nobody can hold a hazard on it that matters, and
    /// writers skip the hazard fence and scan.
    pub cached: bool,
    prev: SlotIx,
    next: SlotIx,
    in_lru: bool,
}

impl Slot {
    fn new() -> Self {
        Slot {
            state: SlotState::Empty,
            readers: 0,
            id: 0,
            persistent: false,
            key: None,
            generation: 0,
            cached: false,
            prev: NIL,
            next: NIL,
            in_lru: false,
        }
    }
}

/// A multiplicative hasher for key ids (not attacker-facing; ids are small ints).
#[derive(Default)]
pub(super) struct IdHash(u64);
impl Hasher for IdHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, v: u32) {
        self.0 = (v as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Counters reported by `rustpsa_get_key_store_stats`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Configured slot capacity.
    pub capacity: usize,
    /// Slots not EMPTY.
    pub slots_in_use: usize,
    /// Volatile keys held (FULL or PENDING_DELETION).
    pub volatile_keys: usize,
    /// Persistent keys loaded in memory (FULL or PENDING_DELETION).
    pub persistent_keys_loaded: usize,
    /// Times a persistent key was read from storage into a slot.
    pub persistent_loads: u64,
    /// Times an idle persistent key was evicted to make room.
    pub evictions: u64,
}

/// The slot table and its indexes.
pub(super) struct Slots {
    chunks: Vec<Box<[Slot]>>,
    /// The `live` words of the slots, chunk by chunk (`live_word(generation,
    /// state)`): written only under the key-store lock (sequentially
    /// consistent), read lock-free by `hazard::try_get`.
    live: Vec<LiveChunk>,
    allocated: usize,
    capacity: usize,
    free: Vec<SlotIx>,
    /// id → slot, for every slot that is not EMPTY.
    index: HashMap<psa_key_id_t, SlotIx, BuildHasherDefault<IdHash>>,
    /// Idle persistent keys (FULL, no readers), least recently used first.
    lru_head: SlotIx,
    lru_tail: SlotIx,
    lru_len: usize,
    next_volatile: psa_key_id_t,
    /// Threads blocked in `wait`; notifications are skipped when zero.
    pub waiters: usize,
    pub stats: Stats,
}

impl Slots {
    /// An empty table that may grow to `capacity` slots.
    pub fn new(capacity: usize) -> Self {
        Slots {
            chunks: Vec::new(),
            live: Vec::new(),
            allocated: 0,
            capacity,
            free: Vec::new(),
            index: HashMap::default(),
            lru_head: NIL,
            lru_tail: NIL,
            lru_len: 0,
            next_volatile: PSA_KEY_ID_VENDOR_MIN,
            waiters: 0,
            stats: Stats { capacity, ..Stats::default() },
        }
    }

    pub fn get(&self, i: SlotIx) -> &Slot {
        &self.chunks[i as usize / CHUNK][i as usize % CHUNK]
    }

    pub fn get_mut(&mut self, i: SlotIx) -> &mut Slot {
        &mut self.chunks[i as usize / CHUNK][i as usize % CHUNK]
    }

    /// The `live` word of slot `i`; it stays at this address until the store
    /// is dropped.
    pub fn live(&self, i: SlotIx) -> &AtomicU64 {
        // SAFETY: the chunk is allocated and never mutably borrowed; shared
        // references to atomics may coexist with other threads' accesses.
        unsafe { &self.live[i as usize / CHUNK].0.as_ref()[i as usize % CHUNK] }
    }

    /// Changes the state of slot `i` and mirrors it, with the generation, into
    /// its `live` word.
    fn set_state(&mut self, i: SlotIx, state: SlotState) {
        let s = self.get_mut(i);
        s.state = state;
        let word = live_word(s.generation, state);
        self.live(i).store(word, Ordering::SeqCst);
    }

    /// The slot that currently holds (or is filling, or is deleting) `id`.
    pub fn find(&self, id: psa_key_id_t) -> Option<SlotIx> {
        self.index.get(&id).copied()
    }

    /// A fresh volatile id from the vendor range. Ids advance monotonically and
    /// wrap only after 2^30 allocations, so a destroyed id is not reused soon.
    pub fn next_volatile_id(&mut self) -> psa_key_id_t {
        loop {
            let id = self.next_volatile;
            self.next_volatile =
                if id >= PSA_KEY_ID_VENDOR_MAX { PSA_KEY_ID_VENDOR_MIN } else { id + 1 };
            if !self.index.contains_key(&id) {
                return id;
            }
        }
    }

    /// Reserves an EMPTY slot for `id` and moves it to FILLING. When none is
    /// free and the table is at capacity, evicts the least recently used idle
    /// persistent key; when there is none, `InsufficientMemory`.
    /// `ServiceFailure` when the hazard fence failed (the caller fails the
    /// store).
    pub fn reserve(&mut self, id: psa_key_id_t, persistent: bool) -> Result<SlotIx> {
        let i = match self.free.pop() {
            Some(i) => i,
            None if self.allocated < self.capacity => self.grow(),
            None => {
                let victim = self.evictable()?.ok_or(Error::InsufficientMemory)?;
                self.wipe(victim);
                self.stats.evictions += 1;
                self.free.pop().expect("wipe returned the slot to the free list")
            }
        };
        debug_assert_eq!(self.get(i).state, SlotState::Empty);
        self.set_state(i, SlotState::Filling);
        let s = self.get_mut(i);
        s.id = id;
        s.persistent = persistent;
        s.readers = 0;
        self.index.insert(id, i);
        self.stats.slots_in_use += 1;
        Ok(i)
    }

    /// The least recently used idle persistent key that no lock-free reader
    /// holds, withdrawn from the lock-free path (its `live` word no longer says
    /// FULL); the caller wipes it.
    fn evictable(&mut self) -> Result<Option<SlotIx>> {
        let mut tries = self.lru_len;
        while tries > 0 {
            tries -= 1;
            let victim = self.lru_head;
            if self.try_withdraw(victim)? {
                return Ok(Some(victim));
            }
            // In use through the lock-free path: not idle after all.
            self.lru_unlink(victim);
            self.lru_push(victim);
        }
        Ok(None)
    }

    /// Takes a FULL slot off the lock-free path unless a lock-free reader holds
    /// it; returns whether it did (the slot must then be wiped). When the
    /// hazard fence fails the slot stays FULL and the result is
    /// `ServiceFailure`.
    pub fn try_withdraw(&mut self, i: SlotIx) -> Result<bool> {
        let s = self.get(i);
        if !s.cached {
            return Ok(true);
        }
        let live = self.live(i);
        live.store(live_word(s.generation, SlotState::Filling), Ordering::SeqCst);
        match super::hazard::present(live) {
            Ok(false) => Ok(true),
            held => {
                live.store(live_word(s.generation, SlotState::Full), Ordering::SeqCst);
                held.map(|_| false).map_err(|_| Error::ServiceFailure)
            }
        }
    }

    fn grow(&mut self) -> SlotIx {
        if self.allocated % CHUNK == 0 {
            self.chunks.push((0..CHUNK).map(|_| Slot::new()).collect());
            self.live.push(LiveChunk::new());
        }
        self.allocated += 1;
        (self.allocated - 1) as SlotIx
    }

    /// FILLING → FULL with the given key; `readers` registered at once (1 for a
    /// loader that will use the key itself, 0 for a creator).
    pub fn publish(&mut self, i: SlotIx, key: Arc<KeyData>, readers: u32) {
        let s = self.get_mut(i);
        debug_assert_eq!(s.state, SlotState::Filling);
        s.key = Some(key);
        s.readers = readers;
        let persistent = s.persistent;
        self.set_state(i, SlotState::Full);
        if persistent {
            self.stats.persistent_keys_loaded += 1;
        } else {
            self.stats.volatile_keys += 1;
        }
        if persistent && readers == 0 {
            self.lru_push(i);
        }
    }

    /// Registers a reader on a FULL slot and returns the key, which stays
    /// valid until the reader unregisters.
    pub fn register(&mut self, i: SlotIx) -> *const KeyData {
        let s = self.get_mut(i);
        debug_assert_eq!(s.state, SlotState::Full);
        s.readers += 1;
        let key = Arc::as_ptr(s.key.as_ref().expect("a FULL slot holds a key"));
        if self.get(i).in_lru {
            self.lru_unlink(i);
        }
        key
    }

    /// Unregisters a reader. The last reader of a PENDING_DELETION slot wipes it
    /// ("last one out closes the door"); returns whether it did.
    pub fn unregister(&mut self, i: SlotIx) -> bool {
        let s = self.get_mut(i);
        debug_assert!(s.readers > 0);
        s.readers -= 1;
        if s.readers > 0 {
            return false;
        }
        match s.state {
            SlotState::PendingDeletion => {
                self.wipe(i);
                true
            }
            SlotState::Full if s.persistent => {
                self.lru_push(i);
                false
            }
            _ => false,
        }
    }

    /// FULL → PENDING_DELETION: the key stops existing for everybody else.
    pub fn mark_deleted(&mut self, i: SlotIx) {
        debug_assert_eq!(self.get(i).state, SlotState::Full);
        self.set_state(i, SlotState::PendingDeletion);
        if self.get(i).in_lru {
            self.lru_unlink(i);
        }
    }

    /// Any state → EMPTY: drops the key (zeroizing it when this was the last
    /// reference), frees the id, bumps the generation.
    pub fn wipe(&mut self, i: SlotIx) {
        if self.get(i).in_lru {
            self.lru_unlink(i);
        }
        let s = self.get_mut(i);
        let had_key = s.key.is_some();
        let key = s.key.take();
        let (id, persistent) = (s.id, s.persistent);
        s.readers = 0;
        s.generation += 1;
        s.cached = false;
        s.id = 0;
        self.set_state(i, SlotState::Empty);
        drop(key);
        if self.index.get(&id) == Some(&i) {
            self.index.remove(&id);
        }
        if had_key {
            if persistent {
                self.stats.persistent_keys_loaded -= 1;
            } else {
                self.stats.volatile_keys -= 1;
            }
        }
        self.stats.slots_in_use -= 1;
        self.free.push(i);
    }

    fn lru_push(&mut self, i: SlotIx) {
        let tail = self.lru_tail;
        {
            let s = self.get_mut(i);
            debug_assert!(!s.in_lru);
            s.in_lru = true;
            s.prev = tail;
            s.next = NIL;
        }
        if tail == NIL {
            self.lru_head = i;
        } else {
            self.get_mut(tail).next = i;
        }
        self.lru_tail = i;
        self.lru_len += 1;
    }

    fn lru_unlink(&mut self, i: SlotIx) {
        let (prev, next) = {
            let s = self.get_mut(i);
            s.in_lru = false;
            (std::mem::replace(&mut s.prev, NIL), std::mem::replace(&mut s.next, NIL))
        };
        if prev == NIL {
            self.lru_head = next;
        } else {
            self.get_mut(prev).next = next;
        }
        if next == NIL {
            self.lru_tail = prev;
        } else {
            self.get_mut(next).prev = prev;
        }
        self.lru_len -= 1;
    }
}
