//! The random generator: the operating system's CSPRNG through ring.
use once_cell::sync::Lazy;
use ring::rand::{SecureRandom, SystemRandom};

use crate::types::{Error, Result};

static RNG: Lazy<SystemRandom> = Lazy::new(SystemRandom::new);

/// Fills `out` with random bytes; `InsufficientEntropy` if the OS refuses.
pub fn fill(out: &mut [u8]) -> Result<()> {
    if out.is_empty() {
        return Ok(());
    }
    RNG.fill(out).map_err(|_| Error::InsufficientEntropy)
}
