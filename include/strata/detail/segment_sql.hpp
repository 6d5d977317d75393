#pragma once
// The SQL of a chain, generated one segment (detail::segment_size migrations) per constant
// evaluation, in two passes: measure, then fill arrays of exactly that size. The state a
// segment starts from is the chain's checkpoint, so no evaluation folds more than a segment.
#include <array>
#include <vector>

#include <strata/detail/checkpoints.hpp>
#include <strata/detail/generate.hpp>

namespace strata::detail {

struct migration_rec {
    std::size_t up_off = 0, up_len = 0, down_off = 0, down_len = 0;
    std::size_t up_step = 0, up_steps = 0, down_step = 0, down_steps = 0;
    std::uint64_t checksum = 0;
    bool reversible = true;
    bool rebuilds = false;
};

struct generated {
    piece up, down;
    bool reversible = true;
    bool rebuilds = false;
};

template <class S>
constexpr error generate_migration(dialect_id d, S& s, const migration_desc& m, generated& out) {
    generator<S> g{d};
    if (!m.explicit_down) {
        std::vector<piece> downs(m.nops);
        for (std::size_t k = 0; k < m.nops; ++k) {
            if (error e = g.operation(s, m.ops[k], out.up, downs[k])) {
                e.op = k;
                return e;
            }
        }
        for (std::size_t k = m.nops; k-- > 0;) out.down.append(downs[k]);
        out.reversible = !g.irreversible;
    } else {
        piece ignored;
        for (std::size_t k = 0; k < m.nops; ++k)
            if (error e = g.operation(s, m.ops[k], out.up, ignored)) {
                e.op = k;
                return e;
            }
        S after = s;
        generator<S> gd{d};
        for (std::size_t k = 0; k < m.ndown_ops; ++k)
            if (error e = gd.operation(after, m.down_ops[k], out.down, ignored)) {
                e.op = k;
                e.in_down = true;
                return e;
            }
        out.reversible = !gd.irreversible;
        g.rebuilds = g.rebuilds || gd.rebuilds;
    }
    out.rebuilds = g.rebuilds;
    return {};
}

struct segment_size_info {
    std::size_t text = 0, steps = 0;
    error err{};
};

template <class Chain>
inline constexpr bool lenient_chain = false;

// Runs the generator over segment K of Chain, handing each migration's output to `sink`.
template <dialect_id D, class Chain, std::size_t K, class Sink>
constexpr error generate_segment(Sink&& sink) {
    auto s = checkpoint<Chain, K>.state;
    s.lenient = lenient_chain<Chain>;
    const std::size_t from = K * segment_size, to = std::min(from + segment_size, Chain::size);
    for (std::size_t i = from; i < to; ++i) {
        generated g;
        if (error e = generate_migration(D, s, Chain::descs[i], g)) {
            e.migration = i;
            return e;
        }
        sink(i - from, g);
    }
    return {};
}

template <dialect_id D, class Chain, std::size_t K>
consteval segment_size_info measure_segment() {
    segment_size_info r{};
    r.err = generate_segment<D, Chain, K>([&](std::size_t, const generated& g) {
        r.text += g.up.w.size() + g.down.w.size();
        r.steps += g.up.steps.size() + g.down.steps.size();
    });
    return r;
}
template <dialect_id D, class Chain, std::size_t K>
inline constexpr segment_size_info segment_size_v = measure_segment<D, Chain, K>();

template <std::size_t Text, std::size_t Steps, std::size_t Migrations>
struct segment_data {
    std::array<char, Text> text{};
    std::array<step_rec, Steps> steps{};
    std::array<migration_rec, Migrations> migrations{};
};

constexpr std::uint64_t checksum_of(dialect_id d, const generated& g) {
    std::uint64_t h = fnv1a(d == dialect_id::postgres ? "postgres\n" : "sqlite\n");
    h = fnv1a(std::string_view{g.up.w.out.data(), g.up.w.out.size()}, h);
    h = fnv1a("\n--down\n", h);
    h = fnv1a(std::string_view{g.down.w.out.data(), g.down.w.out.size()}, h);
    // Data steps count by kind and position, not by the address of their function.
    for (const auto* p : {&g.up.steps, &g.down.steps})
        for (const step_rec& s : *p) h = fnv1a(s.kind == step_kind::run ? "r" : s.kind == step_kind::validate ? "v" : "s", h);
    return h;
}

template <dialect_id D, class Chain, std::size_t K>
consteval auto fill_segment() {
    constexpr segment_size_info size = segment_size_v<D, Chain, K>;
    constexpr std::size_t count = std::min((K + 1) * segment_size, Chain::size) - K * segment_size;
    segment_data<size.text, size.steps, count> out{};
    std::size_t text = 0, steps = 0;
    generate_segment<D, Chain, K>([&](std::size_t i, const generated& g) {
        migration_rec& m = out.migrations[i];
        auto copy = [&](const piece& p, std::size_t& off, std::size_t& len, std::size_t& first, std::size_t& n) {
            off = text;
            len = p.w.size();
            first = steps;
            n = p.steps.size();
            for (char ch : p.w.out) out.text[text++] = ch;
            for (step_rec st : p.steps) {
                st.off += off;
                out.steps[steps++] = st;
            }
        };
        copy(g.up, m.up_off, m.up_len, m.up_step, m.up_steps);
        copy(g.down, m.down_off, m.down_len, m.down_step, m.down_steps);
        m.checksum = checksum_of(D, g);
        m.reversible = g.reversible;
        m.rebuilds = g.rebuilds;
    });
    return out;
}

}  // namespace strata::detail
