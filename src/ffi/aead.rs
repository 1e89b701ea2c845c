//! Authenticated encryption with associated data: single-part and multi-part.
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
    let inputs = [(nonce, nonce_length), (additional_data, additional_data_length), (plaintext, plaintext_length)];
    // The usual case (every range valid, no input overlapping the output) in
    // one pass of checks; the core the initialisation check returned goes to
    // the AES-GCM fast path (`encrypt_with`), which does not look it up again.
    // SAFETY: as below; `fill_apart` borrows the inputs only when no input
    // shares a byte with the output.
    if let Some(status) = unsafe {
        boundary::fill_apart(inputs, ciphertext, ciphertext_size, ciphertext_length, |c, [nonce, ad, pt], out| {
            crate::api::aead::encrypt_with(c, key, alg, nonce, ad, pt, out)
        })
    } {
        return status;
    }
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            ciphertext,
            ciphertext_size,
            ciphertext_length,
            || {
                let beside = |p, n| boundary::input_beside(p, n, ciphertext, ciphertext_size);
                Ok((
                    beside(nonce, nonce_length)?,
                    beside(additional_data, additional_data_length)?,
                    beside(plaintext, plaintext_length)?,
                ))
            },
            |(nonce, ad, pt), out| crate::api::aead::encrypt(key, alg, &nonce, &ad, &pt, out),
        )
    }
}

/// Check the tag at the end of `ciphertext` and `additional_data`, then decrypt,
/// in one call; returns `PSA_ERROR_INVALID_SIGNATURE` when authentication fails,
/// in which case nothing is written to `plaintext`.
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
    let inputs = [(nonce, nonce_length), (additional_data, additional_data_length), (ciphertext, ciphertext_length)];
    // SAFETY: as below; `fill_apart` checks every range and that no input
    // shares a byte with the output, and declines (writing nothing) if not.
    if let Some(status) = unsafe {
        boundary::fill_apart(inputs, plaintext, plaintext_size, plaintext_length, |_, [nonce, ad, ct], out| {
            crate::api::aead::decrypt(key, alg, nonce, ad, ct, out)
        })
    } {
        return status;
    }
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            plaintext,
            plaintext_size,
            plaintext_length,
            || {
                let beside = |p, n| boundary::input_beside(p, n, plaintext, plaintext_size);
                Ok((
                    beside(nonce, nonce_length)?,
                    beside(additional_data, additional_data_length)?,
                    beside(ciphertext, ciphertext_length)?,
                ))
            },
            |(nonce, ad, ct), out| crate::api::aead::decrypt(key, alg, &nonce, &ad, &ct, out),
        )
    }
}

/// Start a multi-part authenticated encryption with `key` and AEAD algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_encrypt_setup(
    operation: *mut psa_aead_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::aead::setup(boundary::op_words(operation)?, key, alg, true) }
    })
}

/// Start a multi-part authenticated decryption with `key` and AEAD algorithm `alg`.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_decrypt_setup(
    operation: *mut psa_aead_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::aead::setup(boundary::op_words(operation)?, key, alg, false) }
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
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe {
            crate::api::aead::set_lengths(
                boundary::op_words(operation)?,
                ad_length,
                plaintext_length,
            )
        }
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
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(nonce, nonce_size, nonce_length, |out| {
            let w = boundary::op_words(operation)?;
            crate::api::aead::generate_nonce(w, out)
        })
    }
}

/// Provide the nonce of a multi-part AEAD operation.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_set_nonce(
    operation: *mut psa_aead_operation_t,
    nonce: *const u8,
    nonce_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid objects and buffers.
        unsafe {
            let w = boundary::op_words(operation)?;
            crate::api::aead::set_nonce(w, boundary::input(nonce, nonce_length)?)
        }
    })
}

/// Feed the next fragment of additional (authenticated, not encrypted) data.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_update_ad(
    operation: *mut psa_aead_operation_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        crate::api::core()?;
        // SAFETY: the caller passes valid objects and buffers.
        unsafe {
            let w = boundary::op_words(operation)?;
            crate::api::aead::update_ad(w, boundary::input(input, input_length)?)
        }
    })
}

/// Encrypt or decrypt the next fragment of the message, writing whatever output is
/// ready.
///
/// rustpsa writes exactly `input_length` bytes. When decrypting, this plaintext is
/// released before `psa_aead_verify` has checked the tag: discard it if
/// verification fails.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_update(
    operation: *mut psa_aead_operation_t,
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
            |input, out| crate::api::aead::update(boundary::op_words(operation)?, &input, out),
        )
    }
}

/// Complete a multi-part encryption: write the remaining ciphertext and the
/// authentication tag.
///
/// The operation becomes inactive whether or not this succeeds.
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
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or writable `size_t`s.
        unsafe {
            boundary::preset(ciphertext_length, 0);
            boundary::preset(tag_length, 0);
        }
        crate::api::core()?;
        if ciphertext_length.is_null() || tag_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid objects and buffers.
        unsafe {
            let w = boundary::op_words(operation)?;
            let max = crate::types::PSA_AEAD_TAG_MAX_SIZE;
            let (n, t) = boundary::outputs2(ciphertext, ciphertext_size, tag, tag_size, max, |out, tag| {
                crate::api::aead::finish(w, out, tag)
            })?;
            boundary::set_out(ciphertext_length, n)?;
            boundary::set_out(tag_length, t)
        }
    })
}

/// Complete a multi-part decryption: check the expected `tag` and write the
/// remaining plaintext; returns `PSA_ERROR_INVALID_SIGNATURE` on a mismatch.
///
/// The operation becomes inactive whether or not this succeeds.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_verify(
    operation: *mut psa_aead_operation_t,
    plaintext: *mut u8,
    plaintext_size: usize,
    plaintext_length: *mut usize,
    tag: *const u8,
    tag_length: usize,
) -> psa_status_t {
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(plaintext_length, 0) };
        crate::api::core()?;
        if plaintext_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid objects and buffers.
        unsafe {
            let w = boundary::op_words(operation)?;
            let tag = boundary::input_beside(tag, tag_length, plaintext, plaintext_size)?;
            let out = boundary::output(plaintext, plaintext_size)?;
            let n = crate::api::aead::verify(w, out, &tag)?;
            boundary::set_out(plaintext_length, n)
        }
    })
}

/// Cancel an AEAD operation and return it to the inactive state.
///
/// Aborting an inactive (zero-initialised) operation succeeds and has no effect.
#[no_mangle]
pub unsafe extern "C" fn psa_aead_abort(operation: *mut psa_aead_operation_t) -> psa_status_t {
    boundary::guard(|| {
        // Aborting nothing succeeds, as for every other operation kind.
        if operation.is_null() {
            return Ok(());
        }
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::aead::abort(boundary::op_words(operation)?) }
    })
}
