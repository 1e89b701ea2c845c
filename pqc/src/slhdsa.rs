//! SLH-DSA (FIPS 205) keys of the twelve parameter sets: slh_keygen_internal,
//! slh_sign_internal, slh_verify_internal over the pieces of M′.
use slh_dsa::{
    ParameterSet, Sha2_128f, Sha2_128s, Sha2_192f, Sha2_192s, Sha2_256f, Sha2_256s, Shake128f, Shake128s,
    Shake192f, Shake192s, Shake256f, Shake256s, Signature, SigningKey, VerifyingKey,
};

/// The parameter sets.
#[allow(missing_docs)]
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Set {
    Sha2_128s,
    Sha2_128f,
    Sha2_192s,
    Sha2_192f,
    Sha2_256s,
    Sha2_256f,
    Shake128s,
    Shake128f,
    Shake192s,
    Shake192f,
    Shake256s,
    Shake256f,
}

struct Keys<P: ParameterSet> {
    sk: Option<Box<SigningKey<P>>>,
    vk: VerifyingKey<P>,
}

enum Inner {
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

/// A parsed key: the signing key (for a key pair; it wipes itself on drop)
/// and the verifying key.
pub struct Key(Inner);

macro_rules! each {
    ($p:expr, $k:ident => $e:expr) => {
        match $p {
            Inner::Sha2_128s($k) => $e,
            Inner::Sha2_128f($k) => $e,
            Inner::Sha2_192s($k) => $e,
            Inner::Sha2_192f($k) => $e,
            Inner::Sha2_256s($k) => $e,
            Inner::Sha2_256f($k) => $e,
            Inner::Shake128s($k) => $e,
            Inner::Shake128f($k) => $e,
            Inner::Shake192s($k) => $e,
            Inner::Shake192f($k) => $e,
            Inner::Shake256s($k) => $e,
            Inner::Shake256f($k) => $e,
        }
    };
}

/// Runs `$f::<P>($args)` for the parameter set `$set`, wrapping the result in `Inner::P`.
macro_rules! by_set {
    ($set:expr, $f:ident($($a:expr),*)) => {
        match $set {
            Set::Sha2_128s => Inner::Sha2_128s($f::<Sha2_128s>($($a),*)?),
            Set::Sha2_128f => Inner::Sha2_128f($f::<Sha2_128f>($($a),*)?),
            Set::Sha2_192s => Inner::Sha2_192s($f::<Sha2_192s>($($a),*)?),
            Set::Sha2_192f => Inner::Sha2_192f($f::<Sha2_192f>($($a),*)?),
            Set::Sha2_256s => Inner::Sha2_256s($f::<Sha2_256s>($($a),*)?),
            Set::Sha2_256f => Inner::Sha2_256f($f::<Sha2_256f>($($a),*)?),
            Set::Shake128s => Inner::Shake128s($f::<Shake128s>($($a),*)?),
            Set::Shake128f => Inner::Shake128f($f::<Shake128f>($($a),*)?),
            Set::Shake192s => Inner::Shake192s($f::<Shake192s>($($a),*)?),
            Set::Shake192f => Inner::Shake192f($f::<Shake192f>($($a),*)?),
            Set::Shake256s => Inner::Shake256s($f::<Shake256s>($($a),*)?),
            Set::Shake256f => Inner::Shake256f($f::<Shake256f>($($a),*)?),
        }
    };
}

fn parse<P: ParameterSet>(pair: bool, b: &[u8]) -> Option<Keys<P>> {
    if pair {
        let sk = Box::new(SigningKey::<P>::try_from(b).ok()?);
        let vk = AsRef::<VerifyingKey<P>>::as_ref(&*sk).clone();
        Some(Keys { sk: Some(sk), vk })
    } else {
        Some(Keys { sk: None, vk: VerifyingKey::<P>::try_from(b).ok()? })
    }
}

fn keygen<P: ParameterSet>(sk_seed: &[u8], sk_prf: &[u8], pk_seed: &[u8]) -> Option<Keys<P>> {
    let sk = Box::new(SigningKey::<P>::slh_keygen_internal(sk_seed, sk_prf, pk_seed));
    let vk = AsRef::<VerifyingKey<P>>::as_ref(&*sk).clone();
    Some(Keys { sk: Some(sk), vk })
}

impl<P: ParameterSet> Keys<P> {
    fn sign(&self, m_prime: &[&[u8]], opt_rand: Option<&[u8]>) -> Option<Vec<u8>> {
        Some(self.sk.as_ref()?.slh_sign_internal(m_prime, opt_rand).to_vec())
    }

    fn verify(&self, m_prime: &[&[u8]], signature: &[u8]) -> bool {
        match Signature::<P>::try_from(signature) {
            Ok(sig) => self.vk.slh_verify_internal(m_prime, &sig).is_ok(),
            Err(_) => false,
        }
    }

    fn encoded(&self) -> zeroize::Zeroizing<Vec<u8>> {
        zeroize::Zeroizing::new(match &self.sk {
            Some(sk) => sk.to_vec(),
            None => self.vk.to_vec(),
        })
    }
}

impl Key {
    /// Parses SK.seed‖SK.prf‖PK.seed‖PK.root (`pair`) or PK.seed‖PK.root
    /// (`None` for the wrong length).
    pub fn from_bytes(set: Set, pair: bool, b: &[u8]) -> Option<Key> {
        Some(Key(by_set!(set, parse(pair, b))))
    }

    /// slh_keygen_internal (FIPS 205 Algorithm 18) from the three n-byte seeds.
    pub fn keygen(set: Set, sk_seed: &[u8], sk_prf: &[u8], pk_seed: &[u8]) -> Option<Key> {
        Some(Key(by_set!(set, keygen(sk_seed, sk_prf, pk_seed))))
    }

    /// The key's encoding (the key-pair format for a pair).
    pub fn encoded(&self) -> zeroize::Zeroizing<Vec<u8>> {
        each!(&self.0, k => k.encoded())
    }

    /// slh_sign_internal over the pieces of M′ with `opt_rand` (n bytes) or,
    /// when `None`, PK.seed (the deterministic variant); `None` for a public key.
    pub fn sign(&self, m_prime: &[&[u8]], opt_rand: Option<&[u8]>) -> Option<Vec<u8>> {
        each!(&self.0, k => k.sign(m_prime, opt_rand))
    }

    /// slh_verify_internal over M′ (false for a malformed signature).
    pub fn verify(&self, m_prime: &[&[u8]], signature: &[u8]) -> bool {
        each!(&self.0, k => k.verify(m_prime, signature))
    }
}
