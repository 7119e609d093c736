//! The parties and the term, the services, the calendars in words with
//! their holiday sets, and the support channels.

use super::doc::{Block, Fact, Part, cite_cell};
use super::words::{self, Lang, W};
use crate::ir::{Contract, MeasuredBy, TimeRange, WeekHours};

pub fn header(c: &Contract, lang: Lang) -> Part {
    let h = &c.header;
    let mut p = Part::anchored("parties-and-term", W::PartiesAndTerm.text(lang));
    p.spans.push(c.span);
    let mut facts = Vec::new();
    let mut fact = |w: W, v: Option<String>| {
        if let Some(v) = v {
            facts.push(Fact::new(w.text(lang), v, None));
        }
    };
    fact(W::Contract, Some(c.id.clone()));
    fact(W::Provider, h.provider.clone());
    fact(W::Customer, h.customer.clone());
    fact(W::Version, h.version.clone());
    fact(W::Effective, h.effective.map(|d| d.to_string()));
    fact(
        W::Term,
        h.term.map(|t| match t.end {
            Some(end) => format!("{} – {end}", t.start),
            None => format!("{} –{}", t.start, words::aside(lang, W::OpenEnded.text(lang))),
        }),
    );
    fact(W::TimeZone, Some(h.timezone.name().to_string()));
    fact(W::Currency, h.currency.clone());
    fact(W::ContractValue, h.value.as_ref().map(|m| m.to_string()));
    fact(W::Underpins, h.underpins.as_ref().map(|u| u.contract.clone()));
    fact(W::Source, h.source.clone());
    p.push(Block::Facts(facts));
    p
}

pub fn services(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("services", W::Services.text(lang));
    let mut rows = Vec::new();
    for s in &c.services {
        p.spans.push(s.span);
        let measured = match s.measured {
            MeasuredBy::Service => W::MeasuredService,
            MeasuredBy::Instance => W::MeasuredInstance,
            MeasuredBy::Component => W::MeasuredComponent,
        };
        let components = s
            .components
            .iter()
            .map(|k| match &k.name {
                Some(n) => format!("{} “{n}”", k.id),
                None => k.id.clone(),
            })
            .collect::<Vec<_>>()
            .join(words::list_sep(lang));
        rows.push(vec![
            s.id.clone(),
            s.name.clone().unwrap_or_default(),
            measured.text(lang).to_string(),
            components,
            s.monthly_fee.as_ref().map(|m| m.to_string()).unwrap_or_default(),
            cite_cell(s.citation.as_ref()),
        ]);
    }
    if !rows.is_empty() {
        let head = vec![
            W::Service.text(lang).into(),
            String::new(),
            W::Measured.text(lang).into(),
            W::Components.text(lang).into(),
            W::MonthlyFee.text(lang).into(),
            "§".into(),
        ];
        p.push(Block::Table { head, rows });
    }
    p
}

/// Hours of a week in words: `Mon–Fri 09:00–18:00; Sat–Sun 09:00–18:00;
/// holidays 09:00–18:00 (holiday set cn)`.
pub fn week_hours(h: &WeekHours, lang: Lang) -> String {
    if h.always {
        return match lang {
            Lang::En => "around the clock (24×7)".into(),
            Lang::Zh => "7×24小时".into(),
        };
    }
    let ranges = |r: &[TimeRange]| r.iter().map(|r| format!("{}–{}", r.start, r.end)).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    let mut day = 0;
    while day < 7 {
        let mut last = day;
        while last + 1 < 7 && h.weekdays[last + 1] == h.weekdays[day] {
            last += 1;
        }
        if !h.weekdays[day].is_empty() {
            let days = if last == day {
                words::weekday(lang, day).to_string()
            } else {
                format!("{}–{}", words::weekday(lang, day), words::weekday(lang, last))
            };
            parts.push(format!("{days} {}", ranges(&h.weekdays[day])));
        }
        day = last + 1;
    }
    if parts.is_empty() {
        parts.push(W::None.text(lang).to_string());
    }
    if let Some(set) = &h.holidays {
        if h.holiday.is_empty() {
            parts.push(words::closed_on_holidays(lang, &set.name));
        } else {
            parts.push(format!("{} {}{}", W::OnHolidays.text(lang), ranges(&h.holiday), words::aside(lang, &set.name)));
        }
        if let Some(m) = &h.makeup_workday {
            parts.push(format!("{} {}", W::MakeupWorkdays.text(lang), ranges(m)));
        }
    } else if !h.holiday.is_empty() {
        parts.push(format!("{} {}", W::OnHolidays.text(lang), ranges(&h.holiday)));
    }
    parts.join(words::semi(lang))
}

pub fn calendars(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("service-hours", W::ServiceHours.text(lang));
    let mut rows = Vec::new();
    for cal in &c.calendars {
        p.spans.push(cal.span);
        let mut hours = week_hours(&cal.hours, lang);
        if let Some(zone) = &cal.zone {
            hours.push_str(&words::aside(lang, zone));
        }
        rows.push(vec![cal.id.clone(), cal.name.clone().unwrap_or_default(), hours, cite_cell(cal.citation.as_ref())]);
    }
    if !rows.is_empty() {
        let head = vec![W::Calendar.text(lang).into(), String::new(), W::Hours.text(lang).into(), "§".into()];
        p.push(Block::Table { head, rows });
    }
    let mut sets = Vec::new();
    for s in &c.holiday_sets {
        p.spans.push(s.span);
        let mut text = s.name.clone();
        if let Some(f) = &s.file {
            text.push_str(&format!(": {} {f}", W::HolidayFrom.text(lang)));
        }
        if !s.extends.is_empty() {
            text.push_str(&format!(
                "{}{} {}",
                words::semi(lang),
                W::Extends.text(lang),
                s.extends.join(words::list_sep(lang))
            ));
        }
        sets.push(Fact::line(text, s.citation.as_ref()));
    }
    // A built-in set named by a calendar but not declared: say so.
    for cal in &c.calendars {
        if let Some(set) = &cal.hours.holidays {
            let declared = c.holiday_sets.iter().any(|s| s.name == set.name);
            let listed = sets.iter().any(|f| f.text.starts_with(&set.name));
            if !declared && !listed {
                sets.push(Fact::line(format!("{}{}", set.name, words::aside(lang, W::BuiltIn.text(lang))), None));
            }
        }
    }
    if !sets.is_empty() {
        p.push(Block::Heading(W::HolidaySets.text(lang).into()));
        p.push(Block::List(sets));
    }
    p
}

pub fn channels(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("channels", W::Channels.text(lang));
    let mut rows = Vec::new();
    for ch in &c.channels {
        p.spans.push(ch.span);
        let mut details = Vec::new();
        if let Some(s) = ch.respond_within {
            details.push(format!(
                "{}{}{}",
                W::RespondWithin.text(lang),
                words::colon(lang),
                words::limit(lang, Default::default(), s)
            ));
        }
        if let Some(s) = ch.booking_notice {
            details.push(format!("{}{}{}", W::BookingNotice.text(lang), words::colon(lang), words::duration(lang, s)));
        }
        if let Some(n) = &ch.note {
            details.push(n.clone());
        }
        rows.push(vec![
            ch.id.clone(),
            ch.name.clone().unwrap_or_default(),
            ch.hours.as_ref().map(|h| words::clock(lang, h, c)).unwrap_or_default(),
            details.join(words::semi(lang)),
            cite_cell(ch.citation.as_ref()),
        ]);
    }
    if !rows.is_empty() {
        let head = vec![
            W::Channel.text(lang).into(),
            String::new(),
            W::Hours.text(lang).into(),
            W::Note.text(lang).into(),
            "§".into(),
        ];
        p.push(Block::Table { head, rows });
    }
    p
}
