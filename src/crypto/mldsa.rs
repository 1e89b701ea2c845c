//! ML-DSA (FIPS 204) over the RustCrypto `ml-dsa` crate: ML-DSA-44/65/87,
//! selected by key bits 128/192/256.
//!
//! Key formats (PSA 1.4 PQC extension): a key pair is the 32-byte seed ξ of
//! ML-DSA.KeyGen_internal; a public key is pkEncode(ρ, t1). The signature input
//! M′ (FIPS 204 Algorithms 2 and 4: domain byte, context length, context, and
//! for HashML-DSA the hash OID and digest) is built by [`super::pqc_sign`] and
//! handed over in pieces to `sign_internal`/`verify_internal`, so no lattice
//! arithmetic lives here.
use rustpsa_pqc::mldsa::{Key, Level};

use crate::types::*;

/// Length of the seed ξ, the key-pair format.
pub const SEED_LEN: usize = 32;

/// The parameter set of a key of `bits` bits (`InvalidArgument` otherwise, as
/// for any unsupported size of a known type).
pub fn level(bits: usize) -> Result<Level> {
    match bits {
        128 => Ok(Level::L44),
        192 => Ok(Level::L65),
        256 => Ok(Level::L87),
        _ => Err(Error::InvalidArgument),
    }
}

fn bits_of_public_len(len: usize) -> Option<usize> {
    [128, 192, 256].into_iter().find(|&b| {
        pqc_sign_public_key_size(PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY, b) == len
    })
}

/// Checks imported material: a 32-byte seed for a key pair (the size must
/// come from the attributes: `declared`), an encoded public key otherwise.
/// Returns the key bits.
pub fn import(t: psa_key_type_t, declared: usize, data: &[u8]) -> Result<usize> {
    if t == PSA_KEY_TYPE_ML_DSA_KEY_PAIR {
        if data.len() != SEED_LEN {
            return Err(Error::InvalidArgument);
        }
        level(declared)?;
        return Ok(declared);
    }
    let bits = bits_of_public_len(data.len()).ok_or(Error::InvalidArgument)?;
    if declared != 0 && declared != bits {
        return Err(Error::InvalidArgument);
    }
    Ok(bits)
}

/// A parsed ML-DSA key of any parameter set, cached in the key slot.
pub struct Prepared(Key);

/// Parses stored material of a key of type `t` and `bits` bits.
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    let level = level(bits)?;
    if psa_key_type_is_key_pair(t) {
        let seed: &[u8; SEED_LEN] = material.try_into().map_err(|_| Error::CorruptionDetected)?;
        Ok(Prepared(Key::from_seed(level, seed)))
    } else {
        Key::from_public(level, material).map(Prepared).ok_or(Error::CorruptionDetected)
    }
}

impl Prepared {
    /// ML-DSA.Sign_internal over the pieces of M′ with the 32-byte `rnd`
    /// (zero for the deterministic variant); returns the signature length.
    pub fn sign(&self, m_prime: &[&[u8]], rnd: &[u8; 32], out: &mut [u8]) -> Result<usize> {
        let sig = self.0.sign(m_prime, rnd).ok_or(Error::InvalidArgument)?;
        out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(&sig);
        Ok(sig.len())
    }

    /// ML-DSA.Verify_internal over M′: `InvalidSignature` on mismatch or a
    /// signature of the wrong length or encoding.
    pub fn verify(&self, m_prime: &[u8], signature: &[u8]) -> Result<()> {
        if self.0.verify(m_prime, signature) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    /// The encoded public key.
    pub fn public(&self) -> Vec<u8> {
        self.0.public()
    }
}

/// The encoded public key of stored material.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    if psa_key_type_is_key_pair(t) {
        Ok(prepare(t, bits, material)?.public())
    } else {
        Ok(material.to_vec())
    }
}
