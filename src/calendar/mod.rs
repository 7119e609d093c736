//! Business time: weekly open hours, holiday sets with their make-up working
//! days, business durations and deadlines (semantics.md section 2).
//!
//! - [`HolidayTable`]: which dates are holidays or make-up working days, for
//!   which years; built in (`cn`), from CSV or iCalendar text, or merged.
//! - [`BusinessClock`]: a calendar's hours in a zone; measures open time and
//!   finds deadlines.
//! - [`BusinessDays`]: counting business days in a month (claim windows).
//!
//! Nothing here reads files or the clock: callers hand in text and instants.
//! `docs/calendars.md` describes the behaviour for contract authors.
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use slac::calendar::{BusinessClock, BusinessDays, HolidayTable};
//! use slac::ir::{HolidaySetRef, MinuteOfDay, Seconds, TimeRange, WeekHours};
//! use std::sync::Arc;
//!
//! // `mon-fri 09:00-18:00 except holidays ours`, where `ours` is cn plus a
//! // company day off.
//! let mut hours = WeekHours::always();
//! hours.always = false;
//! for day in 0..5 {
//!     hours.weekdays[day] = vec![TimeRange { start: MinuteOfDay(540), end: MinuteOfDay(1080) }];
//! }
//! hours.holidays = Some(HolidaySetRef { name: "ours".into(), span: Default::default() });
//!
//! let cn = HolidayTable::builtin("cn")?;
//! let company = HolidayTable::from_csv("company", "date,kind,name\n2025-03-10,holiday,Founders' Day\n")?;
//! let ours = Arc::new(HolidayTable::merge("ours", [&cn, &company]));
//! let clock = BusinessClock::new(&hours, Some(ours), chrono_tz::Asia::Shanghai)?;
//!
//! // Opened Friday 17:30 with 2 h: 30 min on Friday, Monday is Founders' Day,
//! // so the other 90 min run Tuesday 09:00-10:30.
//! let opened: DateTime<Utc> = "2025-03-07T17:30:00+08:00".parse()?;
//! let due = clock.deadline(opened, Seconds::hours(2))?;
//! assert_eq!(due, "2025-03-11T10:30:00+08:00".parse::<DateTime<Utc>>()?);
//! assert_eq!(clock.business_seconds(opened, due)?, 7200);
//!
//! // Claim windows open on the 5th business day of the next month.
//! let opens = BusinessDays::Workdays(Some(&cn)).nth_of_month(2025, 2, 5)?;
//! assert_eq!(opens.to_string(), "2025-02-10");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod business_days;
mod clock;
mod error;
mod holiday_csv;
mod holiday_ical;
mod holiday_sets;
mod holidays;
pub mod local_time;

pub use business_days::BusinessDays;
pub use clock::{BusinessClock, DayClass, OpenInterval};
pub use error::{CalendarError, HolidayFileError};
pub use holiday_sets::{ResolvedSets, resolve_sets};
pub use holidays::{BUILTIN_SETS, DayKind, HolidayTable, SpecialDay};
