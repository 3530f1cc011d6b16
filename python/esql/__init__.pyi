import datetime
import os
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

import pyarrow as pa

__version__: str

PathLike = Union[str, os.PathLike[str]]
Paths = Union[None, PathLike, Iterable[PathLike]]
Params = Union[None, Mapping[str, Any], Sequence[Any]]
Now = Union[None, str, datetime.datetime, datetime.date]

class EsqlWarning(UserWarning): ...

class QueryError(Exception):
    reason: str
    report: str
    line: Optional[int]
    column: Optional[int]
    def __init__(self, reason: str, report: str) -> None: ...

class Session:
    def __init__(
        self,
        *,
        data_dir: Paths = ...,
        index: Optional[Mapping[str, PathLike]] = ...,
        mapping: Paths = ...,
        field_types: Paths = ...,
        enrich_policy: Paths = ...,
        now: Now = ...,
        threads: Optional[int] = ...,
        strict: bool = ...,
    ) -> None: ...
    def from_arrow(self, name: str, data: Any) -> Session: ...
    def from_pandas(self, name: str, frame: Any) -> Session: ...
    def from_polars(self, name: str, frame: Any) -> Session: ...
    def query(self, text: str, *, params: Params = ...) -> pa.Table: ...
    def explain(self, text: str) -> str: ...

def query(
    text: str,
    *,
    data_dir: Paths = ...,
    index: Optional[Mapping[str, PathLike]] = ...,
    mapping: Paths = ...,
    field_types: Paths = ...,
    now: Now = ...,
    params: Params = ...,
    threads: Optional[int] = ...,
) -> pa.Table: ...
