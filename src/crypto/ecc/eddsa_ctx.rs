//! EdDSA with a context string (RFC 8032 §5.1/§5.2): Ed448 and Ed448ph with a
//! context, Ed25519ph with a context. Ed25519ctx is not offered by the back
//! ends (`ed25519-dalek` signs Ed25519 and Ed25519ph only): `NotSupported`.
use super::{ed448_signature, Key, Prehashed64, Prepared};
use crate::types::*;

fn put(sig: &[u8], out: &mut [u8]) -> Result<usize> {
    out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(sig);
    Ok(sig.len())
}

impl Prepared {
    /// PureEdDSA with a context (`PSA_ALG_EDDSA_CTX`): Ed448 with `ctx`.
    pub fn eddsa_ctx_sign(&self, ctx: &[u8], msg: &[u8], out: &mut [u8]) -> Result<usize> {
        match &self.key {
            Key::Ed448(Some(sk), _) => {
                let sig = sk.sign_ctx(ctx, msg).map_err(|_| Error::InvalidArgument)?;
                put(&sig.to_bytes(), out)
            }
            Key::Ed25519(..) => Err(Error::NotSupported),
            _ => Err(Error::InvalidArgument),
        }
    }

    /// Verification of [`Prepared::eddsa_ctx_sign`].
    pub fn eddsa_ctx_verify(&self, ctx: &[u8], msg: &[u8], signature: &[u8]) -> Result<()> {
        match &self.key {
            Key::Ed448(_, vk) => {
                let sig = ed448_signature(signature)?;
                (*vk).verify_ctx(&sig, ctx, msg).map_err(|_| Error::InvalidSignature)
            }
            Key::Ed25519(..) => Err(Error::NotSupported),
            _ => Err(Error::InvalidArgument),
        }
    }

    /// HashEdDSA (Ed25519ph, Ed448ph) with a context over the 64-byte prehash.
    pub fn hash_eddsa_ctx_sign(&self, ctx: &[u8], prehash: &[u8], out: &mut [u8]) -> Result<usize> {
        let p = Prehashed64::new(prehash)?;
        match &self.key {
            Key::Ed25519(Some((_, d)), _) => {
                let sig = d.sign_prehashed(p, Some(ctx)).map_err(|_| Error::InvalidArgument)?;
                put(&sig.to_bytes(), out)
            }
            Key::Ed448(Some(sk), _) => {
                let sig = sk.sign_prehashed(Some(ctx), p).map_err(|_| Error::InvalidArgument)?;
                put(&sig.to_bytes(), out)
            }
            _ => Err(Error::InvalidArgument),
        }
    }

    /// Verification of [`Prepared::hash_eddsa_ctx_sign`].
    pub fn hash_eddsa_ctx_verify(&self, ctx: &[u8], prehash: &[u8], signature: &[u8]) -> Result<()> {
        let p = Prehashed64::new(prehash)?;
        match &self.key {
            Key::Ed25519(_, vk) => {
                let b: [u8; 64] = signature.try_into().map_err(|_| Error::InvalidSignature)?;
                let sig = ed25519_dalek::Signature::from_bytes(&b);
                vk.verify_prehashed_strict(p, Some(ctx), &sig).map_err(|_| Error::InvalidSignature)
            }
            Key::Ed448(_, vk) => {
                let sig = ed448_signature(signature)?;
                vk.verify_prehashed(&sig, Some(ctx), p).map_err(|_| Error::InvalidSignature)
            }
            _ => Err(Error::InvalidArgument),
        }
    }
}
