//! The key attribute structure (`psa_key_attributes_t`).
use super::*;

/// The type of an object containing key attributes.
///
/// Applications declare it on the stack and initialise it with
/// `PSA_KEY_ATTRIBUTES_INIT` or `psa_key_attributes_init()` (all zero). The fields
/// are implementation details: use the `psa_set_key_*` / `psa_get_key_*` functions.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct psa_key_attributes_s {
    /// Key type (`psa_get_key_type`).
    pub private_type: psa_key_type_t,
    /// Key size in bits, 0 when not set (`psa_get_key_bits`).
    pub private_bits: u16,
    /// Key lifetime (`psa_get_key_lifetime`).
    pub private_lifetime: psa_key_lifetime_t,
    /// Key identifier; 0 for volatile keys (`psa_get_key_id`).
    pub private_id: psa_key_id_t,
    /// Permitted usage flags (`psa_get_key_usage_flags`).
    pub private_usage: psa_key_usage_t,
    /// Permitted algorithm (`psa_get_key_algorithm`).
    pub private_alg: psa_algorithm_t,
    /// The second permitted algorithm (Mbed TLS's enrollment algorithm,
    /// `psa_set_key_enrollment_algorithm`); 0 when unset.
    pub private_alg2: psa_algorithm_t,
}

/// The type of an object containing key attributes.
pub type psa_key_attributes_t = psa_key_attributes_s;
