//! The multi-part operation objects.
//!
//! Each is an opaque, fixed-size block owned by the application. All-zero (the
//! `*_INIT` value) means "inactive". The library keeps the operation's state on its
//! own side, behind a handle stored here, so that a copied, stale or garbage object
//! is detected instead of being trusted. (cbindgen cannot see through macros, so
//! each object is spelled out.)

use super::*;

/// Number of 64-bit words in every operation object.
pub const RUSTPSA_OPERATION_WORDS: usize = 4;
/// Words after the first (`private_handle`): `RUSTPSA_OPERATION_WORDS - 1`.
pub const RUSTPSA_OPERATION_OPAQUE_WORDS: usize = 3;
const _: () = assert!(RUSTPSA_OPERATION_OPAQUE_WORDS + 1 == RUSTPSA_OPERATION_WORDS);

/// The type of the state object for multi-part hash operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_hash_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part hash operations.
pub type psa_hash_operation_t = psa_hash_operation_s;

/// The type of the state object for multi-part MAC operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_mac_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part MAC operations.
pub type psa_mac_operation_t = psa_mac_operation_s;

/// The type of the state object for multi-part cipher operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_cipher_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part cipher operations.
pub type psa_cipher_operation_t = psa_cipher_operation_s;

/// The type of the state object for multi-part AEAD operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_aead_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part AEAD operations.
pub type psa_aead_operation_t = psa_aead_operation_s;

/// The type of the state object for key derivation operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_key_derivation_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for key derivation operations.
pub type psa_key_derivation_operation_t = psa_key_derivation_operation_s;

/// A multi-part operation object: a `repr(C)` wrapper around its words.
pub trait OperationObject {
    /// The address of the object's words (no memory is read).
    ///
    /// # Safety
    /// `this` must be non-NULL and point to a valid object.
    unsafe fn words_of(this: *mut Self) -> *mut [u64; RUSTPSA_OPERATION_WORDS];
}

macro_rules! operation_object {
    ($($t:ty),*) => {$(
        impl OperationObject for $t {
            unsafe fn words_of(this: *mut Self) -> *mut [u64; RUSTPSA_OPERATION_WORDS] {
                // The object is `repr(C)`: `private_handle` then the rest, the
                // same words in the same order (checked below).
                this.cast::<[u64; RUSTPSA_OPERATION_WORDS]>()
            }
        }
        const _: () = assert!(
            core::mem::size_of::<$t>() == 8 * RUSTPSA_OPERATION_WORDS
                && core::mem::align_of::<$t>() == core::mem::align_of::<[u64; RUSTPSA_OPERATION_WORDS]>()
        );
    )*};
}
operation_object!(
    psa_hash_operation_s,
    psa_mac_operation_s,
    psa_cipher_operation_s,
    psa_aead_operation_s,
    psa_key_derivation_operation_s,
    psa_pake_operation_s,
    psa_sign_hash_interruptible_operation_s,
    psa_verify_hash_interruptible_operation_s,
    psa_generate_key_iop_s,
    psa_export_public_key_iop_s,
    psa_key_agreement_iop_s
);
