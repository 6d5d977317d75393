#pragma once
// The keys of the migrators' lock of a chain on PostgreSQL: the chain's, taken shared, and the
// first int of the schema's, taken exclusive with the hash of current_schema() (see
// strata::postgres::connection::lock). The migrator and the CLI's offline script take them alike.
#include <cstdint>
#include <string_view>

namespace strata::detail {

// "strata:" + chain, FNV-1a 64, as a bigint.
constexpr std::int64_t migrators_lock_key(std::string_view chain) noexcept {
    std::uint64_t h = 14695981039346656037ull;
    for (std::string_view part : {std::string_view("strata:"), chain})
        for (unsigned char c : part) {
            h ^= c;
            h *= 1099511628211ull;
        }
    return static_cast<std::int64_t>(h);
}
// Its low 31 bits.
constexpr std::int32_t migrators_schema_lock_key(std::string_view chain) noexcept {
    return static_cast<std::int32_t>(static_cast<std::uint64_t>(migrators_lock_key(chain)) & 0x7fffffffu);
}

}  // namespace strata::detail
