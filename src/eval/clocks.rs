//! Business clocks for a contract's calendars, built once and shared.

use super::EvalError;
use crate::calendar::{BusinessClock, HolidayTable};
use crate::ir::{ClockRef, Contract};
use chrono_tz::Tz;
use std::collections::HashMap;
use std::sync::Arc;

pub struct Clocks<'c> {
    contract: &'c Contract,
    holidays: &'c HashMap<String, Arc<HolidayTable>>,
    tz: Tz,
    always: BusinessClock,
    built: HashMap<String, BusinessClock>,
}

impl<'c> Clocks<'c> {
    pub fn new(contract: &'c Contract, holidays: &'c HashMap<String, Arc<HolidayTable>>, tz: Tz) -> Self {
        Clocks { contract, holidays, tz, always: BusinessClock::always(tz), built: HashMap::new() }
    }

    /// The clock, built on first use: an evaluation asks once per incident,
    /// so clocks are lent, not copied.
    pub fn get(&mut self, r: &ClockRef) -> Result<&BusinessClock, EvalError> {
        let id = match r {
            ClockRef::Always => return Ok(&self.always),
            ClockRef::Calendar(id) => id,
        };
        if self.built.contains_key(id) {
            return self.built.get(id).ok_or_else(|| EvalError::Usage(format!("calendar `{id}` is not declared")));
        }
        let cal =
            self.contract.calendar(id).ok_or_else(|| EvalError::Usage(format!("calendar `{id}` is not declared")))?;
        let table = cal.hours.holidays.as_ref().map(|h| self.table(&h.name)).transpose()?;
        // A calendar with its own zone (`in "Europe/London"`) reads its
        // hours there; the checker has vouched for the name.
        let tz = match &cal.zone {
            Some(zone) => {
                zone.parse::<Tz>().map_err(|_| EvalError::Usage(format!("calendar `{id}`: unknown zone `{zone}`")))?
            }
            None => self.tz,
        };
        let clock =
            BusinessClock::new(&cal.hours, table, tz).map_err(EvalError::calendar(format!("calendar `{id}`")))?;
        Ok(self.built.entry(id.clone()).or_insert(clock))
    }

    /// A loaded holiday table by set name.
    pub fn table(&self, name: &str) -> Result<Arc<HolidayTable>, EvalError> {
        self.holidays.get(name).cloned().ok_or_else(|| EvalError::HolidaySetMissing { name: name.to_owned() })
    }

    /// The holiday set business days default to: the first set a calendar
    /// names; else `cn` for a contract in China's zone.
    pub fn default_holiday_set(&self) -> Option<String> {
        let named = self.contract.calendars.iter().find_map(|c| c.hours.holidays.as_ref().map(|h| h.name.clone()));
        named.or_else(|| {
            (matches!(self.tz.name(), "Asia/Shanghai" | "Asia/Chongqing" | "Asia/Harbin" | "Asia/Urumqi" | "PRC"))
                .then(|| "cn".to_owned())
        })
    }
}
