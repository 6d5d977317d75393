#pragma once
// The URL schemes strata::open_database and cli::run open: a registry the backend headers fill,
// each only in the units that open databases by URL (see url_scheme).
#include <strata/detail/config.hpp>
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
// The registry (bodies in url_openers.ipp: compiled once with STRATA_SEPARATE_COMPILATION).
STRATA_LAZY STRATA_INLINE std::vector<opener_entry>& openers();
STRATA_LAZY STRATA_INLINE bool register_opener(std::string_view prefix, opener open);
// The driver for `url` from the first registered prefix it starts with; otherwise
// invalid_argument saying which header to include or what a URL looks like.
STRATA_LAZY STRATA_INLINE std::unique_ptr<driver> open_registered(std::string_view url);

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

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/url_openers.ipp>
#endif
