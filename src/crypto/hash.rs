//! Message digests: one-shot (ring where it has the hash, RustCrypto for the
//! rest) and incremental hashers, with the specification's suspend/resume state
//! for the Merkle–Damgård hashes whose chaining state this driver can reach.
//!
//! Incremental SHA-1 and SHA-2 run on RustCrypto's block functions
//! (`sha1::compress`, `sha2::compress256`, `sha2::compress512`, hardware
//! accelerated where the CPU allows) with our own block buffer and the FIPS 180-4
//! message padding: that is what lets `psa_hash_suspend` export, and
//! `psa_hash_resume` import, the chaining state. ring's `digest::Context` keeps
//! its state private, so it serves the one-shot path only.
use ::digest::generic_array::GenericArray;
use ::digest::{Digest as _, ExtendableOutput, Update, XofReader};
use ring::digest;

use crate::types::*;

/// A digest value: up to 64 bytes.
#[derive(Clone, Copy)]
pub struct Digest {
    buf: [u8; 64],
    len: usize,
}

impl Digest {
    fn from_ring(d: digest::Digest) -> Self {
        Self::from_slice(d.as_ref())
    }

    fn from_slice(s: &[u8]) -> Self {
        let mut buf = [0u8; 64];
        buf[..s.len()].copy_from_slice(s);
        Digest { buf, len: s.len() }
    }

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

/// The ring algorithm for a PSA hash algorithm ring implements.
pub(crate) fn ring_alg(alg: psa_algorithm_t) -> Option<&'static digest::Algorithm> {
    match alg {
        PSA_ALG_SHA_1 => Some(&digest::SHA1_FOR_LEGACY_USE_ONLY),
        PSA_ALG_SHA_256 => Some(&digest::SHA256),
        PSA_ALG_SHA_384 => Some(&digest::SHA384),
        PSA_ALG_SHA_512 => Some(&digest::SHA512),
        PSA_ALG_SHA_512_256 => Some(&digest::SHA512_256),
        _ => None,
    }
}

/// Whether this driver implements the hash `alg`.
pub fn supported(alg: psa_algorithm_t) -> bool {
    matches!(
        alg,
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
            | PSA_ALG_SHAKE256_512
    )
}

fn rc<D: ::digest::Digest>(input: &[u8]) -> Digest {
    Digest::from_slice(&D::digest(input))
}

/// Hashes `input` with `alg`; `NotSupported` for hashes this driver lacks.
pub fn compute(alg: psa_algorithm_t, input: &[u8]) -> Result<Digest> {
    if let Some(a) = ring_alg(alg) {
        return Ok(Digest::from_ring(digest::digest(a, input)));
    }
    Ok(match alg {
        PSA_ALG_MD5 => rc::<md5::Md5>(input),
        PSA_ALG_RIPEMD160 => rc::<ripemd::Ripemd160>(input),
        PSA_ALG_SHA_224 => rc::<sha2::Sha224>(input),
        PSA_ALG_SHA_512_224 => rc::<sha2::Sha512_224>(input),
        PSA_ALG_SHA3_224 => rc::<sha3::Sha3_224>(input),
        PSA_ALG_SHA3_256 => rc::<sha3::Sha3_256>(input),
        PSA_ALG_SHA3_384 => rc::<sha3::Sha3_384>(input),
        PSA_ALG_SHA3_512 => rc::<sha3::Sha3_512>(input),
        PSA_ALG_SHAKE256_512 => {
            let mut h = sha3::Shake256::default();
            Update::update(&mut h, input);
            shake_out(h)
        }
        _ => return Err(Error::NotSupported),
    })
}

fn shake_out(h: sha3::Shake256) -> Digest {
    let mut buf = [0u8; 64];
    h.finalize_xof().read(&mut buf);
    Digest { buf, len: 64 }
}

/// SHA-256 of `input` (used by the key file format).
pub fn sha256(input: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    out.copy_from_slice(digest::digest(&digest::SHA256, input).as_ref());
    out
}

// ---------------------------------------------------------------------------
// Merkle–Damgård engine over the block functions (SHA-1 and SHA-2).

/// FIPS 180-4 initial hash values.
const IV_SHA1: [u32; 5] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
const IV_SHA224: [u32; 8] = [
    0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
];
const IV_SHA256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
const IV_SHA384: [u64; 8] = [
    0xcbbb9d5dc1059ed8,
    0x629a292a367cd507,
    0x9159015a3070dd17,
    0x152fecd8f70e5939,
    0x67332667ffc00b31,
    0x8eb44a8768581511,
    0xdb0c2e0d64f98fa7,
    0x47b5481dbefa4fa4,
];
const IV_SHA512: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];
const IV_SHA512_224: [u64; 8] = [
    0x8c3d37c819544da2,
    0x73e1996689dcd4d6,
    0x1dfab7ae32ff9c82,
    0x679dd514582f9fcf,
    0x0f6d2b697bd44da8,
    0x77e36f7304c48942,
    0x3f9d85a86a1d36c8,
    0x1112e6ad91d692a1,
];
const IV_SHA512_256: [u64; 8] = [
    0x22312194fc2bf72c,
    0x9f555fa3c84c64c2,
    0x2393b86b6f53b151,
    0x963877195940eabd,
    0x96283ee2a88effe3,
    0xbe5e1e2553863992,
    0x2b0199fc2c85b8aa,
    0x0eb72ddc81c52ca2,
];

#[derive(Clone)]
enum Chain {
    Sha1([u32; 5]),
    Sha256([u32; 8]),
    Sha512([u64; 8]),
}

impl Chain {
    fn block_len(&self) -> usize {
        match self {
            Chain::Sha512(_) => 128,
            _ => 64,
        }
    }

    fn compress(&mut self, blocks: &[u8]) {
        debug_assert_eq!(blocks.len() % self.block_len(), 0);
        match self {
            Chain::Sha1(s) => {
                let b: Vec<_> = blocks.chunks_exact(64).map(|c| *GenericArray::from_slice(c)).collect();
                sha1::compress(s, &b);
            }
            Chain::Sha256(s) => {
                for c in blocks.chunks_exact(64) {
                    sha2::compress256(s, core::slice::from_ref(GenericArray::from_slice(c)));
                }
            }
            Chain::Sha512(s) => {
                for c in blocks.chunks_exact(128) {
                    sha2::compress512(s, core::slice::from_ref(GenericArray::from_slice(c)));
                }
            }
        }
    }

    /// The chaining state, big-endian words.
    fn bytes(&self, out: &mut [u8]) -> usize {
        match self {
            Chain::Sha1(s) => be32(s, out),
            Chain::Sha256(s) => be32(s, out),
            Chain::Sha512(s) => {
                for (w, o) in s.iter().zip(out.chunks_exact_mut(8)) {
                    o.copy_from_slice(&w.to_be_bytes());
                }
                s.len() * 8
            }
        }
    }

    fn set_bytes(&mut self, b: &[u8]) {
        match self {
            Chain::Sha1(s) => s
                .iter_mut()
                .zip(b.chunks_exact(4))
                .for_each(|(w, c)| *w = u32::from_be_bytes(c.try_into().unwrap())),
            Chain::Sha256(s) => s
                .iter_mut()
                .zip(b.chunks_exact(4))
                .for_each(|(w, c)| *w = u32::from_be_bytes(c.try_into().unwrap())),
            Chain::Sha512(s) => s
                .iter_mut()
                .zip(b.chunks_exact(8))
                .for_each(|(w, c)| *w = u64::from_be_bytes(c.try_into().unwrap())),
        }
    }
}

fn be32(s: &[u32], out: &mut [u8]) -> usize {
    for (w, o) in s.iter().zip(out.chunks_exact_mut(4)) {
        o.copy_from_slice(&w.to_be_bytes());
    }
    s.len() * 4
}

/// A SHA-1/SHA-2 computation in progress: chaining state, partial block, length.
#[derive(Clone)]
pub struct Md {
    alg: psa_algorithm_t,
    chain: Chain,
    buf: [u8; 128],
    buffered: usize,
    /// Total input bytes so far.
    total: u128,
}

impl Md {
    fn new(alg: psa_algorithm_t) -> Option<Self> {
        let chain = match alg {
            PSA_ALG_SHA_1 => Chain::Sha1(IV_SHA1),
            PSA_ALG_SHA_224 => Chain::Sha256(IV_SHA224),
            PSA_ALG_SHA_256 => Chain::Sha256(IV_SHA256),
            PSA_ALG_SHA_384 => Chain::Sha512(IV_SHA384),
            PSA_ALG_SHA_512 => Chain::Sha512(IV_SHA512),
            PSA_ALG_SHA_512_224 => Chain::Sha512(IV_SHA512_224),
            PSA_ALG_SHA_512_256 => Chain::Sha512(IV_SHA512_256),
            _ => return None,
        };
        Some(Md {
            alg,
            chain,
            buf: [0; 128],
            buffered: 0,
            total: 0,
        })
    }

    /// Largest total input, in bytes, whose bit length fits the length field.
    fn max_total(&self) -> u128 {
        match self.chain {
            Chain::Sha512(_) => (1u128 << 125) - 1,
            _ => (1u128 << 61) - 1,
        }
    }

    fn update(&mut self, input: &[u8]) -> Result<()> {
        let total = self
            .total
            .checked_add(input.len() as u128)
            .filter(|&t| t <= self.max_total());
        self.total = total.ok_or(Error::InvalidArgument)?;
        self.absorb(input);
        Ok(())
    }

    /// Buffers and compresses `input` (no length accounting).
    fn absorb(&mut self, mut input: &[u8]) {
        let bl = self.chain.block_len();
        if self.buffered > 0 {
            let n = (bl - self.buffered).min(input.len());
            self.buf[self.buffered..self.buffered + n].copy_from_slice(&input[..n]);
            self.buffered += n;
            input = &input[n..];
            if self.buffered < bl {
                return;
            }
            let block = self.buf;
            self.chain.compress(&block[..bl]);
            self.buffered = 0;
        }
        let full = input.len() / bl * bl;
        if full > 0 {
            self.chain.compress(&input[..full]);
        }
        let rest = &input[full..];
        self.buf[..rest.len()].copy_from_slice(rest);
        self.buffered = rest.len();
    }

    fn finish(mut self) -> Digest {
        let bl = self.chain.block_len();
        let len_field = if bl == 128 { 16 } else { 8 };
        let bits = self.total.wrapping_mul(8);
        let mut pad = [0u8; 256];
        pad[0] = 0x80;
        let used = self.buffered + 1;
        let zeros = (bl - (used + len_field) % bl) % bl;
        let n = 1 + zeros + len_field;
        pad[n - len_field..n].copy_from_slice(&bits.to_be_bytes()[16 - len_field..]);
        self.absorb(&pad[..n]);
        debug_assert_eq!(self.buffered, 0);
        let mut out = [0u8; 64];
        self.chain.bytes(&mut out);
        Digest {
            buf: out,
            len: psa_hash_length(self.alg),
        }
    }

    fn suspend(&self, out: &mut [u8]) -> Result<usize> {
        let ilen = psa_hash_suspend_input_length_field_length(self.alg);
        let slen = psa_hash_suspend_hash_state_field_length(self.alg);
        let n = PSA_HASH_SUSPEND_ALGORITHM_FIELD_LENGTH + ilen + slen + self.buffered;
        let out = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
        out[..4].copy_from_slice(&self.alg.to_be_bytes());
        out[4..4 + ilen].copy_from_slice(&self.total.to_be_bytes()[16 - ilen..]);
        let mut st = [0u8; 64];
        let sl = self.chain.bytes(&mut st);
        debug_assert_eq!(sl, slen);
        out[4 + ilen..4 + ilen + slen].copy_from_slice(&st[..slen]);
        out[4 + ilen + slen..].copy_from_slice(&self.buf[..self.buffered]);
        Ok(n)
    }

    fn resume(alg: psa_algorithm_t, rest: &[u8]) -> Result<Self> {
        let mut md = Md::new(alg).ok_or(Error::NotSupported)?;
        let ilen = psa_hash_suspend_input_length_field_length(alg);
        let slen = psa_hash_suspend_hash_state_field_length(alg);
        if rest.len() < ilen + slen {
            return Err(Error::InvalidArgument);
        }
        let mut t = [0u8; 16];
        t[16 - ilen..].copy_from_slice(&rest[..ilen]);
        let total = u128::from_be_bytes(t);
        if total > md.max_total() {
            return Err(Error::InvalidArgument);
        }
        let bl = md.chain.block_len();
        let unprocessed = &rest[ilen + slen..];
        if unprocessed.len() != (total % bl as u128) as usize {
            return Err(Error::InvalidArgument);
        }
        md.chain.set_bytes(&rest[ilen..ilen + slen]);
        md.buf[..unprocessed.len()].copy_from_slice(unprocessed);
        md.buffered = unprocessed.len();
        md.total = total;
        Ok(md)
    }
}

// ---------------------------------------------------------------------------
// Incremental hashers.

#[derive(Clone)]
enum Inner {
    Md(Md),
    Md5(md5::Md5),
    Ripemd160(ripemd::Ripemd160),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Shake256(sha3::Shake256),
}

/// A hash computation in progress (`psa_hash_operation_t`'s state).
#[derive(Clone)]
pub struct Hasher {
    alg: psa_algorithm_t,
    inner: Inner,
    /// MD5/RIPEMD-160 input length, for the input-length limit.
    total: u64,
}

impl Hasher {
    /// Starts hashing with `alg`; `NotSupported` for hashes this driver lacks.
    pub fn new(alg: psa_algorithm_t) -> Result<Self> {
        let inner = match alg {
            PSA_ALG_MD5 => Inner::Md5(Default::default()),
            PSA_ALG_RIPEMD160 => Inner::Ripemd160(Default::default()),
            PSA_ALG_SHA3_224 => Inner::Sha3_224(Default::default()),
            PSA_ALG_SHA3_256 => Inner::Sha3_256(Default::default()),
            PSA_ALG_SHA3_384 => Inner::Sha3_384(Default::default()),
            PSA_ALG_SHA3_512 => Inner::Sha3_512(Default::default()),
            PSA_ALG_SHAKE256_512 => Inner::Shake256(Default::default()),
            _ => Inner::Md(Md::new(alg).ok_or(Error::NotSupported)?),
        };
        Ok(Hasher { alg, inner, total: 0 })
    }

    /// The hash algorithm.
    pub fn alg(&self) -> psa_algorithm_t {
        self.alg
    }

    /// Absorbs `input`; `InvalidArgument` when the total input exceeds what the
    /// algorithm's length encoding allows.
    pub fn update(&mut self, input: &[u8]) -> Result<()> {
        if matches!(self.inner, Inner::Md5(_) | Inner::Ripemd160(_)) {
            self.total = self
                .total
                .checked_add(input.len() as u64)
                .filter(|&t| t < 1 << 61)
                .ok_or(Error::InvalidArgument)?;
        }
        match &mut self.inner {
            Inner::Md(m) => return m.update(input),
            Inner::Md5(h) => Update::update(h, input),
            Inner::Ripemd160(h) => Update::update(h, input),
            Inner::Sha3_224(h) => Update::update(h, input),
            Inner::Sha3_256(h) => Update::update(h, input),
            Inner::Sha3_384(h) => Update::update(h, input),
            Inner::Sha3_512(h) => Update::update(h, input),
            Inner::Shake256(h) => Update::update(h, input),
        }
        Ok(())
    }

    /// The digest of everything absorbed.
    pub fn finish(self) -> Digest {
        match self.inner {
            Inner::Md(m) => m.finish(),
            Inner::Md5(h) => Digest::from_slice(&h.finalize()),
            Inner::Ripemd160(h) => Digest::from_slice(&h.finalize()),
            Inner::Sha3_224(h) => Digest::from_slice(&h.finalize()),
            Inner::Sha3_256(h) => Digest::from_slice(&h.finalize()),
            Inner::Sha3_384(h) => Digest::from_slice(&h.finalize()),
            Inner::Sha3_512(h) => Digest::from_slice(&h.finalize()),
            Inner::Shake256(h) => shake_out(h),
        }
    }

    /// Writes the specification's hash suspend state into `out`; returns its
    /// length. `NotSupported` for hashes without a suspend format here (SHA-3,
    /// SHAKE, and MD5/RIPEMD-160 whose RustCrypto chaining state is private).
    pub fn suspend(&self, out: &mut [u8]) -> Result<usize> {
        match &self.inner {
            Inner::Md(m) => m.suspend(out),
            _ => Err(Error::NotSupported),
        }
    }

    /// Rebuilds a computation from a hash suspend state.
    pub fn resume(state: &[u8]) -> Result<Self> {
        let (a, rest) = state.split_first_chunk::<4>().ok_or(Error::InvalidArgument)?;
        let alg = u32::from_be_bytes(*a) as psa_algorithm_t;
        if !psa_alg_is_hash(alg) || alg == PSA_ALG_ANY_HASH {
            return Err(Error::InvalidArgument);
        }
        if psa_hash_suspend_output_size(alg) == 0 {
            // SHA-3, SHAKE, SM3: no suspend format is defined.
            return Err(if psa_hash_length(alg) == 0 {
                Error::InvalidArgument
            } else {
                Error::NotSupported
            });
        }
        Ok(Hasher {
            alg,
            inner: Inner::Md(Md::resume(alg, rest)?),
            total: 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) const ALL: [psa_algorithm_t; 14] = [
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
        PSA_ALG_SHAKE256_512,
    ];

    fn msg(n: usize) -> Vec<u8> {
        (0..n).map(|i| (i * 7 + 3) as u8).collect()
    }

    #[test]
    fn sha256_abc() {
        let d = compute(PSA_ALG_SHA_256, b"abc").unwrap();
        assert_eq!(d.as_ref()[..8], [0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea]);
        assert_eq!(d.as_ref(), sha256(b"abc"));
    }

    #[test]
    fn lengths_match_the_spec() {
        for alg in ALL {
            assert!(supported(alg));
            assert_eq!(
                compute(alg, b"abc").unwrap().as_ref().len(),
                psa_hash_length(alg),
                "{alg:#x}"
            );
        }
    }

    /// The incremental engine equals the one-shot path (ring or RustCrypto) for
    /// every length around the block and padding boundaries, in random chunks.
    #[test]
    fn incremental_equals_one_shot() {
        let mut seed = 0x1234_5678u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for alg in ALL {
            for n in (0..300).chain([1000, 4097]) {
                let m = msg(n);
                let mut h = Hasher::new(alg).unwrap();
                let mut rest = &m[..];
                while !rest.is_empty() {
                    let k = (rnd() as usize % 150).min(rest.len());
                    h.update(&rest[..k]).unwrap();
                    rest = &rest[k..];
                }
                assert_eq!(
                    h.finish().as_ref(),
                    compute(alg, &m).unwrap().as_ref(),
                    "{alg:#x} len {n}"
                );
            }
        }
    }

    /// Suspend at every split point of a message, resume, finish = one-shot.
    #[test]
    fn suspend_resume_every_split() {
        for alg in ALL {
            let m = msg(300);
            let want = compute(alg, &m).unwrap();
            for split in 0..=m.len() {
                let mut h = Hasher::new(alg).unwrap();
                h.update(&m[..split]).unwrap();
                let mut st = [0u8; PSA_HASH_SUSPEND_OUTPUT_MAX_SIZE];
                match h.suspend(&mut st) {
                    Ok(n) => {
                        assert!(n <= psa_hash_suspend_output_size(alg));
                        assert_eq!(st[..4], alg.to_be_bytes());
                        if n > 4 {
                            assert_eq!(h.suspend(&mut st[..n - 1]).err(), Some(Error::BufferTooSmall));
                        }
                        let mut r = Hasher::resume(&st[..n]).unwrap();
                        r.update(&m[split..]).unwrap();
                        assert_eq!(r.finish().as_ref(), want.as_ref(), "{alg:#x} split {split}");
                        // A truncated or extended state is invalid.
                        assert_eq!(Hasher::resume(&st[..n - 1]).err(), Some(Error::InvalidArgument));
                    }
                    Err(e) => {
                        assert_eq!(e, Error::NotSupported);
                        assert!(matches!(
                            alg,
                            PSA_ALG_MD5
                                | PSA_ALG_RIPEMD160
                                | PSA_ALG_SHA3_224
                                | PSA_ALG_SHA3_256
                                | PSA_ALG_SHA3_384
                                | PSA_ALG_SHA3_512
                                | PSA_ALG_SHAKE256_512
                        ));
                        break;
                    }
                }
            }
        }
    }

    /// The suspend state of SHA-256 after 64 + 3 bytes, field by field.
    #[test]
    fn suspend_format_fields() {
        let m = msg(67);
        let mut h = Hasher::new(PSA_ALG_SHA_256).unwrap();
        h.update(&m).unwrap();
        let mut st = [0u8; 256];
        let n = h.suspend(&mut st).unwrap();
        assert_eq!(n, 4 + 8 + 32 + 3);
        assert_eq!(st[..4], [0x02, 0x00, 0x00, 0x09]);
        assert_eq!(st[4..12], 67u64.to_be_bytes());
        assert_eq!(st[44..47], m[64..67]);
        assert_eq!(Hasher::resume(&[0x02, 0, 0, 0x10]).err(), Some(Error::NotSupported));
        assert_eq!(Hasher::resume(&[0x02, 0, 0]).err(), Some(Error::InvalidArgument));
        assert_eq!(
            Hasher::resume(&[0x03, 0xc0, 0x02, 0x00]).err(),
            Some(Error::InvalidArgument)
        );
    }

    #[test]
    fn clone_is_independent() {
        for alg in ALL {
            let mut a = Hasher::new(alg).unwrap();
            a.update(b"hello ").unwrap();
            let mut b = a.clone();
            a.update(b"world").unwrap();
            b.update(b"there").unwrap();
            assert_eq!(a.finish().as_ref(), compute(alg, b"hello world").unwrap().as_ref());
            assert_eq!(b.finish().as_ref(), compute(alg, b"hello there").unwrap().as_ref());
        }
    }
}
