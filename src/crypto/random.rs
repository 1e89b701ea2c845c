//! The random generator: the operating system's CSPRNG through ring.
use crate::sync::SetOnce;
use ring::rand::{SecureRandom, SystemRandom};

use crate::types::{Error, Result};

static RNG: SetOnce<SystemRandom> = SetOnce::new();

/// Fills `out` with random bytes; `InsufficientEntropy` if the OS refuses.
pub fn fill(out: &mut [u8]) -> Result<()> {
    if out.is_empty() {
        return Ok(());
    }
    RNG.get_or_init(SystemRandom::new).fill(out).map_err(|_| Error::InsufficientEntropy)
}
