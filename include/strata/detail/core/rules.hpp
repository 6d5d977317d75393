#pragma once
// The one list of strata's compile-time rules. Everything else comes from it: the `error_kind`
// enum (detail/core/errors.hpp), the rule templates whose names and messages a diagnostic shows
// (detail/core/diagnostics.hpp, detail/target_schema.hpp), and the check that docs/errors.md has
// a heading or table row for each (tests/static/rule_list.cpp). A new rule is one line here, a
// compile-fail test and its entry in docs/errors.md.
//
// Each entry is X(name, message): the name of the rule template, which a diagnostic prints
// (`strata::detail::table_does_not_exist<...>`), and its message after "strata: ".

// Rules of the chain check (the fold, detail/core/state.hpp and fold.hpp). The name is also the
// rule's `strata::error_kind`, which `strata::chain_error<C>` returns.
#define STRATA_CHAIN_RULES(X) \
    X(versions_must_increase, "migration versions must be strictly increasing: this migration is out of order (listed after the higher version named second), or its version is 0") \
    X(duplicate_version, "two migrations have the same version") \
    X(duplicate_migration_name, "two migrations have the same name") \
    X(migration_without_operations, "a migration needs at least one operation") \
    X(invalid_identifier, "invalid identifier (empty, longer than 63 bytes, or containing a quote or NUL)") \
    X(table_does_not_exist, "no such table in the schema this operation applies to") \
    X(table_already_exists, "a table (or index) with this name already exists") \
    X(column_does_not_exist, "no such column in this table") \
    X(column_already_exists, "this table already has a column with this name") \
    X(table_without_columns, "create_table needs at least one column") \
    X(index_does_not_exist, "no such index") \
    X(index_already_exists, "an index (or table or constraint) with this name already exists") \
    X(constraint_does_not_exist, "no such constraint on this table") \
    X(constraint_already_exists, "a constraint (or table or index) with this name already exists") \
    X(enum_does_not_exist, "no such enum type") \
    X(enum_already_exists, "an enum type with this name already exists") \
    X(enum_value_already_exists, "this enum already has this value") \
    X(enum_still_used, "cannot drop an enum type a column still uses") \
    X(foreign_key_to_missing_table, "foreign key to a table that does not exist") \
    X(foreign_key_to_missing_column, "foreign key to a column that does not exist") \
    X(foreign_key_type_mismatch, "foreign key column and referenced column have different types") \
    X(foreign_key_target_not_unique, "a foreign key must reference a primary key or unique column") \
    X(table_still_referenced, "cannot drop a table that another table references") \
    X(column_still_used, "cannot drop or change a column that an index, constraint or foreign key uses") \
    X(last_column, "cannot drop the only column of a table") \
    X(multiple_primary_keys, "a table can have only one primary key") \
    X(bad_autoincrement, "autoincrement needs an integer primary key column") \
    X(bad_identity, "identity needs a smallint, integer or bigint column that is the table's primary key (primary_key on the column itself), and not autoincrement as well") \
    X(conflicting_changes, "alter_column asks for contradictory changes") \
    X(primary_key_nullable, "a primary key column cannot become nullable") \
    X(default_type_mismatch, "the default value does not fit the column type") \
    X(bad_type, "invalid column type") \
    X(down_does_not_restore, "the explicit down<...> does not restore the schema before up<...>") \
    X(needs_chain, "this migration's SQL depends on the schema before it: ask the chain, strata::sql<Dialect, Chain, Version>") \
    X(dialect_cannot_express, "the chosen dialect cannot express this column type, default or seed value") \
    X(new_enum_value_used, "an enum value added by a migration cannot be used in that same migration (PostgreSQL runs it in one transaction): use it in the next migration") \
    X(concurrent_index_mixed, "a migration with a concurrent index operation (create_index_concurrently, drop_index_concurrently) may contain only such operations: it runs outside a transaction") \
    X(seed_value_mismatch, "a seed value does not fit its column (type, NULL in a NOT NULL column, varchar length, or an enum value the type does not have)") \
    X(seed_missing_column, "a seed row leaves out a NOT NULL column that has no default: name it in columns<...>") \
    X(seed_without_key, "seed rows must give the table's primary key, by which the derived down deletes exactly them") \
    X(version_too_large, "a migration version must be below 2^63 (9223372036854775808): the tracking table stores it in a signed 64-bit BIGINT") \
    X(name_differs_only_in_case, "this name differs from an existing one only in case: SQLite compares identifiers without case, so there they are the same table, index or column") \
    X(name_is_implicit, "PostgreSQL already gives this name to an implicit constraint, index or sequence (<table>_pkey, <table>_<column>_key, _fkey, _check or _seq): it would refuse the name or number its own") \
    X(derived_names_collide, "two names PostgreSQL derives (<table>_<column>_key, _fkey, _check, _seq, <table>_pkey) become the same once it shortens them to 63 bytes: shorten the table or column name") \
    X(no_sql_for_dialect, "execute_per_dialect<...> has no statements for the dialect this SQL is generated in: add its sql_for<Dialect, up, down> (sqlite_sql<up, down>, postgres_sql<up, down>)") \
    X(rename_breaks_check, "a check constraint's SQL names what this operation renames, and would keep the old name (SQLite's next rebuild of the table fails: no such column): drop the check first, rename, then add it again with the new name") \
    X(constraint_already_valid, "validate_constraint of a constraint that is valid already: only one added with not_valid (and not validated since) needs it") \
    X(constraint_cannot_be_validated, "validate_constraint names a unique or primary key constraint: only a foreign key or check can be not valid (add_foreign_key or add_check with not_valid)") \
    X(comment_in_expression, "a check or default_sql expression holds an SQL comment that runs to its end (-- or an unclosed /*): strata writes the expression inside a statement, where the comment would hide the rest of it (its closing parenthesis, the next column); end it, or write the expression without it") \
    X(key_column_twice, "a primary key or unique constraint names a column twice (PostgreSQL refuses it; SQLite would keep it)") \
    /* strata::lint<Chain, live_postgres> (detail/core/lint.hpp): opt-in, not part of the fold */ \
    X(lint_index_blocks_writes, "lint, live PostgreSQL: CREATE INDEX holds a SHARE lock on the table for the whole build: every write waits. Use create_index_concurrently (or create_unique_index_concurrently) in a migration of its own, or accept it with unsafe<\"why\", op>") \
    X(lint_constraint_validated_under_lock, "lint, live PostgreSQL: adding a foreign key or check constraint checks every row while it holds the table (SHARE ROW EXCLUSIVE on both tables for a foreign key, ACCESS EXCLUSIVE for a check): writes wait. Add it with not_valid (add_foreign_key<..., not_valid>, add_check<..., not_valid>: no scan), then validate_constraint<table, name> (writes go on while it checks); or accept it with unsafe<\"why\", op>") \
    X(lint_validation_under_earlier_lock, "lint, live PostgreSQL: validate_constraint scans its table while this migration's transaction still holds the write-blocking lock an earlier operation of it took on an existing table (the third name): writes to that table wait for the whole scan, as with no not_valid twin at all. Validate in a migration of its own, after the one that adds the constraint not_valid; or accept it with unsafe<\"why\", op>") \
    X(lint_unique_constraint_builds_index, "lint, live PostgreSQL: a unique or primary key constraint builds its index under an ACCESS EXCLUSIVE lock: reads and writes wait. Build the index with create_unique_index_concurrently instead (it enforces the same uniqueness), or accept it with unsafe<\"why\", op>") \
    X(lint_set_not_null_scans, "lint, live PostgreSQL: SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock: reads and writes wait. First add_check<table, name, col IS NOT NULL, not_valid> and validate_constraint<table, name> (PostgreSQL 12 and later then skip the scan), then set_not_null, then drop the check; or accept it with unsafe<\"why\", op>") \
    X(lint_type_change_rewrites, "lint, live PostgreSQL: this type change rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (only varchar to a longer varchar or to text, and numeric to a larger precision, do not): add a column of the new type, backfill it in batches (background<fn>), then switch to it; or accept it with unsafe<\"why\", op>") \
    X(lint_volatile_default_rewrites, "lint, live PostgreSQL: a column added with a volatile default (random(), gen_random_uuid(), clock_timestamp(), nextval(), ...) rewrites the table under an ACCESS EXCLUSIVE lock: add it without the default, set_default for new rows, backfill old ones in batches (background<fn>); or accept it with unsafe<\"why\", op>") \
    X(lint_not_null_without_default, "lint, live PostgreSQL: a NOT NULL column added without a default fails on a table that has rows (each would hold NULL), and the running application's INSERTs that do not name it fail: add it nullable or with a default (a constant default rewrites nothing), backfill it, then set_not_null; or accept it with unsafe<\"why\", op>") \
    X(lint_breaks_running_application, "lint, live PostgreSQL: dropping or renaming a table or column breaks the application version still running during the deploy: first release code that no longer uses it, then drop it in a later migration (expand/contract), and accept that one with unsafe<\"why\", op>") \
    X(misused_dsl, "a misused DSL template (reported where it is written)")

// Rules of the DSL's spelling, raised by the misused template itself (through `require`,
// detail/core/check.hpp), which is the rule's one argument. A chain that holds the misused
// template then stops at `error_kind::misused_dsl` without a word.
#define STRATA_DSL_RULES(X) \
    X(empty_chain, "a chain needs at least one migration") \
    X(chain_argument_not_migration, "chain<...>: every argument must be a strata::migration<Version, \"name\", ...>") \
    X(migration_argument_not_operation, "migration<V, Name, ...>: every argument after the name must be an operation (create_table<...>, add_column<...>, run<fn>, ...), or exactly up<...>, down<...>") \
    X(column_type_not_a_type, "column<Name, Type, ...>: Type must be a column type (bigint, text, varchar<N>, ...)") \
    X(column_constraint_invalid, "column<Name, Type, ...>: every argument after the type must be a column constraint (primary_key, not_null, unique, autoincrement, identity, default_value<V>, default_sql<\"...\">, check<\"...\">, references<T, C, ...>)") \
    X(references_bad_action, "references<T, C, A>: A must be one of on_delete_no_action, on_delete_restrict, on_delete_cascade, on_delete_set_null, on_delete_set_default") \
    X(foreign_key_bad_action, "foreign_key<...>: the last argument must be an on_delete_ action") \
    X(primary_key_constraint_columns, "primary_key_constraint takes 1 to 8 columns") \
    X(unique_constraint_columns, "unique_constraint takes 1 to 8 columns") \
    X(index_columns, "an index names 1 to 8 columns") \
    X(create_enum_without_values, "create_enum<Name, values...> needs at least one value") \
    X(seed_without_columns, "seed<\"table\", columns<\"a\", ...>, values<...>...>: the second argument must be columns<...>") \
    X(seed_without_rows, "seed<...>: at least one values<...> row") \
    X(seed_row_size, "seed<...>: every values<...> row has one value per name in columns<...>") \
    X(add_column_not_a_column, "add_column<T, C>: C must be a column<\"name\", type, ...>") \
    X(set_type_not_a_type, "set_type<T>: T must be a column type") \
    X(alter_column_without_changes, "alter_column<T, C, ...> needs at least one change (set_type<...>, set_not_null, drop_not_null, set_default<...>, drop_default)") \
    X(alter_column_bad_change, "alter_column<T, C, ...>: each change must be set_type<...>, set_not_null, drop_not_null, set_default<...> or drop_default") \
    X(create_table_bad_argument, "create_table<T, ...>: every argument after the name must be a column<...> or a table constraint (primary_key_constraint, unique_constraint, check_constraint, foreign_key)") \
    X(sql_dialect_not_a_dialect, "sql<D, ...>: D must be strata::sqlite or strata::postgres") \
    X(chain_sql_dialect_not_a_dialect, "chain_sql<D, Chain>: D must be strata::sqlite or strata::postgres") \
    X(generate_sql_dialect_not_a_dialect, "generate_sql<D, Chain>: D must be strata::sqlite or strata::postgres") \
    X(schema_at_unknown_version, "schema_at<V>: the chain has no migration with version V") \
    X(sql_without_version, "sql<D, Chain, V>: name the migration's version V") \
    X(sql_version_zero, "sql<D, Chain, V>: version 0 is the empty schema, it has no SQL; name a migration's version") \
    X(execute_per_dialect_bad_argument, "execute_per_dialect<...>: every argument must be sql_for<Dialect, up, down> (sqlite_sql<up, down>, postgres_sql<up, down>), at least one, each dialect once") \
    X(constraint_option_invalid, "add_foreign_key<T, Name, C, RefT, RefC, options...> and add_check<T, Name, Expr, options...>: each option must be not_valid or (add_foreign_key only) an on_delete_ action, each at most once") \
    X(unsafe_bad_argument, "unsafe<Reason, Op>: Op must be one operation (create_index<...>, drop_column<...>, ...) and the Reason string must not be empty") \
    X(sql_unknown_version, "sql<D, Chain, V>: the chain has no migration with version V")

// Rules of models (<strata/model.hpp>: structs adapted with Boost.Hana plus a strata table<...>),
// raised where `strata::models<T...>` reads each struct, one per model at most. The rule's one
// argument names the culprit: `diag::model<T>` or `diag::member<T, name<"...">>`. A models<...>
// target holding a misused model stops the chain check without a word, as a misused DSL template
// does.
#define STRATA_MODEL_RULES(X) \
    X(model_not_a_struct, "models<T...>: each T must be a struct adapted with BOOST_HANA_DEFINE_STRUCT or BOOST_HANA_ADAPT_STRUCT") \
    X(model_without_table, "models<T...>: this struct names no table: give it a member using strata_table = table<Name, annotations...>, or specialise strata::table_of<T> as a table<Name, annotations...>") \
    X(model_bad_annotation, "table<Name, ...>: every argument after the name must be key<members...>, field<member, ...>, index_on<Name, members...>, unique_index_on<Name, members...> or a table constraint (unique_constraint, check_constraint, foreign_key)") \
    X(model_unknown_member, "a model annotation (key, field, index_on, unique_index_on) names a member the struct does not have") \
    X(model_two_keys, "a model has two key<...> annotations: name every member of its primary key in one key<...>") \
    X(model_member_annotated_twice, "a model has two field<...> annotations for one member: merge them") \
    X(model_member_without_sql_type, "this member's C++ type has no SQL type: name one with field<member, type>. Mapped: std::int16_t, std::int32_t, std::int64_t, float, double, bool, std::string, std::vector<std::byte>, std::chrono::sys_days, std::chrono::sys_time<std::chrono::microseconds>, and std::optional of one") \
    X(model_field_type_mismatch, "field<member, type>: this SQL type holds another C++ type than the member (strata::cpp_type_of): change the member's type or the SQL type") \
    X(model_nullable_key, "a primary key member cannot be a std::optional")

// Rules of typed rows (<strata/rows.hpp>: select, for_each, insert at a schema state), raised
// where a row type is first used at a state, one per (row, state) at most. The rule's one
// argument names the culprit: `diag::typed_row<Row, name<table>, name<column>, at_version<V>>`,
// Row being the model or `diag::selected_columns`.
#define STRATA_ROW_RULES(X) \
    X(row_column_does_not_exist, "typed rows: the table, or a column a model member or a selected column names, does not exist in the schema state the rows are read or written at") \
    X(row_type_mismatch, "typed rows: a model member's C++ type is not its column's at this schema state (schema_state::cpp_type, strata::cpp_type_of): change the member's type, or read at the state whose column it is") \
    X(row_nullability_mismatch, "typed rows: a model member is a std::optional and its column NOT NULL at this schema state, or the other way round: a nullable column needs a std::optional member") \
    X(row_not_null_column_not_written, "typed rows: insert leaves out a NOT NULL column that has no default at this schema state, so the INSERT would fail: give the model a member for it, or the column a default")

// Rules of `strata::matches<Chain, Target>` (detail/target_schema.hpp), one per kind of
// difference between two schema states. Each entry is X(name, difference, message): the
// `diff_kind` (detail/core/schema_diff.hpp) is the kind of a difference in any direction, which
// the fold and autogenerate read too; the rule says which side has what.
#define STRATA_MATCH_RULES(X) \
    X(target_table_missing_from_chain, table_missing, "the target schema has this table, the chain's head does not") \
    X(chain_table_not_in_target, table_extra, "the chain's head has this table, the target schema does not") \
    X(target_column_missing_from_chain, column_missing, "the target schema's table has this column, the chain's head does not") \
    X(chain_column_not_in_target, column_extra, "the chain's head has this column, the target schema's table does not") \
    X(column_differs_from_target, column_differs, "this column differs from the target schema's (the last name says how)") \
    X(primary_key_differs_from_target, primary_key_differs, "this table's primary key constraint differs from the target schema's") \
    X(target_index_missing_from_chain, index_missing, "the target schema has this index, the chain's head does not") \
    X(chain_index_not_in_target, index_extra, "the chain's head has this index, the target schema does not") \
    X(index_differs_from_target, index_differs, "this index differs from the target schema's (the last name says how)") \
    X(target_constraint_missing_from_chain, constraint_missing, "the target schema has this constraint, the chain's head does not") \
    X(chain_constraint_not_in_target, constraint_extra, "the chain's head has this constraint, the target schema does not") \
    X(constraint_differs_from_target, constraint_differs, "this constraint differs from the target schema's") \
    X(target_enum_missing_from_chain, enum_missing, "the target schema has this enum type, the chain's head does not") \
    X(chain_enum_not_in_target, enum_extra, "the chain's head has this enum type, the target schema does not") \
    X(enum_values_differ_from_target, enum_values_differ, "this enum type's values differ from the target schema's")
