//! The raw primitives rustpsa builds on, called directly (no FFI, no key
//! store, no policy), with the same case names and sizes as bench/psa_bench.c,
//! so scripts/bench.sh can report rustpsa's efficiency (rustpsa rate / raw rate).
//! Output lines: `case<TAB>unit<TAB>rate`. Option: `-t SECONDS` per case.
use std::hint::black_box;
use std::time::{Duration, Instant};

use ring::{aead, digest, hmac, rand, signature};

fn measure(seconds: f64, mut step: impl FnMut()) -> f64 {
    let warm = Instant::now();
    while warm.elapsed() < Duration::from_secs_f64(seconds * 0.1) {
        step();
    }
    let start = Instant::now();
    let mut n = 0u64;
    let mut batch = 1u64;
    loop {
        for _ in 0..batch {
            step();
        }
        n += batch;
        batch = (batch * 2).min(4096);
        let e = start.elapsed().as_secs_f64();
        if e >= seconds {
            return n as f64 / e;
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds = args
        .iter()
        .position(|a| a == "-t")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let input = vec![0x17u8; 16384];
    let key = [0x42u8; 32];
    let mb = |name: &str, len: usize, rate: f64| println!("{name}\tMB/s\t{:.1}", rate * len as f64 / 1e6);
    let ops = |name: &str, rate: f64| println!("{name}\tops/s\t{rate:.1}");

    for (label, alg, klen) in [
        ("AES-128-GCM", &aead::AES_128_GCM, 16),
        ("ChaCha20-Poly1305", &aead::CHACHA20_POLY1305, 32),
    ] {
        let k = aead::LessSafeKey::new(aead::UnboundKey::new(alg, &key[..klen]).unwrap());
        for (size, len) in [("64B", 64), ("1KiB", 1024), ("16KiB", 16384)] {
            let mut buf = vec![0u8; len];
            let rate = measure(seconds, || {
                buf.copy_from_slice(&input[..len]);
                let nonce = aead::Nonce::assume_unique_for_key([0u8; 12]);
                let tag = k.seal_in_place_separate_tag(nonce, aead::Aad::empty(), &mut buf).unwrap();
                let _ = black_box(tag);
            });
            mb(&format!("{label} encrypt {size}"), len, rate);
        }
    }
    for (label, alg) in [("SHA-256", &digest::SHA256), ("SHA-512", &digest::SHA512)] {
        for (size, len) in [("64B", 64), ("16KiB", 16384)] {
            let rate = measure(seconds, || {
                black_box(digest::digest(alg, black_box(&input[..len])));
            });
            mb(&format!("{label} {size}"), len, rate);
        }
    }
    let hk = hmac::Key::new(hmac::HMAC_SHA256, &key);
    ops("HMAC-SHA-256 64B", measure(seconds, || {
        black_box(hmac::sign(&hk, black_box(&input[..64])));
    }));

    let rng = rand::SystemRandom::new();
    for (label, alg, valg) in [
        ("ECDSA P-256", &signature::ECDSA_P256_SHA256_FIXED_SIGNING, &signature::ECDSA_P256_SHA256_FIXED),
        ("ECDSA P-384", &signature::ECDSA_P384_SHA384_FIXED_SIGNING, &signature::ECDSA_P384_SHA384_FIXED),
    ] {
        let pkcs8 = signature::EcdsaKeyPair::generate_pkcs8(alg, &rng).unwrap();
        let kp = signature::EcdsaKeyPair::from_pkcs8(alg, pkcs8.as_ref(), &rng).unwrap();
        // The same 64-byte message as psa_bench's psa_sign_message cases.
        let msg = &input[..64];
        ops(&format!("{label} sign"), measure(seconds, || {
            black_box(kp.sign(&rng, msg).unwrap());
        }));
        let sig = kp.sign(&rng, msg).unwrap();
        use signature::KeyPair;
        let pk = signature::UnparsedPublicKey::new(valg, kp.public_key().as_ref().to_vec());
        ops(&format!("{label} verify"), measure(seconds, || {
            pk.verify(msg, sig.as_ref()).unwrap();
        }));
    }
    let pkcs8 = signature::Ed25519KeyPair::generate_pkcs8(&rng).unwrap();
    let kp = signature::Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).unwrap();
    ops("Ed25519 sign", measure(seconds, || {
        black_box(kp.sign(&input[..64]));
    }));
    let sig = kp.sign(&input[..64]);
    use signature::KeyPair;
    let pk = signature::UnparsedPublicKey::new(&signature::ED25519, kp.public_key().as_ref().to_vec());
    ops("Ed25519 verify", measure(seconds, || {
        pk.verify(&input[..64], sig.as_ref()).unwrap();
    }));
    pqc_sign(seconds, &input[..64], &ops);
}

/// ML-DSA-65 and SLH-DSA-SHA2-128f through rustpsa-pqc, the direct instances
/// of the ml-dsa / slh-dsa crates (no key store, no FIPS 204/205 checks beyond
/// the crates'): keygen from a seed with the public key encoded, hedged
/// signatures of the pure M′ = 0 ‖ 0 ‖ M, verification.
fn pqc_sign(seconds: f64, msg: &[u8], ops: impl Fn(&str, f64)) {
    use rustpsa_pqc::{mldsa, slhdsa};
    let m_prime: [&[u8]; 3] = [&[0], &[0], msg];
    let mut seed = [7u8; 32];
    ops("ML-DSA-65 keygen", measure(seconds, || {
        seed[0] = seed[0].wrapping_add(1);
        black_box(mldsa::Key::from_seed(mldsa::Level::L65, &seed).public());
    }));
    let k = mldsa::Key::from_seed(mldsa::Level::L65, &[9u8; 32]);
    // A new rnd for each signature, as a hedged PSA signature draws one (a
    // fixed one would repeat one rejection-sampling path).
    let mut rnd = [3u8; 32];
    ops("ML-DSA-65 sign", measure(seconds, || {
        let next = u64::from_le_bytes(rnd[..8].try_into().unwrap()).wrapping_add(1);
        rnd[..8].copy_from_slice(&next.to_le_bytes());
        black_box(k.sign(&m_prime, &rnd));
    }));
    let sig = k.sign(&m_prime, &rnd).unwrap();
    ops("ML-DSA-65 verify", measure(seconds, || {
        assert!(k.verify(&m_prime.concat(), &sig));
    }));
    let s = slhdsa::Key::keygen(slhdsa::Set::Sha2_128f, &[1; 16], &[2; 16], &[3; 16]).unwrap();
    let mut opt = [4u8; 16];
    ops("SLH-DSA-SHA2-128f sign", measure(seconds, || {
        opt[0] = opt[0].wrapping_add(1);
        black_box(s.sign(&m_prime, Some(&opt)));
    }));
    let sig = s.sign(&m_prime, Some(&opt)).unwrap();
    ops("SLH-DSA-SHA2-128f verify", measure(seconds, || {
        assert!(s.verify(&m_prime, &sig));
    }));
}
