//! Key lifetimes, persistence levels, locations and key identifier ranges.
use super::{psa_key_id_t, psa_key_lifetime_t, psa_key_location_t, psa_key_persistence_t};

/// The default lifetime for volatile keys.
pub const PSA_KEY_LIFETIME_VOLATILE: psa_key_lifetime_t = 0x0000_0000 as psa_key_lifetime_t;
/// The default lifetime for persistent keys.
pub const PSA_KEY_LIFETIME_PERSISTENT: psa_key_lifetime_t = 0x0000_0001 as psa_key_lifetime_t;
/// The persistence level of volatile keys.
pub const PSA_KEY_PERSISTENCE_VOLATILE: psa_key_persistence_t = 0x00 as psa_key_persistence_t;
/// The default persistence level for persistent keys.
pub const PSA_KEY_PERSISTENCE_DEFAULT: psa_key_persistence_t = 0x01 as psa_key_persistence_t;
/// A persistence level indicating that a key is never destroyed.
pub const PSA_KEY_PERSISTENCE_READ_ONLY: psa_key_persistence_t = 0xff as psa_key_persistence_t;
/// The local storage area for persistent keys.
pub const PSA_KEY_LOCATION_LOCAL_STORAGE: psa_key_location_t = 0x00_0000 as psa_key_location_t;
/// The default location for a key managed by a secure element.
pub const PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT: psa_key_location_t =
    0x00_0001 as psa_key_location_t;
/// The null key identifier.
pub const PSA_KEY_ID_NULL: psa_key_id_t = 0 as psa_key_id_t;
/// The minimum value for a key identifier chosen by the application.
pub const PSA_KEY_ID_USER_MIN: psa_key_id_t = 0x0000_0001 as psa_key_id_t;
/// The maximum value for a key identifier chosen by the application.
pub const PSA_KEY_ID_USER_MAX: psa_key_id_t = 0x3fff_ffff as psa_key_id_t;
/// The minimum value for a key identifier chosen by the implementation.
pub const PSA_KEY_ID_VENDOR_MIN: psa_key_id_t = 0x4000_0000 as psa_key_id_t;
/// The maximum value for a key identifier chosen by the implementation.
pub const PSA_KEY_ID_VENDOR_MAX: psa_key_id_t = 0x7fff_ffff as psa_key_id_t;

/// `PSA_KEY_LIFETIME_GET_PERSISTENCE(lifetime)`
pub const fn psa_key_lifetime_get_persistence(l: psa_key_lifetime_t) -> psa_key_persistence_t {
    (l & 0xff) as psa_key_persistence_t
}
/// `PSA_KEY_LIFETIME_GET_LOCATION(lifetime)`
pub const fn psa_key_lifetime_get_location(l: psa_key_lifetime_t) -> psa_key_location_t {
    l >> 8
}
/// `PSA_KEY_LIFETIME_IS_VOLATILE(lifetime)`
pub const fn psa_key_lifetime_is_volatile(l: psa_key_lifetime_t) -> bool {
    psa_key_lifetime_get_persistence(l) == PSA_KEY_PERSISTENCE_VOLATILE
}
/// `PSA_KEY_LIFETIME_IS_READ_ONLY(lifetime)`
pub const fn psa_key_lifetime_is_read_only(l: psa_key_lifetime_t) -> bool {
    psa_key_lifetime_get_persistence(l) == PSA_KEY_PERSISTENCE_READ_ONLY
}
/// `PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(persistence, location)`
pub const fn psa_key_lifetime_from_persistence_and_location(
    p: psa_key_persistence_t,
    loc: psa_key_location_t,
) -> psa_key_lifetime_t {
    (loc << 8) | p as psa_key_lifetime_t
}

/// The location of keys held in a PKCS#11 token by rustpsa's PKCS#11 driver
/// (a vendor location: bit 23 set). Configure the token with
/// `rustpsa_pkcs11_configure` or the `RUSTPSA_PKCS11_*` environment variables.
pub const RUSTPSA_LOCATION_PKCS11: psa_key_location_t = 0x80_0011 as psa_key_location_t;
