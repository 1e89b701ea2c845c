//! Extendable-output functions (PSA Crypto API 1.4): the multi-part XOF
//! operation (setup, set_context, update, output, abort).
use super::boundary;
use crate::types::{psa_algorithm_t, psa_status_t, psa_xof_operation_t};

/// Set up an inactive XOF operation for the XOF algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_xof_setup(operation: *mut psa_xof_operation_t, alg: psa_algorithm_t) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::xof::setup(w, alg) }
    })
}

/// Provide the context (Ascon-CXOF128: the customization string) of an XOF
/// that takes one, before any input or output.
#[no_mangle]
pub unsafe extern "C" fn psa_xof_set_context(
    operation: *mut psa_xof_operation_t,
    context: *const u8,
    context_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let context = unsafe { boundary::input(context, context_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::xof::set_context(w, context) }
    })
}

/// Feed the next `input_length` bytes of input into an active XOF operation.
#[no_mangle]
pub unsafe extern "C" fn psa_xof_update(
    operation: *mut psa_xof_operation_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let input = unsafe { boundary::input(input, input_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::xof::update(w, input) }
    })
}

/// Write the next `output_length` bytes of the XOF's output into `output`.
#[no_mangle]
pub unsafe extern "C" fn psa_xof_output(
    operation: *mut psa_xof_operation_t,
    output: *mut u8,
    output_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes `output_length` writable bytes (or NULL and 0).
        let out = unsafe { boundary::output(output, output_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::xof::output(w, out) }
    })
}

/// Cancel an XOF operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_xof_abort(operation: *mut psa_xof_operation_t) -> psa_status_t {
    boundary::guard(|| {
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { crate::api::xof::abort(w) }
    })
}
