#!/usr/bin/env python3
"""What the models would cost without Boost.Hana (docs/design.md, "Models from structs").

    benchmarks/models/without_hana.py UNITS_DIR INCLUDE_DIR OUT_INCLUDE_DIR

An experiment, not an API: copies INCLUDE_DIR to OUT_INCLUDE_DIR with detail/model.hpp reading a
struct's members from a `strata_members` list of detail::member_info<"name", type> (what a
macro of strata's own would write) instead of hana::accessors<T>(), and no Boost include; and
writes <unit>_nohana.cpp beside generate.py's structs_only, models_alone and includes_only,
each BOOST_HANA_DEFINE_STRUCT replaced by the plain members and that list. run.sh compares them
when given WITHOUT_HANA=1.
"""
import pathlib
import re
import shutil
import sys

units, include, out = (pathlib.Path(a) for a in sys.argv[1:4])
shutil.rmtree(out, ignore_errors=True)
shutil.copytree(include, out)
p = out / "strata" / "detail" / "model.hpp"
s = p.read_text()
s = s.replace('''template <class T>
concept hana_struct = boost::hana::Struct<T>::value;
template <class T>
using members_of = typename members_of_impl<T, decltype(boost::hana::accessors<T>())>::type;''', '''template <class T>
concept hana_struct = requires { typename T::strata_members; };
template <class T>
using members_of = typename T::strata_members;''')
s = re.sub(r"#include <boost/hana/[a-z_/]+\.hpp>\n", "", s)
s = s[:s.index("template <class T, class Pair>\nstruct member_of;")] + s[s.index("template <class T>\nconcept hana_struct"):]
assert "boost::hana" not in s
p.write_text(s)
p = out / "strata" / "model.hpp"
p.write_text(re.sub(r"#include <boost/hana/[a-z_/]+\.hpp>\n", "", p.read_text()))


def plain(m):
    members = re.findall(r"\((.+?), (\w+)\)(?:,|\))", m.group(2))
    return ("".join(f"    {t} {n};\n" for t, n in members) +
            "    using strata_members = strata::detail::list<" +
            ", ".join(f'strata::detail::member_info<"{n}", {t}>' for t, n in members) + ">;\n")


for u in ["structs_only", "models_alone", "includes_only"]:
    t = (units / f"{u}.cpp").read_text()
    t = re.sub(r"    BOOST_HANA_DEFINE_STRUCT\((\w+),\n((?:        .*\n)+?)(?=    using strata_table)", plain, t)
    (units / f"{u}_nohana.cpp").write_text(t)
print(f"wrote {out} and the _nohana units in {units}")
