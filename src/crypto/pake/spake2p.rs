//! SPAKE2+ (RFC 9383) on P-256, and the Matter variant (draft-01/02 key
//! schedule), with the key formats of the PSA SPAKE2+ key types.
//!
//! Registration values: `w0` and `w1` (scalars), `L = w1 * P`. The key pair
//! is `w0 || w1` (32 + 32 bytes), the public key `w0 || L` (32 + 65 bytes).
//!
//! Prover: `X = x * P + w0 * M`; verifier: `Y = y * P + w0 * N`;
//! `Z = x * (Y - w0 * N) = y * (X - w0 * M)`, `V = w1 * (Y - w0 * N) = y * L`.
//! The transcript TT is the length-prefixed (8-byte little-endian) sequence
//! Context, idProver, idVerifier, M, N, X, Y, Z, V, w0 (points uncompressed).
//!
//! Key schedules:
//! * RFC 9383: `K_main = Hash(TT)`; `K_confirmP || K_confirmV = HKDF(nil,
//!   K_main, "ConfirmationKeys")`; `K_shared = HKDF(nil, K_main, "SharedKey")`;
//!   `confirmV = MAC(K_confirmV, shareP)`, `confirmP = MAC(K_confirmP, shareV)`.
//!   HMAC keys are hash-length, CMAC-AES-128 keys 16 bytes.
//! * Matter: `Ka || Ke = SHA-256(TT)`; `KcA || KcB = HKDF(nil, Ka,
//!   "ConfirmationKeys")` (16 bytes each); `cA = HMAC(KcA, pB)`, `cB =
//!   HMAC(KcB, pA)`; the shared key is `Ke`.
use p256::ProjectivePoint;
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

use super::{encode_point, parse_point, random_scalar, scalar_bytes, scalar_from_be, scalar_mod_n, Secret, POINT_LEN, SCALAR_LEN};
use crate::crypto::hash;
use crate::crypto::kdf::Stream;
use crate::crypto::mac::MacKey;
use crate::types::*;

/// RFC 9383 §4: the P-256 point M (compressed).
const M_P256: &str = "02886e2f97ace46e55ba9dd7242579f2993b64e16ef3dcab95afd497333d8fa12f";
/// RFC 9383 §4: the P-256 point N (compressed).
const N_P256: &str = "03d8bbd6c639c62937b04d997f38c3770719c629d7014d49a24b4f98baa1292b49";

fn constant(hexs: &str) -> ProjectivePoint {
    use elliptic_curve::sec1::FromSec1Point;
    let b: Vec<u8> = (0..hexs.len()).step_by(2).map(|i| u8::from_str_radix(&hexs[i..i + 2], 16).unwrap_or(0)).collect();
    p256::AffinePoint::from_sec1_bytes(&b).map(ProjectivePoint::from).unwrap_or(ProjectivePoint::IDENTITY)
}

/// Size of a P-256 SPAKE2+ key pair (`w0 || w1`).
pub const KEY_PAIR_LEN: usize = 2 * SCALAR_LEN;
/// Size of a P-256 SPAKE2+ public key (`w0 || L`).
pub const PUBLIC_KEY_LEN: usize = SCALAR_LEN + POINT_LEN;
/// Bytes drawn from a KDF for each of `w0s` and `w1s` (P-256: 32 + 8).
pub const DERIVE_SHARE_LEN: usize = SCALAR_LEN + 8;

/// Whether `t` is a SPAKE2+ type this driver implements (P-256 only).
fn check_family(t: psa_key_type_t, bits: usize) -> Result<()> {
    if psa_key_type_spake2p_get_family(t) != PSA_ECC_FAMILY_SECP_R1 || bits != 256 {
        return Err(Error::NotSupported);
    }
    Ok(())
}

/// `psa_import_key` checks of SPAKE2+ key data; returns the size in bits.
/// `w0` and `w1` must be in [1, n-1] (like an ECC private key), `L` a point.
pub fn import(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    if psa_key_type_spake2p_get_family(t) != PSA_ECC_FAMILY_SECP_R1 {
        return Err(Error::NotSupported);
    }
    let nonzero = |b: &[u8]| scalar_from_be(b).is_some_and(|s| !bool::from(elliptic_curve::Field::is_zero(&s)));
    if psa_key_type_is_spake2p_key_pair(t) {
        if data.len() != KEY_PAIR_LEN || !nonzero(&data[..SCALAR_LEN]) || !nonzero(&data[SCALAR_LEN..]) {
            return Err(Error::InvalidArgument);
        }
    } else {
        if data.len() != PUBLIC_KEY_LEN || !nonzero(&data[..SCALAR_LEN]) {
            return Err(Error::InvalidArgument);
        }
        parse_point(&data[SCALAR_LEN..])?;
    }
    Ok(256)
}

/// `psa_export_public_key` of a SPAKE2+ key: `w0 || L`.
pub fn export_public(t: psa_key_type_t, material: &[u8]) -> Result<Vec<u8>> {
    if psa_key_type_is_spake2p_public_key(t) {
        return Ok(material.to_vec());
    }
    let w1 = scalar_from_be(material.get(SCALAR_LEN..KEY_PAIR_LEN).ok_or(Error::CorruptionDetected)?)
        .ok_or(Error::CorruptionDetected)?;
    let w1 = Secret(w1);
    let mut out = material[..SCALAR_LEN].to_vec();
    out.extend_from_slice(&encode_point(&(ProjectivePoint::GENERATOR * w1.0))?);
    Ok(out)
}

/// The sizes `psa_key_derivation_output_key` draws for a SPAKE2+ key pair
/// (`InvalidArgument`/`NotSupported` for other types and sizes).
pub fn derivable(t: psa_key_type_t, bits: usize) -> Result<usize> {
    if !psa_key_type_is_spake2p_key_pair(t) {
        return Err(Error::InvalidArgument);
    }
    check_family(t, bits)?;
    Ok(2 * DERIVE_SHARE_LEN)
}

/// A key pair from `w0s || w1s` drawn from a KDF: `w0 = w0s mod n`, `w1 =
/// w1s mod n` (RFC 9383 §3.2). A zero value (probability about 2^-256) is
/// refused (`Generic`) so that no unusable key is stored.
pub fn key_pair_from_kdf(ws: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    if ws.len() != 2 * DERIVE_SHARE_LEN {
        return Err(Error::CorruptionDetected);
    }
    let w0 = scalar_mod_n(&ws[..DERIVE_SHARE_LEN]);
    let w1 = scalar_mod_n(&ws[DERIVE_SHARE_LEN..]);
    if bool::from(elliptic_curve::Field::is_zero(&w0.0)) || bool::from(elliptic_curve::Field::is_zero(&w1.0)) {
        return Err(Error::Generic);
    }
    let mut out = Zeroizing::new(Vec::with_capacity(KEY_PAIR_LEN));
    out.extend_from_slice(&scalar_bytes(&w0.0));
    out.extend_from_slice(&scalar_bytes(&w1.0));
    Ok(out)
}

/// Which key schedule and MAC.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Schedule {
    /// RFC 9383 with HMAC over the hash.
    Hmac(psa_algorithm_t),
    /// RFC 9383 with CMAC-AES-128, hashing with the hash.
    Cmac(psa_algorithm_t),
    /// Matter (draft-01/02), SHA-256 and HMAC-SHA-256.
    Matter,
}

impl Schedule {
    /// The schedule of a SPAKE2+ algorithm; `NotSupported` for hashes the RFC
    /// gives no P-256 suite for (SHA-256 and SHA-512 only).
    pub fn of(alg: psa_algorithm_t) -> Result<Self> {
        let hash = psa_alg_get_hash(alg);
        let ok = hash == PSA_ALG_SHA_256 || hash == PSA_ALG_SHA_512;
        if alg == PSA_ALG_SPAKE2P_MATTER {
            Ok(Schedule::Matter)
        } else if psa_alg_is_spake2p_hmac(alg) && ok {
            Ok(Schedule::Hmac(hash))
        } else if psa_alg_is_spake2p_cmac(alg) && ok {
            Ok(Schedule::Cmac(hash))
        } else {
            Err(Error::NotSupported)
        }
    }

    fn hash(self) -> psa_algorithm_t {
        match self {
            Schedule::Hmac(h) | Schedule::Cmac(h) => h,
            Schedule::Matter => PSA_ALG_SHA_256,
        }
    }

    /// Size of a confirmation value.
    pub fn confirm_len(self) -> usize {
        match self {
            Schedule::Hmac(h) => psa_hash_length(h),
            Schedule::Cmac(_) => 16,
            Schedule::Matter => 32,
        }
    }

    fn mac(self, key: &[u8], data: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
        let alg = match self {
            Schedule::Hmac(h) => psa_alg_hmac(h),
            Schedule::Cmac(_) => PSA_ALG_CMAC,
            Schedule::Matter => psa_alg_hmac(PSA_ALG_SHA_256),
        };
        let tag = MacKey::new(alg, key)?.sign(data);
        Ok(Zeroizing::new(tag.as_ref().to_vec()))
    }
}

/// The keys a finished transcript gives.
pub struct Keys {
    confirm_p: Zeroizing<Vec<u8>>,
    confirm_v: Zeroizing<Vec<u8>>,
    shared: Zeroizing<Vec<u8>>,
}

/// The key schedule over TT: (K_confirmP, K_confirmV, K_shared).
fn schedule(s: Schedule, tt: &[u8]) -> Result<Keys> {
    let h = s.hash();
    let main = Zeroizing::new(hash::compute(h, tt)?.as_ref().to_vec());
    let hkdf = |ikm: &[u8], info: &[u8], n: usize| -> Result<Zeroizing<Vec<u8>>> {
        Stream::hkdf(h, &[], ikm, info)?.take(n)
    };
    Ok(match s {
        Schedule::Matter => {
            let (ka, ke) = main.split_at(16);
            let kc = hkdf(ka, b"ConfirmationKeys", 32)?;
            Keys {
                confirm_p: Zeroizing::new(kc[..16].to_vec()),
                confirm_v: Zeroizing::new(kc[16..].to_vec()),
                shared: Zeroizing::new(ke.to_vec()),
            }
        }
        _ => {
            let kl = if let Schedule::Cmac(_) = s { 16 } else { psa_hash_length(h) };
            let kc = hkdf(&main, b"ConfirmationKeys", 2 * kl)?;
            Keys {
                confirm_p: Zeroizing::new(kc[..kl].to_vec()),
                confirm_v: Zeroizing::new(kc[kl..].to_vec()),
                shared: hkdf(&main, b"SharedKey", psa_hash_length(h))?,
            }
        }
    })
}

/// Appends `len(data) || data` with an 8-byte little-endian length.
fn lp(tt: &mut Vec<u8>, data: &[u8]) {
    tt.extend_from_slice(&(data.len() as u64).to_le_bytes());
    tt.extend_from_slice(data);
}

/// The registration values an operation holds.
pub struct Registration {
    w0: Secret,
    /// The prover's `w1` (absent for a verifier given only the public key).
    w1: Option<Secret>,
    l: ProjectivePoint,
}

impl Registration {
    /// From SPAKE2+ key material of type `t` (checked at import).
    pub fn from_key(t: psa_key_type_t, material: &[u8]) -> Result<Self> {
        let w0 = Secret(scalar_from_be(material.get(..SCALAR_LEN).ok_or(Error::CorruptionDetected)?).ok_or(Error::CorruptionDetected)?);
        if psa_key_type_is_spake2p_key_pair(t) {
            let w1 = Secret(scalar_from_be(&material[SCALAR_LEN..]).ok_or(Error::CorruptionDetected)?);
            let l = ProjectivePoint::GENERATOR * w1.0;
            Ok(Registration { w0, w1: Some(w1), l })
        } else {
            let l = parse_point(&material[SCALAR_LEN..]).map_err(|_| Error::CorruptionDetected)?;
            Ok(Registration { w0, w1: None, l })
        }
    }

    /// Whether the prover's value `w1` is present.
    pub fn has_w1(&self) -> bool {
        self.w1.is_some()
    }
}

/// The step sequence of each role.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Next {
    /// Prover: output shareP. Verifier: input shareP.
    ShareP,
    /// Prover: input shareV. Verifier: output shareV.
    ShareV,
    /// Prover: input confirmV. Verifier: output confirmV.
    ConfirmV,
    /// Prover: output confirmP. Verifier: input confirmP.
    ConfirmP,
    Done,
}

/// A SPAKE2+ exchange in progress (one role).
pub struct Spake2p {
    sched: Schedule,
    prover: bool,
    reg: Registration,
    context: Vec<u8>,
    id_prover: Vec<u8>,
    id_verifier: Vec<u8>,
    /// The ephemeral scalar (x or y).
    eph: Secret,
    share_p: Option<[u8; POINT_LEN]>,
    share_v: Option<[u8; POINT_LEN]>,
    keys: Option<Keys>,
    next: Next,
}

impl Spake2p {
    /// A new exchange. `prover`: the client role (needs `w1`:
    /// `InvalidArgument` for a public key). `user` and `peer` are this
    /// side's and the other side's identities.
    pub fn new(sched: Schedule, prover: bool, reg: Registration, context: &[u8], user: &[u8], peer: &[u8]) -> Result<Self> {
        if prover && !reg.has_w1() {
            return Err(Error::InvalidArgument);
        }
        let (id_prover, id_verifier) = if prover { (user, peer) } else { (peer, user) };
        Ok(Spake2p {
            sched,
            prover,
            reg,
            context: context.to_vec(),
            id_prover: id_prover.to_vec(),
            id_verifier: id_verifier.to_vec(),
            eph: Secret::default(),
            share_p: None,
            share_v: None,
            keys: None,
            next: Next::ShareP,
        })
    }

    /// For the known-answer tests: fixes the ephemeral scalar.
    #[cfg(test)]
    fn with_ephemeral(mut self, e: &[u8]) -> Self {
        self.eph = Secret(scalar_from_be(e).unwrap());
        self
    }

    fn ephemeral(&mut self) -> Result<()> {
        if bool::from(elliptic_curve::Field::is_zero(&self.eph.0)) {
            self.eph = random_scalar()?;
        }
        Ok(())
    }

    fn transcript_keys(&mut self, z: &ProjectivePoint, v: &ProjectivePoint) -> Result<()> {
        let (m, n) = (constant(M_P256), constant(N_P256));
        let mut tt = Zeroizing::new(Vec::with_capacity(512));
        lp(&mut tt, &self.context);
        lp(&mut tt, &self.id_prover);
        lp(&mut tt, &self.id_verifier);
        lp(&mut tt, &encode_point(&m)?);
        lp(&mut tt, &encode_point(&n)?);
        lp(&mut tt, &self.share_p.ok_or(Error::BadState)?);
        lp(&mut tt, &self.share_v.ok_or(Error::BadState)?);
        lp(&mut tt, &encode_point(z)?);
        lp(&mut tt, &encode_point(v)?);
        lp(&mut tt, &scalar_bytes(&self.reg.w0.0));
        self.keys = Some(schedule(self.sched, &tt)?);
        Ok(())
    }

    /// The expected step kind and direction of the next call.
    fn expect(&self, step: psa_pake_step_t, output: bool) -> Result<()> {
        if step != PSA_PAKE_STEP_KEY_SHARE && step != PSA_PAKE_STEP_CONFIRM {
            return Err(Error::InvalidArgument);
        }
        let (want_step, want_out) = match (self.next, self.prover) {
            (Next::ShareP, p) => (PSA_PAKE_STEP_KEY_SHARE, p),
            (Next::ShareV, p) => (PSA_PAKE_STEP_KEY_SHARE, !p),
            (Next::ConfirmV, p) => (PSA_PAKE_STEP_CONFIRM, !p),
            (Next::ConfirmP, p) => (PSA_PAKE_STEP_CONFIRM, p),
            (Next::Done, _) => return Err(Error::BadState),
        };
        if step != want_step || output != want_out {
            return Err(Error::BadState);
        }
        Ok(())
    }

    fn mac_of(&self, prover_side: bool) -> Result<Zeroizing<Vec<u8>>> {
        let k = self.keys.as_ref().ok_or(Error::BadState)?;
        if prover_side {
            self.sched.mac(&k.confirm_p, &self.share_v.ok_or(Error::BadState)?)
        } else {
            self.sched.mac(&k.confirm_v, &self.share_p.ok_or(Error::BadState)?)
        }
    }

    /// `psa_pake_output`: the next message into `out`; returns its length.
    pub fn output(&mut self, step: psa_pake_step_t, out: &mut [u8]) -> Result<usize> {
        self.expect(step, true)?;
        let msg: Zeroizing<Vec<u8>> = match self.next {
            Next::ShareP => {
                self.ephemeral()?;
                let x = ProjectivePoint::GENERATOR * self.eph.0 + constant(M_P256) * self.reg.w0.0;
                let enc = encode_point(&x)?;
                self.share_p = Some(enc);
                Zeroizing::new(enc.to_vec())
            }
            Next::ShareV => Zeroizing::new(self.share_v.ok_or(Error::BadState)?.to_vec()),
            Next::ConfirmV => self.mac_of(false)?,
            _ => self.mac_of(true)?,
        };
        out.get_mut(..msg.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(&msg);
        self.advance();
        Ok(msg.len())
    }

    /// `psa_pake_input`: a share must be a point on the curve
    /// (`InvalidArgument`); a confirmation must match (`InvalidSignature`,
    /// compared in constant time).
    pub fn input(&mut self, step: psa_pake_step_t, data: &[u8]) -> Result<()> {
        self.expect(step, false)?;
        match self.next {
            Next::ShareP => {
                // Verifier: y, Y = y * P + w0 * N, Z = y * (X - w0 * M), V = y * L.
                let x = parse_point(data)?;
                self.ephemeral()?;
                let y = ProjectivePoint::GENERATOR * self.eph.0 + constant(N_P256) * self.reg.w0.0;
                let t = x - constant(M_P256) * self.reg.w0.0;
                let z = t * self.eph.0;
                let v = self.reg.l * self.eph.0;
                self.share_p = Some(encode_point(&x)?);
                self.share_v = Some(encode_point(&y)?);
                self.transcript_keys(&z, &v)?;
            }
            Next::ShareV => {
                // Prover: Z = x * (Y - w0 * N), V = w1 * (Y - w0 * N).
                let y = parse_point(data)?;
                let t = y - constant(N_P256) * self.reg.w0.0;
                let w1 = self.reg.w1.as_ref().ok_or(Error::BadState)?.0;
                let z = t * self.eph.0;
                let v = t * w1;
                self.share_v = Some(encode_point(&y)?);
                self.transcript_keys(&z, &v)?;
            }
            Next::ConfirmV | Next::ConfirmP => {
                let want = self.mac_of(self.next == Next::ConfirmP)?;
                if data.len() != want.len() || !bool::from(data.ct_eq(want.as_slice())) {
                    return Err(Error::InvalidSignature);
                }
            }
            Next::Done => return Err(Error::BadState),
        }
        self.advance();
        Ok(())
    }

    fn advance(&mut self) {
        self.next = match self.next {
            Next::ShareP => Next::ShareV,
            Next::ShareV => Next::ConfirmV,
            Next::ConfirmV => Next::ConfirmP,
            _ => Next::Done,
        };
        if self.next == Next::Done {
            self.eph = Secret::default();
        }
    }

    /// The shared secret: after the confirmations (`confirmed`), or as soon
    /// as the key schedule exists; `BadState` before.
    pub fn shared_secret(&self, confirmed: bool) -> Result<Zeroizing<Vec<u8>>> {
        let keys = self.keys.as_ref().ok_or(Error::BadState)?;
        if confirmed && self.next != Next::Done {
            return Err(Error::BadState);
        }
        Ok(keys.shared.clone())
    }

    /// Whether the exchange is complete.
    pub fn finished(&self) -> bool {
        self.next == Next::Done
    }
}

#[cfg(test)]
mod tests {
    use super::super::hex;
    use super::*;

    struct Vector {
        sched: Schedule,
        context: &'static [u8],
        idp: &'static [u8],
        idv: &'static [u8],
        w0: &'static str,
        w1: &'static str,
        l: &'static str,
        x: &'static str,
        share_p: &'static str,
        y: &'static str,
        share_v: &'static str,
        confirm_p: &'static str,
        confirm_v: &'static str,
        shared: &'static str,
    }

    /// RFC 9383 Appendix C (SPAKE2+-P256-SHA256-HKDF-SHA256-HMAC-SHA256), and
    /// the draft-01 vectors Matter's SDK uses (connectedhomeip
    /// src/crypto/tests/SPAKE2P_RFC_test_vectors.h, first two entries: both
    /// identities, and an empty verifier identity).
    const VECTORS: [Vector; 3] = [
        Vector {
            sched: Schedule::Hmac(PSA_ALG_SHA_256),
            context: b"SPAKE2+-P256-SHA256-HKDF-SHA256-HMAC-SHA256 Test Vectors",
            idp: b"client",
            idv: b"server",
            w0: "bb8e1bbcf3c48f62c08db243652ae55d3e5586053fca77102994f23ad95491b3",
            w1: "7e945f34d78785b8a3ef44d0df5a1a97d6b3b460409a345ca7830387a74b1dba",
            l: "04eb7c9db3d9a9eb1f8adab81b5794c1f13ae3e225efbe91ea487425854c7fc00f00bfedcbd09b2400142d40a14f2064ef31dfaa903b91d1faea7093d835966efd",
            x: "d1232c8e8693d02368976c174e2088851b8365d0d79a9eee709c6a05a2fad539",
            share_p: "04ef3bd051bf78a2234ec0df197f7828060fe9856503579bb1733009042c15c0c1de127727f418b5966afadfdd95a6e4591d171056b333dab97a79c7193e341727",
            y: "717a72348a182085109c8d3917d6c43d59b224dc6a7fc4f0483232fa6516d8b3",
            share_v: "04c0f65da0d11927bdf5d560c69e1d7d939a05b0e88291887d679fcadea75810fb5cc1ca7494db39e82ff2f50665255d76173e09986ab46742c798a9a68437b048",
            confirm_p: "926cc713504b9b4d76c9162ded04b5493e89109f6d89462cd33adc46fda27527",
            confirm_v: "9747bcc4f8fe9f63defee53ac9b07876d907d55047e6ff2def2e7529089d3e68",
            shared: "0c5f8ccd1413423a54f6c1fb26ff01534a87f893779c6e68666d772bfd91f3e7",
        },
        Vector {
            sched: Schedule::Matter,
            context: b"SPAKE2+-P256-SHA256-HKDF draft-01",
            idp: b"client",
            idv: b"server",
            w0: "e6887cf9bdfb7579c69bf47928a84514b5e355ac034863f7ffaf4390e67d798c",
            w1: "24b5ae4abda868ec9336ffc3b78ee31c5755bef1759227ef5372ca139b94e512",
            l: "0495645cfb74df6e58f9748bb83a86620bab7c82e107f57d6870da8cbcb2ff9f7063a14b6402c62f99afcb9706a4d1a143273259fe76f1c605a3639745a92154b9",
            x: "8b0f3f383905cf3a3bb955ef8fb62e24849dd349a05ca79aafb18041d30cbdb6",
            share_p: "04af09987a593d3bac8694b123839422c3cc87e37d6b41c1d630f000dd64980e537ae704bcede04ea3bec9b7475b32fa2ca3b684be14d11645e38ea6609eb39e7e",
            y: "2e0895b0e763d6d5a9564433e64ac3cac74ff897f6c3445247ba1bab40082a91",
            share_v: "04417592620aebf9fd203616bbb9f121b730c258b286f890c5f19fea833a9c900cbe9057bc549a3e19975be9927f0e7614f08d1f0a108eede5fd7eb5624584a4f4",
            confirm_p: "d4376f2da9c72226dd151b77c2919071155fc22a2068d90b5faa6c78c11e77dd",
            confirm_v: "0660a680663e8c5695956fb22dff298b1d07a526cf3cc591adfecd1f6ef6e02e",
            shared: "801db297654816eb4f02868129b9dc89",
        },
        Vector {
            sched: Schedule::Matter,
            context: b"SPAKE2+-P256-SHA256-HKDF draft-01",
            idp: b"client",
            idv: b"",
            w0: "e6887cf9bdfb7579c69bf47928a84514b5e355ac034863f7ffaf4390e67d798c",
            w1: "24b5ae4abda868ec9336ffc3b78ee31c5755bef1759227ef5372ca139b94e512",
            l: "0495645cfb74df6e58f9748bb83a86620bab7c82e107f57d6870da8cbcb2ff9f7063a14b6402c62f99afcb9706a4d1a143273259fe76f1c605a3639745a92154b9",
            x: "ec82d9258337f61239c9cd68e8e532a3a6b83d12d2b1ca5d543f44def17dfb8d",
            share_p: "04230779960824076d3666a7418e4d433e2fa15b06176eabdd572f43a32ecc79a192b243d2624310a7356273b86e5fd9bd627d3ade762baeff1a320d4ad7a4e47f",
            y: "eac3f7de4b198d5fe25c443c0cd4963807add767815dd02a6f0133b4bc2c9eb0",
            share_v: "044558642e71b616b248c9583bd6d7aa1b3952c6df6a9f7492a06035ca5d92522d84443de7aa20a59380fa4de6b7438d925dbfb7f1cfe60d79acf961ee33988c7d",
            confirm_p: "e1b9258807ba4750dae1d7f3c3c294f13dc4fa60cde346d5de7d200e2f8fd3fc",
            confirm_v: "b9c39dfa49c47757de778d9bedeaca2448b905be19a43b94ee24b770208135e3",
            shared: "6989d8f9177ef7df67da437987f07255",
        },
    ];

    #[test]
    fn known_answers() {
        for v in &VECTORS {
            let mut kp = hex(v.w0);
            kp.extend(hex(v.w1));
            let t = psa_key_type_spake2p_key_pair(PSA_ECC_FAMILY_SECP_R1);
            assert_eq!(import(t, &kp).unwrap(), 256);
            let public = export_public(t, &kp).unwrap();
            assert_eq!(public[32..], hex(v.l)[..]);
            let pt = psa_key_type_spake2p_public_key(PSA_ECC_FAMILY_SECP_R1);
            import(pt, &public).unwrap();
            let reg_p = Registration::from_key(t, &kp).unwrap();
            let reg_v = Registration::from_key(pt, &public).unwrap();
            let mut p = Spake2p::new(v.sched, true, reg_p, v.context, v.idp, v.idv).unwrap().with_ephemeral(&hex(v.x));
            let mut ve = Spake2p::new(v.sched, false, reg_v, v.context, v.idv, v.idp).unwrap().with_ephemeral(&hex(v.y));
            let mut buf = [0u8; 65];
            let n = p.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
            assert_eq!(buf[..n], hex(v.share_p)[..]);
            ve.input(PSA_PAKE_STEP_KEY_SHARE, &buf[..n]).unwrap();
            let n = ve.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
            assert_eq!(buf[..n], hex(v.share_v)[..]);
            p.input(PSA_PAKE_STEP_KEY_SHARE, &buf[..n]).unwrap();
            assert_eq!(p.shared_secret(true).err(), Some(Error::BadState));
            assert_eq!(*p.shared_secret(false).unwrap(), hex(v.shared));
            let n = ve.output(PSA_PAKE_STEP_CONFIRM, &mut buf).unwrap();
            assert_eq!(buf[..n], hex(v.confirm_v)[..]);
            let mut bad = buf;
            bad[0] ^= 1;
            let mut p2 = Spake2p { next: Next::ConfirmV, ..p.snapshot() };
            assert_eq!(p2.input(PSA_PAKE_STEP_CONFIRM, &bad[..n]), Err(Error::InvalidSignature));
            p.input(PSA_PAKE_STEP_CONFIRM, &buf[..n]).unwrap();
            let n = p.output(PSA_PAKE_STEP_CONFIRM, &mut buf).unwrap();
            assert_eq!(buf[..n], hex(v.confirm_p)[..]);
            ve.input(PSA_PAKE_STEP_CONFIRM, &buf[..n]).unwrap();
            assert_eq!(*p.shared_secret(true).unwrap(), hex(v.shared));
            assert_eq!(*ve.shared_secret(true).unwrap(), hex(v.shared));
            assert_eq!(p.output(PSA_PAKE_STEP_CONFIRM, &mut buf), Err(Error::BadState));
        }
    }

    impl Spake2p {
        /// A copy of the state for a failure test.
        fn snapshot(&self) -> Self {
            Spake2p {
                sched: self.sched,
                prover: self.prover,
                reg: Registration { w0: self.reg.w0.clone(), w1: self.reg.w1.clone(), l: self.reg.l },
                context: self.context.clone(),
                id_prover: self.id_prover.clone(),
                id_verifier: self.id_verifier.clone(),
                eph: self.eph.clone(),
                share_p: self.share_p,
                share_v: self.share_v,
                keys: self.keys.as_ref().map(|k| Keys {
                    confirm_p: k.confirm_p.clone(),
                    confirm_v: k.confirm_v.clone(),
                    shared: k.shared.clone(),
                }),
                next: self.next,
            }
        }
    }

    #[test]
    fn every_schedule_round_trips_and_rejects_wrong_passwords() {
        for sched in [
            Schedule::Hmac(PSA_ALG_SHA_256),
            Schedule::Hmac(PSA_ALG_SHA_512),
            Schedule::Cmac(PSA_ALG_SHA_256),
            Schedule::Cmac(PSA_ALG_SHA_512),
            Schedule::Matter,
        ] {
            for wrong in [false, true] {
                let ws = [7u8; 80];
                let kp = key_pair_from_kdf(&ws).unwrap();
                let mut ws2 = ws;
                ws2[0] ^= u8::from(wrong);
                let kp2 = key_pair_from_kdf(&ws2).unwrap();
                let t = psa_key_type_spake2p_key_pair(PSA_ECC_FAMILY_SECP_R1);
                let mut p = Spake2p::new(sched, true, Registration::from_key(t, &kp).unwrap(), b"ctx", b"", b"").unwrap();
                let mut v = Spake2p::new(sched, false, Registration::from_key(t, &kp2).unwrap(), b"ctx", b"", b"").unwrap();
                let mut buf = [0u8; 65];
                let n = p.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
                v.input(PSA_PAKE_STEP_KEY_SHARE, &buf[..n]).unwrap();
                let n = v.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
                p.input(PSA_PAKE_STEP_KEY_SHARE, &buf[..n]).unwrap();
                let n = v.output(PSA_PAKE_STEP_CONFIRM, &mut buf).unwrap();
                assert_eq!(n, sched.confirm_len());
                let r = p.input(PSA_PAKE_STEP_CONFIRM, &buf[..n]);
                if wrong {
                    assert_eq!(r, Err(Error::InvalidSignature));
                    continue;
                }
                r.unwrap();
                let n = p.output(PSA_PAKE_STEP_CONFIRM, &mut buf).unwrap();
                v.input(PSA_PAKE_STEP_CONFIRM, &buf[..n]).unwrap();
                assert_eq!(*p.shared_secret(true).unwrap(), *v.shared_secret(true).unwrap());
            }
        }
    }

    #[test]
    fn formats_and_sequence() {
        let t = psa_key_type_spake2p_key_pair(PSA_ECC_FAMILY_SECP_R1);
        assert_eq!(import(t, &[0u8; 64]), Err(Error::InvalidArgument));
        assert_eq!(import(t, &[1u8; 63]), Err(Error::InvalidArgument));
        assert_eq!(import(psa_key_type_spake2p_key_pair(PSA_ECC_FAMILY_SECP_R1 + 1), &[1u8; 64]), Err(Error::NotSupported));
        let pt = psa_key_type_spake2p_public_key(PSA_ECC_FAMILY_SECP_R1);
        assert_eq!(import(pt, &[1u8; 97]), Err(Error::InvalidArgument));
        let reg = Registration::from_key(t, &[1u8; 64]).unwrap();
        let public = export_public(t, &[1u8; 64]).unwrap();
        let verifier_only = Registration::from_key(pt, &public).unwrap();
        assert!(Spake2p::new(Schedule::Matter, true, verifier_only, b"", b"", b"").is_err());
        let mut p = Spake2p::new(Schedule::Matter, true, reg, b"", b"", b"").unwrap();
        let mut buf = [0u8; 65];
        assert_eq!(p.input(PSA_PAKE_STEP_KEY_SHARE, &buf), Err(Error::BadState));
        assert_eq!(p.output(PSA_PAKE_STEP_CONFIRM, &mut buf), Err(Error::BadState));
        assert_eq!(p.output(PSA_PAKE_STEP_ZK_PROOF, &mut buf), Err(Error::InvalidArgument));
        p.output(PSA_PAKE_STEP_KEY_SHARE, &mut buf).unwrap();
        assert_eq!(p.input(PSA_PAKE_STEP_KEY_SHARE, &[4u8; 65]), Err(Error::InvalidArgument));
        assert_eq!(Schedule::of(psa_alg_spake2p_hmac(PSA_ALG_SHA_384)), Err(Error::NotSupported));
        assert_eq!(derivable(t, 256).unwrap(), 80);
        assert_eq!(derivable(pt, 256), Err(Error::InvalidArgument));
    }
}
