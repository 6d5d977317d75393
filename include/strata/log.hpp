#pragma once
// Where the runtime's lines go: one line a migration, with its version, name, time and
// progress; errors with chain, version, migration, statement and the driver's text.
// Replace the sink to send them to the application's logger.
#include <cstdio>
#include <strata/detail/function.hpp>
#include <string_view>

namespace strata {

enum class log_level { info, warning, error };

using log_sink = std::function<void(log_level, std::string_view line)>;

// The default: standard error, one line each.
inline void log_to_stderr(log_level, std::string_view line) {
    std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
}

// For programs and benchmarks that want silence.
inline void log_nowhere(log_level, std::string_view) {}

}  // namespace strata
