//! Drivers: transparent accelerators and opaque key locations, and the core's
//! driver policy (`shared/seeds/psa-thread-safety.md`, "Future driver work").
//!
//! A driver is a [`Driver`]: a C table registered with
//! `rustpsa_register_driver` ([`c::CDriver`]) or the built-in PKCS#11 driver
//! ([`pkcs11`]). Registrations made before `psa_crypto_init` are frozen into
//! the active [`Registry`] at init; the API layer (`api::driver`) asks it for
//! the transparent drivers in registration order (falling back to the
//! built-in code on `NotSupported`) or for the opaque driver of a key's
//! location.
//!
//! # The policy the core enforces ([`Registered::call`])
//! * A driver without `RUSTPSA_DRIVER_THREAD_SAFE` runs one entry point at a
//!   time: the core holds the driver's own lock around each call.
//! * A key is never destroyed while an entry point uses it: the caller holds
//!   the key store's reader registration (or hazard) for the key during the
//!   call, and `psa_destroy_key` waits for every reader before it returns and
//!   before it calls the driver's `destroy_key`, which runs exactly once per
//!   destroyed key (never on purge or free: the key still exists in its
//!   location).
//! * Multi-part operations ([`ops`]): never two calls at once on one driver
//!   operation (the operation object's busy flag: a second caller gets
//!   `BadState` before reaching the driver). A keyed driver operation lives in
//!   an `api::operation::KeyBound`: `psa_destroy_key` waits for a step in
//!   progress, then ends the operation (the driver's `abort`), before an
//!   opaque driver's `destroy_key`. `abort` runs exactly once per successful
//!   setup, however the operation ends. The per-driver lock covers each
//!   step, so a non-thread-safe driver runs one step of one operation at a
//!   time across all its operations; the lock is never held between steps.
//! * Re-entrancy: while a thread runs an entry point it is marked "inside a
//!   driver" ([`inside`]). From there it may call only the whitelisted core
//!   functions, which reach no driver and no lock a driver call can hold:
//!   `psa_generate_random`, `psa_hash_compute` and `psa_hash_compare` (always
//!   served by the built-in code from inside a driver), and the attribute
//!   accessors that touch only the caller's structure. Every other function
//!   returns `PSA_ERROR_BAD_STATE` (through `api::core`).
//!
//! # Why no call can deadlock
//! The locks a driver call can hold are its own driver lock (non-thread-safe
//! drivers) and, for a step of a keyed multi-part operation, the mutex of the
//! operation's key-bound value (taken before the driver lock and private to
//! one operation; the destroyer holds it only to take the operation out,
//! waiting for a step in progress, and calls `abort` after releasing it); the
//! key-store lock
//! is never held across an entry point (readers are registrations, not locks). A thread inside a
//! driver can take no second driver lock, because every function that could
//! dispatch to a driver refuses from inside one, and the whitelisted
//! functions take no lock at all (the RNG and the built-in hashes are
//! lock-free). So every thread holds at most one driver lock and never waits
//! while holding it except for the driver's own work; the wait-for graph
//! cannot have a cycle. `psa_destroy_key` waits (on the key-store condition,
//! holding nothing) for the readers of the key, and those readers are
//! entry points that finish without waiting for the destroyer; it then takes
//! the driver lock for `destroy_key` like any other call.
pub mod abi;
pub mod c;
pub mod ops;
pub mod pkcs11;

use std::cell::Cell;
use std::ptr;
use std::sync::atomic::{AtomicPtr, AtomicU64, Ordering};

use parking_lot::Mutex;
use zeroize::Zeroizing;

use crate::types::*;

/// A key as an entry point sees it: its attributes and its key buffer (the
/// export format for transparent drivers, the driver's context for opaque
/// ones).
#[derive(Clone, Copy)]
pub struct Key<'a> {
    /// The key's attributes.
    pub attrs: &'a psa_key_attributes_t,
    /// The key buffer.
    pub buffer: &'a [u8],
}

/// A created opaque key: its context and its size in bits.
pub type Created = (Zeroizing<Vec<u8>>, usize);

/// The entry points of a driver. Every one defaults to `NotSupported`.
#[allow(unused_variables)]
pub trait Driver: Send + Sync {
    /// `psa_hash_compute`; returns the length written.
    fn hash_compute(&self, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_mac_compute` (and verify, by the core); returns the length.
    fn mac_compute(&self, key: Key<'_>, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_cipher_encrypt` with the core's IV; writes the ciphertext only.
    fn cipher_encrypt(&self, key: Key<'_>, alg: psa_algorithm_t, iv: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_cipher_decrypt` of IV || ciphertext.
    fn cipher_decrypt(&self, key: Key<'_>, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_aead_encrypt`: ciphertext || tag.
    fn aead_encrypt(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_aead_decrypt` of ciphertext || tag.
    fn aead_decrypt(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_sign_hash`.
    fn sign_hash(&self, key: Key<'_>, alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_verify_hash`.
    fn verify_hash(&self, key: Key<'_>, alg: psa_algorithm_t, hash: &[u8], sig: &[u8]) -> Result<()> {
        Err(Error::NotSupported)
    }
    /// `psa_raw_key_agreement`.
    fn key_agreement(&self, key: Key<'_>, alg: psa_algorithm_t, peer: &[u8], out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_generate_key`: the key in its export format (transparent) or its
    /// context (opaque); the size in bits is the requested one.
    fn generate_key(&self, attrs: &psa_key_attributes_t) -> Result<Zeroizing<Vec<u8>>> {
        Err(Error::NotSupported)
    }
    /// `psa_import_key` (opaque).
    fn import_key(&self, attrs: &psa_key_attributes_t, data: &[u8]) -> Result<Created> {
        Err(Error::NotSupported)
    }
    /// `psa_attach_key` (opaque): adopts the existing key named by `label`.
    fn attach_key(&self, attrs: &psa_key_attributes_t, label: &[u8]) -> Result<Created> {
        Err(Error::NotSupported)
    }
    /// `psa_export_key` (opaque).
    fn export_key(&self, key: Key<'_>, out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_export_public_key` (opaque).
    fn export_public_key(&self, key: Key<'_>, out: &mut [u8]) -> Result<usize> {
        Err(Error::NotSupported)
    }
    /// `psa_destroy_key` (opaque): erase the key from its location.
    fn destroy_key(&self, key: Key<'_>) -> Result<()> {
        Err(Error::NotSupported)
    }
    /// `psa_hash_setup` (transparent): a multi-part hash operation.
    fn hash_setup(&self, alg: psa_algorithm_t) -> Result<Box<dyn ops::HashOp>> {
        Err(Error::NotSupported)
    }
    /// `psa_mac_sign_setup` / `psa_mac_verify_setup`.
    fn mac_setup(&self, key: Key<'_>, alg: psa_algorithm_t, verify: bool) -> Result<Box<dyn ops::MacOp>> {
        Err(Error::NotSupported)
    }
    /// `psa_cipher_encrypt_setup` / `psa_cipher_decrypt_setup`.
    fn cipher_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn ops::CipherOp>> {
        Err(Error::NotSupported)
    }
    /// `psa_aead_encrypt_setup` / `psa_aead_decrypt_setup`.
    fn aead_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn ops::AeadOp>> {
        Err(Error::NotSupported)
    }
}

/// A driver as the registry holds it.
pub struct Registered {
    /// The driver's name.
    pub name: String,
    /// `None` for a transparent driver, else its location.
    pub location: Option<psa_key_location_t>,
    driver: Box<dyn Driver>,
    /// The driver lock (absent for a thread-safe driver). Guards nothing but
    /// the driver itself: held for the whole of each entry point call, so a
    /// non-thread-safe driver runs one entry point at a time. Never held by
    /// a thread that holds another driver lock or the key-store lock.
    lock: Option<Mutex<()>>,
    /// 1 + the index of this driver in the registry (the [`INSIDE`] mark).
    mark: usize,
    calls: AtomicU64,
    declined: AtomicU64,
    running: AtomicU64,
    max_running: AtomicU64,
    destroyed: AtomicU64,
}

thread_local! {
    /// 0, or the mark of the driver whose entry point this thread is running.
    static INSIDE: Cell<usize> = const { Cell::new(0) };
}

/// Whether this thread is inside a driver entry point (the core then refuses
/// every call outside the whitelist).
pub fn inside() -> bool {
    // Without a registry no entry point runs (a thread inside one has loaded
    // the registry, which stays until `deactivate`, when no call is in
    // progress): one load instead of the thread-local access (a call into the
    // dynamic loader's TLS lookup in the shared library).
    registry().is_some() && INSIDE.with(|c| c.get() != 0)
}

/// Restores the previous [`INSIDE`] mark when an entry point call ends (even
/// by a panic) and counts the call's end.
struct InsideGuard<'a>(usize, &'a Registered);

impl Drop for InsideGuard<'_> {
    fn drop(&mut self) {
        self.1.running.fetch_sub(1, Ordering::AcqRel);
        INSIDE.with(|c| c.set(self.0));
    }
}

impl Registered {
    /// A registered driver.
    fn new(name: String, location: Option<psa_key_location_t>, thread_safe: bool, driver: Box<dyn Driver>) -> Self {
        Registered {
            name,
            location,
            driver,
            lock: (!thread_safe).then(|| Mutex::new(())),
            mark: 0,
            calls: AtomicU64::new(0),
            declined: AtomicU64::new(0),
            running: AtomicU64::new(0),
            max_running: AtomicU64::new(0),
            destroyed: AtomicU64::new(0),
        }
    }

    /// Runs one entry point under the driver policy: the driver lock (unless
    /// thread-safe) and the "inside a driver" mark.
    pub fn call<R>(&self, f: impl FnOnce(&dyn Driver) -> Result<R>) -> Result<R> {
        let _lock = self.lock.as_ref().map(|l| l.lock());
        let now = self.running.fetch_add(1, Ordering::AcqRel) + 1;
        self.max_running.fetch_max(now, Ordering::AcqRel);
        self.calls.fetch_add(1, Ordering::Relaxed);
        let _inside = InsideGuard(INSIDE.with(|c| c.replace(self.mark)), self);
        let r = f(&*self.driver);
        if r.as_ref().err() == Some(&Error::NotSupported) {
            self.declined.fetch_add(1, Ordering::Relaxed);
        }
        r
    }

    /// `destroy_key`, counted.
    pub fn destroy(&self, key: Key<'_>) -> Result<()> {
        self.destroyed.fetch_add(1, Ordering::Relaxed);
        self.call(|d| d.destroy_key(key))
    }

    /// The driver's counters.
    pub fn stats(&self) -> abi::rustpsa_driver_stats_t {
        abi::rustpsa_driver_stats_t {
            calls: self.calls.load(Ordering::Relaxed),
            declined: self.declined.load(Ordering::Relaxed),
            max_concurrent: self.max_running.load(Ordering::Relaxed),
            destroyed: self.destroyed.load(Ordering::Relaxed),
            flags: if self.lock.is_none() { abi::RUSTPSA_DRIVER_THREAD_SAFE } else { 0 },
        }
    }
}

/// The drivers of an initialised library.
pub struct Registry {
    /// Every driver, transparent ones in registration order.
    drivers: Vec<Registered>,
}

impl Registry {
    /// The transparent drivers, in registration order.
    pub fn transparent(&self) -> impl Iterator<Item = &Registered> {
        self.drivers.iter().filter(|d| d.location.is_none())
    }

    /// The opaque driver of `location`.
    pub fn opaque(&self, location: psa_key_location_t) -> Option<&Registered> {
        self.drivers.iter().find(|d| d.location == Some(location))
    }

    /// A driver by name.
    pub fn by_name(&self, name: &str) -> Option<&Registered> {
        self.drivers.iter().find(|d| d.name == name)
    }
}

/// A registration waiting for `psa_crypto_init`.
struct Pending {
    name: String,
    location: Option<psa_key_location_t>,
    thread_safe: bool,
    make: Box<dyn Fn() -> Result<Box<dyn Driver>> + Send>,
}

/// The registration lock. Guards the registrations made before init (taken
/// by `rustpsa_register_driver` and by init, which the API layer serialises
/// with its own init lock).
static PENDING: Mutex<Vec<Pending>> = Mutex::new(Vec::new());

/// The active registry, or NULL when no driver is active. Written only by
/// [`activate`] and [`deactivate`] (under the API's init lock); read
/// lock-free (Acquire) by every dispatch. `mbedtls_psa_crypto_free` is
/// single-threaded by contract, so no reader races the free.
static ACTIVE: AtomicPtr<Registry> = AtomicPtr::new(ptr::null_mut());

/// The active registry (`None`: no driver, every call goes to the built-in code).
pub fn registry() -> Option<&'static Registry> {
    // SAFETY: a non-NULL ACTIVE points to a leaked Box that lives until
    // `deactivate`, which runs only when no other call is in progress.
    unsafe { ACTIVE.load(Ordering::Acquire).as_ref() }
}

/// Whether some driver owns `location`.
pub fn has_location(location: psa_key_location_t) -> bool {
    registry().is_some_and(|r| r.opaque(location).is_some())
}

/// Adds a registration (the API layer calls it before init only). A second
/// driver for one location is `AlreadyExists`.
pub fn register(
    name: String,
    location: Option<psa_key_location_t>,
    thread_safe: bool,
    make: Box<dyn Fn() -> Result<Box<dyn Driver>> + Send>,
) -> Result<()> {
    let mut p = PENDING.lock();
    if location.is_some() && p.iter().any(|d| d.location == location) {
        return Err(Error::AlreadyExists);
    }
    p.push(Pending { name, location, thread_safe, make });
    Ok(())
}

/// Forgets every registration.
pub fn unregister_all() {
    PENDING.lock().clear();
}

/// Builds the registry from the registrations (and the PKCS#11 driver when it
/// is configured and no registration claims its location). Called by init.
pub fn activate() -> Result<()> {
    let pending = PENDING.lock();
    let mut drivers = Vec::with_capacity(pending.len() + 1);
    for p in pending.iter() {
        drivers.push(Registered::new(p.name.clone(), p.location, p.thread_safe, (p.make)()?));
    }
    if !pending.iter().any(|p| p.location == Some(RUSTPSA_LOCATION_PKCS11)) {
        if let Some((driver, thread_safe)) = pkcs11::from_config()? {
            drivers.push(Registered::new("pkcs11".into(), Some(RUSTPSA_LOCATION_PKCS11), thread_safe, driver));
        }
    }
    drop(pending);
    if drivers.is_empty() {
        return Ok(());
    }
    for (i, d) in drivers.iter_mut().enumerate() {
        d.mark = i + 1;
    }
    let r = Box::into_raw(Box::new(Registry { drivers }));
    let old = ACTIVE.swap(r, Ordering::AcqRel);
    if !old.is_null() {
        // SAFETY: from Box::into_raw below/above, dropped once.
        drop(unsafe { Box::from_raw(old) });
    }
    Ok(())
}

/// Drops the registry (`mbedtls_psa_crypto_free`): the drivers shut down.
pub fn deactivate() {
    let old = ACTIVE.swap(ptr::null_mut(), Ordering::AcqRel);
    if !old.is_null() {
        // SAFETY: from Box::into_raw in `activate`, dropped once.
        drop(unsafe { Box::from_raw(old) });
    }
}
