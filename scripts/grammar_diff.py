#!/usr/bin/env python3
"""Grammar agreement check: esql's parser against Elasticsearch's ANTLR grammar.

Every hunt query (shared/hunts/**/*.esql) and every conformance case query
(shared/conformance/cases/*.jsonl) is parsed twice:

* by the official ANTLR grammar, as published on PyPI as `esql-parser==9.1.3`
  (run in-process with the Python ANTLR runtime, the way Elasticsearch drives
  it: SLL prediction, the first reported syntax error, lexer or parser, wins);
* by `esql parse --strict --batch` (one process for all queries).

A query counts as a disagreement when one side accepts and the other rejects
it, or when both reject it but report the first error on different lines.
Disagreements listed in the allow-list (`<query id><TAB><reason>` lines) do
not fail the check. Query ids are hunt paths relative to the shared folder
(`hunts/hunting/aws/x.esql`) and `conformance:<spec file>/<test name>`.

Queries the grammar accepts but esql rejects with a post-parse check
(Elasticsearch also rejects those, while building its plan, e.g. an unknown
DISSECT option) are listed separately and do not fail the check.

Exit status: 0 when every disagreement is allow-listed, 1 otherwise, 2 on
setup errors. Use `scripts/setup_venv.sh` to create the Python environment.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DEFAULT_SHARED = os.path.join(REPO, "..", "shared")
DEFAULT_BIN = os.path.join(REPO, "target", "release", "esql")
DEFAULT_ALLOWLIST = os.path.join(HERE, "grammar-allowlist.tsv")
DEFAULT_VENV = os.path.join(REPO, ".venv")
ESQL_ERROR = re.compile(r"^parsing_exception: line (\d+):(\d+): (.*)$")


def fail(message):
    """Reports a setup error and exits with status 2."""
    print(f"grammar_diff: {message}", file=sys.stderr)
    sys.exit(2)


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--shared", default=DEFAULT_SHARED, help="the shared reference folder")
    p.add_argument("--bin", default=DEFAULT_BIN, help="the esql binary")
    p.add_argument("--allowlist", default=DEFAULT_ALLOWLIST, help="allow-list TSV")
    p.add_argument(
        "--python-venv",
        help="virtualenv holding esql-parser==9.1.3 (default: .venv of the repo, when present)",
    )
    p.add_argument("--antlr-only", action="store_true", help="only run the ANTLR side")
    p.add_argument(
        "--ll-fallback",
        action="store_true",
        help="retry rejected queries with full LL prediction (Elasticsearch does not)",
    )
    p.add_argument(
        "--no-batch",
        action="store_true",
        help="run `esql parse --strict -` once per query instead of --batch",
    )
    p.add_argument("--filter", help="only queries whose id contains this text")
    p.add_argument("--verbose", action="store_true", help="also list agreeing rejections")
    return p.parse_args()


def ensure_antlr(venv):
    """Imports the grammar, re-running this script under the venv's python if needed."""
    try:
        import antlr4  # noqa: F401
        import esql_parser  # noqa: F401
        return
    except ImportError:
        pass
    python = os.path.join(venv or DEFAULT_VENV, "bin", "python")
    # A venv's python is usually a symlink to the system one: compare the
    # paths as written, and re-run at most once.
    if os.path.exists(python) and not os.environ.get("GRAMMAR_DIFF_REEXEC"):
        os.environ["GRAMMAR_DIFF_REEXEC"] = "1"
        os.execv(python, [python, os.path.abspath(__file__)] + sys.argv[1:])
    fail(
        "the `esql_parser` package (esql-parser==9.1.3) is not importable; "
        "run scripts/setup_venv.sh or pass --python-venv"
    )


def collect(shared, needle):
    """Returns [(id, query)] in a stable order."""
    queries = []
    for path in sorted(glob.glob(os.path.join(shared, "hunts", "**", "*.esql"), recursive=True)):
        with open(path, encoding="utf-8") as f:
            queries.append((os.path.relpath(path, shared).replace(os.sep, "/"), f.read()))
    for path in sorted(glob.glob(os.path.join(shared, "conformance", "cases", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    case = json.loads(line)
                    queries.append((f"conformance:{case['file']}/{case['name']}", case["query"]))
    if needle:
        queries = [q for q in queries if needle in q[0]]
    return queries


class Rejected(Exception):
    def __init__(self, line, column, message):
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class AntlrSide:
    """Parses with the ANTLR grammar; a verdict is None (accepted) or (line, column, message)."""

    def __init__(self, ll_fallback):
        from antlr4 import CommonTokenStream, InputStream
        from antlr4.atn.PredictionMode import PredictionMode
        from antlr4.error.ErrorListener import ErrorListener
        from esql_parser.EsqlBaseLexer import EsqlBaseLexer
        from esql_parser.EsqlBaseParser import EsqlBaseParser

        class FirstError(ErrorListener):
            """Stops at the first error, as Elasticsearch's listener does by throwing."""

            def syntaxError(self, recognizer, offending, line, column, msg, e):
                # ANTLR columns are 0-based; Elasticsearch prints them 1-based.
                raise Rejected(line, column + 1, msg)

        self._stream, self._tokens = InputStream, CommonTokenStream
        self._lexer, self._parser = EsqlBaseLexer, EsqlBaseParser
        self._listener, self._modes = FirstError, PredictionMode
        self.ll_fallback = ll_fallback

    def _run(self, query, mode):
        listener = self._listener()
        lexer = self._lexer(self._stream(query))
        lexer.removeErrorListeners()
        lexer.addErrorListener(listener)
        parser = self._parser(self._tokens(lexer))
        parser.removeErrorListeners()
        parser.addErrorListener(listener)
        parser._interp.predictionMode = mode
        try:
            parser.singleStatement()
        except Rejected as r:
            return (r.line, r.column, r.message)
        except RecursionError:
            return (1, 1, "statement too deeply nested for the ANTLR runtime")
        except Exception as e:  # the runtime itself failed, e.g. a lexer mode underflow
            return (lexer.line, lexer.column + 1, f"ANTLR runtime error: {e}")
        return None

    def verdict(self, query):
        first = self._run(query, self._modes.SLL)
        if first is not None and self.ll_fallback:
            first = self._run(query, self._modes.LL)
        return first


def esql_batch(binary, queries):
    """Runs `esql parse --strict --batch`; returns {id: verdict, ...}."""
    lines = "".join(json.dumps({"id": qid, "query": q}) + "\n" for qid, q in queries)
    proc = subprocess.run(
        [binary, "parse", "--strict", "--batch"],
        input=lines.encode("utf-8"),
        capture_output=True,
    )
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        fail(f"`{binary} parse --batch` exited with {proc.returncode}")
    out = {}
    for line in proc.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        out[r["id"]] = None if r["ok"] else (
            r.get("line"), r.get("column"), r.get("message"), r.get("kind"))
    return out


def esql_single(binary, query):
    proc = subprocess.run(
        [binary, "parse", "--strict", "-"], input=query.encode("utf-8"), capture_output=True
    )
    if proc.returncode == 0:
        return None
    first = proc.stderr.decode("utf-8", "replace").split("\n", 1)[0]
    m = ESQL_ERROR.match(first)
    if proc.returncode != 1 or not m:
        return (None, None, f"exit {proc.returncode}: {first}", "internal")
    return (int(m.group(1)), int(m.group(2)), m.group(3), None)


def load_allowlist(path):
    allowed = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if line.strip() and not line.startswith("#"):
                    qid, _, reason = line.partition("\t")
                    allowed[qid] = reason
    return allowed


def show(verdict):
    if verdict is None:
        return "accept"
    line, column, message = verdict[:3]
    return f"reject {line}:{column} {message}"


def is_post_parse(verdict):
    """esql's command-level checks: Elasticsearch raises them after the grammar accepts."""
    return len(verdict) > 3 and verdict[3] == "invalid"


def main():
    args = parse_args()
    ensure_antlr(args.python_venv)
    sys.setrecursionlimit(20000)
    queries = collect(os.path.abspath(args.shared), args.filter)
    if not queries:
        fail(f"no queries found under {args.shared}")
    antlr = AntlrSide(args.ll_fallback)
    grammar = {qid: antlr.verdict(q) for qid, q in queries}

    if args.antlr_only:
        rejected = [(qid, v) for qid, v in grammar.items() if v is not None]
        for qid, v in rejected:
            print(f"{qid}\t{show(v)}")
        print(f"{len(queries)} queries: ANTLR accepts {len(queries) - len(rejected)}, "
              f"rejects {len(rejected)}")
        return 0

    if not os.path.exists(args.bin):
        fail(f"no esql binary at {args.bin} (build it or pass --bin)")
    if args.no_batch:
        ours = {qid: esql_single(args.bin, q) for qid, q in queries}
    else:
        ours = esql_batch(args.bin, queries)

    allowed = load_allowlist(args.allowlist)
    agree, post_parse, disagree, other_column = [], [], [], []
    for qid, _ in queries:
        g, e = grammar[qid], ours.get(qid, (None, None, "no answer from esql", "internal"))
        if g is None and e is None:
            agree.append(qid)
        elif g is not None and e is not None and g[0] == e[0]:
            agree.append(qid)
            if g[1] != e[1]:
                other_column.append(qid)
            if args.verbose:
                print(f"both reject\t{qid}\tantlr: {show(g)}\tesql: {show(e)}")
        elif g is None and is_post_parse(e):
            post_parse.append((qid, e))
        else:
            kind = "accept/reject" if (g is None) != (e is None) else "error line"
            disagree.append((qid, kind, g, e))

    failing = [d for d in disagree if d[0] not in allowed]
    for qid, kind, g, e in disagree:
        mark = f"  (allow-listed: {allowed[qid]})" if qid in allowed else ""
        print(f"DISAGREE [{kind}] {qid}{mark}\n    antlr: {show(g)}\n    esql:  {show(e)}")
    for qid, e in post_parse:
        print(f"POST-PARSE {qid}\n    esql:  {show(e)}")
    stale = sorted(set(allowed) - {d[0] for d in disagree})
    for qid in stale:
        print(f"note: allow-listed but no longer disagreeing: {qid}")
    print(f"{len(queries)} queries: {len(agree) + len(post_parse)} agree, {len(disagree)} disagree "
          f"({len(disagree) - len(failing)} allow-listed); "
          f"{len(post_parse)} rejected only by esql's post-parse checks; "
          f"{len(other_column)} rejected on the same line but another column")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
