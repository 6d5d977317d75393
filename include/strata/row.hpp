#pragma once
// strata::row and strata::value: a result row and its cells, a bound parameter, and
// strata::row_callback, what a statement calls for each row. What a data step's session and
// a driver share, kept light: the DSL includes it (through session.hpp).
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <strata/detail/chrono.hpp>
#include <strata/detail/runtime/cells.hpp>
#include <strata/dialect.hpp>

namespace strata {

// A bound parameter or a result cell. Booleans travel as integers (1/0), which both backends
// accept for a boolean parameter, dates and times as ISO 8601 text (detail/runtime/cells.hpp),
// blobs as bytes (SQLite BLOB, PostgreSQL bytea); PostgreSQL returns every other cell as text
// and row::get converts.
using value = std::variant<std::monostate, std::int64_t, double, std::string, std::vector<std::byte>>;

class row;

// A reference to a callable `void(const strata::row&)`, or empty: what a statement calls for
// each row. It refers to the callable, never copies it (a temporary lambda lives until the end
// of the call it is passed to); std::function's header costs every unit that includes the DSL.
class row_callback {
   public:
    row_callback() noexcept = default;
    row_callback(std::nullptr_t) noexcept {}
    template <class F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, row_callback> && !std::is_function_v<std::remove_reference_t<F>> &&
                 std::is_invocable_v<F&, const row&>)
    row_callback(F&& f) noexcept  // NOLINT(google-explicit-constructor): a lambda converts where a callback is asked for
        : call_([](target t, const row& r) { (*static_cast<std::remove_reference_t<F>*>(t.object))(r); }) {
        target_.object = const_cast<void*>(static_cast<const void*>(__builtin_addressof(f)));
    }
    // A plain function (its name or its address): kept by value, since a function pointer
    // need not fit a void*.
    template <class R>
    row_callback(R (*f)(const row&)) noexcept  // NOLINT(google-explicit-constructor)
        : call_(f ? +[](target t, const row& r) { reinterpret_cast<R (*)(const row&)>(t.function)(r); } : nullptr) {
        target_.function = reinterpret_cast<void (*)()>(f);
    }

    explicit operator bool() const noexcept { return call_ != nullptr; }
    void operator()(const row& r) const { call_(target_, r); }

   private:
    union target {
        void* object;
        void (*function)();
    };
    target target_{nullptr};
    void (*call_)(target, const row&) = nullptr;
};

// One row of a result. get<T>(i) converts: integers, floating point, bool, std::string,
// std::vector<std::byte>, std::chrono::sys_days, std::chrono::sys_time<D>, std::optional<T> for
// a nullable cell.
class row {
   public:
    // `booleans` (empty, or one per cell): not 0 where the cell is a boolean the server sent as
    // text, t or f (PostgreSQL); elsewhere 't' is text, not a bool.
    explicit row(std::span<const value> cells, std::span<const unsigned char> booleans = {})
        : cells_(cells), booleans_(booleans) {}
    std::size_t size() const noexcept { return cells_.size(); }
    bool is_text_boolean(std::size_t i) const noexcept { return i < booleans_.size() && booleans_[i]; }
    template <class V = value>  // (a template: see detail::dependent)
    bool is_null(std::size_t i) const {
        return std::holds_alternative<std::monostate>(static_cast<const V&>(at(i)));
    }
    template <class V = value>  // (a template: see detail::dependent)
    const V& operator[](std::size_t i) const {
        return at<V>(i);
    }

    template <class T>
    T get(std::size_t i) const;

   private:
    template <class V = value>
    const V& at(std::size_t i) const {
        const std::span<const detail::dependent_t<value, V>>& cells = cells_;
        if (i >= cells.size())
            throw std::out_of_range("strata: row has " + std::to_string(cells.size()) + " columns, asked for column " +
                                    std::to_string(i));
        return cells[i];
    }
    std::span<const value> cells_;
    std::span<const unsigned char> booleans_;
};

template <class T>
T row::get(std::size_t i) const {
    const detail::dependent_t<value, T>& v = at(i);
    if constexpr (detail::is_optional<T>::value) {
        if (std::holds_alternative<std::monostate>(v)) return std::nullopt;
        return get<typename T::value_type>(i);
    } else if constexpr (std::is_same_v<T, bool>) {
        return detail::cell_bool(v, is_text_boolean(i));
    } else if constexpr (std::is_integral_v<T>) {
        return detail::cell_integer_as<T>(v, is_text_boolean(i));
    } else if constexpr (std::is_same_v<T, float>) {
        return detail::cell_float(v);
    } else if constexpr (std::is_floating_point_v<T>) {
        return static_cast<T>(detail::cell_real(v));
    } else if constexpr (std::is_same_v<T, std::vector<std::byte>>) {
        return detail::cell_bytes(v);
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        return detail::cell_date(v);
    } else if constexpr (detail::is_sys_time<T>::value) {
        return std::chrono::time_point_cast<typename T::duration>(detail::cell_time(v));
    } else if constexpr (std::is_convertible_v<std::string, T>) {
        return T(detail::cell_text(v));
    } else {
        static_assert(sizeof(T) == 0, "strata: row::get<T>: T must be an integer, floating point, bool, string, std::vector<std::byte>, std::chrono::sys_days, std::chrono::sys_time<D> or std::optional of one");
    }
}

namespace detail {
// A C++ argument as a bound parameter, for a statement of dialect d (a time's text differs).
// (value named through dependent_t, even as the result: std::variant and its constructors are
// compiled where a call is, not in every unit that includes the DSL; see detail::dependent)
template <class T>
dependent_t<value, T> to_value(const T& x, dialect_id d = dialect_id::sqlite) {
    using V = dependent_t<value, T>;
    if constexpr (is_optional<T>::value) {
        return x ? to_value(*x, d) : V{};
    } else if constexpr (std::is_same_v<T, std::nullptr_t> || std::is_same_v<T, std::nullopt_t>) {
        return V{};
    } else if constexpr (std::is_same_v<T, bool>) {
        return V{std::int64_t{x ? 1 : 0}};
    } else if constexpr (std::is_integral_v<T>) {
        if constexpr (std::is_unsigned_v<T> && sizeof(T) >= sizeof(std::int64_t))  // (past INT64_MAX: no column holds it)
            if (x > static_cast<T>(std::numeric_limits<std::int64_t>::max()))
                throw std::out_of_range("strata: a bound parameter of " + std::to_string(x) +
                                        " does not fit a 64-bit signed integer, the largest the databases store");
        return V{static_cast<std::int64_t>(x)};
    } else if constexpr (std::is_floating_point_v<T>) {
        return V{static_cast<double>(x)};
    } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
        return V{std::string(std::string_view(x))};
    } else if constexpr (std::is_same_v<T, V>) {
        return x;
    } else if constexpr (std::is_same_v<T, std::vector<std::byte>>) {
        return V{x};
    } else if constexpr (std::is_same_v<T, std::chrono::sys_days>) {
        return V{date_text(x)};
    } else if constexpr (is_sys_time<T>::value) {
        return V{time_text(std::chrono::floor<std::chrono::microseconds>(x), d == dialect_id::postgres)};
    } else {
        static_assert(sizeof(T) == 0, "strata: a bound parameter must be an integer, floating point, bool, string, std::vector<std::byte>, std::chrono::sys_days, std::chrono::sys_time<D>, nullptr or std::optional of one");
    }
}
}  // namespace detail

}  // namespace strata
