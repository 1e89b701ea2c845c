//! Key agreement: raw shared secrets and shared secrets stored as new keys.
use super::boundary;
use crate::types::{
    psa_algorithm_t, psa_key_attributes_t, psa_key_id_t, psa_status_t, Error, PSA_KEY_ID_NULL,
};

/// Combine `private_key` with the peer's public key `peer_key` using agreement
/// algorithm `alg` and write the raw shared secret to `output`. Needs
/// `PSA_KEY_USAGE_DERIVE`; `*output_length` receives the length.
#[no_mangle]
pub unsafe extern "C" fn psa_raw_key_agreement(
    alg: psa_algorithm_t,
    private_key: psa_key_id_t,
    peer_key: *const u8,
    peer_key_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes valid buffers of the given sizes (or NULL and 0).
    unsafe {
        boundary::fill_with(
            output,
            output_size,
            output_length,
            || boundary::input_beside(peer_key, peer_key_length, output, output_size),
            |peer, out| crate::api::key_agreement::raw_key_agreement(alg, private_key, &peer, out),
        )
    }
}

/// Combine `private_key` with the peer's public key `peer_key` using agreement
/// algorithm `alg` and store the shared secret in a new key described by
/// `attributes`; `*key` receives its identifier, or `PSA_KEY_ID_NULL` on failure.
#[no_mangle]
pub unsafe extern "C" fn psa_key_agreement(
    private_key: psa_key_id_t,
    peer_key: *const u8,
    peer_key_length: usize,
    alg: psa_algorithm_t,
    attributes: *const psa_key_attributes_t,
    key: *mut psa_key_id_t,
) -> psa_status_t {
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `psa_key_id_t`.
        unsafe { boundary::preset(key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        if key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes a valid attribute object and peer buffer (or NULL and 0).
        let (attrs, peer) = unsafe {
            (
                boundary::obj(attributes)?,
                boundary::input(peer_key, peer_key_length)?,
            )
        };
        let id = crate::api::key_agreement::key_agreement(private_key, peer, alg, attrs)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(key, id) }
    })
}
