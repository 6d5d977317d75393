#!/usr/bin/env python3
"""Generate a strata migration history of N migrations for the compile-time benchmark.

    generate.py --n N --mode check|app|sql|real_app|floor [--seed S] [--floor-from FILE] -o out.cpp
    generate.py --mode baseline|dsl|headers|headers_sqlite -o out.cpp

baseline, dsl, headers and headers_sqlite hold no history (they measure what including costs, once per
compiler), so they take no --n.

The generator keeps its own model of the schema after every operation, so the emitted
chain is valid: it never creates what exists, never touches what does not, never drops a
table that another table references, and never drops or renames a column that an index, a
unique/primary-key constraint or a foreign key uses. Beyond the rules of the DSL it keeps
to what both SQLite and PostgreSQL accept on a real database, so that every down step can
be run too:
  * added columns are nullable, or NOT NULL with a constant default (SQLite's ADD COLUMN);
  * a dropped column is nullable or has a constant default, so its down can re-add it;
  * `default_value<V>` only on numeric columns, `default_sql<"CURRENT_TIMESTAMP">` only on
    timestamp columns, no index or UNIQUE on json columns;
  * `set_not_null` only on a column that already has a default;
  * the `id` column (bigint primary key, the target of every foreign key) is never altered,
    renamed or dropped, and a referenced table is never renamed;
  * a table is dropped only when no other table references it, after its indexes.

Output is deterministic for a given (--n, --seed). Standard library only.
"""

import argparse
import copy
import random
import sys

MAX_IDENT = 63

# ---------------------------------------------------------------------------------------
# types

# C++ spelling -> kind. Kinds decide which constraints and alterations are allowed.
TYPE_KIND = {
    "smallint": "int", "integer": "int", "bigint": "int",
    "real": "num", "double_precision": "num", "numeric<10, 2>": "num",
    "text": "text", "varchar<2>": "text", "varchar<16>": "text", "varchar<32>": "text",
    "varchar<64>": "text", "varchar<200>": "text", "varchar<255>": "text",
    "boolean": "bool", "date": "date", "timestamp": "ts", "timestamptz": "ts",
    "uuid": "uuid", "json": "json", "blob": "blob",
}

# SQL spelling, used only for the approximate floor (no --floor-from).
PG_TYPE = {
    "smallint": "SMALLINT", "integer": "INTEGER", "bigint": "BIGINT", "real": "REAL",
    "double_precision": "DOUBLE PRECISION", "numeric<10, 2>": "NUMERIC(10, 2)",
    "text": "TEXT", "boolean": "BOOLEAN", "date": "DATE", "timestamp": "TIMESTAMP",
    "timestamptz": "TIMESTAMPTZ", "uuid": "UUID", "json": "JSON", "blob": "BYTEA",
}
SQLITE_TYPE = {
    "smallint": "INTEGER", "integer": "INTEGER", "bigint": "INTEGER", "real": "REAL",
    "double_precision": "REAL", "numeric<10, 2>": "NUMERIC", "text": "TEXT",
    "boolean": "INTEGER", "date": "TEXT", "timestamp": "TEXT", "timestamptz": "TEXT",
    "uuid": "TEXT", "json": "TEXT", "blob": "BLOB",
}


def sql_type(t, dialect):
    if t.startswith("varchar<"):
        n = t[len("varchar<"):-1]
        return "VARCHAR(%s)" % n if dialect == "postgres" else "TEXT"
    return (PG_TYPE if dialect == "postgres" else SQLITE_TYPE)[t]


# Column pool for create_table / add_column: (name, type).
COLUMN_POOL = [
    ("email", "text"), ("name", "text"), ("title", "varchar<200>"), ("slug", "varchar<64>"),
    ("status", "varchar<32>"), ("description", "text"), ("created_at", "timestamp"),
    ("updated_at", "timestamptz"), ("deleted_at", "timestamptz"), ("amount", "numeric<10, 2>"),
    ("price", "numeric<10, 2>"), ("quantity", "integer"), ("position", "integer"),
    ("priority", "smallint"), ("is_active", "boolean"), ("is_public", "boolean"),
    ("birth_date", "date"), ("due_date", "date"), ("external_id", "uuid"), ("token", "uuid"),
    ("metadata", "json"), ("settings", "json"), ("avatar", "blob"), ("score", "real"),
    ("ratio", "double_precision"), ("revision", "integer"), ("code", "varchar<16>"),
    ("url", "text"), ("phone", "varchar<32>"), ("country", "varchar<2>"), ("total", "bigint"),
    ("views", "bigint"), ("label", "varchar<255>"), ("notes", "text"), ("rank", "integer"),
    ("expires_at", "timestamptz"), ("published_at", "timestamp"), ("weight", "real"),
    ("locale", "varchar<16>"), ("checksum", "varchar<64>"), ("attempts", "smallint"),
    ("balance", "numeric<10, 2>"), ("is_deleted", "boolean"), ("payload", "json"),
    ("content", "text"), ("summary", "text"), ("color", "varchar<16>"), ("level", "integer"),
]
UNIQUE_FRIENDLY = {"email", "slug", "code", "token", "external_id", "checksum", "url"}

TABLE_POOL = [
    "users", "accounts", "orders", "products", "customers", "invoices", "payments",
    "shipments", "addresses", "categories", "tags", "posts", "comments", "sessions",
    "devices", "teams", "projects", "tasks", "events", "tickets", "messages", "channels",
    "reviews", "carts", "coupons", "suppliers", "warehouses", "stock_levels", "refunds",
    "subscriptions", "plans", "audit_logs", "notifications", "attachments", "folders",
    "documents", "contracts", "employees", "departments", "roles", "permissions",
    "api_keys", "webhooks", "regions", "currencies", "exchange_rates", "reports",
    "dashboards", "widgets", "surveys", "answers", "questions", "courses", "lessons",
    "enrollments", "vendors", "assets", "licenses", "releases", "builds", "deployments",
    "incidents", "alerts", "metrics", "schedules", "bookings", "rooms", "venues",
    "playlists", "tracks", "albums", "artists", "recipes", "ingredients", "menus",
]

FK_ACTIONS = ["on_delete_cascade", "on_delete_set_null", "on_delete_restrict"]


# ---------------------------------------------------------------------------------------
# schema model

class Col:
    __slots__ = ("name", "type", "pk", "not_null", "unique", "default", "fk")

    def __init__(self, name, type_, pk=False, not_null=False, unique=False, default=None,
                 fk=None):
        self.name = name
        self.type = type_
        self.pk = pk
        self.not_null = not_null
        self.unique = unique
        self.default = default   # None | ("value", int) | ("sql", "CURRENT_TIMESTAMP")
        self.fk = fk             # None | (table, column, action)

    @property
    def kind(self):
        return TYPE_KIND[self.type]


class Table:
    def __init__(self, name, cols):
        self.name = name
        self.cols = cols   # list of Col, in order

    def col(self, name):
        for c in self.cols:
            if c.name == name:
                return c
        return None

    def has(self, name):
        return self.col(name) is not None


class Index:
    def __init__(self, name, table, cols, unique):
        self.name = name
        self.table = table
        self.cols = cols
        self.unique = unique


class State:
    def __init__(self):
        self.tables = {}    # name -> Table (insertion order = deterministic)
        self.indexes = {}   # name -> Index
        self.ever_tables = []  # every table name used so far (prefer fresh names)

    def referenced_tables(self):
        out = []
        for t in self.tables.values():
            for c in t.cols:
                if c.fk and c.fk[0] != t.name and c.fk[0] not in out:
                    out.append(c.fk[0])
        return out

    def indexed_columns(self, table):
        out = []
        for ix in self.indexes.values():
            if ix.table == table:
                out.extend(ix.cols)
        return out

    def indexes_of(self, table):
        return [ix for ix in self.indexes.values() if ix.table == table]


def cstr(s):
    """A C++ string literal."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def qid(name):
    return '"' + name + '"'


# ---------------------------------------------------------------------------------------
# rendering to the DSL

def render_col(c):
    parts = [cstr(c.name), c.type]
    if c.pk:
        parts.append("primary_key")
    if c.not_null:
        parts.append("not_null")
    if c.unique:
        parts.append("unique")
    if c.default is not None:
        if c.default[0] == "value":
            parts.append("default_value<%d>" % c.default[1])
        else:
            parts.append("default_sql<%s>" % cstr(c.default[1]))
    if c.fk is not None:
        parts.append("references<%s, %s, %s>" % (cstr(c.fk[0]), cstr(c.fk[1]), c.fk[2]))
    return "column<" + ", ".join(parts) + ">"


def render_op(op, indent):
    k = op["op"]
    if k == "create_table":
        inner = (",\n" + indent + "    ").join(render_col(c) for c in op["cols"])
        return "create_table<%s,\n%s    %s>" % (cstr(op["table"]), indent, inner)
    if k == "drop_table":
        return "drop_table<%s>" % cstr(op["table"])
    if k == "rename_table":
        return "rename_table<%s, %s>" % (cstr(op["table"]), cstr(op["new"]))
    if k == "add_column":
        return "add_column<%s, %s>" % (cstr(op["table"]), render_col(op["col"]))
    if k == "drop_column":
        return "drop_column<%s, %s>" % (cstr(op["table"]), cstr(op["column"]))
    if k == "rename_column":
        return "rename_column<%s, %s, %s>" % (cstr(op["table"]), cstr(op["column"]),
                                              cstr(op["new"]))
    if k == "alter_column":
        acts = []
        for a in op["actions"]:
            if a[0] == "set_type":
                acts.append("set_type<%s>" % a[1])
            elif a[0] == "set_default":
                acts.append("set_default<default_value<%d>>" % a[1])
            else:
                acts.append(a[0])
        return "alter_column<%s, %s, %s>" % (cstr(op["table"]), cstr(op["column"]),
                                             ", ".join(acts))
    if k in ("create_index", "create_unique_index"):
        return "%s<%s>" % (k, ", ".join(cstr(x) for x in [op["name"], op["table"]] + op["cols"]))
    if k == "drop_index":
        return "drop_index<%s>" % cstr(op["name"])
    if k == "execute":
        return "execute<%s, %s>" % (cstr(op["up"]), cstr(op["down"]))
    raise AssertionError(k)


# ---------------------------------------------------------------------------------------
# approximate SQL (only for --mode floor without --floor-from)

def col_sql(c, dialect):
    s = "%s %s" % (qid(c.name), sql_type(c.type, dialect))
    if c.pk:
        s += " PRIMARY KEY"
    if c.not_null:
        s += " NOT NULL"
    if c.unique:
        s += " UNIQUE"
    if c.default is not None:
        s += " DEFAULT %s" % (c.default[1],)
    if c.fk is not None:
        s += " REFERENCES %s (%s) ON DELETE %s" % (
            qid(c.fk[0]), qid(c.fk[1]), c.fk[2][len("on_delete_"):].replace("_", " ").upper())
    return s


def create_table_sql(t, dialect):
    return "CREATE TABLE %s (%s);" % (qid(t.name), ", ".join(col_sql(c, dialect) for c in t.cols))


def index_sql(ix):
    return "CREATE %sINDEX %s ON %s (%s);" % ("UNIQUE " if ix.unique else "", qid(ix.name),
                                              qid(ix.table), ", ".join(qid(c) for c in ix.cols))


def rebuild_sql(state, table):
    t = state.tables[table]
    tmp = copy.copy(t)
    tmp.name = "strata_new_" + table
    cols = ", ".join(qid(c.name) for c in t.cols)
    out = [create_table_sql(tmp, "sqlite"),
           "INSERT INTO %s (%s) SELECT %s FROM %s;" % (qid(tmp.name), cols, cols, qid(table)),
           "DROP TABLE %s;" % qid(table),
           "ALTER TABLE %s RENAME TO %s;" % (qid(tmp.name), qid(table))]
    out += [index_sql(ix) for ix in state.indexes_of(table)]
    out.append("PRAGMA foreign_key_check(%s);" % qid(table))
    return "\n".join(out)


def approx_sql(op, before, after, dialect):
    """(up, down) SQL text for one operation, approximately what strata would generate."""
    k = op["op"]
    t = op.get("table")
    if k == "create_table":
        return create_table_sql(after.tables[t], dialect), "DROP TABLE %s;" % qid(t)
    if k == "drop_table":
        return "DROP TABLE %s;" % qid(t), create_table_sql(before.tables[t], dialect)
    if k == "rename_table":
        f = "ALTER TABLE %s RENAME TO %s;"
        return f % (qid(t), qid(op["new"])), f % (qid(op["new"]), qid(t))
    if k == "add_column":
        up = "ALTER TABLE %s ADD COLUMN %s;" % (qid(t), col_sql(op["col"], dialect))
        return up, "ALTER TABLE %s DROP COLUMN %s;" % (qid(t), qid(op["col"].name))
    if k == "drop_column":
        c = before.tables[t].col(op["column"])
        return ("ALTER TABLE %s DROP COLUMN %s;" % (qid(t), qid(c.name)),
                "ALTER TABLE %s ADD COLUMN %s;" % (qid(t), col_sql(c, dialect)))
    if k == "rename_column":
        f = "ALTER TABLE %s RENAME COLUMN %s TO %s;"
        return (f % (qid(t), qid(op["column"]), qid(op["new"])),
                f % (qid(t), qid(op["new"]), qid(op["column"])))
    if k == "alter_column":
        if dialect == "sqlite":
            return rebuild_sql(after, t), rebuild_sql(before, t)
        c = qid(op["column"])
        up, down = [], []
        old = before.tables[t].col(op["column"])
        for a in op["actions"]:
            if a[0] == "set_type":
                up.append("ALTER TABLE %s ALTER COLUMN %s TYPE %s;" % (qid(t), c, sql_type(a[1], dialect)))
                down.append("ALTER TABLE %s ALTER COLUMN %s TYPE %s;" % (qid(t), c, sql_type(old.type, dialect)))
            elif a[0] == "set_not_null":
                up.append("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;" % (qid(t), c))
                down.append("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;" % (qid(t), c))
            elif a[0] == "drop_not_null":
                up.append("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;" % (qid(t), c))
                down.append("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;" % (qid(t), c))
            elif a[0] == "set_default":
                up.append("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %d;" % (qid(t), c, a[1]))
                down.append("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;" % (qid(t), c))
            else:
                up.append("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;" % (qid(t), c))
                down.append("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;" % (qid(t), c, old.default[1] if old.default else "NULL"))
        return "\n".join(up), "\n".join(reversed(down))
    if k in ("create_index", "create_unique_index"):
        return index_sql(after.indexes[op["name"]]), "DROP INDEX %s;" % qid(op["name"])
    if k == "drop_index":
        return "DROP INDEX %s;" % qid(op["name"]), index_sql(before.indexes[op["name"]])
    if k == "execute":
        return op["up"] + ";", op["down"] + ";"
    raise AssertionError(k)


# ---------------------------------------------------------------------------------------
# the generator

class Generator:
    def __init__(self, n, seed):
        self.n = n
        self.seed = seed
        self.rng = random.Random(seed)
        self.state = State()
        self.target_tables = min(50, max(2, n // 2))
        # tables are created during the first ~10% of the history (at least 2 migrations)
        self.creation_span = max(2.0, 0.1 * n)
        self.index_counter = 0
        self.name_counter = 0
        self.migrations = []   # list of (version, name, [op])

    # -- names -------------------------------------------------------------------------

    def fresh_table_name(self):
        fresh = [t for t in TABLE_POOL if t not in self.state.ever_tables]
        if fresh:
            name = self.rng.choice(fresh)
        else:
            base = self.rng.choice(TABLE_POOL)
            while True:
                self.name_counter += 1
                name = "%s_%d" % (base, self.name_counter)
                if name not in self.state.tables and name not in self.state.ever_tables:
                    break
        self.state.ever_tables.append(name)
        return name

    def fresh_col_name(self, table, base):
        if table is None or not table.has(base):
            return base
        base = strip_suffix(base)
        while True:
            self.name_counter += 1
            name = "%s_%d" % (base, self.name_counter)
            if not table.has(name):
                return name[:MAX_IDENT]

    def fresh_index_name(self, table, cols, unique):
        suffix = "_uidx" if unique else "_idx"
        base = ("%s_%s" % (table, "_".join(cols)))[:MAX_IDENT - len(suffix) - 6]
        name = base + suffix
        while name in self.state.indexes or name in self.state.tables:
            self.index_counter += 1
            name = "%s%s_%d" % (base, suffix, self.index_counter)
        return name

    # -- columns -----------------------------------------------------------------------

    def pool_col(self, table, allow_unique, for_add):
        r = self.rng
        name, type_ = r.choice(COLUMN_POOL)
        name = self.fresh_col_name(table, name)
        c = Col(name, type_)
        kind = c.kind
        if for_add:
            # ADD COLUMN: nullable, or NOT NULL with a constant default
            if kind in ("int", "num") and r.random() < 0.45:
                c.default = ("value", 0)
                c.not_null = r.random() < 0.5
            return c
        if kind == "ts" and (name in ("created_at", "updated_at") or r.random() < 0.3):
            if r.random() < 0.7:
                c.default = ("sql", "CURRENT_TIMESTAMP")
                c.not_null = r.random() < 0.7
        elif kind in ("int", "num") and r.random() < 0.4:
            c.default = ("value", 0)
            c.not_null = r.random() < 0.6
        elif kind in ("text", "uuid", "bool", "date") and r.random() < 0.35:
            c.not_null = True
        if allow_unique and kind in ("text", "uuid") and (
                (name in UNIQUE_FRIENDLY and r.random() < 0.5) or r.random() < 0.05):
            c.unique = True
        return c

    def fk_col(self, table, ref, nullable_only):
        r = self.rng
        action = r.choice(FK_ACTIONS)
        if nullable_only:
            action = "on_delete_set_null"
        name = self.fresh_col_name(table, (ref[:MAX_IDENT - 3] + "_id"))
        not_null = (action != "on_delete_set_null") and r.random() < 0.6 and not nullable_only
        return Col(name, "bigint", not_null=not_null, fk=(ref, "id", action))

    # -- operations ----------------------------------------------------------------------
    # Each op_* returns a list of ops (already applied to the state) or None when no
    # candidate fits.

    def pick_table(self, candidates, prefer):
        if not candidates:
            return None
        if prefer in candidates and self.rng.random() < 0.6:
            return prefer
        return self.rng.choice(candidates)

    def op_create_table(self, prefer):
        r = self.rng
        name = self.fresh_table_name()
        t = Table(name, [Col("id", "bigint", pk=True)])
        ncols = r.randint(3, 8)
        existing = list(self.state.tables)
        nfk = 0
        if existing and r.random() < 0.55:
            nfk = 1 if r.random() < 0.75 else 2
        for ref in r.sample(existing, min(nfk, len(existing))):
            if len(t.cols) < ncols:
                t.cols.append(self.fk_col(t, ref, False))
        while len(t.cols) < ncols:
            t.cols.append(self.pool_col(t, True, False))
        self.state.tables[name] = t
        return [{"op": "create_table", "table": name, "cols": [copy.copy(c) for c in t.cols]}]

    def droppable_tables(self):
        refd = self.state.referenced_tables()
        return [t for t in self.state.tables if t not in refd]

    def op_drop_table(self, prefer):
        cands = self.droppable_tables()
        t = self.pick_table(cands, prefer)
        if t is None:
            return None
        ops = []
        for ix in self.state.indexes_of(t):
            ops.append({"op": "drop_index", "name": ix.name})
            del self.state.indexes[ix.name]
        ops.append({"op": "drop_table", "table": t})
        del self.state.tables[t]
        return ops

    def op_rename_table(self, prefer):
        t = self.pick_table(self.droppable_tables(), prefer)
        if t is None:
            return None
        new = self.fresh_table_name()
        tab = self.state.tables.pop(t)
        tab.name = new
        self.state.tables[new] = tab
        for ix in self.state.indexes.values():
            if ix.table == t:
                ix.table = new
        return [{"op": "rename_table", "table": t, "new": new}]

    def op_add_column(self, prefer):
        r = self.rng
        t = self.pick_table(list(self.state.tables), prefer)
        if t is None:
            return None
        tab = self.state.tables[t]
        others = [x for x in self.state.tables if x != t]
        if others and r.random() < 0.1:
            c = self.fk_col(tab, r.choice(others), True)
        else:
            c = self.pool_col(tab, False, True)
        tab.cols.append(c)
        return [{"op": "add_column", "table": t, "col": copy.copy(c)}]

    def plain_cols(self, t):
        """Columns that no index, key, unique constraint or foreign key uses."""
        tab = self.state.tables[t]
        used = self.state.indexed_columns(t)
        return [c for c in tab.cols
                if not c.pk and not c.unique and c.fk is None and c.name not in used]

    def op_drop_column(self, prefer):
        cands = []
        for t, tab in self.state.tables.items():
            if len(tab.cols) <= 2:
                continue
            if any(self.droppable_col(c) for c in self.plain_cols(t)):
                cands.append(t)
        # prefer wide tables
        t = self.pick_table(cands, prefer)
        if t is None:
            return None
        tab = self.state.tables[t]
        if len(tab.cols) < 6 and self.rng.random() < 0.5 and t != prefer:
            wide = [x for x in cands if len(self.state.tables[x].cols) >= 6]
            if wide:
                t = self.rng.choice(wide)
                tab = self.state.tables[t]
        c = self.rng.choice([c for c in self.plain_cols(t) if self.droppable_col(c)])
        tab.cols.remove(c)
        return [{"op": "drop_column", "table": t, "column": c.name}]

    @staticmethod
    def droppable_col(c):
        # its down re-adds it: nullable, or NOT NULL with a constant default
        return (not c.not_null) or (c.default is not None and c.default[0] == "value")

    def op_rename_column(self, prefer):
        cands = [t for t in self.state.tables if self.plain_cols(t)]
        t = self.pick_table(cands, prefer)
        if t is None:
            return None
        tab = self.state.tables[t]
        c = self.rng.choice(self.plain_cols(t))
        old = c.name
        base = strip_suffix(old)
        alt = {"name": "full_name", "email": "email_address", "title": "heading",
               "description": "details", "url": "link", "notes": "remarks",
               "phone": "phone_number", "score": "rating", "rank": "ordering"}.get(base)
        if alt is None or tab.has(alt):
            self.name_counter += 1
            alt = ("%s_%d" % (base, self.name_counter))[:MAX_IDENT]
        c.name = alt
        return [{"op": "rename_column", "table": t, "column": old, "new": alt}]

    def alter_actions(self, c):
        """Possible alter_column actions for column c, or [] if none."""
        if c.pk or c.fk is not None:
            return []
        acts = []
        kind = c.kind
        if kind == "text":
            acts.append(("set_type", "text" if c.type == "varchar<200>" else "varchar<200>"))
        elif c.type in ("smallint", "integer"):
            acts.append(("set_type", "integer" if c.type == "smallint" else "bigint"))
        if c.not_null:
            acts.append(("drop_not_null",))
        elif c.default is not None:
            acts.append(("set_not_null",))
        if kind in ("int", "num") and c.default != ("value", 1):
            acts.append(("set_default", 1))
        if c.default is not None:
            acts.append(("drop_default",))
        return acts

    def op_alter_column(self, prefer):
        cands = [t for t, tab in self.state.tables.items()
                 if any(self.alter_actions(c) for c in tab.cols)]
        t = self.pick_table(cands, prefer)
        if t is None:
            return None
        tab = self.state.tables[t]
        c = self.rng.choice([c for c in tab.cols if self.alter_actions(c)])
        acts = self.alter_actions(c)
        k = 1 if self.rng.random() < 0.7 else 2
        chosen = self.rng.sample(acts, min(k, len(acts)))
        names = [a[0] for a in chosen]
        # set_not_null relies on the default the column already has
        if "set_not_null" in names and "drop_default" in names:
            chosen = [a for a in chosen if a[0] != "drop_default"]
        if "set_default" in names and "drop_default" in names:
            chosen = [a for a in chosen if a[0] != "drop_default"]
        order = ["set_type", "set_not_null", "drop_not_null", "set_default", "drop_default"]
        chosen.sort(key=lambda a: order.index(a[0]))
        for a in chosen:
            if a[0] == "set_type":
                c.type = a[1]
            elif a[0] == "set_not_null":
                c.not_null = True
            elif a[0] == "drop_not_null":
                c.not_null = False
            elif a[0] == "set_default":
                c.default = ("value", a[1])
            elif a[0] == "drop_default":
                c.default = None
        return [{"op": "alter_column", "table": t, "column": c.name, "actions": chosen}]

    def indexable(self, c):
        return c.kind not in ("json",) and not c.pk

    def op_create_index(self, prefer, unique=False):
        r = self.rng
        cands = []
        for t, tab in self.state.tables.items():
            cols = [c for c in tab.cols if self.indexable(c)]
            if unique:
                cols = [c for c in cols if c.kind in ("text", "uuid", "int")
                        and c.fk is None and not c.unique]
            if cols and len(self.state.indexes_of(t)) < 8:
                cands.append(t)
        t = self.pick_table(cands, prefer)
        if t is None:
            return None
        tab = self.state.tables[t]
        cols = [c for c in tab.cols if self.indexable(c)]
        if unique:
            cols = [c for c in cols if c.kind in ("text", "uuid", "int")
                    and c.fk is None and not c.unique]
        existing = [tuple(ix.cols) for ix in self.state.indexes_of(t)]
        for _ in range(6):
            k = 1 if (unique or len(cols) < 2 or r.random() < 0.7) else 2
            pick = [c.name for c in r.sample(cols, k)]
            if tuple(pick) not in existing:
                break
        else:
            return None
        name = self.fresh_index_name(t, pick, unique)
        self.state.indexes[name] = Index(name, t, pick, unique)
        return [{"op": "create_unique_index" if unique else "create_index", "name": name,
                 "table": t, "cols": list(pick)}]

    def op_create_unique_index(self, prefer):
        return self.op_create_index(prefer, unique=True)

    def op_drop_index(self, prefer):
        if not self.state.indexes:
            return None
        names = list(self.state.indexes)
        if prefer is not None and self.rng.random() < 0.6:
            mine = [n for n in names if self.state.indexes[n].table == prefer]
            if mine:
                names = mine
        name = self.rng.choice(names)
        del self.state.indexes[name]
        return [{"op": "drop_index", "name": name}]

    def op_execute(self, prefer):
        def cols_of(t):
            uniq = [c for ix in self.state.indexes_of(t) if ix.unique for c in ix.cols]
            return [c for c in self.state.tables[t].cols
                    if c.kind in ("int", "num") and not c.pk and not c.unique
                    and c.fk is None and c.name not in uniq]
        cands = [t for t in self.state.tables if cols_of(t)]
        t = self.pick_table(cands, prefer)
        if t is None:
            return None
        c = self.rng.choice(cols_of(t))
        up = 'UPDATE %s SET %s = %s + 1 WHERE %s IS NOT NULL' % (qid(t), qid(c.name), qid(c.name), qid(c.name))
        down = 'UPDATE %s SET %s = %s - 1 WHERE %s IS NOT NULL' % (qid(t), qid(c.name), qid(c.name), qid(c.name))
        return [{"op": "execute", "table": t, "up": up, "down": down}]

    # -- mix -----------------------------------------------------------------------------

    MIX = [  # (op, weight) once the tables exist
        ("add_column", 24), ("alter_column", 15), ("create_index", 11),
        ("create_unique_index", 4), ("rename_column", 8), ("drop_column", 9),
        ("drop_index", 7), ("execute", 2), ("rename_table", 2), ("drop_table", 1.2),
    ]

    def choose_kind(self, v):
        st = self.state
        ntab = len(st.tables)
        span = int(self.creation_span + 0.5)
        target = min(self.target_tables,
                     max(3, -(-self.target_tables * v // span)))
        if ntab == 0:
            return "create_table"
        if ntab < target:
            if self.rng.random() < 0.65:
                return "create_table"
        elif ntab < self.target_tables and self.rng.random() < 0.05:
            return "create_table"   # replace dropped tables
        mix = list(self.MIX)
        if ntab <= max(2, self.target_tables * 0.8):
            mix = [m for m in mix if m[0] != "drop_table"]
        # keep indexes and widths in check
        nix = len(st.indexes)
        if nix > 4 * max(ntab, 1):
            mix = [(k, w * (3 if k == "drop_index" else 1)) for k, w in mix]
        avg_cols = sum(len(t.cols) for t in st.tables.values()) / ntab
        if avg_cols > 14:
            mix = [(k, w * (3 if k == "drop_column" else 1)) for k, w in mix]
        total = sum(w for _, w in mix)
        x = self.rng.random() * total
        for k, w in mix:
            x -= w
            if x < 0:
                return k
        return mix[-1][0]

    def one_op(self, v, prefer):
        for _ in range(50):
            kind = self.choose_kind(v)
            ops = getattr(self, "op_" + kind)(prefer)
            if ops:
                return ops
        return self.op_create_table(prefer)

    def generate(self):
        sizes = [1, 2, 3, 4, 5]
        weights = [10, 20, 35, 20, 15]
        for v in range(1, self.n + 1):
            nops = self.rng.choices(sizes, weights)[0]
            ops = []
            prefer = None
            while len(ops) < nops:
                got = self.one_op(v, prefer)
                ops.extend(got)
                last = got[-1]
                prefer = last.get("new") if last["op"] == "rename_table" else last.get("table")
                if prefer not in self.state.tables:
                    prefer = None
            self.migrations.append((v, "%s %d" % (describe(ops[0])[:48], v), ops))
        return self


def strip_suffix(name):
    parts = name.split("_")
    while len(parts) > 1 and parts[-1].isdigit():
        parts.pop()
    return "_".join(parts)


def describe(op):
    k = op["op"]
    if k == "create_table":
        return "create " + op["table"]
    if k == "drop_table":
        return "drop " + op["table"]
    if k == "rename_table":
        return "rename %s to %s" % (op["table"], op["new"])
    if k == "add_column":
        return "add %s.%s" % (op["table"], op["col"].name)
    if k == "drop_column":
        return "drop %s.%s" % (op["table"], op["column"])
    if k == "rename_column":
        return "rename %s.%s" % (op["table"], op["column"])
    if k == "alter_column":
        return "alter %s.%s" % (op["table"], op["column"])
    if k in ("create_index", "create_unique_index"):
        return "index " + op["table"]
    if k == "drop_index":
        return "drop index " + op["name"]
    return "backfill " + op["table"]


# ---------------------------------------------------------------------------------------
# emitting

def emit_chain(gen, out):
    out.append("using namespace strata::dsl;")
    out.append("")
    for v, name, ops in gen.migrations:
        body = ",\n    ".join(render_op(op, "    ") for op in ops)
        out.append("using m%d = strata::migration<%d, %s,\n    %s>;" % (v, v, cstr(name), body))
    out.append("")
    names = ", ".join("m%d" % v for v, _, _ in gen.migrations)
    out.append("using history = strata::chain<%s>;" % names)
    out.append("")


def emit_asserts(gen, out):
    st = gen.state
    rng = random.Random(gen.n * 7919 + 17)
    out.append("static_assert(history::head == %d);" % gen.n)
    tables = list(st.tables)
    for t in rng.sample(tables, min(2, len(tables))):
        out.append("static_assert(history::schema::has_table<%s>);" % cstr(t))
    for t in rng.sample(tables, min(2, len(tables))):
        c = rng.choice(st.tables[t].cols[1:] or st.tables[t].cols)
        out.append("static_assert(history::schema::has_column<%s, %s>);" % (cstr(t), cstr(c.name)))
    out.append("")


def header(args, mode):
    if args.n is None:
        first = "// Generated by benchmarks/compile_time/generate.py --mode %s" % mode
    else:
        first = "// Generated by benchmarks/compile_time/generate.py --n %d --mode %s --seed %d" % (
            args.n, mode, args.seed)
    return [first, "// Do not edit: regenerate instead.", ""]


def emit_check(gen, args):
    out = header(args, "check")
    out.append("#include <strata/strata.hpp>")
    out.append("")
    emit_chain(gen, out)
    emit_asserts(gen, out)
    out.append("int main() {}")
    return out


def emit_sql(gen, args):
    out = header(args, "sql")
    out.append("#include <strata/strata.hpp>")
    out.append("")
    out.append("#include <cstdio>")
    out.append("#include <string_view>")
    out.append("")
    emit_chain(gen, out)
    emit_asserts(gen, out)
    out.append("constexpr auto& s = strata::chain_sql<strata::sqlite, history>::migrations;")
    out.append("constexpr auto& p = strata::chain_sql<strata::postgres, history>::migrations;")
    out.append("")
    out.append("static void put(std::string_view x) { std::fwrite(x.data(), 1, x.size(), stdout); }")
    out.append("")
    out.append("int main() {")
    out.append("    for (std::size_t i = 0; i < s.size(); ++i) {")
    out.append('        std::printf("-- %llu\\n", static_cast<unsigned long long>(s[i].version));')
    out.append('        put("-- sqlite up\\n"); put(s[i].up_sql()); put("\\n");')
    out.append('        put("-- sqlite down\\n"); put(s[i].down_sql()); put("\\n");')
    out.append('        put("-- postgres up\\n"); put(p[i].up_sql()); put("\\n");')
    out.append('        put("-- postgres down\\n"); put(p[i].down_sql()); put("\\n");')
    out.append("    }")
    out.append("}")
    return out


def emit_app(gen, args):
    """What an application's start-up translation unit compiles: the chain, checked, and the
    generator of the one dialect it runs on (SQLite), run when the program starts."""
    out = header(args, "app")
    out.append("#include <strata/strata.hpp>")
    out.append("")
    out.append("#include <cstdio>")
    out.append("")
    emit_chain(gen, out)
    emit_asserts(gen, out)
    out.append("int main() {")
    out.append("    const auto g = strata::generate_sql<strata::sqlite, history>();")
    out.append("    const auto s = g.migrations();")
    out.append("    std::size_t n = 0;")
    out.append("    for (const auto& m : s) n += m.up_sql().size() + m.down_sql().size();")
    out.append('    std::printf("%zu migrations, %zu bytes of SQLite SQL\\n", s.size(), n);')
    out.append("}")
    return out


# The headers an application includes: the DSL (umbrella), both backends, the start-up helper
# and the CLI (as examples/cli.cpp does).
APP_HEADERS = ["strata/cli.hpp", "strata/postgres.hpp", "strata/sqlite.hpp", "strata/startup.hpp",
               "strata/strata.hpp"]


def emit_real_app(gen, args):
    """A real application's main translation unit, as examples/cli.cpp has it: the chain, the
    verbs of strata::cli::run on `app db ...` (SQLite by default), else migrate_on_startup on
    a SQLite connection. Both are called, so their templates are instantiated for the chain."""
    out = header(args, "real_app")
    out.append("#include <cstdio>")
    out.append("#include <exception>")
    out.append("#include <string_view>")
    out.append("")
    out.extend("#include <%s>" % h for h in APP_HEADERS)
    out.append("")
    emit_chain(gen, out)
    emit_asserts(gen, out)
    out.append("int main(int argc, char** argv) try {")
    out.append('    if (argc > 1 && std::string_view(argv[1]) == "db")')
    out.append('        return strata::cli::run<history>(argc - 1, argv + 1, {.program = "app db", .database = "sqlite:app.db"});')
    out.append('    strata::sqlite::connection db{argc > 1 ? argv[1] : "app.db"};')
    out.append('    auto started = strata::migrate_on_startup<history>(db, {.version = "1.0.0"});')
    out.append('    std::printf("serving at version %llu\\n", static_cast<unsigned long long>(started.migrations.to));')
    out.append("    return started.background.wait().ok() ? 0 : 1;")
    out.append("} catch (const std::exception& e) {")
    out.append('    std::fprintf(stderr, "%s\\n", e.what());')
    out.append("    return 1;")
    out.append("}")
    return out


def emit_baseline(args):
    """The unit the issue's goals are ratios of: a few standard headers and fmt, nothing else."""
    out = header(args, "baseline")
    out += ["#include <map>", "#include <string>", "#include <vector>", "", "#include <fmt/core.h>", "",
            "int main() {}"]
    return out


def emit_dsl(args):
    """What including the DSL (the umbrella header) costs, with no history."""
    return header(args, "dsl") + ["#include <strata/strata.hpp>", "", "int main() {}"]


def emit_headers(args):
    """What including every header of a real application costs, with no history."""
    return header(args, "headers") + ["#include <%s>" % h for h in APP_HEADERS] + ["", "int main() {}"]


def emit_headers_sqlite(args):
    """The headers of the README's SQLite application (no postgres.hpp, so no libpqxx), with no
    history: what a SQLite-only application includes."""
    return header(args, "headers_sqlite") + ["#include <%s>" % h for h in APP_HEADERS if h != "strata/postgres.hpp"] + [
        "", "int main() {}"]


def snapshot(st, op):
    """A copy of the parts of st that approx_sql reads for op."""
    snap = State()
    t = op.get("table")
    if t in st.tables:
        snap.tables[t] = copy.deepcopy(st.tables[t])
    for name, ix in st.indexes.items():
        if ix.table == t or name == op.get("name"):
            snap.indexes[name] = copy.deepcopy(ix)
    return snap


def approx_migration_text(gen):
    """What the sql-mode program would print, approximately: replays the history."""
    st = State()
    text = []
    for v, _, ops in gen.migrations:
        ups = {"sqlite": [], "postgres": []}
        downs = {"sqlite": [], "postgres": []}
        for op in ops:
            before = snapshot(st, op)
            apply_op(st, op)
            after = snapshot(st, op)
            if op["op"] == "rename_table":
                after = snapshot(st, dict(op, table=op["new"]))
            for d in ("sqlite", "postgres"):
                up, down = approx_sql(op, before, after, d)
                ups[d].append(up)
                downs[d].insert(0, down)
        text.append("-- %d\n" % v)
        for d in ("sqlite", "postgres"):
            text.append("-- %s up\n%s\n" % (d, "\n".join(ups[d])))
            text.append("-- %s down\n%s\n" % (d, "\n".join(downs[d])))
    return "".join(text)


def apply_op(st, op):
    """Apply an op to a State (used to replay groups for the approximate floor)."""
    k = op["op"]
    if k == "create_table":
        st.tables[op["table"]] = Table(op["table"], [copy.copy(c) for c in op["cols"]])
    elif k == "drop_table":
        del st.tables[op["table"]]
    elif k == "rename_table":
        tab = st.tables.pop(op["table"])
        tab.name = op["new"]
        st.tables[op["new"]] = tab
        for ix in st.indexes.values():
            if ix.table == op["table"]:
                ix.table = op["new"]
    elif k == "add_column":
        st.tables[op["table"]].cols.append(copy.copy(op["col"]))
    elif k == "drop_column":
        tab = st.tables[op["table"]]
        tab.cols.remove(tab.col(op["column"]))
    elif k == "rename_column":
        st.tables[op["table"]].col(op["column"]).name = op["new"]
    elif k == "alter_column":
        c = st.tables[op["table"]].col(op["column"])
        for a in op["actions"]:
            if a[0] == "set_type":
                c.type = a[1]
            elif a[0] == "set_not_null":
                c.not_null = True
            elif a[0] == "drop_not_null":
                c.not_null = False
            elif a[0] == "set_default":
                c.default = ("value", a[1])
            else:
                c.default = None
    elif k in ("create_index", "create_unique_index"):
        st.indexes[op["name"]] = Index(op["name"], op["table"], list(op["cols"]),
                                       k == "create_unique_index")
    elif k == "drop_index":
        del st.indexes[op["name"]]


def emit_floor(gen, args):
    if args.floor_from:
        with open(args.floor_from, "r", encoding="utf-8", errors="replace") as f:
            text = f.read()
        source = "the output of a compiled sql-mode program (%s)" % args.floor_from
    else:
        text = approx_migration_text(gen)
        source = "approximate SQL made by generate.py (no --floor-from given)"
    # one string per printed migration block ("-- V" line starts a block)
    chunks = []
    cur = []
    for line in text.splitlines(keepends=True):
        if line.startswith("-- ") and line[3:].strip().isdigit() and cur:
            chunks.append("".join(cur))
            cur = []
        cur.append(line)
    if cur:
        chunks.append("".join(cur))
    out = header(args, "floor")
    out.append("// The compile floor: the same amount of SQL text as constant strings,")
    out.append("// no strata include. SQL text from %s: %d bytes." % (source, len(text)))
    out.append("")
    out.append("#include <cstdio>")
    out.append("#include <string_view>")
    out.append("")
    out.append("using namespace std::string_view_literals;")
    out.append("")
    out.append("// (sv literals: their length is known, nothing is counted at compile time)")
    out.append("constexpr std::string_view sql[] = {")
    for ch in chunks:
        out.append("    " + cstr(ch) + "sv,")
    if not chunks:
        out.append('    "",')
    out.append("};")
    out.append("")
    out.append("int main() {")
    out.append("    std::size_t total = 0;")
    out.append("    for (auto x : sql) total += x.size();")
    out.append('    std::printf("%zu\\n", total);')
    out.append("}")
    return out


def build(n, seed):
    return Generator(n, seed).generate()


def main(argv=None):
    chain_modes = {"check": emit_check, "app": emit_app, "sql": emit_sql, "real_app": emit_real_app,
                   "floor": emit_floor}
    fixed_modes = {"baseline": emit_baseline, "dsl": emit_dsl, "headers": emit_headers,
                   "headers_sqlite": emit_headers_sqlite}
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, help="number of migrations (modes with a history)")
    ap.add_argument("--mode", choices=list(chain_modes) + list(fixed_modes), required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--floor-from", help="stdout of a compiled sql-mode program (floor mode)")
    ap.add_argument("-o", "--output", required=True, help="output .cpp ('-' for stdout)")
    args = ap.parse_args(argv)
    if args.mode in fixed_modes:
        if args.n is not None:
            ap.error("--mode %s has no history: no --n" % args.mode)
        lines = fixed_modes[args.mode](args)
    else:
        if args.n is None or args.n < 1:
            ap.error("--mode %s needs --n of at least 1" % args.mode)
        lines = chain_modes[args.mode](build(args.n, args.seed), args)
    text = "\n".join(lines) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
