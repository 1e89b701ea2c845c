//! Arithmetic modulo an odd prime given as big-endian bytes, for the
//! finite-field groups (RFC 7919 FFDH, the RFC 3526 groups of WPA3-SAE) and
//! the looping SAE method's field arithmetic.
//!
//! One shape for all of them, on crypto-bigint's constant-time Montgomery
//! form (`BoxedMontyForm`, no bignum code here): a value is parsed at the
//! prime's precision (a whole number of 64-bit limbs), computed on, encoded
//! back at the prime's length in a wiped buffer, and every temporary is
//! zeroized.
use crypto_bigint::modular::{BoxedMontyForm, BoxedMontyParams};
use crypto_bigint::{BoxedUint, Odd};
use zeroize::{Zeroize, Zeroizing};

/// A secret byte string that is wiped when dropped.
pub type Bytes = Zeroizing<Vec<u8>>;

/// An odd prime modulus: its bytes, its working precision and its Montgomery
/// parameters.
pub struct Modulus {
    p: Vec<u8>,
    bits: u32,
    params: BoxedMontyParams,
}

impl Modulus {
    /// Arithmetic modulo `p` (big-endian, odd; panics otherwise: callers pass
    /// constants and curve primes).
    pub fn new(p: &[u8]) -> Modulus {
        let bits = ((p.len() * 8) as u32).div_ceil(64) * 64;
        let n = BoxedUint::from_be_slice(p, bits).expect("prime fits its precision");
        let params = BoxedMontyParams::new(Odd::new(n).into_option().expect("odd prime"));
        Modulus { p: p.to_vec(), bits, params }
    }

    /// The prime, big-endian.
    pub fn p(&self) -> &[u8] {
        &self.p
    }

    /// The prime's length in bytes (that of every encoded value).
    pub fn len(&self) -> usize {
        self.p.len()
    }

    /// The working precision in bits (a multiple of 64).
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The Montgomery parameters.
    pub fn params(&self) -> &BoxedMontyParams {
        &self.params
    }

    /// A big-endian value of at most the prime's precision as an integer.
    pub fn uint(&self, b: &[u8]) -> BoxedUint {
        BoxedUint::from_be_slice(b, self.bits).expect("value fits the precision")
    }

    /// `b` in Montgomery form (reduced modulo p).
    pub fn elem(&self, b: &[u8]) -> BoxedMontyForm {
        BoxedMontyForm::new(self.uint(b), &self.params)
    }

    /// An integer below 2^(8·len) as `len()` big-endian bytes; wipes `v`.
    pub fn encode(&self, mut v: BoxedUint) -> Bytes {
        let enc = Zeroizing::new(v.to_be_bytes().to_vec());
        v.zeroize();
        Zeroizing::new(enc[enc.len() - self.p.len()..].to_vec())
    }

    /// A Montgomery-form value as `len()` big-endian bytes.
    pub fn bytes(&self, v: &BoxedMontyForm) -> Bytes {
        self.encode(v.retrieve())
    }

    /// `base^exp mod p` (`exp` any value of the prime's precision).
    pub fn pow(&self, base: &[u8], exp: &[u8]) -> Bytes {
        let mut e = self.uint(exp);
        let mut m = self.elem(base);
        let mut r = m.pow(&e);
        let out = self.bytes(&r);
        e.zeroize();
        m.zeroize();
        r.zeroize();
        out
    }

    /// `a · b mod p`.
    pub fn mul(&self, a: &[u8], b: &[u8]) -> Bytes {
        let mut x = self.elem(a);
        let mut y = self.elem(b);
        let mut z = x.mul(&y);
        let out = self.bytes(&z);
        x.zeroize();
        y.zeroize();
        z.zeroize();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Small known answers modulo 23 and modulo the P-256 prime.
    #[test]
    fn known_answers() {
        let m = Modulus::new(&[23]);
        assert_eq!(m.len(), 1);
        assert_eq!(m.bits(), 64);
        assert_eq!(&m.pow(&[5], &[3])[..], &[10]); // 125 = 5·23 + 10
        assert_eq!(&m.mul(&[7], &[9])[..], &[17]); // 63 = 2·23 + 17
        assert_eq!(&m.pow(&[5], &[22])[..], &[1]); // Fermat
        assert_eq!(&m.bytes(&m.elem(&[30]))[..], &[7]); // reduced
        let p256 = crate::testutil::hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
        let m = Modulus::new(&p256);
        let mut minus_one = p256.clone();
        minus_one[31] -= 1;
        // (p − 1)² = 1, and encodings keep the prime's length.
        let sq = m.mul(&minus_one, &minus_one);
        assert_eq!(sq.len(), 32);
        assert!(sq[..31].iter().all(|&b| b == 0) && sq[31] == 1);
        assert_eq!(&m.pow(&[2], &[0])[..], &{ let mut one = [0u8; 32]; one[31] = 1; one }[..]);
    }
}
