//! Key generation with custom production parameters (PSA Crypto API 1.3,
//! provided ahead of the rest of 1.3).
use super::boundary::{self, guard};
use crate::types::*;

/// Custom production parameters for `psa_generate_key_custom()`.
///
/// `flags` must be 0. The variable-length data that goes with it is passed
/// separately as `custom_data`: for `PSA_KEY_TYPE_RSA_KEY_PAIR` it is the public
/// exponent, an odd big-endian integer of at least 3 (empty: 65537); other key
/// types take no data. The default value (all zero) is the same as calling
/// `psa_generate_key()`.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct psa_custom_key_parameters_s {
    /// Flags: must be 0.
    pub flags: u32,
}
/// Custom production parameters for `psa_generate_key_custom()`.
pub type psa_custom_key_parameters_t = psa_custom_key_parameters_s;

/// Generate a key like psa_generate_key(), with custom production parameters:
/// for an RSA key pair `custom_data` is the public exponent (big-endian; empty
/// selects 65537). On failure `*key` is set to `PSA_KEY_ID_NULL`.
#[no_mangle]
pub unsafe extern "C" fn psa_generate_key_custom(
    attributes: *const psa_key_attributes_t,
    custom: *const psa_custom_key_parameters_t,
    custom_data: *const u8,
    custom_data_length: usize,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    guard(|| {
        // SAFETY: the caller passes NULL or a writable key id.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes valid pointers (or NULL with length 0 for data).
        let (a, c, data) = unsafe {
            (
                boundary::obj(attributes)?,
                boundary::obj(custom)?,
                boundary::input(custom_data, custom_data_length)?,
            )
        };
        let id = crate::api::key_generation_custom::generate(a, c.flags, data)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(key, id) }
    })
}
