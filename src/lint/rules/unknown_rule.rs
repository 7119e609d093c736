//! L403: an attribute naming a rule that does not exist.

use crate::lint::registry::{self, Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L403",
    name: "unknown-rule",
    category: Category::Style,
    default_level: Level::Warning,
    summary: "a lint attribute naming a rule that does not exist",
    what: "Finds a name in `#[allow(...)]`, `#[warn(...)]` or `#[deny(...)]` that is neither a \
rule's name nor its code.",
    why: "A misspelt rule name allows nothing: the finding it was meant for is still reported, \
or, worse, a later rename leaves the attribute behind. `slac explain --list` lists the rules.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  #[allow(missing-exclusion, reason = "exclusions are in the master agreement")]
  service esign "电子签约平台"
}
"#,
    fix: "Correct the name; the help line suggests the closest rule.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for attr in &cx.contract.lint_attributes {
        for (name, span) in &attr.rules {
            if registry::find(name).is_some() {
                continue;
            }
            let help = match registry::suggest(name) {
                Some(s) => format!("did you mean `{s}`? `slac explain --list` lists every rule"),
                None => "`slac explain --list` lists every rule by code and name".to_owned(),
            };
            out.push(Finding::new(*span, format!("`{name}` is not a lint rule")).label("unknown rule").help(help));
        }
    }
}
