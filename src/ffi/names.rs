//! Readable names and the library version, as static C strings.
use core::ffi::c_char;

use super::boundary::guard_value;
use crate::names;
use crate::types::psa_status_t;

/// The name of a status code as the header spells it (`"PSA_ERROR_BAD_STATE"`
/// for `PSA_ERROR_BAD_STATE`), or `"unknown"` for a value the header does not
/// define. The string is static: never NULL, never to be freed. Thread-safe and
/// usable before `psa_crypto_init`.
#[no_mangle]
pub extern "C" fn rustpsa_status_name(status: psa_status_t) -> *const c_char {
    guard_value(c"unknown".as_ptr(), || {
        names::status_c_name(status).unwrap_or(c"unknown").as_ptr()
    })
}

/// The version of the library (`"MAJOR.MINOR.PATCH"`, from `Cargo.toml`): the
/// `RUSTPSA_VERSION_STRING` of `rustpsa/version.h` it was built with. A static
/// string, never NULL; usable before `psa_crypto_init`.
#[no_mangle]
pub extern "C" fn rustpsa_version() -> *const c_char {
    guard_value(c"unknown".as_ptr(), || VERSION.as_ptr())
}

/// `CARGO_PKG_VERSION` as a C string.
const VERSION: &core::ffi::CStr =
    match core::ffi::CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes())
    {
        Ok(s) => s,
        Err(_) => panic!("the package version contains a NUL byte"),
    };
