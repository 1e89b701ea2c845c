"""What the ctypes cross-checks in tests/interop/ share: the library, the
layout of psa_key_attributes_t, and a pass/fail tally."""
import ctypes
import os

u8p = ctypes.c_char_p
sz = ctypes.c_size_t


def load(libdir):
    """librustpsa.so from LIBDIR (the scripts' first argument)."""
    return ctypes.CDLL(os.path.join(libdir, "librustpsa.so"))


class Attrs(ctypes.Structure):
    """psa_key_attributes_t as include/psa/crypto_generated.h lays it out."""
    _fields_ = [("type", ctypes.c_uint16), ("bits", ctypes.c_uint16), ("lifetime", ctypes.c_uint32),
                ("id", ctypes.c_uint32), ("usage", ctypes.c_uint32), ("alg", ctypes.c_uint32),
                ("alg2", ctypes.c_uint32)]


class Tally:
    """Counts checks; a failed one is printed with what it checked."""

    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL:", what)

    def finish(self, name):
        """Prints "NAME: N passed, M failed"; the exit status for sys.exit."""
        print(f"{name}: {self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0
