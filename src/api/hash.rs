//! Message digests.
use subtle::ConstantTimeEq;

use super::core;
use crate::crypto::hash;
use crate::types::*;

fn digest(alg: psa_algorithm_t, input: &[u8]) -> Result<hash::Digest> {
    core()?;
    if !psa_alg_is_hash(alg) || alg == PSA_ALG_ANY_HASH {
        return Err(Error::InvalidArgument);
    }
    hash::compute(alg, input)
}

/// `psa_hash_compute`: returns the digest length.
pub fn compute(alg: psa_algorithm_t, input: &[u8], out: &mut [u8]) -> Result<usize> {
    let d = digest(alg, input)?;
    let n = d.as_ref().len();
    out.get_mut(..n).ok_or(Error::BufferTooSmall)?.copy_from_slice(d.as_ref());
    Ok(n)
}

/// `psa_hash_compare`: constant-time comparison with `expected`.
pub fn compare(alg: psa_algorithm_t, input: &[u8], expected: &[u8]) -> Result<()> {
    let d = digest(alg, input)?;
    if bool::from(d.as_ref().ct_eq(expected)) {
        Ok(())
    } else {
        Err(Error::InvalidSignature)
    }
}
