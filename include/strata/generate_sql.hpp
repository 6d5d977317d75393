#pragma once
// strata::generate_sql<D, Chain>(): a chain's SQL generated when the program runs.
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <strata/detail/sql/dialect_check.hpp>
#include <strata/sql.hpp>

namespace strata {

namespace detail {
// A class keyed by the chain's short key: its constructor is the only function the compiler
// emits for it, under a name of a few bytes (see detail/core/chain_key.hpp).
template <class D, class P>
struct sql_generator : generated_sql {
    enum : bool { well_formed = require<dialect<D>, generate_sql_dialect_not_a_dialect<sql_generator>> && checked_chain<P> && dialects_checked<D, P> };

    sql_generator() {
        if constexpr (well_formed) {  // (else reported once, and nothing here is instantiated)
            using S = typename chain_layout<P>::state_type;
            constexpr std::size_t n = P::size;
            std::vector<S> s(1);  // on the heap: a state is large
            std::vector<migration_size> sizes(n);
            range_totals t{};
            // A column the dialect cannot spell is found here (strata::sql finds it at compile time).
            if (error e = generate_range(D::id, s.front(), P::descs, 0, n, sizes.data(), {}, t))  // count
                throw std::logic_error(std::string("strata: ") + std::string(D::name) + " cannot express column \"" +
                                       std::string(e.b) + "\" of table \"" + std::string(e.a) + "\" (" +
                                       std::string(e.c) + "), migration " + std::to_string(P::descs[e.migration].version));
            up_frags_.resize(t.up_frags + 1);
            down_frags_.resize(t.down_frags + 1);
            std::vector<step_rec> up(t.up_steps + 1), down(t.down_steps + 1);
            std::vector<migration_rec> recs(n);
            s.clear(), s.emplace_back();  // the fill starts from the empty schema again (in place: a state is large)
            (void)generate_range(D::id, s.front(), P::descs, 0, n, sizes.data(),
                                 {up_frags_.data(), down_frags_.data(), up.data(), down.data(), recs.data()}, t);
            steps_.reserve(t.up_steps + t.down_steps);
            for (std::size_t i = 0; i < t.up_steps; ++i) add(up[i], up_frags_);
            for (std::size_t i = 0; i < t.down_steps; ++i) add(down[i], down_frags_);
            migrations_.reserve(n);
            for (std::size_t i = 0; i < n; ++i) {
                const migration_desc& m = P::descs[i];
                const migration_rec& r = recs[i];
                migrations_.push_back(migration_sql{
                    m.version, m.name, checksum_of(m, D::id), r.reversible, r.rebuilds,
                    std::span<const step>{steps_.data() + r.up_step, r.up_steps},
                    std::span<const step>{steps_.data() + t.up_steps + r.down_step, r.down_steps}, r.transactional});
            }
        }
    }

   private:
    void add(const step_rec& r, const std::vector<std::string_view>& frags) {
        steps_.push_back(step{r.kind, std::span<const std::string_view>{frags.data() + r.first, r.count}, r.fn, r.check});
    }
};
}  // namespace detail

// `strata::generate_sql<strata::sqlite, history>()`: an object that owns the chain's SQL,
// generated when it is made; `.migrations()` lists them as strata::chain_sql does. (An alias
// of a class, not a function: nothing named after the whole chain reaches the object file.)
template <class D, class Chain>
using generate_sql = detail::sql_generator<D, detail::proxy_t<Chain>>;

}  // namespace strata
