//! Asymmetric signatures: sign and verify a message or a precomputed hash.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_status_t};

/// Sign the message `input` with private key `key` and signature algorithm `alg`,
/// hashing the message first when the algorithm requires it. Needs
/// `PSA_KEY_USAGE_SIGN_MESSAGE`; `*signature_length` receives the length.
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
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            signature,
            signature_size,
            signature_length,
            || boundary::input_beside(input, input_length, signature, signature_size),
            |input, out| crate::api::sign::sign_message(key, alg, &input, out),
        )
    }
}

/// Check `signature` over the message `input` with public key (or key pair) `key`;
/// returns `PSA_ERROR_INVALID_SIGNATURE` when it does not match. Needs
/// `PSA_KEY_USAGE_VERIFY_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_message(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (input, sig) = unsafe {
            (
                boundary::input(input, input_length)?,
                boundary::input(signature, signature_length)?,
            )
        };
        crate::api::sign::verify_message(key, alg, input, sig)
    })
}

/// Sign the already-computed message digest `hash` with private key `key` and
/// signature algorithm `alg`. Needs `PSA_KEY_USAGE_SIGN_HASH`;
/// `*signature_length` receives the length.
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
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            signature,
            signature_size,
            signature_length,
            || boundary::input_beside(hash, hash_length, signature, signature_size),
            |hash, out| crate::api::sign::sign_hash(key, alg, &hash, out),
        )
    }
}

/// Check `signature` over the already-computed message digest `hash`; returns
/// `PSA_ERROR_INVALID_SIGNATURE` when it does not match. Needs
/// `PSA_KEY_USAGE_VERIFY_HASH`.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (hash, sig) = unsafe {
            (
                boundary::input(hash, hash_length)?,
                boundary::input(signature, signature_length)?,
            )
        };
        crate::api::sign::verify_hash(key, alg, hash, sig)
    })
}
