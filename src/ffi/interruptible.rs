//! Mbed TLS's interruptible operations (extensions, not PSA Crypto API 1.3):
//! interruptible sign/verify hash (Mbed TLS 3.x) and TF-PSA-Crypto 1.0's
//! `*_iop_*` key generation, public-key export and key agreement. ECC only;
//! see `api::interruptible` for how the work is counted.
use super::boundary::{self, guard, guard_value, guard_void};
use crate::api::interruptible as iop;
use crate::types::*;

/// Maps a `complete` result: done is `PSA_SUCCESS`, not done
/// `PSA_OPERATION_INCOMPLETE`, an error its status.
fn progress(f: impl FnOnce() -> Result<bool>) -> psa_status_t {
    guard_value(PSA_ERROR_CORRUPTION_DETECTED, || match f() {
        Ok(true) => PSA_SUCCESS,
        Ok(false) => PSA_OPERATION_INCOMPLETE,
        Err(e) => e.status(),
    })
}

/// The op count of an operation object; 0 for NULL.
unsafe fn num_ops<T: OperationObject>(op: *const T) -> u32 {
    guard_value(0, || match boundary::op_words(op as *mut T) {
        // SAFETY: a valid object, per the caller's contract; only read.
        Ok(w) => unsafe { iop::num_ops(w) },
        Err(_) => 0,
    })
}

/// Aborts an operation object: NULL and inactive objects succeed.
unsafe fn abort<T: OperationObject>(op: *mut T) -> psa_status_t {
    guard(|| {
        if op.is_null() {
            return Ok(());
        }
        let w = boundary::op_words(op)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { iop::abort(w) }
    })
}

/// A `complete` that creates a key: stores its id in `*key` (0 otherwise).
unsafe fn complete_key<T: OperationObject>(op: *mut T, key: *mut psa_key_id_t) -> psa_status_t {
    progress(|| {
        // SAFETY: the caller passes NULL or a writable id.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        let w = boundary::op_words(op)?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: a valid object, per the caller's contract.
        let id = unsafe {
            iop::complete(w, |job| match job {
                iop::Job::Generate { attrs } => crate::api::key_management::generate(attrs),
                iop::Job::Agree { key, peer, alg, attrs } => {
                    crate::api::key_agreement::key_agreement(*key, peer, *alg, attrs)
                }
                _ => Err(Error::BadState),
            })
        }?;
        match id {
            Some(id) => {
                // SAFETY: checked non-NULL above.
                unsafe { key.write(id) };
                Ok(true)
            }
            None => Ok(false),
        }
    })
}

/// A `complete` that fills a buffer (signature, public key).
unsafe fn complete_fill<T: OperationObject>(
    op: *mut T,
    buf: *mut u8,
    size: usize,
    length: *mut usize,
) -> psa_status_t {
    progress(|| {
        // SAFETY: the caller passes NULL or a writable length.
        unsafe { boundary::preset(length, 0) };
        crate::api::core()?;
        let w = boundary::op_words(op)?;
        if length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes a writable buffer of `size` bytes (or NULL and 0).
        let out = unsafe { boundary::output(buf, size) }?;
        // SAFETY: a valid object, per the caller's contract.
        let n = unsafe {
            iop::complete(w, |job| match job {
                iop::Job::Sign { key, alg, hash } => crate::api::sign::sign_hash(*key, *alg, hash, out),
                iop::Job::ExportPublic { key } => crate::api::key_management::export_public(*key, out),
                _ => Err(Error::BadState),
            })
        }?;
        match n {
            Some(n) => {
                // SAFETY: checked non-NULL above.
                unsafe { length.write(n) };
                Ok(true)
            }
            None => Ok(false),
        }
    })
}

/// Set the maximum number of ops one `complete` call may spend
/// (`PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED`, the default, means no limit).
#[no_mangle]
pub extern "C" fn psa_interruptible_set_max_ops(max_ops: u32) {
    guard_void(|| iop::set_max_ops(max_ops))
}

/// The maximum number of ops one `complete` call may spend.
#[no_mangle]
pub extern "C" fn psa_interruptible_get_max_ops() -> u32 {
    guard_value(PSA_INTERRUPTIBLE_MAX_OPS_UNLIMITED, iop::max_ops)
}

/// The ops an interruptible signature has spent so far (0 after init or abort).
#[no_mangle]
pub unsafe extern "C" fn psa_sign_hash_get_num_ops(operation: *const psa_sign_hash_interruptible_operation_t) -> u32 {
    // SAFETY: forwarded caller contract.
    unsafe { num_ops(operation) }
}

/// The ops an interruptible verification has spent so far (0 after init or abort).
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash_get_num_ops(
    operation: *const psa_verify_hash_interruptible_operation_t,
) -> u32 {
    // SAFETY: forwarded caller contract.
    unsafe { num_ops(operation) }
}

/// Start signing `hash` with `key` (ECDSA only) in an interruptible manner.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_hash_start(
    operation: *mut psa_sign_hash_interruptible_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let hash = unsafe { boundary::input(hash, hash_length) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { iop::sign_start(w, key, alg, hash) }
    })
}

/// Continue an interruptible signature: `PSA_OPERATION_INCOMPLETE` while the
/// op budget is not enough, `PSA_SUCCESS` with the signature once done.
#[no_mangle]
pub unsafe extern "C" fn psa_sign_hash_complete(
    operation: *mut psa_sign_hash_interruptible_operation_t,
    signature: *mut u8,
    signature_size: usize,
    signature_length: *mut usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { complete_fill(operation, signature, signature_size, signature_length) }
}

/// Abort an interruptible signature (an inactive object succeeds).
#[no_mangle]
pub unsafe extern "C" fn psa_sign_hash_abort(operation: *mut psa_sign_hash_interruptible_operation_t) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { abort(operation) }
}

/// Start verifying `signature` over `hash` with `key` (ECDSA only) in an
/// interruptible manner.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash_start(
    operation: *mut psa_verify_hash_interruptible_operation_t,
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: *const u8,
    hash_length: usize,
    signature: *const u8,
    signature_length: usize,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
        let hash = unsafe { boundary::input(hash, hash_length) }?;
        // SAFETY: as above.
        let signature = unsafe { boundary::input(signature, signature_length) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { iop::verify_start(w, key, alg, hash, signature) }
    })
}

/// Continue an interruptible verification: `PSA_OPERATION_INCOMPLETE` while
/// the op budget is not enough; then `PSA_SUCCESS` or
/// `PSA_ERROR_INVALID_SIGNATURE`.
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash_complete(
    operation: *mut psa_verify_hash_interruptible_operation_t,
) -> psa_status_t {
    progress(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        let r = unsafe {
            iop::complete(w, |job| match job {
                iop::Job::Verify { key, alg, hash, signature } => {
                    crate::api::sign::verify_hash(*key, *alg, hash, signature)
                }
                _ => Err(Error::BadState),
            })
        }?;
        Ok(r.is_some())
    })
}

/// Abort an interruptible verification (an inactive object succeeds).
#[no_mangle]
pub unsafe extern "C" fn psa_verify_hash_abort(
    operation: *mut psa_verify_hash_interruptible_operation_t,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { abort(operation) }
}

/// The ops an interruptible key generation has spent so far.
#[no_mangle]
pub unsafe extern "C" fn psa_generate_key_iop_get_num_ops(operation: *mut psa_generate_key_iop_t) -> u32 {
    // SAFETY: forwarded caller contract.
    unsafe { num_ops(operation) }
}

/// Start generating an ECC key pair with `attributes` (TF-PSA-Crypto 1.0).
#[no_mangle]
pub unsafe extern "C" fn psa_generate_key_iop_setup(
    operation: *mut psa_generate_key_iop_t,
    attributes: *const psa_key_attributes_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes NULL or valid attributes.
        let attrs = unsafe { boundary::obj(attributes) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { iop::generate_setup(w, attrs) }
    })
}

/// Continue an interruptible key generation; `*key` receives the new key.
#[no_mangle]
pub unsafe extern "C" fn psa_generate_key_iop_complete(
    operation: *mut psa_generate_key_iop_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { complete_key(operation, key) }
}

/// Abort an interruptible key generation (an inactive object succeeds).
#[no_mangle]
pub unsafe extern "C" fn psa_generate_key_iop_abort(operation: *mut psa_generate_key_iop_t) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { abort(operation) }
}

/// The ops an interruptible public-key export has spent so far.
#[no_mangle]
pub unsafe extern "C" fn psa_export_public_key_iop_get_num_ops(operation: *mut psa_export_public_key_iop_t) -> u32 {
    // SAFETY: forwarded caller contract.
    unsafe { num_ops(operation) }
}

/// Start exporting the public key of the ECC key `key` (TF-PSA-Crypto 1.0).
#[no_mangle]
pub unsafe extern "C" fn psa_export_public_key_iop_setup(
    operation: *mut psa_export_public_key_iop_t,
    key: psa_key_id_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { iop::export_public_setup(w, key) }
    })
}

/// Continue an interruptible public-key export; the key is written to `data`.
#[no_mangle]
pub unsafe extern "C" fn psa_export_public_key_iop_complete(
    operation: *mut psa_export_public_key_iop_t,
    data: *mut u8,
    data_size: usize,
    data_length: *mut usize,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { complete_fill(operation, data, data_size, data_length) }
}

/// Abort an interruptible public-key export (an inactive object succeeds).
#[no_mangle]
pub unsafe extern "C" fn psa_export_public_key_iop_abort(operation: *mut psa_export_public_key_iop_t) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { abort(operation) }
}

/// The ops an interruptible key agreement has spent so far.
#[no_mangle]
pub unsafe extern "C" fn psa_key_agreement_iop_get_num_ops(operation: *mut psa_key_agreement_iop_t) -> u32 {
    // SAFETY: forwarded caller contract.
    unsafe { num_ops(operation) }
}

/// Start an ECDH key agreement whose result becomes a key (TF-PSA-Crypto 1.0).
#[no_mangle]
pub unsafe extern "C" fn psa_key_agreement_iop_setup(
    operation: *mut psa_key_agreement_iop_t,
    private_key: psa_key_id_t,
    peer_key: *const u8,
    peer_key_length: usize,
    alg: psa_algorithm_t,
    attributes: *const psa_key_attributes_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes a valid buffer of the given size (or NULL and 0).
        let peer = unsafe { boundary::input(peer_key, peer_key_length) }?;
        // SAFETY: the caller passes NULL or valid attributes.
        let attrs = unsafe { boundary::obj(attributes) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { iop::agreement_setup(w, private_key, peer, alg, attrs) }
    })
}

/// Continue an interruptible key agreement; `*key` receives the new key.
#[no_mangle]
pub unsafe extern "C" fn psa_key_agreement_iop_complete(
    operation: *mut psa_key_agreement_iop_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { complete_key(operation, key) }
}

/// Abort an interruptible key agreement (an inactive object succeeds).
#[no_mangle]
pub unsafe extern "C" fn psa_key_agreement_iop_abort(operation: *mut psa_key_agreement_iop_t) -> psa_status_t {
    // SAFETY: forwarded caller contract.
    unsafe { abort(operation) }
}
