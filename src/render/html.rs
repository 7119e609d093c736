//! The document as one self-contained HTML page: the stylesheet inline,
//! no script, no network.

use super::doc::{Block, Document, Fact, cite_text};

/// The stylesheet of every page slac writes (contracts and reports).
pub const STYLE: &str = include_str!("page.css");

/// A whole page around `body`.
pub fn page(lang: &str, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"slac {}\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n\
         <body>\n{body}</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

/// Text made safe for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

pub fn render(d: &Document) -> String {
    let mut body = format!("<main>\n<h1>{}</h1>\n", escape(&d.title));
    for line in &d.lead {
        body.push_str(&format!("<p class=\"lead\">{}</p>\n", escape(line)));
    }
    let colon = if d.lang == "en" { ": " } else { "：" };
    // Every part has an id: the standard ones their name (`#tiers`), the
    // others their place.
    let ids: Vec<String> = d
        .parts
        .iter()
        .enumerate()
        .map(|(i, p)| p.anchor.map_or_else(|| format!("part-{}", i + 1), str::to_string))
        .collect();
    body.push_str("<nav class=\"toc\">\n<ol>\n");
    for (p, id) in d.parts.iter().zip(&ids) {
        body.push_str(&format!("<li><a href=\"#{id}\">{}</a></li>\n", escape(&p.title)));
    }
    body.push_str("</ol>\n</nav>\n");
    for (p, id) in d.parts.iter().zip(&ids) {
        body.push_str(&format!("<section id=\"{id}\">\n<h2>{}</h2>\n", escape(&p.title)));
        for n in &p.notes {
            body.push_str(&format!("<aside class=\"lint\">⚠ {}</aside>\n", escape(n)));
        }
        for b in &p.blocks {
            block(&mut body, b, colon);
        }
        body.push_str("</section>\n");
    }
    body.push_str("</main>\n");
    page(d.lang, &d.title, &body)
}

fn block(out: &mut String, b: &Block, colon: &str) {
    match b {
        Block::Heading(h) => out.push_str(&format!("<h3>{}</h3>\n", escape(h))),
        Block::Facts(facts) if facts.is_empty() => {}
        Block::Facts(facts) => {
            out.push_str("<dl>\n");
            for f in facts {
                out.push_str(&format!("<dt>{}</dt><dd>{}{}</dd>\n", escape(&f.label), escape(&f.text), cite(&f.cite)));
            }
            out.push_str("</dl>\n");
        }
        Block::List(lines) if lines.is_empty() => {}
        Block::List(lines) => {
            out.push_str("<ul>\n");
            for f in lines {
                out.push_str(&format!("<li>{}</li>\n", line(f, colon)));
            }
            out.push_str("</ul>\n");
        }
        Block::Table { head, rows } => table(out, head, rows),
        Block::Prose { title, text, cite: c } => {
            out.push_str("<div class=\"prose\">\n");
            if let Some(t) = title {
                out.push_str(&format!("<h3>{}</h3>\n", escape(t)));
            }
            for para in text.lines() {
                out.push_str(&format!("<p>{}</p>\n", escape(para)));
            }
            out.push_str(&format!("<p>{}</p>\n</div>\n", cite(c)));
        }
    }
}

/// A table with plain-text cells; `§` cells and numbers styled.
pub fn table(out: &mut String, head: &[impl AsRef<str>], rows: &[Vec<String>]) {
    out.push_str("<table>\n<thead><tr>");
    for h in head {
        out.push_str(&format!("<th>{}</th>", escape(h.as_ref())));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let class = if c.starts_with("§ ") {
                " class=\"cite\""
            } else if c.starts_with("missed") || c.starts_with("breached") {
                " class=\"status-missed\""
            } else if c == "met" || c.starts_with("met ") {
                " class=\"status-met\""
            } else if !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit() || ".-%".contains(ch)) {
                " class=\"num\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{}</td>", escape(c)));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

fn line(f: &Fact, colon: &str) -> String {
    if f.label.is_empty() {
        format!("{}{}", escape(&f.text), cite(&f.cite))
    } else {
        format!("<strong>{}</strong>{colon}{}{}", escape(&f.label), escape(&f.text), cite(&f.cite))
    }
}

fn cite(c: &Option<String>) -> String {
    let text = cite_text(c);
    if text.is_empty() { text } else { format!(" <span class=\"cite\">{}</span>", escape(&text)) }
}
