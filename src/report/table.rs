//! The report as aligned tables for a terminal. comfy-table measures
//! Chinese text by display width, so columns stay aligned.

use super::model::Report;
use super::sections;
use comfy_table::{ContentArrangement, Table, presets};

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for line in sections::heading(r) {
        out.push_str(&line);
        out.push('\n');
    }
    for s in sections::build(r) {
        out.push('\n');
        out.push_str(&s.title);
        out.push('\n');
        if !s.rows.is_empty() {
            let mut t = Table::new();
            t.load_style(presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Disabled)
                .set_header(s.columns.clone());
            for row in &s.rows {
                t.add_row(row.clone());
            }
            out.push_str(&t.to_string());
            out.push('\n');
        }
        for n in &s.notes {
            out.push_str("  · ");
            out.push_str(n);
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&sections::verdict(r));
    out.push('\n');
    out
}
