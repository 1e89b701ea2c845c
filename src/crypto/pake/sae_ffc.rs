//! The finite-field groups of WPA3-SAE: the RFC 3526 MODP groups 15 to 18
//! (3072, 4096, 6144 and 8192 bits; `PSA_DH_FAMILY_RFC3526`), whose primes
//! are safe primes, so the subgroup order is q = (p − 1)/2 and
//! (p − 1)/q = 2. Group 14 (2048 bits) is in the family but IEEE 802.11
//! deems it unsuitable for SAE: it is refused.
//!
//! Every value is a big-endian byte string as long as p (scalars too: q is
//! one bit shorter than p). The arithmetic modulo p is `crypto::modp`, on
//! crypto-bigint's constant-time Montgomery form: multiplication and exponentiation
//! modulo p take the same time for every value of a given length; the
//! reductions modulo q are its constant-time `rem` / `add_mod`.
use crypto_bigint::{BoxedUint, NonZero};
use subtle::{Choice, ConstantTimeEq, ConstantTimeLess};
use zeroize::{Zeroize, Zeroizing};

use crate::crypto::kdf::{hmac_key, Stream};
use crate::crypto::modp::Modulus;
use crate::crypto::random;
use crate::sync::SetOnce;
use crate::types::*;

use super::sae::Bytes;

/// RFC 3526: the 3072-bit MODP group's prime (big-endian hex, in pieces).
const MODP3072: &[&str] = &[
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
    "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
    "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
    "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
    "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
    "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33",
    "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864",
    "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2",
    "08e24fa074e5ab3143db5bfce0fd108e4b82d120a93ad2caffffffffffffffff",
];

/// RFC 3526: the 4096-bit MODP group's prime (big-endian hex, in pieces).
const MODP4096: &[&str] = &[
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
    "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
    "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
    "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
    "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
    "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33",
    "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864",
    "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2",
    "08e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7",
    "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8",
    "dbbbc2db04de8ef92e8efc141fbecaa6287c59474e6bc05d99b2964fa090c3a2",
    "233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9",
    "93b4ea988d8fddc186ffb7dc90a6c08f4df435c934063199ffffffffffffffff",
];

/// RFC 3526: the 6144-bit MODP group's prime (big-endian hex, in pieces).
const MODP6144: &[&str] = &[
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
    "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
    "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
    "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
    "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
    "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33",
    "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864",
    "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2",
    "08e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7",
    "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8",
    "dbbbc2db04de8ef92e8efc141fbecaa6287c59474e6bc05d99b2964fa090c3a2",
    "233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9",
    "93b4ea988d8fddc186ffb7dc90a6c08f4df435c93402849236c3fab4d27c7026",
    "c1d4dcb2602646dec9751e763dba37bdf8ff9406ad9e530ee5db382f413001ae",
    "b06a53ed9027d831179727b0865a8918da3edbebcf9b14ed44ce6cbaced4bb1b",
    "db7f1447e6cc254b332051512bd7af426fb8f401378cd2bf5983ca01c64b92ec",
    "f032ea15d1721d03f482d7ce6e74fef6d55e702f46980c82b5a84031900b1c9e",
    "59e7c97fbec7e8f323a97a7e36cc88be0f1d45b7ff585ac54bd407b22b4154aa",
    "cc8f6d7ebf48e1d814cc5ed20f8037e0a79715eef29be32806a1d58bb7c5da76",
    "f550aa3d8a1fbff0eb19ccb1a313d55cda56c9ec2ef29632387fe8d76e3c0468",
    "043e8f663f4860ee12bf2d5b0b7474d6e694f91e6dcc4024ffffffffffffffff",
];

/// RFC 3526: the 8192-bit MODP group's prime (big-endian hex, in pieces).
const MODP8192: &[&str] = &[
    "ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74",
    "020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f1437",
    "4fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7ed",
    "ee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf05",
    "98da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb",
    "9ed529077096966d670c354e4abc9804f1746c08ca18217c32905e462e36ce3b",
    "e39e772c180e86039b2783a2ec07a28fb5c55df06f4c52c9de2bcbf695581718",
    "3995497cea956ae515d2261898fa051015728e5a8aaac42dad33170d04507a33",
    "a85521abdf1cba64ecfb850458dbef0a8aea71575d060c7db3970f85a6e1e4c7",
    "abf5ae8cdb0933d71e8c94e04a25619dcee3d2261ad2ee6bf12ffa06d98a0864",
    "d87602733ec86a64521f2b18177b200cbbe117577a615d6c770988c0bad946e2",
    "08e24fa074e5ab3143db5bfce0fd108e4b82d120a92108011a723c12a787e6d7",
    "88719a10bdba5b2699c327186af4e23c1a946834b6150bda2583e9ca2ad44ce8",
    "dbbbc2db04de8ef92e8efc141fbecaa6287c59474e6bc05d99b2964fa090c3a2",
    "233ba186515be7ed1f612970cee2d7afb81bdd762170481cd0069127d5b05aa9",
    "93b4ea988d8fddc186ffb7dc90a6c08f4df435c93402849236c3fab4d27c7026",
    "c1d4dcb2602646dec9751e763dba37bdf8ff9406ad9e530ee5db382f413001ae",
    "b06a53ed9027d831179727b0865a8918da3edbebcf9b14ed44ce6cbaced4bb1b",
    "db7f1447e6cc254b332051512bd7af426fb8f401378cd2bf5983ca01c64b92ec",
    "f032ea15d1721d03f482d7ce6e74fef6d55e702f46980c82b5a84031900b1c9e",
    "59e7c97fbec7e8f323a97a7e36cc88be0f1d45b7ff585ac54bd407b22b4154aa",
    "cc8f6d7ebf48e1d814cc5ed20f8037e0a79715eef29be32806a1d58bb7c5da76",
    "f550aa3d8a1fbff0eb19ccb1a313d55cda56c9ec2ef29632387fe8d76e3c0468",
    "043e8f663f4860ee12bf2d5b0b7474d6e694f91e6dbe115974a3926f12fee5e4",
    "38777cb6a932df8cd8bec4d073b931ba3bc832b68d9dd300741fa7bf8afc47ed",
    "2576f6936ba424663aab639c5ae4f5683423b4742bf1c978238f16cbe39d652d",
    "e3fdb8befc848ad922222e04a4037c0713eb57a81a23f0c73473fc646cea306b",
    "4bcbc8862f8385ddfa9d4b7fa2c087e879683303ed5bdd3a062b3cf5b3a278a6",
    "6d2a13f83f44f82ddf310ee074ab6a364597e899a0255dc164f31cc50846851d",
    "f9ab48195ded7ea1b1d510bd7ee74d73faf36bc31ecfa268359046f4eb879f92",
    "4009438b481c6cd7889a002ed5ee382bc9190da6fc026e479558e4475677e9aa",
    "9e3050e2765694dfc81f56e880b96e7160c980dd98edd3dfffffffffffffffff",
];

/// A small constant at `bits` of precision.
fn small(v: u64, bits: u32) -> BoxedUint {
    BoxedUint::from_be_slice(&v.to_be_bytes(), bits).expect("a u64 fits")
}

/// One of the MODP groups WPA3-SAE runs on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Modp {
    /// Group 15: 3072 bits.
    G3072,
    /// Group 16: 4096 bits.
    G4096,
    /// Group 17: 6144 bits.
    G6144,
    /// Group 18: 8192 bits.
    G8192,
}

/// A group's constants: arithmetic modulo p, and q = (p − 1)/2.
pub(super) struct Params {
    /// p (big-endian, `len()` bytes) and its Montgomery parameters.
    pub(super) m: Modulus,
    /// q = (p − 1)/2 at p's precision.
    q: NonZero<BoxedUint>,
}

/// The groups' constants, built on first use (publish-once, see `sync::SetOnce`).
static PARAMS: [SetOnce<Params>; 4] = [const { SetOnce::new() }; 4];

impl Modp {
    /// The group of a `PSA_DH_FAMILY_RFC3526` primitive or token of `bits`:
    /// `NotSupported` for 2048 bits (group 14, not suitable for SAE),
    /// `InvalidArgument` for a size the family does not have.
    pub fn rfc3526(bits: usize) -> Result<Modp> {
        match bits {
            3072 => Ok(Modp::G3072),
            4096 => Ok(Modp::G4096),
            6144 => Ok(Modp::G6144),
            8192 => Ok(Modp::G8192),
            2048 => Err(Error::NotSupported),
            _ => Err(Error::InvalidArgument),
        }
    }

    /// The size of p in bits.
    pub fn bits(self) -> usize {
        match self {
            Modp::G3072 => 3072,
            Modp::G4096 => 4096,
            Modp::G6144 => 6144,
            Modp::G8192 => 8192,
        }
    }

    /// The length of p (and of every scalar and element) in bytes.
    pub fn len(self) -> usize {
        self.bits() / 8
    }

    /// The hash of hash-to-element and of the group-dependent variant
    /// (IEEE 802.11 Table 12-1 for finite-field groups): SHA-384 up to 3072
    /// bits, SHA-512 above.
    pub fn hash(self) -> psa_algorithm_t {
        if self.bits() <= 3072 {
            PSA_ALG_SHA_384
        } else {
            PSA_ALG_SHA_512
        }
    }

    /// The group's constants (built once).
    pub(super) fn params(self) -> &'static Params {
        let i = self as usize;
        PARAMS[i].get_or_init(|| {
            let hex: String = [MODP3072, MODP4096, MODP6144, MODP8192][i].concat();
            let p: Vec<u8> = (0..hex.len())
                .step_by(2)
                .map(|j| u8::from_str_radix(&hex[j..j + 2], 16).expect("hex constant"))
                .collect();
            let m = Modulus::new(&p);
            debug_assert_eq!(m.bits() as usize, self.bits());
            let q = NonZero::new(m.uint(&p).shr(1)).into_option().expect("q is not zero");
            Params { m, q }
        })
    }

    /// A big-endian string (at most `len()` bytes) as an integer of p's precision.
    pub(super) fn uint(self, b: &[u8]) -> BoxedUint {
        self.params().m.uint(b)
    }

    /// An integer as `len()` big-endian bytes (wiped buffer); wipes `v`.
    pub(super) fn bytes(self, v: BoxedUint) -> Bytes {
        self.params().m.encode(v)
    }

    /// `base^exp mod p` (base below p; exp any value of `len()` bytes).
    fn pow(self, base: &[u8], exp: &[u8]) -> Bytes {
        self.params().m.pow(base, exp)
    }

    /// `a · b mod p` (both below p).
    fn mul(self, a: &[u8], b: &[u8]) -> Bytes {
        self.params().m.mul(a, b)
    }

    /// `v mod m + add` for a big-endian `v` of any length, as `len()` bytes
    /// (m = p − 2 or q − 1; constant time in `v` for a given length).
    fn reduce_plus(self, v: &[u8], m: &BoxedUint, add: u64) -> Bytes {
        let bits = (v.len() * 8).max(self.bits()) as u32;
        let bits = bits.div_ceil(64) * 64;
        let mut wide = BoxedUint::from_be_slice(v, bits).expect("fits its own length");
        let m = NonZero::new(m.clone()).into_option().expect("non-zero modulus");
        let mut r = wide.rem(&m);
        let out = r.wrapping_add(&small(add, r.bits_precision()));
        wide.zeroize();
        r.zeroize();
        self.bytes(out)
    }

    /// p as `len()` bytes (the looping method's KDF context).
    pub fn prime_bytes(self) -> Vec<u8> {
        self.params().m.p().to_vec()
    }

    /// q as `len()` bytes.
    pub fn order(self) -> Vec<u8> {
        self.bytes(self.params().q.as_ref().clone()).to_vec()
    }

    /// Whether `v` (`len()` bytes) lies in [lo, hi) for small `lo` and
    /// `hi` given as an integer of p's precision, in constant time.
    fn between(self, v: &[u8], lo: u64, hi: &BoxedUint) -> Choice {
        let x = self.uint(v);
        let lo = small(lo, x.bits_precision());
        !x.ct_lt(&lo) & x.ct_lt(hi)
    }

    /// Whether `s` is a valid commit scalar: `len()` bytes, 1 < s < q.
    pub fn scalar_ok(self, s: &[u8]) -> bool {
        s.len() == self.len() && bool::from(self.between(s, 2, self.params().q.as_ref()))
    }

    /// Checks an element (a password token or a peer's COMMIT-ELEMENT):
    /// `len()` bytes, 1 < e < p − 1, and e^q = 1 (in the subgroup of
    /// order q), §12.4.5.4; `InvalidArgument` otherwise.
    pub fn check_element(self, e: &[u8]) -> Result<()> {
        if e.len() != self.len() {
            return Err(Error::InvalidArgument);
        }
        let g = self.params();
        let p_minus_1 = self.uint(g.m.p()).wrapping_sub(&BoxedUint::one_with_precision(self.bits() as u32));
        if !bool::from(self.between(e, 2, &p_minus_1)) {
            return Err(Error::InvalidArgument);
        }
        if !self.is_one(&self.pow(e, &self.order())) {
            return Err(Error::InvalidArgument);
        }
        Ok(())
    }

    /// Whether `v` (`len()` bytes) is 1, in constant time.
    fn is_one(self, v: &[u8]) -> bool {
        let mut one = vec![0u8; self.len()];
        one[self.len() - 1] = 1;
        bool::from(v.ct_eq(&one[..]))
    }

    /// A random scalar in [2, q) (rejection sampling; q's top bit is p's
    /// second bit, so clearing the top bit accepts nearly every draw).
    pub fn random_scalar(self) -> Result<Bytes> {
        for _ in 0..64 {
            let mut b = Zeroizing::new(vec![0u8; self.len()]);
            random::fill(&mut b)?;
            b[0] &= 0x7f;
            if self.scalar_ok(&b) {
                return Ok(b);
            }
        }
        Err(Error::InsufficientEntropy)
    }

    /// `(a + b) mod q`.
    pub fn scalar_add(self, a: &[u8], b: &[u8]) -> Vec<u8> {
        let q = &self.params().q;
        let mut x = self.uint(a);
        let mut y = self.uint(b);
        let s = x.add_mod(&y, q);
        x.zeroize();
        y.zeroize();
        self.bytes(s).to_vec()
    }

    /// The password token PT of IEEE 802.11-2020 §12.4.4.3.3:
    /// pwd-seed = HKDF-Extract(ssid, password || identifier), pwd-value =
    /// HKDF-Expand(pwd-seed, "SAE Hash to Element", len(p) + ceil(len(p)/2)),
    /// reduced to (pwd-value mod (p − 2)) + 2, and PT = pwd-value^((p−1)/q)
    /// = pwd-value² mod p. The hash is the group's (`hash`).
    pub fn derive_pt(self, ssid: &[u8], password: &[u8], identifier: &[u8]) -> Result<Bytes> {
        let hash = self.hash();
        let mut ikm = Zeroizing::new(Vec::with_capacity(password.len() + identifier.len()));
        ikm.extend_from_slice(password);
        ikm.extend_from_slice(identifier);
        let seed = Stream::hkdf_extract_prk(hash, ssid, &ikm)?;
        let n = self.len();
        let okm = Stream::hkdf_expand(hash, &seed, b"SAE Hash to Element")?.take(n + n.div_ceil(2))?;
        let p_minus_2 = self.uint(self.params().m.p()).wrapping_sub(&small(2, self.bits() as u32));
        let v = self.reduce_plus(&okm, &p_minus_2, 2);
        let mut two = vec![0u8; n];
        two[n - 1] = 2;
        Ok(self.pow(&v, &two))
    }

    /// PWE = PT^val mod p, val = (HMAC-H(0^hashlen, max(macs) || min(macs))
    /// mod (q − 1)) + 1 (§12.4.5.2).
    pub fn pwe_from_pt(self, pt: &[u8], own_mac: &[u8], peer_mac: &[u8]) -> Result<Bytes> {
        self.check_element(pt)?;
        let hash = self.hash();
        let (hi, lo) = if own_mac >= peer_mac { (own_mac, peer_mac) } else { (peer_mac, own_mac) };
        let zeros = vec![0u8; psa_hash_length(hash)];
        let h = hmac_key(hash, &zeros)?.mac(&[hi, lo]);
        let q_minus_1 = self.params().q.as_ref().wrapping_sub(&BoxedUint::one_with_precision(self.bits() as u32));
        let val = self.reduce_plus(&h, &q_minus_1, 1);
        Ok(self.pow(pt, &val))
    }

    /// Our COMMIT-ELEMENT: inverse(PWE^mask) = PWE^(q − mask), PWE being
    /// of order q (mask in [2, q)).
    pub fn commit_element(self, pwe: &[u8], mask: &[u8]) -> Vec<u8> {
        let mut m = self.uint(mask);
        let mut e = self.params().q.as_ref().wrapping_sub(&m);
        let exp = self.bytes(e.clone());
        m.zeroize();
        e.zeroize();
        self.pow(pwe, &exp).to_vec()
    }

    /// k: K = (PWE^peer-scalar · PEER-ELEMENT)^rand mod p; `InvalidArgument`
    /// when K is the identity (1).
    pub fn shared_k(self, pwe: &[u8], peer_scalar: &[u8], peer_element: &[u8], rand: &[u8]) -> Result<Bytes> {
        let t = self.pow(pwe, peer_scalar);
        let t = self.mul(&t, peer_element);
        let k = self.pow(&t, rand);
        if self.is_one(&k) {
            return Err(Error::InvalidArgument);
        }
        Ok(k)
    }
}
