//! Library management: initialisation, shutdown and rustpsa's configuration
//! extensions.
use core::ffi::c_char;
use std::ffi::{CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use super::boundary::{self, guard};
use crate::api;
use crate::types::{psa_status_t, Error};

/// Initialise the library. Thread-safe and idempotent: any number of threads
/// may call it, at any time; every other call needs it to have succeeded once.
#[no_mangle]
pub extern "C" fn psa_crypto_init() -> psa_status_t {
    guard(api::init)
}

/// Shut the library down: wipe every key from memory and release all
/// resources. Not thread-safe: call it only when no other PSA call is running.
/// `psa_crypto_init` may be called again afterwards.
#[no_mangle]
pub extern "C" fn mbedtls_psa_crypto_free() {
    boundary::guard_void(api::free)
}

/// Set the directory of persistent key files (before `psa_crypto_init` only;
/// `PSA_ERROR_BAD_STATE` after). NULL restores the default:
/// `$RUSTPSA_STORAGE_DIR`, else `./rustpsa-storage`. An empty path is
/// `PSA_ERROR_INVALID_ARGUMENT`. The string is copied.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_set_storage_dir(path: *const c_char) -> psa_status_t {
    guard(|| {
        let dir = if path.is_null() {
            None
        } else {
            // SAFETY: the caller passes a NUL-terminated string.
            let bytes = unsafe { CStr::from_ptr(path) }.to_bytes();
            Some(PathBuf::from(OsStr::from_bytes(bytes)))
        };
        api::set_storage_dir(dir)
    })
}

/// Set how many keys the key store holds in memory at once (before
/// `psa_crypto_init` only). When it is full, idle persistent keys are evicted
/// and reloaded on next use. 0 is `PSA_ERROR_INVALID_ARGUMENT`; the default is
/// 1048576; values above 2^29 are clamped.
#[no_mangle]
pub extern "C" fn rustpsa_set_key_slot_capacity(capacity: usize) -> psa_status_t {
    guard(|| api::set_capacity(capacity))
}

/// Key store counters, for monitoring and tests.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct rustpsa_key_store_stats_s {
    /// Configured slot capacity.
    pub capacity: usize,
    /// Slots in use (not EMPTY).
    pub slots_in_use: usize,
    /// Volatile keys currently held.
    pub volatile_keys: usize,
    /// Persistent keys currently loaded in memory.
    pub persistent_keys_loaded: usize,
    /// Times a persistent key was read from storage.
    pub persistent_loads: u64,
    /// Times an idle persistent key was evicted to make room.
    pub evictions: u64,
}
/// Key store counters.
pub type rustpsa_key_store_stats_t = rustpsa_key_store_stats_s;

/// Read the key store counters. `PSA_ERROR_BAD_STATE` before init;
/// `PSA_ERROR_INVALID_ARGUMENT` for NULL.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_get_key_store_stats(stats: *mut rustpsa_key_store_stats_t) -> psa_status_t {
    guard(|| {
        let s = api::core()?.keys.stats()?;
        if stats.is_null() {
            return Err(Error::InvalidArgument);
        }
        let out = rustpsa_key_store_stats_t {
            capacity: s.capacity,
            slots_in_use: s.slots_in_use,
            volatile_keys: s.volatile_keys,
            persistent_keys_loaded: s.persistent_keys_loaded,
            persistent_loads: s.persistent_loads,
            evictions: s.evictions,
        };
        // SAFETY: non-NULL; the caller passes a writable struct.
        unsafe { boundary::set_out(stats, out) }
    })
}
