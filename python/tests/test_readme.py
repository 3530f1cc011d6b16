"""python/README.md's Python blocks run, in order, as a notebook would run
its cells (in a folder that holds the repository's queries and test data)."""

from __future__ import annotations

import os
import re

from conftest import REPO


def test_the_readme_runs(tmp_path, monkeypatch):
    text = (REPO / "python" / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert len(blocks) >= 4
    for name in ("queries", "testdata"):
        os.symlink(REPO / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for i, block in enumerate(blocks):
        exec(compile(block, f"README.md block {i + 1}", "exec"), namespace)
    assert namespace["table"].num_rows == 5
    png = tmp_path / "servicequota-bursts.png"
    assert png.stat().st_size > 1000
    assert png.read_bytes().startswith(b"\x89PNG")
