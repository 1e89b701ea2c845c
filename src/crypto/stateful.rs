//! Stateful hash-based signatures (SP 800-208): LMS and HSS, XMSS and XMSS^MT
//! public keys and verification.
//!
//! Not implemented in this build: importing such a public key returns
//! `PSA_ERROR_NOT_SUPPORTED` (so no key of these types can exist and no
//! verification is attempted).
use crate::types::*;

/// A parsed stateful-scheme public key (no variant: such keys cannot be imported yet).
pub enum Prepared {}

/// Import checks of an LMS/HSS/XMSS/XMSS^MT public key.
pub fn import(_t: psa_key_type_t, _declared: usize, _data: &[u8]) -> Result<usize> {
    Err(Error::NotSupported)
}

/// Parses stored material (never reached: import refuses these types).
pub fn prepare(_t: psa_key_type_t, _material: &[u8]) -> Result<Prepared> {
    Err(Error::NotSupported)
}

/// Verifies a signature over `msg` (never reached: no such key exists).
pub fn verify(p: &Prepared, _msg: &[u8], _signature: &[u8]) -> Result<()> {
    match *p {}
}
