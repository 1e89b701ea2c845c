//! Password-authenticated key exchange (PSA Crypto API 1.3, chapter 10.12).
//!
//! The cipher-suite accessors store and return values (they only touch the
//! caller's structure: they work before `psa_crypto_init`; NULL is ignored and
//! getters return 0). The protocol functions check their pointers here and
//! run in `api::pake` (J-PAKE and SPAKE2+ on P-256).
use super::boundary::{self, guard, guard_value, guard_void};
use crate::api::pake;
use crate::types::*;

/// Read a field of the cipher suite behind `cs`; 0 for NULL.
unsafe fn get<R: Default>(cs: *const psa_pake_cipher_suite_t, f: impl FnOnce(&psa_pake_cipher_suite_t) -> R) -> R {
    // SAFETY: the caller passes NULL or a valid cipher suite.
    guard_value(R::default(), || unsafe { cs.as_ref() }.map(f).unwrap_or_default())
}

/// Apply `f` to the cipher suite behind `cs` unless it is NULL.
pub(crate) unsafe fn set(cs: *mut psa_pake_cipher_suite_t, f: impl FnOnce(&mut psa_pake_cipher_suite_t)) {
    // SAFETY: the caller passes NULL or a valid cipher suite.
    guard_void(|| {
        if let Some(c) = unsafe { cs.as_mut() } {
            f(c)
        }
    })
}

/// The PAKE algorithm of a cipher suite.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_get_algorithm(cipher_suite: *const psa_pake_cipher_suite_t) -> psa_algorithm_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(cipher_suite, |c| c.private_algorithm) }
}

/// Set the PAKE algorithm of a cipher suite (a non-PAKE algorithm is stored as
/// `PSA_ALG_NONE`, which `psa_pake_setup` rejects).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_set_algorithm(cipher_suite: *mut psa_pake_cipher_suite_t, alg: psa_algorithm_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(cipher_suite, |c| pake::cs_set_algorithm(c, alg)) }
}

/// The primitive of a cipher suite.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_get_primitive(
    cipher_suite: *const psa_pake_cipher_suite_t,
) -> psa_pake_primitive_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(cipher_suite, |c| c.private_primitive) }
}

/// Set the primitive of a cipher suite.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_set_primitive(
    cipher_suite: *mut psa_pake_cipher_suite_t,
    primitive: psa_pake_primitive_t,
) {
    // SAFETY: forwarded caller contract.
    unsafe { set(cipher_suite, |c| c.private_primitive = primitive) }
}

/// The key-confirmation setting of a cipher suite (`PSA_PAKE_CONFIRMED_KEY` by default).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_get_key_confirmation(cipher_suite: *const psa_pake_cipher_suite_t) -> u32 {
    // SAFETY: forwarded caller contract.
    unsafe { get(cipher_suite, |c| c.private_key_confirmation) }
}

/// Set the key-confirmation setting of a cipher suite (`psa_pake_setup`
/// rejects values other than `PSA_PAKE_CONFIRMED_KEY` / `PSA_PAKE_UNCONFIRMED_KEY`).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_set_key_confirmation(
    cipher_suite: *mut psa_pake_cipher_suite_t,
    key_confirmation: u32,
) {
    // SAFETY: forwarded caller contract.
    unsafe { set(cipher_suite, |c| c.private_key_confirmation = key_confirmation) }
}

/// Set up a PAKE operation with a password key and a cipher suite
/// (J-PAKE with SHA-256, SPAKE2+ HMAC/CMAC with SHA-256 or SHA-512, and
/// Matter's SPAKE2+, all on P-256).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_setup(
    operation: *mut psa_pake_operation_t,
    password_key: psa_key_id_t,
    cipher_suite: *const psa_pake_cipher_suite_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes NULL or a valid cipher suite.
        let cs = unsafe { boundary::obj(cipher_suite) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::setup(w, password_key, cs) }
    })
}

/// A parameter call with an optional input buffer.
unsafe fn set_param(operation: *mut psa_pake_operation_t, which: pake::Param, data: *const u8, len: usize) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let value = unsafe { boundary::input(data, len) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::set_param(w, which, value) }
    })
}

/// Set the application's role in the PAKE (`PSA_PAKE_ROLE_NONE` for J-PAKE,
/// `CLIENT` or `SERVER` for SPAKE2+).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_set_role(operation: *mut psa_pake_operation_t, role: psa_pake_role_t) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::set_role(w, role) }
    })
}

/// Set the application's user identifier.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_set_user(
    operation: *mut psa_pake_operation_t,
    user_id: *const u8,
    user_id_len: usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { set_param(operation, pake::Param::User, user_id, user_id_len) }
}

/// Set the peer's identifier.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_set_peer(
    operation: *mut psa_pake_operation_t,
    peer_id: *const u8,
    peer_id_len: usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { set_param(operation, pake::Param::Peer, peer_id, peer_id_len) }
}

/// Set the context data of the PAKE (SPAKE2+).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_set_context(
    operation: *mut psa_pake_operation_t,
    context: *const u8,
    context_len: usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { set_param(operation, pake::Param::Context, context, context_len) }
}

/// Get the next message of the PAKE for step `step`.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_output(
    operation: *mut psa_pake_operation_t,
    step: psa_pake_step_t,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid operation object and a buffer of the given size.
    unsafe {
        boundary::fill(output, output_size, output_length, |out| {
            let w = boundary::op_words(operation)?;
            pake::output(w, step, out)
        })
    }
}

/// Provide the peer's next message of the PAKE for step `step`.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_input(
    operation: *mut psa_pake_operation_t,
    step: psa_pake_step_t,
    input: *const u8,
    input_length: usize,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let data = unsafe { boundary::input(input, input_length) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::input(w, step, data) }
    })
}

/// Store the shared secret of a finished PAKE in a new key; the operation
/// ends (becomes inactive) whatever the result.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_get_shared_key(
    operation: *mut psa_pake_operation_t,
    attributes: *const psa_key_attributes_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    guard(|| {
        // SAFETY: the caller passes NULL or a writable id.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes NULL or a valid attribute structure.
        let attrs = unsafe { boundary::obj(attributes) }?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: a valid object, per the caller's contract.
        let id = unsafe { pake::get_shared_key(w, attrs) }?;
        // SAFETY: checked non-NULL; the caller passes a writable id.
        unsafe { key.write(id) };
        Ok(())
    })
}

/// Abort a PAKE operation; an inactive (zeroed) object succeeds, even before
/// `psa_crypto_init`.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_abort(operation: *mut psa_pake_operation_t) -> psa_status_t {
    guard(|| {
        if operation.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::abort(w) }
    })
}
