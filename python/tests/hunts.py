"""The project's own hunts: the shipped hunt, the example hunts and the raw
CloudTrail sample, each as (id, query text, CLI data arguments, Python
keyword arguments)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from conftest import REPO

NOW = "2024-05-11T00:00:00Z"


def _queries_of(path: Path) -> list:
    text = path.read_text()
    if path.suffix == ".esql":
        return [text]
    if path.suffix == ".toml":
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover
            import tomli as tomllib
        hunt = tomllib.loads(text)["hunt"]["query"]
        return hunt if isinstance(hunt, list) else [hunt]
    return re.findall(r"```(?:esql|sql)\n(.*?)```", text, re.S)


def cases() -> list:
    out = []
    shipped = REPO / "queries"
    for path in sorted(shipped.glob("*.esql")):
        out.append(
            (
                path.name,
                path.read_text(),
                ["-d", "testdata/cloudtrail", "--now", NOW],
                {"data_dir": REPO / "testdata" / "cloudtrail", "now": NOW},
            )
        )
    examples = REPO / "examples" / "hunts"
    for path in sorted(examples.iterdir()):
        if path.suffix not in (".esql", ".toml", ".md"):
            continue
        for i, q in enumerate(_queries_of(path)):
            out.append(
                (
                    f"{path.name}#{i + 1}",
                    q,
                    ["-d", "examples/hunts/fixtures", "--now", NOW],
                    {"data_dir": examples / "fixtures", "now": NOW},
                )
            )
    raw = (
        "from logs-aws.cloudtrail-*\n"
        '| where event.provider == "servicequotas.amazonaws.com"\n'
        '| dissect aws.cloudtrail.request_parameters "{%{?k1}=%{service_code}, %{?k2}=%{quota_code}}"\n'
        "| keep @timestamp, cloud.region, user.name, service_code, quota_code, source.ip, event.category\n"
        "| sort @timestamp\n"
        "| limit 10"
    )
    out.append(
        (
            "cloudtrail-raw",
            raw,
            ["-d", "testdata/cloudtrail-raw"],
            {"data_dir": REPO / "testdata" / "cloudtrail-raw"},
        )
    )
    return out
