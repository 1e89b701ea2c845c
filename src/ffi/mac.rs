//! Message authentication codes: single-part functions and the multi-part MAC
//! operation.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_mac_operation_t, psa_status_t};

/// Start a multi-part MAC calculation with `key` and algorithm `alg`.
/// Needs `PSA_KEY_USAGE_SIGN_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_sign_setup(
    operation: *mut psa_mac_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::mac::setup(w, key, alg, false) }
    })
}

/// Start a multi-part MAC verification with `key` and algorithm `alg`.
/// Needs `PSA_KEY_USAGE_VERIFY_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_verify_setup(
    operation: *mut psa_mac_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::mac::setup(w, key, alg, true) }
    })
}

/// Feed the next `input_length` bytes of the message into an active MAC operation.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_update(
    operation: *mut psa_mac_operation_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let input = unsafe { boundary::input(input, input_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::mac::update(w, input) }
    })
}

/// Complete a MAC calculation started with `psa_mac_sign_setup` and write the MAC
/// into `mac`; `*mac_length` receives its size.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_sign_finish(
    operation: *mut psa_mac_operation_t,
    mac: *mut u8,
    mac_size: usize,
    mac_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(mac, mac_size, mac_length, |out| {
            let w = boundary::op_words(operation)?;
            crate::api::mac::sign_finish(w, out)
        })
    }
}

/// Complete a MAC verification started with `psa_mac_verify_setup` against the
/// expected `mac`; returns `PSA_ERROR_INVALID_SIGNATURE` on a mismatch.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_verify_finish(
    operation: *mut psa_mac_operation_t,
    mac: *const u8,
    mac_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let expected = unsafe { boundary::input(mac, mac_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::mac::verify_finish(w, expected) }
    })
}

/// Cancel a MAC operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_abort(operation: *mut psa_mac_operation_t) -> psa_status_t {
    boundary::guard(|| {
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::mac::abort(w) }
    })
}

/// Compute the MAC of `input` with key `key` and algorithm `alg` into `mac`;
/// `*mac_length` receives its length. Needs `PSA_KEY_USAGE_SIGN_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_compute(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    mac: *mut u8,
    mac_size: usize,
    mac_length: *mut usize,
) -> psa_status_t {
    // SAFETY: as below; `fill_apart` checks both ranges and that they share
    // no byte, and declines (writing nothing) if not.
    if let Some(status) = unsafe {
        boundary::fill_apart([(input, input_length)], mac, mac_size, mac_length, |_, [input], out| {
            crate::api::mac::compute(key, alg, input, out)
        })
    } {
        return status;
    }
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            mac,
            mac_size,
            mac_length,
            || boundary::input_beside(input, input_length, mac, mac_size),
            |input, out| crate::api::mac::compute(key, alg, &input, out),
        )
    }
}

/// Compute the MAC of `input` and compare it, in constant time, with `mac`:
/// `PSA_ERROR_INVALID_SIGNATURE` when they differ. Needs
/// `PSA_KEY_USAGE_VERIFY_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_mac_verify(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    mac: *const u8,
    mac_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (input, expected) = unsafe { (boundary::input(input, input_length)?, boundary::input(mac, mac_length)?) };
        crate::api::mac::verify(key, alg, input, expected)
    })
}
