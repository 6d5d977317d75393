#pragma once
// The bodies of detail/runtime/schema_facts.hpp: included by it in a header-only build, compiled
// once in strata::runtime (<strata/src.hpp>) with STRATA_SEPARATE_COMPILATION.
#include <cstdio>
#include <strata/detail/dependent.hpp>
#include <strata/detail/algorithm.hpp>

#include <strata/detail/runtime/schema_facts.hpp>

namespace strata::detail {

STRATA_LAZY_DEF STRATA_INLINE std::string dsl_type(const type_desc& t) {
    switch (t.kind) {
        case type_kind::smallint: return "smallint";
        case type_kind::integer: return "integer";
        case type_kind::bigint: return "bigint";
        case type_kind::real: return "real";
        case type_kind::double_precision: return "double_precision";
        case type_kind::numeric: return "numeric<" + std::to_string(t.p) + ", " + std::to_string(t.s) + ">";
        case type_kind::text: return "text";
        case type_kind::varchar: return t.p == unlimited_length ? "varchar<>" : "varchar<" + std::to_string(t.p) + ">";
        case type_kind::character: return "character<" + std::to_string(t.p) + ">";
        case type_kind::boolean: return "boolean";
        case type_kind::date: return "date";
        case type_kind::timestamp: return "timestamp";
        case type_kind::timestamptz: return "timestamptz";
        case type_kind::uuid: return "uuid";
        case type_kind::json: return "json";
        case type_kind::jsonb: return "jsonb";
        case type_kind::blob: return "blob";
        case type_kind::enumeration: return "enum_type<\"" + std::string(t.enum_name) + "\">";
        case type_kind::none: break;
    }
    return "?";
}

STRATA_LAZY_DEF STRATA_INLINE std::string fact_type(dialect_id d, const type_desc& t) {
    const bool pg = d == dialect_id::postgres;
    switch (t.kind) {  // PostgreSQL: as format_type() prints it; SQLite: as declared
        case type_kind::smallint: return pg ? "smallint" : "INTEGER";
        case type_kind::integer: return pg ? "integer" : "INTEGER";
        case type_kind::bigint: return pg ? "bigint" : "INTEGER";
        case type_kind::real: return pg ? "real" : "REAL";
        case type_kind::double_precision: return pg ? "double precision" : "REAL";
        case type_kind::numeric:
            return (pg ? "numeric(" : "NUMERIC(") + std::to_string(t.p) + (pg ? "," : ", ") + std::to_string(t.s) + ")";
        case type_kind::text: return pg ? "text" : "TEXT";
        case type_kind::varchar:
            if (t.p == unlimited_length) return pg ? "character varying" : "VARCHAR";
            return (pg ? "character varying(" : "VARCHAR(") + std::to_string(t.p) + ")";
        case type_kind::character: return (pg ? "character(" : "CHAR(") + std::to_string(t.p) + ")";
        case type_kind::boolean: return pg ? "boolean" : "BOOLEAN";
        case type_kind::date: return pg ? "date" : "DATE";
        case type_kind::timestamp: return pg ? "timestamp without time zone" : "TIMESTAMP";
        case type_kind::timestamptz: return pg ? "timestamp with time zone" : "TIMESTAMP";
        case type_kind::uuid: return pg ? "uuid" : "TEXT";
        case type_kind::json: return pg ? "json" : "TEXT";
        case type_kind::jsonb: return pg ? "jsonb" : "TEXT";
        case type_kind::blob: return pg ? "bytea" : "BLOB";
        case type_kind::enumeration: return pg ? std::string(t.enum_name) : "TEXT";
        case type_kind::none: break;
    }
    return "?";
}

STRATA_LAZY_DEF STRATA_INLINE std::string fact_default(dialect_id d, const default_desc& v) {
    switch (v.kind) {
        case default_kind::none: return "";
        case default_kind::integer: return std::string(v.text);
        case default_kind::boolean: return d == dialect_id::postgres ? (v.text == "1" ? "true" : "false") : std::string(v.text);
        case default_kind::string: {  // as SQL writes it, quotes doubled (and as both databases print it)
            std::string q(1, '\'');  // (not "'" + std::string: g++ 12 -O2 warns -Wrestrict on it, PR 105329)
            for (char c : v.text) {
                q.push_back(c);
                if (c == '\'') q.push_back(c);
            }
            q.push_back('\'');
            return q;
        }
        case default_kind::sql: {
            // PostgreSQL prints an expression its own way: both sides go to one spelling.
            // SQLite keeps the text, without the white space around it.
            // DEFAULT NULL is no default: PostgreSQL keeps none for it, SQLite's live side reads it so
            if (d == dialect_id::postgres) {
                std::string e = pg_canonical_default(v.text);
                return e == "null" ? std::string() : e;
            }
            const std::size_t from = v.text.find_first_not_of(" \t\r\n\f\v");
            if (from == std::string_view::npos) return "";
            const std::string_view e = v.text.substr(from, v.text.find_last_not_of(" \t\r\n\f\v") + 1 - from);
            return sql_iequal(e, "null") ? std::string() : std::string(e);
        }
    }
    return "?";
}

STRATA_LAZY_DEF STRATA_INLINE std::string fact_column_default(dialect_id d, const type_desc& t, const default_desc& v) {
    if (d != dialect_id::postgres || t.kind != type_kind::timestamptz || v.kind != default_kind::string) return fact_default(d, v);
    // strata's one form (state.hpp, canonical_text): YYYY-MM-DD HH:MM:SS[.ffffff] and +HH or +HH:MM
    const std::string_view x = v.text;
    auto number = [&](std::size_t at, std::size_t n) {
        long long r = 0;
        for (std::size_t i = at; i < at + n && i < x.size(); ++i) r = r * 10 + (x[i] - '0');
        return r;
    };
    if (x.size() < 22) return fact_default(d, v);
    std::size_t i = 19;
    std::string fraction;
    if (x[i] == '.')
        for (++i; i < x.size() && x[i] >= '0' && x[i] <= '9'; ++i) fraction += x[i];
    if (i + 3 > x.size() || (x[i] != '+' && x[i] != '-')) return fact_default(d, v);
    const long long sign = x[i] == '-' ? -1 : 1;
    long long offset = number(i + 1, 2) * 60;
    if (i + 6 <= x.size() && x[i + 3] == ':') offset += number(i + 4, 2);
    // days since 1970-01-01 of a date, and back (the proleptic Gregorian calendar)
    auto days_of = [](long long y, long long m, long long day) {
        y -= m <= 2;
        const long long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
        const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    };
    const long long seconds = days_of(number(0, 4), number(5, 2), number(8, 2)) * 86400 + number(11, 2) * 3600 + number(14, 2) * 60 +
                              number(17, 2) - sign * offset * 60;
    long long days = seconds / 86400, rest = seconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    const long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153, day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
    const long long year = yoe + era * 400 + (month <= 2);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    char text[160];  // (room for any long long: g++ checks the format's widest output)
    std::snprintf(text, sizeof text, "'%04lld-%02lld-%02lld %02lld:%02lld:%02lld", year, month, day, rest / 3600, rest / 60 % 60, rest % 60);
    return text + (fraction.empty() ? std::string() : "." + fraction) + "+00'";
}

STRATA_LAZY_DEF STRATA_INLINE path_names names_along(const migration_desc* migs, std::size_t from, std::size_t to) {
    const bool up = from < to;
    path_names out;
    std::vector<std::string>&relations = out.relations, &types = out.types;
    std::vector<std::size_t>&relation_at = out.relation_at, &type_at = out.type_at;
    std::vector<std::string> made_relations, made_types;
    auto made = [](const std::vector<std::string>& v, std::string_view n) { return std::find(v.begin(), v.end(), n) != v.end(); };
    auto name = [&](std::string_view n, bool type, std::size_t i) {
        if (n.empty() || made(type ? made_types : made_relations, n)) return;
        (type ? types : relations).emplace_back(n);
        (type ? type_at : relation_at).push_back(i);
    };
    // One operation as it runs: applied (an up, an explicit down's operation) or undone (a derived down's).
    auto visit = [&](const op_desc& op, bool applied, std::size_t i) {
        auto columns = [&] {  // (the tables its foreign keys reference, the enum types its columns have)
            for (std::size_t c = 0; c < op.ncolumns; ++c) {
                name(op.columns[c].ref_table, false, i);
                if (op.columns[c].type.kind == type_kind::enumeration) name(op.columns[c].type.enum_name, true, i);
            }
            for (std::size_t c = 0; c < op.nconstraints; ++c) name(op.constraints[c].ref_table, false, i);
        };
        switch (op.kind) {
            case op_kind::create_table:
                if (applied) {
                    made_relations.emplace_back(op.table);  // (before its columns: a reference to itself is to it)
                    columns();
                } else {
                    name(op.table, false, i);
                }
                break;
            case op_kind::drop_table:
                if (applied) name(op.table, false, i);
                else made_relations.emplace_back(op.table);
                break;
            case op_kind::rename_table:
                name(applied ? op.table : op.new_name, false, i);
                made_relations.emplace_back(applied ? op.new_name : op.table);
                break;
            case op_kind::create_index:
                if (applied) {
                    name(op.table, false, i);
                    made_relations.emplace_back(op.name);
                } else {
                    name(op.name, false, i);
                }
                break;
            case op_kind::drop_index:
                if (applied) name(op.name, false, i);
                else made_relations.emplace_back(op.name);
                break;
            case op_kind::create_enum:
                if (applied) made_types.emplace_back(op.name);
                else name(op.name, true, i);
                break;
            case op_kind::drop_enum:
                if (applied) name(op.name, true, i);
                else made_types.emplace_back(op.name);
                break;
            case op_kind::add_enum_value: name(op.name, true, i); break;
            default:
                name(op.table, false, i);
                columns();
        }
    };
    for (std::size_t n = 0; n < (up ? to - from : from - to); ++n) {
        const std::size_t i = up ? from + n : from - 1 - n;
        const migration_desc& m = migs[i];
        if (up)
            for (std::size_t k = 0; k < m.nops; ++k) visit(m.ops[k], true, i);
        else if (m.explicit_down)
            for (std::size_t k = 0; k < m.ndown_ops; ++k) visit(m.down_ops[k], true, i);
        else
            for (std::size_t k = m.nops; k-- > 0;) visit(m.ops[k], false, i);
    }
    return out;
}

STRATA_LAZY_DEF STRATA_INLINE std::string fact_action(fk_action a) {
    switch (a) {
        case fk_action::no_action: return "NO ACTION";
        case fk_action::restrict: return "RESTRICT";
        case fk_action::cascade: return "CASCADE";
        case fk_action::set_null: return "SET NULL";
        case fk_action::set_default: return "SET DEFAULT";
    }
    return "?";
}

STRATA_LAZY_DEF STRATA_INLINE std::string fact_list(std::vector<std::string> xs, bool sort) {
    if (sort) {
        dependent_t<std::vector<std::string>, Lazy>& v = xs;  // (dependent: see detail::dependent)
        std::sort(v.begin(), v.end());
    }
    std::string s;
    for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
    return s;
}

STRATA_LAZY_DEF STRATA_INLINE std::vector<std::string> keys_once(std::vector<std::string> facts) {
    // "unique T(a,b)" and "pk T(a,b)": the table, and the key's columns as a sorted list
    auto key = [](std::string_view f, std::string_view kind) -> std::pair<std::string, std::string> {
        f.remove_prefix(kind.size());
        const std::size_t open = f.rfind('(');
        std::vector<std::string> cols;
        std::string_view list = f.substr(open + 1, f.size() - open - 2);
        for (std::size_t from = 0;;) {
            const std::size_t comma = list.find(',', from);
            cols.emplace_back(list.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
            if (comma == std::string_view::npos) break;
            from = comma + 1;
        }
        return {std::string(f.substr(0, open)), fact_list(std::move(cols), true)};
    };
    dependent_t<std::vector<std::string>, Lazy>& all = facts;  // (dependent: see detail::dependent)
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    std::vector<std::pair<std::string, std::string>> pks, uniques;
    for (const std::string& f : facts)
        if (f.starts_with("pk ")) pks.push_back(key(f, "pk "));
    std::vector<std::string> out;
    for (const std::string& f : facts) {
        if (f.starts_with("unique ")) {
            auto k = key(f, "unique ");
            if (std::find(pks.begin(), pks.end(), k) != pks.end() || std::find(uniques.begin(), uniques.end(), k) != uniques.end())
                continue;
            uniques.push_back(std::move(k));
        }
        out.push_back(f);
    }
    return out;
}

STRATA_LAZY_DEF STRATA_INLINE chain_names names_of(const migration_desc* migs, std::size_t n) {
    dependent_t<chain_names, Lazy> r;  // (dependent: see detail::dependent)
    auto add = [](std::vector<std::string>& v, std::string_view s) {
        if (!s.empty()) v.emplace_back(s);
    };
    auto scan = [&](const op_desc* ops, std::size_t k) {
        for (std::size_t i = 0; i < k; ++i) {
            const op_desc& op = ops[i];
            switch (op.kind) {
                case op_kind::create_enum:
                case op_kind::add_enum_value:
                case op_kind::drop_enum: add(r.enums, op.name); break;
                case op_kind::rename_table: add(r.tables, op.table); add(r.tables, op.new_name); break;
                case op_kind::execute:
                case op_kind::run:
                case op_kind::validate:
                case op_kind::background: break;
                case op_kind::seed: add(r.tables, op.table); break;
                default: add(r.tables, op.table);
            }
        }
    };
    for (std::size_t i = 0; i < n; ++i) {
        scan(migs[i].ops, migs[i].nops);
        scan(migs[i].down_ops, migs[i].ndown_ops);
    }
    for (auto* v : {&r.tables, &r.enums}) {
        std::sort(v->begin(), v->end());
        v->erase(std::unique(v->begin(), v->end()), v->end());
    }
    return r;
}

STRATA_LAZY_DEF STRATA_INLINE std::vector<std::string> execute_made_objects(const migration_desc* migs, std::size_t applied, dialect_id d) {
    std::vector<std::string> made;
    for (std::size_t i = 0; i < applied; ++i)
        for (std::size_t k = 0; k < migs[i].nops; ++k) {
            const op_desc& op = migs[i].ops[k];
            if (op.kind != op_kind::execute) continue;
            const std::string_view text = op.has_per_dialect ? op.per_dialect->up[static_cast<std::size_t>(d)] : op.sql_up;
            std::vector<sql_token> t;
            for (const sql_token& x : sql_tokens(text, d == dialect_id::postgres))
                if (x.kind != sql_token::space) t.push_back(x);
            auto word = [&](std::size_t j, std::string_view w) {
                return j < t.size() && t[j].kind == sql_token::word && sql_iequal(t[j].text, w);
            };
            for (std::size_t j = 0; j < t.size(); ++j) {
                const bool create = word(j, "create"), drop = word(j, "drop");
                if (!create && !drop) continue;
                std::size_t n = j + 1;
                while (word(n, "or") || word(n, "replace") || word(n, "temp") || word(n, "temporary") ||
                       word(n, "materialized") || word(n, "constraint"))
                    ++n;
                const bool trigger = word(n, "trigger"), view = word(n, "view"), rule = word(n, "rule");
                if (!trigger && !view && !rule) continue;
                ++n;
                while (word(n, "if") || word(n, "not") || word(n, "exists")) ++n;
                if (n >= t.size() || (t[n].kind != sql_token::word && t[n].kind != sql_token::quoted)) continue;
                while (n + 2 < t.size() && t[n + 1].text == "." &&
                       (t[n + 2].kind == sql_token::word || t[n + 2].kind == sql_token::quoted))
                    n += 2;  // schema.name: the name
                std::string name = sql_unquote(t[n]);
                if (t[n].kind == sql_token::word && d == dialect_id::postgres)  // (PostgreSQL folds an unquoted name)
                    for (char& c : name) c = sql_lower(c);
                const std::string fact = std::string(trigger ? "trigger " : rule ? "rule " : "view ") + name;
                if (create) made.push_back(fact);
                else made.erase(std::remove(made.begin(), made.end(), fact), made.end());
            }
            // What the DSL cannot make and execute<> can (PostgreSQL): the text is not parsed for
            // which table or constraint (names, renames, defaults make that a guess); that it says
            // so at all is noted, "says KEYWORD", and verify leaves that kind of fact uncompared.
            for (std::size_t j = 0; j < t.size(); ++j) {
                for (std::string_view k : {"unlogged", "exclude", "deferrable"})
                    if (word(j, k)) made.push_back("says " + std::string(k));
                if (word(j, "generated") && word(j + 1, "always")) made.push_back("says generated always");
            }
        }
    return made;
}

}  // namespace strata::detail
