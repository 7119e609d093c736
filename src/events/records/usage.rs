//! Fees and durability counts (`--usage`), and measured figures for general
//! objectives (`--metrics`): small per-period files.

use super::{RecordBuilder, first_missing, optional, optional_text, required};
use crate::events::error::EventErrorKind;
use crate::events::fields;
use crate::events::model::{FeeParts, MetricRow, UsageRow};
use crate::events::row::{Problem, Row};

/// Builds [`UsageRow`]s.
#[derive(Debug, Default)]
pub struct UsageBuilder;

mod usage_slot {
    pub const PERIOD: usize = 0;
    pub const SERVICE: usize = 1;
    pub const INSTANCE: usize = 2;
    pub const MONTHLY_FEE: usize = 3;
    pub const OBJECTS_TOTAL: usize = 4;
    pub const OBJECTS_LOST: usize = 5;
    pub const VOUCHERS: usize = 6;
    pub const COUPONS: usize = 7;
    pub const UPFRONT: usize = 8;
    pub const PAID: usize = 9;
}

impl RecordBuilder for UsageBuilder {
    type Record = UsageRow;

    const FIELDS: &'static [&'static str] = &[
        "period",
        "service",
        "instance",
        "monthly_fee",
        "objects_total",
        "objects_lost",
        "vouchers",
        "coupons",
        "upfront",
        "paid",
    ];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        first_missing(Self::FIELDS, present, &[usage_slot::PERIOD])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<UsageRow, Problem> {
        use usage_slot::*;
        let period = required(row, PERIOD, fields::period)?;
        let objects_total = optional(row, OBJECTS_TOTAL, fields::count)?;
        let objects_lost = optional(row, OBJECTS_LOST, fields::count)?;
        if let (Some(total), Some(lost)) = (objects_total, objects_lost) {
            if lost > total {
                let kind = EventErrorKind::Exceeds { found: lost, other: "objects_total", limit: total };
                return Err(Problem::field(OBJECTS_LOST, kind));
            }
        }
        Ok(UsageRow {
            period,
            service: optional_text(row, SERVICE)?,
            instance: optional_text(row, INSTANCE)?,
            monthly_fee: optional(row, MONTHLY_FEE, fields::money)?,
            objects_total,
            objects_lost,
            source: row.source(),
            fee_parts: FeeParts {
                vouchers: optional(row, VOUCHERS, fields::money)?,
                coupons: optional(row, COUPONS, fields::money)?,
                upfront: optional(row, UPFRONT, fields::money)?,
                paid: optional(row, PAID, fields::money)?,
            },
        })
    }
}

/// Builds [`MetricRow`]s.
#[derive(Debug, Default)]
pub struct MetricBuilder;

mod metric_slot {
    pub const PERIOD: usize = 0;
    pub const OBJECTIVE: usize = 1;
    pub const SERVICE: usize = 2;
    pub const VALUE: usize = 3;
    pub const UNIT: usize = 4;
}

impl RecordBuilder for MetricBuilder {
    type Record = MetricRow;

    const FIELDS: &'static [&'static str] = &["period", "objective", "service", "value", "unit"];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        use metric_slot::*;
        first_missing(Self::FIELDS, present, &[PERIOD, OBJECTIVE, VALUE])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<MetricRow, Problem> {
        use metric_slot::*;
        Ok(MetricRow {
            period: required(row, PERIOD, fields::period)?,
            objective: required(row, OBJECTIVE, fields::text)?.into_owned(),
            service: optional_text(row, SERVICE)?,
            value: required(row, VALUE, fields::decimal)?,
            unit: optional_text(row, UNIT)?,
            source: row.source(),
        })
    }
}
