//! Elliptic-curve keys and algorithms: ECDSA, EdDSA, ECDH, X25519/X448.
//!
//! Key material is stored in the specification's export format: a key pair as
//! its private scalar (Weierstrass) or raw private key (Montgomery, Edwards); a
//! public key as an uncompressed point (Weierstrass) or raw bytes.
use zeroize::Zeroizing;

use crate::types::*;

/// Validates key data of ECC type `t`; returns the key size in bits.
pub fn import(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    let _ = (t, data);
    Err(Error::NotSupported)
}

/// Generates a key pair of ECC type `t` and `bits` bits.
pub fn generate(t: psa_key_type_t, bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    let _ = (t, bits);
    Err(Error::NotSupported)
}

/// The public key (export format) of an ECC key pair or public key.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    let _ = (t, bits, material);
    Err(Error::NotSupported)
}
