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

/// Signs the digest `hash` (raw data for `PSA_ALG_RSA_PKCS1V15_SIGN_RAW`)
/// with the key pair `material` and signature algorithm `alg`.
pub fn sign_hash(material: &[u8], alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
    let _ = (material, alg, hash, out);
    Err(Error::NotSupported)
}

/// Verifies `signature` over `hash` with the RSA key `material` of type `key_type`.
pub fn verify_hash(
    key_type: psa_key_type_t,
    material: &[u8],
    alg: psa_algorithm_t,
    hash: &[u8],
    signature: &[u8],
) -> Result<()> {
    let _ = (key_type, material, alg, hash, signature);
    Err(Error::NotSupported)
}

/// Signature length of a `bits`-bit RSA key.
pub fn signature_length(bits: usize) -> usize {
    bits.div_ceil(8)
}
