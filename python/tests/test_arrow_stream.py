"""`esql --format arrow` writes the Arrow IPC stream of Elasticsearch's
`format=arrow`: pyarrow (and DuckDB, when installed) read it, its columns
carry Elasticsearch's Arrow types, and its values are the CLI's JSON ones."""

from __future__ import annotations

import datetime
import io
import subprocess

import pyarrow as pa
import pyarrow.ipc
import pytest

from conftest import REPO, cli_json, run_cli
from hunts import cases

CASES = cases()

ES_ARROW_TYPES = {
    "boolean": pa.bool_(),
    "integer": pa.int32(),
    "long": pa.int64(),
    "unsigned_long": pa.uint64(),
    "double": pa.float64(),
    "keyword": pa.string(),
    "text": pa.string(),
    "version": pa.string(),
    "date": pa.timestamp("ms"),
    "ip": pa.binary(),
    "null": pa.null(),
    "unsupported": pa.null(),
}


def stream_of(esql_bin, text, args) -> pa.Table:
    out = run_cli(esql_bin, text, args, "arrow").stdout
    return pa.ipc.open_stream(io.BytesIO(out)).read_all()


def json_of(value, es_type):
    if value is None:
        return None
    if isinstance(value, list):
        items = [json_of(v, es_type) for v in value]
        return items[0] if len(items) == 1 else items
    if es_type == "date":
        return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"
    if es_type == "ip":
        import ipaddress

        return str(ipaddress.ip_address(value))
    return value


@pytest.mark.parametrize("name,text,cli_args,kwargs", CASES, ids=[c[0] for c in CASES])
def test_the_stream_holds_the_json_answer(esql_bin, name, text, cli_args, kwargs):
    expected = cli_json(esql_bin, text, cli_args)
    table = stream_of(esql_bin, text, cli_args)
    names = [f.name for f in table.schema]
    assert names == [c["name"] for c in expected["columns"]]
    for field, column in zip(table.schema, expected["columns"]):
        assert field.metadata[b"elastic:type"].decode() == column["type"]
        arrow_type = field.type.value_type if pa.types.is_list(field.type) else field.type
        assert arrow_type == ES_ARROW_TYPES[column["type"]], field
    rows = [
        [json_of(row[c["name"]], c["type"]) for c in expected["columns"]]
        for row in table.to_pylist()
    ]
    assert rows == expected["values"]


def test_every_type_and_multi_values(esql_bin):
    text = (
        'ROW b = true, i = 1, l = 9223372036854775807, u = 18446744073709551615::unsigned_long, '
        'd = 1.5, k = "x", v = "1.2.3"::version, t = "2024-05-11T10:00:00.123Z"::date, '
        'ip4 = "10.0.0.1"::ip, ip6 = "2001:db8::1"::ip, m = [3, 1, 2], n = null'
    )
    table = stream_of(esql_bin, text, [])
    types = {f.name: f.type for f in table.schema}
    assert types["b"] == pa.bool_() and types["i"] == pa.int32() and types["l"] == pa.int64()
    assert types["u"] == pa.uint64() and types["d"] == pa.float64() and types["k"] == pa.string()
    assert types["v"] == pa.string() and types["t"] == pa.timestamp("ms")
    assert types["ip4"] == pa.binary() and types["n"] == pa.null()
    assert types["m"] == pa.list_(pa.field("$data$", pa.int32(), nullable=False))
    row = table.to_pylist()[0]
    assert row["u"] == 18446744073709551615
    assert row["t"] == datetime.datetime(2024, 5, 11, 10, 0, 0, 123000)
    assert row["ip4"] == bytes([10, 0, 0, 1])
    assert len(row["ip6"]) == 16
    assert row["m"] == [3, 1, 2]
    assert row["n"] is None


def test_an_empty_result_is_a_schema_only_stream(esql_bin):
    table = stream_of(esql_bin, "ROW a = 1 | WHERE a > 1", [])
    assert table.num_rows == 0
    assert table.schema.field("a").type == pa.int32()


def test_several_queries_are_refused(esql_bin):
    done = subprocess.run(
        [str(esql_bin), "examples/hunts", "-d", "examples/hunts/fixtures", "--format", "arrow"],
        cwd=REPO,
        capture_output=True,
    )
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"--format arrow writes one stream" in done.stderr


def test_duckdb_reads_the_stream(esql_bin):
    duckdb = pytest.importorskip("duckdb")
    table = stream_of(
        esql_bin,
        "FROM logs-aws.cloudtrail-* | STATS n = COUNT(*) BY user.name | SORT user.name",
        ["-d", "examples/hunts/fixtures"],
    )
    con = duckdb.connect()
    con.register("hunt", table)
    got = con.execute('SELECT "user.name", n FROM hunt ORDER BY "user.name"').fetchall()
    assert got == [(r["user.name"], r["n"]) for r in table.to_pylist()]
    assert len(got) >= 2
