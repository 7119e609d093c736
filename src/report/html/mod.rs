//! The report as one self-contained HTML page: the same titled tables as
//! the terminal and Markdown renderings (`sections`), with inline SVG
//! charts drawn from the same model. No script, no network, no figure
//! computed here that the JSON report does not hold.

mod charts;
mod svg;

use super::model::{AvailabilityLedger, IncidentReport, Report};
use super::sections;
use super::status::PeriodStatus;
use crate::render::html::{escape, page, table};

pub fn render(r: &Report) -> String {
    let heading = sections::heading(r);
    let title = heading.first().cloned().unwrap_or_default();
    let mut body = format!("<main>\n<h1>{}</h1>\n", escape(&title));
    for line in heading.iter().skip(1) {
        body.push_str(&format!("<p class=\"lead\">{}</p>\n", escape(line)));
    }
    body.push_str(&verdict(r));
    if !r.availability.is_empty() {
        body.push_str(&availability_charts(r));
    }
    for s in sections::build(r) {
        body.push_str(&format!("<section>\n<h2>{}</h2>\n", escape(&s.title)));
        if !s.rows.is_empty() {
            table(&mut body, &s.columns, &s.rows);
        }
        if !s.notes.is_empty() {
            body.push_str("<ul>\n");
            for n in &s.notes {
                body.push_str(&format!("<li>{}</li>\n", escape(n)));
            }
            body.push_str("</ul>\n");
        }
        body.push_str("</section>\n");
    }
    body.push_str(&verdict(r));
    body.push_str("</main>\n");
    page("en", &title, &body)
}

fn verdict(r: &Report) -> String {
    let class = if r.verdict.all_met { "verdict" } else { "verdict bad" };
    format!("<p class=\"{class}\">{}</p>\n", escape(&sections::verdict(r)))
}

/// The name of a series: `esign`, `vm/i-1`, `ec2 @ us-east-1`.
fn series_name(l: &AvailabilityLedger) -> String {
    let mut name = l.service.clone();
    if let Some(i) = &l.instance {
        name.push_str(&format!("/{i}"));
    }
    if let Some(r) = &l.region {
        name.push_str(&format!(" @ {r}"));
    }
    name
}

/// Per series, a chart of every period when there are several; per
/// evaluated period, its budget burn-down and timeline.
fn availability_charts(r: &Report) -> String {
    let mut series: Vec<(String, Vec<&AvailabilityLedger>)> = Vec::new();
    for l in &r.availability {
        let name = series_name(l);
        match series.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(l),
            None => series.push((name, vec![l])),
        }
    }
    let mut out = String::from("<section>\n<h2>Availability charts</h2>\n");
    out.push_str(
        "<p class=\"legend\"><span><i style=\"background:#2e7d32\"></i>met / budget left</span>\
         <span><i style=\"background:#c62828\"></i>missed / counted outage</span>\
         <span><i style=\"background:#e0a100\"></i>run too short to count</span>\
         <span><i style=\"background:#6b7fa3\"></i>excused</span>\
         <span><i style=\"background:#8e44ad\"></i>maintenance not excused</span>\
         <span>incidents: opened to resolved, | resolution deadline</span></p>\n",
    );
    for (name, ledgers) in &series {
        if ledgers.len() > 1
            && let Some(chart) = charts::summary(name, ledgers)
        {
            out.push_str(&format!(
                "<figure>\n{chart}<figcaption>{}: achieved against the target, every period</figcaption>\n</figure>\n",
                escape(name)
            ));
        }
    }
    out.push_str("<div class=\"cards\">\n");
    // Read once (from the spool, for a large report), not once a period:
    // the page is built whole in any case (docs/performance.md).
    let all: Vec<IncidentReport> = r.incidents.iter().collect();
    for (name, ledgers) in &series {
        for l in ledgers.iter().filter(|l| !matches!(l.status, PeriodStatus::Skipped | PeriodStatus::NotCovered)) {
            let incidents: Vec<&IncidentReport> = all
                .iter()
                .filter(|i| i.service.as_deref() == Some(l.service.as_str()))
                .filter(|i| l.instance.is_none() || i.instance.is_none() || i.instance == l.instance)
                .collect();
            let Some(chart) = charts::period(name, l, &incidents, &r.as_of) else { continue };
            let achieved = l.ratio.as_ref().map(|x| format!("{}%", x.percent)).unwrap_or_else(|| "-".into());
            out.push_str(&format!(
                "<div class=\"card\">\n<h3>{} {} — <span class=\"status-{}\">{}</span></h3>\n\
                 <p>achieved {} against {}</p>\n{chart}</div>\n",
                escape(name),
                escape(&l.period),
                l.status.as_str(),
                escape(&if l.in_progress {
                    format!("{} (in progress)", l.status.as_str())
                } else {
                    l.status.as_str().to_string()
                }),
                escape(&achieved),
                escape(&l.target),
            ));
        }
    }
    out.push_str("</div>\n</section>\n");
    out
}
