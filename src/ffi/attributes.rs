//! Key attributes. These functions only touch the caller's structure: they work
//! before `psa_crypto_init`, and a NULL structure is ignored (getters return 0).
use super::boundary::{guard, guard_value, guard_void};
use crate::api::{attributes as rules, key_management};
use crate::types::*;

/// Run `f` on the attributes behind `a` unless `a` is NULL.
unsafe fn with<R>(a: *mut psa_key_attributes_t, f: impl FnOnce(&mut psa_key_attributes_t) -> R) -> Option<R> {
    // SAFETY: the caller passes NULL or a valid attribute structure.
    unsafe { a.as_mut() }.map(f)
}

/// Apply `f` to the attributes behind `a` unless `a` is NULL, behind the panic
/// boundary.
unsafe fn set(a: *mut psa_key_attributes_t, f: impl FnOnce(&mut psa_key_attributes_t)) {
    // SAFETY: forwarded caller contract.
    guard_void(|| {
        unsafe { with(a, f) };
    })
}

/// Read a field of the attributes behind `a`; 0 for NULL.
unsafe fn get<R: Default>(a: *const psa_key_attributes_t, f: impl FnOnce(&psa_key_attributes_t) -> R) -> R {
    // SAFETY: the caller passes NULL or a valid attribute structure.
    guard_value(R::default(), || unsafe { a.as_ref() }.map(f).unwrap_or_default())
}

/// Declare a key as persistent with identifier `id`; a volatile lifetime
/// becomes `PSA_KEY_LIFETIME_PERSISTENT`.
#[no_mangle]
pub unsafe extern "C" fn psa_set_key_id(attributes: *mut psa_key_attributes_t, id: psa_key_id_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| rules::set_id(a, id)) }
}

/// The key identifier in the attributes (0 for a volatile key being created).
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_id(attributes: *const psa_key_attributes_t) -> psa_key_id_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(attributes, |a| a.private_id) }
}

/// Set the key lifetime; a volatile lifetime resets the identifier to 0.
#[no_mangle]
pub unsafe extern "C" fn psa_set_key_lifetime(attributes: *mut psa_key_attributes_t, lifetime: psa_key_lifetime_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| rules::set_lifetime(a, lifetime)) }
}

/// The key lifetime in the attributes.
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_lifetime(attributes: *const psa_key_attributes_t) -> psa_key_lifetime_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(attributes, |a| a.private_lifetime) }
}

/// Set the permitted usage flags (replacing the previous ones).
#[no_mangle]
pub unsafe extern "C" fn psa_set_key_usage_flags(attributes: *mut psa_key_attributes_t, usage_flags: psa_key_usage_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| a.private_usage = usage_flags) }
}

/// The permitted usage flags in the attributes.
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_usage_flags(attributes: *const psa_key_attributes_t) -> psa_key_usage_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(attributes, |a| a.private_usage) }
}

/// Set the permitted algorithm (a specific algorithm or a wildcard policy).
#[no_mangle]
pub unsafe extern "C" fn psa_set_key_algorithm(attributes: *mut psa_key_attributes_t, alg: psa_algorithm_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| a.private_alg = alg) }
}

/// The permitted algorithm in the attributes.
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_algorithm(attributes: *const psa_key_attributes_t) -> psa_algorithm_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(attributes, |a| a.private_alg) }
}

/// Set the key type.
#[no_mangle]
pub unsafe extern "C" fn psa_set_key_type(attributes: *mut psa_key_attributes_t, type_: psa_key_type_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| a.private_type = type_) }
}

/// The key type in the attributes.
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_type(attributes: *const psa_key_attributes_t) -> psa_key_type_t {
    // SAFETY: forwarded caller contract.
    unsafe { get(attributes, |a| a.private_type) }
}

/// Set the key size in bits (0: determined by the key data on import).
/// Sizes above `PSA_MAX_KEY_BITS` make creation fail with
/// `PSA_ERROR_NOT_SUPPORTED`.
#[no_mangle]
pub unsafe extern "C" fn psa_set_key_bits(attributes: *mut psa_key_attributes_t, bits: usize) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| rules::set_bits(a, bits)) }
}

/// The key size in bits in the attributes.
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_bits(attributes: *const psa_key_attributes_t) -> usize {
    // SAFETY: forwarded caller contract.
    unsafe {
        get(attributes, |a| match a.private_bits {
            rules::BITS_TOO_LARGE => 0,
            b => b as usize,
        })
    }
}

/// Reset the attributes to their initial (all-zero) state.
#[no_mangle]
pub unsafe extern "C" fn psa_reset_key_attributes(attributes: *mut psa_key_attributes_t) {
    // SAFETY: forwarded caller contract.
    unsafe { set(attributes, |a| *a = psa_key_attributes_t::default()) }
}

/// Read the attributes of key `key` into `*attributes`. On failure the
/// structure is reset.
#[no_mangle]
pub unsafe extern "C" fn psa_get_key_attributes(key: psa_key_id_t, attributes: *mut psa_key_attributes_t) -> psa_status_t {
    guard(|| {
        // SAFETY: forwarded caller contract.
        let present = unsafe { with(attributes, |a| *a = psa_key_attributes_t::default()) };
        crate::api::core()?;
        present.ok_or(Error::InvalidArgument)?;
        let found = key_management::attributes(key)?;
        // SAFETY: checked non-NULL above.
        unsafe { with(attributes, |a| *a = found) };
        Ok(())
    })
}
