//! The PKCS#11 opaque driver: keys at `RUSTPSA_LOCATION_PKCS11` live as objects
//! in a PKCS#11 token (through the `cryptoki` crate), never in rustpsa's memory.
//!
//! * The key context the core stores (in memory and in the key file of a
//!   persistent key) is `"P11\x01"` followed by the objects' `CKA_ID` (16 random
//!   bytes, or the id of an attached object). A persistent PSA key is a token
//!   object (`CKA_TOKEN`), a volatile one a session object, which the token drops
//!   when the library is freed (its sessions close). Private and secret keys are
//!   `CKA_SENSITIVE` and not `CKA_EXTRACTABLE`, unless the policy has
//!   `PSA_KEY_USAGE_EXPORT` (then extractable and not sensitive, so that
//!   `psa_export_key` can read them).
//! * Sessions: a pool of read-write sessions of the configured token; each
//!   entry point takes one (opening another when all are in use) and puts it
//!   back. The module is initialised with `CKF_OS_LOCKING_OK`, so a token that
//!   supports it may be called from several threads, each with its own session
//!   (declare the driver thread-safe with `rustpsa_pkcs11_set_flags`);
//!   otherwise the core serialises the calls. Login state is per application:
//!   the first session logs in as the user.
//! * Object handles are found by `CKA_ID` and class and cached; `destroy_key`
//!   destroys the objects and forgets them.
//! * Errors of the token become PSA codes ([`status`]); nothing panics.
use std::collections::HashMap;

use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::aead::GcmParams;
use cryptoki::mechanism::elliptic_curve::{EcKdf, Ecdh1DeriveParams};
use cryptoki::mechanism::rsa::{PkcsMgfType, PkcsPssParams};
use cryptoki::mechanism::{Mechanism, MechanismType};
use cryptoki::object::{Attribute, AttributeType, KeyType, ObjectClass, ObjectHandle};
use cryptoki::session::{Session, UserType};
use cryptoki::slot::Slot;
use cryptoki::types::AuthPin;
use parking_lot::Mutex;
use zeroize::Zeroizing;

use super::ops::{CipherOp, MacOp};
use super::{Created, Driver, Key};
use crate::types::*;

/// Where the token is: the module to load, the token's label, the user PIN.
#[derive(Clone)]
pub struct Config {
    /// Path of the PKCS#11 module (a shared library).
    pub module: std::path::PathBuf,
    /// Label of the token to use.
    pub token: String,
    /// The user PIN.
    pub pin: Zeroizing<String>,
}

/// The configuration lock. Guards the configuration set by
/// `rustpsa_pkcs11_configure` (read at init).
static CONFIG: Mutex<Option<Config>> = Mutex::new(None);

/// `RUSTPSA_DRIVER_*` flags set through the API (`rustpsa_pkcs11_set_flags`).
static FLAGS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// Sets the flags (before init).
pub fn set_flags(flags: u32) {
    FLAGS.store(flags, std::sync::atomic::Ordering::Relaxed);
}

/// Sets (or with `None`, clears) the configuration made through the API.
pub fn configure(cfg: Option<Config>) {
    *CONFIG.lock() = cfg;
}

/// The driver for the configured token, if any (API configuration first,
/// then the `RUSTPSA_PKCS11_*` environment), with its thread-safety flag.
pub fn from_config() -> Result<Option<(Box<dyn Driver>, bool)>> {
    let env = |k: &str| crate::storage::file::secure_var_os(k).map(|v| v.to_string_lossy().into_owned());
    let cfg = match CONFIG.lock().clone() {
        Some(c) => c,
        None => match (env("RUSTPSA_PKCS11_MODULE"), env("RUSTPSA_PKCS11_TOKEN"), env("RUSTPSA_PKCS11_PIN")) {
            (Some(m), Some(t), Some(p)) if !m.is_empty() => Config { module: m.into(), token: t, pin: Zeroizing::new(p) },
            _ => return Ok(None),
        },
    };
    let thread_safe = FLAGS.load(std::sync::atomic::Ordering::Relaxed) & super::abi::RUSTPSA_DRIVER_THREAD_SAFE != 0
        || env("RUSTPSA_PKCS11_THREAD_SAFE").is_some_and(|v| v == "1");
    Ok(Some((Box::new(Token::open(&cfg)?), thread_safe)))
}

/// A token error as a PSA error.
pub fn status(e: CkError) -> Error {
    if std::env::var_os("RUSTPSA_PKCS11_DEBUG").is_some() {
        eprintln!("pkcs11: {e}");
    }
    match e {
        CkError::Pkcs11(rv, _) => match rv {
            RvError::HostMemory | RvError::DeviceMemory => Error::InsufficientMemory,
            RvError::DeviceError => Error::HardwareFailure,
            RvError::DeviceRemoved | RvError::TokenNotPresent | RvError::SessionClosed | RvError::SessionHandleInvalid => {
                Error::CommunicationFailure
            }
            RvError::PinIncorrect
            | RvError::UserNotLoggedIn
            | RvError::KeyFunctionNotPermitted
            | RvError::AttributeSensitive
            | RvError::KeyUnextractable => Error::NotPermitted,
            RvError::MechanismInvalid | RvError::KeyTypeInconsistent | RvError::KeySizeRange => Error::NotSupported,
            RvError::SignatureInvalid | RvError::SignatureLenRange => Error::InvalidSignature,
            RvError::EncryptedDataInvalid | RvError::EncryptedDataLenRange => Error::InvalidSignature,
            RvError::BufferTooSmall => Error::BufferTooSmall,
            RvError::ArgumentsBad
            | RvError::DataInvalid
            | RvError::DataLenRange
            | RvError::AttributeValueInvalid
            | RvError::TemplateInconsistent => Error::InvalidArgument,
            RvError::KeyHandleInvalid | RvError::ObjectHandleInvalid => Error::DoesNotExist,
            _ => Error::HardwareFailure,
        },
        CkError::LibraryLoading(_) | CkError::NullFunctionPointer | CkError::MissingSymbol(_) => Error::CommunicationFailure,
        _ => Error::CommunicationFailure,
    }
}

type R<T> = std::result::Result<T, CkError>;

fn ck<T>(r: R<T>) -> Result<T> {
    r.map_err(status)
}

/// The prefix of every key context of this driver.
const MAGIC: &[u8; 4] = b"P11\x01";

/// An open token.
pub struct Token {
    ctx: Option<Pkcs11>,
    slot: Slot,
    /// The session pool lock. Guards the idle sessions; held only to take or
    /// return one, never across a token call.
    idle: Mutex<Vec<Session>>,
    /// The handle cache lock. Guards (CKA_ID, class) → object handle; held
    /// only for the map lookup or update, never across a token call.
    handles: Mutex<HashMap<(Vec<u8>, u64), ObjectHandle>>,
    pin: AuthPin,
}

/// A session borrowed from the pool (returned on drop).
struct Borrowed<'a> {
    token: &'a Token,
    session: Option<Session>,
}

impl std::ops::Deref for Borrowed<'_> {
    type Target = Session;
    fn deref(&self) -> &Session {
        self.session.as_ref().expect("a borrowed session")
    }
}

impl Drop for Borrowed<'_> {
    fn drop(&mut self) {
        if let Some(s) = self.session.take() {
            self.token.idle.lock().push(s);
        }
    }
}

impl Drop for Token {
    fn drop(&mut self) {
        // Close the sessions (dropping the session objects of volatile keys),
        // then finalise the module.
        self.idle.lock().clear();
        if let Some(ctx) = self.ctx.take() {
            let _ = ctx.finalize();
        }
    }
}

impl Token {
    /// Loads the module, finds the token by label and logs in.
    fn open(cfg: &Config) -> Result<Self> {
        let ctx = ck(Pkcs11::new(&cfg.module))?;
        ck(ctx.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)))?;
        let mut found = None;
        for slot in ck(ctx.get_slots_with_token())? {
            if ck(ctx.get_token_info(slot))?.label().trim_end() == cfg.token {
                found = Some(slot);
                break;
            }
        }
        let slot = found.ok_or(Error::DoesNotExist)?;
        let t = Token {
            ctx: Some(ctx),
            slot,
            idle: Mutex::new(Vec::new()),
            handles: Mutex::new(HashMap::new()),
            pin: AuthPin::from(cfg.pin.as_str().to_owned()),
        };
        drop(t.session()?); // opens and logs in once, so a bad PIN fails init
        Ok(t)
    }

    fn session(&self) -> Result<Borrowed<'_>> {
        if let Some(s) = self.idle.lock().pop() {
            return Ok(Borrowed { token: self, session: Some(s) });
        }
        let ctx = self.ctx.as_ref().ok_or(Error::BadState)?;
        let s = ck(ctx.open_rw_session(self.slot))?;
        match s.login(UserType::User, Some(&self.pin)) {
            Ok(()) | Err(CkError::Pkcs11(RvError::UserAlreadyLoggedIn, _)) => {}
            Err(e) => return Err(status(e)),
        }
        Ok(Borrowed { token: self, session: Some(s) })
    }

    /// The object of class `class` with `CKA_ID` `id` (cached).
    fn find(&self, s: &Session, id: &[u8], class: ObjectClass) -> Result<ObjectHandle> {
        let key = (id.to_vec(), u64::from(class));
        if let Some(h) = self.handles.lock().get(&key) {
            return Ok(*h);
        }
        let found = ck(s.find_objects(&[Attribute::Class(class), Attribute::Id(id.to_vec())]))?;
        let h = *found.first().ok_or(Error::DoesNotExist)?;
        self.handles.lock().insert(key, h);
        Ok(h)
    }

    /// The private or secret key object of a key context.
    fn key_object(&self, s: &Session, key: &Key<'_>) -> Result<ObjectHandle> {
        let class = if psa_key_type_is_asymmetric(key.attrs.private_type) { ObjectClass::PRIVATE_KEY } else { ObjectClass::SECRET_KEY };
        self.find(s, id_of(key.buffer)?, class)
    }

    fn public_object(&self, s: &Session, key: &Key<'_>) -> Result<ObjectHandle> {
        self.find(s, id_of(key.buffer)?, ObjectClass::PUBLIC_KEY)
    }

    fn value(s: &Session, h: ObjectHandle, t: AttributeType) -> Result<Vec<u8>> {
        let attrs = ck(s.get_attributes(h, &[t]))?;
        for a in attrs {
            match a {
                Attribute::Value(v) | Attribute::EcPoint(v) | Attribute::Modulus(v) | Attribute::PublicExponent(v) => return Ok(v),
                Attribute::PrivateExponent(v) | Attribute::Prime1(v) | Attribute::Prime2(v) => return Ok(v),
                Attribute::Exponent1(v) | Attribute::Exponent2(v) | Attribute::Coefficient(v) => return Ok(v),
                Attribute::Id(v) | Attribute::EcParams(v) => return Ok(v),
                _ => {}
            }
        }
        Err(Error::NotPermitted)
    }
}

/// The `CKA_ID` in a key context.
fn id_of(ctx: &[u8]) -> Result<&[u8]> {
    match ctx.strip_prefix(MAGIC.as_slice()) {
        Some(id) if !id.is_empty() => Ok(id),
        _ => Err(Error::CorruptionDetected),
    }
}

fn context(id: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut c = Zeroizing::new(MAGIC.to_vec());
    c.extend_from_slice(id);
    c
}

/// DER of the OID of a NIST curve of `bits` bits.
fn curve_oid(t: psa_key_type_t, bits: usize) -> Result<&'static [u8]> {
    if psa_key_type_ecc_get_family(t) != PSA_ECC_FAMILY_SECP_R1 {
        return Err(Error::NotSupported);
    }
    match bits {
        256 => Ok(&[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]),
        384 => Ok(&[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22]),
        521 => Ok(&[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x23]),
        _ => Err(Error::NotSupported),
    }
}

/// DER length octets.
fn der_len(n: usize, out: &mut Vec<u8>) {
    if n < 0x80 {
        out.push(n as u8);
    } else if n < 0x100 {
        out.extend_from_slice(&[0x81, n as u8]);
    } else {
        out.extend_from_slice(&[0x82, (n >> 8) as u8, n as u8]);
    }
}

/// A DER element with tag `tag` and content `body`.
fn der(tag: u8, body: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    der_len(body.len(), out);
    out.extend_from_slice(body);
}

/// A DER INTEGER of the unsigned big-endian `v`.
fn der_uint(v: &[u8], out: &mut Vec<u8>) {
    let v = match v.iter().position(|&b| b != 0) {
        Some(i) => &v[i..],
        None => &[0][..],
    };
    let mut body = Zeroizing::new(Vec::with_capacity(v.len() + 1));
    if v[0] & 0x80 != 0 {
        body.push(0);
    }
    body.extend_from_slice(v);
    der(0x02, &body, out);
}

/// Reads one DER element of tag `tag`: (content, rest).
fn der_read(tag: u8, d: &[u8]) -> Result<(&[u8], &[u8])> {
    let bad = Error::InvalidArgument;
    if d.len() < 2 || d[0] != tag {
        return Err(bad);
    }
    let (len, head): (usize, usize) = match d[1] {
        n if n < 0x80 => (n as usize, 2),
        0x81 if d.len() > 2 => (d[2] as usize, 3),
        0x82 if d.len() > 3 => (((d[2] as usize) << 8) | d[3] as usize, 4),
        _ => return Err(bad),
    };
    let end = head.checked_add(len).filter(|&e| e <= d.len()).ok_or(bad)?;
    Ok((&d[head..end], &d[end..]))
}

/// The point inside a DER OCTET STRING (`CKA_EC_POINT`); some tokens return it raw.
fn unwrap_point(v: &[u8]) -> Vec<u8> {
    match der_read(0x04, v) {
        Ok((p, rest)) if rest.is_empty() && p.first() == Some(&0x04) => p.to_vec(),
        _ => v.to_vec(),
    }
}

/// The DigestInfo prefix of PKCS#1 v1.5 signatures (RFC 8017, 9.2 note 1).
fn digest_info(h: psa_algorithm_t) -> Result<&'static [u8]> {
    Ok(match h {
        PSA_ALG_SHA_1 => &[0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14],
        PSA_ALG_SHA_224 => &[0x30, 0x2d, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x04, 0x05, 0x00, 0x04, 0x1c],
        PSA_ALG_SHA_256 => &[0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20],
        PSA_ALG_SHA_384 => &[0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30],
        PSA_ALG_SHA_512 => &[0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40],
        _ => return Err(Error::NotSupported),
    })
}

/// The PKCS#11 hash and MGF1 of a PSA hash (for PSS).
fn pss_hash(h: psa_algorithm_t) -> Result<(MechanismType, PkcsMgfType)> {
    Ok(match h {
        PSA_ALG_SHA_1 => (MechanismType::SHA1, PkcsMgfType::MGF1_SHA1),
        PSA_ALG_SHA_224 => (MechanismType::SHA224, PkcsMgfType::MGF1_SHA224),
        PSA_ALG_SHA_256 => (MechanismType::SHA256, PkcsMgfType::MGF1_SHA256),
        PSA_ALG_SHA_384 => (MechanismType::SHA384, PkcsMgfType::MGF1_SHA384),
        PSA_ALG_SHA_512 => (MechanismType::SHA512, PkcsMgfType::MGF1_SHA512),
        _ => return Err(Error::NotSupported),
    })
}

/// The signature mechanism and the data to sign for a hash-and-sign `alg`.
fn sign_mechanism(t: psa_key_type_t, alg: psa_algorithm_t, hash: &[u8]) -> Result<(Mechanism<'static>, Zeroizing<Vec<u8>>)> {
    let h = psa_alg_sign_get_hash(alg);
    if psa_key_type_is_ecc(t) && psa_alg_is_randomized_ecdsa(alg) {
        return Ok((Mechanism::Ecdsa, Zeroizing::new(hash.to_vec())));
    }
    if !psa_key_type_is_rsa(t) {
        return Err(Error::NotSupported);
    }
    if alg == PSA_ALG_RSA_PKCS1V15_SIGN_RAW {
        return Ok((Mechanism::RsaPkcs, Zeroizing::new(hash.to_vec())));
    }
    if psa_alg_is_rsa_pkcs1v15_sign(alg) {
        let mut data = Zeroizing::new(digest_info(h)?.to_vec());
        data.extend_from_slice(hash);
        return Ok((Mechanism::RsaPkcs, data));
    }
    if psa_alg_is_rsa_pss_standard_salt(alg) {
        let (hash_alg, mgf) = pss_hash(h)?;
        let params = PkcsPssParams { hash_alg, mgf, s_len: (hash.len() as u64).into() };
        return Ok((Mechanism::RsaPkcsPss(params), Zeroizing::new(hash.to_vec())));
    }
    Err(Error::NotSupported)
}

/// The HMAC mechanism of `PSA_ALG_HMAC(h)`.
fn hmac_mechanism(alg: psa_algorithm_t) -> Result<Mechanism<'static>> {
    if !psa_alg_is_hmac(alg) || psa_alg_full_length_mac(alg) != alg {
        return Err(Error::NotSupported);
    }
    Ok(match psa_alg_hmac_get_hash(alg) {
        PSA_ALG_SHA_1 => Mechanism::Sha1Hmac,
        PSA_ALG_SHA_224 => Mechanism::Sha224Hmac,
        PSA_ALG_SHA_256 => Mechanism::Sha256Hmac,
        PSA_ALG_SHA_384 => Mechanism::Sha384Hmac,
        PSA_ALG_SHA_512 => Mechanism::Sha512Hmac,
        _ => return Err(Error::NotSupported),
    })
}

/// Copies a token result into the caller's buffer.
fn put(v: &[u8], out: &mut [u8]) -> Result<usize> {
    out.get_mut(..v.len()).ok_or(Error::BufferTooSmall)?.copy_from_slice(v);
    Ok(v.len())
}

/// The common attributes of a new key object.
fn common(attrs: &psa_key_attributes_t, id: &[u8], private: bool) -> Vec<Attribute> {
    let token = !psa_key_lifetime_is_volatile(attrs.private_lifetime);
    let mut v = vec![Attribute::Token(token), Attribute::Id(id.to_vec())];
    if private {
        // A key the policy lets out must be readable (CKA_VALUE of a
        // sensitive key is never revealed); every other key is sensitive and
        // cannot leave the token, not even wrapped.
        let export = attrs.private_usage & PSA_KEY_USAGE_EXPORT != 0;
        v.extend([Attribute::Private(true), Attribute::Sensitive(!export), Attribute::Extractable(export)]);
    }
    v
}

fn usage_attrs(attrs: &psa_key_attributes_t) -> Vec<Attribute> {
    let u = attrs.private_usage;
    let t = attrs.private_type;
    let any = |f: psa_key_usage_t| u & f != 0;
    if psa_key_type_is_asymmetric(t) {
        vec![
            Attribute::Sign(any(PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_SIGN_MESSAGE)),
            Attribute::Derive(any(PSA_KEY_USAGE_DERIVE)),
        ]
    } else if t == PSA_KEY_TYPE_HMAC {
        vec![Attribute::Sign(true), Attribute::Verify(true)]
    } else {
        vec![Attribute::Encrypt(true), Attribute::Decrypt(true)]
    }
}

fn new_id() -> Result<[u8; 16]> {
    let mut id = [0u8; 16];
    crate::crypto::random::fill(&mut id)?;
    Ok(id)
}

/// The RSA private key's nine integers (RFC 8017, A.1.2).
fn rsa_parts(data: &[u8]) -> Result<Vec<&[u8]>> {
    let (seq, rest) = der_read(0x30, data)?;
    if !rest.is_empty() {
        return Err(Error::InvalidArgument);
    }
    let mut parts = Vec::with_capacity(9);
    let mut d = seq;
    for _ in 0..9 {
        let (v, r) = der_read(0x02, d)?;
        // Big-endian magnitudes without DER's sign octet.
        let start = v.iter().position(|&b| b != 0).unwrap_or(v.len().saturating_sub(1));
        parts.push(&v[start..]);
        d = r;
    }
    Ok(parts)
}

impl Driver for Token {
    fn generate_key(&self, attrs: &psa_key_attributes_t) -> Result<Zeroizing<Vec<u8>>> {
        let (t, bits) = (attrs.private_type, attrs.private_bits as usize);
        let id = new_id()?;
        let s = self.session()?;
        if psa_key_type_is_ecc_key_pair(t) || t == PSA_KEY_TYPE_RSA_KEY_PAIR {
            let mut public = common(attrs, &id, false);
            public.push(Attribute::Verify(true));
            let mech = if t == PSA_KEY_TYPE_RSA_KEY_PAIR {
                public.extend([Attribute::ModulusBits((bits as u64).into()), Attribute::PublicExponent(vec![1, 0, 1])]);
                Mechanism::RsaPkcsKeyPairGen
            } else {
                public.push(Attribute::EcParams(curve_oid(t, bits)?.to_vec()));
                Mechanism::EccKeyPairGen
            };
            let mut private = common(attrs, &id, true);
            private.extend(usage_attrs(attrs));
            ck(s.generate_key_pair(&mech, &public, &private))?;
        } else {
            let (mech, kt) = match t {
                PSA_KEY_TYPE_AES => (Mechanism::AesKeyGen, KeyType::AES),
                PSA_KEY_TYPE_HMAC => (Mechanism::GenericSecretKeyGen, KeyType::GENERIC_SECRET),
                _ => return Err(Error::NotSupported),
            };
            if bits % 8 != 0 {
                return Err(Error::InvalidArgument);
            }
            let mut tpl = common(attrs, &id, true);
            tpl.extend([Attribute::Class(ObjectClass::SECRET_KEY), Attribute::KeyType(kt), Attribute::ValueLen(((bits / 8) as u64).into())]);
            tpl.extend(usage_attrs(attrs));
            ck(s.generate_key(&mech, &tpl))?;
        }
        Ok(context(&id))
    }

    fn import_key(&self, attrs: &psa_key_attributes_t, data: &[u8]) -> Result<Created> {
        let t = attrs.private_type;
        let bits = crate::crypto::keys::import_bits(t, data)?;
        let id = new_id()?;
        let s = self.session()?;
        let mut private = common(attrs, &id, true);
        private.extend(usage_attrs(attrs));
        if psa_key_type_is_ecc_key_pair(t) {
            let oid = curve_oid(t, bits)?.to_vec();
            let point = crate::crypto::keys::export_public(t, bits, data)?;
            let mut der_point = Vec::new();
            der(0x04, &point, &mut der_point);
            let mut public = common(attrs, &id, false);
            public.extend([
                Attribute::Class(ObjectClass::PUBLIC_KEY),
                Attribute::KeyType(KeyType::EC),
                Attribute::EcParams(oid.clone()),
                Attribute::EcPoint(der_point),
                Attribute::Verify(true),
            ]);
            private.extend([
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::KeyType(KeyType::EC),
                Attribute::EcParams(oid),
                Attribute::Value(data.to_vec()),
            ]);
            let pubh = ck(s.create_object(&public))?;
            if let Err(e) = s.create_object(&private) {
                let _ = s.destroy_object(pubh);
                return Err(status(e));
            }
        } else if t == PSA_KEY_TYPE_RSA_KEY_PAIR {
            let p = rsa_parts(data)?;
            let mut public = common(attrs, &id, false);
            public.extend([
                Attribute::Class(ObjectClass::PUBLIC_KEY),
                Attribute::KeyType(KeyType::RSA),
                Attribute::Modulus(p[1].to_vec()),
                Attribute::PublicExponent(p[2].to_vec()),
                Attribute::Verify(true),
            ]);
            private.extend([
                Attribute::Class(ObjectClass::PRIVATE_KEY),
                Attribute::KeyType(KeyType::RSA),
                Attribute::Modulus(p[1].to_vec()),
                Attribute::PublicExponent(p[2].to_vec()),
                Attribute::PrivateExponent(p[3].to_vec()),
                Attribute::Prime1(p[4].to_vec()),
                Attribute::Prime2(p[5].to_vec()),
                Attribute::Exponent1(p[6].to_vec()),
                Attribute::Exponent2(p[7].to_vec()),
                Attribute::Coefficient(p[8].to_vec()),
            ]);
            let pubh = ck(s.create_object(&public))?;
            if let Err(e) = s.create_object(&private) {
                let _ = s.destroy_object(pubh);
                return Err(status(e));
            }
        } else {
            let kt = match t {
                PSA_KEY_TYPE_AES => KeyType::AES,
                PSA_KEY_TYPE_HMAC => KeyType::GENERIC_SECRET,
                _ => return Err(Error::NotSupported),
            };
            private.extend([Attribute::Class(ObjectClass::SECRET_KEY), Attribute::KeyType(kt), Attribute::Value(data.to_vec())]);
            ck(s.create_object(&private))?;
        }
        Ok((context(&id), bits))
    }

    fn attach_key(&self, attrs: &psa_key_attributes_t, label: &[u8]) -> Result<Created> {
        let t = attrs.private_type;
        let (class, kt) = if psa_key_type_is_ecc_key_pair(t) {
            (ObjectClass::PRIVATE_KEY, KeyType::EC)
        } else if t == PSA_KEY_TYPE_RSA_KEY_PAIR {
            (ObjectClass::PRIVATE_KEY, KeyType::RSA)
        } else if t == PSA_KEY_TYPE_AES {
            (ObjectClass::SECRET_KEY, KeyType::AES)
        } else if t == PSA_KEY_TYPE_HMAC {
            (ObjectClass::SECRET_KEY, KeyType::GENERIC_SECRET)
        } else {
            return Err(Error::NotSupported);
        };
        let s = self.session()?;
        // By CKA_ID first, then by CKA_LABEL.
        let mut found = ck(s.find_objects(&[Attribute::Class(class), Attribute::KeyType(kt), Attribute::Id(label.to_vec())]))?;
        if found.is_empty() {
            found = ck(s.find_objects(&[Attribute::Class(class), Attribute::KeyType(kt), Attribute::Label(label.to_vec())]))?;
        }
        let h = *found.first().ok_or(Error::DoesNotExist)?;
        let id = Token::value(&s, h, AttributeType::Id)?;
        if id.is_empty() {
            return Err(Error::NotSupported);
        }
        let bits = if kt == KeyType::EC {
            let oid = Token::value(&s, h, AttributeType::EcParams)?;
            [256, 384, 521].into_iter().find(|&b| curve_oid(t, b).is_ok_and(|o| o == oid.as_slice())).ok_or(Error::NotSupported)?
        } else if kt == KeyType::RSA {
            let n = Token::value(&s, h, AttributeType::Modulus)?;
            n.iter().skip_while(|&&b| b == 0).count() * 8
        } else {
            let attrs = ck(s.get_attributes(h, &[AttributeType::ValueLen]))?;
            match attrs.first() {
                Some(Attribute::ValueLen(n)) => u64::from(*n) as usize * 8,
                _ => return Err(Error::NotSupported),
            }
        };
        Ok((context(&id), bits))
    }

    fn export_key(&self, key: Key<'_>, out: &mut [u8]) -> Result<usize> {
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        let t = key.attrs.private_type;
        if t == PSA_KEY_TYPE_RSA_KEY_PAIR {
            let mut body = Zeroizing::new(Vec::new());
            der_uint(&[0], &mut body);
            for a in [
                AttributeType::Modulus,
                AttributeType::PublicExponent,
                AttributeType::PrivateExponent,
                AttributeType::Prime1,
                AttributeType::Prime2,
                AttributeType::Exponent1,
                AttributeType::Exponent2,
                AttributeType::Coefficient,
            ] {
                der_uint(&Zeroizing::new(Token::value(&s, h, a)?), &mut body);
            }
            let mut d = Zeroizing::new(Vec::new());
            der(0x30, &body, &mut d);
            return put(&d, out);
        }
        let v = Zeroizing::new(Token::value(&s, h, AttributeType::Value)?);
        if psa_key_type_is_ecc(t) {
            // The private value, left-padded to the curve's size.
            let n = (key.attrs.private_bits as usize).div_ceil(8);
            let v = v.get(v.len().saturating_sub(n)..).unwrap_or(&v);
            let dst = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
            dst.fill(0);
            dst[n - v.len()..].copy_from_slice(v);
            return Ok(n);
        }
        put(&v, out)
    }

    fn export_public_key(&self, key: Key<'_>, out: &mut [u8]) -> Result<usize> {
        let s = self.session()?;
        let h = self.public_object(&s, &key)?;
        if psa_key_type_is_rsa(key.attrs.private_type) {
            let mut body = Vec::new();
            der_uint(&Token::value(&s, h, AttributeType::Modulus)?, &mut body);
            der_uint(&Token::value(&s, h, AttributeType::PublicExponent)?, &mut body);
            let mut d = Vec::new();
            der(0x30, &body, &mut d);
            return put(&d, out);
        }
        put(&unwrap_point(&Token::value(&s, h, AttributeType::EcPoint)?), out)
    }

    fn destroy_key(&self, key: Key<'_>) -> Result<()> {
        let id = id_of(key.buffer)?.to_vec();
        let s = self.session()?;
        let mut destroyed = 0;
        for class in [ObjectClass::PRIVATE_KEY, ObjectClass::PUBLIC_KEY, ObjectClass::SECRET_KEY] {
            self.handles.lock().remove(&(id.clone(), u64::from(class)));
            for h in ck(s.find_objects(&[Attribute::Class(class), Attribute::Id(id.clone())]))? {
                ck(s.destroy_object(h))?;
                destroyed += 1;
            }
        }
        if destroyed == 0 {
            return Err(Error::DoesNotExist);
        }
        Ok(())
    }

    fn sign_hash(&self, key: Key<'_>, alg: psa_algorithm_t, hash: &[u8], out: &mut [u8]) -> Result<usize> {
        let (mech, data) = sign_mechanism(key.attrs.private_type, alg, hash)?;
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        put(&ck(s.sign(&mech, h, &data))?, out)
    }

    fn verify_hash(&self, key: Key<'_>, alg: psa_algorithm_t, hash: &[u8], sig: &[u8]) -> Result<()> {
        let (mech, data) = sign_mechanism(key.attrs.private_type, alg, hash)?;
        let s = self.session()?;
        let h = self.public_object(&s, &key)?;
        match s.verify(&mech, h, &data, sig) {
            Ok(()) => Ok(()),
            Err(CkError::Pkcs11(RvError::DataLenRange | RvError::DataInvalid, _)) => Err(Error::InvalidSignature),
            Err(e) => Err(status(e)),
        }
    }

    fn key_agreement(&self, key: Key<'_>, alg: psa_algorithm_t, peer: &[u8], out: &mut [u8]) -> Result<usize> {
        if alg != PSA_ALG_ECDH || !psa_key_type_is_ecc_key_pair(key.attrs.private_type) {
            return Err(Error::NotSupported);
        }
        let n = (key.attrs.private_bits as usize).div_ceil(8);
        if peer.len() != 1 + 2 * n || peer[0] != 0x04 {
            return Err(Error::InvalidArgument);
        }
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        let mech = Mechanism::Ecdh1Derive(Ecdh1DeriveParams::new(EcKdf::null(), peer));
        let tpl = [
            Attribute::Class(ObjectClass::SECRET_KEY),
            Attribute::KeyType(KeyType::GENERIC_SECRET),
            Attribute::ValueLen((n as u64).into()),
            Attribute::Token(false),
            Attribute::Sensitive(false),
            Attribute::Extractable(true),
        ];
        let secret = ck(s.derive_key(&mech, h, &tpl))?;
        let v = Token::value(&s, secret, AttributeType::Value).map(Zeroizing::new);
        let _ = s.destroy_object(secret);
        put(&v?, out)
    }

    fn mac_compute(&self, key: Key<'_>, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        let mech = hmac_mechanism(alg)?;
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        put(&Zeroizing::new(ck(s.sign(&mech, h, input))?), out)
    }

    fn cipher_encrypt(&self, key: Key<'_>, alg: psa_algorithm_t, iv: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        let iv: [u8; 16] = iv.try_into().map_err(|_| Error::NotSupported)?;
        let mech = match alg {
            PSA_ALG_CBC_NO_PADDING if input.len() % 16 != 0 => return Err(Error::InvalidArgument),
            PSA_ALG_CBC_NO_PADDING => Mechanism::AesCbc(iv),
            PSA_ALG_CBC_PKCS7 => Mechanism::AesCbcPad(iv),
            _ => return Err(Error::NotSupported),
        };
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        put(&ck(s.encrypt(&mech, h, input))?, out)
    }

    fn cipher_decrypt(&self, key: Key<'_>, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
        if input.len() < 16 {
            return Err(Error::InvalidArgument);
        }
        let (iv, ct) = input.split_at(16);
        let iv: [u8; 16] = iv.try_into().map_err(|_| Error::InvalidArgument)?;
        let mech = match alg {
            PSA_ALG_CBC_NO_PADDING | PSA_ALG_CBC_PKCS7 if ct.len() % 16 != 0 => return Err(Error::InvalidArgument),
            PSA_ALG_CBC_NO_PADDING => Mechanism::AesCbc(iv),
            PSA_ALG_CBC_PKCS7 => Mechanism::AesCbcPad(iv),
            _ => return Err(Error::NotSupported),
        };
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        match s.decrypt(&mech, h, ct) {
            Ok(pt) => put(&Zeroizing::new(pt), out),
            Err(CkError::Pkcs11(RvError::EncryptedDataInvalid | RvError::EncryptedDataLenRange, _)) => Err(Error::InvalidPadding),
            Err(e) => Err(status(e)),
        }
    }

    fn aead_encrypt(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        self.gcm(key, alg, nonce, ad, input, out, true)
    }

    fn aead_decrypt(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8]) -> Result<usize> {
        self.gcm(key, alg, nonce, ad, input, out, false)
    }

    fn mac_setup(&self, key: Key<'_>, alg: psa_algorithm_t, _verify: bool) -> Result<Box<dyn MacOp>> {
        let mech = hmac_mechanism(alg)?;
        let s = self.own_session()?;
        let h = self.key_object(&s, &key)?;
        ck(s.sign_init(&mech, h))?;
        Ok(Box::new(P11Mac { s, active: true }))
    }

    fn cipher_setup(&self, key: Key<'_>, alg: psa_algorithm_t, encrypt: bool) -> Result<Box<dyn CipherOp>> {
        if key.attrs.private_type != PSA_KEY_TYPE_AES || !matches!(alg, PSA_ALG_CBC_NO_PADDING | PSA_ALG_CBC_PKCS7) {
            return Err(Error::NotSupported);
        }
        let s = self.own_session()?;
        let key = self.key_object(&s, &key)?;
        Ok(Box::new(P11Cipher { s, key, alg, encrypt, active: false, pending: 0 }))
    }
}

// ---------------------------------------------------------------------------
// Multi-part operations: HMAC (C_SignInit/Update/Final) and AES-CBC
// (C_EncryptInit/Update/Final, C_Decrypt…). An operation keeps one session
// of the pool for its whole life (PKCS#11 runs one operation of a kind per
// session) and gives it back when it ends. An active token operation is
// ended by its C_*Final (the result discarded), never by closing the
// session: closing it would drop the session objects (volatile keys) it made.
// AEAD is one-shot only (`aead_setup` stays `NotSupported`): PKCS#11 2.40
// GCM takes the additional data at C_EncryptInit, and a decryption releases
// its plaintext only at C_DecryptFinal, after the tag, so the output sizes
// PSA promises for psa_aead_update / psa_aead_verify could not be kept.

/// A session taken out of the pool for one multi-part operation; back to the
/// pool on drop.
struct OwnedSession {
    /// The token, alive in the active registry, which outlives every
    /// operation (`mbedtls_psa_crypto_free` ends them before dropping it).
    token: *const Token,
    session: Option<Session>,
}

// SAFETY: `Session` is `Send`; the token pointer is only used to return the
// session to the pool, under the pool's lock.
unsafe impl Send for OwnedSession {}

impl std::ops::Deref for OwnedSession {
    type Target = Session;
    fn deref(&self) -> &Session {
        self.session.as_ref().expect("an owned session")
    }
}

impl Drop for OwnedSession {
    fn drop(&mut self) {
        if let Some(s) = self.session.take() {
            // SAFETY: see `token`.
            unsafe { &*self.token }.idle.lock().push(s);
        }
    }
}

impl Token {
    /// A session of the pool for a multi-part operation.
    fn own_session(&self) -> Result<OwnedSession> {
        let mut b = self.session()?;
        Ok(OwnedSession { token: self, session: b.session.take() })
    }
}

/// A multi-part HMAC in the token (sign or verify: the core's verify
/// compares the token's MAC in constant time).
struct P11Mac {
    s: OwnedSession,
    /// The token's operation has not ended yet.
    active: bool,
}

impl P11Mac {
    fn take(&mut self) -> Result<Zeroizing<Vec<u8>>> {
        self.active = false;
        ck(self.s.sign_final()).map(Zeroizing::new)
    }
}

impl MacOp for P11Mac {
    fn update(&mut self, input: &[u8]) -> Result<()> {
        // Any error but a buffer size ends the token's operation.
        ck(self.s.sign_update(input)).inspect_err(|_| self.active = false)
    }

    fn sign_finish(&mut self, out: &mut [u8]) -> Result<usize> {
        let v = self.take()?;
        put(&v, out)
    }

    fn verify_finish(&mut self, mac: &[u8]) -> Result<()> {
        let v = self.take()?;
        if v.len() == mac.len() && bool::from(subtle::ConstantTimeEq::ct_eq(&v[..], mac)) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    fn abort(&mut self) {
        if self.active {
            let _ = self.take();
        }
    }
}

/// A multi-part AES-CBC operation in the token; the token's operation starts
/// at `set_iv` (the IV is part of the mechanism).
struct P11Cipher {
    s: OwnedSession,
    key: ObjectHandle,
    alg: psa_algorithm_t,
    encrypt: bool,
    /// The token's operation runs (from `set_iv` to its final).
    active: bool,
    /// Input bytes the token holds back (a partial block, or the last block
    /// of a PKCS#7 decryption).
    pending: usize,
}

impl P11Cipher {
    fn final_(&mut self) -> Result<Vec<u8>> {
        self.active = false;
        let r = if self.encrypt { self.s.encrypt_final() } else { self.s.decrypt_final() };
        match r {
            Ok(v) => Ok(v),
            Err(CkError::Pkcs11(RvError::EncryptedDataInvalid | RvError::EncryptedDataLenRange, _)) if !self.encrypt => {
                Err(Error::InvalidPadding)
            }
            // SoftHSM2 reports a bad PKCS#7 padding as CKR_GENERAL_ERROR (as
            // it does a wrong GCM tag).
            Err(CkError::Pkcs11(RvError::GeneralError, _)) if !self.encrypt && self.alg == PSA_ALG_CBC_PKCS7 => {
                Err(Error::InvalidPadding)
            }
            Err(CkError::Pkcs11(RvError::DataLenRange, _)) => Err(Error::InvalidArgument),
            Err(e) => Err(status(e)),
        }
    }
}

impl CipherOp for P11Cipher {
    fn set_iv(&mut self, iv: &[u8]) -> Result<()> {
        let iv: [u8; 16] = iv.try_into().map_err(|_| Error::InvalidArgument)?;
        let mech = if self.alg == PSA_ALG_CBC_PKCS7 { Mechanism::AesCbcPad(iv) } else { Mechanism::AesCbc(iv) };
        if self.encrypt {
            ck(self.s.encrypt_init(&mech, self.key))?;
        } else {
            ck(self.s.decrypt_init(&mech, self.key))?;
        }
        self.active = true;
        Ok(())
    }

    fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<usize> {
        if !self.active {
            return Err(Error::BadState);
        }
        // The most the token can release: every whole block it then holds.
        let most = (self.pending + input.len()) / 16 * 16;
        if out.len() < most {
            return Err(Error::BufferTooSmall);
        }
        let r = if self.encrypt { self.s.encrypt_update(input) } else { self.s.decrypt_update(input) };
        let v = Zeroizing::new(ck(r).inspect_err(|_| self.active = false)?);
        self.pending = (self.pending + input.len()).checked_sub(v.len()).ok_or(Error::CorruptionDetected)?;
        put(&v, out)
    }

    fn finish(&mut self, out: &mut [u8]) -> Result<usize> {
        if !self.active {
            return Err(Error::BadState);
        }
        if self.alg == PSA_ALG_CBC_NO_PADDING && self.pending % 16 != 0 {
            let _ = self.final_();
            return Err(Error::InvalidArgument);
        }
        let v = Zeroizing::new(self.final_()?);
        put(&v, out)
    }

    fn abort(&mut self) {
        if self.active {
            let _ = self.final_();
        }
    }
}

impl Token {
    #[allow(clippy::too_many_arguments)]
    fn gcm(&self, key: Key<'_>, alg: psa_algorithm_t, nonce: &[u8], ad: &[u8], input: &[u8], out: &mut [u8], encrypt: bool) -> Result<usize> {
        if psa_alg_aead_with_default_length_tag(alg) != PSA_ALG_GCM || key.attrs.private_type != PSA_KEY_TYPE_AES {
            return Err(Error::NotSupported);
        }
        let tag = psa_alg_aead_get_tag_length(alg);
        if !(4..=16).contains(&tag) || nonce.is_empty() {
            return Err(Error::InvalidArgument);
        }
        if !encrypt && input.len() < tag {
            return Err(Error::InvalidSignature);
        }
        let mut iv = nonce.to_vec();
        let params = ck(GcmParams::new(&mut iv, ad, ((tag * 8) as u64).into()))?;
        let mech = Mechanism::AesGcm(params);
        let s = self.session()?;
        let h = self.key_object(&s, &key)?;
        let r = if encrypt { s.encrypt(&mech, h, input) } else { s.decrypt(&mech, h, input) };
        match r {
            Ok(v) => put(&Zeroizing::new(v), out),
            // SoftHSM2 reports a wrong tag as CKR_GENERAL_ERROR.
            Err(CkError::Pkcs11(RvError::EncryptedDataInvalid | RvError::EncryptedDataLenRange | RvError::GeneralError, _))
                if !encrypt =>
            {
                Err(Error::InvalidSignature)
            }
            Err(e) => Err(status(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_integers_round_trip() {
        let mut out = Vec::new();
        der_uint(&[0x00, 0x00, 0x80, 0x01], &mut out);
        assert_eq!(out, [0x02, 0x03, 0x00, 0x80, 0x01]);
        let (v, rest) = der_read(0x02, &out).unwrap();
        assert_eq!((v, rest.len()), (&[0x00, 0x80, 0x01][..], 0));
        out.clear();
        der_uint(&[0], &mut out);
        assert_eq!(out, [0x02, 0x01, 0x00]);
        let long = vec![0x11u8; 300];
        out.clear();
        der(0x04, &long, &mut out);
        assert_eq!(&out[..4], &[0x04, 0x82, 0x01, 0x2c]);
        assert_eq!(der_read(0x04, &out).unwrap().0, &long[..]);
        assert_eq!(der_read(0x04, &out[..10]), Err(Error::InvalidArgument));
        assert_eq!(der_read(0x30, &out), Err(Error::InvalidArgument));
    }

    #[test]
    fn rsa_parts_strip_sign_octets() {
        let mut body = Vec::new();
        for v in [&[0u8][..], &[0x80, 1], &[1, 0, 1], &[2], &[3], &[4], &[5], &[6], &[7]] {
            der_uint(v, &mut body);
        }
        let mut d = Vec::new();
        der(0x30, &body, &mut d);
        let p = rsa_parts(&d).unwrap();
        assert_eq!(p[1], &[0x80, 1]);
        assert_eq!(p[2], &[1, 0, 1]);
        d.push(0);
        assert_eq!(rsa_parts(&d), Err(Error::InvalidArgument));
    }

    #[test]
    fn contexts_and_points() {
        let c = context(&[9, 8, 7]);
        assert_eq!(id_of(&c), Ok(&[9u8, 8, 7][..]));
        assert_eq!(id_of(b"P11\x01"), Err(Error::CorruptionDetected));
        assert_eq!(id_of(b"XYZ\x01\x01"), Err(Error::CorruptionDetected));
        let point = [4u8, 1, 2];
        let mut wrapped = Vec::new();
        der(0x04, &point, &mut wrapped);
        assert_eq!(unwrap_point(&wrapped), point);
        assert_eq!(unwrap_point(&point), point);
        assert!(curve_oid(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECP_R1), 256).is_ok());
        assert_eq!(curve_oid(psa_key_type_ecc_key_pair(PSA_ECC_FAMILY_SECP_K1), 256), Err(Error::NotSupported));
    }

    #[test]
    fn token_errors_map_to_psa_codes() {
        let f = cryptoki::context::Function::Sign;
        assert_eq!(status(CkError::Pkcs11(RvError::DeviceError, f)), Error::HardwareFailure);
        assert_eq!(status(CkError::Pkcs11(RvError::HostMemory, f)), Error::InsufficientMemory);
        assert_eq!(status(CkError::Pkcs11(RvError::DeviceRemoved, f)), Error::CommunicationFailure);
        assert_eq!(status(CkError::Pkcs11(RvError::PinIncorrect, f)), Error::NotPermitted);
        assert_eq!(status(CkError::Pkcs11(RvError::MechanismInvalid, f)), Error::NotSupported);
        assert_eq!(status(CkError::Pkcs11(RvError::SignatureInvalid, f)), Error::InvalidSignature);
        assert_eq!(status(CkError::NotSupported), Error::CommunicationFailure);
    }
}
