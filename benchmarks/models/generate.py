#!/usr/bin/env python3
"""Units for the compile cost of models from structs (docs/design.md, "Models from structs").

    benchmarks/models/generate.py OUT_DIR [N=20]

Writes four translation units over the same schema of N tables (8 columns each: every mapped
C++ type, a nullable one, a varchar override, a default, a reference to the previous table, an
index), and one history of N migrations (one table each) that reaches it:

  history.cpp        <strata/strata.hpp>, the history, static_assert(valid_chain): the floor
  target_schema.cpp  + <strata/target_schema.hpp>, the schema as target_schema<...>, matches
  models.cpp         + <strata/model.hpp>, the schema as N structs (BOOST_HANA_DEFINE_STRUCT
                     and a strata_table annotation), models<...>, matches
  structs_only.cpp   <strata/model.hpp> and the N adapted structs, no strata use of them: what
                     Hana's adaptation itself costs
  target_alone.cpp   the schema as target_schema<...> and static_assert(valid_chain), no history
  models_alone.cpp   the schema as models<...> and static_assert(valid_chain), no history
  includes_only.cpp, dsl_only.cpp   the headers alone (with and without <strata/model.hpp>)
"""
import pathlib
import sys

out = pathlib.Path(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
out.mkdir(parents=True, exist_ok=True)


def table_ops(i):
    ref = f', references<"t{i - 1}", "id">' if i else ""
    return (f'create_table<"t{i}",\n'
            f'        column<"id", bigint, primary_key>,\n'
            f'        column<"name", varchar<200>, not_null>,\n'
            f'        column<"note", text>,\n'
            f'        column<"visits", integer, not_null, default_value<0>>,\n'
            f'        column<"active", boolean, not_null>,\n'
            f'        column<"amount", double_precision, not_null>,\n'
            f'        column<"created_at", timestamp, not_null>,\n'
            f'        column<"parent_id", bigint{ref}>>,\n'
            f'    create_index<"t{i}_name_idx", "t{i}", "name">')


def struct(i):
    ref = f', field<"parent_id", references<"t{i - 1}", "id">>' if i else ""
    return (f'struct s{i} {{\n'
            f'    BOOST_HANA_DEFINE_STRUCT(s{i},\n'
            f'        (std::int64_t, id),\n'
            f'        (std::string, name),\n'
            f'        (std::optional<std::string>, note),\n'
            f'        (std::int32_t, visits),\n'
            f'        (bool, active),\n'
            f'        (double, amount),\n'
            f'        (std::chrono::sys_time<std::chrono::microseconds>, created_at),\n'
            f'        (std::optional<std::int64_t>, parent_id));\n'
            f'    using strata_table = table<"t{i}", key<"id">, field<"name", varchar<200>>,\n'
            f'        field<"visits", default_value<0>>{ref}, index_on<"t{i}_name_idx", "name">>;\n'
            f'}};\n')


head = "#include <strata/strata.hpp>\n"
history = ("using namespace strata::dsl;\n" +
           "".join(f'using m{i + 1} = strata::migration<{i + 1}, "table {i}",\n    {table_ops(i)}>;\n' for i in range(n)) +
           "using history = strata::chain<" + ", ".join(f"m{i + 1}" for i in range(n)) + ">;\n"
           "static_assert(strata::valid_chain<history>);\n")
structs = "".join(struct(i) for i in range(n))

(out / "history.cpp").write_text(head + history + "int main() {}\n")
(out / "target_schema.cpp").write_text(
    head + "#include <strata/target_schema.hpp>\n" + history +
    "using target = strata::target_schema<\n    " + ",\n    ".join(table_ops(i) for i in range(n)) + ">;\n"
    "static_assert(strata::matches<history, target>);\nint main() {}\n")
(out / "models.cpp").write_text(
    head + "#include <strata/model.hpp>\n" + history + structs +
    "using target = strata::models<" + ", ".join(f"s{i}" for i in range(n)) + ">;\n"
    "static_assert(strata::matches<history, target>);\nint main() {}\n")
target = "using target = strata::target_schema<\n    " + ",\n    ".join(table_ops(i) for i in range(n)) + ">;\n"
(out / "target_alone.cpp").write_text(
    head + "#include <strata/target_schema.hpp>\nusing namespace strata::dsl;\n" + target +
    "static_assert(strata::valid_chain<target>);\nint main() {}\n")
(out / "models_alone.cpp").write_text(
    head + "#include <strata/model.hpp>\nusing namespace strata::dsl;\n" + structs +
    "using target = strata::models<" + ", ".join(f"s{i}" for i in range(n)) + ">;\n"
    "static_assert(strata::valid_chain<target>);\nint main() {}\n")
(out / "structs_only.cpp").write_text(
    head + "#include <strata/model.hpp>\nusing namespace strata::dsl;\n" + structs + "int main() {}\n")
(out / "includes_only.cpp").write_text(head + "#include <strata/model.hpp>\nint main() {}\n")
(out / "dsl_only.cpp").write_text(head + "#include <strata/target_schema.hpp>\nint main() {}\n")
print(f"wrote {out} (N = {n})")
