//! RSA keys and algorithms: PKCS#1 v1.5 and PSS signatures, OAEP and PKCS#1
//! v1.5 encryption.
//!
//! Key material is stored in the specification's export format: a key pair as
//! DER `RSAPrivateKey`, a public key as DER `RSAPublicKey`. Import accepts only
//! the canonical encoding (what export produces), so the stored bytes are always
//! what `psa_export_key` returns.
//!
//! Engines: the RustCrypto `rsa` crate (constant-time `crypto-bigint`
//! arithmetic, blinded private operations) for everything that takes a
//! precomputed hash and for encryption; ring for the message-signing fast path
//! ([`sign_message_prepared`], [`verify_message_prepared`]), which only ring's
//! hash-the-message interface can serve.
//!
//! A [`Prepared`] key holds the parsed, validated key for repeated use: the API
//! layer caches one per key slot, so the hot path never re-parses or
//! re-validates the DER.
use ring::signature as rs;
use rsa::pkcs1::der::{Decode, Encode};
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey, EncodeRsaPublicKey};
use rsa::rand_core::{TryCryptoRng, TryRng};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss, RsaPrivateKey, RsaPublicKey};
use sha2::Digest;
use zeroize::Zeroizing;

use super::random;
use crate::types::*;

/// Smallest RSA key accepted (import, use).
pub const MIN_BITS: usize = 1024;
/// Largest RSA key accepted.
pub const MAX_BITS: usize = PSA_VENDOR_RSA_MAX_KEY_BITS;
/// Default public exponent for generation.
const DEFAULT_E: u64 = 65537;

/// The library's CSPRNG (ring's `SystemRandom`) as a `rand_core` generator for
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

/// Runs `$body` with `$D` bound to the digest type of `$h`.
macro_rules! with_digest {
    ($h:expr, $D:ident => $body:expr) => {
        match $h {
            Hash::Sha1 => {
                type $D = sha1::Sha1;
                $body
            }
            Hash::Sha224 => {
                type $D = sha2::Sha224;
                $body
            }
            Hash::Sha256 => {
                type $D = sha2::Sha256;
                $body
            }
            Hash::Sha384 => {
                type $D = sha2::Sha384;
                $body
            }
            Hash::Sha512 => {
                type $D = sha2::Sha512;
                $body
            }
        }
    };
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
    k.n().as_ref().bits() as usize
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
    /// The public key (of a key pair, or the key itself).
    public: RsaPublicKey,
    /// The private key, for a key pair; `RsaPrivateKey` zeroizes on drop.
    private: Option<RsaPrivateKey>,
    /// ring's key pair, for message signing (keys ring accepts: ≥ 2048 bits).
    ring_pair: Option<rs::RsaKeyPair>,
    /// ring's public key (DER `RSAPublicKey`), for message verification.
    ring_public: Vec<u8>,
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
            let public = private.to_public_key();
            let bits = modulus_bits(&public);
            let ring_pair = rs::RsaKeyPair::from_der(material).ok();
            let ring_public = export_public(key_type, material)?;
            Ok(Prepared { public, private: Some(private), ring_pair, ring_public, bits })
        }
        PSA_KEY_TYPE_RSA_PUBLIC_KEY => {
            let public = RsaPublicKey::from_pkcs1_der(material).map_err(|_| Error::CorruptionDetected)?;
            let bits = modulus_bits(&public);
            Ok(Prepared { public, private: None, ring_pair: None, ring_public: material.to_vec(), bits })
        }
        _ => Err(Error::InvalidArgument),
    }
}

// ---------------------------------------------------------------------------
// Signatures

/// Signature size of an RSA key of `bits` bits.
pub fn signature_length(bits: usize) -> usize {
    bits.div_ceil(8)
}

/// The PSS salt length PSA uses when signing (and requires when verifying with
/// `PSA_ALG_RSA_PSS`): the hash length, or the largest salt that fits if the key
/// is too small for that.
fn pss_salt_len(bits: usize, h: Hash) -> Result<usize> {
    let em_len = (bits - 1).div_ceil(8);
    let room = em_len.checked_sub(h.len() + 2).ok_or(Error::InvalidArgument)?;
    Ok(room.min(h.len()))
}

/// What a signature algorithm asks for.
enum SigScheme {
    Pkcs1(Hash),
    Pkcs1Raw,
    Pss(Hash, bool /* any salt on verify */),
}

fn sig_scheme(alg: psa_algorithm_t) -> Result<SigScheme> {
    if alg == PSA_ALG_RSA_PKCS1V15_SIGN_RAW {
        return Ok(SigScheme::Pkcs1Raw);
    }
    let h = Hash::from_psa(psa_alg_sign_get_hash(alg));
    if psa_alg_is_rsa_pkcs1v15_sign(alg) {
        Ok(SigScheme::Pkcs1(h?))
    } else if psa_alg_is_rsa_pss_standard_salt(alg) {
        Ok(SigScheme::Pss(h?, false))
    } else if psa_alg_is_rsa_pss_any_salt(alg) {
        Ok(SigScheme::Pss(h?, true))
    } else if psa_alg_is_sign(alg) {
        Err(Error::InvalidArgument) // a signature algorithm for another key type
    } else {
        Err(Error::InvalidArgument)
    }
}

/// Signs `hash` (the digest, or the data to pad for `SIGN_RAW`) with a prepared
/// key pair; writes the signature to `out` and returns its length.
pub fn sign_hash_prepared(p: &Prepared, alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
    let scheme = sig_scheme(alg)?;
    let key = p.private()?;
    let n = p.modulus_len();
    let sig = match scheme {
        SigScheme::Pkcs1(h) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            let padding = with_digest!(h, D => Pkcs1v15Sign::new::<D>());
            key.sign_with_rng(&mut SysRng, padding, hash)
        }
        SigScheme::Pkcs1Raw => {
            if hash.len() + 11 > n {
                return Err(Error::InvalidArgument);
            }
            key.sign_with_rng(&mut SysRng, Pkcs1v15Sign::new_unprefixed(), hash)
        }
        SigScheme::Pss(h, _) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            let salt = pss_salt_len(p.bits, h)?;
            with_digest!(h, D => key.sign_with_rng(&mut SysRng, Pss::<D>::new_with_salt(salt), hash))
        }
    }
    .map_err(|_| Error::InvalidArgument)?;
    let dst = out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall)?;
    dst.copy_from_slice(&sig);
    Ok(sig.len())
}

/// Verifies `signature` over `hash` with a prepared key (pair or public).
/// Every mismatch is `InvalidSignature`.
pub fn verify_hash_prepared(p: &Prepared, alg: psa_algorithm_t, hash: &[u8], signature: &[u8]) -> Result<()> {
    let scheme = sig_scheme(alg)?;
    let key = &p.public;
    if signature.len() != p.modulus_len() {
        return Err(Error::InvalidSignature);
    }
    let ok = match scheme {
        SigScheme::Pkcs1(h) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            let padding = with_digest!(h, D => Pkcs1v15Sign::new::<D>());
            key.verify(padding, hash, signature)
        }
        SigScheme::Pkcs1Raw => key.verify(Pkcs1v15Sign::new_unprefixed(), hash, signature),
        SigScheme::Pss(h, any_salt) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            let salt_len = if any_salt { None } else { Some(pss_salt_len(p.bits, h)?) };
            with_digest!(h, D => key.verify(Pss::<D> { blinded: true, digest: D::new(), salt_len }, hash, signature))
        }
    };
    ok.map_err(|_| Error::InvalidSignature)
}

/// `sign_hash` without a cached key: parses `material` (DER `RSAPrivateKey`).
pub fn sign_hash(material: &[u8], alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
    sign_hash_prepared(&prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, material)?, alg, hash, out)
}

/// `verify_hash` without a cached key: parses `material` of type `key_type`.
pub fn verify_hash(
    key_type: psa_key_type_t,
    material: &[u8],
    alg: psa_algorithm_t,
    hash: &[u8],
    signature: &[u8],
) -> Result<()> {
    verify_hash_prepared(&prepare(key_type, material)?, alg, hash, signature)
}

/// ring's signing encoding for `scheme`, where ring has one.
fn ring_sign_alg(scheme: &SigScheme) -> Option<&'static dyn rs::RsaEncoding> {
    Some(match scheme {
        SigScheme::Pkcs1(Hash::Sha256) => &rs::RSA_PKCS1_SHA256,
        SigScheme::Pkcs1(Hash::Sha384) => &rs::RSA_PKCS1_SHA384,
        SigScheme::Pkcs1(Hash::Sha512) => &rs::RSA_PKCS1_SHA512,
        SigScheme::Pss(Hash::Sha256, _) => &rs::RSA_PSS_SHA256,
        SigScheme::Pss(Hash::Sha384, _) => &rs::RSA_PSS_SHA384,
        SigScheme::Pss(Hash::Sha512, _) => &rs::RSA_PSS_SHA512,
        _ => return None,
    })
}

/// Signs a message (hash-and-sign algorithms only): ring for PKCS#1 v1.5 and
/// PSS with SHA-256/384/512 on keys of 2048 bits and more, otherwise hash here
/// and [`sign_hash_prepared`].
pub fn sign_message_prepared(p: &Prepared, alg: psa_algorithm_t, msg: &[u8], out: &mut [u8]) -> Result<usize> {
    let scheme = sig_scheme(alg)?;
    let h = match scheme {
        SigScheme::Pkcs1Raw => return Err(Error::InvalidArgument),
        SigScheme::Pkcs1(h) | SigScheme::Pss(h, _) => h,
    };
    p.private()?;
    if let (Some(pair), Some(enc)) = (&p.ring_pair, ring_sign_alg(&scheme)) {
        let n = pair.public().modulus_len();
        let dst = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
        let rng = ring::rand::SystemRandom::new();
        pair.sign(enc, &rng, msg, dst).map_err(|_| Error::InsufficientEntropy)?;
        return Ok(n);
    }
    sign_hash_prepared(p, alg, &h.digest(msg), out)
}

/// Verifies a signature over a message: ring for PKCS#1 v1.5 and standard-salt
/// PSS with SHA-256/384/512 on keys of 2048 bits and more; otherwise hash here
/// and [`verify_hash_prepared`].
pub fn verify_message_prepared(p: &Prepared, alg: psa_algorithm_t, msg: &[u8], signature: &[u8]) -> Result<()> {
    let scheme = sig_scheme(alg)?;
    let h = match scheme {
        SigScheme::Pkcs1Raw => return Err(Error::InvalidArgument),
        SigScheme::Pkcs1(h) | SigScheme::Pss(h, _) => h,
    };
    let ring_alg: Option<&'static rs::RsaParameters> = match scheme {
        _ if p.bits < 2048 => None,
        SigScheme::Pkcs1(Hash::Sha256) => Some(&rs::RSA_PKCS1_2048_8192_SHA256),
        SigScheme::Pkcs1(Hash::Sha384) => Some(&rs::RSA_PKCS1_2048_8192_SHA384),
        SigScheme::Pkcs1(Hash::Sha512) => Some(&rs::RSA_PKCS1_2048_8192_SHA512),
        // ring's PSS verification accepts the hash-length salt, which is what
        // PSA_ALG_RSA_PSS requires once the key has room for it (≥ 2048 bits).
        SigScheme::Pss(Hash::Sha256, false) => Some(&rs::RSA_PSS_2048_8192_SHA256),
        SigScheme::Pss(Hash::Sha384, false) => Some(&rs::RSA_PSS_2048_8192_SHA384),
        SigScheme::Pss(Hash::Sha512, false) => Some(&rs::RSA_PSS_2048_8192_SHA512),
        _ => None,
    };
    if let Some(params) = ring_alg {
        if signature.len() != p.modulus_len() {
            return Err(Error::InvalidSignature);
        }
        return rs::UnparsedPublicKey::new(params, &p.ring_public)
            .verify(msg, signature)
            .map_err(|_| Error::InvalidSignature);
    }
    verify_hash_prepared(p, alg, &h.digest(msg), signature)
}

// ---------------------------------------------------------------------------
// Encryption

enum CryptScheme {
    Pkcs1,
    Oaep(Hash),
}

fn crypt_scheme(alg: psa_algorithm_t, label: &[u8]) -> Result<CryptScheme> {
    if alg == PSA_ALG_RSA_PKCS1V15_CRYPT {
        if !label.is_empty() {
            return Err(Error::InvalidArgument);
        }
        Ok(CryptScheme::Pkcs1)
    } else if psa_alg_is_rsa_oaep(alg) {
        Ok(CryptScheme::Oaep(Hash::from_psa(psa_alg_get_hash_field(alg))?))
    } else {
        Err(Error::InvalidArgument)
    }
}

/// The hash field of an algorithm as a hash algorithm (`PSA_ALG_GET_HASH`).
const fn psa_alg_get_hash_field(alg: psa_algorithm_t) -> psa_algorithm_t {
    match alg & 0xff {
        0 => PSA_ALG_NONE,
        h => 0x0200_0000 | h,
    }
}

/// Largest plaintext `alg` can encrypt with a key of `bits` bits.
pub fn max_plaintext(bits: usize, alg: psa_algorithm_t) -> Result<usize> {
    let k = bits.div_ceil(8);
    match crypt_scheme(alg, &[])? {
        CryptScheme::Pkcs1 => Ok(k.saturating_sub(11)),
        CryptScheme::Oaep(h) => Ok(k.saturating_sub(2 * h.len() + 2)),
    }
}

/// Encrypts `input` with the public part of a prepared key; `label` is the OAEP
/// label (must be empty for PKCS#1 v1.5). Returns the ciphertext length.
pub fn encrypt_prepared(
    p: &Prepared,
    alg: psa_algorithm_t,
    input: &[u8],
    label: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    let scheme = crypt_scheme(alg, label)?;
    if input.len() > max_plaintext(p.bits, alg)? {
        return Err(Error::InvalidArgument);
    }
    let n = p.modulus_len();
    let dst = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    let ct = match scheme {
        CryptScheme::Pkcs1 => p.public.encrypt(&mut SysRng, Pkcs1v15Encrypt, input),
        CryptScheme::Oaep(h) => {
            with_digest!(h, D => p.public.encrypt(&mut SysRng, Oaep::<D>::new_with_label(label), input))
        }
    }
    .map_err(|_| Error::InvalidArgument)?;
    // The rsa crate returns exactly k bytes (left-padded with zeros).
    dst.copy_from_slice(ct.get(..n).ok_or(Error::CorruptionDetected)?);
    Ok(n)
}

/// Decrypts `input` with a prepared key pair. Every OAEP decoding failure is
/// the single status `InvalidPadding`; PKCS#1 v1.5 uses implicit rejection (see
/// the module docs of the `rsa` crate): an invalid ciphertext decrypts to a
/// deterministic pseudo-random message instead of an error, so nothing about
/// the padding leaks through the status. Returns the plaintext length.
pub fn decrypt_prepared(
    p: &Prepared,
    alg: psa_algorithm_t,
    input: &[u8],
    label: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    let scheme = crypt_scheme(alg, label)?;
    let key = p.private()?;
    if input.len() != p.modulus_len() {
        return Err(Error::InvalidArgument);
    }
    let pt = Zeroizing::new(
        match scheme {
            CryptScheme::Pkcs1 => key.decrypt_blinded(&mut SysRng, Pkcs1v15Encrypt, input),
            CryptScheme::Oaep(h) => {
                with_digest!(h, D => key.decrypt_blinded(&mut SysRng, Oaep::<D>::new_with_label(label), input))
            }
        }
        .map_err(|_| Error::InvalidPadding)?,
    );
    let dst = out.get_mut(..pt.len()).ok_or(Error::BufferTooSmall)?;
    dst.copy_from_slice(&pt);
    Ok(pt.len())
}

#[cfg(test)]
mod tests {
    use super::*;
}
