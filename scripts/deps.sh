#!/usr/bin/env bash
# scripts/deps.sh: installs the Debian packages the test suite needs that this
# machine lacks (compilers, the sanitizer and libFuzzer runtimes, cmake,
# pkg-config, doxygen, dpkg-dev, python3, softhsm2 and opensc). Run as root it installs them with
# apt-get; otherwise it lists them and fails. scripts/test.sh calls it first.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v cc >/dev/null || missing+=(gcc)
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v cmake >/dev/null || missing+=(cmake)            # aws-lc-sys: its CMake build (sanitizer/no-asm builds); the default build uses cc
command -v pkg-config >/dev/null || missing+=(pkg-config)
command -v doxygen >/dev/null || missing+=(doxygen)          # scripts/api-docs.sh
command -v dpkg-shlibdeps >/dev/null || missing+=(dpkg-dev)  # scripts/package.sh
command -v objcopy >/dev/null || missing+=(binutils)         # scripts/install.sh (strip)
# The differential test builds Mbed TLS 3.5.1 (make, cc, python3 for its config.py).
command -v python3 >/dev/null || missing+=(python3)
# The key-wrapping cross-check (scripts/crosscheck-keywrap.sh) uses Python's cryptography.
python3 -c 'import cryptography.hazmat.primitives.keywrap' 2>/dev/null || missing+=(python3-cryptography)
# gcc's ThreadSanitizer and AddressSanitizer runtimes.
if ! echo 'int main(void){return 0;}' | cc -x c -fsanitize=thread -o /tmp/.rustpsa-tsan-probe - 2>/dev/null; then
    missing+=(libtsan2)
fi
if ! echo 'int main(void){return 0;}' | cc -x c -fsanitize=address -o /tmp/.rustpsa-asan-probe - 2>/dev/null; then
    missing+=(libasan8)
fi
# clang with its libFuzzer and ASan runtimes, for the fuzz targets (fuzz/).
if ! command -v clang >/dev/null || ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n){(void)d;(void)n;return 0;}' \
        | clang -x c -fsanitize=fuzzer,address -o /tmp/.rustpsa-fuzz-probe - 2>/dev/null; then
    missing+=(clang libclang-rt-dev)
fi
# SoftHSM2 and pkcs11-tool, for the PKCS#11 driver tests (scripts/pkcs11-test.sh).
command -v softhsm2-util >/dev/null || missing+=(softhsm2)
command -v pkcs11-tool >/dev/null || missing+=(opensc)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "deps: missing Debian packages: ${missing[*]} (run scripts/deps.sh as root, or apt-get install them)" >&2
        exit 1
    fi
    echo "deps: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${missing[@]}"
fi
# The post-quantum signature interoperability test (tests/interop/pqc_sign.py):
# two independent pure-Python implementations from PyPI, FIPS 204 and FIPS 205.
# Python packages from PyPI for the cross-checks, into whichever python3 is first
# on PATH (a Debian system python refuses plain pip installs: PEP 668).
pip_install() {
    if ! python3 -m pip --version >/dev/null 2>&1; then
        [ "$(id -u)" -eq 0 ] || { echo "deps: python3 has no pip (apt-get install python3-pip)" >&2; exit 1; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-pip
    fi
    python3 -m pip install --quiet "$@" 2>/dev/null || python3 -m pip install --quiet --break-system-packages "$@"
}
# Key wrapping against OpenSSL through Python's cryptography (apt's package
# serves only Debian's own python3).
python3 -c 'import cryptography.hazmat.primitives.keywrap' 2>/dev/null || {
    echo "deps: installing cryptography (PyPI)"
    pip_install cryptography
}
pqc_python_deps() {
    python3 -c 'import dilithium_py, slhdsa' 2>/dev/null && return 0
    echo "deps: installing dilithium-py and slh-dsa (PyPI)"
    pip_install 'dilithium-py==1.5.1' 'slh-dsa==0.2.5'
}
pqc_python_deps
# tests/interop/stateful_sig.py: pyhsslms (LMS/HSS signer), PyCryptodome
# (Ed25519ctx), Botan 2 (XMSS signer; Debian's python3-botan).
stateful_python_deps() {
    python3 -c 'import pyhsslms, Crypto.Signature.eddsa' 2>/dev/null || {
        echo "deps: installing pyhsslms and pycryptodome (PyPI)"
        pip_install 'pyhsslms==2.0.0' 'pycryptodome>=3.10'
    }
    python3 -c 'import botan2' 2>/dev/null || [ -f /usr/lib/python3/dist-packages/botan2.py ] || {
        [ "$(id -u)" -eq 0 ] || { echo "deps: python3-botan is missing (apt-get install python3-botan)" >&2; exit 1; }
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-botan
    }
}
stateful_python_deps
command -v cargo >/dev/null || { echo "deps: cargo is required (a rustup toolchain)" >&2; exit 1; }
