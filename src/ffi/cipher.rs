//! Unauthenticated ciphers: single-part and multi-part encryption and decryption.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing output lengths first as the specification asks on failure.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_cipher_operation_t, psa_key_id_t, psa_status_t, Error};

/// Encrypt `input` with `key` and cipher algorithm `alg` in one call.
///
/// The output starts with the generated IV when the algorithm uses one.
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
    let _ = (key, alg, input, input_length, output, output_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
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
    let _ = (key, alg, input, input_length, output, output_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Start a multi-part encryption with `key` and cipher algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_encrypt_setup(
    operation: *mut psa_cipher_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    let _ = (operation, key, alg);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Start a multi-part decryption with `key` and cipher algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_decrypt_setup(
    operation: *mut psa_cipher_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    let _ = (operation, key, alg);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
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
    let _ = (operation, iv, iv_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(iv_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Provide the IV of a multi-part encryption or decryption.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_set_iv(
    operation: *mut psa_cipher_operation_t,
    iv: *const u8,
    iv_length: usize,
) -> psa_status_t {
    let _ = (operation, iv, iv_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Process the next fragment of the message, writing whatever output is ready.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_update(
    operation: *mut psa_cipher_operation_t,
    input: *const u8,
    input_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    let _ = (operation, input, input_length, output, output_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Complete a multi-part cipher operation, writing any remaining output.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_finish(
    operation: *mut psa_cipher_operation_t,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    let _ = (operation, output, output_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Cancel a cipher operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_cipher_abort(operation: *mut psa_cipher_operation_t) -> psa_status_t {
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { boundary::preset(operation, psa_cipher_operation_t::default()) };
        Ok(())
    })
}
