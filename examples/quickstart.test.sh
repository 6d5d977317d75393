#!/usr/bin/env bash
# examples/quickstart.test.sh <quickstart binary> <fresh work dir>: the first run migrates a new
# SQLite file, the second finds it up to date; a refused start (a migration changed after it
# was applied) exits 1 with the reason printed once, not std::terminate.
set -uo pipefail
exe=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
expect() {  # expect <what> <condition...>
  local what=$1
  shift
  if "$@"; then echo "ok:   $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}
first=$("$exe" app.db 2>&1); rc=$?
printf '%s\n' "$first" | sed 's/^/    | /'
expect "the first run exits 0" test $rc -eq 0
expect "the first run migrates 0 -> 4" grep -q 'version 0 -> 4' <<<"$first"
second=$("$exe" app.db 2>&1); rc=$?
expect "the second run exits 0" test $rc -eq 0
expect "the second run is up to date" grep -q 'up to date at version 4' <<<"$second"
sqlite3 app.db "UPDATE strata_migrations SET checksum = '0000000000000000' WHERE version = 1"
refused=$("$exe" app.db 2>&1); rc=$?
printf '%s\n' "$refused" | sed 's/^/    | /'
expect "a refused start exits 1" test $rc -eq 1
expect "the refusal is printed once" test "$(grep -c 'changed after it was applied' <<<"$refused")" -eq 1
echo "quickstart.test.sh: $failures failure(s)"
((failures == 0))
