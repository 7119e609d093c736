//! What is excused: maintenance windows and notices, and the exclusions
//! with their notice and window conditions.

use super::doc::{Block, Fact, Part, cite_cell};
use super::words::{self, Lang, W};
use crate::ir::{Contract, Exclusion, MaintenancePolicy, MaintenanceWindow, Recurrence};

pub fn maintenance(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("maintenance", W::Maintenance.text(lang));
    let m = &c.maintenance;
    p.spans.extend(m.span);
    p.spans.extend(m.windows.iter().map(|w| w.span));
    let facts = maintenance_facts(m, lang);
    if !facts.is_empty() {
        p.push(Block::Facts(facts));
    }
    p
}

/// A maintenance policy's windows and notices, as facts.
pub fn maintenance_facts(m: &MaintenancePolicy, lang: Lang) -> Vec<Fact> {
    let mut f = Vec::new();
    for w in &m.windows {
        f.push(Fact::new(format!("{} {}", W::Windows.text(lang), w.id), window(w, lang), w.citation.as_ref()));
    }
    for (word, notice) in [
        (W::PlannedNotice, &m.planned_notice),
        (W::EmergencyNotice, &m.emergency_notice),
        (W::RecoveryNotice, &m.recovery_notice),
    ] {
        if let Some(n) = notice {
            f.push(Fact::new(word.text(lang), words::duration(lang, n.seconds), n.citation.as_ref()));
        }
    }
    if let Some(w) = &m.planned_within_window {
        f.push(Fact::new(W::PlannedWithinWindow.text(lang), w.clone(), None));
    }
    f
}

/// `every Tue, Thu 02:00–06:00`, `2nd Sun of the month 00:00–04:00`.
fn window(w: &MaintenanceWindow, lang: Lang) -> String {
    let when = match (&w.recurrence, lang) {
        (Recurrence::Daily, Lang::En) => "daily".to_string(),
        (Recurrence::Daily, Lang::Zh) => "每日".to_string(),
        (Recurrence::Weekly { days }, _) => {
            let days: Vec<&str> = days.iter().map(|d| words::weekday(lang, d.index())).collect();
            match lang {
                Lang::En => format!("every {}", days.join(", ")),
                Lang::Zh => format!("每{}", days.join("、")),
            }
        }
        (Recurrence::MonthlyNth { nth, day }, Lang::En) => {
            format!("the {} {} of each month", words::ordinal(lang, i64::from(*nth)), words::weekday(lang, day.index()))
        }
        (Recurrence::MonthlyNth { nth, day }, Lang::Zh) => {
            format!("每月{}{}", words::ordinal(lang, i64::from(*nth)), words::weekday(lang, day.index()))
        }
    };
    format!("{when} {}–{}", w.start, w.end)
}

pub fn exclusions(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("exclusions", W::Exclusions.text(lang));
    p.spans.extend(c.exclusions_span);
    p.spans.extend(c.exclusions.iter().map(|e| e.span));
    if !c.exclusions.is_empty() {
        p.push(exclusion_table(&c.exclusions, lang));
    }
    p
}

/// Exclusions as a table: category, what it covers, labels, notice,
/// window.
pub fn exclusion_table(list: &[Exclusion], lang: Lang) -> Block {
    let sep = words::list_sep(lang);
    let rows = list
        .iter()
        .map(|e| {
            let standard = words::category(lang, &e.category).map(str::to_string);
            // The contract's own words first; the standard meaning only when
            // it says nothing.
            let description = e.description.clone().or(standard).unwrap_or_default();
            vec![
                e.category.clone(),
                description,
                e.labels.join(sep),
                e.notice.map(|n| words::duration(lang, n)).unwrap_or_default(),
                e.within_window.clone().unwrap_or_default(),
                cite_cell(e.citation.as_ref()),
            ]
        })
        .collect();
    let head = [W::Category, W::Description, W::Labels, W::Notice, W::WithinWindow];
    let mut head: Vec<String> = head.iter().map(|w| w.text(lang).to_string()).collect();
    head.push("§".into());
    Block::Table { head, rows }
}
