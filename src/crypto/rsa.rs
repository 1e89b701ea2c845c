//! RSA keys and algorithms: PKCS#1 v1.5 and PSS signatures, OAEP and PKCS#1
//! v1.5 encryption.
//!
//! Key material is stored in the specification's export format: a key pair as
//! DER `RSAPrivateKey`, a public key as DER `RSAPublicKey`.
use zeroize::Zeroizing;

use crate::types::*;

/// Validates key data of RSA type `t`; returns the key size in bits.
pub fn import(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    let _ = (t, data);
    Err(Error::NotSupported)
}

/// Generates an RSA key pair of `bits` bits with public exponent `e`
/// (big-endian; `None` for 65537).
pub fn generate(bits: usize, e: Option<&[u8]>) -> Result<Zeroizing<Vec<u8>>> {
    let _ = (bits, e);
    Err(Error::NotSupported)
}

/// The public key (DER `RSAPublicKey`) of an RSA key pair or public key.
pub fn export_public(t: psa_key_type_t, material: &[u8]) -> Result<Vec<u8>> {
    let _ = (t, material);
    Err(Error::NotSupported)
}
