//! Asymmetric encryption: encrypt with a public key, decrypt with the private key.
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_status_t};

/// Encrypt the short message `input` with public key (or key pair) `key`; `salt`
/// is an optional label for algorithms that take one (such as RSA-OAEP) and must
/// be empty for `PSA_ALG_RSA_PKCS1V15_CRYPT`. `*output_length` receives the
/// ciphertext length (at most `PSA_ASYMMETRIC_ENCRYPT_OUTPUT_SIZE`).
#[no_mangle]
pub unsafe extern "C" fn psa_asymmetric_encrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    salt: *const u8,
    salt_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes valid buffers (or NULL with length 0).
    unsafe {
        boundary::fill_with(
            output,
            output_size,
            output_length,
            || {
                let beside = |p, n| boundary::input_beside(p, n, output, output_size);
                Ok((beside(input, input_length)?, beside(salt, salt_length)?))
            },
            |(input, salt), out| crate::api::asymmetric_encrypt::encrypt(key, alg, &input, &salt, out),
        )
    }
}

/// Decrypt `input` with private key `key`; `salt` must match the label used for
/// encryption, if any. `*output_length` receives the plaintext length (at most
/// `PSA_ASYMMETRIC_DECRYPT_OUTPUT_SIZE`). With `PSA_ALG_RSA_PKCS1V15_CRYPT` an
/// invalid ciphertext is not reported: it decrypts to a deterministic
/// pseudo-random message (implicit rejection).
#[no_mangle]
pub unsafe extern "C" fn psa_asymmetric_decrypt(
    key: psa_key_id_t,
    alg: psa_algorithm_t,
    input: *const u8,
    input_length: usize,
    salt: *const u8,
    salt_length: usize,
    output: *mut u8,
    output_size: usize,
    output_length: *mut usize,
) -> psa_status_t {
    // SAFETY: the caller passes valid buffers (or NULL with length 0).
    unsafe {
        boundary::fill_with(
            output,
            output_size,
            output_length,
            || {
                let beside = |p, n| boundary::input_beside(p, n, output, output_size);
                Ok((beside(input, input_length)?, beside(salt, salt_length)?))
            },
            |(input, salt), out| crate::api::asymmetric_encrypt::decrypt(key, alg, &input, &salt, out),
        )
    }
}
