//! Random number generation.
use super::boundary::{self, guard};
use crate::api::key_management;
use crate::types::psa_status_t;

/// Fill `output` with `output_size` random bytes from the operating system's
/// CSPRNG. NULL is allowed with size 0.
#[no_mangle]
pub unsafe extern "C" fn psa_generate_random(output: *mut u8, output_size: usize) -> psa_status_t {
    // SAFETY: the caller passes `output_size` writable bytes (or NULL and 0).
    guard(|| key_management::random(unsafe { boundary::output(output, output_size) }?))
}
