//! rustpsa: the PSA Certified Crypto API implemented in Rust, exported as a C ABI.
//!
//! Layers, top to bottom (dependencies point down only):
//! * [`ffi`] — the C ABI: panic boundary, pointer checks, status mapping;
//! * [`api`] — PSA semantics: attribute validation, policy, dispatch;
//! * [`keystore`] — slots, states, readers and the linearization points;
//! * [`crypto`] — the built-in driver over ring and RustCrypto;
//! * [`storage`] — persistent key files;
//! * [`sync`] — the host-injectable threading table;
//! * [`types`] — the numeric encodings shared with the C header.
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

pub mod alloc;
pub mod api;
pub mod crypto;
pub mod ffi;
pub mod keystore;
pub mod storage;
pub mod sync;
pub mod types;

/// Every Rust allocation of the library and of the crates it uses (ring,
/// RustCrypto) is wiped before it is freed: see [`alloc`].
#[cfg(feature = "wipe-on-free")]
#[global_allocator]
static GLOBAL: alloc::WipeOnFree = alloc::WipeOnFree;
