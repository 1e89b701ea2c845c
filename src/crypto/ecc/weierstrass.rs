//! Short Weierstrass curves on the RustCrypto stack, generic over the curve
//! type: P-192, P-224, secp256k1, the brainpool curves, and deterministic
//! ECDSA (RFC 6979) on P-256, P-384 and P-521, which AWS-LC does not offer.
use ecdsa::{hazmat, EcdsaCurve, Signature, SigningKey, VerifyingKey};
use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, ProjectivePoint};
use zeroize::Zeroizing;

use super::super::random;
use crate::types::*;


/// A parsed Weierstrass key: the signing key when it is a key pair.
pub struct Weier<C: EcdsaCurve + CurveArithmetic> {
    pub(super) sk: Option<SigningKey<C>>,
    pub(super) vk: VerifyingKey<C>,
}

impl<C> Weier<C>
where
    C: EcdsaCurve + CurveArithmetic,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    pub(super) fn field_len() -> usize {
        <FieldBytesSize<C> as elliptic_curve::array::typenum::Unsigned>::USIZE
    }

    /// From a big-endian private scalar of exactly the field length, in [1, n-1].
    pub(super) fn from_private(b: &[u8]) -> Result<Self> {
        if b.len() != Self::field_len() {
            return Err(Error::InvalidArgument);
        }
        let sk = SigningKey::<C>::from_slice(b).map_err(|_| Error::InvalidArgument)?;
        let vk = *sk.verifying_key();
        Ok(Weier { sk: Some(sk), vk })
    }

    /// From an uncompressed point `04 || x || y` on the curve (not infinity).
    pub(super) fn parse_point(b: &[u8]) -> Result<VerifyingKey<C>> {
        if b.len() != 1 + 2 * Self::field_len() || b[0] != 0x04 {
            return Err(Error::InvalidArgument);
        }
        VerifyingKey::<C>::from_sec1_bytes(b).map_err(|_| Error::InvalidArgument)
    }

    pub(super) fn from_public(b: &[u8]) -> Result<Self> {
        Ok(Weier {
            sk: None,
            vk: Self::parse_point(b)?,
        })
    }

    pub(super) fn public(&self) -> Vec<u8> {
        self.vk.to_sec1_point(false).as_bytes().to_vec()
    }

    /// ECDSA over the precomputed `hash`: deterministic (RFC 6979 with
    /// `drbg_hash`) when `deterministic`, otherwise hedged with fresh randomness.
    pub(super) fn sign(
        &self,
        drbg_hash: psa_algorithm_t,
        deterministic: bool,
        hash: &[u8],
        out: &mut [u8],
    ) -> Result<usize> {
        let sk = self.sk.as_ref().ok_or(Error::InvalidArgument)?;
        let mut ad = Zeroizing::new(vec![0u8; 32]);
        if deterministic {
            ad.clear();
        } else {
            random::fill(&mut ad)?;
        }
        let sig: Signature<C> = with_digest!(drbg_hash, D => {
            Ok(hazmat::sign_prehashed_rfc6979::<C, D>(sk.as_nonzero_scalar(), hash, &ad).0)
        })?;
        let bytes = sig.to_bytes();
        let n = bytes.len();
        out.get_mut(..n)
            .ok_or(Error::BufferTooSmall)?
            .copy_from_slice(&bytes);
        Ok(n)
    }

    pub(super) fn verify(&self, hash: &[u8], signature: &[u8]) -> Result<()> {
        if signature.len() != 2 * Self::field_len() {
            return Err(Error::InvalidSignature);
        }
        let mut sig = Signature::<C>::from_slice(signature).map_err(|_| Error::InvalidSignature)?;
        // Curves whose library insists on low S (secp256k1): (r, n - s) is an
        // equally valid ECDSA signature, and ECDSA itself accepts both.
        if C::NORMALIZE_S {
            sig = sig.normalize_s();
        }
        let q = ProjectivePoint::<C>::from(*self.vk.as_affine());
        hazmat::verify_prehashed::<C>(&q, hash, &sig).map_err(|_| Error::InvalidSignature)
    }

    pub(super) fn ecdh(&self, peer: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let sk = self.sk.as_ref().ok_or(Error::InvalidArgument)?;
        let pk = Self::parse_point(peer)?;
        let shared =
            elliptic_curve::ecdh::diffie_hellman::<C>(sk.as_nonzero_scalar(), pk.as_affine());
        Ok(Zeroizing::new(shared.raw_secret_bytes().to_vec()))
    }
}
