"""Why a failure of a converted Sigma query is also a failure in Elasticsearch, or an esql bug.

Part of `scripts/sigma_corpus.py`; standard library only.
"""

from __future__ import annotations

import re

#: Elasticsearch's limit on expression nesting (`ExpressionBuilder`'s maximum depth).
ES_MAX_EXPRESSION_DEPTH = 400

#: What Elasticsearch's parser says of a query nested deeper than that.
DEPTH_MESSAGE = "exceeded the maximum expression depth allowed"

#: Why a failure of a converted query is also a failure in Elasticsearch, by its message.
ES_REASONS = [
    (
        "Invalid regex pattern for RLIKE",
        "Lucene's RegExp, which RLIKE compiles with, refuses the pattern; Elasticsearch fails the"
        " query with this message when its optimizer rewrites the RLIKE (ReplaceRegexMatch)",
    ),
    (
        "Cannot convert string",
        "Elasticsearch casts a string literal compared with a field to the field's type and fails"
        " with this message when the text is no value of that type",
    ),
    (
        "so second argument must also be",
        "Elasticsearch compares only values of one type family: the literal does not suit the"
        " field's type (same verification message)",
    ),
    (
        "must be [string], found value",
        "LIKE, STARTS_WITH and ENDS_WITH take only string fields in Elasticsearch; this field is"
        " not one (same verification message)",
    ),
    (
        "must be [ip], found value",
        "CIDR_MATCH takes only an ip field in Elasticsearch; this field is not one",
    ),
    (
        "argument of [",
        "Elasticsearch requires every value of an IN list to have the field's type",
    ),
]
STRING_ESCAPE = 'a backslash before a character other than t, n, r, ", \\ is no ES|QL string escape'


class Typing:
    """The field types the data was built with: all of them, ECS's, and the mixed ones."""

    def __init__(self, types: dict[str, str], ecs: dict[str, str], mixed: dict[str, str]):
        self.types, self.ecs, self.mixed = types, ecs, mixed

    def note(self, detail: str) -> str:
        """The types of the fields a message names, and where each type came from."""
        named = re.findall(r"found value \[([^\]]+)\]|argument of \[\(?([\w.@`]+)", detail)
        notes = []
        for field in sorted({a or b for a, b in named if (a or b) in self.types}):
            if field in self.ecs:
                origin = "ECS"
            elif field in self.mixed:
                origin = f"no one type suits it: the corpus compares it with {self.mixed[field]}"
            else:
                origin = "inferred from the corpus"
            notes.append(f"{field} is {self.types[field]} ({origin})")
        return f" [{'; '.join(notes)}]" if notes else ""


def es_reason(outcome: dict, typing: Typing, timeout: int) -> str:
    """Why Elasticsearch also refuses this query, or why it is an esql bug."""
    reasons = []
    if outcome["parse"] in ("timeout", "crash"):
        took = f"did not finish in {timeout} s" if outcome["parse"] == "timeout" else "crashed"
        said = f" ({outcome['parse_detail']})" if outcome["parse_detail"] else ""
        reasons.append(f"esql bug: `esql parse` {took}{said}")
    if DEPTH_MESSAGE in outcome["parse_detail"] or DEPTH_MESSAGE in outcome["detail"]:
        depth = outcome["es_depth_estimate"]
        check = "" if depth > ES_MAX_EXPRESSION_DEPTH else "; but the estimate is within it: check"
        reasons.append(
            f"Elasticsearch's parser refuses it too (its grammar accepts it, its ExpressionBuilder"
            f" counts more than {ES_MAX_EXPRESSION_DEPTH} levels; estimated {depth}{check})"
        )
        return "; ".join(reasons)
    if outcome["parse"] == "parse error":
        grammar = outcome.get("grammar")
        if grammar is None:
            reasons.append("Elasticsearch's grammar not checked")
        elif grammar == "accepts":
            reasons.append("esql bug: Elasticsearch's grammar accepts it")
        else:
            same = grammar.startswith(outcome["parse_at"] + ":")
            where = "at the same position" if same else "elsewhere"
            escape = ""
            if "token recognition error" in grammar and "\\" in grammar:
                escape = f" ({STRING_ESCAPE})"
            reasons.append(f"Elasticsearch's grammar rejects it too, {where}: {grammar}{escape}")
        return "; ".join(reasons)
    if outcome["es_depth_estimate"] > ES_MAX_EXPRESSION_DEPTH:
        verdict = {"runs": "esql runs it", "crash": "esql crashing on it is a bug"}
        reasons.append(
            f"Elasticsearch refuses it: about {outcome['es_depth_estimate']} levels deep, over its"
            f" maximum expression depth ({ES_MAX_EXPRESSION_DEPTH}); "
            + verdict.get(outcome["run"], f"esql: {outcome['run']}")
        )
        return "; ".join(reasons)
    for needle, reason in ES_REASONS:
        if needle in outcome["detail"]:
            reasons.append(reason + typing.note(outcome["detail"]))
            return "; ".join(reasons)
    if outcome["run"] in ("crash", "timeout", "other error"):
        reasons.append(f"esql bug: Elasticsearch would answer this query ({outcome['run']})")
    elif outcome["run"] != "runs":
        reasons.append("not known: compare with Elasticsearch")
    return "; ".join(reasons)
