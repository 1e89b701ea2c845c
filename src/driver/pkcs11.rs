//! The PKCS#11 opaque driver (keys in a token, at `RUSTPSA_LOCATION_PKCS11`).
use parking_lot::Mutex;
use zeroize::Zeroizing;

use super::Driver;
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
    Ok(None)
}
