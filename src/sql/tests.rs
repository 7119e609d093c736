//! The SQL's refusals and its shape; its results are compared with `slac
//! eval` on DuckDB by `.ci/sql.sh` (tests/sql/).

use super::*;
