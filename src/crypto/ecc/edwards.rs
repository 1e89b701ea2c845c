//! Edwards-curve helpers: prehashed inputs for the HashEdDSA back ends
//! (Ed25519ph, Ed448ph), which take a digest object, and Ed448 signature
//! parsing.
use crate::types::*;


/// A 64-byte digest already computed by the caller, presented as a digest
/// object: it only hands back the bytes it was built with.
#[derive(Clone)]
pub(super) struct Prehashed64([u8; 64]);

impl Default for Prehashed64 {
    fn default() -> Self {
        Prehashed64([0u8; 64])
    }
}

impl Prehashed64 {
    pub(super) fn new(h: &[u8]) -> Result<Self> {
        Ok(Prehashed64(
            h.try_into().map_err(|_| Error::InvalidArgument)?,
        ))
    }
}

impl digest::HashMarker for Prehashed64 {}

impl digest::OutputSizeUser for Prehashed64 {
    type OutputSize = digest::consts::U64;
}

impl digest::Update for Prehashed64 {
    fn update(&mut self, _data: &[u8]) {}
}

impl digest::FixedOutput for Prehashed64 {
    fn finalize_into(self, out: &mut digest::Output<Self>) {
        out.copy_from_slice(&self.0);
    }
}

impl ed448_goldilocks::PreHash for Prehashed64 {
    fn fill_bytes(&mut self, out: &mut [u8]) {
        let n = out.len().min(64);
        out[..n].copy_from_slice(&self.0[..n]);
    }
}

/// An Ed448 signature, rejecting an R whose unused bits (448 to 454) are set:
/// RFC 8032 requires them to be zero and the back end does not look at them.
pub(super) fn ed448_signature(signature: &[u8]) -> Result<ed448_goldilocks::Signature> {
    if signature.len() != 114 || signature[56] & 0x7f != 0 {
        return Err(Error::InvalidSignature);
    }
    ed448_goldilocks::Signature::from_slice(signature).map_err(|_| Error::InvalidSignature)
}
