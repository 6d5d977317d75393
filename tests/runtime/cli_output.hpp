#pragma once
// A CLI run's exit code and its output and error streams, read back from temporary files.
#include <cstdio>
#include <string>

namespace strata_test {

struct cli_result {
    int code = -1;
    std::string out, err;
    std::string log;  // what the verb wrote to options.log, a line each (where the caller keeps it)
};

// The whole of a temporary file written so far; closes it.
inline std::string read_all(std::FILE* f) {
    std::string s;
    std::rewind(f);
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) s.append(buf, n);
    std::fclose(f);
    return s;
}

}  // namespace strata_test
