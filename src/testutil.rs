//! Helpers shared by the unit tests (compiled only for `cargo test`).

/// Decodes a hexadecimal test constant (whitespace between digits is
/// ignored); panics on a malformed constant, which is a bug in the test.
pub(crate) fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    assert!(digits.len() % 2 == 0, "odd-length hex constant");
    digits
        .chunks(2)
        .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).expect("hex constant"))
        .collect()
}
