//! Key usage flags (`psa_key_usage_t`).
use super::psa_key_usage_t;

/// Permission to export the key.
pub const PSA_KEY_USAGE_EXPORT: psa_key_usage_t = 0x0000_0001 as psa_key_usage_t;
/// Permission to copy the key.
pub const PSA_KEY_USAGE_COPY: psa_key_usage_t = 0x0000_0002 as psa_key_usage_t;
/// Permission for the implementation to cache the key.
pub const PSA_KEY_USAGE_CACHE: psa_key_usage_t = 0x0000_0004 as psa_key_usage_t;
/// Permission to use the key as the public side of a key agreement or PAKE
/// (PSA Crypto API 1.4; no function requires it yet).
pub const PSA_KEY_USAGE_DERIVE_PUBLIC: psa_key_usage_t = 0x0000_0080 as psa_key_usage_t;
/// Permission to encrypt a message with the key.
pub const PSA_KEY_USAGE_ENCRYPT: psa_key_usage_t = 0x0000_0100 as psa_key_usage_t;
/// Permission to decrypt a message with the key.
pub const PSA_KEY_USAGE_DECRYPT: psa_key_usage_t = 0x0000_0200 as psa_key_usage_t;
/// Permission to sign a message with the key.
pub const PSA_KEY_USAGE_SIGN_MESSAGE: psa_key_usage_t = 0x0000_0400 as psa_key_usage_t;
/// Permission to verify a message signature with the key.
pub const PSA_KEY_USAGE_VERIFY_MESSAGE: psa_key_usage_t = 0x0000_0800 as psa_key_usage_t;
/// Permission to sign a message hash with the key.
pub const PSA_KEY_USAGE_SIGN_HASH: psa_key_usage_t = 0x0000_1000 as psa_key_usage_t;
/// Permission to verify a message hash with the key.
pub const PSA_KEY_USAGE_VERIFY_HASH: psa_key_usage_t = 0x0000_2000 as psa_key_usage_t;
/// Permission to derive other keys or produce a password hash from this key.
pub const PSA_KEY_USAGE_DERIVE: psa_key_usage_t = 0x0000_4000 as psa_key_usage_t;
/// Permission to verify the result of a key derivation.
pub const PSA_KEY_USAGE_VERIFY_DERIVATION: psa_key_usage_t = 0x0000_8000 as psa_key_usage_t;

/// Adds the usages a policy implies: `SIGN_HASH` implies `SIGN_MESSAGE` and
/// `VERIFY_HASH` implies `VERIFY_MESSAGE` (specification 1.1 onwards).
pub const fn psa_key_usage_extend(usage: psa_key_usage_t) -> psa_key_usage_t {
    let mut u = usage;
    if u & PSA_KEY_USAGE_SIGN_HASH != 0 {
        u |= PSA_KEY_USAGE_SIGN_MESSAGE;
    }
    if u & PSA_KEY_USAGE_VERIFY_HASH != 0 {
        u |= PSA_KEY_USAGE_VERIFY_MESSAGE;
    }
    u
}

/// Permission to wrap another key with the key (`psa_wrap_key`; PSA Crypto API 1.4).
pub const PSA_KEY_USAGE_WRAP: psa_key_usage_t = 0x0001_0000 as psa_key_usage_t;
/// Permission to unwrap another key with the key (`psa_unwrap_key`; PSA Crypto API 1.4).
pub const PSA_KEY_USAGE_UNWRAP: psa_key_usage_t = 0x0002_0000 as psa_key_usage_t;
