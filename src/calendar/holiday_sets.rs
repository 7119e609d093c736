//! Holiday sets as a contract declares them: each set's own dates (a file,
//! or a built-in table) merged with every set it `extends`.
//!
//! This is the one place sets are built, for evaluation and for the linter
//! alike, so both see the same dates. Sets are resolved by name, never by
//! the order they are written in ([`crate::ir::holiday_build_order`]).

use super::HolidayTable;
use super::holidays::BUILTIN_SETS;
use crate::ir::{HolidaySetDecl, holiday_build_order};
use std::collections::BTreeMap;

/// Every set a contract can name (the built-in ones and those it declares),
/// built or with the reason it could not be.
pub type ResolvedSets = BTreeMap<String, Result<HolidayTable, String>>;

/// Builds every set. `own` gives a set's own dates: `own(name, Some(file))`
/// for a declared file, `own(name, None)` for a built-in set. Where two
/// tables list one date, the set's own file wins over what it extends, and
/// a later base over an earlier one (`extends a, b`: `b` wins).
///
/// A set that extends one that failed fails too, naming the base; sets
/// that extend each other in a cycle fail with the cycle.
pub fn resolve_sets(
    decls: &[HolidaySetDecl],
    mut own: impl FnMut(&str, Option<&str>) -> Result<HolidayTable, String>,
) -> ResolvedSets {
    let mut out: ResolvedSets = BTreeMap::new();
    for name in BUILTIN_SETS.iter().filter(|n| !decls.iter().any(|d| d.name == **n)) {
        out.insert((*name).to_owned(), own(name, None));
    }
    let order = match holiday_build_order(decls) {
        Ok(order) => order,
        Err(cycle) => {
            let names: Vec<&str> = cycle.iter().map(|&i| decls[i].name.as_str()).collect();
            let message = format!("holiday sets extend each other in a cycle: {} -> {}", names.join(" -> "), names[0]);
            for d in decls {
                out.entry(d.name.clone()).or_insert_with(|| Err(message.clone()));
            }
            return out;
        }
    };
    for i in order {
        let d = &decls[i];
        let built = build_one(d, &out, &mut own);
        out.insert(d.name.clone(), built);
    }
    out
}

fn build_one(
    d: &HolidaySetDecl,
    built: &ResolvedSets,
    own: &mut impl FnMut(&str, Option<&str>) -> Result<HolidayTable, String>,
) -> Result<HolidayTable, String> {
    let mut parts = Vec::with_capacity(d.extends.len() + 1);
    for base in &d.extends {
        match built.get(base) {
            Some(Ok(table)) => parts.push(table.clone()),
            Some(Err(e)) => {
                return Err(format!("holiday set `{}` extends `{base}`, which cannot be used: {e}", d.name));
            }
            None => return Err(format!("holiday set `{}` extends `{base}`, which is not declared", d.name)),
        }
    }
    parts.push(own(&d.name, d.file.as_deref())?);
    Ok(HolidayTable::merge(d.name.clone(), parts.iter()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;
    use chrono::NaiveDate;

    fn decl(name: &str, extends: &[&str]) -> HolidaySetDecl {
        HolidaySetDecl {
            name: name.into(),
            file: Some(format!("{name}.csv")),
            extends: extends.iter().map(|s| (*s).to_owned()).collect(),
            span: Span::default(),
            citation: None,
        }
    }

    /// Each set's own file holds one holiday, on a date that spells its
    /// name's position: a = 2025-03-10, b = 2025-03-11, c = 2025-03-12.
    fn own(name: &str, file: Option<&str>) -> Result<HolidayTable, String> {
        let day = match name {
            "a" => 10,
            "b" => 11,
            "c" => 12,
            "bad" => return Err("cannot read bad.csv".into()),
            _ => return HolidayTable::builtin(name).map_err(|e| e.to_string()),
        };
        assert!(file.is_some());
        HolidayTable::from_csv(name, &format!("date,kind,name\n2025-03-{day},holiday,{name}\n"))
            .map_err(|e| e.to_string())
    }

    fn holidays(sets: &ResolvedSets, name: &str) -> Vec<u32> {
        use chrono::Datelike;
        let table = sets[name].as_ref().expect("built");
        table
            .days()
            .filter(|(d, _)| *d >= NaiveDate::from_ymd_opt(2025, 3, 1).expect("date") && d.month() == 3)
            .map(|(d, _)| d.day())
            .collect()
    }

    #[test]
    fn extends_resolves_whatever_the_declaration_order() {
        // a extends b, b extends c: every order of the three lines gives
        // a = {10, 11, 12}, b = {11, 12}, c = {12}.
        let lines = [decl("a", &["b"]), decl("b", &["c"]), decl("c", &[])];
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        for order in orders {
            let decls: Vec<HolidaySetDecl> = order.iter().map(|&i| lines[i].clone()).collect();
            let sets = resolve_sets(&decls, own);
            assert_eq!(holidays(&sets, "a"), [10, 11, 12], "order {order:?}");
            assert_eq!(holidays(&sets, "b"), [11, 12], "order {order:?}");
            assert_eq!(holidays(&sets, "c"), [12], "order {order:?}");
        }
    }

    #[test]
    fn a_set_may_extend_the_builtin_set_declared_or_not() {
        let sets = resolve_sets(&[decl("a", &["cn"])], own);
        let a = sets["a"].as_ref().expect("built");
        // 2025-10-01 is National Day in cn; 2025-03-10 is a's own.
        assert!(a.is_holiday(NaiveDate::from_ymd_opt(2025, 10, 1).expect("date")).expect("covered"));
        assert!(a.is_holiday(NaiveDate::from_ymd_opt(2025, 3, 10).expect("date")).expect("covered"));
        assert!(sets["cn"].is_ok());
    }

    #[test]
    fn cycles_fail_every_set_with_the_cycle_named() {
        for decls in [
            vec![decl("a", &["a"])],
            vec![decl("a", &["b"]), decl("b", &["a"])],
            vec![decl("c", &[]), decl("a", &["b"]), decl("b", &["c", "a"])],
        ] {
            let sets = resolve_sets(&decls, own);
            for d in &decls {
                let e = sets[&d.name].as_ref().expect_err("a cycle");
                assert!(e.contains("cycle"), "{e}");
            }
        }
    }

    #[test]
    fn a_failed_base_fails_the_sets_that_extend_it() {
        let sets = resolve_sets(&[decl("a", &["bad"]), decl("bad", &[])], own);
        let e = sets["a"].as_ref().expect_err("base failed");
        assert!(e.contains("extends `bad`") && e.contains("cannot read bad.csv"), "{e}");
    }

    #[test]
    fn a_long_chain_does_not_exhaust_the_stack() {
        // s0 extends s1 extends ... s19999, declared first to last.
        let n = 20_000;
        let decls: Vec<HolidaySetDecl> = (0..n)
            .map(|i| {
                let next = format!("s{}", i + 1);
                let ext: Vec<&str> = if i + 1 < n { vec![next.as_str()] } else { vec![] };
                decl(&format!("s{i}"), &ext)
            })
            .collect();
        let order = holiday_build_order(&decls).expect("no cycle");
        assert_eq!(order.first(), Some(&(n - 1)));
        assert_eq!(order.last(), Some(&0));
    }
}
