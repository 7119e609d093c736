//! Periods (months, quarters, years in the contract's zone) and how the
//! evaluated range and the contract term cut them.

use crate::calendar::CalendarError;
use crate::calendar::local_time::start_of;
use crate::ir::PeriodKind;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// A month as `(year, month)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (y, m) = text.trim().split_once('-')?;
        let year = y.parse().ok()?;
        let month = m.parse().ok().filter(|m| (1..=12).contains(m))?;
        (y.len() == 4 && m.len() == 2).then_some(YearMonth { year, month })
    }

    pub fn of(date: NaiveDate) -> YearMonth {
        YearMonth { year: date.year(), month: date.month() }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or(NaiveDate::MIN)
    }

    pub fn plus(self, months: i32) -> YearMonth {
        let index = self.year * 12 + self.month as i32 - 1 + months;
        YearMonth { year: index.div_euclid(12), month: (index.rem_euclid(12) + 1) as u32 }
    }

    /// The last day of the month.
    pub fn last_day(self) -> NaiveDate {
        self.plus(1).first_day().pred_opt().unwrap_or(NaiveDate::MIN)
    }
}

impl std::fmt::Display for YearMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One period of a promise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `2025-01`, `2025-Q1` or `2025`.
    pub label: String,
    pub first_month: YearMonth,
    pub months: u32,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl Period {
    /// The period of a given kind that contains a month.
    pub fn containing(kind: PeriodKind, month: YearMonth, tz: Tz) -> Result<Period, CalendarError> {
        let first = match kind {
            PeriodKind::Month => month,
            PeriodKind::Quarter => YearMonth { year: month.year, month: (month.month - 1) / 3 * 3 + 1 },
            PeriodKind::Year => YearMonth { year: month.year, month: 1 },
        };
        let label = match kind {
            PeriodKind::Month => first.to_string(),
            PeriodKind::Quarter => format!("{}-Q{}", first.year, (first.month - 1) / 3 + 1),
            PeriodKind::Year => first.year.to_string(),
        };
        let months = kind.months();
        Ok(Period {
            label,
            first_month: first,
            months,
            start: start_of(tz, first.first_day())?,
            end: start_of(tz, first.plus(months as i32).first_day())?,
        })
    }

    /// Whole minutes in the period (1,380 or 1,500 for a day with a
    /// daylight-saving change).
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).num_minutes()
    }

    /// The month after the period's last month.
    pub fn next_month(&self) -> YearMonth {
        self.first_month.plus(self.months as i32)
    }

    pub fn last_month(&self) -> YearMonth {
        self.first_month.plus(self.months as i32 - 1)
    }
}

/// Every period of a kind that overlaps `[from, to)`, in order.
pub fn periods_overlapping(
    kind: PeriodKind,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<Period>, CalendarError> {
    let mut out = Vec::new();
    if to <= from {
        return Ok(out);
    }
    let mut month = YearMonth::of(from.with_timezone(&tz).date_naive());
    loop {
        let p = Period::containing(kind, month, tz)?;
        if p.start >= to {
            break;
        }
        month = p.next_month();
        if p.end > from {
            out.push(p);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_lengths_in_minutes() {
        let tz = chrono_tz::Asia::Shanghai;
        let jan = Period::containing(PeriodKind::Month, YearMonth { year: 2025, month: 1 }, tz).unwrap();
        assert_eq!(jan.minutes(), 31 * 1440);
        let feb = Period::containing(PeriodKind::Month, YearMonth { year: 2025, month: 2 }, tz).unwrap();
        assert_eq!(feb.minutes(), 28 * 1440);
        let q1 = Period::containing(PeriodKind::Quarter, YearMonth { year: 2025, month: 2 }, tz).unwrap();
        assert_eq!(q1.label, "2025-Q1");
        assert_eq!(q1.minutes(), 90 * 1440);
    }

    #[test]
    fn daylight_saving_months_are_an_hour_short_or_long() {
        // New York, March 2025: 31 days less the hour skipped on March 9.
        let tz = chrono_tz::America::New_York;
        let mar = Period::containing(PeriodKind::Month, YearMonth { year: 2025, month: 3 }, tz).unwrap();
        assert_eq!(mar.minutes(), 31 * 1440 - 60);
        let nov = Period::containing(PeriodKind::Month, YearMonth { year: 2025, month: 11 }, tz).unwrap();
        assert_eq!(nov.minutes(), 30 * 1440 + 60);
    }

    #[test]
    fn year_months_step_across_years() {
        let m = YearMonth { year: 2025, month: 11 };
        assert_eq!(m.plus(3), YearMonth { year: 2026, month: 2 });
        assert_eq!(m.plus(-11), YearMonth { year: 2024, month: 12 });
        assert_eq!(YearMonth { year: 2024, month: 2 }.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        assert_eq!(YearMonth::parse("2025-03"), Some(YearMonth { year: 2025, month: 3 }));
        assert_eq!(YearMonth::parse("2025-13"), None);
    }
}
