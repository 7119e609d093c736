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

mod business_days;
mod clock;
mod error;
mod holiday_csv;
mod holiday_ical;
mod holidays;
mod local_time;

pub use business_days::BusinessDays;
pub use clock::{BusinessClock, DayClass, OpenInterval};
pub use error::{CalendarError, HolidayFileError};
pub use holidays::{BUILTIN_SETS, DayKind, HolidayTable, SpecialDay};
