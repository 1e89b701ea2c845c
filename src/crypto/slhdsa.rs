//! SLH-DSA (FIPS 205) over the RustCrypto `slh-dsa` crate: the twelve
//! parameter sets, SHA2 and SHAKE, 128/192/256 bits, small (s) and fast (f).
//!
//! Key formats (PSA 1.4 PQC extension, FIPS 205 §9.1): a key pair is
//! SK.seed ‖ SK.prf ‖ PK.seed ‖ PK.root (4n bytes), a public key PK.seed ‖
//! PK.root (2n bytes); key bits are 8n. The message M′ (domain byte, context
//! length, context, and for HashSLH-DSA the hash OID and digest) is built by
//! [`super::pqc_sign`] and handed over in pieces to `slh_sign_internal` /
//! `slh_verify_internal`.
use slh_dsa::{
    ParameterSet, Sha2_128f, Sha2_128s, Sha2_192f, Sha2_192s, Sha2_256f, Sha2_256s, Shake128f,
    Shake128s, Shake192f, Shake192s, Shake256f, Shake256s, Signature, SigningKey, VerifyingKey,
};
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

/// A parsed key of one parameter set: the signing key (for a key pair; it
/// wipes itself on drop) and the verifying key.
pub struct Keys<P: ParameterSet> {
    sk: Option<Box<SigningKey<P>>>,
    vk: VerifyingKey<P>,
}

/// A parsed SLH-DSA key of any parameter set, cached in the key slot.
#[allow(missing_docs)]
pub enum Prepared {
    Sha2_128s(Keys<Sha2_128s>),
    Sha2_128f(Keys<Sha2_128f>),
    Sha2_192s(Keys<Sha2_192s>),
    Sha2_192f(Keys<Sha2_192f>),
    Sha2_256s(Keys<Sha2_256s>),
    Sha2_256f(Keys<Sha2_256f>),
    Shake128s(Keys<Shake128s>),
    Shake128f(Keys<Shake128f>),
    Shake192s(Keys<Shake192s>),
    Shake192f(Keys<Shake192f>),
    Shake256s(Keys<Shake256s>),
    Shake256f(Keys<Shake256f>),
}

macro_rules! each {
    ($p:expr, $k:ident => $e:expr) => {
        match $p {
            Prepared::Sha2_128s($k) => $e,
            Prepared::Sha2_128f($k) => $e,
            Prepared::Sha2_192s($k) => $e,
            Prepared::Sha2_192f($k) => $e,
            Prepared::Sha2_256s($k) => $e,
            Prepared::Sha2_256f($k) => $e,
            Prepared::Shake128s($k) => $e,
            Prepared::Shake128f($k) => $e,
            Prepared::Shake192s($k) => $e,
            Prepared::Shake192f($k) => $e,
            Prepared::Shake256s($k) => $e,
            Prepared::Shake256f($k) => $e,
        }
    };
}

fn keys<P: ParameterSet>(pair: bool, material: &[u8]) -> Result<Keys<P>> {
    if pair {
        let sk = Box::new(SigningKey::<P>::try_from(material).map_err(|_| Error::InvalidArgument)?);
        let vk = AsRef::<VerifyingKey<P>>::as_ref(&*sk).clone();
        Ok(Keys { sk: Some(sk), vk })
    } else {
        let vk = VerifyingKey::<P>::try_from(material).map_err(|_| Error::InvalidArgument)?;
        Ok(Keys { sk: None, vk })
    }
}

/// Parses material of a key of type `t` and `bits` bits (`InvalidArgument`
/// for material of the wrong length).
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    check_size(t, bits)?;
    let pair = psa_key_type_is_key_pair(t);
    let fam = psa_key_type_slh_dsa_get_family(t);
    Ok(match (fam, bits) {
        (PSA_SLH_DSA_FAMILY_SHA2_S, 128) => Prepared::Sha2_128s(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHA2_F, 128) => Prepared::Sha2_128f(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHA2_S, 192) => Prepared::Sha2_192s(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHA2_F, 192) => Prepared::Sha2_192f(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHA2_S, _) => Prepared::Sha2_256s(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHA2_F, _) => Prepared::Sha2_256f(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHAKE_S, 128) => Prepared::Shake128s(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHAKE_F, 128) => Prepared::Shake128f(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHAKE_S, 192) => Prepared::Shake192s(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHAKE_F, 192) => Prepared::Shake192f(keys(pair, material)?),
        (PSA_SLH_DSA_FAMILY_SHAKE_S, _) => Prepared::Shake256s(keys(pair, material)?),
        (_, _) => Prepared::Shake256f(keys(pair, material)?),
    })
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
    let p = prepare(t, bits, data)?;
    if psa_key_type_is_key_pair(t) {
        let n = bits / 8;
        let regenerated = keygen_internal(t, bits, &data[..n], &data[n..2 * n], &data[2 * n..3 * n])?;
        if !bool::from(subtle::ConstantTimeEq::ct_eq(&regenerated[..], data)) {
            return Err(Error::InvalidArgument);
        }
    }
    drop(p);
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
    // A throw-away key of the right parameter set tells which type to build.
    let n = bits / 8;
    let zero = Zeroizing::new(vec![0u8; 4 * n]);
    let shape = prepare(psa_key_type_key_pair_of_public_key(t), bits, &zero)?;
    Ok(Zeroizing::new(each!(&shape, k => k.regenerate(sk_seed, sk_prf, pk_seed))))
}

impl<P: ParameterSet> Keys<P> {
    fn regenerate(&self, sk_seed: &[u8], sk_prf: &[u8], pk_seed: &[u8]) -> Vec<u8> {
        SigningKey::<P>::slh_keygen_internal(sk_seed, sk_prf, pk_seed).to_vec()
    }

    fn sign(&self, m_prime: &[&[u8]], opt_rand: Option<&[u8]>, out: &mut [u8]) -> Result<usize> {
        let sk = self.sk.as_ref().ok_or(Error::InvalidArgument)?;
        let sig = sk.slh_sign_internal(m_prime, opt_rand).to_vec();
        out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(&sig);
        Ok(sig.len())
    }

    fn verify(&self, m_prime: &[&[u8]], signature: &[u8]) -> Result<()> {
        let sig = Signature::<P>::try_from(signature).map_err(|_| Error::InvalidSignature)?;
        self.vk.slh_verify_internal(m_prime, &sig).map_err(|_| Error::InvalidSignature)
    }
}

impl Prepared {
    /// slh_sign_internal over the pieces of M′; `opt_rand` is n fresh random
    /// bytes (hedged) or `None` (deterministic: PK.seed).
    pub fn sign(&self, m_prime: &[&[u8]], opt_rand: Option<&[u8]>, out: &mut [u8]) -> Result<usize> {
        each!(self, k => k.sign(m_prime, opt_rand, out))
    }

    /// slh_verify_internal over M′: `InvalidSignature` on mismatch or a
    /// signature of the wrong length.
    pub fn verify(&self, m_prime: &[&[u8]], signature: &[u8]) -> Result<()> {
        each!(self, k => k.verify(m_prime, signature))
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
