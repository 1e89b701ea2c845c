//! Drivers: `include/rustpsa/driver.h` (the registration functions) and
//! `psa_attach_key` (PSA Crypto API 1.4).
use core::ffi::c_char;

use super::boundary::{self, guard};
use crate::driver::abi::{rustpsa_driver_stats_t, rustpsa_driver_t};
use crate::types::{psa_key_attributes_t, psa_key_id_t, psa_status_t, Error, PSA_KEY_ID_NULL};

/// Register a driver (copied; `name` is copied too). Must be called before
/// `psa_crypto_init` (or after `mbedtls_psa_crypto_free`): `PSA_ERROR_BAD_STATE`
/// otherwise. Transparent drivers (`location` 0) are tried in registration
/// order. A table of `RUSTPSA_DRIVER_INTERFACE_VERSION_1` (one-shot entry
/// points only, shorter) is accepted too. Returns `PSA_ERROR_INVALID_ARGUMENT`
/// for NULL, a NULL name, unknown flags or a location above 24 bits,
/// `PSA_ERROR_NOT_SUPPORTED` for another interface version, `PSA_ERROR_ALREADY_EXISTS` when another driver has the
/// location.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_register_driver(driver: *const rustpsa_driver_t) -> psa_status_t {
    guard(|| {
        if driver.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: a table starts with its version, present in every version.
        let version = unsafe { core::ptr::addr_of!((*driver).version).read_unaligned() };
        if version == crate::driver::abi::RUSTPSA_DRIVER_INTERFACE_VERSION_1 {
            // A version 1 table ends before `hash_setup`: copy that much, the
            // multi-part entry points stay NULL.
            let n = core::mem::offset_of!(rustpsa_driver_t, hash_setup);
            // SAFETY: all-zero is a valid table (integers, NULL pointers, no
            // entry points); the caller's table has at least `n` bytes.
            let mut t: rustpsa_driver_t = unsafe { core::mem::zeroed() };
            unsafe { core::ptr::copy_nonoverlapping(driver.cast::<u8>(), core::ptr::addr_of_mut!(t).cast::<u8>(), n) };
            return crate::api::driver::register(&t);
        }
        // SAFETY: a valid table of this version, copied by `register`.
        let t = unsafe { boundary::obj(driver) }?;
        crate::api::driver::register(t)
    })
}

/// Forget every registered driver. Before `psa_crypto_init` only
/// (`PSA_ERROR_BAD_STATE` otherwise).
#[no_mangle]
pub unsafe extern "C" fn rustpsa_unregister_drivers() -> psa_status_t {
    guard(crate::api::driver::unregister_all)
}

/// Read the counters of the active driver named `name` (after init).
/// `PSA_ERROR_DOES_NOT_EXIST` when no active driver has that name.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_driver_get_stats(name: *const c_char, stats: *mut rustpsa_driver_stats_t) -> psa_status_t {
    guard(|| {
        if name.is_null() || stats.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: a NUL-terminated string, as documented.
        let name = unsafe { core::ffi::CStr::from_ptr(name) }.to_string_lossy();
        let s = crate::api::driver::stats(&name)?;
        // SAFETY: checked non-NULL; the caller passes a writable struct.
        unsafe { boundary::set_out(stats, s) }
    })
}

/// Configure the PKCS#11 driver (keys at `RUSTPSA_LOCATION_PKCS11`): the
/// module to load, the label of the token and the user PIN (all
/// NUL-terminated; copied). NULL `module_path` removes the configuration.
/// Before `psa_crypto_init` only (`PSA_ERROR_BAD_STATE` otherwise).
/// Without a configuration, `psa_crypto_init` reads the environment variables
/// `RUSTPSA_PKCS11_MODULE`, `RUSTPSA_PKCS11_TOKEN`, `RUSTPSA_PKCS11_PIN` (and
/// `RUSTPSA_PKCS11_THREAD_SAFE=1`).
#[no_mangle]
pub unsafe extern "C" fn rustpsa_pkcs11_configure(
    module_path: *const c_char,
    token_label: *const c_char,
    pin: *const c_char,
) -> psa_status_t {
    guard(|| {
        if module_path.is_null() {
            return crate::api::driver::pkcs11_configure(None);
        }
        if token_label.is_null() || pin.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: NUL-terminated strings, as documented.
        let s = |p: *const c_char| unsafe { core::ffi::CStr::from_ptr(p) }.to_string_lossy().into_owned();
        let cfg = crate::driver::pkcs11::Config {
            module: s(module_path).into(),
            token: s(token_label),
            pin: zeroize::Zeroizing::new(s(pin)),
        };
        crate::api::driver::pkcs11_configure(Some(cfg))
    })
}

/// Set the flags of the PKCS#11 driver: 0 (the default: the core calls the
/// token from one thread at a time) or `RUSTPSA_DRIVER_THREAD_SAFE`
/// (concurrent calls, each on its own session of the token). Before
/// `psa_crypto_init` only (`PSA_ERROR_BAD_STATE` otherwise);
/// `PSA_ERROR_INVALID_ARGUMENT` for unknown flags.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_pkcs11_set_flags(flags: u32) -> psa_status_t {
    guard(|| {
        if flags & !crate::driver::abi::RUSTPSA_DRIVER_THREAD_SAFE != 0 {
            return Err(Error::InvalidArgument);
        }
        crate::api::driver::pkcs11_set_flags(flags)
    })
}

/// Create a key bound to key material that already exists in the location of
/// the key's lifetime (a secure element, a PKCS#11 token), named there by
/// `label`, with the policy, type and id of `attributes`. The key size, if
/// set, must match. Returns `PSA_ERROR_NOT_SUPPORTED` for the local location
/// or a driver that cannot attach, `PSA_ERROR_INVALID_ARGUMENT` for an empty
/// label, `PSA_ERROR_DOES_NOT_EXIST` when the location has no key of that
/// label and type, and the creation errors of `psa_import_key`.
#[no_mangle]
pub unsafe extern "C" fn psa_attach_key(
    attributes: *const psa_key_attributes_t,
    label: *const u8,
    label_length: usize,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: the caller passes a writable key id.
    unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
    guard(|| {
        crate::api::core()?;
        // SAFETY: valid pointers of the given sizes (or NULL and 0).
        let (a, label) = unsafe { (boundary::obj(attributes)?, boundary::input(label, label_length)?) };
        let id = crate::api::driver::attach(a, label)?;
        // SAFETY: as above.
        unsafe { boundary::set_out(key, id) }
    })
}
