// detail::format and detail::print, which every message of the runtime goes through. Header-only
// (as this file is built) they hand fmt an array of arguments made one at a time
// (detail/runtime/format.hpp); with separate compilation, fmt's own checked call. What a message
// relies on: typed specs (a hex version, a duration's decimals, zero-padded and aligned
// fields), temporaries that live for the call, no arguments at all. Run under ASan and UBSan by
// scripts/test, which see an argument that outlived what it points to.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

#include <strata/detail/runtime/format.hpp>

namespace {

std::string made(std::string_view s) { return std::string(s) + "!"; }

TEST(MessagesFormat, EveryArgumentKeepsItsTypeAndSpec) {
    const std::string text = "users";
    const std::string_view view = "email";
    const std::uint64_t version = 0x1234abcdULL;
    const std::int64_t negative = -42;
    EXPECT_EQ(strata::detail::format("{:016x}", version), "000000001234abcd");
    EXPECT_EQ(strata::detail::format("{:.1f} ms", 1234.0 / 1000.0), "1.2 ms");
    EXPECT_EQ(strata::detail::format("{:02}:{:02}", 7, 30), "07:30");
    EXPECT_EQ(strata::detail::format("[{:>6}]", "up"), "[    up]");
    EXPECT_EQ(strata::detail::format("{}.{} {} {} {} {}", text, view, negative, true, 'c', std::size_t{3}),
              "users.email -42 true c 3");
}

TEST(MessagesFormat, TemporariesLiveForTheCall) {
    // (each argument points into its temporary: the array must be used before they go)
    EXPECT_EQ(strata::detail::format("{} and {}", made("first"), std::string(40, 'x')), "first! and " + std::string(40, 'x'));
    EXPECT_EQ(strata::detail::format("{1} {0}", made("b"), made("a")), "a! b!");
}

TEST(MessagesFormat, NoArgumentsAndEscapedBraces) {
    EXPECT_EQ(strata::detail::format("nothing to fill"), "nothing to fill");
    EXPECT_EQ(strata::detail::format("{{}} {}", 1), "{} 1");
}

TEST(MessagesFormat, PrintWritesTheSameText) {
    std::FILE* f = std::tmpfile();
    ASSERT_NE(f, nullptr);
    strata::detail::print(f, "{} {:03}\n", made("v"), 5);
    std::rewind(f);
    char buf[32] = {};
    const std::size_t n = std::fread(buf, 1, sizeof buf - 1, f);
    std::fclose(f);
    EXPECT_EQ(std::string(buf, n), "v! 005\n");
}

TEST(MessagesFormat, AFormatErrorIsThrownNotPrinted) {
    // (header-only the text is not checked when compiled: a wrong spec throws when used)
    EXPECT_THROW(static_cast<void>(strata::detail::format("{:d}", std::string("text"))), std::runtime_error);  // (fmt::format_error is one)
    EXPECT_THROW(static_cast<void>(strata::detail::format("{} {}", 1)), std::runtime_error);  // (fmt::format_error is one)
}

}  // namespace
