// strata::runtime's part for strata::postgres::connection (STRATA_SEPARATE_COMPILATION).
#include <strata/detail/runtime/postgres.ipp>
