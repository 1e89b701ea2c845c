//! ML-DSA (FIPS 204) over the RustCrypto `ml-dsa` crate: ML-DSA-44/65/87,
//! selected by key bits 128/192/256.
//!
//! Key formats (PSA 1.4 PQC extension): a key pair is the 32-byte seed ξ of
//! ML-DSA.KeyGen_internal; a public key is pkEncode(ρ, t1). The signature input
//! M′ (FIPS 204 Algorithms 2 and 4: domain byte, context length, context, and
//! for HashML-DSA the hash OID and digest) is built by [`super::pqc_sign`] and
//! handed over in pieces to `sign_internal`/`verify_internal`, so no lattice
//! arithmetic lives here.
use ml_dsa::{
    EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams, Signature, SigningKey,
    VerifyingKey, B32,
};

use crate::types::*;

/// Length of the seed ξ, the key-pair format.
pub const SEED_LEN: usize = 32;

/// The parameter sets, by key bits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    /// ML-DSA-44 (128 bits)
    L44,
    /// ML-DSA-65 (192 bits)
    L65,
    /// ML-DSA-87 (256 bits)
    L87,
}

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

/// A parsed key of one parameter set: the expanded signing key (for a key
/// pair) and the verifying key. `SigningKey` wipes itself on drop.
pub struct Keys<P: MlDsaParams> {
    sk: Option<Box<SigningKey<P>>>,
    vk: Box<VerifyingKey<P>>,
}

/// A parsed ML-DSA key of any parameter set, cached in the key slot.
pub enum Prepared {
    /// ML-DSA-44
    L44(Keys<MlDsa44>),
    /// ML-DSA-65
    L65(Keys<MlDsa65>),
    /// ML-DSA-87
    L87(Keys<MlDsa87>),
}

fn keys<P: MlDsaParams>(pair: bool, material: &[u8]) -> Result<Keys<P>> {
    if pair {
        let seed = zeroize::Zeroizing::new(
            B32::try_from(material).map_err(|_| Error::CorruptionDetected)?,
        );
        let sk = Box::new(SigningKey::<P>::from_seed(&seed));
        let vk = Box::new(AsRef::<VerifyingKey<P>>::as_ref(&*sk).clone());
        Ok(Keys { sk: Some(sk), vk })
    } else {
        let enc = EncodedVerifyingKey::<P>::try_from(material).map_err(|_| Error::CorruptionDetected)?;
        Ok(Keys { sk: None, vk: Box::new(VerifyingKey::<P>::decode(&enc)) })
    }
}

/// Parses stored material of a key of type `t` and `bits` bits.
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    let pair = psa_key_type_is_key_pair(t);
    Ok(match level(bits)? {
        Level::L44 => Prepared::L44(keys(pair, material)?),
        Level::L65 => Prepared::L65(keys(pair, material)?),
        Level::L87 => Prepared::L87(keys(pair, material)?),
    })
}

impl<P: MlDsaParams> Keys<P> {
    fn sign(&self, m_prime: &[&[u8]], rnd: &[u8; 32], out: &mut [u8]) -> Result<usize> {
        let sk = self.sk.as_ref().ok_or(Error::InvalidArgument)?;
        let sig = sk.expanded_key().sign_internal(m_prime, &B32::from(*rnd)).encode();
        let n = sig.len();
        out.get_mut(..n).ok_or(Error::BufferTooSmall)?.copy_from_slice(&sig);
        Ok(n)
    }

    fn verify(&self, m_prime: &[u8], signature: &[u8]) -> Result<()> {
        let sig = Signature::<P>::try_from(signature).map_err(|_| Error::InvalidSignature)?;
        if self.vk.verify_internal(m_prime, &sig) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    fn public(&self) -> Vec<u8> {
        self.vk.encode().to_vec()
    }
}

macro_rules! each {
    ($p:expr, $k:ident => $e:expr) => {
        match $p {
            Prepared::L44($k) => $e,
            Prepared::L65($k) => $e,
            Prepared::L87($k) => $e,
        }
    };
}

impl Prepared {
    /// ML-DSA.Sign_internal over the pieces of M′ with the 32-byte `rnd`
    /// (zero for the deterministic variant); returns the signature length.
    pub fn sign(&self, m_prime: &[&[u8]], rnd: &[u8; 32], out: &mut [u8]) -> Result<usize> {
        each!(self, k => k.sign(m_prime, rnd, out))
    }

    /// ML-DSA.Verify_internal over M′: `InvalidSignature` on mismatch or a
    /// signature of the wrong length or encoding.
    pub fn verify(&self, m_prime: &[u8], signature: &[u8]) -> Result<()> {
        each!(self, k => k.verify(m_prime, signature))
    }

    /// The encoded public key.
    pub fn public(&self) -> Vec<u8> {
        each!(self, k => k.public())
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
