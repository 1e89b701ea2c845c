use super::*;
use crate::storage::memory::MemoryIts;
use std::sync::atomic::{AtomicUsize, Ordering};
use zeroize::Zeroizing;

fn store(capacity: usize) -> KeyStore {
    KeyStore::new(capacity, Arc::new(MemoryIts::default()), None).unwrap()
}

fn attrs(lifetime: psa_key_lifetime_t) -> psa_key_attributes_t {
    psa_key_attributes_t { private_type: 0x1001, private_bits: 32, private_lifetime: lifetime, ..Default::default() }
}

fn secret(b: u8) -> Zeroizing<Vec<u8>> {
    Zeroizing::new(vec![b; 4])
}

#[test]
fn volatile_create_read_destroy() {
    let ks = store(8);
    let id = ks.begin_create(None).unwrap().commit(attrs(0), secret(1)).unwrap();
    assert!(id >= PSA_KEY_ID_VENDOR_MIN);
    assert_eq!(&ks.get(id).unwrap().data().material[..], &[1; 4]);
    ks.destroy(id).unwrap();
    assert_eq!(ks.get(id).err(), Some(Error::InvalidHandle));
    assert_eq!(ks.destroy(id).err(), Some(Error::InvalidHandle));
    let s = ks.stats().unwrap();
    assert_eq!((s.slots_in_use, s.volatile_keys), (0, 0));
}

#[test]
fn volatile_ids_are_not_reused_soon() {
    let ks = store(4);
    let mut seen = std::collections::HashSet::new();
    for _ in 0..1000 {
        let id = ks.begin_create(None).unwrap().commit(attrs(0), secret(2)).unwrap();
        assert!(seen.insert(id), "id {id:#x} reused");
        ks.destroy(id).unwrap();
    }
}

#[test]
fn failed_creation_leaves_nothing() {
    let ks = store(1);
    let r = ks.begin_create(Some(5)).unwrap();
    assert_eq!(ks.stats().unwrap().slots_in_use, 1);
    drop(r);
    assert_eq!(ks.stats().unwrap().slots_in_use, 0);
    assert_eq!(ks.get(5).err(), Some(Error::InvalidHandle));
}

#[test]
fn persistent_key_survives_purge_and_eviction() {
    let ks = store(2);
    for id in 1..=5u32 {
        ks.begin_create(Some(id)).unwrap().commit(attrs(1), secret(id as u8)).unwrap();
    }
    // Capacity 2: creating five keys evicted idle ones; every key still reads back.
    for id in 1..=5u32 {
        let k = ks.get(id).unwrap();
        assert_eq!(&k.data().material[..], &[id as u8; 4]);
        assert_eq!(k.data().attrs.private_id, id);
    }
    let s = ks.stats().unwrap();
    assert!(s.evictions >= 3 && s.persistent_loads >= 3, "{s:?}");
    ks.purge(5).unwrap();
    // Key 3 exists in storage: creating it again fails at commit.
    let r = ks.begin_create(Some(3));
    let again = r.and_then(|r| r.commit(attrs(1), secret(9)));
    assert_eq!(again.err(), Some(Error::AlreadyExists));
    ks.destroy(3).unwrap();
    assert_eq!(ks.get(3).err(), Some(Error::InvalidHandle));
}

#[test]
fn full_store_with_readers_is_insufficient_memory() {
    let ks = store(1);
    let id = ks.begin_create(None).unwrap().commit(attrs(0), secret(3)).unwrap();
    assert_eq!(ks.begin_create(None).err(), Some(Error::InsufficientMemory));
    ks.begin_create(Some(9)).err().unwrap();
    ks.destroy(id).unwrap();
    ks.begin_create(None).unwrap();
}

/// The common destroy (a volatile key nobody holds) wipes the slot and the
/// key under one lock and revokes the copies multi-part operations took,
/// without the dependents lock.
#[test]
fn destroy_of_an_unused_key_revokes_its_dependents() {
    let ks = store(4);
    let id = ks.create(None, attrs(0), secret(4)).unwrap();
    let dep = Dependent::new(Box::new(7u32));
    {
        let reader = ks.get(id).unwrap();
        reader.data().add_dependent(&dep);
        reader.release().unwrap();
    }
    assert!(dep.with(|_| ()).is_some(), "a live key's dependent was revoked");
    ks.destroy(id).unwrap();
    assert!(dep.with(|_| ()).is_none(), "dependents were not revoked");
    let s = ks.stats().unwrap();
    assert_eq!((s.slots_in_use, s.volatile_keys), (0, 0));
    assert_eq!(ks.destroy(id).err(), Some(Error::InvalidHandle));
}

#[test]
fn destroy_waits_for_the_last_reader_who_wipes() {
    let ks = Arc::new(store(4));
    let id = ks.begin_create(None).unwrap().commit(attrs(0), secret(4)).unwrap();
    let reader = ks.get(id).unwrap();
    let dep = Dependent::new(Box::new(7u32));
    reader.data().add_dependent(&dep);
    let done = Arc::new(AtomicUsize::new(0));
    let t = {
        let (ks, done) = (ks.clone(), done.clone());
        std::thread::spawn(move || {
            ks.destroy(id).unwrap();
            done.store(1, Ordering::SeqCst);
        })
    };
    // The destroy has linearized once the key is gone for new readers.
    while ks.get(id).is_ok() {
        std::thread::yield_now();
    }
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(done.load(Ordering::SeqCst), 0, "destroy returned while a reader held the key");
    reader.release().unwrap();
    t.join().unwrap();
    assert!(dep.with(|_| ()).is_none(), "dependents were not revoked");
    let s = ks.stats().unwrap();
    assert_eq!((s.slots_in_use, s.volatile_keys), (0, 0), "slot not wiped when destroy returned");
}

#[test]
fn concurrent_creators_of_one_id_exactly_one_wins() {
    for round in 0..20u32 {
        let ks = Arc::new(store(64));
        let id = 100 + round;
        let wins: Vec<_> = (0..8)
            .map(|t| {
                let ks = ks.clone();
                std::thread::spawn(move || ks.begin_create(Some(id)).and_then(|r| r.commit(attrs(1), secret(t))))
            })
            .collect();
        let results: Vec<_> = wins.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
        assert!(results.iter().all(|r| matches!(r, Ok(_) | Err(Error::AlreadyExists))));
    }
}

#[test]
fn concurrent_destroys_exactly_one_wins() {
    for _ in 0..50 {
        let ks = Arc::new(store(8));
        let id = ks.begin_create(None).unwrap().commit(attrs(0), secret(5)).unwrap();
        let ok: usize = (0..4)
            .map(|_| {
                let ks = ks.clone();
                std::thread::spawn(move || ks.destroy(id).is_ok() as usize)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .sum();
        assert_eq!(ok, 1);
    }
}

#[test]
fn eviction_and_reload_under_concurrent_load() {
    let ks = Arc::new(store(16));
    for id in 1..=300u32 {
        ks.begin_create(Some(id)).unwrap().commit(attrs(1), secret(id as u8)).unwrap();
    }
    let handles: Vec<_> = (0..8u32)
        .map(|t| {
            let ks = ks.clone();
            std::thread::spawn(move || {
                let mut x = t.wrapping_mul(2654435761).wrapping_add(1);
                for _ in 0..2000 {
                    x ^= x << 13;
                    x ^= x >> 17;
                    x ^= x << 5;
                    let id = 1 + x % 300;
                    match ks.get(id) {
                        Ok(k) => assert_eq!(&k.data().material[..], &[id as u8; 4]),
                        // More than 16 keys in use at once is a resource limit.
                        Err(e) => assert_eq!(e, Error::InsufficientMemory),
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let s = ks.stats().unwrap();
    assert!(s.evictions > 100 && s.persistent_loads > 100, "{s:?}");
    assert!(s.slots_in_use <= 16);
}

#[test]
fn lock_free_readers_and_destroy() {
    // The second get of a key by one thread takes the lock-free path; a destroy
    // waits for lock-free readers and no read succeeds after it returns.
    let ks = Arc::new(store(8));
    let id = ks.begin_create(None).unwrap().commit(attrs(0), secret(6)).unwrap();
    ks.get(id).unwrap().release().unwrap();
    let fast = ks.get(id).unwrap();
    assert!(matches!(fast.how, Reading::Hazard(_)));
    let done = Arc::new(AtomicUsize::new(0));
    let t = {
        let (ks, done) = (ks.clone(), done.clone());
        std::thread::spawn(move || {
            ks.destroy(id).unwrap();
            done.store(1, Ordering::SeqCst);
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(30));
    assert_eq!(done.load(Ordering::SeqCst), 0, "destroy returned under a lock-free reader");
    assert_eq!(&fast.data().material[..], &[6; 4]);
    drop(fast);
    t.join().unwrap();
    assert_eq!(ks.get(id).err(), Some(Error::InvalidHandle));
}

#[test]
fn purge_and_eviction_step_around_lock_free_readers() {
    let ks = store(1);
    ks.begin_create(Some(1)).unwrap().commit(attrs(1), secret(1)).unwrap();
    ks.get(1).unwrap().release().unwrap();
    let fast = ks.get(1).unwrap();
    assert!(matches!(fast.how, Reading::Hazard(_)));
    // In use: purge leaves it, and a second key cannot evict it.
    ks.purge(1).unwrap();
    assert_eq!(ks.stats().unwrap().persistent_keys_loaded, 1);
    assert_eq!(ks.begin_create(Some(2)).err(), Some(Error::InsufficientMemory));
    drop(fast);
    ks.begin_create(Some(2)).unwrap().commit(attrs(1), secret(2)).unwrap();
    assert_eq!(&ks.get(1).unwrap().data().material[..], &[1; 4]);
}

#[test]
fn volatile_ids_encode_slot_and_generation() {
    use super::slots::IdCodec;
    for (capacity, index_bits) in [(1usize, 1u32), (2, 1), (3, 2), (256, 8), (257, 9), (1 << 20, 20), (1 << 29, 29)] {
        let c = IdCodec::new(capacity);
        assert_eq!(c.generation_bits(), 30 - index_bits, "capacity {capacity}");
        for i in [0u32, 1, (capacity as u32).saturating_sub(1)] {
            for g in [0u64, 1, 5, (1 << c.generation_bits()) - 1] {
                let id = c.encode(i, g);
                assert!((PSA_KEY_ID_VENDOR_MIN..=PSA_KEY_ID_VENDOR_MAX).contains(&id));
                assert_eq!(c.index_of(id), Some(i));
                // The next generation of the slot has another id; the id comes
                // back only after 2^generation_bits reuses.
                assert_ne!(c.encode(i, g + 1), id);
                assert_eq!(c.encode(i, g + (1 << c.generation_bits())), id);
            }
        }
        for other in [0u32, 1, PSA_KEY_ID_USER_MAX, PSA_KEY_ID_VENDOR_MIN - 1, PSA_KEY_ID_VENDOR_MAX + 1, u32::MAX] {
            assert_eq!(c.index_of(other), None);
        }
    }
}

#[test]
fn stale_volatile_ids_never_reach_a_reused_slot() {
    // Capacity 1: every key lives in slot 0, so each new key reuses it.
    let ks = store(1);
    let mut stale = Vec::new();
    for round in 0..50u8 {
        let id = ks.create(None, attrs(0), secret(round)).unwrap();
        assert!(!stale.contains(&id), "id {id:#x} reissued");
        assert_eq!(ks.attributes(id).unwrap().private_id, id);
        assert_eq!(&ks.get(id).unwrap().data().material[..], &[round; 4]);
        for &old in &stale {
            assert_eq!(ks.get(old).err(), Some(Error::InvalidHandle));
            assert_eq!(ks.attributes(old).err(), Some(Error::InvalidHandle));
            assert_eq!(ks.purge(old).err(), Some(Error::InvalidHandle));
            assert_eq!(ks.destroy(old).err(), Some(Error::InvalidHandle));
        }
        ks.destroy(id).unwrap();
        stale.push(id);
    }
    // Ids of slots that were never allocated name nothing either.
    let c = super::slots::IdCodec::new(1 << 20);
    let far = store(1 << 20);
    far.create(None, attrs(0), secret(1)).unwrap();
    for i in [1u32, 255, 256, 100_000, (1 << 20) - 1] {
        assert_eq!(far.attributes(c.encode(i, 0)).err(), Some(Error::InvalidHandle));
        assert_eq!(far.get(c.encode(i, 0)).err(), Some(Error::InvalidHandle));
    }
}

#[test]
fn freed_slots_wait_before_reuse() {
    // With room to grow, a freed slot is not reused before REUSE_DELAY others
    // are free: consecutive create/destroy cycles get different slots.
    let ks = store(1 << 20);
    let codec = super::slots::IdCodec::new(1 << 20);
    let mut slots = std::collections::HashSet::new();
    let mut ids = std::collections::HashSet::new();
    for _ in 0..3 * super::slots::REUSE_DELAY {
        let id = ks.create(None, attrs(0), secret(7)).unwrap();
        assert!(ids.insert(id));
        slots.insert(codec.index_of(id).unwrap());
        ks.destroy(id).unwrap();
    }
    assert!(slots.len() > super::slots::REUSE_DELAY, "{} slots", slots.len());
    assert!(slots.len() <= super::slots::REUSE_DELAY + 256, "{} slots", slots.len());
}

#[test]
fn attributes_read_lock_free_are_the_keys() {
    let ks = store(64);
    let mut a = attrs(0);
    a.private_usage = 0x1234_5678;
    a.private_alg = 0x0600_0200;
    a.private_alg2 = 0x0300_0001;
    let id = ks.create(None, a, secret(1)).unwrap();
    let got = ks.attributes(id).unwrap();
    assert_eq!(got, psa_key_attributes_t { private_id: id, ..a });
    // The lock-free read needs no lock: it works while another thread holds it.
    let g = ks.slots.lock().unwrap();
    assert_eq!(ks.attributes(id).unwrap(), got);
    assert!(matches!(ks.get(id).unwrap().how, Reading::Hazard(_)));
    drop(g);
}

#[test]
fn readers_of_a_reused_slot_see_their_key_or_nothing() {
    // One slot, reused by a writer over and over; readers that hold an id of
    // some incarnation see exactly that key's attributes and material, or
    // InvalidHandle — never another incarnation's.
    let ks = Arc::new(store(1));
    let current = Arc::new(std::sync::atomic::AtomicU32::new(0));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let (ks, current, stop) = (ks.clone(), current.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut seen = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let id = current.load(Ordering::Acquire);
                    if id == 0 {
                        continue;
                    }
                    match ks.attributes(id) {
                        Ok(a) => {
                            assert_eq!(a.private_id, id);
                            assert_eq!(a.private_usage, id);
                        }
                        Err(e) => assert_eq!(e, Error::InvalidHandle),
                    }
                    match ks.get(id) {
                        Ok(k) => {
                            assert_eq!(k.data().attrs.private_id, id);
                            assert_eq!(&k.data().material[..], &id.to_le_bytes());
                            seen += 1;
                        }
                        Err(e) => assert_eq!(e, Error::InvalidHandle),
                    }
                }
                seen
            })
        })
        .collect();
    for _ in 0..2000 {
        // The usage field and the material carry the id the key will get: the
        // next id of slot 0 is predictable from the previous one.
        let prev = current.load(Ordering::Relaxed);
        let next = if prev == 0 { PSA_KEY_ID_VENDOR_MIN } else { prev + 2 };
        let mut a = attrs(0);
        a.private_usage = next;
        let id = ks.create(None, a, Zeroizing::new(next.to_le_bytes().to_vec())).unwrap();
        assert_eq!(id, next);
        current.store(id, Ordering::Release);
        std::thread::yield_now();
        ks.destroy(id).unwrap();
    }
    stop.store(true, Ordering::Relaxed);
    for r in readers {
        r.join().unwrap();
    }
    let s = ks.stats().unwrap();
    assert_eq!((s.slots_in_use, s.volatile_keys), (0, 0));
}
