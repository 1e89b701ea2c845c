//! Message digests (hashes): single-part functions and the multi-part hash
//! operation (setup, update, finish, verify, abort, clone, suspend, resume).
use super::boundary;
use crate::types::{psa_algorithm_t, psa_hash_operation_t, psa_status_t};

/// Start a multi-part hash calculation with algorithm `alg` on an inactive operation.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_setup(operation: *mut psa_hash_operation_t, alg: psa_algorithm_t) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::hash::setup(w, alg) }
    })
}

/// Feed the next `input_length` bytes of the message into an active hash operation.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_update(
    operation: *mut psa_hash_operation_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let input = unsafe { boundary::input(input, input_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::hash::update(w, input) }
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
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(hash, hash_size, hash_length, |out| {
            let w = boundary::op_words(operation)?;
            crate::api::hash::finish(w, out)
        })
    }
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
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let expected = unsafe { boundary::input(hash, hash_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::hash::verify(w, expected) }
    })
}

/// Cancel a hash operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_abort(operation: *mut psa_hash_operation_t) -> psa_status_t {
    boundary::guard(|| {
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::hash::abort(w) }
    })
}

/// Copy the state of an active hash operation into an inactive `target_operation`.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_clone(
    source_operation: *const psa_hash_operation_t,
    target_operation: *mut psa_hash_operation_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let s = boundary::op_words(source_operation as *mut psa_hash_operation_t)?;
        let t = boundary::op_words(target_operation)?;
        // SAFETY: valid objects, per the caller's contract; the source is only
        // read unless it is ended, which clone never does.
        unsafe { crate::api::hash::clone(s, t) }
    })
}

/// Export the intermediate state of a hash operation into `hash_state`, so that it
/// can be continued later with `psa_hash_resume`; the operation becomes inactive.
///
/// Supported for SHA-1 and the SHA-2 family; other hashes give
/// `PSA_ERROR_NOT_SUPPORTED`.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_suspend(
    operation: *mut psa_hash_operation_t,
    hash_state: *mut u8,
    hash_state_size: usize,
    hash_state_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(hash_state, hash_state_size, hash_state_length, |out| {
            let w = boundary::op_words(operation)?;
            crate::api::hash::suspend(w, out)
        })
    }
}

/// Continue a hash calculation from a state produced by `psa_hash_suspend`.
#[no_mangle]
pub unsafe extern "C" fn psa_hash_resume(
    operation: *mut psa_hash_operation_t,
    hash_state: *const u8,
    hash_state_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let state = unsafe { boundary::input(hash_state, hash_state_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::hash::resume(w, state) }
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
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with_whitelisted(
            hash,
            hash_size,
            hash_length,
            || boundary::input_beside(input, input_length, hash, hash_size),
            |input, out| crate::api::hash::compute(alg, &input, out),
        )
    }
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
        crate::api::core_whitelisted()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (input, expected) = unsafe {
            (
                boundary::input(input, input_length)?,
                boundary::input(hash, hash_length)?,
            )
        };
        crate::api::hash::compare(alg, input, expected)
    })
}
