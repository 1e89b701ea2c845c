//! RSA keys and algorithms: PKCS#1 v1.5 and PSS signatures, OAEP and PKCS#1
//! v1.5 encryption.
//!
//! Key material is stored in the specification's export format: a key pair as
//! DER `RSAPrivateKey`, a public key as DER `RSAPublicKey`. Import accepts only
//! the canonical encoding (what export produces), so the stored bytes are always
//! what `psa_export_key` returns.
//!
//! Engines, chosen by measurement (docs/PERFORMANCE.md): AWS-LC
//! ([`super::awslc`]) for every signature and verification (over a digest or
//! a message), OAEP and PKCS#1 v1.5 encryption and OAEP decryption; the
//! RustCrypto `rsa` crate for what AWS-LC cannot do as PSA asks: key parsing
//! with the canonical-encoding check, key generation of any size (AWS-LC
//! rounds sizes down to a multiple of 128 bits) and PKCS#1 v1.5 decryption
//! with implicit rejection.
//!
//! A [`Prepared`] key holds the parsed, validated key for repeated use: the API
//! layer caches one per key slot, so the hot path never re-parses or
//! re-validates the DER.
use rsa::pkcs1::der::{Decode, Encode};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::rand_core::{TryCryptoRng, TryRng};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use sha2::Digest;
use zeroize::Zeroizing;

use super::awslc::{Md, RsaKey};
use super::random;
use crate::types::*;

/// Smallest RSA key accepted (import, use).
pub const MIN_BITS: usize = 1024;
/// Largest RSA key accepted.
pub const MAX_BITS: usize = PSA_VENDOR_RSA_MAX_KEY_BITS;
/// Default public exponent for generation.
const DEFAULT_E: u64 = 65537;

/// The library's CSPRNG ([`random::fill`]) as a `rand_core` generator for
/// the `rsa` crate. The operating system refusing entropy is not recoverable
/// inside the `rsa` crate's infallible interface: it panics, which the panic
/// boundary reports as `PSA_ERROR_CORRUPTION_DETECTED`.
struct SysRng;

impl TryRng for SysRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> core::result::Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> core::result::Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> core::result::Result<(), Self::Error> {
        random::fill(dst).expect("operating system random generator failed");
        Ok(())
    }
}
impl TryCryptoRng for SysRng {}

/// The hash algorithms usable with RSA signatures and OAEP.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    /// The hash named by a PSA hash algorithm; `NotSupported` for other hashes
    /// (SHA-3, SHA-512/t, ...), `InvalidArgument` for what is not a hash.
    fn from_psa(h: psa_algorithm_t) -> Result<Self> {
        Ok(match h {
            PSA_ALG_SHA_1 => Hash::Sha1,
            PSA_ALG_SHA_224 => Hash::Sha224,
            PSA_ALG_SHA_256 => Hash::Sha256,
            PSA_ALG_SHA_384 => Hash::Sha384,
            PSA_ALG_SHA_512 => Hash::Sha512,
            _ if psa_alg_is_hash(h) && h != PSA_ALG_ANY_HASH => return Err(Error::NotSupported),
            _ => return Err(Error::InvalidArgument),
        })
    }
    fn len(self) -> usize {
        match self {
            Hash::Sha1 => 20,
            Hash::Sha224 => 28,
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
    fn md(self) -> Md {
        match self {
            Hash::Sha1 => Md::Sha1,
            Hash::Sha224 => Md::Sha224,
            Hash::Sha256 => Md::Sha256,
            Hash::Sha384 => Md::Sha384,
            Hash::Sha512 => Md::Sha512,
        }
    }
    fn digest(self, msg: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => sha1::Sha1::digest(msg).to_vec(),
            Hash::Sha224 => sha2::Sha224::digest(msg).to_vec(),
            Hash::Sha256 => sha2::Sha256::digest(msg).to_vec(),
            Hash::Sha384 => sha2::Sha384::digest(msg).to_vec(),
            Hash::Sha512 => sha2::Sha512::digest(msg).to_vec(),
        }
    }
}

// ---------------------------------------------------------------------------
// Key formats

/// Bit length of a big-endian unsigned integer.
fn bit_length(be: &[u8]) -> usize {
    match be.iter().position(|&b| b != 0) {
        None => 0,
        Some(i) => (be.len() - i - 1) * 8 + (8 - be[i].leading_zeros() as usize),
    }
}

/// `NotSupported` unless `bits` is in the supported range.
fn check_bits(bits: usize) -> Result<()> {
    if (MIN_BITS..=MAX_BITS).contains(&bits) {
        Ok(())
    } else {
        Err(Error::NotSupported)
    }
}

/// Parses and fully validates a DER `RSAPrivateKey` in canonical form.
fn parse_private(der: &[u8]) -> Result<RsaPrivateKey> {
    // The structure first, to tell unsupported sizes from malformed keys.
    let raw = rsa::pkcs1::RsaPrivateKeyRef::from_der(der).map_err(|_| Error::InvalidArgument)?;
    if raw.other_prime_infos.is_some() {
        return Err(Error::NotSupported);
    }
    check_bits(bit_length(raw.modulus.as_bytes()))?;
    let key = RsaPrivateKey::from_pkcs1_der(der).map_err(|_| Error::InvalidArgument)?;
    key.validate().map_err(|_| Error::InvalidArgument)?;
    // The CRT values (dP, dQ, qInv) are recomputed by the rsa crate: insisting
    // on the canonical encoding rejects keys whose stored CRT values disagree.
    let canonical = key.to_pkcs1_der().map_err(|_| Error::InvalidArgument)?;
    if canonical.as_bytes() != der {
        return Err(Error::InvalidArgument);
    }
    Ok(key)
}

/// Parses a DER `RSAPublicKey` in canonical form.
fn parse_public(der: &[u8]) -> Result<RsaPublicKey> {
    let raw = rsa::pkcs1::RsaPublicKeyRef::from_der(der).map_err(|_| Error::InvalidArgument)?;
    check_bits(bit_length(raw.modulus.as_bytes()))?;
    let key = RsaPublicKey::from_pkcs1_der(der).map_err(|_| Error::InvalidArgument)?;
    let canonical = key.to_pkcs1_der().map_err(|_| Error::InvalidArgument)?;
    if canonical.as_bytes() != der {
        return Err(Error::InvalidArgument);
    }
    Ok(key)
}

/// Modulus size in bits of a parsed key.
fn modulus_bits(k: &RsaPublicKey) -> usize {
    k.n().as_ref().bit_width() as usize
}

/// Validates key data of RSA type `t`; returns the key size in bits.
///
/// Garbage, inconsistent or non-canonical DER: `InvalidArgument`; a well-formed
/// key outside 1024..=8192 bits (or multi-prime): `NotSupported`.
pub fn import(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    match t {
        PSA_KEY_TYPE_RSA_KEY_PAIR => Ok(modulus_bits(parse_private(data)?.as_public_key())),
        PSA_KEY_TYPE_RSA_PUBLIC_KEY => Ok(modulus_bits(&parse_public(data)?)),
        _ => Err(Error::InvalidArgument),
    }
}

/// Generates an RSA key pair of `bits` bits with public exponent `e`
/// (big-endian; `None` or empty for 65537).
///
/// The exponent must be odd and at least 3 (`InvalidArgument` otherwise);
/// exponents above 2^33 are `NotSupported`.
pub fn generate(bits: usize, e: Option<&[u8]>) -> Result<Zeroizing<Vec<u8>>> {
    check_bits(bits)?;
    let e = match e.filter(|e| !e.is_empty()) {
        None => DEFAULT_E,
        Some(be) => {
            let digits = &be[be.iter().position(|&b| b != 0).unwrap_or(be.len())..];
            if digits.len() > 8 {
                return Err(Error::NotSupported);
            }
            let v = digits.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
            if v < 3 || v % 2 == 0 {
                return Err(Error::InvalidArgument);
            }
            if v > RsaPublicKey::MAX_PUB_EXPONENT {
                return Err(Error::NotSupported);
            }
            v
        }
    };
    let key = RsaPrivateKey::new_with_exp(&mut SysRng, bits, BoxedUint::from(e))
        .map_err(|_| Error::NotSupported)?;
    if modulus_bits(key.as_public_key()) != bits {
        return Err(Error::Generic);
    }
    let der = key.to_pkcs1_der().map_err(|_| Error::Generic)?;
    Ok(Zeroizing::new(der.as_bytes().to_vec()))
}

/// The public key (DER `RSAPublicKey`) of an RSA key pair or public key.
pub fn export_public(t: psa_key_type_t, material: &[u8]) -> Result<Vec<u8>> {
    match t {
        PSA_KEY_TYPE_RSA_PUBLIC_KEY => Ok(material.to_vec()),
        PSA_KEY_TYPE_RSA_KEY_PAIR => {
            let k = rsa::pkcs1::RsaPrivateKeyRef::from_der(material).map_err(|_| Error::CorruptionDetected)?;
            let public = rsa::pkcs1::RsaPublicKeyRef { modulus: k.modulus, public_exponent: k.public_exponent };
            public.to_der().map_err(|_| Error::CorruptionDetected)
        }
        _ => Err(Error::InvalidArgument),
    }
}

// ---------------------------------------------------------------------------
// Prepared keys

/// A parsed RSA key ready for repeated use: cache one per key slot.
pub struct Prepared {
    /// AWS-LC's copy of the key (pair or public), for everything but PKCS#1
    /// v1.5 decryption.
    aws: RsaKey,
    /// The private key, for a key pair, for PKCS#1 v1.5 decryption with
    /// implicit rejection; `RsaPrivateKey` zeroizes on drop.
    private: Option<RsaPrivateKey>,
    /// Modulus size in bits.
    bits: usize,
}

impl Prepared {
    /// Modulus size in bits.
    pub fn bits(&self) -> usize {
        self.bits
    }
    /// Whether the private key is present.
    pub fn is_key_pair(&self) -> bool {
        self.private.is_some()
    }
    fn modulus_len(&self) -> usize {
        self.bits.div_ceil(8)
    }
    fn private(&self) -> Result<&RsaPrivateKey> {
        self.private.as_ref().ok_or(Error::InvalidArgument)
    }
}

/// Parses the stored material of an RSA key of type `key_type` once, for
/// repeated use. Material in the key store was validated on import, so a
/// failure here means corruption.
pub fn prepare(key_type: psa_key_type_t, material: &[u8]) -> Result<Prepared> {
    match key_type {
        PSA_KEY_TYPE_RSA_KEY_PAIR => {
            let private = RsaPrivateKey::from_pkcs1_der(material).map_err(|_| Error::CorruptionDetected)?;
            let bits = modulus_bits(private.as_public_key());
            let aws = RsaKey::from_der(material, true)?;
            Ok(Prepared { aws, private: Some(private), bits })
        }
        PSA_KEY_TYPE_RSA_PUBLIC_KEY => {
            let public = RsaPublicKey::from_pkcs1_der(material).map_err(|_| Error::CorruptionDetected)?;
            let bits = modulus_bits(&public);
            let aws = RsaKey::from_der(material, false)?;
            Ok(Prepared { aws, private: None, bits })
        }
        _ => Err(Error::InvalidArgument),
    }
}

mod encrypt;
mod sign;

pub use encrypt::{decrypt_prepared, encrypt_prepared, max_plaintext};
pub use sign::{
    sign_hash, sign_hash_prepared, sign_message_prepared, signature_length, verify_hash, verify_hash_prepared,
    verify_message_prepared,
};

#[cfg(test)]
mod tests;
