#!/usr/bin/env python3
"""Print the compile-time benchmark's tables (markdown) from run.sh's results.tsv.

    table.py RESULTS_TSV "g++ clang++"

results.tsv has one row per compile: N (or "-" for the modes without a history), compiler,
mode, status (ok / timeout / error), wall seconds, user seconds, peak MiB, object KiB.

The first table is every compile; the second the ratios that issue 9 sets goals on. The goals
are ratios within one run because absolute seconds differ about fourfold between machines.
Every ratio is of wall seconds, as the first table's "ratio to floor" is.
"""

import sys

# The order rows are printed in, within one N and compiler.
MODES = ["baseline", "dsl", "headers", "headers_sqlite", "headers_sep", "runtime_lib_O2", "check", "app", "sql", "real_app", "real_app_O2",
         "real_app_sep_O2", "floor"]

# Goals at N = 1000 (issue 9): mode -> most it may cost, in floors.
FLOOR_GOALS = {"check": 20, "sql": 50}
FLOOR_GOAL_N = 1000


def read(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            n, cxx, mode, status, wall, user, mib, obj = line.rstrip("\n").split("\t")
            rows.append({"n": n, "cxx": cxx, "mode": mode, "status": status, "wall": wall,
                         "user": user, "mib": mib, "obj": obj})
    return rows


def seconds(rows, n, cxx, mode):
    """Wall seconds of one compile, or None when it did not run or did not succeed."""
    for r in rows:
        if r["n"] == n and r["cxx"] == cxx and r["mode"] == mode and r["status"] == "ok":
            return float(r["wall"])
    return None


def verdict(value, goal):
    return "met" if value <= goal else "missed"


def main_table(rows, cxxs):
    def order(r):
        n = -1 if r["n"] == "-" else int(r["n"])   # the modes without a history first
        return (n, cxxs.index(r["cxx"]) if r["cxx"] in cxxs else 99, MODES.index(r["mode"]))

    out = ["| N | compiler | mode | wall s | user s | peak MiB | ratio to floor | object KiB |",
           "| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: |"]
    for r in sorted(rows, key=order):
        wall = r["wall"] if r["status"] == "ok" else "%s after %s" % (r["status"], r["wall"])
        floor = seconds(rows, r["n"], r["cxx"], "floor")
        ratio = "-"
        if r["status"] == "ok" and floor:
            ratio = "%.1f" % (float(r["wall"]) / floor)
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["n"], r["cxx"], r["mode"], wall, r["user"], r["mib"], ratio, r["obj"] or "-"))
    return out


def ratio_table(rows, cxxs):
    out = ["| goal | compiler | N | wall seconds | ratio | target | |",
           "| --- | --- | ---: | --- | ---: | ---: | --- |"]
    ns = sorted({int(r["n"]) for r in rows if r["n"] != "-"})
    for cxx in cxxs:
        base = seconds(rows, "-", cxx, "baseline")
        # Including the DSL, and every header of an application, against the baseline unit.
        # (headers_sqlite: the same goal for an application without postgres.hpp)
        for mode, goal in (("dsl", 1.5), ("headers", 4.0), ("headers_sqlite", 4.0), ("headers_sep", 2.0)):
            s = seconds(rows, "-", cxx, mode)
            if base and s is not None:
                r = s / base
                out.append("| %s / baseline | %s | - | %.2f / %.2f | %.1fx | <= %.1fx | %s |" % (
                    mode, cxx, s, base, r, goal, verdict(r, goal)))
        # An application unit at -O2 costs at most its chain's check plus 4 baseline units.
        for n in ns:
            for mode in ("real_app_O2", "real_app_sep_O2"):
                app = seconds(rows, str(n), cxx, mode)
                check = seconds(rows, str(n), cxx, "check")
                if base and app is not None and check is not None:
                    budget = check + 4 * base
                    r = app / budget
                    out.append("| %s / (check + 4 baseline) | %s | %d | %.2f / (%.2f + 4 x %.2f) | %.2fx | <= 1x | %s |"
                               % (mode, cxx, n, app, check, base, r, verdict(r, 1.0)))
        # The chain against the floor (the same SQL as constant strings), at N = 1000.
        for mode, goal in FLOOR_GOALS.items():
            s = seconds(rows, str(FLOOR_GOAL_N), cxx, mode)
            floor = seconds(rows, str(FLOOR_GOAL_N), cxx, "floor")
            if s is not None and floor:
                r = s / floor
                out.append("| %s / floor | %s | %d | %.2f / %.2f | %.1fx | <= %dx | %s |" % (
                    mode, cxx, FLOOR_GOAL_N, s, floor, r, goal, verdict(r, goal)))
    return out


def main(argv):
    rows = read(argv[1])
    cxxs = argv[2].split()
    # run.sh records compilers by their file name (/usr/bin/g++-12 -> g++-12)
    cxxs = [c.rsplit("/", 1)[-1] for c in cxxs]
    print("\n".join(main_table(rows, cxxs)))
    print()
    print("Ratios of issue 9 (wall seconds, this run):")
    print()
    print("\n".join(ratio_table(rows, cxxs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
