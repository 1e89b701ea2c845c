//! The API side of the drivers (`crate::driver`): registration before init,
//! and the hooks through which the entry points of `api` reach a driver.
//!
//! Each hook returns `None` when no driver takes the call, and the caller
//! continues with the built-in code (which also reports every error in the
//! Mbed TLS order: a hook that finds anything wrong with a local key's
//! request declines rather than reporting). For a key in a driver's location
//! (an opaque key) a hook always answers, with the driver's result or
//! `NotSupported` when the driver lacks the entry point; such keys never
//! reach the built-in code ([`local_only`] guards the paths without a hook).
use subtle::ConstantTimeEq;
use zeroize::Zeroizing;

pub mod ops;

use super::{core, key_management, policy};
use crate::driver::{self, abi, Key, Registered};
use crate::keystore::KeyData;
use crate::types::*;

/// The location of a key.
fn location(a: &psa_key_attributes_t) -> psa_key_location_t {
    psa_key_lifetime_get_location(a.private_lifetime)
}

/// `NotSupported` for a key held by a driver: for the operations no driver
/// entry point serves (multi-part operations, derivation, copy, …).
pub fn local_only(d: &KeyData) -> Result<()> {
    if location(&d.attrs) == PSA_KEY_LOCATION_LOCAL_STORAGE {
        Ok(())
    } else {
        Err(Error::NotSupported)
    }
}

/// `NotSupported` for attributes in a driver's location: for the key
/// creations no driver entry point serves (derivation, agreement, copy, …).
pub fn local_location(a: &psa_key_attributes_t) -> Result<()> {
    if location(a) == PSA_KEY_LOCATION_LOCAL_STORAGE {
        Ok(())
    } else {
        Err(Error::NotSupported)
    }
}

/// Registers a C driver (before init; `BadState` after).
pub fn register(table: &abi::rustpsa_driver_t) -> Result<()> {
    if table.version != abi::RUSTPSA_DRIVER_INTERFACE_VERSION && table.version != abi::RUSTPSA_DRIVER_INTERFACE_VERSION_1 {
        return Err(Error::NotSupported);
    }
    if table.name.is_null() || table.flags & !abi::RUSTPSA_DRIVER_THREAD_SAFE != 0 || table.location > 0xff_ffff {
        return Err(Error::InvalidArgument);
    }
    // SAFETY: checked non-NULL; the caller passes a NUL-terminated string.
    let name = unsafe { core::ffi::CStr::from_ptr(table.name) }.to_string_lossy().into_owned();
    let location = (table.location != PSA_KEY_LOCATION_LOCAL_STORAGE).then_some(table.location);
    let thread_safe = table.flags & abi::RUSTPSA_DRIVER_THREAD_SAFE != 0;
    let c = driver::c::CDriver::new(*table);
    // Registered under the init lock, so a concurrent init sees all or nothing.
    let mut r = Ok(());
    super::before_init(|_| r = driver::register(name, location, thread_safe, Box::new(move || Ok(Box::new(c.clone()) as _))))?;
    r
}

/// Forgets every registered driver (before init; `BadState` after).
pub fn unregister_all() -> Result<()> {
    super::before_init(|_| driver::unregister_all())
}

/// Sets the PKCS#11 configuration (before init; `BadState` after).
pub fn pkcs11_configure(cfg: Option<driver::pkcs11::Config>) -> Result<()> {
    super::before_init(|_| driver::pkcs11::configure(cfg))
}

/// Sets the PKCS#11 driver's flags (before init; `BadState` after).
pub fn pkcs11_set_flags(flags: u32) -> Result<()> {
    super::before_init(|_| driver::pkcs11::set_flags(flags))
}

/// The counters of the active driver `name` (`DoesNotExist` if none).
pub fn stats(name: &str) -> Result<abi::rustpsa_driver_stats_t> {
    core()?;
    driver::registry().and_then(|r| r.by_name(name)).map(Registered::stats).ok_or(Error::DoesNotExist)
}

/// The registry, unless this thread is inside a driver (then every call is
/// served by the built-in code, or refused by `core`).
fn active() -> Option<&'static driver::Registry> {
    // The registry first: with no driver (the usual case) a hook costs one load.
    let reg = driver::registry()?;
    if driver::inside() {
        return None;
    }
    Some(reg)
}

/// Tries the transparent drivers in order; `None` if all decline.
fn transparent<R>(reg: &driver::Registry, mut f: impl FnMut(&Registered) -> Result<R>) -> Option<Result<R>> {
    for d in reg.transparent() {
        match f(d) {
            Err(Error::NotSupported) => continue,
            r => return Some(r),
        }
    }
    None
}

/// The common path of the keyed hooks: finds the key, applies the policy
/// (`usage` and `alg`), and runs `f` with the driver: every transparent
/// driver in turn for a local key, the location's driver for an opaque one.
fn keyed<R>(
    id: psa_key_id_t,
    usage: psa_key_usage_t,
    alg: psa_algorithm_t,
    permits: impl Fn(&psa_key_attributes_t) -> Result<()>,
    f: impl Fn(&Registered, Key<'_>) -> Result<R>,
) -> Option<Result<R>> {
    let reg = active()?;
    let c = core().ok()?;
    let k = c.keys.get(id).ok()?;
    let d = k.data();
    let key = Key { attrs: &d.attrs, buffer: &d.material };
    let policy_ok = policy::require_usage(&d.attrs, usage).and_then(|_| policy::require_specific(alg));
    let r = if location(&d.attrs) == PSA_KEY_LOCATION_LOCAL_STORAGE {
        if policy_ok.is_err() || permits(&d.attrs).is_err() {
            return None;
        }
        transparent(reg, |t| f(t, key))?
    } else {
        match (policy_ok.and_then(|_| permits(&d.attrs)), reg.opaque(location(&d.attrs))) {
            (Err(e), _) => Err(e),
            (Ok(()), Some(o)) => f(o, key),
            (Ok(()), None) => Err(Error::NotSupported),
        }
    };
    Some(k.release().and(r))
}

/// The policy check of the keyed hooks: `NotPermitted` when the key's
/// policy does not allow `alg`.
fn key_permits(alg: psa_algorithm_t) -> impl Fn(&psa_key_attributes_t) -> Result<()> {
    move |a| if policy::key_permits(a, alg) { Ok(()) } else { Err(Error::NotPermitted) }
}

/// `psa_hash_compute` through a transparent driver.
pub fn hash_compute(alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    let reg = active()?;
    if !psa_alg_is_hash(alg) || alg == PSA_ALG_ANY_HASH || out.len() < psa_hash_length(alg) {
        return None;
    }
    transparent(reg, |d| d.call(|drv| drv.hash_compute(alg, input, out)))
}

/// `psa_hash_compare` through a transparent driver (constant-time comparison).
pub fn hash_compare(alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Option<Result<()>> {
    let mut buf = [0u8; PSA_HASH_MAX_SIZE as usize];
    let r = hash_compute(alg, input, &mut buf)?;
    Some(r.and_then(|n| if ct_eq(&buf[..n], expected) { Ok(()) } else { Err(Error::InvalidSignature) }))
}

fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && bool::from(a.ct_eq(b))
}

/// `NotPermitted` unless the key's policy allows `alg`.
pub(crate) fn policy_permits(a: &psa_key_attributes_t, alg: psa_algorithm_t) -> Result<()> {
    if policy::key_permits(a, alg) {
        Ok(())
    } else {
        Err(Error::NotPermitted)
    }
}

/// Whether a key can run MAC `alg`: the policy (`NotPermitted`), then the
/// key type and MAC length (`InvalidArgument`, as the specification says for
/// a key not compatible with the algorithm). For a local key any error
/// declines (the built-in code reports, in Mbed TLS's order).
pub(crate) fn mac_permits(alg: psa_algorithm_t) -> impl Fn(&psa_key_attributes_t) -> Result<()> {
    move |a| {
        policy_permits(a, alg)?;
        let (t, bits) = (a.private_type, a.private_bits as usize);
        let full = psa_mac_length(t, bits, psa_alg_full_length_mac(alg));
        let len = psa_mac_length(t, bits, alg);
        let type_ok = if psa_alg_is_hmac(alg) { t == PSA_KEY_TYPE_HMAC } else { psa_block_cipher_block_length(t) > 1 };
        if type_ok && full > 0 && (4..=full).contains(&len) {
            Ok(())
        } else {
            Err(Error::InvalidArgument)
        }
    }
}

/// Whether a key can run cipher `alg`: the policy (`NotPermitted`), then the
/// key type and mode (the built-in code's codes: `NotSupported` for a pair
/// without a cipher, as Mbed TLS).
pub(crate) fn cipher_permits(alg: psa_algorithm_t) -> impl Fn(&psa_key_attributes_t) -> Result<()> {
    move |a| {
        policy_permits(a, alg)?;
        crate::api::cipher::check_usable(a.private_type, alg)
    }
}

/// Whether a key can run AEAD `alg`: the policy (`NotPermitted`), then the
/// key type (`InvalidArgument` when the type has no such AEAD).
pub(crate) fn aead_permits(alg: psa_algorithm_t) -> impl Fn(&psa_key_attributes_t) -> Result<()> {
    move |a| {
        policy_permits(a, alg)?;
        if psa_aead_tag_length(a.private_type, a.private_bits as usize, alg) > 0 {
            Ok(())
        } else {
            Err(Error::InvalidArgument)
        }
    }
}

/// `psa_mac_compute` through a driver (inlined as [`aead`]).
#[inline(always)]
pub fn mac_compute(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    driver::registry()?;
    mac_compute_hooked(id, alg, input, out)
}

/// The body of [`mac_compute`], with a registry.
#[inline(never)]
fn mac_compute_hooked(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    if !psa_alg_is_mac(alg) {
        return None; // the built-in code reports it
    }
    let out = std::cell::RefCell::new(out);
    keyed(id, PSA_KEY_USAGE_SIGN_MESSAGE, alg, mac_permits(alg), |d, key| {
        d.call(|drv| drv.mac_compute(key, alg, input, &mut out.borrow_mut()))
    })
}

/// `psa_mac_verify` through a driver: compute, then compare in constant time
/// (inlined as [`aead`]).
#[inline(always)]
pub fn mac_verify(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Option<Result<()>> {
    driver::registry()?;
    mac_verify_hooked(id, alg, input, expected)
}

/// The body of [`mac_verify`], with a registry.
#[inline(never)]
fn mac_verify_hooked(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Option<Result<()>> {
    if !psa_alg_is_mac(alg) {
        return None;
    }
    let r = keyed(id, PSA_KEY_USAGE_VERIFY_MESSAGE, alg, mac_permits(alg), |d, key| {
        let mut tag = Zeroizing::new([0u8; PSA_MAC_MAX_SIZE as usize]);
        let n = d.call(|drv| drv.mac_compute(key, alg, input, &mut tag[..]))?;
        Ok(ct_eq(&tag[..n], expected))
    })?;
    Some(r.and_then(|ok| if ok { Ok(()) } else { Err(Error::InvalidSignature) }))
}

/// `psa_cipher_encrypt` through a driver: the core writes a fresh IV first.
pub fn cipher_encrypt(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    if !psa_alg_is_cipher(alg) {
        return None;
    }
    let out = std::cell::RefCell::new(out);
    keyed(id, PSA_KEY_USAGE_ENCRYPT, alg, cipher_permits(alg), |d, key| {
        let mut out = out.borrow_mut();
        let iv_len = psa_cipher_iv_length(key.attrs.private_type, alg);
        if out.len() < iv_len {
            return Err(Error::BufferTooSmall);
        }
        let (iv, body) = out.split_at_mut(iv_len);
        crate::crypto::random::fill(iv)?;
        Ok(iv_len + d.call(|drv| drv.cipher_encrypt(key, alg, iv, input, body))?)
    })
}

/// `psa_cipher_decrypt` through a driver.
pub fn cipher_decrypt(id: psa_key_id_t, alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    if !psa_alg_is_cipher(alg) {
        return None;
    }
    let out = std::cell::RefCell::new(out);
    keyed(id, PSA_KEY_USAGE_DECRYPT, alg, cipher_permits(alg), |d, key| {
        d.call(|drv| drv.cipher_decrypt(key, alg, input, &mut out.borrow_mut()))
    })
}

/// `psa_aead_encrypt` / `psa_aead_decrypt` through a driver. Inlined: with no
/// driver registered the hook is one load in the caller (the one-shot paths
/// are measured on 64-byte messages).
#[inline(always)]
pub fn aead(
    encrypt: bool,
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: &[u8],
    ad: &[u8],
    input: &[u8],
    out: &mut [u8],
) -> Option<Result<usize>> {
    driver::registry()?;
    aead_hooked(encrypt, id, alg, nonce, ad, input, out)
}

/// The body of [`aead`], with a registry.
#[inline(never)]
fn aead_hooked(
    encrypt: bool,
    id: psa_key_id_t,
    alg: psa_algorithm_t,
    nonce: &[u8],
    ad: &[u8],
    input: &[u8],
    out: &mut [u8],
) -> Option<Result<usize>> {
    if !psa_alg_is_aead(alg) {
        return None;
    }
    let out = std::cell::RefCell::new(out);
    let usage = if encrypt { PSA_KEY_USAGE_ENCRYPT } else { PSA_KEY_USAGE_DECRYPT };
    keyed(id, usage, alg, aead_permits(alg), |d, key| {
        let mut out = out.borrow_mut();
        d.call(|drv| match encrypt {
            true => drv.aead_encrypt(key, alg, nonce, ad, input, &mut out),
            false => drv.aead_decrypt(key, alg, nonce, ad, input, &mut out),
        })
    })
}

/// The hash a hash-and-sign algorithm signs: `data` itself (`message`
/// false: its length must be the algorithm's hash length), or the hash of
/// the message. `None` (decline) for other algorithms.
fn to_sign(alg: psa_algorithm_t, message: bool, data: &[u8]) -> Option<Result<Zeroizing<Vec<u8>>>> {
    let h = psa_alg_sign_get_hash(alg);
    if !psa_alg_is_sign_hash(alg) || h == PSA_ALG_ANY_HASH || !psa_alg_is_hash(h) {
        return None;
    }
    if !message {
        if data.len() != psa_hash_length(h) {
            return None;
        }
        return Some(Ok(Zeroizing::new(data.to_vec())));
    }
    Some(crate::crypto::hash::compute(h, data).map(|d| Zeroizing::new(d.as_ref().to_vec())))
}

/// `psa_sign_hash` (or `psa_sign_message` of a hash-and-sign algorithm: the
/// core hashes the message) through a driver.
pub fn sign(id: psa_key_id_t, alg: psa_algorithm_t, message: bool, data: &[u8], out: &mut [u8]) -> Option<Result<usize>> {
    active()?;
    let hash = match to_sign(alg, message, data)? {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    let usage = if message { PSA_KEY_USAGE_SIGN_MESSAGE } else { PSA_KEY_USAGE_SIGN_HASH };
    let out = std::cell::RefCell::new(out);
    // A public key cannot sign: `InvalidArgument`, as the specification says
    // (after the policy's `NotPermitted`).
    let permits = move |a: &psa_key_attributes_t| {
        key_permits(alg)(a)?;
        if psa_key_type_is_key_pair(a.private_type) { Ok(()) } else { Err(Error::InvalidArgument) }
    };
    keyed(id, usage, alg, permits, |d, key| d.call(|drv| drv.sign_hash(key, alg, &hash, &mut out.borrow_mut())))
}

/// `psa_verify_hash` (or `psa_verify_message`) through a driver.
pub fn verify(id: psa_key_id_t, alg: psa_algorithm_t, message: bool, data: &[u8], sig: &[u8]) -> Option<Result<()>> {
    active()?;
    let hash = match to_sign(alg, message, data)? {
        Ok(h) => h,
        Err(e) => return Some(Err(e)),
    };
    let usage = if message { PSA_KEY_USAGE_VERIFY_MESSAGE } else { PSA_KEY_USAGE_VERIFY_HASH };
    keyed(id, usage, alg, key_permits(alg), |d, key| d.call(|drv| drv.verify_hash(key, alg, &hash, sig)))
}

/// The raw shared secret of a key agreement through a driver (for
/// `psa_raw_key_agreement`, `psa_key_agreement` and derivations).
pub fn key_agreement(id: psa_key_id_t, alg: psa_algorithm_t, peer: &[u8]) -> Option<Result<Zeroizing<Vec<u8>>>> {
    let base = psa_alg_key_agreement_get_base(alg);
    let permits = move |a: &psa_key_attributes_t| {
        let ok = [a.private_alg, a.private_alg2].iter().any(|&p| p == alg || (p == base && psa_alg_is_key_agreement(p)));
        if ok { Ok(()) } else { Err(Error::NotPermitted) }
    };
    keyed(id, PSA_KEY_USAGE_DERIVE, alg, permits, |d, key| {
        let mut out = Zeroizing::new(vec![0u8; PSA_RAW_KEY_AGREEMENT_OUTPUT_MAX_SIZE as usize]);
        let n = d.call(|drv| drv.key_agreement(key, base, peer, &mut out))?;
        out.truncate(n);
        Ok(out)
    })
}

/// The driver of an opaque key's attributes: `None` for a local key,
/// `NotSupported` for a location no driver owns.
fn opaque_of(a: &psa_key_attributes_t) -> Option<Result<&'static Registered>> {
    match location(a) {
        PSA_KEY_LOCATION_LOCAL_STORAGE => None,
        l => Some(driver::registry().and_then(|r| r.opaque(l)).ok_or(Error::NotSupported)),
    }
}

/// Publishes a key a driver created; on failure (an id taken meanwhile, a
/// full key store) the driver's key is destroyed again (`owned`), so nothing
/// leaks; an attached key (not `owned`: it existed before) is left alone.
fn publish(
    d: &Registered,
    attrs: &psa_key_attributes_t,
    target: Option<psa_key_id_t>,
    (ctx, bits): driver::Created,
    owned: bool,
) -> Result<psa_key_id_t> {
    let requested = attrs.private_bits as usize;
    let mut a = *attrs;
    a.private_bits = bits as u16;
    let r = if bits == 0 || bits > PSA_MAX_KEY_BITS as usize {
        Err(Error::CorruptionDetected)
    } else if requested != 0 && requested != bits {
        Err(Error::InvalidArgument)
    } else {
        key_management::create_in_location(attrs, target, bits, ctx.clone())
    };
    if r.is_err() && owned {
        let _ = d.destroy(Key { attrs: &a, buffer: &ctx });
    }
    r
}

/// `psa_import_key` into a driver's location.
pub fn import(attrs: &psa_key_attributes_t, target: Option<psa_key_id_t>, data: &[u8]) -> Option<Result<psa_key_id_t>> {
    let d = match opaque_of(attrs)? {
        Ok(d) => d,
        Err(e) => return Some(Err(e)),
    };
    Some(d.call(|drv| drv.import_key(attrs, data)).and_then(|c| publish(d, attrs, target, c, true)))
}

/// `psa_generate_key`: through a transparent driver for a local key (its
/// output is checked as an import would), or in a driver's location.
pub fn generate(attrs: &psa_key_attributes_t, target: Option<psa_key_id_t>, bits: usize) -> Option<Result<psa_key_id_t>> {
    let reg = active()?;
    match opaque_of(attrs) {
        None => {
            let material = transparent(reg, |d| d.call(|drv| drv.generate_key(attrs)))?;
            Some(material.and_then(|m| {
                if crate::crypto::keys::import_bits(attrs.private_type, &m) != Ok(bits) {
                    return Err(Error::CorruptionDetected);
                }
                key_management::create(attrs, target, bits, m)
            }))
        }
        Some(Err(e)) => Some(Err(e)),
        Some(Ok(d)) => Some(d.call(|drv| drv.generate_key(attrs)).and_then(|c| publish(d, attrs, target, (c, bits), true))),
    }
}

/// `psa_attach_key`: adopts the key `label` names in the location of
/// `attrs` under a new key id. A local location (no driver) is
/// `NotSupported`, an empty label `InvalidArgument`.
pub fn attach(attrs: &psa_key_attributes_t, label: &[u8]) -> Result<psa_key_id_t> {
    core()?;
    if location(attrs) == PSA_KEY_LOCATION_LOCAL_STORAGE {
        return Err(Error::NotSupported);
    }
    let (target, _) = key_management::check_new(attrs)?;
    key_management::require_type(attrs.private_type)?;
    if label.is_empty() {
        return Err(Error::InvalidArgument);
    }
    let d = opaque_of(attrs).ok_or(Error::NotSupported)??;
    let created = d.call(|drv| drv.attach_key(attrs, label))?;
    publish(d, attrs, target, created, false)
}

/// Runs `f` with the driver of opaque key `id` (`None` for a local key).
fn opaque_key<R>(id: psa_key_id_t, f: impl FnOnce(&Registered, Key<'_>) -> Result<R>) -> Option<Result<R>> {
    driver::registry()?;
    let c = core().ok()?;
    let k = c.keys.get(id).ok()?;
    let d = k.data();
    let drv = match opaque_of(&d.attrs)? {
        Ok(drv) => drv,
        Err(e) => return Some(Err(e)),
    };
    let r = f(drv, Key { attrs: &d.attrs, buffer: &d.material });
    Some(k.release().and(r))
}

/// `psa_export_key` of an opaque key (needs `PSA_KEY_USAGE_EXPORT` unless public).
pub fn export(id: psa_key_id_t, out: &mut [u8]) -> Option<Result<usize>> {
    opaque_key(id, |d, key| {
        if !crate::crypto::keys::is_public(key.attrs.private_type) {
            policy::require_usage(key.attrs, PSA_KEY_USAGE_EXPORT)?;
        }
        d.call(|drv| drv.export_key(key, out))
    })
}

/// `psa_export_public_key` of an opaque key (its driver), or of a local key
/// pair through the transparent drivers (`None` when all decline). A
/// transparent driver's output must import as a public key of the key's
/// family and size (`CorruptionDetected` otherwise).
pub fn export_public(id: psa_key_id_t, out: &mut [u8]) -> Option<Result<usize>> {
    let reg = active()?;
    let c = core().ok()?;
    let k = c.keys.get(id).ok()?;
    let d = k.data();
    let key = Key { attrs: &d.attrs, buffer: &d.material };
    let t = d.attrs.private_type;
    let r = match opaque_of(&d.attrs) {
        Some(Err(e)) => Err(e),
        Some(Ok(_)) if !psa_key_type_is_asymmetric(t) => Err(Error::InvalidArgument),
        Some(Ok(o)) => o.call(|drv| drv.export_public_key(key, out)),
        // A public key's export is its material: the built-in code's.
        None if !psa_key_type_is_key_pair(t) => return None,
        None => {
            let bits = d.attrs.private_bits as usize;
            let r = transparent(reg, |tr| tr.call(|drv| drv.export_public_key(key, &mut *out)))?;
            r.and_then(|n| {
                let public = out.get(..n).ok_or(Error::CorruptionDetected)?;
                match crate::crypto::keys::import_bits(psa_key_type_public_key_of_key_pair(t), public) {
                    Ok(b) if b == bits => Ok(n),
                    _ => Err(Error::CorruptionDetected),
                }
            })
        }
    };
    Some(k.release().and(r))
}

/// `psa_destroy_key` of an opaque key: the key store destroys the key
/// (waiting for every reader, hence for every entry point using it), then
/// the driver's `destroy_key` runs, once: only the caller whose destroy
/// succeeded calls it. `None` for a local key.
pub fn destroy(id: psa_key_id_t) -> Option<Result<()>> {
    driver::registry()?;
    let c = core().ok()?;
    let (attrs, ctx) = {
        let k = c.keys.get(id).ok()?;
        let d = k.data();
        opaque_of(&d.attrs)?.ok()?;
        (d.attrs, Zeroizing::new(d.material.to_vec()))
    };
    if let Err(e) = c.keys.destroy(id) {
        return Some(Err(e));
    }
    let d = opaque_of(&attrs)?.ok()?;
    Some(d.destroy(Key { attrs: &attrs, buffer: &ctx }))
}
