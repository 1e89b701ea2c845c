//! Key encapsulation (1.3): `psa_encapsulate` and `psa_decapsulate`.
use super::boundary;
use crate::types::{
    psa_algorithm_t, psa_key_attributes_t, psa_key_id_t, psa_status_t, Error, PSA_KEY_ID_NULL,
};

/// Use the public key (or key pair) `key` to generate a new shared secret,
/// stored as a new key described by `attributes` (`*output_key`, or
/// `PSA_KEY_ID_NULL` on failure), and the ciphertext that carries it to the
/// holder of the private key (`ciphertext`, `*ciphertext_length` bytes). Needs
/// `PSA_KEY_USAGE_ENCRYPT`.
#[no_mangle]
pub unsafe extern "C" fn psa_encapsulate(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    attributes: *const psa_key_attributes_t,
    output_key: *mut psa_key_id_t,
    ciphertext: *mut u8,
    ciphertext_size: usize,
    ciphertext_length: *mut usize,
) -> psa_status_t {
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or writable objects.
        unsafe {
            boundary::preset(output_key, PSA_KEY_ID_NULL);
            boundary::preset(ciphertext_length, 0);
        }
        crate::api::core()?;
        if output_key.is_null() || ciphertext_length.is_null() {
            return Err(Error::InvalidArgument);
        }
        // The attributes are copied before the ciphertext slice exists, so an
        // attribute object inside the ciphertext buffer is no aliasing.
        // SAFETY: the caller passes a valid attribute object.
        let attrs = unsafe { *boundary::obj(attributes)? };
        let (id, n) = {
            // SAFETY: the caller passes a writable buffer of `ciphertext_size` bytes (or NULL and 0).
            let out = unsafe { boundary::output(ciphertext, ciphertext_size)? };
            crate::api::kem::encapsulate(key, alg, &attrs, out)?
        };
        // SAFETY: both checked non-NULL above; the ciphertext slice is gone.
        unsafe {
            boundary::set_out(output_key, id)?;
            boundary::set_out(ciphertext_length, n)
        }
    })
}

/// Use the key pair `key` to recover the shared secret that `ciphertext`
/// carries, stored as a new key described by `attributes` (`*output_key`, or
/// `PSA_KEY_ID_NULL` on failure). Needs `PSA_KEY_USAGE_DECRYPT`. A corrupted
/// ML-KEM ciphertext gives a pseudorandom key (implicit rejection).
#[no_mangle]
pub unsafe extern "C" fn psa_decapsulate(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    ciphertext: *const u8,
    ciphertext_length: usize,
    attributes: *const psa_key_attributes_t,
    output_key: *mut psa_key_id_t,
) -> psa_status_t {
    boundary::guard(|| {
        // SAFETY: the caller passes NULL or a writable `psa_key_id_t`.
        unsafe { boundary::preset(output_key, PSA_KEY_ID_NULL) };
        crate::api::core()?;
        if output_key.is_null() {
            return Err(Error::InvalidArgument);
        }
        // SAFETY: the caller passes a valid attribute object and ciphertext buffer (or NULL and 0);
        // both are only read.
        let (attrs, ct) = unsafe { (*boundary::obj(attributes)?, boundary::input(ciphertext, ciphertext_length)?) };
        let id = crate::api::kem::decapsulate(key, alg, ct, &attrs)?;
        // SAFETY: checked non-NULL above.
        unsafe { boundary::set_out(output_key, id) }
    })
}
