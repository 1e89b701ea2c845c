//! Finite-field Diffie-Hellman over the RFC 7919 groups (`PSA_DH_FAMILY_RFC7919`:
//! ffdhe2048, 3072, 4096, 6144 and 8192, generator 2).
//!
//! Key formats (the specification's): a key pair is the private exponent x and a
//! public key is y = g^x mod p, both big-endian and exactly as long as the prime.
//! Both must lie in [2, p-2]; so must a peer's public value.
//!
//! The arithmetic is crypto-bigint's constant-time Montgomery exponentiation
//! (through `crypto::modp`, on the crate the `rsa` dependency already uses); the
//! primes come from RFC 7919 (checked in the tests against their defining
//! structure and by tests/vectors/gen_ffdh.py against OpenSSL's named groups).
use super::modp::Modulus;
use crate::sync::SetOnce;
use subtle::{Choice, ConstantTimeEq, ConstantTimeLess};
use zeroize::Zeroizing;

use super::random;
use crate::types::{Error, Result};

/// RFC 7919 appendix A: the ffdhe2048 prime (big-endian hex, in pieces).
const FFDHE2048: &[&str] = &[
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695",
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a",
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935",
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a",
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4",
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61",
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005",
    "c58ef1837d1683b2c6f34a26c1b2effa886b423861285c97ffffffffffffffff",
];

/// RFC 7919 appendix A: the ffdhe3072 prime (big-endian hex, in pieces).
const FFDHE3072: &[&str] = &[
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695",
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a",
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935",
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a",
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4",
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61",
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005",
    "c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b",
    "bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c",
    "aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff",
    "5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e",
    "0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b66c62e37ffffffffffffffff",
];

/// RFC 7919 appendix A: the ffdhe4096 prime (big-endian hex, in pieces).
const FFDHE4096: &[&str] = &[
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695",
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a",
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935",
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a",
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4",
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61",
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005",
    "c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b",
    "bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c",
    "aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff",
    "5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e",
    "0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b669e1ef16e6f52c3164df4fb",
    "7930e9e4e58857b6ac7d5f42d69f6d187763cf1d5503400487f55ba57e31cc7a",
    "7135c886efb4318aed6a1e012d9e6832a907600a918130c46dc778f971ad0038",
    "092999a333cb8b7a1a1db93d7140003c2a4ecea9f98d0acc0a8291cdcec97dcf",
    "8ec9b55a7f88a46b4db5a851f44182e1c68a007e5e655f6affffffffffffffff",
];

/// RFC 7919 appendix A: the ffdhe6144 prime (big-endian hex, in pieces).
const FFDHE6144: &[&str] = &[
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695",
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a",
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935",
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a",
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4",
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61",
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005",
    "c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b",
    "bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c",
    "aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff",
    "5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e",
    "0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b669e1ef16e6f52c3164df4fb",
    "7930e9e4e58857b6ac7d5f42d69f6d187763cf1d5503400487f55ba57e31cc7a",
    "7135c886efb4318aed6a1e012d9e6832a907600a918130c46dc778f971ad0038",
    "092999a333cb8b7a1a1db93d7140003c2a4ecea9f98d0acc0a8291cdcec97dcf",
    "8ec9b55a7f88a46b4db5a851f44182e1c68a007e5e0dd9020bfd64b645036c7a",
    "4e677d2c38532a3a23ba4442caf53ea63bb454329b7624c8917bdd64b1c0fd4c",
    "b38e8c334c701c3acdad0657fccfec719b1f5c3e4e46041f388147fb4cfdb477",
    "a52471f7a9a96910b855322edb6340d8a00ef092350511e30abec1fff9e3a26e",
    "7fb29f8c183023c3587e38da0077d9b4763e4e4b94b2bbc194c6651e77caf992",
    "eeaac0232a281bf6b3a739c1226116820ae8db5847a67cbef9c9091b462d538c",
    "d72b03746ae77f5e62292c311562a846505dc82db854338ae49f5235c95b9117",
    "8ccf2dd5cacef403ec9d1810c6272b045b3b71f9dc6b80d63fdd4a8e9adb1e69",
    "62a69526d43161c1a41d570d7938dad4a40e329cd0e40e65ffffffffffffffff",
];

/// RFC 7919 appendix A: the ffdhe8192 prime (big-endian hex, in pieces).
const FFDHE8192: &[&str] = &[
    "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695",
    "a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a",
    "d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935",
    "984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a",
    "bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4",
    "ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61",
    "9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005",
    "c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b",
    "bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c",
    "aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff",
    "5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e",
    "0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b669e1ef16e6f52c3164df4fb",
    "7930e9e4e58857b6ac7d5f42d69f6d187763cf1d5503400487f55ba57e31cc7a",
    "7135c886efb4318aed6a1e012d9e6832a907600a918130c46dc778f971ad0038",
    "092999a333cb8b7a1a1db93d7140003c2a4ecea9f98d0acc0a8291cdcec97dcf",
    "8ec9b55a7f88a46b4db5a851f44182e1c68a007e5e0dd9020bfd64b645036c7a",
    "4e677d2c38532a3a23ba4442caf53ea63bb454329b7624c8917bdd64b1c0fd4c",
    "b38e8c334c701c3acdad0657fccfec719b1f5c3e4e46041f388147fb4cfdb477",
    "a52471f7a9a96910b855322edb6340d8a00ef092350511e30abec1fff9e3a26e",
    "7fb29f8c183023c3587e38da0077d9b4763e4e4b94b2bbc194c6651e77caf992",
    "eeaac0232a281bf6b3a739c1226116820ae8db5847a67cbef9c9091b462d538c",
    "d72b03746ae77f5e62292c311562a846505dc82db854338ae49f5235c95b9117",
    "8ccf2dd5cacef403ec9d1810c6272b045b3b71f9dc6b80d63fdd4a8e9adb1e69",
    "62a69526d43161c1a41d570d7938dad4a40e329ccff46aaa36ad004cf600c838",
    "1e425a31d951ae64fdb23fcec9509d43687feb69edd1cc5e0b8cc3bdf64b10ef",
    "86b63142a3ab8829555b2f747c932665cb2c0f1cc01bd70229388839d2af05e4",
    "54504ac78b7582822846c0ba35c35f5c59160cc046fd8251541fc68c9c86b022",
    "bb7099876a460e7451a8a93109703fee1c217e6c3826e52c51aa691e0e423cfc",
    "99e9e31650c1217b624816cdad9a95f9d5b8019488d9c0a0a1fe3075a577e231",
    "83f81d4a3f2fa4571efc8ce0ba8a4fe8b6855dfe72b0a66eded2fbabfbe58a30",
    "fafabe1c5d71a87e2f741ef8c1fe86fea6bbfde530677f0d97d11d49f7a8443d",
    "0822e506a9f4614e011e2a94838ff88cd68c8bb7c5c6424cffffffffffffffff",
];

/// The group sizes, in bits, of `PSA_DH_FAMILY_RFC7919`.
pub const SIZES: [usize; 5] = [2048, 3072, 4096, 6144, 8192];

fn index(bits: usize) -> Option<usize> {
    SIZES.iter().position(|&b| b == bits)
}

/// A group: arithmetic modulo its prime.
type Group = Modulus;

/// The groups, built on first use.
static GROUPS: [SetOnce<Group>; 5] = [const { SetOnce::new() }; 5];

fn group(bits: usize) -> Result<&'static Group> {
    let i = index(bits).ok_or(Error::InvalidArgument)?;
    Ok(GROUPS[i].get_or_init(|| {
        let hex: String = [FFDHE2048, FFDHE3072, FFDHE4096, FFDHE6144, FFDHE8192][i].concat();
        let p: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|j| u8::from_str_radix(&hex[j..j + 2], 16).expect("hex constant"))
            .collect();
        debug_assert_eq!(p.len() * 8, bits);
        Modulus::new(&p)
    }))
}

/// Whether `bits` is a size of the RFC 7919 family.
pub fn size_ok(bits: usize) -> bool {
    index(bits).is_some()
}

/// `a < b` for big-endian byte strings of the same length, in constant time.
fn ct_less(a: &[u8], b: &[u8]) -> Choice {
    let (mut less, mut decided) = (Choice::from(0), Choice::from(0));
    for (x, y) in a.iter().zip(b) {
        less |= !decided & x.ct_lt(y);
        decided |= !x.ct_eq(y);
    }
    less
}

/// Checks 2 <= v <= p - 2 for a big-endian value `v` as long as the prime.
fn in_range(g: &Group, v: &[u8]) -> Result<()> {
    if v.len() != g.len() {
        return Err(Error::InvalidArgument);
    }
    let mut p_minus_1 = Zeroizing::new(g.p().to_vec());
    let last = p_minus_1.len() - 1;
    p_minus_1[last] -= 1; // p is odd: no borrow.
    let mut two = vec![0u8; v.len()];
    two[last] = 2;
    let ok = ct_less(v, &p_minus_1) & !ct_less(v, &two);
    if bool::from(ok) {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// Validates key data (a private exponent when `pair`, else a public value);
/// returns the group size in bits. `InvalidArgument` for a length that is not
/// a group size or a value outside [2, p-2].
pub fn import(pair: bool, data: &[u8]) -> Result<usize> {
    let _ = pair; // Both kinds have the same range.
    let bits = data.len() * 8;
    let g = group(bits)?;
    in_range(g, data)?;
    Ok(bits)
}

/// The public value g^x mod p of private exponent `x`.
pub fn public(x: &[u8]) -> Result<Vec<u8>> {
    let g = group(x.len() * 8)?;
    let mut two = vec![0u8; x.len()];
    two[x.len() - 1] = 2;
    Ok(g.pow(&two, x).to_vec())
}

/// A fresh private exponent for a `bits`-bit group, uniform in [2, p-2]
/// (rejection sampling); `NotSupported` for other sizes (as Mbed TLS).
pub fn generate(bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    let g = group(bits).map_err(|_| Error::NotSupported)?;
    let mut x = Zeroizing::new(vec![0u8; g.len()]);
    // p > 2^(bits-1) + 2^(bits-2): each draw is accepted with probability > 3/4.
    for _ in 0..256 {
        random::fill(&mut x)?;
        if in_range(g, &x).is_ok() {
            return Ok(x);
        }
    }
    Err(Error::InsufficientEntropy)
}

/// The shared secret peer^x mod p, padded to the prime's length. The peer
/// value must be as long as the prime and in [2, p-2] (`InvalidArgument`).
pub fn agree(x: &[u8], peer: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let g = group(x.len() * 8)?;
    in_range(g, peer)?;
    Ok(g.pow(peer, x))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The primes have RFC 7919's structure: the right size and 64 one bits at
    /// each end (their middle is e's expansion, checked by the vector script).
    #[test]
    fn primes_have_rfc7919_structure() {
        for bits in SIZES {
            let g = group(bits).unwrap();
            assert_eq!(g.len() * 8, bits);
            assert!(g.p()[..8].iter().all(|&b| b == 0xff), "{bits}");
            assert!(g.p()[g.len() - 8..].iter().all(|&b| b == 0xff), "{bits}");
        }
    }

    #[test]
    fn agreement_and_ranges() {
        let a = generate(2048).unwrap();
        let b = generate(2048).unwrap();
        let (pa, pb) = (public(&a).unwrap(), public(&b).unwrap());
        assert_eq!(import(false, &pa), Ok(2048));
        assert_eq!(agree(&a, &pb).unwrap(), agree(&b, &pa).unwrap());
        let g = group(2048).unwrap();
        let mut v = g.p().to_vec();
        assert_eq!(import(true, &v), Err(Error::InvalidArgument)); // p
        *v.last_mut().unwrap() -= 1;
        assert_eq!(agree(&a, &v).err(), Some(Error::InvalidArgument)); // p - 1
        *v.last_mut().unwrap() -= 1;
        assert!(agree(&a, &v).is_ok()); // p - 2
        let mut one = vec![0u8; 256];
        one[255] = 1;
        assert_eq!(agree(&a, &one).err(), Some(Error::InvalidArgument));
        one[255] = 2;
        assert_eq!(import(true, &one), Ok(2048));
        // 2^1 = 2: the public value of x = 1 would be 2; x = 2 gives 4.
        let p2 = public(&one).unwrap();
        assert_eq!(p2[255], 4);
        assert!(p2[..255].iter().all(|&b| b == 0));
        assert_eq!(import(true, &[5u8; 255]), Err(Error::InvalidArgument));
        assert_eq!(generate(1024).err(), Some(Error::NotSupported));
    }
}
