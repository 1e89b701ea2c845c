//! Key wrapping (PSA Crypto API 1.4): wrap a key for export, unwrap and import.
use super::boundary;
use super::key_management::create;
use crate::types::{psa_algorithm_t, psa_key_attributes_t, psa_key_id_t, psa_status_t};

/// Wrap key `key` (which must permit `PSA_KEY_USAGE_EXPORT`) with the
/// key-encryption key `wrapping_key` (`PSA_KEY_USAGE_WRAP`) and key-wrapping
/// algorithm `alg` (`PSA_ALG_KW`, `PSA_ALG_KWP`); the wrapped key
/// data is written to `data` and its length to `*data_length`.
/// `PSA_WRAP_KEY_OUTPUT_SIZE()` or `PSA_WRAP_KEY_PAIR_MAX_SIZE` give a
/// sufficient buffer.
#[no_mangle]
pub unsafe extern "C" fn psa_wrap_key(
    wrapping_key: psa_key_id_t,
    alg: psa_algorithm_t,
    key: psa_key_id_t,
    data: *mut u8,
    data_size: usize,
    data_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes a valid buffer of the given size and a valid length pointer.
    unsafe { boundary::fill(data, data_size, data_length, |out| crate::api::key_wrap::wrap(wrapping_key, alg, key, out)) }
}

/// Unwrap `data` with the key-encryption key `wrapping_key`
/// (`PSA_KEY_USAGE_UNWRAP`) and algorithm `alg`, and import the key data as
/// a new key described by `attributes` (as `psa_import_key` does); its id is
/// written to `*key`. Wrapped data that fails its integrity check gives
/// `PSA_ERROR_INVALID_SIGNATURE` and creates nothing. On failure `*key` is
/// set to `PSA_KEY_ID_NULL`.
#[no_mangle]
pub unsafe extern "C" fn psa_unwrap_key(
    attributes: *const psa_key_attributes_t,
    wrapping_key: psa_key_id_t,
    alg: psa_algorithm_t,
    data: *const u8,
    data_length: usize,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: the caller passes valid pointers (or NULL with length 0 for data).
    unsafe {
        create(key, || {
            let a = boundary::obj(attributes)?;
            crate::api::key_wrap::unwrap(a, wrapping_key, alg, boundary::input(data, data_length)?)
        })
    }
}
