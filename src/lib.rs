//! rustpsa: the PSA Certified Crypto API implemented in Rust, exported as a C ABI.
//!
//! Layers, top to bottom (dependencies point down only):
//! * [`ffi`] — the C ABI: panic boundary, pointer checks, status mapping;
//! * [`api`] — PSA semantics: attribute validation, policy, dispatch;
//! * [`keystore`] — slots, states, readers and the linearization points;
//! * [`driver`] — registered drivers (C tables, PKCS#11) and the driver policy;
//! * [`crypto`] — the built-in driver over ring and RustCrypto;
//! * [`storage`] — persistent key files;
//! * [`sync`] — the host-injectable threading table;
//! * [`types`] — the numeric encodings shared with the C header;
//! * [`names`] — numbers back to the header's names (`rustpsa_status_name`, `rustpsa-names`).
//!
//! Supported targets: Linux on x86_64 and aarch64 (see README, "Platforms").
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

// The lock-free key read path needs Linux's membarrier(2) (`libc::SYS_membarrier`),
// and the key files and storage paths use `std::os::unix`; other systems do not
// build, other Linux architectures are untested.
#[cfg(not(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "aarch64"))))]
compile_error!(
    "rustpsa supports Linux on x86_64 and aarch64 only: it needs Linux's membarrier(2) \
     system call (src/keystore/hazard.rs) and std::os::unix (key storage); see README.md, Platforms"
);

pub mod alloc;
pub mod api;
pub mod crypto;
pub mod driver;
pub mod ffi;
pub mod keystore;
pub mod names;
pub mod storage;
pub mod sync;
pub mod types;
#[cfg(test)]
mod testutil;

/// Every Rust allocation of the library and of the crates it uses (ring,
/// RustCrypto) is wiped before it is freed: see [`alloc`].
#[cfg(feature = "wipe-on-free")]
#[global_allocator]
static GLOBAL: alloc::WipeOnFree = alloc::WipeOnFree;
