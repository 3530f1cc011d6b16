"""Shared helpers: the repository, the `esql` binary, and the CLI's JSON
answer of a query, to check the Python results against."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def esql_binary() -> Path:
    """The CLI: $ESQL_BIN, else the release build, else the debug build."""
    candidates = [os.environ.get("ESQL_BIN")]
    candidates += [str(REPO / "target" / kind / "esql") for kind in ("release", "debug")]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    pytest.fail("no esql binary: build it with `cargo build --release -p esql-cli` or set ESQL_BIN")


@pytest.fixture(scope="session")
def esql_bin() -> Path:
    return esql_binary()


def run_cli(binary: Path, text: str, args: list, fmt: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), "-q", text, "--format", fmt, *args],
        cwd=REPO,
        capture_output=True,
        check=True,
    )


def cli_json(binary: Path, text: str, args: list) -> dict:
    """The `_query` JSON body the CLI prints for `text`."""
    return json.loads(run_cli(binary, text, args, "json").stdout)


def cell_as_json(value, es_type: str):
    """A cell of a pyarrow result as Elasticsearch's JSON writes it."""
    if value is None:
        return None
    if isinstance(value, list):
        items = [cell_as_json(v, es_type) for v in value]
        return items[0] if len(items) == 1 else items
    if es_type == "date":
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    return value


def table_as_json(table) -> dict:
    """`columns` and `values` of a pyarrow result, as the JSON body has them."""
    columns = []
    for field in table.schema:
        es_type = field.metadata[b"elastic:type"].decode()
        columns.append({"name": field.name, "type": es_type})
    rows = table.to_pylist()
    values = [
        [cell_as_json(row[c["name"]], c["type"]) for c in columns] for row in rows
    ]
    return {"columns": columns, "values": values}
