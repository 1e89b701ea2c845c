//! Key derivation: the multi-part key derivation operation.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing key-identifier outputs first as the specification asks on failure.
use super::boundary;
use crate::types::{
    psa_algorithm_t, psa_key_attributes_t, psa_key_derivation_operation_t,
    psa_key_derivation_step_t, psa_key_id_t, psa_status_t, Error, PSA_KEY_ID_NULL,
};

/// Start a key derivation with algorithm `alg` (a key derivation algorithm, or a
/// key agreement combined with one) on an inactive operation.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_setup(
    operation: *mut psa_key_derivation_operation_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    let _ = (operation, alg);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Read how many more bytes the key derivation operation can still produce.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_get_capacity(
    operation: *const psa_key_derivation_operation_t,
    capacity: *mut usize,
) -> psa_status_t {
    let _ = (operation, capacity);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Lower the number of bytes the key derivation operation may still produce.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_set_capacity(
    operation: *mut psa_key_derivation_operation_t,
    capacity: usize,
) -> psa_status_t {
    let _ = (operation, capacity);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Supply the input for derivation step `step` from a byte buffer.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_input_bytes(
    operation: *mut psa_key_derivation_operation_t,
    step: psa_key_derivation_step_t,
    data: *const u8,
    data_length: usize,
) -> psa_status_t {
    let _ = (operation, step, data, data_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Supply a numeric input (such as an iteration count) for derivation step `step`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_input_integer(
    operation: *mut psa_key_derivation_operation_t,
    step: psa_key_derivation_step_t,
    value: u64,
) -> psa_status_t {
    let _ = (operation, step, value);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Supply the input for derivation step `step` from the contents of `key`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_input_key(
    operation: *mut psa_key_derivation_operation_t,
    step: psa_key_derivation_step_t,
    key: psa_key_id_t,
) -> psa_status_t {
    let _ = (operation, step, key);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Run the operation's key agreement between `private_key` and `peer_key` and feed
/// the shared secret into derivation step `step`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_key_agreement(
    operation: *mut psa_key_derivation_operation_t,
    step: psa_key_derivation_step_t,
    private_key: psa_key_id_t,
    peer_key: *const u8,
    peer_key_length: usize,
) -> psa_status_t {
    let _ = (operation, step, private_key, peer_key, peer_key_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Read the next `output_length` bytes of the derivation output into `output`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_output_bytes(
    operation: *mut psa_key_derivation_operation_t,
    output: *mut u8,
    output_length: usize,
) -> psa_status_t {
    let _ = (operation, output, output_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Create a new key, described by `attributes`, from the next bytes of the
/// derivation output; `*key` receives its identifier, or `PSA_KEY_ID_NULL` on failure.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_output_key(
    attributes: *const psa_key_attributes_t,
    operation: *mut psa_key_derivation_operation_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    let _ = (attributes, operation);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `psa_key_id_t`.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Compare the next `output_length` bytes of the derivation output with
/// `expected_output` in constant time; returns `PSA_ERROR_INVALID_SIGNATURE` on a
/// mismatch.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_verify_bytes(
    operation: *mut psa_key_derivation_operation_t,
    expected_output: *const u8,
    output_length: usize,
) -> psa_status_t {
    let _ = (operation, expected_output, output_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Compare the next bytes of the derivation output with the value held in key
/// `expected`; returns `PSA_ERROR_INVALID_SIGNATURE` on a mismatch.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_verify_key(
    operation: *mut psa_key_derivation_operation_t,
    expected: psa_key_id_t,
) -> psa_status_t {
    let _ = (operation, expected);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Cancel a key derivation operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_abort(
    operation: *mut psa_key_derivation_operation_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { boundary::preset(operation, psa_key_derivation_operation_t::default()) };
        Ok(())
    })
}
