#!/usr/bin/env python3
"""Writes tests/vectors/lms_sp800208.txt: LMS and HSS signatures for the
SP 800-208 parameter sets no standard publishes vectors for (LMS heights
15/20/25, SHA-256/192, SHAKE256 with n = 32 and 24).

An independent model of RFC 8554 §4-6 and SP 800-208 §4 in hashlib only (no
LMS library). A valid signature of a tree of height h needs no tree: the
signer makes one LM-OTS signature with the key of leaf q, draws the h nodes of
the authentication path at random, and publishes as the public key the root
that leaf and path lead to. A verifier cannot tell (the path nodes are hash
outputs it never recomputes).

Before writing anything the model's verifier recomputes the public keys of
RFC 8554 Appendix F (both HSS test cases, tests/vectors/lms_rfc8554.txt) from
their signatures, and every signature it writes is checked by the same
verifier. Output is reproducible (a fixed random seed).

Usage: python3 tests/vectors/gen_lms_sp800208.py [OUT]
"""
import hashlib
import os
import random
import re
import sys

D_PBLC, D_MESG, D_LEAF, D_INTR = b"\x80\x80", b"\x81\x81", b"\x82\x82", b"\x83\x83"

# Hash families: name -> (n, function of bytes -> n bytes).
HASHES = {
    "SHA256": (32, lambda b: hashlib.sha256(b).digest()),
    "SHA256_192": (24, lambda b: hashlib.sha256(b).digest()[:24]),  # SP 800-208 §4.1: T192
    "SHAKE256": (32, lambda b: hashlib.shake_256(b).digest(32)),
    "SHAKE256_192": (24, lambda b: hashlib.shake_256(b).digest(24)),
}
FAMILY_ORDER = ["SHA256", "SHA256_192", "SHAKE256", "SHAKE256_192"]
# LM-OTS typecodes: 1..4 (RFC 8554), then 5..8, 9..0xc, 0xd..0x10 (SP 800-208
# Table 2) for w = 1, 2, 4, 8 in each family. LMS typecodes: 5..9, 0xa..0xe,
# 0xf..0x13, 0x14..0x18 for h = 5..25.
OTS = {1 + 4 * f + i: (FAMILY_ORDER[f], w) for f in range(4) for i, w in enumerate([1, 2, 4, 8])}
LMS = {5 + 5 * f + i: (FAMILY_ORDER[f], h) for f in range(4) for i, h in enumerate([5, 10, 15, 20, 25])}


def u32(x):
    return x.to_bytes(4, "big")


def ots_params(tc):
    """(hash name, n, w, p, ls) computed with RFC 8554 Appendix B."""
    fam, w = OTS[tc]
    n = HASHES[fam][0]
    u = (8 * n + w - 1) // w
    v = ((((2 ** w - 1) * u).bit_length() - 1) + 1 + w - 1) // w
    return fam, n, w, u + v, 16 - v * w


# The values SP 800-208 Table 2 and RFC 8554 Table 1 print: (p, ls).
TABLE = {1: (265, 7), 2: (133, 6), 3: (67, 4), 4: (34, 0), 5: (200, 8), 6: (101, 6), 7: (51, 4), 8: (26, 0)}
for _tc, (_p, _ls) in TABLE.items():
    for _shake in (0, 8):
        assert ots_params(_tc + _shake)[3:] == (_p, _ls), (_tc + _shake, ots_params(_tc + _shake))


def coef(s, i, w):
    return (s[i * w // 8] >> (8 - (w * (i % (8 // w)) + w))) & ((1 << w) - 1)


def cksm(q, n, w, ls):
    total = sum((2 ** w - 1) - coef(q, i, w) for i in range(8 * n // w))
    return u32(total << ls)[2:]


def chain(hf, ident, q, i, start, steps, x):
    for j in range(start, start + steps):
        x = hf(ident + u32(q) + i.to_bytes(2, "big") + bytes([j]) + x)
    return x


def ots_candidate(ots_tc, ident, q, msg, ots_sig):
    """RFC 8554 Algorithm 4b: the public key candidate, or None."""
    fam, n, w, p, ls = ots_params(ots_tc)
    hf = HASHES[fam][1]
    if len(ots_sig) != 4 + n * (p + 1) or int.from_bytes(ots_sig[:4], "big") != ots_tc:
        return None
    c, y = ots_sig[4:4 + n], ots_sig[4 + n:]
    qh = hf(ident + u32(q) + D_MESG + c + msg)
    qc = qh + cksm(qh, n, w, ls)
    z = b"".join(chain(hf, ident, q, i, coef(qc, i, w), 2 ** w - 1 - coef(qc, i, w), y[i * n:(i + 1) * n])
                 for i in range(p))
    return hf(ident + u32(q) + D_PBLC + z)


def lms_root(pk, msg, sig):
    """RFC 8554 Algorithm 6a: the root candidate of an LMS signature over msg
    with public key pk, or None if the encoding does not fit the key."""
    lms_tc, ots_tc, ident = int.from_bytes(pk[:4], "big"), int.from_bytes(pk[4:8], "big"), pk[8:24]
    fam, h = LMS[lms_tc]
    hf, m = HASHES[fam][1], HASHES[fam][0]
    _, n, _, p, _ = ots_params(ots_tc)
    q = int.from_bytes(sig[:4], "big")
    ots_len = 4 + n * (p + 1)
    ots_sig = sig[4:4 + ots_len]
    rest = sig[4 + ots_len:]
    if int.from_bytes(rest[:4], "big") != lms_tc or len(rest) != 4 + m * h or q >= 2 ** h:
        return None
    k = ots_candidate(ots_tc, ident, q, msg, ots_sig)
    if k is None:
        return None
    node = 2 ** h + q
    t = hf(ident + u32(node) + D_LEAF + k)
    for i in range(h):
        path = rest[4 + i * m:4 + (i + 1) * m]
        t = hf(ident + u32(node // 2) + D_INTR + (path + t if node & 1 else t + path))
        node //= 2
    return t


def lms_verify(pk, msg, sig):
    return lms_root(pk, msg, sig) == pk[24:]


def lms_sig_len(pk):
    lms_tc, ots_tc = int.from_bytes(pk[:4], "big"), int.from_bytes(pk[4:8], "big")
    fam, h = LMS[lms_tc]
    _, n, _, p, _ = ots_params(ots_tc)
    return 4 + 4 + n * (p + 1) + 4 + HASHES[fam][0] * h


def hss_verify(pk, msg, sig):
    levels, nspk = int.from_bytes(pk[:4], "big"), int.from_bytes(sig[:4], "big")
    if nspk + 1 != levels:
        return False
    key, rest = pk[4:], sig[4:]
    for _ in range(nspk):
        sl = lms_sig_len(key)
        s, rest = rest[:sl], rest[sl:]
        m = HASHES[LMS[int.from_bytes(rest[:4], "big")][0]][0]
        nxt, rest = rest[:24 + m], rest[24 + m:]
        if not lms_verify(key, nxt, s):
            return False
        key = nxt
    return lms_verify(key, msg, rest)


def lms_sign_random_path(rng, lms_tc, ots_tc, msg):
    """An LMS public key and a signature over msg (one LM-OTS key, a random
    authentication path), following RFC 8554 Algorithms 1, 3 and 5."""
    fam, h = LMS[lms_tc]
    hf, m = HASHES[fam][1], HASHES[fam][0]
    ofam, n, w, p, ls = ots_params(ots_tc)
    assert ofam == fam
    ident, seed = rng.randbytes(16), rng.randbytes(m)
    q = rng.randrange(2 ** h)
    # RFC 8554 Appendix A: x_q[i] = H(I || u32str(q) || u16str(i) || u8str(0xff) || SEED).
    x = [hf(ident + u32(q) + i.to_bytes(2, "big") + b"\xff" + seed) for i in range(p)]
    c = rng.randbytes(n)
    qh = hf(ident + u32(q) + D_MESG + c + msg)
    qc = qh + cksm(qh, n, w, ls)
    y = b"".join(chain(hf, ident, q, i, 0, coef(qc, i, w), x[i]) for i in range(p))
    ots_sig = u32(ots_tc) + c + y
    path = [rng.randbytes(m) for _ in range(h)]
    sig = u32(q) + ots_sig + u32(lms_tc) + b"".join(path)
    # The root: the OTS public key (Algorithm 1), its leaf, then up the path.
    k = hf(ident + u32(q) + D_PBLC + b"".join(chain(hf, ident, q, i, 0, 2 ** w - 1, x[i]) for i in range(p)))
    node, t = 2 ** h + q, None
    t = hf(ident + u32(node) + D_LEAF + k)
    for i in range(h):
        t = hf(ident + u32(node // 2) + D_INTR + (path[i] + t if node & 1 else t + path[i]))
        node //= 2
    pk = u32(lms_tc) + u32(ots_tc) + ident + t
    assert lms_verify(pk, msg, sig)
    return pk, sig


def check_rfc8554():
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "lms_rfc8554.txt")).read()
    recs = re.findall(r"name = (\S+)\npk = (\w*)\nmsg = (\w*)\nsig = (\w*)", text)
    assert len(recs) == 2
    for name, pk, msg, sig in recs:
        pk, msg, sig = bytes.fromhex(pk), bytes.fromhex(msg), bytes.fromhex(sig)
        assert hss_verify(pk, msg, sig), name
        bad = bytearray(sig)
        bad[-1] ^= 1
        assert not hss_verify(pk, msg, bytes(bad)), name


def name_of(lms_tc, ots_tc):
    fam, h = LMS[lms_tc]
    _, n, w, _, _ = ots_params(ots_tc)
    lname = {"SHA256": "SHA256_M32", "SHA256_192": "SHA256_M24", "SHAKE256": "SHAKE_M32",
             "SHAKE256_192": "SHAKE_M24"}[fam]
    oname = lname.replace("_M", "_N")
    return f"LMS_{lname}_H{h}/LMOTS_{oname}_W{w}"


def main(out):
    check_rfc8554()
    rng = random.Random(800208)
    lines = ["# SP 800-208 LMS / HSS signatures by tests/vectors/gen_lms_sp800208.py (an independent",
             "# hashlib model of RFC 8554 / SP 800-208; one LM-OTS key per signature and a random",
             "# authentication path, so the public key is the root that path leads to).",
             "# LMS records: pk = lms_public_key, sig = lms_signature. HSS records (name hss-*):",
             "# pk = hss_public_key, sig = hss_signature. Every LMS typecode and every LM-OTS typecode",
             "# appears at least once. The last HSS record's lower level is LMOTS_SHA256_N24_W1."]
    w_index = {5: 0, 10: 1, 15: 2, 20: 3, 25: 2}
    done = set()
    for lms_tc, (fam, h) in LMS.items():
        if fam == "SHA256" and h <= 10:
            continue  # RFC 8554 Appendix F and the pyhsslms cross-check cover these
        f = FAMILY_ORDER.index(fam)
        ots_tc = 1 + 4 * f + w_index[h]
        pairs = [(lms_tc, ots_tc)]
        if h == 5:
            pairs.append((lms_tc, 1 + 4 * f + 3))  # w = 8 at h = 5 too
        for lt, ot in pairs:
            msg = rng.randbytes(rng.choice([0, 3, 64, 200]))
            pk, sig = lms_sign_random_path(rng, lt, ot, msg)
            lines += [f"name = {name_of(lt, ot)}", f"pk = {pk.hex()}", f"msg = {msg.hex()}", f"sig = {sig.hex()}", ""]
            done.add(ot)
    assert set(range(5, 17)) <= done, sorted(done)
    # HSS with L = 2 in three families: the top key signs the bottom key.
    # The last one: a correctly signed lower level of an N24_W1 set (rustpsa
    # verifies the top level, then reports the lower set NOT_SUPPORTED).
    for top, bottom in [((0x0c, 0x07), (0x0e, 0x08)), ((0x11, 0x0b), (0x13, 0x0c)), ((0x18, 0x0f), (0x16, 0x10)),
                        ((0x0a, 0x08), (0x0a, 0x05))]:
        msg = rng.randbytes(48)
        pk1, sig1 = lms_sign_random_path(rng, bottom[0], bottom[1], msg)
        pk0, sig0 = lms_sign_random_path(rng, top[0], top[1], pk1)
        hpk, hsig = u32(2) + pk0, u32(1) + sig0 + pk1 + sig1
        assert hss_verify(hpk, msg, hsig)
        lines += [f"name = hss-{name_of(*top)}+{name_of(*bottom)}", f"pk = {hpk.hex()}", f"msg = {msg.hex()}",
                  f"sig = {hsig.hex()}", ""]
    open(out, "w").write("\n".join(lines))


main(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/lms_sp800208.txt")
