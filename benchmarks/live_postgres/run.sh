#!/usr/bin/env bash
# Write stalls of the unsafe forms of docs/live-postgres.md and of their typed twins (issue 11,
# point 5; benchmarks/README.md, "Live PostgreSQL: write stalls").
#
# Configures a Release build (-O2) in build/bench-live with STRATA_BUILD_BENCHMARKS=ON, builds
# strata_live_postgres_bench, starts a throwaway PostgreSQL with scripts/pg unless STRATA_PG_URL
# is set (stopped on exit), runs every case once on ROWS rows, prints the table (unsafe form and
# twin side by side) and writes it into benchmarks/README.md between the "live_postgres results"
# markers.
#
# Environment (defaults): ROWS=1000000; BUILD=build/bench-live; JOBS=1;
#   README=benchmarks/README.md (README=- to only print); STRATA_PG_URL an existing server.
# Results (JSON, log, table): $BUILD/results/<UTC time>/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
ROWS=${ROWS:-1000000}
BUILD=${BUILD:-$root/build/bench-live}
JOBS=${JOBS:-1}
README=${README:-$root/benchmarks/README.md}
PYTHON=${PYTHON:-python3}
run_id=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
results="$BUILD/results/$run_id"
mkdir -p "$results"

gen=()
if [[ ! -f "$BUILD/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
cmake -S "$root" -B "$BUILD" "${gen[@]}" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DSTRATA_BUILD_BENCHMARKS=ON -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_EXAMPLES=OFF -DSTRATA_INSTALL=OFF \
  -DSTRATA_BENCH_NS=10 >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target strata_live_postgres_bench
bench="$BUILD/benchmarks/strata_live_postgres_bench"

pg_dir=""
cleanup() { if [[ -n "$pg_dir" ]]; then "$root/scripts/pg" stop "$pg_dir" || true; fi; }
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT
trap 'echo "terminated" >&2; exit 143' TERM
if [[ -n "${STRATA_PG_URL:-}" ]]; then
  pg_note="the server given in STRATA_PG_URL"
else
  eval "$("$root/scripts/pg" start)"
  pg_dir="$STRATA_PG_DIR"
  pg_note="a throwaway cluster from \`scripts/pg start\` (fsync off)"
fi
pg_version=$(psql "$STRATA_PG_URL" -Atc 'SHOW server_version' 2>/dev/null || echo '?')

STRATA_STALL_ROWS=$ROWS "$bench" --benchmark_out="$results/stall.json" --benchmark_out_format=json \
  2>&1 | tee "$results/stall.log"
if grep -q '"error_occurred": true' "$results/stall.json"; then
  echo "bench: a case stopped with an error (see $results/stall.log)" >&2
  exit 1
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || true)
section=$("$PYTHON" - "$results/stall.json" "$ROWS" "$started" "$pg_version" "$pg_note" "${cpu:-?}" \
  "$(cut -d' ' -f1-3 /proc/loadavg)" "${results#"$root"/}" <<'PY'
import json, sys
path, rows, started, pgv, pgnote, cpu, load, where = sys.argv[1:]
runs = {}
for b in json.load(open(path))["benchmarks"]:
    parts = [p for p in b["name"].split("/") if not p.startswith("iterations:") and p != "manual_time"]
    pair, form = parts[0], "/".join(parts[1:])
    runs.setdefault(pair, []).append((form, b))
def ms(x):
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"
out = [f"{int(rows):,} rows in `posts`, one run ({started}); PostgreSQL {pgv}, {pgnote}; {cpu}; load average "
       f"at the end {load}. Raw JSON and log: `{where}/`.", "",
       "| change | unsafe form | longest write stall | migration | typed twin | longest write stall | migration |",
       "| --- | --- | ---: | ---: | --- | ---: | ---: |"]
quiet = []
for pair, forms in runs.items():
    u = forms[0]
    t = forms[1] if len(forms) > 1 else None
    row = [pair.replace("_", " "), f"`{u[0]}`", f"{ms(u[1]['stall_ms'])} ms", f"{ms(u[1]['migration_ms'])} ms"]
    row += [f"`{t[0]}`", f"{ms(t[1]['stall_ms'])} ms", f"{ms(t[1]['migration_ms'])} ms"] if t else ["(expand/contract, no typed twin)", "-", "-"]
    out.append("| " + " | ".join(row) + " |")
    quiet += [f[1]["quiet_ms"] for f in forms]
out += ["", f"Longest insert in the quiet second before each migration: {ms(min(quiet))} to {ms(max(quiet))} ms."]
print("\n".join(out))
PY
)
echo
echo "$section" | tee "$results/table.md"
if [[ $README != "-" ]]; then
  if ! grep -q '<!-- live_postgres results -->' "$README"; then
    printf '\n<!-- live_postgres results -->\n<!-- end live_postgres results -->\n' >>"$README"
  fi
  SECTION="$section" "$PYTHON" - "$README" <<'PY'
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- live_postgres results -->", "<!-- end live_postgres results -->"
i = text.index(begin) + len(begin)
j = text.index(end, i)
text = text[:i] + "\n" + os.environ["SECTION"].strip() + "\n" + text[j:]
open(path, "w", encoding="utf-8").write(text)
PY
  echo "bench: written into ${README#"$root"/}" >&2
fi
