//! The report as Markdown, to paste into a ticket or a letter.

use super::model::Report;
use super::sections;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let heading = sections::heading(r);
    if let Some((first, rest)) = heading.split_first() {
        out.push_str(&format!("# {}\n\n", escape(first)));
        for line in rest {
            out.push_str(&format!("{}  \n", escape(line)));
        }
    }
    for s in sections::build(r) {
        out.push_str(&format!("\n## {}\n\n", s.title));
        if !s.rows.is_empty() {
            out.push_str(&format!("| {} |\n", s.columns.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(s.columns.len())));
            for row in &s.rows {
                let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
            out.push('\n');
        }
        for n in &s.notes {
            out.push_str(&format!("- {}\n", escape(n)));
        }
    }
    out.push_str(&format!("\n**{}**\n", escape(&sections::verdict(r))));
    out
}

/// Keep table cells and text from breaking the Markdown.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
