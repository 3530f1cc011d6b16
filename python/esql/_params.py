"""Query parameters: ``?name``, ``?1`` and ``?`` replaced by ES|QL literals,
``??name`` by a quoted identifier, before the query is parsed.

The scan skips string literals, quoted identifiers and comments, so a ``?``
inside them is left alone. Positions in error reports refer to the query
with the values in place.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any, Mapping, Sequence, Union

Params = Union[Mapping[str, Any], Sequence[Any]]


def literal(value: Any) -> str:
    """``value`` as ES|QL source text."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"parameter value {value!r} is not a finite number")
        return repr(value)
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=_dt.timezone.utc)
        text = value.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds")
        return literal(text.replace("+00:00", "Z"))
    if isinstance(value, str):
        escaped = (
            value.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
        return f'"{escaped}"'
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    raise TypeError(f"parameter value of type {type(value).__name__} has no ES|QL literal")


def _identifier(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("a ?? parameter takes a field name (str)")
    return "`" + value.replace("`", "``") + "`"


def bind(text: str, params: Params) -> str:
    """``text`` with its parameters replaced by the values of ``params``."""
    named = params if isinstance(params, Mapping) else None
    positional = None if named is not None else list(params)
    out = []
    anonymous = 0
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if text.startswith('"""', i):
            end = text.find('"""', i + 3)
            end = n if end < 0 else end + 3
            while end < n and text[end] == '"':
                end += 1
            out.append(text[i:end])
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif c == "`":
            j = text.find("`", i + 1)
            while 0 <= j < n - 1 and text[j + 1] == "`":
                j = text.find("`", j + 2)
            j = n if j < 0 else j + 1
            out.append(text[i:j])
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(text[i:j])
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(text[i:j])
            i = j
        elif c == "?":
            double = text.startswith("??", i)
            j = i + (2 if double else 1)
            k = j
            while k < n and (text[k].isalnum() or text[k] == "_"):
                k += 1
            key = text[j:k]
            if key == "":
                anonymous += 1
                value = _positional(positional, anonymous, text[i:k])
            elif key.isdigit():
                value = _positional(positional, int(key), text[i:k])
            else:
                if named is None or key not in named:
                    raise KeyError(f"no value for query parameter [{text[i:k]}]")
                value = named[key]
            out.append(_identifier(value) if double else literal(value))
            i = k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _positional(values: Any, number: int, source: str) -> Any:
    if values is None or not 1 <= number <= len(values):
        raise KeyError(f"no value for query parameter [{source}]")
    return values[number - 1]
