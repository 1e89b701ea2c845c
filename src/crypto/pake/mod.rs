//! Password-authenticated key exchange: the protocol state machines of
//! J-PAKE ([`jpake`], RFC 8236 with the Schnorr proofs of RFC 8235, in the
//! message format Mbed TLS and Thread use) and SPAKE2+ ([`spake2p`], RFC 9383
//! and the draft-01/02 variant Matter uses), over the P-256 group of the
//! `p256` crate.
//!
//! Knows nothing of key slots or operation objects: the callers pass the
//! password (or SPAKE2+ registration values) and the peer's messages, and
//! get messages and shared secrets back. Every secret (scalars, the password
//! scalar, derived keys) lives in values that are wiped when dropped.
pub mod jpake;
pub mod sae;
pub mod sae_ffc;
pub mod sae_loop;
pub mod spake2p;

use elliptic_curve::ff::PrimeField;
use elliptic_curve::sec1::{FromSec1Point, ToSec1Point};
use elliptic_curve::Field;
use p256::{AffinePoint, FieldBytes, ProjectivePoint, Scalar};
use zeroize::Zeroize;

use super::random;
use crate::types::{Error, Result};

/// Length of a P-256 scalar or coordinate in bytes.
pub const SCALAR_LEN: usize = 32;
/// Length of an uncompressed P-256 point (`04 || x || y`).
pub const POINT_LEN: usize = 65;

/// A P-256 scalar that is wiped when dropped.
#[derive(Clone, Default, zeroize::ZeroizeOnDrop)]
pub struct Secret(pub Scalar);

/// A uniformly random non-zero scalar (rejection sampling over 32 random bytes).
pub fn random_scalar() -> Result<Secret> {
    let mut b = FieldBytes::default();
    for _ in 0..64 {
        random::fill(&mut b)?;
        let s = Scalar::from_repr(b);
        b.as_mut_slice().zeroize();
        if let Some(s) = Option::<Scalar>::from(s) {
            if !bool::from(s.is_zero()) {
                return Ok(Secret(s));
            }
        }
    }
    Err(Error::InsufficientEntropy)
}

/// The big-endian integer `bytes` (any length) reduced modulo the group
/// order n (SEC 1 §2.3.8 conversion, then the reduction), by Horner's rule
/// in constant time for a given length.
pub fn scalar_mod_n(bytes: &[u8]) -> Secret {
    let b256 = Scalar::from(256u64);
    let mut acc = Secret(Scalar::ZERO);
    for &byte in bytes {
        acc.0 = acc.0 * b256 + Scalar::from(u64::from(byte));
    }
    acc
}

/// A scalar from exactly 32 big-endian bytes in [0, n); `None` otherwise.
pub fn scalar_from_be(bytes: &[u8]) -> Option<Scalar> {
    if bytes.len() != SCALAR_LEN {
        return None;
    }
    Scalar::from_repr(FieldBytes::try_from(bytes).ok()?).into()
}

/// The 32-byte big-endian encoding of a scalar.
pub fn scalar_bytes(s: &Scalar) -> [u8; SCALAR_LEN] {
    let mut out = [0u8; SCALAR_LEN];
    out.copy_from_slice(&s.to_repr());
    out
}

/// Parses an uncompressed point `04 || x || y` on P-256 (never the identity,
/// which has no uncompressed form): `InvalidArgument` otherwise.
pub fn parse_point(bytes: &[u8]) -> Result<ProjectivePoint> {
    if bytes.len() != POINT_LEN || bytes[0] != 0x04 {
        return Err(Error::InvalidArgument);
    }
    let a = AffinePoint::from_sec1_bytes(bytes).map_err(|_| Error::InvalidArgument)?;
    Ok(ProjectivePoint::from(a))
}

/// The uncompressed encoding of a point; `InvalidArgument` for the identity.
pub fn encode_point(p: &ProjectivePoint) -> Result<[u8; POINT_LEN]> {
    let enc = p.to_affine().to_sec1_point(false);
    let b = enc.as_bytes();
    if b.len() != POINT_LEN {
        return Err(Error::InvalidArgument);
    }
    let mut out = [0u8; POINT_LEN];
    out.copy_from_slice(b);
    Ok(out)
}

#[cfg(test)]
pub(crate) use crate::testutil::hex;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduction_matches_the_order() {
        // n itself reduces to 0, n + 5 to 5, and a 40-byte value of all ones
        // to (2^320 - 1) mod n.
        let n = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        assert_eq!(scalar_bytes(&scalar_mod_n(&n).0), [0u8; 32]);
        let mut n5 = n.clone();
        n5[31] += 5;
        assert_eq!(scalar_bytes(&scalar_mod_n(&n5).0)[31], 5);
        let short = scalar_mod_n(&[1, 0]);
        assert_eq!(short.0, Scalar::from(256u64));
        assert!(parse_point(&[0u8; 65]).is_err());
        assert!(parse_point(&[4u8; 64]).is_err());
        let g = encode_point(&ProjectivePoint::GENERATOR).unwrap();
        assert_eq!(parse_point(&g).unwrap(), ProjectivePoint::GENERATOR);
        assert!(encode_point(&ProjectivePoint::IDENTITY).is_err());
    }
}
