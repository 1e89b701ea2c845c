//! The C ABI. One file per chapter of the specification.
//!
//! Each function: panic boundary ([`boundary::guard`]), pointer and length checks,
//! a call into [`crate::api`], status mapping. No crypto, locking or policy here.
#![allow(non_camel_case_types, clippy::missing_safety_doc)]
pub mod aead;
pub mod attributes;
pub mod asymmetric_encrypt;
pub mod boundary;
pub mod cipher;
pub mod compat;
pub mod driver;
pub mod hash;
pub mod key_agreement;
pub mod key_derivation;
pub mod key_generation_custom;
pub mod key_management;
pub mod key_usage;
pub mod key_wrap;
pub mod library;
pub mod interruptible;
pub mod kem;
pub mod mac;
pub mod names;
pub mod pake;
pub mod random;
pub mod sign;
pub mod sign_multipart;
pub mod sign_context;
pub mod threading;
pub mod xof;

