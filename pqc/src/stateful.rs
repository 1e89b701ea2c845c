//! Stateful hash-based signature verification (SP 800-208): LMS and HSS
//! (RFC 8554) over the RustCrypto `lms-signature` crate, XMSS and XMSS^MT
//! (RFC 8391) over the RustCrypto `xmss` crate.
//!
//! The crates are generic over the parameter set; this module maps the
//! typecodes / OIDs found in an encoded key to their instances. HSS (RFC 8554
//! §6.3) is a chain of LMS verifications: this module splits the HSS
//! signature into its LMS signatures and public keys (their lengths follow
//! from the typecodes) and hands every level to the crate; no hash is computed
//! here.
//!
//! What the crates verify:
//! * LMS: `LMS_SHA256_M32_H5` and `LMS_SHA256_M32_H10` with
//!   `LMOTS_SHA256_N32_W1..W8`. The crate declares H15..H25 but cannot
//!   instantiate them (their tree type has no array size); those, and the
//!   SHA-256/192 and SHAKE sets of SP 800-208, are recognised and reported as
//!   [`Failure::NotSupported`]. In HSS, every level must be one of the
//!   supported sets.
//! * XMSS: the SP 800-208 sets (SHA-256 and SHAKE256, n = 24 or 32, heights
//!   10/16/20). XMSS^MT: the SP 800-208 sets whose OID is above 0x15
//!   (SHA-256/192, SHAKE256/256, SHAKE256/192); the `xmss` crate
//!   0.1.0-pre.0 parses a public key's OID as a single-tree OID first, so it
//!   cannot load an XMSS^MT key with OID 0x01..0x15 (the SHA-256/256 sets):
//!   those report [`Failure::NotSupported`]. The RFC 8391-only sets (SHA-512,
//!   SHAKE128) are not approved by SP 800-208 and report `NotSupported` too.
use signature::Verifier;

/// Why a key or a verification failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// A parameter set that is defined but not verified here.
    NotSupported,
    /// The key encoding is not valid (length, unknown typecode or OID).
    Malformed,
    /// The signature does not verify (or is not a valid encoding).
    BadSignature,
}

/// Whether an LM-OTS or LMS typecode names a SHAKE256 set (else SHA-256).
fn is_shake(ots: bool, tc: u32) -> bool {
    if ots { (9..=0x10).contains(&tc) } else { (0x0f..=0x18).contains(&tc) }
}

/// The parameters of an LM-OTS typecode: (n, p, supported).
fn lmots_params(tc: u32) -> Option<(usize, usize, bool)> {
    // p for w = 1, 2, 4, 8 (RFC 8554 §4.1, the same for n = 24 and 32 up to
    // the checksum: SP 800-208 Table 2 gives 200/101/51/26 for n = 24).
    let (n, p32, p24) = (32usize, [265usize, 133, 67, 34], [200usize, 101, 51, 26]);
    Some(match tc {
        1..=4 => (n, p32[(tc - 1) as usize], true),
        5..=8 => (24, p24[(tc - 5) as usize], false),
        9..=0x0c => (n, p32[(tc - 9) as usize], false),
        0x0d..=0x10 => (24, p24[(tc - 0x0d) as usize], false),
        _ => return None,
    })
}

/// The parameters of an LMS typecode: (m, h, supported).
fn lms_params(tc: u32) -> Option<(usize, usize, bool)> {
    let heights = [5usize, 10, 15, 20, 25];
    Some(match tc {
        5..=6 => (32, heights[(tc - 5) as usize], true),
        7..=9 => (32, heights[(tc - 5) as usize], false),
        0x0a..=0x0e => (24, heights[(tc - 0x0a) as usize], false),
        0x0f..=0x13 => (32, heights[(tc - 0x0f) as usize], false),
        0x14..=0x18 => (24, heights[(tc - 0x14) as usize], false),
        _ => return None,
    })
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// Checks an encoded `lms_public_key` (RFC 8554 §5.3) and returns its hash
/// length n in bytes.
pub fn lms_public_key(pk: &[u8]) -> Result<usize, Failure> {
    let (lms_tc, ots_tc) = (be32(pk, 0).ok_or(Failure::Malformed)?, be32(pk, 4).ok_or(Failure::Malformed)?);
    let (m, _, lms_ok) = lms_params(lms_tc).ok_or(Failure::Malformed)?;
    let (n, _, ots_ok) = lmots_params(ots_tc).ok_or(Failure::Malformed)?;
    if m != n || is_shake(false, lms_tc) != is_shake(true, ots_tc) {
        // SP 800-208 §4: the LMS tree and its one-time signatures use one hash.
        return Err(Failure::Malformed);
    }
    if pk.len() != 24 + m {
        return Err(Failure::Malformed);
    }
    if !(lms_ok && ots_ok) {
        return Err(Failure::NotSupported);
    }
    Ok(m)
}

/// Checks an encoded `hss_public_key` (u32 L ‖ lms_public_key, RFC 8554 §6.1,
/// 1 ≤ L ≤ 8) and returns n.
pub fn hss_public_key(pk: &[u8]) -> Result<usize, Failure> {
    let levels = be32(pk, 0).ok_or(Failure::Malformed)?;
    if !(1..=8).contains(&levels) {
        return Err(Failure::Malformed);
    }
    lms_public_key(&pk[4..])
}

/// Length of an LMS signature made with the checked public key `pk` (a
/// signature of another parameter set does not verify with it anyway: the
/// crate checks the typecodes the signature carries).
fn lms_signature_len(pk: &[u8]) -> Result<usize, Failure> {
    let (lms_tc, ots_tc) = (be32(pk, 0).ok_or(Failure::Malformed)?, be32(pk, 4).ok_or(Failure::Malformed)?);
    let (m, h, _) = lms_params(lms_tc).ok_or(Failure::Malformed)?;
    let (n, p, _) = lmots_params(ots_tc).ok_or(Failure::Malformed)?;
    Ok(4 + (4 + n * (p + 1)) + 4 + m * h)
}

fn lms_verify_with<M: lms_signature::lms::LmsMode>(pk: &[u8], msg: &[u8], sig: &[u8]) -> Result<(), Failure> {
    let vk = lms_signature::lms::VerifyingKey::<M>::try_from(pk).map_err(|_| Failure::Malformed)?;
    let s = lms_signature::lms::Signature::<M>::try_from(sig).map_err(|_| Failure::BadSignature)?;
    vk.verify(msg, &s).map_err(|_| Failure::BadSignature)
}

/// Verifies an LMS signature (RFC 8554 §5.4) over `msg` with the encoded
/// public key `pk` (checked by [`lms_public_key`]). A signature of another
/// parameter set than the key's is a bad signature.
pub fn lms_verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> Result<(), Failure> {
    use lms_signature::lms::*;
    use lms_signature::ots::*;
    lms_public_key(pk)?;
    macro_rules! by_ots {
        ($h:ident) => {
            match be32(pk, 4).ok_or(Failure::Malformed)? {
                1 => lms_verify_with::<$h<LmsOtsSha256N32W1>>(pk, msg, sig),
                2 => lms_verify_with::<$h<LmsOtsSha256N32W2>>(pk, msg, sig),
                3 => lms_verify_with::<$h<LmsOtsSha256N32W4>>(pk, msg, sig),
                4 => lms_verify_with::<$h<LmsOtsSha256N32W8>>(pk, msg, sig),
                _ => Err(Failure::NotSupported),
            }
        };
    }
    match be32(pk, 0).ok_or(Failure::Malformed)? {
        5 => by_ots!(LmsSha256M32H5),
        6 => by_ots!(LmsSha256M32H10),
        // H15, H20, H25: the crate's modes need a 2^(h+1) − 1 element array
        // type that hybrid-array does not provide, so they cannot be
        // instantiated (rejected by `lms_public_key` already).
        _ => Err(Failure::NotSupported),
    }
}

/// Verifies an HSS signature (RFC 8554 §6.3) over `msg` with the encoded
/// public key `pk` (checked by [`hss_public_key`]): Nspk must be L − 1; each
/// level's LMS signature signs the next level's public key, the last one the
/// message.
pub fn hss_verify(pk: &[u8], msg: &[u8], sig: &[u8]) -> Result<(), Failure> {
    hss_public_key(pk)?;
    let levels = be32(pk, 0).ok_or(Failure::Malformed)?;
    let nspk = be32(sig, 0).ok_or(Failure::BadSignature)?;
    if nspk.checked_add(1) != Some(levels) {
        return Err(Failure::BadSignature);
    }
    let mut key = &pk[4..];
    let mut rest = &sig[4..];
    for _ in 0..nspk {
        let sig_len = lms_signature_len(key)?;
        let (level_sig, after) = rest.split_at_checked(sig_len).ok_or(Failure::BadSignature)?;
        // The next level's public key: its length follows from its LMS typecode.
        let (m, _, _) = be32(after, 0).and_then(lms_params).ok_or(Failure::BadSignature)?;
        let (next_key, after) = after.split_at_checked(24 + m).ok_or(Failure::BadSignature)?;
        // The signature over the next key first: a key nobody signed is a bad
        // signature, whatever its parameter set.
        lms_verify(key, next_key, level_sig)?;
        match lms_public_key(next_key) {
            Ok(_) => {}
            Err(Failure::NotSupported) => return Err(Failure::NotSupported),
            Err(_) => return Err(Failure::BadSignature),
        }
        key = next_key;
        rest = after;
    }
    lms_verify(key, msg, rest)
}

/// An XMSS or XMSS^MT OID's hash length n in bytes, if this module verifies
/// that set; `NotSupported` for a defined set it does not; `Malformed` for an
/// unknown OID.
fn xmss_oid(multi_tree: bool, oid: u32) -> Result<usize, Failure> {
    if multi_tree {
        match oid {
            0x21..=0x28 | 0x31..=0x38 => Ok(24),
            0x29..=0x30 => Ok(32),
            // SHA-256/256 (the crate cannot load them), SHA-512, SHAKE128.
            0x01..=0x20 => Err(Failure::NotSupported),
            _ => Err(Failure::Malformed),
        }
    } else {
        match oid {
            0x01..=0x03 | 0x10..=0x12 => Ok(32),
            0x0d..=0x0f | 0x13..=0x15 => Ok(24),
            // SHA-512 and SHAKE128 (RFC 8391 only).
            0x04..=0x0c => Err(Failure::NotSupported),
            _ => Err(Failure::Malformed),
        }
    }
}

/// Checks an encoded `xmss_public_key` / `xmssmt_public_key` (OID ‖ root ‖
/// SEED, RFC 8391 Appendix B.3 / C.3) and returns n.
pub fn xmss_public_key(multi_tree: bool, pk: &[u8]) -> Result<usize, Failure> {
    let oid = be32(pk, 0).ok_or(Failure::Malformed)?;
    let n = xmss_oid(multi_tree, oid)?;
    if pk.len() != 4 + 2 * n {
        return Err(Failure::Malformed);
    }
    Ok(n)
}

fn xmss_verify_with<P: xmss::XmssParameter>(pk: &[u8], msg: &[u8], sig: &[u8]) -> Result<(), Failure> {
    let vk = xmss::VerifyingKey::<P>::try_from(pk).map_err(|_| Failure::Malformed)?;
    let s = xmss::DetachedSignature::<P>::try_from(sig).map_err(|_| Failure::BadSignature)?;
    vk.verify_detached(&s, msg).map_err(|_| Failure::BadSignature)
}

/// Verifies an XMSS (`multi_tree` false) or XMSS^MT signature over `msg`
/// with the encoded public key `pk` (checked by [`xmss_public_key`]).
pub fn xmss_verify(multi_tree: bool, pk: &[u8], msg: &[u8], sig: &[u8]) -> Result<(), Failure> {
    use xmss::*;
    xmss_public_key(multi_tree, pk)?;
    let oid = be32(pk, 0).ok_or(Failure::Malformed)?;
    macro_rules! table {
        ($($oid:literal => $p:ty),* $(,)?) => {
            match oid {
                $($oid => xmss_verify_with::<$p>(pk, msg, sig),)*
                _ => Err(Failure::NotSupported),
            }
        };
    }
    if !multi_tree {
        table! {
            0x01 => XmssSha2_10_256, 0x02 => XmssSha2_16_256, 0x03 => XmssSha2_20_256,
            0x0d => XmssSha2_10_192, 0x0e => XmssSha2_16_192, 0x0f => XmssSha2_20_192,
            0x10 => XmssShake256_10_256, 0x11 => XmssShake256_16_256, 0x12 => XmssShake256_20_256,
            0x13 => XmssShake256_10_192, 0x14 => XmssShake256_16_192, 0x15 => XmssShake256_20_192,
        }
    } else {
        table! {
            0x21 => XmssMtSha2_20_2_192, 0x22 => XmssMtSha2_20_4_192, 0x23 => XmssMtSha2_40_2_192,
            0x24 => XmssMtSha2_40_4_192, 0x25 => XmssMtSha2_40_8_192, 0x26 => XmssMtSha2_60_3_192,
            0x27 => XmssMtSha2_60_6_192, 0x28 => XmssMtSha2_60_12_192,
            0x29 => XmssMtShake256_20_2_256, 0x2a => XmssMtShake256_20_4_256, 0x2b => XmssMtShake256_40_2_256,
            0x2c => XmssMtShake256_40_4_256, 0x2d => XmssMtShake256_40_8_256, 0x2e => XmssMtShake256_60_3_256,
            0x2f => XmssMtShake256_60_6_256, 0x30 => XmssMtShake256_60_12_256,
            0x31 => XmssMtShake256_20_2_192, 0x32 => XmssMtShake256_20_4_192, 0x33 => XmssMtShake256_40_2_192,
            0x34 => XmssMtShake256_40_4_192, 0x35 => XmssMtShake256_40_8_192, 0x36 => XmssMtShake256_60_3_192,
            0x37 => XmssMtShake256_60_6_192, 0x38 => XmssMtShake256_60_12_192,
        }
    }
}
