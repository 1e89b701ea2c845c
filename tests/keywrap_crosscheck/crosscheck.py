"""Cross-checks rustpsa's AES-KW / AES-KWP (psa_wrap_key, psa_unwrap_key) against an
independent implementation: Python's `cryptography` (OpenSSL's key wrap).

For every AES key size and both algorithms, random keys and key data of random
lengths (deterministic seed): rustpsa's wrap must equal cryptography's, rustpsa
must unwrap cryptography's output to the data, and a blob with one flipped bit
must give PSA_ERROR_INVALID_SIGNATURE (-149). Prints "keywrap-crosscheck: N
passed, M failed"."""
import random
import subprocess
import sys

from cryptography.hazmat.primitives import keywrap

PSA_ALG_KW, PSA_ALG_KWP = 0x0B400100, 0x0BC00200
INVALID_SIGNATURE = -149


def main(driver: str, rounds: int) -> int:
    rng = random.Random(0x4B57)
    cases = []
    for alg in (PSA_ALG_KW, PSA_ALG_KWP):
        for kek_len in (16, 24, 32):
            for _ in range(rounds):
                kek = rng.randbytes(kek_len)
                n = rng.randrange(2, 300) * 8 if alg == PSA_ALG_KW else rng.randrange(1, 2000)
                data = rng.randbytes(n)
                wrap = keywrap.aes_key_wrap if alg == PSA_ALG_KW else keywrap.aes_key_wrap_with_padding
                cases.append((alg, kek, data, wrap(kek, data)))
    lines = []
    for alg, kek, data, blob in cases:
        bad = bytearray(blob)
        bad[rng.randrange(len(bad))] ^= 1 << rng.randrange(8)
        lines.append(f"W {alg:08x} {kek.hex()} {data.hex()}")
        lines.append(f"U {alg:08x} {kek.hex()} {blob.hex()}")
        lines.append(f"U {alg:08x} {kek.hex()} {bytes(bad).hex()}")
    out = subprocess.run([driver], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout.split("\n")
    passed = failed = 0
    for i, (alg, kek, data, blob) in enumerate(cases):
        got = out[3 * i : 3 * i + 3]
        checks = [
            (got[0] == f"OK {blob.hex()}", "wrap differs"),
            (got[1] == f"OK {data.hex()}", "unwrap of cryptography's blob differs"),
            (got[2] == f"ERR {INVALID_SIGNATURE}", "tampered blob not refused"),
        ]
        for ok, what in checks:
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"case {i} (alg {alg:08x}, KEK {len(kek)} bytes, data {len(data)} bytes): {what}", file=sys.stderr)
    print(f"keywrap-crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 50))
