#!/usr/bin/env bash
# benchmarks/models/run.sh [N=20] [REPS=5] [CXX...]: compiles generate.py's units with
# `-std=c++20 -O0 -c` under GNU time, REPS times each, interleaved, and prints the median user
# seconds, wall seconds and peak MiB of each unit per compiler (docs/design.md, "Models from structs").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
n=${1:-20}
reps=${2:-5}
shift $(( $# > 2 ? 2 : $# )) || true
compilers=("$@")
[ ${#compilers[@]} -eq 0 ] && compilers=(g++ clang++)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 "$here/generate.py" "$work" "$n" >/dev/null
units=(dsl_only includes_only history target_schema models structs_only)
for cxx in "${compilers[@]}"; do
  for r in $(seq "$reps"); do
    for u in "${units[@]}"; do
      /usr/bin/time -f "$u %U %e %M" -o "$work/$cxx.$u.$r" \
        "$cxx" -std=c++20 -O0 -Wall -Wextra -Wpedantic -Werror -I"$root/include" -c "$work/$u.cpp" -o "$work/$u.o"
    done
  done
  echo "$cxx ($("$cxx" --version | head -1)), N = $n, median of $reps: unit user_s wall_s peak_MiB"
  for u in "${units[@]}"; do
    cat "$work/$cxx.$u".* | python3 -c '
import statistics, sys
rows = [l.split() for l in sys.stdin if l.strip()]
med = lambda k: statistics.median(float(r[k]) for r in rows)
print(f"  {rows[0][0]:14} {med(1):6.2f} {med(2):6.2f} {med(3) / 1024:7.0f}")'
  done
done
