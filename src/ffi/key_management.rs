//! Key management: creation, export, copy, destruction.
use super::boundary::{self, guard};
use crate::api::key_management as km;
use crate::types::*;

/// Store the id of a new key through `key` (which must not be NULL).
pub(crate) unsafe fn create(key: *mut psa_key_id_t, f: impl FnOnce() -> Result<psa_key_id_t>) -> psa_status_t {
    guard(|| {
        // SAFETY: the caller passes NULL or a writable key id.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        let id = f()?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(key, id) }
    })
}

/// Import `data` as a new key described by `attributes`; its id is written to
/// `*key`. On failure `*key` is set to `PSA_KEY_ID_NULL`.
#[no_mangle]
pub unsafe extern "C" fn psa_import_key(
    attributes: *const psa_key_attributes_t,
    data: *const u8,
    data_length: usize,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: the caller passes valid pointers (or NULL with length 0 for data).
    unsafe {
        create(key, || {
            let a = boundary::obj(attributes)?;
            km::import(a, boundary::input(data, data_length)?)
        })
    }
}

/// Generate a new random key described by `attributes` (its size must be set).
#[no_mangle]
pub unsafe extern "C" fn psa_generate_key(
    attributes: *const psa_key_attributes_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: the caller passes valid pointers.
    unsafe { create(key, || km::generate(boundary::obj(attributes)?)) }
}

/// Copy key `source_key` into a new key described by `attributes`; the new
/// policy is the intersection of the source's and the requested one.
#[no_mangle]
pub unsafe extern "C" fn psa_copy_key(
    source_key: psa_key_id_t,
    attributes: *const psa_key_attributes_t,
    target_key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: the caller passes valid pointers.
    unsafe { create(target_key, || km::copy(source_key, boundary::obj(attributes)?)) }
}

/// Export a key in its binary format. Needs `PSA_KEY_USAGE_EXPORT` (public
/// keys are always exportable).
#[no_mangle]
pub unsafe extern "C" fn psa_export_key(
    key: psa_key_id_t,
    data: *mut u8,
    data_size: usize,
    data_length: *mut usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { boundary::fill(data, data_size, data_length, |out| km::export(key, out)) }
}

/// Export the public part of a key pair or public key.
#[no_mangle]
pub unsafe extern "C" fn psa_export_public_key(
    key: psa_key_id_t,
    data: *mut u8,
    data_size: usize,
    data_length: *mut usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { boundary::fill(data, data_size, data_length, |out| km::export_public(key, out)) }
}

/// Destroy a key, from memory and from storage. When it returns, no copy of the
/// key material remains in the key store. `PSA_KEY_ID_NULL` succeeds.
#[no_mangle]
pub extern "C" fn psa_destroy_key(key: psa_key_id_t) -> psa_status_t {
    guard(|| km::destroy(key))
}

/// Remove the in-memory copy of a persistent key that nobody is using; no
/// effect on volatile keys.
#[no_mangle]
pub extern "C" fn psa_purge_key(key: psa_key_id_t) -> psa_status_t {
    guard(|| km::purge(key))
}

/// Mbed TLS compatibility: close a key handle. 0 succeeds; a persistent key is
/// purged from memory; a volatile key is destroyed (as in Mbed TLS).
#[no_mangle]
pub extern "C" fn psa_close_key(handle: psa_key_handle_t) -> psa_status_t {
    guard(|| km::close(handle))
}

/// Mbed TLS compatibility: open a persistent key, returning a handle to it
/// (in rustpsa a handle is the key id itself). Loads the key into memory.
#[no_mangle]
pub unsafe extern "C" fn psa_open_key(key: psa_key_id_t, handle: *mut psa_key_handle_t) -> psa_status_t {
    guard(|| {
        // SAFETY: the caller passes NULL or a writable handle.
        unsafe { boundary::preset(handle, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        if handle.is_null() {
            return Err(Error::InvalidArgument);
        }
        if !crate::keystore::is_persistent_id(key) {
            return Err(Error::InvalidHandle);
        }
        km::attributes(key)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(handle, key) }
    })
}
