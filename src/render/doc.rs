//! The rendered contract as a document: titled parts holding facts, tables,
//! lists and prose. The parts are built once from the IR; `html` and
//! `markdown` only draw them, so the two formats always say the same.

use crate::ir::Citation;
use crate::source::Span;

/// A whole rendered contract.
#[derive(Debug, Default)]
pub struct Document {
    pub title: String,
    /// Lines under the title (the contract id, its source).
    pub lead: Vec<String>,
    pub parts: Vec<Part>,
    /// `lang` attribute of the page: `en` or `zh-Hans`.
    pub lang: &'static str,
}

/// One part of the agreement, in its place in the file.
#[derive(Debug, Default)]
pub struct Part {
    pub title: String,
    pub blocks: Vec<Block>,
    /// Where the part's clauses were written: orders the parts, and places
    /// lint notes.
    pub spans: Vec<Span>,
    /// Lint findings on its clauses (`--with-lints`).
    pub notes: Vec<String>,
    /// The HTML id of a part every contract may have (`tiers`, `credits`),
    /// so a link can point at it.
    pub anchor: Option<&'static str>,
}

impl Part {
    pub fn new(title: impl Into<String>) -> Part {
        Part { title: title.into(), ..Part::default() }
    }

    pub fn anchored(anchor: &'static str, title: impl Into<String>) -> Part {
        Part { anchor: Some(anchor), ..Part::new(title) }
    }

    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}

/// One thing a part shows.
#[derive(Debug)]
pub enum Block {
    /// A smaller heading inside a part (one tier, one credit table).
    Heading(String),
    /// Label and value pairs, each with its clause.
    Facts(Vec<Fact>),
    /// A table with its header; every cell plain text.
    Table { head: Vec<String>, rows: Vec<Vec<String>> },
    /// Lines of text, each with its clause.
    List(Vec<Fact>),
    /// Prose as the agreement writes it.
    Prose { title: Option<String>, text: String, cite: Option<String> },
}

/// A label (empty for a list line), its text and the clause it cites.
#[derive(Debug)]
pub struct Fact {
    pub label: String,
    pub text: String,
    pub cite: Option<String>,
}

impl Fact {
    pub fn new(label: impl Into<String>, text: impl Into<String>, cite: Option<&Citation>) -> Fact {
        Fact { label: label.into(), text: text.into(), cite: cite.map(|c| c.section.clone()) }
    }

    pub fn line(text: impl Into<String>, cite: Option<&Citation>) -> Fact {
        Fact::new("", text, cite)
    }
}

/// `§ 3.2`, or empty.
pub fn cite_text(cite: &Option<String>) -> String {
    cite.as_ref().map(|c| format!("§ {c}")).unwrap_or_default()
}

/// The cell of a table's `§` column.
pub fn cite_cell(c: Option<&Citation>) -> String {
    c.map(|c| format!("§ {}", c.section)).unwrap_or_default()
}
