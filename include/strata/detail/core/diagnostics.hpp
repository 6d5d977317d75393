#pragma once
// Turns a chain's error value into a `static_assert` whose message starts `strata:` and whose
// template arguments spell the culprit: the migration, the operation and the names involved.
#include <cstdint>
#include <string_view>
#include <utility>

#include <strata/detail/core/check.hpp>
#include <strata/detail/core/errors.hpp>
#include <strata/fixed_string.hpp>

namespace strata::diag {
// clang prints a string template argument as a list of numbers; a character pack reads better.
#if defined(__clang__)
template <char... C>
struct name {};
#else
template <fixed_string S>
struct name {};
#endif
template <std::uint64_t Version, class Name>
struct in_migration {};
template <std::size_t Position, class Operation>
struct operation {};  // Position counts from 1 in the migration's up (or down) list
template <std::size_t Position, class Operation>
struct down_operation {};
struct whole_migration {};  // the error is about the migration, not one of its operations
}  // namespace strata::diag

namespace strata::detail {
template <const std::string_view& S, std::size_t... I>
auto make_name(std::index_sequence<I...>) {
#if defined(__clang__)
    return diag::name<S[I]...>{};
#else
    return diag::name<fixed_string<sizeof...(I) + 1>(S)>{};
#endif
}
template <const std::string_view& S>
using name_t = decltype(make_name<S>(std::make_index_sequence<S.size()>{}));

// One template per rule: its name and message say the rule, its arguments the culprit.
#define STRATA_RULE(rule, message)                              \
    template <class Where, class... Names>                      \
    struct rule {                                               \
        static_assert(always_false<Where>, "strata: " message); \
        static constexpr bool value = false;                    \
    }
STRATA_RULE(versions_must_increase, "migration versions must be strictly increasing: this migration is out of order (listed after the higher version named second), or its version is 0");
STRATA_RULE(duplicate_version, "two migrations have the same version");
STRATA_RULE(duplicate_migration_name, "two migrations have the same name");
STRATA_RULE(migration_without_operations, "a migration needs at least one operation");
STRATA_RULE(invalid_identifier, "invalid identifier (empty, longer than 63 bytes, or containing a quote or NUL)");
STRATA_RULE(table_does_not_exist, "no such table in the schema this operation applies to");
STRATA_RULE(table_already_exists, "a table (or index) with this name already exists");
STRATA_RULE(column_does_not_exist, "no such column in this table");
STRATA_RULE(column_already_exists, "this table already has a column with this name");
STRATA_RULE(table_without_columns, "create_table needs at least one column");
STRATA_RULE(index_does_not_exist, "no such index");
STRATA_RULE(index_already_exists, "an index (or table or constraint) with this name already exists");
STRATA_RULE(constraint_does_not_exist, "no such constraint on this table");
STRATA_RULE(constraint_already_exists, "a constraint (or table or index) with this name already exists");
STRATA_RULE(enum_does_not_exist, "no such enum type");
STRATA_RULE(enum_already_exists, "an enum type with this name already exists");
STRATA_RULE(enum_value_already_exists, "this enum already has this value");
STRATA_RULE(enum_still_used, "cannot drop an enum type a column still uses");
STRATA_RULE(foreign_key_to_missing_table, "foreign key to a table that does not exist");
STRATA_RULE(foreign_key_to_missing_column, "foreign key to a column that does not exist");
STRATA_RULE(foreign_key_type_mismatch, "foreign key column and referenced column have different types");
STRATA_RULE(foreign_key_target_not_unique, "a foreign key must reference a primary key or unique column");
STRATA_RULE(table_still_referenced, "cannot drop a table that another table references");
STRATA_RULE(column_still_used, "cannot drop or change a column that an index, constraint or foreign key uses");
STRATA_RULE(last_column, "cannot drop the only column of a table");
STRATA_RULE(multiple_primary_keys, "a table can have only one primary key");
STRATA_RULE(bad_autoincrement, "autoincrement needs an integer primary key column");
STRATA_RULE(conflicting_changes, "alter_column asks for contradictory changes");
STRATA_RULE(primary_key_nullable, "a primary key column cannot become nullable");
STRATA_RULE(default_type_mismatch, "the default value does not fit the column type");
STRATA_RULE(bad_type, "invalid column type");
STRATA_RULE(down_does_not_restore, "the explicit down<...> does not restore the schema before up<...>");
STRATA_RULE(needs_chain, "this migration's SQL depends on the schema before it: ask the chain, strata::sql<Dialect, Chain, Version>");
STRATA_RULE(dialect_cannot_express, "the chosen dialect cannot express this column type or default");
STRATA_RULE(new_enum_value_used, "an enum value added by a migration cannot be used in that same migration (PostgreSQL runs it in one transaction): use it in the next migration");
STRATA_RULE(concurrent_index_mixed, "a migration with a concurrent index operation (create_index_concurrently, drop_index_concurrently) may contain only such operations: it runs outside a transaction");
STRATA_RULE(seed_value_mismatch, "a seed value does not fit its column (type, NULL in a NOT NULL column, varchar length, or an enum value the type does not have)");
STRATA_RULE(seed_missing_column, "a seed row leaves out a NOT NULL column that has no default: name it in columns<...>");
STRATA_RULE(seed_without_key, "seed rows must give the table's primary key, by which the derived down deletes exactly them");
STRATA_RULE(version_too_large, "a migration version must be below 2^63 (9223372036854775808): the tracking table stores it in a signed 64-bit BIGINT");
STRATA_RULE(name_differs_only_in_case, "this name differs from an existing one only in case: SQLite compares identifiers without case, so there they are the same table, index or column");
STRATA_RULE(name_is_implicit, "PostgreSQL already gives this name to an implicit constraint, index or sequence (<table>_pkey, <table>_<column>_key, _fkey, _check or _seq): it would refuse the name or number its own");
STRATA_RULE(derived_names_collide, "two names PostgreSQL derives (<table>_<column>_key, _fkey, _check, _seq, <table>_pkey) become the same once it shortens them to 63 bytes: shorten the table or column name");
STRATA_RULE(misused_dsl, "a misused DSL template (reported where it is written)");
STRATA_RULE(rename_breaks_check, "a check constraint's SQL names what this operation renames, and would keep the old name (SQLite's next rebuild of the table fails: no such column): drop the check first, rename, then add it again with the new name");
#undef STRATA_RULE

// Rules of the DSL's spelling, raised (through `require`, detail/core/check.hpp) by the misused
// template itself, which is the rule's argument: `column_type_not_a_type<dsl::column<"price", int>>`.
// The misused template then carries a placeholder (`misused`), which reports nothing more.
#define STRATA_DSL_RULE(rule, message)                            \
    template <class Culprit>                                      \
    struct rule {                                                 \
        static_assert(always_false<Culprit>, "strata: " message); \
        static constexpr bool value = false;                      \
    }
STRATA_DSL_RULE(empty_chain, "a chain needs at least one migration");
STRATA_DSL_RULE(chain_argument_not_migration, "chain<...>: every argument must be a strata::migration<Version, \"name\", ...>");
STRATA_DSL_RULE(migration_argument_not_operation, "migration<V, Name, ...>: every argument after the name must be an operation (create_table<...>, add_column<...>, run<fn>, ...), or exactly up<...>, down<...>");
STRATA_DSL_RULE(column_type_not_a_type, "column<Name, Type, ...>: Type must be a column type (bigint, text, varchar<N>, ...)");
STRATA_DSL_RULE(column_constraint_invalid, "column<Name, Type, ...>: every argument after the type must be a column constraint (primary_key, not_null, unique, autoincrement, default_value<V>, default_sql<\"...\">, check<\"...\">, references<T, C, ...>)");
STRATA_DSL_RULE(default_value_too_long, "default_value strings are limited to 127 bytes (and so are the strings of a seed's values<...>)");
STRATA_DSL_RULE(references_bad_action, "references<T, C, A>: A must be one of on_delete_no_action, on_delete_restrict, on_delete_cascade, on_delete_set_null, on_delete_set_default");
STRATA_DSL_RULE(foreign_key_bad_action, "foreign_key<...>: the last argument must be an on_delete_ action");
STRATA_DSL_RULE(primary_key_constraint_columns, "primary_key_constraint takes 1 to 8 columns");
STRATA_DSL_RULE(unique_constraint_columns, "unique_constraint takes 1 to 8 columns");
STRATA_DSL_RULE(index_columns, "an index names 1 to 8 columns");
STRATA_DSL_RULE(create_enum_without_values, "create_enum<Name, values...> needs at least one value");
STRATA_DSL_RULE(seed_without_columns, "seed<\"table\", columns<\"a\", ...>, values<...>...>: the second argument must be columns<...>");
STRATA_DSL_RULE(seed_without_rows, "seed<...>: at least one values<...> row");
STRATA_DSL_RULE(seed_row_size, "seed<...>: every values<...> row has one value per name in columns<...>");
STRATA_DSL_RULE(add_column_not_a_column, "add_column<T, C>: C must be a column<\"name\", type, ...>");
STRATA_DSL_RULE(set_type_not_a_type, "set_type<T>: T must be a column type");
STRATA_DSL_RULE(alter_column_without_changes, "alter_column<T, C, ...> needs at least one change (set_type<...>, set_not_null, drop_not_null, set_default<...>, drop_default)");
STRATA_DSL_RULE(alter_column_bad_change, "alter_column<T, C, ...>: each change must be set_type<...>, set_not_null, drop_not_null, set_default<...> or drop_default");
STRATA_DSL_RULE(create_table_bad_argument, "create_table<T, ...>: every argument after the name must be a column<...> or a table constraint (primary_key_constraint, unique_constraint, check_constraint, foreign_key)");
STRATA_DSL_RULE(sql_dialect_not_a_dialect, "sql<D, ...>: D must be strata::sqlite or strata::postgres");
STRATA_DSL_RULE(chain_sql_dialect_not_a_dialect, "chain_sql<D, Chain>: D must be strata::sqlite or strata::postgres");
STRATA_DSL_RULE(generate_sql_dialect_not_a_dialect, "generate_sql<D, Chain>: D must be strata::sqlite or strata::postgres");
STRATA_DSL_RULE(schema_at_unknown_version, "schema_at<V>: the chain has no migration with version V");
STRATA_DSL_RULE(sql_without_version, "sql<D, Chain, V>: name the migration's version V");
STRATA_DSL_RULE(sql_version_zero, "sql<D, Chain, V>: version 0 is the empty schema, it has no SQL; name a migration's version");
STRATA_DSL_RULE(sql_unknown_version, "sql<D, Chain, V>: the chain has no migration with version V");
#undef STRATA_DSL_RULE

template <error_kind K, class W, class... N>
struct rule_for;
#define STRATA_RULE_FOR(kind, rule)                \
    template <class W, class... N>                 \
    struct rule_for<error_kind::kind, W, N...> {   \
        using type = rule<W, N...>;                \
    }
STRATA_RULE_FOR(version_not_increasing, versions_must_increase);
STRATA_RULE_FOR(duplicate_version, duplicate_version);
STRATA_RULE_FOR(duplicate_name, duplicate_migration_name);
STRATA_RULE_FOR(no_operations, migration_without_operations);
STRATA_RULE_FOR(invalid_identifier, invalid_identifier);
STRATA_RULE_FOR(table_missing, table_does_not_exist);
STRATA_RULE_FOR(table_exists, table_already_exists);
STRATA_RULE_FOR(column_missing, column_does_not_exist);
STRATA_RULE_FOR(column_exists, column_already_exists);
STRATA_RULE_FOR(no_columns, table_without_columns);
STRATA_RULE_FOR(index_missing, index_does_not_exist);
STRATA_RULE_FOR(index_exists, index_already_exists);
STRATA_RULE_FOR(constraint_missing, constraint_does_not_exist);
STRATA_RULE_FOR(constraint_exists, constraint_already_exists);
STRATA_RULE_FOR(enum_missing, enum_does_not_exist);
STRATA_RULE_FOR(enum_exists, enum_already_exists);
STRATA_RULE_FOR(enum_value_exists, enum_value_already_exists);
STRATA_RULE_FOR(enum_in_use, enum_still_used);
STRATA_RULE_FOR(fk_table_missing, foreign_key_to_missing_table);
STRATA_RULE_FOR(fk_column_missing, foreign_key_to_missing_column);
STRATA_RULE_FOR(fk_type_mismatch, foreign_key_type_mismatch);
STRATA_RULE_FOR(fk_target_not_unique, foreign_key_target_not_unique);
STRATA_RULE_FOR(table_referenced, table_still_referenced);
STRATA_RULE_FOR(column_in_use, column_still_used);
STRATA_RULE_FOR(last_column, last_column);
STRATA_RULE_FOR(multiple_primary_keys, multiple_primary_keys);
STRATA_RULE_FOR(bad_autoincrement, bad_autoincrement);
STRATA_RULE_FOR(conflicting_changes, conflicting_changes);
STRATA_RULE_FOR(primary_key_nullable, primary_key_nullable);
STRATA_RULE_FOR(default_type_mismatch, default_type_mismatch);
STRATA_RULE_FOR(bad_type, bad_type);
STRATA_RULE_FOR(down_mismatch, down_does_not_restore);
STRATA_RULE_FOR(needs_chain, needs_chain);
STRATA_RULE_FOR(dialect_cannot_express, dialect_cannot_express);
STRATA_RULE_FOR(new_enum_value_used, new_enum_value_used);
STRATA_RULE_FOR(concurrent_index_mixed, concurrent_index_mixed);
STRATA_RULE_FOR(seed_value_mismatch, seed_value_mismatch);
STRATA_RULE_FOR(seed_missing_column, seed_missing_column);
STRATA_RULE_FOR(seed_without_key, seed_without_key);
STRATA_RULE_FOR(version_too_large, version_too_large);
STRATA_RULE_FOR(differs_only_in_case, name_differs_only_in_case);
STRATA_RULE_FOR(implicit_name_taken, name_is_implicit);
STRATA_RULE_FOR(derived_names_collide, derived_names_collide);
STRATA_RULE_FOR(rename_breaks_check, rename_breaks_check);
STRATA_RULE_FOR(misused_dsl, misused_dsl);
#undef STRATA_RULE_FOR

// The error of a failed evaluation, with each piece a complete object so that it can be a
// template argument.
template <const error& E>
struct failure_parts {
    static constexpr std::string_view a = E.a, b = E.b, c = E.c;
};

// Raises the rule's static_assert, once (detail/core/check.hpp); `value` stays a constant
// (false), so what depends on it reports nothing more.
template <const error& E, std::uint64_t Version, const std::string_view& MigrationName,
          const std::string_view& Label>
struct report {
    using parts = failure_parts<E>;
    using mig = diag::in_migration<Version, name_t<MigrationName>>;
    using where = std::conditional_t<
        E.whole_migration, diag::whole_migration,
        std::conditional_t<E.in_down, diag::down_operation<E.op + 1, name_t<Label>>, diag::operation<E.op + 1, name_t<Label>>>>;
    using rule = typename rule_for<E.kind, std::pair<mig, where>, name_t<parts::a>, name_t<parts::b>, name_t<parts::c>>::type;
    // A misused DSL template has reported itself where it is written (its own rule, through
    // `require`); the chain that holds its placeholder says nothing more.
    static constexpr bool silent = E.kind == error_kind::misused_dsl;
    static constexpr bool value = require<silent, rule> && !silent;
};
}  // namespace strata::detail
