//! Message digests.
use ring::digest;

use crate::types::{psa_algorithm_t, Error, Result, PSA_ALG_SHA_256};

/// A digest value: up to 64 bytes.
#[derive(Clone, Copy)]
pub struct Digest {
    buf: [u8; 64],
    len: usize,
}

impl Digest {
    fn from_ring(d: digest::Digest) -> Self {
        let mut buf = [0u8; 64];
        buf[..d.as_ref().len()].copy_from_slice(d.as_ref());
        Digest { buf, len: d.as_ref().len() }
    }
}

impl Digest {
    /// Builds a value from a buffer and the number of bytes used.
    pub(crate) fn from_parts(buf: [u8; 64], len: usize) -> Self {
        Digest { buf, len }
    }
}

impl AsRef<[u8]> for Digest {
    fn as_ref(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The ring algorithm for a PSA hash algorithm this driver supports.
pub(crate) fn ring_alg(alg: psa_algorithm_t) -> Option<&'static digest::Algorithm> {
    match alg {
        PSA_ALG_SHA_256 => Some(&digest::SHA256),
        _ => None,
    }
}

/// Hashes `input` with `alg`; `NotSupported` for hashes this driver lacks.
pub fn compute(alg: psa_algorithm_t, input: &[u8]) -> Result<Digest> {
    let a = ring_alg(alg).ok_or(Error::NotSupported)?;
    Ok(Digest::from_ring(digest::digest(a, input)))
}

/// SHA-256 of `input` (used by the key file format).
pub fn sha256(input: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, input).as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_abc() {
        let d = compute(PSA_ALG_SHA_256, b"abc").unwrap();
        assert_eq!(
            d.as_ref()[..8],
            [0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea]
        );
        assert_eq!(d.as_ref(), sha256(b"abc"));
    }
}
