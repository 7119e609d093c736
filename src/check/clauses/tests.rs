//! The keyword table against the readers it names: every keyword and field
//! it lists is one the checker reads, and every hint it gives names the
//! clauses that really hold the field.

use super::{CLAUSES, Clause, Reader, find, home_of_field};
use crate::diag::Code;
use crate::driver::compile_source;

/// The unknown-keyword errors of `body` written inside a contract.
fn unknown_keywords(body: &str) -> Vec<String> {
    let text = format!("contract \"t\" {{\n  timezone \"Asia/Shanghai\"\n{body}\n}}\n");
    compile_source("t.sla", &text)
        .diags
        .iter()
        .filter(|d| d.code == Code::UnknownStatement.as_str())
        .map(|d| d.message.clone())
        .collect()
}

/// The clause's example up to its block: `tier L1 "一级故障" {`.
fn opening(clause: &Clause) -> &'static str {
    clause.example.split_once('{').map_or(clause.example, |(head, _)| head)
}

#[test]
fn every_keyword_is_listed_once() {
    for (i, c) in CLAUSES.iter().enumerate() {
        assert!(CLAUSES[..i].iter().all(|o| o.keyword != c.keyword), "`{}` is listed twice", c.keyword);
        let names = c.field_names();
        for (j, f) in names.iter().enumerate() {
            assert!(!names[..j].contains(f), "`{f}` is listed twice in `{}`", c.keyword);
        }
    }
}

#[test]
fn every_example_opens_its_own_clause_and_is_read_without_an_unknown_keyword() {
    for c in CLAUSES {
        assert_eq!(c.example.split_whitespace().next(), Some(c.keyword), "{}", c.example);
        assert_eq!(unknown_keywords(c.example), Vec::<String>::new(), "{}", c.example);
        for f in c.fields.iter().filter_map(|f| f.example) {
            assert_eq!(unknown_keywords(f), Vec::<String>::new(), "{f}");
        }
    }
}

#[test]
fn every_field_listed_is_one_its_reader_accepts() {
    for c in CLAUSES.iter().filter(|c| !c.fields.is_empty()) {
        for f in c.fields {
            let body = format!("{} {{\n    {}\n  }}", opening(c).trim_end(), f.name);
            assert_eq!(unknown_keywords(&body), Vec::<String>::new(), "`{}` in `{}`", f.name, c.keyword);
        }
    }
}

#[test]
fn a_word_that_is_no_field_is_refused_with_the_fields_listed() {
    // `recovery` reads objective lines, whose first word is any metric's
    // name: it has no unknown words to refuse.
    for c in CLAUSES.iter().filter(|c| !c.fields.is_empty() && c.keyword != "recovery") {
        let body = format!("{} {{\n    zzzzzzzzzzzz 1\n  }}", opening(c).trim_end());
        let errors = unknown_keywords(&body);
        assert_eq!(errors, [format!("`zzzzzzzzzzzz` is not something {} can say", c.noun)], "{}", c.keyword);
    }
}

#[test]
fn header_fields_are_read_by_the_header_and_clauses_by_their_own_reader() {
    let headers: Vec<&str> =
        CLAUSES.iter().filter(|c| matches!(c.read, Reader::Header(_))).map(|c| c.keyword).collect();
    assert_eq!(
        headers,
        [
            "title",
            "provider",
            "customer",
            "version",
            "effective",
            "term",
            "timezone",
            "currency",
            "value",
            "source",
            "underpins"
        ]
    );
    assert!(find("contract").is_none() && find("import").is_none(), "the file's own keywords are not clauses");
}

#[test]
fn every_field_gets_a_home_naming_each_clause_that_holds_it() {
    for c in CLAUSES {
        for f in c.fields {
            if find(f.name).is_some() {
                continue; // a clause of its own at the top (`channel`, `escalation`, `recovery`)
            }
            let home = home_of_field(f.name).unwrap_or_default();
            for holder in CLAUSES.iter().filter(|h| h.fields.iter().any(|g| g.name == f.name)) {
                assert!(home.contains(&format!("`{}`", holder.keyword)), "{home}");
            }
        }
    }
    assert_eq!(home_of_field("zzz"), None);
}

#[test]
fn homes_read_as_before_and_name_every_holder() {
    // A field of one clause, of two, of three; `the` for a clause written once.
    assert_eq!(
        home_of_field("unit").as_deref(),
        Some("`unit` belongs in a `durability` block, such as `durability oss { unit objects }`")
    );
    assert_eq!(
        home_of_field("target").as_deref(),
        Some(
            "`target` belongs in an `availability` or `durability` block, such as `availability esign { target 99.95% }`"
        )
    );
    assert_eq!(
        home_of_field("cap").as_deref(),
        Some(
            "`cap` belongs in a `credit`, `penalty` or `liability` block, such as `liability direct_loss { cap 2x contract_value }`"
        )
    );
    assert_eq!(
        home_of_field("window").as_deref(),
        Some("`window` belongs in the `maintenance` block, such as `maintenance { planned notice 72h }`")
    );
    assert_eq!(
        home_of_field("claim").as_deref(),
        Some(
            "`claim` belongs in a `durability` or `credit` block, such as `durability oss { claim at most 1 in 10^10 per month }`"
        )
    );
}

/// The whole family of the drift fixed in the table: every field written at
/// the top of a contract gets the hint naming all the clauses that hold it,
/// and every clause keyword written inside a block is sent back to the top.
#[test]
fn every_field_at_the_top_and_every_clause_inside_a_block_is_sent_home() {
    let helps = |body: &str| -> Vec<Option<String>> {
        let text = format!("contract \"t\" {{\n  timezone \"Asia/Shanghai\"\n{body}\n}}\n");
        compile_source("t.sla", &text)
            .diags
            .into_iter()
            .filter(|d| d.code == Code::UnknownStatement.as_str())
            .map(|d| d.help)
            .collect()
    };
    for c in CLAUSES {
        // A dashed word (`non-cash`) cannot open a clause at all; it is
        // refused as a line that starts with no keyword.
        for f in c.fields.iter().filter(|f| find(f.name).is_none() && !f.name.contains('-')) {
            assert_eq!(helps(&format!("  {} 1", f.name)), [home_of_field(f.name)], "`{}` at the top", f.name);
        }
    }
    let inside = CLAUSES.iter().find(|c| c.keyword == "credit").map_or("", opening);
    for c in CLAUSES.iter().filter(|c| c.keyword != "credit") {
        let body = format!("{inside}{{\n    {} x\n  }}", c.keyword);
        let expected = format!(
            "`{}` is a clause of the contract: write it outside this block, at the contract's top level",
            c.keyword
        );
        assert_eq!(helps(&body), [Some(expected)], "`{}` inside a credit", c.keyword);
    }
}
