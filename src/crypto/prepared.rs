//! Prepared keys: the parsed or expanded form of a key that the API layer
//! caches in its key slot (one per key, built on first use, wiped with the
//! key), as a typed enum of the forms this driver knows.
//!
//! [`with_prepared`] is the one entry: it runs a closure on the cached form
//! when it is of the kind asked for, builds and caches it when the slot has
//! none yet, and otherwise (a key used with a second MAC algorithm) builds a
//! temporary one.
use crate::sync::InlineOnce;
use crate::types::*;

use super::{aead, ecc, mac, mlkem, pqc_sign, rsa};

/// The prepared form of a key.
///
/// Laid out for one-shot use among many keys: every key holds one inline
/// (`KeyData::cache`), so the forms bigger than the MAC one are boxed, and
/// `repr(C)` keeps the tag, the MAC algorithm and the MAC key's own tag at
/// its start, so an HMAC-SHA-256 call finds the tags and the 64-byte
/// precomputed key in its first 96 bytes (`layout_tests`).
#[repr(C)]
pub enum Prepared {
    /// A symmetric key for ciphers and AEADs (expanded schedules, AWS-LC AEAD key).
    Sym(aead::Prepared),
    /// A MAC key for the MAC algorithm `.0` (with its length left out), e.g.
    /// HMAC's precomputed inner and outer states.
    Mac(psa_algorithm_t, mac::MacKey),
    /// A parsed ECC key (AWS-LC's and RustCrypto's forms); boxed, so that
    /// its 784 bytes do not set the size of every key's prepared form.
    Ecc(Box<ecc::Prepared>),
    /// A parsed RSA key (AWS-LC's and the rsa crate's forms); boxed likewise.
    Rsa(Box<rsa::Prepared>),
    /// An expanded ML-KEM key (decapsulation or encapsulation key).
    MlKem(mlkem::Prepared),
    /// A parsed post-quantum or stateful hash-based signature key (ML-DSA, SLH-DSA, LMS/HSS, XMSS).
    PqcSign(pqc_sign::Prepared),
}

/// Which prepared form a caller needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// [`Prepared::Sym`]
    Sym,
    /// [`Prepared::Mac`] for this MAC algorithm (full length).
    Mac(psa_algorithm_t),
    /// [`Prepared::Ecc`]
    Ecc,
    /// [`Prepared::Rsa`]
    Rsa,
    /// [`Prepared::MlKem`]
    MlKem,
    /// [`Prepared::PqcSign`]
    PqcSign,
}

/// The stored key a prepared form is built from.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    /// The key type.
    pub key_type: psa_key_type_t,
    /// The key size in bits.
    pub bits: usize,
    /// The key material in export format.
    pub material: &'a [u8],
}

impl Prepared {
    /// Builds the form `kind` of key `src`.
    pub fn build(kind: Kind, src: Source<'_>) -> Result<Self> {
        Ok(match kind {
            Kind::Sym => Prepared::Sym(aead::Prepared::new(src.key_type, src.material)?),
            Kind::Mac(base) => Prepared::Mac(base, mac::MacKey::with_type(base, src.key_type, src.material)?),
            Kind::Ecc => Prepared::Ecc(Box::new(ecc::prepare(src.key_type, src.bits, src.material)?)),
            Kind::Rsa => Prepared::Rsa(Box::new(rsa::prepare(src.key_type, src.material)?)),
            Kind::MlKem => Prepared::MlKem(mlkem::prepare(src.key_type, src.bits, src.material)?),
            Kind::PqcSign => Prepared::PqcSign(pqc_sign::prepare(src.key_type, src.bits, src.material)?),
        })
    }

    /// The kind of this form.
    pub fn kind(&self) -> Kind {
        match self {
            Prepared::Sym(_) => Kind::Sym,
            Prepared::Mac(base, _) => Kind::Mac(*base),
            Prepared::Ecc(_) => Kind::Ecc,
            Prepared::Rsa(_) => Kind::Rsa,
            Prepared::MlKem(_) => Kind::MlKem,
            Prepared::PqcSign(_) => Kind::PqcSign,
        }
    }

    /// The symmetric form, if this is one.
    pub fn sym(&self) -> Option<&aead::Prepared> {
        match self {
            Prepared::Sym(p) => Some(p),
            _ => None,
        }
    }

    /// The MAC key, if this is one.
    pub fn mac(&self) -> Option<&mac::MacKey> {
        match self {
            Prepared::Mac(_, k) => Some(k),
            _ => None,
        }
    }

    /// The ECC key, if this is one.
    pub fn ecc(&self) -> Option<&ecc::Prepared> {
        match self {
            Prepared::Ecc(p) => Some(p),
            _ => None,
        }
    }

    /// The ML-KEM key, if this is one.
    pub fn mlkem(&self) -> Option<&mlkem::Prepared> {
        match self {
            Prepared::MlKem(p) => Some(p),
            _ => None,
        }
    }

    /// The post-quantum signature key, if this is one.
    pub fn pqc_sign(&self) -> Option<&pqc_sign::Prepared> {
        match self {
            Prepared::PqcSign(p) => Some(p),
            _ => None,
        }
    }

    /// The RSA key, if this is one.
    pub fn rsa(&self) -> Option<&rsa::Prepared> {
        match self {
            Prepared::Rsa(p) => Some(p),
            _ => None,
        }
    }
}

/// Runs `f` on the prepared form `kind` of the key `src` whose slot cache is
/// `cache`: the cached form if it is of that kind; else, if the cache is
/// empty, a form built now and published in it (the first kind used with a
/// key stays); else — another kind cached, or another thread publishing at
/// this moment — a temporary form, dropped (and wiped) after `f`. `src` is
/// called only when a form is built: a call that finds its form cached never
/// reads the key's material (among many keys, one cache line fewer).
#[inline]
pub fn with_prepared<'s, R>(
    cache: &InlineOnce<Prepared>,
    kind: Kind,
    src: impl FnOnce() -> Source<'s>,
    f: impl FnOnce(&Prepared) -> Result<R>,
) -> Result<R> {
    match cache.get() {
        Some(p) if p.kind() == kind => f(p),
        Some(_) => f(&build_uncached(kind, src())?),
        None => build_into(cache, kind, src(), f),
    }
}

/// The first use of a key: builds its form, publishes it in `cache` and runs
/// `f` on it (out of line, so the hot path keeps a small stack frame).
#[cold]
#[inline(never)]
fn build_into<R>(
    cache: &InlineOnce<Prepared>,
    kind: Kind,
    src: Source<'_>,
    f: impl FnOnce(&Prepared) -> Result<R>,
) -> Result<R> {
    match cache.set(Prepared::build(kind, src)?) {
        Ok(p) => f(p),
        Err(mine) => f(&mine),
    }
}

/// A form that is not cached.
#[cold]
#[inline(never)]
fn build_uncached(kind: Kind, src: Source<'_>) -> Result<Prepared> {
    Prepared::build(kind, src)
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    /// The prepared form stays small (the big forms are boxed), because every
    /// key holds one inline; an HMAC-SHA-256 form has its tags and its
    /// 64-byte precomputed key within its first 96 bytes.
    #[test]
    fn prepared_layout() {
        let p = Prepared::Mac(psa_alg_hmac(PSA_ALG_SHA_256), mac::MacKey::new(psa_alg_hmac(PSA_ALG_SHA_256), b"k").unwrap());
        let base = &p as *const Prepared as usize;
        let Prepared::Mac(a, k) = &p else { unreachable!() };
        let (alg_at, state_at) = (a as *const _ as usize - base, k.state_addr() - base);
        assert!(core::mem::size_of::<Prepared>() <= 160, "size {}", core::mem::size_of::<Prepared>());
        assert!(alg_at < 16 && state_at + 64 <= 96, "alg@{alg_at} state@{state_at}");
    }

    /// Inside a key, the attributes come first and the HMAC-SHA-256 state ends
    /// within 128 bytes of the key's start: a one-shot MAC among many keys
    /// reads two or three adjacent cache lines of its key.
    #[test]
    fn key_layout() {
        let attrs = psa_key_attributes_t { private_type: PSA_KEY_TYPE_HMAC, ..Default::default() };
        let d = crate::keystore::KeyData::new(attrs, crate::keystore::Material::copy_of(&[7u8; 32]));
        let alg = psa_alg_hmac(PSA_ALG_SHA_256);
        let src = Source { key_type: PSA_KEY_TYPE_HMAC, bits: 256, material: &[7u8; 32] };
        let at = with_prepared(&d.cache, Kind::Mac(alg), || src, |p| Ok(p.mac().unwrap().state_addr())).unwrap();
        let base = &d as *const _ as usize;
        assert_eq!(&d.attrs as *const _ as usize, base);
        // The cell's state (read by every use) right after the attributes.
        assert!(&d.cache as *const _ as usize - base <= 32, "cache@{}", &d.cache as *const _ as usize - base);
        assert!(at - base + 64 <= 128, "state@{}", at - base);
        // The published form is the one used next time.
        assert!(d.cache.get().is_some_and(|p| p.kind() == Kind::Mac(alg)));
    }
}
