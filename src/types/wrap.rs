//! Key wrapping (PSA Crypto API 1.4, "Key wrapping"): the key-wrapping
//! algorithms and the `psa_wrap_key` buffer-size macros.
use super::*;

/// The key-wrapping algorithm category (bits 24..30 of an algorithm).
pub(crate) const ALG_CATEGORY_KEY_WRAP: psa_algorithm_t = 0x0b00_0000;

/// The NIST Key Wrap (KW) algorithm over a 128-bit block cipher (the
/// wrapping key's type: AES, ARIA, Camellia, SM4; SP 800-38F, RFC 3394 for
/// AES): keys to wrap are a multiple of 8 bytes.
pub const PSA_ALG_KW: psa_algorithm_t = 0x0b40_0100 as psa_algorithm_t;
/// The NIST Key Wrap with Padding (KWP) algorithm over a 128-bit block
/// cipher (SP 800-38F, RFC 5649 for AES): keys of any length.
pub const PSA_ALG_KWP: psa_algorithm_t = 0x0bc0_0200 as psa_algorithm_t;

/// `PSA_ALG_IS_KEY_WRAP(alg)`: whether `alg` is a key-wrapping algorithm.
pub const fn psa_alg_is_key_wrap(alg: psa_algorithm_t) -> bool {
    alg & ALG_CATEGORY_MASK == ALG_CATEGORY_KEY_WRAP
}

/// Length of KW/KWP output for `n` bytes of key data: the data padded
/// to whole 8-byte semiblocks, plus the 8-byte integrity block.
pub(crate) const fn rustpsa_aes_kw_output_size(n: usize) -> usize {
    n.div_ceil(8) * 8 + 8
}

/// `PSA_WRAP_KEY_OUTPUT_SIZE(wrap_key_type, alg, key_type, key_bits)`: a
/// sufficient `psa_wrap_key` buffer for a key of `key_type`/`key_bits`
/// wrapped with `alg` by a key of `wrap_key_type`; 0 for an unsupported
/// combination.
pub const fn psa_wrap_key_output_size(
    wrap_key_type: psa_key_type_t,
    alg: psa_algorithm_t,
    key_type: psa_key_type_t,
    key_bits: usize,
) -> usize {
    let kek_ok = matches!(wrap_key_type, PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA | PSA_KEY_TYPE_SM4);
    if kek_ok && (alg == PSA_ALG_KW || alg == PSA_ALG_KWP) {
        rustpsa_aes_kw_output_size(psa_export_key_output_size(key_type, key_bits))
    } else {
        0
    }
}

/// `PSA_WRAP_KEY_PAIR_MAX_SIZE`: a sufficient `psa_wrap_key` buffer for any
/// supported key pair with any supported key-wrapping algorithm
/// (`PSA_EXPORT_KEY_PAIR_MAX_SIZE` rounded up to 8, plus 8; a unit test keeps
/// the two in step).
pub const PSA_WRAP_KEY_PAIR_MAX_SIZE: usize = 4680;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_sizes() {
        assert_eq!(PSA_WRAP_KEY_PAIR_MAX_SIZE, rustpsa_aes_kw_output_size(PSA_EXPORT_KEY_PAIR_MAX_SIZE));
        assert!(psa_alg_is_key_wrap(PSA_ALG_KW) && psa_alg_is_key_wrap(PSA_ALG_KWP));
        assert!(!psa_alg_is_key_wrap(PSA_ALG_GCM));
        assert_eq!(psa_wrap_key_output_size(PSA_KEY_TYPE_AES, PSA_ALG_KW, PSA_KEY_TYPE_AES, 256), 40);
        assert_eq!(psa_wrap_key_output_size(PSA_KEY_TYPE_AES, PSA_ALG_KWP, PSA_KEY_TYPE_HMAC, 8), 16);
        assert_eq!(psa_wrap_key_output_size(PSA_KEY_TYPE_HMAC, PSA_ALG_KW, PSA_KEY_TYPE_AES, 128), 0);
    }
}
