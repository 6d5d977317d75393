#pragma once
// The typed state's side of verify(): a state as the facts of detail/runtime/schema_facts.hpp.
// Glue between the layers: it reads the chain's states (core) and speaks the runtime's facts.
#include <strata/detail/algorithm.hpp>
#include <strata/detail/unique_ptr.hpp>
#include <string>
#include <vector>

#include <strata/detail/config.hpp>
#include <strata/detail/dependent.hpp>
#include <strata/detail/core/checkpoints.hpp>
#include <strata/detail/runtime/schema_facts.hpp>
#include <strata/detail/sql/dialects.hpp>
#include <strata/detail/sql/runtime_state.hpp>
#include <strata/schema.hpp>

namespace strata::detail {

// The facts of a state (a value of the chain's state type, at compile time or run time).
template <class S>
std::vector<std::string> state_facts(const S& s, dialect_id d) {
    // (dependent: std::sort and the vectors' members are compiled where this is instantiated,
    // not in every unit that includes the header; see detail::dependent)
    using strings = std::vector<dependent_t<std::string, S>>;
    strings f;
    const dialect_traits& dt = traits_of(d);
    const slot_range<S, table_view<S>, count_tables<S>, keep_table<S>> tables{&s, -1};
    for (auto t : tables) {
        const std::string tn(t.name());
        f.push_back("table " + tn);
        auto check_fact = [&](std::string_view expression) {  // (named or not, in one spelling)
            if (dt.keeps_check_text) f.push_back("check " + tn + ": " + check_text_key(expression));
        };
        strings pk;
        for (auto c : t.columns()) {
            if (c.primary_key()) pk.push_back(std::string(c.name()));
            f.push_back("column " + tn + "." + std::string(c.name()) + " " + fact_type(d, c.type()) +
                        (c.not_null() || c.primary_key() ? " not null" : "") +
                        // (a dialect whose integer keys number themselves has no identity to report)
                        ((c.autoincrement() || c.identity()) && !dt.identity.empty() ? " identity" : "") +
                        " default=" + fact_column_default(d, c.type(), c.default_value()));
            if (c.unique()) f.push_back("unique " + tn + "(" + std::string(c.name()) + ")");
            if (c.is_foreign_key())
                f.push_back("fk " + tn + "." + std::string(c.name()) + " -> " + std::string(c.references_table()) + "." +
                            std::string(c.references_column()) + " " + fact_action(c.on_delete()));
            if (!c.check().empty() && dt.names_column_checks) {  // named (by PostgreSQL) when it was created
                const column_state& cs = c.s->columns[c.i];
                const derived_name cut = pg_derived_name(cs.check_table, cs.check_column, "check");
                f.push_back("check " + std::string(cs.check_table.substr(0, cut.n1)) + "_" +
                            std::string(cs.check_column.substr(0, cut.n2)) + "_check on " + tn);
            }
            if (!c.check().empty()) check_fact(c.check());
            if (!dt.enum_types && c.type().kind == type_kind::enumeration) {  // as the generator spells it
                std::string in = "\"" + std::string(c.name()) + "\" IN (";
                const int e = s.find_enum(c.type().enum_name);
                for (int v = e == -1 ? -1 : s.enums[e].first; v != -1; v = s.enum_values[v].next)
                    in += (in.back() == '(' ? "" : ", ") + fact_default(d, default_desc{default_kind::string, s.enum_values[v].value});
                check_fact(in + ")");
            }
        }
        for (auto k : t.constraints()) {
            strings cols;
            for (std::size_t i = 0; i < k.column_count(); ++i) cols.push_back(std::string(k.column(i)));
            // (a dialect without NOT VALID constraints cannot tell: their rows were checked)
            const std::string validity = !k.validated() && dt.not_valid_constraints ? " not valid" : "";
            switch (k.kind()) {
                case constraint_kind::primary_key: pk = cols; break;
                case constraint_kind::unique: f.push_back("unique " + tn + "(" + fact_list(cols) + ")"); break;
                case constraint_kind::check:
                    f.push_back("check " + std::string(k.name()) + " on " + tn + validity);
                    check_fact(k.check());
                    break;
                case constraint_kind::foreign_key:
                    f.push_back("fk " + tn + "." + cols[0] + " -> " + std::string(k.references_table()) + "." +
                                std::string(k.references_column()) + " " + fact_action(k.on_delete()) + validity);
                    break;
                case constraint_kind::none: break;
            }
        }
        if (!pk.empty()) f.push_back("pk " + tn + "(" + fact_list(pk, true) + ")");
        for (auto x : t.indexes()) {
            strings cols;
            for (std::size_t i = 0; i < x.column_count(); ++i) cols.push_back(std::string(x.column(i)));
            f.push_back("index " + std::string(x.name()) + " on " + tn + "(" + fact_list(cols) + ")" + (x.unique() ? " unique" : ""));
        }
    }
    if (dt.enum_types) {
        const slot_range<S, enum_view<S>, count_enums<S>, keep_enum<S>> enums{&s, -1};
        for (auto e : enums) {
            strings values;
            for (auto v : e.values()) values.push_back(std::string(v));
            f.push_back("enum " + std::string(e.name()) + "(" + fact_list(values) + ")");
        }
    }
    std::sort(f.begin(), f.end());
    return f;
}

// The state after the first `applied` migrations, folded when the program runs (the chain was
// checked at compile time, so no step fails), as facts.
template <class S>
std::vector<std::string> facts_of_prefix(const migration_desc* descs, std::size_t n, std::size_t applied, dialect_id d) {
    auto s = std::make_unique<S>();
    for (std::size_t i = 0; i < applied && i < n; ++i) (void)apply_migration(*s, descs, i);
    return state_facts(*s, d);
}
// facts_of_prefix with bucket k's state, in strata::runtime (detail/runtime_states.ipp)
STRATA_INLINE std::vector<std::string> facts_of_prefix_in_bucket(int k, const migration_desc* descs, std::size_t n,
                                                                 std::size_t applied, dialect_id d);
template <class P>
std::vector<std::string> facts_after(std::size_t applied, dialect_id d) {
    using L = runtime_layout<P>;
    if constexpr (L::in_library) return facts_of_prefix_in_bucket(L::bucket, P::descs, P::size, applied, d);
    else return facts_of_prefix<typename L::state_type>(P::descs, P::size, applied, d);
}

}  // namespace strata::detail
