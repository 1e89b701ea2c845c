//! The slot table: the data guarded by the key-store lock.
//!
//! Everything here is called with the key-store lock held (it is only reachable
//! through the `MonitorGuard` of [`super::KeyStore`]), except the [`Cell`]s,
//! which lock-free readers also read. Every operation is O(1) and none depends
//! on the number of keys: a volatile key id encodes its slot index and the low
//! bits of the slot's generation ([`IdCodec`]), so finding it is one array
//! index; persistent ids (chosen by the application) go through a hash index;
//! free slots come from a FIFO free queue, and evictable persistent keys from an
//! intrusive LRU list.
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{fence, AtomicPtr, AtomicU64, Ordering};
use super::{KeyData, OwnedKey};
use crate::types::{psa_key_attributes_t, psa_key_id_t, Error, Result, PSA_KEY_ID_VENDOR_MIN};

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

/// The `live` word of a slot, for the lock-free paths: the id of the slot's
/// current incarnation (bits 32..64), the low 30 bits of its generation (bits
/// 2..32) and its state (bits 0..2). Two incarnations of a slot never share a
/// word (their generations differ), so a reader that finds the word it expects
/// has found the incarnation it expects.
pub(super) const fn live_word(id: psa_key_id_t, generation: u64, state: SlotState) -> u64 {
    ((id as u64) << 32)
        | ((generation & 0x3fff_ffff) << 2)
        | match state {
            SlotState::Empty => 0,
            SlotState::Filling => 1,
            SlotState::Full => 2,
            SlotState::PendingDeletion => 3,
        }
}

/// Whether `word` says FULL for key `id`.
pub(super) const fn is_full(word: u64, id: psa_key_id_t) -> bool {
    word >> 32 == id as u64 && word & 3 == 2
}

/// How volatile key ids encode their slot: `PSA_KEY_ID_VENDOR_MIN | generation
/// << index_bits | index`, with as many index bits as the capacity needs and
/// the rest of the 30 bits of the vendor range for the low bits of the slot's
/// generation. A destroyed id therefore names nothing until its slot has been
/// reused 2^generation_bits times; the free queue ([`Slots::reserve`]) makes
/// every slot wait for [`REUSE_DELAY`] others before it is reused.
#[derive(Clone, Copy, Debug)]
pub(super) struct IdCodec {
    index_bits: u32,
}

/// Bits of a vendor-range id below its fixed top bits.
const VOLATILE_BITS: u32 = 30;

impl IdCodec {
    /// The codec for a store of `capacity` slots (at most 2^29).
    pub fn new(capacity: usize) -> Self {
        let needed = usize::BITS - capacity.saturating_sub(1).leading_zeros();
        IdCodec { index_bits: needed.clamp(1, VOLATILE_BITS - 1) }
    }

    /// Bits of generation a volatile id carries.
    pub fn generation_bits(self) -> u32 {
        VOLATILE_BITS - self.index_bits
    }

    /// The id of slot `index` in generation `generation` (low bits kept).
    pub fn encode(self, index: SlotIx, generation: u64) -> psa_key_id_t {
        let g = (generation & ((1u64 << self.generation_bits()) - 1)) as psa_key_id_t;
        PSA_KEY_ID_VENDOR_MIN | g << self.index_bits | index
    }

    /// The slot index a volatile id names, or `None` for an id outside the
    /// vendor range.
    #[inline]
    pub fn index_of(self, id: psa_key_id_t) -> Option<SlotIx> {
        if id >> VOLATILE_BITS != PSA_KEY_ID_VENDOR_MIN >> VOLATILE_BITS {
            return None;
        }
        Some(id & ((1 << self.index_bits) - 1))
    }
}

/// A freed slot is reused only once this many other slots are free (or the
/// table is at capacity): consecutive keys get different slots, so a stale id
/// meets its slot's generation again only after about
/// `REUSE_DELAY * 2^generation_bits` creations.
pub(super) const REUSE_DELAY: usize = 1024;

/// The lock-free part of a slot: its `live` word and a copy of the key's
/// attributes (its key pointer is kept beside, in the chunk's `keys`). Written
/// only under the key-store lock; read without it by `hazard::try_get` (the
/// `live` word), by the lock-free one-shot path (`live`, then the key pointer
/// under a hazard) and by `KeyStore::attributes` (a sequence-lock read:
/// `live`, the attributes, `live` again). 32 bytes, so the cells of 100,000
/// keys take 3.2 MB.
#[repr(align(32))]
pub(super) struct Cell {
    /// `live_word(id, generation, state)`.
    pub live: AtomicU64,
    /// The key's attributes, as three words (see [`attrs_to_words`]).
    pub attrs: [AtomicU64; 3],
}

impl Cell {
    const EMPTY: Cell = Cell { live: AtomicU64::new(0), attrs: [const { AtomicU64::new(0) }; 3] };

    /// The attributes of the key `id`, read lock-free: `None` unless the cell
    /// held that key, FULL, throughout the read (the sequence-lock check).
    pub fn read_attrs(&self, id: psa_key_id_t) -> Option<psa_key_attributes_t> {
        let before = self.live.load(Ordering::Acquire);
        if !is_full(before, id) {
            return None;
        }
        let w = [
            self.attrs[0].load(Ordering::Relaxed),
            self.attrs[1].load(Ordering::Relaxed),
            self.attrs[2].load(Ordering::Relaxed),
        ];
        fence(Ordering::Acquire);
        (self.live.load(Ordering::Relaxed) == before).then(|| words_to_attrs(w))
    }
}

/// The attributes as three words (they are 24 bytes of plain integers).
fn attrs_to_words(a: &psa_key_attributes_t) -> [u64; 3] {
    [
        a.private_type as u64 | (a.private_bits as u64) << 16 | (a.private_lifetime as u64) << 32,
        a.private_id as u64 | (a.private_usage as u64) << 32,
        a.private_alg as u64 | (a.private_alg2 as u64) << 32,
    ]
}

/// The inverse of [`attrs_to_words`].
fn words_to_attrs(w: [u64; 3]) -> psa_key_attributes_t {
    psa_key_attributes_t {
        private_type: w[0] as u16 as _,
        private_bits: (w[0] >> 16) as u16,
        private_lifetime: (w[0] >> 32) as u32 as _,
        private_id: w[1] as u32 as _,
        private_usage: (w[1] >> 32) as u32 as _,
        private_alg: w[2] as u32 as _,
        private_alg2: (w[2] >> 32) as u32 as _,
    }
}

/// One chunk of cells and key pointers, one per slot of the matching chunk of
/// slots. A key pointer is that of a FULL or PENDING_DELETION slot (null
/// otherwise); it is valid while the reader holds a hazard on the slot's
/// `live` word and `live` said FULL after the hazard was published.
struct CellChunk {
    cells: [Cell; CHUNK],
    keys: [AtomicPtr<super::KeyData>; CHUNK],
}

/// Every slot's [`Cell`], found lock-free from a slot index.
///
/// The cells are read lock-free while the lock holder has `&mut Slots` (and
/// `&mut Slot`s): so they live outside every `Slot`, in memory owned through a
/// raw pointer ([`CellsRef`]) that no `&mut` ever covers; every access is
/// through shared references to atomics.
pub(super) struct Cells {
    /// One pointer per possible chunk (null until allocated), so a reader
    /// finds slot `i`'s cell with two loads. Chunks are published (Release)
    /// under the key-store lock and freed only with the store.
    dir: Box<[AtomicPtr<CellChunk>]>,
    /// The volatile id encoding of the store.
    pub codec: IdCodec,
}

impl Cells {
    /// The cell and the key pointer of slot `i`, if its chunk exists.
    #[inline]
    pub fn slot(&self, i: SlotIx) -> Option<(&Cell, &AtomicPtr<super::KeyData>)> {
        let p = self.dir.get(i as usize / CHUNK)?.load(Ordering::Acquire);
        // SAFETY: a published chunk lives until the store is dropped and is
        // only reached through shared references.
        unsafe { p.as_ref() }.map(|c| (&c.cells[i as usize % CHUNK], &c.keys[i as usize % CHUNK]))
    }

    /// The cell of slot `i`, if its chunk exists.
    #[inline]
    pub fn cell(&self, i: SlotIx) -> Option<&Cell> {
        self.slot(i).map(|(c, _)| c)
    }
}

impl Drop for Cells {
    fn drop(&mut self) {
        for d in self.dir.iter() {
            let p = d.load(Ordering::Acquire);
            if !p.is_null() {
                // SAFETY: allocated by `Box` in `Slots::grow` and freed only
                // here, once; the store (and with it every reader that may
                // dereference the cells) is gone: thread caches of an earlier
                // store are never dereferenced.
                drop(unsafe { Box::from_raw(p) });
            }
        }
    }
}

/// The shared handle to a store's [`Cells`]: the key store and its slot table
/// each hold one; the slot table frees the cells when it is dropped (the key
/// store's copy is never used after that).
#[derive(Clone, Copy)]
pub(super) struct CellsRef(core::ptr::NonNull<Cells>);

// SAFETY: `Cells` holds only atomics and an immutable codec and directory.
unsafe impl Send for CellsRef {}
// SAFETY: as above.
unsafe impl Sync for CellsRef {}

impl CellsRef {
    /// The cells.
    pub fn get(&self) -> &Cells {
        // SAFETY: valid until the owning `Slots` is dropped, which outlives
        // every use (see the type's documentation).
        unsafe { self.0.as_ref() }
    }
}

/// One key slot. Its lock-free part is kept apart, in a [`Cell`].
pub(super) struct Slot {
    pub state: SlotState,
    /// Registered readers (threads using the key outside the lock).
    pub readers: u32,
    pub id: psa_key_id_t,
    pub persistent: bool,
    /// The key. Readers use it through a pointer that stays valid while they are
    /// registered (or hold a hazard on the slot). Wiping the slot hands it to
    /// the caller, whose drop zeroizes and frees it.
    pub key: Option<OwnedKey>,
    /// Incremented on every wipe, so a waiter can tell its slot was wiped even
    /// if the slot was reused meanwhile.
    pub generation: u64,
    /// Whether some thread's lock-free cache (`hazard::remember`, persistent
    /// keys only) may name this incarnation of the slot; when not, no hazard on
    /// it was published without a full fence, and writers skip the heavy
    /// (membarrier) half of the hazard fence.
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
    /// The slots' cells; owned (freed on drop).
    cells: CellsRef,
    allocated: usize,
    capacity: usize,
    /// EMPTY slots, in the order they were freed (see [`REUSE_DELAY`]).
    free: VecDeque<SlotIx>,
    /// Persistent id → slot, for every persistent slot that is not EMPTY.
    /// Volatile ids need no index: they encode their slot ([`IdCodec`]).
    index: HashMap<psa_key_id_t, SlotIx, BuildHasherDefault<IdHash>>,
    /// Idle persistent keys (FULL, no readers), least recently used first.
    lru_head: SlotIx,
    lru_tail: SlotIx,
    lru_len: usize,
    /// Threads blocked in `wait`; notifications are skipped when zero.
    pub waiters: usize,
    pub stats: Stats,
}

impl Drop for Slots {
    fn drop(&mut self) {
        // SAFETY: allocated by `Box` in `new` and freed only here, once.
        drop(unsafe { Box::from_raw(self.cells.0.as_ptr()) });
    }
}

impl Slots {
    /// An empty table that may grow to `capacity` slots.
    pub fn new(capacity: usize) -> Self {
        Slots {
            chunks: Vec::new(),
            cells: CellsRef(core::ptr::NonNull::from(Box::leak(Box::new(Cells {
                dir: (0..capacity.div_ceil(CHUNK)).map(|_| AtomicPtr::new(core::ptr::null_mut())).collect(),
                codec: IdCodec::new(capacity),
            })))),
            allocated: 0,
            capacity,
            free: VecDeque::new(),
            index: HashMap::default(),
            lru_head: NIL,
            lru_tail: NIL,
            lru_len: 0,
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

    /// The cell of allocated slot `i`; it stays at this address until the
    /// store is dropped.
    pub fn cell(&self, i: SlotIx) -> &Cell {
        self.cells.get().cell(i).expect("an allocated slot has a cell")
    }

    /// The key pointer of allocated slot `i`, beside its cell.
    fn key_ptr(&self, i: SlotIx) -> &AtomicPtr<KeyData> {
        self.cells.get().slot(i).expect("an allocated slot has a cell").1
    }

    /// The handle to the cells, for the key store's lock-free readers.
    pub fn cells(&self) -> CellsRef {
        self.cells
    }

    /// The `live` word of slot `i`.
    pub fn live(&self, i: SlotIx) -> &AtomicU64 {
        &self.cell(i).live
    }

    /// The live word slot `i` has in state `state`.
    fn word(&self, i: SlotIx, state: SlotState) -> u64 {
        let s = self.get(i);
        live_word(s.id, s.generation, state)
    }

    /// Changes the state of slot `i` and mirrors it, with the id and the
    /// generation, into its `live` word. Leaving FULL is a sequentially
    /// consistent store: the writer's half of the hazard protocol (it is
    /// ordered before the writer's scan of the hazards, see `hazard`). Every
    /// other change (EMPTY → FILLING → FULL, PENDING_DELETION → EMPTY) only
    /// has to publish what was written before it, a release store: a
    /// lock-free reader acts only on a FULL word and reads the cell and key
    /// pointer after an acquire load of it, and the stores that take a slot
    /// out of FULL come after these in the lock's order.
    #[inline]
    fn set_state(&mut self, i: SlotIx, state: SlotState) {
        let s = self.get_mut(i);
        let leaving_full = s.state == SlotState::Full;
        s.state = state;
        let word = live_word(s.id, s.generation, state);
        let live = self.live(i);
        if leaving_full {
            live.store(word, Ordering::SeqCst);
        } else {
            live.store(word, Ordering::Release);
        }
    }

    /// The slot that currently holds (or is filling, or is deleting) `id`.
    pub fn find(&self, id: psa_key_id_t) -> Option<SlotIx> {
        match self.cells.get().codec.index_of(id) {
            Some(i) if (i as usize) < self.allocated => {
                let s = self.get(i);
                (s.state != SlotState::Empty && s.id == id && !s.persistent).then_some(i)
            }
            Some(_) => None,
            None => self.index.get(&id).copied(),
        }
    }

    /// Reserves an EMPTY slot and moves it to FILLING, for persistent key `id`
    /// or (with `None`) for a new volatile key, whose id the slot gives;
    /// returns the slot and the id. Free slots are reused oldest first, and
    /// only once [`REUSE_DELAY`] of them are waiting or the table is at
    /// capacity. When none is free and the table is at capacity, evicts the
    /// least recently used idle persistent key; when there is none,
    /// `InsufficientMemory`. `ServiceFailure` when the hazard fence failed
    /// (the caller fails the store).
    pub fn reserve(&mut self, id: Option<psa_key_id_t>) -> Result<(SlotIx, psa_key_id_t)> {
        self.reserve_as(id, true)
    }

    /// [`Slots::reserve`] for a key published in the same critical section
    /// ([`Slots::publish`] before the lock is released): the slot is FILLING
    /// for the lock holder only, its `live` word stays EMPTY until `publish`
    /// stores FULL (no other thread could tell the difference: both words
    /// send a lock-free reader to the lock, which this thread holds).
    pub fn reserve_unpublished(&mut self) -> Result<(SlotIx, psa_key_id_t)> {
        self.reserve_as(None, false)
    }

    fn reserve_as(&mut self, id: Option<psa_key_id_t>, mirror: bool) -> Result<(SlotIx, psa_key_id_t)> {
        let i = if self.free.len() > REUSE_DELAY || (self.allocated == self.capacity && !self.free.is_empty()) {
            self.free.pop_front().expect("the free queue is not empty")
        } else if self.allocated < self.capacity {
            self.grow()
        } else {
            let victim = self.evictable()?.ok_or(Error::InsufficientMemory)?;
            drop(self.wipe(victim));
            self.stats.evictions += 1;
            self.free.pop_back().expect("wipe returned the slot to the free queue")
        };
        debug_assert_eq!(self.get(i).state, SlotState::Empty);
        let generation = self.get(i).generation;
        let id = id.unwrap_or_else(|| self.cells.get().codec.encode(i, generation));
        let s = self.get_mut(i);
        s.id = id;
        s.persistent = crate::keystore::is_persistent_id(id);
        s.readers = 0;
        if s.persistent {
            self.index.insert(id, i);
        }
        if mirror {
            self.set_state(i, SlotState::Filling);
        } else {
            self.get_mut(i).state = SlotState::Filling;
        }
        self.stats.slots_in_use += 1;
        Ok((i, id))
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
        if !self.get(i).cached {
            return Ok(true);
        }
        let (filling, full) = (self.word(i, SlotState::Filling), self.word(i, SlotState::Full));
        let live = self.live(i);
        live.store(filling, Ordering::SeqCst);
        match super::hazard::present(live, true) {
            Ok(false) => Ok(true),
            held => {
                live.store(full, Ordering::SeqCst);
                held.map(|_| false).map_err(|_| Error::ServiceFailure)
            }
        }
    }

    fn grow(&mut self) -> SlotIx {
        if self.allocated % CHUNK == 0 {
            self.chunks.push((0..CHUNK).map(|_| Slot::new()).collect());
            let cells = Box::new(CellChunk {
                cells: [const { Cell::EMPTY }; CHUNK],
                keys: [const { AtomicPtr::new(core::ptr::null_mut()) }; CHUNK],
            });
            self.cells.get().dir[self.allocated / CHUNK].store(Box::into_raw(cells), Ordering::Release);
        }
        self.allocated += 1;
        (self.allocated - 1) as SlotIx
    }

    /// FILLING → FULL with the given key; `readers` registered at once (1 for a
    /// loader that will use the key itself, 0 for a creator).
    pub fn publish(&mut self, i: SlotIx, key: OwnedKey, readers: u32) {
        let words = attrs_to_words(&key.attrs);
        let ptr = key.as_ptr() as *mut KeyData;
        let s = self.get_mut(i);
        debug_assert_eq!(s.state, SlotState::Filling);
        s.key = Some(key);
        s.readers = readers;
        let persistent = s.persistent;
        {
            // The sequence-lock writer: the cell's earlier `live` changes are
            // ordered before these stores, which are ordered before FULL.
            let cell = self.cell(i);
            fence(Ordering::Release);
            for (w, v) in cell.attrs.iter().zip(words) {
                w.store(v, Ordering::Relaxed);
            }
            self.key_ptr(i).store(ptr, Ordering::Release);
        }
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
        let key = s.key.as_ref().expect("a FULL slot holds a key").as_ptr();
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
                drop(self.wipe(i));
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

    /// Any state → EMPTY: frees the id, bumps the generation and returns the
    /// key (the caller drops it, zeroizing it when this was the last
    /// reference — outside the lock where it can).
    #[must_use = "dropping the key wipes it"]
    pub fn wipe(&mut self, i: SlotIx) -> Option<OwnedKey> {
        if self.get(i).in_lru {
            self.lru_unlink(i);
        }
        self.set_state(i, SlotState::Empty);
        self.key_ptr(i).store(core::ptr::null_mut(), Ordering::Relaxed);
        let s = self.get_mut(i);
        let key = s.key.take();
        let (id, persistent) = (s.id, s.persistent);
        s.readers = 0;
        s.generation += 1;
        s.cached = false;
        s.id = 0;
        s.persistent = false;
        if persistent && self.index.get(&id) == Some(&i) {
            self.index.remove(&id);
        }
        if key.is_some() {
            if persistent {
                self.stats.persistent_keys_loaded -= 1;
            } else {
                self.stats.volatile_keys -= 1;
            }
        }
        self.stats.slots_in_use -= 1;
        self.free.push_back(i);
        key
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
