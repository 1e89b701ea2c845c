//! Key formats: which key types and sizes this driver accepts, import checks and
//! generation of key material.
use zeroize::Zeroizing;

use super::random;
use crate::types::*;

/// Largest key (in bytes) the key store accepts: the spec's `PSA_MAX_KEY_BITS`.
pub const MAX_KEY_BYTES: usize = (PSA_MAX_KEY_BITS as usize) / 8;

/// Whether `t` is a key type whose material is an unstructured byte string of
/// any length (the "raw" symmetric types).
fn is_unstructured(t: psa_key_type_t) -> bool {
    matches!(
        t,
        PSA_KEY_TYPE_RAW_DATA
            | PSA_KEY_TYPE_HMAC
            | PSA_KEY_TYPE_DERIVE
            | PSA_KEY_TYPE_PASSWORD
            | PSA_KEY_TYPE_PASSWORD_HASH
            | PSA_KEY_TYPE_PEPPER
    )
}

/// Checks that `bits` is a size the driver supports for type `t`.
pub fn check_size(t: psa_key_type_t, bits: usize) -> Result<()> {
    match t {
        _ if is_unstructured(t) => {
            if bits == 0 || bits % 8 != 0 {
                Err(Error::InvalidArgument)
            } else if bits > PSA_MAX_KEY_BITS as usize {
                Err(Error::NotSupported)
            } else {
                Ok(())
            }
        }
        PSA_KEY_TYPE_AES => match bits {
            128 | 192 | 256 => Ok(()),
            _ => Err(Error::InvalidArgument),
        },
        PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA => match bits {
            128 | 192 | 256 => Ok(()),
            _ => Err(Error::InvalidArgument),
        },
        // Single DES, two-key and three-key 3DES (parity bits not checked).
        PSA_KEY_TYPE_DES => match bits {
            64 | 128 | 192 => Ok(()),
            _ => Err(Error::InvalidArgument),
        },
        PSA_KEY_TYPE_CHACHA20 | PSA_KEY_TYPE_XCHACHA20 => match bits {
            256 => Ok(()),
            _ => Err(Error::InvalidArgument),
        },
        PSA_KEY_TYPE_ASCON => match bits {
            128 => Ok(()),
            _ => Err(Error::InvalidArgument),
        },
        PSA_KEY_TYPE_NONE => Err(Error::InvalidArgument),
        // WPA3-SAE password tokens: the curve sizes (derived or imported only).
        _ if psa_key_type_is_wpa3_sae_ecc(t) || psa_key_type_is_wpa3_sae_dh(t) => {
            super::pake::sae::pt_group(t, bits).map(|_| ())
        }
        // Recognised by the specification, not (yet) by this driver.
        _ if psa_key_type_is_public_key(t) || psa_key_type_is_key_pair(t) => {
            Err(Error::NotSupported)
        }
        _ => Err(Error::NotSupported),
    }
}

/// Validates imported key data for type `t` and returns its size in bits.
pub fn import_bits(t: psa_key_type_t, data: &[u8]) -> Result<usize> {
    if !data.is_empty() && psa_key_type_is_rsa(t) {
        return super::rsa::import(t, data);
    }
    if !data.is_empty() && psa_key_type_is_ecc(t) {
        return super::ecc::import(t, data);
    }
    if !data.is_empty() && psa_key_type_is_spake2p(t) {
        return super::pake::spake2p::import(t, data);
    }
    if !data.is_empty() && (psa_key_type_is_wpa3_sae_ecc(t) || psa_key_type_is_wpa3_sae_dh(t)) {
        return super::pake::sae::import_pt(t, data);
    }
    if !data.is_empty() && psa_key_type_is_dh(t) {
        if psa_key_type_dh_get_family(t) != PSA_DH_FAMILY_RFC7919 {
            return Err(Error::NotSupported);
        }
        return super::ffdh::import(psa_key_type_is_key_pair(t), data);
    }
    if data.is_empty() {
        // An empty string is never a valid key of any type.
        return Err(Error::InvalidArgument);
    }
    if data.len() > MAX_KEY_BYTES && is_unstructured(t) {
        return Err(Error::NotSupported);
    }
    let bits = data.len() * 8;
    check_size(t, bits)?;
    Ok(bits)
}

/// Generates key material of type `t` and size `bits`.
pub fn generate(t: psa_key_type_t, bits: usize) -> Result<Zeroizing<Vec<u8>>> {
    if psa_key_type_is_ml_kem(t) {
        if !psa_key_type_is_key_pair(t) {
            return Err(Error::InvalidArgument);
        }
        return super::mlkem::generate(bits);
    }
    if is_pqc_sign_type(t) {
        return super::pqc_sign::generate(t, bits);
    }
    if psa_key_type_is_rsa(t) {
        if psa_key_type_is_public_key(t) && !psa_key_type_is_key_pair(t) {
            return Err(Error::InvalidArgument);
        }
        return super::rsa::generate(bits, None);
    }
    if psa_key_type_is_ecc(t) {
        if !psa_key_type_is_key_pair(t) {
            return Err(Error::InvalidArgument);
        }
        return super::ecc::generate(t, bits);
    }
    if psa_key_type_is_dh(t) {
        if !psa_key_type_is_dh_key_pair(t) {
            return Err(Error::InvalidArgument);
        }
        if psa_key_type_dh_get_family(t) != PSA_DH_FAMILY_RFC7919 {
            return Err(Error::NotSupported);
        }
        return super::ffdh::generate(bits);
    }
    if psa_key_type_is_wpa3_sae_ecc(t) || psa_key_type_is_wpa3_sae_dh(t) {
        // A password token only comes from PSA_ALG_WPA3_SAE_H2E (or an import).
        return Err(Error::NotSupported);
    }
    check_size(t, bits)?;
    let mut k = Zeroizing::new(vec![0u8; bits / 8]);
    random::fill(&mut k)?;
    set_des_parity(t, &mut k);
    Ok(k)
}

/// For a DES key, sets each byte's low bit so that the byte has odd parity
/// (what Mbed TLS does to generated and derived DES keys); other types are
/// left alone.
pub fn set_des_parity(t: psa_key_type_t, key: &mut [u8]) {
    if t == PSA_KEY_TYPE_DES {
        for b in key.iter_mut() {
            let high = *b & 0xfe;
            *b = high | u8::from(high.count_ones() % 2 == 0);
        }
    }
}

/// Whether keys of type `t` are public keys that anybody may export.
pub fn is_public(t: psa_key_type_t) -> bool {
    psa_key_type_is_public_key(t)
}

/// The public part, in export format, of an asymmetric key; `InvalidArgument`
/// for symmetric keys.
pub fn export_public(t: psa_key_type_t, bits: usize, material: &[u8]) -> Result<Vec<u8>> {
    if is_pqc_sign_type(t) {
        super::pqc_sign::export_public(t, bits, material)
    } else if psa_key_type_is_rsa(t) {
        super::rsa::export_public(t, material)
    } else if psa_key_type_is_ecc(t) {
        super::ecc::export_public(t, bits, material)
    } else if psa_key_type_is_ml_kem(t) {
        super::mlkem::export_public(t, bits, material)
    } else if psa_key_type_is_spake2p(t) {
        super::pake::spake2p::export_public(t, material)
    } else if psa_key_type_is_dh_key_pair(t) {
        super::ffdh::public(material)
    } else if psa_key_type_is_dh(t) {
        Ok(material.to_vec())
    } else if psa_key_type_is_asymmetric(t) {
        Err(Error::NotSupported)
    } else {
        Err(Error::InvalidArgument)
    }
}
