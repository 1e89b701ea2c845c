//! Key creation, export, copy and destruction.
use zeroize::Zeroizing;

use super::attributes::{creation_target, requested_bits};
use super::{core, policy};
use crate::crypto::keys;
use crate::keystore::Material;
use crate::types::*;

/// Creates a key from validated attributes (`target` from `creation_target`)
/// and material of `bits` bits: the one place that fixes the final attributes
/// (size, implied usage flags) and publishes a key. No cryptography happens
/// between the reservation and the commit.
pub(crate) fn create(
    attrs: &psa_key_attributes_t,
    target: Option<psa_key_id_t>,
    bits: usize,
    material: impl Into<Material>,
) -> Result<psa_key_id_t> {
    // Key material made here (derived, agreed, generated or imported by the
    // built-in code) never goes into a driver's location: only the driver
    // itself creates keys there (`api::driver`).
    super::driver::local_location(attrs)?;
    create_in_location(attrs, target, bits, material)
}

/// [`create`] for any location: `material` is the key (local location) or
/// the driver's key context (a driver's location; `api::driver` only).
pub(crate) fn create_in_location(
    attrs: &psa_key_attributes_t,
    target: Option<psa_key_id_t>,
    bits: usize,
    material: impl Into<Material>,
) -> Result<psa_key_id_t> {
    let mut a = *attrs;
    a.private_bits = bits as u16;
    a.private_usage = psa_key_usage_extend(a.private_usage);
    core()?.keys.create(target, a, material)
}

/// The attribute checks of every key creation, in Mbed TLS's order: lifetime
/// and id, defined usage flags, size limit. Returns the persistent id (or
/// `None`) and the requested size in bits.
pub(crate) fn check_new(attrs: &psa_key_attributes_t) -> Result<(Option<psa_key_id_t>, usize)> {
    let target = creation_target(attrs)?;
    policy::require_defined_usage(attrs.private_usage)?;
    let bits = requested_bits(attrs)?;
    Ok((target, bits))
}

/// `NotSupported` for key type `PSA_KEY_TYPE_NONE` (attributes never set or
/// reset): no implementation supports a key of no type.
pub(crate) fn require_type(t: psa_key_type_t) -> Result<()> {
    if t == PSA_KEY_TYPE_NONE {
        Err(Error::NotSupported)
    } else {
        Ok(())
    }
}

/// `psa_import_key`: empty data is `InvalidArgument` before any other check
/// (as Mbed TLS: an empty string is never a key).
pub fn import(attrs: &psa_key_attributes_t, data: &[u8]) -> Result<psa_key_id_t> {
    core()?;
    if data.is_empty() {
        return Err(Error::InvalidArgument);
    }
    let (target, _) = check_new(attrs)?;
    require_type(attrs.private_type)?;
    if let Some(r) = super::driver::import(attrs, target, data) {
        return r;
    }
    let bits = check_material(attrs, data)?;
    // The copy is made before the key store is touched: no allocation under
    // its lock (and none at all for material of up to 64 bytes, kept inline).
    create(attrs, target, bits, Material::copy_of(data))
}

/// The checks `psa_import_key` makes of key material against the attributes:
/// valid data for the type, of the requested size (if any); returns the size.
fn check_material(attrs: &psa_key_attributes_t, data: &[u8]) -> Result<usize> {
    let requested = requested_bits(attrs)?;
    if is_pqc_sign_type(attrs.private_type) {
        return crate::crypto::pqc_sign::import(attrs.private_type, requested, data);
    }
    if requested != 0 && !data.is_empty() && psa_key_type_is_ecc(attrs.private_type) {
        crate::crypto::ecc::check_declared_size(attrs.private_type, requested, data.len())?;
    }
    if psa_key_type_is_ml_kem(attrs.private_type) {
        // An ML-KEM seed does not tell its parameter set: the size comes with it.
        return crate::crypto::mlkem::import(attrs.private_type, requested, data);
    }
    let bits = keys::import_bits(attrs.private_type, data)?;
    match requested {
        0 => Ok(bits),
        b if b == bits => Ok(bits),
        _ => Err(Error::InvalidArgument),
    }
}

/// The check of a key record read from storage (installed in the key store):
/// the record must pass exactly the checks `psa_import_key` makes (lifetime and
/// id as [`creation_target`], defined usage flags, material as
/// [`check_material`]), except that a
/// read-only persistence is allowed, and carry its size. `DataInvalid`
/// otherwise.
pub(crate) fn check_stored(attrs: &psa_key_attributes_t, material: &[u8]) -> Result<()> {
    let mut a = *attrs;
    if psa_key_lifetime_is_read_only(a.private_lifetime) {
        // Read-only keys cannot be created but may be stored: check the rest.
        a.private_lifetime = psa_key_lifetime_from_persistence_and_location(
            PSA_KEY_PERSISTENCE_DEFAULT,
            psa_key_lifetime_get_location(a.private_lifetime),
        );
    }
    let valid = a.private_bits != 0
        && creation_target(&a) == Ok(Some(a.private_id))
        && policy::require_defined_usage(a.private_usage).is_ok()
        && (psa_key_lifetime_get_location(a.private_lifetime) != PSA_KEY_LOCATION_LOCAL_STORAGE
            || check_material(&a, material).is_ok());
    if valid {
        Ok(())
    } else {
        Err(Error::DataInvalid)
    }
}

/// `psa_generate_key`.
pub fn generate(attrs: &psa_key_attributes_t) -> Result<psa_key_id_t> {
    core()?;
    // Mbed TLS's order: size 0 and public key types before the attributes.
    if attrs.private_bits == 0 || psa_key_type_is_public_key(attrs.private_type) {
        return Err(Error::InvalidArgument);
    }
    let (target, bits) = check_new(attrs)?;
    require_type(attrs.private_type)?;
    if let Some(r) = super::driver::generate(attrs, target, bits) {
        return r;
    }
    let material = keys::generate(attrs.private_type, bits)?;
    create(attrs, target, bits, material)
}

/// `psa_export_key`: the key in its export format; returns the length written.
pub fn export(id: psa_key_id_t, out: &mut [u8]) -> Result<usize> {
    let c = core()?;
    // An empty buffer is refused before the key is looked at (as Mbed TLS).
    if out.is_empty() {
        return Err(Error::BufferTooSmall);
    }
    if let Some(r) = super::driver::export(id, out) {
        return r;
    }
    let k = c.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    if !keys::is_public(d.attrs.private_type) {
        policy::require_usage(&d.attrs, PSA_KEY_USAGE_EXPORT)?;
    }
    let n = d.material.len();
    let dst = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    dst.copy_from_slice(&d.material);
    k.release()?;
    Ok(n)
}

/// `psa_export_public_key`: symmetric keys have no public part
/// (`InvalidArgument`). Public keys need no usage flag.
pub fn export_public(id: psa_key_id_t, out: &mut [u8]) -> Result<usize> {
    let c = core()?;
    if out.is_empty() {
        return Err(Error::BufferTooSmall);
    }
    if let Some(r) = super::driver::export_public(id, out) {
        return r;
    }
    let k = c.keys.get(id)?;
    let d = k.data();
    super::driver::local_only(d)?;
    let public = keys::export_public(d.attrs.private_type, d.attrs.private_bits as usize, &d.material)?;
    k.release()?;
    let n = public.len();
    out.get_mut(..n).ok_or(Error::BufferTooSmall)?.copy_from_slice(&public);
    Ok(n)
}

/// `psa_copy_key`: a new key with the source's material and the intersection of
/// the two policies. A target type of `PSA_KEY_TYPE_NONE` (and size 0) means
/// "as the source". The source (handle, `COPY` usage) is checked before the
/// target's attributes, as Mbed TLS does; the usage flags of the copy are the
/// intersection, so undefined bits of the target attributes drop out.
///
/// The source is read (and its reader registration dropped) before the target
/// is created, so this thread never waits on the key store while registered as
/// a reader: the invariant that keeps every wait finite.
pub fn copy(source: psa_key_id_t, attrs: &psa_key_attributes_t) -> Result<psa_key_id_t> {
    let c = core()?;
    let k = c.keys.get(source)?;
    let s = k.data().attrs;
    policy::require_usage(&s, PSA_KEY_USAGE_COPY)?;
    super::driver::local_only(k.data())?;
    let material = Zeroizing::new(k.data().material.to_vec());
    k.release()?;
    let bits = s.private_bits as usize;
    let wanted_bits = requested_bits(attrs)?;
    if (attrs.private_type != PSA_KEY_TYPE_NONE && attrs.private_type != s.private_type)
        || (wanted_bits != 0 && wanted_bits != bits)
    {
        return Err(Error::InvalidArgument);
    }
    let a = psa_key_attributes_t {
        private_type: s.private_type,
        private_bits: bits as u16,
        private_usage: s.private_usage & psa_key_usage_extend(attrs.private_usage),
        private_alg: policy::intersect(s.private_alg, attrs.private_alg, s.private_type, bits)?,
        private_alg2: policy::intersect(s.private_alg2, attrs.private_alg2, s.private_type, bits)?,
        ..*attrs
    };
    let (target, _) = check_new(&a)?;
    super::driver::local_location(&a)?;
    c.keys.create(target, a, material)
}

/// `psa_get_key_attributes`.
pub fn attributes(id: psa_key_id_t) -> Result<psa_key_attributes_t> {
    core()?.keys.attributes(id)
}

/// `psa_destroy_key`: destroying `PSA_KEY_ID_NULL` does nothing and succeeds.
pub fn destroy(id: psa_key_id_t) -> Result<()> {
    let c = core()?;
    if id == PSA_KEY_ID_NULL {
        return Ok(());
    }
    if let Some(r) = super::driver::destroy(id) {
        return r;
    }
    c.keys.destroy(id)
}

/// `psa_purge_key`.
pub fn purge(id: psa_key_id_t) -> Result<()> {
    core()?.keys.purge(id)
}

/// `psa_close_key` (Mbed TLS compatibility): 0 succeeds; a persistent key is
/// purged from memory; a volatile key is destroyed, as Mbed TLS does.
pub fn close(id: psa_key_id_t) -> Result<()> {
    let c = core()?;
    match id {
        PSA_KEY_ID_NULL => Ok(()),
        _ if crate::keystore::is_persistent_id(id) => c.keys.purge(id),
        _ => c.keys.destroy(id),
    }
}

/// `psa_generate_random`.
pub fn random(out: &mut [u8]) -> Result<()> {
    super::core_whitelisted()?;
    crate::crypto::random::fill(out)
}
