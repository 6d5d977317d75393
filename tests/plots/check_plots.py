#!/usr/bin/env python3
"""static.benchmark_plots: benchmarks/plot.py draws valid SVGs, the same bytes twice, from a
sample of the benchmarks' raw output (this directory: a compile-time results.tsv with one
timed-out compile, and the aggregates of a run-time run at N = 10 and 100), and writes its
README blocks.

    check_plots.py PLOT_PY WORK_DIR

Exits 77 (ctest: skipped) when matplotlib is missing, unless CI=true.
"""

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
SVGS = ["compile_time_gcc.svg", "compile_time_clang.svg", "runtime.svg"]
NO_MATPLOTLIB = 3   # plot.py's exit code


def draw(plot, out, *extra):
    args = [sys.executable, plot, "--compile", os.path.join(HERE, "results.tsv"),
            "--runtime", HERE, "--out", out, *extra]
    return subprocess.run(args, capture_output=True, text=True)


def main(plot, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "a"))
    stale = os.path.join(work, "a", "compile_time_gone.svg")   # a compiler no longer in the run
    open(stale, "w").close()
    readme = os.path.join(work, "README.md")
    with open(readme, "w", encoding="utf-8") as f:
        f.write("# Benchmarks\n\n<!-- compile-time plots -->\nan older run\n<!-- end compile-time plots -->\n\nafter\n")

    a = draw(plot, os.path.join(work, "a"), "--readme", readme, "--note", "the sample")
    if a.returncode == NO_MATPLOTLIB:
        print(a.stderr, end="")
        if os.environ.get("CI") == "true":
            return "CI=true but matplotlib is missing (scripts/install-deps installs python3-matplotlib)"
        print("skipped: matplotlib is not installed (apt-get install python3-matplotlib)")
        return 77
    if a.returncode != 0:
        return "plot.py failed (exit %d):\n%s" % (a.returncode, a.stderr)
    if "left out N=100 clang++ real_app_sep_O2: timeout" not in a.stderr:
        return "plot.py did not say it left out the timed-out compile:\n" + a.stderr
    if os.path.exists(stale):
        return "plot.py kept a stale compile_time_*.svg"

    b = draw(plot, os.path.join(work, "b"))
    if b.returncode != 0:
        return "plot.py failed the second time (exit %d):\n%s" % (b.returncode, b.stderr)
    for name in SVGS:
        path = os.path.join(work, "a", name)
        if not os.path.exists(path):
            return "no %s" % name
        root = ET.parse(path).getroot()   # raises on XML that does not parse
        if root.tag != "{http://www.w3.org/2000/svg}svg":
            return "%s: the root element is %s, not svg" % (name, root.tag)
        with open(path, "rb") as f, open(os.path.join(work, "b", name), "rb") as g:
            if f.read() != g.read():
                return "%s: two runs on the same data gave different bytes" % name

    with open(readme, encoding="utf-8") as f:
        text = f.read()
    for want in ("![compile time against N, g++](a/compile_time_gcc.svg)",
                 "![compile time against N, clang++](a/compile_time_clang.svg)",
                 "Drawn by `python3 benchmarks/plot.py --compile tests/plots/results.tsv` from the sample.",
                 "<!-- runtime plots -->\n![run time against the floor](a/runtime.svg)",
                 "\nafter\n"):
        if want not in text:
            return "README.md lacks %r:\n%s" % (want, text)
    if "an older run" in text:
        return "README.md kept the old block:\n" + text
    print("ok: %s valid and reproducible; README blocks written" % ", ".join(SVGS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
