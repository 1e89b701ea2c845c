//! The raw counterpart of bench/psa_profile.c: the same case names, the
//! primitive rustpsa uses called directly (aws-lc-rs for ECDSA over a digest,
//! static ECDH and RSA signatures; the RustCrypto curves for RFC 6979), one
//! call per step in `profile_loop`, which scripts/profile.sh counts with
//! callgrind. Usage: `raw_profile CASE [ITERATIONS]`.
use std::hint::black_box;

use aws_lc_rs as awslc;

/// The measured loop (callgrind collects inside this function only).
#[no_mangle]
#[inline(never)]
pub fn profile_loop(step: &mut dyn FnMut(), n: u64) {
    for _ in 0..n {
        step();
    }
}

fn ecdsa(alg: &'static awslc::signature::EcdsaSigningAlgorithm, valg: &'static awslc::signature::EcdsaVerificationAlgorithm, dalg: &'static awslc::digest::Algorithm, len: usize, verify: bool, n: u64) {
    use awslc::signature::{EcdsaKeyPair, KeyPair as _};
    let rng = awslc::rand::SystemRandom::new();
    let pkcs8 = EcdsaKeyPair::generate_pkcs8(alg, &rng).unwrap();
    let kp = EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref()).unwrap();
    let d = awslc::digest::Digest::import_less_safe(&[0x5a; 64][..len], dalg).unwrap();
    if verify {
        let sig = kp.sign_digest(&d).unwrap();
        let pk = awslc::signature::ParsedPublicKey::new(valg, kp.public_key().as_ref()).unwrap();
        profile_loop(&mut || pk.verify_digest_sig(&d, sig.as_ref()).unwrap(), n);
    } else {
        profile_loop(&mut || {
            black_box(kp.sign_digest(&d).unwrap());
        }, n);
    }
}

macro_rules! rfc6979 {
    ($C:ty, $D:ty, $len:expr, $n:expr) => {{
        let mut kb = vec![0x11u8; $len];
        kb[0] = 0;
        let sk = ecdsa::SigningKey::<$C>::from_slice(&kb).unwrap();
        let h = [0x5au8; 64];
        profile_loop(&mut || {
            let s: ecdsa::Signature<$C> = ecdsa::hazmat::sign_prehashed_rfc6979::<$C, $D>(sk.as_nonzero_scalar(), &h[..$len.min(64)], b"").0;
            black_box(s);
        }, $n);
    }};
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let case = args.get(1).map(String::as_str).unwrap_or("");
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(2000);
    use awslc::signature as s;
    match case {
        "p256-sign" => ecdsa(&s::ECDSA_P256_SHA256_FIXED_SIGNING, &s::ECDSA_P256_SHA256_FIXED, &awslc::digest::SHA256, 32, false, n),
        "p256-verify" => ecdsa(&s::ECDSA_P256_SHA256_FIXED_SIGNING, &s::ECDSA_P256_SHA256_FIXED, &awslc::digest::SHA256, 32, true, n),
        "p384-sign" => ecdsa(&s::ECDSA_P384_SHA384_FIXED_SIGNING, &s::ECDSA_P384_SHA384_FIXED, &awslc::digest::SHA384, 48, false, n),
        "p256-det-sign" => rfc6979!(p256::NistP256, sha2::Sha256, 32, n),
        "p384-det-sign" => rfc6979!(p384::NistP384, sha2::Sha384, 48, n),
        "p521-det-sign" => rfc6979!(p521::NistP521, sha2::Sha512, 66, n),
        "p256-ecdh" => {
            let rng = awslc::rand::SystemRandom::new();
            let k = awslc::agreement::PrivateKey::generate(&awslc::agreement::ECDH_P256).unwrap();
            let peer = awslc::agreement::PrivateKey::generate(&awslc::agreement::ECDH_P256).unwrap();
            let peer_pub = peer.compute_public_key().unwrap().as_ref().to_vec();
            let _ = rng;
            profile_loop(&mut || {
                let p = awslc::agreement::UnparsedPublicKey::new(&awslc::agreement::ECDH_P256, &peer_pub);
                awslc::agreement::agree(&k, p, (), |s| {
                    black_box(s);
                    Ok(())
                })
                .unwrap();
            }, n);
        }
        "rsa2048-sign" => {
            let kp = awslc::rsa::KeyPair::generate(awslc::rsa::KeySize::Rsa2048).unwrap();
            let d = awslc::digest::Digest::import_less_safe(&[0x5a; 32], &awslc::digest::SHA256).unwrap();
            let mut sig = vec![0u8; 256];
            profile_loop(&mut || kp.sign_digest(&s::RSA_PKCS1_SHA256, &d, &mut sig).unwrap(), n);
        }
        "hmac-16" | "hmac-100000" => {
            let k = awslc::hmac::Key::new(awslc::hmac::HMAC_SHA256, &[0x42; 32]);
            let input = [0x17u8; 64];
            profile_loop(&mut || {
                black_box(awslc::hmac::sign(&k, black_box(&input)));
            }, n);
        }
        "gcm64" => {
            let k = awslc::aead::LessSafeKey::new(awslc::aead::UnboundKey::new(&awslc::aead::AES_128_GCM, &[0x42; 16]).unwrap());
            let input = [0x17u8; 64];
            let mut buf = [0u8; 64];
            profile_loop(&mut || {
                buf.copy_from_slice(&input);
                let nonce = awslc::aead::Nonce::assume_unique_for_key([0u8; 12]);
                let _ = black_box(k.seal_in_place_separate_tag(nonce, awslc::aead::Aad::empty(), &mut buf).unwrap());
            }, n);
        }
        _ => {
            eprintln!("usage: raw_profile CASE [ITERATIONS]");
            std::process::exit(2);
        }
    }
}
