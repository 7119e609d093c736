//! L108: an objective that nothing can measure.

use crate::lint::measurable::{self, METRICS};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L108",
    name: "unmeasurable-objective",
    category: Category::Completeness,
    default_level: Level::Warning,
    summary: "an objective that no input can measure",
    what: "Finds an `objective` (or a line of `recovery`) whose name is not one slac can measure \
from its inputs, or whose value is of another kind than the figure measured (a percentage for \
a duration). The measurable names are listed at the end of this page; they are the names a \
metrics file given to `slac eval --metrics` may carry.",
    why: "An objective is written so that it can be checked. One that no input names is reported \
as \"not measured\" every period, which reads like compliance but proves nothing; usually the \
name is misspelt or a private name was used for a standard figure.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  recovery {
    recovery_time_objective < 15min
  }
}
"#,
    fix: "Use the measurable name for the figure (`rto < 15min`). For a commitment that nothing \
measures, keep it as `prose` or `duty` instead of an objective.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  recovery {
    rto < 15min
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for o in &cx.contract.objectives {
        match measurable::find(&o.name) {
            Some(metric) if metric.kind.accepts(&o.value) => {}
            Some(metric) => out.push(
                Finding::new(
                    o.span,
                    format!(
                        "`{}` is measured as {}, but this objective compares it with {}",
                        o.name,
                        metric.kind.name(),
                        o.value
                    ),
                )
                .label("the kinds do not match")
                .help(format!("`{}` is {}: write its value as {}", o.name, metric.meaning, metric.kind.name()))
                .cite(o.citation.as_ref()),
            ),
            None => {
                let hint = crate::diag::suggest::did_you_mean(&o.name, METRICS.iter().map(|m| m.name))
                    .map(|s| format!("{s} "))
                    .unwrap_or_default();
                out.push(
                    Finding::new(
                        o.span,
                        format!("nothing measures `{}`: no input gives a figure of that name", o.name),
                    )
                    .label("unmeasurable objective")
                    .help(format!(
                        "{hint}the measurable names are listed by `slac explain unmeasurable-objective`; a commitment \
nothing measures belongs in `prose` or `duty`"
                    ))
                    .cite(o.citation.as_ref()),
                );
            }
        }
    }
}
