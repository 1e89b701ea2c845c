//! The PSA encodings: C typedefs and every numeric constant of the API.
//!
//! This module is the one source of truth for the numbers: cbindgen copies each
//! `pub const` here into `include/psa/crypto_generated.h`, and the Rust layers use
//! the same constants. Constants keep their C names so the two read alike.
//! Function-like macros of the specification have a `const fn` twin here named in
//! snake case (`PSA_ALG_HMAC(h)` is [`psa_alg_hmac`]).
#![allow(non_camel_case_types, non_upper_case_globals)]

/// A function return status: `PSA_SUCCESS` (0) or a negative `PSA_ERROR_*` code.
pub type psa_status_t = i32;
/// Encoding of a key type (16 bits).
pub type psa_key_type_t = u16;
/// The family of an elliptic curve (8 bits).
pub type psa_ecc_family_t = u8;
/// The family of a finite-field Diffie-Hellman group (8 bits).
pub type psa_dh_family_t = u8;
/// Encoding of a cryptographic algorithm (32 bits).
pub type psa_algorithm_t = u32;
/// Encoding of a key lifetime: persistence level and location.
pub type psa_key_lifetime_t = u32;
/// Encoding of key persistence levels (the low 8 bits of a lifetime).
pub type psa_key_persistence_t = u8;
/// Encoding of key location indicators (the high 24 bits of a lifetime).
pub type psa_key_location_t = u32;
/// Key identifier.
pub type psa_key_id_t = u32;
/// Encoding of permitted usage on a key (bit mask).
pub type psa_key_usage_t = u32;
/// Encoding of the step of a key derivation.
pub type psa_key_derivation_step_t = u16;
/// Key handle: Mbed TLS 2.x/3.x compatibility alias of a key identifier.
pub type psa_key_handle_t = psa_key_id_t;
/// Mbed TLS compatibility alias of a key identifier (no owner encoding in rustpsa).
pub type mbedtls_svc_key_id_t = psa_key_id_t;

mod status;
pub use status::*;
mod usage;
pub use usage::*;
mod lifetime;
pub use lifetime::*;
mod algorithm;
pub use algorithm::*;
mod key_type;
pub use key_type::*;
mod derivation;
pub use derivation::*;
mod sizes;
pub use sizes::*;
mod attributes;
pub use attributes::*;
mod operation;
pub use operation::*;
mod pake;
pub use pake::*;
mod interruptible;
pub use interruptible::*;
mod sym14;
pub use sym14::*;
mod wrap;
pub use wrap::*;
mod sign_operation;
pub use sign_operation::*;
mod wpa3_sae;
pub use wpa3_sae::*;
mod pqc_sign;
pub use pqc_sign::*;
