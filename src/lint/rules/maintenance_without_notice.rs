//! L103: maintenance excluded with no notice requirement.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L103",
    name: "maintenance-without-notice",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "maintenance excluded with no notice requirement",
    what: "Finds a maintenance exclusion (`maintenance`, `planned_maintenance`, \
`emergency_maintenance`) that says neither `when announced ...` nor has a notice period in the \
contract's `maintenance` policy.",
    why: "An exclusion for maintenance with no notice lets any downtime be called maintenance \
after the fact. Agreements tie it to an announcement (\"预先通知\", \"提前72小时通知\"); the \
evaluator can only excuse a maintenance record by comparing its announcement with the notice \
required, so the requirement has to be written down.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign { target 99.95% }
  exclusions {
    planned_maintenance
    force_majeure
  }
}
"#,
    fix: "Say what notice makes maintenance excluded: `planned_maintenance when announced 72h before`, \
`when announced` for an announcement at any time before the work starts, or a policy \
`maintenance { planned notice 72h }`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign { target 99.95% }
  exclusions {
    planned_maintenance when announced 72h before
    force_majeure
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    let policy = &c.maintenance;
    for e in &c.exclusions {
        let from_policy = match e.category.as_str() {
            "planned_maintenance" => policy.planned_notice.is_some(),
            "emergency_maintenance" => policy.emergency_notice.is_some(),
            "maintenance" => policy.planned_notice.is_some() || policy.emergency_notice.is_some(),
            _ => continue,
        };
        if e.notice.is_some() || from_policy {
            continue;
        }
        let kind = e.category.replace('_', " ");
        out.push(
            Finding::new(e.span, format!("{kind} is excluded with no notice requirement"))
                .label("excluded however late it is announced")
                .help(format!(
                    "write `{} when announced 72h before` with the notice the agreement requires, or `when announced` \
if any announcement before the work starts will do",
                    e.category
                ))
                .cite(e.citation.as_ref()),
        );
    }
}
