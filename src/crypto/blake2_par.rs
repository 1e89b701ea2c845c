//! BLAKE2sp-256 and BLAKE2bp-512 (PSA Crypto API 1.5), a child module of
//! `crypto::hash`.
//!
//! The parallel modes of BLAKE2 (8 BLAKE2s leaves, or 4 BLAKE2b leaves, over
//! interleaved 64- or 128-byte blocks, and a root node over their outputs) come
//! from the `blake2s_simd` / `blake2b_simd` crates: the RustCrypto `blake2`
//! crate, which serves BLAKE2s-256 and BLAKE2b-512 and HMAC over them, has no
//! parallel modes. Only unkeyed hashing runs here: these states hold no secret
//! (the crates have no zeroize, which is why keyed BLAKE2 stays on `blake2`).
//! So the binary carries two BLAKE2 compression-function implementations, one
//! per crate, each used for a different algorithm.
//!
//! The states are boxed: a BLAKE2bp state is about 1.4 KiB (four leaf states
//! and their block buffers), and `hash::Hasher` moves through the operation
//! table by value.
use super::Digest;
use crate::types::*;

/// A BLAKE2sp or BLAKE2bp computation in progress.
#[derive(Clone)]
pub(super) enum ParState {
    /// BLAKE2sp-256.
    Sp(Box<blake2s_simd::blake2sp::State>),
    /// BLAKE2bp-512.
    Bp(Box<blake2b_simd::blake2bp::State>),
}

/// Whether `alg` is one of the two parallel BLAKE2 hashes served here.
pub(super) fn is_par(alg: psa_algorithm_t) -> bool {
    matches!(alg, PSA_ALG_BLAKE2SP_HASH256 | PSA_ALG_BLAKE2BP_HASH512)
}

/// The digest of `input` under `alg` (BLAKE2sp-256 or BLAKE2bp-512); `None`
/// for every other algorithm.
pub(super) fn compute(alg: psa_algorithm_t, input: &[u8]) -> Option<Digest> {
    match alg {
        PSA_ALG_BLAKE2SP_HASH256 => Some(Digest::from_slice(
            blake2s_simd::blake2sp::blake2sp(input).as_bytes(),
        )),
        PSA_ALG_BLAKE2BP_HASH512 => Some(Digest::from_slice(
            blake2b_simd::blake2bp::blake2bp(input).as_bytes(),
        )),
        _ => None,
    }
}

impl ParState {
    /// A fresh state for `alg`; `None` unless `is_par(alg)`.
    pub(super) fn new(alg: psa_algorithm_t) -> Option<Self> {
        match alg {
            PSA_ALG_BLAKE2SP_HASH256 => Some(ParState::Sp(Box::default())),
            PSA_ALG_BLAKE2BP_HASH512 => Some(ParState::Bp(Box::default())),
            _ => None,
        }
    }

    /// Absorbs `input`.
    pub(super) fn update(&mut self, input: &[u8]) {
        match self {
            ParState::Sp(s) => {
                s.update(input);
            }
            ParState::Bp(s) => {
                s.update(input);
            }
        }
    }

    /// The digest of everything absorbed.
    pub(super) fn finish(&self) -> Digest {
        match self {
            ParState::Sp(s) => Digest::from_slice(s.finalize().as_bytes()),
            ParState::Bp(s) => Digest::from_slice(s.finalize().as_bytes()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{compute as hash_compute, Hasher};
    use crate::types::*;

    use crate::testutil::hex as unhex;

    /// (algorithm, input length, digest) from tests/vectors/blake2_par_kat.txt.
    pub(crate) fn kat() -> Vec<(psa_algorithm_t, usize, Vec<u8>)> {
        let text = include_str!("../../tests/vectors/blake2_par_kat.txt");
        let mut alg = 0;
        let mut out = Vec::new();
        for line in text.lines() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix("Hash = ") {
                alg = match name {
                    "BLAKE2sp" => PSA_ALG_BLAKE2SP_HASH256,
                    "BLAKE2bp" => PSA_ALG_BLAKE2BP_HASH512,
                    other => panic!("unknown hash {other}"),
                };
                continue;
            }
            let (n, d) = line.split_once(' ').unwrap();
            out.push((alg, n.parse().unwrap(), unhex(d)));
        }
        out
    }

    fn kat_input(n: usize) -> Vec<u8> {
        (0..n).map(|i| i as u8).collect()
    }

    #[test]
    fn known_answers_one_shot_and_incremental() {
        let v = kat();
        assert_eq!(v.len(), 70 + 42);
        for (alg, n, want) in &v {
            assert_eq!(want.len(), psa_hash_length(*alg));
            let input = kat_input(*n);
            assert_eq!(
                hash_compute(*alg, &input).unwrap().as_ref(),
                &want[..],
                "{alg:#x} len {n}"
            );
            // every split point, and byte by byte
            for split in 0..=*n {
                let mut h = Hasher::new(*alg).unwrap();
                h.update(&input[..split]).unwrap();
                h.update(&input[split..]).unwrap();
                assert_eq!(
                    h.finish().as_ref(),
                    &want[..],
                    "{alg:#x} len {n} split {split}"
                );
            }
            let mut h = Hasher::new(*alg).unwrap();
            for b in &input {
                h.update(core::slice::from_ref(b)).unwrap();
            }
            assert_eq!(h.finish().as_ref(), &want[..]);
        }
    }

    #[test]
    fn long_inputs_agree_in_every_chunking() {
        // Beyond the KAT's 255 bytes: many full stripes of every leaf, with
        // chunk sizes that straddle block and stripe boundaries.
        let input: Vec<u8> = (0..70_000u32).map(|i| (i * 31 + 7) as u8).collect();
        for alg in [PSA_ALG_BLAKE2SP_HASH256, PSA_ALG_BLAKE2BP_HASH512] {
            let want = hash_compute(alg, &input).unwrap();
            for chunk in [1usize, 63, 64, 65, 127, 128, 129, 511, 512, 513, 4096, 9999] {
                let mut h = Hasher::new(alg).unwrap();
                for c in input.chunks(chunk) {
                    h.update(c).unwrap();
                }
                let copy = h.clone();
                assert_eq!(h.finish().as_ref(), want.as_ref(), "{alg:#x} chunk {chunk}");
                assert_eq!(copy.finish().as_ref(), want.as_ref());
            }
        }
        // The parallel hashes differ from the sequential ones.
        assert_ne!(
            hash_compute(PSA_ALG_BLAKE2SP_HASH256, b"abc")
                .unwrap()
                .as_ref(),
            hash_compute(PSA_ALG_BLAKE2S_HASH256, b"abc")
                .unwrap()
                .as_ref()
        );
    }

    #[test]
    fn simd_crates_agree_with_blake2_on_sequential_modes() {
        // Cross-check of the two BLAKE2 implementations in the binary: the simd
        // crates' sequential BLAKE2s/BLAKE2b against RustCrypto `blake2`.
        use ::digest::Digest as _;
        for n in [0usize, 1, 63, 64, 65, 127, 128, 129, 1000, 16 * 1024 + 3] {
            let input: Vec<u8> = (0..n).map(|i| (i * 13 + 1) as u8).collect();
            assert_eq!(
                blake2s_simd::blake2s(&input).as_bytes(),
                &blake2::Blake2s256::digest(&input)[..],
                "BLAKE2s len {n}"
            );
            assert_eq!(
                blake2b_simd::blake2b(&input).as_bytes(),
                &blake2::Blake2b512::digest(&input)[..],
                "BLAKE2b len {n}"
            );
        }
    }

    #[test]
    fn no_suspend_format() {
        for alg in [PSA_ALG_BLAKE2SP_HASH256, PSA_ALG_BLAKE2BP_HASH512] {
            let mut h = Hasher::new(alg).unwrap();
            h.update(b"x").unwrap();
            let mut out = [0u8; 512];
            assert!(h.suspend(&mut out).is_err());
        }
    }
}
