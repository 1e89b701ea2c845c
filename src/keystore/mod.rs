//! The thread-safe key store of the seed design (`shared/seeds/psa-thread-safety.md`).
//!
//! Slots move through EMPTY → FILLING → FULL → PENDING_DELETION → EMPTY. All
//! state and reader changes happen under one lock, the key-store [`Monitor`];
//! no cryptography and no storage I/O happen under it. Each public method names
//! its linearization point: the unlock at which its effect becomes visible, or
//! for the lock-free paths the load of the slot's `live` word.
//!
//! Finding a key costs the same among 16 keys or a million: a volatile id
//! encodes its slot index and the low bits of the slot's generation
//! (`slots::IdCodec`), so a lookup is an array index and a stale id, whose
//! generation no longer matches, finds nothing. Volatile keys are read
//! without the lock: attributes by a sequence-lock read of the slot's cell,
//! one-shot operations under a hazard (`hazard::try_get_cell`). Persistent ids
//! go through a hash index under the lock, or a per-thread cache.
//!
//! Waiting: a thread that needs a key id whose slot is FILLING (being created,
//! loaded or erased by another thread) waits on the monitor's condition variable
//! and retries, so nobody sees a half-filled slot, a key is never loaded twice,
//! and two creators of one id are ordered. Invariant: a thread waits only while
//! it holds no FILLING slot and no reader registration. A FILLING slot is then
//! resolved by a thread that never waits, and a PENDING_DELETION slot by readers
//! that never wait, so every wait ends.
//!
//! Destruction goes further than the seed: the destroyer marks the slot
//! PENDING_DELETION (the linearization point), the last reader out wipes it,
//! and `destroy` returns only after that wipe, so no copy of the key material
//! held by the key store survives the call.
//!
//! Faults: every FILLING reservation (`Filling`, inside [`Reservation`]) and
//! every reader registration ([`KeyRef`]) is undone by its destructor, so an
//! early return or a panic between reserving and resolving never leaves a slot
//! that a waiter waits on forever. A failing host primitive, a panic under the
//! lock, or a failed hazard fence puts the store into the failed state
//! ([`KeyStore::failed`]; see [`crate::sync`]): every later call gets
//! `ServiceFailure`, every waiter wakes with it, and an undo that cannot take
//! the lock is skipped (nobody will ever wait for that slot). The failed state
//! lasts until the store is dropped (`mbedtls_psa_crypto_free`); the next
//! `psa_crypto_init` builds an empty, consistent volatile store.
use std::sync::Arc;

use crate::sync::InlineOnce;

use crate::storage::{format, Its};
use crate::sync::{HostTable, Monitor, MonitorGuard};
use crate::types::*;

mod dependent;
mod hazard;
mod material;
mod slots;
pub use dependent::Dependent;
pub use material::Material;
use slots::{live_word, CellsRef, SlotIx, SlotState, Slots};
pub use slots::Stats;

/// The copies of a key held by multi-part operations.
#[derive(Default)]
struct Dependents {
    list: Vec<Dependent>,
    /// The list length at which finished operations are next forgotten
    /// (twice the live count after each pass: amortised O(1) per operation,
    /// and the list never holds more than about twice the live operations).
    prune_at: usize,
    /// Set by the destroyer: a copy registered afterwards is wiped at once.
    revoked: bool,
}

/// A key as the key store holds it: immutable once published.
///
/// Laid out for one-shot use among many keys: what such a call reads comes
/// first and together — the attributes, then the prepared form (for
/// HMAC-SHA-256, its tags and the 64-byte precomputed key end within the
/// first 128 bytes; the prepared form's state byte shares the attributes'
/// line). (Aligning it to a cache line costs import + destroy 40 % more
/// instructions, 1,657 → 2,352: glibc's aligned allocation.)
#[repr(C)]
pub struct KeyData {
    /// The key's attributes, with its final id and lifetime.
    pub attrs: psa_key_attributes_t,
    /// A prepared form of the key for one algorithm (an expanded schedule,
    /// HMAC's precomputed key, …), built on first use by the API layer, held
    /// inline (no second heap block to reach) and dropped — wiping it —
    /// together with the key.
    pub cache: InlineOnce<crate::crypto::Prepared>,
    /// The key material in the export format (inline up to 64 bytes);
    /// zeroized on drop.
    pub material: Material,
    /// The dependents lock. Guards the list of copies of this key held by
    /// multi-part operations; taken briefly when an operation is set up and by
    /// `psa_destroy_key` (after its linearization point, outside the key-store
    /// lock) to revoke them all.
    dependents: parking_lot::Mutex<Dependents>,
}

/// The slot's ownership of its key: the heap block, held by raw pointer so
/// that the pointers lock-free and registered readers hold into it stay valid
/// however the owner is moved (a `Box` asserts uniqueness on every move).
/// No reference count: the slot is the only owner, and readers are counted
/// by the key-store lock and the hazards. Dropping it drops the key (its
/// material and prepared form wipe themselves) and frees the block, which
/// the allocator wipes.
pub(crate) struct OwnedKey(core::ptr::NonNull<KeyData>);

// SAFETY: `KeyData` is `Send + Sync`; `OwnedKey` is its unique owner.
unsafe impl Send for OwnedKey {}
// SAFETY: as above; shared access is only `&KeyData`.
unsafe impl Sync for OwnedKey {}

impl OwnedKey {
    /// A new key on the heap, built in place: the block is allocated first
    /// and `KeyData::new` written into it (`Box::new` of a finished `KeyData`
    /// copies its ~300 bytes from the stack).
    pub fn new(attrs: psa_key_attributes_t, material: Material) -> Self {
        let b = Box::<KeyData>::new_uninit();
        OwnedKey(core::ptr::NonNull::from(Box::leak(Box::write(b, KeyData::new(attrs, material)))))
    }

    /// The key's address, for readers.
    pub fn as_ptr(&self) -> *const KeyData {
        self.0.as_ptr()
    }

    /// [`KeyData::revoke_dependents`] for a key out of its slot with no reader
    /// left: nobody can register a copy any more, so the dependents lock is
    /// not taken.
    ///
    /// # Safety
    /// No reader may hold the key (true of every key [`Slots::wipe`]
    /// returns): this must be the only access to it.
    unsafe fn revoke_unshared(&mut self) {
        // SAFETY: the caller's contract.
        let deps = unsafe { self.0.as_mut() }.dependents.get_mut();
        for d in core::mem::take(&mut deps.list) {
            d.revoke();
        }
    }

    /// Sets the id of a key.
    ///
    /// # Safety
    /// The key must not be published yet: nobody else may point to it.
    unsafe fn set_id(&mut self, id: psa_key_id_t) {
        // SAFETY: the caller's contract.
        unsafe { (*self.0.as_ptr()).attrs.private_id = id };
    }
}

impl core::ops::Deref for OwnedKey {
    type Target = KeyData;
    fn deref(&self) -> &KeyData {
        // SAFETY: valid until `drop`.
        unsafe { self.0.as_ref() }
    }
}

impl Drop for OwnedKey {
    fn drop(&mut self) {
        // SAFETY: made by `Box::leak` in `new`, freed only here, once.
        drop(unsafe { Box::from_raw(self.0.as_ptr()) });
    }
}

impl KeyData {
    /// A key with an empty cache.
    pub fn new(attrs: psa_key_attributes_t, material: impl Into<Material>) -> Self {
        KeyData { attrs, material: material.into(), cache: InlineOnce::new(), dependents: Default::default() }
    }

    /// Registers a copy of this key that `psa_destroy_key` must wipe. If the
    /// key is already being destroyed, the copy is wiped at once.
    pub fn add_dependent(&self, d: &Dependent) {
        let mut deps = self.dependents.lock();
        if deps.revoked {
            drop(deps);
            d.revoke();
            return;
        }
        // Forget finished operations now and then, so the list stays short.
        if deps.list.len() >= deps.prune_at.max(16) {
            deps.list.retain(Dependent::is_shared);
            let live = deps.list.len().max(16);
            deps.prune_at = 2 * live;
            if deps.list.capacity() > 4 * live {
                deps.list.shrink_to(2 * live);
            }
        }
        deps.list.push(d.clone());
    }

    /// Wipes every registered copy, and any registered later (called by the
    /// destroyer).
    fn revoke_dependents(&self) {
        let list = {
            let mut deps = self.dependents.lock();
            deps.revoked = true;
            std::mem::take(&mut deps.list)
        };
        for d in &list {
            d.revoke();
        }
    }
}

/// Whether a key's lifetime is read-only (`psa_destroy_key` refuses it).
fn read_only(a: &psa_key_attributes_t) -> bool {
    psa_key_lifetime_is_read_only(a.private_lifetime)
}

/// Whether `id` names a persistent key (the application's id range).
pub fn is_persistent_id(id: psa_key_id_t) -> bool {
    (PSA_KEY_ID_USER_MIN..=PSA_KEY_ID_USER_MAX).contains(&id)
}

/// The key store.
pub struct KeyStore {
    /// The key-store lock. Guards every slot's state, reader count, id,
    /// generation and key reference (and every write to the slots' lock-free
    /// cells), the persistent-id index, the free queue and the LRU list of
    /// idle persistent keys. Its unlocks are the linearization points of every
    /// key-store call that takes it (named at each call site below); the
    /// lock-free paths linearize at a load of a slot's `live` word.
    slots: Monitor<Slots>,
    /// The slots' lock-free cells (owned by `slots`), for the lock-free paths.
    cells: CellsRef,
    /// Persistent storage; only called with the lock released.
    storage: Arc<dyn Its>,
    /// Distinguishes this store from earlier ones (after free and init) in the
    /// threads' lock-free caches.
    instance: u64,
    /// Validates a record loaded from storage (the API layer's import checks).
    check_record: RecordCheck,
}

/// A check of a loaded key's attributes against its material.
pub type RecordCheck = fn(&psa_key_attributes_t, &[u8]) -> Result<()>;

/// Source of [`KeyStore::instance`] values.
static INSTANCES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A reader of a key: registered in the slot under the key-store lock, or
/// holding a hazard on it (the lock-free path). Dropping it (or calling
/// [`KeyRef::release`]) ends the use; the last registered reader of a destroyed
/// key wipes its slot.
pub struct KeyRef<'a> {
    store: &'a KeyStore,
    key: *const KeyData,
    how: Reading,
}

enum Reading {
    Registered(SlotIx),
    Hazard(&'static std::sync::atomic::AtomicU64),
    Done,
}

impl KeyRef<'_> {
    /// The key.
    #[inline]
    pub fn data(&self) -> &KeyData {
        debug_assert!(!matches!(self.how, Reading::Done));
        // SAFETY: the slot keeps the key alive while this reader is registered
        // or holds its hazard, which lasts until `release`/drop.
        unsafe { &*self.key }
    }

    /// Ends the use, reporting a failing lock as `ServiceFailure`.
    #[inline(always)]
    pub fn release(mut self) -> Result<()> {
        let r = self.end();
        // Ended: the destructor would find nothing more to do.
        core::mem::forget(self);
        r
    }

    #[inline(always)]
    fn end(&mut self) -> Result<()> {
        match std::mem::replace(&mut self.how, Reading::Done) {
            Reading::Done => Ok(()),
            Reading::Hazard(h) => {
                h.store(0, std::sync::atomic::Ordering::Release);
                Ok(())
            }
            Reading::Registered(slot) => self.unregister(slot),
        }
    }

    /// Ends a registered use (under the key-store lock).
    #[inline(never)]
    fn unregister(&self, slot: SlotIx) -> Result<()> {
        let mut g = self.store.slots.lock()?;
        let wiped = g.unregister(slot);
        let notified = if wiped { notify(&g) } else { Ok(()) };
        g.unlock()?;
        notified
    }
}

impl Drop for KeyRef<'_> {
    #[inline]
    fn drop(&mut self) {
        let _ = self.end();
    }
}

/// A lock-free reader of a volatile key ([`KeyStore::get_volatile_fast`]):
/// it holds a hazard on the key's slot, which keeps the key alive; dropping
/// it ends the use (clears the hazard, which cannot fail).
pub struct HazardRef<'a> {
    _store: core::marker::PhantomData<&'a KeyStore>,
    key: *const KeyData,
    hazard: &'static std::sync::atomic::AtomicU64,
}

impl HazardRef<'_> {
    /// The key.
    #[inline(always)]
    pub fn data(&self) -> &KeyData {
        // SAFETY: the hazard keeps the key alive until this reader is dropped.
        unsafe { &*self.key }
    }
}

impl Drop for HazardRef<'_> {
    #[inline(always)]
    fn drop(&mut self) {
        self.hazard.store(0, std::sync::atomic::Ordering::Release);
    }
}

/// A FILLING slot this thread reserved. Dropping it un-reserves the slot
/// (FILLING → EMPTY, waking waiters) unless it was resolved and disarmed.
/// Created and dropped only while the thread does not hold the key-store lock.
struct Filling<'a> {
    store: &'a KeyStore,
    slot: SlotIx,
    armed: bool,
}

impl Filling<'_> {
    /// FILLING → EMPTY under the caller's lock.
    fn wipe_under(mut self, g: &mut MonitorGuard<'_, Slots>) -> Result<()> {
        self.armed = false;
        drop(g.wipe(self.slot));
        notify(g)
    }
}

impl Drop for Filling<'_> {
    fn drop(&mut self) {
        if !self.armed {
            return;
        }
        // If the lock cannot be taken the store is in the failed state, where
        // nobody waits for this slot any more.
        if let Ok(mut g) = self.store.slots.lock() {
            drop(g.wipe(self.slot));
            let _ = notify(&g);
            let _ = g.unlock(); // LINEARIZATION POINT (failed creation, load or erase)
        }
    }
}

/// A FILLING slot reserved for a new key. [`Reservation::commit`] publishes the
/// key; dropping the reservation releases the slot.
pub struct Reservation<'a> {
    fill: Filling<'a>,
    id: psa_key_id_t,
    persistent: bool,
}

fn notify(g: &MonitorGuard<'_, Slots>) -> Result<()> {
    if g.waiters > 0 {
        g.notify_all()
    } else {
        Ok(())
    }
}

/// Waits on the key-store condition variable (the lock is released meanwhile).
fn wait(g: &mut MonitorGuard<'_, Slots>) -> Result<()> {
    g.waiters += 1;
    let r = g.wait();
    g.waiters -= 1;
    r
}

impl KeyStore {
    /// A key store of at most `capacity` slots over `storage`, locked through
    /// `host` callbacks when given.
    pub fn new(capacity: usize, storage: Arc<dyn Its>, host: Option<HostTable>) -> Result<Self> {
        let slots = Slots::new(capacity);
        let cells = slots.cells();
        Ok(KeyStore {
            slots: Monitor::new(slots, host)?,
            cells,
            storage,
            instance: INSTANCES.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            check_record: |_, _| Ok(()),
        })
    }

    /// Installs the check every record loaded from storage must pass
    /// (`DataInvalid` otherwise); by default every decodable record passes.
    pub fn with_record_check(mut self, check: RecordCheck) -> Self {
        self.check_record = check;
        self
    }

    /// Whether the store is in the failed state (every call then returns
    /// `ServiceFailure`).
    pub fn failed(&self) -> bool {
        self.slots.failed()
    }

    /// Reserves a slot under `g` for persistent key `id` or (`None`) a new
    /// volatile key; a failed hazard fence fails the store.
    fn reserve<'s>(&'s self, g: &mut MonitorGuard<'s, Slots>, id: Option<psa_key_id_t>) -> Result<(Filling<'s>, psa_key_id_t)> {
        match g.reserve(id) {
            Ok((slot, id)) => Ok((Filling { store: self, slot, armed: true }, id)),
            Err(Error::ServiceFailure) => {
                g.fail();
                Err(Error::ServiceFailure)
            }
            Err(e) => Err(e),
        }
    }

    /// Counters for tests and monitoring.
    pub fn stats(&self) -> Result<Stats> {
        let g = self.slots.lock()?;
        let s = g.stats;
        g.unlock()?;
        Ok(s)
    }

    /// Finds `id` and registers the caller as a reader, loading a persistent key
    /// from storage if it is not in memory.
    ///
    /// Linearization point: the unlock after registering (or after deciding the
    /// key does not exist). A key being destroyed (PENDING_DELETION) no longer
    /// exists: `InvalidHandle`.
    #[inline]
    pub fn get(&self, id: psa_key_id_t) -> Result<KeyRef<'_>> {
        // The lock-free paths (see `hazard`): a volatile key through its slot,
        // a persistent one this thread used recently through its cache.
        let held = match self.cells.get().codec.index_of(id) {
            Some(i) => self.cells.get().slot(i).and_then(|(c, key)| hazard::try_get_cell(&c.live, key, id)),
            None => hazard::try_get(self.instance, id),
        };
        match held {
            Some(h) => Ok(KeyRef { store: self, key: h.key, how: Reading::Hazard(h.hazard) }),
            None => self.get_locked(id),
        }
    }

    /// The lock-free part of [`KeyStore::get`] for a volatile key, inlined
    /// into a caller's fast path: `None` when `id` is not a volatile id or
    /// its slot is not FULL for it now (the caller then takes the general
    /// path, which decides). Linearization point: the hazard path's load of
    /// `live`, as in [`KeyStore::get`].
    /// The reader it returns holds only a hazard, so ending the use cannot
    /// fail and needs no match on how the key was found.
    #[inline(always)]
    pub fn get_volatile_fast(&self, id: psa_key_id_t) -> Option<HazardRef<'_>> {
        let cells = self.cells.get();
        let i = cells.codec.index_of(id)?;
        let (c, key) = cells.slot(i)?;
        let h = hazard::try_get_cell(&c.live, key, id)?;
        Some(HazardRef { _store: core::marker::PhantomData, key: h.key, hazard: h.hazard })
    }

    /// [`KeyStore::get`] under the key-store lock.
    #[inline(never)]
    fn get_locked(&self, id: psa_key_id_t) -> Result<KeyRef<'_>> {
        let mut g = self.slots.lock()?;
        loop {
            match g.find(id) {
                Some(i) => match g.get(i).state {
                    SlotState::Full => {
                        let key = g.register(i);
                        self.remember(&mut g, i, id, key);
                        let r = KeyRef { store: self, key, how: Reading::Registered(i) };
                        g.unlock()?; // LINEARIZATION POINT (key found)
                        return Ok(r);
                    }
                    SlotState::Filling => wait(&mut g)?,
                    SlotState::PendingDeletion => {
                        g.unlock()?; // LINEARIZATION POINT (key destroyed)
                        return Err(Error::InvalidHandle);
                    }
                    SlotState::Empty => return Err(Error::CorruptionDetected),
                },
                None if is_persistent_id(id) => return self.load(g, id),
                None => {
                    g.unlock()?; // LINEARIZATION POINT (no such key)
                    return Err(Error::InvalidHandle);
                }
            }
        }
    }

    /// The attributes of key `id`: like [`KeyStore::get`] then release, but a
    /// key in memory is read under one lock acquisition, without registering.
    /// Linearization point: the unlock (or the lock-free `live` check).
    /// For a volatile key the lock-free read is a sequence-lock read of the
    /// slot's cell (`Cell::read_attrs`), which writes nothing shared;
    /// linearization point: its first load of `live`.
    #[inline]
    pub fn attributes(&self, id: psa_key_id_t) -> Result<psa_key_attributes_t> {
        match self.cells.get().codec.index_of(id) {
            Some(i) => {
                if let Some(a) = self.cells.get().cell(i).and_then(|c| c.read_attrs(id)) {
                    return Ok(a);
                }
            }
            None => {
                if let Some(h) = hazard::try_get(self.instance, id) {
                    // SAFETY: the hazard keeps the key alive until it is cleared.
                    let a = unsafe { (*h.key).attrs };
                    h.hazard.store(0, std::sync::atomic::Ordering::Release);
                    return Ok(a);
                }
            }
        }
        self.attributes_locked(id)
    }

    /// [`KeyStore::attributes`] under the key-store lock.
    #[inline(never)]
    fn attributes_locked(&self, id: psa_key_id_t) -> Result<psa_key_attributes_t> {
        {
            let mut g = self.slots.lock()?;
            if let Some(i) = g.find(id).filter(|&i| g.get(i).state == SlotState::Full) {
                let key = g.get(i).key.as_ref().expect("a FULL slot holds a key").as_ptr();
                // SAFETY: the slot holds the key while we hold the lock.
                let a = unsafe { (*key).attrs };
                self.remember(&mut g, i, id, key);
                g.unlock()?; // LINEARIZATION POINT (attributes read)
                return Ok(a);
            }
        }
        // Loading, waiting for another thread, or absent: the general path.
        let k = self.get(id)?;
        let a = k.data().attrs;
        k.release()?;
        Ok(a)
    }

    /// After a locked lookup of a FULL persistent key, enters it in this
    /// thread's lock-free cache (volatile keys need no cache: their id names
    /// their slot) and marks the slot `cached`.
    fn remember(&self, g: &mut MonitorGuard<'_, Slots>, i: SlotIx, id: psa_key_id_t, key: *const KeyData) {
        if g.get(i).persistent {
            g.get_mut(i).cached = true;
            let s = g.get(i);
            hazard::remember(self.instance, id, g.live(i), live_word(s.id, s.generation, SlotState::Full), key);
        }
    }

    /// Loads persistent key `id` into a reserved slot: read and check outside
    /// the lock, publish under it with the caller registered as reader.
    fn load<'s>(&'s self, mut g: MonitorGuard<'s, Slots>, id: psa_key_id_t) -> Result<KeyRef<'s>> {
        let fill = self.reserve(&mut g, Some(id));
        // Unlock before `fill` can be dropped (its drop takes the lock).
        g.unlock()?;
        let mut fill = fill?.0;
        let loaded = self.read_record(id);
        let mut g = self.slots.lock()?;
        let r = match loaded {
            Ok((attrs, material)) => {
                let key = OwnedKey::new(attrs, material);
                let ptr = key.as_ptr();
                let i = fill.slot;
                g.publish(i, key, 1);
                fill.armed = false;
                g.stats.persistent_loads += 1;
                Ok(KeyRef { store: self, key: ptr, how: Reading::Registered(i) })
            }
            Err(e) => fill.wipe_under(&mut g).and(Err(e)),
        };
        let n = notify(&g);
        g.unlock()?; // LINEARIZATION POINT (persistent key loaded, or found absent/corrupt)
        n?;
        r
    }

    /// The attributes and material of persistent key `id`'s record, checked.
    fn read_record(&self, id: psa_key_id_t) -> Result<(psa_key_attributes_t, Material)> {
        let bytes = self.storage.get(id)?.ok_or(Error::InvalidHandle)?;
        let (attrs, material) = format::decode(&bytes)?;
        if attrs.private_id != id || psa_key_lifetime_is_volatile(attrs.private_lifetime) {
            return Err(Error::DataInvalid);
        }
        (self.check_record)(&attrs, &material).map_err(|_| Error::DataInvalid)?;
        Ok((attrs, material.into()))
    }

    /// Reserves a slot for a new key: a fresh volatile id when `id` is `None`,
    /// else persistent key `id` (`AlreadyExists` if it is in memory; creation
    /// waits while another thread creates, loads or erases the same id).
    pub fn begin_create(&self, id: Option<psa_key_id_t>) -> Result<Reservation<'_>> {
        let mut g = self.slots.lock()?;
        loop {
            match id {
                None => break,
                Some(id) => match g.find(id).map(|i| g.get(i).state) {
                    None => break,
                    Some(SlotState::Full) => {
                        g.unlock()?; // LINEARIZATION POINT (failed creation)
                        return Err(Error::AlreadyExists);
                    }
                    Some(_) => wait(&mut g)?,
                },
            }
        }
        let fill = self.reserve(&mut g, id);
        g.unlock()?;
        let (fill, id) = fill?;
        Ok(Reservation { fill, id, persistent: is_persistent_id(id) })
    }

    /// Creates a key: [`KeyStore::begin_create`] then [`Reservation::commit`],
    /// except that a volatile key, whose id its slot gives, is reserved and
    /// published under one lock acquisition (the key is built outside it).
    ///
    /// Linearization point: the unlock after the slot becomes FULL.
    pub fn create(&self, id: Option<psa_key_id_t>, attrs: psa_key_attributes_t, material: impl Into<Material>) -> Result<psa_key_id_t> {
        if id.is_some() {
            return self.begin_create(id)?.commit(attrs, material);
        }
        // Allocate outside the lock.
        let mut key = OwnedKey::new(attrs, material.into());
        let mut g = self.slots.lock()?;
        // EMPTY → FILLING → FULL in one critical section: nobody sees FILLING.
        let (i, id) = match g.reserve_unpublished() {
            Ok(r) => r,
            Err(e) => {
                if e == Error::ServiceFailure {
                    g.fail();
                }
                g.unlock()?; // LINEARIZATION POINT (failed creation)
                return Err(e);
            }
        };
        // SAFETY: `key` is not published until the next line.
        unsafe { key.set_id(id) };
        g.publish(i, key, 0);
        let n = notify(&g);
        g.unlock()?; // LINEARIZATION POINT (key created)
        n?;
        Ok(id)
    }

    /// Destroys key `id`: from memory and, if persistent, from storage.
    ///
    /// Linearization point: for a key in memory, the unlock right after it is
    /// marked PENDING_DELETION; for a persistent key not in memory, the unlock
    /// after its file was removed while its id was reserved (FILLING). Two
    /// concurrent destroys: exactly one succeeds, the other sees
    /// `InvalidHandle`. Returns only once the slot has been wiped.
    pub fn destroy(&self, id: psa_key_id_t) -> Result<()> {
        let mut g = self.slots.lock()?;
        loop {
            match g.find(id) {
                Some(i) => match g.get(i).state {
                    SlotState::Full if g.get(i).key.as_ref().is_some_and(|k| read_only(&k.attrs)) => {
                        g.unlock()?; // LINEARIZATION POINT (read-only key kept)
                        return Err(Error::NotPermitted);
                    }
                    SlotState::Full => return self.destroy_loaded(g, i, id),
                    SlotState::Filling => wait(&mut g)?,
                    SlotState::PendingDeletion => {
                        g.unlock()?; // LINEARIZATION POINT (already destroyed)
                        return Err(Error::InvalidHandle);
                    }
                    SlotState::Empty => return Err(Error::CorruptionDetected),
                },
                None if is_persistent_id(id) => {
                    // Not in memory: reserve the id so nobody loads or creates
                    // it while its file is removed.
                    let fill = self.reserve(&mut g, Some(id));
                    g.unlock()?;
                    let fill = fill?.0;
                    // A valid read-only key stays; a broken record can always go.
                    let removed = match self.read_record(id) {
                        Ok((attrs, _)) if read_only(&attrs) => Err(Error::NotPermitted),
                        _ => self.storage.remove(id),
                    };
                    let mut g = self.slots.lock()?;
                    let n = fill.wipe_under(&mut g);
                    g.unlock()?; // LINEARIZATION POINT (unloaded persistent key)
                    n?;
                    return match removed? {
                        true => Ok(()),
                        false => Err(Error::InvalidHandle),
                    };
                }
                None => {
                    g.unlock()?; // LINEARIZATION POINT (no such key)
                    return Err(Error::InvalidHandle);
                }
            }
        }
    }

    fn destroy_loaded<'s>(&'s self, mut g: MonitorGuard<'s, Slots>, i: SlotIx, id: psa_key_id_t) -> Result<()> {
        // Register as a reader so the slot cannot be wiped under us, then mark it.
        let key = g.register(i);
        g.mark_deleted(i); // LINEARIZATION POINT (successful destroy): `live` leaves FULL
        let persistent = g.get(i).persistent;
        let generation = g.get(i).generation;
        let cached = g.get(i).cached;
        let live: *const std::sync::atomic::AtomicU64 = g.live(i);
        // The common case: a volatile key nobody is using (no registered
        // reader but us, no hazard: every hazard on a volatile slot was
        // published with a full fence, so the light scan sees it). Wipe the
        // slot in this critical section; wipe the key and its dependents'
        // copies after it, before returning.
        if !persistent && !cached && g.get(i).readers == 1 && !hazard::present(g.live(i), false).unwrap_or(true) {
            let data = g.wipe(i);
            let n = notify(&g);
            let u = g.unlock();
            if let Some(mut d) = data {
                // SAFETY: the slot had no reader but us and no hazard, and it
                // is EMPTY now: nobody else can reach the key.
                unsafe { d.revoke_unshared() };
            }
            return u.and(n);
        }
        g.unlock()?;
        // From here the registration is undone by `reg`'s drop on any early
        // return or panic (the last reader out wipes the slot).
        let mut reg = KeyRef { store: self, key, how: Reading::Registered(i) };
        // The id stays in the index until the wipe, so a creator of the same
        // persistent id waits until the file is gone.
        let removed = if persistent { self.storage.remove(id).map(|_| ()) } else { Ok(()) };
        // SAFETY: slots never move or die before the store; we are registered,
        // so the key stays alive.
        let (live, key) = unsafe { (&*live, &*key) };
        // Lock-free readers that found the key FULL finish their operation
        // (possible for a volatile key, or if some thread cached this slot).
        if (cached || !persistent) && hazard::wait_clear(live, cached).is_err() {
            // A reader may still hold the key: keep the registration (the key
            // stays allocated until free) and fail the store.
            reg.how = Reading::Done;
            self.slots.fail_unlocked();
            return Err(Error::ServiceFailure);
        }
        // Wipe the copies that multi-part operations hold.
        key.revoke_dependents();
        let mut g = self.slots.lock()?;
        reg.how = Reading::Done;
        if g.unregister(i) {
            notify(&g)?;
        } else {
            // Other readers remain: the last one out wipes the slot; wait for it
            // so that no copy of the key outlives this call.
            while g.get(i).generation == generation {
                wait(&mut g)?;
            }
        }
        g.unlock()?;
        removed
    }

    /// Removes a persistent key's copy from memory if nobody is using it.
    /// Volatile keys are unaffected. Linearization point: the unlock.
    pub fn purge(&self, id: psa_key_id_t) -> Result<()> {
        let mut g = self.slots.lock()?;
        loop {
            match g.find(id) {
                Some(i) => match g.get(i).state {
                    SlotState::Full => {
                        let s = g.get(i);
                        if s.persistent && s.readers == 0 {
                            match g.try_withdraw(i) {
                                Ok(true) => {
                                    drop(g.wipe(i));
                                    notify(&g)?;
                                }
                                Ok(false) => {}
                                Err(e) => {
                                    g.fail();
                                    return Err(e);
                                }
                            }
                        }
                        return g.unlock(); // LINEARIZATION POINT (purged or in use)
                    }
                    SlotState::Filling => wait(&mut g)?,
                    SlotState::PendingDeletion => {
                        g.unlock()?;
                        return Err(Error::InvalidHandle);
                    }
                    SlotState::Empty => return Err(Error::CorruptionDetected),
                },
                None => {
                    g.unlock()?; // LINEARIZATION POINT (not in memory)
                    return match is_persistent_id(id) && self.storage.exists(id)? {
                        true => Ok(()),
                        false => Err(Error::InvalidHandle),
                    };
                }
            }
        }
    }
}

impl Reservation<'_> {
    /// The id the new key will have.
    pub fn id(&self) -> psa_key_id_t {
        self.id
    }

    /// Publishes the key (writing it to storage first when persistent).
    ///
    /// Linearization point: the unlock after the slot becomes FULL; from then on
    /// every thread can use the key. If the lock cannot be taken after the key
    /// file was written (the failed state), the file is removed again: a
    /// creation that reports failure before publishing leaves no key.
    pub fn commit(mut self, mut attrs: psa_key_attributes_t, material: impl Into<Material>) -> Result<psa_key_id_t> {
        let material = material.into();
        attrs.private_id = self.id;
        let store = self.fill.store;
        if self.persistent {
            let record = format::encode(&attrs, &material);
            store.storage.create(self.id, &record)?;
        }
        // Allocate outside the lock.
        let key = OwnedKey::new(attrs, material);
        let mut g = match store.slots.lock() {
            Ok(g) => g,
            Err(e) => {
                if self.persistent {
                    let _ = store.storage.remove(self.id);
                }
                return Err(e);
            }
        };
        g.publish(self.fill.slot, key, 0);
        self.fill.armed = false;
        let n = notify(&g);
        g.unlock()?; // LINEARIZATION POINT (key created)
        n?;
        Ok(self.id)
    }
}

#[cfg(test)]
mod tests;
