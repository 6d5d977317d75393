#!/usr/bin/env python3
"""Turn the JSON of strata_runtime_bench into the markdown table of benchmarks/README.md.

    report.py bench_100.json bench_1000.json [--note TEXT] > section.md

Reads the median (and cv) aggregates of every benchmark (the runs used
--benchmark_repetitions=K --benchmark_report_aggregates_only=true) and prints, for each
backend, check and N, strata's median next to the floor's, measured in the same run, and
their ratio. Targets: apply at most 1.15x the floor; the SQLite start-up check under 1 ms.
"sqlite" is the SQLite file on disk, "sqlite-tmpfs" the same in memory (STRATA_BENCH_TMPFS_DIR).
Standard library only.
"""

import argparse
import json
import re
import sys

APPLY_TARGET = 1.15     # strata / floor
STARTUP_TARGET_US = 1000.0  # SQLite, strata's median

BACKENDS = ("sqlite", "sqlite-tmpfs", "postgres")
UNIT_TO_US = {"ns": 1e-3, "us": 1.0, "ms": 1e3, "s": 1e6}


def load(paths):
    """{(backend, what, side, n): {aggregate: (real_us, cpu_us)}}, context, repetitions by n."""
    data, context, reps = {}, None, {}
    for p in paths:
        with open(p, encoding="utf-8") as f:
            doc = json.load(f)
        context = context or doc.get("context", {})
        for b in doc.get("benchmarks", []):
            if b.get("run_type") != "aggregate":
                continue
            name = re.sub(r"/real_time$", "", b["run_name"])
            parts = name.split("/")
            if len(parts) == 3:           # sqlite/generate_sql/100
                backend, what, n = parts
                side = "strata"
            elif len(parts) == 4:         # sqlite/apply/strata/100
                backend, what, side, n = parts
            else:
                continue
            k = 1.0 if b["aggregate_name"] == "cv" else UNIT_TO_US[b["time_unit"]]
            key = (backend, what, side, int(n))
            data.setdefault(key, {})[b["aggregate_name"]] = (b["real_time"] * k, b["cpu_time"] * k)
            reps[int(n)] = b.get("repetitions", reps.get(int(n)))
    return data, context or {}, reps


def fmt_time(us, unit):
    if us is None:
        return "-"
    v = us / 1e3 if unit == "ms" else us
    return "%.1f" % v if v >= 100 else "%.2f" % v if v >= 1 else "%.3f" % v


def table(data, reps):
    ns = sorted({k[3] for k in data})
    out = ["| backend | check | N | reps | strata | floor | ratio | cv strata / floor | strata CPU | floor CPU | target |",
           "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for backend in BACKENDS:
        for what, unit in (("apply", "ms"), ("startup", "us")):
            for n in ns:
                s = data.get((backend, what, "strata", n), {})
                f = data.get((backend, what, "floor", n), {})
                if "median" not in s or "median" not in f:
                    continue
                sm, scpu = s["median"]
                fm, fcpu = f["median"]
                ratio = sm / fm
                if what == "apply":
                    target = "<= %.2fx: %s" % (APPLY_TARGET, "met" if ratio <= APPLY_TARGET else "**missed**")
                elif backend.startswith("sqlite"):
                    target = "< 1 ms: %s" % ("met" if sm < STARTUP_TARGET_US else "**missed**")
                else:
                    target = "(none)"
                cv = "%.0f %% / %.0f %%" % (100 * s.get("cv", (0, 0))[0], 100 * f.get("cv", (0, 0))[0])
                out.append("| %s | %s | %d | %s | %s %s | %s %s | %.3f | %s | %s %s | %s %s | %s |" % (
                    backend, what, n, reps.get(n, "?"), fmt_time(sm, unit), unit, fmt_time(fm, unit), unit, ratio, cv,
                    fmt_time(scpu, unit), unit, fmt_time(fcpu, unit), unit, target))
    gen = []
    for backend in BACKENDS:
        for n in ns:
            g = data.get((backend, "generate_sql", "strata", n), {})
            if "median" in g:
                gen.append("%s N=%d: %s ms" % (backend, n, fmt_time(g["median"][0], "ms")))
    return out, gen


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("json", nargs="+")
    ap.add_argument("--note", action="append", default=[], help="a line for the machine note")
    args = ap.parse_args(argv)
    data, ctx, reps = load(args.json)
    if not data:
        sys.exit("report.py: no aggregates in %s (run with --benchmark_repetitions)" % ", ".join(args.json))
    lines, gen = table(data, reps)
    out = []
    out.append("Measured %s on %s (%d CPUs at %s MHz), load average at the start %s." % (
        ctx.get("date", "?"), ctx.get("host_name", "?"), ctx.get("num_cpus", 0), ctx.get("mhz_per_cpu", "?"),
        " / ".join("%.2f" % x for x in ctx.get("load_avg", [])) or "?"))
    facts = ["SQLite %s" % ctx.get("sqlite_version", "?")]
    if "postgres_version" in ctx:
        facts.append("PostgreSQL %s (fsync %s, synchronous_commit %s)" % (
            ctx["postgres_version"], ctx.get("postgres_fsync", "?"), ctx.get("postgres_synchronous_commit", "?")))
    else:
        facts.append("PostgreSQL not measured")
    out.append("; ".join(facts) + ".")
    for n in args.note:
        out.append(n)
    out.append("Medians of real (wall) time over the repetitions (randomly interleaved); "
               "ratio = strata median / floor median.")
    out.append("")
    out.extend(lines)
    out.append("")
    if gen:
        out.append("`generate_sql` alone (inside strata's apply): " + "; ".join(gen) + ".")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
