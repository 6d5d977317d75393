#!/usr/bin/env bash
# tests/consumers/readme.sh <strata checkout> <work dir> <c++ compiler> <cmake generator>
# README's installation, as written: its "install" commands run in a fresh folder holding the
# checkout (as `strata`) and an application `app` whose CMakeLists.txt is README's "app" block;
# README's FetchContent and add_subdirectory lines must be those the consumer tests build; and
# the library configures without GoogleTest or Python when its tests are off.
set -euo pipefail
strata=$(cd "$1" && pwd)
work=$2
export CXX=$3
export CMAKE_GENERATOR=$4
rm -rf "$work" && mkdir -p "$work/app" && cd "$work"
ln -s "$strata" strata
# block <name>: the fenced block after README's `<!-- consumer.readme: name -->`
block() {
  awk -v marker="<!-- consumer.readme: $1 -->" '
    $0 == marker { armed = 1; next }
    armed && /^```/ { if (inside) exit; inside = 1; next }
    inside { print }' "$strata/README.md"
}
for b in install app fetchcontent add_subdirectory; do
  if [[ -z $(block "$b") ]]; then echo "FAIL: README has no \"$b\" block"; exit 1; fi
done
block app > app/CMakeLists.txt
cp "$strata/tests/consumers/find_package/main.cpp" app/main.cpp
echo "---- README's install commands ----"
block install
bash -euxo pipefail <(block install)
./app-build/app
echo "ok:   README's install commands built and ran the application"

# The snippets are the consumer tests' own lines (ignoring comments and spacing).
for kind in fetchcontent add_subdirectory; do
  while IFS= read -r line; do
    code=$(sed 's/#.*//; s/[[:space:]]*$//' <<<"$line")
    [[ -z $code ]] && continue
    if ! grep -qF -- "$code" "$strata/tests/consumers/$kind/CMakeLists.txt"; then
      echo "FAIL: README's $kind line is not in tests/consumers/$kind/CMakeLists.txt: $code"; exit 1
    fi
  done < <(block "$kind")
  echo "ok:   README's $kind lines are consumer.$kind's"
done

cmake -S strata -B lib-only -DSTRATA_BUILD_TESTS=OFF -DSTRATA_BUILD_EXAMPLES=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON -DCMAKE_DISABLE_FIND_PACKAGE_Python3=ON --no-warn-unused-cli >/dev/null
echo "ok:   the library configures without GoogleTest and Python when its tests are off"
