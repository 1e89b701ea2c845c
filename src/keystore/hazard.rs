//! The lock-free read path: per-thread hazard slots.
//!
//! A one-shot operation on a key this thread used recently does not take the
//! key-store lock. The thread finds the key in its small thread-local cache,
//! publishes the slot's address in one of its hazard slots (its own cache line),
//! and then checks the slot's `live` word (state and generation, written only
//! under the key-store lock). If the slot is still FULL with the same
//! generation, the key is safe to use until the hazard is cleared: everything
//! that would drop the key first changes `live` and then waits for (destroy) or
//! steps around (purge, eviction) the hazards that name the slot. Both sides use
//! sequentially consistent operations, so either the reader sees the new `live`
//! value and falls back to the locked path, or the writer sees the hazard.
//!
//! Linearization point of a fast-path lookup: the load of `live` that finds the
//! key FULL. Nothing is shared between threads in steady state except read-only
//! cache lines, so threads using one key do not contend.
//!
//! Volatile keys take a second lock-free path that needs no cache
//! ([`try_get_cell`]): their id names their slot, so the thread publishes a
//! hazard on the slot straight away, with a sequentially consistent store,
//! then checks `live`. A writer that drops such a key changes `live` and scans
//! the hazards without the heavy fence below (the reader's store is already
//! ordered), so destroying a volatile key never costs a membarrier.
//!
//! The fences are asymmetric where the kernel allows it: with Linux's
//! `membarrier(PRIVATE_EXPEDITED)` the reader orders its hazard store and its
//! `live` load with a compiler fence only (plain moves on x86), and the rare
//! writer makes every thread of the process execute a full barrier before it
//! scans the hazards. Without membarrier, readers use a sequentially
//! consistent store (a full fence) instead.
//!
//! If an expedited membarrier ever fails after registration, the writer
//! cannot know that every reader's hazard is visible: [`BROKEN`] is set, the
//! writer's call reports `ServiceFailure` (the key store enters its failed
//! state and keeps the key it could not prove unused), and from then on
//! readers use the sequentially consistent store, so a store built after
//! `mbedtls_psa_crypto_free` and `psa_crypto_init` works again. Nothing here
//! panics.
use core::cell::RefCell;
use core::sync::atomic::{compiler_fence, fence, AtomicBool, AtomicPtr, AtomicU64, Ordering::*};

use once_cell::race::OnceBool;

use super::slots::is_full;
use super::KeyData;
use crate::types::psa_key_id_t;

/// Whether the process is registered for expedited private membarriers (the
/// asymmetric fences described above).
static ASYMMETRIC: OnceBool = OnceBool::new();

/// Registers the process for expedited private membarriers; true on success.
/// Registering twice is harmless, so threads racing to set [`ASYMMETRIC`]
/// may both call it (no thread waits for another, see `sync::SetOnce`).
fn register() -> bool {
    const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED: libc::c_long = 1 << 4;
    // SAFETY: a plain system call without pointers.
    unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0 }
}

/// Set when an expedited membarrier failed after registration: readers then
/// use full fences (see the module documentation).
static BROKEN: AtomicBool = AtomicBool::new(false);

/// Whether readers may rely on the writer's membarrier.
fn asymmetric() -> bool {
    ASYMMETRIC.get_or_init(register) && !BROKEN.load(Relaxed)
}

/// The hazard fence could not be completed: some reader's hazard may be
/// invisible to the writer.
#[derive(Debug)]
pub(super) struct FenceFailed;

/// The writer's half of the fence: afterwards every thread's earlier hazard
/// stores are visible, and every thread's later `live` loads see this thread's
/// earlier `live` stores.
fn heavy_fence() -> Result<(), FenceFailed> {
    fence(SeqCst);
    if asymmetric() {
        const MEMBARRIER_CMD_PRIVATE_EXPEDITED: libc::c_long = 1 << 3;
        // SAFETY: a plain system call without pointers.
        let rc = unsafe { libc::syscall(libc::SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) };
        if rc != 0 {
            // Registration succeeded, so this should not happen; if it does,
            // readers that relied on the barrier could be missed.
            BROKEN.store(true, SeqCst);
            return Err(FenceFailed);
        }
    }
    Ok(())
}

/// Hazard slots per thread: how many fast-path keys one thread may hold at once.
const HAZARDS: usize = 4;
/// Entries in each thread's key cache (direct-mapped by key id).
const CACHE: usize = 64;

fn cache_index(id: psa_key_id_t) -> usize {
    (id ^ (id >> 6) ^ (id >> 12)) as usize % CACHE
}

/// One thread's hazard slots, alone on a cache line.
#[repr(align(64))]
pub(super) struct Record {
    hazards: [AtomicU64; HAZARDS],
    claimed: AtomicBool,
    /// The next record of the registry; set before the record is published.
    next: *const Record,
}

// SAFETY: `next` is written once, before the record is shared, and the
// rest are atomics.
unsafe impl Sync for Record {}

/// The registry: a list of every thread record ever made, newest first.
/// Records are pushed with a compare-and-swap on the head and never removed
/// (a thread that ends un-claims its record for the next thread), so writers
/// scan the hazards without a lock.
static REGISTRY: AtomicPtr<Record> = AtomicPtr::new(core::ptr::null_mut());

/// The records of the registry.
fn records() -> impl Iterator<Item = &'static Record> {
    // SAFETY: records are leaked and never freed; `next` is written before the
    // record is published (Release) and never changes.
    let mut p: *const Record = REGISTRY.load(Acquire);
    core::iter::from_fn(move || {
        // SAFETY: as above.
        let r = unsafe { p.as_ref() }?;
        p = r.next;
        Some(r)
    })
}

#[derive(Clone, Copy)]
struct Entry {
    instance: u64,
    id: psa_key_id_t,
    live: *const AtomicU64,
    expected: u64,
    key: *const KeyData,
}

struct Local {
    record: &'static Record,
    cache: RefCell<[Option<Entry>; CACHE]>,
}

impl Local {
    fn new() -> Self {
        let record = match records().find(|r| r.claimed.compare_exchange(false, true, AcqRel, Relaxed).is_ok()) {
            Some(r) => r,
            None => {
                let r: &'static mut Record = Box::leak(Box::new(Record {
                    hazards: Default::default(),
                    claimed: AtomicBool::new(true),
                    next: core::ptr::null(),
                }));
                let mut head = REGISTRY.load(Relaxed);
                loop {
                    r.next = head;
                    match REGISTRY.compare_exchange_weak(head, r, Release, Relaxed) {
                        Ok(_) => break,
                        Err(h) => head = h,
                    }
                }
                r
            }
        };
        Local {
            record,
            cache: RefCell::new([None; CACHE]),
        }
    }
}

impl Drop for Local {
    fn drop(&mut self) {
        for h in &self.record.hazards {
            h.store(0, Release);
        }
        self.record.claimed.store(false, Release);
    }
}

thread_local! {
    static LOCAL: Local = Local::new();
}

/// A key held through a hazard slot.
pub(super) struct Held {
    pub hazard: &'static AtomicU64,
    pub key: *const KeyData,
}

/// Tries the lock-free path for `id` in store `instance`.
pub(super) fn try_get(instance: u64, id: psa_key_id_t) -> Option<Held> {
    LOCAL
        .try_with(|l| {
            let e = l.cache.borrow()[cache_index(id)].filter(|e| e.id == id && e.instance == instance)?;
            let hazard = l.record.hazards.iter().find(|h| h.load(Relaxed) == 0)?;
            if asymmetric() {
                hazard.store(e.live as u64, Relaxed);
                compiler_fence(SeqCst);
            } else {
                hazard.store(e.live as u64, SeqCst);
            }
            // SAFETY: `live` points into a slot of the store `instance`, which is
            // the current store (checked by the caller), and slots never move.
            if unsafe { &*e.live }.load(SeqCst) == e.expected {
                Some(Held { hazard, key: e.key })
            } else {
                hazard.store(0, Release);
                None
            }
        })
        .ok()
        .flatten()
}

/// The lock-free path for volatile key `id`, whose slot's cell holds `live`
/// and `key`: publishes a hazard on the slot (a sequentially consistent
/// store), then checks that `live` says FULL for `id`.
/// Linearization point: that load of `live`.
#[inline]
pub(super) fn try_get_cell(live: &AtomicU64, key: &AtomicPtr<KeyData>, id: psa_key_id_t) -> Option<Held> {
    LOCAL
        .try_with(|l| {
            let hazard = l.record.hazards.iter().find(|h| h.load(Relaxed) == 0)?;
            hazard.store(live as *const AtomicU64 as u64, SeqCst);
            if is_full(live.load(SeqCst), id) {
                Some(Held { hazard, key: key.load(Acquire) })
            } else {
                hazard.store(0, Release);
                None
            }
        })
        .ok()
        .flatten()
}

/// Remembers, after a locked lookup, where `id` lives for the next fast lookups.
pub(super) fn remember(instance: u64, id: psa_key_id_t, live: &AtomicU64, expected: u64, key: *const KeyData) {
    let _ = LOCAL.try_with(|l| {
        l.cache.borrow_mut()[cache_index(id)] = Some(Entry { instance, id, live, expected, key });
    });
}

/// Whether some thread holds a hazard on the slot whose `live` word is `live`
/// (which the caller has just changed with a sequentially consistent store);
/// `Err` when that cannot be known. `heavy` when a thread may have published
/// its hazard through the cached path (the slot is `cached`): then the heavy
/// fence runs first; otherwise every hazard that matters was published with a
/// sequentially consistent store, which the scan's loads are ordered with.
pub(super) fn present(live: &AtomicU64, heavy: bool) -> Result<bool, FenceFailed> {
    if heavy {
        heavy_fence()?;
    }
    Ok(scan(live))
}

fn scan(live: &AtomicU64) -> bool {
    let addr = live as *const AtomicU64 as u64;
    records().any(|r| r.hazards.iter().any(|h| h.load(SeqCst) == addr))
}

/// Waits until no thread holds a hazard on `live` (`heavy` as for
/// [`present`]; a bounded wait: holders are
/// inside one operation and need no lock to finish it); `Err` when that
/// cannot be known.
pub(super) fn wait_clear(live: &AtomicU64, heavy: bool) -> Result<(), FenceFailed> {
    if heavy {
        heavy_fence()?;
    }
    let mut spins = 0u32;
    while scan(live) {
        spins += 1;
        if spins < 64 {
            std::thread::yield_now();
        } else {
            std::thread::sleep(std::time::Duration::from_micros(50));
        }
    }
    Ok(())
}
