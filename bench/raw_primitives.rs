//! The raw primitives, called directly (no FFI, no key store, no policy), with
//! the same case names and sizes as bench/psa_bench.c, so scripts/bench.sh can
//! report rustpsa's efficiency (rustpsa rate / raw rate). The AEAD, hash and
//! HMAC rows measure AWS-LC (through aws-lc-rs, what rustpsa calls) and ring
//! and report the faster; the message-signing rows call ring; the asymmetric digest, static-ECDH and RSA
//! rows (`asymmetric_rows`) measure every crate that offers the primitive
//! (AWS-LC through aws-lc-rs, ring, RustCrypto), print each on stderr and
//! report the fastest: the efficiency column is against the fastest crate.
//! Output lines: `case<TAB>unit<TAB>rate`. Options: `-t SECONDS` per case,
//! `-c` to time by this thread's CPU time (as psa_bench's `-c`).
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether [`measure`] reads the thread's CPU-time clock (`-c`).
static CPU_CLOCK: AtomicBool = AtomicBool::new(false);

/// Seconds on the clock `measure` uses.
fn now() -> f64 {
    let id = if CPU_CLOCK.load(Ordering::Relaxed) { libc::CLOCK_THREAD_CPUTIME_ID } else { libc::CLOCK_MONOTONIC };
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: a valid clock id and a valid out-pointer.
    unsafe { libc::clock_gettime(id, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

use ring::{aead, digest, hmac, rand, signature};

fn measure(seconds: f64, mut step: impl FnMut()) -> f64 {
    let warm = now();
    while now() - warm < seconds * 0.1 {
        step();
    }
    let start = now();
    let mut n = 0u64;
    let mut batch = 1u64;
    loop {
        for _ in 0..batch {
            step();
        }
        n += batch;
        batch = (batch * 2).min(4096);
        let e = now() - start;
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
    CPU_CLOCK.store(args.iter().any(|a| a == "-c"), Ordering::Relaxed);
    let input = vec![0x17u8; 16384];
    let key = [0x42u8; 32];
    if let Some(i) = args.iter().position(|a| a == "--loop") {
        let n = args.get(i + 2).and_then(|s| s.parse().ok()).unwrap_or(10000);
        return small_loop(args.get(i + 1).map_or("", |s| s.as_str()), n, &key, &input[..64]);
    }
    let ops = |name: &str, rate: f64| println!("{name}\tops/s\t{rate:.1}");

    // The AEAD, hash and HMAC rows: AWS-LC (what rustpsa calls, through
    // aws-lc-rs) and ring, each measured; the row is the faster one.
    use aws_lc_rs as lc;
    for (label, alg, lalg, klen) in [
        ("AES-128-GCM", &aead::AES_128_GCM, &lc::aead::AES_128_GCM, 16),
        ("ChaCha20-Poly1305", &aead::CHACHA20_POLY1305, &lc::aead::CHACHA20_POLY1305, 32),
    ] {
        let k = aead::LessSafeKey::new(aead::UnboundKey::new(alg, &key[..klen]).unwrap());
        let lk = lc::aead::LessSafeKey::new(lc::aead::UnboundKey::new(lalg, &key[..klen]).unwrap());
        for (size, len) in [("64B", 64), ("1KiB", 1024), ("16KiB", 16384)] {
            let mut buf = vec![0u8; len];
            let ring_rate = measure(seconds, || {
                buf.copy_from_slice(&input[..len]);
                let nonce = aead::Nonce::assume_unique_for_key([0u8; 12]);
                let tag = k.seal_in_place_separate_tag(nonce, aead::Aad::empty(), &mut buf).unwrap();
                let _ = black_box(tag);
            });
            let lc_rate = measure(seconds, || {
                buf.copy_from_slice(&input[..len]);
                let nonce = lc::aead::Nonce::assume_unique_for_key([0u8; 12]);
                let tag = lk.seal_in_place_separate_tag(nonce, lc::aead::Aad::empty(), &mut buf).unwrap();
                let _ = black_box(tag);
            });
            fastest_mb(&format!("{label} encrypt {size}"), len, vec![("aws-lc-rs", lc_rate), ("ring", ring_rate)]);
        }
    }
    for (label, alg, lalg) in [
        ("SHA-256", &digest::SHA256, &lc::digest::SHA256),
        ("SHA-512", &digest::SHA512, &lc::digest::SHA512),
    ] {
        for (size, len) in [("64B", 64), ("16KiB", 16384)] {
            let ring_rate = measure(seconds, || {
                black_box(digest::digest(alg, black_box(&input[..len])));
            });
            let lc_rate = measure(seconds, || {
                black_box(lc::digest::digest(lalg, black_box(&input[..len])));
            });
            fastest_mb(&format!("{label} {size}"), len, vec![("aws-lc-rs", lc_rate), ("ring", ring_rate)]);
        }
    }
    let hk = hmac::Key::new(hmac::HMAC_SHA256, &key);
    let lhk = lc::hmac::Key::new(lc::hmac::HMAC_SHA256, &key);
    let ring_rate = measure(seconds, || {
        black_box(hmac::sign(&hk, black_box(&input[..64])));
    });
    let lc_rate = measure(seconds, || {
        black_box(lc::hmac::sign(&lhk, black_box(&input[..64])));
    });
    fastest("HMAC-SHA-256 64B", vec![("aws-lc-rs", lc_rate), ("ring", ring_rate)]);

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
    asymmetric_rows(seconds);
    sym14_rows(seconds, &input);
    blake2_par_rows(seconds, &input);
    ml_kem_768(seconds, &rng);
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
}

/// The PSA 1.4/1.5 symmetric rows: SHAKE128 (32 bytes out), Ascon-AEAD128,
/// BLAKE2b-512 and BLAKE2s-256 over 16 KiB, on the crates rustpsa calls. The
/// input goes through `black_box` on every call, as in the SHA-2 rows, so the
/// optimiser cannot treat the digest of the unchanging buffer as loop-invariant.
fn sym14_rows(seconds: f64, input: &[u8]) {
    use ascon_aead::aead::{AeadInOut, KeyInit};
    use ::digest::{Digest, ExtendableOutput, Update, XofReader};
    let mb = |name: &str, len: usize, rate: f64| println!("{name}\tMB/s\t{:.1}", rate * len as f64 / 1e6);
    let rate = measure(seconds, || {
        let mut h = shake::Shake128::default();
        h.update(black_box(input));
        let mut out = [0u8; 32];
        h.finalize_xof().read(&mut out);
        black_box(out);
    });
    mb("SHAKE128 16KiB", input.len(), rate);
    let c = ascon_aead::AsconAead128::new(&[0x42u8; 16].into());
    let mut buf = input.to_vec();
    let rate = measure(seconds, || {
        buf.copy_from_slice(black_box(input));
        let n = ascon_aead::AsconAead128Nonce::from([0u8; 16]);
        black_box(c.encrypt_inout_detached(&n, &[], buf.as_mut_slice().into()).unwrap());
    });
    mb("Ascon-AEAD128 encrypt 16KiB", input.len(), rate);
    let rate = measure(seconds, || {
        black_box(blake2::Blake2b512::digest(black_box(input)));
    });
    mb("BLAKE2b-512 16KiB", input.len(), rate);
    let rate = measure(seconds, || {
        black_box(blake2::Blake2s256::digest(black_box(input)));
    });
    mb("BLAKE2s-256 16KiB", input.len(), rate);
}

/// BLAKE2sp-256 and BLAKE2bp-512 over 16 KiB on the simd crates rustpsa calls
/// for them; on stderr, the two BLAKE2 implementations in the binary side by
/// side on the sequential modes (RustCrypto `blake2`, which rustpsa uses for
/// BLAKE2s/b and HMAC over them, and `blake2s_simd` / `blake2b_simd`), at
/// 16 KiB and 64 bytes: the measurement behind keeping BLAKE2s/b on `blake2`.
fn blake2_par_rows(seconds: f64, input: &[u8]) {
    use ::digest::Digest;
    let mb = |name: &str, len: usize, rate: f64| println!("{name}\tMB/s\t{:.1}", rate * len as f64 / 1e6);
    let rate = measure(seconds, || {
        black_box(blake2b_simd::blake2bp::blake2bp(black_box(input)));
    });
    mb("BLAKE2bp-512 16KiB", input.len(), rate);
    let rate = measure(seconds, || {
        black_box(blake2s_simd::blake2sp::blake2sp(black_box(input)));
    });
    mb("BLAKE2sp-256 16KiB", input.len(), rate);
    for len in [16384usize, 64] {
        let m = &input[..len];
        let cands = [
            ("BLAKE2b-512", "blake2", measure(seconds, || {
                black_box(blake2::Blake2b512::digest(black_box(m)));
            })),
            ("BLAKE2b-512", "blake2b_simd", measure(seconds, || {
                black_box(blake2b_simd::blake2b(black_box(m)));
            })),
            ("BLAKE2s-256", "blake2", measure(seconds, || {
                black_box(blake2::Blake2s256::digest(black_box(m)));
            })),
            ("BLAKE2s-256", "blake2s_simd", measure(seconds, || {
                black_box(blake2s_simd::blake2s(black_box(m)));
            })),
        ];
        for (case, who, rate) in cands {
            eprintln!("# {case} {len}B: {who} {:.1} MB/s", rate * len as f64 / 1e6);
        }
    }
}

/// The fastest of the candidates for one case: the case line on stdout (what
/// scripts/bench.sh divides by), every candidate on stderr (`# case: crate rate`).
fn fastest(name: &str, candidates: Vec<(&str, f64)>) {
    for (who, rate) in &candidates {
        eprintln!("# {name}: {who} {rate:.1} ops/s");
    }
    let best = candidates.iter().map(|c| c.1).fold(0.0, f64::max);
    println!("{name}\tops/s\t{best:.1}");
}

/// [`fastest`] for a rate in messages of `len` bytes per second, printed in MB/s.
fn fastest_mb(name: &str, len: usize, candidates: Vec<(&str, f64)>) {
    for (who, rate) in &candidates {
        eprintln!("# {name}: {who} {:.1} MB/s", rate * len as f64 / 1e6);
    }
    let best = candidates.iter().map(|c| c.1).fold(0.0, f64::max);
    println!("{name}\tMB/s\t{:.1}", best * len as f64 / 1e6);
}

/// Signatures over a digest, static-key ECDH and RSA private operations, each
/// measured with every crate that offers them (AWS-LC through aws-lc-rs, ring,
/// RustCrypto) and reported as the fastest.
fn asymmetric_rows(seconds: f64) {
    use aws_lc_rs as awslc;
    let digest32 = [0x5au8; 32];
    let digest48 = [0x5au8; 48];
    let digest64 = [0x5au8; 64];
    let arng = awslc::rand::SystemRandom::new();
    let rrng = rand::SystemRandom::new();

    macro_rules! ecdsa_case {
        ($label:expr, $C:ty, $digest:expr, $dalg:expr, $asign:expr, $averify:expr, $ring:expr) => {{
            use awslc::signature::{EcdsaKeyPair, KeyPair as _};
            let pkcs8 = EcdsaKeyPair::generate_pkcs8($asign, &arng).unwrap();
            let akp = EcdsaKeyPair::from_pkcs8($asign, pkcs8.as_ref()).unwrap();
            let d = awslc::digest::Digest::import_less_safe($digest, $dalg).unwrap();
            let mut sign = vec![("aws-lc-rs sign_digest", measure(seconds, || {
                black_box(akp.sign_digest(&d).unwrap());
            }))];
            let mut kb = vec![0x11u8; <$C as elliptic_curve::Curve>::FieldBytesSize::USIZE];
            kb[0] = 0; // below every order, P-521's included
            let sk = ecdsa::SigningKey::<$C>::from_slice(&kb).unwrap();
            sign.push(("RustCrypto sign_prehash (RFC 6979)", measure(seconds, || {
                let s: ecdsa::Signature<$C> = ecdsa::hazmat::sign_prehashed_rfc6979::<$C, sha2::Sha256>(sk.as_nonzero_scalar(), $digest, b"").0;
                black_box(s);
            })));
            if let Some((ralg, _)) = $ring {
                let pkcs8 = signature::EcdsaKeyPair::generate_pkcs8(ralg, &rrng).unwrap();
                let kp = signature::EcdsaKeyPair::from_pkcs8(ralg, pkcs8.as_ref(), &rrng).unwrap();
                sign.push(("ring sign (64-byte message)", measure(seconds, || {
                    black_box(kp.sign(&rrng, &[0x17u8; 64]).unwrap());
                })));
            }
            fastest(&format!("{} sign_hash", $label), sign);
            let sig = akp.sign_digest(&d).unwrap();
            let pk = awslc::signature::ParsedPublicKey::new($averify, akp.public_key().as_ref()).unwrap();
            let mut verify = vec![("aws-lc-rs verify_digest", measure(seconds, || {
                pk.verify_digest_sig(&d, sig.as_ref()).unwrap();
            }))];
            let q = elliptic_curve::ProjectivePoint::<$C>::from(*sk.verifying_key().as_affine());
            let s: ecdsa::Signature<$C> = ecdsa::hazmat::sign_prehashed_rfc6979::<$C, sha2::Sha256>(sk.as_nonzero_scalar(), $digest, b"").0;
            verify.push(("RustCrypto verify_prehashed", measure(seconds, || {
                ecdsa::hazmat::verify_prehashed::<$C>(&q, $digest, &s).unwrap();
            })));
            if let Some((ralg, valg)) = $ring {
                let pkcs8 = signature::EcdsaKeyPair::generate_pkcs8(ralg, &rrng).unwrap();
                let kp = signature::EcdsaKeyPair::from_pkcs8(ralg, pkcs8.as_ref(), &rrng).unwrap();
                let sig = kp.sign(&rrng, &[0x17u8; 64]).unwrap();
                use signature::KeyPair;
                let pk = signature::UnparsedPublicKey::new(valg, kp.public_key().as_ref().to_vec());
                verify.push(("ring verify (64-byte message)", measure(seconds, || {
                    pk.verify(&[0x17u8; 64], sig.as_ref()).unwrap();
                })));
            }
            fastest(&format!("{} verify_hash", $label), verify);
        }};
    }
    use elliptic_curve::array::typenum::Unsigned;
    type RingPair = Option<(&'static signature::EcdsaSigningAlgorithm, &'static signature::EcdsaVerificationAlgorithm)>;
    ecdsa_case!("ECDSA P-256", p256::NistP256, &digest32, &awslc::digest::SHA256,
        &awslc::signature::ECDSA_P256_SHA256_FIXED_SIGNING, &awslc::signature::ECDSA_P256_SHA256_FIXED,
        Some((&signature::ECDSA_P256_SHA256_FIXED_SIGNING, &signature::ECDSA_P256_SHA256_FIXED)) as RingPair);
    ecdsa_case!("ECDSA P-384", p384::NistP384, &digest48, &awslc::digest::SHA384,
        &awslc::signature::ECDSA_P384_SHA384_FIXED_SIGNING, &awslc::signature::ECDSA_P384_SHA384_FIXED,
        Some((&signature::ECDSA_P384_SHA384_FIXED_SIGNING, &signature::ECDSA_P384_SHA384_FIXED)) as RingPair);
    ecdsa_case!("ECDSA P-521", p521::NistP521, &digest64, &awslc::digest::SHA512,
        &awslc::signature::ECDSA_P521_SHA512_FIXED_SIGNING, &awslc::signature::ECDSA_P521_SHA512_FIXED,
        None as RingPair);

    macro_rules! ecdh_case {
        ($label:expr, $C:ty, $aalg:expr) => {{
            use elliptic_curve::sec1::ToSec1Point;
            let len = <$C as elliptic_curve::Curve>::FieldBytesSize::USIZE;
            let (mut k1, mut k2) = (vec![0x11u8; len], vec![0x22u8; len]);
            k1[0] = 0;
            k2[0] = 0;
            let ours = elliptic_curve::SecretKey::<$C>::from_slice(&k1).unwrap();
            let peer = elliptic_curve::SecretKey::<$C>::from_slice(&k2).unwrap();
            let peer_pub = peer.public_key().to_sec1_point(false).as_bytes().to_vec();
            let apriv = awslc::agreement::PrivateKey::from_private_key($aalg, &k1).unwrap();
            let mut c = vec![("aws-lc-rs agree (static key)", measure(seconds, || {
                let peer = awslc::agreement::UnparsedPublicKey::new($aalg, &peer_pub);
                awslc::agreement::agree(&apriv, peer, (), |s| { black_box(s); Ok(()) }).unwrap();
            }))];
            c.push(("RustCrypto diffie_hellman", measure(seconds, || {
                let pk = elliptic_curve::PublicKey::<$C>::from_sec1_bytes(&peer_pub).unwrap();
                black_box(elliptic_curve::ecdh::diffie_hellman(ours.to_nonzero_scalar(), pk.as_affine()));
            })));
            fastest($label, c);
        }};
    }
    ecdh_case!("ECDH P-256", p256::NistP256, &awslc::agreement::ECDH_P256);
    ecdh_case!("ECDH P-384", p384::NistP384, &awslc::agreement::ECDH_P384);
    ecdh_case!("ECDH P-521", p521::NistP521, &awslc::agreement::ECDH_P521);

    for bits in [2048usize, 3072, 4096] {
        use rsa::pkcs1::EncodeRsaPrivateKey;
        use rsa::pkcs8::EncodePrivateKey;
        use rsa::traits::PublicKeyParts;
        let key = rsa::PrivateKey::new(&mut RsaRng, bits).unwrap();
        let der = key.to_pkcs1_der().unwrap();
        let name = format!("RSA-{bits} PKCS1v15-SHA256");
        let n = bits / 8;
        let akp = awslc::rsa::KeyPair::from_der(der.as_bytes()).unwrap();
        let d = awslc::digest::Digest::import_less_safe(&digest32, &awslc::digest::SHA256).unwrap();
        let mut sig = vec![0u8; n];
        let mut sign = vec![("aws-lc-rs sign_digest", measure(seconds, || {
            akp.sign_digest(&awslc::signature::RSA_PKCS1_SHA256, &d, &mut sig).unwrap();
        }))];
        let rkp = signature::RsaKeyPair::from_der(der.as_bytes()).unwrap();
        let mut rsig = vec![0u8; n];
        sign.push(("ring sign (64-byte message)", measure(seconds, || {
            rkp.sign(&signature::RSA_PKCS1_SHA256, &rrng, &[0x17u8; 64], &mut rsig).unwrap();
        })));
        let pad = || rsa::Pkcs1v15Sign::new::<sha2::Sha256>();
        sign.push(("rsa crate sign (blinded)", measure(seconds, || {
            black_box(key.sign_with_rng(&mut RsaRng, pad(), &digest32).unwrap());
        })));
        fastest(&format!("{name} sign_hash"), sign);
        akp.sign_digest(&awslc::signature::RSA_PKCS1_SHA256, &d, &mut sig).unwrap();
        use awslc::signature::KeyPair as _;
        let apk = awslc::signature::ParsedPublicKey::new(&awslc::signature::RSA_PKCS1_2048_8192_SHA256, akp.public_key().as_ref()).unwrap();
        let mut verify = vec![("aws-lc-rs verify_digest", measure(seconds, || {
            apk.verify_digest_sig(&d, &sig).unwrap();
        }))];
        let public = key.to_public_key();
        verify.push(("rsa crate verify", measure(seconds, || {
            public.verify(pad(), &digest32, &sig).unwrap();
        })));
        rkp.sign(&signature::RSA_PKCS1_SHA256, &rrng, &[0x17u8; 64], &mut rsig).unwrap();
        let rpk = signature::UnparsedPublicKey::new(&signature::RSA_PKCS1_2048_8192_SHA256, rkp.public().as_ref().to_vec());
        verify.push(("ring verify (64-byte message)", measure(seconds, || {
            rpk.verify(&[0x17u8; 64], &rsig).unwrap();
        })));
        fastest(&format!("{name} verify_hash"), verify);
        // OAEP-SHA256 decryption of a 32-byte message.
        let ct = public.encrypt(&mut RsaRng, rsa::Oaep::<sha2::Sha256>::new(), &digest32).unwrap();
        let pkcs8 = key.to_pkcs8_der().unwrap();
        let adk = awslc::rsa::OaepPrivateDecryptingKey::new(
            awslc::rsa::PrivateDecryptingKey::from_pkcs8(pkcs8.as_bytes()).unwrap()).unwrap();
        let mut pt = vec![0u8; n];
        let mut dec = vec![("aws-lc-rs OAEP decrypt", measure(seconds, || {
            adk.decrypt(&awslc::rsa::OAEP_SHA256_MGF1SHA256, &ct, &mut pt, None).unwrap();
        }))];
        dec.push(("rsa crate OAEP decrypt (blinded)", measure(seconds, || {
            black_box(key.decrypt_blinded(&mut RsaRng, rsa::Oaep::<sha2::Sha256>::new(), &ct).unwrap());
        })));
        let _ = public.n();
        fastest(&format!("RSA-{bits} OAEP-SHA256 decrypt"), dec);
    }
}

/// The operating system's generator for the rsa crate.
struct RsaRng;
impl rsa::rand_core::TryRng for RsaRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        use rand::SecureRandom;
        rand::SystemRandom::new().fill(dst).unwrap();
        Ok(())
    }
}
impl rsa::rand_core::TryCryptoRng for RsaRng {}

/// `--loop CASE N`: only N calls of one small-message primitive, for
/// instruction counts (`valgrind --tool=callgrind`) against the same loop over
/// the C API (DEVELOPERS.md): `gcm-awslc`, `gcm-ring` (AES-128-GCM, 64 bytes),
/// `hmac-awslc`, `hmac-ring` (HMAC-SHA-256, 64 bytes).
fn small_loop(case: &str, n: u64, key: &[u8; 32], msg: &[u8]) {
    let mut buf = [0u8; 64];
    match case {
        "gcm-awslc" => {
            use aws_lc_rs::aead as a;
            let k = a::LessSafeKey::new(a::UnboundKey::new(&a::AES_128_GCM, &key[..16]).unwrap());
            for _ in 0..n {
                buf.copy_from_slice(msg);
                let nonce = a::Nonce::assume_unique_for_key([0u8; 12]);
                let _ = black_box(k.seal_in_place_separate_tag(nonce, a::Aad::empty(), &mut buf).unwrap());
            }
        }
        "gcm-ring" => {
            let k = aead::LessSafeKey::new(aead::UnboundKey::new(&aead::AES_128_GCM, &key[..16]).unwrap());
            for _ in 0..n {
                buf.copy_from_slice(msg);
                let nonce = aead::Nonce::assume_unique_for_key([0u8; 12]);
                let _ = black_box(k.seal_in_place_separate_tag(nonce, aead::Aad::empty(), &mut buf).unwrap());
            }
        }
        "hmac-awslc" => {
            let k = aws_lc_rs::hmac::Key::new(aws_lc_rs::hmac::HMAC_SHA256, key);
            for _ in 0..n {
                black_box(aws_lc_rs::hmac::sign(&k, black_box(msg)));
            }
        }
        "hmac-ring" => {
            let k = hmac::Key::new(hmac::HMAC_SHA256, key);
            for _ in 0..n {
                black_box(hmac::sign(&k, black_box(msg)));
            }
        }
        _ => {
            eprintln!("--loop: gcm-awslc, gcm-ring, hmac-awslc or hmac-ring");
            std::process::exit(2);
        }
    }
    println!("{case} {n} ok");
}
