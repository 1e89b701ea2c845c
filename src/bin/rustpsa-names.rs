//! `rustpsa-names`: decodes PSA numbers into the header's names, like Mbed TLS's
//! `psa_constant_names`.
//!
//! ```text
//! rustpsa-names status -137                  PSA_ERROR_BAD_STATE
//! rustpsa-names algorithm 0x03800009         PSA_ALG_HMAC(PSA_ALG_SHA_256)
//! rustpsa-names key_type 0x7112              PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)
//! rustpsa-names usage 0x3000                 PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH
//! rustpsa-names lifetime 0x0101              PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(...)
//! rustpsa-names ecc_family 0x12 / dh_family 3
//! ```
//!
//! Numbers are decimal (a status may be negative) or hexadecimal with `0x`.
//! One line per value; a value without a name prints `unknown (VALUE)` and the
//! exit status is 1; a usage error exits with 2. The names come from
//! `rustpsa::names`, i.e. from the same constants as the C header.
use std::process::ExitCode;

use rustpsa::names;

const USAGE: &str = "usage: rustpsa-names KIND VALUE...
KIND: status | algorithm (alg) | key_type (type) | usage | lifetime | ecc_family (ecc) | dh_family (dh)
      | derivation_step (step)
VALUE: decimal (statuses may be negative) or hexadecimal with 0x";

/// Parses a decimal, negative decimal or `0x` hexadecimal number.
fn parse(text: &str) -> Option<i64> {
    let (neg, t) = match text.strip_prefix('-') {
        Some(t) => (true, t),
        None => (false, text),
    };
    let v = match t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        Some(h) => i64::from_str_radix(h, 16).ok()?,
        None => t.parse::<i64>().ok()?,
    };
    Some(if neg { -v } else { v })
}

/// The name of `value` as a `kind`, `None` when it has none; `Err` for an
/// unknown kind or a value out of the kind's range.
fn decode(kind: &str, value: i64) -> Result<Option<String>, String> {
    let range = |bits: u32| -> Result<u32, String> {
        if value >= 0 && value < (1i64 << bits) {
            Ok(value as u32)
        } else {
            Err(format!("{value} does not fit in {bits} bits"))
        }
    };
    Ok(match kind {
        "status" => {
            let s = i32::try_from(value)
                .or_else(|_| u32::try_from(value).map(|u| u as i32))
                .map_err(|_| format!("{value} is not a 32-bit status"))?;
            names::status_name(s).map(str::to_string)
        }
        "algorithm" | "alg" => names::algorithm_name(range(32)?),
        "key_type" | "type" => names::key_type_name(range(16)? as u16),
        "usage" => Some(names::usage_name(range(32)?)),
        "lifetime" => Some(names::lifetime_name(range(32)?)),
        "ecc_family" | "ecc" => names::ecc_family_name(range(8)? as u8).map(str::to_string),
        "dh_family" | "dh" => names::dh_family_name(range(8)? as u8).map(str::to_string),
        "derivation_step" | "step" => {
            names::derivation_step_name(range(16)? as u16).map(str::to_string)
        }
        _ => return Err(format!("unknown kind '{kind}'")),
    })
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().is_some_and(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    if args.len() < 2 {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    let mut all_known = true;
    for text in &args[1..] {
        let Some(value) = parse(text) else {
            eprintln!("rustpsa-names: '{text}' is not a number\n{USAGE}");
            return ExitCode::from(2);
        };
        match decode(&args[0], value) {
            Ok(Some(name)) => println!("{name}"),
            Ok(None) => {
                println!("unknown ({text})");
                all_known = false;
            }
            Err(e) => {
                eprintln!("rustpsa-names: {e}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    if all_known {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
