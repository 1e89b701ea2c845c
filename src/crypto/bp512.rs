//! The brainpoolP512r1 curve (RFC 5639 §3.7) for the RustCrypto stack.
//!
//! RustCrypto ships no crate for this curve, so it is described here from its
//! domain parameters alone: `primefield` generates the Montgomery-form base
//! and scalar field elements (on `crypto-bigint`'s constant-time modular
//! arithmetic), `primeorder` supplies the complete projective point formulas
//! for a short Weierstrass curve with a generic `a`, and `elliptic-curve` /
//! `ecdsa` then work over [`BrainpoolP512r1`] like over any other prime-order
//! curve. No arithmetic is written by hand in this file.

use elliptic_curve::bigint::{Odd, U512};
use elliptic_curve::consts::U64;
use elliptic_curve::{CurveArithmetic, PrimeCurveArithmetic};
use primeorder::{mul_backend, point_arithmetic, PrimeCurveParams};

/// Prime p of the base field (RFC 5639 §3.7).
const P_HEX: &str = concat!(
    "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330871",
    "7d4d9b009bc66842aecda12ae6a380e62881ff2f2d82c68528aa6056583a48f3",
);

/// Order q of the base point G (cofactor 1, so also the group order).
const Q_HEX: &str = concat!(
    "aadd9db8dbe9c48b3fd4e6ae33c9fc07cb308db3b3c9d20ed6639cca70330870",
    "553e5c414ca92619418661197fac10471db1d381085ddaddb58796829ca90069",
);

/// Curve coefficient A.
const A_HEX: &str = concat!(
    "7830a3318b603b89e2327145ac234cc594cbdd8d3df91610a83441caea9863bc",
    "2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a72bf2c7b9e7c1ac4d77fc94ca",
);

/// Curve coefficient B.
const B_HEX: &str = concat!(
    "3df91610a83441caea9863bc2ded5d5aa8253aa10a2ef1c98b9ac8b57f1117a7",
    "2bf2c7b9e7c1ac4d77fc94cadc083e67984050b75ebae5dd2809bd638016f723",
);

/// Affine x-coordinate of the base point G.
const GX_HEX: &str = concat!(
    "81aee4bdd82ed9645a21322e9c4c6a9385ed9f70b5d916c1b43b62eef4d0098e",
    "ff3b1f78e2d0d48d50d1687b93b97d5f7c6d5047406a5e688b352209bcb9f822",
);

/// Affine y-coordinate of the base point G.
const GY_HEX: &str = concat!(
    "7dde385d566332ecc0eabfa9cf7822fdf209f70024a57b1aa000c55b881f8111",
    "b2dcde494a5f485e5bca4bd88a2763aed1ca2b2fa8f0540678cd1e0f3ad80892",
);

/// The brainpoolP512r1 curve: the verifiably pseudo-random 512-bit
/// Brainpool curve.
#[derive(Copy, Clone, Debug, Default, Eq, PartialEq, PartialOrd, Ord)]
pub struct BrainpoolP512r1;

impl elliptic_curve::Curve for BrainpoolP512r1 {
    type FieldBytesSize = U64;
    type Uint = U512;
    const ORDER: Odd<U512> = Odd::<U512>::from_be_hex(Q_HEX);
}

impl elliptic_curve::PrimeCurve for BrainpoolP512r1 {}

impl elliptic_curve::point::PointCompression for BrainpoolP512r1 {
    const COMPRESS_POINTS: bool = false;
}

/// The base field GF(p).
// primefield's macros call `Uint::bits`, deprecated since crypto-bigint 0.7.11
// (which rsa 0.10.0 requires).
#[allow(deprecated)]
mod field {
    use super::{P_HEX, U512};
    #[allow(unused_imports)]
    use elliptic_curve::ff::PrimeField;
    #[allow(unused_imports)]
    use elliptic_curve::subtle::{Choice, ConstantTimeEq, CtOption};

    // The multiplicative generator only needs to be a quadratic non-residue
    // for the square-root algorithm; 2 is one modulo p (p = 3 mod 4).
    primefield::monty_field_params! {
        name: FieldParams,
        modulus: P_HEX,
        uint: U512,
        byte_order: primefield::ByteOrder::BigEndian,
        multiplicative_generator: 2,
        doc: "Montgomery parameters of the brainpoolP512r1 base field"
    }

    primefield::monty_field_element! {
        name: FieldElement,
        params: FieldParams,
        uint: U512,
        doc: "An element of the brainpoolP512r1 base field, modulo p"
    }

    primefield::monty_field_arithmetic! {
        name: FieldElement,
        params: FieldParams,
        uint: U512
    }

    impl elliptic_curve::ops::BatchInvert for FieldElement {}
}

/// The scalar field GF(q).
#[allow(deprecated)]
mod scalar {
    use super::{BrainpoolP512r1, Q_HEX, U512};
    #[allow(unused_imports)]
    use elliptic_curve::ff::PrimeField;
    use elliptic_curve::scalar::{FromUintUnchecked, IsHigh};
    #[allow(unused_imports)]
    use elliptic_curve::subtle::{Choice, ConstantTimeEq, ConstantTimeGreater, CtOption};

    // 7 is the smallest quadratic non-residue modulo q.
    primefield::monty_field_params! {
        name: ScalarParams,
        modulus: Q_HEX,
        uint: U512,
        byte_order: primefield::ByteOrder::BigEndian,
        multiplicative_generator: 7,
        doc: "Montgomery parameters of the brainpoolP512r1 scalar field"
    }

    primefield::monty_field_element! {
        name: Scalar,
        params: ScalarParams,
        uint: U512,
        doc: "An element of the brainpoolP512r1 scalar field, modulo q"
    }

    primefield::monty_field_arithmetic! {
        name: Scalar,
        params: ScalarParams,
        uint: U512
    }

    primefield::monty_field_reduce! {
        name: Scalar,
        params: ScalarParams,
        uint: U512,
    }

    elliptic_curve::scalar_impls!(BrainpoolP512r1, Scalar);

    primeorder::wnaf::impl_wnaf_size_for_scalar!(Scalar);

    impl AsRef<Scalar> for Scalar {
        fn as_ref(&self) -> &Scalar {
            self
        }
    }

    impl FromUintUnchecked for Scalar {
        type Uint = U512;

        fn from_uint_unchecked(uint: U512) -> Self {
            Self::from_uint_unchecked(uint)
        }
    }

    impl IsHigh for Scalar {
        fn is_high(&self) -> Choice {
            let half = <BrainpoolP512r1 as elliptic_curve::Curve>::ORDER
                .as_ref()
                .shr_vartime(1);
            self.to_canonical().ct_gt(&half)
        }
    }
}

pub use field::FieldElement;
pub use scalar::Scalar;

/// A point in affine coordinates.
pub type AffinePoint = primeorder::AffinePoint<BrainpoolP512r1>;

/// A point in projective coordinates.
pub type ProjectivePoint = primeorder::ProjectivePoint<BrainpoolP512r1>;

impl CurveArithmetic for BrainpoolP512r1 {
    type AffinePoint = AffinePoint;
    type ProjectivePoint = ProjectivePoint;
    type Scalar = Scalar;
}

impl elliptic_curve::hazmat::FieldArithmetic for BrainpoolP512r1 {
    type FieldElement = FieldElement;
}

impl PrimeCurveArithmetic for BrainpoolP512r1 {
    type CurveGroup = ProjectivePoint;
}

impl PrimeCurveParams for BrainpoolP512r1 {
    type PointArithmetic = point_arithmetic::EquationAIsGeneric;
    type Backend = mul_backend::VariableOnly;

    const EQUATION_A: FieldElement = FieldElement::from_hex_vartime(A_HEX);
    const EQUATION_B: FieldElement = FieldElement::from_hex_vartime(B_HEX);
    const GENERATOR: (FieldElement, FieldElement) = (
        FieldElement::from_hex_vartime(GX_HEX),
        FieldElement::from_hex_vartime(GY_HEX),
    );
}

impl ecdsa::EcdsaCurve for BrainpoolP512r1 {
    const NORMALIZE_S: bool = false;
}

impl ecdsa::DigestAlgorithm for BrainpoolP512r1 {
    type Digest = sha2::Sha512;
}

#[cfg(test)]
mod tests {
    use super::*;
    use elliptic_curve::group::Group;
    use elliptic_curve::sec1::ToSec1Point;

    #[test]
    fn generator_has_order_q() {
        let g = ProjectivePoint::generator();
        // q·G = O and (q-1)·G = -G.
        let minus_one = -Scalar::ONE;
        assert_eq!(g * minus_one, -g);
        assert_eq!(g * minus_one + g, ProjectivePoint::IDENTITY);
        let enc = g.to_affine().to_sec1_point(false);
        assert_eq!(&enc.as_bytes()[1..65], hex(GX_HEX).as_slice());
        assert_eq!(&enc.as_bytes()[65..], hex(GY_HEX).as_slice());
    }

    #[test]
    fn field_constants() {
        // a·a⁻¹ = 1 in both fields, and p, q encode to themselves minus the
        // reduction (q ≡ 0 mod q).
        let a = FieldElement::from_hex_vartime(A_HEX);
        assert_eq!(a * a.invert().unwrap(), FieldElement::ONE);
        let two = Scalar::ONE + Scalar::ONE;
        assert_eq!(two * two.invert().unwrap(), Scalar::ONE);
        assert!(bool::from(Scalar::ZERO.is_zero()));
    }

    use crate::testutil::hex;
}
