//! `pause resolution when status "等待客户反馈"` (in a tier or at the top
//! level) and `reprioritised from start|change`.

use super::Diags;
use super::cursor::Cursor;
use super::{Checker, citation, no_block};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Pause, PauseClock, Reprioritisation, ReprioritisationRule, same_status};
use crate::syntax::Statement;

const EXAMPLE: &str = "pause resolution when status \"等待客户反馈\", \"Waiting for customer\"";

/// A contract-wide `pause` clause: for every tier that states none of its
/// own for that clock.
pub fn pause_clause(ck: &mut Checker, stmt: &Statement) {
    if let Some(p) = pause(ck, stmt) {
        push_pause(&mut ck.d, &mut ck.c.pauses, p);
    }
}

/// Reads `pause [response|resolution|both] when status "A", "B"`.
pub fn pause(ck: &mut Checker, stmt: &Statement) -> Option<Pause> {
    no_block(&mut ck.d, stmt, "pause");
    let mut a = Cursor::after_keyword(stmt);
    // The tier's verbs name its clocks elsewhere: say which word is meant.
    let verb = a.peek_word().and_then(|w| match w {
        "respond" => Some((w, "response")),
        "resolve" | "advise" => Some((w, "resolution")),
        _ => None,
    });
    if let Some((verb, noun)) = verb {
        ck.d.push(
            Diagnostic::error(
                Code::ExpectedKeyword,
                a.here(),
                format!("a pause names the clock `{noun}`, not the verb `{verb}`"),
            )
            .label("not a clock's name")
            .help(format!("write `pause {noun} when status \"...\"`, or `pause when status \"...\"` for both clocks")),
        );
        a.skip_rest();
        return None;
    }
    let clock = if a.peek_word() == Some("when") {
        PauseClock::Both
    } else {
        match a.expect_one_of(&["response", "resolution", "both", "when"], EXAMPLE, &mut ck.d)? {
            "response" => PauseClock::Response,
            "resolution" => PauseClock::Resolution,
            _ => PauseClock::Both,
        }
    };
    if !a.expect_word("when", EXAMPLE, &mut ck.d) || !a.expect_word("status", EXAMPLE, &mut ck.d) {
        a.skip_rest();
        return None;
    }
    let mut p = Pause {
        clock,
        statuses: Vec::new(),
        status_spans: Vec::new(),
        span: stmt.head_span(),
        citation: citation(stmt),
    };
    if a.at_end() {
        ck.d.push(
            Diagnostic::error(Code::MissingField, a.missing_span(), "no status is given for the clock to pause in")
                .label("statuses missing")
                .help(format!("name the statuses as the incident exports write them: `{EXAMPLE}`")),
        );
        return None;
    }
    while !a.at_end() {
        let Some((status, span)) = a.expect_string("a status", EXAMPLE, &mut ck.d) else { break };
        if status.trim().is_empty() {
            ck.d.push(
                Diagnostic::error(Code::MissingField, span, "an empty status never matches an incident's status")
                    .label("empty status")
                    .help(format!("write the status as the exports do: `{EXAMPLE}`")),
            );
            continue;
        }
        p.statuses.push(status);
        p.status_spans.push(span);
    }
    a.finish("pause", &mut ck.d);
    (!p.statuses.is_empty()).then_some(p)
}

/// Adds a pause clause to its scope (a tier, or the contract), reporting a
/// status the scope already lists for a clock this clause stops too.
pub fn push_pause(d: &mut Diags, scope: &mut Vec<Pause>, mut p: Pause) {
    let mut kept = Pause { statuses: Vec::new(), status_spans: Vec::new(), ..p.clone() };
    for (status, span) in std::mem::take(&mut p.statuses).into_iter().zip(std::mem::take(&mut p.status_spans)) {
        let overlaps = |q: &Pause| q.clock == PauseClock::Both || p.clock == PauseClock::Both || q.clock == p.clock;
        let earlier = scope
            .iter()
            .filter(|q| overlaps(q))
            .flat_map(|q| q.statuses.iter().zip(&q.status_spans))
            .chain(kept.statuses.iter().zip(&kept.status_spans))
            .find(|(s, _)| same_status(s, &status))
            .map(|(_, sp)| *sp);
        match earlier {
            Some(first) => d.push(
                Diagnostic::error(
                    Code::DuplicateStatus,
                    span,
                    format!("the status \"{}\" is listed twice for the same clock", status.trim()),
                )
                .label("listed again")
                .related(first, "first listed here")
                .help("statuses are compared trimmed and ignoring case; keep one of them"),
            ),
            None => {
                kept.statuses.push(status);
                kept.status_spans.push(span);
            }
        }
    }
    if !kept.statuses.is_empty() {
        scope.push(kept);
    }
}

/// `reprioritised from start` or `reprioritised from change`, at most once.
pub fn reprioritised(ck: &mut Checker, stmt: &Statement) {
    no_block(&mut ck.d, stmt, "reprioritised");
    let example = "reprioritised from change";
    let mut a = Cursor::after_keyword(stmt);
    let head = stmt.head_span();
    if let Some(first) = &ck.c.reprioritised {
        ck.d.push(
            Diagnostic::error(Code::DuplicateField, head, "`reprioritised` is written twice in this contract")
                .label("second time")
                .related(first.span, "first written here")
                .help("keep one of them"),
        );
        a.skip_rest();
        return;
    }
    if !a.expect_word("from", example, &mut ck.d) {
        a.skip_rest();
        return;
    }
    let rule = match a.expect_one_of(&["start", "change"], example, &mut ck.d) {
        Some("start") => Reprioritisation::FromStart,
        Some(_) => Reprioritisation::FromChange,
        None => return,
    };
    a.finish("reprioritised", &mut ck.d);
    ck.c.reprioritised = Some(ReprioritisationRule { rule, span: head, citation: citation(stmt) });
}
