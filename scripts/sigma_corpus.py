#!/usr/bin/env python3
"""A third-party corpus check: SigmaHQ's rules, converted to ES|QL by pySigma, run through esql.

Detection engineers port Sigma rules between platforms with pySigma; its Elasticsearch backend
(PyPI `pysigma-backend-elasticsearch`) writes ES|QL. This script converts every rule of a SigmaHQ
checkout with that backend and checks what esql makes of the queries:

1. a virtual environment `WORK/venv` with `pysigma` and `pysigma-backend-elasticsearch` is created
   when it is missing (pip, from PyPI);
2. every `*.yml` rule below the `rules*/` folders of `--sigma DIR` is converted by the backend's
   `ESQLBackend` with the ECS pipeline that fits its logsource: `ecs_windows` (product windows),
   `ecs_zeek_beats` (product zeek, or no product and a category that pipeline maps to a Zeek
   service), `ecs_kubernetes` (product kubernetes) and `ecs_macos_esf` (product macos); every
   other rule (Linux, the clouds, SaaS, network devices, ...) is converted with no pipeline,
   keeping Sigma's field names. pySigma's own conversion errors are only counted. The queries
   (`from * metadata _id, _index, _version | where ...`) go to `WORK/queries/`;
3. every query goes through `esql parse`, and through Elasticsearch's own ANTLR grammar when
   `--grammar-venv` (default: the repository's `.venv` of `scripts/setup_venv.sh`) has it;
4. `WORK/data/` gets an index for each FROM pattern (`sigma-corpus` for the backend's `*`): a
   mapping declaring each field the queries compare (its ECS type from
   `crates/esql-exec/data/ecs-fields.tsv`; for other fields a type inferred from what the corpus
   compares them with, see `sigma_data.infer_types`; `X.caseless` sub-fields as multi-fields of
   `X`) and, per query, a document whose values are the literals the query compares its fields
   with, so that many rules match;
5. every query is run over that data (`esql run --format json`) and classified: runs, parse
   error, analysis error, other error, crash (signal or panic) or timeout.

The summary prints the counts per class, the longest AND/OR chains and every failure with the
reason Elasticsearch fails it too (or `esql bug`). Elasticsearch refuses expressions nested more
than 400 deep (`ESQL statement exceeded the maximum expression depth allowed (400)`); the depth
printed is an estimate of what its `ExpressionBuilder` counts (a chain of N comparisons is about
N+2 deep), and queries over 400 are listed whatever esql did with them.

Usage (a development check, not part of `.ci/run`: it needs a SigmaHQ checkout and PyPI):

    # /tmp/sigma: a checkout of SigmaHQ/sigma (any revision)
    bash scripts/setup_venv.sh .venv      # optional: the grammar check
    python3 scripts/sigma_corpus.py --sigma /tmp/sigma --bin target/release/esql --work .corpus

Options: `--timeout S` (per rule conversion and per esql call, default 20), `--jobs N` (queries
run in parallel, default 2), `--nice N` (niceness of the conversion and esql calls, default 10),
`--json FILE` (every outcome), `--skip-convert` (reuse `WORK/queries/`). Only the standard
library is used here and in `sigma_query.py`, `sigma_data.py` and `sigma_reasons.py` beside it;
pySigma runs in the venv (the script re-runs itself there for step 2), the grammar in the
grammar venv. Keep WORK out of the repository (`/.corpus` is git-ignored):
neither the rules, nor their conversions, nor the data belong in it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import re
import signal
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
sys.path.insert(0, str(Path(__file__).resolve().parent))
from sigma_data import build_data, load_ecs_types  # noqa: E402
from sigma_query import measure, where_condition  # noqa: E402
from sigma_reasons import DEPTH_MESSAGE, ES_MAX_EXPRESSION_DEPTH, Typing, es_reason  # noqa: E402

#: Zeek services the `ecs_zeek_beats` pipeline maps rule categories to.
ZEEK_CATEGORIES = {"accounting", "firewall", "dns", "proxy", "webserver"}


# ---------------------------------------------------------------------------------------------
# Step 1 and 2: the venv and the conversion (the conversion runs inside the venv).


def ensure_venv(venv: Path) -> Path:
    """The venv's python, creating the venv with pySigma and its Elasticsearch backend if needed."""
    python = venv / "bin" / "python"
    if python.exists():
        return python
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "pysigma", "pysigma-backend-elasticsearch"],
        check=True,
    )
    return python


def pipeline_name(logsource) -> str | None:
    """The `ecs_*` pipeline that fits a rule's logsource, or None when none does."""
    product = (logsource.product or "").lower()
    category = (logsource.category or "").lower()
    if product == "windows":
        return "ecs_windows"
    if product == "zeek" or (not product and category in ZEEK_CATEGORIES):
        return "ecs_zeek_beats"
    if product == "kubernetes":
        return "ecs_kubernetes"
    if product == "macos":
        return "ecs_macos_esf"
    return None


class ConversionTimeout(Exception):
    """A rule took longer than the per-rule timeout to convert."""


def convert_all(sigma_dir: Path, out_dir: Path, timeout: int) -> None:
    """Converts every rule (run inside the venv); writes queries and `conversion.json`."""
    from sigma.backends.elasticsearch import ESQLBackend
    from sigma.collection import SigmaCollection
    from sigma.pipelines.elasticsearch import pipelines

    def on_alarm(_signum, _frame):
        raise ConversionTimeout()

    signal.signal(signal.SIGALRM, on_alarm)
    out_dir.mkdir(parents=True, exist_ok=True)
    records = []
    rule_files = sorted(
        p for d in sorted(sigma_dir.glob("rules*")) if d.is_dir() for p in d.rglob("*.yml")
    )
    for path in rule_files:
        rel = path.relative_to(sigma_dir).as_posix()
        record = {"rule": rel, "pipeline": None, "queries": []}
        signal.alarm(timeout)
        try:
            collection = SigmaCollection.from_yaml(path.read_text(encoding="utf-8"))
            rules = list(collection.rules)
            name = pipeline_name(rules[0].logsource) if rules else None
            record["pipeline"] = name
            pipeline = pipelines[name]() if name else None
            backend = ESQLBackend(pipeline)
            queries = [q for rule in rules for q in backend.convert_rule(rule)]
            for i, query in enumerate(queries):
                qname = rel[: -len(".yml")].replace("/", "__") + (f"__{i}" if i else "") + ".esql"
                (out_dir / qname).write_text(query + "\n", encoding="utf-8")
                record["queries"].append(qname)
            record["status"] = "converted" if queries else "no query"
        except ConversionTimeout:
            record["status"] = "conversion timeout"
        except Exception as err:  # pySigma's own errors: counted, not ours to fix
            record["status"] = "conversion error"
            record["error"] = f"{type(err).__name__}: {err}".splitlines()[0][:300]
        finally:
            signal.alarm(0)
        records.append(record)
    from importlib.metadata import version

    summary = {
        "versions": {pkg: version(pkg) for pkg in ("pysigma", "pysigma-backend-elasticsearch")},
        "rules": records,
    }
    (out_dir.parent / "conversion.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")


GRAMMAR_RUNNER = """
import json, sys
sys.path.insert(0, sys.argv[1])
sys.setrecursionlimit(20000)
from grammar_diff import AntlrSide
antlr = AntlrSide(False)
out = {}
for line in sys.stdin:
    item = json.loads(line)
    out[item["id"]] = antlr.verdict(item["query"])
json.dump(out, sys.stdout)
"""


def grammar_verdicts(venv: Path, queries: dict[str, str]) -> dict[str, list | None] | None:
    """Elasticsearch's ANTLR grammar (esql-parser, as `scripts/grammar_diff.py` runs it) on every
    query: None where it accepts, else [line, column, message]; None when the venv is missing."""
    python = venv / "bin" / "python"
    if not python.exists():
        return None
    lines = "".join(json.dumps({"id": k, "query": v}) + "\n" for k, v in sorted(queries.items()))
    here = str(Path(__file__).resolve().parent)
    proc = subprocess.run(
        [str(python), "-B", "-c", GRAMMAR_RUNNER, here], input=lines, capture_output=True, text=True
    )
    if proc.returncode != 0:
        print(f"grammar check failed: {proc.stderr.strip()[-500:]}", file=sys.stderr)
        return None
    return json.loads(proc.stdout)


# ---------------------------------------------------------------------------------------------
# Step 5: parse and run every query, and classify the outcome.


def run_binary(cmd: list[str], timeout: int, niceness: int) -> tuple[str, int | None, str, str]:
    """(state, exit code, stdout, stderr); state is "exit", "signal" or "timeout"."""
    if niceness:
        cmd = ["nice", "-n", str(niceness)] + cmd
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, errors="replace", timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return "timeout", None, "", ""
    if proc.returncode < 0 or proc.returncode > 128:
        return "signal", proc.returncode, proc.stdout, proc.stderr
    return "exit", proc.returncode, proc.stdout, proc.stderr


def crash_reason(code: int | None, stderr: str) -> str:
    """What a crash looked like: the panic or overflow line, else the signal."""
    for line in stderr.splitlines():
        if "overflowed its stack" in line or "panicked" in line:
            return line.strip()
    number = -code if code and code < 0 else (code or 0) - 128
    try:
        return f"killed by {signal.Signals(number).name}"
    except ValueError:
        return f"exit code {code}"


def classify(state: str, code, stdout: str, stderr: str) -> tuple[str, str]:
    """(class, detail) of one `esql run`."""
    if state == "timeout":
        return "timeout", ""
    if state == "signal" or "panicked" in stderr or "overflowed its stack" in stderr:
        return "crash", crash_reason(code, stderr)
    first = next((line for line in stderr.splitlines() if line.strip()), "")
    if code == 0:
        try:
            rows = len(json.loads(stdout).get("values", []))
        except (ValueError, AttributeError):
            return "other error", "unreadable output"
        return "runs", f"{rows} rows"
    if first.startswith("parsing_exception"):
        return "parse error", first
    if first.startswith("verification_exception"):
        lines = [l for l in stderr.splitlines() if l.startswith("line ")]
        return "analysis error", first + ": " + "; ".join(lines[:3])
    return "other error", first


def check_query(path: Path, data_dir: Path, binary: str, timeout: int, niceness: int) -> dict:
    """Parses and runs one query; its outcome and measurements."""
    query = path.read_text(encoding="utf-8")
    tree = where_condition(query)
    or_terms, and_terms, depth = measure(tree) if tree else (0, 0, 0)
    outcome = {
        "query": path.name,
        "bytes": len(query.encode()),
        "or_terms": or_terms,
        "and_terms": and_terms,
        "es_depth_estimate": depth,
    }
    state, code, _, stderr = run_binary([binary, "parse", str(path)], timeout, niceness)
    parse_class, parse_detail = classify(state, code, "{}", stderr)
    outcome["parse"] = "ok" if parse_class == "runs" else parse_class
    outcome["parse_detail"] = "" if parse_class == "runs" else parse_detail
    at = re.match(r"parsing_exception: line (\d+:\d+):", parse_detail)
    outcome["parse_at"] = at.group(1) if at else ""
    state, code, stdout, stderr = run_binary(
        [binary, "run", str(path), "-d", str(data_dir), "--format", "json", "--threads", "1"],
        timeout,
        niceness,
    )
    outcome["run"], outcome["detail"] = classify(state, code, stdout, stderr)
    return outcome


# ---------------------------------------------------------------------------------------------
# The summary and the command line.

CLASSES = ["runs", "parse error", "analysis error", "other error", "crash", "timeout"]


def print_summary(
    conversion: dict, outcomes: list[dict], longest: int, typing: Typing, timeout: int
) -> None:
    """Counts per class, the longest chains and every failure with its reason."""
    rules = conversion["rules"]
    versions = ", ".join(f"{k} {v}" for k, v in conversion["versions"].items())
    statuses: dict[str, int] = {}
    pipelines_used: dict[str, int] = {}
    for record in rules:
        statuses[record["status"]] = statuses.get(record["status"], 0) + 1
        key = record["pipeline"] or "(no pipeline)"
        pipelines_used[key] = pipelines_used.get(key, 0) + 1
    print(f"Sigma rules: {len(rules)} ({versions})")
    for status, count in sorted(statuses.items()):
        print(f"  {status:<20} {count:>6}")
    print("Pipelines: " + ", ".join(f"{k} {v}" for k, v in sorted(pipelines_used.items())))
    errors: dict[str, int] = {}
    for record in rules:
        if "error" in record:
            kind = record["error"].split(":")[0]
            errors[kind] = errors.get(kind, 0) + 1
    if errors:
        print("Conversion errors (pySigma's): " + ", ".join(f"{k} {v}" for k, v in errors.items()))

    parsed = sum(1 for o in outcomes if o["parse"] == "ok")
    over = [o for o in outcomes if o["es_depth_estimate"] > ES_MAX_EXPRESSION_DEPTH]
    parse_counts: dict[str, int] = {}
    for o in outcomes:
        parse_counts[o["parse"]] = parse_counts.get(o["parse"], 0) + 1
    print(
        f"\nQueries: {len(outcomes)}; esql parse accepts {parsed}"
        + "".join(f", {k} {v}" for k, v in sorted(parse_counts.items()) if k != "ok")
    )
    checked = [o for o in outcomes if o.get("grammar")]
    if checked:
        accepts = sum(1 for o in checked if o["grammar"] == "accepts")
        deep = [o for o in checked if DEPTH_MESSAGE in o["parse_detail"]]
        same = sum(
            1
            for o in checked
            if (o["grammar"] == "accepts") == (o["parse"] == "ok")
            and (o["parse"] == "ok" or o["grammar"].startswith(o["parse_at"] + ":"))
        )
        print(
            f"Elasticsearch's grammar (esql-parser) accepts {accepts}; esql agrees on {same} of"
            f" {len(checked)} (accepts the same ones, rejects the others at the same position)"
            + (
                f"; {len(deep)} more are refused by esql's expression depth limit, as"
                " Elasticsearch's parser refuses them after its grammar accepted them"
                if deep
                else ""
            )
        )
    else:
        print("Elasticsearch's grammar not checked (no --grammar-venv with esql-parser)")
    types, ecs = typing.types, typing.ecs
    print(
        f"Fields referenced: {len(types)} ({sum(1 for f in types if f in ecs)} typed by ECS,"
        f" {len(typing.mixed)} compared with values no single type suits)"
    )
    print(f"{'class':<16} {'queries':>8}")
    for cls in CLASSES:
        print(f"{cls:<16} {sum(1 for o in outcomes if o['run'] == cls):>8}")
    matched = sum(1 for o in outcomes if o["run"] == "runs" and o["detail"] != "0 rows")
    print(f"(of those that run, {matched} return rows from the generated data)")
    print(
        f"over Elasticsearch's expression depth ({ES_MAX_EXPRESSION_DEPTH}), estimated: {len(over)}"
        f" ({sum(1 for o in over if o['run'] == 'runs')} of them run in esql)"
    )

    print(
        "\nLongest chains (terms of one boolean operator; depth as Elasticsearch counts it, est.):"
    )
    print(f"{'OR':>6} {'AND':>5} {'depth':>6} {'bytes':>8}  {'esql':<14} query")
    ranked = sorted(outcomes, key=lambda o: (-max(o["or_terms"], o["and_terms"]), o["query"]))
    for o in ranked[:longest]:
        print(
            f"{o['or_terms']:>6} {o['and_terms']:>5} {o['es_depth_estimate']:>6} {o['bytes']:>8}"
            f"  {o['run']:<14} {o['query']}"
        )

    failures = [o for o in outcomes if o["run"] != "runs" or o["parse"] != "ok" or o in over]
    reasons = {o["query"]: es_reason(o, typing, timeout) for o in failures}
    groups: dict[str, int] = {}
    for reason in reasons.values():
        key = reason_group(reason)
        groups[key] = groups.get(key, 0) + 1
    print(f"\nFailures and queries Elasticsearch refuses, by reason ({len(failures)}):")
    for key, count in sorted(groups.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{count:>6}  {key}")
    print("\nEach of them:")
    for o in sorted(failures, key=lambda o: o["query"]):
        detail = o["detail"] if o["run"] != "runs" else f"runs in esql ({o['detail']})"
        print(f"- {o['query']} [esql run: {o['run']}; esql parse: {o['parse']}]: {detail}")
        print(f"    why: {reasons[o['query']]}")


def reason_group(reason: str) -> str:
    """A reason without what varies from query to query (positions, depths, field notes)."""
    key = re.sub(r" \[[^\]]*\]$", "", reason)
    key = re.sub(r"(at the same position|elsewhere): .*", r"\1", key)
    key = re.sub(r"about \d+ levels", "more than 400 levels", key)
    key = re.sub(r"estimated \d+", "estimated N", key)
    return key.strip()


def main(argv: list[str]) -> int:
    if argv[:1] == ["_convert"]:  # step 2, run inside the venv
        convert_all(Path(argv[1]), Path(argv[2]), int(argv[3]))
        return 0
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sigma", required=True, type=Path, help="a SigmaHQ/sigma checkout")
    ap.add_argument("--bin", required=True, help="the esql binary")
    ap.add_argument("--work", required=True, type=Path, help="a git-ignored work folder")
    ap.add_argument("--timeout", type=int, default=20, help="seconds per conversion and query")
    ap.add_argument("--jobs", type=int, default=2, help="queries run in parallel")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the esql runs")
    ap.add_argument(
        "--longest", type=int, default=12, help="how many of the longest chains to list"
    )
    ap.add_argument(
        "--ecs-table", type=Path, default=here.parent / "crates/esql-exec/data/ecs-fields.tsv"
    )
    ap.add_argument("--skip-convert", action="store_true", help="reuse WORK/queries")
    ap.add_argument(
        "--grammar-venv",
        type=Path,
        default=here.parent / ".venv",
        help="a venv with esql-parser (scripts/setup_venv.sh) to check parses against",
    )
    ap.add_argument("--json", type=Path, help="write every outcome to this file")
    args = ap.parse_args(argv)

    work = args.work.resolve()
    queries_dir = work / "queries"
    if not args.skip_convert:
        python = ensure_venv(work / "venv")
        if queries_dir.exists():
            for old in queries_dir.glob("*.esql"):
                old.unlink()
        cmd = [str(python), "-B", str(Path(__file__).resolve()), "_convert"]
        cmd += [str(args.sigma.resolve()), str(queries_dir), str(args.timeout)]
        subprocess.run(["nice", "-n", str(args.nice)] + cmd, check=True)
    conversion = json.loads((work / "conversion.json").read_text(encoding="utf-8"))

    paths = sorted(queries_dir.glob("*.esql"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in paths}
    data_dir = work / "data"
    ecs = load_ecs_types(args.ecs_table)
    types, mixed = build_data(texts, ecs, data_dir)
    verdicts = grammar_verdicts(args.grammar_venv, texts) or {}
    binary = str(Path(args.bin).resolve())
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(
            pool.map(lambda p: check_query(p, data_dir, binary, args.timeout, args.nice), paths)
        )
    for o in outcomes:
        if o["query"] in verdicts:
            v = verdicts[o["query"]]
            o["grammar"] = "accepts" if v is None else f"{v[0]}:{v[1]}: {v[2]}"
    if args.json:
        args.json.write_text(json.dumps(outcomes, indent=1), encoding="utf-8")
    print_summary(conversion, outcomes, args.longest, Typing(types, ecs, mixed), args.timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
