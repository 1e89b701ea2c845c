//! Signatures with a context string (PSA Crypto API 1.4): ML-DSA and SLH-DSA
//! contexts, Ed25519ctx/Ed448 (`PSA_ALG_EDDSA_CTX`), Ed25519ph/Ed448ph contexts.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_status_t};

/// Sign the message `input` with private key `key`, algorithm `alg` and the
/// context string `context` (at most 255 bytes; a non-empty context needs an
/// algorithm for which `PSA_ALG_SIGN_SUPPORTS_CONTEXT(alg)` is true). Needs
/// `PSA_KEY_USAGE_SIGN_MESSAGE`; `*signature_length` receives the length.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_message_with_context(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    context: *const u8,
    context_length: usize,
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
            || {
                Ok((
                    boundary::input_beside(input, input_length, signature, signature_size)?,
                    boundary::input_beside(context, context_length, signature, signature_size)?,
                ))
            },
            |(input, context), out| {
                crate::api::sign_context::sign_message_with_context(key, alg, &input, &context, out)
            },
        )
    }
}

/// Check `signature` over the message `input` made with the context string
/// `context`; returns `PSA_ERROR_INVALID_SIGNATURE` when it does not match.
/// Needs `PSA_KEY_USAGE_VERIFY_MESSAGE`.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_message_with_context(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    context: *const u8,
    context_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (input, context, sig) = unsafe {
            (
                boundary::input(input, input_length)?,
                boundary::input(context, context_length)?,
                boundary::input(signature, signature_length)?,
            )
        };
        crate::api::sign_context::verify_message_with_context(key, alg, input, context, sig)
    })
}

/// Sign the already-computed digest `hash` with private key `key`, algorithm
/// `alg` (HashML-DSA, HashSLH-DSA, Ed25519ph, Ed448ph take a context) and the
/// context string `context`. Needs `PSA_KEY_USAGE_SIGN_HASH`.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_hash_with_context(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
    context: *const u8,
    context_length: usize,
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
            || {
                Ok((
                    boundary::input_beside(hash, hash_length, signature, signature_size)?,
                    boundary::input_beside(context, context_length, signature, signature_size)?,
                ))
            },
            |(hash, context), out| {
                crate::api::sign_context::sign_hash_with_context(key, alg, &hash, &context, out)
            },
        )
    }
}

/// Check `signature` over the digest `hash` made with the context string
/// `context`; returns `PSA_ERROR_INVALID_SIGNATURE` when it does not match.
/// Needs `PSA_KEY_USAGE_VERIFY_HASH`.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash_with_context(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
    context: *const u8,
    context_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let (hash, context, sig) = unsafe {
            (
                boundary::input(hash, hash_length)?,
                boundary::input(context, context_length)?,
                boundary::input(signature, signature_length)?,
            )
        };
        crate::api::sign_context::verify_hash_with_context(key, alg, hash, context, sig)
    })
}
