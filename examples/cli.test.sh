#!/usr/bin/env bash
# examples/cli.test.sh <cli binary> <fresh work dir>: runs the example's verbs as a person
# would and checks each one's exit code and output. On PostgreSQL too when STRATA_PG_URL is
# set (a schema of its own); with CI=true and no server that is a failure.
set -uo pipefail
exe=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
n=0

# check <expected exit code> <regex the output must match, or -> <args...>
check() {
  local want=$1 re=$2 out rc
  shift 2
  n=$((n + 1))
  out=$("$exe" "$@" 2>&1)
  rc=$?
  if [[ $rc -ne $want ]] || { [[ $re != - ]] && ! grep -Eq -- "$re" <<<"$out"; }; then
    echo "FAIL: cli $* -> exit $rc (want $want), output:"
    sed 's/^/    | /' <<<"$out"
    [[ $re != - ]] && echo "    wanted to match: $re"
    failures=$((failures + 1))
  else
    echo "ok:   cli $* -> exit $rc"
  fi
}

db=sqlite:app.db
# Offline verbs: no database.
check 0 'usage: cli db <verb>' db --help
check 2 'usage: cli db <verb>' db
for verb in upgrade downgrade current history status sql verify baseline repair diagram diff; do
  check 0 "usage: cli db $verb " db $verb --help
done
check 2 'unknown verb "upgrad"' db upgrad
check 0 'usage: cli db sql \[--dialect sqlite\|postgres\] \[--from A\] \[--to B\]' db sql --help
check 0 '     4 email keys \(head\)' db history
check 0 'add_column users.email_key' db history --verbose
check 0 'CREATE TABLE "roles"' db sql --dialect postgres --from 1 --to 2
# (as pg_dump's: the script means the same in a psql session of any encoding or string setting)
check 0 "^SET standard_conforming_strings = on;$" db sql --dialect postgres --from 1 --to 2
# (a foreign key on a column added without a default checks no row: every value is NULL)
check 0 '-- lock: ACCESS EXCLUSIVE on "users"; SHARE ROW EXCLUSIVE on "roles"$' db sql --dialect postgres --from 1 --to 2
check 0 '-- down 4 email keys' db sql --dialect sqlite --from 4 --to 2
check 2 'no migration has version 7' db sql --to 7
check 2 'use sqlite or postgres' db sql --dialect oracle
check 0 '"users" \}o--o\| "roles" : "role"' db diagram
if command -v dot >/dev/null 2>&1; then check 0 '<svg' db diagram --format svg; fi
check 0 'digraph schema' db diagram --format dot --at 2
check 0 '^erDiagram' db diagram --at 1
check 2 'no database: give --database' db status
check 2 'unknown option --frm' db sql --frm 1
# autogenerate: the head against the declared target (exit 1: differences, printed)
check 1 'add_column<"users", column<"last_login", timestamptz>>' db diff
check 1 'using m5 = strata::migration<5, "last logins"' db diff --name "last logins"

# Against a SQLite file.
check 0 'pending:' db status --database "$db"
check 0 '^0 \(sqlite app.db \(the file does not exist' db current --database "$db"
# (a file: URI the same: its path, percent-decoded)
check 0 '^0 \(sqlite uri app.db \(the file does not exist' db current --database "sqlite:file:uri%20app.db?cache=private"
check 0 'pending:' db status --database "sqlite:file:uri%20app.db"
check 0 'pending:' db status --database "sqlite:file:mode=memory.db"
check 0 'the file does not exist: nothing applied\) at version 0 matches' db verify --database "sqlite:file:uri%20app.db"
n=$((n + 1))  # read-only verbs create no file
if [[ ! -e app.db && ! -e "uri app.db" && ! -e mode=memory.db ]]; then echo "ok:   status, current and verify created no app.db"; else
  echo "FAIL: a read-only verb created app.db"; failures=$((failures + 1)); fi
check 0 'from version 0 to 2 \(2 migrations' db upgrade --to 2 --database "$db"
check 0 '^2 roles$' db current --database "$db"
check 0 'from version 2 to 4' db upgrade --database "$db"
check 0 'background steps of migration 4 done' db upgrade --database=sqlite:other.db
check 0 'is up to date at version 4' db upgrade --database "$db"
check 0 'no background step pending there: nothing to skip' db repair --skip-background 4 --database "$db"
check 2 'no migration has version 9' db repair --skip-background 9 --database "$db"
check 2 'version 0 is no migration' db repair --skip-background 0 --database "$db"
# In a terminal (script(1) gives the program one), each line is printed once: the log shows the
# progress, stdout does not repeat it.
if command -v script >/dev/null 2>&1; then
  n=$((n + 1))
  tty_out=$(script -qc "$exe db upgrade --database sqlite:tty.db" /dev/null | tr -d '\r')
  if grep -q 'up 1 "create users"' <<<"$tty_out" && [[ -z $(sort <<<"$tty_out" | uniq -d) ]]; then
    echo "ok:   in a terminal each line is printed once"
  else
    echo "FAIL: in a terminal a line is printed twice:"; sed 's/^/    | /' <<<"$tty_out"; failures=$((failures + 1))
  fi
fi
check 0 '^4 email keys \(head\)' db current --database "$db"
check 0 '3 seed roles  applied' db history --database "$db"
check 0 'matches schema_at<4>' db verify --database "$db"
check 0 'up to date' db status --database "$db"
check 0 'from version 4 to 2' db downgrade --to 2 --database "$db"
check 2 'needs --to' db downgrade --database "$db"
check 0 "is at version 2, as asked \\(this code's head is 4\\): nothing to do" db downgrade --to 2 --database "$db"
# drift: a column added by hand is found by verify (exit 1)
sqlite3 app.db 'ALTER TABLE "users" ADD COLUMN "by_hand" TEXT'
check 1 'by_hand' db verify --database "$db"
# baseline: a database made by hand at version 1
sqlite3 legacy.db 'CREATE TABLE "users" ("id" INTEGER NOT NULL PRIMARY KEY, "email" TEXT NOT NULL UNIQUE)'
check 0 'recorded at version 1' db baseline 1 --database sqlite:legacy.db
check 0 '^1 create users$' db current --database sqlite:legacy.db
check 1 'not schema_at<2>' db baseline 2 --database sqlite:fresh.db
n=$((n + 1))  # an error is printed once, not once by the log and once more by the CLI
if [[ $("$exe" db baseline 2 --database sqlite:fresh.db 2>&1 | grep -c 'baseline 2`') == 1 ]]; then
  echo "ok:   the refusal is printed once"
else
  echo "FAIL: the refusal is not printed exactly once"; failures=$((failures + 1))
fi
check 0 'nothing to repair' db repair --database "$db"
# the application itself migrates at start-up
check 0 'serving at version 4' serve sqlite:served.db

# PostgreSQL
if [[ -n "${STRATA_PG_URL:-}" ]]; then
  schema="strata_cli_$$"
  PGOPTIONS=--client-min-messages=warning psql -q "$STRATA_PG_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" >/dev/null || failures=$((failures + 1))
  sep='?'
  [[ $STRATA_PG_URL == *\?* ]] && sep='&'
  pg="${STRATA_PG_URL}${sep}options=-csearch_path%3D${schema}"
  check 0 'from version 0 to 4' db upgrade --database "$pg"
  check 0 '^4 email keys \(head\)' db current --database "$pg"
  check 0 'matches schema_at<4>' db verify --database "$pg"
  check 0 'checksum [0-9a-f]{16} \(postgres\)' db history --verbose --database "$pg"
  check 0 'from version 4 to 0' db downgrade --to 0 --database "$pg"
  PGOPTIONS=--client-min-messages=warning psql -q "$STRATA_PG_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null
elif [[ "${CI:-}" == true ]]; then
  echo "FAIL: CI=true but STRATA_PG_URL is not set: the PostgreSQL part must run"
  failures=$((failures + 1))
else
  echo "SKIP: the PostgreSQL part (STRATA_PG_URL unset)"
fi

echo "cli.test.sh: $((n - failures)) of $n checks passed"
((failures == 0))
