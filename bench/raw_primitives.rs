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
    {
        // AES-KW of a 256-bit key under an AES-256 KEK: the aes-kw crate rustpsa calls.
        use aes_kw::cipher::KeyInit;
        let kek = aes_kw::KwAes256::new_from_slice(&input[..32]).unwrap();
        let mut blob = [0u8; 40];
        ops("AES-KW wrap of a 256-bit key", measure(seconds, || {
            black_box(kek.wrap_key(black_box(&input[32..64]), &mut blob).unwrap());
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
    sym14_rows(seconds, &input);
    ml_kem_768(seconds, &rng);
}

/// ML-KEM-768 with RustCrypto's ml-kem, as psa_bench's rows: keygen (a random
/// seed, its expansion and the encapsulation key's encoding), encapsulation
/// with fresh randomness, decapsulation.
fn ml_kem_768(seconds: f64, rng: &rand::SystemRandom) {
    use ml_kem::array::Array;
    use ml_kem::kem::{Decapsulate, KeyExport};
    use rand::SecureRandom;
    let ops = |name: &str, rate: f64| println!("{name}\tops/s\t{rate:.1}");
    ops("ML-KEM-768 keygen", measure(seconds, || {
        let mut seed = [0u8; 64];
        rng.fill(&mut seed).unwrap();
        let dk = ml_kem::DecapsulationKey::<ml_kem::MlKem768>::from_seed(Array::from(seed));
        black_box(dk.encapsulation_key().to_bytes());
    }));
    let mut seed = [0u8; 64];
    rng.fill(&mut seed).unwrap();
    let dk = ml_kem::DecapsulationKey::<ml_kem::MlKem768>::from_seed(Array::from(seed));
    let ek = dk.encapsulation_key().clone();
    ops("ML-KEM-768 encaps", measure(seconds, || {
        let mut m = [0u8; 32];
        rng.fill(&mut m).unwrap();
        black_box(ek.encapsulate_deterministic(&Array::from(m)));
    }));
    let (ct, _) = ek.encapsulate_deterministic(&Array::from([7u8; 32]));
    ops("ML-KEM-768 decaps", measure(seconds, || {
        black_box(dk.decapsulate(black_box(&ct)));
    }));

/// The PSA 1.4/1.5 symmetric rows: SHAKE128 (32 bytes out), Ascon-AEAD128 and
/// BLAKE2b-512 over 16 KiB, on the crates rustpsa calls.
fn sym14_rows(seconds: f64, input: &[u8]) {
    use ascon_aead::aead::{AeadInOut, KeyInit};
    use digest_v11::{Digest, ExtendableOutput, Update, XofReader};
    let mb = |name: &str, len: usize, rate: f64| println!("{name}\tMB/s\t{:.1}", rate * len as f64 / 1e6);
    let rate = measure(seconds, || {
        let mut h = sha3_v11::Shake128::default();
        h.update(input);
        let mut out = [0u8; 32];
        h.finalize_xof().read(&mut out);
        black_box(out);
    });
    mb("SHAKE128 16KiB", input.len(), rate);
    let c = ascon_aead::AsconAead128::new(&[0x42u8; 16].into());
    let mut buf = input.to_vec();
    let rate = measure(seconds, || {
        buf.copy_from_slice(input);
        let n = ascon_aead::AsconAead128Nonce::from([0u8; 16]);
        black_box(c.encrypt_inout_detached(&n, &[], buf.as_mut_slice().into()).unwrap());
    });
    mb("Ascon-AEAD128 encrypt 16KiB", input.len(), rate);
    let rate = measure(seconds, || {
        black_box(blake2::Blake2b512::digest(input));
    });
    mb("BLAKE2b-512 16KiB", input.len(), rate);
}
