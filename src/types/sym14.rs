//! PSA Crypto API 1.3–1.5 symmetric additions: the fixed-length hashes of the
//! PQC extension, Ascon (NIST SP 800-232), BLAKE2 (RFC 7693) and the XOF
//! algorithms with their operation object.
use super::*;

/// The SHA-256/192 message digest: the first 192 bits (24 bytes) of SHA-256.
pub const PSA_ALG_SHA_256_192: psa_algorithm_t = 0x0200_000E as psa_algorithm_t;
/// The SHAKE128/256 message digest: the first 256 bits (32 bytes) of SHAKE128.
pub const PSA_ALG_SHAKE128_256: psa_algorithm_t = 0x0200_0016 as psa_algorithm_t;
/// The SHAKE256/192 message digest: the first 192 bits (24 bytes) of SHAKE256.
pub const PSA_ALG_SHAKE256_192: psa_algorithm_t = 0x0200_0017 as psa_algorithm_t;
/// The SHAKE256/256 message digest: the first 256 bits (32 bytes) of SHAKE256.
pub const PSA_ALG_SHAKE256_256: psa_algorithm_t = 0x0200_0018 as psa_algorithm_t;
/// The Ascon-Hash256 message digest (NIST SP 800-232).
pub const PSA_ALG_ASCON_HASH256: psa_algorithm_t = 0x0200_0019 as psa_algorithm_t;
/// The BLAKE2s hash with 256 bits of output (BLAKE2s-256, RFC 7693).
pub const PSA_ALG_BLAKE2S_HASH256: psa_algorithm_t = 0x0200_001C as psa_algorithm_t;
/// The BLAKE2sp hash with 256 bits of output (BLAKE2sp-256).
pub const PSA_ALG_BLAKE2SP_HASH256: psa_algorithm_t = 0x0200_001D as psa_algorithm_t;
/// The BLAKE2b hash with 512 bits of output (BLAKE2b-512, RFC 7693).
pub const PSA_ALG_BLAKE2B_HASH512: psa_algorithm_t = 0x0200_001E as psa_algorithm_t;
/// The BLAKE2bp hash with 512 bits of output (BLAKE2bp-512).
pub const PSA_ALG_BLAKE2BP_HASH512: psa_algorithm_t = 0x0200_001F as psa_algorithm_t;

/// The Ascon-AEAD128 authenticated encryption algorithm (NIST SP 800-232).
pub const PSA_ALG_ASCON_AEAD128: psa_algorithm_t = 0x0510_0700 as psa_algorithm_t;
/// Key for the Ascon-AEAD128 algorithm (128 bits).
pub const PSA_KEY_TYPE_ASCON: psa_key_type_t = 0x2008 as psa_key_type_t;
/// Key for the BLAKE2 MAC algorithms of PSA Crypto API 1.5 (up to 256 bits for
/// BLAKE2s/BLAKE2sp, up to 512 bits for BLAKE2b/BLAKE2bp). Declared only: this
/// library has no BLAKE2 MAC, so importing or generating such a key returns
/// `PSA_ERROR_NOT_SUPPORTED` (see docs/SPEC-CHANGES.md).
pub const PSA_KEY_TYPE_BLAKE2: psa_key_type_t = 0x1103 as psa_key_type_t;

/// The SHAKE128 extendable-output function (FIPS 202).
pub const PSA_ALG_SHAKE128: psa_algorithm_t = 0x0D00_0100 as psa_algorithm_t;
/// The SHAKE256 extendable-output function (FIPS 202).
pub const PSA_ALG_SHAKE256: psa_algorithm_t = 0x0D00_0200 as psa_algorithm_t;
/// The Ascon-XOF128 extendable-output function (NIST SP 800-232).
pub const PSA_ALG_ASCON_XOF128: psa_algorithm_t = 0x0D00_0300 as psa_algorithm_t;
/// The Ascon-CXOF128 extendable-output function, with a customization string
/// as its context (NIST SP 800-232).
pub const PSA_ALG_ASCON_CXOF128: psa_algorithm_t = 0x0D00_8300 as psa_algorithm_t;

/// The XOF category of algorithm identifiers.
const ALG_CATEGORY_XOF: psa_algorithm_t = 0x0D00_0000;
/// The flag of XOF algorithms that take a context.
const ALG_XOF_CONTEXT_FLAG: psa_algorithm_t = 0x0000_8000;

/// `PSA_ALG_IS_XOF(alg)`
pub const fn psa_alg_is_xof(alg: psa_algorithm_t) -> bool {
    alg & 0x7f00_0000 == ALG_CATEGORY_XOF
}
/// `PSA_ALG_XOF_HAS_CONTEXT(alg)`
pub const fn psa_alg_xof_has_context(alg: psa_algorithm_t) -> bool {
    psa_alg_is_xof(alg) && alg & ALG_XOF_CONTEXT_FLAG != 0
}
/// `PSA_ALG_IS_BLAKE2_HASH(alg)`
pub const fn psa_alg_is_blake2_hash(alg: psa_algorithm_t) -> bool {
    alg & !0x3 == PSA_ALG_BLAKE2S_HASH256
}

/// The type of the state object for multi-part XOF operations.
#[repr(C)]
#[derive(Debug, Default)]
pub struct psa_xof_operation_s {
    /// Implementation data (a scalar first, so `{{0}}` is warning-free): never use it.
    pub private_handle: u64,
    /// Implementation data: never read or write it.
    pub private_opaque: [u64; RUSTPSA_OPERATION_OPAQUE_WORDS],
}
/// The type of the state object for multi-part XOF operations.
pub type psa_xof_operation_t = psa_xof_operation_s;

impl OperationObject for psa_xof_operation_s {
    unsafe fn words_of(this: *mut Self) -> *mut [u64; RUSTPSA_OPERATION_WORDS] {
        // `repr(C)`: `private_handle` then the rest, the same words in order.
        this.cast::<[u64; RUSTPSA_OPERATION_WORDS]>()
    }
}
const _: () = assert!(
    core::mem::size_of::<psa_xof_operation_s>() == 8 * RUSTPSA_OPERATION_WORDS
        && core::mem::align_of::<psa_xof_operation_s>()
            == core::mem::align_of::<[u64; RUSTPSA_OPERATION_WORDS]>()
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xof_predicates() {
        for a in [PSA_ALG_SHAKE128, PSA_ALG_SHAKE256, PSA_ALG_ASCON_XOF128] {
            assert!(psa_alg_is_xof(a) && !psa_alg_xof_has_context(a) && !psa_alg_is_hash(a));
        }
        assert!(psa_alg_xof_has_context(PSA_ALG_ASCON_CXOF128));
        assert!(!psa_alg_is_xof(PSA_ALG_SHAKE256_512) && !psa_alg_xof_has_context(PSA_ALG_GCM));
        for a in [
            PSA_ALG_BLAKE2S_HASH256,
            PSA_ALG_BLAKE2SP_HASH256,
            PSA_ALG_BLAKE2B_HASH512,
            PSA_ALG_BLAKE2BP_HASH512,
        ] {
            assert!(psa_alg_is_blake2_hash(a) && psa_alg_is_hash(a));
        }
        assert!(!psa_alg_is_blake2_hash(PSA_ALG_ASCON_HASH256));
        assert!(psa_alg_is_aead(PSA_ALG_ASCON_AEAD128));
    }
}
