#pragma once
// A schema as canonical facts, one string each, sorted: what verify() compares. The same
// strings come from the typed state (detail/state_facts.hpp) and from a live database (each
// driver's schema_facts), so a difference is a fact present on one side only, named in full.
#include <string>
#include <vector>

#include <strata/detail/config.hpp>
#include <strata/detail/core/descriptors.hpp>
#include <strata/detail/runtime/sql_text.hpp>
#include <strata/dialect.hpp>

namespace strata::detail {

// A column type as the DSL spells it: bigint, varchar<80>, numeric<12, 2>, enum_type<"mood">.
STRATA_LAZY STRATA_INLINE std::string dsl_type(const type_desc& t);

STRATA_LAZY STRATA_INLINE std::string fact_type(dialect_id d, const type_desc& t);
STRATA_LAZY STRATA_INLINE std::string fact_default(dialect_id d, const default_desc& v);
// A column's default as a fact: fact_default, and a timestamptz text PostgreSQL keeps as an
// instant written as it prints one in UTC ('2024-01-01 01:00:00+01' is '2024-01-01 00:00:00+00').
STRATA_LAZY STRATA_INLINE std::string fact_column_default(dialect_id d, const type_desc& t, const default_desc& v);
STRATA_LAZY STRATA_INLINE std::string fact_action(fk_action a);
STRATA_LAZY STRATA_INLINE std::string fact_list(std::vector<std::string> xs, bool sort = false);
// Sorted facts, each once: a foreign key or UNIQUE declared twice is one, and a UNIQUE on the
// primary key's columns is the key (SQLite keeps such a key once or not at all, PostgreSQL
// within a CREATE TABLE; it constrains nothing more where a database keeps it). verify()
// compares the typed state's facts and the live schema's after this.
STRATA_LAZY STRATA_INLINE std::vector<std::string> keys_once(std::vector<std::string> facts);

// Every table and enum a chain ever names: verify() looks at these and nothing else, so other
// chains' tables and the application's own stay out of it, while a table this chain dropped
// but that is still there is reported (unless another chain keeps rows in the database: then
// it may be that chain's table, and only the tables the chain holds are read; diff_live).
struct chain_names {
    std::vector<std::string> tables, enums;
};
STRATA_LAZY STRATA_INLINE chain_names names_of(const migration_desc* migs, std::size_t n);

// What the path from `from` to `to` migrations applied (up when from < to) names, in the order
// it runs: the tables and indexes (a foreign key's table too), and the enum types (a column's
// too), each with the migration that names it, but those the path made before (up:
// create_table, create_index, create_enum, rename_table's new name; a down: what it makes again).
// PostgreSQL looks each up along the whole search_path (migrator's refuse_tables_elsewhere).
struct path_names {
    std::vector<std::string> relations, types;
    std::vector<std::size_t> relation_at, type_at;
};
STRATA_LAZY STRATA_INLINE path_names names_along(const migration_desc* migs, std::size_t from, std::size_t to);

// The triggers and views the chain's own execute<> statements made (and did not drop) in its
// first `applied` migrations, as "trigger NAME" and "view NAME": not drift for verify(). The
// typed state does not hold them; the statements' text, in dialect d's words (an
// execute_per_dialect's own, read as that dialect reads them), says which.
STRATA_LAZY STRATA_INLINE std::vector<std::string> execute_made_objects(const migration_desc* migs, std::size_t applied, dialect_id d);

}  // namespace strata::detail

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/schema_facts.ipp>
#endif
