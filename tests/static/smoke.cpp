#include <strata/strata.hpp>
int main() {}
