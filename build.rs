//! Generates the C headers from the Rust sources with cbindgen.
//!
//! Two headers are generated:
//! * `include/psa/crypto_generated.h` — typedefs, encoding constants, structs and
//!   prototypes from `src/types/` and `src/ffi/` (minus the threading table);
//! * `include/rustpsa/threading.h` — the host threading table from
//!   `src/ffi/threading.rs`;
//! * `include/rustpsa/driver.h` — the driver table from `src/driver/abi.rs`
//!   and the registration functions of `src/ffi/driver.rs`;
//! * `include/rustpsa/names.h` — `rustpsa_status_name` from `src/ffi/names.rs`;
//! * `include/rustpsa/version.h` — the library version from `Cargo.toml`.
//!
//! It also writes `OUT_DIR/names_table.rs`, the name/value table of every
//! `pub const` of `src/types/` (the constants cbindgen copies into the header),
//! from which `src/names.rs` decodes numbers into names.
//!
//! The generated text is written to `OUT_DIR` and compared with the committed copy
//! under `include/`. A difference fails the build, unless `RUSTPSA_BLESS=1` is set,
//! in which case the committed copy is rewritten. This keeps the committed headers
//! exactly what the code says.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

/// Typedefs that must appear in the header even when no prototype names them.
const ALWAYS_EXPORT: &[&str] = &[
    "psa_status_t",
    "psa_key_type_t",
    "psa_ecc_family_t",
    "psa_dh_family_t",
    "psa_algorithm_t",
    "psa_key_lifetime_t",
    "psa_key_persistence_t",
    "psa_key_location_t",
    "psa_key_id_t",
    "psa_key_usage_t",
    "psa_key_derivation_step_t",
    "psa_key_handle_t",
    "mbedtls_svc_key_id_t",
    // Needed by the *_INIT macros and static inline initialisers of
    // psa/crypto_macros.h even before any prototype uses them.
    "psa_key_attributes_t",
    "psa_hash_operation_t",
    "psa_mac_operation_t",
    "psa_cipher_operation_t",
    "psa_aead_operation_t",
    "psa_key_derivation_operation_t",
    // XOF operation (PSA Crypto API 1.4).
    "psa_xof_operation_t",
    // PAKE (PSA Crypto API 1.3) and the Mbed TLS interruptible operations.
    "psa_pake_primitive_t",
    "psa_pake_primitive_type_t",
    "psa_pake_family_t",
    "psa_pake_role_t",
    "psa_pake_step_t",
    "psa_pake_cipher_suite_t",
    "psa_pake_operation_t",
    "psa_sign_hash_interruptible_operation_t",
    "psa_verify_hash_interruptible_operation_t",
    "psa_generate_key_iop_t",
    "psa_export_public_key_iop_t",
    "psa_key_agreement_iop_t",
];

/// Every object an application zero-initialises, with its members in order.
/// In C the first member is a scalar, so `{0}` and `{{0}}` (arrays of objects)
/// are warning-free under -Wall -Wextra. In C++, `= {0}` on an aggregate with
/// more than one member trips -Wmissing-field-initializers, so each object gets
/// a defaulted (trivial) default constructor and a constructor from the first
/// member's value: `= {0}`, `= {}`, `= PSA_X_INIT`, value-initialisation and
/// memset all work, and the layout is the C one (standard layout, trivially
/// copyable). A member added to one of these structs must be added here too
/// (C++11 constexpr constructors must initialise every member; the C++ test
/// fails otherwise).
const ZERO_INIT_OBJECTS: &[(&str, &[&str])] = &[
    ("psa_key_attributes_s", &[
        "private_type", "private_bits", "private_lifetime", "private_id", "private_usage",
        "private_alg", "private_alg2",
    ]),
    ("psa_pake_cipher_suite_s", &[
        "private_algorithm", "private_primitive", "private_key_confirmation", "private_hash",
    ]),
    ("psa_hash_operation_s", OPERATION_MEMBERS),
    ("psa_mac_operation_s", OPERATION_MEMBERS),
    ("psa_cipher_operation_s", OPERATION_MEMBERS),
    ("psa_aead_operation_s", OPERATION_MEMBERS),
    ("psa_key_derivation_operation_s", OPERATION_MEMBERS),
    ("psa_pake_operation_s", OPERATION_MEMBERS),
    ("psa_sign_hash_interruptible_operation_s", OPERATION_MEMBERS),
    ("psa_verify_hash_interruptible_operation_s", OPERATION_MEMBERS),
    ("psa_generate_key_iop_s", OPERATION_MEMBERS),
    ("psa_export_public_key_iop_s", OPERATION_MEMBERS),
    ("psa_key_agreement_iop_s", OPERATION_MEMBERS),
    ("psa_xof_operation_s", OPERATION_MEMBERS),
    ("psa_sign_operation_s", OPERATION_MEMBERS),
    ("psa_verify_operation_s", OPERATION_MEMBERS),
];

/// The members of every operation object (src/types/operation.rs).
const OPERATION_MEMBERS: &[&str] = &["private_handle", "private_opaque"];

/// The C++-only constructors appended to the body of a zero-initialised object.
fn cxx_constructors(name: &str, members: &[&str]) -> String {
    let mut init = format!("{}(static_cast<decltype({})>(first))", members[0], members[0]);
    for m in &members[1..] {
        init.push_str(&format!(", {m}()"));
    }
    format!(
        "#if defined(__cplusplus)\n\
         \x20   /* C++ only: `= {{0}}` without -Wmissing-field-initializers (see build.rs). */\n\
         \x20   {name}() = default;\n\
         \x20   constexpr {name}(int first) : {init} {{}}\n\
         #endif"
    )
}

/// The driver registration functions of `src/ffi/driver.rs`: declared by
/// `rustpsa/driver.h`, not by the main header (which declares `psa_attach_key`).
const DRIVER_ITEMS: &[&str] = &[
    "rustpsa_register_driver",
    "rustpsa_unregister_drivers",
    "rustpsa_driver_get_stats",
    "rustpsa_pkcs11_configure",
    "rustpsa_pkcs11_set_flags",
];

/// Mbed TLS names exported from `src/ffi/compat.rs`: declared only by the
/// compatibility layer's `psa/crypto_compat.h`, never by the main header.
const COMPAT_ITEMS: &[&str] = &[
    "mbedtls_psa_stats_s",
    "mbedtls_psa_stats_t",
    "mbedtls_psa_get_stats",
    "mbedtls_platform_zeroize",
    "psa_pake_cs_get_hash",
    "psa_pake_cs_set_hash",
    "psa_pake_set_password_key",
    "psa_pake_get_implicit_key",
];

/// Hex width used to print constants of each unsigned encoding type.
const HEX_WIDTH: &[(&str, usize)] = &[
    ("psa_algorithm_t", 8),
    ("psa_key_type_t", 4),
    ("psa_ecc_family_t", 2),
    ("psa_dh_family_t", 2),
    ("psa_key_usage_t", 8),
    ("psa_key_lifetime_t", 8),
    ("psa_key_location_t", 6),
    ("psa_key_persistence_t", 2),
    ("psa_key_id_t", 8),
    ("psa_key_derivation_step_t", 4),
];

const LICENSE_NOTE: &str = "/** @file\n * Generated by build.rs (cbindgen) from the rustpsa sources. Do not edit.\n * Regenerate with: RUSTPSA_BLESS=1 cargo build */";

fn base_config() -> cbindgen::Config {
    let mut cfg = cbindgen::Config {
        language: cbindgen::Language::C,
        cpp_compat: true,
        style: cbindgen::Style::Both,
        header: Some(LICENSE_NOTE.to_string()),
        no_includes: true,
        documentation: true,
        documentation_style: cbindgen::DocumentationStyle::Doxy,
        line_length: 100,
        tab_width: 4,
        usize_is_size_t: true,
        ..Default::default()
    };
    cfg.enumeration.prefix_with_name = false;
    cfg
}

/// Rewrites `#define NAME (type)123` into `#define NAME ((type)0x0000007b)` for the
/// unsigned encoding types and `#define NAME ((type)-123)` for signed ones, so the
/// header reads like the specification.
fn postprocess(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4096);
    for line in text.lines() {
        out.push_str(&rewrite_define(line).unwrap_or_else(|| line.to_string()));
        out.push('\n');
    }
    out
}

fn rewrite_define(line: &str) -> Option<String> {
    let rest = line.strip_prefix("#define ")?;
    let (name, value) = rest.split_once(' ')?;
    let value = value.trim();
    let inner = value.strip_prefix('(')?;
    let (ty, number) = inner.split_once(')')?;
    let number = number.trim_end_matches(['u', 'l', 'U', 'L']);
    if number.is_empty() || !number.trim_start_matches('-').chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    match HEX_WIDTH.iter().find(|(t, _)| *t == ty) {
        Some((_, width)) => {
            let n: u64 = number.parse().ok()?;
            Some(format!("#define {name} (({ty})0x{n:0width$x})"))
        }
        None => Some(format!("#define {name} (({ty}){number})")),
    }
}

fn generate(cfg: cbindgen::Config, sources: &[PathBuf]) -> String {
    let mut builder = cbindgen::Builder::new().with_config(cfg);
    for s in sources {
        builder = builder.with_src(s);
    }
    let bindings = builder.generate().expect("cbindgen failed to parse the sources");
    let mut buf = Vec::new();
    bindings.write(&mut buf);
    postprocess(&String::from_utf8(buf).expect("cbindgen wrote non-UTF-8"))
}

fn check_or_bless(generated: &str, committed: &Path, out_dir: &Path) {
    let name = committed.file_name().unwrap();
    fs::write(out_dir.join(name), generated).unwrap();
    let current = fs::read_to_string(committed).unwrap_or_default();
    if current == generated {
        return;
    }
    if env::var_os("RUSTPSA_BLESS").is_some_and(|v| v == "1") {
        fs::write(committed, generated).unwrap();
        println!("cargo:warning=rewrote {}", committed.display());
    } else {
        panic!(
            "{} differs from what the sources generate (see {}). \
             Run `RUSTPSA_BLESS=1 cargo build` and commit the result.",
            committed.display(),
            out_dir.join(name).display()
        );
    }
}

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=src/types");
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=include/psa/crypto_generated.h");
    println!("cargo:rerun-if-changed=include/rustpsa/threading.h");
    println!("cargo:rerun-if-changed=compat/include/psa/crypto_compat.h");
    println!("cargo:rerun-if-env-changed=RUSTPSA_BLESS");

    // The shared library carries its soname (major version): librustpsa.so.MAJOR.
    // scripts/install.sh installs librustpsa.so.X.Y.Z with the links .so.MAJOR and .so.
    // A program linked against target/<profile>/librustpsa.so records NEEDED
    // librustpsa.so.MAJOR, so the same link is made next to the build output.
    let target_os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if env::var("CARGO_CFG_TARGET_FAMILY").is_ok_and(|f| f == "unix")
        && !matches!(target_os.as_str(), "macos" | "ios")
    {
        let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
        let soname = format!("librustpsa.so.{major}");
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
        // OUT_DIR is <target>/[<triple>/]<profile>/build/rustpsa-<hash>/out.
        if let Some(profile_dir) = out_dir.ancestors().nth(3) {
            let link = profile_dir.join(&soname);
            #[cfg(unix)]
            if fs::symlink_metadata(&link).is_err() {
                let _ = std::os::unix::fs::symlink("librustpsa.so", &link);
            }
        }
    }

    // psa/crypto_generated.h
    let mut cfg = base_config();
    cfg.include_guard = Some("RUSTPSA_PSA_CRYPTO_GENERATED_H".into());
    cfg.sys_includes = vec!["stddef.h".into(), "stdint.h".into()];
    cfg.export.include = ALWAYS_EXPORT.iter().map(|s| s.to_string()).collect();
    for (name, members) in ZERO_INIT_OBJECTS {
        cfg.export.body.insert(name.to_string(), cxx_constructors(name, members));
    }
    cfg.export.exclude = vec![
        "rustpsa_threading_callbacks_s".into(),
        "rustpsa_threading_callbacks_t".into(),
        "rustpsa_set_threading_callbacks".into(),
        "rustpsa_status_name".into(),
        "rustpsa_version".into(),
    ];
    cfg.export.exclude.extend(DRIVER_ITEMS.iter().map(|s| s.to_string()));
    cfg.export.exclude.extend(COMPAT_ITEMS.iter().map(|s| s.to_string()));
    let crypto = generate(cfg, &[root.join("src/types/mod.rs"), root.join("src/ffi/mod.rs")]);
    check_or_bless(&crypto, &root.join("include/psa/crypto_generated.h"), &out_dir);

    // psa/crypto_compat.h (the Mbed TLS compatibility layer's exported names)
    let mut cfg = base_config();
    cfg.include_guard = Some("RUSTPSA_COMPAT_PSA_CRYPTO_COMPAT_H".into());
    cfg.includes = vec!["psa/crypto.h".into()];
    cfg.export.include = COMPAT_ITEMS.iter().map(|s| s.to_string()).collect();
    let compat = generate(cfg, &[root.join("src/ffi/compat.rs")]);
    check_or_bless(&compat, &root.join("compat/include/psa/crypto_compat.h"), &out_dir);

    // rustpsa/threading.h
    let mut cfg = base_config();
    cfg.include_guard = Some("RUSTPSA_THREADING_H".into());
    cfg.includes = vec!["psa/crypto.h".into()];
    let threading = generate(cfg, &[root.join("src/ffi/threading.rs")]);
    check_or_bless(&threading, &root.join("include/rustpsa/threading.h"), &out_dir);

    // rustpsa/driver.h
    println!("cargo:rerun-if-changed=src/driver/abi.rs");
    println!("cargo:rerun-if-changed=include/rustpsa/driver.h");
    let mut cfg = base_config();
    cfg.include_guard = Some("RUSTPSA_DRIVER_H".into());
    cfg.includes = vec!["psa/crypto.h".into()];
    cfg.export.include = vec!["rustpsa_driver_t".into(), "rustpsa_driver_stats_t".into()];
    cfg.export.exclude = vec!["psa_attach_key".into()];
    let driver = generate(cfg, &[root.join("src/driver/abi.rs"), root.join("src/ffi/driver.rs")]);
    check_or_bless(&driver, &root.join("include/rustpsa/driver.h"), &out_dir);

    // rustpsa/names.h
    let mut cfg = base_config();
    cfg.include_guard = Some("RUSTPSA_NAMES_H".into());
    cfg.includes = vec!["psa/crypto.h".into()];
    cfg.export.exclude = vec!["rustpsa_version".into()];
    let names = generate(cfg, &[root.join("src/ffi/names.rs")]);
    check_or_bless(&names, &root.join("include/rustpsa/names.h"), &out_dir);

    // rustpsa/version.h
    println!("cargo:rerun-if-changed=include/rustpsa/version.h");
    check_or_bless(&version_header(), &root.join("include/rustpsa/version.h"), &out_dir);

    // OUT_DIR/names_table.rs
    fs::write(out_dir.join("names_table.rs"), names_table(&root.join("src/types"))).unwrap();
}

/// `include/rustpsa/version.h`: the version macros from Cargo.toml and the
/// prototype of `rustpsa_version()` (which returns the same string).
fn version_header() -> String {
    let v = |k: &str| env::var(k).unwrap();
    let (major, minor, patch) =
        (v("CARGO_PKG_VERSION_MAJOR"), v("CARGO_PKG_VERSION_MINOR"), v("CARGO_PKG_VERSION_PATCH"));
    let full = v("CARGO_PKG_VERSION");
    format!(
        "/** @file rustpsa/version.h
 * @brief The rustpsa library version (generated by build.rs from Cargo.toml; do not edit).
 *
 * Regenerate with: RUSTPSA_BLESS=1 cargo build
 */

#ifndef RUSTPSA_VERSION_H
#define RUSTPSA_VERSION_H

/** Major version of rustpsa (the soname is librustpsa.so.RUSTPSA_VERSION_MAJOR). */
#define RUSTPSA_VERSION_MAJOR {major}
/** Minor version of rustpsa. */
#define RUSTPSA_VERSION_MINOR {minor}
/** Patch version of rustpsa. */
#define RUSTPSA_VERSION_PATCH {patch}
/** The version as a string, \"MAJOR.MINOR.PATCH\". */
#define RUSTPSA_VERSION_STRING \"{full}\"
/** The version as one number, 0xMMmmpp00 (major, minor, patch). */
#define RUSTPSA_VERSION_NUMBER 0x{num:08x}

#ifdef __cplusplus
extern \"C\" {{
#endif

/**
 * The version of the library loaded at run time, \"MAJOR.MINOR.PATCH\": the
 * RUSTPSA_VERSION_STRING the library was built with. A static string; never NULL.
 */
const char *rustpsa_version(void);

#ifdef __cplusplus
}}  /* extern \"C\" */
#endif

#endif /* RUSTPSA_VERSION_H */
",
        num = (major.parse::<u32>().unwrap() << 24)
            | (minor.parse::<u32>().unwrap() << 16)
            | (patch.parse::<u32>().unwrap() << 8)
    )
}

/// The C typedefs whose `pub const`s the names table lists, with the name of
/// the table that holds them.
const NAME_TABLES: &[(&str, &str)] = &[
    ("psa_status_t", "STATUS"),
    ("psa_algorithm_t", "ALGORITHM"),
    ("psa_key_type_t", "KEY_TYPE"),
    ("psa_ecc_family_t", "ECC_FAMILY"),
    ("psa_dh_family_t", "DH_FAMILY"),
    ("psa_key_usage_t", "USAGE"),
    ("psa_key_lifetime_t", "LIFETIME"),
    ("psa_key_persistence_t", "PERSISTENCE"),
    ("psa_key_location_t", "LOCATION"),
    ("psa_key_derivation_step_t", "DERIVATION_STEP"),
];

/// Rust source of one static table per entry of [`NAME_TABLES`]:
/// `(name, C string, value)` for every `pub const NAME: type` of `src/types/`.
/// The value is the constant itself, so a table cannot disagree with the
/// header, and a new constant is listed as soon as it is defined.
fn names_table(types_dir: &Path) -> String {
    let mut files: Vec<PathBuf> = fs::read_dir(types_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    let mut tables: Vec<Vec<String>> = vec![Vec::new(); NAME_TABLES.len()];
    for f in &files {
        for line in fs::read_to_string(f).unwrap().lines() {
            let Some(rest) = line.trim_start().strip_prefix("pub const ") else { continue };
            let Some((name, rest)) = rest.split_once(':') else { continue };
            let ty = rest.split('=').next().unwrap().trim();
            if let Some(i) = NAME_TABLES.iter().position(|(t, _)| *t == ty) {
                let name = name.trim();
                tables[i].push(format!("    (\"{name}\", c\"{name}\", {name}),\n"));
            }
        }
    }
    let mut out = String::from("// Generated by build.rs from src/types/*.rs. Do not edit.\n");
    for ((ty, table), rows) in NAME_TABLES.iter().zip(&tables) {
        out.push_str(&format!(
            "/// Every `{ty}` constant of the header: name, C string, value.\n\
             pub(crate) static {table}: &[(&str, &core::ffi::CStr, {ty})] = &[\n"
        ));
        for r in rows {
            out.push_str(r);
        }
        out.push_str("];\n");
    }
    out
}
