//! Known answers for the stateful schemes: RFC 8554 Appendix F (HSS test
//! cases 1 and 2, and the LMS signature at the bottom of test case 1),
//! XMSS-SHA2_10_256 signatures made by Botan 2.19 (tests/vectors/xmss_botan.txt),
//! the SP 800-208 vectors of the independent models
//! tests/vectors/gen_{lms,xmss}_sp800208.py (every LMS / LM-OTS typecode, the
//! other XMSS sets, XMSS^MT of each hash family), round trips through the
//! `xmss` crate's signer, and the import and verification error paths.
use super::*;

use crate::testutil::hex;

/// (name, pk, msg, sig) records of a vectors file.
fn records(text: &str) -> Vec<(String, Vec<u8>, Vec<u8>, Vec<u8>)> {
    let mut out = Vec::new();
    let (mut name, mut pk, mut msg) = (String::new(), Vec::new(), Vec::new());
    for line in text.lines() {
        let Some((k, v)) = line.split_once(" = ") else { continue };
        match k {
            "name" => name = v.to_string(),
            "pk" => pk = hex(v),
            "msg" => msg = hex(v),
            "sig" => out.push((name.clone(), pk.clone(), msg.clone(), hex(v))),
            _ => {}
        }
    }
    out
}

fn rfc8554() -> Vec<(String, Vec<u8>, Vec<u8>, Vec<u8>)> {
    records(include_str!("../../tests/vectors/lms_rfc8554.txt"))
}

fn key(t: psa_key_type_t, pk: &[u8]) -> Prepared {
    assert_eq!(import(t, 0, pk), Ok(256));
    prepare(t, pk).unwrap()
}

/// Flips bits across the signature and truncates/extends it: every variant fails.
fn corruptions(p: &Prepared, msg: &[u8], sig: &[u8]) -> usize {
    let mut n = 0;
    for at in [0, 3, 4, 7, 8, 40, sig.len() / 3, sig.len() / 2, sig.len() - 33, sig.len() - 1] {
        let mut bad = sig.to_vec();
        bad[at] ^= 0x01;
        assert_eq!(verify(p, msg, &bad), Err(Error::InvalidSignature), "bit flip at {at}");
        n += 1;
    }
    for len in [0, 1, 4, sig.len() - 1] {
        assert_eq!(verify(p, msg, &sig[..len]), Err(Error::InvalidSignature), "truncated to {len}");
        n += 1;
    }
    let mut long = sig.to_vec();
    long.push(0);
    assert_eq!(verify(p, msg, &long), Err(Error::InvalidSignature), "one byte more");
    let mut other = msg.to_vec();
    other.push(b'!');
    assert_eq!(verify(p, &other, sig), Err(Error::InvalidSignature), "other message");
    n + 2
}

#[test]
fn rfc8554_hss_test_cases() {
    let recs = rfc8554();
    assert_eq!(recs.len(), 2);
    for (name, pk, msg, sig) in &recs {
        let p = key(PSA_KEY_TYPE_HSS_PUBLIC_KEY, pk);
        assert_eq!(verify(&p, msg, sig), Ok(()), "{name}");
        assert!(corruptions(&p, msg, sig) >= 16);
        // Nspk ≠ L − 1.
        let mut bad = sig.clone();
        bad[3] = 2;
        assert_eq!(verify(&p, msg, &bad), Err(Error::InvalidSignature), "{name}: Nspk");
        // The same root as an LMS key cannot verify the HSS signature.
        let lms = key(PSA_KEY_TYPE_LMS_PUBLIC_KEY, &pk[4..]);
        assert_eq!(verify(&lms, msg, sig), Err(Error::InvalidSignature), "{name}: as LMS");
        // A key claiming one level does not accept a two-level signature.
        let mut one = pk.clone();
        one[3] = 1;
        let p1 = key(PSA_KEY_TYPE_HSS_PUBLIC_KEY, &one);
        assert_eq!(verify(&p1, msg, sig), Err(Error::InvalidSignature), "{name}: L = 1");
    }
}

#[test]
fn hss_lower_level_parameter_sets() {
    // Test case 2: Nspk | sig[0] (H10/W4: 2508 bytes) | pub[1] | sig[1]. A
    // changed lower key is not the one sig[0] signs: a bad signature,
    // whatever its parameter set.
    let (_, pk, msg, sig) = &rfc8554()[1];
    let p = key(PSA_KEY_TYPE_HSS_PUBLIC_KEY, pk);
    let at = 4 + 2508 + 3;
    for (tc, want) in [(7u8, Error::InvalidSignature), (0x0f, Error::InvalidSignature), (0x30, Error::InvalidSignature), (6, Error::InvalidSignature)] {
        let mut bad = sig.clone();
        bad[at] = tc;
        assert_eq!(verify(&p, msg, &bad), Err(want), "lower level typecode {tc:#x}");
    }
    // Another one-time-signature typecode inside the top signature than the key's.
    for tc in [1u8, 4, 9, 0x20] {
        let mut bad = sig.clone();
        bad[4 + 7] = tc;
        assert_eq!(verify(&p, msg, &bad), Err(Error::InvalidSignature), "top OTS typecode {tc:#x}");
    }
}

#[test]
fn rfc8554_bottom_level_lms() {
    // Test case 1's signature: Nspk ‖ sig[0] (1292 bytes, H5/W8) ‖ pub[1] (56) ‖ sig[1].
    let (_, _, msg, sig) = &rfc8554()[0];
    let (pub1, sig1) = (&sig[4 + 1292..4 + 1292 + 56], &sig[4 + 1292 + 56..]);
    let p = key(PSA_KEY_TYPE_LMS_PUBLIC_KEY, pub1);
    assert_eq!(verify(&p, msg, sig1), Ok(()));
    corruptions(&p, msg, sig1);
    // As a one-level HSS key and signature.
    let mut hss_pk = vec![0, 0, 0, 1];
    hss_pk.extend_from_slice(pub1);
    let mut hss_sig = vec![0, 0, 0, 0];
    hss_sig.extend_from_slice(sig1);
    let h = key(PSA_KEY_TYPE_HSS_PUBLIC_KEY, &hss_pk);
    assert_eq!(verify(&h, msg, &hss_sig), Ok(()));
}

#[test]
fn lms_import_checks() {
    let (_, pk, _, _) = &rfc8554()[1];
    let lms = &pk[4..];
    let t = PSA_KEY_TYPE_LMS_PUBLIC_KEY;
    assert_eq!(import(t, 256, lms), Ok(256));
    assert_eq!(import(t, 192, lms), Err(Error::InvalidArgument));
    assert_eq!(import(t, 0, &lms[..55]), Err(Error::InvalidArgument));
    assert_eq!(import(t, 0, &[lms, &[0][..]].concat()), Err(Error::InvalidArgument));
    assert_eq!(import(t, 0, &lms[..7]), Err(Error::InvalidArgument));
    let with = |lms_tc: u8, ots_tc: u8, len: usize| {
        let mut k = lms.to_vec();
        k[3] = lms_tc;
        k[7] = ots_tc;
        k.resize(len, 0x5a);
        import(t, 0, &k)
    };
    // Unknown typecodes.
    assert_eq!(with(0, 3, 56), Err(Error::InvalidArgument));
    assert_eq!(with(0x19, 3, 56), Err(Error::InvalidArgument));
    assert_eq!(with(6, 0, 56), Err(Error::InvalidArgument));
    assert_eq!(with(6, 0x11, 56), Err(Error::InvalidArgument));
    // The SP 800-208 sets: H15..H25, SHA-256/192, SHAKE (n = 32 and 24).
    assert_eq!(with(7, 3, 56), Ok(256));
    assert_eq!(with(9, 1, 56), Ok(256));
    assert_eq!(with(0x0a, 6, 48), Ok(192));
    assert_eq!(with(0x0e, 8, 48), Ok(192));
    assert_eq!(with(0x0f, 9, 56), Ok(256));
    assert_eq!(with(0x13, 0x0c, 56), Ok(256));
    assert_eq!(with(0x14, 0x0e, 48), Ok(192));
    assert_eq!(with(0x18, 0x10, 48), Ok(192));
    assert_eq!(import(t, 192, &{ let mut k = lms[..48].to_vec(); k[3] = 0x0a; k[7] = 6; k }), Ok(192));
    // The n = 24, w = 1 sets the back end gets wrong (rustpsa_pqc::stateful).
    assert_eq!(with(0x0a, 5, 48), Err(Error::NotSupported));
    assert_eq!(with(0x14, 0x0d, 48), Err(Error::NotSupported));
    // An n = 24 key of the n = 32 length and the other way round.
    assert_eq!(with(0x0a, 6, 56), Err(Error::InvalidArgument));
    assert_eq!(with(0x0f, 9, 48), Err(Error::InvalidArgument));
    // SHA-256/192 tree over SHAKE256/192 one-time signatures.
    assert_eq!(with(0x0a, 0x0e, 48), Err(Error::InvalidArgument));
    // A SHAKE tree over SHA-256 one-time signatures.
    assert_eq!(with(0x0f, 3, 56), Err(Error::InvalidArgument));
    // Mixed hash lengths between the tree and the one-time signatures.
    assert_eq!(with(6, 5, 56), Err(Error::InvalidArgument));
    // HSS: L must be 1..=8.
    let h = PSA_KEY_TYPE_HSS_PUBLIC_KEY;
    for (l, want) in [(0u8, Err(Error::InvalidArgument)), (1, Ok(256)), (8, Ok(256)), (9, Err(Error::InvalidArgument))] {
        let mut k = pk.clone();
        k[3] = l;
        assert_eq!(import(h, 0, &k), want, "L = {l}");
    }
    assert_eq!(import(h, 0, &pk[..3]), Err(Error::InvalidArgument));
    assert_eq!(import(h, 0, &pk[..59]), Err(Error::InvalidArgument));
}

#[test]
fn xmss_botan_signatures() {
    let recs = records(include_str!("../../tests/vectors/xmss_botan.txt"));
    assert_eq!(recs.len(), 3);
    for (name, pk, msg, sig) in &recs {
        let p = key(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, pk);
        assert_eq!(verify(&p, msg, sig), Ok(()), "{name}");
        corruptions(&p, msg, sig);
        // An XMSS key is not an XMSS^MT key: OID 1 there is XMSSMT-SHA2_20/2_256
        // (64 + 4 bytes too), which the back end cannot load.
        assert_eq!(import(PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY, 0, pk), Err(Error::NotSupported));
    }
}

#[test]
fn xmss_import_checks() {
    let (_, pk, _, _) = &records(include_str!("../../tests/vectors/xmss_botan.txt"))[0];
    let t = PSA_KEY_TYPE_XMSS_PUBLIC_KEY;
    assert_eq!(import(t, 192, pk), Err(Error::InvalidArgument));
    assert_eq!(import(t, 0, &pk[..67]), Err(Error::InvalidArgument));
    assert_eq!(import(t, 0, &[&pk[..], &[0]].concat()), Err(Error::InvalidArgument));
    let with_oid = |t: psa_key_type_t, oid: u8, len: usize| {
        let mut k = pk.clone();
        k[3] = oid;
        k.resize(len, 7);
        import(t, 0, &k)
    };
    assert_eq!(with_oid(t, 0, 68), Err(Error::InvalidArgument));
    assert_eq!(with_oid(t, 0x16, 68), Err(Error::InvalidArgument));
    assert_eq!(with_oid(t, 0x0d, 52), Ok(192)); // SHA2_10_192
    assert_eq!(with_oid(t, 0x0d, 68), Err(Error::InvalidArgument));
    assert_eq!(with_oid(t, 0x12, 68), Ok(256)); // SHAKE256_20_256
    assert_eq!(with_oid(t, 0x04, 132), Err(Error::NotSupported)); // SHA2_10_512
    assert_eq!(with_oid(t, 0x07, 68), Err(Error::NotSupported)); // SHAKE_10_256 (SHAKE128)
    let mt = PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY;
    assert_eq!(with_oid(mt, 0x21, 52), Ok(192));
    assert_eq!(with_oid(mt, 0x29, 68), Ok(256));
    assert_eq!(with_oid(mt, 0x38, 52), Ok(192));
    assert_eq!(with_oid(mt, 0x39, 68), Err(Error::InvalidArgument));
    assert_eq!(with_oid(mt, 0x00, 68), Err(Error::InvalidArgument));
    assert_eq!(with_oid(mt, 0x01, 68), Err(Error::NotSupported));
}

/// The `xmss` crate's own signer (the implementation under test, so a round
/// trip, not an independent check) for sets Botan 2.19 does not sign.
fn xmss_round_trip<P: xmss::XmssParameter>(t: psa_key_type_t, bits: usize) {
    let seed: Vec<u8> = (0..P::SEED_LEN as u8).collect();
    let mut kp = xmss::KeyPair::<P>::from_seed(&seed).unwrap();
    let pk = kp.verifying_key().as_ref().to_vec();
    assert_eq!(import(t, 0, &pk), Ok(bits), "{}", P::NAME);
    let p = prepare(t, &pk).unwrap();
    for msg in [&b""[..], b"rustpsa"] {
        let sig = kp.signing_key().sign_detached(msg).unwrap();
        let sig = sig.as_ref().to_vec();
        assert_eq!(verify(&p, msg, &sig), Ok(()), "{}", P::NAME);
        corruptions(&p, msg, &sig);
    }
}

#[test]
fn xmss_other_sets_round_trip() {
    xmss_round_trip::<xmss::XmssSha2_10_192>(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 192);
    xmss_round_trip::<xmss::XmssShake256_10_256>(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 256);
    xmss_round_trip::<xmss::XmssShake256_10_192>(PSA_KEY_TYPE_XMSS_PUBLIC_KEY, 192);
    xmss_round_trip::<xmss::XmssMtSha2_20_4_192>(PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY, 192);
    xmss_round_trip::<xmss::XmssMtShake256_20_4_256>(PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY, 256);
}

/// The SP 800-208 sets (tests/vectors/lms_sp800208.txt, from the independent
/// hashlib model tests/vectors/gen_lms_sp800208.py): LMS heights 15..25,
/// SHA-256/192, SHAKE256 with n = 32 and 24, and three two-level HSS keys.
#[test]
fn sp800208_generated_vectors() {
    let recs = records(include_str!("../../tests/vectors/lms_sp800208.txt"));
    assert_eq!(recs.len(), 25);
    let (mut verified, mut unsupported) = (0, 0);
    for (name, pk, msg, sig) in &recs {
        let hss = name.starts_with("hss-");
        let t = if hss { PSA_KEY_TYPE_HSS_PUBLIC_KEY } else { PSA_KEY_TYPE_LMS_PUBLIC_KEY };
        let n = if name.contains("_M24_") { 24 } else { 32 };
        if hss && name.ends_with("N24_W1") {
            // The top level verifies; the lower key it signs is of a set the
            // back end does not verify: NOT_SUPPORTED, not a verdict.
            let p = key_n(t, pk, 8 * n);
            assert_eq!(verify(&p, msg, sig), Err(Error::NotSupported), "{name}");
            let mut bad = sig.clone();
            bad[4 + 40] ^= 1; // inside the top level's one-time signature
            assert_eq!(verify(&p, msg, &bad), Err(Error::InvalidSignature), "{name}: top level");
            unsupported += 1;
            continue;
        }
        if name.ends_with("N24_W1") {
            // The back end's ls for n = 24, w = 1 is wrong (see rustpsa_pqc::stateful).
            assert_eq!(import(t, 0, pk), Err(Error::NotSupported), "{name}");
            unsupported += 1;
            continue;
        }
        assert_eq!(import(t, 0, pk), Ok(8 * n), "{name}");
        let p = prepare(t, pk).unwrap();
        assert_eq!(verify(&p, msg, sig), Ok(()), "{name}");
        corruptions(&p, msg, sig);
        // The authentication path's first and last nodes.
        let path_end = sig.len();
        for at in [path_end - 1, path_end - n] {
            let mut bad = sig.clone();
            bad[at] ^= 0x80;
            assert_eq!(verify(&p, msg, &bad), Err(Error::InvalidSignature), "{name}: path byte {at}");
        }
        if !hss {
            // The same key with the other hash family's typecodes (same n,
            // same height and w) does not accept the signature.
            let mut other = pk.clone();
            let (lms_tc, ots_tc) = (other[3], other[7]);
            let (lms_other, ots_other) = if lms_tc < 0x0f { (lms_tc + 10, ots_tc + 8) } else { (lms_tc - 10, ots_tc - 8) };
            other[3] = lms_other;
            other[7] = ots_other;
            let q = prepare(t, &other).unwrap();
            assert_eq!(verify(&q, msg, sig), Err(Error::InvalidSignature), "{name}: other family's key");
            let mut sig2 = sig.clone();
            sig2[7] = ots_other;
            let lms_at = 8 + n * (ots_p(ots_tc) + 1);
            sig2[lms_at + 3] = lms_other;
            assert_eq!(verify(&q, msg, &sig2), Err(Error::InvalidSignature), "{name}: other family");
            // As a one-level HSS key and signature.
            let h = key_n(PSA_KEY_TYPE_HSS_PUBLIC_KEY, &[&[0, 0, 0, 1][..], pk].concat(), 8 * n);
            assert_eq!(verify(&h, msg, &[&[0, 0, 0, 0][..], sig].concat()), Ok(()), "{name}: as HSS");
        }
        verified += 1;
    }
    assert_eq!((verified, unsupported), (22, 3));
}

/// p of an LM-OTS typecode (RFC 8554 Table 1, SP 800-208 Table 2).
fn ots_p(tc: u8) -> usize {
    let i = ((tc - 1) % 4) as usize;
    let n24 = matches!(tc, 5..=8 | 0x0d..=0x10);
    if n24 { [200, 101, 51, 26][i] } else { [265, 133, 67, 34][i] }
}

fn key_n(t: psa_key_type_t, pk: &[u8], bits: usize) -> Prepared {
    assert_eq!(import(t, 0, pk), Ok(bits));
    prepare(t, pk).unwrap()
}

/// XMSS and XMSS^MT signatures of tests/vectors/xmss_sp800208.txt (the
/// independent hashlib model tests/vectors/gen_xmss_sp800208.py, itself
/// checked against Botan): every single-tree SP 800-208 set but Botan's
/// SHA2_10_256, and XMSS^MT sets of each hash family. XMSSMT-SHA2_*_256 (OIDs
/// 1..8) are not supported: the back end cannot load those keys.
#[test]
fn sp800208_generated_xmss_vectors() {
    let recs = records(include_str!("../../tests/vectors/xmss_sp800208.txt"));
    assert_eq!(recs.len(), 27);
    let (mut verified, mut unsupported) = (0, 0);
    for (name, pk, msg, sig) in &recs {
        let multi = name.starts_with("XMSSMT-");
        let t = if multi { PSA_KEY_TYPE_XMSS_MT_PUBLIC_KEY } else { PSA_KEY_TYPE_XMSS_PUBLIC_KEY };
        let bits = if name.ends_with("_192") { 192 } else { 256 };
        if multi && name.starts_with("XMSSMT-SHA2_") && bits == 256 {
            assert_eq!(import(t, 0, pk), Err(Error::NotSupported), "{name}");
            unsupported += 1;
            continue;
        }
        assert_eq!(import(t, 0, pk), Ok(bits), "{name}");
        let p = prepare(t, pk).unwrap();
        assert_eq!(verify(&p, msg, sig), Ok(()), "{name}");
        corruptions(&p, msg, sig);
        // The last authentication-path node, and the index.
        for at in [sig.len() - 1, 1] {
            let mut bad = sig.clone();
            bad[at] ^= 0x10;
            assert_eq!(verify(&p, msg, &bad), Err(Error::InvalidSignature), "{name}: byte {at}");
        }
        // The same root and seed under the other hash family's OID (same n, h, d).
        let mut other = pk.clone();
        other[3] = match (multi, other[3]) {
            (false, 0x01..=0x03) => other[3] + 0x0f,
            (false, 0x10..=0x12) => other[3] - 0x0f,
            (false, 0x0d..=0x0f) => other[3] + 6,
            (false, _) => other[3] - 6,
            (true, 0x21..=0x28) => other[3] + 0x10,
            (true, 0x31..=0x38) => other[3] - 0x10,
            (true, _) => other[3] - 0x28, // SHAKE256_*_256 → SHA2_*_256: not loadable
        };
        match prepare(t, &other) {
            Ok(q) => assert_eq!(verify(&q, msg, sig), Err(Error::InvalidSignature), "{name}: other family"),
            Err(e) => assert_eq!(e, Error::NotSupported, "{name}: other family"),
        }
        verified += 1;
    }
    assert_eq!((verified, unsupported), (23, 4));
}

/// Random damage to the SP 800-208 LMS/HSS vectors (bytes anywhere, typecodes
/// replaced by other valid or invalid ones, lengths cut or grown, Nspk
/// changed) never verifies and never panics: every length and typecode is
/// checked before the back end (which panics on short input) sees it.
#[test]
fn lms_random_damage() {
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    let mut rnd = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let recs = records(include_str!("../../tests/vectors/lms_sp800208.txt"));
    let codes = [0u32, 1, 4, 5, 8, 9, 0x0a, 0x0d, 0x0e, 0x10, 0x13, 0x14, 0x18, 0x19, 0xffff_ffff];
    for (name, pk, msg, sig) in recs.iter().filter(|r| !r.0.ends_with("N24_W1")) {
        let t = if name.starts_with("hss-") { PSA_KEY_TYPE_HSS_PUBLIC_KEY } else { PSA_KEY_TYPE_LMS_PUBLIC_KEY };
        let p = prepare(t, pk).unwrap();
        for round in 0..60 {
            let mut bad = sig.clone();
            match round % 4 {
                0 => {
                    let at = rnd(bad.len());
                    bad[at] ^= 1 + rnd(255) as u8;
                }
                1 => {
                    // A typecode-sized word at a random 4-aligned offset.
                    let at = 4 * rnd(bad.len() / 4);
                    bad[at..at + 4].copy_from_slice(&codes[rnd(codes.len())].to_be_bytes());
                }
                2 => bad.truncate(rnd(bad.len())),
                _ => {
                    bad[..4].copy_from_slice(&(rnd(10) as u32).to_be_bytes());
                    bad.extend((0..rnd(64)).map(|i| i as u8));
                }
            }
            if bad == *sig {
                continue;
            }
            assert_eq!(verify(&p, msg, &bad), Err(Error::InvalidSignature), "{name}: round {round}");
        }
    }
}
