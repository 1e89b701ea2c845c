#!/usr/bin/env python3
"""Cross-checks of rustpsa's verification-only stateful signatures and of
Ed25519ctx against independent implementations, through ctypes on
librustpsa.so:

  * LMS / HSS: pyhsslms (PyPI, pure Python RFC 8554) generates keys and signs;
    rustpsa imports the public keys (HSS, and the LMS key of one-level trees)
    and verifies; corrupted signatures fail with INVALID_SIGNATURE. Every
    hash family of SP 800-208 (SHA-256, SHA-256/192, SHAKE256 with n = 32 and
    24) at heights 5 and 10 (pyhsslms builds the whole tree: H15 and above
    take minutes; those are covered by tests/vectors/gen_lms_sp800208.py).
    LMOTS_*_N24_W1, which rustpsa's back end gets wrong, imports as
    NOT_SUPPORTED.
  * XMSS: Botan 2.19 (Debian's python3-botan) generates XMSS-SHA2_10_256 keys
    and signs several messages (several leaf indexes); rustpsa verifies.
    XMSS-SHA2_10_512 (RFC 8391 only) imports as NOT_SUPPORTED.
  * Ed25519ctx: PyCryptodome (PyPI) signs with contexts of 1..255 bytes and
    rustpsa verifies; rustpsa signs and PyCryptodome verifies.
Prints "stateful interop: N passed, M failed"; exit status 1 on any failure.
Usage: stateful_sig.py LIBDIR
"""
import ctypes
import os
import sys

try:
    import botan2
except ImportError:  # Debian installs it for its own python3 only
    sys.path.append("/usr/lib/python3/dist-packages")
    import botan2
from Crypto.Signature import eddsa
import pyhsslms.pyhsslms as hss

from psa_ctypes import Attrs, Tally, load, sz, u8p

lib = load(sys.argv[1])


VERIFY = 0x800 | 0x2000 | 0x1
SIGN_VERIFY = VERIFY | 0x400
LMS_PUB, HSS_PUB, XMSS_PUB = 0x4007, 0x4008, 0x400B
ED_PAIR = 0x7142  # PSA_KEY_TYPE_ECC_KEY_PAIR(PSA_ECC_FAMILY_TWISTED_EDWARDS)
ALG_LMS, ALG_HSS, ALG_XMSS, EDDSA_CTX = 0x06004800, 0x06004900, 0x06004A00, 0x06000A00
INVALID_SIGNATURE, NOT_SUPPORTED = -149, -134
tally = Tally()
check = tally.check



def import_key(t, alg, data, usage=VERIFY, bits=0):
    a = Attrs(t, bits, 0, 0, usage, alg, 0)
    k = ctypes.c_uint32()
    st = lib.psa_import_key(ctypes.byref(a), u8p(data), sz(len(data)), ctypes.byref(k))
    return st, k.value


def verify(k, alg, msg, sig, ctx=None):
    if ctx is None:
        return lib.psa_verify_message(k, alg, u8p(msg), sz(len(msg)), u8p(sig), sz(len(sig)))
    return lib.psa_verify_message_with_context(k, alg, u8p(msg), sz(len(msg)), u8p(ctx), sz(len(ctx)), u8p(sig),
                                               sz(len(sig)))


def corrupted(sig, at):
    b = bytearray(sig)
    b[at] ^= 0x10
    return bytes(b)


def lms_hss():
    sets = [  # (levels, lms type, lmots type)
        (1, hss.lms_sha256_m32_h5, hss.lmots_sha256_n32_w1),
        (1, hss.lms_sha256_m32_h5, hss.lmots_sha256_n32_w2),
        (1, hss.lms_sha256_m32_h5, hss.lmots_sha256_n32_w4),
        (1, hss.lms_sha256_m32_h5, hss.lmots_sha256_n32_w8),
        (1, hss.lms_sha256_m32_h10, hss.lmots_sha256_n32_w8),
        (2, hss.lms_sha256_m32_h5, hss.lmots_sha256_n32_w4),
        (3, hss.lms_sha256_m32_h5, hss.lmots_sha256_n32_w8),
        # SP 800-208's SHA-256/192 and SHAKE256 sets.
        (1, hss.lms_sha256_m24_h5, hss.lmots_sha256_n24_w2),
        (1, hss.lms_sha256_m24_h5, hss.lmots_sha256_n24_w8),
        (1, hss.lms_sha256_m24_h10, hss.lmots_sha256_n24_w4),
        (1, hss.lms_shake_m32_h5, hss.lmots_shake_n32_w1),
        (1, hss.lms_shake_m32_h5, hss.lmots_shake_n32_w8),
        (1, hss.lms_shake_m32_h10, hss.lmots_shake_n32_w2),
        (1, hss.lms_shake_m24_h5, hss.lmots_shake_n24_w4),
        (1, hss.lms_shake_m24_h10, hss.lmots_shake_n24_w4),
        (2, hss.lms_shake_m24_h5, hss.lmots_shake_n24_w8),
        (2, hss.lms_sha256_m24_h5, hss.lmots_sha256_n24_w2),
    ]
    for levels, lt, ot in sets:
        name = f"HSS L={levels} {lt.hex()}/{ot.hex()}"
        prv = hss.HssPrivateKey(levels=levels, lms_type=lt, lmots_type=ot)
        pub = prv.publicKey().serialize()
        st, k = import_key(HSS_PUB, ALG_HSS, pub)
        check(st == 0, f"{name}: import {st}")
        lms_k = None
        if levels == 1:
            st, lms_k = import_key(LMS_PUB, ALG_LMS, pub[4:])
            check(st == 0, f"{name}: import as LMS {st}")
        for i, msg in enumerate([b"", b"rustpsa", bytes(range(256)) * 3]):
            sig = prv.sign(msg)
            check(verify(k, ALG_HSS, msg, sig) == 0, f"{name}: signature {i}")
            check(verify(k, ALG_HSS, msg, sig, b"") == 0, f"{name}: signature {i} with empty context")
            check(verify(k, ALG_HSS, msg + b"x", sig) == INVALID_SIGNATURE, f"{name}: other message")
            for at in (5, len(sig) // 2, len(sig) - 1):
                check(verify(k, ALG_HSS, msg, corrupted(sig, at)) == INVALID_SIGNATURE, f"{name}: flip at {at}")
            check(verify(k, ALG_HSS, msg, sig[:-1]) == INVALID_SIGNATURE, f"{name}: truncated")
            if lms_k is not None:
                check(verify(lms_k, ALG_LMS, msg, sig[4:]) == 0, f"{name}: LMS signature {i}")
                check(verify(lms_k, ALG_LMS, msg, corrupted(sig[4:], 40)) == INVALID_SIGNATURE,
                      f"{name}: LMS flip")
        lib.psa_destroy_key(k)
        if lms_k is not None:
            lib.psa_destroy_key(lms_k)
    # n = 24, w = 1: recognised, not verified (hbs-lms shifts the checksum by
    # 7, SP 800-208 says 8; pyhsslms follows SP 800-208).
    for lt, ot in [(hss.lms_sha256_m24_h5, hss.lmots_sha256_n24_w1), (hss.lms_shake_m24_h5, hss.lmots_shake_n24_w1)]:
        pub = hss.HssPrivateKey(levels=1, lms_type=lt, lmots_type=ot).publicKey().serialize()
        st, _ = import_key(HSS_PUB, ALG_HSS, pub)
        check(st == NOT_SUPPORTED, f"HSS {lt.hex()}/{ot.hex()}: import {st}, expected NOT_SUPPORTED")
        st, _ = import_key(LMS_PUB, ALG_LMS, pub[4:])
        check(st == NOT_SUPPORTED, f"LMS {lt.hex()}/{ot.hex()}: import {st}, expected NOT_SUPPORTED")
    # H15..H25 import (building such a tree in pure Python takes minutes: only
    # the public key's encoding matters here; gen_lms_sp800208.py's vectors
    # verify them).
    for lt, ot in [(hss.lms_sha256_m32_h15, hss.lmots_sha256_n32_w8), (hss.lms_shake_m24_h25, hss.lmots_shake_n24_w2)]:
        n = 24 if lt == hss.lms_shake_m24_h25 else 32
        st, k = import_key(HSS_PUB, ALG_HSS, b"\x00\x00\x00\x01" + lt + ot + bytes(16 + n))
        check(st == 0, f"HSS {lt.hex()}/{ot.hex()}: import {st}")
        lib.psa_destroy_key(k)


def botan_sign(key, msg, rng):
    op = botan2.PKSign(key, "")
    # botan2.PKSign.update accepts text only; hand the bytes to the C call.
    botan2._DLL.botan_pk_op_sign_update(op._PKSign__obj, msg, len(msg))
    return op.finish(rng)


def xmss():
    rng = botan2.RandomNumberGenerator()
    for params, n in [("XMSS-SHA2_10_256", 32)]:
        key = botan2.PrivateKey.create("XMSS", params, rng)
        der = key.get_public_key().export()
        raw = der[-(4 + 2 * n):]  # the BIT STRING holds OCTET STRING(OID || root || SEED)
        check(der[-(4 + 2 * n) - 2] == 0x04, f"{params}: key encoding")
        st, k = import_key(XMSS_PUB, ALG_XMSS, raw)
        check(st == 0, f"{params}: import {st}")
        for i in range(6):
            msg = os.urandom(i * 37)
            sig = botan_sign(key, msg, rng)
            check(verify(k, ALG_XMSS, msg, sig) == 0, f"{params}: signature {i}")
            check(verify(k, ALG_XMSS, msg + b"x", sig) == INVALID_SIGNATURE, f"{params}: other message {i}")
            check(verify(k, ALG_XMSS, msg, corrupted(sig, 4 + i * 300)) == INVALID_SIGNATURE, f"{params}: flip {i}")
        lib.psa_destroy_key(k)
    key = botan2.PrivateKey.create("XMSS", "XMSS-SHA2_10_512", rng)
    st, _ = import_key(XMSS_PUB, ALG_XMSS, key.get_public_key().export()[-132:])
    check(st == NOT_SUPPORTED, f"XMSS-SHA2_10_512: import {st}, expected NOT_SUPPORTED")


def ed25519ctx():
    seed = os.urandom(32)
    st, k = import_key(ED_PAIR, EDDSA_CTX, seed, SIGN_VERIFY, 255)
    check(st == 0, f"Ed25519 import {st}")
    theirs = eddsa.import_private_key(seed)
    for clen in (1, 3, 17, 255):
        ctx = os.urandom(clen)
        msg = os.urandom(clen * 3)
        out = ctypes.create_string_buffer(64)
        n = sz()
        st = lib.psa_sign_message_with_context(k, EDDSA_CTX, u8p(msg), sz(len(msg)), u8p(ctx), sz(clen), out,
                                               sz(64), ctypes.byref(n))
        check(st == 0 and n.value == 64, f"Ed25519ctx sign, context {clen}: {st}")
        ours = out.raw[:64]
        want = eddsa.new(theirs, "rfc8032", context=ctx).sign(msg)
        check(ours == want, f"Ed25519ctx, context {clen}: equal signatures (deterministic)")
        try:
            eddsa.new(theirs.public_key(), "rfc8032", context=ctx).verify(msg, ours)
            check(True, "")
        except ValueError:
            check(False, f"PyCryptodome rejects rustpsa's Ed25519ctx signature, context {clen}")
        check(verify(k, EDDSA_CTX, msg, want, ctx) == 0, f"rustpsa verifies PyCryptodome's, context {clen}")
        check(verify(k, EDDSA_CTX, msg, want, ctx[:-1]) == INVALID_SIGNATURE, f"shorter context {clen}")
    lib.psa_destroy_key(k)


check(lib.psa_crypto_init() == 0, "psa_crypto_init")
lms_hss()
xmss()
ed25519ctx()
sys.exit(tally.finish("stateful interop"))
