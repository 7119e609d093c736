//! The document as Markdown: headings, bullet facts, pipe tables, prose as
//! paragraphs, lint notes as quotes.

use super::doc::{Block, Document, Fact, cite_text};

pub fn render(d: &Document) -> String {
    let mut out = format!("# {}\n", inline(&d.title));
    for line in &d.lead {
        out.push_str(&format!("\n{}\n", inline(line)));
    }
    let colon = if d.lang == "en" { ": " } else { "：" };
    for p in &d.parts {
        out.push_str(&format!("\n## {}\n", inline(&p.title)));
        for n in &p.notes {
            out.push_str(&format!("\n> ⚠ {}\n", inline(n)));
        }
        for b in &p.blocks {
            block(&mut out, b, colon);
        }
    }
    out
}

fn block(out: &mut String, b: &Block, colon: &str) {
    match b {
        Block::Heading(h) => out.push_str(&format!("\n### {}\n", inline(h))),
        Block::Facts(facts) | Block::List(facts) if facts.is_empty() => {}
        Block::Facts(facts) | Block::List(facts) => {
            out.push('\n');
            for f in facts {
                out.push_str(&format!("- {}\n", fact(f, colon)));
            }
        }
        Block::Table { head, rows } => {
            out.push('\n');
            out.push_str(&format!("| {} |\n", head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
            for r in rows {
                out.push_str(&format!("| {} |\n", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
            }
        }
        Block::Prose { title, text, cite } => {
            if let Some(t) = title {
                out.push_str(&format!("\n**{}**\n", inline(t)));
            }
            for para in text.lines() {
                out.push_str(&format!("\n{}\n", paragraph(para)));
            }
            let cite = cite_text(cite);
            if !cite.is_empty() {
                out.push_str(&format!("\n*{cite}*\n"));
            }
        }
    }
}

fn fact(f: &Fact, colon: &str) -> String {
    let cite = cite_text(&f.cite);
    let cite = if cite.is_empty() { cite } else { format!(" ({cite})") };
    if f.label.is_empty() {
        format!("{}{cite}", inline(&f.text))
    } else {
        format!("**{}**{colon}{}{cite}", inline(&f.label), inline(&f.text))
    }
}

/// Text on one line, with the characters Markdown would read escaped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\\' | '*' | '`' | '[' | ']' | '<' | '|' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// A line of prose: a first character that would start a heading, quote
/// or list is escaped.
fn paragraph(text: &str) -> String {
    let text = inline(text);
    match text.chars().next() {
        Some(c @ ('#' | '>' | '-' | '+' | '=')) => format!("\\{c}{}", &text[c.len_utf8()..]),
        _ => text,
    }
}

fn cell(text: &str) -> String {
    inline(text)
}
