//! L102: exclusions without force majeure or planned maintenance.

use crate::ir::{Exclusion, is_maintenance_category};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L102",
    name: "missing-standard-exclusion",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "exclusions that leave out force majeure or planned maintenance",
    what: "Finds an `exclusions` clause that does not list `force_majeure`, or that lists no \
maintenance category (`planned_maintenance` or `maintenance`) while the contract has no \
`maintenance` policy with a planned notice either.",
    why: "Force majeure and announced maintenance are excluded by nearly every service-level \
agreement, often in a different section from the rest (a \"limitations\" chapter). When the \
encoded contract lacks them, the clause was probably missed, and the evaluator would count a \
typhoon or a planned upgrade as downtime.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign { target 99.95% }
  exclusions {
    customer "用户操作不当"
  }
}
"#,
    fix: "Add the missing categories, citing the section they come from: `force_majeure` and \
`planned_maintenance when announced 72h before`. If the agreement truly has no such exclusion, \
allow the finding on the clause with the reason.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign { target 99.95% }
  exclusions {
    customer "用户操作不当"
    force_majeure "不可抗力"                      § "5"
    planned_maintenance when announced 72h before § "4.14.1(1)"
  }
}
"#,
    peer_example: None,
    check,
};

fn has(list: &[Exclusion], test: impl Fn(&Exclusion) -> bool) -> bool {
    list.iter().any(test)
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    let Some(span) = c.exclusions_span else { return };
    if c.exclusions.is_empty() {
        return;
    }
    if !has(&c.exclusions, |e| e.category == "force_majeure") {
        out.push(Finding::new(span, "the exclusions do not name force majeure").label("no `force_majeure` here").help(
            "add `force_majeure \"不可抗力...\"` with the section it comes from; agreements often put it \
in a separate limitations chapter",
        ));
    }
    let planned = has(&c.exclusions, |e| is_maintenance_category(&e.category) && e.category != "emergency_maintenance");
    // A maintenance policy with a planned notice excuses announced work too.
    if !planned && c.maintenance.planned_notice.is_none() {
        out.push(
            Finding::new(span, "the exclusions do not name planned maintenance")
                .label("no `planned_maintenance` here")
                .help(
                    "add `planned_maintenance when announced 72h before` (with the notice the agreement requires), or a \
policy `maintenance { planned notice 72h }`",
                ),
        );
    }
}
