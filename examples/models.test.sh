#!/usr/bin/env bash
# examples/models.test.sh <models binary> <fresh work dir>: a database made at version 1 (by an
# older release) with rows in it; the next start migrates it to the head, the data step linking
# every post to its author (adding the missing ones); the application then writes a post through
# its structs. Each step's database is checked with the sqlite3 shell.
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
q() { sqlite3 app.db "$1"; }

old=$("$exe" app.db --to 1 2>&1); rc=$?
expect "migrating to version 1 exits 0" test $rc -eq 0
expect "it stops at version 1" grep -q 'version 0 -> 1' <<<"$old"
q "INSERT INTO authors (id, name) VALUES (7, 'Ada Lovelace');
   INSERT INTO posts (id, author, title, published_on) VALUES
     (1, 'Ada Lovelace', 'Notes', '1843-07-01'), (2, 'Alan Turing', 'Computable numbers', NULL),
     (3, 'Alan Turing', 'Morphogenesis', '1952-08-14')"

first=$("$exe" app.db 2>&1); rc=$?
printf '%s\n' "$first" | sed 's/^/    | /'
expect "the start-up migration exits 0" test $rc -eq 0
expect "it migrates 1 -> 4" grep -q 'version 1 -> 4' <<<"$first"
expect "the missing author was added after the largest id" test "$(q "SELECT id || ' ' || name FROM authors ORDER BY id")" = $'7 Ada Lovelace\n8 Alan Turing'
expect "every post points at its author" test "$(q "SELECT p.id || ' ' || a.name FROM posts p JOIN authors a ON a.id = p.author_id ORDER BY p.id")" = $'1 Ada Lovelace\n2 Alan Turing\n3 Alan Turing'
expect "the old column is gone" test "$(q "SELECT count(*) FROM pragma_table_info('posts') WHERE name = 'author'")" -eq 0
expect "author_id is NOT NULL" test "$(q "SELECT \"notnull\" FROM pragma_table_info('posts') WHERE name = 'author_id'")" -eq 1
expect "dates kept as written" test "$(q "SELECT published_on FROM posts WHERE id = 3")" = "1952-08-14"
expect "the application reads its structs" grep -q 'post 2 "Computable numbers" by Alan Turing (unpublished)' <<<"$first"

second=$("$exe" app.db post "Grace Hopper" "Compilers" 2>&1); rc=$?
printf '%s\n' "$second" | sed 's/^/    | /'
expect "the second start exits 0" test $rc -eq 0
expect "it is up to date" grep -q 'version 4 -> 4' <<<"$second"
expect "a new author through the struct" test "$(q "SELECT id FROM authors WHERE name = 'Grace Hopper' AND email IS NULL")" = "9"
expect "a new post through the struct" test "$(q "SELECT author_id || ' ' || title FROM posts WHERE id = 4")" = "9 Compilers"
expect "the listing shows it" grep -q 'post 4 "Compilers" by Grace Hopper' <<<"$second"
third=$("$exe" app.db post "Ada Lovelace" "Sketch" 2>&1); rc=$?
expect "the third start exits 0" test $rc -eq 0
expect "it lists the new post" grep -q 'post 5 "Sketch" by Ada Lovelace' <<<"$third"
expect "an existing author is found by name" test "$(q "SELECT author_id FROM posts WHERE title = 'Sketch'")" = "7"
expect "no author twice" test "$(q "SELECT count(*) FROM authors")" -eq 3
echo "models.test.sh: $failures failure(s)"
((failures == 0))
