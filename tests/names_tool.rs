//! The `rustpsa-names` tool: decodes each kind, reports unknown values with
//! exit status 1 and usage errors with 2.
use std::process::Command;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rustpsa-names"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn decodes_every_kind() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["status", "-137", "0"],
            "PSA_ERROR_BAD_STATE\nPSA_SUCCESS\n",
        ),
        (
            &["algorithm", "0x03800009"],
            "PSA_ALG_HMAC(PSA_ALG_SHA_256)\n",
        ),
        (
            &["alg", "0x09020109"],
            "PSA_ALG_KEY_AGREEMENT(PSA_ALG_ECDH, PSA_ALG_HKDF(PSA_ALG_SHA_256))\n",
        ),
        (
            &["alg", "0x05480200"],
            "PSA_ALG_AEAD_WITH_SHORTENED_TAG(PSA_ALG_GCM, 8)\n",
        ),
        (
            &["key_type", "0x7112"],
            "PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_SECP_R1)\n",
        ),
        (
            &["type", "0x4203"],
            "PSA_KEY_TYPE_DH_PUBLIC_KEY(PSA_DH_FAMILY_RFC7919)\n",
        ),
        (
            &["usage", "12288"],
            "PSA_KEY_USAGE_SIGN_HASH | PSA_KEY_USAGE_VERIFY_HASH\n",
        ),
        (&["lifetime", "1"], "PSA_KEY_LIFETIME_PERSISTENT\n"),
        (
            &["lifetime", "0x1ff"],
            "PSA_KEY_LIFETIME_FROM_PERSISTENCE_AND_LOCATION(PSA_KEY_PERSISTENCE_READ_ONLY, \
             PSA_KEY_LOCATION_PRIMARY_SECURE_ELEMENT)\n",
        ),
        (&["ecc", "0x41"], "PSA_ECC_FAMILY_MONTGOMERY\n"),
        (&["dh_family", "3"], "PSA_DH_FAMILY_RFC7919\n"),
        (&["step", "0x0101"], "PSA_KEY_DERIVATION_INPUT_SECRET\n"),
    ];
    for (args, expected) in cases {
        assert_eq!(run(args), (0, expected.to_string()), "{args:?}");
    }
}

#[test]
fn unknown_and_bad_input() {
    assert_eq!(run(&["status", "5"]), (1, "unknown (5)\n".into()));
    assert_eq!(run(&["algorithm", "0x7fffffff"]).0, 1);
    assert_eq!(run(&["colour", "1"]).0, 2);
    assert_eq!(run(&["status", "abc"]).0, 2);
    assert_eq!(run(&["ecc", "256"]).0, 2);
    assert_eq!(run(&["status"]).0, 2);
}
