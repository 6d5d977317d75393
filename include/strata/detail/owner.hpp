#pragma once
// detail::owner<T>: what strata's private members need of std::unique_ptr (one object, deleted
// with its owner) for types the headers only declare (an engine, a statement cache, libpqxx's
// connection). Every std::unique_ptr<T> a header names is a class template instantiation of
// its own in every unit that includes it (about 7 ms each on clang 14); this is a few members.
namespace strata::detail {

template <class T>
class owner {
   public:
    owner() noexcept = default;
    explicit owner(T* p) noexcept : p_(p) {}
    owner(owner&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    owner& operator=(owner&& o) noexcept {
        if (this != &o) {
            reset(o.p_);
            o.p_ = nullptr;
        }
        return *this;
    }
    owner(const owner&) = delete;
    owner& operator=(const owner&) = delete;
    ~owner() { reset(); }

    // Deletes the object held (T must be complete here, as for std::default_delete).
    void reset(T* p = nullptr) noexcept {
        using must_be_complete = char[sizeof(T)];
        static_cast<void>(sizeof(must_be_complete));
        T* old = p_;
        p_ = p;
        delete old;
    }
    T* get() const noexcept { return p_; }
    T& operator*() const noexcept { return *p_; }
    T* operator->() const noexcept { return p_; }
    explicit operator bool() const noexcept { return p_ != nullptr; }

   private:
    T* p_ = nullptr;
};

}  // namespace strata::detail
