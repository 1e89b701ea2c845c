//! Key derivation steps (`psa_key_derivation_step_t`) and capacity constants.
use super::psa_key_derivation_step_t;

/// A high-entropy secret input (a `DERIVE` key or a key agreement result).
pub const PSA_KEY_DERIVATION_INPUT_SECRET: psa_key_derivation_step_t =
    0x0101 as psa_key_derivation_step_t;
/// A low-entropy secret input for password hashing or key stretching.
pub const PSA_KEY_DERIVATION_INPUT_PASSWORD: psa_key_derivation_step_t =
    0x0102 as psa_key_derivation_step_t;
/// An additional high-entropy secret input (for example the PSK of TLS-PSK mixes).
pub const PSA_KEY_DERIVATION_INPUT_OTHER_SECRET: psa_key_derivation_step_t =
    0x0103 as psa_key_derivation_step_t;
/// A label input.
pub const PSA_KEY_DERIVATION_INPUT_LABEL: psa_key_derivation_step_t =
    0x0201 as psa_key_derivation_step_t;
/// A salt input.
pub const PSA_KEY_DERIVATION_INPUT_SALT: psa_key_derivation_step_t =
    0x0202 as psa_key_derivation_step_t;
/// An information string input.
pub const PSA_KEY_DERIVATION_INPUT_INFO: psa_key_derivation_step_t =
    0x0203 as psa_key_derivation_step_t;
/// A seed input.
pub const PSA_KEY_DERIVATION_INPUT_SEED: psa_key_derivation_step_t =
    0x0204 as psa_key_derivation_step_t;
/// A cost parameter (iteration count) for password hashing or key stretching.
pub const PSA_KEY_DERIVATION_INPUT_COST: psa_key_derivation_step_t =
    0x0205 as psa_key_derivation_step_t;
/// A context input (SP 800-108 counter-mode derivations).
pub const PSA_KEY_DERIVATION_INPUT_CONTEXT: psa_key_derivation_step_t =
    0x0206 as psa_key_derivation_step_t;

/// Use the maximum possible capacity for a key derivation operation.
pub const PSA_KEY_DERIVATION_UNLIMITED_CAPACITY: usize = usize::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_values() {
        assert_eq!(PSA_KEY_DERIVATION_INPUT_SECRET, 0x0101);
        assert_eq!(PSA_KEY_DERIVATION_INPUT_COST, 0x0205);
        assert_eq!(PSA_KEY_DERIVATION_INPUT_CONTEXT, 0x0206);
        assert_eq!(PSA_KEY_DERIVATION_UNLIMITED_CAPACITY, usize::MAX);
    }
}
