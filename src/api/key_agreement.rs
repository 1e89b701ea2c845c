//! Key agreement.
use zeroize::Zeroizing;

use crate::types::*;

/// The raw shared secret of `private_key` (which must permit `alg` and
/// `PSA_KEY_USAGE_DERIVE`) and the peer's public key `peer`, for the key
/// agreement algorithm `alg` (a raw agreement like `PSA_ALG_ECDH`, or a full
/// agreement-plus-KDF algorithm, whose agreement part is used). Used by
/// `psa_raw_key_agreement`, `psa_key_agreement` and
/// `psa_key_derivation_key_agreement`.
pub fn shared_secret(private_key: psa_key_id_t, alg: psa_algorithm_t, peer: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let _ = (private_key, alg, peer);
    Err(Error::NotSupported)
}
