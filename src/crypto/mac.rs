//! Message authentication codes.
use ring::hmac;

use super::wipe::ZBox;
use crate::types::{psa_algorithm_t, Error, Result, PSA_ALG_SHA_256};

/// An HMAC key with its inner and outer states precomputed; wiped on drop.
pub struct HmacKey(ZBox<hmac::Key>);

/// The MAC value: up to 64 bytes.
pub type Tag = super::hash::Digest;

fn ring_hmac(hash: psa_algorithm_t) -> Option<hmac::Algorithm> {
    match hash {
        PSA_ALG_SHA_256 => Some(hmac::HMAC_SHA256),
        _ => None,
    }
}

impl HmacKey {
    /// Prepares `key` for HMAC with the hash `hash`; `NotSupported` for hashes
    /// this driver lacks.
    pub fn new(hash: psa_algorithm_t, key: &[u8]) -> Result<Self> {
        let alg = ring_hmac(hash).ok_or(Error::NotSupported)?;
        Ok(HmacKey(ZBox::new(hmac::Key::new(alg, key))))
    }

    /// The full-length HMAC of `data`.
    pub fn sign(&self, data: &[u8]) -> Tag {
        let t = hmac::sign(&self.0, data);
        let mut buf = [0u8; 64];
        buf[..t.as_ref().len()].copy_from_slice(t.as_ref());
        Tag::from_parts(buf, t.as_ref().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        let k = HmacKey::new(PSA_ALG_SHA_256, b"Jefe").unwrap();
        let t = k.sign(b"what do ya want for nothing?");
        assert_eq!(t.as_ref()[..4], [0x5b, 0xdc, 0xc1, 0x46]);
        assert_eq!(t.as_ref().len(), 32);
    }
}
