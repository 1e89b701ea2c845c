//! The key file format.
//!
//! ```text
//! offset size
//! 0      8    magic "RUSTPSA\x00"
//! 8      4    format version (little endian), currently 1
//! 12     4    payload length N (little endian)
//! 16     N    payload: type u16, bits u16, lifetime u32, id u32, usage u32,
//!             alg u32, alg2 u32, key material (the rest), all little endian
//! 16+N   32   SHA-256 of bytes 0 .. 16+N
//! ```
//! A short file, a wrong magic or a checksum mismatch is `DataCorrupt`; an
//! unknown version or attributes that do not fit the file are `DataInvalid`.
use zeroize::Zeroizing;

use crate::crypto::hash::sha256;
use crate::types::{psa_key_attributes_t, Error, Result};

const MAGIC: &[u8; 8] = b"RUSTPSA\0";
const VERSION: u32 = 1;
const HEADER: usize = 16;
const ATTRS: usize = 2 + 2 + 4 * 5;
const SUM: usize = 32;

/// The largest key file accepted (64 KiB). The largest record the library
/// writes is an unstructured key of `PSA_MAX_KEY_BITS` (8191 bytes) or an RSA
/// key pair of the largest supported size (DER, under 5 KiB) plus 72 bytes of
/// header, attributes and checksum; a larger file is never one of ours and is
/// refused before it is read (`DataCorrupt`).
pub const MAX_RECORD: usize = 64 * 1024;

/// Serialises a key record.
pub fn encode(attrs: &psa_key_attributes_t, material: &[u8]) -> Zeroizing<Vec<u8>> {
    let payload = ATTRS + material.len();
    let mut out = Zeroizing::new(Vec::with_capacity(HEADER + payload + SUM));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&(payload as u32).to_le_bytes());
    out.extend_from_slice(&attrs.private_type.to_le_bytes());
    out.extend_from_slice(&attrs.private_bits.to_le_bytes());
    for v in [
        attrs.private_lifetime,
        attrs.private_id,
        attrs.private_usage,
        attrs.private_alg,
        attrs.private_alg2,
    ] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(material);
    let sum = sha256(&out);
    out.extend_from_slice(&sum);
    out
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([b[at], b[at + 1]])
}
fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

/// Parses and checks a key record.
pub fn decode(bytes: &[u8]) -> Result<(psa_key_attributes_t, Zeroizing<Vec<u8>>)> {
    if bytes.len() < HEADER + ATTRS + SUM || &bytes[..8] != MAGIC {
        return Err(Error::DataCorrupt);
    }
    let payload = u32_at(bytes, 12) as usize;
    if bytes.len() != HEADER + payload + SUM || payload < ATTRS {
        return Err(Error::DataCorrupt);
    }
    let (body, sum) = bytes.split_at(HEADER + payload);
    if !bool::from(subtle::ConstantTimeEq::ct_eq(&sha256(body)[..], sum)) {
        return Err(Error::DataCorrupt);
    }
    if u32_at(bytes, 8) != VERSION {
        return Err(Error::DataInvalid);
    }
    let p = &body[HEADER..];
    let attrs = psa_key_attributes_t {
        private_type: u16_at(p, 0),
        private_bits: u16_at(p, 2),
        private_lifetime: u32_at(p, 4),
        private_id: u32_at(p, 8),
        private_usage: u32_at(p, 12),
        private_alg: u32_at(p, 16),
        private_alg2: u32_at(p, 20),
    };
    Ok((attrs, Zeroizing::new(p[ATTRS..].to_vec())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attrs() -> psa_key_attributes_t {
        psa_key_attributes_t {
            private_type: 0x2400,
            private_bits: 128,
            private_lifetime: 1,
            private_id: 7,
            private_usage: 0x300,
            private_alg: 0x0440_0200,
            private_alg2: 0,
        }
    }

    #[test]
    fn round_trip() {
        let rec = encode(&attrs(), &[9u8; 16]);
        let (a, m) = decode(&rec).unwrap();
        assert_eq!(a, attrs());
        assert_eq!(&m[..], &[9u8; 16]);
    }

    #[test]
    fn every_truncation_and_every_bit_flip_is_detected() {
        let rec = encode(&attrs(), &[1, 2, 3, 4]);
        for n in 0..rec.len() {
            assert_eq!(decode(&rec[..n]).unwrap_err(), Error::DataCorrupt, "truncated to {n}");
        }
        for i in 0..rec.len() {
            let mut bad = rec.to_vec();
            bad[i] ^= 0x10;
            assert!(decode(&bad).is_err(), "flip at {i}");
        }
    }

    #[test]
    fn unknown_version_is_data_invalid() {
        let mut rec = encode(&attrs(), &[1]).to_vec();
        rec[8] = 2;
        let n = rec.len() - SUM;
        let sum = sha256(&rec[..n]);
        rec[n..].copy_from_slice(&sum);
        assert_eq!(decode(&rec).unwrap_err(), Error::DataInvalid);
    }
}
