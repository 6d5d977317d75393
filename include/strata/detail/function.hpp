#pragma once
// std::function without the rest of <functional>: since C++17 libstdc++'s <functional> also
// brings the searchers, with <unordered_map> and the algorithms, which cost every unit that
// includes log.hpp or startup.hpp about 0.08 s of g++. libstdc++ keeps std::function in an
// internal header of its own; other libraries get <functional>. (As detail/chrono.hpp does.)
#if defined(__GLIBCXX__) && __has_include(<bits/std_function.h>)
#include <bits/std_function.h>
#else
#include <functional>
#endif
