//! `amendment "2025-07" effective 2025-07-01 § "补充协议 2" { ... }` and
//! `amendments apply from period start|end`.
//!
//! An amendment's clauses are read by the same readers as the contract's,
//! into a contract of their own, so every message about a clause reads the
//! same wherever it is written. Their names are resolved once the whole
//! file is read, against the version of the contract the amendment makes
//! (the original with every earlier amendment and this one applied): a
//! reference that only an amended version lacks is caught where it is
//! written.

use super::{Checker, Diags, ImplicitService, NameRef, block_of, citation, resolve};
use crate::diag::{Code, Diagnostic};
use crate::ir::{AmendedClauses, Amendment, Contract, StraddleClause, StraddleRule};
use crate::source::Span;
use crate::syntax::Statement;
use chrono::NaiveDate;

pub(crate) const EXAMPLE: &str = "amendment \"2025-07\" effective 2025-07-01 { availability esign { target 99.95% } }";
const STRADDLE_EXAMPLE: &str = "amendments apply from period end";

/// The clause keywords an amendment may hold: the terms that judge
/// periods and incidents. Definitions (services, calendars, holidays,
/// channels) and the header stay as the contract states them.
pub(crate) const AMENDABLE: &[&str] = &[
    "tier",
    "escalation",
    "availability",
    "durability",
    "maintenance",
    "exclusions",
    "credit",
    "entitlement",
    "penalty",
    "liability",
    "objective",
];

/// An amendment as read, its names not yet resolved.
pub(crate) struct Pending {
    pub name: String,
    pub name_span: Span,
    pub effective: Option<(NaiveDate, Span)>,
    pub span: Span,
    pub head: Span,
    pub citation: Option<crate::ir::Citation>,
    /// Its clauses, read into a contract of their own.
    pub clauses: Contract,
    pub escalation_written: bool,
    pub refs: Vec<NameRef>,
    pub implicit_service: Vec<(ImplicitService, Span)>,
}

/// Read one `amendment` clause.
pub(crate) fn amendment(ck: &mut Checker, stmt: &Statement) {
    let mut a = super::Cursor::after_keyword(stmt);
    let name = a.expect_string("the amendment's name", EXAMPLE, &mut ck.d);
    let effective = if a.expect_word("effective", EXAMPLE, &mut ck.d) {
        a.expect_date("the date the amendment takes effect", &mut ck.d)
    } else {
        None
    };
    a.finish("amendment", &mut ck.d);
    let body = block_of(&mut ck.d, stmt, "amendment", EXAMPLE);
    let fresh = Contract { id: ck.c.id.clone(), header: ck.c.header.clone(), span: stmt.span, ..Contract::default() };
    let saved_c = std::mem::replace(&mut ck.c, fresh);
    let saved_refs = std::mem::take(&mut ck.refs);
    let saved_implicit = std::mem::take(&mut ck.implicit_service);
    let mut escalation_written = false;
    for line in body {
        match line.keyword() {
            Some(kw) if AMENDABLE.contains(&kw) => {
                escalation_written |= kw == "escalation";
                ck.item(line);
            }
            Some(kw) => refuse(&mut ck.d, line, kw),
            None => ck.item(line),
        }
    }
    let mut clauses = std::mem::replace(&mut ck.c, saved_c);
    let refs = std::mem::replace(&mut ck.refs, saved_refs);
    let implicit_service = std::mem::replace(&mut ck.implicit_service, saved_implicit);
    // `#[allow(...)]` inside the amendment scopes lints like any other.
    ck.c.lint_attributes.append(&mut clauses.lint_attributes);
    let (name, name_span) = name.unwrap_or_else(|| (String::new(), stmt.head_span()));
    ck.amending.push(Pending {
        name,
        name_span,
        effective,
        span: stmt.span,
        head: stmt.head_span(),
        citation: citation(stmt),
        clauses,
        escalation_written,
        refs,
        implicit_service,
    });
}

/// A clause an amendment cannot change, with what it can.
fn refuse(d: &mut Diags, line: &Statement, keyword: &str) {
    let why = match keyword {
        "amendment" => "write each amendment at the contract's top level, with its own effective date".to_owned(),
        "service" | "calendar" | "holidays" | "channel" => format!(
            "`{keyword}` declares a name the whole term uses; amend the clauses that use it instead (an amendment may hold: {})",
            AMENDABLE.join(", ")
        ),
        _ if super::clauses::find(keyword).is_some() => {
            format!("an amendment changes terms, not `{keyword}`; it may hold: {}", AMENDABLE.join(", "))
        }
        _ => format!("an amendment may hold: {}", AMENDABLE.join(", ")),
    };
    let message = if keyword == "amendment" {
        "an amendment cannot hold another amendment".to_owned()
    } else {
        format!("`{keyword}` cannot be amended")
    };
    d.push(Diagnostic::error(Code::NotAmendable, line.head_span(), message).label("not amendable").help(why));
}

/// `amendments apply from period start` (the default) or `... period end`.
pub(crate) fn straddle(ck: &mut Checker, stmt: &Statement) {
    let mut a = super::Cursor::after_keyword(stmt);
    let ok = a.expect_word("apply", STRADDLE_EXAMPLE, &mut ck.d)
        && a.expect_word("from", STRADDLE_EXAMPLE, &mut ck.d)
        && a.expect_word("period", STRADDLE_EXAMPLE, &mut ck.d);
    let rule = if ok {
        match a.expect_one_of(&["start", "end"], STRADDLE_EXAMPLE, &mut ck.d) {
            Some("start") => Some(StraddleRule::PeriodStart),
            Some(_) => Some(StraddleRule::PeriodEnd),
            None => None,
        }
    } else {
        a.skip_rest();
        None
    };
    a.finish("amendments", &mut ck.d);
    super::no_block(&mut ck.d, stmt, "amendments");
    let Some(rule) = rule else { return };
    if let Some(prev) = ck.c.straddle {
        ck.d.push(
            Diagnostic::error(Code::DuplicateField, stmt.head_span(), "`amendments apply from` is written twice")
                .label("second time")
                .related(prev.span, "first written here")
                .help("keep one of them"),
        );
        return;
    }
    ck.c.straddle = Some(StraddleClause { rule, span: stmt.head_span() });
}

/// Once the contract's own clauses are resolved: resolve each amendment
/// against the version it makes, check the dates and names, and store the
/// amendments in the IR.
pub(crate) fn finish(ck: &mut Checker) {
    let mut pending = std::mem::take(&mut ck.amending);
    if pending.is_empty() {
        return;
    }
    for p in &mut pending {
        implicit_services(ck, p);
    }
    names_and_dates(ck, &pending);
    // Versions in date order; an amendment without a date has no place
    // among them (its date is reported already) but its clauses are still
    // checked after the others.
    let mut order: Vec<usize> = (0..pending.len()).collect();
    order.sort_by_key(|&i| pending[i].effective.map(|(d, _)| d));
    order.rotate_left(pending.iter().filter(|p| p.effective.is_none()).count());
    let mut version = Contract { amendments: Vec::new(), ..ck.c.clone() };
    for &i in &order {
        let p = &mut pending[i];
        version.apply(&clauses_of(p));
        check_version(ck, &version, p);
    }
    ck.c.amendments = pending
        .into_iter()
        .filter_map(|p| {
            let clauses = clauses_of(&p);
            Some(Amendment { name: p.name, effective: p.effective?.0, clauses, span: p.span, citation: p.citation })
        })
        .collect();
}

/// Clauses of an amendment that name no service get the contract's only
/// one, as the contract's own do.
fn implicit_services(ck: &mut Checker, p: &mut Pending) {
    std::mem::swap(&mut ck.c.availability, &mut p.clauses.availability);
    std::mem::swap(&mut ck.c.durability, &mut p.clauses.durability);
    std::mem::swap(&mut ck.c.credits, &mut p.clauses.credits);
    std::mem::swap(&mut ck.c.entitlements, &mut p.clauses.entitlements);
    let saved = std::mem::replace(&mut ck.implicit_service, std::mem::take(&mut p.implicit_service));
    resolve::implicit_services(ck);
    ck.implicit_service = saved;
    std::mem::swap(&mut ck.c.availability, &mut p.clauses.availability);
    std::mem::swap(&mut ck.c.durability, &mut p.clauses.durability);
    std::mem::swap(&mut ck.c.credits, &mut p.clauses.credits);
    std::mem::swap(&mut ck.c.entitlements, &mut p.clauses.entitlements);
}

/// Two amendments of one name or one date are errors: the report names
/// terms by the amendment's name, and two sets of terms cannot both start
/// on one day. A date outside the term would never (or always) apply.
fn names_and_dates(ck: &mut Checker, pending: &[Pending]) {
    for (i, p) in pending.iter().enumerate() {
        if let Some(prev) = pending[..i].iter().find(|q| q.name == p.name && !p.name.is_empty()) {
            ck.d.push(
                Diagnostic::error(
                    Code::DuplicateAmendment,
                    p.name_span,
                    format!("two amendments are named \"{}\"", p.name),
                )
                .label("name used again")
                .related(prev.name_span, "first used here")
                .help("give each amendment its own name: the report names the terms it used by it"),
            );
        }
        let Some((date, span)) = p.effective else { continue };
        if let Some(prev) = pending[..i].iter().find(|q| q.effective.map(|(d, _)| d) == Some(date)) {
            ck.d.push(
                Diagnostic::error(
                    Code::DuplicateAmendment,
                    span,
                    format!("two amendments take effect on {date}: \"{}\" and \"{}\"", prev.name, p.name),
                )
                .label("same effective date")
                .related(prev.effective.map_or(prev.head, |(_, s)| s), "the other takes effect here")
                .help("merge them into one amendment, or give each its own date"),
            );
        }
        if let Some(term) = ck.c.header.term {
            let after_end = term.end.is_some_and(|end| date > end);
            if date <= term.start || after_end {
                let range = match term.end {
                    Some(end) => format!("{}..{end}", term.start),
                    None => format!("{}..", term.start),
                };
                let help = if date <= term.start {
                    "an amendment effective on or before the term's first day replaces the original outright: change the clauses themselves, or date the amendment inside the term"
                } else {
                    "an amendment effective after the term never applies: date it inside the term, or extend the term"
                };
                ck.d.push(
                    Diagnostic::error(
                        Code::AmendmentOutsideTerm,
                        span,
                        format!("amendment \"{}\" takes effect on {date}, outside the term ({range})", p.name),
                    )
                    .label("not inside the term")
                    .related(term.span, "the term")
                    .help(help),
                );
            }
        }
    }
}

/// Resolve the amendment's names against the version it makes, and find
/// what that version declares twice; only what lies inside the amendment
/// is reported (the original's problems are reported once, at it).
fn check_version(ck: &mut Checker, version: &Contract, p: &mut Pending) {
    let saved_c = std::mem::replace(&mut ck.c, version.clone());
    let saved_refs = std::mem::replace(&mut ck.refs, std::mem::take(&mut p.refs));
    let saved_d = std::mem::take(&mut ck.d);
    resolve::references(ck);
    resolve::duplicates(ck);
    let found = std::mem::replace(&mut ck.d, saved_d);
    ck.c = saved_c;
    ck.refs = saved_refs;
    let inside = |s: Span| s.file == p.span.file && p.span.start <= s.start && s.end <= p.span.end;
    for d in found.into_vec().into_iter().filter(|d| inside(d.span)) {
        ck.d.push(d);
    }
}

fn clauses_of(p: &Pending) -> AmendedClauses {
    let c = &p.clauses;
    AmendedClauses {
        tiers: c.tiers.clone(),
        escalation: p.escalation_written.then(|| c.escalation.clone()),
        availability: c.availability.clone(),
        durability: c.durability.clone(),
        maintenance: c.maintenance.span.is_some().then(|| c.maintenance.clone()),
        exclusions: c.exclusions_span.is_some().then(|| (c.exclusions.clone(), c.exclusions_span)),
        credits: c.credits.clone(),
        entitlements: c.entitlements.clone(),
        penalties: c.penalties.clone(),
        liability: c.liability.clone(),
        objectives: c.objectives.clone(),
    }
}
