#!/usr/bin/env python3
"""Extracts the SLH-DSA known-answer subset in slh_dsa_acvp.txt.

Provenance: NIST ACVP-Server (github.com/usnistgov/ACVP-Server), FIPS 205
"internalProjection.json" files of SLH-DSA-keyGen/sigGen/sigVer (revision
FIPS205, the slh_keygen_internal / slh_sign_internal / slh_verify_internal
interface), as shipped in the tests/acvp directory of the slh-dsa 0.1.0
crate on crates.io. NIST's notice: NIST-developed software is provided by NIST
as a public service; this is a modified (subset) copy made for rustpsa's tests.

Subset (to keep the file and the run small): keyGen, two cases of each group;
sigGen, the case with the shortest message of each deterministic group and of
the hedged SHAKE-128f group; sigVer, the shortest passing and the shortest
failing case of the SHAKE-128f and SHA2-192s groups.
Output: one "key = value" line per field, a blank line between cases (read by
src/crypto/pqc_sign_tests.rs without a JSON parser).
Usage: gen_slh_dsa_acvp.py <acvp dir> > slh_dsa_acvp.txt
"""
import json, sys, os

d = sys.argv[1]
def load(name):
    return json.load(open(os.path.join(d, name, "internalProjection.json")))["testGroups"]

out = {"keyGen": [], "sigGen": [], "sigVer": []}
for g in load("SLH-DSA-keyGen-FIPS205"):
    for t in g["tests"][:2]:
        out["keyGen"].append({"set": g["parameterSet"], "tcId": t["tcId"], "skSeed": t["skSeed"],
                              "skPrf": t["skPrf"], "pkSeed": t["pkSeed"], "sk": t["sk"], "pk": t["pk"]})
for g in load("SLH-DSA-sigGen-FIPS205"):
    if not g["deterministic"] and g["parameterSet"] != "SLH-DSA-SHAKE-128f":
        continue
    t = min(g["tests"], key=lambda t: len(t["message"]))
    out["sigGen"].append({"set": g["parameterSet"], "tcId": t["tcId"], "deterministic": g["deterministic"],
                          "sk": t["sk"], "message": t["message"],
                          "rnd": t.get("additionalRandomness", ""), "signature": t["signature"]})
for g in load("SLH-DSA-sigVer-FIPS205"):
    if g["parameterSet"] not in ("SLH-DSA-SHAKE-128f", "SLH-DSA-SHA2-192s"):
        continue
    for passed in (True, False):
        c = [t for t in g["tests"] if t["testPassed"] == passed]
        if c:
            t = min(c, key=lambda t: len(t["message"]))
            out["sigVer"].append({"set": g["parameterSet"], "tcId": t["tcId"], "pk": t["pk"],
                                  "message": t["message"], "signature": t["signature"],
                                  "testPassed": passed})
for kind, cases in out.items():
    for c in cases:
        print(f"kind = {kind}")
        for k, v in c.items():
            print(f"{k} = {v}")
        print()
