"""Reading an ES|QL query pySigma wrote: tokens, the WHERE condition's boolean structure, the
fields and literals it compares, and the lengths and depth of its AND/OR chains.

Part of `scripts/sigma_corpus.py` (the SigmaHQ corpus check); standard library only.
"""

from __future__ import annotations

import re

# Step 3: reading a converted query. pySigma writes `from * metadata … | where CONDITION`; the
# condition is tokenised here and its boolean structure rebuilt (NOT over AND over OR), which
# gives the fields, the literals compared with them and the chain lengths and depth.

TOKEN = re.compile(
    r'(?P<ws>\s+)|(?P<str>"(?:[^"\\]|\\.)*")|(?P<quoted>`(?:[^`]|``)*`)'
    r"|(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<ident>[A-Za-z_@][\w.@]*)"
    r"|(?P<op>==|!=|<=|>=|=~|[<>(),|:+\-*/%.\[\]])",
    re.S,
)
KEYWORDS = {"and", "or", "not", "like", "rlike", "in", "is", "null", "true", "false"}
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) tokens of a query: str, quoted, num, ident, kw, op; `?` for anything else."""
    tokens = []
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        if not m:
            tokens.append(("?", text[pos]))
            pos += 1
            continue
        pos = m.end()
        kind = m.lastgroup
        if kind == "ws":
            continue
        value = m.group()
        if kind == "ident" and value.lower() in KEYWORDS:
            kind, value = "kw", value.lower()
        tokens.append((kind, value))
    return tokens


def string_value(token: str) -> str:
    """The value of a `"…"` literal."""
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), "\\" + m.group(1)), token[1:-1])


def field_name(token: tuple[str, str]) -> str:
    """The column a field token names."""
    kind, text = token
    return text[1:-1].replace("``", "`") if kind == "quoted" else text


class Condition:
    """A WHERE condition as a tree: ("or"|"and", [children]), ("not", child), ("leaf", tokens)."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens = tokens
        self.pos = 0

    def peek(self) -> tuple[str, str] | None:
        """The current token, None at the end."""
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self):
        """The condition from the current token: an OR chain of AND chains."""
        return self.chain("or", self.conjunction)

    def conjunction(self):
        """An AND chain of negations."""
        return self.chain("and", self.negation)

    def chain(self, op, operand):
        """Terms joined by one operator, as (op, [terms]) (left-nested in the real grammar)."""
        terms = [operand()]
        while self.peek() == ("kw", op):
            self.pos += 1
            terms.append(operand())
        return terms[0] if len(terms) == 1 else (op, terms)

    def negation(self):
        """NOT x, a parenthesised group, or a leaf."""
        if self.peek() == ("kw", "not"):
            self.pos += 1
            return ("not", self.negation())
        if self.peek() == ("op", "("):
            self.pos += 1
            inner = self.parse()
            if self.peek() == ("op", ")"):
                self.pos += 1
            return ("group", inner)
        return self.leaf()

    def leaf(self):
        """The tokens up to the next AND, OR or closing parenthesis at this level."""
        start = self.pos
        depth = 0
        while self.pos < len(self.tokens):
            token = self.tokens[self.pos]
            if depth == 0 and (token in (("kw", "and"), ("kw", "or")) or token == ("op", ")")):
                break
            if token == ("op", "("):
                depth += 1
            elif token == ("op", ")"):
                depth -= 1
            self.pos += 1
        if self.pos == start:  # a stray token: skip it so parsing always advances
            self.pos += 1
        return ("leaf", self.tokens[start : self.pos])


def where_condition(query: str):
    """The condition tree of the query's first WHERE, or None."""
    tokens = tokenize(query)
    for i in range(len(tokens) - 1):
        if tokens[i] == ("op", "|") and tokens[i + 1] == ("ident", "where"):
            rest = tokens[i + 2 :]
            end = next((j for j, t in enumerate(rest) if t == ("op", "|")), len(rest))
            return Condition(rest[:end]).parse()
    return None


#: An estimate of the depth Elasticsearch's `ExpressionBuilder` counts for a comparison, a LIKE,
#: a function call or IS NULL: the condition's own node, the operand, the operand's primary.
LEAF_DEPTH = 3


def measure(tree) -> tuple[int, int, int]:
    """(longest OR chain, longest AND chain, estimated ES expression depth) of a condition.

    Chains are left-nested as the grammar builds them: the first of N terms is N-1 levels
    below the chain's root, term i (i >= 2) N-i+1 levels. A parenthesised group costs two
    levels (the primary expression and the boolean inside it), NOT one.
    """
    longest = {"or": 0, "and": 0}
    stack = [(tree, 0, None)]  # iterative: chains can hold thousands of terms
    depth = 0
    while stack:
        node, level, _ = stack.pop()
        kind = node[0]
        if kind in ("or", "and"):
            terms = node[1]
            n = len(terms)
            longest[kind] = max(longest[kind], n)
            for i, term in enumerate(terms):
                stack.append((term, level + (n - 1 if i == 0 else n - i), None))
        elif kind == "not":
            stack.append((node[1], level + 1, None))
        elif kind == "group":
            stack.append((node[1], level + 2, None))
        else:
            depth = max(depth, level + LEAF_DEPTH)
    return longest["or"], longest["and"], depth


def leaves(tree):
    """Every leaf's tokens, in query order."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if node[0] in ("or", "and"):
            stack.extend(reversed(node[1]))
        elif node[0] in ("not", "group"):
            stack.append(node[1])
        else:
            yield node[1]


def comparisons(leaf: list[tuple[str, str]]):
    """(field, operator, literal token or None) triples a leaf compares (None: IS NULL, fields)."""
    fieldish = ("ident", "quoted")
    if (
        len(leaf) >= 6
        and leaf[0][0] == "ident"
        and leaf[1] == ("op", "(")
        and leaf[2][0] in fieldish
    ):
        # starts_with(f, "v"), ends_with(f, "v"), cidr_match(f, "v"), other f(field, literal)
        yield field_name(leaf[2]), leaf[0][1].lower(), leaf[4] if leaf[3] == ("op", ",") else None
        return
    if not leaf or leaf[0][0] not in fieldish:
        return
    field = field_name(leaf[0])
    rest = leaf[1:]
    if rest[:1] == [("kw", "not")]:
        rest = rest[1:]
    if not rest:
        return
    if (
        rest[0][0] == "op"
        and rest[0][1] in ("==", "!=", "<", "<=", ">", ">=", ":")
        and len(rest) > 1
    ):
        other = rest[1]
        if other[0] in fieldish:
            yield field, "field", None
            yield field_name(other), "field", None
        else:
            yield field, rest[0][1], other
    elif rest[0] in (("kw", "like"), ("kw", "rlike")) and len(rest) > 1:
        yield field, rest[0][1], rest[1]
    elif rest[0] == ("kw", "in"):
        for token in rest[2:]:
            if token[0] in ("str", "num", "kw"):
                yield field, "in", token
    elif rest[0] == ("kw", "is"):
        yield field, "is", None
