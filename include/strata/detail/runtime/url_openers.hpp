#pragma once
// The URL schemes strata::open_database and cli::run open: a registry the backend headers fill,
// each only in the units that open databases by URL (see url_scheme).
#include <strata/detail/unique_ptr.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace strata {
class driver;
namespace detail {

using opener = std::unique_ptr<driver> (*)(std::string_view url);
struct opener_entry {
    std::string_view prefix;
    opener open;
};
inline std::vector<opener_entry>& openers() {
    static std::vector<opener_entry> all;
    return all;
}
inline bool register_opener(std::string_view prefix, opener open) {
    openers().push_back({prefix, open});
    return true;
}
inline std::unique_ptr<driver> open_registered(std::string_view url) {
    for (const detail::opener_entry& e : detail::openers())
        if (url.substr(0, e.prefix.size()) == e.prefix) return e.open(url);
    const std::string u(url);
    if (u.rfind("sqlite:", 0) == 0) throw std::invalid_argument("strata: \"" + u + "\": include <strata/sqlite.hpp> to open SQLite databases");
    if (u.rfind("postgres://", 0) == 0 || u.rfind("postgresql://", 0) == 0)
        throw std::invalid_argument("strata: this program was built without the PostgreSQL backend (include <strata/postgres.hpp> "
                                    "and link strata::postgres)");
    throw std::invalid_argument("strata: \"" + u + "\" is not a database URL: use sqlite:PATH or postgresql://...");
}

// A backend header specialises url_scheme<its number, A> with a static `registered` whose
// initialiser registers its URL prefixes. Only a unit that opens by URL (open_database,
// cli::run) names it, so only that unit compiles the backend's connection class and vtable:
// registering from every unit that includes a backend header made each one compile both
// backends whole (1.3 s at -O0, 2.5 s at -O2 on g++, an empty main with every header).
inline constexpr int sqlite_scheme = 0;
inline constexpr int postgres_scheme = 1;
template <int Backend, class A>
struct url_scheme {
    static constexpr bool registered = false;  // that backend's header is not included
};
template <class A>
inline void register_included_backends() {
    static_cast<void>(&url_scheme<sqlite_scheme, A>::registered);
    static_cast<void>(&url_scheme<postgres_scheme, A>::registered);
}
}  // namespace detail
}  // namespace strata
