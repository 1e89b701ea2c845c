//! Attribute rules: the setters' side effects and the validation of the
//! attributes of a key about to be created.
use crate::types::*;

/// Sentinel stored by `psa_set_key_bits` for sizes above `PSA_MAX_KEY_BITS`, so
/// that creation can refuse them (`NotSupported`).
pub const BITS_TOO_LARGE: u16 = 0xffff;

/// `psa_set_key_id`: a key with an id is persistent; a volatile lifetime
/// becomes `PSA_KEY_LIFETIME_PERSISTENT`.
pub fn set_id(a: &mut psa_key_attributes_t, id: psa_key_id_t) {
    a.private_id = id;
    if psa_key_lifetime_is_volatile(a.private_lifetime) {
        a.private_lifetime = PSA_KEY_LIFETIME_PERSISTENT;
    }
}

/// `psa_set_key_lifetime`: a volatile lifetime clears the id.
pub fn set_lifetime(a: &mut psa_key_attributes_t, lifetime: psa_key_lifetime_t) {
    a.private_lifetime = lifetime;
    if psa_key_lifetime_is_volatile(lifetime) {
        a.private_id = PSA_KEY_ID_NULL;
    }
}

/// `psa_set_key_bits`.
pub fn set_bits(a: &mut psa_key_attributes_t, bits: usize) {
    a.private_bits = if bits > PSA_MAX_KEY_BITS as usize { BITS_TOO_LARGE } else { bits as u16 };
}

/// Checks the lifetime and id of a key to be created; returns the persistent
/// id, or `None` for a volatile key.
pub fn creation_target(a: &psa_key_attributes_t) -> Result<Option<psa_key_id_t>> {
    let lifetime = a.private_lifetime;
    // A location without a driver: invalid attributes, as Mbed TLS reports
    // (`psa_validate_key_location`); the specification allows this code or
    // `NotSupported`.
    let location = psa_key_lifetime_get_location(lifetime);
    if location != PSA_KEY_LOCATION_LOCAL_STORAGE && !crate::driver::has_location(location) {
        return Err(Error::InvalidArgument);
    }
    if psa_key_lifetime_is_volatile(lifetime) {
        return match a.private_id {
            PSA_KEY_ID_NULL => Ok(None),
            _ => Err(Error::InvalidArgument),
        };
    }
    if psa_key_lifetime_is_read_only(lifetime) {
        return Err(Error::InvalidArgument);
    }
    if !(PSA_KEY_ID_USER_MIN..=PSA_KEY_ID_USER_MAX).contains(&a.private_id) {
        return Err(Error::InvalidArgument);
    }
    Ok(Some(a.private_id))
}

/// The requested size in bits (0 = not set); `NotSupported` when too large.
pub fn requested_bits(a: &psa_key_attributes_t) -> Result<usize> {
    match a.private_bits {
        BITS_TOO_LARGE => Err(Error::NotSupported),
        b => Ok(b as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_makes_persistent_and_volatile_clears_id() {
        let mut a = psa_key_attributes_t::default();
        set_id(&mut a, 42);
        assert_eq!((a.private_id, a.private_lifetime), (42, PSA_KEY_LIFETIME_PERSISTENT));
        assert_eq!(creation_target(&a), Ok(Some(42)));
        set_lifetime(&mut a, PSA_KEY_LIFETIME_VOLATILE);
        assert_eq!(a.private_id, 0);
        assert_eq!(creation_target(&a), Ok(None));
    }

    #[test]
    fn bad_targets() {
        let mut a = psa_key_attributes_t::default();
        set_id(&mut a, PSA_KEY_ID_VENDOR_MIN);
        assert_eq!(creation_target(&a), Err(Error::InvalidArgument));
        a.private_id = 0;
        assert_eq!(creation_target(&a), Err(Error::InvalidArgument));
        a.private_lifetime = 0x0000_0101;
        a.private_id = 1;
        assert_eq!(creation_target(&a), Err(Error::InvalidArgument));
        a.private_lifetime = 0xff;
        assert_eq!(creation_target(&a), Err(Error::InvalidArgument));
        set_bits(&mut a, 1 << 20);
        assert_eq!(requested_bits(&a), Err(Error::NotSupported));
    }
}
