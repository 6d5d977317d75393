#pragma once
// PostgreSQL's volatile functions that column defaults call: a column added with such a default
// takes a value per row, which rewrites the table (ALTER TABLE, Notes). now() and
// CURRENT_TIMESTAMP are stable (one value): no rewrite. Read by strata::lint (a default's SQL)
// and by plan()'s lock text (a statement's); a volatile function of one's own is not known.
#include <string_view>

namespace strata::detail {

// `name` as written (any case) is one of them.
constexpr bool volatile_function(std::string_view name) noexcept {
    constexpr std::string_view names[] = {"random", "random_normal", "clock_timestamp", "gen_random_uuid",
                                          "gen_random_bytes", "gen_salt", "uuid_generate_v1", "uuid_generate_v1mc",
                                          "uuid_generate_v4", "timeofday", "nextval", "currval", "lastval"};
    for (std::string_view f : names) {
        bool same = f.size() == name.size();
        for (std::size_t c = 0; c < f.size() && same; ++c) {
            char x = name[c];
            if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
            same = x == f[c];
        }
        if (same) return true;
    }
    return false;
}

}  // namespace strata::detail
