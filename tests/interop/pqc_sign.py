#!/usr/bin/env python3
"""Interoperability of rustpsa's ML-DSA and SLH-DSA with independent
implementations: dilithium-py (pure-Python FIPS 204) and slh-dsa (the
"slhdsa" package, pure-Python FIPS 205), both from PyPI.

Through ctypes on librustpsa.so, in both directions:
  * ML-DSA-44/65/87: the public key rustpsa derives from a seed ξ equals
    dilithium-py's key_derive(ξ); rustpsa's hedged and deterministic signatures
    (pure, with a context; HashML-DSA with SHA-512) verify with dilithium-py;
    dilithium-py's verify with rustpsa; deterministic signatures are equal.
  * SLH-DSA, every set: the s sets other than SHA2-128s are signed by rustpsa
    and verified by slhdsa only (pure-Python s signing is slow). The f sets
    and SHA2-128s: rustpsa's generated key pair is used
    by slhdsa; signatures (pure with a context, deterministic and hedged;
    HashSLH-DSA with the package's default pre-hash) verify both ways, and
    deterministic signatures are equal byte for byte.
Prints "pqc interop: N passed, M failed"; exit status 1 on any failure.
Usage: pqc_sign.py LIBDIR
"""
import ctypes
import hashlib
import os
import sys

from dilithium_py.ml_dsa import ML_DSA_44, ML_DSA_65, ML_DSA_87
from dilithium_py.ml_dsa import HASH_ML_DSA_44_WITH_SHA512, HASH_ML_DSA_65_WITH_SHA512, HASH_ML_DSA_87_WITH_SHA512
import slhdsa

from psa_ctypes import Attrs, Tally, load, sz, u8p

lib = load(sys.argv[1])


SIGN_ALL = 0x400 | 0x800 | 0x1000 | 0x2000 | 0x1  # sign/verify message/hash, export
ML_DSA, DET_ML_DSA = 0x06004400, 0x06004500
SLH_DSA, DET_SLH_DSA = 0x06004000, 0x06004100
SHA_256, SHA_512 = 0x02000009, 0x0200000B
tally = Tally()
check = tally.check



def import_key(t, bits, alg, data):
    a = Attrs(t, bits, 0, 0, SIGN_ALL, alg, 0)
    k = ctypes.c_uint32()
    st = lib.psa_import_key(ctypes.byref(a), u8p(data), sz(len(data)), ctypes.byref(k))
    check(st == 0, f"import type {t:#x}: status {st}")
    return k.value


def generate(t, bits, alg):
    a = Attrs(t, bits, 0, 0, SIGN_ALL, alg, 0)
    k = ctypes.c_uint32()
    st = lib.psa_generate_key(ctypes.byref(a), ctypes.byref(k))
    check(st == 0, f"generate type {t:#x}: status {st}")
    return k.value


def export(k, public=False):
    buf = ctypes.create_string_buffer(4096)
    n = sz()
    f = lib.psa_export_public_key if public else lib.psa_export_key
    check(f(k, buf, sz(4096), ctypes.byref(n)) == 0, "export")
    return buf.raw[:n.value]


def sign(k, alg, msg, ctx):
    buf = ctypes.create_string_buffer(50000)
    n = sz()
    st = lib.psa_sign_message_with_context(k, alg, u8p(msg), sz(len(msg)), u8p(ctx), sz(len(ctx)), buf, sz(50000),
                                           ctypes.byref(n))
    check(st == 0, f"sign alg {alg:#x}: status {st}")
    return buf.raw[:n.value]


def verify(k, alg, msg, ctx, sig):
    return lib.psa_verify_message_with_context(k, alg, u8p(msg), sz(len(msg)), u8p(ctx), sz(len(ctx)), u8p(sig),
                                               sz(len(sig)))


def ml_dsa():
    msg, ctx = b"interoperable firmware", b"pqc interop"
    for bits, ref, href in ((128, ML_DSA_44, HASH_ML_DSA_44_WITH_SHA512), (192, ML_DSA_65, HASH_ML_DSA_65_WITH_SHA512),
                            (256, ML_DSA_87, HASH_ML_DSA_87_WITH_SHA512)):
        seed = os.urandom(32)
        pk_ref, sk_ref = ref.key_derive(seed)
        hedged = import_key(0x7002, bits, ML_DSA, seed)
        det = import_key(0x7002, bits, DET_ML_DSA, seed)
        hashed = import_key(0x7002, bits, 0x06004600 | (SHA_512 & 0xff), seed)
        check(export(hedged, True) == pk_ref, f"ML-DSA-{bits}: public key from seed")
        check(export(hedged) == seed, f"ML-DSA-{bits}: exported seed")
        # rustpsa -> dilithium-py
        s = sign(hedged, ML_DSA, msg, ctx)
        check(ref.verify(pk_ref, msg, s, ctx=ctx), f"ML-DSA-{bits}: hedged signature")
        check(not ref.verify(pk_ref, msg, s, ctx=b""), f"ML-DSA-{bits}: context bound")
        s = sign(det, DET_ML_DSA, msg, ctx)
        check(s == ref.sign(sk_ref, msg, ctx=ctx, deterministic=True), f"ML-DSA-{bits}: deterministic equal")
        s = sign(hashed, 0x06004600 | (SHA_512 & 0xff), msg, ctx)
        check(href.verify(pk_ref, msg, s, ctx=ctx), f"ML-DSA-{bits}: HashML-DSA-SHA512")
        # dilithium-py -> rustpsa
        s = ref.sign(sk_ref, msg, ctx=ctx)
        pub = import_key(0x4002, 0, ML_DSA, pk_ref)
        check(verify(pub, ML_DSA, msg, ctx, s) == 0, f"ML-DSA-{bits}: dilithium-py signature")
        check(verify(pub, ML_DSA, msg, b"other", s) == -149, f"ML-DSA-{bits}: wrong context rejected")
        s = href.sign(sk_ref, msg, ctx=ctx)
        pubh = import_key(0x4002, 0, 0x06004600 | (SHA_512 & 0xff), pk_ref)
        check(verify(pubh, 0x06004600 | (SHA_512 & 0xff), msg, ctx, s) == 0, f"ML-DSA-{bits}: dilithium-py HashML-DSA")
        for k in (hedged, det, hashed, pub, pubh):
            lib.psa_destroy_key(k)


SLH_SETS = [  # (name, package parameter, PSA family, bits)
    ("SHA2-128s", slhdsa.sha2_128s, 0x02, 128), ("SHA2-128f", slhdsa.sha2_128f, 0x04, 128),
    ("SHA2-192f", slhdsa.sha2_192f, 0x04, 192), ("SHA2-256f", slhdsa.sha2_256f, 0x04, 256),
    ("SHAKE-128f", slhdsa.shake_128f, 0x0d, 128), ("SHAKE-192f", slhdsa.shake_192f, 0x0d, 192),
    ("SHAKE-256f", slhdsa.shake_256f, 0x0d, 256),
]
# The other s sets sign slowly in pure Python: rustpsa signs, slhdsa verifies.
SLH_SLOW_SETS = [("SHA2-192s", slhdsa.sha2_192s, 0x02, 192), ("SHA2-256s", slhdsa.sha2_256s, 0x02, 256),
                 ("SHAKE-128s", slhdsa.shake_128s, 0x0b, 128), ("SHAKE-192s", slhdsa.shake_192s, 0x0b, 192),
                 ("SHAKE-256s", slhdsa.shake_256s, 0x0b, 256)]


def slh_dsa():
    msg, ctx = b"interoperable firmware", b"pqc interop"
    for name, par, fam, bits in SLH_SETS:
        t = 0x7180 | fam
        det = generate(t, bits, DET_SLH_DSA)
        sk = export(det)
        # The package's KeyPair digest is PK.seed‖PK.root followed by the FIPS 205 secret key.
        kp = slhdsa.KeyPair.from_digest(sk[bits // 4:] + sk, par)
        check(kp.pub.digest() == export(det, True), f"SLH-DSA-{name}: public key")
        s = sign(det, DET_SLH_DSA, msg, ctx)
        check(kp.verify_pure(msg, s, ctx=ctx), f"SLH-DSA-{name}: rustpsa deterministic signature")
        check(s == kp.sign_pure(msg, randomize=False, ctx=ctx), f"SLH-DSA-{name}: deterministic equal")
        hedged = import_key(t, 0, SLH_DSA, sk)
        s = sign(hedged, SLH_DSA, msg, ctx)
        check(kp.verify_pure(msg, s, ctx=ctx), f"SLH-DSA-{name}: rustpsa hedged signature")
        # HashSLH-DSA with SHA-256 (128-bit sets) or SHA-512, given to the
        # package as OID ‖ digest (its default for the SHAKE sets is SHAKE).
        h = SHA_256 if bits == 128 else SHA_512
        hf = hashlib.sha256 if bits == 128 else hashlib.sha512
        oid = bytes([0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01 if bits == 128 else 0x03])
        ph = lambda data: oid + hf(data).digest()  # noqa: E731
        halg = 0x06004200 | (h & 0xff)
        hashed = import_key(t, 0, halg, sk)
        s = sign(hashed, halg, msg, ctx)
        check(kp.verify_hash(msg, s, ctx=ctx, prehash=ph), f"SLH-DSA-{name}: rustpsa HashSLH-DSA")
        # slhdsa -> rustpsa
        pub = import_key(0x4180 | fam, bits, SLH_DSA, kp.pub.digest())
        s = kp.sign_pure(msg, randomize=True, ctx=ctx)
        check(verify(pub, SLH_DSA, msg, ctx, s) == 0, f"SLH-DSA-{name}: slhdsa signature")
        check(verify(pub, SLH_DSA, msg + b"!", ctx, s) == -149, f"SLH-DSA-{name}: other message rejected")
        s = kp.sign_hash(msg, randomize=True, ctx=ctx, prehash=ph)
        check(verify(hashed, halg, msg, ctx, s) == 0, f"SLH-DSA-{name}: slhdsa HashSLH-DSA signature")
        for k in (det, hedged, hashed, pub):
            lib.psa_destroy_key(k)


def slh_dsa_slow_sets():
    msg, ctx = b"interoperable firmware", b"pqc interop"
    for name, par, fam, bits in SLH_SLOW_SETS:
        t = 0x7180 | fam
        k = generate(t, bits, SLH_DSA)
        sk = export(k)
        kp = slhdsa.KeyPair.from_digest(sk[bits // 4:] + sk, par)
        s = sign(k, SLH_DSA, msg, ctx)
        check(kp.verify_pure(msg, s, ctx=ctx), f"SLH-DSA-{name}: rustpsa signature")
        check(not kp.verify_pure(msg, s, ctx=b""), f"SLH-DSA-{name}: context bound")
        lib.psa_destroy_key(k)


if lib.psa_crypto_init() != 0:
    sys.exit("psa_crypto_init failed")
ml_dsa()
slh_dsa()
slh_dsa_slow_sets()
sys.exit(tally.finish("pqc interop"))
