#pragma once
// The value form of the DSL. Every type of the DSL (column, operation, migration) carries one
// `static constexpr` descriptor; the compile-time engine works on these values only, so the
// cost of checking a chain grows with its size, not with template instantiation depth.
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <type_traits>

#include <strata/dialect.hpp>

namespace strata {
class session;  // defined by the runtime; data steps take it by reference
}

namespace strata::detail {

// By content: comparing the addresses of two template-parameter objects would be one step, but
// g++ with -fsanitize=undefined does not fold such comparisons in constant expressions. Not by
// string_view's ==, which goes through compare() and char_traits: a chain of calls that clang 14
// takes 65 us to evaluate, and the fold compares names at every lookup. clang evaluates
// __builtin_memcmp natively (12 us); g++ folds it only over constants, not over a local array
// (a name the fold spells), so there an index loop.
constexpr bool same_name(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
#if defined(__clang__)
    return n == 0 || __builtin_memcmp(a.data(), b.data(), n) == 0;
#else
    const char *p = a.data(), *q = b.data();
    for (std::size_t i = 0; i != n; ++i)
        if (p[i] != q[i]) return false;
    return true;
#endif
}

// Whether SQL text holds a comment that runs to its end (a -- no line break ends, a /* no */
// closes, or one with another /* inside, which PostgreSQL nests and SQLite does not) outside its
// '...' literals (E'...' with its backslash escapes) and "..." names: in an expression strata
// writes inside a statement, it would hide the rest of the statement. A closed /* ... */ and a
// -- comment ended by a line break are harmless.
constexpr bool holds_sql_comment(std::string_view s) noexcept {
    const std::size_t n = s.size();
    const char* p = s.data();
    for (std::size_t i = 0; i < n; ++i) {
        if (p[i] == '\'' || p[i] == '"') {
            const char q = p[i];
            const bool escapes = q == '\'' && i > 0 && (p[i - 1] == 'E' || p[i - 1] == 'e') &&
                                 !(i > 1 && ((p[i - 2] >= 'a' && p[i - 2] <= 'z') || (p[i - 2] >= 'A' && p[i - 2] <= 'Z') ||
                                             (p[i - 2] >= '0' && p[i - 2] <= '9') || p[i - 2] == '_'));
            for (++i; i < n; ++i) {
                if (escapes && p[i] == '\\') ++i;
                else if (p[i] == q && i + 1 < n && p[i + 1] == q) ++i;  // ('' and "" inside: the same literal goes on)
                else if (p[i] == q) break;
            }
            continue;
        }
        if (i + 1 < n && p[i] == '-' && p[i + 1] == '-') {
            while (i < n && p[i] != '\n') ++i;
            if (i == n) return true;
            continue;
        }
        if (i + 1 < n && p[i] == '/' && p[i + 1] == '*') {
            std::size_t j = i + 2;
            for (; j + 1 < n && !(p[j] == '*' && p[j + 1] == '/'); ++j)
                if (p[j] == '/' && p[j + 1] == '*') return true;
            if (j + 1 >= n) return true;
            i = j + 1;
        }
    }
    return false;
}

enum class type_kind : std::uint8_t {
    none, smallint, integer, bigint, real, double_precision, numeric, text, varchar, boolean,
    date, timestamp, timestamptz, uuid, json, jsonb, blob, enumeration,
    character  // (new kinds go last: the kinds before them keep their numbers, and so the checksums)
};
// The length of a varchar<> (no length): no string is longer, so length checks need no case.
inline constexpr std::uint32_t unlimited_length = 0xFFFFFFFFu;

struct type_desc {
    type_kind kind = type_kind::none;
    std::uint32_t p = 0;  // varchar or character length (varchar<>: unlimited_length), numeric precision
    std::uint32_t s = 0;  // numeric scale
    std::string_view enum_name{};
};
constexpr bool operator==(const type_desc& a, const type_desc& b) noexcept {
    return a.kind == b.kind && a.p == b.p && a.s == b.s && same_name(a.enum_name, b.enum_name);
}

enum class default_kind : std::uint8_t { none, integer, boolean, string, sql };
struct default_desc {
    default_kind kind = default_kind::none;
    std::string_view text{};  // digits, "1"/"0", the unquoted string, or the SQL expression
};
constexpr bool operator==(const default_desc& a, const default_desc& b) noexcept {
    return a.kind == b.kind && same_name(a.text, b.text);
}

enum class fk_action : std::uint8_t { no_action, restrict, cascade, set_null, set_default };

struct column_desc {
    std::string_view name{};
    type_desc type{};
    bool not_null = false;
    bool primary_key = false;
    bool unique = false;
    bool autoincrement = false;
    bool identity = false;  // an integer primary key the database numbers (no AUTOINCREMENT on SQLite)
    default_desc def{};
    std::string_view check{};
    std::string_view ref_table{};  // empty: no foreign key
    std::string_view ref_column{};
    fk_action on_delete = fk_action::no_action;
    bool misused = false;  // a misused column<...>'s placeholder (it reported itself: detail/core/check.hpp)
};

// What one column constraint (primary_key, default_value<0>, ...) contributes.
struct column_part {
    enum : std::uint8_t { not_null = 1, primary_key = 2, unique = 4, autoincrement = 8, identity = 16 };
    std::uint8_t flags = 0;
    default_desc def{};
    std::string_view check{};
    std::string_view ref_table{}, ref_column{};
    fk_action on_delete = fk_action::no_action;
    bool misused = false;  // a misused constraint's placeholder (detail/core/check.hpp)
};
// One function for every column: a lambda per column type would cost an instantiation each.
constexpr column_desc make_column(std::string_view name, type_desc type, std::initializer_list<column_part> parts,
                                  bool misused) {
    column_desc c{};
    c.name = name;
    c.type = type;
    c.misused = misused;
    for (const column_part& p : parts) {
        c.not_null = c.not_null || (p.flags & (column_part::not_null | column_part::primary_key));
        c.primary_key = c.primary_key || (p.flags & column_part::primary_key);
        c.unique = c.unique || (p.flags & column_part::unique);
        c.autoincrement = c.autoincrement || (p.flags & column_part::autoincrement);
        c.identity = c.identity || (p.flags & column_part::identity);
        c.misused = c.misused || p.misused;
        if (p.def.kind != default_kind::none) c.def = p.def;
        if (!p.check.empty()) c.check = p.check;
        if (!p.ref_table.empty()) {
            c.ref_table = p.ref_table;
            c.ref_column = p.ref_column;
            c.on_delete = p.on_delete;
        }
    }
    return c;
}

inline constexpr std::size_t max_key_columns = 8;

enum class constraint_kind : std::uint8_t { none, primary_key, unique, check, foreign_key };
struct constraint_desc {
    constraint_kind kind = constraint_kind::none;  // none: a column, in create_table's list
    std::string_view name{};  // empty only for a table's primary key
    std::string_view columns[max_key_columns]{};
    std::size_t ncolumns = 0;
    std::string_view check{};
    std::string_view ref_table{};
    std::string_view ref_column{};
    fk_action on_delete = fk_action::no_action;
    bool misused = false;  // a misused constraint's placeholder (detail/core/check.hpp)
    // add_foreign_key<..., not_valid>, add_check<..., not_valid>: PostgreSQL adds it NOT VALID
    // (no scan of the rows there), validate_constraint<...> validates it later
    bool not_valid = false;
};
// A key of 1 to max_key_columns columns; otherwise a placeholder (its template reported it).
constexpr constraint_desc make_key(constraint_kind kind, std::string_view name, std::initializer_list<std::string_view> cols) {
    constraint_desc c{};
    c.kind = kind;
    c.name = name;
    c.misused = cols.size() == 0 || cols.size() > max_key_columns;
    for (std::string_view col : cols)
        if (c.ncolumns < max_key_columns) c.columns[c.ncolumns++] = col;
    return c;
}

enum class op_kind : std::uint8_t {
    create_table, drop_table, rename_table,
    add_column, drop_column, rename_column, alter_column,
    create_index, drop_index,
    add_constraint, drop_constraint,
    create_enum, add_enum_value, drop_enum,
    execute, run, validate,
    background,  // (new kinds go last: the kinds before them keep their numbers, and so the checksums)
    seed,
    validate_constraint  // VALIDATE CONSTRAINT of a not_valid foreign key or check (not validate<fn>)
};
// Data steps, seeds and execute<> (whose statements are not read) change no schema the chain
// knows of.
constexpr bool changes_no_schema(op_kind k) noexcept {
    return k == op_kind::run || k == op_kind::validate || k == op_kind::background || k == op_kind::seed ||
           k == op_kind::execute;
}

// One value of a seed row: an integer (digits), a boolean ("1"/"0"), a string, or NULL (none).
struct seed_cell {
    default_kind kind = default_kind::none;
    std::string_view text{};
};

struct alter_desc {
    bool set_type = false;
    type_desc type{};
    bool set_not_null = false;
    bool drop_not_null = false;
    bool set_default = false;
    default_desc def{};
    bool drop_default = false;
};
// The definition alter_column makes of column `d` (the fold checks the changes first; the SQL
// generator compares the two ends).
constexpr column_desc altered(column_desc d, const alter_desc& a) {
    if (a.set_type) d.type = a.type;
    if (a.set_not_null) d.not_null = true;
    if (a.drop_not_null) d.not_null = false;
    if (a.set_default) d.def = a.def;
    if (a.drop_default) d.def = default_desc{};
    return d;
}

using data_fn = void (*)(session&);
using check_fn = bool (*)(session&);
// background<fn>'s function behind an adapter that receives the strata::stop_token by address, so
// that this header (and every translation unit of a chain) does without <stop_token>.
using background_fn = void (*)(session&, const void* stop_token);

// Whether a function given as a template argument is null, decided by the identity of template
// arguments, not by `F != nullptr`: g++ with -fno-delete-null-pointer-checks (which
// -fsanitize=null, part of -fsanitize=undefined, implies) does not take the address of a
// function that may be weak (a template specialisation, an inline function) as non-null in a
// constant expression. So strata never compares a function with nullptr at compile time.
template <auto F>
inline constexpr bool null_function =
    std::is_same_v<std::integral_constant<decltype(F), F>, std::integral_constant<decltype(F), nullptr>>;

// execute_per_dialect's statements, by dialect_id; `given`: the dialect has some.
struct dialect_statements {
    std::string_view up[dialect_count]{}, down[dialect_count]{};
    bool given[dialect_count]{};
};

struct op_desc {
    op_kind kind{};
    std::string_view table{};    // the table operated on (index: its table)
    std::string_view name{};     // column, index, constraint or enum name
    std::string_view new_name{}; // renames; add_enum_value: the value
    const column_desc* columns = nullptr;  // create_table columns, add_column's column
    std::size_t ncolumns = 0;
    const constraint_desc* constraints = nullptr;  // create_table / add_constraint
    std::size_t nconstraints = 0;
    const std::string_view* names = nullptr;  // index columns, enum values
    std::size_t nnames = 0;
    bool unique = false;         // create_unique_index
    bool concurrently = false;   // *_index_concurrently: PostgreSQL runs it outside a transaction
    alter_desc alter{};
    std::string_view sql_up{};   // execute; an empty sql_down: a down that sends nothing
    std::string_view sql_down{};
    const dialect_statements* per_dialect = nullptr;  // execute_per_dialect: instead of sql_up/down
    // Set with per_dialect, and asked instead of it: g++ with -fsanitize=null does not take the
    // address of a template's static member as non-null in a constant expression.
    bool has_per_dialect = false;
    bool reversible = true;      // execute_irreversible, run without a down
    data_fn fn_up = nullptr;
    data_fn fn_down = nullptr;
    check_fn fn_check = nullptr;
    background_fn fn_background = nullptr;
    const seed_cell* cells = nullptr;  // seed: the rows' values, row after row (nnames a row)
    std::size_t ncells = 0;
    std::string_view label{};    // the operation's DSL name, for diagnostics
    std::string_view unsafe_reason{};  // unsafe<"why", op>: what strata::lint accepts (not hashed)
    // run, validate, background: which functions, by name (function_key), for the chain's key:
    // two chains that differ only in a data step's function are two chains (not hashed into
    // the checksums, which stay those of the SQL)
    std::uint64_t function_key = 0;
    bool misused = false;        // a misused DSL template's placeholder, or one holding one
};

// Whether every (any) B is true: a comparison of two types the compiler makes and does not
// instantiate. Not a fold: clang folds at most 256 arguments. Not a braced list passed to a
// function: a call and a list per DSL template, 10% of what a column costs to compile (g++).
template <bool... B>
struct bool_list;
template <bool... B>
inline constexpr bool all_true = __is_same(bool_list<true, B...>, bool_list<B..., true>);
template <bool... B>
inline constexpr bool any_true = !__is_same(bool_list<false, B...>, bool_list<B..., false>);

// A misused DSL template's placeholder (detail/core/check.hpp): it has reported itself, and the
// fold stops at it without a word.
template <class D>
constexpr D mark_misused(D d, bool misused = true) {
    d.misused = d.misused || misused;
    return d;
}

// One function builds every operation's descriptor (see make_column).
constexpr op_desc make_op(op_kind k, std::string_view label, std::string_view table, std::string_view name = {},
                          std::string_view new_name = {}) {
    op_desc d{};
    d.kind = k;
    d.label = label;
    d.table = table;
    d.name = name;
    d.new_name = new_name;
    return d;
}
struct alter_part {
    alter_desc change{};
};
constexpr alter_desc make_alter(std::initializer_list<alter_part> parts) {
    alter_desc a{};
    for (const alter_part& p : parts) {
        const alter_desc& c = p.change;
        if (c.set_type) { a.set_type = true; a.type = c.type; }
        a.set_not_null = a.set_not_null || c.set_not_null;
        a.drop_not_null = a.drop_not_null || c.drop_not_null;
        if (c.set_default) { a.set_default = true; a.def = c.def; }
        a.drop_default = a.drop_default || c.drop_default;
    }
    return a;
}

struct migration_desc {
    std::uint64_t version = 0;
    std::string_view name{};
    const op_desc* ops = nullptr;
    std::size_t nops = 0;
    const op_desc* down_ops = nullptr;  // explicit down<...>; null when derived
    std::size_t ndown_ops = 0;
    bool explicit_down = false;
    std::uint64_t hash = 0;  // hash_migration: every dialect's statements (the chain's key)
    // The checksum of each dialect before the dialect is mixed in: hash, unless an
    // execute_per_dialect's statements differ by dialect (each dialect hashes only its own).
    std::uint64_t dialect_hash[dialect_count]{};
    constexpr std::uint64_t hash_for(dialect_id d) const { return dialect_hash[static_cast<std::size_t>(d)]; }
    bool misused = false;    // a misused DSL template's placeholder, or one holding one
    bool per_dialect = false;  // an operation (up or down) is an execute_per_dialect (set with the hashes)
};

// Checksums are made of the canonical operations (the descriptors), not of the C++ spelling.
// (Written for the compilers' constant evaluators, which spend microseconds on each call and
// each 64-bit operation: mix and hash_text as value functions, a string's size and data read
// once, an index loop rather than a moving pointer; g++ took half as long again with lambdas
// and pointer loops. The results are the same, bit for bit: stored checksums depend on it.)
inline constexpr std::uint64_t fnv_prime = 1099511628211ull;
constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) noexcept {
    return (h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2))) * fnv_prime;
}
// (an initializer list, not a fold: no limit on the number of arguments)
constexpr std::uint64_t mix_all(std::initializer_list<std::uint64_t> vs) noexcept {
    std::uint64_t h = 0;
    for (std::uint64_t v : vs) h = mix(h, v);
    return h;
}
constexpr std::uint64_t hash_text(std::string_view s, std::uint64_t h = 14695981039346656037ull) noexcept {
    const std::size_t n = s.size();
    if (n == 0) return h;
    const char* p = s.data();
    for (std::size_t i = 0; i != n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * fnv_prime;
    return h;
}
// The size of s mixed in, then its bytes.
constexpr std::uint64_t mix_text(std::uint64_t h, std::string_view s) noexcept {
    return hash_text(s, mix(h, s.size()));
}
// Functions F... as a number (op_desc::function_key): the hash of their names as the compiler
// spells this template's signature (C++20 has no reflection; GCC and Clang name a function
// template argument by its qualified name, the same in every translation unit).
template <auto... F>
constexpr std::uint64_t function_key() noexcept {
    return hash_text(__PRETTY_FUNCTION__) | 1;
}

constexpr std::uint64_t mix_type(std::uint64_t h, const type_desc& t) noexcept {
    return mix_text(mix(mix(mix(h, static_cast<std::uint64_t>(t.kind)), t.p), t.s), t.enum_name);
}
constexpr std::uint64_t mix_default(std::uint64_t h, const default_desc& d) noexcept {
    return mix_text(mix(h, static_cast<std::uint64_t>(d.kind)), d.text);
}
constexpr std::uint64_t hash_ops(std::uint64_t h, const op_desc* o, std::size_t n, int only) {
    for (std::size_t i = 0; i < n; ++i) {
        const op_desc& op = o[i];
        h = mix(h, static_cast<std::uint64_t>(op.kind) + 1000);
        h = mix_text(mix_text(mix_text(h, op.table), op.name), op.new_name);
        for (std::size_t c = 0; c < op.ncolumns; ++c) {
            const column_desc& d = op.columns[c];
            h = mix_type(mix_text(h, d.name), d.type);
            h = mix(h, d.not_null + 2u * d.primary_key + 4u * d.unique + 8u * d.autoincrement + 16u * d.identity);
            h = mix_text(mix_text(mix_text(mix_default(h, d.def), d.check), d.ref_table), d.ref_column);
            h = mix(h, static_cast<std::uint64_t>(d.on_delete));
        }
        for (std::size_t k = 0; k < op.nconstraints; ++k) {
            const constraint_desc& c = op.constraints[k];
            h = mix_text(mix(h, static_cast<std::uint64_t>(c.kind)), c.name);
            for (std::size_t j = 0; j < c.ncolumns; ++j) h = mix_text(h, c.columns[j]);
            h = mix_text(mix_text(mix_text(h, c.check), c.ref_table), c.ref_column);
            h = mix(h, static_cast<std::uint64_t>(c.on_delete));
            if (c.not_valid) h = mix(h, 0x2a11d);  // only when set: older checksums stay as they were
        }
        for (std::size_t j = 0; j < op.nnames; ++j) h = mix_text(h, op.names[j]);
        h = mix(h, op.unique);
        if (op.concurrently) h = mix(h, 0xc0c0);  // only when set: older checksums stay as they were
        const alter_desc& a = op.alter;
        h = mix(h, a.set_type + 2u * a.set_not_null + 4u * a.drop_not_null + 8u * a.set_default + 16u * a.drop_default);
        if (a.set_type) h = mix_type(h, a.type);
        if (a.set_default) h = mix_default(h, a.def);
        h = mix_text(mix_text(h, op.sql_up), op.sql_down);
        if (op.has_per_dialect) {  // (only then: older checksums stay as they were)
            h = mix(h, 0xd1a1);
            for (std::size_t d = 0; d < dialect_count; ++d) {
                if (only != -1 && d != static_cast<std::size_t>(only)) continue;
                h = mix(h, op.per_dialect->given[d] + 2u * d);
                h = mix_text(mix_text(h, op.per_dialect->up[d]), op.per_dialect->down[d]);
            }
        }
        // Which functions are set, from the kind (see null_function): fn_up for every run,
        // fn_down for a reversible run, fn_check for validate, fn_background for background.
        const bool run = op.kind == op_kind::run;
        h = mix(h, op.reversible + 2u * run + 4u * (run && op.reversible) + 8u * (op.kind == op_kind::validate));
        if (op.kind == op_kind::background) h = mix(h, 0xb9b9);
        for (std::size_t j = 0; j < op.ncells; ++j) h = mix_text(mix(h, static_cast<std::uint64_t>(op.cells[j].kind) + 77), op.cells[j].text);
    }
    return h;
}
// The checksum of a migration, before the dialect is mixed in: every field of every operation
// that changes what it does (names, types, constraints, SQL text, whether data steps have a down).
// `only`: of an execute_per_dialect, hash that dialect's statements alone (-1: all of them).
constexpr std::uint64_t hash_migration(const migration_desc& m, int only = -1) {
    std::uint64_t h = hash_ops(mix(hash_text(m.name), m.version), m.ops, m.nops, only);
    return hash_ops(mix(h, m.explicit_down), m.down_ops, m.ndown_ops, only);
}
constexpr bool any_per_dialect(const op_desc* o, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (o[i].has_per_dialect) return true;
    return false;
}
constexpr migration_desc with_hashes(migration_desc m) {
    m.hash = hash_migration(m);
    const bool split = any_per_dialect(m.ops, m.nops) || any_per_dialect(m.down_ops, m.ndown_ops);
    m.per_dialect = split;
    for (std::size_t d = 0; d < dialect_count; ++d) m.dialect_hash[d] = split ? hash_migration(m, static_cast<int>(d)) : m.hash;
    // unsafe<"why", op> is part of the chain's identity (its key: strata::lint reads it), not of
    // the checksums, which stay those of the SQL
    for (std::size_t k = 0; k < m.nops; ++k)
        if (!m.ops[k].unsafe_reason.empty()) m.hash = hash_text(m.ops[k].unsafe_reason, mix(m.hash, k + 1));
    for (std::size_t k = 0; k < m.ndown_ops; ++k)  // (an explicit down's too: strata::lint reads it)
        if (!m.down_ops[k].unsafe_reason.empty()) m.hash = hash_text(m.down_ops[k].unsafe_reason, mix(m.hash, k + 1001));
    // so are a data step's functions
    for (std::size_t k = 0; k < m.nops; ++k)
        if (m.ops[k].function_key) m.hash = mix(m.hash, mix(m.ops[k].function_key, k + 1));
    for (std::size_t k = 0; k < m.ndown_ops; ++k)
        if (m.down_ops[k].function_key) m.hash = mix(m.hash, mix(m.down_ops[k].function_key, k + 1001));
    return m;
}

}  // namespace strata::detail
