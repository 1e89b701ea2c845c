//! Asymmetric signatures: sign and verify a message or a precomputed hash.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing output lengths first as the specification asks on failure.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_status_t, Error};

/// Sign the message `input` with private key `key` and signature algorithm `alg`,
/// hashing the message first when the algorithm requires it.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_message(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    signature: *mut u8,
    signature_size: usize,
    signature_length: *mut usize,
) -> psa_status_t {
    let _ = (key, alg, input, input_length, signature, signature_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(signature_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Check `signature` over the message `input` with public key (or key pair) `key`;
/// returns `PSA_ERROR_INVALID_SIGNATURE` when it does not match.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_message(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    let _ = (key, alg, input, input_length, signature, signature_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Sign the already-computed message digest `hash` with private key `key` and
/// signature algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_hash(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
    signature: *mut u8,
    signature_size: usize,
    signature_length: *mut usize,
) -> psa_status_t {
    let _ = (key, alg, hash, hash_length, signature, signature_size);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(signature_length, 0) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}

/// Check `signature` over the already-computed message digest `hash`; returns
/// `PSA_ERROR_INVALID_SIGNATURE` when it does not match.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    let _ = (key, alg, hash, hash_length, signature, signature_length);
    boundary::guard(|| {
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}
