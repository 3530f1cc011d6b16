#!/usr/bin/env bash
# Runs the shipped hunt, verbatim, over fresh data from the reference
# generator (a random seed each run) and checks that the JSON result equals
# the generator's independently computed answer, and that stderr carries the
# warning about the lone `=`.
set -euo pipefail
bin=${1:?usage: check_hunt.sh ESQL_BIN SHARED_DIR}
shared=${2:?usage: check_hunt.sh ESQL_BIN SHARED_DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
seed=${HUNT_SEED:-$RANDOM}
mkdir -p "$work/data"
python3 "$shared/tools/gen_cloudtrail.py" --events 20000 --seed "$seed" \
  --start 2024-05-01T00:00:00Z --days 10 --out "$work/data/logs-aws.cloudtrail-default.ndjson" \
  --expect "$work/expected.json" 2>/dev/null
now=$(python3 -c 'import datetime as d;print((d.datetime(2024,5,1,tzinfo=d.timezone.utc)+d.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M:%SZ"))')
"$bin" "$here/queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql" \
  --data-dir "$work/data" --now "$now" --format json >"$work/out.json" 2>"$work/err.txt"
python3 - "$work/expected.json" "$work/out.json" <<'PY'
import json, sys
exp = json.load(open(sys.argv[1])); act = json.load(open(sys.argv[2]))
ecols = [(c["name"], c["type"]) for c in exp["columns"]]
acols = [(c["name"], c["type"]) for c in act["columns"]]
assert ecols == acols, f"columns differ: {ecols} vs {acols}"
assert exp["values"] == act["values"], f"rows differ:\nexpected {exp['values']}\nactual   {act['values']}"
print(f"hunt: {len(act['values'])} rows, exactly as expected")
PY
grep -q "is not an ES|QL comparison operator" "$work/err.txt" || { echo "missing = warning on stderr"; cat "$work/err.txt"; exit 1; }
echo "hunt check passed (seed $seed)"
