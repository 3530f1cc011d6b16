"""esql.query answers the project's hunts as the CLI does (its JSON body)."""

from __future__ import annotations

import warnings

import pyarrow as pa
import pytest

import esql
from conftest import cli_json, table_as_json
from hunts import cases

CASES = cases()


@pytest.mark.parametrize("name,text,cli_args,kwargs", CASES, ids=[c[0] for c in CASES])
def test_results_match_the_cli(esql_bin, name, text, cli_args, kwargs):
    expected = cli_json(esql_bin, text, cli_args)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = esql.query(text, threads=1, **kwargs)
    assert isinstance(table, pa.Table)
    got = table_as_json(table)
    assert got["columns"] == expected["columns"]
    assert got["values"] == expected["values"]
    assert len(got["values"]) > 0, "a hunt of the project finds something"
    issued = [str(w.message) for w in caught if issubclass(w.category, esql.EsqlWarning)]
    assert [w for w in expected.get("warnings", [])] == [
        w for w in issued if w in expected.get("warnings", [])
    ]


def test_the_shipped_hunt_finds_the_generated_bursts():
    import json

    from conftest import REPO

    expected = json.loads((REPO / "testdata" / "cloudtrail" / "expected-hunt.json").read_text())
    text = next(REPO.glob("queries/*.esql")).read_text()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = esql.query(text, data_dir=REPO / "testdata" / "cloudtrail", now="2024-05-11T00:00:00Z")
    rows = table_as_json(table)["values"]
    assert len(rows) == 5
    assert rows == expected["values"]
    metadata = json.loads(table.schema.metadata[b"esql:warnings"])
    assert any("default limit of [1000]" in w for w in metadata)
    assert any("default limit of [1000]" in str(w.message) for w in caught)
