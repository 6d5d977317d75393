#pragma once
// Tests that run the test binary again as child processes (concurrency.cpp, crash.cpp,
// pooler.cpp): start one, wait for it with a deadline, say how it ended, and tell it where the
// database is.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "backends.hpp"

extern char** environ;

namespace strata_test {

// Starts this test binary again with the parent's environment (less its STRATA_CHILD* and
// STRATA_CRASH* variables) plus `extra` ("NAME=value"); the descriptors in `inherit` stay open
// across exec (every other one is close-on-exec).
inline pid_t spawn_self(const std::vector<std::string>& extra, const std::vector<int>& inherit = {}) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "STRATA_CHILD", 12) != 0 && std::strncmp(*e, "STRATA_CRASH", 12) != 0) env.emplace_back(*e);
    env.insert(env.end(), extra.begin(), extra.end());
    std::vector<char*> envp;
    for (auto& s : env) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string arg0 = "strata_test_child";
    char* argv[] = {arg0.data(), nullptr};
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {  // only async-signal-safe calls until exec
        for (int fd : inherit) ::fcntl(fd, F_SETFD, 0);
        ::execve("/proc/self/exe", argv, envp.data());
        ::_exit(127);
    }
    if (pid < 0) throw std::system_error(errno, std::generic_category(), "fork");
    return pid;
}

// The child's wait status, or nothing if it did not end by `deadline` (it is then killed).
inline std::optional<int> wait_until(pid_t pid, std::chrono::steady_clock::time_point deadline) {
    for (;;) {
        int status = 0;
        const pid_t r = ::waitpid(pid, &status, WNOHANG);
        if (r == pid) return status;
        if (r < 0 && errno != EINTR) throw std::system_error(errno, std::generic_category(), "waitpid");
        if (std::chrono::steady_clock::now() >= deadline) {
            ::kill(pid, SIGKILL);
            while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
            }
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

inline std::string describe_status(const std::optional<int>& status) {
    if (!status) return "did not finish in time (killed)";
    if (WIFEXITED(*status)) return "exit " + std::to_string(WEXITSTATUS(*status));
    if (WIFSIGNALED(*status)) return "killed by signal " + std::to_string(WTERMSIG(*status)) + " (" + strsignal(WTERMSIG(*status)) + ")";
    return "status " + std::to_string(*status);
}

// Where a child finds the database: the environment it is started with.
inline std::vector<std::string> location_env(test_database& d) {
    if (auto* s = dynamic_cast<sqlite_database*>(&d)) return {"STRATA_CHILD_SQLITE=" + s->path.string()};
#ifdef STRATA_TEST_POSTGRES
    if (auto* p = dynamic_cast<postgres_database*>(&d)) return {"STRATA_CHILD_PG_URL=" + p->url, "STRATA_CHILD_PG_SCHEMA=" + p->schema};
#endif
    throw std::logic_error("child_process: unknown test database");
}

inline std::string env_or_throw(const char* name) {
    const char* v = std::getenv(name);
    if (!v) throw std::runtime_error(std::string("child: ") + name + " is not set");
    return v;
}

// In the child: the database the parent named.
inline std::unique_ptr<strata::driver> open_from_env() {
    if (const char* path = std::getenv("STRATA_CHILD_SQLITE")) return std::make_unique<strata::sqlite::connection>(path);
#ifdef STRATA_TEST_POSTGRES
    auto c = std::make_unique<strata::postgres::connection>(env_or_throw("STRATA_CHILD_PG_URL"));
    c->execute("SET search_path TO \"" + env_or_throw("STRATA_CHILD_PG_SCHEMA") + "\"", {}, {});
    return c;
#else
    throw std::runtime_error("child: no database given");
#endif
}

// A pipe whose ends close with it (close-on-exec: a child keeps only those passed in `inherit`).
struct fd_pipe {
    int read = -1, write = -1;
    fd_pipe() {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) throw std::system_error(errno, std::generic_category(), "pipe2");
        read = fds[0];
        write = fds[1];
    }
    fd_pipe(const fd_pipe&) = delete;
    fd_pipe& operator=(const fd_pipe&) = delete;
    ~fd_pipe() {
        close_read();
        close_write();
    }
    void close_read() {
        if (read >= 0) ::close(read);
        read = -1;
    }
    void close_write() {
        if (write >= 0) ::close(write);
        write = -1;
    }
};

// A fresh directory for the children's files, under the system's temporary one, removed with it.
struct scratch_directory {
    std::filesystem::path path;
    explicit scratch_directory(const std::string& tag) : path(std::filesystem::temp_directory_path() / unique_tag(tag)) {
        std::filesystem::create_directories(path);
    }
    scratch_directory(const scratch_directory&) = delete;
    scratch_directory& operator=(const scratch_directory&) = delete;
    ~scratch_directory() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace strata_test
