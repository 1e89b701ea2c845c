//! Post-quantum signatures (ML-DSA, SLH-DSA) and stateful hash-based
//! verification (LMS/HSS, XMSS/XMSS^MT): key checks, generation, export and the
//! FIPS 204/205 message encodings shared by both schemes.
//!
//! Pure signing signs M′ = 0 ‖ |ctx| ‖ ctx ‖ M; HashML-DSA and HashSLH-DSA sign
//! M′ = 1 ‖ |ctx| ‖ ctx ‖ OID(PH) ‖ PH(M) (FIPS 204 Algorithms 2/4, FIPS 205
//! Algorithms 22/23), through the crates' internal functions.
use zeroize::Zeroizing;

use super::{ecc, mldsa, random, slhdsa};
use crate::types::*;

/// Which stateful scheme a key type is, if any.
fn is_stateful(t: psa_key_type_t) -> bool {
    matches!(
        t,
        PSA_KEY_TYPE_LMS_PUBLIC_KEY
            | PSA_KEY_TYPE_HSS_PUBLIC_KEY
            | PSA_KEY_TYPE_XMSS_PUBLIC_KEY
            | PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY
    )
}

/// Import checks for a key type of this module: returns the key bits.
/// `declared` is the size in the attributes (0 when unset).
pub fn import(t: psa_key_type_t, declared: usize, data: &[u8]) -> Result<usize> {
    if data.is_empty() {
        return Err(Error::InvalidArgument);
    }
    if psa_key_type_is_ml_dsa(t) {
        mldsa::import(t, declared, data)
    } else if psa_key_type_is_slh_dsa(t) {
        slhdsa::import(t, declared, data)
    } else if is_stateful(t) {
        super::stateful::import(t, declared, data)
    } else {
        // Key pairs of the stateful schemes: signing is out of scope.
        Err(Error::NotSupported)
    }
}

/// Generates a key pair of a type of this module.
pub fn generate(t: psa_key_type_t, bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    if !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    if t == PSA_KEY_TYPE_ML_DSA_KEY_PAIR {
        mldsa::level(bits)?;
        let mut seed = Zeroizing::new(vec![0u8; mldsa::SEED_LEN]);
        random::fill(&mut seed)?;
        Ok(seed)
    } else if psa_key_type_is_slh_dsa(t) {
        slhdsa::generate(t, bits)
    } else {
        Err(Error::NotSupported)
    }
}

/// The public key in export format.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    if psa_key_type_is_ml_dsa(t) {
        mldsa::export_public(t, bits, material)
    } else if psa_key_type_is_slh_dsa(t) {
        slhdsa::export_public(t, bits, material)
    } else {
        Ok(material.to_vec())
    }
}

/// A parsed key of this module, cached in the key slot.
pub enum Prepared {
    /// ML-DSA key pair or public key
    MlDsa(mldsa::Prepared),
    /// SLH-DSA key pair or public key
    SlhDsa(slhdsa::Prepared),
    /// LMS, HSS, XMSS or XMSS^MT public key
    Stateful(super::stateful::Prepared),
}

/// Parses stored material.
pub fn prepare(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Prepared> {
    if psa_key_type_is_ml_dsa(t) {
        Ok(Prepared::MlDsa(mldsa::prepare(t, bits, material)?))
    } else if psa_key_type_is_slh_dsa(t) {
        Ok(Prepared::SlhDsa(slhdsa::prepare(t, bits, material)?))
    } else {
        Ok(Prepared::Stateful(super::stateful::prepare(t, material)?))
    }
}

/// DER encoding of the OID of each pre-hash FIPS 204/205 accept (NIST hash
/// algorithm arc 2.16.840.1.101.3.4.2.x); `None` for other hashes.
pub fn prehash_oid(h: psa_algorithm_t) -> Option<[u8; 11]> {
    let last = match h {
        PSA_ALG_SHA_256 => 0x01,
        PSA_ALG_SHA_384 => 0x02,
        PSA_ALG_SHA_512 => 0x03,
        PSA_ALG_SHA_224 => 0x04,
        PSA_ALG_SHA_512_224 => 0x05,
        PSA_ALG_SHA_512_256 => 0x06,
        PSA_ALG_SHA3_224 => 0x07,
        PSA_ALG_SHA3_256 => 0x08,
        PSA_ALG_SHA3_384 => 0x09,
        PSA_ALG_SHA3_512 => 0x0a,
        PSA_ALG_SHAKE256_512 => 0x0c,
        _ => return None,
    };
    Some([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, last])
}

/// What is signed: the whole message (pure) or a pre-hash of it.
pub enum Input<'a> {
    /// Pure ML-DSA / SLH-DSA over the message.
    Message(&'a [u8]),
    /// HashML-DSA / HashSLH-DSA over the digest (already computed, of the
    /// length of the algorithm's hash).
    Digest(&'a [u8]),
}

/// The signature of a (Hash)ML-DSA or (Hash)SLH-DSA algorithm `alg` with key
/// `p` over `input` and context `ctx` (≤ 255 bytes, checked by the caller).
pub fn sign(p: &Prepared, alg: psa_algorithm_t, input: Input<'_>, ctx: &[u8], out: &mut [u8]) -> Result<usize> {
    let ctx_len = [u8::try_from(ctx.len()).map_err(|_| Error::InvalidArgument)?];
    let oid;
    let pieces: [&[u8]; 5] = match input {
        Input::Message(m) => [&[0], &ctx_len, ctx, &[], m],
        Input::Digest(d) => {
            oid = prehash_oid(pqc_prehash(alg)).ok_or(Error::NotSupported)?;
            [&[1], &ctx_len, ctx, &oid, d]
        }
    };
    let deterministic = is_deterministic_pqc(alg);
    match p {
        Prepared::MlDsa(k) => {
            let mut rnd = Zeroizing::new([0u8; 32]);
            if !deterministic {
                random::fill(&mut rnd[..])?;
            }
            k.sign(&pieces, &rnd, out)
        }
        Prepared::SlhDsa(k) => {
            let n = k.n;
            let mut rnd = Zeroizing::new([0u8; 32]);
            if deterministic {
                k.sign(&pieces, None, out)
            } else {
                random::fill(&mut rnd[..n])?;
                k.sign(&pieces, Some(&rnd[..n]), out)
            }
        }
        Prepared::Stateful(_) => Err(Error::NotSupported),
    }
}

/// Verification of a signature made by [`sign`] (any variant: hedged and
/// deterministic signatures verify alike); `InvalidSignature` on mismatch.
pub fn verify(p: &Prepared, alg: psa_algorithm_t, input: Input<'_>, ctx: &[u8], signature: &[u8]) -> Result<()> {
    let ctx_len = [u8::try_from(ctx.len()).map_err(|_| Error::InvalidArgument)?];
    let oid;
    let pieces: [&[u8]; 5] = match input {
        Input::Message(m) => [&[0], &ctx_len, ctx, &[], m],
        Input::Digest(d) => {
            oid = prehash_oid(pqc_prehash(alg)).ok_or(Error::NotSupported)?;
            [&[1], &ctx_len, ctx, &oid, d]
        }
    };
    match p {
        Prepared::MlDsa(k) => k.verify(&pieces.concat(), signature),
        Prepared::SlhDsa(k) => k.verify(&pieces, signature),
        Prepared::Stateful(_) => Err(Error::InvalidArgument),
    }
}

/// Verification of an LMS/HSS/XMSS/XMSS^MT signature over `msg`.
pub fn verify_stateful(p: &Prepared, msg: &[u8], signature: &[u8]) -> Result<()> {
    match p {
        Prepared::Stateful(s) => super::stateful::verify(s, msg, signature),
        _ => Err(Error::InvalidArgument),
    }
}

/// The digest of `msg` for a HashML-DSA / HashSLH-DSA algorithm.
pub fn prehash(alg: psa_algorithm_t, msg: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let h = pqc_prehash(alg);
    prehash_oid(h).ok_or(Error::NotSupported)?;
    ecc::hash_message(h, msg)
}

/// Length of the digest of a HashML-DSA / HashSLH-DSA algorithm's hash
/// (`NotSupported` for a hash the schemes do not accept).
pub fn prehash_len(alg: psa_algorithm_t) -> Result<usize> {
    let h = pqc_prehash(alg);
    prehash_oid(h).ok_or(Error::NotSupported)?;
    ecc::hash_len(h).ok_or(Error::NotSupported)
}

#[cfg(test)]
#[path = "pqc_sign_tests.rs"]
mod tests;
