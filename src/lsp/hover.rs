//! Hover: what the thing under the cursor means, in the contract's terms.

use super::analysis::{Analysis, Decl, Kind};
use super::locate::{self, Hit};
use super::words;
use crate::explain::lint_docs;
use crate::ir::{ClockRef, Contract, STANDARD_CATEGORIES};
use crate::lint::registry;
use crate::source::Span;
use crate::syntax::{Statement, ValueKind};

/// The Markdown to show at `offset` of the main file, and the span it is
/// about.
pub fn hover(a: &Analysis, offset: usize) -> Option<(String, Span)> {
    let tree = a.tree(a.main_file())?;
    let contract = a.compilation.contract.as_ref();
    match locate::at(tree, offset)? {
        Hit::Citation(c) => Some((citation(a, &c.section), c.span)),
        Hit::AttrWord(word) => {
            let rule = registry::find(word)?;
            Some((lint_docs::rule_page(rule, 1), Span::new(a.main_file(), offset, offset)))
        }
        Hit::Value { value, index, stmt, parents } => {
            let keyword = stmt.keyword();
            let parent = parents.last().and_then(|p| p.keyword());
            // A promise's target, or the promise itself.
            let promise_stmt = match (keyword, parent) {
                (Some("availability"), _) if index <= 1 => Some(stmt),
                (Some("target"), Some("availability")) => parents.last().copied(),
                _ => None,
            };
            if let (Some(p), Some(c)) = (promise_stmt, contract)
                && let Some(text) = availability(c, p)
            {
                return Some((text, value.span));
            }
            // A tier inside an amendment: its amended terms, not the
            // original's.
            if let Some(c) = contract
                && let Some(text) = amended_tier(c, offset, stmt, &parents)
            {
                return Some((text, value.span));
            }
            // The keyword of a declaration: the declared name's hover.
            let decl = if index == 0 {
                let name = stmt.values.get(1);
                name.filter(|v| a.names.decls.iter().any(|d| d.span == v.span))
                    .and_then(|v| a.names.at(a.main_file(), v.span.start as usize))
            } else {
                a.names.at(a.main_file(), offset)
            };
            if let Some(d) = decl
                && let Some(c) = contract
                && let Some(text) = declared(c, d)
            {
                return Some((text, value.span));
            }
            let word = match &value.kind {
                ValueKind::Word(w) | ValueKind::DashedWord(w) => w.as_str(),
                ValueKind::Always => {
                    return Some((
                        "**`24x7`**: every minute of every day counts; no holiday set is consulted".into(),
                        value.span,
                    ));
                }
                _ => return None,
            };
            if let Some((span, basis)) = super::definition::fee_basis(a, offset) {
                let what = match basis {
                    "monthly_fee" => "the fee for one period, which credits are a share of",
                    _ => "the value of the whole contract",
                };
                let set_by = match span.and_then(|s| Some(a.source(s.file)?.slice(s).trim().to_owned())) {
                    Some(line) => format!("set by\n\n```sla\n{line}\n```"),
                    None if basis == "monthly_fee" => {
                        "given with the events (a usage file's `monthly_fee` column): no service of the contract states a `fee`".to_owned()
                    }
                    None => "not stated: the contract has no `value` line".to_owned(),
                };
                return Some((format!("**`{basis}`**: {what}, {set_by}"), value.span));
            }
            if let Some(text) = category(contract, word) {
                return Some((text, value.span));
            }
            if word == "cn" {
                return Some((builtin_cn(), value.span));
            }
            if index == 0 {
                return keyword_text(word).map(|t| (t, value.span));
            }
            None
        }
    }
}

/// `availability esign`: the target, the allowed downtime per length of
/// period, the budget claimed.
fn availability(c: &Contract, stmt: &Statement) -> Option<String> {
    let inside = |s: Span| s.file == stmt.span.file && stmt.span.start <= s.start && s.end <= stmt.span.end;
    let amended = c.amendments.iter().flat_map(|am| &am.clauses.availability);
    let a = c.availability.iter().chain(amended).find(|a| inside(a.target_span))?;
    let period = a.period.map(|p| p.name()).unwrap_or("month (the default)");
    Some(format!(
        "**availability `{}`**: target {}, judged per {period}\n\n{}\n{}",
        a.service,
        a.target,
        words::allowed_downtime(a),
        words::budgets(a)
    ))
}

fn declared(c: &Contract, d: &Decl) -> Option<String> {
    let name = d.name.as_str();
    let titled = |n: &Option<String>| n.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
    Some(match d.kind {
        Kind::Tier => {
            let mut out = tier(c, c.tier(name)?);
            for am in c.amendments.iter().filter(|am| am.clauses.tiers.iter().any(|t| t.id == name)) {
                out.push_str(&format!("\nAmended by \"{}\" from {}.\n", am.name, am.effective));
            }
            out
        }
        Kind::Calendar => {
            let cal = c.calendar(name)?;
            let zone = cal.zone.as_deref().map(|z| format!(" in {z}")).unwrap_or_default();
            let hours = cal.hours.weekly_minutes();
            let mut out = format!(
                "**calendar `{name}`**{}\n\nweek{zone}: {}\n\nopen {} h {} min in an ordinary week",
                titled(&cal.name),
                words::week(&cal.hours),
                hours / 60,
                hours % 60
            );
            if let Some(set) = &cal.hours.holidays {
                out.push_str(&format!("\n\nholidays: {}", holiday_set(c, &set.name)));
            }
            out
        }
        Kind::HolidaySet => format!("**holiday set `{name}`**: {}", holiday_set(c, name)),
        Kind::Service => {
            let s = c.service(name)?;
            let mut out = format!("**service `{name}`**{}\n", titled(&s.name));
            for a in c.availability.iter().filter(|a| a.service == name) {
                out.push_str(&format!("\n- availability target {}", a.target));
            }
            if let Some(fee) = &s.monthly_fee {
                out.push_str(&format!("\n- fee {fee} per period"));
            }
            out
        }
        Kind::Channel => {
            let ch = c.channels.iter().find(|x| x.id == name)?;
            let hours = match &ch.hours {
                Some(ClockRef::Always) => "24x7".to_owned(),
                Some(ClockRef::Calendar(id)) => words::calendar_words(c, id),
                None => "no hours stated".to_owned(),
            };
            format!("**channel `{name}`**{}\n\nhours: {hours}", titled(&ch.name))
        }
        Kind::Window => {
            let w = c.maintenance.windows.iter().find(|x| x.id == name)?;
            format!("**maintenance window `{name}`**: {} to {}", w.start, w.end)
        }
        Kind::Exclusion => return category(Some(c), name),
        Kind::Component => format!("**component `{name}`**"),
    })
}

/// A tier's limits in words, with its clock.
fn tier(c: &Contract, t: &crate::ir::Tier) -> String {
    let titled = |n: &Option<String>| n.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
    let clock = t.clock_or_default();
    let mut out = format!("**tier `{}`**{}", t.id, titled(&t.name));
    if !t.labels.is_empty() {
        out.push_str(&format!(
            " (labels {})",
            t.labels.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>().join(", ")
        ));
    }
    out.push_str("\n\n");
    if let Some(by) = &t.clock_by {
        let list: Vec<String> = by.calendars.iter().map(|ch| format!("\"{}\": `{}`", ch.value, ch.calendar)).collect();
        out.push_str(&format!("The clock is chosen by the incident's {}: {}.\n\n", by.field, list.join(", ")));
    }
    if let Some(r) = &t.response {
        out.push_str(&format!("- respond within {}\n", words::limit(c, r, &clock)));
    }
    if let Some(r) = &t.resolution {
        let verb = match t.resolution_kind {
            crate::ir::ResolutionKind::Resolve => "resolve",
            _ => "advise",
        };
        out.push_str(&format!("- {verb} within {}\n", words::limit(c, r, &clock)));
    }
    if t.response.is_none() && t.resolution.is_none() {
        out.push_str("No time limit is set.\n");
    }
    if let Some(cutoff) = t.cutoff {
        out.push_str(&format!("- a request after {cutoff} counts from the next business day\n"));
    }
    for o in &t.overrides {
        let name = o.name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        let mut parts = Vec::new();
        if let Some(r) = &o.response {
            parts.push(format!("respond within {}", words::limit(c, r, &clock)));
        }
        if let Some(r) = &o.resolution {
            parts.push(format!("resolve within {}", words::limit(c, r, &clock)));
        }
        out.push_str(&format!("- from {} to {}{name}: {}\n", o.from, o.to, parts.join("; ")));
    }
    if !t.exempt_from_resolution.is_empty() {
        out.push_str(&format!("- exempt from resolution: {}\n", t.exempt_from_resolution.join(", ")));
    }
    out
}

/// The tier an amendment declares at `offset`, with the amendment's date.
fn amended_tier(c: &Contract, offset: usize, stmt: &Statement, parents: &[&Statement]) -> Option<String> {
    let in_amendment = parents.iter().any(|p| p.keyword() == Some("amendment"));
    let on_tier = stmt.keyword() == Some("tier") || parents.last().and_then(|p| p.keyword()) == Some("tier");
    if !in_amendment || !on_tier {
        return None;
    }
    let holds = |s: Span| s.file == stmt.span.file && s.start as usize <= offset && offset <= s.end as usize;
    c.amendments.iter().find_map(|am| {
        let t = am.clauses.tiers.iter().find(|t| holds(t.span))?;
        Some(format!("{}\nAs amended by \"{}\" from {}.", tier(c, t), am.name, am.effective))
    })
}

fn holiday_set(c: &Contract, name: &str) -> String {
    match c.holiday_sets.iter().find(|h| h.name == name) {
        Some(h) => {
            let from = h.file.as_deref().map(|f| format!("dates from `{f}`")).unwrap_or_else(|| "built in".into());
            let extends =
                if h.extends.is_empty() { String::new() } else { format!(", extending {}", h.extends.join(", ")) };
            format!("`{name}`: {from}{extends}")
        }
        None if name == "cn" => builtin_cn(),
        None => format!("`{name}` (not declared)"),
    }
}

fn builtin_cn() -> String {
    "`cn`, built in: China's statutory holidays (国家法定节假日) and the weekend days the State Council \
     declares working days (调休), for the years slac ships"
        .into()
}

/// An exclusion category: what it means, and how this contract words it.
fn category(c: Option<&Contract>, word: &str) -> Option<String> {
    let standard = STANDARD_CATEGORIES.iter().find(|(id, _)| *id == word).map(|(_, what)| *what);
    let own = c.and_then(|c| {
        c.exclusions.iter().chain(c.availability.iter().flat_map(|a| &a.exclusions)).find(|e| e.category == word)
    });
    if standard.is_none() && own.is_none() {
        return None;
    }
    let mut out = match standard {
        Some(what) => format!("**exclusion category `{word}`** (standard): {what}"),
        None => format!("**exclusion category `{word}`** (custom)"),
    };
    if let Some(e) = own {
        if let Some(d) = &e.description {
            out.push_str(&format!("\n\nThis contract: {d}"));
        }
        if let Some(cite) = &e.citation {
            out.push_str(&format!(" § {}", cite.section));
        }
        if !e.labels.is_empty() {
            out.push_str(&format!("\n\nAlso matches causes {}", e.labels.join(", ")));
        }
    }
    out.push_str("\n\nAn incident whose `cause` names it does not count against the promises it excuses.");
    Some(out)
}

/// A clause keyword: what clause it opens, and an example.
fn keyword_text(word: &str) -> Option<String> {
    let clause = crate::check::clauses::find(word)?;
    let fields = clause.field_names();
    let mut out = format!("**`{word}`**: {}\n\n```sla\n{}\n```", clause.noun, clause.example);
    if !fields.is_empty() {
        out.push_str(&format!("\n\nIts block may hold: {}", fields.join(", ")));
    }
    Some(out)
}

/// A citation: the `prose` of the contract that quotes that section (or
/// the nearest section that holds it), and the clauses that cite it.
fn citation(a: &Analysis, section: &str) -> String {
    let mut out = format!("**§ {section}**");
    let Some(c) = a.compilation.contract.as_ref() else { return out };
    for part in section.split(';').map(str::trim).filter(|p| !p.is_empty()) {
        let exact = c.prose.iter().find(|p| p.citation.as_ref().is_some_and(|x| x.section == part));
        // `4.8①` is part of `4.8`; `4.14.1(2)` of `4.14.1`: the longest
        // section quoted that the citation starts with.
        let within = || {
            c.prose
                .iter()
                .filter(|p| {
                    p.citation.as_ref().is_some_and(|x| !x.section.is_empty() && part.starts_with(x.section.as_str()))
                })
                .max_by_key(|p| p.citation.as_ref().map_or(0, |x| x.section.len()))
        };
        match exact.or_else(within) {
            Some(p) => {
                let title = p.title.as_deref().or(p.id.as_deref()).unwrap_or("");
                let text: String = p.text.trim().chars().take(800).collect();
                let more = if p.text.trim().chars().count() > 800 { " …" } else { "" };
                let quoted: Vec<String> = text.lines().map(|l| format!("> {}", l.trim())).collect();
                out.push_str(&format!("\n\n§ {part} {title}\n\n{}{more}", quoted.join("\n>\n")));
            }
            None => out.push_str(&format!("\n\n§ {part}: no `prose` clause of this contract quotes this section.")),
        }
    }
    let citing = citing(a, section);
    if !citing.is_empty() {
        out.push_str(&format!("\n\nCited by: {}", citing.join(", ")));
    }
    out
}

/// The clauses of the main file that cite exactly this section, by
/// keyword, name and line.
fn citing(a: &Analysis, section: &str) -> Vec<String> {
    fn walk(stmts: &[Statement], section: &str, a: &Analysis, out: &mut Vec<String>) {
        for s in stmts {
            if s.citation.as_ref().is_some_and(|c| c.section == section)
                && let Some(k) = s.keyword()
            {
                let name = match s.values.get(1).map(|v| &v.kind) {
                    Some(ValueKind::Word(w)) => format!("`{k} {w}`"),
                    _ => format!("`{k}`"),
                };
                let line = a.source(s.span.file).map_or(0, |f| f.line_col(s.span.start as usize).line);
                out.push(format!("{name} (line {line})"));
            }
            if let Some(b) = &s.block {
                walk(&b.statements, section, a, out);
            }
        }
    }
    let mut out = Vec::new();
    if let Some(tree) = a.tree(a.main_file()) {
        walk(&tree.statements, section, a, &mut out);
    }
    out
}
