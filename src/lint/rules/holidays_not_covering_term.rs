//! L208: a holiday set that does not cover every year of the term.

use crate::calendar::HolidayTable;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use chrono::Datelike;
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "L208",
    name: "holidays-not-covering-term",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "a holiday set that does not cover every year of the contract's term",
    what: "Finds a calendar that observes a holiday set (`except holidays cn`) when the set does \
not know every year of the contract's `term`, or when the term has no end. The built-in `cn` \
set knows the years the State Council has announced; a set read from a file knows the years it \
lists (checked when `slac check` can read the file).",
    why: "Holidays are announced a year at a time, so a set never knows the future. Evaluating a \
business clock in a year no set covers is an error, not a silent \"no holidays\": the report for \
that year would stop. Finding it when the contract is written leaves time to add the year's \
holiday file.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  term 2030-01-01..2031-12-31
  calendar office = mon-fri 09:00-18:00 except holidays cn
  tier P2 "中" {
    respond within 2h
    resolve within 8h
    clock office
  }
}
"#,
    fix: "Declare a set that adds the missing years from a file and observe it instead: \
`holidays ours from \"holidays-2027.csv\" extends cn`, `except holidays ours`. Or, while the \
year has not been announced, allow the finding with that reason.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  term 2026-01-01..2026-12-31
  calendar office = mon-fri 09:00-18:00 except holidays cn
  tier P2 "中" {
    respond within 2h
    resolve within 8h
    clock office
  }
}
"#,
    peer_example: None,
    check,
};

/// The years a set covers, or `None` when the linter cannot know. Sets
/// the contract declares are built by the caller (files read, `extends`
/// merged, [`crate::calendar::resolve_sets`], as evaluation builds them) and
/// handed in; a built-in set that is not redeclared is looked up here.
fn years(cx: &Context<'_>, name: &str) -> Option<BTreeSet<i32>> {
    if let Some(years) = cx.holiday_years.get(name) {
        return Some(years.clone());
    }
    if cx.contract.holiday_sets.iter().any(|d| d.name == name) {
        return None;
    }
    Some(HolidayTable::builtin(name).ok()?.years().collect())
}

/// `2027`, `2027 and 2028`, `2027 to 2030`.
fn spans(missing: &[i32]) -> String {
    match missing {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [first, .., last] if (last - first) as usize + 1 == missing.len() => format!("{first} to {last}"),
        _ => missing.iter().map(i32::to_string).collect::<Vec<_>>().join(", "),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    let Some(term) = c.header.term else { return };
    let mut reported = BTreeSet::new();
    for cal in &c.calendars {
        if cal.hours.always {
            continue;
        }
        let Some(set) = &cal.hours.holidays else { continue };
        if !reported.insert(set.name.clone()) {
            continue;
        }
        let Some(known) = years(cx, &set.name) else { continue };
        let known_text = match (known.first(), known.last()) {
            (Some(a), Some(b)) if a == b => format!("only {a}"),
            (Some(a), Some(b)) => format!("{a} to {b}"),
            _ => "no year".to_owned(),
        };
        let start = term.start.year();
        let finding = match term.end {
            Some(end) => {
                let missing: Vec<i32> = (start..=end.year()).filter(|y| !known.contains(y)).collect();
                if missing.is_empty() {
                    continue;
                }
                Finding::new(
                    set.span,
                    format!(
                        "holiday set `{}` covers {known_text}, but the term runs from {} to {}: {} not covered",
                        set.name,
                        term.start,
                        end,
                        spans(&missing)
                    ),
                )
                .label(format!("no holidays known for {}", spans(&missing)))
                .help(format!(
                    "add the missing years from a file: `holidays ours from \"holidays.csv\" extends {}` and observe \
`holidays ours`; until they are announced, allow this finding with that reason",
                    set.name
                ))
            }
            None => Finding::new(
                set.span,
                format!("holiday set `{}` covers {known_text}, but the term from {} has no end", set.name, term.start),
            )
            .label("no holidays known after the last covered year")
            .help(format!(
                "give the term an end (`term {}..YYYY-12-31`), or add later years from a file as they are announced",
                term.start
            )),
        };
        out.push(finding.related(term.span, "the term").cite(cal.citation.as_ref()));
    }
}
