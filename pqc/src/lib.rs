//! rustpsa's post-quantum signature adapters over the RustCrypto `ml-dsa` and
//! `slh-dsa` crates.
//!
//! The crates are generic over the parameter set; their code is instantiated
//! where it is used. Keeping every instance in this small crate lets the main
//! crate's build profile compile it optimised even in debug builds (SLH-DSA
//! signs with many thousand hashes: unoptimised, a test run takes minutes).
//! No PSA types here: rustpsa's `crypto::mldsa` / `crypto::slhdsa` map them.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod mldsa;
pub mod slhdsa;
pub mod stateful;
