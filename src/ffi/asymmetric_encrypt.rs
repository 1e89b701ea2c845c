//! Asymmetric encryption: encrypt with a public key, decrypt with the private key.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing output lengths first as the specification asks on failure.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_status_t, Error};

/// Encrypt the short message `input` with public key (or key pair) `key`; `salt`
/// is an optional label for algorithms that take one (such as RSA-OAEP).
#[no_mangle]
pub unsafe extern "C" fn psa_asymmetric_encrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    salt: *const u8,
    salt_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    let _ = (
        key,
        alg,
        input,
        input_length,
        salt,
        salt_length,
        output,
        output_size,
    );
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Decrypt `input` with private key `key`; `salt` must match the label used for
/// encryption, if any.
#[no_mangle]
pub unsafe extern "C" fn psa_asymmetric_decrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    salt: *const u8,
    salt_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    let _ = (
        key,
        alg,
        input,
        input_length,
        salt,
        salt_length,
        output,
        output_size,
    );
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}
