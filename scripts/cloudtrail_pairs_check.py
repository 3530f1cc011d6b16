#!/usr/bin/env python3
"""Acceptance check of the raw CloudTrail -> ECS conversion.

Feeds the raw records of SHARED/data/cloudtrail-pairs.jsonl to the `esql`
binary as one S3 delivery file in an AWSLogs tree and compares each
document with the one Elastic's ingest pipeline produced (the pair's `ecs`).

Every field is compared except these (EXCLUDED_* below):
  * event.created            ingest time, not in the record
  * source.geo.*, source.as.* GeoIP/ASN lookups (need MaxMind databases)
  * user_agent.* except user_agent.original   user-agent parsing
  * event.original, tags     the fixtures ran with the preserve_original_event tag
  * related.entity, actor.*, target.*, entity.*, host.*, service.*,
    user.entity.*, user.email, user.domain
                             written by the `entity` sub-pipeline and user
                             scripts of newer pipeline versions, whose rules
                             differ from version to version
Fields only the converter writes (what Elastic Agent and the data stream's
constant_keyword mapping add, absent from the pipeline output) are listed
in AGENT_FIELDS and must have their fixed values.

The fixtures come from several versions of the pipeline, and they disagree
with each other (e.g. one version turns user.name `test@elastic.co` into
`test`, others keep it; one adds session issuers to related.user, another
does not). The converter implements the version of commit 0046748f (the
one `shared/docs/cloudtrail-ecs.md` describes). VERSION_DIFFERENCES lists,
per fixture file of another version, the fields whose rules changed; those
fields may differ for those records only, and must still differ (so the
table stays accurate). Any other difference is a failure.

Prints `N/26 records match` and exits 1 on any difference.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

EXCLUDED_EXACT = {"event.created", "event.original", "tags", "related.entity", "user.email", "user.domain"}
EXCLUDED_PREFIXES = ("source.geo.", "source.as.", "user_agent.", "actor.", "target.",
                     "entity.", "host.", "service.", "user.entity.")
# Fixture file -> fields whose rules differ in the pipeline version it was
# produced with (newer event.category table, related.user/user.name rules,
# cloud.provider/cloud.service.name/related.ip of the newest version).
VERSION_DIFFERENCES = {
    "test-send-command-all-json.log-expected.json":
        {"event.category", "event.type", "related.user", "user.changes.name"},
    "test-start-session-json.log-expected.json": {"event.category", "event.type", "related.user"},
    "test-put-bucket-replication-json.log-expected.json": {"related.user", "user.name"},
    "test-get-bucket-policy-json.log-expected.json": {"related.user"},
    "test-put-object-json.log-expected.json":
        {"event.category", "event.type", "related.user", "related.ip", "cloud.provider", "cloud.service.name"},
    "test-update-assume-role-policy-json.log-expected.json": {"related.user", "user.name"},
    "test-modify-snapshot-attribute-json.log-expected.json": {"related.user"},
    "test-attach-user-policy-json.log-expected.json": {"related.user"},
    "test-delete-detector-json.log-expected.json": {"related.user", "user.name"},
    "test-schedule-key-deletion-json.log-expected.json": {"related.user", "user.name"},
}
KEPT = {"user_agent.original"}
AGENT_FIELDS = {
    "event.dataset": "aws.cloudtrail",
    "event.module": "aws",
    "data_stream.type": "logs",
    "data_stream.dataset": "aws.cloudtrail",
    "data_stream.namespace": "default",
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--shared", required=True)
    args = ap.parse_args()
    pairs = [json.loads(l) for l in open(os.path.join(args.shared, "data", "cloudtrail-pairs.jsonl"))]
    with tempfile.TemporaryDirectory() as tmp:
        day = os.path.join(tmp, "AWSLogs", "123456789012", "CloudTrail", "us-east-1", "2024", "01", "01")
        os.makedirs(day)
        path = os.path.join(day, "123456789012_CloudTrail_us-east-1_20240101T0000Z_pairs.json.gz")
        with gzip.open(path, "wt", encoding="utf-8") as f:
            json.dump({"Records": [p["raw"] for p in pairs]}, f)
        out = subprocess.run([args.bin, "convert", path], capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"esql convert failed: {out.stderr}")
        docs = [json.loads(l) for l in out.stdout.splitlines() if l.strip()]
        # The same tree as a data directory: every record is a document of
        # logs-aws.cloudtrail-default.
        q = subprocess.run(
            [args.bin, "-d", tmp, "--format", "json", "-q",
             "from logs-aws.cloudtrail-* metadata _index | stats n = count(*) by _index"],
            capture_output=True, text=True)
        if q.returncode != 0:
            sys.exit(f"esql query failed: {q.stderr}")
    if len(docs) != len(pairs):
        sys.exit(f"expected {len(pairs)} documents, got {len(docs)}")
    rows = json.loads(q.stdout)["values"]
    if rows != [[len(pairs), "logs-aws.cloudtrail-default"]]:
        sys.exit(f"query over the AWSLogs tree returned {rows}")
    good = exact = 0
    for i, (pair, doc) in enumerate(zip(pairs, docs)):
        source = pair["source"]["expected_path"].rsplit("/", 1)[-1]
        allowed = VERSION_DIFFERENCES.get(source, set())
        exp = {k: v for k, v in flatten(pair["ecs"]).items() if not excluded(k)}
        got = flatten(doc)
        problems = []
        for k, v in AGENT_FIELDS.items():
            if got.pop(k, None) != v:
                problems.append(f"{k}: expected {v!r}")
        differing = set()
        for k in sorted(set(exp) | set(got)):
            if exp.get(k, "<absent>") != got.get(k, "<absent>"):
                differing.add(k)
                if k not in allowed:
                    problems.append(f"{k}: expected {exp.get(k, '<absent>')!r}, got {got.get(k, '<absent>')!r}")
        for k in sorted(allowed - differing):
            problems.append(f"{k}: listed as a pipeline-version difference but equal (update the table)")
        if problems:
            print(f"record {i} ({pair['raw'].get('eventName')}, {source}):")
            for p in problems:
                print(f"  {p}")
        else:
            good += 1
            exact += not differing
    print(f"{good}/{len(pairs)} records match "
          f"({exact} on every compared field, {good - exact} apart from documented pipeline-version differences)")
    sys.exit(0 if good == len(pairs) else 1)

if __name__ == "__main__":
    main()
