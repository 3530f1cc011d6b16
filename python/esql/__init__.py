"""ES|QL — Elasticsearch's piped query language — over NDJSON files and data
frames, offline, with Elasticsearch's semantics.

Results are :class:`pyarrow.Table` objects: column names and order as
Elasticsearch returns them, multi-values as list columns, ``date`` as
``timestamp[ms, UTC]``, ``ip`` as text, the ES|QL type of each column in its
field metadata (``elastic:type``) and the run's warnings in the schema
metadata (``esql:warnings``, a JSON list) and as :mod:`warnings`.

>>> import esql
>>> esql.query('ROW a = 1, b = "x"').to_pylist()
[{'a': 1, 'b': 'x'}]
"""

from __future__ import annotations

import json
import os
import re
import warnings as _warnings
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import pyarrow as pa

from . import _native

__all__ = ["query", "Session", "QueryError", "EsqlWarning", "__version__"]

__version__: str = _native.__version__

PathLike = Union[str, "os.PathLike[str]"]

_POSITION = re.compile(r"line (\d+):(\d+):", re.IGNORECASE)


class EsqlWarning(UserWarning):
    """A warning of a query run, in Elasticsearch's wording."""


class QueryError(Exception):
    """A query that failed to parse, analyse or run.

    ``reason`` is Elasticsearch's error reason; ``report`` the rendered
    report (``line L:C:`` and a caret under the offending text) that the
    ``esql`` command prints; ``line`` and ``column`` (1-based) the first
    position the report names, or ``None``.
    """

    def __init__(self, reason: str, report: str) -> None:
        super().__init__(report.rstrip("\n"))
        self.reason = reason
        self.report = report
        match = _POSITION.search(report)
        self.line: Optional[int] = int(match.group(1)) if match else None
        self.column: Optional[int] = int(match.group(2)) if match else None


def _paths(value: Union[None, PathLike, Iterable[PathLike]]) -> list:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    return [os.fspath(v) for v in value]


def _now_text(now: Any) -> Optional[str]:
    if now is None:
        return None
    if hasattr(now, "isoformat"):
        text = now.isoformat()
        # A naive datetime is taken as UTC.
        if getattr(now, "tzinfo", None) is None and "T" in text:
            text += "Z"
        return text
    return str(now)


def _stream_of(data: Any) -> Any:
    """An object with ``__arrow_c_stream__`` (or a pyarrow reader)."""
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    if isinstance(data, (pa.Table, pa.RecordBatchReader)):
        return data
    if hasattr(data, "__arrow_c_stream__"):
        return pa.RecordBatchReader.from_stream(data)
    raise TypeError(
        f"expected a pyarrow Table, RecordBatch or RecordBatchReader, got {type(data).__name__}"
    )


def _bind(text: str, params: Union[None, Mapping[str, Any], Sequence[Any]]) -> str:
    """Replaces ``?name`` / ``?1`` / ``?`` parameters by ES|QL literals."""
    if not params:
        return text
    from ._params import bind

    return bind(text, params)


class Session:
    """Where the data is and how queries run; the catalog (folders, mappings,
    field-type tables) is read once, at the first query, and kept.

    ``index`` maps index names to NDJSON files or folders; ``now`` pins
    ``NOW()`` (an RFC 3339 string or a :class:`datetime.datetime`);
    ``threads`` is the number of scanning threads (0: one per core).

    >>> s = Session(now="2024-05-11T00:00:00Z")
    >>> s.query("ROW t = NOW()").column("t")[0].as_py().isoformat()
    '2024-05-11T00:00:00+00:00'
    """

    def __init__(
        self,
        *,
        data_dir: Union[None, PathLike, Iterable[PathLike]] = None,
        index: Optional[Mapping[str, PathLike]] = None,
        mapping: Union[None, PathLike, Iterable[PathLike]] = None,
        field_types: Union[None, PathLike, Iterable[PathLike]] = None,
        enrich_policy: Union[None, PathLike, Iterable[PathLike]] = None,
        now: Any = None,
        threads: Optional[int] = None,
        strict: bool = False,
    ) -> None:
        self._native = _native.Session(
            _paths(data_dir),
            [(name, os.fspath(path)) for name, path in (index or {}).items()],
            _paths(mapping),
            _paths(field_types),
            _paths(enrich_policy),
            _now_text(now),
            int(threads or 0),
            bool(strict),
        )

    def from_arrow(self, name: str, data: Any) -> "Session":
        """Registers index ``name`` holding the rows of ``data`` (a pyarrow
        Table, RecordBatch, RecordBatchReader or any object with
        ``__arrow_c_stream__``); returns the session.

        Struct columns are objects (``user.name``), list columns
        multi-values, nulls missing fields; field types follow the Arrow
        types (integers → ``integer``/``long``, floats → ``double``,
        timestamps → ``date``); strings are typed as in files (mappings,
        field-type tables, the ECS table, else inference).
        """
        self._native.add_arrow(name, _stream_of(data))
        return self

    def from_pandas(self, name: str, frame: Any) -> "Session":
        """Registers index ``name`` holding the rows of a pandas DataFrame
        (its index is not a column); returns the session."""
        return self.from_arrow(name, pa.Table.from_pandas(frame, preserve_index=False))

    def from_polars(self, name: str, frame: Any) -> "Session":
        """Registers index ``name`` holding the rows of a polars DataFrame;
        returns the session."""
        return self.from_arrow(name, frame.to_arrow())

    def query(
        self,
        text: str,
        *,
        params: Union[None, Mapping[str, Any], Sequence[Any]] = None,
    ) -> pa.Table:
        """Runs ``text`` and returns its result as a :class:`pyarrow.Table`.

        ``params`` gives values to ``?name`` (a mapping) or ``?``/``?1``
        (a sequence) parameters. Warnings are issued as :class:`EsqlWarning`
        and kept in ``table.schema.metadata[b"esql:warnings"]``. Raises
        :class:`QueryError` when the query fails.
        """
        bound = _bind(text, params)
        try:
            batch, warnings = self._native.query(bound)
        except _native.NativeQueryError as e:
            reason, report = e.args
            raise QueryError(reason, report) from None
        table = pa.Table.from_batches([batch])
        metadata = dict(table.schema.metadata or {})
        metadata[b"esql:warnings"] = json.dumps(warnings).encode()
        for w in warnings:
            _warnings.warn(w, EsqlWarning, stacklevel=2)
        return table.replace_schema_metadata(metadata)

    def explain(self, text: str) -> str:
        """The typed plan of ``text``, as ``esql --explain`` prints it."""
        try:
            return self._native.explain(text)
        except _native.NativeQueryError as e:
            reason, report = e.args
            raise QueryError(reason, report) from None


def query(
    text: str,
    *,
    data_dir: Union[None, PathLike, Iterable[PathLike]] = None,
    index: Optional[Mapping[str, PathLike]] = None,
    mapping: Union[None, PathLike, Iterable[PathLike]] = None,
    field_types: Union[None, PathLike, Iterable[PathLike]] = None,
    now: Any = None,
    params: Union[None, Mapping[str, Any], Sequence[Any]] = None,
    threads: Optional[int] = None,
) -> pa.Table:
    """Runs one query over the given data; see :class:`Session` for the
    options and :meth:`Session.query` for the result."""
    session = Session(
        data_dir=data_dir,
        index=index,
        mapping=mapping,
        field_types=field_types,
        now=now,
        threads=threads,
    )
    return session.query(text, params=params)
