//! ML-DSA-44/65/87 (FIPS 204) keys: from the seed ξ or an encoded public key;
//! ML-DSA.Sign_internal / Verify_internal over the pieces of M′.
use ml_dsa::{EncodedVerifyingKey, MlDsa44, MlDsa65, MlDsa87, MlDsaParams, Signature, SigningKey, VerifyingKey, B32};

/// The parameter sets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Level {
    /// ML-DSA-44
    L44,
    /// ML-DSA-65
    L65,
    /// ML-DSA-87
    L87,
}

struct Keys<P: MlDsaParams> {
    sk: Option<Box<SigningKey<P>>>,
    vk: Box<VerifyingKey<P>>,
}

enum Inner {
    L44(Keys<MlDsa44>),
    L65(Keys<MlDsa65>),
    L87(Keys<MlDsa87>),
}

/// A parsed key: the signing key (for a key pair; it wipes itself on drop)
/// and the verifying key.
pub struct Key(Inner);

macro_rules! each {
    ($p:expr, $k:ident => $e:expr) => {
        match $p {
            Inner::L44($k) => $e,
            Inner::L65($k) => $e,
            Inner::L87($k) => $e,
        }
    };
}

fn from_seed<P: MlDsaParams>(seed: &[u8; 32]) -> Keys<P> {
    let xi = zeroize::Zeroizing::new(B32::from(*seed));
    let sk = Box::new(SigningKey::<P>::from_seed(&xi));
    let vk = Box::new(AsRef::<VerifyingKey<P>>::as_ref(&*sk).clone());
    Keys { sk: Some(sk), vk }
}

fn from_public<P: MlDsaParams>(b: &[u8]) -> Option<Keys<P>> {
    let enc = EncodedVerifyingKey::<P>::try_from(b).ok()?;
    Some(Keys { sk: None, vk: Box::new(VerifyingKey::<P>::decode(&enc)) })
}

impl<P: MlDsaParams> Keys<P> {
    fn sign(&self, m_prime: &[&[u8]], rnd: &[u8; 32]) -> Option<Vec<u8>> {
        let sk = self.sk.as_ref()?;
        Some(sk.expanded_key().sign_internal(m_prime, &B32::from(*rnd)).encode().to_vec())
    }

    fn verify(&self, m_prime: &[u8], signature: &[u8]) -> bool {
        match Signature::<P>::try_from(signature) {
            Ok(sig) => self.vk.verify_internal(m_prime, &sig),
            Err(_) => false,
        }
    }
}

impl Key {
    /// ML-DSA.KeyGen_internal from the 32-byte seed ξ.
    pub fn from_seed(level: Level, seed: &[u8; 32]) -> Key {
        Key(match level {
            Level::L44 => Inner::L44(from_seed(seed)),
            Level::L65 => Inner::L65(from_seed(seed)),
            Level::L87 => Inner::L87(from_seed(seed)),
        })
    }

    /// pkDecode of an encoded public key (`None` for the wrong length).
    pub fn from_public(level: Level, b: &[u8]) -> Option<Key> {
        Some(Key(match level {
            Level::L44 => Inner::L44(from_public(b)?),
            Level::L65 => Inner::L65(from_public(b)?),
            Level::L87 => Inner::L87(from_public(b)?),
        }))
    }

    /// The encoded public key.
    pub fn public(&self) -> Vec<u8> {
        each!(&self.0, k => k.vk.encode().to_vec())
    }

    /// ML-DSA.Sign_internal over the pieces of M′ with `rnd` (zero for the
    /// deterministic variant); `None` for a public key.
    pub fn sign(&self, m_prime: &[&[u8]], rnd: &[u8; 32]) -> Option<Vec<u8>> {
        each!(&self.0, k => k.sign(m_prime, rnd))
    }

    /// ML-DSA.Verify_internal over M′ (false for a malformed signature).
    pub fn verify(&self, m_prime: &[u8], signature: &[u8]) -> bool {
        each!(&self.0, k => k.verify(m_prime, signature))
    }
}
