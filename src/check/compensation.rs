//! Compensation: credits, per-outage entitlements, penalties, liability.

use super::cursor::Cursor;
use super::{Checker, Diags, ImplicitService, RefKind, Seen, block_of, citation, clauses, unknown_field};
use crate::diag::{Code, Diagnostic};
use crate::ir::{
    Basis, Cap, CapAmount, ClaimWindow, ClockKind, Credit, CreditBand, CreditForm, DayCount, Entitlement,
    EntitlementOption, FeeAdjustment, HourCounting, LiabilityCap, MAX_CLAIM_DAYS, MinimumCredit, Penalty, Percent,
};
use crate::source::Span;
use crate::syntax::{Statement, Unit, Value, ValueKind};

/// `credit baas { band [99.00%, 99.80%) => 10% ... }`.
pub fn credit(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let service = a.opt_ident();
    if let Some((name, span)) = &service {
        ck.refer(RefKind::Service, name, *span);
    }
    a.finish("credit", &mut ck.d);
    let mut cr = Credit {
        service: service.clone().map(|s| s.0).unwrap_or_default(),
        basis: None,
        bands: Vec::new(),
        cap: None,
        form: None,
        claim: None,
        span: stmt.head_span(),
        citation: citation(stmt),
        minimum: None,
        exclusive: None,
        basis_excluding: Vec::new(),
    };
    let mut seen = Seen::default();
    let mut bands_written = false;
    for field in block_of(&mut ck.d, stmt, "credit", "credit baas { band [99.00%, 99.80%) => 10% }") {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        let head = field.head_span();
        match kw {
            "basis" if seen.first("basis", head, &mut ck.d) => {
                cr.basis = basis(&mut a, &mut ck.d);
                if a.eat_word("excluding") {
                    cr.basis_excluding = excluding(&mut a, &mut ck.d, cr.basis.as_ref());
                }
            }
            "band" => {
                bands_written = true;
                if let Some(b) = band(&mut a, &mut ck.d, head) {
                    cr.bands.push(b);
                }
            }
            "cap" if seen.first("cap", head, &mut ck.d) => cr.cap = cap(&mut a, &mut ck.d, head),
            "form" if seen.first("form", head, &mut ck.d) => cr.form = form(&mut a, &mut ck.d),
            "claim" if seen.first("claim", head, &mut ck.d) => cr.claim = claim(ck, &mut a, field),
            "minimum" if seen.first("minimum", head, &mut ck.d) => cr.minimum = minimum(&mut a, &mut ck.d, head),
            "exclusive" if seen.first("exclusive", head, &mut ck.d) => {
                cr.exclusive = a.expect_ident("the group's name", "exclusive one_claim", &mut ck.d).map(|x| x.0)
            }
            "basis" | "cap" | "form" | "claim" | "minimum" | "exclusive" => {}
            other => {
                unknown_field(&mut ck.d, field, other, &clauses::CREDIT);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    if stmt.block.is_some() && !bands_written {
        ck.d.push(
            Diagnostic::error(Code::MissingField, stmt.head_span(), "this credit has no bands")
                .label("no bands")
                .help("add bands such as `band [99.00%, 99.80%) => 10%`"),
        );
    }
    if service.is_none() {
        ck.implicit_service.push((ImplicitService::Credit(ck.c.credits.len()), stmt.head_span()));
    }
    ck.c.credits.push(cr);
}

/// `monthly_fee`, `contract_value` or a fixed amount.
fn basis(a: &mut Cursor<'_>, d: &mut Diags) -> Option<Basis> {
    if let Some(Value { kind: ValueKind::Money { .. }, .. }) = a.peek() {
        return a.expect_money("the basis", d).map(|m| Basis::Amount(m.0));
    }
    match a.expect_one_of(&["monthly_fee", "contract_value", "fees_paid"], "basis monthly_fee", d)? {
        "monthly_fee" => Some(Basis::MonthlyFee),
        "fees_paid" => Some(Basis::FeesPaid),
        _ => Some(Basis::ContractValue),
    }
}

/// `excluding vouchers, coupons, upfront` after `basis monthly_fee`: the
/// parts of the fee the credit is not a share of, each once.
fn excluding(a: &mut Cursor<'_>, d: &mut Diags, basis: Option<&Basis>) -> Vec<FeeAdjustment> {
    const EXAMPLE: &str = "basis monthly_fee excluding vouchers, coupons, upfront";
    let words: Vec<&str> = FeeAdjustment::ALL.iter().map(|f| f.name()).collect();
    let mut out: Vec<FeeAdjustment> = Vec::new();
    while !a.at_end() {
        let at = a.here();
        let Some(word) = a.expect_one_of(&words, EXAMPLE, d) else { break };
        let Some(part) = FeeAdjustment::ALL.into_iter().find(|f| f.name() == word) else { break };
        if out.contains(&part) {
            d.push(
                Diagnostic::error(Code::DuplicateField, at, format!("`{word}` is excluded twice"))
                    .label("second time")
                    .help("name each part of the fee once"),
            );
            continue;
        }
        out.push(part);
    }
    if out.is_empty() {
        d.push(
            Diagnostic::error(Code::ExpectedKeyword, a.here(), "`excluding` names no part of the fee")
                .label("nothing excluded")
                .help(format!("name what the fee leaves out: `{EXAMPLE}`")),
        );
    } else if basis != Some(&Basis::MonthlyFee) {
        d.push(
            Diagnostic::error(Code::UnitMismatch, a.here(), "only the monthly fee has parts to exclude")
                .label("not a monthly fee")
                .help(format!("write `{EXAMPLE}`, or drop `excluding`")),
        );
        out.clear();
    }
    out
}

/// `band [99.00%, 99.80%) => 10%`.
fn band(a: &mut Cursor<'_>, d: &mut Diags, head: Span) -> Option<CreditBand> {
    const EXAMPLE: &str = "band [99.00%, 99.80%) => 10%";
    let Some(v) = a.next() else {
        d.push(
            Diagnostic::error(Code::ExpectedInterval, head.after(), "the band has no range")
                .label("range missing")
                .help(format!("for example: `{EXAMPLE}`")),
        );
        return None;
    };
    let ValueKind::Interval { low, high, low_closed, high_closed } = &v.kind else {
        d.push(
            Diagnostic::error(
                Code::ExpectedInterval,
                v.span,
                format!("expected the band's range, found {}", v.found()),
            )
            .label("not an interval")
            .help(format!(
                "write the range with brackets: `{EXAMPLE}`; `[` and `]` include the end, `(` and `)` leave it out"
            )),
        );
        return None;
    };
    let lo = interval_percent(low, d)?;
    let hi = interval_percent(high, d)?;
    if lo > hi {
        d.push(
            Diagnostic::error(Code::InvertedInterval, v.span, format!("the band runs from {lo} down to {hi}"))
                .label("low end above high end")
                .help(format!("write the lower bound first: `[{hi}, {lo})`")),
        );
        return None;
    }
    a.expect_op_arrow(d)?;
    let (credit, _) = a.expect_percent("the credit", d)?;
    Some(CreditBand {
        low: lo,
        low_inclusive: *low_closed,
        high: hi,
        high_inclusive: *high_closed,
        credit,
        span: v.span,
    })
}

fn interval_percent(v: &Value, d: &mut Diags) -> Option<Percent> {
    match &v.kind {
        ValueKind::Percent(p) => super::literals::check_percent(*p, v.span, "a band's end", d),
        _ => {
            d.push(
                Diagnostic::error(
                    Code::UnitMismatch,
                    v.span,
                    format!("a band's ends are availability percentages, found {}", v.found()),
                )
                .label("not a percentage")
                .help("write both ends as percentages: `[99.00%, 99.80%)`"),
            );
            None
        }
    }
}

impl Cursor<'_> {
    /// `=>` between a band's range and its credit.
    fn expect_op_arrow(&mut self, d: &mut Diags) -> Option<()> {
        if self.eat_op("=>") {
            return Some(());
        }
        d.push(
            Diagnostic::error(Code::ExpectedKeyword, self.here(), "expected `=>` between the range and the credit")
                .label("`=>` belongs here")
                .help("write it as `band [99.00%, 99.80%) => 10%`"),
        );
        None
    }
}

/// `cap 25% of monthly_fee`, `cap 2x contract_value`, `cap CNY 5000.00`.
fn cap(a: &mut Cursor<'_>, d: &mut Diags, head: Span) -> Option<Cap> {
    let Some(v) = a.peek() else {
        d.push(
            Diagnostic::error(Code::ExpectedPercentage, head.after(), "the cap has no amount")
                .label("amount missing")
                .help("write `cap 25% of monthly_fee`, `cap 2x contract_value` or `cap CNY 5000.00`"),
        );
        return None;
    };
    let span = v.span;
    let amount = match &v.kind {
        ValueKind::Money { .. } => CapAmount::Fixed(a.expect_money("the cap", d)?.0),
        ValueKind::Quantity { number, unit, .. } if Unit::of_suffix(unit) == Some(Unit::Multiple) => {
            let times = *number;
            a.next();
            if times > rust_decimal::Decimal::from(crate::ir::MAX_MULTIPLE) {
                d.push(
                    Diagnostic::error(
                        Code::TooLargeToCompute,
                        span,
                        format!("a cap of {times}x is too large to compute with exactly"),
                    )
                    .label("more than 1000x")
                    .help("write the multiple of the basis the agreement states, such as `cap 2x contract_value`"),
                );
                return None;
            }
            a.eat_word("of");
            CapAmount::Multiple { times, of: basis(a, d)? }
        }
        _ => {
            let (percent, _) = a.expect_percent("the cap", d)?;
            a.expect_word("of", "cap 25% of monthly_fee", d);
            CapAmount::Percent { percent, of: basis(a, d)? }
        }
    };
    Some(Cap { amount, span })
}

/// `minimum more than USD 1.00` (strictly above) or `minimum USD 1.00`
/// (`at least` may be written).
fn minimum(a: &mut Cursor<'_>, d: &mut Diags, head: Span) -> Option<MinimumCredit> {
    let strict = a.eat_words(&["more", "than"]);
    if !strict {
        a.eat_words(&["at", "least"]);
    }
    if a.peek().is_none() {
        d.push(
            Diagnostic::error(Code::ExpectedMoney, head.after(), "the minimum has no amount")
                .label("amount missing")
                .help("write `minimum more than USD 1.00` (a credit of exactly USD 1.00 is not issued) or `minimum at least USD 1.00`"),
        );
        return None;
    }
    let (amount, span) = a.expect_money("the minimum credit", d)?;
    Some(MinimumCredit { amount, strict, span })
}

fn form(a: &mut Cursor<'_>, d: &mut Diags) -> Option<CreditForm> {
    if let Some((text, _)) = a.opt_string() {
        return Some(CreditForm::Other(text));
    }
    Some(match a.expect_one_of(&["voucher", "cash", "service_extension"], "form voucher", d)? {
        "voucher" => CreditForm::Voucher,
        "cash" => CreditForm::Cash,
        _ => CreditForm::ServiceExtension,
    })
}

/// `claim opens 5th business day of next period [on CAL], closes 2 months
/// after period`.
fn claim(ck: &mut Checker, a: &mut Cursor<'_>, field: &Statement) -> Option<ClaimWindow> {
    const EXAMPLE: &str = "claim opens 5th business day of next period, closes 2 months after period";
    let mut w = ClaimWindow {
        opens_business_day: None,
        business_calendar: None,
        closes_months_after: None,
        span: field.span,
        citation: citation(field),
        closes_days_after: None,
    };
    let mut said = false;
    while let Some(word) = a.peek_word() {
        match word {
            "opens" => {
                said = true;
                a.next();
                w.opens_business_day = a.expect_ordinal("the business day", 23, &mut ck.d).map(|x| x.0);
                a.expect_word("business", EXAMPLE, &mut ck.d);
                a.expect_word("day", EXAMPLE, &mut ck.d);
                a.expect_word("of", EXAMPLE, &mut ck.d);
                a.expect_word("next", EXAMPLE, &mut ck.d);
                a.expect_one_of(&["period", "month"], EXAMPLE, &mut ck.d);
                if a.eat_word("on") {
                    if let Some((cal, span)) = a.expect_ident("a calendar", "on office", &mut ck.d) {
                        ck.refer(RefKind::Calendar, &cal, span);
                        w.business_calendar = Some(cal);
                    }
                }
            }
            "closes" => {
                said = true;
                a.next();
                let count = a.expect_count("how long the window stays open", EXAMPLE, &mut ck.d);
                match a.expect_one_of(&["months", "month", "days", "day", "calendar", "business"], EXAMPLE, &mut ck.d) {
                    Some("months" | "month") => w.closes_months_after = count.map(|x| x.0),
                    Some(unit) => {
                        let business = unit == "business";
                        if matches!(unit, "business" | "calendar") {
                            a.expect_one_of(&["days", "day"], "closes 60 calendar days after period", &mut ck.d);
                        }
                        w.closes_days_after = count.and_then(|(days, span)| claim_days(ck, days, business, span));
                    }
                    None => {}
                }
                a.expect_word("after", EXAMPLE, &mut ck.d);
                a.expect_one_of(&["period", "month"], EXAMPLE, &mut ck.d);
                if w.closes_days_after.is_some_and(|c| c.business) && a.eat_word("on") {
                    if let Some((cal, span)) = a.expect_ident("a calendar", "on office", &mut ck.d) {
                        ck.refer(RefKind::Calendar, &cal, span);
                        w.business_calendar = Some(cal);
                    }
                }
            }
            _ => break,
        }
    }
    if !said {
        ck.d.push(
            Diagnostic::error(
                Code::ExpectedKeyword,
                a.here(),
                "the claim window says neither when it opens nor when it closes",
            )
            .label("expected `opens` or `closes`")
            .help(format!("for example: `{EXAMPLE}`")),
        );
    }
    Some(w)
}

/// `60 days` of a claim window, bounded so the evaluation stays short.
fn claim_days(ck: &mut Checker, days: u32, business: bool, span: Span) -> Option<DayCount> {
    if days > MAX_CLAIM_DAYS {
        ck.d.push(
            Diagnostic::error(
                Code::ExpectedNumber,
                span,
                format!("a claim window of {days} days is longer than slac evaluates ({MAX_CLAIM_DAYS} days)"),
            )
            .label("too many days")
            .help("write the window the agreement states, such as `closes 60 days after period`, or in months: `closes 2 months after period`"),
        );
        return None;
    }
    Some(DayCount { days, business })
}

/// `entitlement esign { option extend_service 1 month "延长一个月服务周期" }`.
pub fn entitlement(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let service = a.opt_ident();
    if let Some((name, span)) = &service {
        ck.refer(RefKind::Service, name, *span);
    }
    a.finish("entitlement", &mut ck.d);
    let mut en = Entitlement {
        service: service.clone().map(|s| s.0).unwrap_or_default(),
        options: Vec::new(),
        cash: false,
        span: stmt.head_span(),
        citation: citation(stmt),
    };
    let mut options_written = false;
    for field in block_of(&mut ck.d, stmt, "entitlement", "entitlement esign { option extend_service 1 month }") {
        let kw = match field.values.first().map(|v| &v.kind) {
            Some(ValueKind::Word(w)) | Some(ValueKind::DashedWord(w)) => w.as_str(),
            _ => continue,
        };
        let mut a = Cursor::after_keyword(field);
        match kw {
            // `per outage in missed period` restates the rule; it is
            // accepted for readability.
            "per" => {
                a.expect_word("outage", "per outage in missed period", &mut ck.d);
                while a.next().is_some() {}
            }
            "option" => {
                options_written = true;
                const EXAMPLE: &str = "option extend_service 1 month \"延长一个月服务周期\"";
                let Some((id, span)) = a.expect_ident("the option's name", EXAMPLE, &mut ck.d) else { continue };
                let months = a.expect_count("the number of months", EXAMPLE, &mut ck.d).map(|x| x.0).unwrap_or(1);
                a.expect_one_of(&["month", "months"], EXAMPLE, &mut ck.d);
                let description = a.opt_string().map(|s| s.0);
                en.options.push(EntitlementOption { id, description, months, span });
            }
            "cash" => en.cash = true,
            "non-cash" => en.cash = false,
            other => {
                unknown_field(&mut ck.d, field, other, &clauses::ENTITLEMENT);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    if stmt.block.is_some() && !options_written {
        ck.d.push(
            Diagnostic::error(Code::MissingField, stmt.head_span(), "this entitlement offers nothing")
                .label("no options")
                .help("add what each outage earns: `option extend_service 1 month \"延长一个月服务周期\"`"),
        );
    }
    if service.is_none() {
        ck.implicit_service.push((ImplicitService::Entitlement(ck.c.entitlements.len()), stmt.head_span()));
    }
    ck.c.entitlements.push(en);
}

/// `penalty late { deduct 0.5% of contract_value per started hour over
/// resolution; cap 5% of contract_value }`.
pub fn penalty(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the penalty's name", "penalty late_resolution", &mut ck.d) else {
        return;
    };
    a.finish("penalty", &mut ck.d);
    let mut rate = None;
    let mut of = Basis::ContractValue;
    let mut counting = HourCounting::Started;
    let mut clock = ClockKind::Resolution;
    let mut tiers = Vec::new();
    let mut cap_value = None;
    let mut seen = Seen::default();
    for field in block_of(
        &mut ck.d,
        stmt,
        "penalty",
        "penalty late { deduct 0.5% of contract_value per started hour over resolution }",
    ) {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        let head = field.head_span();
        match kw {
            "applies" => {
                a.expect_word("to", "applies to L1, L2", &mut ck.d);
                if a.peek_word() == Some("all") && a.peek_at(1).is_none() {
                    ck.d.push(
                        Diagnostic::error(Code::ExpectedKeyword, a.here().after(), "expected `tiers` after `all`")
                            .label("`tiers` belongs here")
                            .help("write `applies to all tiers`, or name the tiers: `applies to L1, L2`"),
                    );
                    a.skip_rest();
                } else if !a.eat_words(&["all", "tiers"]) {
                    while let Some((t, span)) = a.opt_ident() {
                        ck.refer(RefKind::Tier, &t, span);
                        tiers.push(t);
                    }
                    if tiers.is_empty() {
                        a.expect_ident("a tier", "applies to L1, L2", &mut ck.d);
                    }
                }
            }
            "deduct" if seen.first("deduct", head, &mut ck.d) => {
                const EXAMPLE: &str = "deduct 0.5% of contract_value per started hour over resolution";
                rate = a.expect_percent("the deduction", &mut ck.d).map(|x| x.0);
                a.expect_word("of", EXAMPLE, &mut ck.d);
                of = basis(&mut a, &mut ck.d).unwrap_or(Basis::ContractValue);
                a.expect_word("per", EXAMPLE, &mut ck.d);
                counting = match a.expect_one_of(&["started", "whole"], EXAMPLE, &mut ck.d) {
                    Some("whole") => HourCounting::Whole,
                    _ => HourCounting::Started,
                };
                a.expect_word("hour", EXAMPLE, &mut ck.d);
                a.expect_word("over", EXAMPLE, &mut ck.d);
                clock = match a.expect_one_of(&["resolution", "response"], EXAMPLE, &mut ck.d) {
                    Some("response") => ClockKind::Response,
                    _ => ClockKind::Resolution,
                };
            }
            "cap" if seen.first("cap", head, &mut ck.d) => cap_value = cap(&mut a, &mut ck.d, head),
            "deduct" | "cap" => {}
            other => {
                unknown_field(&mut ck.d, field, other, &clauses::PENALTY);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    let Some(rate) = rate else {
        if !seen.has("deduct") && stmt.block.is_some() {
            ck.d.push(
                Diagnostic::error(Code::MissingField, span, format!("penalty `{id}` does not say what is deducted"))
                    .label("deduction missing")
                    .help("add `deduct 0.5% of contract_value per started hour over resolution`"),
            );
        }
        return;
    };
    if rate.0.is_zero() {
        ck.d.push(
            Diagnostic::error(Code::ZeroLimit, span, format!("penalty `{id}` deducts 0%"))
                .label("zero deduction")
                .help("write the rate the contract sets, such as `0.5%`"),
        );
    }
    ck.c.penalties.push(Penalty {
        id,
        tiers,
        clock,
        rate,
        of,
        counting,
        cap: cap_value,
        span,
        citation: citation(stmt),
    });
}

/// `liability direct_loss "直接经济损失" { cap 2x contract_value }`.
pub fn liability(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the liability's name", "liability direct_loss", &mut ck.d) else {
        return;
    };
    let mut description = a.opt_string().map(|s| s.0);
    a.finish("liability", &mut ck.d);
    let mut cap_value = None;
    let mut cap_written = false;
    for field in block_of(&mut ck.d, stmt, "liability", "liability direct_loss { cap 2x contract_value }") {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        match kw {
            "cap" => {
                cap_written = true;
                cap_value = cap(&mut a, &mut ck.d, field.head_span());
            }
            "description" => {
                description = a.expect_string("a description", "description \"...\"", &mut ck.d).map(|s| s.0)
            }
            other => {
                unknown_field(&mut ck.d, field, other, &clauses::LIABILITY);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    let Some(cap) = cap_value else {
        if cap_written || stmt.block.is_none() {
            return;
        }
        ck.d.push(
            Diagnostic::error(Code::MissingField, span, format!("liability `{id}` has no cap"))
                .label("cap missing")
                .help("add `cap 2x contract_value` or `cap CNY 100000.00`"),
        );
        return;
    };
    ck.c.liability.push(LiabilityCap { id, description, cap, span, citation: citation(stmt) });
}
