//! `psa_generate_key_custom` (PSA Crypto API 1.3): key generation with custom
//! production parameters. The only customisation defined is the public exponent
//! of an RSA key pair.
use zeroize::Zeroizing;

use super::attributes::requested_bits;
use super::core;
use crate::crypto::rsa;
use crate::types::*;

/// `psa_generate_key_custom`: `flags` must be 0; `data` is, for an RSA key pair,
/// the public exponent as a big-endian integer (empty: 65537). Non-empty data
/// for any other key type is `InvalidArgument`.
pub fn generate(attrs: &psa_key_attributes_t, flags: u32, data: &[u8]) -> Result<psa_key_id_t> {
    core()?;
    let (target, _) = super::key_management::check_new(attrs)?;
    if flags != 0 {
        return Err(Error::InvalidArgument);
    }
    if data.is_empty() {
        return super::key_management::generate(attrs);
    }
    if attrs.private_type != PSA_KEY_TYPE_RSA_KEY_PAIR {
        return Err(Error::InvalidArgument);
    }
    let bits = requested_bits(attrs)?;
    if bits == 0 {
        return Err(Error::InvalidArgument);
    }
    // Slow: done before the key store is touched.
    let material: Zeroizing<Vec<u8>> = rsa::generate(bits, Some(data))?;
    super::key_management::create(attrs, target, bits, material)
}
