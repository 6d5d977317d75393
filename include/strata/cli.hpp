#pragma once
// strata::cli::run<Chain>(argc, argv): the migration verbs inside the application's own binary,
// as Alembic's and Mountaineer's commands are:
//
//   int main(int argc, char** argv) {
//       if (argc > 1 && std::string_view(argv[1]) == "db")
//           return strata::cli::run<history>(argc - 1, argv + 1, {.program = "app db"});
//       ...serve...
//   }
//
//   app db upgrade [--to V] | downgrade --to V | current | history [--verbose] | status
//          | sql [--dialect sqlite|postgres] [--from A] [--to B] | verify | baseline V | repair
//          | diagram [--at V] [--format mermaid|dot] | diff [--name TEXT]   [--database URL] [--chain NAME]
//          [--lock-timeout D] [--lock-attempts N] [--lock-wait-budget D] [--statement-timeout D] [--busy-timeout D]
//
// --database takes sqlite:PATH (with <strata/sqlite.hpp> included) or postgresql://... (with
// <strata/postgres.hpp>). Exit codes: 0 done, 1 refused, failed or a difference found, 2 bad
// usage; results on stdout, errors on stderr. See docs/cli.md.
#include <string>
#include <type_traits>
#include <vector>

#include <strata/chain.hpp>
#include <strata/detail/runtime/cli_core.hpp>
#include <strata/migrator.hpp>
#include <strata/target_schema.hpp>
#include <strata/detail/chain_info_of.hpp>
#include <strata/detail/diagram.hpp>

namespace strata::cli {

// argv[0] names the program (or the verb group) in messages; the verb is argv[1]. With a
// Target (a strata::target_schema<...>), the `diff` verb prints the migration that reaches it.
template <class Chain, class Target = void>
int run(int argc, const char* const* argv, options o = {}) {
    using P = detail::proxy_t<Chain>;
    static constexpr detail::cli_chain chain = [] {
        detail::cli_chain c{detail::chain_info_of<P>, &detail::diagram_after<P>};
        if constexpr (!std::is_void_v<Target>) {
            c.diff = &autogenerate<Chain, Target>;
            c.differences = difference_count<Chain, Target>;
        }
        return c;
    }();
    std::string program = o.program;
    if (program.empty()) {
        program = argc > 0 && argv[0] ? argv[0] : "app";
        if (const std::size_t slash = program.rfind('/'); slash != std::string::npos) program.erase(0, slash + 1);
    }
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    return detail::cli_runner(chain, std::move(o), std::move(program)).run(args);
}

}  // namespace strata::cli
