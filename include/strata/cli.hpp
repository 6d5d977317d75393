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
//          | sql [--dialect sqlite|postgres] [--from A] [--to B] [--bookkeeping] | verify | baseline V | repair
//          | diagram [--at V] [--format mermaid|dot|svg] | diff [--name TEXT]   [--database URL] [--chain NAME]
//          [--lock-timeout D] [--lock-attempts N] [--lock-wait-budget D] [--statement-timeout D] [--busy-timeout D]
//
// --database takes sqlite:PATH (with <strata/sqlite.hpp> included) or postgresql://... (with
// <strata/postgres.hpp>). Exit codes: 0 done, 1 refused, failed or a difference found, 2 bad
// usage; results on stdout, errors on stderr. See docs/cli.md.
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

#include <strata/chain.hpp>
#include <strata/detail/chain_info_of.hpp>
#include <strata/detail/config.hpp>
#include <strata/detail/diagram.hpp>
#include <strata/log.hpp>
#include <strata/migrator.hpp>

namespace strata::cli {

// Exit codes of strata::cli::run.
inline constexpr int exit_ok = 0;       // done, up to date, verified
inline constexpr int exit_failed = 1;   // refused, failed, or a difference found (verify, status)
inline constexpr int exit_usage = 2;    // unknown verb or option, a missing or bad argument

struct options {
    // The command in messages ("app db"); empty: argv[0]'s file name.
    std::string program{};
    std::string chain = "main";
    // The database when --database is not given; empty: $STRATA_DATABASE_URL.
    std::string database{};
    log_sink log = log_to_stderr;
    std::FILE* out = stdout;
    std::FILE* err = stderr;
};

}  // namespace strata::cli

namespace strata::detail {
struct cli_chain {
    chain_info info;
    std::string (*diagram)(std::size_t applied, diagram_format);
    // With a target schema (strata::cli::run<Chain, Target>): the migration that reaches it.
    std::string (*diff)(std::uint64_t version, std::string_view name) = nullptr;
    std::size_t differences = 0;
};
// A Target's side of `diff`, defined by <strata/target_schema.hpp>: cli.hpp does not include
// the comparison for the applications that pass no Target.
template <class Chain, class Target>
struct target_diff;
template <class T>
concept complete = requires { sizeof(T); };
STRATA_LAZY STRATA_INLINE int run_cli(const cli_chain& chain, cli::options o, int argc, const char* const* argv);
}  // namespace strata::detail

namespace strata::cli {

// argv[0] names the program (or the verb group) in messages; the verb is argv[1]. With a
// Target (a strata::target_schema<...>, or strata::models<...> from <strata/model.hpp>), the
// `diff` verb prints the migration that reaches it.
template <class Chain, class Target = void>
int run(int argc, const char* const* argv, options o = {}) {
    using P = detail::proxy_t<Chain>;
    static constexpr detail::cli_chain chain = [] {
        detail::cli_chain c{detail::chain_info_of<P>, &detail::diagram_after<P>};
        if constexpr (!std::is_void_v<Target>) {
            constexpr bool included = detail::complete<detail::target_diff<Chain, Target>>;
            static_assert(included, "strata: cli::run<Chain, Target>: a Target needs <strata/target_schema.hpp> (or <strata/model.hpp>) included before this call");
            if constexpr (included) {  // (otherwise the one error above, and nothing more)
                c.diff = detail::target_diff<Chain, Target>::text;
                c.differences = detail::target_diff<Chain, Target>::count;
            }
        }
        return c;
    }();
    detail::register_included_backends<Chain>();  // --database URLs: the backends this unit includes
    return detail::run_cli(chain, std::move(o), argc, argv);
}

}  // namespace strata::cli

#if !defined(STRATA_SEPARATE_COMPILATION)
#include <strata/detail/runtime/cli_core.ipp>
#endif
