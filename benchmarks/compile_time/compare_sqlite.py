#!/usr/bin/env python3
"""Replay two texts of one history on SQLite and compare the schemas after every step.

    compare_sqlite.py BEFORE.sql AFTER.sql

Each file is what the `sql` mode (or rebuilds.sh) prints: "-- <version>", then "-- sqlite up",
"-- sqlite down", ... sections. Both SQLite texts run on in-memory databases (foreign keys off,
as the migrator runs a rebuilding migration), every up, then every down back to empty; after
each step the schemas must hold the same facts: per table its columns (name, type, not null,
default, key; as a set: SQLite appends what ADD COLUMN adds, so column order may drift from the
typed state on either side), foreign keys, indexes (name, unique, columns) and CHECK texts.
Used to check that coalescing SQLite rebuilds (issue 9 point 7) changed no result.
Standard library only.
"""
import sqlite3, sys, re
def parse(path):
    migs = {}; cur = None; part = None
    for line in open(path, encoding='utf-8'):
        m = re.match(r'^-- (\d+)$', line)
        if m: cur = int(m.group(1)); migs[cur] = {}; continue
        m = re.match(r'^-- (sqlite|postgres) (up|down)$', line)
        if m: part = m.group(1) + ' ' + m.group(2); migs[cur][part] = ''; continue
        migs[cur][part] += line
    return migs
def facts(db):
    out = []
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for t in tables:
        out.append(('table', t, tuple(sorted(r[1:] for r in db.execute(f'PRAGMA table_xinfo("{t}")').fetchall()))))
        out.append(('fk', t, tuple(db.execute(f'PRAGMA foreign_key_list("{t}")').fetchall())))
        for ix in sorted(db.execute(f'PRAGMA index_list("{t}")').fetchall(), key=lambda r: r[1] if r[3] == 'c' else str(r[4:]) + r[3]):
            out.append(('index', t, ix[1] if ix[3] == 'c' else ix[3], ix[2], tuple(r[2] for r in db.execute(f'PRAGMA index_info("{ix[1]}")').fetchall())))
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name=?", (t,)).fetchone()[0]
        checks = sorted(re.findall(r'CHECK \((?:[^()]|\([^()]*\))*\)', sql))
        out.append(('checks', t, tuple(checks)))
    return out
old, new = parse(sys.argv[1]), parse(sys.argv[2])
a = sqlite3.connect(':memory:', isolation_level=None); b = sqlite3.connect(':memory:', isolation_level=None)
for db in (a, b): db.execute('PRAGMA foreign_keys = OFF')
vs = sorted(old)
def step(v, d):
    for db, m in ((a, old), (b, new)):
        db.executescript(m[v]['sqlite ' + d])
    fa, fb = facts(a), facts(b)
    if fa != fb:
        print('DIFFER after', d, v); 
        for x, y in zip(fa, fb):
            if x != y: print(' old', x); print(' new', y); break
        sys.exit(1)
for v in vs: step(v, 'up')
print('up: identical facts after each of', len(vs), 'migrations')
for v in reversed(vs): step(v, 'down')
print('down: identical facts after each of', len(vs), 'downs; tables left:', a.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])
