#!/usr/bin/env bash
# Smoke test of the compile-time benchmark generator: N=5 in each mode into a temp dir.
# Checks that generate.py runs and emits what run.sh expects. It compiles only with
# -fsyntax-only: the floor, and the real_app unit (a few seconds), the one that calls the
# runtime API (cli::run's options, migrate_on_startup's report), so that a change there breaks
# this smoke rather than the hour-long run.
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
"$py" "$here/generate.py" --n 5 --mode real_app --seed 1 -o "$tmp/real_app.cpp"
for mode in baseline dsl headers headers_sqlite; do "$py" "$here/generate.py" --mode "$mode" -o "$tmp/$mode.cpp"; done
# the modes without a history refuse an N (run.sh compiles them once, not per N)
if "$py" "$here/generate.py" --n 5 --mode dsl -o "$tmp/x.cpp" 2>/dev/null; then
    echo "smoke: dsl mode accepted --n" >&2; fail=1
fi

check "$tmp/check.cpp" '#include <strata/strata.hpp>' 'using namespace strata::dsl;' \
    'using m5 = strata::migration<5, ' 'using history = strata::chain<m1, m2, m3, m4, m5>;' \
    'static_assert(history::head == 5);' 'history::schema::has_table<' 'int main() {}'
check "$tmp/sql.cpp" 'strata::chain_sql<strata::sqlite, history>::migrations' \
    'strata::chain_sql<strata::postgres, history>::migrations'
check "$tmp/floor.cpp" 'constexpr std::string_view sql[] = {' 'CREATE TABLE'
check "$tmp/floor2.cpp" 'CREATE TABLE \"t\" (\"id\" BIGINT);'
check "$tmp/real_app.cpp" '#include <strata/cli.hpp>' '#include <strata/startup.hpp>' \
    '#include <strata/sqlite.hpp>' 'using history = strata::chain<m1, m2, m3, m4, m5>;' \
    'strata::cli::run<history>(' 'strata::migrate_on_startup<history>('
check "$tmp/baseline.cpp" '#include <map>' '#include <string>' '#include <vector>' '#include <fmt/core.h>' 'int main() {}'
check "$tmp/dsl.cpp" '#include <strata/strata.hpp>' 'int main() {}'
check "$tmp/headers.cpp" '#include <strata/strata.hpp>' '#include <strata/sqlite.hpp>' '#include <strata/postgres.hpp>' \
    '#include <strata/startup.hpp>' '#include <strata/cli.hpp>' 'int main() {}'
check "$tmp/headers_sqlite.cpp" '#include <strata/strata.hpp>' '#include <strata/sqlite.hpp>' \
    '#include <strata/startup.hpp>' '#include <strata/cli.hpp>' 'int main() {}'
if grep -q postgres "$tmp/headers_sqlite.cpp"; then echo "smoke: headers_sqlite includes postgres.hpp" >&2; fail=1; fi
if grep -q strata "$tmp/baseline.cpp"; then echo "smoke: baseline includes strata" >&2; fail=1; fi
if grep -q strata::chain "$tmp/headers.cpp"; then echo "smoke: headers has a history" >&2; fail=1; fi
if grep -q strata/strata.hpp "$tmp/floor.cpp"; then echo "smoke: floor includes strata" >&2; fail=1; fi
cmp -s "$tmp/check.cpp" "$tmp/check2.cpp" || { echo "smoke: generator is not deterministic" >&2; fail=1; }
[[ $(grep -c '^using m[0-9]* = strata::migration<' "$tmp/check.cpp") -eq 5 ]] ||
    { echo "smoke: expected 5 migrations" >&2; fail=1; }
# the floor needs no library: it must compile wherever a C++20 compiler is
if command -v "${CXX:-c++}" >/dev/null; then
    "${CXX:-c++}" -std=c++20 -fsyntax-only "$tmp/floor.cpp" || { echo "smoke: floor does not compile" >&2; fail=1; }
    # real_app needs the backends' headers (as run.sh gives them); skipped where they are missing
    if pkg-config --exists fmt sqlite3 libpqxx 2>/dev/null; then
        # shellcheck disable=SC2046  # pkg-config prints several flags
        "${CXX:-c++}" -std=c++20 -fsyntax-only -I"$here/../../include" $(pkg-config --cflags fmt sqlite3 libpqxx) \
            "$tmp/real_app.cpp" || { echo "smoke: real_app does not compile" >&2; fail=1; }
    else
        echo "smoke: real_app not compiled (pkg-config finds no fmt, sqlite3 or libpqxx)" >&2
    fi
fi

if [[ $fail -eq 0 ]]; then echo "smoke: 1 passed, 0 failed"; else echo "smoke: 0 passed, 1 failed"; fi
exit $fail
