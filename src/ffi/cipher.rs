//! Unauthenticated ciphers: single-part and multi-part encryption and decryption.
use std::borrow::Cow;

use super::boundary;
use crate::types::{
    psa_algorithm_t, psa_cipher_operation_t, psa_key_id_t, psa_status_t, Error, Result,
};

/// An input buffer that may overlap `out` (in-place use is allowed): copied
/// first when it does, so the Rust slices never alias.
///
/// # Safety
/// As for [`boundary::input`] and [`boundary::output`].
pub(crate) unsafe fn input_beside<'a>(
    ptr: *const u8,
    len: usize,
    out: *const u8,
    out_len: usize,
) -> Result<Cow<'a, [u8]>> {
    // SAFETY: forwarded caller contract.
    let input = unsafe { boundary::input(ptr, len) }?;
    let (a, b) = (ptr as usize, out as usize);
    if len > 0 && out_len > 0 && a < b.wrapping_add(out_len) && b < a.wrapping_add(len) {
        Ok(Cow::Owned(input.to_vec()))
    } else {
        Ok(Cow::Borrowed(input))
    }
}

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
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::api::core()?;
        if output_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid buffers of the given sizes.
        let input = unsafe { input_beside(input, input_length, output, output_size) }?;
        // SAFETY: as above.
        let out = unsafe { boundary::output(output, output_size) }?;
        let n = crate::api::cipher::encrypt(key, alg, &input, out)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(output_length, n) }
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
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::api::core()?;
        if output_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid buffers of the given sizes.
        let input = unsafe { input_beside(input, input_length, output, output_size) }?;
        // SAFETY: as above.
        let out = unsafe { boundary::output(output, output_size) }?;
        let n = crate::api::cipher::decrypt(key, alg, &input, out)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(output_length, n) }
    })
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
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `size_t`.
        unsafe { boundary::preset(output_length, 0) };
        crate::api::core()?;
        if output_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid objects and buffers.
        unsafe {
            let w = boundary::op_words(operation)?;
            let input = input_beside(input, input_length, output, output_size)?;
            let out = boundary::output(output, output_size)?;
            let n = crate::api::cipher::update(w, &input, out)?;
            boundary::set_out(output_length, n)
        }
    })
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
        crate::api::core()?;
        // Aborting nothing succeeds, as for every other operation kind.
        if operation.is_null() {
            return Ok(());
        }
        // SAFETY: the caller passes NULL or a valid operation object.
        unsafe { crate::api::cipher::abort(boundary::op_words(operation)?) }
    })
}
