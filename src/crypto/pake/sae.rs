//! WPA3-SAE (IEEE 802.11-2020 §12.4, the PSA Crypto API 1.4 "WPA3-SAE"
//! algorithms) over the elliptic-curve groups 19, 20 and 21 (P-256, P-384,
//! P-521), with the password element from a hash-to-element password token.
//!
//! * [`derive_pt`]: the password token PT of §12.4.4.2.3 (HKDF over the
//!   SSID, password and identifier, two simplified-SWU maps, their sum),
//!   which `PSA_ALG_WPA3_SAE_H2E` produces as a key.
//! * [`Sae`]: one side of the exchange — the password element
//!   PWE = val·PT (§12.4.5.2), the commit (§12.4.5.3), the peer commit's
//!   checks and the shared secret k (§12.4.5.4), KCK / PMK / PMKID, and
//!   the confirm (§12.4.5.5), verified in constant time.
//!
//! The group arithmetic is that of the RustCrypto `p256` / `p384` / `p521`
//! crates (the SWU map is their `hash2curve` support, which is the map of
//! RFC 9380 §6.6.2 with the same Z and the same sign rule as 802.11); the
//! reductions of byte strings modulo p and r are `crypto-bigint`'s. Every
//! secret (PT, PWE, rand, k, KCK, PMK) is held in a wiping buffer.
use crypto_bigint::{NonZero, U1024};
use elliptic_curve::array::Array;
use elliptic_curve::ff::{Field, PrimeField};
use elliptic_curve::group::Group as _;
use elliptic_curve::ops::Reduce;
use elliptic_curve::point::AffineCoordinates;
use subtle::ConstantTimeEq;
use zeroize::{Zeroize, Zeroizing};

use crate::crypto::kdf::{hmac_key, Stream};
use crate::crypto::random;
use crate::types::*;

pub use super::sae_ffc::Modp;

/// A secret byte string that is wiped when dropped (the one of `crypto::modp`).
pub use crate::crypto::modp::Bytes;

/// The elliptic-curve groups of WPA3-SAE this module implements.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Curve {
    /// Group 19: NIST P-256.
    P256,
    /// Group 20: NIST P-384.
    P384,
    /// Group 21: NIST P-521.
    P521,
}

/// Runs `$body` once per curve crate: inside it, `$m` names the crate
/// (`p256`, `p384`, `p521`) and `$c` its curve type.
macro_rules! on_curve {
    ($curve:expr, $m:ident, $c:ident => $body:block) => {
        match $curve {
            Curve::P256 => {
                use p256 as $m;
                #[allow(dead_code)]
                type $c = p256::NistP256;
                $body
            }
            Curve::P384 => {
                use p384 as $m;
                #[allow(dead_code)]
                type $c = p384::NistP384;
                $body
            }
            Curve::P521 => {
                use p521 as $m;
                #[allow(dead_code)]
                type $c = p521::NistP521;
                $body
            }
        }
    };
}

impl Curve {
    /// The curve of a `PSA_ECC_FAMILY_SECP_R1` key or primitive of `bits`.
    pub fn secp_r1(bits: usize) -> Option<Curve> {
        match bits {
            256 => Some(Curve::P256),
            384 => Some(Curve::P384),
            521 => Some(Curve::P521),
            _ => None,
        }
    }

    /// The bit size of p.
    pub fn bits(self) -> usize {
        match self {
            Curve::P256 => 256,
            Curve::P384 => 384,
            Curve::P521 => 521,
        }
    }

    /// The length in bytes of p and of r (equal on these curves): the
    /// length of a scalar and of each coordinate of an element.
    pub fn len(self) -> usize {
        self.bits().div_ceil(8)
    }

    /// The hash of hash-to-element and of the group-dependent-hash variant
    /// (IEEE 802.11 Table 12-1): SHA-256, SHA-384, SHA-512.
    pub fn hash(self) -> psa_algorithm_t {
        match self {
            Curve::P256 => PSA_ALG_SHA_256,
            Curve::P384 => PSA_ALG_SHA_384,
            Curve::P521 => PSA_ALG_SHA_512,
        }
    }

    /// The field prime p, big-endian, `len()` bytes (the looping method's
    /// KDF context).
    pub(crate) fn prime_bytes(self) -> Vec<u8> {
        self.prime()
    }

    /// The field prime p, big-endian, `len()` bytes.
    fn prime(self) -> Vec<u8> {
        unhex(match self {
            Curve::P256 => "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff",
            Curve::P384 => concat!(
                "ffffffffffffffffffffffffffffffffffffffffffffffff",
                "fffffffffffffffeffffffff0000000000000000ffffffff"
            ),
            Curve::P521 => concat!(
                "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
            ),
        })
    }

    /// The group order r, big-endian, `len()` bytes.
    fn order(self) -> Vec<u8> {
        unhex(match self {
            Curve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            Curve::P384 => concat!(
                "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf",
                "581a0db248b0a77aecec196accc52973"
            ),
            Curve::P521 => concat!(
                "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
                "fffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
            ),
        })
    }
}

/// Decodes a hex constant (the curve parameters above).
fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex constant")).collect()
}

/// A big-endian string of at most 128 bytes as a 1024-bit integer.
fn wide(bytes: &[u8]) -> Zeroizing<U1024> {
    let mut buf = Zeroizing::new([0u8; 128]);
    buf[128 - bytes.len()..].copy_from_slice(bytes);
    Zeroizing::new(U1024::from_be_slice(&buf[..]))
}

/// `value mod modulus` as a big-endian string of `len` bytes (constant time
/// in `value` for a given length: `crypto-bigint`'s `rem`).
fn reduce(value: &[u8], modulus: &U1024, len: usize) -> Bytes {
    let m = NonZero::new(*modulus).expect("non-zero modulus");
    let r = Zeroizing::new(wide(value).rem(&m));
    let enc = r.to_be_bytes();
    let out = Zeroizing::new(enc.as_ref()[128 - len..].to_vec());
    let mut enc = enc;
    enc.zeroize();
    out
}

/// `len + ceil(len / 2)`: the length of each HKDF output of hash-to-element.
fn pwd_value_len(curve: Curve) -> usize {
    curve.len() + curve.len().div_ceil(2)
}

/// The password token PT of IEEE 802.11-2020 §12.4.4.2.3 for `curve`, as
/// `x || y` (the key format of `PSA_KEY_TYPE_WPA3_SAE_ECC`):
/// pwd-seed = HKDF-Extract(ssid, password || identifier), u1 and u2 from
/// HKDF-Expand(pwd-seed, "SAE Hash to Element u1 P1" / "… u2 P2") modulo
/// p, PT = SSWU(u1) + SSWU(u2). The hash is the curve's (`Curve::hash`).
pub fn derive_pt(curve: Curve, ssid: &[u8], password: &[u8], identifier: &[u8]) -> Result<Bytes> {
    let hash = curve.hash();
    let mut ikm = Zeroizing::new(Vec::with_capacity(password.len() + identifier.len()));
    ikm.extend_from_slice(password);
    ikm.extend_from_slice(identifier);
    let seed = Stream::hkdf_extract_prk(hash, ssid, &ikm)?;
    let p = wide(&curve.prime());
    let mut us = Vec::with_capacity(2);
    for label in [&b"SAE Hash to Element u1 P1"[..], &b"SAE Hash to Element u2 P2"[..]] {
        let okm = Stream::hkdf_expand(hash, &seed, label)?.take(pwd_value_len(curve))?;
        us.push(reduce(&okm, &p, curve.len()));
    }
    on_curve!(curve, m, C => {
        use m::hash2curve::MapToCurve;
        let map = |u: &[u8]| {
            let mut wide = Array::<u8, <C as MapToCurve>::Length>::default();
            let l = wide.len();
            wide[l - u.len()..].copy_from_slice(u);
            let fe = <<C as MapToCurve>::FieldElement as Reduce<_>>::reduce(&wide);
            wide.as_mut_slice().zeroize();
            <C as MapToCurve>::map_to_curve(fe)
        };
        let (p1, p2) = (Zeroizing::new(map(&us[0])), Zeroizing::new(map(&us[1])));
        let pt: Zeroizing<m::ProjectivePoint> = Zeroizing::new(*p1 + *p2);
        encode::<m::AffinePoint>(curve, bool::from(pt.is_identity()), &*Zeroizing::new(pt.to_affine()))
    })
}

/// `x || y` of an affine point; `InvalidArgument` for the identity.
fn encode<A: AffineCoordinates>(curve: Curve, identity: bool, a: &A) -> Result<Bytes>
where
    A::FieldRepr: AsRef<[u8]>,
{
    if identity {
        return Err(Error::InvalidArgument);
    }
    let mut out = Zeroizing::new(Vec::with_capacity(2 * curve.len()));
    out.extend_from_slice(a.x().as_ref());
    out.extend_from_slice(a.y().as_ref());
    Ok(out)
}

/// Checks `x || y` is an element of the group (coordinates below p, on the
/// curve; the identity has no such encoding): the import rule of a
/// password token and the rule for a peer's COMMIT-ELEMENT.
pub fn check_element(curve: Curve, data: &[u8]) -> Result<()> {
    let n = curve.len();
    if data.len() != 2 * n {
        return Err(Error::InvalidArgument);
    }
    on_curve!(curve, m, C => {
        let (x, y) = (m::FieldBytes::try_from(&data[..n]), m::FieldBytes::try_from(&data[n..]));
        let (x, y) = (x.map_err(|_| Error::InvalidArgument)?, y.map_err(|_| Error::InvalidArgument)?);
        let a = Option::<m::AffinePoint>::from(m::AffinePoint::from_coordinates(&x, &y));
        a.map(|_| ()).ok_or(Error::InvalidArgument)
    })
}

/// A random scalar in [2, r) (rejection sampling over `len()` random bytes,
/// the top bits of P-521's first byte cleared).
fn random_scalar(curve: Curve) -> Result<Bytes> {
    let n = curve.len();
    for _ in 0..64 {
        let mut b = Zeroizing::new(vec![0u8; n]);
        random::fill(&mut b)?;
        if curve == Curve::P521 {
            b[0] &= 0x01;
        }
        if ecc_scalar_ok(curve, &b) {
            return Ok(b);
        }
    }
    Err(Error::InsufficientEntropy)
}

/// Whether `s` (exactly `len()` bytes) is a scalar in (1, r).
fn ecc_scalar_ok(curve: Curve, s: &[u8]) -> bool {
    if s.len() != curve.len() {
        return false;
    }
    on_curve!(curve, m, C => {
        let s = Option::<m::Scalar>::from(m::Scalar::from_repr(m::FieldBytes::try_from(s).expect("length")));
        s.is_some_and(|s| !bool::from(s.is_zero()) && s != m::Scalar::ONE)
    })
}

/// The group of a WPA3-SAE exchange: an elliptic curve (groups 19-21) or a
/// MODP group (15-18). Scalars and elements are byte strings in the
/// 802.11 encodings: a scalar is `len(r)` bytes; an element is `x || y`
/// on a curve, `len(p)` bytes in a MODP group.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Group {
    /// An elliptic-curve group.
    Ecc(Curve),
    /// A finite-field group.
    Ffc(Modp),
}

impl From<Curve> for Group {
    fn from(c: Curve) -> Group {
        Group::Ecc(c)
    }
}

impl From<Modp> for Group {
    fn from(g: Modp) -> Group {
        Group::Ffc(g)
    }
}

impl Group {
    /// The length of a scalar in bytes.
    pub fn scalar_len(self) -> usize {
        match self {
            Group::Ecc(c) => c.len(),
            Group::Ffc(g) => g.len(),
        }
    }

    /// The length of an element in bytes.
    pub fn element_len(self) -> usize {
        match self {
            Group::Ecc(c) => 2 * c.len(),
            Group::Ffc(g) => g.len(),
        }
    }

    /// The group's hash (IEEE 802.11 Table 12-1).
    pub fn hash(self) -> psa_algorithm_t {
        match self {
            Group::Ecc(c) => c.hash(),
            Group::Ffc(g) => g.hash(),
        }
    }

    /// The password token of hash-to-element (§12.4.4.2.3 / §12.4.4.3.3).
    pub fn derive_pt(self, ssid: &[u8], password: &[u8], identifier: &[u8]) -> Result<Bytes> {
        match self {
            Group::Ecc(c) => derive_pt(c, ssid, password, identifier),
            Group::Ffc(g) => g.derive_pt(ssid, password, identifier),
        }
    }

    /// Checks an element (a password token, a peer's COMMIT-ELEMENT).
    pub fn check_element(self, e: &[u8]) -> Result<()> {
        match self {
            Group::Ecc(c) => check_element(c, e),
            Group::Ffc(g) => g.check_element(e),
        }
    }

    fn scalar_ok(self, s: &[u8]) -> bool {
        match self {
            Group::Ecc(c) => ecc_scalar_ok(c, s),
            Group::Ffc(g) => g.scalar_ok(s),
        }
    }

    fn random_scalar(self) -> Result<Bytes> {
        match self {
            Group::Ecc(c) => random_scalar(c),
            Group::Ffc(g) => g.random_scalar(),
        }
    }

    /// `(a + b) mod r`.
    fn scalar_add(self, a: &[u8], b: &[u8]) -> Result<Vec<u8>> {
        match self {
            Group::Ecc(c) => on_curve!(c, m, C => {
                let sum = scalar::<m::Scalar, m::FieldBytes>(a)? + scalar::<m::Scalar, m::FieldBytes>(b)?;
                Ok(sum.to_repr().to_vec())
            }),
            Group::Ffc(g) => Ok(g.scalar_add(a, b)),
        }
    }

    /// PWE = val·PT (§12.4.5.2, see [`Sae::new`]).
    fn pwe_from_pt(self, pt: &[u8], own_mac: &[u8], peer_mac: &[u8]) -> Result<Bytes> {
        let curve = match self {
            Group::Ffc(g) => return g.pwe_from_pt(pt, own_mac, peer_mac),
            Group::Ecc(c) => c,
        };
        check_element(curve, pt)?;
        let hash = curve.hash();
        let (hi, lo) = if own_mac >= peer_mac { (own_mac, peer_mac) } else { (peer_mac, own_mac) };
        let zeros = vec![0u8; psa_hash_length(hash)];
        let h = hmac_key(hash, &zeros)?.mac(&[hi, lo]);
        let mut r_minus_1 = Zeroizing::new(*wide(&curve.order()));
        *r_minus_1 = r_minus_1.wrapping_sub(&U1024::ONE);
        let v = reduce(&h, &r_minus_1, curve.len());
        let val = Zeroizing::new(reduce_add_one(&v, curve.len()));
        on_curve!(curve, m, C => {
            let s = Zeroizing::new(scalar::<m::Scalar, m::FieldBytes>(&val)?);
            let p = Zeroizing::new(point::<m::AffinePoint, m::FieldBytes>(curve, pt)?);
            let e = Zeroizing::new(m::ProjectivePoint::from(*p) * *s);
            encode::<m::AffinePoint>(curve, bool::from(e.is_identity()), &*Zeroizing::new(e.to_affine()))
        })
    }

    /// COMMIT-ELEMENT = inverse(mask·PWE).
    fn commit_element(self, pwe: &[u8], mask: &[u8]) -> Result<Vec<u8>> {
        match self {
            Group::Ecc(curve) => on_curve!(curve, m, C => {
                let k = Zeroizing::new(scalar::<m::Scalar, m::FieldBytes>(mask)?);
                let p = Zeroizing::new(point::<m::AffinePoint, m::FieldBytes>(curve, pwe)?);
                let e = -(m::ProjectivePoint::from(*p) * *k);
                Ok(encode::<m::AffinePoint>(curve, bool::from(e.is_identity()), &e.to_affine())?.to_vec())
            }),
            Group::Ffc(g) => Ok(g.commit_element(pwe, mask)),
        }
    }

    /// k = F(rand·(peer-scalar·PWE + PEER-ELEMENT)); `InvalidArgument` for
    /// the identity.
    fn shared_k(self, pwe: &[u8], ps: &[u8], pe: &[u8], rand: &[u8]) -> Result<Bytes> {
        let curve = match self {
            Group::Ffc(g) => return g.shared_k(pwe, ps, pe, rand),
            Group::Ecc(c) => c,
        };
        let n = curve.len();
        on_curve!(curve, m, C => {
            let r = Zeroizing::new(scalar::<m::Scalar, m::FieldBytes>(rand)?);
            let s = scalar::<m::Scalar, m::FieldBytes>(ps)?;
            let pwe = Zeroizing::new(point::<m::AffinePoint, m::FieldBytes>(curve, pwe)?);
            let e = point::<m::AffinePoint, m::FieldBytes>(curve, pe)?;
            let kp = Zeroizing::new((m::ProjectivePoint::from(*pwe) * s + m::ProjectivePoint::from(e)) * *r);
            let enc = encode::<m::AffinePoint>(curve, bool::from(kp.is_identity()), &*Zeroizing::new(kp.to_affine()))?;
            Ok(Zeroizing::new(enc[..n].to_vec()))
        })
    }
}

/// One side of a WPA3-SAE exchange, from its password element.
///
/// Every field that depends on the password or the ephemeral secret is a
/// wiping buffer; the public values (scalars, elements) are plain.
pub struct Sae {
    group: Group,
    /// The hash of the key schedule and of the confirm: SHA-256 for the
    /// fixed variant, the group's hash for the group-dependent one.
    kdf_hash: psa_algorithm_t,
    /// KCK and PMK lengths in bytes (32 / the hash length).
    key_len: usize,
    /// PWE in the group's element encoding.
    pwe: Bytes,
    /// Our rand, once our commit is made.
    rand: Option<Bytes>,
    own: Option<(Vec<u8>, Vec<u8>)>,
    peer: Option<(Vec<u8>, Vec<u8>)>,
    /// k = F(K), the x-coordinate of the shared point (the shared element
    /// itself in a MODP group), once both commits are in.
    k: Option<Bytes>,
    /// The rejected-groups list (H2E salt of keyseed), if given.
    salt: Option<Vec<u8>>,
    /// KCK || PMK, and the PMKID, once derived.
    keys: Option<(Bytes, [u8; 16])>,
    send_confirm: u16,
    peer_confirmed: bool,
}

impl Sae {
    /// A side with password token `pt`, our MAC `own_mac` and the peer's
    /// `peer_mac`: PWE = val·PT, val = (HMAC-H(0^hashlen, max(macs) ||
    /// min(macs)) mod (r − 1)) + 1 (§12.4.5.2; PT^val in a MODP group).
    /// `group_hash` selects the group-dependent-hash variant (else the
    /// fixed SHA-256).
    pub fn new(group: impl Into<Group>, pt: &[u8], own_mac: &[u8], peer_mac: &[u8], group_hash: bool) -> Result<Sae> {
        let group = group.into();
        let pwe = group.pwe_from_pt(pt, own_mac, peer_mac)?;
        Ok(Self::from_pwe(group, pwe, group_hash))
    }

    /// A side whose password element comes from `password` by the looping
    /// method (§12.4.4.2.2 / §12.4.4.3.2, [`super::sae_loop`]), our MAC
    /// `own_mac` and the peer's `peer_mac`.
    pub fn from_password(group: impl Into<Group>, password: &[u8], own_mac: &[u8], peer_mac: &[u8], group_hash: bool) -> Result<Sae> {
        let group = group.into();
        let pwe = super::sae_loop::pwe(group, password, own_mac, peer_mac)?;
        Ok(Self::from_pwe(group, pwe, group_hash))
    }

    /// A side on a given password element (already checked).
    pub(crate) fn from_pwe(group: impl Into<Group>, pwe: Bytes, group_hash: bool) -> Sae {
        let group = group.into();
        let hash = group.hash();
        let (kdf_hash, key_len) = if group_hash { (hash, psa_hash_length(hash)) } else { (PSA_ALG_SHA_256, 32) };
        Sae {
            group,
            kdf_hash,
            key_len,
            pwe,
            rand: None,
            own: None,
            peer: None,
            k: None,
            salt: None,
            keys: None,
            send_confirm: 0,
            peer_confirmed: false,
        }
    }

    /// The group.
    pub fn group(&self) -> Group {
        self.group
    }

    /// PWE (tests compare it with the standard's vectors).
    #[cfg(test)]
    pub(crate) fn pwe(&self) -> &[u8] {
        &self.pwe
    }

    /// Our commit, `commit-scalar || COMMIT-ELEMENT` (§12.4.5.3), made once
    /// with fresh rand and mask in [2, r); `BadState` the second time.
    pub fn commit(&mut self) -> Result<Vec<u8>> {
        if self.own.is_some() {
            return Err(Error::BadState);
        }
        for _ in 0..64 {
            let rand = self.group.random_scalar()?;
            let mask = self.group.random_scalar()?;
            if self.commit_with(rand, &mask)? {
                return self.finish_commit();
            }
        }
        Err(Error::InsufficientEntropy)
    }

    /// Makes our commit from `rand` and `mask` (big-endian, scalar length):
    /// scalar = (rand + mask) mod r, element = inverse(mask·PWE). `false`
    /// when the scalar is 0 or 1 (the caller draws again).
    pub(crate) fn commit_with(&mut self, rand: Bytes, mask: &[u8]) -> Result<bool> {
        let s = self.group.scalar_add(&rand, mask)?;
        if !self.group.scalar_ok(&s) {
            return Ok(false);
        }
        let e = self.group.commit_element(&self.pwe, mask)?;
        self.own = Some((s, e));
        self.rand = Some(rand);
        Ok(true)
    }

    /// The commit message once made, and k if the peer's is already in.
    fn finish_commit(&mut self) -> Result<Vec<u8>> {
        self.shared_point()?;
        let (s, e) = self.own.as_ref().ok_or(Error::BadState)?;
        Ok([s.as_slice(), e.as_slice()].concat())
    }

    /// The peer's commit (`scalar || element`): the scalar in (1, r), the
    /// element in the group (on the curve; in a MODP group 1 < e < p − 1
    /// and e^q = 1), not a reflection of ours (`InvalidArgument`);
    /// `BadState` the second time.
    pub fn peer_commit(&mut self, data: &[u8]) -> Result<()> {
        if self.peer.is_some() {
            return Err(Error::BadState);
        }
        let n = self.group.scalar_len();
        if data.len() != n + self.group.element_len() {
            return Err(Error::InvalidArgument);
        }
        let (s, e) = data.split_at(n);
        if !self.group.scalar_ok(s) {
            return Err(Error::InvalidArgument);
        }
        self.group.check_element(e)?;
        if let Some((os, oe)) = &self.own {
            if os.as_slice() == s && oe.as_slice() == e {
                return Err(Error::InvalidArgument);
            }
        }
        self.peer = Some((s.to_vec(), e.to_vec()));
        self.shared_point()
    }

    /// Once both commits are in: K = rand·(peer-scalar·PWE + PEER-ELEMENT),
    /// `InvalidArgument` if it is the identity; k = F(K). The ephemeral
    /// rand is wiped once used.
    fn shared_point(&mut self) -> Result<()> {
        let (Some((ps, pe)), Some(rand)) = (&self.peer, &self.rand) else { return Ok(()) };
        if self.k.is_some() {
            return Ok(());
        }
        let k = self.group.shared_k(&self.pwe, ps, pe, rand)?;
        self.k = Some(k);
        self.rand = None;
        Ok(())
    }

    /// The rejected-groups list, the salt of keyseed (§12.4.5.4); only
    /// before the keys are derived (`BadState` after, or the second time).
    pub fn set_salt(&mut self, salt: &[u8]) -> Result<()> {
        if self.salt.is_some() || self.keys.is_some() {
            return Err(Error::BadState);
        }
        self.salt = Some(salt.to_vec());
        Ok(())
    }

    /// The Send-Confirm counter of our next confirm.
    pub fn set_send_confirm(&mut self, counter: u16) {
        self.send_confirm = counter;
    }

    /// KCK, PMK and PMKID (§12.4.5.4), derived on first use once both
    /// commits are in (`BadState` before): keyseed = HMAC-H(salt, k),
    /// KCK || PMK = KDF-Hash-Length(keyseed, "SAE KCK and PMK", context),
    /// context = (own scalar + peer scalar) mod r, PMKID = its first 16 bytes.
    fn keys(&mut self) -> Result<&(Bytes, [u8; 16])> {
        if self.keys.is_none() {
            let k = self.k.as_ref().ok_or(Error::BadState)?;
            let ((os, _), (ps, _)) = (self.own.as_ref().ok_or(Error::BadState)?, self.peer.as_ref().ok_or(Error::BadState)?);
            let hl = psa_hash_length(self.kdf_hash);
            let zeros = vec![0u8; hl];
            let salt = self.salt.as_deref().unwrap_or(&zeros);
            let keyseed = hmac_key(self.kdf_hash, salt)?.mac(&[k]);
            let context = self.group.scalar_add(os, ps)?;
            let both = kdf_hash_length(self.kdf_hash, &keyseed, b"SAE KCK and PMK", &context, 2 * self.key_len)?;
            let mut pmkid = [0u8; 16];
            pmkid.copy_from_slice(&context[..16]);
            self.keys = Some((both, pmkid));
        }
        self.keys.as_ref().ok_or(Error::BadState)
    }

    /// CN(KCK, counter, scalar, element, peer scalar, peer element).
    fn cn(&mut self, counter: u16, ours_first: bool) -> Result<Bytes> {
        let key_len = self.key_len;
        let hash = self.kdf_hash;
        let kck = Zeroizing::new(self.keys()?.0[..key_len].to_vec());
        let ((os, oe), (ps, pe)) = (self.own.as_ref().ok_or(Error::BadState)?, self.peer.as_ref().ok_or(Error::BadState)?);
        let c = counter.to_le_bytes();
        let mac = hmac_key(hash, &kck)?;
        Ok(if ours_first { mac.mac(&[&c, os, oe, ps, pe]) } else { mac.mac(&[&c, ps, pe, os, oe]) })
    }

    /// Our confirm message: Send-Confirm (2 bytes, little-endian) || confirm.
    pub fn confirm(&mut self) -> Result<Vec<u8>> {
        let counter = self.send_confirm;
        let c = self.cn(counter, true)?;
        Ok([&counter.to_le_bytes()[..], &c[..]].concat())
    }

    /// The peer's confirm message, checked in constant time
    /// (`InvalidSignature` on a mismatch, `InvalidArgument` for a wrong
    /// length, `BadState` the second time).
    pub fn peer_confirm(&mut self, data: &[u8]) -> Result<()> {
        if self.peer_confirmed {
            return Err(Error::BadState);
        }
        if data.len() != 2 + psa_hash_length(self.kdf_hash) {
            return Err(Error::InvalidArgument);
        }
        let counter = u16::from_le_bytes([data[0], data[1]]);
        let expected = self.cn(counter, false)?;
        if !bool::from(expected.as_slice().ct_eq(&data[2..])) {
            return Err(Error::InvalidSignature);
        }
        self.peer_confirmed = true;
        Ok(())
    }

    /// The PMKID (`BadState` before both commits).
    pub fn pmkid(&mut self) -> Result<[u8; 16]> {
        Ok(self.keys()?.1)
    }

    /// The PMK: after the peer's confirm was verified, or (`confirmed`
    /// false) as soon as both commits are in; `BadState` otherwise.
    pub fn pmk(&mut self, confirmed: bool) -> Result<Bytes> {
        if confirmed && !self.peer_confirmed {
            return Err(Error::BadState);
        }
        let key_len = self.key_len;
        Ok(Zeroizing::new(self.keys()?.0[key_len..].to_vec()))
    }

    /// KCK (tests compare it with the standard's vectors).
    #[cfg(test)]
    pub(crate) fn kck(&mut self) -> Result<Bytes> {
        let key_len = self.key_len;
        Ok(Zeroizing::new(self.keys()?.0[..key_len].to_vec()))
    }
}

impl Sae {
    /// The size of our message at `step` (0: not an output step).
    fn output_size(&self, step: psa_pake_step_t) -> usize {
        match step {
            PSA_PAKE_STEP_COMMIT => self.group.scalar_len() + self.group.element_len(),
            PSA_PAKE_STEP_CONFIRM => 2 + psa_hash_length(self.kdf_hash),
            PSA_PAKE_STEP_KEY_ID => 16,
            _ => 0,
        }
    }

    /// `psa_pake_output`: our commit, our confirm (with the current
    /// Send-Confirm; may be repeated for a retransmission) or the PMKID.
    /// `InvalidArgument` for another step, `BufferTooSmall` before anything
    /// is computed.
    pub fn output(&mut self, step: psa_pake_step_t, out: &mut [u8]) -> Result<usize> {
        let n = self.output_size(step);
        if n == 0 {
            return Err(Error::InvalidArgument);
        }
        if out.len() < n {
            return Err(Error::BufferTooSmall);
        }
        let msg = match step {
            PSA_PAKE_STEP_COMMIT => self.commit()?,
            PSA_PAKE_STEP_CONFIRM => self.confirm()?,
            _ => self.pmkid()?.to_vec(),
        };
        out[..n].copy_from_slice(&msg);
        Ok(n)
    }

    /// `psa_pake_input`: the peer's commit, the rejected-groups salt, our
    /// next Send-Confirm (2 bytes, little-endian) or the peer's confirm.
    pub fn input(&mut self, step: psa_pake_step_t, data: &[u8]) -> Result<()> {
        match step {
            PSA_PAKE_STEP_COMMIT => self.peer_commit(data),
            PSA_PAKE_STEP_SALT => self.set_salt(data),
            PSA_PAKE_STEP_CONFIRM_COUNT => {
                let c: [u8; 2] = data.try_into().map_err(|_| Error::InvalidArgument)?;
                self.set_send_confirm(u16::from_le_bytes(c));
                Ok(())
            }
            PSA_PAKE_STEP_CONFIRM => self.peer_confirm(data),
            _ => Err(Error::InvalidArgument),
        }
    }
}

/// The group of a WPA3-SAE password token of type `t` and `bits`: a
/// `PSA_ECC_FAMILY_SECP_R1` curve or a `PSA_DH_FAMILY_RFC3526` group
/// (`NotSupported` for other families and for group 14, `InvalidArgument`
/// for a size the family does not have).
pub fn pt_group(t: psa_key_type_t, bits: usize) -> Result<Group> {
    if psa_key_type_is_wpa3_sae_dh(t) {
        if psa_key_type_wpa3_sae_dh_get_family(t) != PSA_DH_FAMILY_RFC3526 {
            return Err(Error::NotSupported);
        }
        return Modp::rfc3526(bits).map(Group::Ffc);
    }
    if !psa_key_type_is_wpa3_sae_ecc(t) || psa_key_type_wpa3_sae_ecc_get_family(t) != PSA_ECC_FAMILY_SECP_R1 {
        return Err(Error::NotSupported);
    }
    Curve::secp_r1(bits).map(Group::Ecc).ok_or(Error::InvalidArgument)
}

/// `psa_import_key` of a password token: `x || y` of a curve point, or a
/// MODP group element in the subgroup of order q (the size follows from
/// the length); returns the size in bits.
pub fn import_pt(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    if psa_key_type_is_wpa3_sae_dh(t) {
        let g = match pt_group(t, data.len() * 8)? {
            Group::Ffc(g) => g,
            Group::Ecc(_) => return Err(Error::InvalidArgument),
        };
        g.check_element(data)?;
        return Ok(g.bits());
    }
    pt_group(t, 256)?;
    let curve = [Curve::P256, Curve::P384, Curve::P521]
        .into_iter()
        .find(|c| data.len() == 2 * c.len())
        .ok_or(Error::InvalidArgument)?;
    check_element(curve, data)?;
    Ok(curve.bits())
}

/// `v + 1` for `v < r − 1` as `len` bytes (no carry out of `len` bytes).
fn reduce_add_one(v: &[u8], len: usize) -> Vec<u8> {
    let sum = Zeroizing::new(wide(v).wrapping_add(&U1024::ONE));
    let enc = sum.to_be_bytes();
    enc.as_ref()[128 - len..].to_vec()
}

/// A scalar from exactly its encoding length of big-endian bytes below r.
fn scalar<S: PrimeField<Repr = R>, R: for<'a> TryFrom<&'a [u8]>>(b: &[u8]) -> Result<S> {
    let repr = R::try_from(b).map_err(|_| Error::InvalidArgument)?;
    Option::<S>::from(S::from_repr(repr)).ok_or(Error::InvalidArgument)
}

/// A group element from `x || y`.
fn point<A: AffineCoordinates<FieldRepr = R>, R: for<'a> TryFrom<&'a [u8]>>(curve: Curve, b: &[u8]) -> Result<A> {
    let n = curve.len();
    if b.len() != 2 * n {
        return Err(Error::InvalidArgument);
    }
    let x = R::try_from(&b[..n]).map_err(|_| Error::InvalidArgument)?;
    let y = R::try_from(&b[n..]).map_err(|_| Error::InvalidArgument)?;
    Option::<A>::from(A::from_coordinates(&x, &y)).ok_or(Error::InvalidArgument)
}

/// KDF-Hash-Length of IEEE 802.11 §12.7.1.7.2: the concatenation of
/// HMAC-H(key, i || label || context || L) for i = 1, 2, …, with i and
/// L (the output length in bits) as 16-bit little-endian integers,
/// truncated to `len` bytes.
pub fn kdf_hash_length(hash: psa_algorithm_t, key: &[u8], label: &[u8], context: &[u8], len: usize) -> Result<Bytes> {
    kdf_output(hash, key, label, context, len, len * 8)
}

/// KDF-Hash-Length for an output of `bits` bits (L = `bits`): the first
/// `bits` bits of the stream as a big-endian integer of `ceil(bits / 8)`
/// bytes (the looping method's pwd-value on P-521 is 521 bits).
pub fn kdf_hash_bits(hash: psa_algorithm_t, key: &[u8], label: &[u8], context: &[u8], bits: usize) -> Result<Bytes> {
    let len = bits.div_ceil(8);
    let mut out = kdf_output(hash, key, label, context, len, bits)?;
    let shift = (8 * len - bits) as u32;
    if shift != 0 {
        for i in (0..len).rev() {
            let prev = if i > 0 { out[i - 1] } else { 0 };
            out[i] = (out[i] >> shift) | (prev << (8 - shift));
        }
    }
    Ok(out)
}

/// `len` bytes of the KDF-Hash-Length stream with L = `bits`.
fn kdf_output(hash: psa_algorithm_t, key: &[u8], label: &[u8], context: &[u8], len: usize, bits: usize) -> Result<Bytes> {
    let mac = hmac_key(hash, key)?;
    let bits = u16::try_from(bits).map_err(|_| Error::InvalidArgument)?.to_le_bytes();
    let mut out = Zeroizing::new(Vec::with_capacity(len + mac.len()));
    let mut i: u16 = 1;
    while out.len() < len {
        out.extend_from_slice(&mac.mac(&[&i.to_le_bytes(), label, context, &bits]));
        i += 1;
    }
    out.truncate(len);
    Ok(out)
}

#[cfg(test)]
#[path = "sae_tests.rs"]
mod tests;
