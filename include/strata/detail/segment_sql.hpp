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
    std::size_t up_step = 0, up_steps = 0, down_step = 0, down_steps = 0;  // within the segment
    std::size_t up_chars = 0, down_chars = 0;  // joined, with ";\n" after each statement
    bool reversible = true;
    bool rebuilds = false;
};

// A derived down runs the operations' downs in reverse order. They are written forward (each
// needs the state before its operation), then put in reverse order in place: reverse the whole
// region, then each piece again.
constexpr void reverse_pieces(emitter& e, const std::vector<std::size_t>& frag_marks,
                              const std::vector<std::size_t>& step_marks) {
    if (!e.frags) return;
    const std::size_t nf = e.nfrags, ns = e.nsteps, pieces = frag_marks.size() - 1;
    auto reverse = [](auto* p, std::size_t a, std::size_t b) {
        while (a + 1 < b) {
            auto t = p[a];
            p[a] = p[--b];
            p[b] = t;
            ++a;
        }
    };
    for (std::size_t k = 0; k < pieces; ++k)
        for (std::size_t i = step_marks[k]; i < step_marks[k + 1]; ++i)
            e.steps[i].first = e.steps[i].first + (nf - frag_marks[k + 1]) - frag_marks[k];
    reverse(e.frags, 0, nf);
    for (std::size_t k = 0; k < pieces; ++k) reverse(e.frags, nf - frag_marks[k + 1], nf - frag_marks[k]);
    reverse(e.steps, 0, ns);
    for (std::size_t k = 0; k < pieces; ++k) reverse(e.steps, ns - step_marks[k + 1], ns - step_marks[k]);
}

struct generated_flags {
    bool reversible = true;
    bool rebuilds = false;
};

template <class S>
constexpr error generate_migration(dialect_id d, S& s, const migration_desc& m, emitter& up, emitter& down,
                                   generated_flags& flags) {
    generator<S> g{d};
    if (!m.explicit_down) {
        // (push_back, not vector(n): clang 14 rejects libstdc++'s fill of a fresh allocation)
        std::vector<std::size_t> text_marks, step_marks;
        for (std::size_t k = 0; k < m.nops; ++k) {
            text_marks.push_back(down.nfrags);
            step_marks.push_back(down.nsteps);
            if (error e = g.operation(s, m.ops[k], up, down)) {
                e.op = k;
                return e;
            }
        }
        text_marks.push_back(down.nfrags);
        step_marks.push_back(down.nsteps);
        reverse_pieces(down, text_marks, step_marks);
        flags.reversible = !g.irreversible;
    } else {
        emitter ignored{};
        for (std::size_t k = 0; k < m.nops; ++k)
            if (error e = g.operation(s, m.ops[k], up, ignored)) {
                e.op = k;
                return e;
            }
        S after = s;
        generator<S> gd{d};
        for (std::size_t k = 0; k < m.ndown_ops; ++k)
            if (error e = gd.operation(after, m.down_ops[k], down, ignored)) {
                e.op = k;
                e.in_down = true;
                return e;
            }
        flags.reversible = !gd.irreversible;
        g.rebuilds = g.rebuilds || gd.rebuilds;
    }
    flags.rebuilds = g.rebuilds;
    return {};
}

struct migration_size {
    std::size_t up = 0, down = 0, up_steps = 0, down_steps = 0;  // fragments, steps
};
struct segment_size_info {
    std::size_t frags = 0, steps = 0;
    migration_size migrations[segment_size]{};
    error err{};
};

template <class Chain>
inline constexpr bool lenient_chain = false;

constexpr std::size_t joined_length(const emitter& e) { return e.chars + 2 * e.nsteps; }

// Runs the generator over segment K of Chain: counting when `out_frags` is null, else writing
// at the offsets the count gave.
template <dialect_id D, class Chain, std::size_t K>
constexpr error generate_segment(segment_size_info& sizes, std::string_view* out_frags, step_rec* out_steps,
                                 migration_rec* recs) {
    auto s = checkpoint<Chain, K>.state;
    s.lenient = lenient_chain<Chain>;
    const std::size_t from = K * segment_size, to = std::min(from + segment_size, Chain::size);
    std::size_t frags = 0, steps = 0;
    for (std::size_t i = from; i < to; ++i) {
        migration_size& ms = sizes.migrations[i - from];
        emitter up{}, down{};
        if (out_frags) {
            up = emitter{out_frags + frags, frags, 0, 0, out_steps + steps, 0, 0};
            down = emitter{out_frags + frags + ms.up, frags + ms.up, 0, 0, out_steps + steps + ms.up_steps, 0, 0};
        }
        generated_flags flags{};
        if (error e = generate_migration(D, s, Chain::descs[i], up, down, flags)) {
            e.migration = i;
            return e;
        }
        if (recs) {
            // run/validate steps carry no text: count only the statements' separators
            std::size_t up_sql = 0, down_sql = 0;
            for (std::size_t k = 0; k < up.nsteps; ++k) up_sql += up.steps[k].kind <= step_kind::foreign_key_check;
            for (std::size_t k = 0; k < down.nsteps; ++k) down_sql += down.steps[k].kind <= step_kind::foreign_key_check;
            recs[i - from] = migration_rec{steps, up.nsteps, steps + up.nsteps, down.nsteps,
                                           up.chars + 2 * up_sql, down.chars + 2 * down_sql, flags.reversible,
                                           flags.rebuilds};
        }
        ms = migration_size{up.nfrags, down.nfrags, up.nsteps, down.nsteps};
        frags += up.nfrags + down.nfrags;
        steps += up.nsteps + down.nsteps;
    }
    sizes.frags = frags;
    sizes.steps = steps;
    return {};
}

template <dialect_id D, class Chain, std::size_t K>
consteval segment_size_info measure_segment() {
    segment_size_info r{};
    r.err = generate_segment<D, Chain, K>(r, nullptr, nullptr, nullptr);
    return r;
}
template <dialect_id D, class Chain, std::size_t K>
inline constexpr segment_size_info segment_size_v = measure_segment<D, Chain, K>();

template <std::size_t Frags, std::size_t Steps, std::size_t Migrations>
struct segment_data {
    std::array<std::string_view, Frags> frags{};
    std::array<step_rec, Steps> steps{};
    std::array<migration_rec, Migrations> migrations{};
};

template <dialect_id D, class Chain, std::size_t K>
consteval auto fill_segment() {
    constexpr segment_size_info size = segment_size_v<D, Chain, K>;
    constexpr std::size_t count = std::min((K + 1) * segment_size, Chain::size) - K * segment_size;
    segment_data<size.frags + 1, size.steps + 1, count> out{};  // +1: never a null data()
    segment_size_info sizes = size;
    (void)generate_segment<D, Chain, K>(sizes, out.frags.data(), out.steps.data(), out.migrations.data());
    return out;
}

// The text of steps [first, first + count) of a segment: each statement followed by ";\n".
template <class Seg>
constexpr void join_steps(const Seg& seg, std::size_t first, std::size_t count, char* out, std::size_t& n) {
    for (std::size_t k = first; k < first + count; ++k) {
        const step_rec& st = seg.steps[k];
        if (st.kind > step_kind::foreign_key_check) continue;
        for (std::size_t f = st.first; f < st.first + st.count; ++f)
            for (char ch : seg.frags[f]) out[n++] = ch;
        out[n++] = ';';
        out[n++] = '\n';
    }
}

}  // namespace strata::detail
