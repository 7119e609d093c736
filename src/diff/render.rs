//! The three ways `slac diff` prints its changes: for a terminal (grouped
//! by clause, coloured), as JSON (docs/diff.md) and as Markdown for a
//! pull-request comment.

use super::{Change, Verdict};
use serde::Serialize;

/// How many changes of each verdict.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub weaker: usize,
    pub stronger: usize,
    pub changed: usize,
    pub neutral: usize,
}

impl Summary {
    pub fn of(changes: &[Change]) -> Summary {
        let count = |v: Verdict| changes.iter().filter(|c| c.verdict == v).count();
        Summary {
            weaker: count(Verdict::Weaker),
            stronger: count(Verdict::Stronger),
            changed: count(Verdict::Changed),
            neutral: count(Verdict::Neutral),
        }
    }

    fn line(&self) -> String {
        format!(
            "{} weaker, {} stronger, {} changed, {} neutral",
            self.weaker, self.stronger, self.changed, self.neutral
        )
    }
}

/// Two versions compared: what each is called and their changes.
pub struct Compared {
    /// The old version's name: its path, or `REV:path` for a git revision.
    pub old: String,
    pub new: String,
    pub changes: Vec<Change>,
}

/// One comparison in the JSON: the two files, the counts, every change.
#[derive(Serialize)]
struct Document<'a> {
    old: &'a str,
    new: &'a str,
    summary: Summary,
    changes: &'a [Change],
}

/// The JSON: a list with one document per pair of files compared.
pub fn json(compared: &[Compared]) -> String {
    let docs: Vec<Document> = compared
        .iter()
        .map(|c| Document { old: &c.old, new: &c.new, summary: Summary::of(&c.changes), changes: &c.changes })
        .collect();
    // A document of strings and counts always serialises.
    serde_json::to_string_pretty(&docs).unwrap_or_default() + "\n"
}

/// The changes grouped by clause, in the order they were found.
fn groups(changes: &[Change]) -> Vec<(&str, Vec<&Change>)> {
    let mut groups: Vec<(&str, Vec<&Change>)> = Vec::new();
    for c in changes {
        match groups.iter_mut().find(|(name, _)| *name == c.clause) {
            Some((_, list)) => list.push(c),
            None => groups.push((&c.clause, vec![c])),
        }
    }
    groups
}

fn citations(c: &Change) -> String {
    match (&c.old_citation, &c.new_citation) {
        (None, None) => String::new(),
        (a, b) if a == b => format!(" (§ {})", a.as_deref().unwrap_or_default()),
        (a, b) => format!(" (§ {} -> § {})", a.as_deref().unwrap_or("-"), b.as_deref().unwrap_or("-")),
    }
}

fn value(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("(none)")
}

pub fn human(old: &str, new: &str, changes: &[Change], color: bool) -> String {
    let paint = |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() };
    let mut out = format!("{old} -> {new}\n");
    if changes.is_empty() {
        out.push_str("no change in meaning\n");
        return out;
    }
    for (clause, list) in groups(changes) {
        out.push_str(&format!("\n{}{}\n", paint("1", clause), citations(list[0])));
        for c in list {
            let code = match c.verdict {
                Verdict::Weaker => "31",
                Verdict::Stronger => "32",
                Verdict::Changed => "33",
                Verdict::Neutral => "2",
            };
            out.push_str(&format!(
                "  {:<8} {}: {} -> {}\n           {}\n",
                paint(code, c.verdict.name()),
                c.field,
                value(&c.old),
                value(&c.new),
                c.why
            ));
        }
    }
    out.push_str(&format!("\n{}\n", Summary::of(changes).line()));
    out
}

/// A cell's text with the characters that would break a table row escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(old: &str, new: &str, changes: &[Change]) -> String {
    let mut out = format!("### slac diff: `{}` -> `{}`\n\n", cell(old), cell(new));
    if changes.is_empty() {
        out.push_str("No change in meaning.\n");
        return out;
    }
    out.push_str(&format!("**{}**\n", Summary::of(changes).line()));
    for (clause, list) in groups(changes) {
        out.push_str(&format!("\n#### {}{}\n\n", cell(clause), citations(list[0])));
        out.push_str("| verdict | field | old | new | why |\n|---|---|---|---|---|\n");
        for c in list {
            let verdict = match c.verdict {
                Verdict::Weaker => "**weaker**",
                v => v.name(),
            };
            out.push_str(&format!(
                "| {verdict} | {} | {} | {} | {} |\n",
                cell(&c.field),
                cell(value(&c.old)),
                cell(value(&c.new)),
                cell(&c.why)
            ));
        }
    }
    out
}
