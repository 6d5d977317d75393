#pragma once
// The verbs of strata/cli.hpp, compiled once per program: argument parsing, the database
// opened by URL, each verb on the migrator's engine, plain text on stdout, errors on stderr.
#include <strata/detail/runtime/format.hpp>

#include <strata/detail/algorithm.hpp>
#include <strata/detail/dependent.hpp>
#include <strata/detail/runtime/migrators_lock.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <map>
#include <strata/detail/unique_ptr.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#if __has_include(<unistd.h>)
#include <unistd.h>
#endif

#include <strata/detail/chrono.hpp>
#include <strata/detail/runtime/background_core.ipp>
#include <strata/detail/runtime/migrator_engine.ipp>
#include <strata/cli.hpp>


namespace strata::detail {


struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct verb_spec {
    std::string_view name, args, summary, help;
};
inline constexpr verb_spec verbs[] = {
    {"upgrade", "[--to V]", "apply the pending migrations (up to V), then their background steps",
     "Applies the pending migrations in order, each in its own transaction, up to the head or to\n"
     "version V, then runs the background steps of every migration that has them, in the\n"
     "foreground. Up to date: nothing is written."},
    {"downgrade", "--to V", "revert the migrations after V (0: all of them)",
     "Runs the downs of the migrations after version V, newest first, each in its own\n"
     "transaction. Refused before any change if one of them is irreversible."},
    {"current", "", "the database's version", "Prints the version the database is at, and the migration's name."},
    {"history", "[--verbose]", "the chain's migrations; with --database, which are applied",
     "Lists the chain's migrations, oldest first. With --verbose: each one's operations, its\n"
     "checksum, whether it has a down, runs in a transaction and has background steps. With a\n"
     "database, each line says applied (and when) or pending. Works without a database."},
    {"status", "", "current version, head, applied (when, how long), pending, problems",
     "Prints where the database is against the code. Exit code 1 when upgrade would refuse it."},
    {"sql", "[--dialect sqlite|postgres] [--from A] [--to B] [--bookkeeping]", "the SQL from version A to B, offline",
     "Prints the statements that take a database from version A (default 0) to B (default the\n"
     "head), downs when B < A, as upgrade or downgrade would run them, with their transactions.\n"
     "With --bookkeeping, also strata_migrations' statements (the table, and a row added or\n"
     "deleted in each migration's transaction): the script applied by hand leaves a database\n"
     "that upgrade accepts; refused when a migration on the way has a data step (C++).\n"
     "Needs no database; the dialect defaults to the --database's, else sqlite."},
    {"verify", "", "checksums and the live schema against schema_at<current>",
     "Compares the recorded checksums with the code's and the live schema of the chain's tables\n"
     "with the schema the compiler computed for the current version. Exit code 1 on any difference."},
    {"baseline", "V", "adopt an existing database whose schema is schema_at<V>",
     "Records migrations up to version V as applied, after checking that the live schema is\n"
     "schema_at<V>. For a database made before strata."},
    {"repair", "[--skip-background V]", "clear a dirty flag or record a changed checksum, as the live schema decides",
     "The explicit way out of a refusal for a dirty migration or a changed checksum (see\n"
     "docs/runtime.md). With --skip-background V: migration V's background steps, pending and\n"
     "failing, are recorded done without running, so that the later ones run."},
    {"diagram", "[--at V] [--format mermaid|dot|svg]", "the schema at version V as a diagram, offline",
     "Prints the schema after version V (default the head) as a Mermaid erDiagram (default), a\n"
     "Graphviz digraph, or that digraph drawn as SVG by Graphviz's dot (which must be on PATH).\n"
     "Needs no database."},
    {"diff", "[--name TEXT]", "the C++ of the migration from the head to the target schema, offline",
     "Compares the chain's head with the target schema the program declares\n"
     "(strata::cli::run<Chain, Target>) and prints the migration that closes the gap, with notes\n"
     "for what no operation can do and where a rename may have been meant (renames are never\n"
     "guessed). Exit code 0: no difference; 1: differences (printed). Needs no database."},
};

// (a template: see STRATA_LAZY in detail/config.hpp)
template <class Tag>
class cli_runner_t {
    // (dependent: the std::optional and std::vector members the bodies use on these are
    // compiled where the runner is instantiated, not in every unit that includes the header;
    // see detail::dependent)
    using status_report = dependent_t<strata::status_report, Tag>;
    using generated_sql = dependent_t<strata::generated_sql, Tag>;
    using run_report = dependent_t<strata::run_report, Tag>;
    using plan_report = dependent_t<strata::plan_report, Tag>;
    using verify_report = dependent_t<strata::verify_report, Tag>;
    // (std::string and std::vector likewise, for every body: what a body calls on them is then
    // checked and instantiated where the class is, not where it is defined)
    using string_t = dependent_t<std::string, Tag>;
    template <class T>
    using vector_t = std::vector<dependent_t<T, Tag>>;

   public:
    cli_runner_t(const cli_chain& chain, cli::options o, string_t program)
        : c_(chain), o_(std::move(o)), program_(std::move(program)) {
        // The migrator logs its refusals and failures, and throws them: the CLI prints them
        // once, on `err`, and passes the progress lines to the log.
        log_sink user = o_.log ? o_.log : log_sink(log_nowhere);
        // In a terminal that shows both, the default log has shown each migration as it ran:
        // stdout then keeps to the summary, so that each line is printed once.
        using plain_sink = void (*)(log_level, std::string_view);
        const plain_sink* f = user.target<plain_sink>();
        log_in_terminal_ = f && *f == &log_to_stderr && same_terminal(o_.out, stderr);
        o_.log = [user](log_level l, std::string_view line) {
            if (l != log_level::error) user(l, line);
        };
    }
    cli_runner_t(const cli_runner_t&) = delete;
    cli_runner_t& operator=(const cli_runner_t&) = delete;

    int run(const vector_t<string_t>& args) {
        try {
            if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
                if (args.size() > 1 && find(args[1])) return help(*find(args[1]));
                usage(args.empty() ? o_.err : o_.out);
                return args.empty() ? cli::exit_usage : cli::exit_ok;
            }
            const verb_spec* v = find(args[0]);
            if (!v) throw usage_error(detail::format("unknown verb \"{}\"", args[0]));
            parse(*v, vector_t<string_t>(args.begin() + 1, args.end()));
            if (flag("help")) return help(*v);
            return dispatch(*v);
        } catch (const usage_error& e) {
            detail::print(o_.err, "{}: {}\n(see {} --help)\n", program_, e.what(), program_);
            return cli::exit_usage;
        } catch (const std::exception& e) {
            detail::print(o_.err, "{}\n", e.what());
            return cli::exit_failed;
        }
    }

   private:
    static const verb_spec* find(std::string_view name) {
        for (const verb_spec& v : verbs)
            if (v.name == name) return &v;
        return nullptr;
    }

    void usage(std::FILE* f) const {
        detail::print(f, "usage: {} <verb> [--database URL] [--chain NAME] [options]\n\nverbs:\n", program_);
        for (const verb_spec& v : verbs) detail::print(f, "  {:<10} {:<48} {}\n", v.name, v.args, v.summary);
        detail::print(f,
                   "\n--database URL   sqlite:PATH or postgresql://... (default: {})\n"
                   "--chain NAME     the chain's name in strata_migrations (default: {})\n"
                   "--lock-timeout D, --lock-attempts N, --lock-wait-budget D, --statement-timeout D\n"
                   "                 PostgreSQL: how long a migration's statement waits for a lock (default 5s),\n"
                   "                 tries and their total time (5, 60s), a statement's run time (0: none of ours)\n"
                   "--busy-timeout D SQLite: how long to wait for another writer (default 30s)\n"
                   "{} <verb> --help  one verb's help\n"
                   "exit codes: 0 done, 1 refused, failed or different, 2 bad usage\n",
                   o_.database.empty() ? "$STRATA_DATABASE_URL" : o_.database, o_.chain, program_);
    }
    int help(const verb_spec& v) const {
        detail::print(o_.out, "usage: {} {} {}[--database URL] [--chain NAME]\n\n{}\n", program_, v.name,
                   v.args.empty() ? "" : string_t(v.args) + " ", v.help);
        return cli::exit_ok;
    }

    // --name value, --name=value, flags, and positionals.
    void parse(const verb_spec& v, const vector_t<string_t>& rest) {
        static constexpr std::string_view with_value[] = {"to",           "from",           "dialect",          "format",
                                                          "at",           "database",       "chain",            "name",
                                                          "lock-timeout", "lock-attempts",  "lock-wait-budget", "statement-timeout",
                                                          "busy-timeout", "skip-background"};
        static constexpr std::string_view flags[] = {"verbose", "help", "bookkeeping"};
        for (std::size_t i = 0; i < rest.size(); ++i) {
            string_t a = rest[i];
            if (a == "-h") a = "--help";
            if (a.rfind("--", 0) != 0) {
                positional_.push_back(a);
                continue;
            }
            string_t name = a.substr(2), val;
            const std::size_t eq = name.find('=');
            const bool inline_value = eq != string_t::npos;
            if (inline_value) {
                val = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            const bool takes = std::find(std::begin(with_value), std::end(with_value), name) != std::end(with_value);
            const bool is_flag = std::find(std::begin(flags), std::end(flags), name) != std::end(flags);
            if (!takes && !is_flag) throw usage_error(detail::format("{}: unknown option --{}", v.name, name));
            if (takes && !inline_value) {
                if (i + 1 >= rest.size()) throw usage_error(detail::format("{}: --{} needs a value", v.name, name));
                val = rest[++i];
            }
            if (is_flag && inline_value) throw usage_error(detail::format("{}: --{} takes no value", v.name, name));
            values_[name] = takes ? val : "1";
        }
        // Which options each verb takes (the global ones everywhere).
        auto allowed = [&](std::initializer_list<std::string_view> names) {
            for (const auto& [k, x] : values_)
                if (!global(k) && std::find(names.begin(), names.end(), k) == names.end())
                    throw usage_error(detail::format("{}: unknown option --{}", v.name, k));
        };
        const std::string_view n = v.name;
        if (n == "upgrade" || n == "downgrade") allowed({"to"});
        else if (n == "history") allowed({"verbose"});
        else if (n == "sql") allowed({"dialect", "from", "to", "bookkeeping"});
        else if (n == "diagram") allowed({"at", "format"});
        else if (n == "diff") allowed({"name"});
        else if (n == "repair") allowed({"skip-background"});
        else allowed({});
        const std::size_t want = n == "baseline" ? 1 : 0;
        if (positional_.size() > want)
            throw usage_error(detail::format("{}: unexpected argument \"{}\"", v.name, positional_[want]));
        if (positional_.size() < want && !flag("help")) throw usage_error(detail::format("{}: needs a version: {} {} V", v.name, program_, v.name));
        if (values_.count("chain")) {
            if (values_["chain"].empty()) throw usage_error(detail::format("{}: --chain needs a name: --chain NAME", v.name));
            o_.chain = values_["chain"];
        }
        // The waits, checked before anything is opened.
        for (const char* d : {"lock-timeout", "lock-wait-budget", "statement-timeout", "busy-timeout"})
            if (auto x = value(d)) duration_arg(d, *x);
        if (auto x = value("lock-attempts")) attempts_arg(*x);
    }
    // Options every verb takes (the waits matter to those that open a database).
    static bool global(std::string_view k) {
        return k == "database" || k == "chain" || k == "help" || k == "lock-timeout" || k == "lock-attempts" ||
               k == "lock-wait-budget" || k == "statement-timeout" || k == "busy-timeout";
    }
    // "200ms", "5s", "1.5s", "2min", "0" (no limit).
    static std::chrono::milliseconds duration_arg(std::string_view option, const string_t& s) {
        if (s == "0") return std::chrono::milliseconds{0};
        std::size_t used = 0;
        double n = -1;
        try {
            n = std::stod(s, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        const string_t unit = used ? s.substr(used) : "";
        const double scale = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "min" ? 60000 : -1;
        if (!used || scale < 0 || n < 0 || !(n * scale < 1e12) || s.find_first_of("eExXpP") != string_t::npos)
            throw usage_error(detail::format("--{} {}: not a duration: a number and ms, s or min (200ms, 5s, 2min), or 0 for "
                                          "no limit",
                                          option, s));
        // (rounded to the millisecond, but never to 0, which means no limit)
        return std::chrono::milliseconds(std::max<std::int64_t>(n > 0 ? 1 : 0, static_cast<std::int64_t>(n * scale + 0.5)));
    }
    static int attempts_arg(const string_t& s) {
        int n = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
        if (ec != std::errc{} || end != s.data() + s.size() || n < 1)
            throw usage_error(detail::format("--lock-attempts {}: not a number of attempts (1 or more)", s));
        return n;
    }
    bool flag(const string_t& name) const { return values_.count(name) != 0; }
    std::optional<string_t> value(const string_t& name) const {
        auto it = values_.find(name);
        if (it == values_.end()) return std::nullopt;
        return it->second;
    }

    std::uint64_t head() const { return c_.info.size ? c_.info.descs[c_.info.size - 1].version : 0; }
    // A version argument: a number that is 0 or one of the chain's versions; "head" and "base".
    std::uint64_t version_arg(std::string_view what, const string_t& s) const {
        if (s == "head") return head();
        if (s == "base") return 0;
        std::uint64_t v = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc{} || end != s.data() + s.size())
            throw usage_error(detail::format("{}: \"{}\" is not a version (a number, head or base)", what, s));
        if (v != 0 && index_of(v) == npos) throw usage_error(detail::format("{}: no migration has version {} (head is {})", what, v, head()));
        return v;
    }
    std::size_t index_of(std::uint64_t v) const { return index_in(c_.info, v); }
    std::size_t count_through(std::uint64_t v) const { return v == 0 ? 0 : index_of(v) + 1; }

    string_t database_url() const {
        if (auto d = value("database")) return *d;
        if (!o_.database.empty()) return o_.database;
        if (const char* env = std::getenv("STRATA_DATABASE_URL"); env && *env) return env;
        return {};
    }
    // Whether nothing is at path, as std::filesystem::exists says it (an unreadable file is
    // there: opening it says why).
    static bool missing_file(const string_t& path) {
        errno = 0;
#if __has_include(<unistd.h>)
        if (::access(path.c_str(), F_OK) == 0) return false;
#else
        if (std::FILE* f = std::fopen(path.c_str(), "rb")) return std::fclose(f), false;
#endif
        return errno == ENOENT || errno == ENOTDIR;
    }
    // The file a SQLite path or `file:` URI names (its path, percent-decoded; without the query),
    // empty for an in-memory database.
    static string_t file_of(const string_t& where) {
        if (where.empty() || where == ":memory:") return {};
        if (where.rfind("file:", 0) != 0) return where;
        const std::size_t end = where.find_first_of("?#");
        string_t uri = where.substr(5, end == string_t::npos ? string_t::npos : end - 5);
        if (uri.rfind("//", 0) == 0) {  // file://host/path: the path (SQLite takes only "" and "localhost")
            const std::size_t slash = uri.find('/', 2);
            uri = slash == string_t::npos ? "" : uri.substr(slash);
        }
        const std::size_t query = where.find('?');
        if ((query != string_t::npos && where.find("mode=memory", query) != string_t::npos) || uri.empty() || uri == ":memory:")
            return {};
        const auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
        string_t path;
        for (std::size_t i = 0; i < uri.size(); ++i) {
            if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
                path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
                i += 2;
            } else {
                path += uri[i];
            }
        }
        return path;
    }
    // `writes`: the verb may write. A verb that only reads does not create a missing SQLite
    // file: it reads an empty database in memory instead, and says the file does not exist.
    driver& open(bool writes) {
        if (!db_) {
            const string_t url = database_url();
            if (url.empty()) throw usage_error("no database: give --database sqlite:PATH or postgresql://... (or set STRATA_DATABASE_URL)");
            const string_t path = url.rfind("sqlite:", 0) == 0 ? file_of(url.substr(7)) : "";
            try {
                if (!writes && !path.empty() && missing_file(path)) {
                    db_ = open_registered("sqlite::memory:");
                    where_ = "sqlite " + path + " (the file does not exist: nothing applied)";
                } else {
                    db_ = open_registered(url);
                }
            } catch (const std::invalid_argument& e) {
                throw usage_error(e.what());
            }
            // SQLite's busy timeout is the connection's (PostgreSQL's lock waits: --lock-timeout).
            // 0 is no limit, as for every flag (SQLite's 0 would not wait at all): its largest.
            if (auto t = value("busy-timeout"); t && db_->dialect() == dialect_id::sqlite) {
                const auto ms = duration_arg("busy-timeout", *t).count();
                db_->execute("PRAGMA busy_timeout = " + std::to_string(ms == 0 || ms > 2147483647 ? 2147483647 : ms), {}, {});
            }
        }
        return *db_;
    }
    // Where the verb looked, as results say it.
    string_t where() const { return where_.empty() ? db_->describe() : where_; }
    static bool same_terminal(std::FILE* a, std::FILE* b) {
#if __has_include(<unistd.h>)
        return ::isatty(::fileno(a)) && ::isatty(::fileno(b));
#else
        (void)a, (void)b;
        return false;
#endif
    }
    // `writes`: see open(). The CLI prints results itself: the migrator's log then carries
    // progress only (`quiet`: nothing at all, for verbs whose result is the whole story).
    migrator_core migrator(bool writes, bool quiet = false) {
        return migrator_core(open(writes), migrator_options_of(quiet), c_.info, program_);
    }
    migrator_options migrator_options_of(bool quiet) const {
        migrator_options m{.chain = o_.chain, .log = quiet ? log_sink(log_nowhere) : o_.log};
        if (auto t = value("lock-timeout")) m.lock_timeout = duration_arg("lock-timeout", *t);
        if (auto t = value("lock-wait-budget")) m.lock_wait_budget = duration_arg("lock-wait-budget", *t);
        if (auto t = value("statement-timeout")) m.statement_timeout = duration_arg("statement-timeout", *t);
        if (auto n = value("lock-attempts")) m.lock_attempts = attempts_arg(*n);
        return m;
    }

    int dispatch(const verb_spec& v) {
        const std::string_view n = v.name;
        if (n == "upgrade") return upgrade();
        if (n == "downgrade") return downgrade();
        if (n == "current") return current();
        if (n == "history") return history();
        if (n == "status") return status();
        if (n == "sql") return sql();
        if (n == "verify") return verify();
        if (n == "baseline") return baseline();
        if (n == "repair") return repair();
        if (n == "diff") return diff();
        return diagram();
    }

    void print_run(const run_report& r) {
        if (log_in_terminal_) return;  // the log said it all, line by line, in this terminal
        if (!r.changed()) {
            if (r.to == head()) detail::print(o_.out, "{}: {} is up to date at version {}\n", o_.chain, db_->describe(), r.to);
            else
                detail::print(o_.out, "{}: {} is at version {}, as asked (this code's head is {}): nothing to do\n", o_.chain,
                              db_->describe(), r.to, head());
            return;
        }
        for (const migration_run& m : r.migrations)
            detail::print(o_.out, "{} {} {} ({} statement{}, {})\n", m.direction == direction::up ? "up  " : "down", m.version,
                       m.name, m.statements, m.statements == 1 ? "" : "s", ms_text(m.duration));
        detail::print(o_.out, "{}: {} from version {} to {} ({}, {})\n", o_.chain, db_->describe(), r.from, r.to,
                   migrations_text(r.migrations.size()), ms_text(r.duration));
    }

    int upgrade() {
        const auto to = value("to") ? std::optional<std::uint64_t>(version_arg("upgrade --to", *value("to"))) : std::nullopt;
        // Background steps run here in the foreground, as in Quart-DB's CLI: those that later
        // migrations wait for before them (upgrade_after_background), the rest after.
        // (a long job by design: only its lock waits are bounded, by --lock-timeout)
        const wait_limits limits{migrator_options_of(true).lock_timeout, {}};
        migrator_core core = migrator(true);
        const run_report r = upgrade_after_background(core, *db_, o_.chain, c_.info, to, o_.log, limits, program_);
        print_run(r);
        if (chain_has_background(c_.info)) {
            const background_report b = run_background(*db_, o_.chain, c_.info, o_.log, limits, stop_token{}, program_);
            if (!log_in_terminal_)
                for (std::uint64_t v : b.completed) detail::print(o_.out, "background steps of migration {} done\n", v);
            if (!b.ok()) {
                detail::print(o_.err, "{}\n", b.error);
                return cli::exit_failed;
            }
        }
        return cli::exit_ok;
    }
    int downgrade() {
        if (!value("to")) throw usage_error("downgrade: needs --to V (0 reverts everything)");
        print_run(migrator(true).downgrade_to(version_arg("downgrade --to", *value("to"))));
        return cli::exit_ok;
    }
    // The database's version as recorded, with the migration's name; ahead of the code, the
    // name the database has for it.
    int current() {
        const status_report s = migrator(false, true).status();
        string_t name, note;
        if (!s.applied.empty()) {
            const applied_migration& a = s.applied.back();
            name = " " + a.name;
            if (a.unknown) note = detail::format(" (not in this code: its head is {})", head());
            else if (a.changed) note = " (changed since it was applied)";
            else if (a.being_applied) note = " (dirty: being applied by another migrator, see status)";
            else if (a.dirty) note = " (dirty)";
            else if (s.current == head() && s.problem.empty()) note = " (head)";  // (not over an earlier migration's problem)
            // (a failing background step is said here too: see status)
            for (const applied_migration& m : s.applied)
                if (m.background_pending && m.background_failures > 0) {
                    note += detail::format(" (background steps of migration {} failing: see status)", m.version);
                    break;
                }
        }
        if (!where_.empty()) note += " (" + where_ + ")";
        detail::print(o_.out, "{}{}{}\n", s.current, name, note);
        if (!s.problem.empty()) {
            detail::print(o_.err, "{}\n", s.problem);
            return cli::exit_failed;
        }
        return cli::exit_ok;
    }
    int status() {
        const status_report s = migrator(false, true).status();
        detail::print(o_.out, "chain {} on {}\ncurrent version {}, head {}{}\n", s.chain, where(), s.current, s.head,
                   s.current > s.head ? " (the database is ahead of the code)" : "");
        if (!s.applied.empty()) detail::print(o_.out, "applied:\n");
        for (const applied_migration& a : s.applied)
            detail::print(o_.out, "  {:>6} {:<32} {} ({} ms){}{}{}{}\n", a.version, a.name, a.applied_at, a.duration.count(),
                       a.being_applied ? " DIRTY (being applied)" : a.dirty ? " DIRTY" : "", a.changed ? " CHANGED" : "", a.unknown ? " NOT IN THIS CODE" : "",
                       !a.background_pending      ? ""
                       : a.background_failures > 0 ? " (background steps pending: FAILING)"
                                                   : " (background steps pending: they run at the next start or upgrade)");
        if (!s.pending.empty()) detail::print(o_.out, "pending:\n");
        for (const pending_migration& p : s.pending) detail::print(o_.out, "  {:>6} {}\n", p.version, p.name);
        // A step that fails at every start is said where the verdict is, not only in a log.
        bool failing = false;
        for (const applied_migration& a : s.applied) {
            if (!a.background_pending || a.background_failures == 0) continue;
            failing = true;
            detail::print(o_.out,
                          "background steps of migration {} \"{}\" failed {} {}, the last at {}: {}\n  they run again at the next "
                          "start or `{} upgrade`; if they never can, `{} repair --skip-background {}` records them done\n",
                          a.version, a.name, a.background_failures, a.background_failures == 1 ? "time" : "times",
                          a.background_failed_at, a.background_error, program_, program_, a.version);
        }
        if (s.up_to_date()) detail::print(o_.out, "up to date{}\n", failing ? ", but for the failing background steps above" : "");
        if (!s.problem.empty()) {
            detail::print(o_.err, "{}\n", s.problem);
            return cli::exit_failed;
        }
        return cli::exit_ok;
    }
    int history() {
        std::optional<status_report> s;
        if (!database_url().empty()) s = migrator(false, true).status();
        const dialect_id d = s ? db_->dialect() : dialect_id::sqlite;
        std::optional<generated_sql> sql;
        if (flag("verbose")) sql.emplace(c_.info.generate(d));
        for (std::size_t i = 0; i < c_.info.size; ++i) {
            const migration_desc& m = c_.info.descs[i];
            string_t mark;
            if (s) {
                const auto row = std::find_if(s->applied.begin(), s->applied.end(),
                                              [&](const applied_migration& a) { return a.version == m.version; });
                if (row == s->applied.end()) mark = "  pending";
                else
                    mark = "  applied " + row->applied_at + (row->changed ? " (changed since)" : "") + (row->being_applied ? " DIRTY (being applied)" : row->dirty ? " DIRTY" : "") +
                           (!row->background_pending        ? ""
                            : row->background_failures > 0 ? " (background steps pending: FAILING, see status)"
                                                           : " (background steps pending)");
                if (m.version == s->current) mark += " (current)";
            }
            detail::print(o_.out, "{:>6} {}{}{}\n", m.version, m.name, i + 1 == c_.info.size ? " (head)" : "", mark);
            if (!sql) continue;
            const migration_sql& ms = sql->migrations()[i];
            detail::print(o_.out, "         checksum {} ({}), {}{}{}\n", hex16(ms.checksum), d == dialect_id::sqlite ? "sqlite" : "postgres",
                       ms.reversible ? "reversible" : "irreversible", ms.transactional ? "" : ", outside a transaction",
                       has_background(m) ? ", background steps" : "");
            for (std::size_t k = 0; k < m.nops; ++k) {
                const op_desc& op = m.ops[k];
                string_t what(op.label);
                if (!op.table.empty()) what += " " + string_t(op.table);
                if (!op.name.empty()) what += (op.table.empty() ? " " : ".") + string_t(op.name);
                if (!op.new_name.empty()) what += " -> " + string_t(op.new_name);
                detail::print(o_.out, "         - {}\n", what);
            }
        }
        // The rows this code does not have (a newer release's, or removed ones), and status's
        // verdict with its exit code.
        if (s) {
            for (const applied_migration& a : s->applied)
                if (a.unknown)
                    detail::print(o_.out, "{:>6} {}  applied {} (not in this code){}\n", a.version, a.name, a.applied_at,
                                  a.version == s->current ? " (current)" : "");
        }
        if (!where_.empty()) detail::print(o_.out, "({})\n", where_);
        if (s && !s->problem.empty()) {
            detail::print(o_.err, "{}\n", s->problem);
            return cli::exit_failed;
        }
        return cli::exit_ok;
    }
    int sql() {
        dialect_id d = dialect_id::sqlite;
        if (auto name = value("dialect")) {
            if (*name == "sqlite") d = dialect_id::sqlite;
            else if (*name == "postgres" || *name == "postgresql") d = dialect_id::postgres;
            else throw usage_error(detail::format("sql: --dialect {}: use sqlite or postgres", *name));
        } else if (!database_url().empty()) {
            const string_t url = database_url();
            d = url.rfind("postgres", 0) == 0 ? dialect_id::postgres : dialect_id::sqlite;
        }
        const std::uint64_t from = value("from") ? version_arg("sql --from", *value("from")) : 0;
        const std::uint64_t to = value("to") ? version_arg("sql --to", *value("to")) : head();
        const generated_sql g = c_.info.generate(d);
        plan_report p;
        p.chain = o_.chain;
        p.from = from;
        p.to = to;
        const std::size_t a = count_through(from), b = count_through(to);
        if (a <= b)
            for (std::size_t i = a; i < b; ++i) p.migrations.push_back(planned(g.migrations()[i], direction::up, d));
        else
            for (std::size_t i = a; i-- > b;) {
                if (!g.migrations()[i].reversible)
                    throw migration_error(migration_failure::irreversible,
                                          detail::format("strata: chain \"{}\": migration {} \"{}\" is irreversible: it has no down SQL",
                                                      o_.chain, g.migrations()[i].version, g.migrations()[i].name),
                                          o_.chain, g.migrations()[i].version, string_t(g.migrations()[i].name));
                p.migrations.push_back(planned(g.migrations()[i], direction::down, d));
            }
        // As pg_dump's scripts begin: the text is UTF-8, and a backslash in a literal is itself,
        // whatever the settings of the psql session that runs it.
        // (DateStyle's output ISO, as the migrator's connection has it: a timestamptz made text
        // reads 2024-01-01 03:00:00+00, not 01/01/2024 03:00:00 UTC)
        string_t preamble = d == dialect_id::postgres
                                   ? "SET client_encoding = 'UTF8';\nSET standard_conforming_strings = on;\nSET DateStyle = 'ISO';\n"
                                   : "";
        if (flag("bookkeeping")) preamble += with_bookkeeping(p, g, a, b, d);
        detail::print(o_.out, "{}\n{}{}",
                      detail::comment_line(detail::format("strata: chain {}, {} SQL from version {} to {}{}", o_.chain,
                                                          d == dialect_id::sqlite ? "SQLite" : "PostgreSQL", from, to,
                                                          flag("bookkeeping") ? ", with strata_migrations' statements" : "")),
                      preamble, p.sql());
        return cli::exit_ok;
    }
    // Alembic's offline mode, in strata's terms: the tracking table made if missing, and each
    // migration's row inserted (or deleted) in its own transaction, as upgrade and downgrade
    // would; a script for sqlite3 or psql, which it tells to stop at the first error. A data step is C++ that no script carries: refused, naming the migration, rather
    // than a script whose database upgrade would then call up to date without its data.
    string_t with_bookkeeping(plan_report& p, const generated_sql& g, std::size_t a, std::size_t b, dialect_id d) const {
        const bool up = a <= b;
        for (std::size_t i = std::min(a, b); i < std::max(a, b); ++i)
            for (const step& st : up ? g.migrations()[i].up_steps : g.migrations()[i].down_steps)
                if (st.kind == step_kind::run || st.kind == step_kind::validate)
                    throw std::runtime_error(detail::format(
                        "strata: chain \"{}\": sql --bookkeeping: migration {} \"{}\" has a data step (C++: run<> or "
                        "validate<>) that no script can carry; nothing was printed. Print the script up to the migration "
                        "before it, and let {} upgrade run this one",
                        o_.chain, c_.info.descs[i].version, c_.info.descs[i].name, program_));
        const string_t now = d == dialect_id::sqlite
                                    ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
                                    : "to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')";
        std::uint64_t history = 0;
        vector_t<std::uint64_t> histories;
        for (std::size_t i = 0; i < c_.info.size; ++i) histories.push_back(history = mix(history, checksum_of(c_.info.descs[i], d)));
        for (planned_migration& m : p.migrations) {
            const std::size_t i = index_of(m.version);
            const migration_desc& desc = c_.info.descs[i];
            const string_t row = detail::format("\"chain\" = {} AND \"version\" = {}", string_literal(o_.chain), desc.version);
            auto insert = [&](bool dirty) {
                return detail::format(
                    "INSERT INTO \"strata_migrations\" (\"chain\", \"version\", \"name\", \"checksum\", \"applied_at\", "
                    "\"duration_ms\", \"dirty\", \"history_checksum\", \"background_pending\") VALUES ({}, {}, {}, '{}', {}, 0, "
                    "{}, '{}', {})",
                    string_literal(o_.chain), desc.version, string_literal(desc.name), hex16(checksum_of(desc, d)), now, dirty ? "TRUE" : "FALSE",
                    hex16(histories[i]), has_background(desc) ? "TRUE" : "FALSE");
            };
            const string_t remove = "DELETE FROM \"strata_migrations\" WHERE " + row;
            // SQLite: a rebuild's PRAGMA foreign_key_check only lists what breaks a key, which
            // stops no shell: each row it lists goes into a table that takes none instead.
            constexpr std::string_view check_start = "PRAGMA foreign_key_check(\"", check_end = "\")";
            if (d == dialect_id::sqlite) {
                // The rebuild guard, a comment in a plan, is SQL here.
                const std::span<const step> steps = m.direction == direction::up ? g.migrations()[i].up_steps : g.migrations()[i].down_steps;
                vector_t<string_t> statements;
                for (std::size_t j = 0; j < m.statements.size(); ++j) {
                    if (j < steps.size() && steps[j].kind == step_kind::rebuild_guard) {
                        vector_t<string_t> guard = rebuild_guard_sql(steps[j].fragments);
                        guard.front() = detail::comment_line("check: table " + string_t(steps[j].fragments[0].view()) +
                                                             " holds no column, index or trigger the chain does not know (the "
                                                             "rebuild would drop them); what else it would change, `verify` "
                                                             "shows") +
                                        "\n" + guard.front();
                        for (string_t& st : guard) statements.push_back(std::move(st));
                    } else {
                        statements.push_back(std::move(m.statements[j]));
                    }
                }
                m.statements = std::move(statements);
            }
            // The rows that break a key in `pragma` (PRAGMA foreign_key_check's table): table, rowid,
            // the table referenced and the key's columns (as the migrator tells them apart: not by
            // the key's number, which SQLite gives anew when a rebuild adds or drops a key).
            auto dangling = [](const string_t& pragma) {
                return "(SELECT c.\"table\" AS \"table\", c.rowid AS \"row\", c.\"parent\" AS \"parent\", (SELECT group_concat(\"from\") "
                       "FROM (SELECT \"from\" FROM pragma_foreign_key_list(c.\"table\") WHERE \"id\" = c.\"fkid\" ORDER BY \"seq\")) AS "
                       "\"columns\" FROM " + pragma + " c)";
            };
            // Those that did not break a key before the migration, into the table that takes none;
            // counted, as a row without a rowid is one of several alike.
            // (into `target`; those referencing `parent` only, when one is given: "T", quoted)
            auto new_violations_into = [&](const string_t& target, const string_t& pragma, std::string_view parent) {
                return "INSERT INTO temp." + target + " (\"table\") SELECT a.\"table\" FROM (SELECT \"table\", \"row\", \"parent\", \"columns\", "
                       "count(*) AS \"n\" FROM " + dangling(pragma) + (parent.empty() ? "" : " WHERE \"parent\" = " +
                       string_literal(string_t(parent.substr(1, parent.size() - 2))) + " COLLATE NOCASE") + " GROUP BY 1, 2, 3, 4) a "
                       "WHERE a.\"n\" > (SELECT count(*) FROM temp.\"strata_dangling_before\" b WHERE b.\"table\" = a.\"table\" AND "
                       "b.\"row\" IS a.\"row\" AND b.\"parent\" = a.\"parent\" AND b.\"columns\" IS a.\"columns\")";
            };
            auto new_violations = [&](const string_t& pragma) {
                return new_violations_into("\"strata_foreign_key_violations\"", pragma, {});
            };
            if (d == dialect_id::sqlite)
                for (string_t& st : m.statements)
                    if (st.starts_with(check_start) && st.ends_with(check_end)) {
                        const string_t table = st.substr(check_start.size(), st.size() - check_start.size() - check_end.size());
                        st = new_violations("pragma_foreign_key_check(" + string_literal(table) + ")");
                    }
            // A seed's down deletes the seeded rows by key; a row the seed did not insert that
            // references one (another table's, or the table's own) would be deleted or changed
            // with it (ON DELETE CASCADE, SET NULL, SET DEFAULT): the script stops before that,
            // as the migrator refuses it (refuse_cascading_delete). PostgreSQL: counted before
            // the DELETE. SQLite, which has no statement that reads a table it names at run
            // time: the DELETE runs with foreign keys off, as a rebuild does, and a row it left
            // referencing nothing (which with them on it would have deleted, changed, or been
            // refused by) stops the script, its transaction undone.
            {
                const std::span<const step> steps = m.direction == direction::up ? g.migrations()[i].up_steps : g.migrations()[i].down_steps;
                vector_t<string_t> statements;
                for (string_t& st : m.statements) {
                    seeded_delete seed;
                    for (const step& s : steps)
                        if (seeded_delete d = seeded_delete_of(s); !d.table.empty() && s.sql() == st) {
                            seed = std::move(d);
                            break;
                        }
                    if (seed.table.empty() || !m.transactional) {
                        statements.push_back(std::move(st));
                        continue;
                    }
                    const string_t table(seed.table.substr(1, seed.table.size() - 2));
                    const string_t said = detail::format("strata: chain \"{}\": migration {} \"{}\" (down): ", o_.chain, desc.version,
                                                            desc.name);
                    const string_t advice = "Delete or change those rows first, or downgrade no further; nothing of the "
                                               "migration was applied";
                    if (d == dialect_id::postgres) {
                        const string_t self = "' AND NOT (' || " + string_literal(seed.where) + " || ')'";
                        statements.push_back(do_block(
                            "DECLARE r record; n bigint; BEGIN FOR r IN SELECT c.conrelid::regclass::text AS child, t.relname AS "
                            "name, c.conrelid = c.confrelid AS self, CASE c.confdeltype WHEN 'c' THEN 'CASCADE' WHEN 'n' THEN "
                            "'SET NULL' ELSE 'SET DEFAULT' END AS action, string_agg(format('p.%I = c.%I', b.attname, a.attname), "
                            "' AND ' ORDER BY k.n) AS joined, string_agg(a.attname, ', ' ORDER BY k.n) AS columns FROM "
                            "pg_constraint c JOIN pg_class t ON t.oid = c.conrelid, unnest(c.conkey, c.confkey) WITH ORDINALITY "
                            "AS k(ck, fk, n), pg_attribute a, pg_attribute b WHERE c.contype = 'f' AND c.confrelid = "
                            "to_regclass(" + string_literal(string_t(seed.table)) + ") AND c.confdeltype IN ('c', 'n', 'd') "
                            "AND a.attrelid = c.conrelid AND a.attnum = k.ck AND b.attrelid = c.confrelid AND b.attnum = k.fk "
                            "GROUP BY c.oid, c.conrelid, t.relname, c.confrelid, c.confdeltype ORDER BY 1, c.conname LOOP "
                            "EXECUTE 'SELECT count(*) FROM ' || r.child || ' c WHERE EXISTS (SELECT 1 FROM ' || " +
                            string_literal(string_t(seed.table)) + " || ' p WHERE (' || " + string_literal(seed.where) +
                            " || ') AND ' || r.joined || ')' || CASE WHEN r.self THEN " + self + " ELSE '' END INTO n; "
                            "IF n > 0 THEN RAISE EXCEPTION '%', " + string_literal(said) + " || n || ' row(s) of table \"' || "
                            "r.name || '\" (column ' || r.columns || ', ON DELETE ' || r.action || ') reference rows of table "
                            "' || " + string_literal("\"" + table + "\"") + " || ' that this down deletes (a seed''s rows): the "
                            "DELETE would ' || CASE r.action WHEN 'CASCADE' THEN 'delete' ELSE 'change' END || ' them too. ' || " +
                            string_literal(advice) + "; END IF; END LOOP; END"));
                        statements.push_back(std::move(st));
                    } else {
                        m.foreign_keys_off = true;
                        const string_t stop = detail::format("\"strata_seed_delete {}\"", desc.version);
                        const string_t constraint = detail::sql_quoted(
                            said + "a row the seed did not insert (of another table, or of \"" + table + "\") references a row "
                            "this down deletes (a seed's rows), by a foreign key: the DELETE would delete or change it too (ON "
                            "DELETE CASCADE, SET NULL, SET DEFAULT), or be refused. " + advice);
                        statements.push_back(detail::format("CREATE TEMP TABLE IF NOT EXISTS {} (\"table\" TEXT, CONSTRAINT {} CHECK (0))",
                                                            stop, constraint));
                        statements.push_back(std::move(st));
                        statements.push_back(new_violations_into(stop, "pragma_foreign_key_check", seed.table));
                    }
                }
                m.statements = std::move(statements);
            }
            // SQLite: a migration that rebuilds a table runs with foreign keys off; what it did
            // to keys is checked after it in the whole database, as the migrator checks: the
            // rows that break one and did not before go into the table that takes none.
            if (d == dialect_id::sqlite && m.foreign_keys_off) {
                m.statements.insert(m.statements.begin(),
                                    "DROP TABLE IF EXISTS temp.\"strata_dangling_before\";\nCREATE TEMP TABLE \"strata_dangling_before\" "
                                    "(\"table\" TEXT, \"row\" INTEGER, \"parent\" TEXT, \"columns\" TEXT);\nINSERT INTO "
                                    "temp.\"strata_dangling_before\" SELECT * FROM " + dangling("pragma_foreign_key_check"));
                // (a row's tables and key columns that the migration renames, named anew after each
                // rename: the rebuilds' checks compare the rows under the names they have then)
                constexpr std::string_view rename_start = "ALTER TABLE \"", rename_to = "\" RENAME TO \"",
                                           rename_column = "\" RENAME COLUMN \"", column_to = "\" TO \"";
                vector_t<string_t> statements;
                for (string_t& st : m.statements) {
                    string_t update;
                    if (st.starts_with(rename_start) && st.ends_with("\"") && !st.starts_with("ALTER TABLE \"_strata_new_")) {
                        const std::size_t to = st.find(rename_to), column = st.find(rename_column);
                        if (to != string_t::npos)
                            update = detail::format(
                                "UPDATE temp.\"strata_dangling_before\" SET \"table\" = CASE WHEN \"table\" = {0} COLLATE NOCASE THEN "
                                "{1} ELSE \"table\" END, \"parent\" = CASE WHEN \"parent\" = {0} COLLATE NOCASE THEN {1} ELSE "
                                "\"parent\" END",
                                string_literal(st.substr(rename_start.size(), to - rename_start.size())),
                                string_literal(st.substr(to + rename_to.size(), st.size() - 1 - to - rename_to.size())));
                        else if (const std::size_t mid = st.find(column_to, column + 1); column != string_t::npos && mid != string_t::npos)
                            update = detail::format(
                                "UPDATE temp.\"strata_dangling_before\" SET \"columns\" = trim(replace(',' || \"columns\" || ',', {1}, {2}), "
                                "',') WHERE \"table\" = {0} COLLATE NOCASE",
                                string_literal(st.substr(rename_start.size(), column - rename_start.size())),
                                string_literal("," + st.substr(column + rename_column.size(), mid - column - rename_column.size()) + ","),
                                string_literal("," + st.substr(mid + column_to.size(), st.size() - 1 - mid - column_to.size()) + ","));
                    }
                    statements.push_back(std::move(st));
                    if (!update.empty()) statements.push_back(std::move(update));
                }
                m.statements = std::move(statements);
                m.statements.push_back(new_violations("pragma_foreign_key_check"));
            }
            // SQLite's DROP TABLE deletes the table's rows, and another table's foreign key acts on
            // that: a table another references stops the script, as the migrator refuses the drop
            // (not a rebuild's drop of the table it makes again).
            if (d == dialect_id::sqlite) {
                constexpr std::string_view drop = "DROP TABLE \"";
                vector_t<string_t> statements;
                for (string_t& st : m.statements) {
                    if (st.starts_with(drop) && st.find('"', drop.size()) == st.size() - 1) {  // (as strata spells it)
                        const string_t table = st.substr(drop.size(), st.find('"', drop.size()) - drop.size());
                        statements.push_back(detail::format(
                            "INSERT INTO temp.\"strata_referenced_drops\" SELECT m.\"name\" FROM sqlite_master m, "
                            "pragma_foreign_key_list(m.\"name\") f WHERE m.\"type\" = 'table' AND f.\"table\" = {0} COLLATE NOCASE "
                            "AND m.\"name\" <> {0} COLLATE NOCASE AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE \"type\" = "
                            "'table' AND \"name\" = {1})",
                            string_literal(table), string_literal("_strata_new_" + table)));
                    }
                    statements.push_back(std::move(st));
                }
                m.statements = std::move(statements);
            }
            if (m.transactional) {  // the row with the statements, in their transaction
                m.statements.push_back(m.direction == direction::up ? insert(false) : remove);
                continue;
            }
            // Outside a transaction, as the migrator does it: the row marked dirty first, clean
            // (or gone) after the last statement, so that a script stopped by a failed statement
            // leaves the migration dirty, for status to show and repair to settle.
            const bool up = m.direction == direction::up;
            m.statements.insert(m.statements.begin(), up ? insert(true) : "UPDATE \"strata_migrations\" SET \"dirty\" = TRUE WHERE " + row);
            m.statements.push_back(up ? "UPDATE \"strata_migrations\" SET \"dirty\" = FALSE WHERE " + row : remove);
        }
        // For the shells the script is for (sqlite3, psql): stop at the first failed statement
        // (both go on by default, and a later migration's row would then be recorded over a
        // failed one); SQLite with foreign keys enforced, as the migrator's connection has them.
        string_t pre = d == dialect_id::sqlite
                              ? ".bail on\nPRAGMA foreign_keys = ON;\nCREATE TEMP TABLE IF NOT EXISTS \"strata_foreign_key_violations\" "
                                "(\"table\" TEXT, \"row\" INTEGER, \"parent\" TEXT, CONSTRAINT \"strata: a row breaks a foreign key "
                                "after a migration that rebuilds a table (it runs with foreign keys off): nothing of it was "
                                "applied\" CHECK (0));\nCREATE TEMP TABLE IF NOT EXISTS \"strata_referenced_drops\" (\"table\" TEXT, "
                                "CONSTRAINT \"strata: another table references a table this script drops, by a foreign key: SQLite's "
                                "DROP TABLE would delete or change its rows (ON DELETE CASCADE, SET NULL) or leave them referencing "
                                "nothing, and PostgreSQL refuses such a drop: nothing of the migration was applied\" CHECK (0));\n"
                              : "\\set ON_ERROR_STOP on\n" + search_path_check_sql() + ";\n" + migrators_lock_sql() + ";\n";
        // The bookkeeping table made and the start checked in one transaction: a script refused
        // there leaves no table behind (the shell stops with it open, and it is undone).
        pre += "BEGIN;\n" + string_t(create_tracking_table) + ";\n";
        if (d == dialect_id::sqlite) {
            pre += string_t(create_start_up_index) + ";\n";
            for (std::string_view st : start_up_seal_sql) pre += string_t(st) + ";\n";
        }
        if (d == dialect_id::postgres) pre += start_check(a, d) + ";\n" + names_here_check_sql(a, b);
        else pre += start_check(a, d);
        return pre + ";\nCOMMIT;\n";
    }
    // PostgreSQL: the search_path's first schema ("$user" without such a schema, and pg_temp,
    // aside) is current_schema(), as the migrator checks (postgres::connection::has_table): one
    // that does not exist, or that the role may not use, PostgreSQL skips, and the script would
    // work in the next one.
    string_t search_path_check_sql() const {
        // (entries split at the commas outside double quotes; a quoted one unquoted, an unquoted one
        // folded to lower case, then "$user" and pg_temp skipped, as has_table reads them)
        return do_block(
            "DECLARE e text; BEGIN FOREACH e IN ARRAY regexp_split_to_array(current_setting('search_path'), "
            "',(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)') LOOP e := btrim(e); IF e LIKE '\"%\"' THEN e := replace(substr(e, 2, "
            "length(e) - 2), '\"\"', '\"'); ELSE e := lower(e); END IF; IF e = '$user' THEN IF current_schema() = current_user "
            "THEN RETURN; END IF; CONTINUE; END IF; IF e = 'pg_temp' OR e LIKE 'pg\\_temp\\_%' THEN CONTINUE; END IF; IF e IS "
            "DISTINCT FROM current_schema() THEN RAISE EXCEPTION '%', " +
            string_literal(detail::format("strata: chain \"{}\": the search_path's first schema \"", o_.chain)) +
            " || e || '\" does not exist, or this role may not use it (no USAGE), and PostgreSQL skips it: this script would "
            "work in \"' || coalesce(current_schema(), '(none)') || '\" instead. Create the schema, grant USAGE on it, or "
            "correct the search_path; nothing was applied'; END IF; RETURN; END LOOP; END");
    }
    // PostgreSQL: the script's statements name tables, indexes and types without their schema, and
    // one of the chain's missing here that a schema further along the search_path has would be
    // altered, or dropped with its rows, there: the script stops before its first migration, as
    // the migrator refuses (refuse_tables_elsewhere), naming both schemas.
    string_t names_here_check_sql(std::size_t a, std::size_t b) const {
        const path_names along = names_along(c_.info.descs, a, b);
        auto check = [&](const vector_t<string_t>& names, const char* what, const char* lookup) {
            if (names.empty()) return string_t();
            string_t list;
            for (const string_t& n : names) list += (list.empty() ? "" : ", ") + string_literal(n);
            return detail::format(
                "SELECT t.name, n.nspname INTO r FROM unnest(ARRAY[{}]::text[]) WITH ORDINALITY t(name, i) {} WHERE n.nspname <> "
                "current_schema() ORDER BY t.i LIMIT 1; IF FOUND THEN RAISE EXCEPTION '%', {} || r.name || '\": it is not in "
                "schema \"' || current_schema() || '\", but one of that name is in schema \"' || r.nspname || '\", further along "
                "the search_path, which they would change, or drop with its rows, instead. Make it again here as the chain has "
                "it, or correct the search_path; no migration was applied'; END IF; ",
                list, lookup,
                string_literal(detail::format("strata: chain \"{}\": this script's statements name {} \"", o_.chain, what)));
        };
        const string_t body =
            check(along.relations, "table (or index)",
                  "JOIN pg_class c ON c.oid = to_regclass(quote_ident(t.name)) JOIN pg_namespace n ON n.oid = c.relnamespace") +
            check(along.types, "type", "JOIN pg_type y ON y.oid = to_regtype(quote_ident(t.name)) JOIN pg_namespace n ON n.oid = "
                                       "y.typnamespace");
        return body.empty() ? string_t("SELECT 1") : do_block("DECLARE r record; BEGIN " + body + "END");
    }
    // PostgreSQL: the migrators' lock of the chain in this schema, taken as the migrator takes it
    // (detail/runtime/migrators_lock.hpp) and held by the session to its end; a migrator at work
    // holds it, and the script stops before it changes anything. (Not waited for: a session
    // that waits inside a statement holds a snapshot, which the migrator's CREATE INDEX
    // CONCURRENTLY would wait for in turn.)
    string_t migrators_lock_sql() const {
        return do_block(detail::format(
            "BEGIN IF NOT (pg_try_advisory_lock_shared({}) AND pg_try_advisory_lock({}, hashtext(coalesce(current_schema(), "
            "'')))) THEN RAISE EXCEPTION '%', {}; END IF; END",
            detail::migrators_lock_key(o_.chain), detail::migrators_schema_lock_key(o_.chain),
            string_literal(detail::format("strata: chain \"{}\": another migrator holds the chain's lock in this schema: "
                                          "nothing was applied; apply the script when it is done",
                                          o_.chain))));
    }
    // PostgreSQL's DO with `body`, in a dollar quote that no name in the body ends. (A message's
    // % is RAISE's argument in the bodies, not its format.)
    static string_t do_block(const string_t& body) {
        string_t tag = "$strata$";
        while (body.find(tag) != string_t::npos) tag.insert(tag.size() - 1, "_");
        return "DO " + tag + " " + body + " " + tag;
    }
    // A script starts where it says: the chain's rows in strata_migrations are this code's first
    // `applied` migrations (versions, names, checksums), none dirty; else it stops before its
    // first migration, as upgrade and downgrade refuse to start (a script applied twice, one
    // made for another database, a migration changed or left dirty).
    string_t start_check(std::size_t applied, dialect_id d) const {
        const std::uint64_t from = applied ? c_.info.descs[applied - 1].version : 0;
        const string_t rows = "\"chain\" = " + string_literal(o_.chain);
        string_t elsewhere = detail::format("(SELECT count(*) FROM \"strata_migrations\" WHERE {}) <> {}", rows, applied);
        if (applied > 0) {
            string_t expected;
            for (std::size_t i = 0; i < applied; ++i)
                expected += detail::format("{}({}, '{}', {})", i ? ", " : "", c_.info.descs[i].version,
                                           hex16(checksum_of(c_.info.descs[i], d)), string_literal(c_.info.descs[i].name));
            // (a row is this code's only as strata writes one: a cell that is NULL, or a flag that is
            // not the boolean false, stops the script as it stops every verb)
            const std::string_view clean = d == dialect_id::sqlite ? "typeof(\"dirty\") = 'integer' AND \"dirty\" = 0"
                                                                   : "\"dirty\" IS FALSE";
            elsewhere += detail::format(" OR EXISTS (SELECT 1 FROM \"strata_migrations\" WHERE {} AND NOT coalesce({} AND "
                                        "(\"version\", lower(\"checksum\"), \"name\") IN (VALUES {}), FALSE))",
                                        rows, clean, expected);
        }
        const string_t message = detail::format(
            "strata: chain \"{}\": this script starts at version {}, and the database is not there (its strata_migrations "
            "rows are not this code's migrations through version {}, or one is dirty): no migration was applied; `{} status` "
            "says where it is",
            o_.chain, from, from, program_);
        if (d == dialect_id::postgres)
            return do_block("BEGIN IF " + elsewhere + " THEN RAISE EXCEPTION '%', " + string_literal(message) + "; END IF; END");
        // (made again: the refusal is this script's, when scripts run one after another in a shell)
        return "DROP TABLE IF EXISTS temp.\"strata_script_start\";\nCREATE TEMP TABLE \"strata_script_start\" (\"chain\" TEXT, "
               "CONSTRAINT " + detail::sql_quoted(message) + " CHECK (0));\nINSERT INTO temp.\"strata_script_start\" SELECT " +
               string_literal(o_.chain) + " WHERE " + elsewhere;
    }
    // 'text', its quotes doubled (both dialects: the script sets standard_conforming_strings)
    static string_t string_literal(std::string_view text) {
        string_t q = "'";
        for (char ch : text) q += ch == '\'' ? string_t("''") : string_t(1, ch);
        return q + "'";
    }
    // SQLite's table rebuild drops the live table and makes it again from the typed state: the
    // migrator first checks that the table holds nothing the state does not know (the guard,
    // step_kind::rebuild_guard). In a script, for the shells that stop at a failed statement,
    // the part of that check that keeps data and objects: no column the state does not know and
    // none generated, none of the state's missing, no index or trigger it does not know, and its indexes as the state's
    // (columns, UNIQUE; none partial, DESC or with a COLLATE); else a row goes into a table that
    // takes none and the script stops with its migration's transaction undone. (Types,
    // defaults, constraints, table options and AUTOINCREMENT are not in the script: cli.md.)
    // The guard's fragments (generator::rebuild_guard): the table, its columns each followed by
    // its type, then keyword fragments (in lower case) each with what it describes; a check's
    // expression and a default run up to an empty fragment.
    vector_t<string_t> rebuild_guard_sql(std::span<const sql_fragment> frags) const {
        const std::string_view quoted_table = frags[0].view();
        const string_t table(quoted_table.substr(1, quoted_table.size() - 2));
        auto unquoted = [](std::string_view quoted) { return quoted.substr(1, quoted.size() - 2); };
        auto lower = [](std::string_view n) {  // (SQLite's names are alike in any case)
            string_t l(n);
            for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return l;
        };
        auto add_name = [&](string_t& list, std::string_view quoted, std::string_view suffix = {}) {
            list += (list.empty() ? "" : ", ") + string_literal(lower(unquoted(quoted)) + string_t(suffix));
        };
        string_t columns, indexes;
        std::size_t ncolumns = 0;
        bool in_columns = true, in_text = false;
        for (std::size_t k = 1; k < frags.size(); ++k) {
            const std::string_view f = frags[k].view();
            if (in_text) {
                in_text = !f.empty();
                continue;
            }
            const bool keyword = !f.empty() && f.front() >= 'a' && f.front() <= 'z';
            in_columns = in_columns && !keyword;
            if (in_columns && !f.empty() && f.front() == '"') add_name(columns, f), ++ncolumns;
            else if (f == "check" || f == "check named" || f == "default") in_text = true;
            else if (f == "index" && k + 2 < frags.size()) {  // its name, "on" or "unique on", its columns
                string_t shape = frags[k + 2].view() == "unique on" ? ":1:" : ":0:";
                const std::string_view index = frags[k + 1].view();
                for (k += 3; k < frags.size() && !frags[k].view().empty() && frags[k].view().front() == '"'; ++k)
                    shape += (shape.back() == ':' ? "" : ",") + lower(unquoted(frags[k].view()));
                --k;
                add_name(indexes, index, shape);
            }
        }
        const string_t quoted_message = detail::format(
            "strata: table \"\"{}\"\" holds a column, index or trigger the chain does not know, or one of the chain's "
            "made again otherwise, or lacks a column of the chain's: its rebuild would drop or change it. Nothing of this migration was "
            "applied; `{} verify` names what differs",
            table, program_);
        const string_t guard_table = "\"strata_rebuild_guard " + table + "\"";
        const string_t name = string_literal(table);
        // (an index as name:unique:columns, each column with " desc" or " collate" when it has one)
        const string_t index_shape =
            "lower(i.name) || ':' || i.\"unique\" || ':' || (SELECT group_concat(k, ',') FROM (SELECT "
            "lower(ifnull(x.name, '(expression)')) || CASE WHEN x.\"desc\" THEN ' desc' ELSE '' END || CASE WHEN x.coll "
            "<> 'BINARY' THEN ' collate' ELSE '' END AS k FROM pragma_index_xinfo(i.name, 'main') x WHERE x.key ORDER BY "
            "x.seqno))";
        return {detail::format("CREATE TEMP TABLE IF NOT EXISTS {} (\"table\" TEXT, CONSTRAINT \"{}\" CHECK (0))", guard_table,
                               quoted_message),
                detail::format("INSERT INTO temp.{} SELECT {} WHERE EXISTS (SELECT 1 FROM pragma_table_xinfo({}, 'main') WHERE "
                               "hidden <> 0 OR lower(name) NOT IN ({})) OR (SELECT count(*) FROM pragma_table_xinfo({}, 'main') WHERE lower(name) IN "
                               "({})) < {} OR EXISTS (SELECT 1 FROM pragma_index_list({}, 'main') i "
                               "WHERE i.origin = 'c' AND (i.partial OR {} NOT IN ({}))) OR EXISTS (SELECT 1 FROM "
                               "main.sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower({}))",
                               guard_table, name, name, columns, name, columns, ncolumns, name, index_shape, indexes, name)};
    }
    int verify() {
        const verify_report r = migrator(false, true).verify();
        if (r.ok()) {
            detail::print(o_.out, "{}: {} at version {} matches schema_at<{}>\n", o_.chain, where(), r.version, r.version);
            return cli::exit_ok;
        }
        detail::print(o_.out, "{}: {} at version {} differs:\n{}", o_.chain, where(), r.version, r.text());
        return cli::exit_failed;
    }
    int baseline() {
        const std::uint64_t v = version_arg("baseline", positional_.at(0));
        migrator(true).baseline(v);  // (its warnings on the log: seed rows missing, background steps left pending)
        if (!log_in_terminal_)  // (else the log said it, in this terminal)
            detail::print(o_.out, "{}: {} recorded at version {}\n", o_.chain, db_->describe(), v);
        return cli::exit_ok;
    }
    int repair() {
        if (const auto v = value("skip-background")) {
            // (0, base: no migration, as a version the chain lacks: a usage error)
            const std::uint64_t version = version_arg("repair --skip-background", *v);
            if (version == 0) throw usage_error("repair --skip-background: version 0 is no migration (the empty schema)");
            const string_t done = migrator(true, true).skip_background(version);
            detail::print(o_.out, "{}\n", done.empty() ? "no background step pending there: nothing to skip" : done);
            return cli::exit_ok;
        }
        const vector_t<string_t> done = migrator(true, true).repair();
        for (const string_t& d : done) detail::print(o_.out, "{}\n", d);
        if (done.empty()) detail::print(o_.out, "nothing to repair\n");
        return cli::exit_ok;
    }
    int diagram() {
        diagram_format f = diagram_format::mermaid;
        const string_t format = value("format").value_or("mermaid");
        if (format == "dot" || format == "svg") f = diagram_format::dot;
        else if (format != "mermaid") throw usage_error(detail::format("diagram: --format {}: use mermaid, dot or svg", format));
        const std::uint64_t at = value("at") ? version_arg("diagram --at", *value("at")) : head();
        const string_t text = c_.diagram(count_through(at), f);
        detail::print(o_.out, "{}", format == "svg" ? svg_of(text) : text);
        return cli::exit_ok;
    }
    // (C and POSIX calls, not <filesystem>: it costs every header-only unit of the CLI about 0.2 s)
    static string_t temp_directory() {
        for (const char* v : {"TMPDIR", "TMP", "TEMP", "TEMPDIR"})
            if (const char* d = std::getenv(v); d && *d) return d;
        return "/tmp";
    }
    // Graphviz draws the digraph: `dot -Tsvg` on a temporary file, its output read back.
    static string_t svg_of(const string_t& dot) {
#if !__has_include(<unistd.h>)
        (void)dot;
        throw std::runtime_error("strata: diagram --format svg needs a POSIX system; use --format dot");
#else
        string_t path = temp_directory() + "/strata-diagram-XXXXXX";
        const int fd = ::mkstemp(path.data());
        if (fd < 0) throw std::runtime_error("strata: diagram --format svg: cannot make a temporary file");
        const bool written = ::write(fd, dot.data(), dot.size()) == static_cast<ssize_t>(dot.size());
        ::close(fd);
        string_t svg;
        int status = -1;
        if (written)
            if (std::FILE* p = ::popen(("dot -Tsvg '" + path + "' 2>&1").c_str(), "r")) {
                char buf[4096];
                for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) svg.append(buf, n);
                status = ::pclose(p);
            }
        std::remove(path.c_str());
        if (status != 0)
            throw std::runtime_error("strata: diagram --format svg needs Graphviz's dot on PATH (Debian: apt-get install "
                                     "graphviz); --format dot prints what it would draw" +
                                     (svg.empty() ? string_t() : ". dot said: " + svg));
        return svg;
#endif
    }

    int diff() {
        if (!c_.diff)
            throw usage_error("diff: this program declares no target schema (strata::cli::run<Chain, Target> with a "
                              "strata::target_schema<...> or strata::models<...>)");
        detail::print(o_.out, "{}", c_.diff(0, value("name").value_or("describe this migration")));
        return c_.differences == 0 ? cli::exit_ok : cli::exit_failed;
    }

    const cli_chain& c_;
    cli::options o_;
    string_t program_;
    std::map<dependent_t<string_t, Tag>, string_t> values_;  // (dependent: see above)
    vector_t<string_t> positional_;
    std::unique_ptr<driver> db_;
    string_t where_;              // a missing SQLite file read as empty (see open)
    bool log_in_terminal_ = false;   // the default log shows progress where results go
};
using cli_runner = cli_runner_t<void>;

}  // namespace strata::detail

namespace strata::detail {
STRATA_LAZY_DEF STRATA_INLINE int run_cli(const cli_chain& chain, cli::options o, int argc, const char* const* argv) {
    std::string program = o.program;
    if (program.empty()) {
        program = argc > 0 && argv[0] ? argv[0] : "app";
        if (const std::size_t slash = program.rfind('/'); slash != std::string::npos) program.erase(0, slash + 1);
    }
    const std::vector<std::string> args(argv + (argc > 0 ? 1 : 0), argv + argc);
    return cli_runner(chain, std::move(o), std::move(program)).run(args);
}
}  // namespace strata::detail
