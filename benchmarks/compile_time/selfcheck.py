#!/usr/bin/env python3
"""Self-check of generate.py, independent of its schema model.

Parses the C++ that generate.py emits (check mode), replays every operation on a schema
model of its own and asserts the validity rules of the chain; then runs the whole history
on a real SQLite database (Python's sqlite3 module): every migration up, the schema compared
with the model after each one, then every migration down to an empty database, compared
again. With --pg it does the same on PostgreSQL through `psql` (a throwaway server must be
reachable with the usual PG* variables; run.sh does not need it).

    selfcheck.py [--n 5 10 100 300 1000] [--seeds 1 2 3] [--pg]

Standard library only. Exit status 0 when every history passes.
"""

import argparse
import copy
import os
import re
import sqlite3
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate  # noqa: E402  (only to produce the text; nothing of its model is used)

IDENT = re.compile(r"^[a-z_][a-z0-9_]*$")
TYPES = {
    "smallint": "int", "integer": "int", "bigint": "int", "real": "num",
    "double_precision": "num", "numeric": "num", "text": "text", "varchar": "text",
    "boolean": "bool", "date": "date", "timestamp": "ts", "timestamptz": "ts", "uuid": "uuid",
    "json": "json", "blob": "blob",
}
ALTER_ORDER = ["set_type", "set_not_null", "drop_not_null", "set_default", "drop_default"]


# ---------------------------------------------------------------------------------------
# parsing the emitted C++

TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<num>-?\d+)|(?P<id>[A-Za-z_][\w:]*)|(?P<p>[<>,;=]))')


def tokenize(src):
    pos, out = 0, []
    while pos < len(src):
        m = TOKEN.match(src, pos)
        if not m:
            if src[pos:].strip() == "":
                break
            raise SyntaxError("cannot tokenize at %r" % src[pos:pos + 40])
        pos = m.end()
        for k in ("str", "num", "id", "p"):
            if m.group(k) is not None:
                v = m.group(k)
                if k == "str":
                    v = bytes(v[1:-1], "utf-8").decode("unicode_escape")
                elif k == "num":
                    v = int(v)
                out.append((k, v))
                break
    return out


class Parser:
    def __init__(self, toks):
        self.t = toks
        self.i = 0

    def peek(self):
        return self.t[self.i] if self.i < len(self.t) else (None, None)

    def take(self, kind=None, val=None):
        k, v = self.peek()
        if (kind and k != kind) or (val is not None and v != val):
            raise SyntaxError("expected %s %s, got %s %r" % (kind, val, k, v))
        self.i += 1
        return v

    def term(self):
        k, v = self.peek()
        if k in ("str", "num"):
            self.i += 1
            return v
        name = self.take("id")
        args = []
        if self.peek() == ("p", "<"):
            self.take("p", "<")
            args.append(self.term())
            while self.peek() == ("p", ","):
                self.take("p", ",")
                args.append(self.term())
            self.take("p", ">")
        return (name, args)


def parse(src):
    """-> (migrations [(version, name, [op terms])], chain [names], asserts [terms])"""
    body = src.split("using namespace strata::dsl;", 1)[1]
    body = body.split("int main()", 1)[0]
    body = re.sub(r"//[^\n]*", "", body)
    migs, chain, asserts = [], None, []
    for stmt in [s.strip() for s in body.split(";\n") if s.strip()]:
        stmt = stmt.rstrip(";")
        first = stmt.split("<", 1)[0].split("(", 1)[0].split()[0]
        if first != "using":
            if first == "static_assert":
                asserts.append(stmt)
            elif first not in ("constexpr", "static"):
                raise SyntaxError(stmt[:60])
            continue
        p = Parser(tokenize(stmt))
        p.take("id", "using")
        if True:
            alias = p.take("id")
            p.take("p", "=")
            name, args = p.term()
            if name == "strata::migration":
                assert alias == "m%d" % args[0], alias
                migs.append((args[0], args[1], args[2:]))
            elif name == "strata::chain":
                chain = [a[0] for a in args]
            else:
                raise SyntaxError(name)
        assert p.i == len(p.t), "trailing tokens in %s" % stmt[:60]
    return migs, chain, asserts


# ---------------------------------------------------------------------------------------
# model of our own

def type_of(term):
    name, args = term
    assert name in TYPES, "unknown type %s" % name
    if name == "varchar":
        assert len(args) == 1 and 0 < args[0] <= 10485760
        return ("varchar", args[0])
    if name == "numeric":
        assert args == [10, 2], args
        return ("numeric", 10, 2)
    assert args == []
    return (name,)


def kind(t):
    return TYPES[t[0]]


def col_of(term):
    name, args = term
    assert name == "column", name
    c = {"name": args[0], "type": type_of(args[1]), "pk": False, "nn": False, "unique": False,
         "default": None, "fk": None}
    check_ident(c["name"])
    for con in args[2:]:
        cn, ca = con
        if cn == "primary_key":
            c["pk"] = True
        elif cn == "not_null":
            c["nn"] = True
        elif cn == "unique":
            c["unique"] = True
        elif cn == "default_value":
            assert c["default"] is None
            assert isinstance(ca[0], int)
            c["default"] = ("value", ca[0])
        elif cn == "default_sql":
            assert c["default"] is None
            c["default"] = ("sql", ca[0])
        elif cn == "references":
            assert ca[2][0] in ("on_delete_cascade", "on_delete_set_null", "on_delete_restrict")
            c["fk"] = (ca[0], ca[1], ca[2][0])
        else:
            raise AssertionError("unknown constraint " + cn)
    if c["default"] and c["default"][0] == "value":
        assert kind(c["type"]) in ("int", "num"), "default_value on %s" % (c,)
    if c["default"] and c["default"][0] == "sql":
        assert kind(c["type"]) == "ts" and c["default"][1] == "CURRENT_TIMESTAMP"
    if c["unique"]:
        assert kind(c["type"]) != "json"
    if c["fk"]:
        assert c["type"] == ("bigint",)
        if c["fk"][2] == "on_delete_set_null":
            assert not c["nn"]
    return c


def check_ident(s):
    assert isinstance(s, str) and 0 < len(s.encode()) <= 63 and IDENT.match(s), "bad ident %r" % s


class Model:
    def __init__(self):
        self.tables = {}    # name -> [col dict]
        self.indexes = {}   # name -> (table, [cols], unique)

    def col(self, t, c):
        for x in self.tables[t]:
            if x["name"] == c:
                return x
        return None

    def referencing(self, t, c=None):
        """Columns (of other tables) with a foreign key to t (.c)."""
        out = []
        for tn, cols in self.tables.items():
            for x in cols:
                if x["fk"] and x["fk"][0] == t and (c is None or x["fk"][1] == c) and tn != t:
                    out.append((tn, x["name"]))
        return out

    def indexed(self, t, c):
        return any(ix[0] == t and c in ix[1] for ix in self.indexes.values())

    def check_fk(self, t, c):
        if c["fk"]:
            rt, rc, _ = c["fk"]
            assert rt != t and rt in self.tables, "fk to missing table %s" % rt
            target = self.col(rt, rc)
            assert target and target["type"] == ("bigint",) and target["pk"], "fk to %s.%s" % (rt, rc)

    def apply(self, op):
        name, a = op
        if name == "create_table":
            t = a[0]
            check_ident(t)
            assert t not in self.tables and t not in self.indexes, "create existing " + t
            cols = [col_of(x) for x in a[1:]]
            assert 3 <= len(cols) <= 8
            assert cols[0]["name"] == "id" and cols[0]["pk"] and cols[0]["type"] == ("bigint",)
            assert sum(c["pk"] for c in cols) == 1
            names = [c["name"] for c in cols]
            assert len(set(names)) == len(names), names
            for c in cols:
                self.check_fk(t, c)
            self.tables[t] = cols
        elif name == "drop_table":
            t = a[0]
            assert t in self.tables, "drop missing " + t
            assert not self.referencing(t), "drop referenced %s by %s" % (t, self.referencing(t))
            assert not any(ix[0] == t for ix in self.indexes.values()), "drop table with indexes"
            del self.tables[t]
        elif name == "rename_table":
            t, new = a
            check_ident(new)
            assert t in self.tables and new not in self.tables and new not in self.indexes
            assert not self.referencing(t), "rename referenced table " + t
            self.tables[new] = self.tables.pop(t)
            for k, ix in list(self.indexes.items()):
                if ix[0] == t:
                    self.indexes[k] = (new, ix[1], ix[2])
        elif name == "add_column":
            t = a[0]
            c = col_of(a[1])
            assert t in self.tables and not self.col(t, c["name"]), "add %s.%s" % (t, c["name"])
            assert not c["pk"] and not c["unique"]
            assert not c["nn"] or (c["default"] and c["default"][0] == "value")
            assert not (c["default"] and c["default"][0] == "sql")
            self.check_fk(t, c)
            self.tables[t].append(c)
        elif name == "drop_column":
            t, cn = a
            c = self.col(t, cn) if t in self.tables else None
            assert c, "drop missing column %s.%s" % (t, cn)
            assert not c["pk"] and not c["unique"] and not c["fk"], "drop constrained " + cn
            assert not self.indexed(t, cn), "drop indexed column %s.%s" % (t, cn)
            assert not self.referencing(t, cn)
            assert not c["nn"] or (c["default"] and c["default"][0] == "value"), "not re-addable"
            assert len(self.tables[t]) > 2
            self.tables[t].remove(c)
        elif name == "rename_column":
            t, cn, new = a
            check_ident(new)
            c = self.col(t, cn) if t in self.tables else None
            assert c and not self.col(t, new)
            assert not c["pk"] and not c["unique"] and not c["fk"] and not self.indexed(t, cn)
            assert not self.referencing(t, cn)
            c["name"] = new
        elif name == "alter_column":
            t, cn = a[0], a[1]
            c = self.col(t, cn) if t in self.tables else None
            assert c and not c["pk"] and not c["fk"], "alter %s.%s" % (t, cn)
            acts = a[2:]
            assert acts
            names = [x[0] for x in acts]
            assert names == sorted(names, key=ALTER_ORDER.index) and len(set(names)) == len(names)
            assert not ("set_not_null" in names and "drop_not_null" in names)
            assert not ("set_default" in names and "drop_default" in names)
            for an, aa in acts:
                if an == "set_type":
                    nt = type_of(aa[0])
                    assert nt != c["type"]
                    ok = (kind(nt) == "text" and kind(c["type"]) == "text") or \
                         (c["type"], nt) in ((("smallint",), ("integer",)), (("integer",), ("bigint",)))
                    assert ok, "set_type %s -> %s" % (c["type"], nt)
                    c["type"] = nt
                elif an == "set_not_null":
                    assert not c["nn"] and c["default"] is not None, "set_not_null without default"
                    c["nn"] = True
                elif an == "drop_not_null":
                    assert c["nn"]
                    c["nn"] = False
                elif an == "set_default":
                    assert aa[0] == ("default_value", [1]) and kind(c["type"]) in ("int", "num")
                    assert c["default"] != ("value", 1)
                    c["default"] = ("value", 1)
                elif an == "drop_default":
                    assert c["default"] is not None
                    c["default"] = None
                else:
                    raise AssertionError(an)
        elif name in ("create_index", "create_unique_index"):
            ix, t, cols = a[0], a[1], a[2:]
            check_ident(ix)
            assert ix not in self.indexes and ix not in self.tables and t in self.tables
            assert 1 <= len(cols) <= 2 and len(set(cols)) == len(cols)
            for cn in cols:
                c = self.col(t, cn)
                assert c and kind(c["type"]) != "json", "index on %s.%s" % (t, cn)
            self.indexes[ix] = (t, list(cols), name == "create_unique_index")
        elif name == "drop_index":
            assert a[0] in self.indexes, "drop missing index " + a[0]
            del self.indexes[a[0]]
        elif name == "execute":
            up, down = a
            for s in (up, down):
                m = re.match(r'UPDATE "(\w+)" SET "(\w+)" = "(\w+)" [+-] 1 WHERE "(\w+)" IS NOT NULL$', s)
                assert m and m.group(1) in self.tables and self.col(m.group(1), m.group(2)), s
        else:
            raise AssertionError("unknown op " + name)


# ---------------------------------------------------------------------------------------
# SQL of our own, for running the history on real databases

def sql_type(t, dialect):
    if t[0] == "varchar":
        return "VARCHAR(%d)" % t[1]
    if t[0] == "numeric":
        return "NUMERIC(%d, %d)" % (t[1], t[2])
    if t[0] == "blob":
        return "BLOB" if dialect == "sqlite" else "BYTEA"
    if t[0] == "double_precision":
        return "DOUBLE PRECISION"
    return t[0].upper()


def q(x):
    return '"%s"' % x


def col_sql(c, d):
    s = "%s %s" % (q(c["name"]), sql_type(c["type"], d))
    if c["pk"]:
        s += " PRIMARY KEY"
    if c["nn"]:
        s += " NOT NULL"
    if c["unique"]:
        s += " UNIQUE"
    if c["default"]:
        s += " DEFAULT %s" % (c["default"][1],)
    if c["fk"]:
        s += " REFERENCES %s (%s) ON DELETE %s" % (q(c["fk"][0]), q(c["fk"][1]),
                                                 c["fk"][2][10:].replace("_", " ").upper())
    return s


def create_sql(t, cols, d):
    return "CREATE TABLE %s (%s)" % (q(t), ", ".join(col_sql(c, d) for c in cols))


def index_sql(name, ix):
    return "CREATE %sINDEX %s ON %s (%s)" % ("UNIQUE " if ix[2] else "", q(name), q(ix[0]),
                                             ", ".join(q(c) for c in ix[1]))


def rebuild(model, t):
    """SQLite table rebuild of t to its definition in model (foreign keys are off)."""
    cols = model.tables[t]
    names = ", ".join(q(c["name"]) for c in cols)
    out = [create_sql("strata_tmp", cols, "sqlite"),
           "INSERT INTO strata_tmp (%s) SELECT %s FROM %s" % (names, names, q(t)),
           "DROP TABLE %s" % q(t),
           "ALTER TABLE strata_tmp RENAME TO %s" % q(t)]
    out += [index_sql(n, ix) for n, ix in model.indexes.items() if ix[0] == t]
    return out


def op_sql(op, before, after, d):
    """(up statements, down statements) for one op."""
    name, a = op
    if name == "create_table":
        return [create_sql(a[0], after.tables[a[0]], d)], ["DROP TABLE %s" % q(a[0])]
    if name == "drop_table":
        return ["DROP TABLE %s" % q(a[0])], [create_sql(a[0], before.tables[a[0]], d)]
    if name == "rename_table":
        f = "ALTER TABLE %s RENAME TO %s"
        return [f % (q(a[0]), q(a[1]))], [f % (q(a[1]), q(a[0]))]
    if name == "add_column":
        c = after.tables[a[0]][-1]
        up = ["ALTER TABLE %s ADD COLUMN %s" % (q(a[0]), col_sql(c, d))]
        if d == "sqlite" and c["fk"]:
            return up, rebuild(before, a[0])
        return up, ["ALTER TABLE %s DROP COLUMN %s" % (q(a[0]), q(c["name"]))]
    if name == "drop_column":
        c = before.col(a[0], a[1])
        return (["ALTER TABLE %s DROP COLUMN %s" % (q(a[0]), q(a[1]))],
                ["ALTER TABLE %s ADD COLUMN %s" % (q(a[0]), col_sql(c, d))])
    if name == "rename_column":
        f = "ALTER TABLE %s RENAME COLUMN %s TO %s"
        return [f % (q(a[0]), q(a[1]), q(a[2]))], [f % (q(a[0]), q(a[2]), q(a[1]))]
    if name == "alter_column":
        t, cn = a[0], a[1]
        if d == "sqlite":
            return rebuild(after, t), rebuild(before, t)
        old, new = before.col(t, cn), after.col(t, cn)

        def diff(x, y):
            f = "ALTER TABLE %s ALTER COLUMN %s " % (q(t), q(cn))
            out = []
            if x["type"] != y["type"]:
                out.append(f + "TYPE " + sql_type(y["type"], d))
            if x["default"] != y["default"]:
                out.append(f + ("SET DEFAULT %s" % (y["default"][1],) if y["default"] else "DROP DEFAULT"))
            if x["nn"] != y["nn"]:
                out.append(f + ("SET NOT NULL" if y["nn"] else "DROP NOT NULL"))
            return out
        return diff(old, new), diff(new, old)
    if name in ("create_index", "create_unique_index"):
        return [index_sql(a[0], after.indexes[a[0]])], ["DROP INDEX %s" % q(a[0])]
    if name == "drop_index":
        return ["DROP INDEX %s" % q(a[0])], [index_sql(a[0], before.indexes[a[0]])]
    if name == "execute":
        return [a[0]], [a[1]]
    raise AssertionError(name)


# ---------------------------------------------------------------------------------------

def check_history(n, seed, use_pg):
    src = "\n".join(generate.emit_check(generate.build(n, seed),
                                        argparse.Namespace(n=n, seed=seed))) + "\n"
    migs, chain, asserts = parse(src)
    assert [m[0] for m in migs] == list(range(1, n + 1)), "versions"
    assert chain == ["m%d" % v for v in range(1, n + 1)], "chain"
    names = [m[1] for m in migs]
    assert len(set(names)) == len(names), "duplicate migration names"
    model = Model()
    states = [copy.deepcopy(model)]
    plan = []   # per migration: (up statements per dialect, down statements per dialect)
    for v, mname, ops in migs:
        assert 1 <= len(ops), v
        ups = {"sqlite": [], "postgres": []}
        downs = {"sqlite": [], "postgres": []}
        for op in ops:
            before = copy.deepcopy(model)
            try:
                model.apply(op)
            except AssertionError as e:
                raise AssertionError("n=%d seed=%d migration %d (%s): %s: %s"
                                     % (n, seed, v, mname, op[0], e))
            for d in ups:
                u, dn = op_sql(op, before, model, d)
                ups[d] += u
                downs[d] = dn + downs[d]
        states.append(copy.deepcopy(model))
        plan.append((v, ups, downs))
    # static_asserts name things that exist at the head
    assert asserts[0] == "static_assert(history::head == %d)" % n
    for a in asserts[1:]:
        m = re.match(r'static_assert\(history::schema::has_table<"(\w+)">\)$', a)
        if m:
            assert m.group(1) in model.tables, a
            continue
        m = re.match(r'static_assert\(history::schema::has_column<"(\w+)", "(\w+)">\)$', a)
        assert m and m.group(1) in model.tables and model.col(m.group(1), m.group(2)), a
    run_sqlite(plan, states)
    if use_pg:
        run_pg(plan)
    stats = (len(model.tables), len(model.indexes), sum(len(ops) for _, _, ops in migs))
    return stats


def sqlite_schema(db):
    out = {}
    for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"):
        cols = {}
        for row in db.execute('PRAGMA table_info("%s")' % t):
            cols[row[1]] = bool(row[3]) or bool(row[5])
        out[t] = cols
    idx = sorted(r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    return out, idx


def model_schema(m):
    out = {t: {c["name"]: c["nn"] or c["pk"] for c in cols} for t, cols in m.tables.items()}
    return out, sorted(m.indexes)


def run_sqlite(plan, states):
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA foreign_keys = ON")

    def run(v, stmts):
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("BEGIN")
        for s in stmts:
            try:
                db.execute(s)
            except sqlite3.Error as e:
                raise AssertionError("sqlite, migration %d: %s\n  in: %s" % (v, e, s))
        bad = db.execute("PRAGMA foreign_key_check").fetchall()
        assert not bad, bad
        db.execute("COMMIT")
        db.execute("PRAGMA foreign_keys = ON")

    for i, (v, ups, _) in enumerate(plan):
        run(v, ups["sqlite"])
        assert sqlite_schema(db) == model_schema(states[i + 1]), "sqlite schema after up %d" % v
    for i in range(len(plan) - 1, -1, -1):
        v, _, downs = plan[i]
        run(v, downs["sqlite"])
        assert sqlite_schema(db) == model_schema(states[i]), "sqlite schema after down %d" % v
    assert sqlite_schema(db) == ({}, [])


def run_pg(plan):
    script = ["\\set ON_ERROR_STOP 1", "SET client_min_messages = warning;",
              "DROP SCHEMA IF EXISTS strata_selfcheck CASCADE;", "CREATE SCHEMA strata_selfcheck;",
              "SET search_path = strata_selfcheck;"]
    for v, ups, _ in plan:
        script += ["BEGIN;"] + [s + ";" for s in ups["postgres"]] + ["COMMIT;"]
    for v, _, downs in reversed(plan):
        script += ["BEGIN;"] + [s + ";" for s in downs["postgres"]] + ["COMMIT;"]
    script += ["SELECT count(*) FROM pg_tables WHERE schemaname = 'strata_selfcheck';"]
    r = subprocess.run(["psql", "-X", "-q", "-t", "-A"], input="\n".join(script) + "\n",
                       capture_output=True, text=True)
    assert r.returncode == 0, "postgres: " + r.stderr[-2000:]
    assert r.stdout.strip().splitlines()[-1] == "0", r.stdout[-200:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, nargs="+", default=[1, 3, 5, 10, 100, 300, 1000])
    ap.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    ap.add_argument("--pg", action="store_true", help="also run on PostgreSQL via psql")
    args = ap.parse_args()
    # determinism: same input, same bytes
    a = "\n".join(generate.emit_sql(generate.build(100, 7), argparse.Namespace(n=100, seed=7)))
    b = "\n".join(generate.emit_sql(generate.build(100, 7), argparse.Namespace(n=100, seed=7)))
    assert a == b, "generator is not deterministic"
    failed = passed = 0
    for n in args.n:
        for seed in args.seeds:
            try:
                t, i, o = check_history(n, seed, args.pg)
                passed += 1
                print("ok   n=%-5d seed=%d  ops=%d tables=%d indexes=%d" % (n, seed, o, t, i))
            except AssertionError as e:
                failed += 1
                print("FAIL n=%-5d seed=%d  %s" % (n, seed, e))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
