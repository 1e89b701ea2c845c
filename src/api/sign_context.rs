//! Signatures with a context (PSA Crypto API 1.4): `psa_sign_message_with_context`,
//! `psa_verify_message_with_context`, `psa_sign_hash_with_context`,
//! `psa_verify_hash_with_context`; and the post-quantum signature algorithms
//! (ML-DSA, SLH-DSA, and verification-only LMS/HSS/XMSS), which
//! [`super::sign`] hands over here with an empty context.
//!
//! A context longer than 255 bytes, or a non-empty context with an algorithm
//! for which `PSA_ALG_SIGN_SUPPORTS_CONTEXT` is false, is `InvalidArgument`.
//! With an empty context, the with-context calls are the plain calls.
use super::{core, policy, sign};
use crate::crypto::ecc;
use crate::crypto::prepared;
use crate::crypto::pqc_sign::{self, Input as PqcInput, Prepared};
use crate::keystore::KeyData;
use crate::types::*;

/// Runs `f` with the key's parsed form, building it on first use and caching
/// it in the key slot (wiped and dropped with the slot).
fn with_prepared<R>(d: &KeyData, f: impl FnOnce(&Prepared) -> Result<R>) -> Result<R> {
    prepared::with_prepared(&d.cache, prepared::Kind::PqcSign, super::key_source(d), |p| f(p.pqc_sign().ok_or(Error::CorruptionDetected)?))
}

/// Whether `alg` is one of the algorithms this module runs.
pub(crate) fn is_pqc_alg(alg: psa_algorithm_t) -> bool {
    is_any_ml_dsa(alg)
        || is_any_slh_dsa(alg)
        || matches!(alg, PSA_ALG_LMS | PSA_ALG_HSS | PSA_ALG_XMSS | PSA_ALG_XMSS_MT)
}

/// Whether the key type `t` takes the algorithm `alg` (both of this module).
fn compatible(t: psa_key_type_t, alg: psa_algorithm_t) -> bool {
    let p = psa_key_type_public_key_of_key_pair(t);
    (psa_key_type_is_ml_dsa(t) && is_any_ml_dsa(alg))
        || (psa_key_type_is_slh_dsa(t) && is_any_slh_dsa(alg))
        || (p == PSA_KEY_TYPE_LMS_PUBLIC_KEY && alg == PSA_ALG_LMS)
        || (p == PSA_KEY_TYPE_HSS_PUBLIC_KEY && alg == PSA_ALG_HSS)
        || (p == PSA_KEY_TYPE_XMSS_PUBLIC_KEY && alg == PSA_ALG_XMSS)
        || (p == PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY && alg == PSA_ALG_XMSS_MT)
}

/// Whether the call signs a message or a precomputed hash.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `psa_{sign,verify}_hash[_with_context]`
    Hash,
    /// `psa_{sign,verify}_message[_with_context]`
    Message,
}

/// Where the signature goes, or the signature to check.
pub(crate) enum Io<'a> {
    /// The caller's signature buffer.
    Out(&'a mut [u8]),
    /// The signature to verify.
    Sig(&'a [u8]),
}

fn usage(sign: bool, kind: Kind) -> psa_key_usage_t {
    match (sign, kind) {
        (true, Kind::Hash) => PSA_KEY_USAGE_SIGN_HASH,
        (true, Kind::Message) => PSA_KEY_USAGE_SIGN_MESSAGE,
        (false, Kind::Hash) => PSA_KEY_USAGE_VERIFY_HASH,
        (false, Kind::Message) => PSA_KEY_USAGE_VERIFY_MESSAGE,
    }
}

/// The context checks of the with-context calls.
fn check_context(alg: psa_algorithm_t, ctx: &[u8]) -> Result<()> {
    if ctx.len() > PSA_SIGN_CONTEXT_MAX_SIZE || (!ctx.is_empty() && !psa_alg_sign_supports_context(alg)) {
        Err(Error::InvalidArgument)
    } else {
        Ok(())
    }
}

/// The post-quantum path: the checks of [`super::sign`] in its order, then
/// the scheme. Returns the signature length (0 for a verification).
pub(crate) fn run_pqc(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    kind: Kind,
    data: &[u8],
    ctx: &[u8],
    mut io: Io<'_>,
) -> Result<usize> {
    let c = core()?;
    let signing = matches!(io, Io::Out(_));
    let alg_ok = psa_alg_is_sign(alg)
        && match kind {
            Kind::Hash => psa_alg_is_sign_hash(alg),
            Kind::Message => psa_alg_is_sign_message(alg),
        };
    if !alg_ok {
        return Err(Error::InvalidArgument);
    }
    check_context(alg, ctx)?;
    if matches!(&io, Io::Out(out) if out.is_empty()) {
        return Err(Error::BufferTooSmall);
    }
    let k = c.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    policy::require_usage(&d.attrs, usage(signing, kind))?;
    policy::require_specific(alg)?;
    if !(policy::permits(d.attrs.private_alg, alg, t, bits)
        || policy::permits(d.attrs.private_alg2, alg, t, bits))
    {
        return Err(Error::NotPermitted);
    }
    if signing && !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    if !is_pqc_sign_type(t) {
        // A PQC algorithm with a key of another family: no driver for the
        // pair (a symmetric key) or the wrong family (an RSA/ECC key).
        return Err(if psa_key_type_is_asymmetric(t) { Error::InvalidArgument } else { Error::NotSupported });
    }
    if !compatible(t, alg) {
        return Err(Error::InvalidArgument);
    }
    if matches!(alg, PSA_ALG_LMS | PSA_ALG_HSS | PSA_ALG_XMSS | PSA_ALG_XMSS_MT) {
        // Stateful schemes: verification only (signing was refused above:
        // these keys are never pairs).
        let Io::Sig(sig) = io else { return Err(Error::NotSupported) };
        with_prepared(d, |p| pqc_sign::verify_stateful(p, data, sig))?;
        k.release()?;
        return Ok(0);
    }
    let digest;
    let input = if psa_alg_is_hash_ml_dsa(alg) || psa_alg_is_hash_slh_dsa(alg) {
        let n = pqc_sign::prehash_len(alg)?;
        match kind {
            Kind::Hash => {
                if data.len() != n {
                    return Err(Error::InvalidArgument);
                }
                PqcInput::Digest(data)
            }
            Kind::Message => {
                digest = pqc_sign::prehash(alg, data)?;
                PqcInput::Digest(&digest)
            }
        }
    } else {
        PqcInput::Message(data)
    };
    let n = match &mut io {
        Io::Out(out) => {
            if out.len() < psa_sign_output_size(t, bits, alg) {
                return Err(Error::BufferTooSmall);
            }
            with_prepared(d, |p| pqc_sign::sign(p, alg, input, ctx, out))?
        }
        Io::Sig(sig) => {
            with_prepared(d, |p| pqc_sign::verify(p, alg, input, ctx, sig))?;
            0
        }
    };
    k.release()?;
    Ok(n)
}

/// The plain calls (`psa_sign_message` ...) with an algorithm of this module:
/// the with-context path with an empty context.
pub(crate) fn run_plain(id: psa_key_id_t, alg: psa_algorithm_t, kind: Kind, data: &[u8], io: Io<'_>) -> Result<usize> {
    if alg == PSA_ALG_EDDSA_CTX {
        eddsa_context(id, alg, kind, data, &[], io)
    } else {
        run_pqc(id, alg, kind, data, &[], io)
    }
}

/// The with-context calls: the post-quantum algorithms and `PSA_ALG_EDDSA_CTX`
/// here, a non-empty context with Ed25519ph/Ed448ph to the EdDSA path, and an
/// empty context with any other algorithm to the plain call.
fn run(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    kind: Kind,
    data: &[u8],
    ctx: &[u8],
    io: Io<'_>,
) -> Result<usize> {
    core()?;
    if is_pqc_alg(alg) {
        return run_pqc(id, alg, kind, data, ctx, io);
    }
    if psa_alg_is_sign(alg) {
        check_context(alg, ctx)?;
    }
    if alg == PSA_ALG_EDDSA_CTX || !ctx.is_empty() {
        return eddsa_context(id, alg, kind, data, ctx, io);
    }
    match (kind, io) {
        (Kind::Hash, Io::Out(out)) => sign::sign_hash(id, alg, data, out),
        (Kind::Hash, Io::Sig(sig)) => sign::verify_hash(id, alg, data, sig).map(|_| 0),
        (Kind::Message, Io::Out(out)) => sign::sign_message(id, alg, data, out),
        (Kind::Message, Io::Sig(sig)) => sign::verify_message(id, alg, data, sig).map(|_| 0),
    }
}

/// EdDSA with a context: `PSA_ALG_EDDSA_CTX` (Ed25519ctx or Ed448 with the
/// context, which may be empty), Ed25519ph and Ed448ph with a non-empty
/// context. The checks of [`super::sign`] in its order.
fn eddsa_context(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    kind: Kind,
    data: &[u8],
    ctx: &[u8],
    mut io: Io<'_>,
) -> Result<usize> {
    let c = core()?;
    let signing = matches!(io, Io::Out(_));
    let prehash = match (alg, kind) {
        (PSA_ALG_EDDSA_CTX, Kind::Message) => None,
        (PSA_ALG_ED25519PH, _) => Some(ecc::Curve::Ed25519),
        (PSA_ALG_ED448PH, _) => Some(ecc::Curve::Ed448),
        _ => return Err(Error::InvalidArgument),
    };
    if matches!(&io, Io::Out(out) if out.is_empty()) {
        return Err(Error::BufferTooSmall);
    }
    let k = c.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    let (t, bits) = (d.attrs.private_type, d.attrs.private_bits as usize);
    policy::require_usage(&d.attrs, usage(signing, kind))?;
    if !(policy::permits(d.attrs.private_alg, alg, t, bits)
        || policy::permits(d.attrs.private_alg2, alg, t, bits))
    {
        return Err(Error::NotPermitted);
    }
    if signing && !psa_key_type_is_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    if !psa_key_type_is_asymmetric(t) {
        return Err(Error::NotSupported);
    }
    let curve = match psa_key_type_is_ecc(t).then(|| ecc::curve(t, bits)) {
        Some(Ok(c)) if c.is_edwards() && prehash.is_none_or(|p| p == c) => c,
        _ => return Err(Error::InvalidArgument),
    };
    let digest;
    let input: &[u8] = match (prehash, kind) {
        (Some(_), Kind::Hash) => {
            if data.len() != 64 {
                return Err(Error::InvalidArgument);
            }
            data
        }
        (Some(_), Kind::Message) => {
            digest = ecc::hash_message(psa_alg_sign_get_hash(alg), data)?;
            &digest
        }
        (None, _) => data,
    };
    let n = sign::with_ecc(d, |p| match (&mut io, prehash) {
        (Io::Out(out), _) if out.len() < curve.signature_len() => Err(Error::BufferTooSmall),
        (Io::Out(out), None) => p.eddsa_ctx_sign(ctx, input, out),
        (Io::Out(out), Some(_)) => p.hash_eddsa_ctx_sign(ctx, input, out),
        (Io::Sig(sig), None) => p.eddsa_ctx_verify(ctx, input, sig).map(|_| 0),
        (Io::Sig(sig), Some(_)) => p.hash_eddsa_ctx_verify(ctx, input, sig).map(|_| 0),
    })?;
    k.release()?;
    Ok(n)
}

/// `psa_sign_message_with_context`: returns the signature length.
pub fn sign_message_with_context(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    msg: &[u8],
    ctx: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    run(id, alg, Kind::Message, msg, ctx, Io::Out(out))
}

/// `psa_verify_message_with_context`: `InvalidSignature` when it does not match.
pub fn verify_message_with_context(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    msg: &[u8],
    ctx: &[u8],
    signature: &[u8],
) -> Result<()> {
    run(id, alg, Kind::Message, msg, ctx, Io::Sig(signature)).map(|_| ())
}

/// `psa_sign_hash_with_context`: returns the signature length.
pub fn sign_hash_with_context(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: &[u8],
    ctx: &[u8],
    out: &mut [u8],
) -> Result<usize> {
    run(id, alg, Kind::Hash, hash, ctx, Io::Out(out))
}

/// `psa_verify_hash_with_context`: `InvalidSignature` when it does not match.
pub fn verify_hash_with_context(
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    hash: &[u8],
    ctx: &[u8],
    signature: &[u8],
) -> Result<()> {
    run(id, alg, Kind::Hash, hash, ctx, Io::Sig(signature)).map(|_| ())
}
