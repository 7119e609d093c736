//! Holiday tables: which dates are days off of an official break and which
//! are make-up working days (调休), and which years that is known for.
//!
//! A table only answers for the years it covers. A year is covered when the
//! table has at least one day in it: a State Council notice always lists the
//! New Year's Day holiday, so any year someone wrote down has a row. Asking
//! about any other year is [`CalendarError::YearNotCovered`], never a silent
//! "ordinary day".

use super::error::{CalendarError, HolidayFileError};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// The statutory holidays of the PRC, 2019 to 2026, shipped in the binary so
/// that nothing reads the disk at run time.
const CN_CSV: &str = include_str!("../../data/cn-holidays.csv");

/// Names of the holiday sets built into slac.
pub const BUILTIN_SETS: &[&str] = &["cn"];

/// What a listed date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// A day off of an official break (weekend days inside it included).
    Holiday,
    /// A make-up working day: a Saturday or Sunday declared a working day.
    Workday,
}

impl DayKind {
    pub fn name(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }
}

/// One listed date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecialDay {
    pub kind: DayKind,
    /// The break it belongs to (`Spring Festival`).
    pub name: String,
    /// The Chinese name where the source gives one (`春节`).
    pub name_zh: Option<String>,
}

/// A set of holidays and make-up working days, with the years it covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayTable {
    name: String,
    days: BTreeMap<NaiveDate, SpecialDay>,
    years: BTreeSet<i32>,
}

impl HolidayTable {
    /// A table of the given days; it covers every year one of them falls in.
    pub fn from_days(name: impl Into<String>, days: BTreeMap<NaiveDate, SpecialDay>) -> Self {
        let years = days.keys().map(Datelike::year).collect();
        HolidayTable { name: name.into(), days, years }
    }

    /// A built-in set by name (see [`BUILTIN_SETS`]).
    pub fn builtin(name: &str) -> Result<HolidayTable, CalendarError> {
        match name {
            "cn" => HolidayTable::from_csv("cn", CN_CSV)
                .map_err(|error| CalendarError::BuiltinData { set: name.to_owned(), error }),
            _ => Err(CalendarError::UnknownHolidaySet { name: name.to_owned() }),
        }
    }

    /// Reads `date,kind,name[,name_zh]` CSV text; see [`super::holiday_csv`].
    pub fn from_csv(name: &str, text: &str) -> Result<HolidayTable, HolidayFileError> {
        super::holiday_csv::parse(text).map(|days| HolidayTable::from_days(name, days))
    }

    /// Reads iCalendar text of all-day events; see [`super::holiday_ical`].
    pub fn from_ical(name: &str, text: &str) -> Result<HolidayTable, HolidayFileError> {
        super::holiday_ical::parse(text).map(|days| HolidayTable::from_days(name, days))
    }

    /// Several tables as one: where two list the same date, the later one
    /// wins; the years covered are the union.
    pub fn merge<'a>(name: impl Into<String>, tables: impl IntoIterator<Item = &'a HolidayTable>) -> HolidayTable {
        let mut merged = HolidayTable::from_days(name, BTreeMap::new());
        for table in tables {
            merged.days.extend(table.days.iter().map(|(date, day)| (*date, day.clone())));
            merged.years.extend(table.years.iter().copied());
        }
        merged
    }

    /// The set's name, as contracts and errors refer to it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The years this table answers for, ascending.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// Every listed date, ascending.
    pub fn days(&self) -> impl Iterator<Item = (NaiveDate, &SpecialDay)> + '_ {
        self.days.iter().map(|(date, day)| (*date, day))
    }

    /// The listing for a date: `None` for an ordinary day of a covered year.
    pub fn get(&self, date: NaiveDate) -> Result<Option<&SpecialDay>, CalendarError> {
        if !self.covers(date.year()) {
            return Err(CalendarError::YearNotCovered { set: self.name.clone(), year: date.year() });
        }
        Ok(self.days.get(&date))
    }

    pub fn kind_of(&self, date: NaiveDate) -> Result<Option<DayKind>, CalendarError> {
        Ok(self.get(date)?.map(|day| day.kind))
    }

    pub fn is_holiday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.kind_of(date)? == Some(DayKind::Holiday))
    }

    pub fn is_makeup_workday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.kind_of(date)? == Some(DayKind::Workday))
    }
}

/// Adds a parsed date, refusing a second listing of another kind: a file
/// that says both "holiday" and "workday" for one date is a mistake to show,
/// not to resolve by order. A repeat of the same kind is harmless.
pub(super) fn insert_day(
    days: &mut BTreeMap<NaiveDate, (SpecialDay, usize)>,
    date: NaiveDate,
    day: SpecialDay,
    line: usize,
    field: &str,
) -> Result<(), HolidayFileError> {
    match days.get(&date) {
        Some((earlier, earlier_line)) if earlier.kind != day.kind => Err(HolidayFileError::new(
            line,
            Some(field),
            format!(
                "{date} is listed as a {} here but as a {} on line {earlier_line}; expected one kind per date",
                day.kind.name(),
                earlier.kind.name()
            ),
        )),
        Some(_) => Ok(()),
        None => {
            days.insert(date, (day, line));
            Ok(())
        }
    }
}

/// Drops the line numbers kept for conflict messages.
pub(super) fn without_lines(days: BTreeMap<NaiveDate, (SpecialDay, usize)>) -> BTreeMap<NaiveDate, SpecialDay> {
    days.into_iter().map(|(date, (day, _))| (date, day)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn day(kind: DayKind, name: &str) -> SpecialDay {
        SpecialDay { kind, name: name.to_owned(), name_zh: None }
    }

    #[test]
    fn cn_covers_2019_to_2026() {
        let cn = HolidayTable::builtin("cn").unwrap();
        assert_eq!(cn.years().collect::<Vec<_>>(), (2019..=2026).collect::<Vec<_>>());
        assert_eq!(cn.name(), "cn");
    }

    #[test]
    fn cn_knows_the_2025_spring_festival() {
        let cn = HolidayTable::builtin("cn").unwrap();
        // Sunday 2025-01-26 is a make-up working day; the break is Jan 28 - Feb 4.
        assert!(cn.is_makeup_workday(date(2025, 1, 26)).unwrap());
        assert!(!cn.is_holiday(date(2025, 1, 27)).unwrap());
        for d in 28..=31 {
            assert!(cn.is_holiday(date(2025, 1, d)).unwrap());
        }
        for d in 1..=4 {
            assert!(cn.is_holiday(date(2025, 2, d)).unwrap());
        }
        assert!(cn.is_makeup_workday(date(2025, 2, 8)).unwrap());
        let spring = cn.get(date(2025, 1, 29)).unwrap().unwrap();
        assert_eq!(spring.name, "Spring Festival");
        assert_eq!(spring.name_zh.as_deref(), Some("春节"));
    }

    #[test]
    fn a_year_not_covered_is_an_error() {
        let cn = HolidayTable::builtin("cn").unwrap();
        let err = cn.is_holiday(date(2027, 1, 1)).unwrap_err();
        assert_eq!(err, CalendarError::YearNotCovered { set: "cn".into(), year: 2027 });
        assert!(cn.kind_of(date(2018, 12, 31)).is_err());
    }

    #[test]
    fn unknown_builtin_is_an_error() {
        assert!(matches!(HolidayTable::builtin("us"), Err(CalendarError::UnknownHolidaySet { .. })));
    }

    #[test]
    fn merge_lets_later_tables_win_and_unites_coverage() {
        let mut a = BTreeMap::new();
        a.insert(date(2025, 5, 5), day(DayKind::Holiday, "A"));
        a.insert(date(2025, 5, 6), day(DayKind::Holiday, "A"));
        let mut b = BTreeMap::new();
        b.insert(date(2025, 5, 6), day(DayKind::Workday, "B"));
        b.insert(date(2031, 1, 2), day(DayKind::Holiday, "B"));
        let (a, b) = (HolidayTable::from_days("a", a), HolidayTable::from_days("b", b));
        let merged = HolidayTable::merge("ours", [&a, &b]);
        assert_eq!(merged.name(), "ours");
        assert_eq!(merged.years().collect::<Vec<_>>(), vec![2025, 2031]);
        assert!(merged.is_holiday(date(2025, 5, 5)).unwrap());
        assert!(merged.is_makeup_workday(date(2025, 5, 6)).unwrap());
        assert_eq!(merged.kind_of(date(2031, 1, 1)).unwrap(), None);
    }

    #[test]
    fn an_empty_table_covers_nothing() {
        let empty = HolidayTable::from_days("none", BTreeMap::new());
        assert!(!empty.covers(2025));
        assert!(empty.is_holiday(date(2025, 1, 1)).is_err());
    }
}
