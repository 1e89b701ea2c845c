//! Message digests (hashes): the multi-part hash operation.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing output lengths first as the specification asks on failure.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_hash_operation_t, psa_status_t, Error};

/// Start a multi-part hash calculation with algorithm `alg` on an inactive operation.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_setup(
    operation: *mut psa_hash_operation_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    let _ = (operation, alg);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Feed the next `input_length` bytes of the message into an active hash operation.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_update(
    operation: *mut psa_hash_operation_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    let _ = (operation, input, input_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Complete the hash calculation and write the digest into `hash`.
///
/// `*hash_length` receives the digest size; the operation becomes inactive.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_finish(
    operation: *mut psa_hash_operation_t,
    hash: *mut u8,
    hash_size: usize,
    hash_length: *mut usize,
) -> psa_status_t {
    let _ = (operation, hash, hash_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(hash_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Complete the hash calculation and compare the digest with the expected `hash`.
///
/// Returns `PSA_ERROR_INVALID_SIGNATURE` on a mismatch.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_verify(
    operation: *mut psa_hash_operation_t,
    hash: *const u8,
    hash_length: usize,
) -> psa_status_t {
    let _ = (operation, hash, hash_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Cancel a hash operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_abort(operation: *mut psa_hash_operation_t) -> psa_status_t {
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { boundary::preset(operation, psa_hash_operation_t::default()) };
        Ok(())
    })
}

/// Copy the state of an active hash operation into an inactive `target_operation`.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_clone(
    source_operation: *const psa_hash_operation_t,
    target_operation: *mut psa_hash_operation_t,
) -> psa_status_t {
    let _ = (source_operation, target_operation);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Export the intermediate state of a hash operation into `hash_state`, so that it
/// can be continued later with `psa_hash_resume`; the operation becomes inactive.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_suspend(
    operation: *mut psa_hash_operation_t,
    hash_state: *mut u8,
    hash_state_size: usize,
    hash_state_length: *mut usize,
) -> psa_status_t {
    let _ = (operation, hash_state, hash_state_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(hash_state_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Continue a hash calculation from a state produced by `psa_hash_suspend`.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_resume(
    operation: *mut psa_hash_operation_t,
    hash_state: *const u8,
    hash_state_length: usize,
) -> psa_status_t {
    let _ = (operation, hash_state, hash_state_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Compute the hash of `input` with `alg` into `hash`; `*hash_length`
/// receives the digest length.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_compute(
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    hash: *mut u8,
    hash_size: usize,
    hash_length: *mut usize,
) -> psa_status_t {
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable length.
        unsafe { boundary::preset(hash_length, 0) };
        crate::api::core()?;
        if hash_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (input, out) = unsafe { (boundary::input(input, input_length)?, boundary::output(hash, hash_size)?) };
        let n = crate::api::hash::compute(alg, input, out)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(hash_length, n) }
    })
}

/// Compute the hash of `input` and compare it, in constant time, with `hash`:
/// `PSA_ERROR_INVALID_SIGNATURE` when they differ.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_compare(
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    hash: *const u8,
    hash_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (input, expected) = unsafe { (boundary::input(input, input_length)?, boundary::input(hash, hash_length)?) };
        crate::api::hash::compare(alg, input, expected)
    })
}
