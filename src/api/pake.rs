//! Password-authenticated key exchange (PSA Crypto API 1.3, chapter 10.12):
//! the operation object, its input-collection stage and the checks of each
//! call; the protocols are in [`crate::crypto::pake`].
//!
//! An operation collects its parameters (role, user, peer, context) after
//! `psa_pake_setup` and starts the protocol at the first `psa_pake_output` /
//! `psa_pake_input`. The password key's material, and later the whole
//! protocol state (every ephemeral scalar, the password scalar, the derived
//! keys), live in a [`KeyBound`] registered with the password key:
//! `psa_destroy_key` of the password wipes them, and the operation's later
//! steps get `BadState`. As Mbed TLS does, any error ends the operation (the
//! object becomes inactive: later steps get `BadState`, abort succeeds).
use zeroize::Zeroizing;

use super::operation::{self, KeyBound, Ops, Words};
use super::{core, policy};
use crate::crypto::pake::jpake::Jpake;
use crate::crypto::pake::sae::{self, Sae};
use crate::crypto::pake::spake2p::{Registration, Schedule, Spake2p};
use crate::keystore::KeyData;
use crate::types::*;

/// The secret part of an operation, wiped when the password key is destroyed.
enum Engine {
    /// Before the protocol starts: a copy of the password key's material.
    Collect(Zeroizing<Vec<u8>>),
    /// A J-PAKE exchange.
    Jpake(Box<Jpake>),
    /// A SPAKE2+ exchange.
    Spake2p(Box<Spake2p>),
    /// A WPA3-SAE exchange.
    Sae(Box<Sae>),
}

/// The state of a live PAKE operation.
pub struct PakeState {
    alg: psa_algorithm_t,
    primitive: psa_pake_primitive_t,
    confirmed: bool,
    /// The password key's type (SPAKE2+: key pair or public key).
    key_type: psa_key_type_t,
    role: Option<psa_pake_role_t>,
    user: Option<Vec<u8>>,
    peer: Option<Vec<u8>>,
    context: Option<Vec<u8>>,
    /// `None` only between Mbed TLS 3.x's two-argument setup and
    /// `psa_pake_set_password_key`.
    secret: Option<KeyBound<Engine>>,
}

static OPS: Ops<PakeState> = Ops::new(super::operation::kind::PAKE);

/// Wipes every live PAKE operation (`mbedtls_psa_crypto_free`).
pub fn clear_operations() {
    OPS.clear();
}

/// `psa_pake_cs_set_algorithm`: a non-PAKE algorithm is stored as
/// `PSA_ALG_NONE` (as Mbed TLS does), so that `psa_pake_setup` rejects it.
pub fn cs_set_algorithm(cs: &mut psa_pake_cipher_suite_t, alg: psa_algorithm_t) {
    cs.private_algorithm = if psa_alg_is_pake(alg) { alg } else { PSA_ALG_NONE };
}

/// Mbed TLS 3.x `psa_pake_cs_set_hash`: a non-hash algorithm is stored as 0.
pub fn cs_set_hash(cs: &mut psa_pake_cipher_suite_t, hash: psa_algorithm_t) {
    cs.private_hash = if psa_alg_is_hash(hash) { hash } else { PSA_ALG_NONE };
}

/// The only primitive this driver implements: P-256.
const P256: psa_pake_primitive_t = psa_pake_primitive(PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1, 256);

/// Whether `t` can hold the password of `alg`.
fn password_type_ok(alg: psa_algorithm_t, t: psa_key_type_t) -> bool {
    if psa_alg_is_jpake(alg) {
        t == PSA_KEY_TYPE_PASSWORD || t == PSA_KEY_TYPE_PASSWORD_HASH || t == PSA_KEY_TYPE_DERIVE
    } else if psa_alg_is_spake2p(alg) {
        psa_key_type_is_spake2p(t)
    } else if psa_alg_is_wpa3_sae(alg) {
        // WPA3-SAE (1.4): a password (the looping method) or a password token.
        t == PSA_KEY_TYPE_PASSWORD || psa_key_type_is_wpa3_sae_ecc(t) || psa_key_type_is_wpa3_sae_dh(t)
    } else {
        false
    }
}

/// The algorithm checks of a setup: the cipher suite's algorithm and
/// primitive must be implemented (`NotSupported` otherwise).
fn check_suite(alg: psa_algorithm_t, primitive: psa_pake_primitive_t) -> Result<()> {
    if psa_alg_is_wpa3_sae(alg) {
        return sae_group(alg, primitive).map(|_| ());
    }
    if primitive != P256 {
        return Err(Error::NotSupported);
    }
    if psa_alg_is_jpake(alg) {
        if psa_alg_get_hash(alg) != PSA_ALG_SHA_256 {
            return Err(Error::NotSupported);
        }
        Ok(())
    } else if psa_alg_is_spake2p(alg) {
        Schedule::of(alg).map(|_| ())
    } else {
        Err(Error::NotSupported)
    }
}

/// The WPA3-SAE group of a cipher suite: P-256, P-384 or P-521, or a
/// `PSA_DH_FAMILY_RFC3526` group of 3072 to 8192 bits (`NotSupported` for
/// another primitive, group 14 and other sizes, `InvalidArgument` for the
/// wildcard); the fixed variant takes SHA-256 and the group-dependent one
/// the group's hash (`InvalidArgument` otherwise).
fn sae_group(alg: psa_algorithm_t, primitive: psa_pake_primitive_t) -> Result<sae::Group> {
    if !psa_alg_is_wpa3_sae_fixed(alg) && !psa_alg_is_wpa3_sae_gdh(alg) {
        // The wildcard is a policy, not a cipher suite's algorithm.
        return Err(Error::InvalidArgument);
    }
    let bits = psa_pake_primitive_get_bits(primitive);
    let group = match (psa_pake_primitive_get_type(primitive), psa_pake_primitive_get_family(primitive)) {
        (PSA_PAKE_PRIMITIVE_TYPE_ECC, PSA_ECC_FAMILY_SECP_R1) => {
            sae::Group::Ecc(sae::Curve::secp_r1(bits).ok_or(Error::NotSupported)?)
        }
        (PSA_PAKE_PRIMITIVE_TYPE_DH, PSA_DH_FAMILY_RFC3526) => {
            sae::Group::Ffc(sae::Modp::rfc3526(bits).map_err(|_| Error::NotSupported)?)
        }
        _ => return Err(Error::NotSupported),
    };
    let want = if psa_alg_is_wpa3_sae_fixed(alg) { PSA_ALG_SHA_256 } else { group.hash() };
    if psa_alg_get_hash(alg) != want {
        return Err(Error::InvalidArgument);
    }
    Ok(group)
}

/// The WPA3-SAE password key rules once the suite is known: a password
/// (the looping method, any length) or a password token of the suite's
/// group (`InvalidArgument` for another group or a wrong size).
fn check_sae_password(alg: psa_algorithm_t, primitive: psa_pake_primitive_t, t: psa_key_type_t, secret: &KeyBound<Engine>) -> Result<()> {
    let group = sae_group(alg, primitive)?;
    if t == PSA_KEY_TYPE_PASSWORD {
        return Ok(());
    }
    let len = secret.with(|e| match e {
        Engine::Collect(m) => m.len(),
        _ => 0,
    })?;
    let ok = match group {
        sae::Group::Ecc(_) => psa_key_type_is_wpa3_sae_ecc(t) && psa_key_type_wpa3_sae_ecc_get_family(t) == PSA_ECC_FAMILY_SECP_R1,
        sae::Group::Ffc(_) => psa_key_type_is_wpa3_sae_dh(t) && psa_key_type_wpa3_sae_dh_get_family(t) == PSA_DH_FAMILY_RFC3526,
    };
    if !ok || len != group.element_len() {
        return Err(Error::InvalidArgument);
    }
    Ok(())
}

/// The password key checks shared by both setups: usage, policy (for
/// `alg`, or for `alt` when given: Mbed TLS 3.x keys name `PSA_ALG_JPAKE`
/// without a hash) and type; then a [`KeyBound`] copy of the material.
fn bind_password(key: psa_key_id_t, alg: psa_algorithm_t, alt: Option<psa_algorithm_t>) -> Result<(psa_key_type_t, KeyBound<Engine>)> {
    let c = core()?;
    let k = c.keys.get(key)?;
    let d: &KeyData = k.data();
    let a = d.attrs;
    let checks = (|| {
        super::driver::local_only(d)?;
        policy::require_usage(&a, PSA_KEY_USAGE_DERIVE)?;
        if !policy::key_permits(&a, alg) && !alt.is_some_and(|x| policy::key_permits(&a, x)) {
            return Err(Error::NotPermitted);
        }
        if !password_type_ok(alg, a.private_type) {
            return Err(Error::InvalidArgument);
        }
        if psa_key_type_is_spake2p(a.private_type)
            && (psa_key_type_spake2p_get_family(a.private_type) != PSA_ECC_FAMILY_SECP_R1 || a.private_bits != 256)
        {
            return Err(Error::InvalidArgument);
        }
        Ok(KeyBound::new(d, Engine::Collect(Zeroizing::new(d.material.to_vec()))))
    })();
    k.release()?;
    let bound = checks?;
    // A destroyer that marked the key before the registration may have
    // revoked its dependents already: check the key still exists.
    let k = c.keys.get(key).map_err(|_| Error::BadState)?;
    k.release()?;
    bound.with(|_| ())?;
    Ok((a.private_type, bound))
}

/// `psa_pake_setup` (1.3): the operation state, the cipher suite, the
/// password key (handle, usage, policy, type), then the algorithm.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup(words: *mut Words, password_key: psa_key_id_t, cs: &psa_pake_cipher_suite_t) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(&OPS, words) }?;
    let alg = cs.private_algorithm;
    if !psa_alg_is_pake(alg) || cs.private_key_confirmation > PSA_PAKE_UNCONFIRMED_KEY {
        return Err(Error::InvalidArgument);
    }
    let (key_type, secret) = bind_password(password_key, alg, None)?;
    check_suite(alg, cs.private_primitive)?;
    if psa_alg_is_wpa3_sae(alg) {
        check_sae_password(alg, cs.private_primitive, key_type, &secret)?;
    }
    let state = PakeState {
        alg,
        primitive: cs.private_primitive,
        confirmed: cs.private_key_confirmation == PSA_PAKE_CONFIRMED_KEY,
        key_type,
        role: None,
        user: None,
        peer: None,
        context: None,
        secret: Some(secret),
    };
    // SAFETY: forwarded caller contract.
    unsafe { OPS.setup(words, state) }
}

/// Mbed TLS 3.x's two-argument `psa_pake_setup` (reached through the
/// compatibility header): J-PAKE with the hash of `psa_pake_cs_set_hash`
/// when the algorithm is the hash-less `PSA_ALG_JPAKE`; the password comes
/// later with `psa_pake_set_password_key`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn setup_v1(words: *mut Words, cs: &psa_pake_cipher_suite_t) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract (an active object is aborted).
    unsafe { operation::check_inactive(&OPS, words) }?;
    let mut alg = cs.private_algorithm;
    if !psa_alg_is_pake(alg) || (alg == ALG_JPAKE_BASE && !psa_alg_is_hash(cs.private_hash)) {
        return Err(Error::InvalidArgument);
    }
    if alg == ALG_JPAKE_BASE {
        alg = psa_alg_jpake(cs.private_hash);
    }
    check_suite(alg, cs.private_primitive)?;
    let state = PakeState {
        alg,
        primitive: cs.private_primitive,
        // Mbed TLS 3.x has no key confirmation setting (J-PAKE has none).
        confirmed: false,
        key_type: PSA_KEY_TYPE_NONE,
        role: None,
        user: None,
        peer: None,
        context: None,
        secret: None,
    };
    // SAFETY: forwarded caller contract.
    unsafe { OPS.setup(words, state) }
}

/// Runs `f` on the live operation at `words`; any error ends it.
///
/// # Safety
/// `words` must be valid for reads and writes.
unsafe fn on_op<R>(words: *mut Words, f: impl FnOnce(&mut PakeState) -> Result<R>) -> Result<R> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    match f(b.state()) {
        Ok(r) => Ok(r),
        Err(e) => {
            b.finish();
            Err(e)
        }
    }
}

impl PakeState {
    /// Whether the protocol has started (no more parameters accepted).
    fn started(&self) -> Result<bool> {
        match &self.secret {
            None => Ok(false),
            Some(s) => s.with(|e| !matches!(e, Engine::Collect(_))),
        }
    }

    /// Refuses a parameter once the protocol has started (`BadState`).
    fn collecting(&self) -> Result<()> {
        if self.started()? {
            Err(Error::BadState)
        } else {
            Ok(())
        }
    }

    /// Starts the protocol if it has not started: every required parameter
    /// must be there (`BadState`).
    fn start(&mut self) -> Result<()> {
        let secret = self.secret.as_ref().ok_or(Error::BadState)?;
        let (alg, key_type, primitive) = (self.alg, self.key_type, self.primitive);
        let empty: &[u8] = &[];
        let user = self.user.as_deref().unwrap_or(empty);
        let peer = self.peer.as_deref().unwrap_or(empty);
        let context = self.context.as_deref().unwrap_or(empty);
        let (jpake_ids, role) = (self.user.is_some() && self.peer.is_some(), self.role);
        secret.with(|e| {
            let Engine::Collect(material) = e else { return Ok(()) };
            let next = if psa_alg_is_jpake(alg) {
                if !jpake_ids {
                    return Err(Error::BadState);
                }
                Engine::Jpake(Box::new(Jpake::new(material, user, peer)?))
            } else if psa_alg_is_wpa3_sae(alg) {
                // The two MAC addresses are required; no role.
                if !jpake_ids {
                    return Err(Error::BadState);
                }
                let group = sae_group(alg, primitive)?;
                let gdh = psa_alg_is_wpa3_sae_gdh(alg);
                let side = if key_type == PSA_KEY_TYPE_PASSWORD {
                    // The looping method: PWE from the password and both MACs.
                    Sae::from_password(group, material, user, peer, gdh)?
                } else {
                    Sae::new(group, material, user, peer, gdh)?
                };
                Engine::Sae(Box::new(side))
            } else {
                let prover = match role {
                    Some(PSA_PAKE_ROLE_CLIENT) => true,
                    Some(_) => false,
                    None => return Err(Error::BadState),
                };
                let reg = Registration::from_key(key_type, material)?;
                Engine::Spake2p(Box::new(Spake2p::new(Schedule::of(alg)?, prover, reg, context, user, peer)?))
            };
            *e = next;
            Ok(())
        })?
    }

    /// The shared secret once the protocol allows it (`BadState` before).
    fn shared(&self) -> Result<Zeroizing<Vec<u8>>> {
        let confirmed = self.confirmed;
        self.secret.as_ref().ok_or(Error::BadState)?.with(|e| match e {
            Engine::Collect(_) => Err(Error::BadState),
            Engine::Jpake(j) => j.shared_secret(),
            Engine::Spake2p(s) => s.shared_secret(confirmed),
            Engine::Sae(s) => s.pmk(confirmed),
        })?
    }
}

/// `psa_pake_set_role`: J-PAKE takes `PSA_PAKE_ROLE_NONE` only, SPAKE2+
/// `CLIENT` (prover, needs a key pair) or `SERVER` (verifier)
/// (`InvalidArgument` otherwise); `BadState` once set or started.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_role(words: *mut Words, role: psa_pake_role_t) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, |s| {
            s.collecting()?;
            if s.role.is_some() {
                return Err(Error::BadState);
            }
            let ok = if psa_alg_is_jpake(s.alg) || psa_alg_is_wpa3_sae(s.alg) {
                role == PSA_PAKE_ROLE_NONE
            } else {
                role == PSA_PAKE_ROLE_SERVER
                    || (role == PSA_PAKE_ROLE_CLIENT
                        && (s.secret.is_none() || psa_key_type_is_spake2p_key_pair(s.key_type)))
            };
            if !ok {
                return Err(Error::InvalidArgument);
            }
            s.role = Some(role);
            Ok(())
        })
    }
}

/// Which identity parameter.
#[derive(Clone, Copy)]
pub enum Param {
    /// `psa_pake_set_user`.
    User,
    /// `psa_pake_set_peer`.
    Peer,
    /// `psa_pake_set_context` (SPAKE2+ only).
    Context,
}

/// `psa_pake_set_user` / `set_peer` / `set_context`: `InvalidArgument` for
/// an empty value (or a context for J-PAKE), `BadState` if already given or
/// once the protocol has started.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_param(words: *mut Words, which: Param, value: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, |s| {
            s.collecting()?;
            if matches!(which, Param::Context) && !psa_alg_is_spake2p(s.alg) {
                return Err(Error::InvalidArgument);
            }
            let slot = match which {
                Param::User => &mut s.user,
                Param::Peer => &mut s.peer,
                Param::Context => &mut s.context,
            };
            if value.is_empty() {
                return Err(Error::InvalidArgument);
            }
            // WPA3-SAE: the user and the peer are the two 6-byte MAC addresses.
            if psa_alg_is_wpa3_sae(s.alg) && value.len() != 6 {
                return Err(Error::InvalidArgument);
            }
            if slot.is_some() {
                return Err(Error::BadState);
            }
            *slot = Some(value.to_vec());
            Ok(())
        })
    }
}

/// `psa_pake_output`: starts the protocol if needed; `InvalidArgument` for
/// an empty buffer, then the protocol's sequence and size checks.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn output(words: *mut Words, step: psa_pake_step_t, out: &mut [u8]) -> Result<usize> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, |s| {
            s.start()?;
            if out.is_empty() {
                return Err(Error::InvalidArgument);
            }
            s.secret.as_ref().ok_or(Error::BadState)?.with(|e| match e {
                Engine::Jpake(j) => j.output(step, out),
                Engine::Spake2p(p) => p.output(step, out),
                Engine::Sae(p) => p.output(step, out),
                Engine::Collect(_) => Err(Error::BadState),
            })?
        })
    }
}

/// `psa_pake_input`: starts the protocol if needed; `InvalidArgument` for an
/// empty input or one longer than `PSA_PAKE_INPUT_SIZE` of the step, then
/// the protocol's checks (`InvalidSignature` for a failed proof or
/// confirmation).
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn input(words: *mut Words, step: psa_pake_step_t, data: &[u8]) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, |s| {
            s.start()?;
            if data.is_empty() || data.len() > psa_pake_step_size(s.alg, s.primitive, step) {
                return Err(Error::InvalidArgument);
            }
            s.secret.as_ref().ok_or(Error::BadState)?.with(|e| match e {
                Engine::Jpake(j) => j.input(step, data),
                Engine::Spake2p(p) => p.input(step, data),
                Engine::Sae(p) => p.input(step, data),
                Engine::Collect(_) => Err(Error::BadState),
            })?
        })
    }
}

/// `psa_pake_get_shared_key`: `BadState` before the protocol allows it; the
/// key must be a derivation key (SPAKE2+ and WPA3-SAE, whose PMK is
/// pseudorandom, also: raw data or HMAC) of size 0 or the secret's
/// (`InvalidArgument`).
/// The operation ends, whatever the result.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn get_shared_key(words: *mut Words, attrs: &psa_key_attributes_t) -> Result<psa_key_id_t> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let s = b.state();
    let r = (|| {
        let secret = s.shared()?;
        let t = attrs.private_type;
        let type_ok = t == PSA_KEY_TYPE_DERIVE
            || ((psa_alg_is_spake2p(s.alg) || psa_alg_is_wpa3_sae(s.alg))
                && (t == PSA_KEY_TYPE_RAW_DATA || t == PSA_KEY_TYPE_HMAC));
        if !type_ok {
            return Err(Error::InvalidArgument);
        }
        let (target, bits) = super::key_management::check_new(attrs)?;
        if bits != 0 && bits != secret.len() * 8 {
            return Err(Error::InvalidArgument);
        }
        super::key_management::create(attrs, target, secret.len() * 8, secret)
    })();
    b.finish();
    r
}

/// Mbed TLS 3.x `psa_pake_set_password_key`: after the two-argument setup,
/// the password key (usage `DERIVE`, a policy for the operation's algorithm
/// or for the hash-less `PSA_ALG_JPAKE`, type `PASSWORD` / `PASSWORD_HASH` /
/// `DERIVE`); `BadState` when the operation already has its password.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn set_password_key(words: *mut Words, key: psa_key_id_t) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe {
        on_op(words, |s| {
            if s.secret.is_some() {
                return Err(Error::BadState);
            }
            let alt = psa_alg_is_jpake(s.alg).then_some(ALG_JPAKE_BASE);
            let (t, bound) = bind_password(key, s.alg, alt)?;
            if psa_alg_is_wpa3_sae(s.alg) {
                check_sae_password(s.alg, s.primitive, t, &bound)?;
            }
            s.key_type = t;
            s.secret = Some(bound);
            Ok(())
        })
    }
}

/// Mbed TLS 3.x `psa_pake_get_implicit_key`: the shared secret becomes the
/// `SECRET` input of the key derivation operation `kdf`. The PAKE operation
/// ends, whatever the result (as in Mbed TLS).
///
/// # Safety
/// `words` and `kdf` must be valid for reads and writes.
pub unsafe fn get_implicit_key(words: *mut Words, kdf: *mut Words) -> Result<()> {
    core()?;
    // SAFETY: forwarded caller contract.
    let mut b = unsafe { OPS.borrow(words) }?;
    let r = b.state().shared();
    b.finish();
    let secret = r?;
    // SAFETY: forwarded caller contract.
    unsafe { super::key_derivation::input_bytes(kdf, PSA_KEY_DERIVATION_INPUT_SECRET, &secret) }
}

/// `psa_pake_abort`: an inactive object succeeds (even before
/// `psa_crypto_init`: an abort is always safe); garbage is `BadState`.
///
/// # Safety
/// `words` must be valid for reads and writes.
pub unsafe fn abort(words: *mut Words) -> Result<()> {
    // SAFETY: forwarded caller contract.
    unsafe { operation::abort_call(&OPS, words) }
}
