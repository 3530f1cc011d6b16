#!/usr/bin/env python3
"""Regenerate crates/esql-exec/data/integration-fields.tsv.gz, the integrations' field
tables built into esql (the offline stand-in for their index templates).

Input: the catalogue of the non-ECS fields of the integrations' data streams, a
tab-separated file with a header line and the columns `field`, `type`,
`index_pattern`, `source` (default: ../shared/data/integration-fields.tsv, relative to
the workspace root; its SOURCES.md says where each row comes from).

Output: gzip (no timestamp, so the bytes depend on the input only) of a text made of
sections, one per index pattern and kind:

    # comment lines (attribution)
    @template logs-aws.cloudtrail-*
    aws.cloudtrail.error_code<TAB>keyword
    ...
    @schema logs-okta*
    okta.debug_context.debug_data.flattened.grantType<TAB>keyword   (dropped, see below)

* `@template` sections hold the rows read from the packages' `fields.yml` files
  (elastic/integrations, elastic/endpoint-package): the fields an integration's index
  template maps, which exist in every index its pattern matches.
* `@schema` sections hold the rows of detection-rules' `non-ecs-schema.json`: the rule
  authors' validation schema, not a mapping. esql takes them as types only, like ECS.

Dropped on the way (Elasticsearch has no such field):
* `object` rows (containers) and `nested` rows with every row below them (ES|QL does
  not see nested fields);
* rows below a `flattened` field, of the table or of ECS (the keys of a flattened
  field are not fields of their own; detection-rules lists some as `keyword`).

Usage: python3 scripts/gen_integration_table.py [INPUT] [ECS_INPUT] [OUTPUT]
"""

import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEFAULT_INPUT = SHARED / "integration-fields.tsv"
DEFAULT_ECS = SHARED / "ecs-fields.tsv"
DEFAULT_OUTPUT = ROOT / "crates" / "esql-exec" / "data" / "integration-fields.tsv.gz"
TEMPLATE_SOURCES = ("elastic/integrations", "elastic/endpoint-package")
SCHEMA_SOURCES = ("elastic/detection-rules",)


def read_tsv(path, needed):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = set(needed) - set(reader.fieldnames or [])
        if missing:
            sys.exit(f"{path}: missing column(s) {sorted(missing)}")
        return list(enumerate(reader, start=2))


def kind_of(path, number, source):
    repo = source.split(" ", 1)[0]
    if repo in TEMPLATE_SOURCES:
        return "template"
    if repo in SCHEMA_SOURCES:
        return "schema"
    sys.exit(f"{path}:{number}: unknown source {source!r}")


def under(field, parents):
    """True when a proper prefix of the dotted `field` is in `parents`."""
    parts = field.split(".")
    return any(".".join(parts[:n]) in parents for n in range(1, len(parts)))


def main(argv):
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_INPUT
    ecs = Path(argv[2]) if len(argv) > 2 else DEFAULT_ECS
    target = Path(argv[3]) if len(argv) > 3 else DEFAULT_OUTPUT
    ecs_flattened = {
        row["field"] for _, row in read_tsv(ecs, ("field", "type")) if row["type"] == "flattened"
    }
    rows = []
    for number, row in read_tsv(source, ("field", "type", "index_pattern", "source")):
        field, kind = row["field"].strip(), row["type"].strip()
        pattern = row["index_pattern"].strip()
        if not field or not kind or not pattern or "\t" in field or field.startswith(("#", "@")):
            sys.exit(f"{source}:{number}: unusable row {row!r}")
        rows.append((field, kind, pattern, kind_of(source, number, row["source"])))
    flattened = {f for f, t, _, _ in rows if t == "flattened"} | ecs_flattened
    nested = defaultdict(set)
    for field, kind, pattern, _ in rows:
        if kind == "nested":
            nested[pattern].add(field)
    sections = defaultdict(dict)
    dropped = defaultdict(int)
    for field, kind, pattern, origin in rows:
        if kind == "object":
            dropped["object containers"] += 1
        elif kind == "nested" or under(field, nested[pattern]):
            dropped["nested fields and their sub-fields"] += 1
        elif under(field, flattened):
            dropped["keys of flattened fields"] += 1
        else:
            known = sections[(origin, pattern)].get(field)
            if known is not None and known != kind:
                sys.exit(f"{source}: {field} listed with two types for {pattern}")
            sections[(origin, pattern)][field] = kind
    lines = [
        "# Field types of Elastic integrations' data streams, by index pattern.",
        "# @template: from the packages' fields.yml (elastic/integrations, Elastic License 2.0;",
        "#   elastic/endpoint-package, Elastic License Agreement): the index templates' fields.",
        "# @schema: from elastic/detection-rules non-ecs-schema.json (Elastic License 2.0):",
        "#   the rule validator's field list, types only.",
        "# Copyright Elasticsearch B.V. Generated by scripts/gen_integration_table.py;",
        "# see INTEGRATIONS-NOTICE.md beside this file.",
    ]
    count = 0
    for (origin, pattern) in sorted(sections, key=lambda k: (k[0] != "template", k[1])):
        lines.append(f"@{origin} {pattern}")
        for field, kind in sorted(sections[(origin, pattern)].items()):
            lines.append(f"{field}\t{kind}")
            count += 1
    text = ("\n".join(lines) + "\n").encode("utf-8")
    target.write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    print(f"wrote {count} rows in {len(sections)} sections to {target} "
          f"({len(text)} bytes, {target.stat().st_size} gzipped)")
    for why, n in sorted(dropped.items()):
        print(f"  dropped {n} rows: {why}")


if __name__ == "__main__":
    main(sys.argv)
