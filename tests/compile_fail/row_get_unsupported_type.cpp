// compile-fail: session::query_value<T> (row::get<T>) with a T no cell converts to
// expect: strata: row::get<T>: T must be an integer, floating point, bool, string, std::vector<std::byte>, std::chrono::sys_days, std::chrono::sys_time<D> or std::optional of one
// expect: std::vector<int
//
// A data step asks for a std::vector<int>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

#include <vector>

void count_users(strata::session& s) {
    [[maybe_unused]] const auto n = s.query_value<long>("SELECT count(*) FROM users");
#ifndef STRATA_CONTROL
    [[maybe_unused]] const auto ids = s.query_value<std::vector<int>>("SELECT id FROM users");
#endif
}

int main() {}
