"""Sessions over pandas, polars and pyarrow frames; parameters; errors;
warnings; result conversion to pandas and polars."""

from __future__ import annotations

import datetime
import json

import pyarrow as pa
import pytest

import esql
from conftest import REPO

UTC = datetime.timezone.utc


def logs_table() -> pa.Table:
    return pa.table(
        {
            "@timestamp": pa.array(
                [
                    datetime.datetime(2024, 5, 10, 10, 0, tzinfo=UTC),
                    datetime.datetime(2024, 5, 10, 11, 0, tzinfo=UTC),
                    datetime.datetime(2024, 5, 10, 12, 0, tzinfo=UTC),
                ],
                pa.timestamp("us", tz="UTC"),
            ),
            "user": pa.array(
                [{"name": "ann"}, {"name": "bob"}, {"name": "ann"}],
                pa.struct([("name", pa.string())]),
            ),
            "bytes": pa.array([10, None, 7], pa.int64()),
            "tags": pa.array([["b", "a"], None, ["c"]], pa.list_(pa.string())),
            "source.ip": ["10.0.0.1", "10.0.0.2", "2001:db8::1"],
        }
    )


QUERY = "FROM logs | STATS total = SUM(bytes), n = COUNT(*) BY user.name | SORT user.name"


def test_from_arrow_types_and_rows():
    table = esql.Session().from_arrow("logs", logs_table()).query(
        "FROM logs | SORT @timestamp | KEEP @timestamp, user.name, bytes, tags, source.ip"
    )
    types = [f.metadata[b"elastic:type"].decode() for f in table.schema]
    assert types == ["date", "keyword", "long", "keyword", "ip"]
    assert table.schema.field("@timestamp").type == pa.timestamp("ms", tz="UTC")
    assert table.schema.field("source.ip").type == pa.string()
    rows = table.to_pylist()
    assert rows[0]["@timestamp"] == datetime.datetime(2024, 5, 10, 10, 0, tzinfo=UTC)
    assert [r["tags"] for r in rows] == [["a", "b"], None, ["c"]]
    assert [r["source.ip"] for r in rows] == ["10.0.0.1", "10.0.0.2", "2001:db8::1"]
    assert [r["bytes"] for r in rows] == [10, None, 7]


def test_pandas_polars_and_arrow_frames_answer_alike():
    pd = pytest.importorskip("pandas")
    pl = pytest.importorskip("polars")
    frame = pd.DataFrame(
        {"user.name": ["ann", "bob", "ann"], "bytes": [10, 5, 7]}, index=[7, 8, 9]
    )
    by_pandas = esql.Session().from_pandas("logs", frame).query(QUERY)
    by_polars = esql.Session().from_polars("logs", pl.from_pandas(frame)).query(QUERY)
    by_arrow = esql.Session().from_arrow("logs", pa.Table.from_pandas(frame)).query(QUERY)
    expected = [
        {"total": 17, "n": 2, "user.name": "ann"},
        {"total": 5, "n": 1, "user.name": "bob"},
    ]
    assert by_pandas.to_pylist() == expected
    assert by_polars.to_pylist() == expected
    assert by_arrow.to_pylist() == expected
    assert by_pandas.to_pandas()["total"].tolist() == [17, 5]
    assert pl.from_arrow(by_polars)["user.name"].to_list() == ["ann", "bob"]


def test_a_session_keeps_files_and_frames_between_queries():
    s = esql.Session(data_dir=REPO / "examples" / "hunts" / "fixtures", now="2024-05-11T00:00:00Z")
    s.from_arrow("extra", pa.table({"x": [1, 2, 3]}))
    files = s.query("FROM logs-aws.cloudtrail-* | STATS n = COUNT(*)").column("n")[0].as_py()
    assert files > 0
    assert s.query("FROM extra | STATS s = SUM(x)").column("s")[0].as_py() == 6
    assert s.query("FROM logs-aws.cloudtrail-* | STATS n = COUNT(*)").column("n")[0].as_py() == files
    assert "logs-aws.cloudtrail-default" in s.explain("FROM logs-aws.cloudtrail-* | LIMIT 1")


def test_unreadable_columns_are_errors_and_the_session_survives():
    s = esql.Session().from_arrow("ok", pa.table({"x": [1]}))
    with pytest.raises(ValueError, match=r"column \[blob\] has Arrow type \[Binary\]"):
        s.from_arrow("bad", pa.table({"blob": pa.array([b"x"], pa.binary())}))
    assert s.query("FROM ok").to_pylist() == [{"x": 1}]


def test_query_errors_carry_the_position_and_report():
    text = "ROW a = 1\n| KEEP nope"
    with pytest.raises(esql.QueryError) as info:
        esql.query(text)
    e = info.value
    assert (e.line, e.column) == (2, 8)
    assert e.report.startswith("verification_exception: Found 1 problem\nline 2:8: Unknown column [nope]")
    assert "^^^^" in e.report
    assert "Unknown column [nope]" in e.reason
    with pytest.raises(esql.QueryError) as info:
        esql.query("ROW a = ")
    assert info.value.line == 1


def test_warnings_are_python_warnings_and_metadata():
    with pytest.warns(esql.EsqlWarning, match="evaluation of \\[n \\+ 1\\] failed"):
        table = esql.query("ROW n = 9223372036854775807 | EVAL m = n + 1")
    assert table.column("m")[0].as_py() is None
    kept = json.loads(table.schema.metadata[b"esql:warnings"])
    assert any("evaluation of [n + 1] failed" in w for w in kept)
    quiet = esql.query("ROW a = 1 | LIMIT 1")
    assert json.loads(quiet.schema.metadata[b"esql:warnings"]) == []


def test_parameters():
    named = esql.query("ROW a = ?n, b = ?s, e = ?flag, q = \"?n\"", params={"n": 5, "s": 'say "hi"\n', "flag": True})
    assert named.to_pylist() == [{"a": 5, "b": 'say "hi"\n', "e": True, "q": "?n"}]
    positional = esql.query("ROW a = ?, b = ?, c = ?1", params=[1.5, None])
    assert positional.to_pylist() == [{"a": 1.5, "b": None, "c": 1.5}]
    field = esql.query("ROW x = 3 | EVAL y = ??f * 2", params={"f": "x"})
    assert field.column("y")[0].as_py() == 6
    when = esql.query(
        "ROW t = TO_DATETIME(?t)", params={"t": datetime.datetime(2024, 5, 11, tzinfo=UTC)}
    )
    assert when.column("t")[0].as_py() == datetime.datetime(2024, 5, 11, tzinfo=UTC)
    with pytest.raises(KeyError, match=r"\?missing"):
        esql.query("ROW a = ?missing", params={"n": 1})


def test_now_and_threads():
    t = esql.query("ROW t = NOW()", now=datetime.datetime(2024, 5, 11, 12, 30))
    assert t.column("t")[0].as_py() == datetime.datetime(2024, 5, 11, 12, 30, tzinfo=UTC)
    with pytest.raises(ValueError, match="RFC 3339"):
        esql.Session(now="yesterday")
