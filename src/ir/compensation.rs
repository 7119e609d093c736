//! Compensation: credits, entitlements, penalties, liability caps.

use super::values::{Citation, Money, Percent};
use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a percentage is a percentage of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The service's (or instance's) fee for the period.
    MonthlyFee,
    /// The contract's total value.
    ContractValue,
    /// A fixed amount written in the contract.
    Amount(Money),
    /// The fees the customer has paid, from the usage rows' `paid` column
    /// up to the period ("liability limited to the fees already paid").
    FeesPaid,
}

/// A part of the fee a credit's basis leaves out (`basis monthly_fee
/// excluding vouchers, coupons, upfront`), read from the usage row's column
/// of that name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeAdjustment {
    Vouchers,
    Coupons,
    Upfront,
}

impl FeeAdjustment {
    pub const ALL: [FeeAdjustment; 3] = [FeeAdjustment::Vouchers, FeeAdjustment::Coupons, FeeAdjustment::Upfront];

    /// The word the language and the usage column use.
    pub fn name(self) -> &'static str {
        match self {
            FeeAdjustment::Vouchers => "vouchers",
            FeeAdjustment::Coupons => "coupons",
            FeeAdjustment::Upfront => "upfront",
        }
    }
}

impl Basis {
    pub fn name(&self) -> String {
        match self {
            Basis::MonthlyFee => "monthly_fee".into(),
            Basis::ContractValue => "contract_value".into(),
            Basis::Amount(m) => m.to_string(),
            Basis::FeesPaid => "fees_paid".into(),
        }
    }
}

/// A service credit table (`credit baas { band [99.00%, 99.80%) => 10% }`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    pub service: String,
    pub basis: Option<Basis>,
    pub bands: Vec<CreditBand>,
    pub cap: Option<Cap>,
    pub form: Option<CreditForm>,
    pub claim: Option<ClaimWindow>,
    pub span: Span,
    pub citation: Option<Citation>,
    /// `minimum more than USD 1.00`: a smaller credit is not issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<MinimumCredit>,
    /// `exclusive one_claim`: credits naming the same group are claimed
    /// under one of them only, the largest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusive: Option<String>,
    /// `basis monthly_fee excluding vouchers, coupons`: parts of the fee
    /// the basis leaves out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub basis_excluding: Vec<FeeAdjustment>,
}

/// The least credit that is issued.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinimumCredit {
    pub amount: Money,
    /// `more than`: an amount equal to the minimum is not issued either.
    pub strict: bool,
    pub span: Span,
}

impl MinimumCredit {
    /// Is a credit of this amount issued?
    pub fn issues(&self, amount: Decimal) -> bool {
        if self.strict { amount > self.amount.amount } else { amount >= self.amount.amount }
    }

    /// `more than USD 1.00`, `at least USD 1.00`.
    pub fn text(&self) -> String {
        format!("{} {}", if self.strict { "more than" } else { "at least" }, self.amount)
    }
}

/// `[low, high) => percent`: an achieved ratio in the interval earns the
/// percentage of the basis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreditBand {
    pub low: Percent,
    pub low_inclusive: bool,
    pub high: Percent,
    pub high_inclusive: bool,
    pub credit: Percent,
    pub span: Span,
}

impl CreditBand {
    /// Does the exact ratio `num / den` fall in this band?
    pub fn contains(&self, num: i128, den: i128) -> bool {
        use std::cmp::Ordering::*;
        let lo = compare_ratio_to_percent(num, den, self.low);
        let hi = compare_ratio_to_percent(num, den, self.high);
        let above_low = matches!(lo, Greater) || (lo == Equal && self.low_inclusive);
        let below_high = matches!(hi, Less) || (hi == Equal && self.high_inclusive);
        above_low && below_high
    }

    /// The band as the language writes it: `[99.00%, 99.80%) => 10%`.
    pub fn text(&self) -> String {
        format!(
            "{}{}, {}{} => {}",
            if self.low_inclusive { "[" } else { "(" },
            self.low,
            self.high,
            if self.high_inclusive { "]" } else { ")" },
            self.credit
        )
    }
}

/// Compare `num / den` with a percentage exactly (`den > 0`).
pub fn compare_ratio_to_percent(num: i128, den: i128, p: Percent) -> std::cmp::Ordering {
    p.cmp_ratio(num, den)
}

/// `cap 25% of monthly_fee` or `cap CNY 5000.00`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cap {
    pub amount: CapAmount,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CapAmount {
    Percent {
        percent: Percent,
        of: Basis,
    },
    Multiple {
        #[serde(with = "rust_decimal::serde::str")]
        times: Decimal,
        of: Basis,
    },
    Fixed(Money),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CreditForm {
    Voucher,
    Cash,
    ServiceExtension,
    Other(String),
}

impl CreditForm {
    /// How a credit is paid, as the report words it (`unspecified` when
    /// the contract does not say).
    pub fn text(form: Option<&CreditForm>) -> String {
        match form {
            Some(CreditForm::Voucher) => "voucher".into(),
            Some(CreditForm::Cash) => "cash".into(),
            Some(CreditForm::ServiceExtension) => "service extension".into(),
            Some(CreditForm::Other(t)) => t.clone(),
            None => "unspecified".into(),
        }
    }
}

/// When a credit may be claimed, relative to the period it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimWindow {
    /// Opens on the n-th business day of the next period (`None`: the first
    /// day of the next period).
    pub opens_business_day: Option<u32>,
    /// The calendar whose open days are business days (`None`: Monday to
    /// Friday under the contract's holiday set, if it has one).
    pub business_calendar: Option<String>,
    /// Closes this many months after the period ends.
    pub closes_months_after: Option<u32>,
    pub span: Span,
    pub citation: Option<Citation>,
    /// Closes on the n-th day after the period's last day, counted in
    /// calendar days or in business days (`closes 60 days after period`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_days_after: Option<DayCount>,
}

/// A number of days and how they are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub days: u32,
    /// Business days of the claim window's calendar, else calendar days.
    pub business: bool,
}

/// The longest claim window written in days: a year and a day. Agreements
/// write 30 to 90; the bound keeps a typo from walking the calendar for ages.
pub const MAX_CLAIM_DAYS: u32 = 366;

/// Per-outage entitlements in a missed period [seed 000 4.14.2].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entitlement {
    pub service: String,
    /// One of these per counted outage, at the customer's choice.
    pub options: Vec<EntitlementOption>,
    pub cash: bool,
    pub span: Span,
    pub citation: Option<Citation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitlementOption {
    pub id: String,
    pub description: Option<String>,
    /// How many periods of the thing each outage earns (`1 month`).
    pub months: u32,
    pub span: Span,
}

/// Which clock of a tier a penalty counts overtime on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    Response,
    Resolution,
}

/// How over-time is counted into units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HourCounting {
    /// 1 s over is one hour; exactly 2 h over is two.
    Started,
    /// Only complete hours count.
    Whole,
}

/// A per-breach penalty (`penalty late { deduct 0.5% of contract_value per
/// started hour over resolution; cap 5% of contract_value }`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Penalty {
    pub id: String,
    /// Tiers it applies to; empty: every tier.
    pub tiers: Vec<String>,
    pub clock: ClockKind,
    pub rate: Percent,
    pub of: Basis,
    pub counting: HourCounting,
    pub cap: Option<Cap>,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// `liability direct_loss { cap 2x contract_value }`: not computable from
/// events; the report states the amount.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiabilityCap {
    pub id: String,
    pub description: Option<String>,
    pub cap: Cap,
    pub span: Span,
    pub citation: Option<Citation>,
}
