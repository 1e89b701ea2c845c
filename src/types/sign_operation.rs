//! The multi-part signature operation objects (PSA Crypto API 1.5,
//! "Multi-part asymmetric signature operations"). Like every operation
//! object: an opaque block, all-zero (`PSA_SIGN_OPERATION_INIT`,
//! `PSA_VERIFY_OPERATION_INIT`) meaning inactive.
use super::*;

/// The type of the state object for multi-part sign operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_sign_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part sign operations.
pub type psa_sign_operation_t = psa_sign_operation_s;

/// The type of the state object for multi-part signature verification operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_verify_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part signature verification operations.
pub type psa_verify_operation_t = psa_verify_operation_s;

impl OperationObject for psa_sign_operation_s {
    unsafe fn words_of(this: *mut Self) -> *mut [u64; RUSTPSA_OPERATION_WORDS] {
        // `repr(C)`: `private_handle` then the rest, the same words in order.
        this.cast::<[u64; RUSTPSA_OPERATION_WORDS]>()
    }
}
impl OperationObject for psa_verify_operation_s {
    unsafe fn words_of(this: *mut Self) -> *mut [u64; RUSTPSA_OPERATION_WORDS] {
        // `repr(C)`: `private_handle` then the rest, the same words in order.
        this.cast::<[u64; RUSTPSA_OPERATION_WORDS]>()
    }
}
const _: () = assert!(
    core::mem::size_of::<psa_sign_operation_s>() == 8 * RUSTPSA_OPERATION_WORDS
        && core::mem::size_of::<psa_verify_operation_s>() == 8 * RUSTPSA_OPERATION_WORDS
        && core::mem::align_of::<psa_sign_operation_s>() == core::mem::align_of::<[u64; RUSTPSA_OPERATION_WORDS]>()
        && core::mem::align_of::<psa_verify_operation_s>() == core::mem::align_of::<[u64; RUSTPSA_OPERATION_WORDS]>()
);
