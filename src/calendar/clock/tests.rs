use super::*;
use crate::ir::HolidaySetRef;
use chrono::TimeDelta;
use chrono_tz::Tz;

pub(super) const SHANGHAI: Tz = chrono_tz::Asia::Shanghai;

pub(super) fn range(start: &str, end: &str) -> TimeRange {
    let minute = |s: &str| {
        let (h, m) = s.split_once(':').unwrap();
        MinuteOfDay(h.parse::<u16>().unwrap() * 60 + m.parse::<u16>().unwrap())
    };
    TimeRange { start: minute(start), end: minute(end) }
}

/// `mon-fri 09:00-18:00`, optionally `except holidays cn`.
pub(super) fn office_hours(with_cn: bool) -> WeekHours {
    let mut hours = WeekHours::always();
    hours.always = false;
    for day in 0..5 {
        hours.weekdays[day] = vec![range("09:00", "18:00")];
    }
    if with_cn {
        hours.holidays = Some(HolidaySetRef { name: "cn".into(), span: Default::default() });
    }
    hours
}

pub(super) fn cn() -> Arc<HolidayTable> {
    Arc::new(HolidayTable::builtin("cn").unwrap())
}

pub(super) fn office() -> BusinessClock {
    BusinessClock::new(&office_hours(true), Some(cn()), SHANGHAI).unwrap()
}

/// An instant written as RFC 3339 with its offset.
fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn friday_evening_incident_runs_into_monday() {
    // 2025-03-07 is a Friday, no holiday near. 17:30-18:00 uses 30 min of the
    // 2 h; the other 90 min run Monday 09:00-10:30.
    for clock in [office(), BusinessClock::new(&office_hours(false), None, SHANGHAI).unwrap()] {
        let opened = at("2025-03-07T17:30:00+08:00");
        let deadline = clock.deadline(opened, Seconds::hours(2)).unwrap();
        assert_eq!(deadline, at("2025-03-10T10:30:00+08:00"));
        assert_eq!(clock.business_seconds(opened, deadline).unwrap(), 7200);
    }
}

#[test]
fn spring_festival_eve_resumes_after_the_break() {
    // cn 2025: Sun Jan 26 is a make-up workday, Mon Jan 27 a workday, Jan 28 -
    // Feb 4 the break. Opened Jan 27 17:00 with 2 h: 1 h until 18:00, then the
    // clock stops for eight days and the last hour runs Wed Feb 5 09:00-10:00.
    let clock = office();
    let opened = at("2025-01-27T17:00:00+08:00");
    assert_eq!(clock.deadline(opened, Seconds::hours(2)).unwrap(), at("2025-02-05T10:00:00+08:00"));
    // Over the break nothing counts: Jan 27 17:00 - Feb 5 09:00 is 1 h.
    assert_eq!(clock.business_seconds(opened, at("2025-02-05T09:00:00+08:00")).unwrap(), 3600);
    assert_eq!(clock.day_class(date(2025, 1, 29)).unwrap(), DayClass::Holiday);
    assert_eq!(clock.day_class(date(2025, 1, 27)).unwrap(), DayClass::Workday);
}

#[test]
fn a_makeup_saturday_counts_as_a_workday() {
    // Sat 2025-02-08 is a make-up workday with Monday's hours 09:00-18:00.
    // Opened Fri Feb 7 17:00 with 4 h: 1 h on Friday, 3 h Saturday 09:00-12:00.
    let clock = office();
    assert_eq!(clock.day_class(date(2025, 2, 8)).unwrap(), DayClass::MakeupWorkday);
    assert_eq!(clock.day_class(date(2025, 2, 9)).unwrap(), DayClass::Weekend);
    assert_eq!(
        clock.deadline(at("2025-02-07T17:00:00+08:00"), Seconds::hours(4)).unwrap(),
        at("2025-02-08T12:00:00+08:00")
    );
    // The same Saturday with no holiday set is an ordinary, closed weekend:
    // 1 h Friday, then Monday Feb 10 09:00-12:00.
    let plain = BusinessClock::new(&office_hours(false), None, SHANGHAI).unwrap();
    assert_eq!(
        plain.deadline(at("2025-02-07T17:00:00+08:00"), Seconds::hours(4)).unwrap(),
        at("2025-02-10T12:00:00+08:00")
    );
}

#[test]
fn makeup_days_can_have_their_own_hours() {
    // Make-up days 10:00-16:00: Fri Feb 7 17:00 + 4 h = 1 h Friday + 3 h from
    // Saturday 10:00, so 13:00.
    let mut hours = office_hours(true);
    hours.makeup_workday = Some(vec![range("10:00", "16:00")]);
    let clock = BusinessClock::new(&hours, Some(cn()), SHANGHAI).unwrap();
    assert_eq!(
        clock.deadline(at("2025-02-07T17:00:00+08:00"), Seconds::hours(4)).unwrap(),
        at("2025-02-08T13:00:00+08:00")
    );
}

#[test]
fn a_limit_ending_at_closing_time_ends_at_closing_time() {
    // Mon 2025-03-10 09:00 + 9 h = 18:00 the same day, not Tuesday 09:00.
    let clock = office();
    assert_eq!(
        clock.deadline(at("2025-03-10T09:00:00+08:00"), Seconds::hours(9)).unwrap(),
        at("2025-03-10T18:00:00+08:00")
    );
    // Opened before opening: 07:00 + 1 h = 10:00. Opened after closing, at
    // 19:00 + 9 h: all of Tuesday, ending Tuesday 18:00.
    assert_eq!(
        clock.deadline(at("2025-03-10T07:00:00+08:00"), Seconds::hours(1)).unwrap(),
        at("2025-03-10T10:00:00+08:00")
    );
    assert_eq!(
        clock.deadline(at("2025-03-10T19:00:00+08:00"), Seconds::hours(9)).unwrap(),
        at("2025-03-11T18:00:00+08:00")
    );
}

#[test]
fn zero_and_negative_limits() {
    let clock = office();
    let t = at("2025-03-09T12:00:00+08:00");
    assert_eq!(clock.deadline(t, Seconds::ZERO).unwrap(), t);
    assert_eq!(clock.deadline(t, Seconds(-1)), Err(CalendarError::NegativeLimit { limit_seconds: -1 }));
}

#[test]
fn different_day_classes_have_different_hours() {
    // Seed 000 hotline: workdays 08:00-21:00, weekends and holidays 09:00-18:00.
    let mut hours = office_hours(true);
    for day in 0..5 {
        hours.weekdays[day] = vec![range("08:00", "21:00")];
    }
    for day in 5..7 {
        hours.weekdays[day] = vec![range("09:00", "18:00")];
    }
    hours.holiday = vec![range("09:00", "18:00")];
    let clock = BusinessClock::new(&hours, Some(cn()), SHANGHAI).unwrap();
    // Wed 2025-10-01 is a holiday: 9 h. Sun 2025-09-28 is a make-up day: 13 h.
    let day = |d: NaiveDate| {
        let start = start_of(SHANGHAI, d).unwrap();
        clock.business_seconds(start, start + TimeDelta::days(1)).unwrap() / 3600
    };
    assert_eq!(day(date(2025, 10, 1)), 9);
    assert_eq!(day(date(2025, 9, 28)), 13);
    assert_eq!(day(date(2025, 9, 29)), 13);
    assert_eq!(day(date(2025, 10, 12)), 9);
    assert!(clock.is_open(at("2025-10-01T09:00:00+08:00")).unwrap());
    assert!(!clock.is_open(at("2025-10-01T08:59:59+08:00")).unwrap());
    assert!(!clock.is_open(at("2025-10-01T18:00:00+08:00")).unwrap());
}

#[test]
fn open_intervals_are_instants() {
    let clock = office();
    assert_eq!(
        clock.open_intervals_on(date(2025, 3, 10)).unwrap(),
        vec![(at("2025-03-10T01:00:00Z"), at("2025-03-10T10:00:00Z"))]
    );
    assert!(clock.open_intervals_on(date(2025, 1, 29)).unwrap().is_empty());
}

#[test]
fn spring_forward_day_has_23_hours() {
    // New York, Sun 2025-03-09: 02:00 EST jumps to 03:00 EDT. A clock open
    // all day, every day, counts 23 h that day and 25 h on Sun 2025-11-02.
    let tz = chrono_tz::America::New_York;
    let mut hours = office_hours(false);
    hours.weekdays = std::array::from_fn(|_| vec![range("00:00", "24:00")]);
    let clock = BusinessClock::new(&hours, None, tz).unwrap();
    let day_length = |d: NaiveDate| {
        let (start, end) = (start_of(tz, d).unwrap(), start_of(tz, d.succ_opt().unwrap()).unwrap());
        (clock.business_seconds(start, end).unwrap(), BusinessClock::always(tz).business_seconds(start, end).unwrap())
    };
    assert_eq!(day_length(date(2025, 3, 9)), (23 * 3600, 23 * 3600));
    assert_eq!(day_length(date(2025, 11, 2)), (25 * 3600, 25 * 3600));
    // 01:30 EST + 1 h of open time crosses the gap: 03:30 EDT.
    assert_eq!(
        clock.deadline(at("2025-03-09T01:30:00-05:00"), Seconds::hours(1)).unwrap(),
        at("2025-03-09T03:30:00-04:00")
    );
}

#[test]
fn ranges_touching_the_gap_and_the_fold() {
    // Berlin, Sun 2025-03-30: 02:00 CET jumps to 03:00 CEST. 01:00-04:00 is 2 h
    // (01:00-02:00 CET, 03:00-04:00 CEST); 02:15-02:45 never happens, so it is empty.
    let tz = chrono_tz::Europe::Berlin;
    let mut hours = office_hours(false);
    hours.weekdays[6] = vec![range("01:00", "04:00")];
    let clock = BusinessClock::new(&hours, None, tz).unwrap();
    assert_eq!(
        clock.open_intervals_on(date(2025, 3, 30)).unwrap(),
        vec![(at("2025-03-30T01:00:00+01:00"), at("2025-03-30T04:00:00+02:00"))]
    );
    hours.weekdays[6] = vec![range("02:15", "02:45"), range("02:50", "03:30")];
    let clock = BusinessClock::new(&hours, None, tz).unwrap();
    // 02:50 is in the gap too: it opens when the clock resumes, at 03:00 CEST.
    assert_eq!(
        clock.open_intervals_on(date(2025, 3, 30)).unwrap(),
        vec![(at("2025-03-30T03:00:00+02:00"), at("2025-03-30T03:30:00+02:00"))]
    );
    // Sun 2025-10-26: 03:00 CEST goes back to 02:00 CET. 02:30 is read as its
    // first occurrence (CEST), so 01:00-02:30 is 1.5 h and 02:30-04:00 is 2.5 h.
    hours.weekdays[6] = vec![range("01:00", "02:30")];
    let clock = BusinessClock::new(&hours, None, tz).unwrap();
    let (start, end) = clock.open_intervals_on(date(2025, 10, 26)).unwrap()[0];
    assert_eq!((end - start).num_minutes(), 90);
    hours.weekdays[6] = vec![range("02:30", "04:00")];
    let clock = BusinessClock::new(&hours, None, tz).unwrap();
    let (start, end) = clock.open_intervals_on(date(2025, 10, 26)).unwrap()[0];
    assert_eq!(start, at("2025-10-26T02:30:00+02:00"));
    assert_eq!((end - start).num_minutes(), 150);
}

#[test]
fn a_year_not_covered_is_an_error() {
    let clock = office();
    let not_covered = CalendarError::YearNotCovered { set: "cn".into(), year: 2027 };
    assert_eq!(clock.day_class(date(2027, 3, 1)).unwrap_err(), not_covered);
    let (from, to) = (at("2027-03-01T09:00:00+08:00"), at("2027-03-01T10:00:00+08:00"));
    assert_eq!(clock.business_seconds(from, to).unwrap_err(), not_covered);
    assert_eq!(clock.is_open(from).unwrap_err(), not_covered);
    // Thu 2026-12-31 17:00 + 2 h: 1 h that day, then 2027, which cn does not
    // know yet.
    let opened = at("2026-12-31T17:00:00+08:00");
    assert_eq!(clock.deadline(opened, Seconds::hours(2)).unwrap_err(), not_covered);
    // A range ending at midnight does not ask about the next day: all of
    // Thu 2026-12-31 is 9 h.
    let (from, to) = (at("2026-12-31T00:00:00+08:00"), at("2027-01-01T00:00:00+08:00"));
    assert_eq!(clock.business_seconds(from, to).unwrap(), 9 * 3600);
}

#[test]
fn a_24x7_clock_never_needs_holidays() {
    // `24x7` naming a holiday set, with no table: fine, and any year works.
    let mut hours = WeekHours::always();
    hours.holidays = office_hours(true).holidays;
    let clock = BusinessClock::new(&hours, None, SHANGHAI).unwrap();
    let t = at("2040-01-01T00:00:00+08:00");
    assert_eq!(clock.deadline(t, Seconds::hours(30)).unwrap(), t + TimeDelta::hours(30));
    assert_eq!(clock.business_seconds(t, t + TimeDelta::days(3)).unwrap(), 3 * 86_400);
    assert!(clock.is_open(t).unwrap());
    assert_eq!(clock.day_class(date(2040, 1, 1)).unwrap(), DayClass::Weekend);
}

#[test]
fn a_named_holiday_set_without_a_table_is_an_error() {
    assert_eq!(
        BusinessClock::new(&office_hours(true), None, SHANGHAI).err(),
        Some(CalendarError::MissingHolidayTable { set: "cn".into() })
    );
}

#[test]
fn a_clock_that_never_opens_has_no_deadline() {
    let mut hours = office_hours(false);
    hours.weekdays = Default::default();
    let clock = BusinessClock::new(&hours, None, SHANGHAI).unwrap();
    let t = at("2025-01-01T00:00:00Z");
    assert_eq!(clock.deadline(t, Seconds(1)), Err(CalendarError::NeverOpen));
    assert_eq!(clock.business_seconds(t, t + TimeDelta::days(30)).unwrap(), 0);
}

#[test]
fn a_clock_open_only_on_holidays_gives_up_after_ten_years() {
    // Open only on holidays, from an empty table that covers 2025..=2040 (a
    // listed make-up day each year): never open, but not provably so up front.
    let days = (2025..=2040)
        .map(|y| {
            let day = crate::calendar::SpecialDay { kind: DayKind::Workday, name: "x".into(), name_zh: None };
            (date(y, 1, 1), day)
        })
        .collect();
    let table = Arc::new(HolidayTable::from_days("cn", days));
    let mut hours = office_hours(true);
    hours.weekdays = Default::default();
    hours.makeup_workday = Some(Vec::new());
    hours.holiday = vec![range("09:00", "10:00")];
    let clock = BusinessClock::new(&hours, Some(table), SHANGHAI).unwrap();
    assert!(matches!(
        clock.deadline(at("2025-01-01T00:00:00Z"), Seconds(1)),
        Err(CalendarError::SearchLimit { days: 3653, .. })
    ));
}

#[test]
fn invalid_hours_are_rejected_and_overlaps_merged() {
    let mut hours = office_hours(false);
    hours.weekdays[0] = vec![range("18:00", "09:00")];
    assert!(matches!(BusinessClock::new(&hours, None, SHANGHAI), Err(CalendarError::InvalidHours { .. })));
    hours.weekdays[0] = vec![range("12:00", "18:00"), range("09:00", "13:00")];
    let clock = BusinessClock::new(&hours, None, SHANGHAI).unwrap();
    assert_eq!(clock.hours_on(date(2025, 3, 10)).unwrap(), &[range("09:00", "18:00")]);
}

#[test]
fn a_pause_over_a_weekend_on_an_office_clock_costs_only_its_office_hours() {
    // Office hours mon-fri 09:00-18:00, Shanghai. Opened Friday 2025-03-07
    // 16:00; paused Friday 17:00 to Monday 10:00. Counted: Friday 16-17
    // (1 h), Monday 10:00 on. Paused open time: Friday 17-18 and Monday
    // 09-10, 2 h; the weekend between costs nothing.
    let clock = office();
    let t = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&chrono::Utc);
    let pause = [(t("2025-03-07T17:00:00+08:00"), t("2025-03-10T10:00:00+08:00"))];
    let (from, to) = (t("2025-03-07T16:00:00+08:00"), t("2025-03-10T12:00:00+08:00"));
    assert_eq!(clock.business_seconds(from, to).unwrap(), 5 * 3600);
    assert_eq!(clock.business_seconds_excluding(from, to, &pause).unwrap(), 3 * 3600);
    // A 4 h limit: 1 h on Friday, 3 h from Monday 10:00, so 13:00.
    assert_eq!(clock.deadline(from, Seconds(4 * 3600)).unwrap(), t("2025-03-10T11:00:00+08:00"));
    assert_eq!(clock.deadline_excluding(from, Seconds(4 * 3600), &pause).unwrap(), t("2025-03-10T13:00:00+08:00"));
    // A limit used up exactly as the pause begins ends there.
    assert_eq!(clock.deadline_excluding(from, Seconds(3600), &pause).unwrap(), t("2025-03-07T17:00:00+08:00"));
}
