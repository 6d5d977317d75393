// Seed values and string defaults of any length (issue 10, point 4): a 520-byte and a 6 KiB
// string literal, values from a constexpr array, a std::string_view, a std::array and a
// function (text_from<...>), a 200-byte default_value; each kept whole in the descriptors, in
// the checksum, and in the generated SQL, quoted with its single quotes doubled.
#include <strata/strata.hpp>

#include <array>
#include <cstddef>
#include <initializer_list>
#include <span>
#include <string_view>

using namespace strata::dsl;

// 10 chunks of 52 bytes, each with three single quotes: 520 bytes.
#define STRATA_NOTE52 "A note of 52 bytes, with 'quotes' in it; it's long. "
#define STRATA_NOTE520                                                                                      \
    STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52 \
        STRATA_NOTE52 STRATA_NOTE52 STRATA_NOTE52
// 96 lines of 64 bytes, each with one quote and a newline: 6144 bytes.
#define STRATA_LINE64 "Body text of 64 bytes a line, with one quote (') in each. Line!\n"
#define STRATA_LINES512 \
    STRATA_LINE64 STRATA_LINE64 STRATA_LINE64 STRATA_LINE64 STRATA_LINE64 STRATA_LINE64 STRATA_LINE64 STRATA_LINE64
#define STRATA_BODY6K                                                                                      \
    STRATA_LINES512 STRATA_LINES512 STRATA_LINES512 STRATA_LINES512 STRATA_LINES512 STRATA_LINES512     \
        STRATA_LINES512 STRATA_LINES512 STRATA_LINES512 STRATA_LINES512 STRATA_LINES512 STRATA_LINES512
// 5 chunks of 40 bytes: a 200-byte default.
#define STRATA_STATUS40 "Status: it's the default of 200 bytes.. "
#define STRATA_STATUS200 STRATA_STATUS40 STRATA_STATUS40 STRATA_STATUS40 STRATA_STATUS40 STRATA_STATUS40

static_assert(sizeof(STRATA_NOTE520) == 521 && sizeof(STRATA_BODY6K) == 6145 && sizeof(STRATA_STATUS200) == 201);

// Values from elsewhere: a char array (its terminating NUL is not part of the value), a
// std::string_view, a std::array<char, N> built at compile time, a function.
inline constexpr char greeting[] = "From an array: it's here.";
inline constexpr std::string_view motto = "From a view: 'quoted'.";
constexpr std::array<char, 3000> make_terms() {
    constexpr std::string_view line = "Terms: the user's data stays theirs. ";
    std::array<char, 3000> out{};
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = line[i % line.size()];
    return out;
}
inline constexpr std::array<char, 3000> terms_text = make_terms();
constexpr std::string_view terms() { return {terms_text.data(), terms_text.size()}; }
constexpr std::string_view pricing() { return "From a function: \"plans\" and 'tiers'."; }

using d1 = strata::migration<1, "documents",
    create_table<"documents",
        column<"id", bigint, primary_key>,
        column<"title", varchar<600>, not_null>,
        column<"body", text>,
        column<"status", text, not_null, default_value<STRATA_STATUS200>>,
        column<"summary", text, default_value<text_from<pricing>>>>>;
using d2 = strata::migration<2, "seed documents",
    seed<"documents", columns<"id", "title", "body">,
         values<1, STRATA_NOTE520, STRATA_BODY6K>,
         values<2, text_from<greeting>, text_from<terms>>,
         values<3, text_from<motto>, text_from<terms_text>>,
         values<4, text_from<pricing>, nullptr>>>;
using documents = strata::chain<d1, d2>;
static_assert(strata::valid_chain<documents>);

// ---- the values, whole, in the descriptors
constexpr std::string_view note = STRATA_NOTE520, body = STRATA_BODY6K, status = STRATA_STATUS200;
constexpr std::string_view greeting_text = "From an array: it's here.";
constexpr std::string_view pricing_text = "From a function: \"plans\" and 'tiers'.";
using strata::detail::default_kind;
constexpr const strata::detail::op_desc& seed_op = d2::desc.ops[0];
static_assert(seed_op.ncells == 12 && seed_op.nnames == 3);
static_assert(seed_op.cells[1].kind == default_kind::string && seed_op.cells[1].text == note);
static_assert(seed_op.cells[2].kind == default_kind::string && seed_op.cells[2].text == body);
static_assert(seed_op.cells[4].text == greeting_text && seed_op.cells[4].text.size() == 25);
static_assert(seed_op.cells[5].text == terms() && seed_op.cells[5].text.size() == 3000);
static_assert(seed_op.cells[7].text == motto && seed_op.cells[8].text == terms());
static_assert(seed_op.cells[10].kind == default_kind::string && seed_op.cells[10].text == pricing_text);
static_assert(seed_op.cells[11].kind == default_kind::none && seed_op.cells[9].kind == default_kind::integer);
static_assert(documents::schema::column<"documents", "status">().default_value().text == status);
static_assert(documents::schema::column<"documents", "status">().default_value().kind == default_kind::string);
static_assert(documents::schema::column<"documents", "summary">().default_value().text == pricing_text);
// The short forms are what they were.
static_assert(default_value<42>::value.text == "42" && default_value<-7>::value.kind == default_kind::integer);
static_assert(default_value<true>::value.text == "1" && default_value<"x">::value.text == "x");
// (through a pointer: clang 14 does not index a class template's static array of deduced bound
// in a constant expression before something has used the array)
using edges = values<-9223372036854775807 - 1, 18446744073709551615ull, false, nullptr, "">;
constexpr const strata::detail::seed_cell* edge_cells = edges::cells;
static_assert(edge_cells[0].text == "-9223372036854775808" && edge_cells[0].kind == default_kind::integer);
static_assert(edge_cells[1].text == "18446744073709551615" && edge_cells[2].text == "0");
static_assert(edge_cells[2].kind == default_kind::boolean && edge_cells[3].kind == default_kind::none);
static_assert(edge_cells[4].kind == default_kind::string && edge_cells[4].text.empty());

// ---- the generated SQL: each value quoted, its quotes doubled
struct piece {
    std::string_view text;
    bool quoted = false;  // spelled as an SQL string: between single quotes, each quote doubled
};
constexpr piece q(std::string_view v) { return {v, true}; }
// Whether `sql` is exactly the pieces one after the other.
constexpr bool spelled(std::string_view sql, std::initializer_list<piece> pieces) {
    std::size_t at = 0;
    for (const piece& p : pieces) {
        if (!p.quoted) {
            if (sql.substr(at, p.text.size()) != p.text) return false;
            at += p.text.size();
            continue;
        }
        if (sql.substr(at, 1) != "'") return false;
        ++at;
        for (char c : p.text) {
            if (at >= sql.size() || sql[at] != c) return false;
            ++at;
            if (c == '\'' && sql.substr(at++, 1) != "'") return false;
        }
        if (sql.substr(at, 1) != "'") return false;
        ++at;
    }
    return at == sql.size();
}
static_assert(spelled("'it''s'", {q("it's")}) && !spelled("'it's'", {q("it's")}) && !spelled("'its'", {q("it's")}));

constexpr std::string_view t = terms();
static_assert(spelled(strata::sql<strata::sqlite, documents, 2>::up,
                      {{"INSERT INTO \"documents\" (\"id\", \"title\", \"body\") VALUES (1, "}, q(note), {", "}, q(body),
                       {"), (2, "}, q(greeting_text), {", "}, q(t), {"), (3, "}, q(motto), {", "}, q(t), {"), (4, "},
                       q(pricing_text), {", NULL);\n"}}));
static_assert(spelled(strata::sql<strata::postgres, documents, 2>::up,
                      {{"INSERT INTO \"documents\" (\"id\", \"title\", \"body\") VALUES (1, "}, q(note), {", "}, q(body),
                       {"), (2, "}, q(greeting_text), {", "}, q(t), {"), (3, "}, q(motto), {", "}, q(t), {"), (4, "},
                       q(pricing_text), {", NULL);\n"}}));
static_assert(strata::sql<strata::sqlite, documents, 2>::down == "DELETE FROM \"documents\" WHERE \"id\" IN (1, 2, 3, 4);\n");
static_assert(spelled(strata::sql<strata::postgres, documents, 1>::up,
                      {{"CREATE TABLE \"documents\" (\n  \"id\" BIGINT NOT NULL PRIMARY KEY,\n  \"title\" VARCHAR(600) NOT NULL,\n"
                        "  \"body\" TEXT,\n  \"status\" TEXT NOT NULL DEFAULT "},
                       q(status), {",\n  \"summary\" TEXT DEFAULT "}, q(pricing_text), {"\n);\n"}}));

// chain_sql keeps the rope: its fragments join to the same text.
constexpr bool fragments_spell(std::span<const strata::sql_fragment> frags, std::string_view text) {
    std::size_t at = 0;
    for (std::string_view f : frags) {
        if (text.substr(at, f.size()) != f) return false;
        at += f.size();
    }
    return at + 2 == text.size() && text.substr(at) == ";\n";
}
constexpr const auto& lite = strata::chain_sql<strata::sqlite, documents>::migrations;
constexpr const auto& pg = strata::chain_sql<strata::postgres, documents>::migrations;
static_assert(lite[1].up_steps.size() == 1 && pg[1].up_steps.size() == 1 && lite[1].reversible);
// A fragment compares with a fragment (clang: no ambiguous reversed operator) and with text.
static_assert(lite[1].up_steps[0].fragments[0] == lite[1].up_steps[0].fragments[0] &&
              !(lite[1].up_steps[0].fragments[0] != lite[1].up_steps[0].fragments[0]) &&
              lite[1].up_steps[0].fragments[0] != lite[1].up_steps[0].fragments[1] &&
              lite[1].up_steps[0].fragments[0] == "INSERT INTO " && std::string_view("INSERT INTO ") == lite[1].up_steps[0].fragments[0] &&
              lite[1].up_steps[0].fragments[0].length() == 12 && *lite[1].up_steps[0].fragments[0].data() == 'I');
static_assert(fragments_spell(lite[1].up_steps[0].fragments, strata::sql<strata::sqlite, documents, 2>::up));
static_assert(fragments_spell(pg[1].up_steps[0].fragments, strata::sql<strata::postgres, documents, 2>::up));
static_assert(fragments_spell(pg[0].up_steps[0].fragments, strata::sql<strata::postgres, documents, 1>::up));

// ---- the checksum covers every byte: a different last byte of the 6 KiB value changes it
using d2_other = strata::migration<2, "seed documents",
    seed<"documents", columns<"id", "title", "body">,
         values<1, STRATA_NOTE520, STRATA_BODY6K "!">,
         values<2, text_from<greeting>, text_from<terms>>,
         values<3, text_from<motto>, text_from<terms_text>>,
         values<4, text_from<pricing>, nullptr>>>;
static_assert(strata::sql<strata::sqlite, documents, 2>::checksum != strata::sql<strata::sqlite, strata::chain<d1, d2_other>, 2>::checksum);
// ... and the same text by another spelling is the same migration
using d2_same = strata::migration<2, "seed documents",
    seed<"documents", columns<"id", "title", "body">,
         values<1, STRATA_NOTE520, STRATA_BODY6K>,
         values<2, "From an array: it's here.", text_from<terms>>,
         values<3, "From a view: 'quoted'.", text_from<terms>>,
         values<4, "From a function: \"plans\" and 'tiers'.", nullptr>>>;
static_assert(strata::sql<strata::sqlite, documents, 2>::checksum == strata::sql<strata::sqlite, strata::chain<d1, d2_same>, 2>::checksum);

// ---- a value that does not fit its column is still refused, however it is spelled
using over = strata::migration<2, "seed documents", seed<"documents", columns<"id", "title">, values<1, STRATA_BODY6K>>>;
static_assert(strata::chain_error<strata::chain<d1, over>> == strata::error_kind::seed_value_mismatch);
using over_from = strata::migration<2, "seed documents", seed<"documents", columns<"id", "title">, values<1, text_from<terms>>>>;
static_assert(strata::chain_error<strata::chain<d1, over_from>> == strata::error_kind::seed_value_mismatch);
using text_in_number = strata::migration<2, "seed documents", seed<"documents", columns<"id", "title">, values<text_from<greeting>, "x">>>;
static_assert(strata::chain_error<strata::chain<d1, text_in_number>> == strata::error_kind::seed_value_mismatch);

// ---- beside execute_per_dialect (each dialect's checksum follows its own statements): a long
// seed value counts in both dialects' checksums, another dialect's statements in neither
template <strata::fixed_string Pg, class Row>
using d3_of = strata::migration<3, "reseed documents",
    seed<"documents", columns<"id", "title">, Row>,
    execute_per_dialect<sqlite_sql<"UPDATE documents SET status = 'seeded' WHERE id = 5", nothing>,
                        postgres_sql<Pg, nothing>>>;
using d3 = d3_of<"UPDATE documents SET status = 'seeded' WHERE id = 5", values<5, STRATA_NOTE520>>;
using d3_other_pg = d3_of<"UPDATE documents SET status = 'reseeded' WHERE id = 5", values<5, STRATA_NOTE520>>;
using d3_other_note = d3_of<"UPDATE documents SET status = 'seeded' WHERE id = 5", values<5, STRATA_NOTE520 "!">>;
template <class D, class M>
inline constexpr auto checksum3 = strata::sql<D, strata::chain<d1, d2, M>, 3>::checksum;
static_assert(strata::valid_chain<strata::chain<d1, d2, d3>>);
static_assert(checksum3<strata::sqlite, d3_other_pg> == checksum3<strata::sqlite, d3>);
static_assert(checksum3<strata::postgres, d3_other_pg> != checksum3<strata::postgres, d3>);
static_assert(checksum3<strata::sqlite, d3_other_note> != checksum3<strata::sqlite, d3>);
static_assert(checksum3<strata::postgres, d3_other_note> != checksum3<strata::postgres, d3>);
static_assert(spelled(strata::sql<strata::postgres, strata::chain<d1, d2, d3>, 3>::up,
                      {{"INSERT INTO \"documents\" (\"id\", \"title\") VALUES (5, "}, q(note),
                       {");\nUPDATE documents SET status = 'seeded' WHERE id = 5;\n"}}));

int main() {}
