//! L404: an allowance with no reason.

use crate::ir::LintLevel;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L404",
    name: "allowance-without-reason",
    category: Category::Style,
    default_level: Level::Warning,
    summary: "an `allow` attribute with no `reason`",
    what: "Finds an `#[allow(...)]` or `#![allow(...)]` attribute without `reason = \"...\"`.",
    why: "Allowing a finding is a decision about the contract (the agreement really says so, the \
year's holidays are not announced yet). Without the reason the next reader cannot tell a \
decision from a way of silencing the tool.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  #[allow(missing-exclusions)]
  availability esign { target 99.95%; period month; partial skipped; minute down when success below 90%; minimum outage 5min }
}
"#,
    fix: "Add the reason: `#[allow(missing-exclusions, reason = \"exclusions are in the master agreement\")]`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  #[allow(missing-exclusions, reason = "exclusions are in the master agreement")]
  availability esign { target 99.95%; period month; partial skipped; minute down when success below 90%; minimum outage 5min }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for attr in cx.contract.lint_attributes.iter().filter(|a| a.level == LintLevel::Allow) {
        if attr.reason.as_deref().is_some_and(|r| !r.trim().is_empty()) {
            continue;
        }
        let names: Vec<&str> = attr.rules.iter().map(|(n, _)| n.as_str()).collect();
        out.push(
            Finding::new(attr.span, format!("this allowance of `{}` gives no reason", names.join("`, `")))
                .label("no `reason = \"...\"`")
                .help(format!(
                    "say why: `#{}[allow({}, reason = \"...\")]`",
                    if attr.scope.is_none() { "!" } else { "" },
                    names.join(", ")
                )),
        );
    }
}
