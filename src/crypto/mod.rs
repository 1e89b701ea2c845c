//! The built-in driver: thin adapters over AWS-LC (aws-lc-rs, aws-lc-sys) and the RustCrypto crates.
//!
//! Knows nothing of slots, locks or policy: callers pass key bytes and get
//! results. One file per family.
pub mod bp512;
pub mod ecc;
pub mod ffdh;
pub mod modp;
pub mod hash;
pub mod kdf;
pub mod keys;
pub mod mac;
pub mod mlkem;
pub mod prepared;
pub mod random;
pub mod rsa;
pub mod pake;
pub mod wipe;
pub mod cipher;
pub mod aead;
pub mod xof;
pub mod keywrap;
pub mod awslc;

pub use prepared::Prepared;
pub mod mldsa;
pub mod pqc_sign;
pub mod slhdsa;
pub mod stateful;
