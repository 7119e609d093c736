//! Durability per period: `1 - lost / total` against the target, exactly.

use super::compensation::months_of;
use super::window::{Treatment, Window};
use super::{EvalError, Evaluation};
use crate::events::UsageRow;
use crate::ir::{Durability, compare_ratio_to_percent};
use crate::report::{DurabilityLedger, DurabilityStatus, Ratio};
use chrono_tz::Tz;

pub fn evaluate(
    d: &Durability,
    usage: &[UsageRow],
    window: &Window,
    tz: Tz,
    ev: &mut Evaluation,
) -> Result<Vec<DurabilityLedger>, EvalError> {
    let kind = d.period.unwrap_or(crate::ir::PeriodKind::Month);
    let policy = d.partial.unwrap_or(crate::ir::PartialPolicy::Skipped);
    let mut out = Vec::new();
    for plan in window.periods(kind, policy, tz)? {
        let mut l = DurabilityLedger {
            service: d.service.clone(),
            instance: None,
            period: plan.period.label.clone(),
            target: d.target.to_string(),
            citation: d.citation.as_ref().map(|c| c.section.clone()),
            ..Default::default()
        };
        if let Treatment::Skip(reason) = &plan.treatment {
            l.status = DurabilityStatus::Skipped;
            l.note = Some(reason.clone());
            out.push(l);
            continue;
        }
        let months: Vec<String> = months_of(&plan.period.label).iter().map(|m| m.to_string()).collect();
        let rows: Vec<&UsageRow> = usage
            .iter()
            .filter(|u| months.contains(&u.period) && u.service.as_deref().is_none_or(|s| s == d.service))
            .filter(|u| u.objects_total.is_some())
            .collect();
        if rows.is_empty() {
            l.status = DurabilityStatus::NoData;
            l.note = Some("no usage row gives objects_total for this period".into());
            out.push(l);
            continue;
        }
        let total: u64 = rows.iter().filter_map(|u| u.objects_total).sum();
        let lost: u64 = rows.iter().filter_map(|u| u.objects_lost).sum();
        l.objects_total = Some(total);
        l.objects_lost = Some(lost);
        if total == 0 {
            l.status = DurabilityStatus::Met;
            l.note = Some("no objects were stored".into());
            out.push(l);
            continue;
        }
        let kept = total.saturating_sub(lost);
        let met = compare_ratio_to_percent(i128::from(kept), i128::from(total), d.target).is_ge();
        l.ratio =
            Some(Ratio { numerator: kept as i64, denominator: total as i64, percent: durability_percent(kept, total) });
        l.status = if met { DurabilityStatus::Met } else { DurabilityStatus::Missed };
        if !met {
            ev.verdict.durability_missed += 1;
        }
        out.push(l);
    }
    Ok(out)
}

/// Durability targets have many nines: show 12 places, truncated.
fn durability_percent(num: u64, den: u64) -> String {
    let scale: i128 = 10i128.pow(12);
    let scaled = i128::from(num) * 100 * scale / i128::from(den);
    format!("{}.{:012}", scaled / scale, scaled % scale)
}
