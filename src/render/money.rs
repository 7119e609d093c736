//! What is owed: credit bands with cap and claim window, entitlements,
//! penalties and liability caps.

use super::doc::{Block, Fact, Part, cite_cell};
use super::words::{self, Lang, W};
use crate::ir::{Basis, Cap, CapAmount, ClaimWindow, ClockKind, Contract, CreditBand, CreditForm, HourCounting};

/// What a percentage is of: `monthly fee` / `月服务费`.
fn basis(b: &Basis, lang: Lang) -> String {
    match (b, lang) {
        (Basis::MonthlyFee, Lang::En) => "the fee for the period".into(),
        (Basis::MonthlyFee, Lang::Zh) => "当期服务费".into(),
        (Basis::ContractValue, Lang::En) => "the contract value".into(),
        (Basis::ContractValue, Lang::Zh) => "合同总金额".into(),
        (Basis::FeesPaid, Lang::En) => "the fees already paid".into(),
        (Basis::FeesPaid, Lang::Zh) => "已支付的费用".into(),
        (Basis::Amount(m), _) => m.to_string(),
    }
}

/// `25% of the fee for the period`, `2 × the contract value`, `CNY 5000`.
pub fn cap(c: &Cap, lang: Lang) -> String {
    match (&c.amount, lang) {
        (CapAmount::Percent { percent, of }, Lang::En) => format!("{percent} of {}", basis(of, lang)),
        (CapAmount::Percent { percent, of }, Lang::Zh) => format!("{}的{percent}", basis(of, lang)),
        (CapAmount::Multiple { times, of }, Lang::En) => format!("{times} × {}", basis(of, lang)),
        (CapAmount::Multiple { times, of }, Lang::Zh) => format!("{}的{times}倍", basis(of, lang)),
        (CapAmount::Fixed(m), _) => m.to_string(),
    }
}

/// `≥ 99.00% and < 99.80%`.
fn band_range(b: &CreditBand, lang: Lang) -> String {
    let low = if b.low_inclusive { "≥" } else { ">" };
    let high = if b.high_inclusive { "≤" } else { "<" };
    let and = if lang == Lang::En { "and" } else { "且" };
    format!("{low} {} {and} {high} {}", b.low, b.high)
}

fn form(f: &CreditForm, lang: Lang) -> String {
    match (f, lang) {
        (CreditForm::Voucher, Lang::En) => "voucher".into(),
        (CreditForm::Voucher, Lang::Zh) => "代金券".into(),
        (CreditForm::Cash, Lang::En) => "cash".into(),
        (CreditForm::Cash, Lang::Zh) => "现金".into(),
        (CreditForm::ServiceExtension, Lang::En) => "service extension".into(),
        (CreditForm::ServiceExtension, Lang::Zh) => "延长服务期".into(),
        (CreditForm::Other(s), _) => s.clone(),
    }
}

fn claim(w: &ClaimWindow, lang: Lang) -> String {
    let mut parts = Vec::new();
    let cal = w.business_calendar.as_ref().map(|c| words::aside(lang, c)).unwrap_or_default();
    match (w.opens_business_day, lang) {
        (Some(n), Lang::En) => {
            parts.push(format!("opens on the {} business day{cal} of the next period", words::ordinal(lang, n.into())))
        }
        (Some(n), Lang::Zh) => parts.push(format!("下一周期第{n}个工作日{cal}起可申请")),
        (None, Lang::En) => parts.push("opens when the period ends".into()),
        (None, Lang::Zh) => parts.push("周期结束后即可申请".into()),
    }
    match (w.closes_months_after, lang) {
        (Some(m), Lang::En) => parts.push(format!("closes {m} month(s) after the period")),
        (Some(m), Lang::Zh) => parts.push(format!("周期结束后{m}个月内申请")),
        (None, _) => {}
    }
    if let Some(d) = w.closes_days_after {
        parts.push(match (d.business, lang) {
            (true, Lang::En) => format!("closes {} business days after the period", d.days),
            (false, Lang::En) => format!("closes {} days after the period", d.days),
            (true, Lang::Zh) => format!("周期结束后{}个工作日内申请", d.days),
            (false, Lang::Zh) => format!("周期结束后{}天内申请", d.days),
        });
    }
    parts.join(words::semi(lang))
}

pub fn credits(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("credits", W::Credits.text(lang));
    for cr in &c.credits {
        p.spans.push(cr.span);
        let title = match c.service(&cr.service).and_then(|s| s.name.as_ref()) {
            Some(name) => format!("{} {name} {}", cr.service, cite_cell(cr.citation.as_ref())),
            None => format!("{} {}", cr.service, cite_cell(cr.citation.as_ref())),
        };
        p.push(Block::Heading(title.trim_end().to_string()));
        let rows = cr.bands.iter().map(|b| vec![band_range(b, lang), b.credit.to_string()]).collect();
        p.push(Block::Table { head: vec![W::Achieved.text(lang).into(), W::Credit.text(lang).into()], rows });
        let mut facts = Vec::new();
        if let Some(b) = &cr.basis {
            let mut text = basis(b, lang);
            if !cr.basis_excluding.is_empty() {
                let parts: Vec<&str> = cr.basis_excluding.iter().map(|x| words::fee_part(lang, *x)).collect();
                let excluded = format!("{} {}", W::Excluding.text(lang), parts.join(words::list_sep(lang)));
                text.push_str(&words::aside(lang, &excluded));
            }
            facts.push(Fact::new(W::Basis.text(lang), text, None));
        }
        if let Some(cp) = &cr.cap {
            facts.push(Fact::new(W::Cap.text(lang), cap(cp, lang), None));
        }
        if let Some(f) = &cr.form {
            facts.push(Fact::new(W::Form.text(lang), form(f, lang), None));
        }
        if let Some(w) = &cr.claim {
            facts.push(Fact::new(W::ClaimWindow.text(lang), claim(w, lang), w.citation.as_ref()));
        }
        if let Some(m) = &cr.minimum {
            let text = match (m.strict, lang) {
                (true, Lang::En) => format!("more than {}", m.amount),
                (false, Lang::En) => format!("at least {}", m.amount),
                (true, Lang::Zh) => format!("超过 {}", m.amount),
                (false, Lang::Zh) => format!("不低于 {}", m.amount),
            };
            facts.push(Fact::new(W::Minimum.text(lang), text, None));
        }
        if let Some(g) = &cr.exclusive {
            facts.push(Fact::new(W::Exclusive.text(lang), g.clone(), None));
        }
        if !facts.is_empty() {
            p.push(Block::Facts(facts));
        }
    }
    p
}

pub fn entitlements(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("entitlements", W::Entitlements.text(lang));
    for e in &c.entitlements {
        p.spans.push(e.span);
        let options = e
            .options
            .iter()
            .map(|o| {
                let months = match lang {
                    Lang::En => format!("{} month(s)", o.months),
                    Lang::Zh => format!("{}个月", o.months),
                };
                match &o.description {
                    Some(d) => format!("{} “{d}”: {months}", o.id),
                    None => format!("{}: {months}", o.id),
                }
            })
            .collect::<Vec<_>>()
            .join(words::semi(lang));
        let cash = if e.cash { W::Yes } else { W::No };
        p.push(Block::Facts(vec![
            Fact::new(W::Service.text(lang), e.service.clone(), e.citation.as_ref()),
            Fact::new(W::Options.text(lang), options, None),
            Fact::new(W::Cash.text(lang), cash.text(lang), None),
        ]));
    }
    p
}

/// The limit a penalty counts over, in Chinese: `解决时限`.
fn limit_zh(clock: ClockKind) -> &'static str {
    match clock {
        ClockKind::Response => "响应时限",
        ClockKind::Resolution => "解决时限",
    }
}

pub fn penalties(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("penalties", W::Penalties.text(lang));
    let mut rows = Vec::new();
    for pe in &c.penalties {
        p.spans.push(pe.span);
        let tiers =
            if pe.tiers.is_empty() { W::AllTiers.text(lang).to_string() } else { pe.tiers.join(words::list_sep(lang)) };
        let clock = match (pe.clock, lang) {
            (ClockKind::Response, _) => W::Response.text(lang),
            (ClockKind::Resolution, _) => W::Resolution.text(lang),
        };
        let rate = match (pe.counting, lang) {
            (HourCounting::Started, Lang::En) => {
                format!(
                    "{} of {} per started hour over the {} limit",
                    pe.rate,
                    basis(&pe.of, lang),
                    clock.to_lowercase()
                )
            }
            (HourCounting::Whole, Lang::En) => {
                format!("{} of {} per whole hour over the {} limit", pe.rate, basis(&pe.of, lang), clock.to_lowercase())
            }
            (HourCounting::Started, Lang::Zh) => {
                format!(
                    "超出{}后每小时（不足一小时按一小时计）扣{}的{}",
                    limit_zh(pe.clock),
                    basis(&pe.of, lang),
                    pe.rate
                )
            }
            (HourCounting::Whole, Lang::Zh) => {
                format!("超出{}后每满一小时扣{}的{}", limit_zh(pe.clock), basis(&pe.of, lang), pe.rate)
            }
        };
        rows.push(vec![
            pe.id.clone(),
            tiers,
            rate,
            pe.cap.as_ref().map(|x| cap(x, lang)).unwrap_or_default(),
            cite_cell(pe.citation.as_ref()),
        ]);
    }
    if !rows.is_empty() {
        let head = vec![
            W::Penalty.text(lang).into(),
            W::Tier.text(lang).into(),
            W::Rate.text(lang).into(),
            W::Cap.text(lang).into(),
            "§".into(),
        ];
        p.push(Block::Table { head, rows });
    }
    p
}

pub fn liability(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("liability", W::Liability.text(lang));
    let mut rows = Vec::new();
    for l in &c.liability {
        p.spans.push(l.span);
        rows.push(vec![
            l.id.clone(),
            l.description.clone().unwrap_or_default(),
            cap(&l.cap, lang),
            cite_cell(l.citation.as_ref()),
        ]);
    }
    if !rows.is_empty() {
        let head = vec![String::new(), W::Description.text(lang).into(), W::Cap.text(lang).into(), "§".into()];
        p.push(Block::Table { head, rows });
    }
    p
}
