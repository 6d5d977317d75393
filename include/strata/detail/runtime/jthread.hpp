#pragma once
// The thread strata::migrate_on_startup runs background steps on: std::jthread, or where the
// standard library has none (libc++ 16) the part of it strata uses, over strata::stop_token.
#include <thread>
#include <utility>

#include <strata/stop_token.hpp>

namespace strata::detail {
#if defined(__cpp_lib_jthread)
using std::jthread;
#else
// The function gets a stop_token; destroying or replacing a running thread asks it to stop and
// joins it.
class jthread {
   public:
    jthread() noexcept = default;
    template <class F>
    explicit jthread(F&& f) : source_(), thread_([fn = std::forward<F>(f), token = source_.get_token()]() mutable { fn(token); }) {}
    jthread(jthread&&) noexcept = default;
    jthread& operator=(jthread&& other) noexcept {
        stop_and_join();
        source_ = std::move(other.source_);
        thread_ = std::move(other.thread_);
        return *this;
    }
    ~jthread() { stop_and_join(); }
    bool joinable() const noexcept { return thread_.joinable(); }
    void join() { thread_.join(); }
    bool request_stop() noexcept { return source_.request_stop(); }

   private:
    void stop_and_join() noexcept {
        if (thread_.joinable()) {
            source_.request_stop();
            thread_.join();
        }
    }
    stop_source source_;  // (before thread_: the thread starts with its token)
    std::thread thread_;
};
#endif
}  // namespace strata::detail
