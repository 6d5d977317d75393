#!/usr/bin/env bash
# Compile cost as instructions, not seconds: the compiler run under callgrind, which counts the
# instructions it executes. On this shared 2-core machine one compile's time moves 20-40% from
# run to run (other jobs, another VM on the host); the count is the same every time, so two
# sets of headers compare in one run of each, at any load. (Instructions are not seconds: memory
# stalls are not counted. Confirm a change large in instructions with run.sh.)
#
#   benchmarks/compile_time/instructions.sh [REV_OR_DIR ...]
#
# Each argument is a git revision (its include/ is extracted) or a directory holding include/;
# none: the working tree. For each, each compiler and each unit: the compiler's instructions in
# millions, one line per compile, then a table side by side.
#
# Environment:
#   N=100                  history size of the units (generate.py, fixed seed)
#   UNITS="check pg lite"  check: the chain and its static_asserts; pg / lite: check plus the
#                          PostgreSQL / SQLite chain_sql materialised (sql mode, one dialect);
#                          also baseline, dsl, headers, headers_sqlite: run.sh's units without a
#                          history (about a minute each)
#   CXXS="g++ clang++"
#   WORK=/tmp/strata-instructions
# A compile of N = 100 takes about 1.5 (check) to 4 (lite) minutes under callgrind.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
N=${N:-100}
UNITS=${UNITS:-"check pg lite"}
CXXS=${CXXS:-"g++ clang++"}
WORK=${WORK:-/tmp/strata-instructions}
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is missing: apt-get install valgrind" >&2; exit 2; }
mkdir -p "$WORK"
fmt_cflags=$(pkg-config --cflags fmt 2>/dev/null || true)

# the units
for unit in baseline dsl headers headers_sqlite; do
    python3 "$here/generate.py" --mode "$unit" -o "$WORK/$unit.cpp"
done
# (the backends' headers, as run.sh has them)
backend_cflags=$(pkg-config --cflags sqlite3 libpqxx 2>/dev/null || true)
python3 "$here/generate.py" --n "$N" --mode sql --seed 1 -o "$WORK/sql.cpp"
python3 "$here/generate.py" --n "$N" --mode check --seed 1 -o "$WORK/check.cpp"
line=$(grep -n '^constexpr auto& s = ' "$WORK/sql.cpp" | cut -d: -f1)
{ head -n "$((line - 1))" "$WORK/sql.cpp"
  echo 'constexpr auto& s = strata::chain_sql<strata::sqlite, history>::migrations;'
  echo 'int main() { return static_cast<int>(s.size()); }'; } > "$WORK/lite.cpp"
{ head -n "$((line - 1))" "$WORK/sql.cpp"
  echo 'constexpr auto& p = strata::chain_sql<strata::postgres, history>::migrations;'
  echo 'int main() { return static_cast<int>(p.size()); }'; } > "$WORK/pg.cpp"

# the header sets
sets=()
[[ $# -eq 0 ]] && set -- "$repo"
for a in "$@"; do
    if [[ -d $a/include ]]; then sets+=("$a")
    else
        d="$WORK/rev-$(git -C "$repo" rev-parse --short "$a")"
        rm -rf "$d" && mkdir -p "$d"
        git -C "$repo" archive "$a" include | tar -x -C "$d"
        sets+=("$d")
    fi
done

: > "$WORK/results.tsv"
for unit in $UNITS; do
    for cxx in $CXXS; do
        extra=""
        case $unit in headers | headers_sqlite) extra=$backend_cflags ;; esac
        for s in "${sets[@]}"; do
            out="$WORK/callgrind.$$"
            # (the driver runs the compiler proper as a child: g++ always, clang++ for some flags)
            # shellcheck disable=SC2086  # fmt's and the backends' flags are words, or none
            valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out.%p" \
                "$cxx" -std=c++20 -O0 -c -I"$s/include" $fmt_cflags $extra "$WORK/$unit.cpp" -o "$WORK/unit.o" \
                > "$WORK/valgrind.log" 2>&1 || { echo "instructions.sh: $cxx $unit failed ($WORK/valgrind.log)" >&2; exit 1; }
            mi=$(cat "$out".* | awk '/^(summary|totals):/ { s += $2 } END { printf "%.0f", s / 1e6 }')
            rm -f "$out".*
            printf '%s\t%s\t%s\t%s\n' "$unit" "$(basename "$cxx")" "$s" "$mi" >> "$WORK/results.tsv"
            echo "  $unit $(basename "$cxx") $s: ${mi}M instructions" >&2
        done
    done
done

# side by side: a row per unit and compiler, a column per header set
{
    printf '| unit (N = %s) | compiler |' "$N"
    for s in "${sets[@]}"; do printf ' %s |' "$(basename "$s")"; done
    printf '\n| --- | --- |'
    for _ in "${sets[@]}"; do printf ' ---: |'; done
    printf '\n'
    awk -F'\t' -v n="${#sets[@]}" '
        { key = $1 "\t" $2; if (!(key in row)) { order[++k] = key }; row[key] = row[key] "\t" $4 }
        END {
            for (i = 1; i <= k; i++) {
                split(order[i], u, "\t"); split(substr(row[order[i]], 2), v, "\t")
                printf "| `%s` | %s |", u[1], u[2]
                for (j = 1; j <= n; j++) {
                    if (j == 1) printf " %sM |", v[j]
                    else printf " %sM (%+.1f%%) |", v[j], 100 * (v[j] - v[1]) / v[1]
                }
                printf "\n"
            }
        }' "$WORK/results.tsv"
}
