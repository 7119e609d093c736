//! Objectives, and the data clauses: locations, retention, backups and
//! recurring duties.

use super::doc::{Block, Fact, Part, cite_cell};
use super::words::{Lang, W, aside, semi};
use crate::ir::{Cadence, Contract};

fn cadence(c: Cadence, lang: Lang) -> &'static str {
    match (c, lang) {
        (Cadence::Day, Lang::En) => "day",
        (Cadence::Week, Lang::En) => "week",
        (Cadence::Month, Lang::En) => "month",
        (Cadence::Quarter, Lang::En) => "quarter",
        (Cadence::HalfYear, Lang::En) => "half year",
        (Cadence::Year, Lang::En) => "year",
        (Cadence::Day, Lang::Zh) => "日",
        (Cadence::Week, Lang::Zh) => "周",
        (Cadence::Month, Lang::Zh) => "月",
        (Cadence::Quarter, Lang::Zh) => "季度",
        (Cadence::HalfYear, Lang::Zh) => "半年",
        (Cadence::Year, Lang::Zh) => "年",
    }
}

pub fn objectives(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("objectives", W::Objectives.text(lang));
    let mut rows = Vec::new();
    for o in &c.objectives {
        p.spans.push(o.span);
        let per = o.per.map(|k| format!(" {}", super::words::per_period(lang, k))).unwrap_or_default();
        rows.push(vec![
            o.name.clone(),
            format!("{} {}{per}", o.op.symbol(), super::words::measure(lang, &o.value)),
            o.description.clone().unwrap_or_default(),
            cite_cell(o.citation.as_ref()),
        ]);
    }
    if !rows.is_empty() {
        let head = vec![String::new(), W::Target.text(lang).into(), W::Description.text(lang).into(), "§".into()];
        p.push(Block::Table { head, rows });
    }
    p
}

pub fn data(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("data", W::Data.text(lang));
    let every = |k: Cadence| match lang {
        Lang::En => format!("{} {}", W::Every.text(lang), cadence(k, lang)),
        Lang::Zh => format!("{}{}", W::Every.text(lang), cadence(k, lang)),
    };
    let mut lines = Vec::new();
    for l in &c.locations {
        p.spans.push(l.span);
        lines.push(Fact::new(
            format!("{}{}", W::Locations.text(lang), aside(lang, &l.role)),
            l.place.clone(),
            l.citation.as_ref(),
        ));
    }
    for r in &c.retention {
        p.spans.push(r.span);
        lines.push(Fact::new(
            format!("{}{}", W::Retention.text(lang), aside(lang, &r.what)),
            format!("≥ {}", super::words::measure(lang, &r.at_least)),
            r.citation.as_ref(),
        ));
    }
    for b in &c.backups {
        p.spans.push(b.span);
        let mut text = b.description.clone().unwrap_or_default();
        for extra in [
            b.every.map(every),
            b.retain.as_ref().map(|m| format!("≥ {}", super::words::measure(lang, m))),
            b.location.clone(),
        ]
        .into_iter()
        .flatten()
        {
            text.push_str(&format!("{}{extra}", semi(lang)));
        }
        lines.push(Fact::new(
            format!("{}{}", W::Backups.text(lang), aside(lang, &b.id)),
            text.trim_start_matches(semi(lang)),
            b.citation.as_ref(),
        ));
    }
    for d in &c.duties {
        p.spans.push(d.span);
        let text = match &d.description {
            Some(desc) => format!("{desc}{}", aside(lang, &every(d.every))),
            None => every(d.every),
        };
        lines.push(Fact::new(format!("{}{}", W::Duties.text(lang), aside(lang, &d.id)), text, d.citation.as_ref()));
    }
    if !lines.is_empty() {
        p.push(Block::Facts(lines));
    }
    p
}
