//! Unauthenticated ciphers: single-part and multi-part encryption and decryption.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_cipher_operation_t, psa_key_id_t, psa_status_t};

/// Encrypt `input` with `key` and cipher algorithm `alg` in one call.
///
/// The output starts with a randomly generated IV when the algorithm uses one.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_encrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            output,
            output_size,
            output_length,
            || boundary::input_beside(input, input_length, output, output_size),
            |input, out| crate::api::cipher::encrypt(key, alg, &input, out),
        )
    }
}

/// Decrypt `input` (IV first, when the algorithm uses one) with `key` and cipher
/// algorithm `alg` in one call.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_decrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            output,
            output_size,
            output_length,
            || boundary::input_beside(input, input_length, output, output_size),
            |input, out| crate::api::cipher::decrypt(key, alg, &input, out),
        )
    }
}

/// Start a multi-part encryption with `key` and cipher algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_encrypt_setup(
    operation: *mut psa_cipher_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::cipher::setup(boundary::op_words(operation)?, key, alg, true) }
    })
}

/// Start a multi-part decryption with `key` and cipher algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_decrypt_setup(
    operation: *mut psa_cipher_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::cipher::setup(boundary::op_words(operation)?, key, alg, false) }
    })
}

/// Generate a random IV for a multi-part encryption, use it, and copy it to `iv`.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_generate_iv(
    operation: *mut psa_cipher_operation_t,
    iv: *mut u8,
    iv_size: usize,
    iv_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(iv, iv_size, iv_length, |out| {
            let w = boundary::op_words(operation)?;
            crate::api::cipher::generate_iv(w, out)
        })
    }
}

/// Provide the IV of a multi-part encryption or decryption.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_set_iv(
    operation: *mut psa_cipher_operation_t,
    iv: *const u8,
    iv_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid objects and buffers.
        unsafe {
            let w = boundary::op_words(operation)?;
            crate::api::cipher::set_iv(w, boundary::input(iv, iv_length)?)
        }
    })
}

/// Process the next fragment of the message, writing whatever output is ready.
///
/// Block modes (ECB, CBC) write whole blocks only and keep the rest for the next
/// call; CBC decryption with PKCS#7 padding also keeps the last full block until
/// `psa_cipher_finish`. The other modes write as many bytes as they read.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_update(
    operation: *mut psa_cipher_operation_t,
    input: *const u8,
    input_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and valid buffers.
    unsafe {
        boundary::fill_with(
            output,
            output_size,
            output_length,
            || boundary::input_beside(input, input_length, output, output_size),
            |input, out| crate::api::cipher::update(boundary::op_words(operation)?, &input, out),
        )
    }
}

/// Complete a multi-part cipher operation, writing any remaining output.
///
/// The operation becomes inactive whether or not this succeeds.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_finish(
    operation: *mut psa_cipher_operation_t,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(output, output_size, output_length, |out| {
            let w = boundary::op_words(operation)?;
            crate::api::cipher::finish(w, out)
        })
    }
}

/// Cancel a cipher operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_abort(operation: *mut psa_cipher_operation_t) -> psa_status_t {
    boundary::guard(|| {
        // Aborting nothing succeeds, as for every other operation kind.
        if operation.is_null() {
            return Ok(());
        }
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::cipher::abort(boundary::op_words(operation)?) }
    })
}
