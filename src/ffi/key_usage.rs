//! `psa_check_key_usage` (PSA Crypto API 1.4).
use super::boundary;
use crate::types::{psa_algorithm_t, psa_key_id_t, psa_key_usage_t, psa_status_t};

/// Query whether key `key` can be used with algorithm `alg` for the single
/// usage flag `usage` on this implementation, without performing the
/// operation: `PSA_SUCCESS`, or the status the operation's setup would give
/// for the key's policy, type and size. A key-management flag (`EXPORT`,
/// `COPY`, `CACHE`) is checked with `alg == PSA_ALG_NONE`.
#[no_mangle]
pub unsafe extern "C" fn psa_check_key_usage(key: psa_key_id_t, alg: psa_algorithm_t, usage: psa_key_usage_t) -> psa_status_t {
    boundary::guard(|| crate::api::key_usage::check(key, alg, usage))
}
