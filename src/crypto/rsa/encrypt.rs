//! RSA encryption: OAEP (AWS-LC both ways) and PKCS#1 v1.5 (AWS-LC
//! encrypts; the rsa crate decrypts, with implicit rejection).
use rsa::Pkcs1v15Encrypt;
use zeroize::Zeroizing;

use super::{Hash, Prepared, SysRng};
use crate::types::*;

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
