#pragma once
// strata::postgres::connection's bodies, its key function (the destructor) among them:
// compiled at the end of postgres.hpp (header-only) or once in strata::runtime
// (STRATA_SEPARATE_COMPILATION), with the vtable.
#include <cctype>
#include <pqxx/pqxx>

#include <strata/detail/algorithm.hpp>
#include <strata/detail/dependent.hpp>
#include <strata/detail/runtime/migrators_lock.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#include <strata/detail/runtime/sql_text.hpp>
#include <strata/postgres.hpp>

namespace strata {

namespace detail {
// A run-time number of parameters. libpqxx 6.4 and 7.0-7.5 take them as
// prepare::make_dynamic_params (pointers, nullptr for NULL); 7.6 deprecated that for
// pqxx::params, and 7.10 deprecated exec_params for exec(query, params). A switch over the
// count with the variadic exec_params would cap the count and is deprecated in 7.10 too.
STRATA_LAZY inline pqxx::result pg_exec(pqxx::transaction_base& tx, const std::string& sql, const std::vector<std::string>& texts,
                           const std::vector<const char*>& ptrs) {
#if PQXX_VERSION_MAJOR > 7 || (PQXX_VERSION_MAJOR == 7 && PQXX_VERSION_MINOR >= 6)
    pqxx::params p;
    p.reserve(ptrs.size());
    for (std::size_t i = 0; i < ptrs.size(); ++i) {
        if (ptrs[i]) p.append(texts[i]);
        else p.append();
    }
#if PQXX_VERSION_MAJOR > 7 || PQXX_VERSION_MINOR >= 10
    return tx.exec(sql, p);
#else
    return tx.exec_params(sql, p);
#endif
#else
    (void)texts;
    return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(ptrs));
#endif
}

// bytea's text output, hex ("\\x0a1b"; the default since PostgreSQL 9.0), as bytes.
STRATA_LAZY inline std::vector<std::byte> bytes_from_text(std::string_view sql, const char* text, std::size_t size) {
    auto digit = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
    const std::string_view t(text, size);
    bool ok = t.size() >= 2 && t[0] == '\\' && t[1] == 'x' && t.size() % 2 == 0;
    std::vector<std::byte> out(ok ? (t.size() - 2) / 2 : 0);
    for (std::size_t i = 0; ok && i < out.size(); ++i) {
        const int hi = digit(t[2 + 2 * i]), lo = digit(t[3 + 2 * i]);
        ok = hi >= 0 && lo >= 0;
        out[i] = static_cast<std::byte>(hi * 16 + lo);
    }
    if (!ok)
        throw database_error("strata: postgres: a bytea value not in hex form (bytea_output = 'escape'? set it to 'hex')\n  in: " +
                                 std::string(sql),
                             std::string(sql), "");
    return out;
}

}  // namespace detail

template <class Tag>
struct postgres::basic_connection<Tag>::lock_state {
    struct held {
        int count = 0;        // how many times the chain's lock is held
        std::int32_t schema = 0;  // the schema's part of the key, as the lock was taken (unlock_now)
    };
    std::map<std::string, held, std::less<>> counts;
    // Behind a pooler: per lock, the connection whose open transaction holds it (kept for the
    // next lock of that name).
    std::map<detail::dependent_t<std::string, Tag>, std::unique_ptr<connection>, std::less<>> holders;  // (dependent: see detail::dependent)
};

template <class Tag>
STRATA_INLINE postgres::basic_connection<Tag>::basic_connection(const std::string& conninfo_or_url) : locks_(new lock_state()) {
    try {
        owned_.reset(new pqxx::connection(conninfo_or_url));
    } catch (const std::exception& e) {
        // Not the connection string in the message: it may hold a password. libpq quotes the
        // part of it that it cannot read ("invalid percent-encoded token: "s3cr%zzet""), and
        // the password is where it cannot read one (a '%', '@' or '/' not encoded): a quoted
        // part that shares four characters with the password (or holds all of a shorter one)
        // is left out, and so is the password wherever it stands.
        std::string msg = trimmed(e.what());
        std::vector<std::string> secrets;  // the URL's password (its user:password part, and ?password=), or password='s value
        const std::string& c = conninfo_or_url;
        if (const std::size_t scheme = c.find("://"); scheme != std::string::npos) {
            if (const std::size_t at = c.rfind('@'); at != std::string::npos && at > scheme) {
                const std::string user_info = c.substr(scheme + 3, at - scheme - 3);
                if (const std::size_t colon = user_info.find(':'); colon != std::string::npos) secrets.push_back(user_info.substr(colon + 1));
            }
            for (std::size_t k = c.find("password=", scheme); k != std::string::npos; k = c.find("password=", k + 1))
                if (c[k - 1] == '?' || c[k - 1] == '&') secrets.push_back(c.substr(k + 9, c.find('&', k) - k - 9));
        } else {
            // key = value pairs, white space around '=' and between them; a value in single quotes
            // may hold spaces, \' and \\ escapes
            auto space = [&](std::size_t i) { return i < c.size() && std::isspace(static_cast<unsigned char>(c[i])); };
            auto skip = [&](std::size_t i) {
                while (space(i)) ++i;
                return i;
            };
            auto word_end = [&](std::size_t i) {
                while (i < c.size() && !space(i) && c[i] != '=') ++i;
                return i;
            };
            for (std::size_t k = skip(0); k < c.size();) {
                const std::size_t key_end = word_end(k), eq = skip(key_end);
                if (eq >= c.size() || c[eq] != '=') break;
                const std::string key = c.substr(k, key_end - k);
                std::size_t v = skip(eq + 1);
                std::string value;
                if (v < c.size() && c[v] == '\'') {
                    for (++v; v < c.size() && c[v] != '\''; ++v) value += c[v] == '\\' && v + 1 < c.size() ? c[++v] : c[v];
                    ++v;
                } else {
                    for (; v < c.size() && !space(v); ++v) value += c[v];
                    // (words after it that are no key (none followed by '=') were meant as the
                    // password too: libpq quotes them alone)
                    for (std::size_t w = skip(v); key == "password" && w < c.size(); w = skip(v)) {
                        const std::size_t e = word_end(w);
                        if (skip(e) < c.size() && c[skip(e)] == '=') break;
                        secrets.push_back(c.substr(w, e - w));
                        v = e;
                    }
                }
                if (key == "password") secrets.push_back(value);
                k = skip(v);
            }
        }
        // A part of a password libpq could not read: four characters of it, when it is long
        // enough that four are its own (a short one is hidden where it stands whole).
        auto holds_secret = [&](std::string_view text) {
            for (const std::string& secret : secrets) {
                if (secret.empty()) continue;
                if (text.find(secret) != std::string_view::npos) return true;
                for (std::size_t i = 0; secret.size() >= 8 && i + 4 <= secret.size(); ++i)
                    if (text.find(std::string_view(secret).substr(i, 4)) != std::string_view::npos) return true;
            }
            return false;
        };
        for (std::size_t open = msg.find('"'); open != std::string::npos; open = msg.find('"', open + 1)) {
            const std::size_t close = msg.find('"', open + 1);
            if (close == std::string::npos) break;
            if (holds_secret(std::string_view(msg).substr(open + 1, close - open - 1))) {
                msg.replace(open + 1, close - open - 1, "(left out: it holds a part of the password)");
                open = msg.find('"', open + 1);
            } else {
                open = close;
            }
        }
        for (const std::string& secret : secrets)
            for (std::size_t at = secret.empty() ? std::string::npos : msg.find(secret); at != std::string::npos; at = msg.find(secret, at))
                msg.replace(at, secret.size(), "***");
        // (libpq's own words when it has them; libpqxx 6.4 may only say "Connection to
        // database failed")
        const bool unread = msg.find("URI") != std::string::npos || msg.find("percent-encoded") != std::string::npos ||
                            msg.find("connection option") != std::string::npos || msg.find("missing \"=\"") != std::string::npos;
        throw database_error(std::string("strata: postgres: cannot connect (") +
                                 (unread ? "libpq cannot read the connection string"
                                         : "is the server running and reachable, are the host, port, database and user right?") +
                                 "): " + msg,
                             "", msg);
    }
    conninfo_ = conninfo_or_url;
    set_up(*owned_);
}

template <class Tag>
STRATA_INLINE postgres::basic_connection<Tag>::basic_connection(pqxx::connection& borrowed) : locks_(new lock_state()) { set_up(borrowed); }

template <class Tag>
STRATA_INLINE postgres::basic_connection<Tag>::basic_connection::~basic_connection() {
    rollback();
    if (session_limits_) restore_session_limits();
    // Session-level locks outlive a borrowed connection's use by us: give them back. (Behind a
    // pooler the lock connections' destructors roll their transactions back.)
    for (auto& [chain, held] : locks_->counts)
        if (held.count > 0 && !pooled_.value_or(false)) unlock_now(chain, held.schema);
    locks_->holders.clear();
    tx_.reset();  // before owned_ closes the connection
}

template <class Tag>
STRATA_INLINE void* postgres::basic_connection<Tag>::native_handle() noexcept { return static_cast<pqxx::transaction_base*>(tx_.get()); }
template <class Tag>
STRATA_INLINE const std::type_info& postgres::basic_connection<Tag>::native_type() const noexcept { return typeid(pqxx::transaction_base*); }

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::execute(std::string_view sql, std::span<const value> parameters, const row_callback& on_row) {
    const std::span<const detail::dependent_t<value, Tag>> params = parameters;  // (dependent: see detail::dependent)
    // libpq takes C strings: a NUL would end the statement, or a value, there, silently.
    if (const std::size_t at = sql.find('\0'); at != std::string_view::npos)
        throw database_error("strata: postgres: the statement holds a NUL byte at offset " + std::to_string(at) +
                                 " (libpq would ignore the rest of it)",
                             std::string(sql.substr(0, at)), "");
    for (std::size_t i = 0; i < params.size(); ++i)
        if (auto* text = std::get_if<std::string>(&params[i]); text && text->find('\0') != std::string::npos)
            throw database_error("strata: postgres: parameter $" + std::to_string(i + 1) + " holds a NUL byte at offset " +
                                     std::to_string(text->find('\0')) + " of " + std::to_string(text->size()) +
                                     ": PostgreSQL text cannot store it (it would be cut there)\n  in: " + std::string(sql),
                                 std::string(sql), "");
    // (Not behind a pooler: there a SET outside a transaction lands on whichever server
    // connection is free, stays there for other clients, and the next statement may run on
    // another one.)
    if (!in_tx_ && limits_.any() && !session_limits_ && !behind_pooler()) set_session_limits();
    // Behind one, a statement outside a transaction runs in a transaction of its own, with the
    // limits as SET LOCAL: a lock on what it reads or writes (strata_migrations held by another
    // session, or being made by one) would else be waited for without end. (Not one that
    // cannot run in a transaction, CREATE INDEX CONCURRENTLY, nor a transaction's own words:
    // pooled_in_transaction.)
    if (!in_tx_ && !raw_tx_ && limits_.any() && !session_limits_ && detail::pooled_in_transaction(sql) && behind_pooler()) {
        begin();
        try {
            execute(sql, parameters, on_row);
            commit();
        } catch (...) {
            rollback();
            throw;
        }
        return;
    }
    // (a program's own transaction, which the text opens or ends; a COMMIT that fails ends it too)
    const bool outside = !in_tx_;
    const bool open_after = outside && detail::transaction_open_after(sql, raw_tx_);
    struct follow {
        bool& raw;
        bool outside, open_after, done = false;
        ~follow() {
            if (outside) raw = done ? open_after : raw && open_after;
        }
    } followed{raw_tx_, outside, open_after};
    pqxx::result res;
    try {
        if (params.empty()) {
            res = tx_->exec(std::string(sql));  // may be a script of several statements
        } else {
            // Every value goes as text with an unspecified type, as psql would send it:
            // the server infers each $n's type from the statement.
            std::vector<std::string> texts(params.size());
            std::vector<const char*> ptrs(params.size(), nullptr);  // nullptr: NULL
            for (std::size_t i = 0; i < params.size(); ++i) {
                if (std::holds_alternative<std::monostate>(params[i])) continue;
                texts[i] = as_text(params[i]);
                ptrs[i] = texts[i].c_str();
            }
            res = detail::pg_exec(*tx_, std::string(sql), texts, ptrs);
        }
    } catch (const pqxx::broken_connection& e) {
        lost(sql, e.what());
    } catch (const pqxx::sql_error& e) {  // (its SQLSTATE kept: 55P03 is a lock timeout)
        if (!conn_->is_open()) lost(sql, e.what());
        fail(sql, e.what(), e.sqlstate());
    } catch (const std::exception& e) {
        if (!conn_->is_open()) lost(sql, e.what());  // (libpqxx may say "Could not obtain client encoding")
        fail(sql, e.what());
    }
    followed.done = true;  // (begin()'s own BEGIN: cleared there)
    if (!on_row) return;
    // Outside the try: what on_row throws is the caller's, not a database error.
    const auto nrows = res.size();
    const auto ncols = res.columns();
    // (dependent: the vectors' and the variant's constexpr members are compiled where this is
    // instantiated, not in every unit that includes the header; see detail::dependent)
    std::vector<detail::dependent_t<value, Tag>> cells;
    std::vector<bool> bytea(static_cast<std::size_t>(ncols));  // read as bytes, not text
    std::vector<detail::dependent_t<unsigned char, Tag>> booleans(static_cast<std::size_t>(ncols));  // t and f (row::get<bool>, <int>)
    for (std::remove_const_t<decltype(ncols)> j = 0; j < ncols; ++j) {
        const auto type = res.column_type(j);  // (bytea 17, bool 16)
        bytea[static_cast<std::size_t>(j)] = type == 17;
        booleans[static_cast<std::size_t>(j)] = type == 16;
    }
    for (std::remove_const_t<decltype(nrows)> i = 0; i < nrows; ++i) {
        const auto r = res[i];
        cells.assign(static_cast<std::size_t>(ncols), detail::dependent_t<value, Tag>{});
        for (std::remove_const_t<decltype(ncols)> j = 0; j < ncols; ++j) {
            const auto f = r[j];
            if (f.is_null()) continue;
            if (bytea[static_cast<std::size_t>(j)]) cells[static_cast<std::size_t>(j)] = detail::bytes_from_text(sql, f.c_str(), f.size());
            else cells[static_cast<std::size_t>(j)] = std::string(f.c_str(), f.size());
        }
        on_row(row(cells, booleans));
    }
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::begin() {
    // The limits as SET LOCAL, in the same round trip: they end with the transaction.
    execute("BEGIN" + limit_statements("SET LOCAL"), {}, {});
    in_tx_ = true;
    raw_tx_ = false;  // (strata's own)
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::commit() {
    // COMMIT of a transaction that an error has aborted answers ROLLBACK without an error
    // (possible when user code caught a failure through native_handle()): a statement
    // first makes that a failure instead of a silent rollback. One query string, so one
    // round trip; the server skips the COMMIT when the SELECT fails.
    try {
        check_pooled_locks();
        execute("SELECT 1; COMMIT", {}, {});
    } catch (...) {
        rollback();
        throw;
    }
    in_tx_ = false;
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::rollback() noexcept {
    if (!in_tx_) return;
    in_tx_ = false;  // a broken connection has no transaction left either
    try {
        tx_->exec("ROLLBACK");
    } catch (...) {
    }
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::set_wait_limits(const wait_limits& l) {
    if (session_limits_) restore_session_limits();
    limits_ = l;
}

template <class Tag>
STRATA_INLINE bool postgres::basic_connection<Tag>::lock(std::string_view chain) {
    for (int wait_ms = 1;; wait_ms = std::min(wait_ms * 2, 100)) {
        if (try_lock(chain)) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    }
}

template <class Tag>
STRATA_INLINE std::optional<bool> postgres::basic_connection<Tag>::try_lock(std::string_view chain) {
    auto it = locks_->counts.find(chain);
    if (it != locks_->counts.end() && it->second.count > 0) {
        // Held already: in this schema, the call only counts; in another (a SET search_path in
        // between), this session holds that schema's lock, not this one's.
        std::int32_t schema = 0;
        execute("SELECT hashtext(coalesce(current_schema(), ''))", {},
                [&](const row& r) { schema = static_cast<std::int32_t>(r.get<std::int64_t>(0)); });
        if (schema != it->second.schema)
            throw std::logic_error("strata: " + where_ + ": the migrators' lock of chain \"" + std::string(chain) +
                                   "\" is held by this connection in another schema (search_path changed since it was "
                                   "taken): give it back there first, or use another connection for this schema");
        ++it->second.count;
        return true;
    }
    bool got = false;
    std::int32_t schema = 0;
    if (behind_pooler()) {
        if (conninfo_.empty())
            throw std::logic_error(
                "strata: " + where_ + ": this connection goes through a connection pooler (PgBouncer or alike: the "
                "backend pid libpq was given is not pg_backend_pid()), where a session advisory lock does not hold "
                "between transactions. strata then holds the migrators' lock in a transaction on a second connection, "
                "which a borrowed connection cannot open: give strata::postgres::connection the connection string "
                "instead, or connect the migrator to the server directly or to a session-pooled port");
        auto& holder = locks_->holders[std::string(chain)];
        if (holder) {
            try {
                holder->begin();
            } catch (const connection_lost&) {  // (kept since the last lock: the pooler may have closed it)
                holder.reset();
            }
        }
        const bool fresh = !holder;
        if (fresh) holder = std::make_unique<connection>(conninfo_);
        try {
            // (this connection's schema: the holder's search_path may be another)
            execute("SELECT hashtext(coalesce(current_schema(), ''))", {}, [&](const row& r) {
                schema = static_cast<std::int32_t>(r.get<std::int64_t>(0));
            });
            if (fresh) holder->begin();
            // The simple protocol (the keys as text, not bound): an unnamed portal of the extended
            // one would keep its snapshot while the transaction stays open, and CREATE INDEX
            // CONCURRENTLY in the holder's own migration would wait for that snapshot forever.
            // (Both or neither: a rollback gives back the one taken.)
            holder->execute("SELECT pg_try_advisory_xact_lock_shared(" + std::to_string(lock_key(chain)) +
                                ") AND pg_try_advisory_xact_lock(" + std::to_string(schema_lock_key(chain)) + ", " +
                                std::to_string(schema) + ")",
                            {}, [&](const row& r) { got = r.get<bool>(0); });
        } catch (const connection_lost& e) {
            holder.reset();
            if (!fresh) throw;
            // PgBouncer closes a client that opens a transaction in pool_mode = statement.
            throw database_error("strata: postgres: the connection pooler closed a new connection when it began a transaction "
                                     "(PgBouncer does so in pool_mode = statement, where no migration can run: each needs "
                                     "a transaction): point the migrator at a transaction- or session-pooled port, or at "
                                     "the server directly",
                                 e.statement(), e.driver_message());
        } catch (...) {
            holder->rollback();
            throw;
        }
        if (!got) holder->rollback();  // (waiting holds no transaction open)
    } else {
        const detail::dependent_t<value, Tag> p[] = {lock_key(chain), schema_lock_key(chain)};
        bool shared = false, own = false;
        execute("SELECT pg_try_advisory_lock_shared($1::bigint), pg_try_advisory_lock($2::int, s.h), s.h "
                "FROM (SELECT hashtext(coalesce(current_schema(), '')) AS h) s",
                p, [&](const row& r) {
                    shared = r.get<bool>(0);
                    own = r.get<bool>(1);
                    schema = static_cast<std::int32_t>(r.get<std::int64_t>(2));
                });
        got = shared && own;
        if (!got && (shared || own)) {  // give back the one taken
            const detail::dependent_t<value, Tag> key[] = {lock_key(chain)}, schema_key[] = {schema_lock_key(chain), std::int64_t{schema}};
            if (shared) execute("SELECT pg_advisory_unlock_shared($1::bigint)", key, {});
            else execute("SELECT pg_advisory_unlock($1::int, $2::int)", schema_key, {});
        }
    }
    if (!got) return std::nullopt;
    locks_->counts[std::string(chain)] = {1, schema};
    return true;
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::check_pooled_locks() {
    for (auto& [chain, holder] : locks_->holders) {
        if (!holder->in_transaction()) continue;
        try {
            holder->execute("SELECT 1", {}, {});
        } catch (const database_error& e) {
            // (libpqxx says "Could not obtain client encoding" of a connection already lost)
            const std::string& said = e.driver_message();
            const std::string why =
                "the connection holding the migrators' lock \"" + chain +
                "\" through the pooler lost its transaction, and with it the lock (the server's "
                "idle_in_transaction_session_timeout, or the pooler's idle_transaction_timeout or a restart?), so this "
                "transaction is not committed" + (said.find("client encoding") == std::string::npos ? ": " + said : std::string());
            throw database_error("strata: postgres: " + why, "COMMIT", why, e.sqlstate());
        }
    }
}

template <class Tag>
STRATA_INLINE bool postgres::basic_connection<Tag>::behind_pooler() {
    if (!pooled_) {
        const std::string sql = "SELECT pg_backend_pid()";
        long long server_pid = 0;
        try {  // (not through execute(), which asks this)
            server_pid = tx_->exec(sql).at(0).at(0).as<long long>();
        } catch (const pqxx::broken_connection& e) {
            lost(sql, e.what());
        } catch (const std::exception& e) {
            if (!conn_->is_open()) lost(sql, e.what());
            fail(sql, e.what());
        }
        pooled_ = server_pid != conn_->backendpid();
    }
    return *pooled_;
}

template <class Tag>
STRATA_INLINE std::string postgres::basic_connection<Tag>::lock_holder(std::string_view chain) {
    std::string who;
    const auto key = static_cast<std::uint64_t>(lock_key(chain));
    const detail::dependent_t<value, Tag> p[] = {static_cast<std::int64_t>(key >> 32), static_cast<std::int64_t>(key & 0xffffffffu),
                       schema_lock_key(chain)};
    try {
        // Who holds this schema's lock of the chain, or the chain's lock of an older strata
        // (exclusive); not the tenants of other schemas, who share the latter.
        execute("SELECT l.pid, coalesce(a.application_name, ''), coalesce(a.state, ''), "
                "coalesce(extract(epoch FROM now() - a.xact_start)::bigint, -1) FROM pg_locks l "
                "LEFT JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted "
                "AND l.mode = 'ExclusiveLock' AND ((l.objsubid = 1 AND l.classid = $1::bigint AND l.objid = $2::bigint) "
                "OR (l.objsubid = 2 AND l.classid = $3::bigint "
                "AND l.objid = (hashtext(coalesce(current_schema(), ''))::bigint & 4294967295))) "
                "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                "AND l.pid <> pg_backend_pid()",  // (not this session: status() asks of another)
                p, [&](const row& r) {
                    who = "pid " + std::to_string(r.get<std::int64_t>(0));
                    if (const auto app = r.get<std::string>(1); !app.empty()) who += " (application \"" + app + "\")";
                    if (const auto state = r.get<std::string>(2); !state.empty()) who += ", " + state;
                    if (const auto s = r.get<std::int64_t>(3); s >= 0) who += ", its transaction " + std::to_string(s) + " s old";
                });
    } catch (const database_error&) {
    }
    return who;
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::unlock(std::string_view chain) noexcept {
    auto it = locks_->counts.find(chain);
    if (it == locks_->counts.end() || it->second.count == 0) return;
    if (--it->second.count > 0) return;
    if (auto held = locks_->holders.find(chain); held != locks_->holders.end() && held->second->in_transaction())
        held->second->rollback();  // ends the transaction, and with it the lock
    else
        unlock_now(it->first, it->second.schema);
}

template <class Tag>
STRATA_INLINE bool postgres::basic_connection<Tag>::has_table(std::string_view name) {
    // No schema of the search_path exists (a typo in a tenant's name): every table would be
    // missing, the database read as empty and nothing could be made there. Said, not read so.
    // Nor the first schema the search_path names (PostgreSQL skips one that does not exist, or
    // that the role may not use, silently): strata would work in the next one, another tenant's,
    // or public.
    bool found = false, no_schema = false;
    std::string path, schema, user;
    const detail::dependent_t<value, Tag> p[] = {std::string(name)};
    execute("SELECT current_schema() IS NULL, current_setting('search_path'), coalesce(current_schema(), ''), current_user, "
            "EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
            "AND c.relname = $1 AND c.relkind IN ('r', 'p'))",
            p, [&](const row& r) {
                no_schema = r.get<bool>(0);
                path = r.get<std::string>(1);
                schema = r.get<std::string>(2);
                user = r.get<std::string>(3);
                found = r.get<bool>(4);
            });
    if (no_schema)
        throw database_error("strata: postgres: no schema of the search_path (" + path +
                                 ") exists: strata would read an empty database and could make nothing there. Create the "
                                 "schema, or correct the search_path; nothing was changed",
                             "", "");
    // The path's entries, names unquoted: "$user" (the role's schema, skipped without one, as
    // PostgreSQL's default path means) and pg_temp aside, the first must be current_schema().
    for (const detail::sql_token& t : detail::sql_tokens(path, true)) {
        if (t.kind != detail::sql_token::word && t.kind != detail::sql_token::quoted) continue;
        std::string entry = detail::sql_unquote(t);
        if (t.kind == detail::sql_token::word)  // (an unquoted name is folded to lower case, as PostgreSQL reads it)
            for (char& c : entry) c = detail::sql_lower(c);
        if (entry == "$user" && schema != user) continue;
        if (entry == "pg_temp" || entry.starts_with("pg_temp_")) continue;
        if (entry != schema && !(entry == "$user" && schema == user))
            throw database_error("strata: postgres: the search_path's first schema \"" + entry + "\" does not exist, or this "
                                     "role may not use it (no USAGE), and PostgreSQL skips it: strata would work in \"" + schema +
                                     "\" instead (search_path " + path + "). Create the schema, grant USAGE on it, or correct "
                                     "the search_path; nothing was changed",
                                 "", "");
        break;
    }
    return found;
}

template <class Tag>
STRATA_INLINE std::vector<std::string> postgres::basic_connection<Tag>::schema_facts(std::span<const std::string> tables, std::span<const std::string> enums) {
    // (dependent: the vectors', the variant's and the map's members, and std::sort, are compiled
    // where this is instantiated, not in every unit that includes the header; see detail::dependent)
    using strings = std::vector<detail::dependent_t<std::string, Tag>>;
    strings f;
    // Every cell as text, NULL as "" (the queries below say where NULL matters).
    auto query = [&](std::string_view sql, std::vector<detail::dependent_t<value, Tag>> args) {
        std::vector<strings> rows;
        execute(sql, args, [&](const row& r) {
            auto& out = rows.emplace_back();
            for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.is_null(i) ? std::string() : r.get<std::string>(i));
        });
        return rows;
    };
    auto join = [](const strings& xs) {
        std::string s;
        for (const auto& x : xs) s += (s.empty() ? "" : ",") + x;
        return s;
    };
    // The names of attribute numbers `keys` (an int2 array literal, "{1,2}") of `rel`, in order.
    auto cols_of = [&](const std::string& rel, const std::string& keys) {
        strings cols;
        for (auto& c : query("SELECT a.attname FROM unnest($2::smallint[]) WITH ORDINALITY k(n, o) JOIN pg_attribute a "
                             "ON a.attrelid = $1::oid AND a.attnum = k.n ORDER BY k.o",
                             {rel, keys}))
            cols.push_back(c[0]);
        return cols;
    };
    auto first = [](const strings& xs) { return xs.empty() ? std::string() : xs[0]; };
    static const std::map<detail::dependent_t<std::string, Tag>, std::string, std::less<>> actions{
        {"a", "NO ACTION"}, {"r", "RESTRICT"}, {"c", "CASCADE"}, {"n", "SET NULL"}, {"d", "SET DEFAULT"}};

    for (const std::string& tn : tables) {
        auto found = query("SELECT c.oid, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE n.nspname = current_schema() AND c.relname = $1 AND c.relkind IN ('r', 'p')",
                           {tn});
        if (found.empty()) continue;
        const std::string oid = found[0][0];
        f.push_back("table " + tn);
        // Behaviour the chain never makes, so each is drift: an UNLOGGED table (emptied after a
        // crash), a rule (DO INSTEAD NOTHING loses every insert), an EXCLUDE constraint, a
        // constraint checked only at COMMIT (DEFERRABLE), an identity that refuses given values
        // (GENERATED ALWAYS; the chain's is BY DEFAULT). Found by a hostile review (helper 48).
        if (found[0][1] == "u") f.push_back("unlogged table " + tn);
        for (auto& x : query("SELECT rulename FROM pg_rewrite WHERE ev_class = $1::oid AND rulename <> '_RETURN'", {oid}))
            f.push_back("rule " + x[0] + " on " + tn);
        // A timestamptz default's constant as a UTC session prints it (PostgreSQL prints it in the
        // session's TimeZone: '2024-01-01 01:00:00+01' under Berlin is the chain's '... 00:00:00+00').
        // An enum's type by its name (format_type quotes "Mood Type"), as the typed state has it.
        // (a collation other than its type's: the chain sets none, and it changes what equals what)
        for (auto& c : query("SELECT a.attname, CASE WHEN t.typtype = 'e' THEN t.typname::text "
                             "ELSE format_type(a.atttypid, a.atttypmod) END || CASE WHEN a.attcollation <> t.typcollation THEN "
                             "' collate ' || (SELECT collname FROM pg_collation WHERE oid = a.attcollation) ELSE '' END, a.attnotnull, "
                             "CASE WHEN a.atttypid = 'timestamptz'::regtype AND pg_get_expr(d.adbin, d.adrelid) ~ "
                             "'^''[0-9][^'']*''::timestamp with time zone$' AND pg_get_expr(d.adbin, d.adrelid) !~ ' BC''' THEN '''' || "
                             "(substring(pg_get_expr(d.adbin, d.adrelid) from '^''([^'']*)''')::timestamptz AT TIME ZONE 'UTC')::text || "
                             "'+00''::timestamp with time zone' ELSE pg_get_expr(d.adbin, d.adrelid) END, "
                             "a.attidentity, a.attgenerated <> '' FROM pg_attribute a "
                             "JOIN pg_type t ON t.oid = a.atttypid "
                             "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                             "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
                             {oid}))
            // (a generated column's expression is in pg_attrdef too: no default, and the chain makes none)
            f.push_back("column " + tn + "." + c[0] + " " + c[1] + (c[2] == "t" ? " not null" : "") +
                        (c[4] == "d" ? " identity" : c[4] == "a" ? " identity always" : "") +
                        (c[5] == "t" ? std::string(" generated") : " default=" + detail::pg_canonical_default(c[3])));
        for (auto& k : query("SELECT contype, conname, conkey::text, confrelid, confkey::text, confdeltype, "
                             "(SELECT CASE WHEN n.nspname = current_schema() THEN r.relname ELSE n.nspname || '.' || r.relname END FROM pg_class r "
                             "JOIN pg_namespace n ON n.oid = r.relnamespace WHERE r.oid = confrelid), convalidated, confupdtype, (SELECT to_jsonb(ix) "
                             "->> 'indnullsnotdistinct' FROM pg_index ix WHERE ix.indexrelid = conindid), condeferrable, condeferred FROM pg_constraint "
                             "WHERE conrelid = $1::oid",
                             {oid})) {
            const std::string& type = k[0];
            // A foreign key or check added NOT VALID and not validated since.
            const std::string validity = k[7] == "f" ? " not valid" : "";
            // (not a constraint trigger's: its trigger is its fact, and one the chain's execute<> made is the chain's)
            if (k[10] == "t" && type != "t") f.push_back("deferrable " + k[1] + " on " + tn + (k[11] == "t" ? " initially deferred" : ""));
            if (type == "x") f.push_back("exclude " + k[1] + " on " + tn);
            if (type == "c") {
                f.push_back("check " + k[1] + " on " + tn + validity);  // (on: the same name may be another table's)
                continue;
            }
            if (type != "p" && type != "u" && type != "f") continue;
            auto cols = cols_of(oid, k[2]);
            if (type == "p") {
                std::sort(cols.begin(), cols.end());
                f.push_back("pk " + tn + "(" + join(cols) + ")");
            } else if (type == "u") {
                f.push_back("unique " + tn + "(" + join(cols) + ")");
                // (a fact of its own: "unique T(...)" is read as a key by keys_once; PostgreSQL 15)
                if (k[9] == "true") f.push_back("nulls not distinct " + tn + "(" + join(cols) + ")");
            } else {
                auto action = actions.find(k[5]);
                // (ON UPDATE only when it is not NO ACTION: the chain declares none)
                auto on_update = actions.find(k[8]);
                f.push_back("fk " + tn + "." + first(cols) + " -> " + k[6] + "." + first(cols_of(k[3], k[4])) + " " +
                            (action != actions.end() ? action->second : k[5]) +
                            (k[8] == "a" ? std::string() : " on update " + (on_update != actions.end() ? on_update->second : k[8])) +
                            validity);
            }
        }
        // Indexes that are not a constraint's own (a foreign key's conindid names the index
        // it relies on in the other table, which stays that table's index). An index left
        // invalid (a CREATE INDEX CONCURRENTLY that failed) says so, and so differs from the
        // typed state; so does one made again on the same columns otherwise than strata makes it
        // (as the SQLite facts say): a key column's DESC, NULLS order, COLLATE or operator class
        // that is not the default, an expression, another access method, INCLUDE columns.
        for (auto& x : query(
                 "SELECT i.relname, CASE WHEN ix.indisunique THEN 't' ELSE 'f' END || CASE WHEN to_jsonb(ix) ->> "
                 "'indnullsnotdistinct' = 'true' THEN ' nulls not distinct' ELSE '' END, ix.indisvalid, ix.indpred IS NOT NULL, "
                 "am.amname, "
                 "(SELECT string_agg(coalesce(a.attname::text, '(expression)') "
                 "|| CASE WHEN k.opt & 1 <> 0 THEN ' desc' ELSE '' END "
                 "|| CASE WHEN (k.opt & 2 <> 0) <> (k.opt & 1 <> 0) THEN CASE WHEN k.opt & 2 <> 0 THEN ' nulls first' "
                 "ELSE ' nulls last' END ELSE '' END "
                 "|| CASE WHEN k.coll <> 0 AND k.coll IS DISTINCT FROM a.attcollation THEN ' collate ' || "
                 "(SELECT collname FROM pg_collation WHERE oid = k.coll) ELSE '' END "
                 "|| coalesce((SELECT ' ' || opcname FROM pg_opclass WHERE oid = k.cls AND NOT opcdefault), ''), "
                 "',' ORDER BY k.n) FROM unnest(ix.indkey::int2[], ix.indoption::int2[], ix.indcollation::oid[], "
                 "ix.indclass::oid[]) WITH ORDINALITY AS k(att, opt, coll, cls, n) "
                 "LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.att AND k.att <> 0 "
                 "WHERE k.n <= ix.indnkeyatts), "
                 "(SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(ix.indkey::int2[]) WITH ORDINALITY "
                 "AS k(att, n) JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.att WHERE k.n > ix.indnkeyatts) "
                 "FROM pg_index ix JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_am am ON am.oid = i.relam "
                 "WHERE ix.indrelid = $1::oid AND NOT EXISTS "
                 "(SELECT 1 FROM pg_constraint WHERE conindid = ix.indexrelid AND contype IN ('p', 'u', 'x'))",
                 {oid}))
            // (NULLS NOT DISTINCT: PostgreSQL 15, read without naming a column older servers lack)
            f.push_back("index " + x[0] + " on " + tn + "(" + x[5] + ")" + (x[1].starts_with("t") ? " unique" + x[1].substr(1) : "") +
                        (x[2] == "t" ? "" : " invalid") + (x[3] == "t" ? " partial" : "") +  // (the chain makes no partial index)
                        (x[4] == "btree" ? std::string() : " using " + x[4]) + (x[6].empty() ? std::string() : " include(" + x[6] + ")"));
        // Triggers and views: the typed state has none, so each is drift. Not the server's
        // own triggers (foreign keys); views (and materialized views) of the current schema
        // whose rules depend on the table.
        for (auto& x : query("SELECT tgname FROM pg_trigger WHERE tgrelid = $1::oid AND NOT tgisinternal", {oid}))
            f.push_back("trigger " + x[0] + " on " + tn);
        for (auto& x : query("SELECT DISTINCT v.relname FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid "
                             "JOIN pg_class v ON v.oid = r.ev_class JOIN pg_namespace n ON n.oid = v.relnamespace "
                             "WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass "
                             "AND d.refobjid = $1::oid AND v.oid <> $1::oid AND v.relkind IN ('v', 'm') "
                             "AND n.nspname = current_schema()",
                             {oid}))
            f.push_back("view " + x[0]);
    }
    for (const std::string& en : enums)
        for (auto& e : query("SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_type t "
                             "JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
                             "WHERE n.nspname = current_schema() AND t.typname = $1 GROUP BY t.oid",
                             {en}))
            f.push_back("enum " + en + "(" + e[0] + ")");
    std::sort(f.begin(), f.end());
    f.erase(std::unique(f.begin(), f.end()), f.end());  // a view on two of the tables
    return f;
}

template <class Tag>
STRATA_INLINE std::unique_ptr<driver> postgres::basic_connection<Tag>::open_another() const {
    if (conninfo_.empty())
        throw std::logic_error("strata: " + where_ + ": a borrowed connection cannot open another one; give "
                               "startup_options::background_connection");
    // The same database as this session sees it: a search_path set after connecting (SET
    // search_path) is not in the connection string, and without it the other connection reads
    // another schema's strata_migrations (a background worker would find nothing pending).
    // Not behind a pooler: there a session setting lands on whichever server connection is
    // free and stays on it for other clients (and this session's own SET did not hold either).
    basic_connection& self = const_cast<basic_connection&>(*this);
    auto other = std::make_unique<connection>(conninfo_);
    if (!self.behind_pooler()) {
        std::string path;
        self.execute("SELECT current_setting('search_path')", {}, [&](const row& r) { path = r.get<std::string>(0); });
        const detail::dependent_t<value, Tag> p[] = {path};
        other->execute("SELECT set_config('search_path', $1, false)", p, {});
    }
    return other;
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::set_up(pqxx::connection& c) {
    conn_ = &c;
    const char* host = c.hostname();
    const char* port = c.port();
    where_ = std::string("postgres ") + c.dbname() + "@" + (host ? host : "") + ":" + (port ? port : "");
    try {
        tx_.reset(new pqxx::nontransaction(c, "strata"));
    } catch (const std::exception& e) {
        const std::string msg = trimmed(e.what());
        throw database_error("strata: postgres: cannot use the connection (is a transaction open on it?): " + msg, "", msg);
    }
    // What strata writes and reads must mean one thing whatever the session's settings (a
    // role's, PGOPTIONS): with standard_conforming_strings off a backslash in a '...' literal
    // (a seed, a default) is an escape; with a client_encoding other than UTF8 the server
    // converts strata's UTF-8 text as if it were in that encoding; with extra_float_digits
    // below 1 it sends floats rounded to 15 digits; a DateStyle other than ISO writes dates
    // that strata does not read, and verify() sees changed defaults. Its own connection strata
    // sets; a borrowed one is the program's, whose own literals, text and dates depend on them:
    // refused (extra_float_digits only adds digits: raised).
    const pqxx::result r = tx_->exec(
        "SELECT current_setting('client_encoding'), current_setting('standard_conforming_strings'), "
        "current_setting('extra_float_digits'), current_setting('DateStyle'), current_setting('bytea_output')");
    const std::string encoding = r[0][0].c_str(), conforming = r[0][1].c_str(), float_digits = r[0][2].c_str(),
                      date_style = r[0][3].c_str(), bytea_output = r[0][4].c_str();
    const bool borrowed = !owned_;
    if (encoding != "UTF8") {
        if (borrowed)
            throw database_error("strata: postgres: the borrowed connection's client_encoding is " + encoding +
                                     ", not UTF8: the server would read strata's UTF-8 text as " + encoding +
                                     "; set it (SET client_encoding = 'UTF8') or give strata the connection string; "
                                     "nothing was changed",
                                 "", "");
        c.set_client_encoding("UTF8");
    }
    if (conforming != "on") {
        if (borrowed)
            throw database_error("strata: postgres: the borrowed connection's standard_conforming_strings is off: a "
                                 "backslash in strata's literals would be read as an escape; set it on "
                                 "(SET standard_conforming_strings = on) or give strata the connection string; nothing "
                                 "was changed",
                                 "", "");
        tx_->exec("SET standard_conforming_strings = on");
    }
    if (std::atoi(float_digits.c_str()) < 1) tx_->exec("SET extra_float_digits = 1");  // (only more digits sent)
    // (dates are read as ISO's YYYY-MM-DD: SQL, German and Postgres styles write them otherwise)
    if (date_style.rfind("ISO", 0) != 0) {
        if (borrowed)
            throw database_error("strata: postgres: the borrowed connection's DateStyle is " + date_style +
                                     ", not ISO: strata reads dates and times as ISO writes them; set it (SET DateStyle "
                                     "= 'ISO') or give strata the connection string; nothing was changed",
                                 "", "");
        tx_->exec("SET DateStyle = 'ISO'");
    }
    // (bytea is read in hex; a legacy database's 'escape' is the program's own to keep on a
    // borrowed connection, where reading a bytea says what to set)
    if (bytea_output != "hex" && !borrowed) tx_->exec("SET bytea_output = 'hex'");
}

template <class Tag>
STRATA_INLINE std::string postgres::basic_connection<Tag>::as_text(const value& v) {
    if (auto* s = std::get_if<std::string>(&v)) return *s;
    if (auto* b = std::get_if<std::vector<std::byte>>(&v)) return "\\x" + detail::hex_text(*b);  // bytea's hex input
    char buf[64];
    if (auto* n = std::get_if<std::int64_t>(&v)) {
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *n);
        return std::string(buf, end);
    }
    const double d = std::get<double>(v);
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d);
    return std::string(buf, end);
}

template <class Tag>
STRATA_INLINE std::string postgres::basic_connection<Tag>::limit_statements(std::string_view set) const {
    std::string s;
    // (PostgreSQL takes at most an int of milliseconds: a longer limit is the longest it has)
    const auto ms = [](std::chrono::milliseconds t) { return std::to_string(std::min<std::int64_t>(t.count(), 2147483647)); };
    if (limits_.lock_timeout.count() > 0) s += "; " + std::string(set) + " lock_timeout = " + ms(limits_.lock_timeout);
    if (limits_.statement_timeout.count() > 0) s += "; " + std::string(set) + " statement_timeout = " + ms(limits_.statement_timeout);
    return s;
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::set_session_limits() {
    session_limits_ = true;  // first: execute() below must not come back here
    try {
        saved_limits_.clear();
        execute("SELECT current_setting('lock_timeout'), current_setting('statement_timeout')", {},
                [&](const row& r) { saved_limits_ = {r.get<std::string>(0), r.get<std::string>(1)}; });
        execute(limit_statements("SET").substr(2), {}, {});
    } catch (...) {
        session_limits_ = false;
        throw;
    }
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::restore_session_limits() noexcept {
    session_limits_ = false;
    if (saved_limits_.size() != 2) return;
    try {
        const detail::dependent_t<value, Tag> p[] = {saved_limits_[0], saved_limits_[1]};
        const wait_limits keep = std::exchange(limits_, wait_limits{});
        execute("SELECT set_config('lock_timeout', $1, false), set_config('statement_timeout', $2, false)", p, {});
        limits_ = keep;
    } catch (...) {
    }
}

template <class Tag>
STRATA_INLINE std::int64_t postgres::basic_connection<Tag>::lock_key(std::string_view chain) {
    return detail::migrators_lock_key(chain);
}

template <class Tag>
STRATA_INLINE std::int32_t postgres::basic_connection<Tag>::schema_lock_key(std::string_view chain) {
    return detail::migrators_schema_lock_key(chain);
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::unlock_now(const std::string& chain, std::int32_t schema) noexcept {
    try {
        const detail::dependent_t<value, Tag> p[] = {lock_key(chain), schema_lock_key(chain), std::int64_t{schema}};
        execute("SELECT pg_advisory_unlock($2::int, $3::int), pg_advisory_unlock_shared($1::bigint)", p, {});
    } catch (...) {
    }
}

template <class Tag>
STRATA_INLINE std::string postgres::basic_connection<Tag>::trimmed(std::string s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
    return s;
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::lost(std::string_view sql, const char* what) const {
    const std::string msg = trimmed(what);
    // libpq's own words when it has them; not libpqxx's "Could not obtain client encoding",
    // which is what a statement on a connection already lost gets.
    const bool says_why = msg.find("client encoding") == std::string::npos;
    throw connection_lost("strata: postgres: the connection to " + where_ +
                              " was lost (the server stopped or restarted, or the network failed; or the server ended the "
                              "session: pg_terminate_backend, or idle_in_transaction_session_timeout while a data step's C++ "
                              "ran in the migration's transaction)" +
                              (says_why ? ": " + msg : std::string()) + "\n  in: " + std::string(sql),
                          std::string(sql), msg);
}

template <class Tag>
STRATA_INLINE void postgres::basic_connection<Tag>::fail(std::string_view sql, const char* what, std::string sqlstate) {
    const std::string msg = trimmed(what);
    throw database_error("strata: postgres: " + msg + "\n  in: " + std::string(sql), std::string(sql), msg, std::move(sqlstate));
}

#if defined(STRATA_SEPARATE_COMPILATION)
template class postgres::basic_connection<void>;
#endif

}  // namespace strata
