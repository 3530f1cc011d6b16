from typing import Any, List, Optional, Sequence, Tuple

import pyarrow as pa

__version__: str

class NativeQueryError(Exception): ...

class Session:
    def __init__(
        self,
        data_dirs: Sequence[str],
        indices: Sequence[Tuple[str, str]],
        mappings: Sequence[str],
        field_types: Sequence[str],
        enrich_policies: Sequence[str],
        now: Optional[str],
        threads: int,
        strict: bool,
    ) -> None: ...
    def add_arrow(self, name: str, stream: Any) -> None: ...
    def query(self, text: str) -> Tuple[pa.RecordBatch, List[str]]: ...
    def explain(self, text: str) -> str: ...
