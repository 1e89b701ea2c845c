//! Mbed TLS names that are not PSA Crypto API names, for clients written
//! against Mbed TLS. They are exported by the library but declared only by the
//! compatibility headers (`compat/include`, installed by `COMPAT=1
//! scripts/install.sh`), in `psa/crypto_compat.h`, generated from this file.
use super::boundary::{self, guard, guard_void};
use crate::api::pake;
use crate::types::*;

/// Mbed TLS's key-store statistics (`mbedtls_psa_get_stats`). In rustpsa:
/// `volatile_slots` and `persistent_slots` are the slots holding a volatile or
/// a persistent key, `half_filled_slots` the slots reserved for a key being
/// created or loaded, `empty_slots` the free slots up to the configured
/// capacity. No secure element exists (`external_slots` and
/// `max_open_external_key_id` are 0) and there is no separate cache
/// (`cache_slots` is 0). `locked_slots` and `max_open_internal_key_id` are not
/// tracked by the key store (always 0).
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct mbedtls_psa_stats_s {
    /// Slots holding a volatile key.
    pub private_volatile_slots: usize,
    /// Slots holding a persistent key.
    pub private_persistent_slots: usize,
    /// Slots holding a secure-element key (always 0).
    pub private_external_slots: usize,
    /// Slots reserved for a key being created, loaded or erased.
    pub private_half_filled_slots: usize,
    /// Slots holding cached data only (always 0).
    pub private_cache_slots: usize,
    /// Free slots up to the configured capacity.
    pub private_empty_slots: usize,
    /// Slots in use by a reader (not tracked: 0).
    pub private_locked_slots: usize,
    /// Largest persistent key id in memory (not tracked: 0).
    pub private_max_open_internal_key_id: psa_key_id_t,
    /// Largest secure-element key id in memory (always 0).
    pub private_max_open_external_key_id: psa_key_id_t,
}
/// Mbed TLS's key-store statistics.
pub type mbedtls_psa_stats_t = mbedtls_psa_stats_s;

/// Fill `*stats` with the key store's counters (all 0 before `psa_crypto_init`).
#[no_mangle]
pub unsafe extern "C" fn mbedtls_psa_get_stats(stats: *mut mbedtls_psa_stats_t) {
    guard_void(|| {
        let mut out = mbedtls_psa_stats_t::default();
        if let Ok(s) = crate::api::core().and_then(|c| c.keys.stats()) {
            let keys = s.volatile_keys + s.persistent_keys_loaded;
            out.private_volatile_slots = s.volatile_keys;
            out.private_persistent_slots = s.persistent_keys_loaded;
            out.private_half_filled_slots = s.slots_in_use.saturating_sub(keys);
            out.private_empty_slots = s.capacity.saturating_sub(s.slots_in_use);
        }
        // SAFETY: the caller passes NULL or a writable structure.
        unsafe { boundary::preset(stats, out) };
    })
}

/// Overwrite `len` bytes at `buf` with zeros, in a way the compiler cannot
/// remove (volatile writes, `zeroize`). NULL is ignored.
#[no_mangle]
pub unsafe extern "C" fn mbedtls_platform_zeroize(buf: *mut core::ffi::c_void, len: usize) {
    guard_void(|| {
        if !buf.is_null() && len > 0 {
            // SAFETY: the caller passes `len` writable bytes at `buf`.
            zeroize::Zeroize::zeroize(unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), len) });
        }
    })
}

/// Mbed TLS 3.x: the hash of a cipher suite (the PAKE extension 1.1 API).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_get_hash(cipher_suite: *const psa_pake_cipher_suite_t) -> psa_algorithm_t {
    // SAFETY: the caller passes NULL or a valid cipher suite.
    boundary::guard_value(0, || unsafe { cipher_suite.as_ref() }.map_or(0, |c| c.private_hash))
}

/// Mbed TLS 3.x: set the hash of a cipher suite (a non-hash is stored as 0).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_cs_set_hash(cipher_suite: *mut psa_pake_cipher_suite_t, hash: psa_algorithm_t) {
    // SAFETY: forwarded caller contract.
    unsafe { super::pake::set(cipher_suite, |c| pake::cs_set_hash(c, hash)) }
}

/// Mbed TLS 3.x: the two-argument `psa_pake_setup(operation, cipher_suite)`
/// (the compatibility header maps a two-argument call to it): set up
/// without the password, which `psa_pake_set_password_key` then gives.
#[no_mangle]
pub unsafe extern "C" fn rustpsa_pake_setup_v1(
    operation: *mut psa_pake_operation_t,
    cipher_suite: *const psa_pake_cipher_suite_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: the caller passes NULL or a valid cipher suite.
        let cs = unsafe { boundary::obj(cipher_suite) }?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::setup_v1(w, cs) }
    })
}

/// Mbed TLS 3.x: give the password key after the two-argument setup
/// (`PSA_ERROR_BAD_STATE` for an operation that has its password already,
/// e.g. one set up with the 1.3 `psa_pake_setup`).
#[no_mangle]
pub unsafe extern "C" fn psa_pake_set_password_key(
    operation: *mut psa_pake_operation_t,
    password: psa_key_id_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        // SAFETY: a valid object, per the caller's contract.
        unsafe { pake::set_password_key(w, password) }
    })
}

/// Mbed TLS 3.x: feed the shared secret into a key derivation operation as
/// its `PSA_KEY_DERIVATION_INPUT_SECRET`; the PAKE operation ends whatever
/// the result.
#[no_mangle]
pub unsafe extern "C" fn psa_pake_get_implicit_key(
    operation: *mut psa_pake_operation_t,
    output: *mut psa_key_derivation_operation_t,
) -> psa_status_t {
    guard(|| {
        crate::api::core()?;
        let w = boundary::op_words(operation)?;
        let k = boundary::op_words(output)?;
        // SAFETY: valid objects, per the caller's contract.
        unsafe { pake::get_implicit_key(w, k) }
    })
}
