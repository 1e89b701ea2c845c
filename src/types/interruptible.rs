//! Mbed TLS's interruptible ("restartable") operations: the interruptible
//! sign/verify-hash objects of Mbed TLS 3.x and the `*_iop_t` objects of
//! TF-PSA-Crypto 1.0 (key generation, public-key export, key agreement).
//! These are Mbed TLS extensions, not PSA Crypto API 1.3 functions.
use super::*;

/// `psa_interruptible_set_max_ops` value meaning "no limit" (the default).
pub const PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED: u32 = 0xffff_ffff as u32;

/// The state object of an interruptible sign-hash operation.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_sign_hash_interruptible_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The state object of an interruptible sign-hash operation.
pub type psa_sign_hash_interruptible_operation_t = psa_sign_hash_interruptible_operation_s;

/// The state object of an interruptible verify-hash operation.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_verify_hash_interruptible_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The state object of an interruptible verify-hash operation.
pub type psa_verify_hash_interruptible_operation_t = psa_verify_hash_interruptible_operation_s;

/// The state object of an interruptible key generation (TF-PSA-Crypto 1.0).
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_generate_key_iop_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The state object of an interruptible key generation (TF-PSA-Crypto 1.0).
pub type psa_generate_key_iop_t = psa_generate_key_iop_s;

/// The state object of an interruptible public-key export (TF-PSA-Crypto 1.0).
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_export_public_key_iop_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The state object of an interruptible public-key export (TF-PSA-Crypto 1.0).
pub type psa_export_public_key_iop_t = psa_export_public_key_iop_s;

/// The state object of an interruptible key agreement (TF-PSA-Crypto 1.0).
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_key_agreement_iop_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The state object of an interruptible key agreement (TF-PSA-Crypto 1.0).
pub type psa_key_agreement_iop_t = psa_key_agreement_iop_s;
