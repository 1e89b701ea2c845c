#!/usr/bin/python3
"""Writes tests/vectors/xmss_botan.txt: XMSS-SHA2_10_256 public keys and
signatures made by Botan 2.19 (Debian's python3-botan, an implementation
independent of the `xmss` crate rustpsa verifies with). Botan 2.19 signs only
the RFC 8391 sets (SHA2_*_256/512, SHAKE128); of those rustpsa verifies
SHA2_10/16/20_256. Run with Debian's /usr/bin/python3 (botan2.py lives there).
"""
import sys
import botan2 as b


def raw_public(pub):
    # SubjectPublicKeyInfo whose BIT STRING holds an OCTET STRING of the
    # RFC 8391 encoding OID || root || SEED (4 + 2n bytes).
    der = pub.export()
    assert der[-68 - 2:-68] == b"\x04\x44", der.hex()
    return der[-68:]


def sign(key, msg, rng):
    op = b.PKSign(key, "")
    # botan2.PKSign.update takes text only; pass the bytes to the C call.
    b._DLL.botan_pk_op_sign_update(op._PKSign__obj, msg, len(msg))
    return op.finish(rng)


def main(out):
    rng = b.RandomNumberGenerator()
    lines = ["# XMSS-SHA2_10_256 (OID 1) signatures by Botan 2.19 (tests/vectors/gen_xmss_botan.py).",
             "# pk = OID || root || SEED; sig = idx || r || WOTS+ signature || auth path (2500 bytes)."]
    key = b.PrivateKey.create("XMSS", "XMSS-SHA2_10_256", rng)
    pk = raw_public(key.get_public_key())
    for i, msg in enumerate([b"", b"abc", bytes(range(256)) * 4]):
        sig = sign(key, msg, rng)
        lines += [f"name = botan-{i}", f"pk = {pk.hex()}", f"msg = {msg.hex()}", f"sig = {sig.hex()}", ""]
    open(out, "w").write("\n".join(lines))


main(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/xmss_botan.txt")
