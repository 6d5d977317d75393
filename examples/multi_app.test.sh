#!/usr/bin/env bash
# examples/multi_app.test.sh <multi_app binary> <fresh work dir>: three starts of the
# application (1.0.0, 2.0.0, 2.0.0 again): both modules' chains and versions in one database,
# on_upgrade at every start, billing's 2.0.0 task exactly once.
set -uo pipefail
exe=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
expect() {  # expect <output> <regex> <what>
  if grep -Eq -- "$2" <<<"$1"; then echo "ok:   $3"; else echo "FAIL: $3 (no match for: $2)"; failures=$((failures + 1)); fi
}
reject() {
  if grep -Eq -- "$2" <<<"$1"; then echo "FAIL: $3 (unexpected: $2)"; failures=$((failures + 1)); else echo "ok:   $3"; fi
}
run() {
  local out
  out=$("$exe" "$@" 2>&1) || { echo "FAIL: multi_app $* exited $?"; failures=$((failures + 1)); }
  printf '%s\n' "$out" | sed 's/^/    | /' >&2
  printf '%s' "$out"
}

out=$(run 1.0.0)
expect "$out" 'accounts: on_upgrade\( -> 1.0.0\)' "first start: accounts' on_upgrade from nothing"
expect "$out" 'billing: on_upgrade\( -> 1.0.0\)' "first start: billing's on_upgrade from nothing"
expect "$out" 'accounts at version 2 \(app 1.0.0\), billing at version 3 \(app 1.0.0\); billing tasks run now: 0' "both chains migrated"
expect "$out" 'version task "Split invoice totals" \(2.0.0\) skipped: for version 2.0.0, this is 1.0.0' "the 2.0.0 task skipped at 1.0.0"

out=$(run 2.0.0)
expect "$out" 'billing: task for 2.0.0' "upgrade to 2.0.0: the task runs"
expect "$out" 'version task "Split invoice totals" \(2.0.0\) ran in' "and is logged"
expect "$out" 'accounts: on_upgrade\(1.0.0 -> 2.0.0\)' "on_upgrade with from and to"
expect "$out" 'billing tasks run now: 1' "one task ran"
expect "$out" 'application version 1.0.0 -> 2.0.0' "the new version recorded"

out=$(run 2.0.0)
reject "$out" 'billing: task for' "third start at 2.0.0: the task does not run again"
expect "$out" 'version task "Split invoice totals" \(2.0.0\) skipped: not an upgrade' "and says why"
expect "$out" 'billing: on_upgrade\(2.0.0 -> 2.0.0\)' "on_upgrade is called at every start"
expect "$out" 'is up to date at version 3' "billing up to date"

versions=$(sqlite3 multi_app.db 'SELECT "chain" || "=" || "version" FROM "strata_app_versions" ORDER BY 1' | tr '\n' ' ')
expect "$versions" '^accounts=2.0.0 billing=2.0.0 $' "one version per chain in strata_app_versions"
tasks=$(sqlite3 multi_app.db 'SELECT count(*) FROM "strata_version_tasks"')
expect "$tasks" '^1$' "the task recorded once"

echo "multi_app.test.sh: $failures failures"
((failures == 0))
