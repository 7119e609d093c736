//! L101: an availability or credit promise with no exclusion clause.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L101",
    name: "missing-exclusions",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "an availability, durability or credit promise with no exclusion clause",
    what: "Finds a contract that promises availability, durability or service credits but has no \
`exclusions` clause, or one that lists nothing.",
    why: "Without exclusions every minute of downtime counts against the promise: planned \
maintenance, force majeure, a carrier's outage, the customer's own mistakes. Real agreements \
always exclude some of these; a contract that does not say so is almost always a clause that \
was not encoded, and the evaluator would report breaches the agreement does not recognise.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target 99.95%
  }
}
"#,
    fix: "Add an `exclusions` block that lists what the agreement excludes, with its section.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target 99.95%
  }
  exclusions {                                  § "3.14"
    planned_maintenance when announced 72h before
    force_majeure "不可抗力"
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    if !c.exclusions.is_empty() {
        return;
    }
    let mut promises = c
        .availability
        .iter()
        .map(|a| (a.span, format!("availability of `{}`", a.service), a.citation.as_ref()))
        .chain(c.durability.iter().map(|d| (d.span, format!("durability of `{}`", d.service), d.citation.as_ref())))
        .chain(c.credits.iter().map(|cr| (cr.span, format!("credits for `{}`", cr.service), cr.citation.as_ref())));
    let Some((span, what, citation)) = promises.next() else { return };
    let policy = c.maintenance.planned_notice.is_some() || c.maintenance.emergency_notice.is_some();
    let mut f = match c.exclusions_span {
        Some(ex) => Finding::new(span, format!("{what} is promised, but the exclusions clause lists nothing"))
            .related(ex, "this clause is empty"),
        None if c.maintenance.planned_notice.is_some() || c.maintenance.emergency_notice.is_some() => {
            Finding::new(span, format!("{what} is promised with no exclusions but announced maintenance"))
        }
        None => Finding::new(span, format!("{what} is promised with no exclusions")),
    }
    .label(if policy {
        "all other downtime counts against this"
    } else {
        "every minute of downtime counts against this"
    })
    .help(
        "add an `exclusions { ... }` clause with what the agreement excludes, such as \
`planned_maintenance when announced 72h before` and `force_majeure`",
    )
    .cite(citation);
    for (other, what, _) in promises {
        f = f.related(other, format!("{what}: no exclusions either"));
    }
    out.push(f);
}
