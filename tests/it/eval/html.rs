//! `slac eval --format html`: the page, read back with an HTML tokenizer,
//! holds every figure of the JSON report, for the example in
//! `examples/bestsign-2025-03/` and for every evaluation case.

use super::harness::Case;
use slac::inputs::{Request, evaluate_files_on_disk};
use slac::report::text::{duration, money, short_time};
use slac::report::{ClockResult, PeriodStatus, Report};
use std::path::PathBuf;

/// The page as a reader sees it: the cells of each table row, and all the
/// text (script-free pages: text inside `style` and `title` left out).
struct Page {
    rows: Vec<Vec<String>>,
    text: String,
}

fn read(html: &str) -> Page {
    use html5gum::{Token, Tokenizer};
    let (mut rows, mut text) = (Vec::new(), String::new());
    let mut row: Vec<String> = Vec::new();
    let mut cell: Option<String> = None;
    let mut skip = false;
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(t) => match t.name.as_slice() {
                b"style" | b"title" => skip = true,
                b"tr" => row.clear(),
                b"td" | b"th" => cell = Some(String::new()),
                _ => {}
            },
            Token::EndTag(t) => match t.name.as_slice() {
                b"style" | b"title" => skip = false,
                b"td" | b"th" => row.extend(cell.take()),
                b"tr" => rows.push(std::mem::take(&mut row)),
                _ => text.push(' '),
            },
            Token::String(s) if !skip => {
                let s = String::from_utf8_lossy(&s);
                text.push_str(&s);
                if let Some(c) = cell.as_mut() {
                    c.push_str(&s);
                }
            }
            _ => {}
        }
    }
    Page { rows, text }
}

impl Page {
    /// Is there a table row holding each of these cells?
    fn has_row(&self, cells: &[String]) -> bool {
        self.rows.iter().any(|r| cells.iter().all(|c| r.iter().any(|x| x == c)))
    }
}

fn clock_figures(c: &Option<ClockResult>) -> Vec<String> {
    c.iter().flat_map(|c| [short_time(&c.deadline), duration(c.business_seconds)]).collect()
}

/// Every figure the JSON report holds, looked for on the page: ledgers as
/// table rows, incidents with their deadlines and verdicts, credits,
/// penalties, totals, the verdict.
fn assert_page_holds_report(name: &str, r: &Report, html: &str) {
    let page = read(html);
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"), "{name}");
    let cur = r.contract.currency.clone().unwrap_or_default();
    let mut missing = Vec::new();
    let mut row = |what: String, cells: Vec<String>| {
        if !page.has_row(&cells) {
            missing.push(format!("{what}: {cells:?}"));
        }
    };
    for l in &r.availability {
        let mut cells = vec![l.period.clone(), l.status.as_str().to_string(), l.target.clone()];
        if !matches!(l.status, PeriodStatus::Skipped | PeriodStatus::NotCovered) {
            cells.extend([l.total_minutes, l.excused_minutes, l.unavailable_minutes].map(|m| m.to_string()));
            cells.extend(l.ratio.as_ref().map(|x| format!("{}%", x.percent)));
            cells.extend(l.allowed_minutes.map(|d| d.normalize().to_string()));
            cells.extend(l.remaining_minutes.map(|d| d.normalize().to_string()));
        }
        if l.in_progress {
            cells[1] = format!("{} (in progress)", l.status.as_str());
        }
        row(format!("availability {} {}", l.service, l.period), cells);
    }
    for d in &r.durability {
        let mut cells = vec![d.period.clone(), d.status.to_string(), d.target.clone()];
        cells.extend(d.objects_total.map(|n| n.to_string()));
        cells.extend(d.objects_lost.map(|n| n.to_string()));
        cells.extend(d.ratio.as_ref().map(|x| format!("{}%", x.percent)));
        row(format!("durability {}", d.service), cells);
    }
    for i in &r.incidents {
        let mut cells = vec![i.id.clone(), short_time(&i.opened_at)];
        cells.extend(clock_figures(&i.response));
        cells.extend(clock_figures(&i.resolution));
        row(format!("incident {}", i.id), cells);
    }
    for c in &r.credits {
        let amount = money(c.amount, &cur);
        let cite = c.citation.as_ref().map(|x| format!("§ {x}")).unwrap_or_else(|| "-".into());
        let shown = page
            .rows
            .iter()
            .any(|x| x.contains(&c.period) && x.contains(&cite) && x.iter().any(|v| v.starts_with(&amount)));
        if !shown || !page.has_row(&[c.period.clone(), c.achieved.clone(), c.band.clone()]) {
            missing.push(format!("credit {} {} {amount}", c.service, c.period));
        }
    }
    for p in &r.penalties {
        let amount = money(p.amount, &cur);
        let cite = p.citation.as_ref().map(|x| format!("§ {x}")).unwrap_or_else(|| "-".into());
        let shown = page
            .rows
            .iter()
            .any(|x| x.contains(&p.incident) && x.contains(&cite) && x.iter().any(|v| v.starts_with(&amount)));
        if !shown {
            missing.push(format!("penalty {} {} {amount}", p.penalty, p.incident));
        }
    }
    for t in &r.penalty_totals {
        if !page.text.contains(&format!("owed {}", money(t.total, &cur))) {
            missing.push(format!("penalty total {}", t.penalty));
        }
    }
    for t in &r.totals.per_period {
        if !page.has_row(&[t.period.clone(), money(t.credits, &cur)]) {
            missing.push(format!("total {}", t.period));
        }
    }
    for e in &r.entitlements {
        let cite = e.citation.as_ref().map(|x| format!("§ {x}")).unwrap_or_else(|| "-".into());
        if !page.has_row(&[e.period.clone(), e.options.join("; "), cite]) {
            missing.push(format!("entitlement {} {}", e.service, e.period));
        }
    }
    for o in &r.objectives {
        if !page.has_row(&[o.objective.clone(), o.period.clone(), o.target.clone()]) {
            missing.push(format!("objective {}", o.objective));
        }
    }
    assert!(page.text.contains("verdict:"), "{name}: no verdict");
    assert!(missing.is_empty(), "{name}: the page lacks {missing:#?}");
}

#[test]
fn the_example_report_page_holds_every_figure() {
    let dir = PathBuf::from("examples/bestsign-2025-03");
    let request = Request {
        contract: "contracts/bestsign-esign-platform.sla".into(),
        incidents: Some(dir.join("incidents.csv")),
        maintenance: Some(dir.join("maintenance.csv")),
        probes: Some(dir.join("probes.csv")),
        as_of: Some("2025-04-01T00:00:00+08:00".into()),
        ..Request::default()
    };
    let r = evaluate_files_on_disk(&request).map(|e| e.report).unwrap_or_else(|e| panic!("{e}"));
    let html = slac::report::html::render(&r);
    assert_page_holds_report("bestsign-2025-03", &r, &html);
    // One card with its chart for the month, and its figures in the card.
    assert!(html.contains("<svg") && html.contains("4.4529 min left"), "the burn-down ends at the remaining minutes");
}

#[test]
fn every_case_report_page_holds_every_figure() {
    let mut names: Vec<String> = std::fs::read_dir("tests/eval")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut pages = 0;
    for name in names {
        let case = Case::new(&name);
        let Ok(evaluated) = evaluate_files_on_disk(&case.request) else { continue };
        let html = slac::report::html::render(&evaluated.report);
        assert_page_holds_report(&name, &evaluated.report, &html);
        pages += 1;
    }
    assert!(pages > 30, "the cases were evaluated ({pages})");
}
