//! L109: an example that expects nothing.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L109",
    name: "example-without-expectation",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "an `example` with no `expect` line",
    what: "Finds an `example` block with no `expect` line.",
    why: "An example pins a reading of a clause by the verdicts it must give; one that expects \
nothing passes whatever the contract says, so `slac test` reports it as passed and nothing is \
checked.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service api "API"
  availability api { target 99.9% }
  example "a quiet month" {
    as_of 2025-04-01 00:00
    from  2025-03
  }
}
"#,
    fix: "Say what the report must show: `expect availability api 2025-03 met, unavailable 0min`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service api "API"
  availability api { target 99.9% }
  example "a quiet month" {
    as_of 2025-04-01 00:00
    from  2025-03
    expect availability api 2025-03 met, unavailable 0min
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for ex in cx.contract.examples.iter().filter(|e| e.expectations.is_empty()) {
        out.push(
            Finding::new(ex.span, format!("the example \"{}\" expects nothing, so it cannot fail", ex.name))
                .label("no `expect` line")
                .help(
                    "add what the report must show, such as `expect verdict met` or `expect incident A1 response met`",
                )
                .cite(ex.citation.as_ref()),
        );
    }
}
