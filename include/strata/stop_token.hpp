#pragma once
// strata::stop_token, what a background<fn> step is asked to stop by: std::stop_token where the
// standard library has it (libstdc++ 10 on; libc++ from 20, or earlier with
// -fexperimental-library), otherwise a small one of strata's own with the members a step uses
// (stop_requested, stop_possible), so that the library builds on libc++ 16 too. Write
// `strata::stop_token` in a step's signature; `std::stop_token` is the same type where it exists.
#include <version>

#if defined(__cpp_lib_jthread)
#include <stop_token>

namespace strata {
using std::stop_source;
using std::stop_token;
}  // namespace strata
#else
#include <atomic>
#include <memory>
#include <utility>

namespace strata {
class stop_source;
class stop_token {
   public:
    stop_token() noexcept = default;
    bool stop_requested() const noexcept { return state_ && state_->load(); }
    bool stop_possible() const noexcept { return state_ != nullptr; }

   private:
    friend class stop_source;
    explicit stop_token(std::shared_ptr<std::atomic<bool>> s) noexcept : state_(std::move(s)) {}
    std::shared_ptr<std::atomic<bool>> state_;
};
class stop_source {
   public:
    stop_source() : state_(std::make_shared<std::atomic<bool>>(false)) {}
    stop_token get_token() const noexcept { return stop_token(state_); }
    bool request_stop() noexcept { return state_ && !state_->exchange(true); }
    bool stop_requested() const noexcept { return state_ && state_->load(); }

   private:
    std::shared_ptr<std::atomic<bool>> state_;
};
}  // namespace strata
#endif
