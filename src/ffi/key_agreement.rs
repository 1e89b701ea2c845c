//! Key agreement: raw shared secrets and shared secrets stored as new keys.
//!
//! Stubs for now: each checks initialisation and reports `PSA_ERROR_NOT_SUPPORTED`,
//! clearing outputs first as the specification asks on failure.
use super::boundary;
use crate::types::{
    psa_algorithm_t, psa_key_attributes_t, psa_key_id_t, psa_status_t, Error, PSA_KEY_ID_NULL,
};

/// Combine `private_key` with the peer's public key `peer_key` using agreement
/// algorithm `alg` and write the raw shared secret to `output`.
#[no_mangle]
pub unsafe extern "C" fn psa_raw_key_agreement(
    alg: psa_algorithm_t,
    private_key: psa_key_id_t,
    peer_key: *const u8,
    peer_key_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    let _ = (
        alg,
        private_key,
        peer_key,
        peer_key_length,
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

/// Combine `private_key` with the peer's public key `peer_key` using agreement
/// algorithm `alg` and store the shared secret in a new key described by
/// `attributes`; `*key` receives its identifier, or `PSA_KEY_ID_NULL` on failure.
#[no_mangle]
pub unsafe extern "C" fn psa_key_agreement(
    private_key: psa_key_id_t,
    peer_key: *const u8,
    peer_key_length: usize,
    alg: psa_algorithm_t,
    attributes: *const psa_key_attributes_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    let _ = (private_key, peer_key, peer_key_length, alg, attributes);
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `psa_key_id_t`.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::ffi::require_initialized()?;
        Err(Error::NotSupported)
    })
}
