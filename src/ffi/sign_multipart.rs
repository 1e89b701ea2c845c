//! Multi-part signature operations (PSA Crypto API 1.5): sign or verify a
//! message given in fragments.
use super::boundary;
use crate::api::sign_multipart as sm;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_sign_operation_t, psa_status_t, psa_verify_operation_t};

/// Start a multi-part signature of a message with key pair `key` and
/// algorithm `alg` (`PSA_ALG_IS_SIGN_MESSAGE(alg)`; not PureEdDSA, which
/// cannot sign a fragmented message). Needs `PSA_KEY_USAGE_SIGN_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_setup(operation: *mut psa_sign_operation_t, key: psa_key_id_t, alg: psa_algorithm_t) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::setup(w, key, alg, false, &[]) }
    })
}

/// Provide the context of an active sign operation, before any
/// `psa_sign_update`. None of the supported algorithms takes a context: only a
/// zero-length one is accepted.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_set_context(operation: *mut psa_sign_operation_t, context: *const u8, context_length: usize) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let context = unsafe { boundary::input(context, context_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::set_context(w, false, context) }
    })
}

/// Add the next `input_length` bytes of the message to an active sign operation.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_update(operation: *mut psa_sign_operation_t, input: *const u8, input_length: usize) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let input = unsafe { boundary::input(input, input_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::update(w, false, input) }
    })
}

/// Finish a multi-part sign operation: the signature of the concatenated
/// fragments goes to `signature`, its length to `*signature_length`
/// (`PSA_SIGN_OUTPUT_SIZE()` gives a sufficient buffer). The operation ends,
/// whatever the result.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_finish(
    operation: *mut psa_sign_operation_t,
    signature: *mut u8,
    signature_size: usize,
    signature_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(signature, signature_size, signature_length, |out| {
            let w = boundary::op_words(operation)?;
            sm::sign_finish(w, out)
        })
    }
}

/// Abort a sign operation; an inactive (zeroed) one is left as is.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_abort(operation: *mut psa_sign_operation_t) -> psa_status_t {
    boundary::guard(|| {
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::abort(w, false) }
    })
}

/// Start a multi-part verification of `signature` over a message with key
/// `key` (public key or key pair) and algorithm `alg`
/// (`PSA_ALG_IS_SIGN_MESSAGE(alg)`). Needs `PSA_KEY_USAGE_VERIFY_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_setup(
    operation: *mut psa_verify_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let sig = unsafe { boundary::input(signature, signature_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::setup(w, key, alg, true, sig) }
    })
}

/// Provide the context of an active verify operation, before any
/// `psa_verify_update` (only a zero-length one is accepted, as for signing).
#[no_mangle]
pub unsafe extern "C" fn psa_verify_set_context(operation: *mut psa_verify_operation_t, context: *const u8, context_length: usize) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let context = unsafe { boundary::input(context, context_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::set_context(w, true, context) }
    })
}

/// Add the next `input_length` bytes of the message to an active verify operation.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_update(operation: *mut psa_verify_operation_t, input: *const u8, input_length: usize) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let input = unsafe { boundary::input(input, input_length)? };
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::update(w, true, input) }
    })
}

/// Finish a multi-part verification: `PSA_SUCCESS` when the signature given
/// to `psa_verify_setup` matches the concatenated fragments,
/// `PSA_ERROR_INVALID_SIGNATURE` otherwise. The operation ends, whatever the
/// result.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_finish(operation: *mut psa_verify_operation_t) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::verify_finish(w) }
    })
}

/// Abort a verify operation; an inactive (zeroed) one is left as is.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_abort(operation: *mut psa_verify_operation_t) -> psa_status_t {
    boundary::guard(|| {
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { sm::abort(w, true) }
    })
}
