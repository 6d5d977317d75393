#pragma once
// The SQL of a chain, generated one segment (detail/core/fold.hpp) per constant evaluation, into
// a draft, then copied into arrays of exactly its size. The state a segment starts from is the
// fold's (segment_start), so no evaluation folds more than a segment.
#include <array>

#include <strata/detail/core/checkpoints.hpp>
#include <strata/detail/sql/generate.hpp>

namespace strata::detail {

struct migration_rec {
    std::size_t up_step = 0, up_steps = 0, down_step = 0, down_steps = 0;  // within the segment
    std::size_t up_chars = 0, down_chars = 0;  // joined, with ";\n" after each statement
    bool reversible = true;
    bool rebuilds = false;
    bool transactional = true;  // false: PostgreSQL CONCURRENTLY statements, run outside a transaction
};

// A derived down runs the operations' downs in reverse order. They are written forward (each
// needs the state before its operation); then only the step list is put in reverse order of
// operations: a step names its fragments, so the fragments stay where they are. Each piece's
// steps are reversed as it ends, and all of them at the end: the pieces in reverse order, each
// in its own. (No list of the pieces: a std::vector in every migration's constant evaluation.)
constexpr void reverse_steps(emitter& e, std::size_t a, std::size_t b) {
    if (e.nsteps > e.step_room) return;  // counting only, or a draft too small (not used)
    while (a + 1 < b) {
        step_rec t = e.steps[a];
        e.steps[a] = e.steps[--b];
        e.steps[b] = t;
        ++a;
    }
}

struct generated_flags {
    bool reversible = true;
    bool rebuilds = false;
    bool transactional = true;
};

template <class S>
constexpr error generate_migration(dialect_id d, S& s, const migration_desc& m, emitter& up, emitter& down,
                                   generated_flags& flags) {
    generator<S> g{traits_of(d)};
    if (!m.explicit_down) {
        std::size_t piece = 0;  // where the down steps of the operations since the last piece's end start
        for (std::size_t k = 0; k < m.nops; ++k) {
            if (g.before(s, m.ops[k], up, down)) {  // (not inside a down run)
                reverse_steps(down, piece, down.nsteps);
                piece = down.nsteps;
            }
            if (error e = g.operation(s, m.ops[k], up, down)) {
                e.op = k;
                return e;
            }
        }
        g.finish(s, up, down);
        reverse_steps(down, piece, down.nsteps);
        reverse_steps(down, 0, down.nsteps);
        flags.reversible = !g.irreversible;
        // validate<fn> checks the migration's result: after everything else, before commit.
        for (std::size_t k = 0; k < m.nops; ++k)
            if (m.ops[k].kind == op_kind::validate) up.add_step(step_rec{step_kind::validate, 0, 0, nullptr, m.ops[k].fn_check});
    } else {
        emitter ignored{};
        for (std::size_t k = 0; k < m.nops; ++k) {
            g.before(s, m.ops[k], up, ignored);
            if (error e = g.operation(s, m.ops[k], up, ignored)) {
                e.op = k;
                return e;
            }
        }
        g.finish(s, up, ignored);
        for (std::size_t k = 0; k < m.nops; ++k)
            if (m.ops[k].kind == op_kind::validate) up.add_step(step_rec{step_kind::validate, 0, 0, nullptr, m.ops[k].fn_check});
        S after = s;
        generator<S> gd{traits_of(d)};
        for (std::size_t k = 0; k < m.ndown_ops; ++k) {
            gd.before(after, m.down_ops[k], down, ignored);
            if (error e = gd.operation(after, m.down_ops[k], down, ignored)) {
                e.op = k;
                e.in_down = true;
                return e;
            }
        }
        gd.finish(after, down, ignored);
        flags.reversible = !gd.irreversible;
        g.rebuilds = g.rebuilds || gd.rebuilds;
        g.concurrent = g.concurrent || gd.concurrent;
    }
    flags.rebuilds = g.rebuilds;
    flags.transactional = !g.concurrent;
    return {};
}

struct migration_size {
    std::size_t up = 0, down = 0, up_steps = 0, down_steps = 0;  // fragments, steps
};
struct segment_size_info {
    std::size_t up_frags = 0, down_frags = 0, up_steps = 0, down_steps = 0;
    error err{};
};

template <class Chain>
inline constexpr bool lenient_chain = false;

// Where the fill pass writes. Up and down go to separate arrays, each written strictly in
// order: g++ stores into a constant array by inserting into a sorted vector, so writes that
// alternate between two regions of one array cost a copy of the rest each time.
struct segment_out {
    fragment* up_frags = nullptr;  // null: count only
    fragment* down_frags = nullptr;
    step_rec* up_steps = nullptr;
    step_rec* down_steps = nullptr;
    migration_rec* recs = nullptr;
    // The arrays' lengths, each direction: exact arrays have room for all; in a draft, what does
    // not fit is counted, not written.
    std::size_t frag_cap = std::size_t(-1), step_cap = std::size_t(-1);
};

struct range_totals {
    std::size_t up_frags = 0, down_frags = 0, up_steps = 0, down_steps = 0;
};

// Runs the generator over migrations [from, to) from state `s`: counting when `out.up_frags` is
// null, else writing at the offsets the count left; `sizes`, if not null, gets each migration's.
// Used at compile time per segment, and at run time over a whole chain (strata::generate_sql).
template <class S>
constexpr error generate_range(dialect_id d, S& s, const migration_desc* descs, std::size_t from, std::size_t to,
                               migration_size* sizes, segment_out out, range_totals& totals) {
    std::size_t uf = 0, df = 0, us = 0, ds = 0;
    for (std::size_t i = from; i < to; ++i) {
        emitter up{}, down{};
        if (out.up_frags && uf <= out.frag_cap && df <= out.frag_cap && us <= out.step_cap && ds <= out.step_cap) {
            up = emitter{.frags = out.up_frags + uf, .base = uf, .steps = out.up_steps + us,
                         .frag_room = out.frag_cap - uf, .step_room = out.step_cap - us};
            down = emitter{.frags = out.down_frags + df, .base = df, .steps = out.down_steps + ds,
                           .frag_room = out.frag_cap - df, .step_room = out.step_cap - ds};
        }
        generated_flags flags{};
        if (error e = generate_migration(d, s, descs[i], up, down, flags)) {
            e.migration = i;
            return e;
        }
        if (out.recs && up.nsteps <= up.step_room && down.nsteps <= down.step_room) {
            // run/validate steps carry no text: count only the statements' separators
            std::size_t up_sql = 0, down_sql = 0;
            for (std::size_t k = 0; k < up.nsteps; ++k) up_sql += up.steps[k].kind <= step_kind::foreign_key_check;
            for (std::size_t k = 0; k < down.nsteps; ++k) down_sql += down.steps[k].kind <= step_kind::foreign_key_check;
            out.recs[i - from] = migration_rec{us, up.nsteps, ds, down.nsteps, up.chars + 2 * up_sql,
                                               down.chars + 2 * down_sql, flags.reversible, flags.rebuilds,
                                               flags.transactional};
        }
        if (sizes) sizes[i - from] = migration_size{up.nfrags, down.nfrags, up.nsteps, down.nsteps};
        uf += up.nfrags;
        df += down.nfrags;
        us += up.nsteps;
        ds += down.nsteps;
    }
    totals = range_totals{uf, df, us, ds};
    return {};
}

// Segment K of Chain, from the fold's state before it.
template <dialect_id D, class Chain, std::size_t K>
constexpr error generate_segment(segment_size_info& sizes, segment_out out) {
    auto s = segment_start<Chain, K>().state;
    s.lenient = lenient_chain<Chain>;
    s.replay = !lenient_chain<Chain>;  // (a chain the fold checked; a lone migration keeps its checks)
    if constexpr (lenient_chain<Chain>) {  // a lone migration: no chain fold checked it
        auto probe = s;
        if (error e = check_versions(Chain::descs, 1)) return e;
        if (error e = apply_migration(probe, Chain::descs, 0)) return e;
    }
    range_totals t{};
    error e = generate_range(D, s, Chain::descs, chain_layout<Chain>::bounds[K], chain_layout<Chain>::bounds[K + 1], nullptr, out, t);
    sizes.up_frags = t.up_frags;
    sizes.down_frags = t.down_frags;
    sizes.up_steps = t.up_steps;
    sizes.down_steps = t.down_steps;
    return e;
}
// The exact arrays need their sizes before they can be written, and counting took a whole run
// of the generator, as long as the run that writes (about 40% of strata::chain_sql's time).
// So the one run writes into a draft of fixed capacity: arrays this long cost a constant
// evaluation only what is written into them (both compilers keep the untouched rest as one
// filler), and the draft is never emitted. What does not fit is counted all the same, so a
// segment too long for the draft (a rare history: a segment is cut by weight,
// detail/core/fold.hpp) is generated a second time, into arrays of the size counted.
//
// The draft's capacity, fragments and steps of each direction. (Variables of the chain:
// tests/runtime/live_schema.cpp shrinks them for one chain, whose segments then all take the
// other path.)
template <class Chain>
inline constexpr std::size_t draft_frags = std::size_t{1} << 16;
template <class Chain>
inline constexpr std::size_t draft_steps = std::size_t{1} << 12;
template <std::size_t Frags, std::size_t Steps, std::size_t Migrations>
struct segment_draft {
    std::array<fragment, Frags> up_frags{}, down_frags{};
    std::array<step_rec, Steps> up_steps{}, down_steps{};
    std::array<migration_rec, Migrations> migrations{};
    segment_size_info size{};
    bool fits = true;
};
// A wrong chain (reported by its own check) has no SQL: the generator never sees a state the
// fold refused.
template <dialect_id D, class Chain, std::size_t K>
consteval auto draft_segment() {
    constexpr std::size_t frags = draft_frags<Chain>, steps = draft_steps<Chain>;
    segment_draft<frags, steps, chain_layout<Chain>::bounds[K + 1] - chain_layout<Chain>::bounds[K]> out{};
    if constexpr (!lenient_chain<Chain>)
        if (final_result<Chain>.err) return out;
    out.size.err = generate_segment<D, Chain, K>(out.size, segment_out{out.up_frags.data(), out.down_frags.data(),
                                                                       out.up_steps.data(), out.down_steps.data(),
                                                                       out.migrations.data(), frags, steps});
    out.fits = out.size.up_frags <= frags && out.size.down_frags <= frags && out.size.up_steps <= steps &&
               out.size.down_steps <= steps;
    return out;
}
template <dialect_id D, class Chain, std::size_t K>
inline constexpr auto segment_draft_v = draft_segment<D, Chain, K>();

template <dialect_id D, class Chain, std::size_t K>
inline constexpr segment_size_info segment_size_v = segment_draft_v<D, Chain, K>.size;

// (+1 everywhere: never a null data())
template <std::size_t UpFrags, std::size_t DownFrags, std::size_t UpSteps, std::size_t DownSteps, std::size_t Migrations>
struct segment_data {
    std::array<fragment, UpFrags + 1> up_frags{};
    std::array<fragment, DownFrags + 1> down_frags{};
    std::array<step_rec, UpSteps + 1> up_steps{};
    std::array<step_rec, DownSteps + 1> down_steps{};
    std::array<migration_rec, Migrations> migrations{};

    constexpr const fragment* frags(bool down) const { return down ? down_frags.data() : up_frags.data(); }
    constexpr const step_rec* steps(bool down) const { return down ? down_steps.data() : up_steps.data(); }
};

// (clang evaluates __builtin_memcpy natively, where a loop costs it steps: 3.6 s of the
// benchmark's N = 1000; g++ evaluates it only over constants)
template <class T>
constexpr void copy_elements(const T* from, std::size_t n, T* to) {
#if defined(__clang__)
    if (n) __builtin_memcpy(to, from, n * sizeof(T));
#else
    for (std::size_t i = 0; i != n; ++i) to[i] = from[i];
#endif
}

template <dialect_id D, class Chain, std::size_t K>
consteval auto fill_segment() {
    constexpr segment_size_info size = segment_size_v<D, Chain, K>;
    constexpr std::size_t count = chain_layout<Chain>::bounds[K + 1] - chain_layout<Chain>::bounds[K];
    segment_data<size.up_frags, size.down_frags, size.up_steps, size.down_steps, count> out{};
    if constexpr (!size.err) {  // (an error, reported once by checked_segment: no SQL)
        if constexpr (!lenient_chain<Chain>)
            if (final_result<Chain>.err) return out;
        if constexpr (segment_draft_v<D, Chain, K>.fits) {
            const auto& draft = segment_draft_v<D, Chain, K>;
            copy_elements(draft.up_frags.data(), size.up_frags, out.up_frags.data());
            copy_elements(draft.down_frags.data(), size.down_frags, out.down_frags.data());
            copy_elements(draft.up_steps.data(), size.up_steps, out.up_steps.data());
            copy_elements(draft.down_steps.data(), size.down_steps, out.down_steps.data());
            copy_elements(draft.migrations.data(), count, out.migrations.data());
        } else {
            segment_size_info sizes = size;
            (void)generate_segment<D, Chain, K>(sizes, segment_out{out.up_frags.data(), out.down_frags.data(),
                                                                  out.up_steps.data(), out.down_steps.data(),
                                                                  out.migrations.data()});
        }
    }
    return out;
}

// The text of one direction's steps [first, first + count): each statement followed by ";\n".
template <class Seg>
constexpr void join_steps(const Seg& seg, bool down, std::size_t first, std::size_t count, char* out, std::size_t& n) {
    const step_rec* steps = seg.steps(down);
    const fragment* frags = seg.frags(down);
    for (std::size_t k = first; k < first + count; ++k) {
        const step_rec& st = steps[k];
        if (st.kind > step_kind::foreign_key_check) continue;
        for (std::size_t f = st.first; f < st.first + st.count; ++f)
            for (char ch : frags[f].view()) out[n++] = ch;
        out[n++] = ';';
        out[n++] = '\n';
    }
}

}  // namespace strata::detail
