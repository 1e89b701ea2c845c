//! The looping ("hunting-and-pecking") password element of WPA3-SAE, from a
//! password and the two MAC addresses: IEEE 802.11-2020 §12.4.4.2.2 on the
//! curves, §12.4.4.3.2 in the MODP groups.
//!
//! For counter = 1, 2, …: pwd-seed = HMAC-SHA-256(max(macs) || min(macs),
//! password || counter), pwd-value = KDF-SHA-256-len(p)(pwd-seed,
//! "SAE Hunting and Pecking", p). On a curve, pwd-value is a candidate x
//! (below p, with x³ + ax + b a square); the point's y has the parity of
//! pwd-seed's last bit. In a MODP group, PWE = pwd-value^((p−1)/q) =
//! pwd-value² (below p, PWE > 1).
//!
//! The standard's side-channel rules are kept: the loop always runs at
//! least [`MIN_ITERATIONS`] times whatever counter succeeds, every
//! iteration does the same work, the first success is kept by
//! constant-time selection (`subtle`), and the quadratic-residue test is
//! blinded (the candidate is multiplied by a random square and by a random
//! residue or non-residue, chosen by a random bit, before Euler's criterion).
use crypto_bigint::modular::BoxedMontyForm;
use crypto_bigint::BoxedUint;
use elliptic_curve::ff::PrimeField;
use elliptic_curve::point::DecompressPoint;
use primeorder::PrimeCurveParams;
use subtle::{Choice, ConditionallySelectable, ConstantTimeEq, ConstantTimeLess};
use zeroize::{Zeroize, Zeroizing};

use super::sae::{kdf_hash_bits, Bytes, Curve, Group};
use crate::crypto::kdf::hmac_key;
use crate::crypto::modp::Modulus;
use crate::crypto::random;
use crate::types::*;

/// The least number of iterations (k of §12.4.4.2.2: "at least 40").
pub const MIN_ITERATIONS: u8 = 40;

/// The field arithmetic of the looping method: `crypto::modp` plus the
/// quadratic-residue tests of §12.4.4.2.2.
struct Fp {
    m: Modulus,
}

impl Fp {
    /// Arithmetic modulo `p` (big-endian).
    fn new(p: &[u8]) -> Fp {
        Fp { m: Modulus::new(p) }
    }

    /// A big-endian value (at most p's length) at the working precision.
    fn uint(&self, b: &[u8]) -> BoxedUint {
        self.m.uint(b)
    }

    /// `b` (below 2^bits) in Montgomery form, reduced modulo p.
    fn elem(&self, b: &[u8]) -> BoxedMontyForm {
        self.m.elem(b)
    }

    /// A retrieved value as p's length in bytes.
    fn bytes(&self, v: &BoxedMontyForm) -> Bytes {
        self.m.bytes(v)
    }

    /// Whether `b` (p's length) is below p, in constant time.
    fn below_p(&self, b: &[u8]) -> Choice {
        self.uint(b).ct_lt(&self.uint(self.m.p()))
    }

    /// (p − 1)/2, the exponent of Euler's criterion.
    fn half(&self) -> BoxedUint {
        self.uint(self.m.p()).shr(1)
    }

    /// Whether `v` equals `w` (constant time).
    fn eq(&self, v: &BoxedMontyForm, w: &BoxedMontyForm) -> Choice {
        v.retrieve().ct_eq(&w.retrieve())
    }

    /// Euler's criterion: (v^((p−1)/2) = 1, v^((p−1)/2) = −1).
    fn legendre(&self, v: &BoxedMontyForm) -> (Choice, Choice) {
        let l = v.pow(&self.half());
        let one = BoxedMontyForm::one(self.m.params());
        (self.eq(&l, &one), self.eq(&l, &one.neg()))
    }

    /// A random non-zero element below p (not secret: blinding values).
    fn random_nonzero(&self) -> Result<BoxedMontyForm> {
        let n = self.m.len();
        let top = u8::MAX >> self.m.p()[0].leading_zeros();
        for _ in 0..256 {
            let mut b = Zeroizing::new(vec![0u8; n]);
            random::fill(&mut b)?;
            b[0] &= top;
            let v = self.elem(&b);
            if bool::from(self.below_p(&b)) && b.iter().any(|&x| x != 0) {
                return Ok(v);
            }
        }
        Err(Error::InsufficientEntropy)
    }

    /// A random quadratic residue and a random non-residue.
    fn random_qr_qnr(&self) -> Result<(BoxedMontyForm, BoxedMontyForm)> {
        let (mut qr, mut qnr) = (None, None);
        for _ in 0..256 {
            let v = self.random_nonzero()?;
            let (is_qr, is_qnr) = self.legendre(&v);
            if bool::from(is_qr) && qr.is_none() {
                qr = Some(v);
            } else if bool::from(is_qnr) && qnr.is_none() {
                qnr = Some(v);
            }
            if let (Some(a), Some(b)) = (&qr, &qnr) {
                return Ok((a.clone(), b.clone()));
            }
        }
        Err(Error::InsufficientEntropy)
    }

    /// The blinded quadratic-residue test of §12.4.4.2.2: v·r²·qr is a
    /// residue exactly when v is, v·r²·qnr a non-residue exactly when v is
    /// a residue; a random bit picks which, so the exponentiation's input
    /// is independent of v's residuosity.
    fn is_square_blind(&self, v: &BoxedMontyForm, qr: &BoxedMontyForm, qnr: &BoxedMontyForm) -> Result<Choice> {
        let r = self.random_nonzero()?;
        let mut bit = [0u8; 1];
        random::fill(&mut bit)?;
        let pick = Choice::from(bit[0] & 1);
        let factor = select_elem(self, pick, qr, qnr);
        let mut num = v.mul(&r.square()).mul(&factor);
        let (one, minus_one) = self.legendre(&num);
        num.zeroize();
        Ok(Choice::conditional_select(&minus_one, &one, pick))
    }
}

/// `a` when `c` is set, else `b` (constant time, through the byte encodings).
fn select_elem(fp: &Fp, c: Choice, a: &BoxedMontyForm, b: &BoxedMontyForm) -> BoxedMontyForm {
    let mut out = fp.bytes(b);
    select_bytes(c, &mut out, &fp.bytes(a));
    fp.elem(&out)
}

/// `dst := src` where `c` is set, byte by byte in constant time.
fn select_bytes(c: Choice, dst: &mut [u8], src: &[u8]) {
    for (d, s) in dst.iter_mut().zip(src) {
        d.conditional_assign(s, c);
    }
}

/// max(macs) || min(macs): the HMAC key of pwd-seed.
fn mac_key(a: &[u8], b: &[u8]) -> Vec<u8> {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    [hi, lo].concat()
}

/// The curve's b coefficient (a is −3 on the three curves).
fn curve_b(curve: Curve) -> Vec<u8> {
    match curve {
        Curve::P256 => <p256::NistP256 as PrimeCurveParams>::EQUATION_B.to_repr().to_vec(),
        Curve::P384 => <p384::NistP384 as PrimeCurveParams>::EQUATION_B.to_repr().to_vec(),
        Curve::P521 => <p521::NistP521 as PrimeCurveParams>::EQUATION_B.to_repr().to_vec(),
    }
}

/// The point with x-coordinate `x` whose y has parity `odd` (`x || y`).
fn decompress(curve: Curve, x: &[u8], odd: Choice) -> Result<Bytes> {
    macro_rules! on {
        ($m:ident) => {{
            let fx = $m::FieldBytes::try_from(x).map_err(|_| Error::InvalidArgument)?;
            let a = Option::<$m::AffinePoint>::from($m::AffinePoint::decompress(&fx, odd)).ok_or(Error::InvalidArgument)?;
            let enc = elliptic_curve::sec1::ToSec1Point::to_sec1_point(&a, false);
            let b = enc.as_bytes();
            Ok(Zeroizing::new(b[1..].to_vec()))
        }};
    }
    match curve {
        Curve::P256 => on!(p256),
        Curve::P384 => on!(p384),
        Curve::P521 => on!(p521),
    }
}

/// PWE by the looping method for `group`, from `password` and the two MAC
/// addresses (either order). `InvalidArgument` if no counter up to 255
/// succeeds (a probability below 2^-200).
pub fn pwe(group: Group, password: &[u8], mac_a: &[u8], mac_b: &[u8]) -> Result<Bytes> {
    let (p, bits) = match group {
        Group::Ecc(c) => (c.prime_bytes(), c.bits()),
        Group::Ffc(g) => (g.prime_bytes(), g.bits()),
    };
    let fp = Fp::new(&p);
    let n = p.len();
    let key = mac_key(mac_a, mac_b);
    let hmac = hmac_key(PSA_ALG_SHA_256, &key)?;
    let blind = match group {
        Group::Ecc(_) => Some(fp.random_qr_qnr()?),
        Group::Ffc(_) => None,
    };
    let (b, three) = match group {
        Group::Ecc(c) => (Some(fp.elem(&curve_b(c))), Some(fp.elem(&[3]))),
        Group::Ffc(_) => (None, None),
    };
    let mut found = Choice::from(0);
    let mut chosen = Zeroizing::new(vec![0u8; n]);
    let mut odd = Choice::from(0);
    let mut counter: u8 = 1;
    loop {
        let seed = hmac.mac(&[password, &[counter]]);
        let value = kdf_hash_bits(PSA_ALG_SHA_256, &seed, b"SAE Hunting and Pecking", &p, bits)?;
        let in_range = fp.below_p(&value);
        let (hit, candidate) = match (group, &blind, &b, &three) {
            (Group::Ecc(_), Some((qr, qnr)), Some(b), Some(three)) => {
                // y² = x³ − 3x + b.
                let mut x = fp.elem(&value);
                let mut y2 = x.square().mul(&x).sub(&three.mul(&x)).add(b);
                let square = fp.is_square_blind(&y2, qr, qnr);
                x.zeroize();
                y2.zeroize();
                (in_range & square?, value.clone())
            }
            _ => {
                let mut v = fp.elem(&value);
                let e = fp.bytes(&v.square());
                v.zeroize();
                let mut small = vec![0u8; n];
                let zero = e.as_slice().ct_eq(&small[..]);
                small[n - 1] = 1;
                let trivial = zero | e.as_slice().ct_eq(&small[..]);
                (in_range & !trivial, e)
            }
        };
        let first = hit & !found;
        select_bytes(first, &mut chosen, &candidate);
        odd.conditional_assign(&Choice::from(seed[seed.len() - 1] & 1), first);
        found |= hit;
        // The iteration count depends only on whether one of the first
        // MIN_ITERATIONS counters succeeded, never on which one.
        if counter >= MIN_ITERATIONS && bool::from(found) {
            break;
        }
        if counter == u8::MAX {
            return Err(Error::InvalidArgument);
        }
        counter += 1;
    }
    match group {
        Group::Ecc(c) => decompress(c, &chosen, odd),
        Group::Ffc(_) => Ok(chosen),
    }
}
