#!/usr/bin/env python3
"""Draw the benchmarks' plots (SVG) from their raw output.

    python3 benchmarks/plot.py [--compile RESULTS_TSV] [--runtime JSON_OR_DIR ...] [--out DIR]
                               [--readme README.md --note TEXT]

--compile   compile_time/run.sh's results.tsv (a compile a row, see compile_time/table.py):
            compile_time_<compiler>.svg, wall seconds against N, a line per mode, with the
            baseline unit (no strata) and the floor (the same SQL as constant strings).
--runtime   runtime/run.sh's bench_<N>.json (Google Benchmark's aggregates), or the directory
            holding them: runtime.svg, strata's median over the floor's median (both measured
            in the same run) for each backend, check and N.
Without --compile and --runtime: build/compile_time/results.tsv and build/bench/results/latest/,
those that exist. --out: where the SVGs go (default benchmarks/plots). --readme: also write the
plots' block into that file (between "<!-- compile-time plots -->" or "<!-- runtime plots -->"
and its end marker), the images and a line saying they were drawn from NOTE.

The same data gives the same bytes (fixed SVG hash salt, no date). Needs matplotlib (Debian:
python3-matplotlib); exits 3 with a note when it is missing.
"""

import argparse
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [os.path.join(HERE, "compile_time"), os.path.join(HERE, "runtime")]
import report  # noqa: E402  runtime/report.py: the JSON reader of the README's table
import table   # noqa: E402  compile_time/table.py: the results.tsv reader and the modes' order

NO_MATPLOTLIB = 3
DEBIAN_PYTHON = "/usr/bin/python3"   # where Debian's python3-matplotlib is importable

# Modes without a history cost the same at every N (table.py has them as N "-").
REFERENCE = {"baseline": "baseline: <string>, <vector>, <map>, fmt, no strata"}
FLOOR_LABEL = "floor: the same SQL as constant strings"
COLOURS = {"check": "tab:blue", "app": "tab:orange", "sql": "tab:green", "real_app": "tab:red",
           "real_app_O2": "tab:purple", "real_app_sep_O2": "tab:brown"}


def pyplot():
    try:
        import matplotlib
    except ImportError:
        # Another python3 first on PATH (pyenv, a venv) does not see Debian's package: try Debian's.
        if os.path.exists(DEBIAN_PYTHON) and os.path.realpath(sys.executable) != os.path.realpath(DEBIAN_PYTHON):
            os.execv(DEBIAN_PYTHON, [DEBIAN_PYTHON, os.path.abspath(__file__)] + sys.argv[1:])
        print("plot.py: NOTE: matplotlib is not installed (apt-get install python3-matplotlib): no plots drawn",
              file=sys.stderr)
        sys.exit(NO_MATPLOTLIB)
    matplotlib.use("svg")
    matplotlib.rcParams["svg.hashsalt"] = "strata-benchmarks"   # the same ids on every run
    import matplotlib.pyplot as plt
    return plt


def save(plt, fig, path):
    fig.savefig(path, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": "benchmarks/plot.py"})
    plt.close(fig)
    print("plot.py: wrote %s" % os.path.relpath(path), file=sys.stderr)


def slug(cxx):
    """g++ -> gcc, clang++-16 -> clang-16: a file name."""
    return re.sub(r"[^A-Za-z0-9.-]", "_", cxx.replace("clang++", "clang").replace("g++", "gcc"))


def plain_ticks(axis, ticks=None):
    from matplotlib.ticker import FuncFormatter, NullFormatter
    if ticks is not None:
        axis.set_ticks(ticks)
    axis.set_major_formatter(FuncFormatter(lambda v, _: "%g" % v))
    axis.set_minor_formatter(NullFormatter())


def compile_plots(plt, rows, out):
    """compile_time_<compiler>.svg: wall seconds against N. Returns [(alt text, path)]."""
    ok = [r for r in rows if r["status"] == "ok"]
    for r in rows:
        if r["status"] != "ok":
            print("plot.py: left out N=%s %s %s: %s" % (r["n"], r["cxx"], r["mode"], r["status"]), file=sys.stderr)
    cxxs = list(dict.fromkeys(r["cxx"] for r in rows))
    ns = sorted({int(r["n"]) for r in ok if r["n"] != "-"})
    if not ns:
        sys.exit("plot.py: no compile with a history in the results")
    modes = [m for m in table.MODES if any(r["mode"] == m and r["n"] != "-" for r in ok)]
    plotted = [float(r["wall"]) for r in ok if r["n"] != "-" or r["mode"] in REFERENCE]
    loglog = ns[-1] >= 10 * ns[0]
    ylim = (min(plotted) / 1.5, max(plotted) * 1.5) if loglog else (0, max(plotted) * 1.1)
    for old in glob.glob(os.path.join(out, "compile_time_*.svg")):   # no stale compiler's plot
        os.remove(old)
    images = []
    for cxx in cxxs:
        fig, ax = plt.subplots(figsize=(7.5, 4.5))
        for mode in modes:
            pts = sorted((int(r["n"]), float(r["wall"])) for r in ok
                         if r["cxx"] == cxx and r["mode"] == mode and r["n"] != "-")
            if not pts:
                continue
            x, y = zip(*pts)
            if mode == "floor":
                ax.plot(x, y, "k--", marker="s", markersize=4, label=FLOOR_LABEL)
            else:
                ax.plot(x, y, marker="o", markersize=4, color=COLOURS.get(mode), label=mode)
        for mode, label in REFERENCE.items():
            for r in ok:
                if r["cxx"] == cxx and r["mode"] == mode and r["n"] == "-":
                    ax.axhline(float(r["wall"]), color="grey", linestyle=":", label=label)
        if loglog:
            ax.set_xscale("log")
            ax.set_yscale("log")
            plain_ticks(ax.yaxis)
        plain_ticks(ax.xaxis, ns)
        ax.set_ylim(*ylim)   # the same for every compiler: the plots compare
        ax.set_xlabel("N (migrations in the history)")
        ax.set_ylabel("wall seconds (-O0 -c; *_O2: -O2)")
        ax.set_title("Compile time against N, %s" % cxx)
        ax.grid(True, which="major", alpha=0.3)
        ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize="small")
        path = os.path.join(out, "compile_time_%s.svg" % slug(cxx))
        save(plt, fig, path)
        images.append(("compile time against N, %s" % cxx, path))
    return images


def runtime_plot(plt, data, out):
    """runtime.svg: strata / floor for each backend, check and N. Returns [(alt text, path)]."""
    ns = sorted({k[3] for k in data})
    checks = (("apply", "apply: upgrade() of N migrations"), ("startup", "startup: the check of an up-to-date database"))
    fig, axes = plt.subplots(1, len(checks), figsize=(10, 4.2))
    width = 0.8 / len(ns)
    colours = plt.get_cmap("viridis")
    top = report.APPLY_TARGET
    for ax, (what, title) in zip(axes, checks):
        backends = [b for b in report.BACKENDS if any((b, what, "strata", n) in data for n in ns)]
        for i, n in enumerate(ns):
            xs, ratios = [], []
            for j, b in enumerate(backends):
                s, f = data.get((b, what, "strata", n), {}), data.get((b, what, "floor", n), {})
                if "median" in s and "median" in f:
                    xs.append(j + (i - (len(ns) - 1) / 2) * width)
                    ratios.append(s["median"][0] / f["median"][0])
            bars = ax.bar(xs, ratios, width, color=colours(0.25 + 0.5 * i / max(1, len(ns) - 1)), label="N = %d" % n)
            ax.bar_label(bars, fmt="%.2f", fontsize="x-small", padding=2)
            top = max([top] + ratios)
        ax.axhline(1.0, color="black", linewidth=1, label="floor (the database's own client)")
        if what == "apply":
            ax.axhline(report.APPLY_TARGET, color="tab:red", linestyle="--", linewidth=1,
                       label="target: %.2fx the floor" % report.APPLY_TARGET)
        ax.set_xticks(range(len(backends)), backends)
        ax.set_title(title, fontsize="medium")
        ax.grid(True, axis="y", alpha=0.3)
    for ax in axes:
        ax.set_ylim(0, top * 1.15)
    axes[0].set_ylabel("strata / floor (medians of real time)")
    handles, labels = axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=len(labels), fontsize="small", bbox_to_anchor=(0.5, -0.06))
    fig.suptitle("Run time against the floor (same run, randomly interleaved repetitions)")
    path = os.path.join(out, "runtime.svg")
    save(plt, fig, path)
    return [("run time against the floor", path)]


def write_readme(readme, key, images, source, note):
    """The block between "<!-- KEY plots -->" and "<!-- end KEY plots -->" (added at the end when missing)."""
    begin, end = "<!-- %s plots -->" % key, "<!-- end %s plots -->" % key
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if begin not in text:
        text = text.rstrip("\n") + "\n\n%s\n%s\n" % (begin, end)
    where = os.path.dirname(os.path.abspath(readme))
    lines = ["![%s](%s)" % (alt, os.path.relpath(path, where)) for alt, path in images]
    lines += ["", "Drawn by `python3 benchmarks/plot.py %s` from %s." % (source, note)]
    i = text.index(begin) + len(begin)
    j = text.index(end, i)
    text = text[:i] + "\n" + "\n".join(lines) + "\n" + text[j:]
    with open(readme, "w", encoding="utf-8") as f:
        f.write(text)
    print("plot.py: wrote the %s plots into %s" % (key, os.path.relpath(readme)), file=sys.stderr)


def shown(path):
    """A path as the README's command line has it: relative to the repository when inside it."""
    rel = os.path.relpath(os.path.abspath(path), ROOT)
    return path if rel.startswith("..") else rel


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compile", metavar="RESULTS_TSV")
    ap.add_argument("--runtime", metavar="JSON_OR_DIR", nargs="+")
    ap.add_argument("--out", default=os.path.join(HERE, "plots"))
    ap.add_argument("--readme")
    ap.add_argument("--note", default="the run above", help="where the data came from (--readme's line)")
    args = ap.parse_args(argv)
    if not args.compile and not args.runtime:
        tsv = os.path.join(ROOT, "build", "compile_time", "results.tsv")
        latest = os.path.join(ROOT, "build", "bench", "results", "latest")
        args.compile = tsv if os.path.exists(tsv) else None
        args.runtime = [latest] if os.path.isdir(latest) else None
        if not args.compile and not args.runtime:
            sys.exit("plot.py: no results at %s or %s: run a benchmark first" % (shown(tsv), shown(latest)))

    # Read everything before drawing anything: a bad input draws nothing.
    rows = table.read(args.compile) if args.compile else None
    jsons = []
    for p in args.runtime or []:
        jsons += sorted(glob.glob(os.path.join(p, "bench_*.json"))) if os.path.isdir(p) else [p]
    data = None
    if args.runtime:
        data = report.load(jsons)[0] if jsons else {}
        if not data:
            sys.exit("plot.py: no aggregates in %s" % " ".join(args.runtime))

    plt = pyplot()
    os.makedirs(args.out, exist_ok=True)
    out = os.path.abspath(args.out)
    if rows is not None:
        images = compile_plots(plt, rows, out)
        if args.readme:
            write_readme(args.readme, "compile-time", images, "--compile " + shown(args.compile), args.note)
    if data is not None:
        images = runtime_plot(plt, data, out)
        if args.readme:
            source = "--runtime " + " ".join(shown(p) for p in args.runtime)
            write_readme(args.readme, "runtime", images, source, args.note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
