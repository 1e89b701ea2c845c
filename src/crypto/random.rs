//! The random generator: AWS-LC's CSPRNG (seeded from the operating system) through aws-lc-rs.
use crate::sync::SetOnce;
use aws_lc_rs::rand::{SecureRandom, SystemRandom};

use crate::types::{Error, Result};

static RNG: SetOnce<SystemRandom> = SetOnce::new();

/// Fills `out` with random bytes; `InsufficientEntropy` if the OS refuses.
pub fn fill(out: &mut [u8]) -> Result<()> {
    if out.is_empty() {
        return Ok(());
    }
    RNG.get_or_init(SystemRandom::new).fill(out).map_err(|_| Error::InsufficientEntropy)
}
