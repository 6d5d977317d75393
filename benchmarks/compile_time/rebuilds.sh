#!/usr/bin/env bash
# SQLite table rebuilds and SQL size of a generated history (issue 9 point 7).
#
#   benchmarks/compile_time/rebuilds.sh [N] [SEED]
#
# Generates the benchmark's history of N migrations (default 1000, seed 1), compiles a program
# that prints what the `sql` mode prints (every migration's up and down, both dialects), with
# strata::generate_sql instead of chain_sql (the same text, tests/runtime/live_schema.cpp), and
# counts the rebuilds (CREATE TABLE "_strata_new_...) of the SQLite text, up and down apart.
# The output stays in $WORK/n$N.sql: compare_sqlite.py replays two of them on SQLite.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
N=${1:-1000}
SEED=${2:-1}
CXX=${CXX:-g++}
WORK=${WORK:-$repo/build/rebuilds}
mkdir -p "$WORK"
src="$WORK/n$N.cpp"
python3 "$here/generate.py" --n "$N" --mode check --seed "$SEED" -o "$src.check"
{
    sed '/^int main() {}$/d' "$src.check"
    cat <<'CPP'
#include <cstdio>
#include <string_view>
static void put(std::string_view x) { std::fwrite(x.data(), 1, x.size(), stdout); }
int main() {
    const auto sg = strata::generate_sql<strata::sqlite, history>();
    const auto pg = strata::generate_sql<strata::postgres, history>();
    const auto s = sg.migrations();
    const auto p = pg.migrations();
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::printf("-- %llu\n", static_cast<unsigned long long>(s[i].version));
        put("-- sqlite up\n"); put(s[i].up_sql()); put("\n");
        put("-- sqlite down\n"); put(s[i].down_sql()); put("\n");
        put("-- postgres up\n"); put(p[i].up_sql()); put("\n");
        put("-- postgres down\n"); put(p[i].down_sql()); put("\n");
    }
}
CPP
} > "$src"
"$CXX" -std=c++20 -O0 -I"$repo/include" $(pkg-config --cflags fmt 2>/dev/null) "$src" -o "$WORK/n$N" $(pkg-config --libs fmt 2>/dev/null)
"$WORK/n$N" > "$WORK/n$N.sql"
awk -v n="$N" '
    /^-- (sqlite|postgres) (up|down)$/ { part = $2 " " $3; next }
    /^-- [0-9]+$/ { next }
    { bytes[part] += length($0) + 1; total += length($0) + 1 }
    part == "sqlite up" && /^CREATE TABLE "_strata_new_/ { up++ }
    part == "sqlite down" && /^CREATE TABLE "_strata_new_/ { down++ }
    END {
        printf "N = %d: SQLite rebuilds %d (up %d, down %d)\n", n, up + down, up, down
        printf "SQL bytes: sqlite up %d, down %d; postgres up %d, down %d\n", bytes["sqlite up"], bytes["sqlite down"], bytes["postgres up"], bytes["postgres down"]
    }' "$WORK/n$N.sql"
echo "whole output (as the sql mode prints it): $(wc -c < "$WORK/n$N.sql") bytes"
