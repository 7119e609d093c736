//! The few places where DuckDB, Spark SQL and Trino write the same thing
//! differently. Everything else the generator writes is plain SQL the three
//! engines share.

use clap::ValueEnum;

/// The engine the SQL is written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    /// DuckDB 1.x (a laptop; the differential tests run it).
    Duckdb,
    /// Spark SQL 3.x (`spark-sql`, or `spark.sql` in PySpark).
    Spark,
    /// Trino.
    Trino,
}

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Duckdb => "duckdb",
            Dialect::Spark => "spark",
            Dialect::Trino => "trino",
        }
    }

    /// The statement that sets the session's zone to UTC where the engine
    /// reads naive text in it (Spark): naive times are then read by
    /// slac's offsets (`zone.rs`), not the engine's zone database.
    pub fn set_utc(self) -> Option<&'static str> {
        match self {
            Dialect::Spark => Some("SET spark.sql.session.timeZone = UTC;"),
            Dialect::Duckdb | Dialect::Trino => None,
        }
    }

    /// The statements that replace the result table by a query's rows
    /// (Spark's session catalog and most Trino connectors cannot replace a
    /// table in one statement).
    pub fn create_as(self, table: &str) -> String {
        match self {
            Dialect::Duckdb => format!("CREATE OR REPLACE TABLE {table} AS"),
            Dialect::Spark => format!("DROP TABLE IF EXISTS {table};\nCREATE TABLE {table} USING parquet AS"),
            Dialect::Trino => format!("DROP TABLE IF EXISTS {table};\nCREATE TABLE {table} AS"),
        }
    }

    /// A column name quoted, so that `end` or `start` is a name.
    pub fn quote(self, name: &str) -> String {
        match self {
            Dialect::Spark => format!("`{name}`"),
            Dialect::Duckdb | Dialect::Trino => format!("\"{name}\""),
        }
    }

    /// The type of text.
    pub fn text(self) -> &'static str {
        match self {
            Dialect::Spark => "STRING",
            Dialect::Duckdb | Dialect::Trino => "VARCHAR",
        }
    }

    /// Timestamp text upper-cased (`t`, `z`), with the blank some exports
    /// put before the offset removed (`08:15:00 +0800`): the forms slac
    /// reads that the engines' casts do not.
    pub fn timestamp_text(self, text: &str) -> String {
        let pattern = "' ([+-][0-9][0-9]:?[0-9][0-9])$'";
        match self {
            Dialect::Duckdb => format!("regexp_replace(UPPER({text}), {pattern}, '\\1')"),
            Dialect::Spark | Dialect::Trino => format!("regexp_replace(UPPER({text}), {pattern}, '$1')"),
        }
    }

    /// Does the (upper-cased) timestamp text carry its offset (`Z`,
    /// `+08:00`, `+0800`)?
    pub fn has_offset(self, text: &str) -> String {
        let pattern = "'(Z|[+-][0-9][0-9](:?[0-9][0-9])?)$'";
        match self {
            Dialect::Duckdb => format!("regexp_matches({text}, {pattern})"),
            Dialect::Spark => format!("({text} RLIKE {pattern})"),
            Dialect::Trino => format!("regexp_like({text}, {pattern})"),
        }
    }

    /// Timestamp text with an offset as milliseconds since the Unix epoch.
    pub fn instant_ms(self, text: &str) -> String {
        match self {
            Dialect::Duckdb => format!("epoch_ms(CAST({text} AS TIMESTAMPTZ))"),
            Dialect::Spark => format!("unix_millis(CAST({text} AS TIMESTAMP))"),
            // ISO 8601 wants a `T` between date and time.
            Dialect::Trino => format!(
                "date_diff('millisecond', from_iso8601_timestamp('1970-01-01T00:00:00Z'), from_iso8601_timestamp(REPLACE({text}, ' ', 'T')))"
            ),
        }
    }

    /// Naive timestamp text as the milliseconds of its wall-clock reading
    /// taken as UTC (the zone is applied by the caller).
    pub fn wall_ms(self, text: &str) -> String {
        match self {
            Dialect::Duckdb => format!("epoch_ms(CAST({text} AS TIMESTAMP))"),
            // The session is in UTC (`set_utc`).
            Dialect::Spark => format!("unix_millis(CAST({text} AS TIMESTAMP))"),
            Dialect::Trino => {
                format!("date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00', CAST({text} AS TIMESTAMP(3)))")
            }
        }
    }

    /// Integer division truncated toward zero (both operands BIGINT).
    pub fn div(self, a: &str, b: &str) -> String {
        match self {
            Dialect::Duckdb => format!("(({a}) // ({b}))"),
            Dialect::Spark => format!("(({a}) div ({b}))"),
            Dialect::Trino => format!("(({a}) / ({b}))"),
        }
    }

    /// A join that gives each row of the table before it one row for every
    /// integer `m` of `[from, to]` (both ends included), named `alias.m`.
    pub fn each_minute(self, from: &str, to: &str, alias: &str) -> String {
        match self {
            Dialect::Duckdb => format!("CROSS JOIN UNNEST(generate_series({from}, {to})) AS {alias}(m)"),
            Dialect::Spark => format!("LATERAL VIEW explode(sequence({from}, {to})) {alias} AS m"),
            Dialect::Trino => format!("CROSS JOIN UNNEST(sequence({from}, {to})) AS {alias}(m)"),
        }
    }

    /// `num / den` rounded to a whole number, halves away from zero, for
    /// non-negative integers held as DECIMAL(38,0) (a fee in units of
    /// 10^-10 times minutes): exact on every engine, where DuckDB would
    /// divide decimals as DOUBLE.
    pub fn round_div(self, num: &str, den: &str) -> String {
        match self {
            Dialect::Duckdb => format!(
                "CAST((CAST(2 * ({num}) + ({den}) AS HUGEINT) // CAST(2 * ({den}) AS HUGEINT)) AS DECIMAL(38,0))"
            ),
            Dialect::Spark => format!("CAST((2 * ({num}) + ({den})) div (2 * ({den})) AS DECIMAL(38,0))"),
            // Trino rounds a DECIMAL quotient half up to its scale, 0 here.
            Dialect::Trino => {
                format!("CAST(CAST({num} AS DECIMAL(38,0)) / CAST({den} AS DECIMAL(38,0)) AS DECIMAL(38,0))")
            }
        }
    }

    /// The texts of a group joined by `sep` in the order of `key`.
    pub fn join_texts(self, text: &str, key: &str, sep: &str) -> String {
        let sep = string(sep);
        match self {
            Dialect::Duckdb => format!("string_agg({text}, {sep} ORDER BY {key})"),
            Dialect::Spark => format!(
                "array_join(transform(array_sort(collect_list(named_struct('k', {key}, 'v', {text}))), x -> x.v), {sep})"
            ),
            Dialect::Trino => format!("array_join(array_agg({text} ORDER BY {key}), {sep})"),
        }
    }

    /// An expression that stops the query with a message: the SQL's way of
    /// saying what `slac eval` would stop with (exit 2).
    pub fn fail(self, message: &str) -> String {
        self.fail_expr(&string(message))
    }

    /// The same, with the message in a text expression.
    pub fn fail_expr(self, expr: &str) -> String {
        match self {
            Dialect::Duckdb => format!("error({expr})"),
            Dialect::Spark => format!("raise_error({expr})"),
            Dialect::Trino => format!("fail({expr})"),
        }
    }

    /// An exact decimal literal.
    pub fn decimal(self, value: &rust_decimal::Decimal) -> String {
        let scale = value.scale().max(1);
        format!("CAST('{value}' AS DECIMAL(38,{scale}))")
    }
}

/// A SQL string literal: single quotes doubled.
pub fn string(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
