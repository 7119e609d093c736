//! L405: a promise that cites no clause of the agreement.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "L405",
    name: "missing-citation",
    category: Category::Style,
    default_level: Level::Off,
    summary: "a promise that cites no clause of the agreement (off by default)",
    what: "Finds an availability, durability, credit, entitlement, penalty, liability or tier \
clause with no `§ \"section\"` citation. Off by default; turn it on for contracts that must be \
traceable clause by clause (`missing-citation = \"warn\"` in `slac.toml`).",
    why: "A citation ties each promise to the sentence of the agreement it encodes, so a reviewer \
can check the encoding and every diagnostic and report line can point back to the agreement.",
    example: r#"contract "example" {
  #![warn(missing-citation)]
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
    clock 24x7
  }
}
"#,
    fix: "Add the section after the clause's head: `tier L1 \"一级故障\" { § \"3.2\"`.",
    fixed: r#"contract "example" {
  #![warn(missing-citation)]
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {                     § "3.2"
    respond within 15min
    resolve within 2h
    clock 24x7
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    let mut missing: Vec<(Span, String)> = Vec::new();
    let mut add = |span: Span, cited: bool, what: String| {
        if !cited {
            missing.push((span, what));
        }
    };
    for a in &c.availability {
        add(a.span, a.citation.is_some(), format!("the availability of `{}`", a.service));
    }
    for d in &c.durability {
        add(d.span, d.citation.is_some(), format!("the durability of `{}`", d.service));
    }
    for cr in &c.credits {
        add(cr.span, cr.citation.is_some(), format!("the credits for `{}`", cr.service));
    }
    for e in &c.entitlements {
        add(e.span, e.citation.is_some(), format!("the entitlement for `{}`", e.service));
    }
    for p in &c.penalties {
        add(p.span, p.citation.is_some(), format!("penalty `{}`", p.id));
    }
    for l in &c.liability {
        add(l.span, l.citation.is_some(), format!("liability `{}`", l.id));
    }
    for t in &c.tiers {
        add(t.span, t.citation.is_some(), format!("tier `{}`", t.id));
    }
    for (span, what) in missing {
        out.push(
            Finding::new(span, format!("{what} cites no clause of the agreement"))
                .label("no `§` citation")
                .help("add the section it encodes after the clause's head: `§ \"3.2\"`"),
        );
    }
}
