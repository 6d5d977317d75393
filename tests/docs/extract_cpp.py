#!/usr/bin/env python3
"""extract_cpp.py PAGE.md OUT.cpp: the page's ```cpp blocks, in order, as one translation unit
(what docs/*.md promise: "every code block on this page compiles, in order"). #line directives
point compiler errors at the page."""
import re
import sys

page, out = sys.argv[1], sys.argv[2]
text = open(page, encoding="utf-8").read().split("\n")
parts, inside, start = [], False, 0
for i, line in enumerate(text):
    if not inside and re.fullmatch(r"```cpp\s*", line):
        inside, start = True, i + 2
        parts.append(f'#line {start} "{page}"')
    elif inside and line.strip() == "```":
        inside = False
    elif inside:
        parts.append(line)
if not parts:
    sys.exit(f"{page}: no ```cpp block")
with open(out, "w", encoding="utf-8") as f:
    f.write("// generated from " + page + " by tests/docs/extract_cpp.py\n" + "\n".join(parts) + "\n")
