//! ML-KEM interoperability through the C API: rustpsa against Cryspen's
//! libcrux-ml-kem (an independent, formally verified FIPS 203 implementation),
//! for ML-KEM-512, -768 and -1024, both directions:
//!
//! * the same seed `d || z` gives the same encapsulation key in both;
//! * libcrux encapsulates to a key that rustpsa generated, rustpsa decapsulates;
//! * rustpsa encapsulates to a libcrux key, libcrux decapsulates;
//! * a corrupted ciphertext gives the same implicit-rejection key in both.
use rustpsa::ffi::attributes::*;
use rustpsa::ffi::kem::{psa_decapsulate, psa_encapsulate};
use rustpsa::ffi::key_management::*;
use rustpsa::ffi::library::psa_crypto_init;
use rustpsa::types::*;

const ROUNDS: usize = 8;

fn attrs(t: psa_key_type_t, bits: usize, usage: psa_key_usage_t, alg: psa_algorithm_t) -> psa_key_attributes_t {
    let mut a = psa_key_attributes_t::default();
    unsafe {
        psa_set_key_type(&mut a, t);
        psa_set_key_bits(&mut a, bits);
        psa_set_key_usage_flags(&mut a, usage);
        psa_set_key_algorithm(&mut a, alg);
    }
    a
}

fn secret_attrs() -> psa_key_attributes_t {
    attrs(PSA_KEY_TYPE_DERIVE, 0, PSA_KEY_USAGE_EXPORT, PSA_ALG_NONE)
}

fn import(a: &psa_key_attributes_t, data: &[u8]) -> psa_key_id_t {
    let mut k = 0;
    assert_eq!(unsafe { psa_import_key(a, data.as_ptr(), data.len(), &mut k) }, PSA_SUCCESS);
    k
}

/// Exports and destroys a shared-secret key.
fn take(k: psa_key_id_t) -> Vec<u8> {
    let mut out = vec![0u8; 64];
    let mut n = 0;
    assert_eq!(unsafe { psa_export_key(k, out.as_mut_ptr(), out.len(), &mut n) }, PSA_SUCCESS);
    assert_eq!(psa_destroy_key(k), PSA_SUCCESS);
    out.truncate(n);
    out
}

fn export_public(k: psa_key_id_t) -> Vec<u8> {
    let mut out = vec![0u8; PSA_EXPORT_PUBLIC_KEY_MAX_SIZE];
    let mut n = 0;
    assert_eq!(unsafe { psa_export_public_key(k, out.as_mut_ptr(), out.len(), &mut n) }, PSA_SUCCESS);
    out.truncate(n);
    out
}

fn encapsulate(k: psa_key_id_t) -> (Vec<u8>, Vec<u8>) {
    let mut ct = vec![0u8; PSA_ENCAPSULATE_CIPHERTEXT_MAX_SIZE];
    let (mut n, mut s) = (0, 0);
    let a = secret_attrs();
    assert_eq!(
        unsafe { psa_encapsulate(k, PSA_ALG_ML_KEM, &a, &mut s, ct.as_mut_ptr(), ct.len(), &mut n) },
        PSA_SUCCESS
    );
    ct.truncate(n);
    (ct, take(s))
}

fn decapsulate(k: psa_key_id_t, ct: &[u8]) -> Vec<u8> {
    let mut s = 0;
    let a = secret_attrs();
    assert_eq!(unsafe { psa_decapsulate(k, PSA_ALG_ML_KEM, ct.as_ptr(), ct.len(), &a, &mut s) }, PSA_SUCCESS);
    take(s)
}

/// Deterministic test randomness (xorshift64*).
struct Rng(u64);
impl Rng {
    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for b in out.iter_mut() {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            *b = (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
        out
    }
}

macro_rules! interop {
    ($name:ident, $m:ident, $pk:ident, $ct:ident, $bits:expr) => {
        #[test]
        fn $name() {
            use libcrux_ml_kem::$m as lc;
            assert_eq!(psa_crypto_init(), PSA_SUCCESS);
            let mut rng = Rng(0x6d6c_6b65_6d00 + $bits);
            let pair_attrs = attrs(
                PSA_KEY_TYPE_ML_KEM_KEY_PAIR,
                $bits,
                PSA_KEY_USAGE_ENCRYPT | PSA_KEY_USAGE_DECRYPT | PSA_KEY_USAGE_EXPORT,
                PSA_ALG_ML_KEM,
            );
            let pub_attrs = attrs(PSA_KEY_TYPE_ML_KEM_PUBLIC_KEY, 0, PSA_KEY_USAGE_ENCRYPT, PSA_ALG_ML_KEM);
            for _ in 0..ROUNDS {
                // Key generation from the same seed.
                let seed: [u8; 64] = rng.bytes();
                let theirs = lc::generate_key_pair(seed);
                let ours = import(&pair_attrs, &seed);
                let ek = export_public(ours);
                assert_eq!(ek, theirs.public_key().as_slice().to_vec());

                // libcrux encapsulates to our key, we decapsulate.
                let pk = lc::$pk::from(<[u8; _]>::try_from(&ek[..]).unwrap());
                let (ct, ss) = lc::encapsulate(&pk, rng.bytes());
                assert_eq!(decapsulate(ours, ct.as_ref()), ss.to_vec());

                // We encapsulate to libcrux's key (imported as a public key), libcrux decapsulates.
                let their_pub = import(&pub_attrs, theirs.public_key().as_slice());
                let (ct, ss) = encapsulate(their_pub);
                let c = lc::$ct::from(<[u8; _]>::try_from(&ct[..]).unwrap());
                assert_eq!(lc::decapsulate(theirs.private_key(), &c).to_vec(), ss);

                // Implicit rejection: the same pseudorandom key from both.
                let mut bad = ct.clone();
                bad[5] ^= 0x10;
                let c = lc::$ct::from(<[u8; _]>::try_from(&bad[..]).unwrap());
                let theirs_rejected = lc::decapsulate(theirs.private_key(), &c).to_vec();
                assert_ne!(theirs_rejected, ss);
                assert_eq!(decapsulate(ours, &bad), theirs_rejected);

                assert_eq!(psa_destroy_key(ours), PSA_SUCCESS);
                assert_eq!(psa_destroy_key(their_pub), PSA_SUCCESS);
            }
        }
    };
}

interop!(ml_kem_512, mlkem512, MlKem512PublicKey, MlKem512Ciphertext, 512);
interop!(ml_kem_768, mlkem768, MlKem768PublicKey, MlKem768Ciphertext, 768);
interop!(ml_kem_1024, mlkem1024, MlKem1024PublicKey, MlKem1024Ciphertext, 1024);
