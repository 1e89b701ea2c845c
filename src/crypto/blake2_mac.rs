//! HMAC over BLAKE2s-256 and BLAKE2b-512 (a child module of `crypto::mac`).
//!
//! PSA Crypto API 1.5 lists both hashes in its table of hash algorithms for
//! `PSA_ALG_HMAC`, with HMAC block sizes of 64 and 128 bytes (the BLAKE2 input
//! block sizes) and output sizes of 32 and 64 bytes, and notes that a protocol
//! which needs HMAC with BLAKE2 uses them. BLAKE2 processes its last block
//! lazily, which the block-level HMAC of the `hmac` crate cannot drive, so this
//! uses that crate's `SimpleHmacReset` (RFC 2104 over the `blake2` crate's
//! `Digest`); its key pads live inside the `Wiping` state of `crypto::mac`.
//!
//! BLAKE2sp and BLAKE2bp have no HMAC block size in the specification and no
//! implementation here: HMAC over them stays `NotSupported`. The keyed-BLAKE2
//! MAC of 1.5 (`PSA_ALG_BLAKE2_MAC`) is not declared: see docs/SPEC-CHANGES.md.
use super::{simple_hmac, RcMac};
use crate::types::*;

/// Whether HMAC over `hash` is served by this module.
pub(super) fn is_hmac_hash(hash: psa_algorithm_t) -> bool {
    matches!(hash, PSA_ALG_BLAKE2S_HASH256 | PSA_ALG_BLAKE2B_HASH512)
}

/// HMAC-`hash` keyed with `key` (any length); `NotSupported` for other hashes.
pub(super) fn hmac(hash: psa_algorithm_t, key: &[u8]) -> Result<Box<dyn RcMac>> {
    match hash {
        PSA_ALG_BLAKE2S_HASH256 => simple_hmac::<blake2::Blake2s256>(key),
        PSA_ALG_BLAKE2B_HASH512 => simple_hmac::<blake2::Blake2b512>(key),
        _ => Err(Error::NotSupported),
    }
}

#[cfg(test)]
mod tests {
    use super::super::MacKey;
    use crate::types::*;

    use crate::testutil::hex as unhex;

    /// (key, message, HMAC-BLAKE2s, HMAC-BLAKE2b) from tests/vectors/hmac_blake2.txt.
    fn vectors() -> Vec<(Vec<u8>, Vec<u8>, Vec<u8>, Vec<u8>)> {
        let text = include_str!("../../tests/vectors/hmac_blake2.txt");
        let mut out = Vec::new();
        let mut cur: [Option<Vec<u8>>; 4] = [None, None, None, None];
        for line in text.lines() {
            let Some((k, v)) = line.split_once(" = ") else {
                continue;
            };
            let slot = match k {
                "Key" => 0,
                "Msg" => 1,
                "HMAC-BLAKE2s" => 2,
                "HMAC-BLAKE2b" => 3,
                _ => continue,
            };
            cur[slot] = Some(unhex(v));
            if slot == 3 {
                let [a, b, c, d] = core::mem::take(&mut cur);
                out.push((a.unwrap(), b.unwrap(), c.unwrap(), d.unwrap()));
            }
        }
        out
    }

    #[test]
    fn cross_check_vectors() {
        let v = vectors();
        assert_eq!(v.len(), 9);
        for (key, msg, s, b) in &v {
            for (hash, want) in [(PSA_ALG_BLAKE2S_HASH256, s), (PSA_ALG_BLAKE2B_HASH512, b)] {
                let k = MacKey::new(psa_alg_hmac(hash), key).unwrap();
                assert_eq!(
                    k.sign(msg).as_ref(),
                    &want[..],
                    "one-shot {hash:#x}, key of {} bytes",
                    key.len()
                );
                // incremental, in every split, twice from one prepared key
                for split in [0, msg.len().min(1), msg.len() / 2, msg.len()] {
                    for _ in 0..2 {
                        let mut c = k.start();
                        c.update(&msg[..split]);
                        c.update(&msg[split..]);
                        assert_eq!(c.finish().as_ref(), &want[..]);
                    }
                }
            }
        }
    }

    #[test]
    fn only_blake2s_and_blake2b() {
        for h in [PSA_ALG_BLAKE2S_HASH256, PSA_ALG_BLAKE2B_HASH512] {
            assert!(super::is_hmac_hash(h));
            assert!(super::super::supported(psa_alg_hmac(h)));
        }
        for h in [
            PSA_ALG_BLAKE2SP_HASH256,
            PSA_ALG_BLAKE2BP_HASH512,
            PSA_ALG_SHA_256,
        ] {
            assert!(!super::is_hmac_hash(h));
            assert!(super::hmac(h, b"k").is_err());
        }
        for h in [PSA_ALG_BLAKE2SP_HASH256, PSA_ALG_BLAKE2BP_HASH512] {
            assert!(!super::super::supported(psa_alg_hmac(h)));
            assert!(MacKey::new(psa_alg_hmac(h), b"key").is_err());
        }
    }
}
