//! SLH-DSA (FIPS 205) over the RustCrypto `slh-dsa` crate: the twelve
//! parameter sets, SHA2 and SHAKE, 128/192/256 bits, small (s) and fast (f).
//!
//! Key formats (PSA 1.4 PQC extension, FIPS 205 §9.1): a key pair is
//! SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root (4n bytes), a public key PK.seed ‖
//! PK.root (2n bytes); key bits are 8n. The message M′ (domain byte, context
//! length, context, and for HashSLH-DSA the hash OID and digest) is built by
//! [`super::pqc_sign`] and handed over in pieces to `slh_sign_internal` /
//! `slh_verify_internal`.
use rustpsa_pqc::slhdsa::{Key, Set};
use zeroize::Zeroizing;

use crate::types::*;

/// Whether `family` is one of the four the specification defines.
fn known_family(family: psa_slh_dsa_family_t) -> bool {
    matches!(
        family,
        PSA_SLH_DSA_FAMILY_SHA2_S
            | PSA_SLH_DSA_FAMILY_SHA2_F
            | PSA_SLH_DSA_FAMILY_SHAKE_S
            | PSA_SLH_DSA_FAMILY_SHAKE_F
    )
}

/// Checks that (type, bits) names a parameter set: `NotSupported` for an
/// unknown family, `InvalidArgument` for a size other than 128/192/256.
pub fn check_size(t: psa_key_type_t, bits: usize) -> Result<()> {
    if !known_family(psa_key_type_slh_dsa_get_family(t)) {
        return Err(Error::NotSupported);
    }
    match bits {
        128 | 192 | 256 => Ok(()),
        _ => Err(Error::InvalidArgument),
    }
}

/// A parsed SLH-DSA key of any parameter set, cached in the key slot.
pub struct Prepared {
    key: Key,
    /// n, the security parameter in bytes.
    pub n: usize,
}

/// The parameter set of (type, bits).
fn set(t: psa_key_type_t, bits: usize) -> Result<Set> {
    check_size(t, bits)?;
    Ok(match (psa_key_type_slh_dsa_get_family(t), bits) {
        (PSA_SLH_DSA_FAMILY_SHA2_S, 128) => Set::Sha2_128s,
        (PSA_SLH_DSA_FAMILY_SHA2_F, 128) => Set::Sha2_128f,
        (PSA_SLH_DSA_FAMILY_SHA2_S, 192) => Set::Sha2_192s,
        (PSA_SLH_DSA_FAMILY_SHA2_F, 192) => Set::Sha2_192f,
        (PSA_SLH_DSA_FAMILY_SHA2_S, _) => Set::Sha2_256s,
        (PSA_SLH_DSA_FAMILY_SHA2_F, _) => Set::Sha2_256f,
        (PSA_SLH_DSA_FAMILY_SHAKE_S, 128) => Set::Shake128s,
        (PSA_SLH_DSA_FAMILY_SHAKE_F, 128) => Set::Shake128f,
        (PSA_SLH_DSA_FAMILY_SHAKE_S, 192) => Set::Shake192s,
        (PSA_SLH_DSA_FAMILY_SHAKE_F, 192) => Set::Shake192f,
        (PSA_SLH_DSA_FAMILY_SHAKE_S, _) => Set::Shake256s,
        (_, _) => Set::Shake256f,
    })
}

/// Parses material of a key of type `t` and `bits` bits (`InvalidArgument`
/// for material of the wrong length).
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    let key = Key::from_bytes(set(t, bits)?, psa_key_type_is_key_pair(t), material).ok_or(Error::InvalidArgument)?;
    Ok(Prepared { key, n: bits / 8 })
}

/// Checks imported material and returns its key bits: 2n bytes for a public
/// key, 4n for a key pair, whose PK.root must be the root its seeds generate
/// (FIPS 205 §9.1; a key pair that fails is `InvalidArgument`).
pub fn import(t: psa_key_type_t, declared: usize, data: &[u8]) -> Result<usize> {
    let per = if psa_key_type_is_key_pair(t) { 4 } else { 2 };
    if data.len() % per != 0 {
        return Err(Error::InvalidArgument);
    }
    let bits = data.len() / per * 8;
    if declared != 0 && declared != bits {
        return Err(Error::InvalidArgument);
    }
    check_size(t, bits)?;
    prepare(t, bits, data)?;
    if psa_key_type_is_key_pair(t) {
        let n = bits / 8;
        let regenerated = keygen_internal(t, bits, &data[..n], &data[n..2 * n], &data[2 * n..3 * n])?;
        if !bool::from(subtle::ConstantTimeEq::ct_eq(&regenerated[..], data)) {
            return Err(Error::InvalidArgument);
        }
    }
    Ok(bits)
}

/// slh_keygen_internal (FIPS 205 Algorithm 18) from the three seeds: the
/// key-pair encoding.
pub fn keygen_internal(
    t: psa_key_type_t,
    bits: usize,
    sk_seed: &[u8],
    sk_prf: &[u8],
    pk_seed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let n = bits / 8;
    if sk_seed.len() != n || sk_prf.len() != n || pk_seed.len() != n {
        return Err(Error::InvalidArgument);
    }
    let key = Key::keygen(set(t, bits)?, sk_seed, sk_prf, pk_seed).ok_or(Error::InvalidArgument)?;
    Ok(key.encoded())
}

impl Prepared {
    /// slh_sign_internal over the pieces of M′; `opt_rand` is n fresh random
    /// bytes (hedged) or `None` (deterministic: PK.seed).
    pub fn sign(&self, m_prime: &[&[u8]], opt_rand: Option<&[u8]>, out: &mut [u8]) -> Result<usize> {
        if opt_rand.is_some_and(|r| r.len() != self.n) {
            return Err(Error::InvalidArgument);
        }
        let sig = self.key.sign(m_prime, opt_rand).ok_or(Error::InvalidArgument)?;
        out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(&sig);
        Ok(sig.len())
    }

    /// slh_verify_internal over M′: `InvalidSignature` on mismatch or a
    /// signature of the wrong length.
    pub fn verify(&self, m_prime: &[&[u8]], signature: &[u8]) -> Result<()> {
        if self.key.verify(m_prime, signature) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }
}

/// Generates a key pair: 3n random bytes through slh_keygen_internal (FIPS 205
/// Algorithm 21).
pub fn generate(t: psa_key_type_t, bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    check_size(t, bits)?;
    let n = bits / 8;
    let mut seeds = Zeroizing::new(vec![0u8; 3 * n]);
    super::random::fill(&mut seeds)?;
    keygen_internal(t, bits, &seeds[..n], &seeds[n..2 * n], &seeds[2 * n..])
}

/// The public key (PK.seed ‖ PK.root) of stored material.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    let n = bits / 8;
    if psa_key_type_is_key_pair(t) {
        material.get(2 * n..).map(<[u8]>::to_vec).ok_or(Error::CorruptionDetected)
    } else {
        Ok(material.to_vec())
    }
}
