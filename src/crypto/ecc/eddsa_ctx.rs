//! EdDSA with a context string (RFC 8032 §5.1/§5.2): Ed25519ctx, Ed448 and
//! Ed448ph with a context, Ed25519ph with a context.
//!
//! Ed25519ctx is `ed25519-dalek`'s Ed25519 (its `hazmat` raw signing and
//! verification) over the hash dom2(0, ctx) ‖ …: RFC 8032 §5.1 prefixes every
//! SHA-512 input of Ed25519ctx with dom2(F = 0, C = ctx), and dalek's raw
//! functions take the hash type as a parameter, so [`Dom2Sha512`] is SHA-512
//! whose input starts with that prefix. The context reaches it through a
//! thread-local set for the duration of one call (dalek creates the hash
//! objects itself). AWS-LC's `ED25519ctx_sign` was not used: it refuses the
//! empty context, which PSA 1.4 requires (`PSA_ALG_EDDSA_CTX` with an empty
//! context is Ed25519ctx, distinct from Ed25519).
use core::cell::RefCell;

use super::{ed448_signature, Key, Prehashed64, Prepared};
use crate::types::*;

std::thread_local! {
    /// dom2(0, ctx) of the Ed25519ctx call running on this thread (empty
    /// outside one). Public data (the prefix and the caller's context).
    static DOM2: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// SHA-512 whose input begins with this thread's dom2 prefix: the hash of
/// Ed25519ctx (RFC 8032 §5.1, PH the identity, F = 0).
#[derive(Clone)]
struct Dom2Sha512(sha2::Sha512);

impl Default for Dom2Sha512 {
    fn default() -> Self {
        let mut h = <sha2::Sha512 as digest::Digest>::new();
        DOM2.with(|d| digest::Update::update(&mut h, &d.borrow()));
        Dom2Sha512(h)
    }
}
impl digest::Update for Dom2Sha512 {
    fn update(&mut self, data: &[u8]) {
        digest::Update::update(&mut self.0, data)
    }
}
impl digest::OutputSizeUser for Dom2Sha512 {
    type OutputSize = <sha2::Sha512 as digest::OutputSizeUser>::OutputSize;
}
impl digest::FixedOutput for Dom2Sha512 {
    fn finalize_into(self, out: &mut digest::Output<Self>) {
        digest::FixedOutput::finalize_into(self.0, out)
    }
}
impl digest::HashMarker for Dom2Sha512 {}

/// Runs `f` with this thread's dom2 prefix set to dom2(0, ctx), and clears
/// it afterwards (also when `f` panics: the guard's drop).
fn with_dom2<R>(ctx: &[u8], f: impl FnOnce() -> R) -> Result<R> {
    let len = u8::try_from(ctx.len()).map_err(|_| Error::InvalidArgument)?;
    struct Clear;
    impl Drop for Clear {
        fn drop(&mut self) {
            // Freed, not only emptied: nothing stays allocated for the thread.
            DOM2.with(|d| *d.borrow_mut() = Vec::new());
        }
    }
    DOM2.with(|d| {
        let mut d = d.borrow_mut();
        d.clear();
        d.extend_from_slice(b"SigEd25519 no Ed25519 collisions");
        d.extend_from_slice(&[0, len]);
        d.extend_from_slice(ctx);
    });
    let _clear = Clear;
    Ok(f())
}

fn put(sig: &[u8], out: &mut [u8]) -> Result<usize> {
    out.get_mut(..sig.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(sig);
    Ok(sig.len())
}

impl Prepared {
    /// PureEdDSA with a context (`PSA_ALG_EDDSA_CTX`): Ed25519ctx or Ed448
    /// with `ctx` (0..=255 bytes).
    pub fn eddsa_ctx_sign(&self, ctx: &[u8], msg: &[u8], out: &mut [u8]) -> Result<usize> {
        match &self.key {
            Key::Ed448(Some(sk), _) => {
                let sig = sk.sign_ctx(ctx, msg).map_err(|_| Error::InvalidArgument)?;
                put(&sig.to_bytes(), out)
            }
            Key::Ed25519(Some((_, d)), vk) => {
                // The expanded key (scalar and nonce prefix) wipes itself on drop.
                let esk = ed25519_dalek::hazmat::ExpandedSecretKey::from(d.as_bytes());
                let sig = with_dom2(ctx, || ed25519_dalek::hazmat::raw_sign::<Dom2Sha512>(&esk, msg, vk))?;
                put(&sig.to_bytes(), out)
            }
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
            Key::Ed25519(_, vk) => {
                let b: [u8; 64] = signature.try_into().map_err(|_| Error::InvalidSignature)?;
                let sig = ed25519_dalek::Signature::from_bytes(&b);
                with_dom2(ctx, || ed25519_dalek::hazmat::raw_verify::<Dom2Sha512>(vk, msg, &sig))?
                    .map_err(|_| Error::InvalidSignature)
            }
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

#[cfg(test)]
mod tests {
    use super::super::prepare;
    use crate::types::*;

    use crate::testutil::hex;

    /// RFC 8032 §7.2 (Ed25519ctx): secret key, public key, message, context, signature.
    const RFC8032_ED25519CTX: [[&str; 5]; 4] = [
        [
            "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
            "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
            "f726936d19c800494e3fdaff20b276a8",
            "666f6f",
            "55a4cc2f70a54e04288c5f4cd1e45a7bb520b36292911876cada7323198dd87a8b36950b95130022907a7fb7c4e9b2d5f6cca685a587b4b21f4b888e4e7edb0d",
        ],
        [
            "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
            "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
            "f726936d19c800494e3fdaff20b276a8",
            "626172",
            "fc60d5872fc46b3aa69f8b5b4351d5808f92bcc044606db097abab6dbcb1aee3216c48e8b3b66431b5b186d1d28f8ee15a5ca2df6668346291c2043d4eb3e90d",
        ],
        [
            "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
            "dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292",
            "508e9e6882b979fea900f62adceaca35",
            "666f6f",
            "8b70c1cc8310e1de20ac53ce28ae6e7207f33c3295e03bb5c0732a1d20dc64908922a8b052cf99b7c4fe107a5abb5b2c4085ae75890d02df26269d8945f84b0b",
        ],
        [
            "ab9c2853ce297ddab85c993b3ae14bcad39b2c682beabc27d6d4eb20711d6560",
            "0f1d1274943b91415889152e893d80e93275a1fc0b65fd71b4b0dda10ad7d772",
            "f726936d19c800494e3fdaff20b276a8",
            "666f6f",
            "21655b5f1aa965996b3f97b3c849eafba922a0a62992f73b3d1b73106a84ad85e9b86a7b6005ea868337ff2d20a7f5fbd4cd10b0be49a68da2b2e0dc0ad8960f",
        ],
    ];

    #[test]
    fn rfc8032_ed25519ctx() {
        let pair = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS);
        let public = psa_key_type_ecc_public_key(PSA_ECC_FAMILY_TWISTED_EDWARDS);
        for [sk, pk, msg, ctx, sig] in RFC8032_ED25519CTX {
            let (sk, pk, msg, ctx, sig) = (hex(sk), hex(pk), hex(msg), hex(ctx), hex(sig));
            let k = prepare(pair, 255, &sk).unwrap();
            let mut out = [0u8; 64];
            assert_eq!(k.eddsa_ctx_sign(&ctx, &msg, &mut out), Ok(64));
            assert_eq!(&out[..], &sig[..]);
            let v = prepare(public, 255, &pk).unwrap();
            assert_eq!(v.eddsa_ctx_verify(&ctx, &msg, &sig), Ok(()));
            assert_eq!(k.eddsa_ctx_verify(&ctx, &msg, &sig), Ok(()));
            // Another context, the empty context, plain Ed25519, a flipped bit.
            assert_eq!(v.eddsa_ctx_verify(b"fo", &msg, &sig), Err(Error::InvalidSignature));
            assert_eq!(v.eddsa_ctx_verify(b"", &msg, &sig), Err(Error::InvalidSignature));
            assert!(v.eddsa_verify(&msg, &sig).is_err());
            let mut bad = sig.clone();
            bad[10] ^= 4;
            assert_eq!(v.eddsa_ctx_verify(&ctx, &msg, &bad), Err(Error::InvalidSignature));
            assert_eq!(v.eddsa_ctx_verify(&ctx, &msg, &sig[..63]), Err(Error::InvalidSignature));
        }
    }

    #[test]
    fn ed25519ctx_empty_and_long_contexts() {
        let pair = psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_TWISTED_EDWARDS);
        let sk = hex(RFC8032_ED25519CTX[0][0]);
        let k = prepare(pair, 255, &sk).unwrap();
        let (mut a, mut b) = ([0u8; 64], [0u8; 64]);
        // Empty context: Ed25519ctx, not Ed25519 (dom2 is still there).
        k.eddsa_ctx_sign(b"", b"msg", &mut a).unwrap();
        let mut plain = [0u8; 64];
        k.eddsa_sign(b"msg", &mut plain).unwrap();
        assert_ne!(a, plain);
        assert_eq!(k.eddsa_ctx_verify(b"", b"msg", &a), Ok(()));
        assert!(k.eddsa_verify(b"msg", &a).is_err());
        // 255 bytes is the largest context; 256 is refused.
        let ctx = [0xa5u8; 256];
        k.eddsa_ctx_sign(&ctx[..255], b"msg", &mut b).unwrap();
        assert_eq!(k.eddsa_ctx_verify(&ctx[..255], b"msg", &b), Ok(()));
        assert_eq!(k.eddsa_ctx_sign(&ctx, b"msg", &mut b), Err(Error::InvalidArgument));
        // Deterministic; the thread's prefix is cleared after each call.
        let mut c = [0u8; 64];
        k.eddsa_ctx_sign(b"", b"msg", &mut c).unwrap();
        assert_eq!(a, c);
        super::DOM2.with(|d| assert_eq!(d.borrow().capacity(), 0));
    }
}
