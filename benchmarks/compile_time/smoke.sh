#!/usr/bin/env bash
# Smoke test of the compile-time benchmark generator: N=5 in each mode into a temp dir.
# Checks that generate.py runs and emits what run.sh expects; compiles nothing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
py=${PYTHON:-python3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
check() {  # check FILE PATTERN...
    local f=$1; shift
    for p in "$@"; do
        grep -qF -- "$p" "$f" || { echo "smoke: $(basename "$f") lacks: $p" >&2; fail=1; }
    done
}

"$py" "$here/generate.py" --n 5 --mode check --seed 1 -o "$tmp/check.cpp"
"$py" "$here/generate.py" --n 5 --mode sql --seed 1 -o "$tmp/sql.cpp"
"$py" "$here/generate.py" --n 5 --mode floor --seed 1 -o "$tmp/floor.cpp"
printf -- '-- 1\n-- sqlite up\nCREATE TABLE "t" ("id" BIGINT);\n' > "$tmp/sql.out"
"$py" "$here/generate.py" --n 5 --mode floor --seed 1 --floor-from "$tmp/sql.out" -o "$tmp/floor2.cpp"
"$py" "$here/generate.py" --n 5 --mode check --seed 1 -o "$tmp/check2.cpp"

check "$tmp/check.cpp" '#include <strata/strata.hpp>' 'using namespace strata::dsl;' \
    'using m5 = strata::migration<5, ' 'using history = strata::chain<m1, m2, m3, m4, m5>;' \
    'static_assert(history::head == 5);' 'history::schema::has_table<' 'int main() {}'
check "$tmp/sql.cpp" 'strata::chain_sql<strata::sqlite, history>::migrations' \
    'strata::chain_sql<strata::postgres, history>::migrations'
check "$tmp/floor.cpp" 'constexpr std::string_view sql[] = {' 'CREATE TABLE'
check "$tmp/floor2.cpp" 'CREATE TABLE \"t\" (\"id\" BIGINT);'
if grep -q strata/strata.hpp "$tmp/floor.cpp"; then echo "smoke: floor includes strata" >&2; fail=1; fi
cmp -s "$tmp/check.cpp" "$tmp/check2.cpp" || { echo "smoke: generator is not deterministic" >&2; fail=1; }
[[ $(grep -c '^using m[0-9]* = strata::migration<' "$tmp/check.cpp") -eq 5 ]] ||
    { echo "smoke: expected 5 migrations" >&2; fail=1; }
# the floor needs no library: it must compile wherever a C++20 compiler is
if command -v "${CXX:-c++}" >/dev/null; then
    "${CXX:-c++}" -std=c++20 -fsyntax-only "$tmp/floor.cpp" || { echo "smoke: floor does not compile" >&2; fail=1; }
fi

if [[ $fail -eq 0 ]]; then echo "smoke: 1 passed, 0 failed"; else echo "smoke: 0 passed, 1 failed"; fi
exit $fail
