//! PSA semantics in safe Rust: library state, attribute validation, policy,
//! algorithm dispatch. Called by [`crate::ffi`]; calls the key store and the
//! crypto driver.
use std::path::PathBuf;
use std::ptr;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::Arc;

use parking_lot::Mutex;

use crate::keystore::KeyStore;
use crate::storage::file::FileIts;
use crate::sync::HostTable;
use crate::types::{Error, Result};

pub mod aead;
pub mod asymmetric_encrypt;
pub mod attributes;
pub mod cipher;
pub mod driver;
pub mod hash;
pub mod key_agreement;
pub mod key_derivation;
pub mod key_generation_custom;
pub mod key_management;
pub mod key_usage;
pub mod key_wrap;
pub mod interruptible;
pub mod kem;
pub mod mac;
pub mod operation;
pub mod pake;
pub mod policy;
pub mod sign;
pub mod xof;
pub mod sign_multipart;
pub mod sign_context;

/// Default slot capacity: large enough that only deliberate configurations
/// ever evict.
pub const DEFAULT_CAPACITY: usize = 1 << 20;
/// Largest accepted capacity (the volatile id range holds 2^30 ids).
pub const MAX_CAPACITY: usize = 1 << 29;
/// Environment variable naming the storage directory (ignored in setuid,
/// setgid or otherwise privileged processes).
pub const STORAGE_ENV: &str = "RUSTPSA_STORAGE_DIR";
/// Storage directory when neither the API nor the environment names one.
pub const DEFAULT_STORAGE_DIR: &str = "rustpsa-storage";

/// Everything an initialised library owns.
pub struct Core {
    /// The key store.
    pub keys: KeyStore,
}

/// Settings chosen before `psa_crypto_init`.
struct Settings {
    host: Option<HostTable>,
    storage_dir: Option<PathBuf>,
    capacity: usize,
}

/// The init lock. Guards the pre-init settings and the transitions of
/// [`CORE`] (init and free). It is a parking_lot mutex, not a host one, because
/// it must exist before the host's primitives are installed. Linearization point
/// of `psa_crypto_init`: the store to `CORE` under this lock.
static SETTINGS: Mutex<Settings> =
    Mutex::new(Settings { host: None, storage_dir: None, capacity: DEFAULT_CAPACITY });

/// The initialised library, or NULL. Written only under [`SETTINGS`]; read
/// lock-free (Acquire) by every API call. `mbedtls_psa_crypto_free` is
/// single-threaded by contract, so a reader never races the free.
static CORE: AtomicPtr<Core> = AtomicPtr::new(ptr::null_mut());

/// The initialised library; `BadState` before `psa_crypto_init`,
/// `ServiceFailure` once the key store has entered its failed state (a host
/// threading primitive failed, or a panic happened under its lock) until
/// `mbedtls_psa_crypto_free`.
#[inline]
pub fn core() -> Result<&'static Core> {
    // Inside a driver entry point only the whitelist may run (crate::driver).
    if crate::driver::inside() {
        return Err(Error::BadState);
    }
    core_whitelisted()
}

/// [`core()`] for the functions a driver may call from inside an entry point
/// (the whitelist of [`crate::driver`]): no "inside a driver" check.
pub fn core_whitelisted() -> Result<&'static Core> {
    let p = CORE.load(Ordering::Acquire);
    // SAFETY: a non-NULL CORE points to a leaked Box that lives until `free`,
    // which the application calls only when no other call is in progress.
    let core = unsafe { p.as_ref() }.ok_or(Error::BadState)?;
    if core.keys.failed() {
        return Err(Error::ServiceFailure);
    }
    Ok(core)
}

/// Whether the library is initialised (failed or not).
pub fn initialised() -> bool {
    !CORE.load(Ordering::Acquire).is_null()
}

/// `psa_crypto_init`: idempotent and safe to call from many threads at once.
pub fn init() -> Result<()> {
    let settings = SETTINGS.lock();
    if !CORE.load(Ordering::Acquire).is_null() {
        // Already initialised; `ServiceFailure` in the failed state.
        return core().map(|_| ());
    }
    let dir = settings
        .storage_dir
        .clone()
        .or_else(|| crate::storage::file::secure_var_os(STORAGE_ENV).map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from(DEFAULT_STORAGE_DIR));
    let storage = Arc::new(FileIts::open(dir)?);
    let keys = KeyStore::new(settings.capacity, storage, settings.host)?
        .with_record_check(key_management::check_stored);
    crate::driver::activate()?;
    // Before the release store below (ThreadSanitizer: see the function).
    crate::crypto::ecc::warm_generator_tables();
    let core = Box::into_raw(Box::new(Core { keys }));
    CORE.store(core, Ordering::Release);
    Ok(())
}

/// `mbedtls_psa_crypto_free`: drops the core, wiping every key in memory.
/// Not thread-safe, by contract.
pub fn free() {
    if crate::driver::inside() {
        return; // not from inside a driver entry point (crate::driver)
    }
    let _settings = SETTINGS.lock();
    // Live multi-part operations are wiped with the library.
    hash::clear_operations();
    xof::clear_operations();
    mac::clear_operations();
    sign_multipart::clear_operations();
    cipher::clear();
    interruptible::clear_operations();
    pake::clear_operations();
    driver::ops::clear_operations();
    let p = CORE.swap(ptr::null_mut(), Ordering::AcqRel);
    key_derivation::OPS.clear();
    if !p.is_null() {
        // SAFETY: `p` came from Box::into_raw in `init` and is dropped once.
        drop(unsafe { Box::from_raw(p) });
    }
    crate::driver::deactivate();
}

fn before_init(f: impl FnOnce(&mut Settings)) -> Result<()> {
    let mut s = SETTINGS.lock();
    if !CORE.load(Ordering::Acquire).is_null() {
        return Err(Error::BadState);
    }
    f(&mut s);
    Ok(())
}

/// Installs (or with `None`, removes) the host threading table.
pub fn set_threading(host: Option<HostTable>) -> Result<()> {
    before_init(|s| s.host = host)
}

/// Sets (or with `None`, resets) the storage directory.
pub fn set_storage_dir(dir: Option<PathBuf>) -> Result<()> {
    if dir.as_ref().is_some_and(|d| d.as_os_str().is_empty()) {
        return Err(Error::InvalidArgument);
    }
    before_init(|s| s.storage_dir = dir)
}

/// Sets the key slot capacity (clamped to [`MAX_CAPACITY`]).
pub fn set_capacity(capacity: usize) -> Result<()> {
    if capacity == 0 {
        return Err(Error::InvalidArgument);
    }
    before_init(|s| s.capacity = capacity.min(MAX_CAPACITY))
}

/// The stored key `d` as the source of its prepared form
/// ([`crate::crypto::prepared::with_prepared`], which calls it only to build
/// the form, so a cached form is used without touching the material).
#[inline]
pub(crate) fn key_source<'k>(d: &'k crate::keystore::KeyData) -> impl FnOnce() -> crate::crypto::prepared::Source<'k> + 'k {
    move || crate::crypto::prepared::Source {
        key_type: d.attrs.private_type,
        bits: d.attrs.private_bits as usize,
        material: &d.material,
    }
}
