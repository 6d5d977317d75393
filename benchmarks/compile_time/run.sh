#!/usr/bin/env bash
# Compile-time benchmark of strata (see benchmarks/README.md).
#
#   benchmarks/compile_time/run.sh
#
# For each N and compiler: generates a history of N migrations (fixed seed), compiles it in
# three modes with -std=c++20 -O0 -c and the compilers' default limits, measures wall seconds
# and peak RSS with /usr/bin/time, and writes a markdown table into benchmarks/README.md.
#   check  the chain and its static_asserts
#   sql    check + all SQL of both dialects materialised (chain_sql<dialect, history>)
#   floor  no strata: the same SQL text as plain constant strings (from the sql program's output)
#
# Environment:
#   NS="10 100 300 1000"   history sizes
#   CXXS="g++ clang++"     compilers
#   SEED=1                 generator seed
#   TIMEOUT=900            seconds per compile
#   WORK=<repo>/build/compile_time   where sources, objects and logs go
#   README=<repo>/benchmarks/README.md   (README=- to only print the table)
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
NS=${NS:-"10 100 300 1000"}
CXXS=${CXXS:-"g++ clang++"}
SEED=${SEED:-1}
TIMEOUT=${TIMEOUT:-900}
WORK=${WORK:-$repo/build/compile_time}
README=${README:-$repo/benchmarks/README.md}
PYTHON=${PYTHON:-python3}

if [[ ! -x /usr/bin/time ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "installing Debian package 'time' (GNU time)" >&2
        apt-get install -y -q time >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
    fi
    [[ -x /usr/bin/time ]] || { echo "run.sh: /usr/bin/time is missing: apt-get install time" >&2; exit 2; }
fi

fmt_cflags=$(pkg-config --cflags fmt 2>/dev/null || true)
fmt_libs=$(pkg-config --libs fmt 2>/dev/null || true)
mkdir -p "$WORK"
: > "$WORK/results.tsv"
rm -f "$WORK/sql-diff.tsv" "$WORK/floor-source.tsv" "$WORK/sql-outputs.tsv"

# measure LABEL CMD... : runs CMD under timeout and GNU time; sets m_wall, m_mib, m_status
measure() {
    local label=$1; shift
    local tf="$WORK/$label.time" log="$WORK/$label.log"
    rm -f "$tf"
    /usr/bin/time -f "%e %M" -o "$tf" timeout "$TIMEOUT" "$@" >"$log" 2>&1
    local rc=$?
    read -r m_wall m_kib < <(tail -n 1 "$tf" 2>/dev/null || echo "? 0")
    [[ $m_kib =~ ^[0-9]+$ ]] || m_kib=0
    m_mib=$(awk -v k="$m_kib" 'BEGIN { printf "%.0f", k / 1024 }')
    if [[ $rc -eq 0 ]]; then m_status=ok
    elif [[ $rc -eq 124 ]]; then m_status=timeout
    else m_status="error"; fi
    if [[ $m_status != ok ]]; then
        echo "  $label: $m_status (exit $rc), first lines of $log:" >&2
        grep -m 5 -E "error|Error|rror:" "$log" | cut -c1-300 | sed 's/^/    /' >&2
    fi
}

compile() {  # compile CXX SRC OBJ LABEL
    measure "$4" "$1" -std=c++20 -O0 -c -I"$repo/include" $fmt_cflags "$2" -o "$3"
}

for n in $NS; do
    echo "== N=$n" >&2
    for mode in check app sql; do
        "$PYTHON" "$here/generate.py" --n "$n" --mode "$mode" --seed "$SEED" -o "$WORK/n$n-$mode.cpp" || exit 1
    done
    sql_out=""
    sql_outs=0
    for cxx in $CXXS; do
        cx=$(basename "$cxx")
        for mode in check app sql; do
            label="n$n-$cx-$mode"
            compile "$cxx" "$WORK/n$n-$mode.cpp" "$WORK/$label.o" "$label"
            obj_kib=$( [[ $m_status == ok ]] && du -k "$WORK/$label.o" | cut -f1 || echo "")
            printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$cx" "$mode" "$m_status" "$m_wall" "$m_mib" "$obj_kib" >> "$WORK/results.tsv"
            echo "  $cx $mode: $m_status $m_wall s $m_mib MiB" >&2
            if [[ $mode == sql && $m_status == ok ]]; then
                # link and run: its stdout is the SQL of both dialects (diffable across compilers)
                if "$cxx" "$WORK/$label.o" -o "$WORK/$label" $fmt_libs >"$WORK/$label.link.log" 2>&1 &&
                   "$WORK/$label" > "$WORK/$label.out" 2>"$WORK/$label.run.log"; then
                    sql_outs=$((sql_outs + 1))
                    if [[ -z $sql_out ]]; then sql_out="$WORK/$label.out"
                    elif ! cmp -s "$sql_out" "$WORK/$label.out"; then
                        echo "  note: SQL output of $cx differs from $(basename "$sql_out")" >&2
                        echo "$n	$cx	differs" >> "$WORK/sql-diff.tsv"
                    fi
                else
                    echo "  $cx sql: link or run failed, see $WORK/$label.link.log / .run.log" >&2
                fi
            fi
        done
    done
    if [[ -n $sql_out ]]; then
        "$PYTHON" "$here/generate.py" --n "$n" --mode floor --seed "$SEED" --floor-from "$sql_out" -o "$WORK/n$n-floor.cpp" || exit 1
        floor_src="sql output ($(wc -c < "$sql_out") bytes)"
    else
        "$PYTHON" "$here/generate.py" --n "$n" --mode floor --seed "$SEED" -o "$WORK/n$n-floor.cpp" || exit 1
        floor_src="approximate SQL (no sql-mode program ran)"
    fi
    echo "$n	$floor_src" >> "$WORK/floor-source.tsv"
    echo "$n	$sql_outs" >> "$WORK/sql-outputs.tsv"
    for cxx in $CXXS; do
        cx=$(basename "$cxx")
        label="n$n-$cx-floor"
        compile "$cxx" "$WORK/n$n-floor.cpp" "$WORK/$label.o" "$label"
        obj_kib=$( [[ $m_status == ok ]] && du -k "$WORK/$label.o" | cut -f1 || echo "")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$cx" floor "$m_status" "$m_wall" "$m_mib" "$obj_kib" >> "$WORK/results.tsv"
        echo "  $cx floor: $m_status $m_wall s $m_mib MiB" >&2
    done
done

# ---- the table --------------------------------------------------------------------------
table=$(awk -F'\t' '
    { key = $1 SUBSEP $2; if ($3 == "floor" && $4 == "ok") floor[key] = $5; row[NR] = $0 }
    END {
        print "| N | compiler | mode | wall s | peak MiB | ratio to floor | object KiB |"
        print "| ---: | --- | --- | ---: | ---: | ---: | ---: |"
        for (i = 1; i <= NR; i++) {
            split(row[i], f, "\t"); key = f[1] SUBSEP f[2]
            wall = f[5]; if (f[4] != "ok") wall = f[4] " after " f[5]
            ratio = "-"
            if (f[4] == "ok" && (key in floor) && floor[key] > 0) ratio = sprintf("%.1f", f[5] / floor[key])
            if (f[4] == "ok" && f[3] == "floor") ratio = "1.0"
            printf "| %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], wall, f[6], ratio, (f[7] == "" ? "-" : f[7])
        }
    }' <(awk -F'\t' -v cxxs="$CXXS" '
        BEGIN { n = split(cxxs, c, " "); for (i = 1; i <= n; i++) { k = c[i]; sub(".*/", "", k); ci[k] = i }
                mi["check"] = 1; mi["sql"] = 2; mi["floor"] = 3 }
        { printf "%08d %02d %d\t%s\n", $1, ci[$2], mi[$3], $0 }' "$WORK/results.tsv" | sort -s -k1,1 -k2,2n -k3,3n | cut -f2-))

cpu=$(grep -m1 "model name" /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)
versions=""
for cxx in $CXXS; do versions+="- \`$cxx\`: $("$cxx" --version | head -n 1)"$'\n'; done
floors=$(awk -F'\t' '{ printf "N=%s: %s; ", $1, $2 }' "$WORK/floor-source.tsv")
ncx=$(wc -w <<< "$CXXS")
diffs=$(awk -F'\t' -v ncx="$ncx" '
    $2 == 0 { bad = bad " N=" $1 " (none ran)" } $2 > 0 && $2 < ncx { bad = bad " N=" $1 " (" $2 " of " ncx " ran)" }
    END { print (bad == "" ? "identical across compilers" : "identical where compared; not all compilers produced one:" bad) }' "$WORK/sql-outputs.tsv")
[[ -s $WORK/sql-diff.tsv ]] && diffs="DIFFERS across compilers for: $(awk -F'\t' '{ printf "N=%s (%s) ", $1, $2 }' "$WORK/sql-diff.tsv")"

section="Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) CPUs ($cpu, $mem), one compile at a time,
seed $SEED, per-compile timeout $TIMEOUT s, flags \`-std=c++20 -O0 -c\`.
${versions}
$table

Floor SQL text: ${floors%; }. SQL printed by the sql-mode programs: $diffs.
Logs, sources and objects: \`${WORK#$repo/}/\`."

echo
echo "$section"

if [[ $README != "-" ]]; then
    if [[ ! -f $README ]]; then
        cat > "$README" <<'EOF'
# Benchmarks

## Compile time

What is measured: the cost of compiling a strata migration history. `compile_time/generate.py`
writes a valid history of N migrations (about 3 operations each, growing to about 50 tables,
with the operation mix of real histories) and `compile_time/run.sh` compiles it with
`-std=c++20 -O0 -c` and the compilers' default limits, in four modes:

- `check`: the chain and a few `static_assert`s on it (what a CI check of the history costs);
- `app`: `check` plus `strata::generate_sql<strata::sqlite, history>()`, the same generator run
  when the program starts: what the start-up translation unit of an application compiles;
- `sql`: `check` plus all SQL of both dialects materialised (`strata::chain_sql<dialect, history>`),
  what a binary that migrates costs; its program prints the SQL, diffed across compilers;
- `floor`: no strata at all, the same SQL text as plain constant strings: the least any
  compile-time approach can cost. "ratio to floor" is wall time over the floor's, same N and compiler.

Wall seconds and peak resident memory (MiB) come from GNU time (Debian package `time`).

Run: `benchmarks/compile_time/run.sh` (about an hour; `NS="10 100"` or `CXXS=clang++` to shorten).
Check the generator alone: `benchmarks/compile_time/smoke.sh`, and
`python3 benchmarks/compile_time/selfcheck.py`, which replays every generated history on
SQLite (and on PostgreSQL with `--pg`), up and down.

Targets: N=1000 at most 15 s and 2 GiB on g++ 12; growth close to linear from N=100 to
N=1000; no raised compiler limits (`-fconstexpr-steps`, `-fconstexpr-ops-limit`,
`-ftemplate-depth`, `-fbracket-depth` stay at their defaults).

<!-- compile-time results -->
<!-- end compile-time results -->
EOF
    fi
    if ! grep -q '<!-- compile-time results -->' "$README"; then
        printf '\n<!-- compile-time results -->\n<!-- end compile-time results -->\n' >> "$README"
    fi
    SECTION="$section" "$PYTHON" - "$README" <<'EOF'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
begin, end = "<!-- compile-time results -->", "<!-- end compile-time results -->"
i = text.index(begin) + len(begin)
j = text.index(end, i)
text = text[:i] + "\n" + os.environ["SECTION"].strip() + "\n" + text[j:]
open(path, "w", encoding="utf-8").write(text)
EOF
    echo "written into ${README#$repo/}" >&2
fi
