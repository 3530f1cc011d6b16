#!/usr/bin/env python3
"""Acceptance check of the raw CloudTrail -> ECS conversion.

Feeds the raw records of SHARED/data/cloudtrail-pairs.jsonl to the `esql`
binary as S3 delivery files in an AWSLogs tree and compares each document
with the one Elastic's ingest pipeline produced (the pair's `ecs`).

The pairs come from several versions of the AWS integration's pipeline
(each pair's `source.commit` says which commit of elastic/integrations
produced it). FIXTURE_PIPELINES maps each commit to the package version the
converter emulates for it (`esql convert --cloudtrail-pipeline`) and to
the integration options the pair was produced with; esql runs once per
version and options.

Every field is compared except these (EXCLUDED_* below):
  * event.created            ingest time, not in the record
  * source.geo.*, source.as.* GeoIP/ASN lookups (need MaxMind databases)
  * user_agent.* except user_agent.original   user-agent parsing
Fields only the converter writes (what Elastic Agent and the data stream's
constant_keyword mapping add, absent from the pipeline output) are listed
in AGENT_FIELDS and must have their fixed values.

Every other field is compared exactly, lists in their order.

Prints `N/26 records match on every compared field` and exits 1 on any
difference.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

EXCLUDED_EXACT = {"event.created"}
EXCLUDED_PREFIXES = ("source.geo.", "source.as.", "user_agent.")
KEPT = {"user_agent.original"}
AGENT_FIELDS = {
    "event.dataset": "aws.cloudtrail",
    "event.module": "aws",
    "data_stream.type": "logs",
    "data_stream.dataset": "aws.cloudtrail",
    "data_stream.namespace": "default",
}

# Fixture commit -> (pipeline version, actor_target_mapping tag, why).
# Every pair was produced with the preserve_original_event tag.
FIXTURE_PIPELINES = {
    "0046748f8cfe9a89cf2f8f7a55be5528ad4b3695":
        ("2.25.0-preview01", False, "its changelog's top entry"),
    "182ce369e9b1de589777a3cf8dcc8697eee64988":
        ("2.44.0-preview01", False, "first draft of the actor/target fields (entity.actor)"),
    "02e75adab08c84b8300f9fd4218773182ab12f8b":
        ("2.44.0", False, "changelog: actor and target fields (branch of the 2.44.0 release)"),
    "275b3152d4a7700fb3248ff462ef1364b3cd97ed":
        ("2.44.0", False, "same fields and rules as 02e75ada"),
    "01b6652f20295373dad8b1696ea0d44cb97c0224":
        ("2.44.0", False, "same fields and rules as 02e75ada"),
    "088f4c1ebf06cbc90945a088e7e687b63c223f2c":
        ("2.44.0", False, "same fields and rules as 02e75ada"),
    "04e9c0f8bfb30ecec4af482aadd80a9e233200cd":
        ("3.8.0", True, "changelog: standardized user fields (released as 3.8.0)"),
    "0f775e780420de31f7e3bc69e23002a560e6ee20":
        ("5.2.0", True, "typed entity fields and user.email, no host.id"),
    "17c5e8526a750850e9201db1c24e2f58495503b3":
        ("6.4.0", True, "host.id next to host.target.entity.id"),
    "058af15fee62a55044070ccb4edd2a6ef5c20669":
        ("7.0.0", True, "session name still in user.changes.name"),
    "1046295098c46afdbcd48d933b1ee5101d0f6c35":
        ("7.2.0", True, "its changelog's top entry"),
    "26d81e1ffa1e661b88be2aceab50178fc15a54b8":
        ("7.3.0", True, "cloud.provider, cloud.service.name, related.ip (newest)"),
}


def excluded(key):
    if key in KEPT:
        return False
    return key in EXCLUDED_EXACT or key.startswith(EXCLUDED_PREFIXES)


def flatten(doc, prefix=""):
    """Leaf fields by dotted name; `aws.cloudtrail.flattened.*` objects and
    lists are compared whole."""
    out = {}
    for k, v in doc.items():
        name = prefix + k
        if isinstance(v, dict) and name not in (
            "aws.cloudtrail.flattened.request_parameters",
            "aws.cloudtrail.flattened.response_elements",
            "aws.cloudtrail.flattened.additional_eventdata",
            "aws.cloudtrail.flattened.service_event_details",
        ) and v:
            out.update(flatten(v, name + "."))
        else:
            out[name] = v
    return out


def convert(binary, path, version, mapping):
    args = [binary, "convert", "--cloudtrail-pipeline", version, "--preserve-original-event"]
    if mapping:
        args.append("--actor-target-mapping")
    out = subprocess.run(args + [path], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"esql convert failed: {out.stderr}")
    return [json.loads(l) for l in out.stdout.splitlines() if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    pairs = [json.loads(l) for l in open(os.path.join(args.shared, "data", "cloudtrail-pairs.jsonl"))]
    groups = {}
    for i, p in enumerate(pairs):
        commit = p["source"]["commit"]
        if commit not in FIXTURE_PIPELINES:
            sys.exit(f"pair {i}: no pipeline version known for commit {commit}")
        version, mapping, _ = FIXTURE_PIPELINES[commit]
        groups.setdefault((version, mapping), []).append(i)
    docs = [None] * len(pairs)
    with tempfile.TemporaryDirectory() as tmp:
        day = os.path.join(tmp, "AWSLogs", "123456789012", "CloudTrail", "us-east-1", "2024", "01", "01")
        os.makedirs(day)
        for n, ((version, mapping), members) in enumerate(sorted(groups.items())):
            path = os.path.join(day, f"123456789012_CloudTrail_us-east-1_20240101T0000Z_pairs{n}.json.gz")
            with gzip.open(path, "wt", encoding="utf-8") as f:
                json.dump({"Records": [pairs[i]["raw"] for i in members]}, f)
            got = convert(args.bin, path, version, mapping)
            if len(got) != len(members):
                sys.exit(f"expected {len(members)} documents for {version}, got {len(got)}")
            for i, d in zip(members, got):
                docs[i] = d
        # The same tree as a data directory: every record is a document of
        # logs-aws.cloudtrail-default.
        q = subprocess.run(
            [args.bin, "-d", tmp, "--format", "json", "-q",
             "from logs-aws.cloudtrail-* metadata _index | stats n = count(*) by _index"],
            capture_output=True, text=True)
        if q.returncode != 0:
            sys.exit(f"esql query failed: {q.stderr}")
    rows = json.loads(q.stdout)["values"]
    if rows != [[len(pairs), "logs-aws.cloudtrail-default"]]:
        sys.exit(f"query over the AWSLogs tree returned {rows}")
    good = 0
    for i, (pair, doc) in enumerate(zip(pairs, docs)):
        version = FIXTURE_PIPELINES[pair["source"]["commit"]][0]
        source = pair["source"]["expected_path"].rsplit("/", 1)[-1]
        exp = {k: v for k, v in flatten(pair["ecs"]).items() if not excluded(k)}
        got = flatten(doc)
        problems = []
        for k, v in AGENT_FIELDS.items():
            if got.pop(k, None) != v:
                problems.append(f"{k}: expected {v!r}")
        got = {k: v for k, v in got.items() if not excluded(k)}
        for k in sorted(set(exp) | set(got)):
            if exp.get(k, "<absent>") != got.get(k, "<absent>"):
                problems.append(f"{k}: expected {exp.get(k, '<absent>')!r}, got {got.get(k, '<absent>')!r}")
        if problems:
            print(f"record {i} ({pair['raw'].get('eventName')}, {source}, pipeline {version}):")
            for p in problems:
                print(f"  {p}")
        else:
            good += 1
    print(f"{good}/{len(pairs)} records match on every compared field")
    sys.exit(0 if good == len(pairs) else 1)


if __name__ == "__main__":
    main()
