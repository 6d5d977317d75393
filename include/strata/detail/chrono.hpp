#pragma once
// std::chrono's durations, clocks and time points (sys_days, sys_time, milliseconds), without
// the calendar printing and parsing of C++20's <chrono>, which with libstdc++ 12 brings
// <sstream> and costs a unit about 0.3 s: the DSL needs the types, not the streams.
// libstdc++ keeps them apart in <bits/chrono.h> (GCC 11 on); other libraries get <chrono>.
#if defined(__GLIBCXX__) && __has_include(<bits/chrono.h>)
#include <bits/chrono.h>
#else
#include <chrono>
#endif
