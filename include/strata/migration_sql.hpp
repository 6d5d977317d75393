#pragma once
// What the runtime executes: a migration's steps (statements in fragments, data steps) and the
// object that owns a chain's steps, generated when the program runs. The contract between the
// SQL generator (sql.hpp, generate_sql.hpp), which fills these, and the runtime
// (detail/runtime/), which includes only this of the compile-time side.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <strata/detail/core/descriptors.hpp>
#include <strata/dialect.hpp>

namespace strata {
namespace detail {
// rebuild_guard (SQLite): before a table rebuild, the runtime checks that the live table holds
// nothing the rebuild would lose; its fragments are the table, the quoted names of the columns
// it may hold, then what its definition may have, in words (generator::rebuild_guard, read by
// the engine's rebuild_would_lose; docs/reference.md section 7 lists them).
// nothing: a step that sends nothing, which plan() shows: an execute's down of
// strata::dsl::nothing (no fragments), or validate_constraint where the dialect has no NOT VALID
// constraints (its fragments say so).
// Kinds after foreign_key_check carry no SQL text.
enum class step_kind : std::uint8_t { sql, foreign_key_check, run, validate, rebuild_guard, nothing };

}  // namespace detail

using detail::step_kind;

// A piece of a statement's text, read as the std::string_view it converts to (view() for the
// rest of std::string_view's members). A plain pair (no constructor, no member initializers):
// clang constructs every element of an array of std::string_view when the array is made, and
// strata::chain_sql writes into arrays far longer than what it writes (detail/sql/segment_sql.hpp);
// an array of these costs only what is written.
struct sql_fragment {
    const char* start;
    std::size_t count;

    constexpr std::string_view view() const noexcept { return {start, count}; }
    constexpr operator std::string_view() const noexcept { return {start, count}; }
    constexpr const char* data() const noexcept { return start; }
    constexpr std::size_t size() const noexcept { return count; }
    constexpr std::size_t length() const noexcept { return count; }
    constexpr bool empty() const noexcept { return count == 0; }
    constexpr const char* begin() const noexcept { return start; }
    constexpr const char* end() const noexcept { return start + count; }
    friend constexpr bool operator==(sql_fragment a, sql_fragment b) noexcept { return a.view() == b.view(); }
    friend constexpr bool operator==(sql_fragment a, std::string_view b) noexcept { return a.view() == b; }
    template <class Stream>  // (any std::ostream; no <ostream> here)
        requires requires(Stream& os, std::string_view v) { os << v; }
    friend Stream& operator<<(Stream& os, sql_fragment f) {
        os << f.view();
        return os;
    }
};

// One thing to do when applying a migration: a statement, the foreign-key check that follows
// a SQLite rebuild (any row it returns is a violation), or a data step. A statement comes in
// fragments (see detail/sql/sql_writer.hpp); sql() joins them.
struct step {
    step_kind kind = step_kind::sql;
    std::span<const sql_fragment> fragments{};
    detail::data_fn run = nullptr;
    detail::check_fn check = nullptr;

    std::string sql() const {
        std::string s;
        for (sql_fragment f : fragments) s += f.view();
        return s;
    }
};

struct migration_sql {
    std::uint64_t version = 0;
    std::string_view name{};
    std::uint64_t checksum = 0;      // of the canonical operations and the dialect
    bool reversible = true;          // false: execute_irreversible or run<fn> without a down
    bool rebuilds_tables = false;    // SQLite: run with foreign keys off, check after
    std::span<const step> up_steps{}, down_steps{};
    // false: PostgreSQL cannot run its statements in a transaction (CREATE INDEX CONCURRENTLY);
    // the runtime runs them one by one and keeps the migration marked dirty until all are done.
    bool transactional = true;

    // Every statement, each followed by ";\n".
    static std::string text(std::span<const step> steps) {
        std::string s;
        for (const step& st : steps)
            if (st.kind == step_kind::sql || st.kind == step_kind::foreign_key_check) {
                for (sql_fragment f : st.fragments) s += f.view();
                s += ";\n";
            }
        return s;
    }
    std::string up_sql() const { return text(up_steps); }
    std::string down_sql() const { return text(down_steps); }
};

// Bumped when the generated SQL changes meaning; part of every checksum.
inline constexpr std::uint64_t sql_generation = 1;

constexpr std::uint64_t checksum_of(std::uint64_t migration_hash, detail::dialect_id d) {
    return detail::mix(detail::mix(migration_hash, static_cast<std::uint64_t>(d) + 1), sql_generation);
}
constexpr std::uint64_t checksum_of(const detail::migration_desc& m, detail::dialect_id d) {
    return checksum_of(m.hash_for(d), d);
}

// The same SQL, generated when the program runs instead of stored in it: the chain is checked
// at compile time as always, the binary carries only the descriptors, and the generator (the
// same constexpr code) runs once, in microseconds per migration. strata::chain_sql keeps the
// whole text in the binary and costs the compiler for it (benchmarks/README.md).
namespace detail {
template <class D, class P>
struct sql_generator;
struct sql_filler;
}  // namespace detail

class generated_sql {
   public:
    std::span<const migration_sql> migrations() const { return {migrations_.data(), migrations_.size()}; }

    generated_sql(generated_sql&&) = default;  // the spans point into the vectors' buffers
    generated_sql& operator=(generated_sql&&) = default;

   private:
    generated_sql() = default;
    template <class D, class P>
    friend struct detail::sql_generator;
    friend struct detail::sql_filler;

    std::vector<sql_fragment> up_frags_, down_frags_;
    std::vector<step> steps_;
    std::vector<migration_sql> migrations_;
};

}  // namespace strata
