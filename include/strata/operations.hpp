#pragma once
// Every operation of the DSL.
#include <strata/operations/columns.hpp>
#include <strata/operations/enums.hpp>
#include <strata/operations/indexes.hpp>
#include <strata/operations/seed.hpp>
#include <strata/operations/steps.hpp>
#include <strata/operations/tables.hpp>

namespace strata::detail {
template <class T>
concept operation = requires { { T::desc } -> std::convertible_to<op_desc>; };
}
