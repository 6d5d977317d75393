#pragma once
// The bodies of detail/runtime/url_openers.hpp: the registry of URL schemes.
#include <strata/detail/dependent.hpp>
#include <strata/detail/runtime/url_openers.hpp>

namespace strata::detail {

STRATA_LAZY_DEF STRATA_INLINE std::vector<opener_entry>& openers() {
    static std::vector<opener_entry> all;
    return all;
}
STRATA_LAZY_DEF STRATA_INLINE bool register_opener(std::string_view prefix, opener open) {
    dependent_t<std::vector<opener_entry>, Lazy>& all = openers();  // (dependent: see detail::dependent)
    all.push_back({prefix, open});
    return true;
}
STRATA_LAZY_DEF STRATA_INLINE std::unique_ptr<driver> open_registered(std::string_view url) {
    for (const detail::opener_entry& e : detail::openers())
        if (url.substr(0, e.prefix.size()) == e.prefix) return e.open(url);
    const std::string u(url);
    if (u.rfind("sqlite:", 0) == 0) throw std::invalid_argument("strata: \"" + u + "\": include <strata/sqlite.hpp> to open SQLite databases");
    if (u.rfind("postgres://", 0) == 0 || u.rfind("postgresql://", 0) == 0)
        throw std::invalid_argument("strata: this program was built without the PostgreSQL backend (include <strata/postgres.hpp> "
                                    "and link strata::postgres)");
    throw std::invalid_argument("strata: \"" + u + "\" is not a database URL: use sqlite:PATH or postgresql://...");
}

}  // namespace strata::detail
