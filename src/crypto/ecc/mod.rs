//! Elliptic-curve keys and algorithms: ECDSA, EdDSA, ECDH, X25519/X448.
//!
//! Key material is stored in the specification's export format: a key pair as
//! its private scalar (Weierstrass) or raw private key (Montgomery, Edwards); a
//! public key as an uncompressed point (Weierstrass) or raw bytes.
//!
//! A key is parsed once into a [`Prepared`] value (the API layer caches it in
//! the key slot); every signature and agreement runs on that.
//!
//! Back ends, chosen per algorithm by measurement (docs/PERFORMANCE.md):
//! AWS-LC ([`super::awslc`]) for randomized ECDSA (sign and verify, over a
//! digest or a message) and ECDH on P-256, P-384 and P-521, and, through
//! aws-lc-rs, PureEdDSA on Ed25519; RustCrypto (`p192`, `p224`, `p256`,
//! `p384`, `p521`, `k256`, `bp256`, `bp384`, the local [`super::bp512`],
//! `ed25519-dalek`, `ed448-goldilocks`, `x25519-dalek`, `x448`) for the other
//! curves, for Ed25519ph/Ed448, and for deterministic ECDSA (RFC 6979 with the
//! algorithm's hash as the HMAC-DRBG hash), which AWS-LC does not implement.
use digest::{ExtendableOutput, Update, XofReader};
use zeroize::Zeroizing;

use super::awslc;
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

/// Builds the precomputed generator tables of the RustCrypto P-256, P-384
/// and P-521 crates (their `precomputed-tables` feature: deterministic ECDSA
/// and key validation multiply the generator through them, about 4× faster
/// than the generic multiplication). The crates build each table lazily in a
/// `std::sync::LazyLock`, whose synchronisation ThreadSanitizer cannot see
/// (std is not instrumented); `psa_crypto_init` calls this before it
/// publishes the library, so every later call, on any thread, reads tables
/// that were complete before the release store that made the library
/// visible to it. Idempotent; after the first call it costs three loads.
pub fn warm_generator_tables() {
    use elliptic_curve::group::Group;
    let _ = p256::ProjectivePoint::mul_by_generator(&p256::Scalar::ONE);
    let _ = p384::ProjectivePoint::mul_by_generator(&p384::Scalar::ONE);
    let _ = p521::ProjectivePoint::mul_by_generator(&p521::Scalar::ONE);
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
    use sha2::Digest;
    let v = match h {
        PSA_ALG_SHA_1 => sha1::Sha1::digest(msg).to_vec(),
        PSA_ALG_SHA_224 => sha2::Sha224::digest(msg).to_vec(),
        PSA_ALG_SHA_256 => sha2::Sha256::digest(msg).to_vec(),
        PSA_ALG_SHA_384 => sha2::Sha384::digest(msg).to_vec(),
        PSA_ALG_SHA_512 => sha2::Sha512::digest(msg).to_vec(),
        PSA_ALG_SHA_512_224 => sha2::Sha512_224::digest(msg).to_vec(),
        PSA_ALG_SHA_512_256 => sha2::Sha512_256::digest(msg).to_vec(),
        PSA_ALG_SHA3_224 => sha3::Sha3_224::digest(msg).to_vec(),
        PSA_ALG_SHA3_256 => sha3::Sha3_256::digest(msg).to_vec(),
        PSA_ALG_SHA3_384 => sha3::Sha3_384::digest(msg).to_vec(),
        PSA_ALG_SHA3_512 => sha3::Sha3_512::digest(msg).to_vec(),
        PSA_ALG_SHAKE256_512 => {
            let mut x = shake::Shake256::default();
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
                type $D = sha1::Sha1;
                $body
            }
            PSA_ALG_SHA_224 => {
                type $D = sha2::Sha224;
                $body
            }
            PSA_ALG_SHA_256 => {
                type $D = sha2::Sha256;
                $body
            }
            PSA_ALG_SHA_384 => {
                type $D = sha2::Sha384;
                $body
            }
            PSA_ALG_SHA_512 => {
                type $D = sha2::Sha512;
                $body
            }
            PSA_ALG_SHA_512_224 => {
                type $D = sha2::Sha512_224;
                $body
            }
            PSA_ALG_SHA_512_256 => {
                type $D = sha2::Sha512_256;
                $body
            }
            PSA_ALG_SHA3_224 => {
                type $D = sha3::Sha3_224;
                $body
            }
            PSA_ALG_SHA3_256 => {
                type $D = sha3::Sha3_256;
                $body
            }
            PSA_ALG_SHA3_384 => {
                type $D = sha3::Sha3_384;
                $body
            }
            PSA_ALG_SHA3_512 => {
                type $D = sha3::Sha3_512;
                $body
            }
            _ => Err(Error::NotSupported),
        }
    };
}

mod edwards;
mod weierstrass;

use edwards::{ed448_signature, Prehashed64};
pub use weierstrass::Weier;

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
    /// Ed25519: AWS-LC's key pair and the dalek key (for Ed25519ph), or the public key only.
    Ed25519(
        Option<(
            ZBox<aws_lc_rs::signature::Ed25519KeyPair>,
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

/// A key ready for use: the parsed key, plus AWS-LC's copy on P-256, P-384
/// and P-521 (which serves everything but deterministic ECDSA there).
pub struct Prepared {
    /// The curve.
    pub curve: Curve,
    key: Key,
    aws: Option<awslc::EcKey>,
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
                let r = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(&b)
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
    let nist = match c {
        Curve::P256 => Some(awslc::NistCurve::P256),
        Curve::P384 => Some(awslc::NistCurve::P384),
        Curve::P521 => Some(awslc::NistCurve::P521),
        _ => None,
    };
    let aws = match nist {
        None => None,
        Some(n) => {
            let public = weier!(&key, w => w.public(), _ => Vec::new());
            Some(awslc::EcKey::new(n, pair.then_some(material), &public)?)
        }
    };
    Ok(Prepared { curve: c, key, aws })
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
        if let (Some(k), false) = (&self.aws, deterministic) {
            return k.sign(hash, out);
        }
        weier!(&self.key, w => w.sign(drbg, deterministic, hash, out), _ => Err(Error::InvalidArgument))
    }

    /// ECDSA verification over a precomputed hash.
    pub fn ecdsa_verify_hash(&self, hash: &[u8], signature: &[u8]) -> Result<()> {
        if let Some(k) = &self.aws {
            return k.verify(hash, signature);
        }
        weier!(&self.key, w => w.verify(hash, signature), _ => Err(Error::InvalidArgument))
    }

    /// ECDSA over a message (hashing it with `h`).
    pub fn ecdsa_sign_message(
        &self,
        h: psa_algorithm_t,
        deterministic: bool,
        msg: &[u8],
        out: &mut [u8],
    ) -> Result<usize> {
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
                aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::ED25519, vk.as_bytes())
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
            _ if self.aws.is_some() => self.aws.as_ref().map_or(Err(Error::InvalidArgument), |k| k.ecdh(peer)),
            k => weier!(k, w => w.ecdh(peer), _ => Err(Error::InvalidArgument)),
        }
    }
}

#[cfg(test)]
mod tests;
