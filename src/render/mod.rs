//! `slac render`: a checked contract as the document people read, in HTML
//! (self-contained, with a print stylesheet) or Markdown, with the fixed
//! wording in English or Chinese and the clause text as written.
//!
//! The IR is walked once into a [`doc::Document`] of parts, one builder per
//! family of clauses; the parts are put in the order the agreement writes
//! them (by the first clause of each), so prose blocks stay in place. The
//! two formats only draw that document.

mod availability;
mod data;
pub mod doc;
mod excused;
pub(crate) mod html;
mod markdown;
mod money;
mod parties;
mod tiers;
pub mod words;

use crate::diag::{Diagnostic, Severity};
use crate::ir::{Contract, Prose};
use crate::source::Span;
use doc::{Block, Document, Fact, Part};
pub use words::Lang;
use words::W;

/// The output format of a rendered contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

/// The contract as a document, in one language and format.
pub fn render_contract(c: &Contract, lang: Lang, format: Format) -> String {
    render_with_notes(c, lang, format, &[])
}

/// As [`render_contract`], with lint findings shown as margin notes beside
/// the clauses they are about.
pub fn render_with_notes(c: &Contract, lang: Lang, format: Format, lints: &[Diagnostic]) -> String {
    let d = document(c, lang, lints);
    match format {
        Format::Html => html::render(&d),
        Format::Markdown => markdown::render(&d),
    }
}

/// Every clause of the contract in parts, in the agreement's order.
pub fn document(c: &Contract, lang: Lang, lints: &[Diagnostic]) -> Document {
    let mut parts = vec![parties::header(c, lang)];
    let mut body = vec![
        parties::services(c, lang),
        parties::calendars(c, lang),
        parties::channels(c, lang),
        tiers::tiers(c, lang),
        availability::availability(c, lang),
        availability::durability(c, lang),
        excused::maintenance(c, lang),
        excused::exclusions(c, lang),
        money::credits(c, lang),
        money::entitlements(c, lang),
        money::penalties(c, lang),
        money::liability(c, lang),
        data::objectives(c, lang),
        data::data(c, lang),
        examples(c, lang),
    ];
    body.extend(c.prose.iter().map(prose));
    body.retain(|p| !p.is_empty());
    let main = c.span.file;
    body.sort_by_key(|p| p.spans.iter().map(|s| (s.file != main, s.start)).min().unwrap_or((true, u32::MAX)));
    parts.extend(body);
    parts.extend(amendments(c, lang));
    place_notes(&mut parts, lints, lang);
    Document {
        title: c.header.title.clone().unwrap_or_else(|| c.id.clone()),
        lead: Vec::new(),
        parts,
        lang: match lang {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        },
    }
}

/// A prose block, as its own part in its place.
fn prose(p: &Prose) -> Part {
    let mut part = Part::new(p.title.clone().or_else(|| p.id.clone()).unwrap_or_default());
    part.spans.push(p.span);
    part.push(Block::Prose {
        title: None,
        text: dedent(&p.text),
        cite: p.citation.as_ref().map(|c| c.section.clone()),
    });
    part
}

/// Prose as written in the source, without the indentation of the block.
fn dedent(text: &str) -> String {
    text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

fn examples(c: &Contract, lang: Lang) -> Part {
    let mut p = Part::anchored("examples", W::Examples.text(lang));
    if c.examples.is_empty() {
        return p;
    }
    p.spans.extend(c.examples.iter().map(|e| e.span));
    p.push(Block::List(c.examples.iter().map(|e| Fact::line(e.name.clone(), e.citation.as_ref())).collect()));
    p
}

/// Each amendment, with the clauses it replaces drawn as the contract's are.
fn amendments(c: &Contract, lang: Lang) -> Vec<Part> {
    let mut out = Vec::new();
    if let Some(s) = &c.straddle {
        let mut p = Part::anchored("amendments", W::Amendments.text(lang));
        p.spans.push(s.span);
        let at = match s.rule {
            crate::ir::StraddleRule::PeriodStart => W::StraddleStart,
            crate::ir::StraddleRule::PeriodEnd => W::StraddleEnd,
        };
        p.push(Block::List(vec![Fact::new(W::Straddle.text(lang), at.text(lang), None)]));
        out.push(p);
    }
    for a in c.amendments_in_order() {
        let title = match lang {
            Lang::En => format!("{} {}, effective {}", W::Amendment.text(lang), a.name, a.effective),
            Lang::Zh => format!("{} {}，{}起生效", W::Amendment.text(lang), a.name, a.effective),
        };
        let mut p = Part::new(title);
        p.spans.push(a.span);
        p.push(Block::Facts(vec![Fact::new(W::Effective.text(lang), a.effective.to_string(), a.citation.as_ref())]));
        // The amended clauses on a contract that holds only them (and the
        // names they refer to: services, calendars, channels).
        let k = &a.clauses;
        let only = Contract {
            services: c.services.clone(),
            calendars: c.calendars.clone(),
            channels: c.channels.clone(),
            tiers: k.tiers.clone(),
            escalation: k.escalation.clone().unwrap_or_default(),
            availability: k.availability.clone(),
            durability: k.durability.clone(),
            maintenance: k.maintenance.clone().unwrap_or_default(),
            exclusions: k.exclusions.clone().map(|(e, _)| e).unwrap_or_default(),
            credits: k.credits.clone(),
            entitlements: k.entitlements.clone(),
            penalties: k.penalties.clone(),
            liability: k.liability.clone(),
            objectives: k.objectives.clone(),
            ..Contract::default()
        };
        let inner = [
            tiers::tiers(&only, lang),
            availability::availability(&only, lang),
            availability::durability(&only, lang),
            excused::maintenance(&only, lang),
            excused::exclusions(&only, lang),
            money::credits(&only, lang),
            money::entitlements(&only, lang),
            money::penalties(&only, lang),
            money::liability(&only, lang),
            data::objectives(&only, lang),
        ];
        for part in inner {
            if part.is_empty() {
                continue;
            }
            p.push(Block::Heading(part.title));
            p.blocks.extend(part.blocks);
            p.spans.extend(part.spans);
        }
        out.push(p);
    }
    out
}

/// Each lint finding goes beside the part of the clause it is in: the
/// clause written last before it (a clause's span is its head, and the
/// finding points inside its block). A finding before every clause, or in
/// another file, goes to a last part.
fn place_notes(parts: &mut Vec<Part>, lints: &[Diagnostic], lang: Lang) {
    let mut loose = Vec::new();
    for d in lints {
        let before = |s: &&Span| s.file == d.span.file && s.start <= d.span.start;
        let best =
            parts.iter().enumerate().flat_map(|(i, p)| p.spans.iter().filter(before).map(move |s| (s.start, i))).max();
        let text = note(d);
        match best {
            Some((_, i)) => parts[i].notes.push(text),
            None => loose.push(text),
        }
    }
    if !loose.is_empty() {
        let mut p = Part::anchored("review-notes", W::ReviewNotes.text(lang));
        p.notes = loose;
        p.blocks.push(Block::List(Vec::new()));
        parts.push(p);
    }
}

fn note(d: &Diagnostic) -> String {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let name = d.name.map(|n| format!(" {n}")).unwrap_or_default();
    let help = d.help.as_ref().map(|h| format!(" — {h}")).unwrap_or_default();
    format!("{level} {}{name}: {}{help}", d.code, d.message)
}

#[cfg(test)]
mod tests;
