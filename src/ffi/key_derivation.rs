//! Key derivation: the multi-part key derivation operation.
use super::boundary;
use crate::api::key_derivation as kd;
use crate::types::{
    psa_algorithm_t, psa_key_attributes_t, psa_key_derivation_operation_t, psa_key_derivation_step_t, psa_key_id_t,
    psa_status_t, Error, PSA_KEY_ID_NULL,
};

/// Start a key derivation with algorithm `alg` (a key derivation algorithm, or a
/// key agreement combined with one) on an inactive operation.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_setup(
    operation: *mut psa_key_derivation_operation_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid operation object.
        unsafe { kd::setup(w, alg) }
    })
}

/// Read how many more bytes the key derivation operation can still produce.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_get_capacity(
    operation: *const psa_key_derivation_operation_t,
    capacity: *mut usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation as *mut psa_key_derivation_operation_t)?;
        if capacity.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: a valid operation object; reading the capacity does not write it.
        let c = unsafe { kd::get_capacity(w) }?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(capacity, c) }
    })
}

/// Lower the number of bytes the key derivation operation may still produce.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_set_capacity(
    operation: *mut psa_key_derivation_operation_t,
    capacity: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid operation object.
        unsafe { kd::set_capacity(w, capacity) }
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
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer (or NULL and 0) and operation.
        unsafe { kd::input_bytes(w, step, boundary::input(data, data_length)?) }
    })
}

/// Supply a numeric input (such as an iteration count) for derivation step `step`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_input_integer(
    operation: *mut psa_key_derivation_operation_t,
    step: psa_key_derivation_step_t,
    value: u64,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid operation object.
        unsafe { kd::input_integer(w, step, value) }
    })
}

/// Supply the input for derivation step `step` from the contents of `key`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_input_key(
    operation: *mut psa_key_derivation_operation_t,
    step: psa_key_derivation_step_t,
    key: psa_key_id_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid operation object.
        unsafe { kd::input_key(w, step, key) }
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
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer (or NULL and 0) and operation.
        unsafe { kd::key_agreement(w, step, private_key, boundary::input(peer_key, peer_key_length)?) }
    })
}

/// Read the next `output_length` bytes of the derivation output into `output`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_output_bytes(
    operation: *mut psa_key_derivation_operation_t,
    output: *mut u8,
    output_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer (or NULL and 0) and operation.
        unsafe { kd::output_bytes(w, boundary::output(output, output_length)?) }
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
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `psa_key_id_t`.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid attributes and operation.
        let id = unsafe { kd::output_key(boundary::obj(attributes)?, w) }?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(key, id) }
    })
}

/// Create a new key from the derivation output like
/// psa_key_derivation_output_key(), with custom production parameters (PSA
/// Crypto API 1.3): `custom->flags` must be 0 and `custom_data` empty (none
/// is defined for derived keys), else `PSA_ERROR_INVALID_ARGUMENT`.
/// On failure `*key` is set to `PSA_KEY_ID_NULL`.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_output_key_custom(
    attributes: *const psa_key_attributes_t,
    operation: *mut psa_key_derivation_operation_t,
    custom: *const super::key_generation_custom::psa_custom_key_parameters_t,
    custom_data: *const u8,
    custom_data_length: usize,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `psa_key_id_t`.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid pointers (or NULL with length 0 for data).
        let (a, c, data) = unsafe {
            (
                boundary::obj(attributes)?,
                boundary::obj(custom)?,
                boundary::input(custom_data, custom_data_length)?,
            )
        };
        // SAFETY: the caller passes a valid operation.
        let id = unsafe { kd::output_key_custom(a, w, c.flags, data) }?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(key, id) }
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
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer (or NULL and 0) and operation.
        unsafe { kd::verify_bytes(w, boundary::input(expected_output, output_length)?) }
    })
}

/// Compare the next bytes of the derivation output with the value held in key
/// `expected`; returns `PSA_ERROR_INVALID_SIGNATURE` on a mismatch.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_verify_key(
    operation: *mut psa_key_derivation_operation_t,
    expected: psa_key_id_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid operation object.
        unsafe { kd::verify_key(w, expected) }
    })
}

/// Cancel a key derivation operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_key_derivation_abort(operation: *mut psa_key_derivation_operation_t) -> psa_status_t {
    boundary::guard(|| {
        // Like free(NULL): nothing to abort.
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid operation object.
        unsafe { kd::abort(w) }
    })
}
