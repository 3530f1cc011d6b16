"""The data the SigmaHQ corpus check runs its queries over: one index with a mapping of every
field the queries compare and a document per query built from the literals it compares them with.

Part of `scripts/sigma_corpus.py`; standard library only.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path

from sigma_query import comparisons, leaves, string_value, where_condition

#: The index a query reading `FROM *` finds (the backend's default index pattern).
INDEX = "sigma-corpus"
FROM_CLAUSE = re.compile(r"^\s*from\s+(.+?)(?:\s+metadata\b|\s*\||$)", re.I | re.S)


def index_names(queries: dict[str, str]) -> list[str]:
    """One index name matching each FROM pattern the queries use (`logs-*` -> `logs-sigma`);
    `sigma-corpus` for `*`. Every index gets the same documents and mapping."""
    names = set()
    for query in queries.values():
        m = FROM_CLAUSE.match(query)
        for pattern in (m.group(1).split(",") if m else ["*"]):
            pattern = pattern.strip()
            if pattern and not pattern.startswith("-"):
                names.add(INDEX if pattern == "*" else pattern.replace("*", "sigma").lower())
    return sorted(names)


# Step 4: the data. One index, a mapping of every referenced field, a document per query.

STRING_TYPES = {"keyword", "wildcard", "text", "match_only_text", "constant_keyword"}
INTEGER_TYPES = {"long", "integer", "short", "byte", "unsigned_long"}
FLOAT_TYPES = {"double", "float", "half_float", "scaled_float"}
TIMESTAMP = "2024-05-10T12:00:00.000Z"


def load_ecs_types(path: Path) -> dict[str, str]:
    """field -> Elasticsearch type, from the ECS table esql is built with (`ecs-fields.tsv`)."""
    types = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("field\t") or "\t" not in line:
            continue
        name, es_type = line.split("\t")[:2]
        types[name] = es_type
    return types


def like_example(pattern: str) -> str:
    """A string the ES|QL LIKE pattern matches: `*` is nothing, `?` one letter, `\\x` is x."""
    out = []
    chars = iter(pattern)
    for c in chars:
        if c == "\\":
            out.append(next(chars, ""))
        elif c == "?":
            out.append("x")
        elif c != "*":
            out.append(c)
    return "".join(out)


def regex_example(pattern: str) -> str:
    """A rough sample for an RLIKE pattern: its literal characters (it need not match)."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"[\^$()|?*+{}\[\]]|\\[dswDSW]", "", pattern))


def literal_python(token) -> object:
    """The Python value of a literal token."""
    kind, text = token
    if kind == "str":
        return string_value(text)
    if kind == "num":
        return float(text) if any(c in text for c in ".eE") else int(text)
    if text in ("true", "false"):
        return text == "true"
    return None


STRING_OPS = {"like", "rlike", "starts_with", "ends_with"}


def use_kind(op: str, value: object) -> str:
    """What one comparison asks of a field's type."""
    if op == "cidr_match":
        return "CIDR_MATCH"
    if op in STRING_OPS:
        return "string functions"
    if isinstance(value, bool):
        return "booleans"
    if isinstance(value, (int, float)):
        return "numbers"
    if isinstance(value, str):
        if value.lower() in ("true", "false"):
            return "the strings true/false"
        try:
            ipaddress.ip_network(value, strict=False)
            return "address strings"
        except ValueError:
            return "strings"
    return "nothing"


#: The type each use suits; a field's type is the first that suits all of its uses.
SUITS = {
    "ip": {"CIDR_MATCH", "address strings", "nothing"},
    "boolean": {"booleans", "the strings true/false", "nothing"},
    "long": {"numbers", "nothing"},
    "keyword": {
        "string functions",
        "strings",
        "address strings",
        "the strings true/false",
        "nothing",
    },
}


def infer_types(uses: dict[str, list[tuple[str, object]]]) -> tuple[dict[str, str], dict[str, str]]:
    """Types for fields ECS does not know, from every comparison of them in the corpus, and the
    fields no single type suits (field -> what its uses ask for).

    A field is `ip` when it is given to CIDR_MATCH and otherwise compared with addresses,
    `boolean` when compared with true or false (the strings "true"/"false" only: keyword, as
    Winlogbeat maps them), `long` (or `double`) when compared with numbers only, and `keyword`
    otherwise, as Elasticsearch maps strings. A field compared with strings in one rule and
    numbers in another suits no mapping: it is keyword, and the comparisons with numbers fail,
    as they would in Elasticsearch with that mapping.
    """
    types, mixed = {}, {}
    for field, pairs in uses.items():
        kinds = {use_kind(op, value) for op, value in pairs}
        if "CIDR_MATCH" in kinds and kinds <= SUITS["ip"]:
            types[field] = "ip"
        elif "booleans" in kinds and kinds <= SUITS["boolean"]:
            types[field] = "boolean"
        elif "numbers" in kinds and kinds <= SUITS["long"]:
            floats = any(isinstance(v, float) for _, v in pairs)
            types[field] = "double" if floats else "long"
        else:
            types[field] = "keyword"
            if not kinds <= SUITS["keyword"]:
                mixed[field] = " and ".join(sorted(kinds - {"nothing"}))
    return types, mixed


def sample_value(es_type: str, op: str, value: object) -> object:
    """A document value of a field's type, built from the literal it is compared with."""
    if es_type in STRING_TYPES:
        if isinstance(value, str):
            if op == "like":
                return like_example(value)
            if op == "rlike":
                return regex_example(value)
            return value
        return "sample" if value is None else str(value).lower()
    if es_type in INTEGER_TYPES:
        try:
            return int(value) if value is not None else 1
        except (TypeError, ValueError):
            return 1
    if es_type in FLOAT_TYPES:
        try:
            return float(value) if value is not None else 1.5
        except (TypeError, ValueError):
            return 1.5
    if es_type == "boolean":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    if es_type == "ip":
        try:
            return str(ipaddress.ip_network(str(value), strict=False).network_address)
        except ValueError:
            return "192.0.2.1"
    if es_type == "date":
        return TIMESTAMP
    return None  # object, nested, flattened, geo_point: left out of the document


def mapping_properties(types: dict[str, str]) -> dict:
    """Elasticsearch `properties` for dotted field names; a leaf that has sub-fields gets them
    as multi-fields (`process.executable` with `caseless`)."""
    root: dict = {}
    for name in sorted(types, key=lambda n: (n.count("."), n)):
        parts = name.split(".")
        node = root
        for i, part in enumerate(parts[:-1]):
            entry = node.setdefault(part, {})
            if "type" in entry and entry["type"] not in ("object", "nested"):
                rest = ".".join(parts[i + 1 :])
                entry.setdefault("fields", {})[rest] = {"type": types[name]}
                break
            node = entry.setdefault("properties", {})
        else:
            leaf = node.setdefault(parts[-1], {})
            if "properties" not in leaf:
                leaf["type"] = types[name]
    return root


def build_data(
    queries: dict[str, str], ecs: dict[str, str], data_dir: Path
) -> tuple[dict[str, str], dict[str, str]]:
    """Writes the index (documents + mapping) for the queries; returns field -> type and the
    fields no single type suits (see `infer_types`)."""
    compared = {}
    for name, query in queries.items():
        tree = where_condition(query)
        pairs = [c for leaf in (leaves(tree) if tree else []) for c in comparisons(leaf)]
        compared[name] = [(f, op, literal_python(t) if t else None) for f, op, t in pairs]
    uses: dict[str, list] = {}
    for pairs in compared.values():
        for field, op, value in pairs:
            if field not in ecs:
                uses.setdefault(field, []).append((op, value))
    types = {
        field: ecs[field] for pairs in compared.values() for field, _, _ in pairs if field in ecs
    }
    inferred, mixed = infer_types(uses)
    types.update(inferred)
    types["@timestamp"] = "date"
    types["sigma.query"] = "keyword"
    docs = []
    for name in sorted(compared):
        doc: dict = {"@timestamp": TIMESTAMP, "sigma.query": name}
        for field, op, value in compared[name]:
            if field not in doc:
                sample = sample_value(types[field], op, value)
                if sample is not None:
                    doc[field] = sample
        docs.append(doc)
    data_dir.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in docs)
    mapping = json.dumps({"mappings": {"properties": mapping_properties(types)}}, indent=1)
    for index in index_names(queries):
        (data_dir / f"{index}.ndjson").write_text(lines, encoding="utf-8")
        (data_dir / f"{index}.mapping.json").write_text(mapping, encoding="utf-8")
    return types, mixed
