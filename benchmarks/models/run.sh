#!/usr/bin/env bash
# benchmarks/models/run.sh [N=20] [REPS=5] [CXX...]: compiles generate.py's units with
# `-std=c++20 -O0 -c` under GNU time, REPS times each, interleaved, and prints the median user
# seconds, wall seconds and peak MiB of each unit per compiler (docs/design.md, "Models from structs").
# WITHOUT_HANA=1 adds without_hana.py's units (the same models read from a member list instead
# of Boost.Hana's adaptation).
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
units=(dsl_only includes_only target_alone structs_only models_alone history target_schema models)
if [ "${WITHOUT_HANA:-0}" = 1 ]; then
  python3 "$here/without_hana.py" "$work" "$root/include" "$work/include_nohana" >/dev/null
  units+=(includes_only_nohana structs_only_nohana models_alone_nohana)
fi
for cxx in "${compilers[@]}"; do
  for r in $(seq "$reps"); do
    for u in "${units[@]}"; do
      inc="$root/include"
      case $u in *_nohana) inc="$work/include_nohana" ;; esac
      /usr/bin/time -f "$u %U %e %M" -o "$work/$cxx.$u.$r" \
        "$cxx" -std=c++20 -O0 -Wall -Wextra -Wpedantic -Werror -I"$inc" -c "$work/$u.cpp" -o "$work/$u.o"
    done
  done
  echo "$cxx ($("$cxx" --version | head -1)), N = $n, median of $reps: unit user_s wall_s peak_MiB"
  for u in "${units[@]}"; do
    cat "$work/$cxx.$u".* | python3 -c '
import statistics, sys
rows = [l.split() for l in sys.stdin if l.strip()]
med = lambda k: statistics.median(float(r[k]) for r in rows)
print(f"  {rows[0][0]:22} {med(1):6.2f} {med(2):6.2f} {med(3) / 1024:7.0f}")'
  done
done
