//! Authenticated encryption with associated data: single-part and multi-part.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing output lengths first as the specification asks on failure.
use super::boundary;
use crate::types::{psa_aead_operation_t, psa_algorithm_t, psa_key_id_t, psa_status_t, Error};

/// Encrypt and authenticate `plaintext`, also authenticating `additional_data`, in
/// one call; the ciphertext is followed by the tag.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_encrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: *const u8,
    nonce_length: usize,
    additional_data: *const u8,
    additional_data_length: usize,
    plaintext: *const u8,
    plaintext_length: usize,
    ciphertext: *mut u8,
    ciphertext_size: usize,
    ciphertext_length: *mut usize,
) -> psa_status_t {
    let _ = (
        key,
        alg,
        nonce,
        nonce_length,
        additional_data,
        additional_data_length,
    );
    let _ = (plaintext, plaintext_length, ciphertext, ciphertext_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(ciphertext_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Check the tag at the end of `ciphertext` and `additional_data`, then decrypt,
/// in one call; returns `PSA_ERROR_INVALID_SIGNATURE` when authentication fails.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_decrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: *const u8,
    nonce_length: usize,
    additional_data: *const u8,
    additional_data_length: usize,
    ciphertext: *const u8,
    ciphertext_length: usize,
    plaintext: *mut u8,
    plaintext_size: usize,
    plaintext_length: *mut usize,
) -> psa_status_t {
    let _ = (
        key,
        alg,
        nonce,
        nonce_length,
        additional_data,
        additional_data_length,
    );
    let _ = (ciphertext, ciphertext_length, plaintext, plaintext_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(plaintext_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Start a multi-part authenticated encryption with `key` and AEAD algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_encrypt_setup(
    operation: *mut psa_aead_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    let _ = (operation, key, alg);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Start a multi-part authenticated decryption with `key` and AEAD algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_decrypt_setup(
    operation: *mut psa_aead_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    let _ = (operation, key, alg);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Declare the total lengths of the additional data and of the plaintext, which
/// some algorithms (such as CCM) need before any input.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_set_lengths(
    operation: *mut psa_aead_operation_t,
    ad_length: usize,
    plaintext_length: usize,
) -> psa_status_t {
    let _ = (operation, ad_length, plaintext_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Generate a random nonce for a multi-part encryption, use it, and copy it to `nonce`.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_generate_nonce(
    operation: *mut psa_aead_operation_t,
    nonce: *mut u8,
    nonce_size: usize,
    nonce_length: *mut usize,
) -> psa_status_t {
    let _ = (operation, nonce, nonce_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(nonce_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Provide the nonce of a multi-part AEAD operation.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_set_nonce(
    operation: *mut psa_aead_operation_t,
    nonce: *const u8,
    nonce_length: usize,
) -> psa_status_t {
    let _ = (operation, nonce, nonce_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Feed the next fragment of additional (authenticated, not encrypted) data.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_update_ad(
    operation: *mut psa_aead_operation_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    let _ = (operation, input, input_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Encrypt or decrypt the next fragment of the message, writing whatever output is
/// ready.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_update(
    operation: *mut psa_aead_operation_t,
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

/// Complete a multi-part encryption: write the remaining ciphertext and the
/// authentication tag.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_finish(
    operation: *mut psa_aead_operation_t,
    ciphertext: *mut u8,
    ciphertext_size: usize,
    ciphertext_length: *mut usize,
    tag: *mut u8,
    tag_size: usize,
    tag_length: *mut usize,
) -> psa_status_t {
    let _ = (operation, ciphertext, ciphertext_size, tag, tag_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or writable `size_t`s.
        unsafe {
            boundary::preset(ciphertext_length, 0);
            boundary::preset(tag_length, 0);
        }
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Complete a multi-part decryption: check the expected `tag` and write the
/// remaining plaintext; returns `PSA_ERROR_INVALID_SIGNATURE` on a mismatch.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_verify(
    operation: *mut psa_aead_operation_t,
    plaintext: *mut u8,
    plaintext_size: usize,
    plaintext_length: *mut usize,
    tag: *const u8,
    tag_length: usize,
) -> psa_status_t {
    let _ = (operation, plaintext, plaintext_size, tag, tag_length);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(plaintext_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Cancel an AEAD operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_abort(operation: *mut psa_aead_operation_t) -> psa_status_t {
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { boundary::preset(operation, psa_aead_operation_t::default()) };
        Ok(())
    })
}
