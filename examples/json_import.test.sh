#!/usr/bin/env bash
# examples/json_import.test.sh <json_import binary> <fresh work dir>: import, idempotent second
# start, export back on downgrade (existing files kept), import again.
set -uo pipefail
exe=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
expect() {
  if grep -Eq -- "$2" <<<"$1"; then echo "ok:   $3"; else echo "FAIL: $3 (got: $1; wanted: $2)"; failures=$((failures + 1)); fi
}
q() { sqlite3 json_import.db "$1"; }

out=$("$exe" 2>&1); echo "$out" | sed 's/^/    | /'
expect "$out" 'version 0 -> 3; 4 assistants' "three files imported, one default seeded"
expect "$(q "SELECT description FROM assistants WHERE id = 'coder'")" '^Writes "code"$' "JSON string escapes decoded"
expect "$(q "SELECT count(*) FROM assistants WHERE id = 'plain' AND description IS NULL")" '^1$' "JSON null is NULL"
out=$("$exe" 2>&1)
expect "$out" 'version 3 -> 3; 4 assistants' "second start: up to date, nothing imported twice"

rm data/assistants/writer.json
echo '{"id": "coder", "name": "Coder (edited on disk)", "description": null}' > data/assistants/coder.json
q "UPDATE assistants SET name = 'Writer (edited in the database)' WHERE id = 'writer'"
out=$("$exe" down 2>&1); echo "$out" | sed 's/^/    | /'
expect "$out" 'version 3 -> 1; 0 assistants' "downgrade: the rows leave the database"
expect "$(cat data/assistants/writer.json)" '"name":"Writer \(edited in the database\)"' "a missing file is exported from its row"
expect "$(cat data/assistants/coder.json)" 'edited on disk' "an existing file takes precedence"
[[ ! -e data/assistants/default.json ]] && echo "ok:   the seeded row was removed by its own down, not exported" ||
  { echo "FAIL: default.json exported"; failures=$((failures + 1)); }

out=$("$exe" 2>&1)
expect "$out" 'version 1 -> 3; 4 assistants' "upgrade again: the files come back in"
echo "json_import.test.sh: $failures failures"
((failures == 0))
