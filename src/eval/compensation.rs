//! Compensation: credits by band, per-outage entitlements, per-breach
//! penalties and liability caps (semantics.md sections 3 and 6).

use super::EvalError;
use super::Given;
use super::availability::SeriesResult;
use super::clocks::Clocks;
use super::period::YearMonth;
use super::tiers::ClockOutcome;
use crate::calendar::BusinessDays;
use crate::events::UsageRow;
use crate::ir::{
    Basis, Cap, CapAmount, ClockKind, Contract, Credit, CreditForm, DayCount, FeeAdjustment, HourCounting, Money,
    Penalty,
};
use crate::report::{CreditLine, EntitlementLine, LiabilityLine, PenaltyLine, PenaltyTotal, PeriodStatus};
use rust_decimal::Decimal;

/// Amounts given from outside the contract.
pub struct Amounts<'a> {
    pub contract: &'a Contract,
    pub usage: &'a [UsageRow],
    /// `--contract-value`, over the contract's own `value`.
    pub contract_value: Option<Money>,
}

impl Amounts<'_> {
    pub(super) fn currency(&self) -> String {
        self.contract.header.currency.clone().unwrap_or_default()
    }

    pub fn contract_value(&self) -> Result<Decimal, EvalError> {
        self.contract_value.as_ref().or(self.contract.header.value.as_ref()).map(|m| m.amount).ok_or_else(|| {
            EvalError::MissingAmount {
                what: "the contract's value".into(),
                help: "write `value CNY 100000.00` in the contract or give it with the evaluation (CNY 100000.00)"
                    .into(),
                given_as: Some(Given::ContractValue),
            }
        })
    }

    /// The fee for one month of a service or instance: the usage file's row
    /// for the instance, else for the service, else the contract's `fee`.
    pub(super) fn monthly_fee(
        &self,
        service: &str,
        instance: Option<&str>,
        month: YearMonth,
    ) -> Result<Decimal, EvalError> {
        let period = month.to_string();
        let found = self.fee_row(service, instance, month);
        if let Some(fee) = found.and_then(|r| r.monthly_fee.as_ref()) {
            return Ok(fee.amount);
        }
        if let Some(fee) = self.contract.service(service).and_then(|s| s.monthly_fee.as_ref()) {
            return Ok(fee.amount);
        }
        let who = match instance {
            Some(i) => format!("{service} instance {i}"),
            None => service.to_owned(),
        };
        Err(EvalError::MissingAmount {
            what: format!("the monthly fee of {who} for {period}"),
            help: format!(
                "give it in a usage file (period,service,instance,monthly_fee: {period},{service},{},CNY 1000.00) or as `fee` in the service",
                instance.unwrap_or("")
            ),
            given_as: Some(Given::Usage),
        })
    }

    fn basis(
        &self,
        basis: &Basis,
        service: &str,
        instance: Option<&str>,
        months: &[YearMonth],
    ) -> Result<Decimal, EvalError> {
        match basis {
            Basis::MonthlyFee => {
                let mut total = Decimal::ZERO;
                for m in months {
                    let fee = self.monthly_fee(service, instance, *m)?;
                    total =
                        total.checked_add(fee).ok_or_else(EvalError::too_large(format!("the fees of {service}")))?;
                }
                Ok(total)
            }
            Basis::ContractValue => self.contract_value(),
            Basis::Amount(m) => Ok(m.amount),
            Basis::FeesPaid => self.fees_paid(service, instance, Some(months)),
        }
    }

    /// The usage row that gives a month's fee (the instance's, else the
    /// service's), for the parts of the fee beside it.
    fn fee_row(&self, service: &str, instance: Option<&str>, month: YearMonth) -> Option<&UsageRow> {
        let period = month.to_string();
        let row = |inst: Option<&str>| {
            self.usage.iter().find(|u| {
                u.period == period
                    && u.service.as_deref().is_none_or(|s| s == service)
                    && u.instance.as_deref() == inst
                    && u.monthly_fee.is_some()
            })
        };
        instance.and_then(|i| row(Some(i))).or_else(|| row(None))
    }

    /// The parts of the fee a credit's basis leaves out, summed over the
    /// period's months, each with its amount (0 where a row does not give
    /// it).
    pub fn exclusions(
        &self,
        parts: &[FeeAdjustment],
        service: &str,
        instance: Option<&str>,
        months: &[YearMonth],
    ) -> Result<Vec<(FeeAdjustment, Decimal)>, EvalError> {
        let mut out = Vec::with_capacity(parts.len());
        for part in parts {
            let mut total = Decimal::ZERO;
            for m in months {
                let amount = self
                    .fee_row(service, instance, *m)
                    .and_then(|r| r.fee_parts.get(*part))
                    .map_or(Decimal::ZERO, |x| x.amount);
                total = total
                    .checked_add(amount)
                    .ok_or_else(EvalError::too_large(format!("the {} of {service}", part.name())))?;
            }
            out.push((*part, total));
        }
        Ok(out)
    }

    /// The fees paid for a service (an instance, when given) in the usage
    /// rows of the period's `months` (every row when `None`: a liability
    /// cap limited to the fees paid under the contract).
    pub fn fees_paid(
        &self,
        service: &str,
        instance: Option<&str>,
        months: Option<&[YearMonth]>,
    ) -> Result<Decimal, EvalError> {
        let rows: Vec<&UsageRow> = self
            .usage
            .iter()
            .filter(|u| u.service.as_deref().is_none_or(|s| s == service || service.is_empty()))
            .filter(|u| instance.is_none_or(|i| u.instance.as_deref() == Some(i)))
            .filter(|u| months.is_none_or(|ms| YearMonth::parse(&u.period).is_some_and(|p| ms.contains(&p))))
            .filter(|u| u.fee_parts.paid.is_some())
            .collect();
        if rows.is_empty() {
            return Err(EvalError::MissingAmount {
                what: format!("the fees paid for {}", if service.is_empty() { "the contract" } else { service }),
                help: "give them in the usage file's `paid` column (period,service,paid: 2025-03,esign,CNY 1000.00)"
                    .into(),
                given_as: Some(Given::Usage),
            });
        }
        checked_sum(rows.iter().filter_map(|u| u.fee_parts.paid.as_ref()).map(|m| m.amount))
            .ok_or_else(EvalError::too_large(format!("the fees paid for {service}")))
    }

    fn cap(
        &self,
        cap: &Cap,
        service: &str,
        instance: Option<&str>,
        months: &[YearMonth],
    ) -> Result<Decimal, EvalError> {
        let too_large = EvalError::too_large(format!("the cap on the credits of {service}"));
        match &cap.amount {
            CapAmount::Percent { percent, of } => {
                percent.of(self.basis(of, service, instance, months)?).ok_or_else(too_large)
            }
            CapAmount::Multiple { times, of } => {
                times.checked_mul(self.basis(of, service, instance, months)?).ok_or_else(too_large)
            }
            CapAmount::Fixed(m) => Ok(m.amount),
        }
    }
}

/// Credits for every evaluated period that falls in a band.
pub fn credits(
    credit: &Credit,
    results: &[SeriesResult],
    amounts: &Amounts<'_>,
    clocks: &mut Clocks<'_>,
) -> Result<Vec<CreditLine>, EvalError> {
    let mut out = Vec::new();
    for series in results.iter().filter(|r| r.service == credit.service) {
        for (ledger, ratio) in series.ledgers.iter().zip(&series.ratios) {
            let Some((num, den)) = *ratio else { continue };
            let Some(band) = credit.bands.iter().find(|b| b.contains(i128::from(num), i128::from(den))) else {
                continue;
            };
            let months = months_of(&ledger.period);
            let basis = credit.basis.clone().unwrap_or(Basis::MonthlyFee);
            let mut basis_amount = amounts.basis(&basis, &series.service, series.instance.as_deref(), &months)?;
            // `excluding vouchers, ...`: the credit is a share of what is
            // left of the fee, never of less than nothing.
            let excluded =
                amounts.exclusions(&credit.basis_excluding, &series.service, series.instance.as_deref(), &months)?;
            for (_, amount) in &excluded {
                basis_amount = (basis_amount - *amount).max(Decimal::ZERO);
            }
            let mut amount = band
                .credit
                .of(basis_amount)
                .ok_or_else(EvalError::too_large(format!("the credit of {}", credit.service)))?;
            let mut capped = false;
            if let Some(cap) = &credit.cap {
                let limit = amounts.cap(cap, &series.service, series.instance.as_deref(), &months)?;
                if amount > limit {
                    amount = limit;
                    capped = true;
                }
            }
            let (claim_opens, claim_closes) = claim_window(credit, &months, clocks)?;
            let mut line = CreditLine {
                terms: None,
                service: series.service.clone(),
                instance: series.instance.clone(),
                period: ledger.period.clone(),
                achieved: ledger.ratio.as_ref().map(|r| format!("{}%", r.percent)).unwrap_or_default(),
                band: band.text(),
                basis: match credit.basis_excluding.as_slice() {
                    [] => basis.name(),
                    parts => format!(
                        "{} excluding {}",
                        basis.name(),
                        parts.iter().map(|p| p.name()).collect::<Vec<_>>().join(", ")
                    ),
                },
                basis_amount,
                amount,
                capped,
                provisional: ledger.in_progress,
                currency: amounts.currency(),
                form: CreditForm::text(credit.form.as_ref()),
                claim_opens,
                claim_closes,
                citation: credit.citation.as_ref().map(|c| c.section.clone()),
                not_owed: None,
                withheld: None,
                basis_excluded: excluded
                    .iter()
                    .map(|(part, amount)| crate::report::BasisPart { part: part.name().to_owned(), amount: *amount })
                    .collect(),
                region: series.region.clone(),
            };
            if let Some(minimum) = &credit.minimum {
                super::credit_rules::apply_minimum(minimum, &mut line);
            }
            out.push(line);
        }
    }
    Ok(out)
}

/// The months of a period label: `2025-01`, `2025-Q1`, `2025`.
pub fn months_of(label: &str) -> Vec<YearMonth> {
    if let Some(m) = YearMonth::parse(label) {
        return vec![m];
    }
    if let Some((y, q)) = label.split_once("-Q") {
        if let (Ok(year), Ok(q)) = (y.parse::<i32>(), q.parse::<u32>()) {
            let first = YearMonth { year, month: (q - 1) * 3 + 1 };
            return (0..3).map(|i| first.plus(i)).collect();
        }
    }
    if let Ok(year) = label.parse::<i32>() {
        return (0..12).map(|i| YearMonth { year, month: 1 }.plus(i)).collect();
    }
    Vec::new()
}

/// When a credit for these months may be claimed.
pub(super) fn claim_window(
    credit: &Credit,
    months: &[YearMonth],
    clocks: &mut Clocks<'_>,
) -> Result<(Option<String>, Option<String>), EvalError> {
    let (Some(claim), Some(last)) = (&credit.claim, months.last()) else {
        return Ok((None, None));
    };
    let next = last.plus(1);
    let opens = match claim.opens_business_day {
        None => Some(next.first_day().to_string()),
        Some(n) => Some(nth_business_day(clocks, claim.business_calendar.as_deref(), next, n)?.to_string()),
    };
    let closes = match claim.closes_days_after {
        Some(count) => {
            Some(claim_closes_in_days(clocks, claim.business_calendar.as_deref(), *last, count)?.to_string())
        }
        None => claim.closes_months_after.map(|k| last.plus(k as i32).last_day().to_string()),
    };
    Ok((opens, closes))
}

/// The last day of a claim window of `n` days after the period: its last
/// day plus n calendar days, or the n-th business day after it.
fn claim_closes_in_days(
    clocks: &mut Clocks<'_>,
    calendar: Option<&str>,
    last: YearMonth,
    count: DayCount,
) -> Result<chrono::NaiveDate, EvalError> {
    let end = last.last_day();
    if !count.business {
        return end
            .checked_add_days(chrono::Days::new(u64::from(count.days)))
            .ok_or_else(EvalError::too_large(format!("the claim window after {last}")));
    }
    let ctx = format!("the claim window after {last}");
    if let Some(id) = calendar {
        let clock = clocks.get(&crate::ir::ClockRef::Calendar(id.to_owned()))?;
        return BusinessDays::OpenDaysOf(clock).nth_after(end, count.days).map_err(EvalError::calendar(ctx));
    }
    let table = match clocks.default_holiday_set() {
        Some(name) => Some(clocks.table(&name)?),
        None => None,
    };
    BusinessDays::Workdays(table.as_deref()).nth_after(end, count.days).map_err(EvalError::calendar(ctx))
}

/// The n-th business day of a month: the open days of the given calendar,
/// else Monday to Friday under the contract's holiday set (the first set a
/// calendar names, else `cn` for a contract in China's zone).
fn nth_business_day(
    clocks: &mut Clocks<'_>,
    calendar: Option<&str>,
    month: YearMonth,
    n: u32,
) -> Result<chrono::NaiveDate, EvalError> {
    let ctx = format!("the claim window in {month}");
    if let Some(id) = calendar {
        let clock = clocks.get(&crate::ir::ClockRef::Calendar(id.to_owned()))?;
        return BusinessDays::OpenDaysOf(clock)
            .nth_of_month(month.year, month.month, n)
            .map_err(EvalError::calendar(ctx));
    }
    let table = match clocks.default_holiday_set() {
        Some(name) => Some(clocks.table(&name)?),
        None => None,
    };
    BusinessDays::Workdays(table.as_deref()).nth_of_month(month.year, month.month, n).map_err(EvalError::calendar(ctx))
}

/// Entitlements: in a missed period, one per counted outage touching it.
pub fn entitlements(c: &Contract, results: &[SeriesResult]) -> Vec<EntitlementLine> {
    let mut out = Vec::new();
    for en in &c.entitlements {
        for series in results.iter().filter(|r| r.service == en.service) {
            for l in series.ledgers.iter().filter(|l| l.status == PeriodStatus::Missed) {
                out.push(EntitlementLine {
                    terms: None,
                    service: series.service.clone(),
                    instance: series.instance.clone(),
                    period: l.period.clone(),
                    outages: l.counted_runs.len() as u32,
                    options: en
                        .options
                        .iter()
                        .map(|o| {
                            let what = o.description.clone().unwrap_or_else(|| o.id.clone());
                            format!("{what} ({} month{})", o.months, if o.months == 1 { "" } else { "s" })
                        })
                        .collect(),
                    cash: en.cash,
                    provisional: l.in_progress,
                    citation: en.citation.as_ref().map(|c| c.section.clone()),
                    region: series.region.clone(),
                });
            }
        }
    }
    out
}

/// One incident's clocks, as penalties need them.
pub struct PenaltyInput<'a> {
    pub incident: &'a str,
    pub tier: &'a str,
    pub opened_in_term: bool,
    pub response: Option<&'a ClockOutcome>,
    pub resolution: Option<&'a ClockOutcome>,
}

/// Per-breach penalties, with the cap applied over what was evaluated.
pub fn penalties(
    p: &Penalty,
    inputs: &[PenaltyInput<'_>],
    amounts: &Amounts<'_>,
    whole_term: bool,
) -> Result<(Vec<PenaltyLine>, PenaltyTotal), EvalError> {
    // The amount is needed only where something is owed: an evaluation in
    // which no clock ran over needs no contract value (and a penalty that
    // is owed with no value given is an error, never zero).
    let value = match &p.of {
        Basis::ContractValue => amounts.contract_value(),
        Basis::Amount(m) => Ok(m.amount),
        Basis::MonthlyFee | Basis::FeesPaid => {
            return Err(EvalError::Usage(format!(
                "penalty `{}` is a share of {}, which has no single value over a term; use contract_value or an amount",
                p.id,
                p.of.name()
            )));
        }
    };
    let mut breaches = Vec::new();
    for i in inputs.iter().filter(|i| i.opened_in_term && (p.tiers.is_empty() || p.tiers.iter().any(|t| t == i.tier))) {
        let clock = match p.clock {
            ClockKind::Response => i.response,
            ClockKind::Resolution => i.resolution,
        };
        let Some(o) = clock.filter(|o| !o.exempt && o.elapsed > o.limit.0) else { continue };
        let over = o.elapsed - o.limit.0;
        let hours = match p.counting {
            HourCounting::Started => (over + 3599) / 3600,
            HourCounting::Whole => over / 3600,
        };
        if hours > 0 {
            breaches.push((i, o, over, hours));
        }
    }
    let owed = !breaches.is_empty();
    let basis = if owed { value? } else { value.unwrap_or_default() };
    let too_large = || EvalError::TooLarge { clause: format!("penalty `{}`", p.id) };
    let per_hour = if owed { p.rate.of(basis).ok_or_else(too_large)? } else { Decimal::ZERO };
    let mut lines: Vec<PenaltyLine> = Vec::with_capacity(breaches.len());
    for (i, o, over, hours) in breaches {
        let amount = per_hour.checked_mul(Decimal::from(hours)).ok_or_else(too_large)?;
        lines.push(PenaltyLine {
            terms: None,
            penalty: p.id.clone(),
            incident: i.incident.to_owned(),
            tier: i.tier.to_owned(),
            clock: match p.clock {
                ClockKind::Response => "response".into(),
                ClockKind::Resolution => "resolution".into(),
            },
            over_seconds: over,
            hours,
            amount,
            currency: amounts.currency(),
            provisional: o.running,
            citation: p.citation.as_ref().map(|c| c.section.clone()),
        });
    }
    let before_cap = checked_sum(lines.iter().map(|l| l.amount)).ok_or_else(too_large)?;
    let amount_of = |of: &Basis| match of {
        Basis::Amount(m) => Ok(m.amount),
        _ => amounts.contract_value(),
    };
    let cap_amount = |cap: &Cap| match &cap.amount {
        CapAmount::Percent { percent, of } => amount_of(of).and_then(|v| percent.of(v).ok_or_else(too_large)),
        CapAmount::Multiple { times, of } => amount_of(of).and_then(|v| times.checked_mul(v).ok_or_else(too_large)),
        CapAmount::Fixed(m) => Ok(m.amount),
    };
    // Nothing owed: the cap is stated when it can be, never required.
    let cap = match &p.cap {
        Some(c) if owed => Some(cap_amount(c)?),
        Some(c) => cap_amount(c).ok(),
        None => None,
    };
    let total = cap.map_or(before_cap, |c| before_cap.min(c));
    let mut note = None;
    if cap.is_some() && !whole_term {
        note = Some("the cap applies over the contract term; this evaluation covers only part of it, so the cap was applied to what was evaluated".into());
    }
    if lines.iter().any(|l| l.provisional) {
        let extra = "some clocks were still running at as_of: those amounts are provisional";
        note = Some(match note {
            Some(n) => format!("{n}; {extra}"),
            None => extra.to_owned(),
        });
    }
    Ok((
        lines,
        PenaltyTotal { terms: None, penalty: p.id.clone(), before_cap, cap, total, currency: amounts.currency(), note },
    ))
}

/// Liability caps: stated, not computed from events.
pub fn liability(amounts: &Amounts<'_>) -> Vec<LiabilityLine> {
    amounts
        .contract
        .liability
        .iter()
        .map(|l| {
            let (cap, amount) = match &l.cap.amount {
                // Amounts are bounded where they are read, so these products
                // fit; were one not to, the cap is shown unstated rather than
                // wrong.
                CapAmount::Percent { percent, of } => {
                    (format!("{percent} of {}", of.name()), basis_value(amounts, of).and_then(|b| percent.of(b)))
                }
                CapAmount::Multiple { times, of } => {
                    (format!("{times}x {}", of.name()), basis_value(amounts, of).and_then(|b| times.checked_mul(b)))
                }
                CapAmount::Fixed(m) => (m.to_string(), Some(m.amount)),
            };
            LiabilityLine {
                id: l.id.clone(),
                description: l.description.clone(),
                cap,
                currency: amount.map(|_| amounts.currency()),
                amount,
                citation: l.citation.as_ref().map(|c| c.section.clone()),
            }
        })
        .collect()
}

fn basis_value(amounts: &Amounts<'_>, b: &Basis) -> Option<Decimal> {
    match b {
        Basis::ContractValue => amounts.contract_value().ok(),
        Basis::Amount(m) => Some(m.amount),
        Basis::MonthlyFee => None,
        // Liability limited to the fees already paid: all the usage rows.
        Basis::FeesPaid => amounts.fees_paid("", None, None).ok(),
    }
}

/// A sum of amounts, `None` when it does not fit a decimal.
pub fn checked_sum(amounts: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    amounts.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
}
