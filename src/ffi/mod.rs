//! The C ABI. One file per chapter of the specification.
//!
//! Each function: panic boundary ([`boundary::guard`]), pointer and length checks,
//! a call into [`crate::api`], status mapping. No crypto, locking or policy here.
#![allow(non_camel_case_types, clippy::missing_safety_doc)]
pub mod boundary;
pub mod threading;
