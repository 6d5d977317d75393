#!/usr/bin/env bash
# examples/pg_service.test.sh <pg_service binary> <work dir>: four instances started at once
# against one fresh PostgreSQL schema, three rounds. Needs STRATA_PG_URL (CI=true: a failure
# without it; otherwise a visible skip).
set -uo pipefail
exe=$1
work=$2
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
if [[ -z "${STRATA_PG_URL:-}" ]]; then
  if [[ "${CI:-}" == true ]]; then echo "FAIL: CI=true but STRATA_PG_URL is not set"; exit 1; fi
  echo "SKIP: pg_service needs PostgreSQL (STRATA_PG_URL unset; ./scripts/test starts one)"
  exit 0
fi
export PGOPTIONS=--client-min-messages=warning
failures=0
sep='?'
[[ $STRATA_PG_URL == *\?* ]] && sep='&'
for round in 1 2 3; do
  schema="strata_pg_service_$$_$round"
  psql -q "$STRATA_PG_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE; CREATE SCHEMA $schema" || exit 1
  url="${STRATA_PG_URL}${sep}options=-csearch_path%3D${schema}"
  pids=()
  for i in 1 2 3 4; do "$exe" "$url" >"out_${round}_$i" 2>&1 & pids+=($!); done
  for i in "${!pids[@]}"; do
    if ! wait "${pids[$i]}"; then echo "FAIL: round $round instance $((i + 1)) exited non-zero:"; cat "out_${round}_$((i + 1))"; failures=$((failures + 1)); fi
  done
  cat out_"$round"_* | sed 's/^/    | /'
  applied=$(cat out_"$round"_* | awk '/applied [0-9]+ migrations/ { for (i = 1; i < NF; i++) if ($i == "applied") s += $(i + 1) } END { print s + 0 }')
  q() { psql -qtA "$url" -c "$1"; }
  rows=$(q 'SELECT count(*) FROM events')
  left=$(q 'SELECT count(*) FROM events WHERE kind_code IS NULL')
  wrong=$(q "SELECT count(*) FROM events WHERE kind_code <> CASE kind WHEN 'click' THEN 1 WHEN 'view' THEN 2 ELSE 3 END")
  recorded=$(q "SELECT count(*) FROM strata_migrations WHERE chain = 'main' AND NOT dirty AND NOT background_pending")
  index=$(q "SELECT count(*) FROM pg_indexes WHERE indexname = 'events_kind_code_idx' AND schemaname = '$schema'")
  if [[ "$applied" == 4 && "$rows" == 30000 && "$left" == 0 && "$wrong" == 0 && "$recorded" == 4 && "$index" == 1 ]]; then
    echo "ok:   round $round: 4 instances, each migration applied once ($applied in all), 30000 rows, backfill complete, index built"
  else
    echo "FAIL: round $round: applied=$applied rows=$rows left=$left wrong=$wrong recorded=$recorded index=$index"
    failures=$((failures + 1))
  fi
  psql -q "$STRATA_PG_URL" -c "DROP SCHEMA IF EXISTS $schema CASCADE"
done
echo "pg_service.test.sh: $failures failures"
((failures == 0))
