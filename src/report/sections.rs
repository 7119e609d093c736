//! The report laid out for people: titled tables with notes under them.
//! The terminal table and the Markdown rendering both draw these, so they
//! always say the same thing.

use super::model::*;
use super::status::PeriodStatus;
use super::text::{duration, money, short_time};

/// One titled table and the lines that explain it.
pub struct Section {
    pub title: String,
    pub columns: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub notes: Vec<String>,
}

impl Section {
    fn new(title: impl Into<String>, columns: Vec<&'static str>) -> Self {
        Section { title: title.into(), columns, rows: Vec::new(), notes: Vec::new() }
    }
}

pub fn build(r: &Report) -> Vec<Section> {
    parts(r)
        .into_iter()
        .map(|p| match p {
            Part::Built(s) => s,
            Part::Incidents(mut s) => {
                incident_lines(r, &mut |row| s.rows.push(row), &mut s.notes);
                s
            }
        })
        .collect()
}

/// A section, or the incidents' one with its title and columns only: its
/// rows are made one incident at a time (`incident_lines`), so that a
/// rendering may write them as they come.
pub enum Part {
    Built(Section),
    Incidents(Section),
}

pub fn parts(r: &Report) -> Vec<Part> {
    let cur = r.contract.currency.clone().unwrap_or_default();
    let mut out = vec![Part::Built(inputs(r))];
    if !r.terms.is_empty() {
        out.push(Part::Built(terms(r)));
    }
    if !r.availability.is_empty() {
        out.push(Part::Built(availability(r)));
    }
    if !r.durability.is_empty() {
        out.push(Part::Built(durability(r)));
    }
    if !r.incidents.is_empty() {
        out.push(Part::Incidents(incidents(r)));
    }
    if !r.credits.is_empty() {
        out.push(Part::Built(credits(r, &cur)));
    }
    if !r.entitlements.is_empty() {
        out.push(Part::Built(entitlements(r)));
    }
    if !r.penalty_totals.is_empty() {
        out.push(Part::Built(penalties(r, &cur)));
    }
    if !r.liability.is_empty() {
        out.push(Part::Built(liability(r)));
    }
    if !r.objectives.is_empty() {
        out.push(Part::Built(objectives(r)));
    }
    out.push(Part::Built(totals(r, &cur)));
    out
}

/// The lines above the tables.
pub fn heading(r: &Report) -> Vec<String> {
    let c = &r.contract;
    let mut lines = vec![format!("{} — {}", c.title.clone().unwrap_or_else(|| c.id.clone()), c.file)];
    if let Some(p) = &c.provider {
        lines.push(format!("provider: {p}"));
    }
    lines.push(format!("evaluated {} to {}, as of {} ({})", r.from, r.to, short_time(&r.as_of), c.timezone));
    lines
}

/// The last line: what the evaluation concluded.
pub fn verdict(r: &Report) -> String {
    let v = &r.verdict;
    if v.all_met {
        "verdict: every commitment evaluated was met".into()
    } else {
        let mut parts = Vec::new();
        if v.availability_missed > 0 {
            parts.push(format!("{} availability period(s) missed", v.availability_missed));
        }
        if v.durability_missed > 0 {
            parts.push(format!("{} durability period(s) missed", v.durability_missed));
        }
        if v.clocks_breached > 0 {
            parts.push(format!("{} tier clock(s) breached", v.clocks_breached));
        }
        if v.objectives_missed > 0 {
            parts.push(format!("{} objective(s) missed", v.objectives_missed));
        }
        if let Some(n) = v.updates_missed.filter(|n| *n > 0) {
            parts.push(format!("{n} update gap(s) longer than the cadence"));
        }
        format!("verdict: {}", parts.join(", "))
    }
}

/// An incident's update cadence, under the incidents table: the verdict,
/// then each gap longer than the cadence.
fn update_notes(notes: &mut Vec<String>, id: &str, u: &super::UpdatesResult) {
    // A cadence in business days is shown as written; open time as a
    // duration.
    let first = match (&u.first_within_rule, u.first_within_seconds) {
        (Some(rule), _) => format!(", first within {rule}"),
        (None, Some(f)) => format!(", first within {}", duration(f)),
        (None, None) => String::new(),
    };
    let every = u.every_rule.clone().unwrap_or_else(|| duration(u.every_seconds));
    let head = format!("{id}: updates every {every}{first}");
    let counted = match (u.updates, u.internal) {
        (n, 0) => format!("{n} update(s)"),
        (n, k) => format!("{n} update(s), {k} internal not counted"),
    };
    let due = u.next_due.as_deref().map(|d| format!(", next due {}", short_time(d))).unwrap_or_default();
    notes.push(match u.status {
        super::UpdatesStatus::NotMeasured => format!("{head}: not measured (no update history in the inputs)"),
        status => format!("{head}: {status} ({counted}{due})"),
    });
    for g in &u.gaps {
        let still = if g.open { " (still open at as_of)" } else { "" };
        let what = if g.first { "first update" } else { "update gap" };
        notes.push(format!(
            "{id}: {what} {} to {}{still}: {} business min, {} over {}",
            short_time(&g.from),
            short_time(&g.until),
            g.business_minutes,
            duration(g.over_seconds),
            duration(g.limit_seconds)
        ));
    }
}

fn inputs(r: &Report) -> Section {
    let mut s =
        Section::new("Inputs", vec!["input", "file", "format", "rows", "records", "derived", "used", "skipped"]);
    for i in &r.inputs {
        let used = i.used.iter().map(|(k, n)| format!("{k}: {n}")).collect::<Vec<_>>().join(", ");
        s.rows.push(vec![
            i.kind.to_string(),
            i.file.clone(),
            i.format.clone(),
            i.rows_read.to_string(),
            i.records.to_string(),
            i.records_derived.to_string(),
            used,
            i.rows_skipped.to_string(),
        ]);
        for k in &i.skipped {
            s.notes.push(format!("skipped {}: {}", k.location, k.reason));
        }
        s.notes.extend(i.notes.iter().map(|n| format!("{}: {n}", i.file)));
    }
    for u in &r.unmatched_causes {
        s.notes.push(format!("cause `{}` ({}): {}", u.cause, u.incidents.join(", "), u.note));
    }
    s.notes.extend(r.notes.iter().cloned());
    s
}

/// An amended contract's versions, and the dates each was in force.
fn terms(r: &Report) -> Section {
    let mut s = Section::new("Terms", vec!["terms", "in force from", "to", "§"]);
    for t in &r.terms {
        s.rows.push(vec![
            t.terms.clone(),
            t.from.clone().unwrap_or_else(|| "the start".into()),
            t.to.clone().unwrap_or_else(|| "the end".into()),
            cite(&t.citation),
        ]);
    }
    s.notes.push("each period is judged by the terms the contract's straddle rule picks, each incident by those in force when it opened (the `terms` column)".into());
    s
}

/// With a `terms` column last, for an amended contract's report: which
/// terms judged each line.
fn terms_column(s: &mut Section, r: &Report) -> bool {
    let amended = !r.terms.is_empty();
    if amended {
        s.columns.push("terms");
    }
    amended
}

fn terms_cell(row: &mut Vec<String>, amended: bool, terms: &Option<String>) {
    if amended {
        row.push(terms.clone().unwrap_or_else(|| "-".into()));
    }
}

/// The clause a line comes from: `§ 4.8`, or `-`.
fn cite(citation: &Option<String>) -> String {
    citation.as_ref().map(|c| format!("§ {c}")).unwrap_or_else(|| "-".into())
}

fn who(service: &str, instance: &Option<String>) -> String {
    match instance {
        Some(i) => format!("{service}/{i}"),
        None => service.to_owned(),
    }
}

/// `who`, with the region of a `per region` cell: `ec2 @ us-east-1`.
fn cell(service: &str, instance: &Option<String>, region: &Option<String>) -> String {
    match region {
        Some(r) => format!("{} @ {r}", who(service, instance)),
        None => who(service, instance),
    }
}

fn availability(r: &Report) -> Section {
    let mut s = Section::new(
        "Availability",
        vec![
            "service",
            "period",
            "status",
            "T min",
            "E min",
            "U min",
            "achieved",
            "target",
            "allowed min",
            "remaining min",
            "§",
        ],
    );
    let amended = terms_column(&mut s, r);
    for l in &r.availability {
        let status = match (l.in_progress, l.status.as_str()) {
            (true, st) => format!("{st} (in progress)"),
            (false, st) => st.to_owned(),
        };
        let achieved = l.ratio.as_ref().map(|x| format!("{}%", x.percent)).unwrap_or_else(|| "-".into());
        let opt =
            |d: &Option<rust_decimal::Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_else(|| "-".into());
        if matches!(l.status, PeriodStatus::Skipped | PeriodStatus::NotCovered) {
            s.rows.push(vec![
                cell(&l.service, &l.instance, &l.region),
                l.period.clone(),
                status,
                "-".into(),
                "-".into(),
                "-".into(),
                "-".into(),
                l.target.clone(),
                "-".into(),
                "-".into(),
                cite(&l.citation),
            ]);
        } else {
            s.rows.push(vec![
                cell(&l.service, &l.instance, &l.region),
                l.period.clone(),
                status,
                l.total_minutes.to_string(),
                l.excused_minutes.to_string(),
                l.unavailable_minutes.to_string(),
                achieved,
                l.target.clone(),
                opt(&l.allowed_minutes),
                opt(&l.remaining_minutes),
                cite(&l.citation),
            ]);
        }
        if let Some(row) = s.rows.last_mut() {
            terms_cell(row, amended, &l.terms);
        }
        let at = format!("{} {}", cell(&l.service, &l.instance, &l.region), l.period);
        if let Some(p) = &l.partial {
            s.notes.push(format!("{at}: {p}"));
        }
        if let Some(why) = &l.not_covered {
            s.notes.push(format!("{at}: not covered: {why}"));
        }
        if let Some(how) = &l.total_from {
            s.notes.push(format!("{at}: T = {how}"));
        }
        for run in &l.counted_runs {
            s.notes.push(format!(
                "{at}: counted outage {} to {}, {} min ({} in this period): {}",
                short_time(&run.start),
                short_time(&run.end),
                run.minutes,
                run.minutes_in_period,
                run.causes.join(", ")
            ));
        }
        if !l.short_runs.is_empty() {
            s.notes.push(format!(
                "{at}: {} run(s) shorter than the minimum outage ignored, {} min: {}",
                l.short_runs.len(),
                l.short_run_minutes,
                l.short_runs
                    .iter()
                    .map(|x| format!("{} ({} min)", short_time(&x.start), x.minutes))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        for e in &l.excused {
            // A promise's own rule says whose it is; the contract's goes unnamed.
            let whose = e.scope.as_deref().map(|p| format!(", a rule of {p} only")).unwrap_or_default();
            s.notes.push(format!(
                "{at}: excused {} min, {} to {}: {}{whose}",
                e.minutes_in_period,
                short_time(&e.start),
                short_time(&e.end),
                e.rule
            ));
        }
        if let Some(sl) = &l.slices {
            let bad: Vec<String> = sl
                .bad
                .iter()
                .map(|b| {
                    format!(
                        "{} to {} ({} of {} min down)",
                        zoned_time(&b.start),
                        zoned_time(&b.end),
                        b.down_minutes,
                        b.minutes
                    )
                })
                .collect();
            s.notes.push(match bad.as_slice() {
                [] => format!("{at}: slices {}: none bad", sl.rule),
                _ => format!("{at}: slices {}: {} bad: {}", sl.rule, sl.bad_slices, bad.join(", ")),
            });
        }
        for m in &l.maintenance_not_excused {
            s.notes.push(format!(
                "{at}: maintenance {} ({} to {}) not excused: {}",
                m.id,
                short_time(&m.start),
                short_time(&m.end),
                m.reason
            ));
        }
    }
    s
}

fn durability(r: &Report) -> Section {
    let mut s =
        Section::new("Durability", vec!["service", "period", "status", "objects", "lost", "achieved", "target", "§"]);
    for l in &r.durability {
        s.rows.push(vec![
            l.service.clone(),
            l.period.clone(),
            l.status.to_string(),
            l.objects_total.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            l.objects_lost.map(|n| n.to_string()).unwrap_or_else(|| "-".into()),
            l.ratio.as_ref().map(|x| format!("{}%", x.percent)).unwrap_or_else(|| "-".into()),
            l.target.clone(),
            cite(&l.citation),
        ]);
        if let Some(n) = &l.note {
            s.notes.push(format!("{} {}: {n}", l.service, l.period));
        }
    }
    s
}

fn clock_cells(c: &Option<ClockResult>) -> [String; 3] {
    match c {
        None => ["-".into(), "-".into(), "-".into()],
        Some(c) => {
            let mut status = c.status.to_string();
            if let Some(over) = c.over_seconds {
                status = format!("{status} by {}", duration(over));
            }
            if let Some(p) = &c.elapsed_percent {
                status = format!("{status} ({p}%)");
            }
            [short_time(&c.deadline), duration(c.business_seconds), status]
        }
    }
}

/// The incidents' section without its rows and notes.
fn incidents(r: &Report) -> Section {
    let mut s = Section::new(
        "Incidents",
        vec!["incident", "tier", "§", "opened", "respond by", "took", "response", "resolve by", "took", "resolution"],
    );
    terms_column(&mut s, r);
    s
}

/// The incidents' rows, handed on one at a time in the report's order, and
/// the notes under them.
pub fn incident_lines(r: &Report, rows: &mut dyn FnMut(Vec<String>), notes: &mut Vec<String>) {
    let amended = !r.terms.is_empty();
    for i in &r.incidents {
        let tier = match (&i.tier, &i.tier_name) {
            // `P0 - 紧急` already says `P0`.
            (Some(t), Some(n)) if n.starts_with(t.as_str()) => n.clone(),
            (Some(t), Some(n)) => format!("{t} {n}"),
            (Some(t), None) => t.clone(),
            _ => "-".into(),
        };
        let [rd, rt, rs] = clock_cells(&i.response);
        let [sd, st, ss] = clock_cells(&i.resolution);
        let mut row = vec![i.id.clone(), tier, cite(&i.citation), short_time(&i.opened_at), rd, rt, rs, sd, st, ss];
        terms_cell(&mut row, amended, &i.terms);
        rows(row);
        if let Some(o) = &i.override_name {
            notes.push(format!("{}: limits of override {o}", i.id));
        }
        for t in &i.tier_history {
            notes.push(format!("{}: moved from tier {} to {} at {}", i.id, t.from, t.to, short_time(&t.at)));
        }
        for c in [&i.response, &i.resolution].into_iter().flatten() {
            if let (Some(tier), Some(rule)) = (&c.judged_by_tier, &c.reprioritised) {
                let from = c.measured_from.as_deref().map(short_time).unwrap_or_default();
                notes.push(format!(
                    "{}: {} clock judged by tier {tier}, reprioritised {rule} (measured from {from})",
                    i.id, c.kind
                ));
            }
            for p in &c.paused {
                let until = p.until.as_deref().map_or_else(|| "as_of (still paused)".to_owned(), short_time);
                notes.push(format!(
                    "{}: {} clock paused {} to {until} ({}, {} business s)",
                    i.id,
                    c.kind,
                    short_time(&p.from),
                    p.status,
                    p.business_seconds
                ));
            }
            if let Some(e) = &c.escalation {
                let follows = match c.escalation_on.as_deref() {
                    Some("both") | None => "escalation on both clocks".to_owned(),
                    Some(on) => format!("escalation on {on}"),
                };
                let cited = c.escalation_citation.as_deref().map(|s| format!(", § {s}")).unwrap_or_default();
                notes.push(format!("{}: {} clock past escalation threshold {e} ({follows}{cited})", i.id, c.kind));
            }
            if let Some(n) = &c.note {
                notes.push(format!("{}: {} clock: {n}", i.id, c.kind));
            }
        }
        if let Some(u) = &i.updates {
            update_notes(notes, &i.id, u);
        }
    }
}

fn credits(r: &Report, cur: &str) -> Section {
    let mut s = Section::new(
        "Credits",
        vec!["service", "period", "achieved", "band", "basis", "credit", "form", "claim from", "claim until", "§"],
    );
    let amended = terms_column(&mut s, r);
    for c in &r.credits {
        let mut amount = money(c.amount, cur);
        if c.capped {
            amount.push_str(" (capped)");
        }
        if c.provisional {
            amount.push_str(" (provisional)");
        }
        if let (Some(reason), Some(withheld)) = (&c.not_owed, c.withheld) {
            amount.push_str(" (not owed)");
            s.notes.push(format!(
                "{} {}: {} not owed: {reason}",
                cell(&c.service, &c.instance, &c.region),
                c.period,
                money(withheld, cur)
            ));
        }
        s.rows.push(vec![
            cell(&c.service, &c.instance, &c.region),
            c.period.clone(),
            c.achieved.clone(),
            c.band.clone(),
            format!("{} {}", c.basis, money(c.basis_amount, cur)),
            amount,
            c.form.clone(),
            c.claim_opens.clone().unwrap_or_else(|| "-".into()),
            c.claim_closes.clone().unwrap_or_else(|| "-".into()),
            cite(&c.citation),
        ]);
        if let Some(row) = s.rows.last_mut() {
            terms_cell(row, amended, &c.terms);
        }
    }
    if r.credits.iter().any(|c| c.provisional) {
        s.notes.push("provisional: the period was in progress at as_of, so the credit may still change".into());
    }
    s
}

fn entitlements(r: &Report) -> Section {
    let mut s = Section::new("Entitlements", vec!["service", "period", "outages", "each earns one of", "cash", "§"]);
    for e in &r.entitlements {
        let outages = if e.provisional { format!("{} (provisional)", e.outages) } else { e.outages.to_string() };
        s.rows.push(vec![
            cell(&e.service, &e.instance, &e.region),
            e.period.clone(),
            outages,
            e.options.join("; "),
            if e.cash { "yes" } else { "no" }.into(),
            cite(&e.citation),
        ]);
    }
    s
}

fn penalties(r: &Report, cur: &str) -> Section {
    let mut s = Section::new("Penalties", vec!["penalty", "incident", "tier", "clock", "over", "hours", "amount", "§"]);
    for p in &r.penalties {
        let amount =
            if p.provisional { format!("{} (provisional)", money(p.amount, cur)) } else { money(p.amount, cur) };
        s.rows.push(vec![
            p.penalty.clone(),
            p.incident.clone(),
            p.tier.clone(),
            p.clock.clone(),
            duration(p.over_seconds),
            p.hours.to_string(),
            amount,
            cite(&p.citation),
        ]);
    }
    for t in &r.penalty_totals {
        let cap = t.cap.map(|c| format!(", cap {}", money(c, cur))).unwrap_or_default();
        s.notes.push(format!(
            "{}: {} before cap{cap}, owed {}",
            t.penalty,
            money(t.before_cap, cur),
            money(t.total, cur)
        ));
        if let Some(n) = &t.note {
            s.notes.push(format!("{}: {n}", t.penalty));
        }
    }
    s
}

fn liability(r: &Report) -> Section {
    let mut s = Section::new("Liability caps", vec!["clause", "cap", "amount"]);
    for l in &r.liability {
        let amount = match (&l.amount, &l.currency) {
            (Some(a), Some(c)) => money(*a, c),
            _ => "contract value not given".into(),
        };
        s.rows.push(vec![l.description.clone().unwrap_or_else(|| l.id.clone()), l.cap.clone(), amount]);
    }
    s
}

fn objectives(r: &Report) -> Section {
    let mut s = Section::new("Objectives", vec!["objective", "period", "target", "measured", "status"]);
    for o in &r.objectives {
        s.rows.push(vec![
            o.objective.clone(),
            o.period.clone(),
            o.target.clone(),
            o.measured.clone().unwrap_or_else(|| "-".into()),
            o.status.to_string(),
        ]);
    }
    s
}

fn totals(r: &Report, cur: &str) -> Section {
    let mut s = Section::new("Totals", vec!["period", "credits"]);
    for p in &r.totals.per_period {
        s.rows.push(vec![p.period.clone(), money(p.credits, cur)]);
    }
    s.rows.push(vec!["all credits".into(), money(r.totals.credits, cur)]);
    s.rows.push(vec!["all penalties".into(), money(r.totals.penalties, cur)]);
    s
}

/// A time with its offset, `2025-11-02 01:00-04:00`: the hour repeated when
/// clocks go back is two slices, told apart by their offsets.
fn zoned_time(rfc3339: &str) -> String {
    let offset = rfc3339.len().checked_sub(6).and_then(|i| rfc3339.get(i..)).unwrap_or("");
    if offset.starts_with(['+', '-']) { format!("{}{offset}", short_time(rfc3339)) } else { short_time(rfc3339) }
}
