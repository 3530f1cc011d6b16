#!/usr/bin/env python3
"""Runs the Elasticsearch conformance cases and fails when fewer pass than
the floor recorded in tests/conformance-floor.txt, or when a failing case is
not listed (with a reason) in tests/conformance-expected-failures.txt."""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "esql"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--update", action="store_true", help="rewrite the floor and the failure list")
    args = ap.parse_args()
    runner = os.path.join(args.shared, "tools", "conformance.py")
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "report.json")
        proc = subprocess.run([sys.executable, runner, "--bin", args.bin, "--report", report],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        tail = proc.stdout.strip().splitlines()[-1:] or [""]
        print(tail[0])
        with open(report) as f:
            data = json.load(f)
    results = data.get("results") or data.get("cases") or []
    failed = sorted("%s/%s" % (r["file"], r["name"]) for r in results if r.get("status") == "fail")
    passed = sum(1 for r in results if r.get("status") == "pass")
    floor_path = os.path.join(ROOT, "tests", "conformance-floor.txt")
    expected_path = os.path.join(ROOT, "tests", "conformance-expected-failures.txt")
    if args.update:
        with open(floor_path, "w") as f:
            f.write(f"{passed}\n")
        old = {}
        if os.path.exists(expected_path):
            for line in open(expected_path):
                if "\t" in line and not line.startswith("#"):
                    k, v = line.rstrip("\n").split("\t", 1)
                    old[k] = v
        with open(expected_path, "w") as f:
            f.write("# case id<TAB>reason it fails\n")
            for case in failed:
                f.write(f"{case}\t{old.get(case, 'not analysed yet')}\n")
        print(f"floor set to {passed}; {len(failed)} failures listed")
        return 0
    floor = int(open(floor_path).read().strip())
    listed = set()
    for line in open(expected_path):
        if "\t" in line and not line.startswith("#"):
            listed.add(line.split("\t", 1)[0])
    unlisted = [c for c in failed if c not in listed]
    print(f"conformance: {passed} passed (floor {floor}), {len(failed)} failed, {len(unlisted)} not in the expected-failures list")
    for c in unlisted[:50]:
        print(f"  unexpected failure: {c}")
    if passed < floor or unlisted:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
