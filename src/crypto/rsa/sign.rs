//! RSA signatures: PKCS#1 v1.5 (with a DigestInfo prefix or raw) and PSS,
//! over a digest or a message, all by AWS-LC.
use crate::crypto::awslc::Salt;
use super::{prepare, Hash, Prepared};
use crate::types::*;

/// Signature size of an RSA key of `bits` bits.
pub fn signature_length(bits: usize) -> usize {
    bits.div_ceil(8)
}

/// The PSS salt length PSA uses when signing (and requires when verifying with
/// `PSA_ALG_RSA_PSS`): the hash length, or the largest salt that fits if the key
/// is too small for that.
pub(super) fn pss_salt_len(bits: usize, h: Hash) -> Result<usize> {
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
