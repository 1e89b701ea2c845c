#!/usr/bin/env python3
"""Independent model of WPA3-SAE (IEEE 802.11-2020 §12.4) for the cross-check of
src/crypto/pake/sae*.rs: hash-to-element and the looping (hunting-and-pecking)
method on groups 19, 20 and 21 and on the RFC 3526 MODP groups 15 to 18.

Written from the standard with Python integers and the standard library only
(hashlib, hmac): affine point arithmetic, the simplified SWU map with the
802.11 constants, Euler's criterion and the p = 3 mod 4 square root; the MODP
primes are computed from their RFC 3526 definition (digits of pi). Nothing is
shared with the Rust side (RustCrypto field/point arithmetic, crypto-bigint,
the hex constants). It first checks itself against the Annex J.10 group-19
numbers in sae_ieee80211.txt and the hostap module-test answers in
sae_hostap.txt (group-19 looping, group-15 hash-to-element), then writes
sae_crosscheck.txt:

    python3 tests/vectors/gen_sae_crosscheck.py > tests/vectors/sae_crosscheck.txt
"""
import hashlib
import hmac
import os

CURVES = {
    # name: (p, a, b, r, z, hash)
    "P256": (
        0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF,
        -3,
        0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B,
        0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551,
        -10,
        hashlib.sha256,
    ),
    "P384": (
        2**384 - 2**128 - 2**96 + 2**32 - 1,
        -3,
        0xB3312FA7E23EE7E4988E056BE3F82D19181D9C6EFE8141120314088F5013875AC656398D8A2ED19D2A85C8EDD3EC2AEF,
        0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973,
        -12,
        hashlib.sha384,
    ),
    "P521": (
        2**521 - 1,
        -3,
        0x0051953EB9618E1C9A1F929A21A0B68540EEA2DA725B99B315F3B8B489918EF109E156193951EC7E937B1652C0BD3BB1BF073573DF883D2C34F1EF451FD46B503F00,
        0x01FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409,
        -4,
        hashlib.sha512,
    ),
}


class Group:
    def __init__(self, name):
        self.name = name
        self.p, a, self.b, self.r, z, self.h = CURVES[name]
        self.a = a % self.p
        self.z = z % self.p
        self.n = (self.p.bit_length() + 7) // 8
        self.hlen = self.h().digest_size

    # point arithmetic, None = identity
    def add(self, P, Q):
        p = self.p
        if P is None:
            return Q
        if Q is None:
            return P
        if P[0] == Q[0]:
            if (P[1] + Q[1]) % p == 0:
                return None
            lam = (3 * P[0] * P[0] + self.a) * pow(2 * P[1], -1, p) % p
        else:
            lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
        x = (lam * lam - P[0] - Q[0]) % p
        return (x, (lam * (P[0] - x) - P[1]) % p)

    def mul(self, k, P):
        R = None
        while k:
            if k & 1:
                R = self.add(R, P)
            P = self.add(P, P)
            k >>= 1
        return R

    def neg(self, P):
        return (P[0], (-P[1]) % self.p)

    def on_curve(self, P):
        x, y = P
        return (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0

    def enc(self, P):
        return P[0].to_bytes(self.n, "big") + P[1].to_bytes(self.n, "big")

    def dec(self, b):
        return (int.from_bytes(b[: self.n], "big"), int.from_bytes(b[self.n :], "big"))

    def sqrt(self, v):
        assert self.p % 4 == 3
        return pow(v, (self.p + 1) // 4, self.p)

    def is_square(self, v):
        return v == 0 or pow(v, (self.p - 1) // 2, self.p) == 1

    def g(self, x):
        return (x * x * x + self.a * x + self.b) % self.p

    def sswu(self, u):
        # IEEE 802.11-2020 §12.4.4.2.3 (simplified SWU).
        p, a, b, z = self.p, self.a, self.b, self.z
        m = (z * z * pow(u, 4, p) + z * u * u) % p
        t = pow(m, p - 2, p)
        if m == 0:
            x1 = b * pow(z * a, -1, p) % p
        else:
            x1 = (-b) * pow(a, -1, p) * (1 + t) % p
        x2 = z * u * u * x1 % p
        if self.is_square(self.g(x1)):
            x, v = x1, self.g(x1)
        else:
            x, v = x2, self.g(x2)
        y = self.sqrt(v)
        if (u & 1) != (y & 1):
            y = (-y) % p
        P = (x, y)
        assert self.on_curve(P)
        return P

    def hkdf_extract(self, salt, ikm):
        return hmac.new(salt, ikm, self.h).digest()

    def hkdf_expand(self, prk, info, length):
        out, t, i = b"", b"", 1
        while len(out) < length:
            t = hmac.new(prk, t + info + bytes([i]), self.h).digest()
            out += t
            i += 1
        return out[:length]

    def pt(self, ssid, password, identifier=b""):
        seed = self.hkdf_extract(ssid, password + identifier)
        length = self.n + (self.n + 1) // 2
        u1 = int.from_bytes(self.hkdf_expand(seed, b"SAE Hash to Element u1 P1", length), "big") % self.p
        u2 = int.from_bytes(self.hkdf_expand(seed, b"SAE Hash to Element u2 P2", length), "big") % self.p
        return self.add(self.sswu(u1), self.sswu(u2))

    def pwe(self, pt, mac1, mac2):
        hi, lo = max(mac1, mac2), min(mac1, mac2)
        val = int.from_bytes(self.hkdf_extract(b"\0" * self.hlen, hi + lo), "big") % (self.r - 1) + 1
        return self.mul(val, pt)

    def kbytes(self, K):
        return K[0].to_bytes(self.n, "big")

    def looping(self, password, mac1, mac2):
        # §12.4.4.2.2: the first counter whose pwd-value is an x below p with g(x) a square;
        # y has the parity of pwd-seed's last bit.
        key = max(mac1, mac2) + min(mac1, mac2)
        bits = self.p.bit_length()
        for counter in range(1, 256):
            seed = hmac.new(key, password + bytes([counter]), hashlib.sha256).digest()
            x = kdf_bits(hashlib.sha256, seed, b"SAE Hunting and Pecking", self.p.to_bytes(self.n, "big"), bits)
            if x < self.p and self.is_square(self.g(x)):
                y = self.sqrt(self.g(x))
                if (y & 1) != (seed[-1] & 1):
                    y = self.p - y
                P = (x, y)
                assert self.on_curve(P)
                return P
        raise ValueError("no element")


def pi_fixed(bits):
    """floor(pi * 2^bits), by Machin's formula with 64 guard bits."""
    one = 1 << (bits + 64)

    def arctan_inv(x):
        total = term = one // x
        n, sign = 1, -1
        while term:
            term //= x * x
            n += 2
            total += sign * (term // n)
            sign = -sign
        return total

    return (16 * arctan_inv(5) - 4 * arctan_inv(239)) >> 64


# RFC 3526: p = 2^N - 2^(N-64) - 1 + 2^64 * (floor(2^(N-130) pi) + offset).
MODP_OFFSETS = {3072: 1690314, 4096: 240904, 6144: 929484, 8192: 4743158}


class Modp:
    """An RFC 3526 group: elements are integers mod p, in the subgroup of order q = (p - 1) / 2."""

    _made = {}

    def __new__(cls, bits):
        # One instance per size: the prime's construction and checks are the slow part.
        if bits not in cls._made:
            cls._made[bits] = super().__new__(cls)
            cls._made[bits].setup(bits)
        return cls._made[bits]

    def setup(self, bits):
        self.name = f"MODP{bits}"
        self.p = 2**bits - 2 ** (bits - 64) - 1 + 2**64 * (pi_fixed(bits - 130) + MODP_OFFSETS[bits])
        self.r = (self.p - 1) // 2
        assert pow(2, self.p - 1, self.p) == 1 and pow(3, self.r - 1, self.r) == 1, "safe prime"
        self.n = bits // 8
        self.h = hashlib.sha384 if bits <= 3072 else hashlib.sha512
        self.hlen = self.h().digest_size

    def add(self, a, b):
        return a * b % self.p

    def mul(self, k, a):
        return pow(a, k, self.p)

    def neg(self, a):
        return pow(a, -1, self.p)

    def enc(self, a):
        return a.to_bytes(self.n, "big")

    def kbytes(self, K):
        return K.to_bytes(self.n, "big")

    def hkdf_extract(self, salt, ikm):
        return hmac.new(salt, ikm, self.h).digest()

    def hkdf_expand(self, prk, info, length):
        out, t, i = b"", b"", 1
        while len(out) < length:
            t = hmac.new(prk, t + info + bytes([i]), self.h).digest()
            out += t
            i += 1
        return out[:length]

    def pt(self, ssid, password, identifier=b""):
        # §12.4.4.3.3.
        seed = self.hkdf_extract(ssid, password + identifier)
        v = self.hkdf_expand(seed, b"SAE Hash to Element", self.n + (self.n + 1) // 2)
        v = int.from_bytes(v, "big") % (self.p - 2) + 2
        return pow(v, (self.p - 1) // self.r, self.p)

    def pwe(self, pt, mac1, mac2):
        hi, lo = max(mac1, mac2), min(mac1, mac2)
        val = int.from_bytes(self.hkdf_extract(b"\0" * self.hlen, hi + lo), "big") % (self.r - 1) + 1
        return self.mul(val, pt)

    def looping(self, password, mac1, mac2):
        # §12.4.4.3.2: the first counter whose pwd-value is below p and gives an element > 1.
        key = max(mac1, mac2) + min(mac1, mac2)
        bits = self.p.bit_length()
        for counter in range(1, 256):
            seed = hmac.new(key, password + bytes([counter]), hashlib.sha256).digest()
            v = kdf_bits(hashlib.sha256, seed, b"SAE Hunting and Pecking", self.enc(self.p), bits)
            if v < self.p:
                e = pow(v, (self.p - 1) // self.r, self.p)
                if e > 1:
                    return e
        raise ValueError("no element")


def kdf_bits(h, key, label, context, bits):
    """The first `bits` bits of KDF-Hash-Length (L = bits) as an integer."""
    out, i = b"", 1
    length = (bits + 7) // 8
    lbits = bits.to_bytes(2, "little")
    while len(out) < length:
        out += hmac.new(key, i.to_bytes(2, "little") + label + context + lbits, h).digest()
        i += 1
    return int.from_bytes(out[:length], "big") >> (8 * length - bits)


def kdf_hash_length(h, key, label, context, length):
    out, i = b"", 1
    bits = (length * 8).to_bytes(2, "little")
    while len(out) < length:
        out += hmac.new(key, i.to_bytes(2, "little") + label + context + bits, h).digest()
        i += 1
    return out[:length]


def exchange(G, pwe, rand_a, mask_a, rand_b, mask_b, gdh, salt=None):
    """Both sides' commits, then side A's KCK, PMK, PMKID and both confirms (counter 1 / 2)."""
    h = G.h if gdh else hashlib.sha256
    hl = h().digest_size
    klen = hl if gdh else 32
    sides = []
    for rand, mask in ((rand_a, mask_a), (rand_b, mask_b)):
        s = (rand + mask) % G.r
        e = G.neg(G.mul(mask, pwe))
        sides.append((rand, s, e))
    (ra, sa, ea), (rb, sb, eb) = sides
    K = G.mul(ra, G.add(G.mul(sb, pwe), eb))
    Kb = G.mul(rb, G.add(G.mul(sa, pwe), ea))
    assert K == Kb
    k = G.kbytes(K)
    keyseed = hmac.new(salt if salt is not None else b"\0" * hl, k, h).digest()
    context = ((sa + sb) % G.r).to_bytes(G.n, "big")
    keys = kdf_hash_length(h, keyseed, b"SAE KCK and PMK", context, 2 * klen)
    kck, pmk = keys[:klen], keys[klen:]
    enc_a = sa.to_bytes(G.n, "big") + G.enc(ea)
    enc_b = sb.to_bytes(G.n, "big") + G.enc(eb)
    conf_a = (1).to_bytes(2, "little") + hmac.new(kck, (1).to_bytes(2, "little") + enc_a + enc_b, h).digest()
    conf_b = (2).to_bytes(2, "little") + hmac.new(kck, (2).to_bytes(2, "little") + enc_b + enc_a, h).digest()
    return enc_a, enc_b, kck, pmk, context[:16], conf_a, conf_b


def selftest():
    here = os.path.dirname(os.path.abspath(__file__))
    v = {}
    for line in open(os.path.join(here, "sae_ieee80211.txt")):
        if line.strip() and not line.startswith("#"):
            k, val = line.split()
            v[k] = bytes.fromhex(val)
    G = Group("P256")
    pt = G.pt(v["h2e.ssid"], v["h2e.password"], v["h2e.identifier"])
    assert G.enc(pt) == v["h2e.pt"], "J.10 PT"
    assert G.enc(G.pwe(pt, v["h2e.mac1"], v["h2e.mac2"])) == v["h2e.pwe"], "J.10 PWE"
    # Commit/confirm: recover the looping PWE from the local element and mask.
    mask = int.from_bytes(v["cc.mask"], "big")
    e = G.dec(v["cc.local_commit"][32:])
    pwe = G.neg(G.mul(pow(mask, -1, G.r), e))
    rand = int.from_bytes(v["cc.rand"], "big")
    s = (rand + mask) % G.r
    assert s.to_bytes(32, "big") == v["cc.local_commit"][:32], "J.10 commit scalar"
    sb = int.from_bytes(v["cc.peer_commit"][:32], "big")
    eb = G.dec(v["cc.peer_commit"][32:])
    k = G.mul(rand, G.add(G.mul(sb, pwe), eb))[0].to_bytes(32, "big")
    keys = kdf_hash_length(hashlib.sha256, hmac.new(b"\0" * 32, k, hashlib.sha256).digest(), b"SAE KCK and PMK",
                           ((s + sb) % G.r).to_bytes(32, "big"), 64)
    assert keys[:32] == v["cc.kck"] and keys[32:] == v["cc.pmk"], "J.10 KCK/PMK"
    # hostap's module-test answers: group-19 looping (802.11-2020 J.10) and group-15 H2E.
    h = {}
    for line in open(os.path.join(here, "sae_hostap.txt")):
        if line.strip() and not line.startswith("#"):
            k, val = line.split()
            h[k] = bytes.fromhex(val)
    pwe = G.looping(h["loop19.password"], h["loop19.mac1"], h["loop19.mac2"])
    rand, mask = int.from_bytes(h["loop19.rand"], "big"), int.from_bytes(h["loop19.mask"], "big")
    ea, eb, kck, pmk, pmkid, _, _ = exchange(G, pwe, rand, mask, 2, 3, False)
    assert ea == h["loop19.local_commit"], "J.10 looping commit"
    s = (rand + mask) % G.r
    sb = int.from_bytes(h["loop19.peer_commit"][:32], "big")
    k = G.mul(rand, G.add(G.mul(sb, pwe), G.dec(h["loop19.peer_commit"][32:])))[0].to_bytes(32, "big")
    keys = kdf_hash_length(hashlib.sha256, hmac.new(b"\0" * 32, k, hashlib.sha256).digest(), b"SAE KCK and PMK",
                           ((s + sb) % G.r).to_bytes(32, "big"), 64)
    assert keys[:32] == h["loop19.kck"] and keys[32:] == h["loop19.pmk"], "J.10 looping KCK/PMK"
    assert ((s + sb) % G.r).to_bytes(32, "big")[:16] == h["loop19.pmkid"], "J.10 looping PMKID"
    M = Modp(3072)
    pt15 = M.pt(h["h2e15.ssid"], h["h2e15.password"], h["h2e15.identifier"])
    assert M.enc(M.pwe(pt15, h["h2e15.mac1"], h["h2e15.mac2"])) == h["h2e15.pwe"], "hostap group-15 PWE"


def main():
    selftest()
    print("# Cross-check vectors for WPA3-SAE hash-to-element, written by gen_sae_crosscheck.py (an")
    print("# independent Python model, self-checked against Annex J.10). Per block: curve, ssid, password,")
    print("# identifier (- for none), PT, MACs, PWE; then for the fixed and the group-dependent-hash")
    print("# variant: rands and masks of sides A and B, salt (- for none), both commits, A's KCK, PMK,")
    print("# PMKID, A's confirm (Send-Confirm 1) and B's (Send-Confirm 2).")
    seed = hashlib.sha512(b"rustpsa sae crosscheck").digest()
    counter = 0

    def det(G):
        nonlocal counter
        counter += 1
        x = int.from_bytes(hashlib.sha512(seed + counter.to_bytes(4, "big")).digest() * 2, "big")
        return x % (G.r - 2) + 2

    cases = [
        ("P256", b"byteme", b"mekmitasdigoat", b""),
        ("P384", b"byteme", b"mekmitasdigoat", b"psk4internet"),
        ("P384", b"Home network", b"correct horse battery staple", b""),
        ("P521", b"byteme", b"mekmitasdigoat", b"psk4internet"),
        ("P521", b"x", b"p", b""),
    ]
    for name, ssid, pw, ident in cases:
        G = Group(name)
        pt = G.pt(ssid, pw, ident)
        mac1, mac2 = bytes.fromhex("02005e1000" + "%02x" % counter), bytes.fromhex("0a1b2c3d4e5f")
        pwe = G.pwe(pt, mac1, mac2)
        print(f"curve {name}")
        print(f"ssid {ssid.hex()}")
        print(f"password {pw.hex()}")
        print(f"identifier {ident.hex() or '-'}")
        print(f"pt {G.enc(pt).hex()}")
        print(f"mac1 {mac1.hex()}")
        print(f"mac2 {mac2.hex()}")
        print(f"pwe {G.enc(pwe).hex()}")
        for gdh in (False, True):
            ra, ma, rb, mb = det(G), det(G), det(G), det(G)
            salt = b"\x14\x00\x15\x00" if gdh and name != "P256" else None
            ea, eb, kck, pmk, pmkid, ca, cb = exchange(G, pwe, ra, ma, rb, mb, gdh, salt)
            print(f"variant {'gdh' if gdh else 'fixed'}")
            for k, x in (("rand_a", ra), ("mask_a", ma), ("rand_b", rb), ("mask_b", mb)):
                print(f"{k} {x.to_bytes(G.n, 'big').hex()}")
            print(f"salt {salt.hex() if salt else '-'}")
            for k, x in (("commit_a", ea), ("commit_b", eb), ("kck", kck), ("pmk", pmk), ("pmkid", pmkid),
                         ("confirm_a", ca), ("confirm_b", cb)):
                print(f"{k} {x.hex()}")
        print("end")
    # The finite-field groups and the looping method. Per block: group, method (h2e or looping),
    # ssid, password, identifier, PT (- for the looping method), MACs, PWE, then both variants as above.
    more = [
        (Modp(3072), "h2e", b"byteme", b"mekmitasdigoat", b"psk4internet"),
        (Modp(4096), "h2e", b"Home network", b"correct horse battery staple", b""),
        (Modp(8192), "h2e", b"x", b"p", b""),
        (Group("P256"), "looping", b"", b"mekmitasdigoat", b""),
        (Group("P384"), "looping", b"", b"correct horse battery staple", b""),
        (Group("P521"), "looping", b"", b"mekmitasdigoat", b""),
        (Modp(3072), "looping", b"", b"mekmitasdigoat", b""),
        (Modp(6144), "h2e", b"byteme", b"mekmitasdigoat", b"psk4internet"),
        (Modp(4096), "looping", b"", b"correct horse battery staple", b""),
        (Modp(6144), "looping", b"", b"p", b""),
        (Modp(8192), "looping", b"", b"mekmitasdigoat", b""),
    ]
    for G, method, ssid, pw, ident in more:
        mac1, mac2 = bytes.fromhex("02005e1000" + "%02x" % counter), bytes.fromhex("0a1b2c3d4e5f")
        if method == "h2e":
            pt = G.pt(ssid, pw, ident)
            pwe = G.pwe(pt, mac1, mac2)
        else:
            pt = None
            pwe = G.looping(pw, mac1, mac2)
            assert pwe == G.looping(pw, mac2, mac1)
        print(f"group {G.name}")
        print(f"method {method}")
        print(f"ssid {ssid.hex() or '-'}")
        print(f"password {pw.hex()}")
        print(f"identifier {ident.hex() or '-'}")
        print(f"pt {G.enc(pt).hex() if pt is not None else '-'}")
        print(f"mac1 {mac1.hex()}")
        print(f"mac2 {mac2.hex()}")
        print(f"pwe {G.enc(pwe).hex()}")
        for gdh in (False, True):
            ra, ma, rb, mb = det(G), det(G), det(G), det(G)
            salt = b"\x14\x00\x15\x00" if gdh else None
            ea, eb, kck, pmk, pmkid, ca, cb = exchange(G, pwe, ra, ma, rb, mb, gdh, salt)
            print(f"variant {'gdh' if gdh else 'fixed'}")
            for k, x in (("rand_a", ra), ("mask_a", ma), ("rand_b", rb), ("mask_b", mb)):
                print(f"{k} {x.to_bytes(G.n, 'big').hex()}")
            print(f"salt {salt.hex() if salt else '-'}")
            for k, x in (("commit_a", ea), ("commit_b", eb), ("kck", kck), ("pmk", pmk), ("pmkid", pmkid),
                         ("confirm_a", ca), ("confirm_b", cb)):
                print(f"{k} {x.hex()}")
        print("end")


if __name__ == "__main__":
    main()
