//! The fault tiers: a table of their limits, then each tier's escalation
//! steps, peak-season limits, pauses and update cadence, with the
//! contract-wide rules a tier inherits shown where they apply.

use super::doc::{Block, Fact, Part, cite_cell};
use super::words::{self, Lang, W};
use crate::ir::{
    ClockStart, Contract, EscalationClock, Limit, LimitRule, PauseClock, Reprioritisation, ResolutionKind, Tier,
    TierClock,
};

/// A limit with its clock: `within 15 minutes, around the clock`.
fn limit_on_clock(c: &Contract, t: &Tier, l: &Limit, lang: Lang) -> String {
    let limit = words::limit(lang, l.rule, l.seconds);
    let clock = match &t.clock_by {
        Some(by) => match lang {
            Lang::En => format!("in the hours of the incident's {}", by.field),
            Lang::Zh => format!("按故障所在{}（{}）对应的时间", W::Region.text(lang), by.field),
        },
        None => words::clock(lang, &t.clock_or_default(), c),
    };
    match lang {
        Lang::En => format!("{limit}, {clock}"),
        Lang::Zh => format!("{limit}，{clock}"),
    }
}

fn resolution_cell(c: &Contract, t: &Tier, lang: Lang) -> String {
    let Some(l) = &t.resolution else { return String::new() };
    let mut text = limit_on_clock(c, t, l, lang);
    if t.resolution_kind == ResolutionKind::Advise {
        text = format!("{}{}{text}", W::Advise.text(lang), words::colon(lang));
    }
    if t.resolution_from == ClockStart::Confirmation {
        text.push_str(&words::aside(lang, W::FromConfirmation.text(lang)));
    }
    text
}

pub fn tiers(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("tiers", W::Tiers.text(lang));
    let sep = words::list_sep(lang);
    let mut rows = Vec::new();
    for t in &c.tiers {
        p.spans.push(t.span);
        rows.push(vec![
            t.id.clone(),
            t.name.clone().unwrap_or_default(),
            t.labels.join(sep),
            t.response.as_ref().map(|l| limit_on_clock(c, t, l, lang)).unwrap_or_default(),
            resolution_cell(c, t, lang),
            t.channel.as_ref().map(|id| channel_name(c, id, lang)).unwrap_or_default(),
            t.responders.join(sep),
            cite_cell(t.citation.as_ref()),
        ]);
    }
    if !rows.is_empty() {
        // "Resolution or advice" only when a tier's second limit is advice.
        let advisory = c.tiers.iter().any(|t| t.resolution_kind == ResolutionKind::Advise);
        let second = if advisory { W::ResolutionOrAdvice } else { W::Resolution };
        let head = [W::Tier, W::Description, W::Labels, W::Response, second, W::Channel, W::Responders];
        let mut head: Vec<String> = head.iter().map(|w| w.text(lang).to_string()).collect();
        head[1] = String::new();
        head.push("§".into());
        p.push(Block::Table { head, rows });
    }
    for t in &c.tiers {
        let details = details(c, t, lang);
        if !details.is_empty() {
            // `P0 - 紧急` already says `P0`.
            let title = match &t.name {
                Some(n) if n.starts_with(t.id.as_str()) => n.clone(),
                Some(n) => format!("{} {n}", t.id),
                None => t.id.clone(),
            };
            p.push(Block::Heading(title));
            p.push(Block::List(details));
        }
    }
    if let Some(table) = escalation_times(c, lang) {
        p.push(Block::Heading(W::EscalationTimes.text(lang).into()));
        p.push(table);
    }
    // Contract-wide rules: their spans place lint notes here.
    p.spans.extend(c.escalation.iter().map(|e| e.span));
    p.spans.extend(c.pauses.iter().map(|e| e.span));
    p.spans.extend(c.updates.iter().map(|e| e.span));
    p.spans.extend(c.reprioritised.iter().map(|r| r.span));
    let shared = shared(c, lang);
    if !shared.is_empty() {
        p.push(Block::Heading(W::EveryTier.text(lang).into()));
        p.push(Block::List(shared));
    }
    p
}

fn channel_name(c: &Contract, id: &str, lang: Lang) -> String {
    match c.channels.iter().find(|ch| ch.id == id).and_then(|ch| ch.name.as_ref()) {
        Some(name) => format!("{name}{}", words::aside(lang, id)),
        None => id.to_string(),
    }
}

/// Everything about one tier the table has no column for.
fn details(c: &Contract, t: &Tier, lang: Lang) -> Vec<Fact> {
    let sep = words::list_sep(lang);
    let mut out = Vec::new();
    if let Some(d) = &t.description {
        out.push(Fact::new(W::Description.text(lang), d.clone(), None));
    }
    if !t.notify.is_empty() {
        out.push(Fact::new(W::Notify.text(lang), t.notify.join(sep), None));
    }
    if let Some(by) = &t.clock_by {
        let map = by
            .calendars
            .iter()
            .map(|ch| {
                format!(
                    "“{}” → {}",
                    ch.value,
                    words::clock(lang, &crate::ir::ClockRef::Calendar(ch.calendar.clone()), c)
                )
            })
            .collect::<Vec<_>>()
            .join(words::semi(lang));
        out.push(Fact::new(format!("{}{}", W::ClockByRegion.text(lang), words::aside(lang, &by.field)), map, None));
    }
    // Its own rules; the contract's, which it inherits for a clock it
    // states none for, are shown once for every tier (`shared`).
    out.extend(t.escalation.iter().map(|e| escalation(e, lang)));
    let sp = if lang == Lang::En { " " } else { "" };
    for o in &t.overrides {
        let mut limits = Vec::new();
        if let Some(l) = &o.response {
            limits.push(format!("{}{sp}{}", W::Response.text(lang), limit_on_clock(c, t, l, lang)));
        }
        if let Some(l) = &o.resolution {
            let second = if t.resolution_kind == ResolutionKind::Advise { W::AdviceLimit } else { W::Resolution };
            limits.push(format!("{}{sp}{}", second.text(lang), limit_on_clock(c, t, l, lang)));
        }
        let name = o.name.as_ref().map(|n| format!("“{n}” ")).unwrap_or_default();
        let text = format!("{name}{} – {}{}{}", o.from, o.to, words::colon(lang), limits.join(words::semi(lang)));
        out.push(Fact::new(W::PeakOverrides.text(lang), text, o.citation.as_ref()));
    }
    if let Some(cut) = t.cutoff {
        out.push(Fact::new(W::Cutoff.text(lang), words::time(cut), None));
    }
    out.extend(t.pauses.iter().map(|p| pause(p, lang)));
    out.extend(t.updates.iter().map(|u| updates(u, lang)));
    if !t.exempt_from_resolution.is_empty() {
        let causes: Vec<String> = t
            .exempt_from_resolution
            .iter()
            .map(|id| match words::category(lang, id) {
                Some(what) => format!("{id}{}", words::aside(lang, what)),
                None => id.clone(),
            })
            .collect();
        out.push(Fact::new(W::ExemptFromResolution.text(lang), causes.join(sep), None));
    }
    out
}

/// When each escalation step is reached, per tier: the step's share of
/// each limit it watches, in open time of the tier's clock (`80%` of 15
/// minutes is 12 minutes). A limit set by a rule (business days, a cut-off
/// time) has no fixed length and is left out.
fn escalation_times(c: &Contract, lang: Lang) -> Option<Block> {
    let mut steps: Vec<crate::ir::Percent> = Vec::new();
    for t in &c.tiers {
        for clock in [TierClock::Response, TierClock::Resolution] {
            for e in c.escalation_for(t, clock) {
                if !steps.contains(&e.at) {
                    steps.push(e.at);
                }
            }
        }
    }
    if steps.is_empty() {
        return None;
    }
    steps.sort();
    let mut rows = Vec::new();
    for t in &c.tiers {
        let mut row = vec![t.id.clone()];
        for at in &steps {
            let mut cell = Vec::new();
            for (clock, limit, word) in
                [(TierClock::Response, &t.response, W::Response), (TierClock::Resolution, &t.resolution, W::Resolution)]
            {
                let watched = c.escalation_for(t, clock).any(|e| e.at == *at);
                let Some(seconds) = limit.as_ref().and_then(|l| l.open_seconds()).filter(|_| watched) else { continue };
                let Some(share) = at.of(rust_decimal::Decimal::from(seconds.0)) else { continue };
                let whole = rust_decimal::prelude::ToPrimitive::to_i64(&share.trunc()).unwrap_or(0);
                let sp = if lang == Lang::En { " " } else { "" };
                cell.push(format!("{}{sp}{}", word.text(lang), words::duration(lang, crate::ir::Seconds(whole))));
            }
            row.push(cell.join(words::semi(lang)));
        }
        rows.push(row);
    }
    let mut head = vec![W::Tier.text(lang).to_string()];
    head.extend(steps.iter().map(|s| s.to_string()));
    Some(Block::Table { head, rows })
}

fn escalation(e: &crate::ir::EscalationThreshold, lang: Lang) -> Fact {
    let of = match e.clock {
        EscalationClock::Both => W::EscalationBoth,
        EscalationClock::Response => W::EscalationResponse,
        EscalationClock::Resolution => W::EscalationResolution,
    };
    let at = match lang {
        Lang::En => format!("at {} {}", e.at, of.text(lang)),
        Lang::Zh => format!("达到{}{}时", of.text(lang), e.at),
    };
    let text = match &e.action {
        Some(a) => format!("{at}{}{a}", words::colon(lang)),
        None => at,
    };
    Fact::new(W::Escalation.text(lang), text, e.citation.as_ref())
}

fn pause(p: &crate::ir::Pause, lang: Lang) -> Fact {
    let which = match p.clock {
        PauseClock::Both => W::PauseBoth,
        PauseClock::Response => W::PauseResponse,
        PauseClock::Resolution => W::PauseResolution,
    };
    let label = format!("{}{}", W::Pauses.text(lang), words::aside(lang, which.text(lang)));
    Fact::new(label, p.statuses.join(words::list_sep(lang)), p.citation.as_ref())
}

fn updates(u: &crate::ir::UpdateCadence, lang: Lang) -> Fact {
    let mut text = cadence(u.every, lang);
    if let Some(first) = &u.first {
        let first = words::limit(lang, first.rule, first.seconds);
        let sp = if lang == Lang::En { " " } else { "" };
        text.push_str(&format!("{}{}{sp}{first}", words::semi(lang), W::FirstUpdate.text(lang)));
    }
    Fact::new(W::UpdateCadence.text(lang), text, u.citation.as_ref())
}

/// The contract's escalation steps, pauses and cadence, for every tier that
/// states none of its own for that clock, and the re-prioritisation rule.
fn shared(c: &Contract, lang: Lang) -> Vec<Fact> {
    let mut out: Vec<Fact> = c.escalation.iter().map(|e| escalation(e, lang)).collect();
    out.extend(c.pauses.iter().map(|p| pause(p, lang)));
    out.extend(c.updates.iter().map(|u| updates(u, lang)));
    if let Some(r) = &c.reprioritised {
        let rule = match r.rule {
            Reprioritisation::FromStart => W::FromStart,
            Reprioritisation::FromChange => W::FromChange,
        };
        out.push(Fact::new(W::Reprioritised.text(lang), rule.text(lang), r.citation.as_ref()));
    }
    out
}

/// An update cadence: `every 8 hours`, `every 2 business days` / `每8小时`,
/// `每2个工作日`; a deadline rule as its phrase.
fn cadence(l: Limit, lang: Lang) -> String {
    match (l.rule, lang) {
        (LimitRule::OpenTime, Lang::En) => {
            let d = words::duration(lang, l.seconds);
            // `every hour`, not `every 1 hour`.
            match d.strip_prefix("1 ") {
                Some(unit) if !unit.contains(' ') => format!("every {unit}"),
                _ => format!("every {d}"),
            }
        }
        (LimitRule::OpenTime, Lang::Zh) => format!("每{}", words::duration(lang, l.seconds)),
        (LimitRule::BusinessDays { days: 1 }, Lang::En) => "every business day".into(),
        (LimitRule::BusinessDays { days }, Lang::En) => format!("every {days} business days"),
        (LimitRule::BusinessDays { days }, Lang::Zh) => format!("每{days}个工作日"),
        (rule, _) => words::limit(lang, rule, l.seconds),
    }
}
