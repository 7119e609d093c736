//! Business days, for dates such as "the 5th business day of the next
//! month" that open a credit claim window (semantics.md section 6).

use super::clock::BusinessClock;
use super::error::CalendarError;
use super::holidays::{DayKind, HolidayTable};
use chrono::{Datelike, NaiveDate, Weekday};

/// What counts as a business day.
#[derive(Clone, Copy, Debug)]
pub enum BusinessDays<'a> {
    /// A date on which this clock is open at all.
    OpenDaysOf(&'a BusinessClock),
    /// Monday to Friday that is not a holiday, plus make-up working days, of
    /// the table if one is given (without one: Monday to Friday).
    Workdays(Option<&'a HolidayTable>),
}

impl BusinessDays<'_> {
    pub fn is_business_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        match self {
            BusinessDays::OpenDaysOf(clock) => Ok(!clock.open_intervals_on(date)?.is_empty()),
            BusinessDays::Workdays(table) => {
                let listed = match table {
                    Some(table) => table.kind_of(date)?,
                    None => None,
                };
                Ok(match listed {
                    Some(DayKind::Holiday) => false,
                    Some(DayKind::Workday) => true,
                    None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                })
            }
        }
    }

    /// The `n`-th business day (counted from 1) of a month. A month with
    /// fewer, or `n == 0`, is [`CalendarError::NoSuchBusinessDay`].
    pub fn nth_of_month(&self, year: i32, month: u32, n: u32) -> Result<NaiveDate, CalendarError> {
        let missing = CalendarError::NoSuchBusinessDay { year, month, n };
        let mut date = NaiveDate::from_ymd_opt(year, month, 1).ok_or(CalendarError::OutOfRange)?;
        let mut seen = 0;
        while date.month() == month && n > 0 {
            if self.is_business_day(date)? {
                seen += 1;
                if seen == n {
                    return Ok(date);
                }
            }
            date = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
        }
        Err(missing)
    }

    /// The `n`-th business day after `date` (counted from 1, `date` itself
    /// not counted): the last day of a window of `n` business days.
    pub fn nth_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        // A calendar open on no day of a whole year will not open later:
        // stop rather than walk the calendar to its end.
        const YEAR_WITHOUT_BUSINESS_DAYS: u32 = 366;
        let (mut day, mut seen, mut closed_run) = (date, 0, 0);
        while seen < n {
            day = day.succ_opt().ok_or(CalendarError::OutOfRange)?;
            if self.is_business_day(day)? {
                seen += 1;
                closed_run = 0;
            } else {
                closed_run += 1;
                if closed_run > YEAR_WITHOUT_BUSINESS_DAYS {
                    return Err(CalendarError::NeverOpen);
                }
            }
        }
        Ok(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{MinuteOfDay, TimeRange, WeekHours};
    use std::sync::Arc;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn cn() -> HolidayTable {
        HolidayTable::builtin("cn").unwrap()
    }

    #[test]
    fn fifth_business_day_of_february_2025_with_cn() {
        // Break Jan 28 - Feb 4, so Feb 1-4 are off. Wed 5 (1), Thu 6 (2),
        // Fri 7 (3), Sat 8 make-up (4), Sun 9 off, Mon 10 (5).
        let cn = cn();
        let days = BusinessDays::Workdays(Some(&cn));
        assert_eq!(days.nth_of_month(2025, 2, 5).unwrap(), date(2025, 2, 10));
        assert_eq!(days.nth_of_month(2025, 2, 4).unwrap(), date(2025, 2, 8));
    }

    #[test]
    fn without_a_table_business_days_are_monday_to_friday() {
        // February 2025 starts on a Saturday: Mon 3, Tue 4, Wed 5, Thu 6, Fri 7.
        let days = BusinessDays::Workdays(None);
        assert_eq!(days.nth_of_month(2025, 2, 5).unwrap(), date(2025, 2, 7));
    }

    #[test]
    fn open_days_of_a_clock() {
        // Open Mon-Sat 09:00-12:00 with cn, closed on holidays: Feb 1-4 are
        // holidays. Wed 5 (1), Thu 6 (2), Fri 7 (3), Sat 8 make-up (4), Sun 9
        // closed, Mon 10 (5), Tue 11 (6), Wed 12 (7), Thu 13 (8), Fri 14 (9),
        // Sat 15 (10).
        let morning = vec![TimeRange { start: MinuteOfDay(540), end: MinuteOfDay(720) }];
        let mut hours = WeekHours::always();
        hours.always = false;
        for day in 0..6 {
            hours.weekdays[day] = morning.clone();
        }
        hours.holidays = Some(crate::ir::HolidaySetRef { name: "cn".into(), span: Default::default() });
        let clock = BusinessClock::new(&hours, Some(Arc::new(cn())), chrono_tz::Asia::Shanghai).unwrap();
        let days = BusinessDays::OpenDaysOf(&clock);
        assert_eq!(days.nth_of_month(2025, 2, 10).unwrap(), date(2025, 2, 15));
    }

    #[test]
    fn nth_business_day_after_a_date_skips_weekends_and_holidays() {
        // 2025-01-31 is a Friday. Plain Monday to Friday: Feb 3 (Mon) is the
        // 1st, Feb 7 (Fri) the 5th, Feb 10 the 6th.
        let plain = BusinessDays::Workdays(None);
        assert_eq!(plain.nth_after(date(2025, 1, 31), 1).unwrap(), date(2025, 2, 3));
        assert_eq!(plain.nth_after(date(2025, 1, 31), 6).unwrap(), date(2025, 2, 10));
        // With cn: 2025-01-26 (Sun) and 2025-02-08 (Sat) are make-up workdays,
        // 01-28..02-04 the Spring Festival. After Friday 01-24: 26 (make-up),
        // 27, then 02-05, 06, 07, 08 (make-up): the 6th is 02-08.
        let table = cn();
        let cn = BusinessDays::Workdays(Some(&table));
        assert_eq!(cn.nth_after(date(2025, 1, 24), 6).unwrap(), date(2025, 2, 8));
        // n = 0: the date itself closes the window.
        assert_eq!(plain.nth_after(date(2025, 1, 31), 0).unwrap(), date(2025, 1, 31));
    }

    #[test]
    fn too_few_business_days_is_an_error() {
        let days = BusinessDays::Workdays(None);
        // February 2025 has 20 weekdays.
        assert_eq!(days.nth_of_month(2025, 2, 20).unwrap(), date(2025, 2, 28));
        assert!(matches!(days.nth_of_month(2025, 2, 21), Err(CalendarError::NoSuchBusinessDay { n: 21, .. })));
        assert!(days.nth_of_month(2025, 2, 0).is_err());
        assert!(matches!(days.nth_of_month(2025, 13, 1), Err(CalendarError::OutOfRange)));
    }

    #[test]
    fn an_uncovered_year_is_an_error() {
        let cn = cn();
        assert!(matches!(
            BusinessDays::Workdays(Some(&cn)).nth_of_month(2027, 1, 5),
            Err(CalendarError::YearNotCovered { year: 2027, .. })
        ));
    }
}
