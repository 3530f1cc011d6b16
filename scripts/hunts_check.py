#!/usr/bin/env python3
"""Runs every published Elastic hunt and rule of ../shared/hunts through esql,
each over documents generated for its FROM patterns from the field types of
../shared/data/integration-fields.tsv (and ECS), and sorts the outcomes:

  run        analysed with the right types and executed without error;
  rejected   a syntax error, as Elasticsearch's grammar rejects the query;
  offline    exit 1 naming what needs a cluster (the message says "offline").

Any other outcome fails the check. Prints the three counts, then the hunts of
the third group with their reasons. Python standard library only.
"""

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
NOW = "2024-05-11T00:00:00Z"
PART = r"(?:`(?:[^`]|``)+`|[@A-Za-z_][A-Za-z0-9_@]*)"
IDENT = re.compile(r"(%s(?:\.(?:`(?:[^`]|``)+`|[A-Za-z0-9_@]+))*)" % PART)


def load_field_types(path):
    table = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2 or parts[0] == "field":
                continue
            table.setdefault(parts[0], []).append((parts[1], parts[2] if len(parts) > 2 else ""))
    return table


def glob_match(pattern, name):
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), name) is not None


def strip_comments(q):
    q = re.sub(r"/\*.*?\*/", " ", q, flags=re.S)
    return "\n".join(re.sub(r"//.*$", "", line) for line in q.splitlines())


def from_patterns(query):
    text = strip_comments(query).strip()
    first = text.split("|", 1)[0]
    m = re.match(r"\s*(?:from|FROM|From)\s+(.*)", first, re.S)
    if not m:
        return []
    body = re.split(r"\s(?:metadata|METADATA)\s", " " + m.group(1) + " ")[0]
    pats = []
    for p in body.split(","):
        p = p.strip().strip('"')
        if not p or p.startswith("-"):
            continue
        if ":" in p and "::" not in p:
            p = p.split(":", 1)[1]
        p = p.split("::")[0]
        pats.append(p)
    return pats


def index_name(pattern):
    # A data-stream-like name the pattern matches: `logs-x*` -> `logs-x-default`.
    name = re.sub(r"(?<=[^-.])\*$", "-default", pattern).replace("*", "default")
    return re.sub(r"[^A-Za-z0-9._@-]", "_", name) or "default"


def value_for(ty, rnd):
    ty = ty.lower()
    if ty in ("keyword", "text", "match_only_text", "wildcard", "constant_keyword", "version"):
        return rnd.choice(["value", "Value-1", "C:\\Windows\\x.exe", "10.0.0.1", "1.2.3"])
    if ty in ("long", "integer", "short", "byte", "unsigned_long"):
        return rnd.randint(0, 1000)
    if ty in ("double", "float", "half_float", "scaled_float"):
        return rnd.random() * 100
    if ty == "boolean":
        return rnd.choice([True, False])
    if ty in ("date", "date_nanos"):
        return "2024-05-10T%02d:%02d:%02d.000Z" % (rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59))
    if ty == "ip":
        return "10.0.%d.%d" % (rnd.randint(0, 255), rnd.randint(1, 254))
    return None


def assigned_names(query):
    """Names the query itself creates (EVAL/STATS/ROW fields, RENAME targets,
    DISSECT and GROK keys): documents must not carry them."""
    q = strip_comments(query)
    names = set(re.findall(r"([@A-Za-z_][\w.@]*)\s*=(?!=)", q))
    names |= set(re.findall(r"(?i)\bas\s+([@A-Za-z_][\w.@]*)", q))
    names |= set(re.findall(r"%\{[?+&*]?([\w.@]+)", q))
    # A name also read as a function argument comes from the documents.
    return {n for n in names if not re.search(r"\(\s*" + re.escape(n) + r"\s*[,)]", q)}


def documents(query, pattern, table, rnd, count=5):
    fields = {}
    created = assigned_names(query)
    for m in IDENT.finditer(strip_comments(query)):
        name = re.sub(r"`((?:[^`]|``)+)`", lambda p: p.group(1).replace("``", "`"), m.group(1))
        rows = table.get(name)
        if not rows:
            # A dotted name no table declares: documents carry it, as a number
            # when the query computes with it, else as a keyword.
            if "." in name and name not in created and not name.lower().startswith("esql."):
                written = r"(?:%s|%s)" % (re.escape(name), re.escape(m.group(1)))
                numeric = re.search(written + r"\s*(?:[/*+%-]|[<>]=?)\s*\d", query)
                boolean = re.search(written + r"\s*[!=]=\s*(?i:true|false)\b", query)
                fields.setdefault(name, "long" if numeric else "boolean" if boolean else "keyword")
            continue
        ty = None
        for t, ip in rows:
            if ip and glob_match(ip, index_name(pattern)):
                ty = t
                break
            if not ip and ty is None:
                ty = t
        # Declared only for other indices: the documents still carry it.
        ty = ty or rows[0][0]
        if ty:
            fields[name] = ty
    docs = []
    for _ in range(count):
        doc = {"@timestamp": value_for("date", rnd)}
        for name, ty in fields.items():
            v = value_for(ty, rnd)
            if v is not None:
                doc[name] = v
        docs.append(doc)
    return docs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "esql"))
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    hunts = os.path.join(args.shared, "hunts")
    types_path = os.path.join(args.shared, "data", "integration-fields.tsv")
    table = load_field_types(types_path)
    files = []
    for sub in ("hunting", "rules"):
        for root, _, names in os.walk(os.path.join(hunts, sub)):
            files.extend(os.path.join(root, n) for n in names if n.endswith(".esql"))
    files.sort()
    rnd = random.Random(7)
    groups = {"run": [], "rejected": [], "offline": [], "failed": []}
    for path in files:
        rel = os.path.relpath(path, hunts)
        query = open(path, encoding="utf-8").read()
        with tempfile.TemporaryDirectory() as tmp:
            for p in from_patterns(query):
                if p.startswith(".alerts-"):
                    continue  # other systems' alerts: not given offline
                with open(os.path.join(tmp, index_name(p) + ".ndjson"), "w") as f:
                    for d in documents(query, p, table, rnd):
                        f.write(json.dumps(d) + "\n")
            proc = subprocess.run(
                [args.bin, path, "--data-dir", tmp, "--field-types", types_path, "--now", NOW, "--format", "json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        err = proc.stderr.decode("utf-8", "replace")
        if proc.returncode == 0:
            groups["run"].append((rel, ""))
        elif proc.returncode == 1 and err.startswith("parsing_exception"):
            groups["rejected"].append((rel, err.splitlines()[0]))
        elif proc.returncode == 1 and "offline" in err:
            reason = next((l for l in err.splitlines() if "offline" in l), "")
            groups["offline"].append((rel, reason.strip()))
        else:
            groups["failed"].append((rel, " / ".join(err.strip().splitlines()[:3])))
    print("hunts: %d run, %d rejected as Elasticsearch rejects them, %d need a cluster (offline), %d failed"
          % tuple(len(groups[k]) for k in ("run", "rejected", "offline", "failed")))
    for rel, reason in groups["offline"]:
        print("  offline: %s: %s" % (rel, reason))
    if args.verbose:
        for rel, reason in groups["rejected"]:
            print("  rejected: %s: %s" % (rel, reason))
    for rel, reason in groups["failed"]:
        print("  FAILED: %s: %s" % (rel, reason[:300]))
    known = {}
    known_path = os.path.join(HERE, "hunts-known-failures.tsv")
    if os.path.exists(known_path):
        for line in open(known_path, encoding="utf-8"):
            if line.strip() and not line.startswith("#") and "\t" in line:
                k, v = line.rstrip("\n").split("\t", 1)
                known[k] = v
    unexplained = [rel for rel, _ in groups["failed"] if rel not in known]
    for rel, _ in groups["failed"]:
        if rel in known:
            print("  known gap: %s: %s" % (rel, known[rel]))
    print("%d failures not in scripts/hunts-known-failures.tsv" % len(unexplained))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
