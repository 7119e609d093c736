//! Availability promises with the downtime each allows per period length,
//! and durability promises.

use super::doc::{Block, Fact, Part};
use super::excused;
use super::words::{self, Lang, W};
use crate::ir::{Availability, Condition, Contract, Formula, MinuteRule, OutageMeasure, PartialPolicy, SetRule};
use crate::ir::{Durability, TotalMinutes};
use crate::lint::exact::{allowed_seconds, budget_unit, in_unit};

pub fn availability(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("availability", W::Availability.text(lang));
    for a in &c.availability {
        p.spans.push(a.span);
        let title = match c.service(&a.service).and_then(|s| s.name.as_ref()) {
            Some(name) => format!("{} {name}", a.service),
            None => a.service.clone(),
        };
        p.push(Block::Heading(title));
        p.push(Block::Facts(facts(a, lang)));
        p.push(allowed_table(a, lang));
        if !a.exclusions.is_empty() {
            p.push(Block::Heading(W::OwnExclusions.text(lang).into()));
            p.push(excused::exclusion_table(&a.exclusions, lang));
        }
        if let Some(m) = &a.maintenance {
            p.push(Block::Heading(W::OwnMaintenance.text(lang).into()));
            p.push(Block::Facts(excused::maintenance_facts(m, lang)));
        }
    }
    p
}

/// `99.95% per month` / `每月99.95%`.
fn target(lang: Lang, t: crate::ir::Percent, period: crate::ir::PeriodKind) -> String {
    match lang {
        Lang::En => format!("{t} {}", words::per_period(lang, period)),
        Lang::Zh => format!("{}{t}", words::per_period(lang, period)),
    }
}

fn facts(a: &Availability, lang: Lang) -> Vec<Fact> {
    let cite = a.citation.as_ref();
    let period = a.period_or_default();
    let mut f = vec![
        Fact::new(W::Target.text(lang), target(lang, a.target, period), cite),
        Fact::new(W::Period.text(lang), words::period(lang, period), None),
    ];
    let partial = match a.partial_or_default() {
        PartialPolicy::Skipped => W::PartialSkipped,
        PartialPolicy::AsWhole => W::PartialAsWhole,
    };
    f.push(Fact::new(W::PartialPeriods.text(lang), partial.text(lang), None));
    let minute = match a.minute_rule_or_default() {
        MinuteRule::SuccessBelow(p) if lang == Lang::Zh => format!("{}{p}", W::SuccessBelow.text(lang)),
        MinuteRule::SuccessBelow(p) => format!("{} {p}", W::SuccessBelow.text(lang)),
        MinuteRule::AllAttemptsFail => W::AllAttemptsFail.text(lang).into(),
    };
    f.push(Fact::new(W::MinuteDown.text(lang), minute, None));
    let missing = if a.missing_data_down { W::MissingDown } else { W::MissingUp };
    f.push(Fact::new(W::MissingData.text(lang), missing.text(lang), None));
    let minimum = a
        .minimum_outage
        .map(|s| words::duration(lang, s))
        .unwrap_or_else(|| words::duration(lang, crate::ir::Seconds(60)));
    f.push(Fact::new(W::MinimumOutage.text(lang), minimum, None));
    let formula = match a.formula_or_default() {
        Formula::ExcludingExcused => W::FormulaExcluding,
        Formula::OverTotal => W::FormulaTotal,
    };
    f.push(Fact::new(W::Formula.text(lang), formula.text(lang), None));
    if let Some(rule) = a.set_down {
        let text = match rule {
            SetRule::Any => W::SetAny,
            SetRule::All => W::SetAll,
        };
        f.push(Fact::new(W::SetRule.text(lang), text.text(lang), None));
    }
    if let Some(m) = a.outages {
        let text = match m {
            OutageMeasure::MinuteGrid => W::OutagesGrid.text(lang).to_string(),
            OutageMeasure::Duration { over: None } => W::OutagesDuration.text(lang).to_string(),
            OutageMeasure::Duration { over: Some(s) } => {
                let over = words::duration(lang, s);
                match lang {
                    Lang::En => format!("{}, over {over}", W::OutagesDuration.text(lang)),
                    Lang::Zh => format!("{}，超过{over}方计", W::OutagesDuration.text(lang)),
                }
            }
        };
        f.push(Fact::new(W::Outages.text(lang), text, None));
    }
    for e in &a.eligibility {
        let text = match (&e.condition, lang) {
            (Condition::Zones { at_least }, Lang::Zh) => format!("至少{at_least}个可用区"),
            (Condition::SetSize { at_least }, Lang::Zh) => format!("实例组至少{at_least}个实例"),
            (Condition::Storage { storage }, Lang::Zh) => format!("存储类型为 {storage}"),
            (cond, Lang::En) => cond.text(),
        };
        f.push(Fact::new(W::CoversWhen.text(lang), text, e.citation.as_ref()));
    }
    if let Some(t) = a.total_minutes {
        let text = match (t, lang) {
            (TotalMinutes::DaysPurchased, Lang::Zh) => "按购买天数".to_string(),
            (TotalMinutes::WhileRunning { at_least }, Lang::Zh) => format!("至少{at_least}个实例运行期间"),
            (t, Lang::En) => t.text(),
        };
        f.push(Fact::new(W::TotalMinutes.text(lang), text, None));
    }
    if let Some(s) = &a.slices {
        f.push(Fact::new(W::Slices.text(lang), words::slices(lang, s), None));
    }
    if a.per_region {
        f.push(Fact::new(W::PerRegion.text(lang), W::Yes.text(lang), None));
    }
    for b in &a.budget_claims {
        // In minutes, as agreements write budgets: exact, or marked `≈`.
        let seconds = b.exact.unwrap_or_else(|| rust_decimal::Decimal::from(b.at_most.0));
        let minutes = match lang {
            Lang::En => format!("{} minutes", in_unit(seconds, 60)),
            Lang::Zh => format!("{}分钟", in_unit(seconds, 60)),
        };
        let days = match lang {
            Lang::En => b.assumes_days.map(|d| format!(" (assuming {d} days)")),
            Lang::Zh => b.assumes_days.map(|d| format!("（按{d}天计）")),
        }
        .unwrap_or_default();
        let text = match lang {
            Lang::En => format!("at most {minutes} {}{days}", words::per_period(lang, b.per)),
            Lang::Zh => format!("{}不超过{minutes}{days}", words::per_period(lang, b.per)),
        };
        f.push(Fact::new(W::BudgetClaim.text(lang), text, b.citation.as_ref()));
    }
    f
}

/// The downtime the target allows in each length the period can have:
/// 99.99% of a month is 4.032 minutes in 28 days, 4.464 in 31.
fn allowed_table(a: &Availability, lang: Lang) -> Block {
    let period = a.period_or_default();
    let (unit, unit_seconds) = budget_unit(period);
    let unit = match (lang, unit) {
        (Lang::Zh, "min") => "分钟",
        (Lang::Zh, _) => "小时",
        (Lang::En, "min") => "minutes",
        (Lang::En, _) => "hours",
    };
    let rows = period
        .lengths_in_days()
        .iter()
        .map(|&days| {
            let allowed = allowed_seconds(a.target, days).map(|s| in_unit(s, unit_seconds)).unwrap_or_default();
            match lang {
                Lang::En => vec![format!("{days} {}", W::Days.text(lang)), format!("{allowed} {unit}")],
                Lang::Zh => vec![format!("{days}{}", W::Days.text(lang)), format!("{allowed}{unit}")],
            }
        })
        .collect();
    Block::Table {
        head: vec![
            W::PeriodLength.text(lang).into(),
            format!("{}{}", W::AllowedDowntime.text(lang), words::aside(lang, &a.target.to_string())),
        ],
        rows,
    }
}

pub fn durability(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("durability", W::Durability.text(lang));
    for d in &c.durability {
        p.spans.push(d.span);
        p.push(Block::Heading(d.service.clone()));
        p.push(Block::Facts(durability_facts(d, lang)));
    }
    p
}

fn durability_facts(d: &Durability, lang: Lang) -> Vec<Fact> {
    let period = d.period.unwrap_or(crate::ir::PeriodKind::Month);
    let mut f = vec![Fact::new(W::Target.text(lang), target(lang, d.target, period), d.citation.as_ref())];
    let partial = match d.partial.unwrap_or(PartialPolicy::Skipped) {
        PartialPolicy::Skipped => W::PartialSkipped,
        PartialPolicy::AsWhole => W::PartialAsWhole,
    };
    f.push(Fact::new(W::PartialPeriods.text(lang), partial.text(lang), None));
    if let Some(u) = &d.unit {
        f.push(Fact::new(W::Unit.text(lang), u.clone(), None));
    }
    if let Some(o) = &d.one_in {
        f.push(Fact::new(W::OneIn.text(lang), format!("1 / {}", o.n), o.citation.as_ref()));
    }
    f
}
