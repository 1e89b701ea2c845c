//! The host threading table: `include/rustpsa/threading.h`.
//!
//! A C host that does not want the default (parking_lot) primitives installs its
//! own mutex and condition-variable callbacks with
//! [`rustpsa_set_threading_callbacks`] before `psa_crypto_init`.
use core::ffi::{c_int, c_void};

use crate::types::psa_status_t;

/// Callbacks through which rustpsa creates and uses every mutex and condition
/// variable that guards shared state (the key store lock and its condition).
///
/// Each callback returns 0 on success and any other value on failure. A
/// failing callback must have had no effect (as a pthread function that
/// returns an error): after a failing `mutex_lock` the mutex is not held, after
/// a failing `mutex_unlock` or `cond_wait` it still is. A failure makes the PSA
/// call that needed it return `PSA_ERROR_SERVICE_FAILURE` and puts the library
/// into a failed state: every later call returns `PSA_ERROR_SERVICE_FAILURE`,
/// and every thread waiting inside the library wakes and returns it, until
/// `mbedtls_psa_crypto_free`; a `psa_crypto_init` after that starts afresh
/// (persistent keys are kept; volatile keys are gone). Handles
/// are opaque to rustpsa: `mutex_init` / `cond_init` allocate one and store it in
/// `*handle`, `mutex_free` / `cond_free` release it. rustpsa never locks a mutex
/// it already holds and always unlocks on the thread that locked. `cond_wait`
/// is called with the mutex held and must return with it held, like
/// `pthread_cond_wait`. Spurious wake-ups are tolerated.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct rustpsa_threading_callbacks_s {
    /// Allocate and initialise a mutex; store its handle in `*mutex`.
    pub mutex_init: Option<unsafe extern "C" fn(mutex: *mut *mut c_void) -> c_int>,
    /// Destroy and release a mutex created by `mutex_init`.
    pub mutex_free: Option<unsafe extern "C" fn(mutex: *mut c_void)>,
    /// Lock the mutex, blocking until it is available.
    pub mutex_lock: Option<unsafe extern "C" fn(mutex: *mut c_void) -> c_int>,
    /// Unlock the mutex.
    pub mutex_unlock: Option<unsafe extern "C" fn(mutex: *mut c_void) -> c_int>,
    /// Allocate and initialise a condition variable; store its handle in `*cond`.
    pub cond_init: Option<unsafe extern "C" fn(cond: *mut *mut c_void) -> c_int>,
    /// Destroy and release a condition variable created by `cond_init`.
    pub cond_free: Option<unsafe extern "C" fn(cond: *mut c_void)>,
    /// Atomically unlock `mutex` and wait on `cond`; re-lock `mutex` before returning.
    pub cond_wait: Option<unsafe extern "C" fn(cond: *mut c_void, mutex: *mut c_void) -> c_int>,
    /// Wake at least one waiter of `cond`.
    pub cond_signal: Option<unsafe extern "C" fn(cond: *mut c_void) -> c_int>,
    /// Wake every waiter of `cond`.
    pub cond_broadcast: Option<unsafe extern "C" fn(cond: *mut c_void) -> c_int>,
}

/// The threading callback table.
pub type rustpsa_threading_callbacks_t = rustpsa_threading_callbacks_s;

/// Install the host's threading callbacks, or restore the default with NULL.
///
/// Must be called before `psa_crypto_init` (or after `mbedtls_psa_crypto_free`).
/// The table is copied. Returns `PSA_ERROR_BAD_STATE` once the library is
/// initialised and `PSA_ERROR_INVALID_ARGUMENT` when any callback is NULL.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_set_threading_callbacks(
    callbacks: *const rustpsa_threading_callbacks_t,
) -> psa_status_t {
    super::boundary::guard(|| {
        // SAFETY: the caller passes NULL or a valid table, which is copied here.
        let table = match unsafe { callbacks.as_ref() } {
            None => None,
            Some(cb) => Some(crate::sync::HostTable::new(*cb)?),
        };
        crate::api::set_threading(table)
    })
}
