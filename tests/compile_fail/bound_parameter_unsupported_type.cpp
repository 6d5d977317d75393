// compile-fail: a statement's parameter of a type strata cannot bind
// expect: strata: a bound parameter must be an integer, floating point, bool, string, std::vector<std::byte>, std::chrono::sys_days, std::chrono::sys_time<D>, nullptr or std::optional of one
// expect: std::vector<int
//
// A data step binds a std::vector<int>.
// The control build (-DSTRATA_CONTROL) is this file without the offending use.
#include <strata/strata.hpp>

#include <vector>

void tag_users(strata::session& s) {
    s.execute("UPDATE users SET tag = ? WHERE id = ?", "new", 1);
#ifndef STRATA_CONTROL
    s.execute("UPDATE users SET tag = ? WHERE id = ?", std::vector<int>{1, 2}, 1);
#endif
}

int main() {}
