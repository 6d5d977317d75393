// strata::runtime's part for strata::sqlite::connection (STRATA_SEPARATE_COMPILATION).
#include <strata/detail/runtime/sqlite.ipp>
