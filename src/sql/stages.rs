//! The script's stages: the common table expressions the writers add, and
//! the two ways of running them. As one statement (`WITH a AS (...), b AS
//! (...) SELECT ...`), the engine plans everything at once; DuckDB does
//! that well. Spark inlines a CTE at each of its uses, so a stage used by
//! two later ones is planned twice, and the plan of a contract with several
//! promises grows past a 2 GB driver. Staged as tables, each stage is
//! created once (`CREATE TABLE <result>_<stage> AS ...`), later stages read
//! the table, and the tables are dropped after the result is written.

use super::dialect::Dialect;
use clap::ValueEnum;
use std::collections::{BTreeSet, HashMap};

/// How the stages run (`--stages`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StageMode {
    /// One statement of common table expressions.
    Ctes,
    /// A table per stage, dropped at the end.
    Tables,
}

impl StageMode {
    /// The engine's usual choice: Spark and Trino plan long CTE chains
    /// poorly (each use re-plans, and often recomputes, the stage).
    pub fn default_for(d: Dialect) -> StageMode {
        match d {
            Dialect::Duckdb => StageMode::Ctes,
            Dialect::Spark | Dialect::Trino => StageMode::Tables,
        }
    }
}

/// One stage: `head AS (body)`, where the head is the name with, maybe, a
/// list of column names.
pub struct Stage {
    pub name: String,
    head: String,
    body: String,
}

impl Stage {
    pub fn new(head: &str, body: String) -> Stage {
        let name = head.split([' ', '(']).next().unwrap_or(head).to_owned();
        Stage { name, head: head.to_owned(), body }
    }

    fn cte(&self, body: &str) -> String {
        format!("{} AS (\n{body}\n)", self.head)
    }
}

/// `WITH` the stages, then the query.
pub fn as_ctes(stages: &[Stage], create: &str, query: &str) -> String {
    let ctes: Vec<String> = stages.iter().map(|s| s.cte(&s.body)).collect();
    format!("{create}\nWITH\n{}\n{query};\n", ctes.join(",\n"))
}

/// A table per stage the query needs, in order, then the result from them;
/// then the stage tables dropped. A stage nothing reads is left out, as an
/// engine leaves out an unused CTE.
pub fn as_tables(stages: &[Stage], d: Dialect, result: &str, query: &str) -> String {
    let tables: HashMap<&str, String> =
        stages.iter().map(|s| (s.name.as_str(), format!("{result}_{}", s.name))).collect();
    let used = needed(stages, query);
    let mut out = String::new();
    for s in stages.iter().filter(|s| used.contains(s.name.as_str())) {
        out.push_str(&d.create_as(&tables[s.name.as_str()]));
        let body = rename(&s.body, &tables);
        if s.head == s.name {
            out.push_str(&format!("\n{body};\n"));
        } else {
            // A column list needs a CTE; the body reads no input named
            // like a stage, or its CTE form would not work either.
            out.push_str(&format!("\nWITH {}\nSELECT * FROM {};\n", s.cte(&body), s.name));
        }
    }
    out.push_str(&d.create_as(result));
    out.push('\n');
    out.push_str(&rename(query, &tables));
    out.push_str(";\n");
    for s in stages.iter().filter(|s| used.contains(s.name.as_str())) {
        out.push_str(&format!("DROP TABLE IF EXISTS {};\n", tables[s.name.as_str()]));
    }
    out
}

/// The stages the query reads, directly or through other stages.
fn needed<'a>(stages: &'a [Stage], query: &str) -> BTreeSet<&'a str> {
    let names: BTreeSet<&str> = stages.iter().map(|s| s.name.as_str()).collect();
    let mut used: BTreeSet<&str> = BTreeSet::new();
    let mut todo: Vec<&str> = read_by(query).filter_map(|n| names.get(n).copied()).collect();
    while let Some(n) = todo.pop() {
        if used.insert(n) {
            if let Some(s) = stages.iter().find(|s| s.name == n) {
                todo.extend(read_by(&s.body).filter_map(|r| names.get(r).copied()));
            }
        }
    }
    used
}

/// The names a query reads: each word right after `FROM` or `JOIN`.
fn read_by(sql: &str) -> impl Iterator<Item = &str> {
    let mut after_from = false;
    tokens(sql).filter_map(move |t| {
        let read = after_from && t.word;
        after_from = t.after_from(after_from);
        read.then_some(t.text)
    })
}

/// The stages named with `prefix` before their names (the stages of one
/// version of an amended contract, beside the others'), and the names
/// given, for the queries that read them.
pub fn prefixed(stages: Vec<Stage>, prefix: &str) -> (Vec<Stage>, HashMap<String, String>) {
    let names: HashMap<String, String> =
        stages.iter().map(|s| (s.name.clone(), format!("{prefix}{}", s.name))).collect();
    let renamed = stages
        .into_iter()
        .map(|s| {
            let name = names[&s.name].clone();
            let head = format!("{name}{}", &s.head[s.name.len()..]);
            Stage { body: rename(&s.body, &names), name, head }
        })
        .collect();
    (renamed, names)
}

/// The SQL with each stage it reads (a word after `FROM` or `JOIN`; the
/// writers never qualify a column by a stage's name) replaced by its table.
pub fn rename<K: std::borrow::Borrow<str> + std::hash::Hash + Eq>(sql: &str, tables: &HashMap<K, String>) -> String {
    let mut out = String::with_capacity(sql.len() + 64);
    let mut after_from = false;
    for t in tokens(sql) {
        match tables.get(t.text) {
            Some(table) if after_from && t.word => out.push_str(table),
            _ => out.push_str(t.text),
        }
        after_from = t.after_from(after_from);
    }
    out
}

/// A piece of SQL text: a word, or anything else (blanks, a quoted string
/// or name, a comment, a symbol), which together give back the text.
struct Token<'a> {
    text: &'a str,
    word: bool,
}

impl Token<'_> {
    /// Whether the next word names a table read, given whether this token
    /// came right after `FROM` or `JOIN` (blanks and comments between
    /// change nothing).
    fn after_from(&self, before: bool) -> bool {
        if self.word {
            self.text.eq_ignore_ascii_case("FROM") || self.text.eq_ignore_ascii_case("JOIN")
        } else if self.text.trim().is_empty() || self.text.starts_with("--") {
            before
        } else {
            false
        }
    }
}

fn tokens(sql: &str) -> impl Iterator<Item = Token<'_>> {
    let bytes = sql.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= bytes.len() {
            return None;
        }
        let start = i;
        let b = bytes[i];
        let word = b.is_ascii_alphabetic() || b == b'_';
        if word {
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
        } else if b == b'\'' || b == b'"' || b == b'`' {
            // A doubled quote inside is the quote itself: it closes and
            // reopens, which reads the same.
            i += 1;
            while i < bytes.len() && bytes[i] != b {
                i += 1;
            }
            i = (i + 1).min(bytes.len());
        } else if sql[i..].starts_with("--") {
            while i < bytes.len() && bytes[i] != b'\n' {
                i += 1;
            }
        } else if b.is_ascii_whitespace() {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
        } else {
            // One character, whole (text in other scripts is in quotes, but
            // a stray one must not split a character).
            i += sql[i..].chars().next().map_or(1, char::len_utf8);
        }
        Some(Token { text: &sql[start..i], word })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text, SQL or not, splits into tokens that give it back, and
        /// renaming changes only words after `FROM` or `JOIN`.
        #[test]
        fn any_text_survives(text in "(FROM|JOIN|inc| |'|\"|`|--|\n|[a-z_]{1,3}|.){0,40}") {
            prop_assert_eq!(tokens(&text).map(|t| t.text).collect::<String>(), text.clone());
            let tables: HashMap<&str, String> = [("inc", "t_inc".to_owned())].into();
            let renamed = rename(&text, &tables);
            prop_assert_eq!(renamed.replace("t_inc", "inc"), text.replace("t_inc", "inc"));
        }
    }

    fn stages() -> Vec<Stage> {
        vec![
            Stage::new("inc", "  SELECT id FROM incidents".into()),
            Stage::new("a0_periods (ord, label)", "  VALUES (0, 'inc')".into()),
            Stage::new("a0_down", "  SELECT i.id FROM inc i JOIN a0_periods p ON p.ord = 0".into()),
            Stage::new("unused", "  SELECT * FROM inc".into()),
        ]
    }

    #[test]
    fn tables_replace_what_is_read_and_only_that() {
        let sql =
            as_tables(&stages(), Dialect::Duckdb, "r", "SELECT 'FROM inc' AS note, inc -- FROM inc\nFROM a0_down");
        insta::assert_snapshot!(sql, @r"
        CREATE OR REPLACE TABLE r_inc AS
          SELECT id FROM incidents;
        CREATE OR REPLACE TABLE r_a0_periods AS
        WITH a0_periods (ord, label) AS (
          VALUES (0, 'inc')
        )
        SELECT * FROM a0_periods;
        CREATE OR REPLACE TABLE r_a0_down AS
          SELECT i.id FROM r_inc i JOIN r_a0_periods p ON p.ord = 0;
        CREATE OR REPLACE TABLE r AS
        SELECT 'FROM inc' AS note, inc -- FROM inc
        FROM r_a0_down;
        DROP TABLE IF EXISTS r_inc;
        DROP TABLE IF EXISTS r_a0_periods;
        DROP TABLE IF EXISTS r_a0_down;
        ");
    }

    #[test]
    fn tokens_give_back_the_text() {
        let sql = "SELECT 'it''s', `a b`, \"x\" FROM t -- 中文\nWHERE y = '中' AND z <> 1 ¤";
        let back: String = tokens(sql).map(|t| t.text).collect();
        assert_eq!(back, sql);
        let unterminated = "SELECT 'abc";
        assert_eq!(tokens(unterminated).map(|t| t.text).collect::<String>(), unterminated);
    }
}
