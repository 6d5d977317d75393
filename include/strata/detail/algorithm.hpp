#pragma once
// The classic algorithms (std::sort, std::unique, std::any_of, std::min, ...) without C++20's
// <algorithm> extras, its std::ranges algorithms and the parallel overloads' declarations, which
// no strata code uses and every unit that includes a strata runtime header would parse (about
// 0.02 s of g++ per unit). libstdc++ keeps the classic ones in two internal headers; other
// libraries get <algorithm>. (As detail/chrono.hpp does for <chrono>.)
#if defined(__GLIBCXX__) && __has_include(<bits/stl_algo.h>) && __has_include(<bits/stl_algobase.h>)
#include <bits/stl_algobase.h>
#include <bits/stl_algo.h>
#else
#include <algorithm>
#endif
