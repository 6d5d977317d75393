#pragma once
// std::unique_ptr and std::make_unique without the rest of <memory> (shared_ptr and its atomics,
// which bring <atomic> and the futex waits, and the allocators' algorithms): about 0.08 s of g++
// for every unit that includes a runtime header. libstdc++ keeps them in an internal header of
// their own; other libraries get <memory>. (As detail/function.hpp and detail/chrono.hpp do.)
#include <cstddef>  // (with libstdc++, defines __GLIBCXX__ before it is asked)
#if defined(__GLIBCXX__) && __has_include(<bits/unique_ptr.h>)
#include <bits/unique_ptr.h>
#else
#include <memory>
#endif
