#!/usr/bin/env bash
# Run-time benchmark of strata (see benchmarks/README.md, "Run time").
#
# Configures a Release build (-O2) in build/bench with STRATA_BUILD_BENCHMARKS=ON (tests and
# examples off), builds strata_runtime_bench (the histories of N migrations are generated at
# build time; N = 1000 takes about 15 s to compile), starts a throwaway PostgreSQL with
# scripts/pg unless STRATA_PG_URL is set (stopped on exit), runs the benchmark once per N with
# randomly interleaved repetitions, prints the table of medians and ratios strata / floor and
# writes it into benchmarks/README.md between the "runtime results" markers.
#
# Environment (defaults):
#   NS="100 1000"        history sizes (each a separate run of the benchmark)
#   REPS=9               repetitions for N <= 300; REPS_LARGE=9 above (one apply takes seconds)
#   BUILD=build/bench    build directory; JOBS=2 parallel compiles
#   STRATA_REF           a git ref (e.g. HEAD): measure the strata of that commit instead of the
#                        working tree (its files exported into $BUILD/src, this benchmarks/ dir
#                        copied over them); BUILD defaults to build/bench-<ref> then
#   STRATA_PG_URL        an existing server to use instead of a throwaway one
#   BENCH_ARGS           more arguments for strata_runtime_bench (e.g. --benchmark_min_time=1)
#   README=benchmarks/README.md   (README=- to only print the table); when it is written,
#                        benchmarks/plot.py draws the plot into plots/ next to it (matplotlib)
#   TMPFS=1              also run the SQLite benchmarks on a tmpfs directory (/dev/shm), as
#                        "sqlite-tmpfs": commits wait for no disk, so strata's own cost shows most
#   BREAKDOWN=1          also run strata_runtime_breakdown (per-call times; BREAKDOWN_RUNS apply
#                        runs, default 6 for N <= 300, 2 above) into the results' breakdown.md
# Results (JSON, markdown, logs, the include/ measured, the SQLite files while running):
# $BUILD/results/<UTC time>/, the last one also as $BUILD/results/latest.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
NS=${NS:-100 1000}
REPS=${REPS:-9}
REPS_LARGE=${REPS_LARGE:-9}
STRATA_REF=${STRATA_REF:-}
if [[ -n "$STRATA_REF" ]]; then
  BUILD=${BUILD:-$root/build/bench-$(echo "$STRATA_REF" | tr -c 'A-Za-z0-9._\n-' '_')}
else
  BUILD=${BUILD:-$root/build/bench}
fi
JOBS=${JOBS:-2}
README=${README:-$root/benchmarks/README.md}
BENCH_ARGS=${BENCH_ARGS:-}
PYTHON=${PYTHON:-python3}
# Each run keeps its own results: $BUILD/results/<UTC time>/ (and results/latest).
run_id=$(date -u +%Y%m%dT%H%M%SZ)
started=$(date -u '+%Y-%m-%d %H:%M UTC')
results="$BUILD/results/$run_id"

# --- sources -----------------------------------------------------------------------------
# The build compiles a snapshot in $BUILD/src (copied with their times, so an unchanged file is
# not recompiled): what was measured stays there, whatever happens to the working tree.
src="$BUILD/src"
rm -rf "$src"
mkdir -p "$src"
if [[ -n "$STRATA_REF" ]]; then
  rev=$(git -C "$root" rev-parse --short "$STRATA_REF^{commit}")
  # src/ (the separately compiled runtime, which CMakeLists.txt names) since 2ce3cda
  paths=(CMakeLists.txt cmake include)
  if git -C "$root" cat-file -e "$rev:src" 2>/dev/null; then paths+=(src); fi
  git -C "$root" archive "$rev" -- "${paths[@]}" | tar -x -C "$src"
  code_note="strata at commit $rev ($STRATA_REF)"
else
  cp -a "$root/CMakeLists.txt" "$root/cmake" "$root/include" "$root/src" "$src/"
  code_note="strata at $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?') (working tree"
  if git -C "$root" diff --quiet HEAD -- include 2>/dev/null; then code_note+=")"; else code_note+=", include/ modified)"; fi
fi
cp -a "$root/benchmarks" "$src/benchmarks"
inc_sum=$(cd "$src" && find include -type f | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)
mkdir -p "$results"
cp -a "$src/include" "$results/include"
ln -sfn "$run_id" "$BUILD/results/latest"
code_note+=", include/ as measured in \`${results#"$root"/}/include\` (content sha256 $inc_sum)"

# --- build -------------------------------------------------------------------------------
# A build directory configured from another source directory starts again.
if [[ -f "$BUILD/CMakeCache.txt" ]] && ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$src" "$BUILD/CMakeCache.txt"; then
  rm -rf "$BUILD/CMakeCache.txt" "$BUILD/CMakeFiles"
fi
gen=()
if [[ ! -f "$BUILD/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then gen=(-G Ninja); fi
ns_list=$(echo "$NS" | xargs | tr ' ' ';')
cmake -S "$src" -B "$BUILD" "${gen[@]}" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O2 -DNDEBUG" \
  -DSTRATA_BUILD_BENCHMARKS=ON -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_EXAMPLES=OFF -DSTRATA_INSTALL=OFF \
  "-DSTRATA_BENCH_NS=$ns_list" >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target strata_runtime_bench strata_runtime_breakdown
bench="$BUILD/benchmarks/strata_runtime_bench"

# --- PostgreSQL (as scripts/test does) ---------------------------------------------------
pg_dir=""
tmpfs_dir=""
cleanup() {
  if [[ -n "$pg_dir" ]]; then "$root/scripts/pg" stop "$pg_dir" || true; fi
  if [[ -n "$tmpfs_dir" ]]; then rm -rf -- "$tmpfs_dir"; fi
}
trap cleanup EXIT
trap 'echo "interrupted" >&2; exit 130' INT
trap 'echo "terminated" >&2; exit 143' TERM

if [[ -n "${STRATA_PG_URL:-}" ]]; then
  echo "bench: using the PostgreSQL server given in STRATA_PG_URL" >&2
  pg_note="PostgreSQL: the server given in STRATA_PG_URL."
elif pg_env=$("$root/scripts/pg" start); then
  eval "$pg_env"
  pg_dir="$STRATA_PG_DIR"
  pg_note="PostgreSQL: a throwaway local cluster from \`scripts/pg start\` (TCP on 127.0.0.1)."
else
  echo "bench: WARNING: PostgreSQL could not start: the PostgreSQL benchmarks are skipped" >&2
  unset STRATA_PG_URL
  pg_note=""
fi

# --- run ---------------------------------------------------------------------------------
mkdir -p "$results/work"
export STRATA_BENCH_DIR="$results/work"
if [[ "${TMPFS:-1}" == 1 && -d /dev/shm ]]; then
  tmpfs_dir=$(mktemp -d /dev/shm/strata-bench.XXXXXX)
  export STRATA_BENCH_TMPFS_DIR="$tmpfs_dir"
fi
jsons=()
for n in $NS; do
  reps=$REPS
  if ((n > 300)); then reps=$REPS_LARGE; fi
  echo "bench: N=$n, $reps repetitions" >&2
  # shellcheck disable=SC2086
  "$bench" --benchmark_filter="/$n/" \
    --benchmark_repetitions="$reps" --benchmark_enable_random_interleaving=true \
    --benchmark_report_aggregates_only=true \
    --benchmark_out="$results/bench_$n.json" --benchmark_out_format=json $BENCH_ARGS \
    2>&1 | tee "$results/bench_$n.log"
  jsons+=("$results/bench_$n.json")
done

if [[ "${BREAKDOWN:-0}" == 1 ]]; then
  # On the tmpfs directory when there is one: there a commit waits for no disk, and what is left
  # is the work of each side.
  STRATA_BENCH_DIR="${tmpfs_dir:-$STRATA_BENCH_DIR}" "$BUILD/benchmarks/strata_runtime_breakdown" \
    ${BREAKDOWN_RUNS:+--runs "$BREAKDOWN_RUNS"} --startup-runs 300 | tee "$results/breakdown.md" ||
    echo "bench: WARNING: strata_runtime_breakdown failed (see above)" >&2
fi

# --- report ------------------------------------------------------------------------------
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || true)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
fs=$(df -T "$results/work" 2>/dev/null | awk 'NR == 2 {print $2}')
kept=""
if [[ "${BREAKDOWN:-0}" == 1 ]]; then kept=", breakdown.md"; fi
cxx_path=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
cxx=$("${cxx_path:-c++}" --version 2>/dev/null | head -n 1)
section=$("$PYTHON" "$root/benchmarks/runtime/report.py" "${jsons[@]}" \
  --note "Code: ${code_note}." \
  --note "Machine: ${cpu:-?}, ${mem:-?}; ${cxx:-?}, -O2; SQLite files on ${fs:-?} (\`${results#"$root"/}/work\`), default journal mode and synchronous setting. ${pg_note}" \
  --note "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg). Raw JSON, logs${kept}: \`${results#"$root"/}/\`.")
echo
echo "$section" | tee "$results/table.md"

if [[ $README != "-" ]]; then
  if ! grep -q '<!-- runtime results -->' "$README"; then
    printf '\n<!-- runtime results -->\n<!-- end runtime results -->\n' >>"$README"
  fi
  SECTION="$section" "$PYTHON" - "$README" <<'EOF'
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- runtime results -->", "<!-- end runtime results -->"
i = text.index(begin) + len(begin)
j = text.index(end, i)
text = text[:i] + "\n" + os.environ["SECTION"].strip() + "\n" + text[j:]
open(path, "w", encoding="utf-8").write(text)
EOF
  echo "bench: written into ${README#"$root"/}" >&2
  # The plot of this run, next to the README (benchmarks/plot.py; it says why when it cannot)
  if ! "$PYTHON" "$root/benchmarks/plot.py" --runtime "$results" --out "$(dirname "$README")/plots" --readme "$README" \
       --note "the run above (\`${STRATA_REF:+STRATA_REF=$STRATA_REF }NS=\"$NS\" REPS=$REPS benchmarks/runtime/run.sh\`, $started)"; then
    echo "bench: NOTE: no plot drawn: the README's plot is of an earlier run" >&2
  fi
else
  echo "bench: plot (README=-: not drawn): python3 benchmarks/plot.py --runtime ${results#"$root"/} [--out DIR]" >&2
fi
