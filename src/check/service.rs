//! Services, their components, and support channels.

use super::cursor::Cursor;
use super::{Checker, RefKind, Seen, block_of, citation, clauses, unknown_field};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Channel, ClockRef, Component, MeasuredBy, Service};
use crate::syntax::{Statement, ValueKind};

/// `service esign "上上签电子签约平台" { measured per instance }`.
pub fn service(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, id_span)) = a.expect_ident("the service's name", "service esign \"电子签约平台\"", &mut ck.d)
    else {
        return;
    };
    let name = a.opt_string().map(|s| s.0);
    a.finish("service", &mut ck.d);
    let mut svc = Service {
        id,
        name,
        components: Vec::new(),
        measured: MeasuredBy::Service,
        monthly_fee: None,
        span: id_span,
        citation: citation(stmt),
    };
    let mut seen = Seen::default();
    for field in stmt.block.iter().flat_map(|b| &b.statements) {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        let d = &mut ck.d;
        match kw {
            "component" | "components" => {
                while !a.at_end() {
                    let Some((cid, span)) = a.expect_ident("a component's name", "component upload \"上传服务\"", d)
                    else {
                        break;
                    };
                    let cname = a.opt_string().map(|s| s.0);
                    svc.components.push(Component { id: cid, name: cname, span });
                }
            }
            "measured" => {
                if seen.first("measured", field.head_span(), d) {
                    a.eat_word("per");
                    svc.measured =
                        match a.expect_one_of(&["service", "instance", "component"], "measured per instance", d) {
                            Some("instance") => MeasuredBy::Instance,
                            Some("component") => MeasuredBy::Component,
                            _ => MeasuredBy::Service,
                        };
                }
            }
            "fee" => {
                if seen.first("fee", field.head_span(), d) {
                    svc.monthly_fee = a.expect_money("the monthly fee", d).map(|m| m.0);
                    if a.eat_word("per") {
                        a.expect_word("month", "fee CNY 1000.00 per month", d);
                    }
                }
            }
            "description" => {
                a.expect_string("a description", "description \"...\"", d);
            }
            other => {
                unknown_field(d, field, other, &clauses::SERVICE);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    if svc.measured == MeasuredBy::Component && svc.components.is_empty() {
        ck.d.push(
            Diagnostic::error(
                Code::MissingField,
                id_span,
                format!("service `{}` is measured per component but lists none", svc.id),
            )
            .label("no components")
            .help("list them in the block: `components frontend \"前端\", backend \"后端\"`"),
        );
    }
    ck.c.services.push(svc);
}

/// `channel hotline "网站服务热线" { hours hotline }`.
pub fn channel(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the channel's name", "channel hotline \"网站服务热线\"", &mut ck.d)
    else {
        return;
    };
    let name = a.opt_string().map(|s| s.0);
    a.finish("channel", &mut ck.d);
    let mut ch = Channel {
        id,
        name,
        hours: None,
        respond_within: None,
        booking_notice: None,
        note: None,
        span,
        citation: citation(stmt),
    };
    let mut seen = Seen::default();
    for field in block_of(&mut ck.d, stmt, "channel", "channel hotline \"热线\" { hours 24x7 }") {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        match kw {
            "hours" if seen.first("hours", field.head_span(), &mut ck.d) => ch.hours = clock_ref(ck, &mut a),
            "respond" if seen.first("respond", field.head_span(), &mut ck.d) => {
                a.expect_word("within", "respond within 30min", &mut ck.d);
                ch.respond_within = a.expect_duration("the response time", &mut ck.d).map(|x| x.0);
            }
            "booking" if seen.first("booking", field.head_span(), &mut ck.d) => {
                a.expect_word("notice", "booking notice 3d", &mut ck.d);
                ch.booking_notice = a.expect_duration("the booking notice", &mut ck.d).map(|x| x.0);
            }
            "note" => ch.note = a.expect_string("a note", "note \"...\"", &mut ck.d).map(|s| s.0),
            "hours" | "respond" | "booking" => {}
            other => {
                unknown_field(&mut ck.d, field, other, &clauses::CHANNEL);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    ck.c.channels.push(ch);
}

/// `24x7` or the name of a calendar; records the reference.
pub fn clock_ref(ck: &mut Checker, a: &mut Cursor<'_>) -> Option<ClockRef> {
    match a.peek().map(|v| &v.kind) {
        Some(ValueKind::Always) => {
            a.next();
            Some(ClockRef::Always)
        }
        Some(ValueKind::Word(_)) => {
            let (name, span) = a.expect_ident("a calendar or `24x7`", "clock office", &mut ck.d)?;
            ck.refer(RefKind::Calendar, &name, span);
            Some(ClockRef::Calendar(name))
        }
        _ => {
            // `7*24`, `24/7`, a quoted name: say what is meant.
            let span = a.here().to(a.rest().last().map_or(a.here(), |v| v.span));
            let found = match (a.peek(), a.adjacent_text()) {
                (Some(_), (text, _)) if !text.is_empty() => format!(", found `{text}`"),
                (Some(v), _) => format!(", found {}", v.found()),
                (None, _) => String::new(),
            };
            ck.d.push(
                Diagnostic::error(Code::ExpectedIdentifier, span, format!("expected a calendar or `24x7`{found}"))
                    .label("not a clock")
                    .help("write `24x7` for every minute of every day, or the name of a calendar such as `office`"),
            );
            a.skip_rest();
            None
        }
    }
}
