#!/usr/bin/env python3
"""Writes tests/vectors/xmss_sp800208.txt: XMSS and XMSS^MT signatures for
SP 800-208 parameter sets (SHA-256 and SHAKE256, n = 32 and 24) that Botan 2
(the independent XMSS signer of tests/vectors/gen_xmss_botan.py) does not
offer.

An independent model of RFC 8391 §2-4 and SP 800-208 §5 in hashlib only (no
XMSS library): WOTS+ (w = 16), L-trees, the bitmasks of RAND_HASH, the
addresses. A valid signature needs no full tree: a tree's root depends only
on the WOTS+ public key of the signing leaf and on the authentication path,
so the signer draws a WOTS+ key per layer and the paths at random, computes
the roots from the bottom layer up (each layer's WOTS+ key signs the root
below it), and only then forms H_msg with the top root and signs.

Before writing anything the model's verifier checks Botan's
XMSS-SHA2_10_256 signatures (tests/vectors/xmss_botan.txt) and rejects a
corrupted one; every signature it writes is checked by the same verifier.
Output is reproducible (a fixed random seed).

Usage: python3 tests/vectors/gen_xmss_sp800208.py [OUT]
"""
import hashlib
import os
import random
import re
import sys


def sha256_n(n):
    return lambda b: hashlib.sha256(b).digest()[:n]


def shake256_n(n):
    return lambda b: hashlib.shake_256(b).digest(n)


# Hash families: (n, padding length of toByte(x, .), hash). SP 800-208 §5.1:
# the n = 24 sets pad the domain byte to 4 bytes and truncate SHA-256 to 192
# bits (or read 192 bits of SHAKE256); RFC 8391 pads to n bytes.
FAMILIES = {
    "SHA2_256": (32, 32, sha256_n(32)),
    "SHA2_192": (24, 4, sha256_n(24)),
    "SHAKE256_256": (32, 32, shake256_n(32)),
    "SHAKE256_192": (24, 4, shake256_n(24)),
}

# XMSS OIDs (RFC 8391 Table 6 / SP 800-208 Table 10): family, h.
XMSS = {0x01: ("SHA2_256", 10), 0x02: ("SHA2_256", 16), 0x03: ("SHA2_256", 20),
        0x0d: ("SHA2_192", 10), 0x0e: ("SHA2_192", 16), 0x0f: ("SHA2_192", 20),
        0x10: ("SHAKE256_256", 10), 0x11: ("SHAKE256_256", 16), 0x12: ("SHAKE256_256", 20),
        0x13: ("SHAKE256_192", 10), 0x14: ("SHAKE256_192", 16), 0x15: ("SHAKE256_192", 20)}
# XMSS^MT OIDs: family, h, d, in the order (20,2) (20,4) (40,2) (40,4) (40,8)
# (60,3) (60,6) (60,12) from 0x01 (SHA2_256), 0x21 (SHA2_192), 0x29
# (SHAKE256_256), 0x31 (SHAKE256_192).
HD = [(20, 2), (20, 4), (40, 2), (40, 4), (40, 8), (60, 3), (60, 6), (60, 12)]
XMSSMT = {}
for _base, _fam in [(0x01, "SHA2_256"), (0x21, "SHA2_192"), (0x29, "SHAKE256_256"), (0x31, "SHAKE256_192")]:
    for _i, (_h, _d) in enumerate(HD):
        XMSSMT[_base + _i] = (_fam, _h, _d)

W, LOG_W = 16, 4


def to_byte(x, y):
    return x.to_bytes(y, "big")


class Params:
    def __init__(self, family, h, d):
        self.n, self.pad, self.hash = FAMILIES[family]
        self.h, self.d = h, d
        self.len1 = 8 * self.n // LOG_W
        self.len2 = ((self.len1 * (W - 1)).bit_length() - 1) // LOG_W + 1
        self.len = self.len1 + self.len2

    def f(self, key, m):
        return self.hash(to_byte(0, self.pad) + key + m)

    def h_(self, key, m):
        return self.hash(to_byte(1, self.pad) + key + m)

    def h_msg(self, key, m):
        return self.hash(to_byte(2, self.pad) + key + m)

    def prf(self, key, adrs):
        return self.hash(to_byte(3, self.pad) + key + adrs)


def adrs(layer, tree, typ, w4, w5=0, w6=0, key_and_mask=0):
    """The 32-byte address (RFC 8391 §2.5): layer, tree (8 bytes), type, three
    type-specific words, keyAndMask."""
    return (to_byte(layer, 4) + to_byte(tree, 8) + to_byte(typ, 4) + to_byte(w4, 4) + to_byte(w5, 4)
            + to_byte(w6, 4) + to_byte(key_and_mask, 4))


def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


def chain(p, x, start, steps, seed, a):
    """RFC 8391 Algorithm 2; a(hash_address, key_and_mask) makes the address."""
    for j in range(start, start + steps):
        key = p.prf(seed, a(j, 0))
        bm = p.prf(seed, a(j, 1))
        x = p.f(key, xor(x, bm))
    return x


def base_w(x, out_len):
    out = []
    for byte in x:
        out += [byte >> 4, byte & 15]
    return out[:out_len]


def wots_digits(p, m):
    msg = base_w(m, p.len1)
    csum = sum(W - 1 - v for v in msg)
    csum <<= (8 - ((p.len2 * LOG_W) % 8))
    return msg + base_w(to_byte(csum, (p.len2 * LOG_W + 7) // 8), p.len2)


def ots_adrs(layer, tree, ots):
    return lambda chain_i: (lambda j, km: adrs(layer, tree, 0, ots, chain_i, j, km))


def wots_pk_from_sig(p, sig, m, seed, layer, tree, ots):
    """RFC 8391 Algorithm 6."""
    a = ots_adrs(layer, tree, ots)
    digits = wots_digits(p, m)
    return [chain(p, sig[i * p.n:(i + 1) * p.n], digits[i], W - 1 - digits[i], seed, a(i)) for i in range(p.len)]


def rand_hash(p, left, right, seed, a):
    """RFC 8391 Algorithm 7; a(key_and_mask) makes the address."""
    key = p.prf(seed, a(0))
    bm0, bm1 = p.prf(seed, a(1)), p.prf(seed, a(2))
    return p.h_(key, xor(left, bm0) + xor(right, bm1))


def ltree(p, pk, seed, layer, tree, ltree_addr):
    """RFC 8391 Algorithm 8."""
    pk = list(pk)
    length, height = len(pk), 0
    while length > 1:
        for i in range(length // 2):
            pk[i] = rand_hash(p, pk[2 * i], pk[2 * i + 1], seed,
                              lambda km: adrs(layer, tree, 1, ltree_addr, height, i, km))
        if length % 2:
            pk[length // 2] = pk[length - 1]
        length = (length + 1) // 2
        height += 1
    return pk[0]


def root_from_leaf(p, leaf, idx, auth, seed, layer, tree):
    """The climb of RFC 8391 Algorithm 13 from a leaf node."""
    node, index = leaf, idx
    tree_h = p.h // p.d
    for k in range(tree_h):
        index_parent = index // 2
        a = lambda km: adrs(layer, tree, 2, 0, k, index_parent, km)
        node = rand_hash(p, node, auth[k], seed, a) if index % 2 == 0 else rand_hash(p, auth[k], node, seed, a)
        index = index_parent
    return node


def root_from_sig(p, idx, sig_ots, auth, m, seed, layer, tree):
    """RFC 8391 Algorithm 13 (XMSS_rootFromSig)."""
    pk_ots = wots_pk_from_sig(p, sig_ots, m, seed, layer, tree, idx)
    leaf = ltree(p, pk_ots, seed, layer, tree, idx)
    return root_from_leaf(p, leaf, idx, auth, seed, layer, tree)


def idx_bytes(p, multi):
    return (p.h + 7) // 8 if multi else 4


def verify(multi, pk, msg, sig):
    """RFC 8391 Algorithms 14 (XMSS) and 17 (XMSS^MT)."""
    oid = int.from_bytes(pk[:4], "big")
    fam, h, d = XMSSMT[oid] if multi else XMSS[oid] + (1,)
    p = Params(fam, h, d)
    n, ib, th = p.n, idx_bytes(p, multi), h // d
    if len(pk) != 4 + 2 * n or len(sig) != ib + n + d * (p.len + th) * n:
        return False
    root, seed = pk[4:4 + n], pk[4 + n:]
    idx = int.from_bytes(sig[:ib], "big")
    if idx >= 2 ** h:
        return False
    r = sig[ib:ib + n]
    node = p.h_msg(r + root + to_byte(idx, n), msg)
    at = ib + n
    idx_tree, idx_leaf = idx >> th, idx % (2 ** th)
    for j in range(d):
        sig_ots = sig[at:at + p.len * n]
        auth = [sig[at + (p.len + k) * n:at + (p.len + k + 1) * n] for k in range(th)]
        node = root_from_sig(p, idx_leaf, sig_ots, auth, node, seed, j, idx_tree)
        at += (p.len + th) * n
        idx_leaf, idx_tree = idx_tree % (2 ** th), idx_tree >> th
    return node == root


def sign_random_paths(rng, multi, oid, msg):
    """A public key and a signature over msg: one WOTS+ key per layer, random
    authentication paths, roots computed bottom-up from the WOTS+ public keys."""
    fam, h, d = XMSSMT[oid] if multi else XMSS[oid] + (1,)
    p = Params(fam, h, d)
    n, th = p.n, h // d
    seed = rng.randbytes(n)
    idx = rng.randrange(2 ** h)
    layers = []  # per layer: (idx_leaf, idx_tree, WOTS+ secret chains, auth path)
    idx_tree, idx_leaf = idx >> th, idx % (2 ** th)
    node = None
    for j in range(d):
        sk = [rng.randbytes(n) for _ in range(p.len)]
        a = ots_adrs(j, idx_tree, idx_leaf)
        pk_ots = [chain(p, sk[i], 0, W - 1, seed, a(i)) for i in range(p.len)]
        auth = [rng.randbytes(n) for _ in range(th)]
        leaf = ltree(p, pk_ots, seed, j, idx_tree, idx_leaf)
        node = root_from_leaf(p, leaf, idx_leaf, auth, seed, j, idx_tree)
        layers.append((idx_leaf, idx_tree, sk, auth, node))
        idx_leaf, idx_tree = idx_tree % (2 ** th), idx_tree >> th
    root = node
    r = rng.randbytes(n)
    m = p.h_msg(r + root + to_byte(idx, n), msg)
    sig = to_byte(idx, idx_bytes(p, multi)) + r
    for j, (leaf_i, tree_i, sk, auth, layer_root) in enumerate(layers):
        a = ots_adrs(j, tree_i, leaf_i)
        digits = wots_digits(p, m)
        sig += b"".join(chain(p, sk[i], 0, digits[i], seed, a(i)) for i in range(p.len)) + b"".join(auth)
        m = layer_root  # the next layer signs this layer's root
    pk = to_byte(oid, 4) + root + seed
    assert verify(multi, pk, msg, sig)
    return pk, sig


def check_botan():
    here = os.path.dirname(os.path.abspath(__file__))
    text = open(os.path.join(here, "xmss_botan.txt")).read()
    recs = re.findall(r"name = (\S+)\npk = (\w*)\nmsg = (\w*)\nsig = (\w*)", text)
    assert len(recs) == 3
    for name, pk, msg, sig in recs:
        pk, msg, sig = bytes.fromhex(pk), bytes.fromhex(msg), bytes.fromhex(sig)
        assert verify(False, pk, msg, sig), name
        for at in (5, len(sig) // 2, len(sig) - 1):
            bad = bytearray(sig)
            bad[at] ^= 1
            assert not verify(False, pk, msg, bytes(bad)), (name, at)


def name_of(multi, oid):
    if multi:
        fam, h, d = XMSSMT[oid]
        base, bits = fam.rsplit("_", 1)
        return f"XMSSMT-{base}_{h}/{d}_{bits}"
    fam, h = XMSS[oid]
    base, bits = fam.rsplit("_", 1)
    return f"XMSS-{base}_{h}_{bits}"


def main(out):
    check_botan()
    rng = random.Random(8391)
    lines = ["# SP 800-208 XMSS / XMSS^MT signatures by tests/vectors/gen_xmss_sp800208.py (an",
             "# independent hashlib model of RFC 8391 / SP 800-208, checked against Botan's",
             "# XMSS-SHA2_10_256 signatures; one WOTS+ key per layer and random authentication",
             "# paths, so the public key's root is the one those paths lead to).",
             "# Records named XMSS-* are xmss_public_key / XMSS signatures, XMSSMT-* are",
             "# xmssmt_public_key / XMSS^MT signatures (pk = OID || root || SEED)."]
    # Every XMSS set but SHA2_10_256 (Botan's), and of XMSS^MT (20,2), (40,4),
    # (60,12) per family, plus (20,4), (40,8), (60,3), (60,6) for one family each.
    wanted = [(False, oid) for oid in XMSS if oid != 0x01]
    for base in (0x01, 0x21, 0x29, 0x31):
        wanted += [(True, base + 0), (True, base + 3), (True, base + 7)]
    wanted += [(True, 0x22), (True, 0x2d), (True, 0x36), (True, 0x07)]
    for multi, oid in wanted:
        msg = rng.randbytes(rng.choice([0, 3, 32, 100]))
        pk, sig = sign_random_paths(rng, multi, oid, msg)
        lines += [f"name = {name_of(multi, oid)}", f"pk = {pk.hex()}", f"msg = {msg.hex()}", f"sig = {sig.hex()}", ""]
    open(out, "w").write("\n".join(lines))


main(sys.argv[1] if len(sys.argv) > 1 else "tests/vectors/xmss_sp800208.txt")
