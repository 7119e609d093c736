//! Completion: keywords where a clause or field starts, the fields of the
//! block the cursor is in, exclusion categories, time zones, holiday sets
//! and the names declared in scope. It reads the text before the cursor
//! itself, so a half-typed file (which may not parse) still completes.

use super::analysis::{Analysis, Kind};
use crate::check::clauses;
use crate::ir::STANDARD_CATEGORIES;
use lsp_types::{CompletionItem, CompletionItemKind};

/// Where the cursor is, read from the text before it.
struct Context<'a> {
    /// The keywords of the blocks around the cursor, outermost first.
    blocks: Vec<String>,
    /// The words of the line before the cursor's word.
    before: Vec<&'a str>,
    in_string: bool,
}

fn context(text: &str, offset: usize) -> Context<'_> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let head = &text[..offset];
    let bytes = head.as_bytes();
    let mut blocks: Vec<String> = Vec::new();
    let (mut i, mut in_string, mut in_block_text) = (0, false, false);
    while i < bytes.len() {
        // Bytes, not `str` slices: `i` may be inside a character.
        let rest = &bytes[i..];
        if in_block_text {
            if rest.starts_with(b"\"\"\"") {
                in_block_text = false;
                i += 3;
            } else {
                i += 1;
            }
            continue;
        }
        if in_string {
            match bytes[i] {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if rest.starts_with(b"\"\"\"") {
            in_block_text = true;
            i += 3;
            continue;
        }
        match bytes[i] {
            b'"' => in_string = true,
            b'/' if rest.starts_with(b"//") => {
                i = rest.iter().position(|b| *b == b'\n').map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'{' => {
                let line_start = head[..i].rfind('\n').map_or(0, |n| n + 1);
                let first = head[line_start..i].split_whitespace().next().unwrap_or("").to_owned();
                blocks.push(first);
            }
            b'}' => {
                blocks.pop();
            }
            _ => {}
        }
        i += 1;
    }
    let line_start = head.rfind('\n').map_or(0, |n| n + 1);
    let line = &head[line_start..];
    let word_start = line
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '-'))
        .map_or(0, |(n, c)| n + c.len_utf8());
    let before: Vec<&str> = line[..word_start].split_whitespace().collect();
    Context { blocks, before, in_string: in_string || in_block_text }
}

pub fn complete(text: &str, offset: usize, a: Option<&Analysis>) -> Vec<CompletionItem> {
    let cx = context(text, offset);
    let mut items = Vec::new();
    let item = |label: &str, kind: CompletionItemKind, detail: Option<String>| CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail,
        ..Default::default()
    };
    if cx.in_string {
        // `timezone "Asia/...`: the IANA zones.
        if cx.before.first() == Some(&"timezone") || cx.before.last() == Some(&"in") {
            items.extend(chrono_tz::TZ_VARIANTS.iter().map(|z| item(z.name(), CompletionItemKind::VALUE, None)));
        }
        return items;
    }
    let block = cx.blocks.last().map(String::as_str);
    let names = |kinds: &[Kind]| -> Vec<CompletionItem> {
        let Some(a) = a else { return Vec::new() };
        let mut seen = std::collections::BTreeSet::new();
        a.names
            .decls
            .iter()
            .filter(|d| kinds.is_empty() || kinds.contains(&d.kind))
            .filter(|d| seen.insert(d.name.clone()))
            .map(|d| item(&d.name, CompletionItemKind::REFERENCE, Some(d.kind.noun().to_owned())))
            .collect()
    };
    let categories = || {
        STANDARD_CATEGORIES.iter().map(|(id, what)| item(id, CompletionItemKind::ENUM_MEMBER, Some((*what).to_owned())))
    };
    if cx.before.is_empty() {
        // The first word of a line: a clause, or a field of this block.
        match block {
            None => {
                for k in ["contract", "import"].into_iter().chain(clauses::item_keywords()) {
                    items.push(item(k, CompletionItemKind::KEYWORD, None));
                }
            }
            Some("contract") => {
                for k in clauses::item_keywords().chain(["import"]) {
                    let noun = clauses::find(k).map(|c| c.noun.to_owned());
                    items.push(item(k, CompletionItemKind::KEYWORD, noun));
                }
            }
            Some("exclusions") => {
                items.extend(categories());
                items.push(item("custom", CompletionItemKind::KEYWORD, Some("a category of this contract".into())));
            }
            Some(k) => {
                if let Some(c) = clauses::find(k) {
                    items.extend(c.field_names().into_iter().map(|f| item(f, CompletionItemKind::FIELD, None)));
                }
                items.extend(names(&[]));
            }
        }
        return items;
    }
    let previous = cx.before.last().copied().unwrap_or("");
    match previous {
        "holidays" | "extends" => {
            items.push(item(
                "cn",
                CompletionItemKind::ENUM_MEMBER,
                Some("China's statutory holidays, built in".into()),
            ));
            items.extend(names(&[Kind::HolidaySet]));
        }
        "clock" | "hours" => {
            items.push(item("24x7", CompletionItemKind::VALUE, Some("every minute".into())));
            items.extend(names(&[Kind::Calendar]));
        }
        "exempt" | "cause" => {
            items.extend(categories());
            items.extend(names(&[Kind::Exclusion]));
        }
        "channel" => items.extend(names(&[Kind::Channel])),
        "window" => items.extend(names(&[Kind::Window])),
        "tier" if block.is_some_and(|b| b != "contract") => items.extend(names(&[Kind::Tier])),
        "availability" | "durability" | "credit" | "entitlement" => items.extend(names(&[Kind::Service])),
        _ => {
            items.extend(names(&[]));
            items.extend(categories());
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_around_the_cursor_is_read_past_strings_comments_and_text_blocks() {
        let text = "contract \"x\" { // {\n  prose p \"\"\"\n {\n \"\"\"\n  tier L1 \"{\" {\n    ";
        let cx = context(text, text.len());
        assert_eq!(cx.blocks, ["contract", "tier"]);
        assert!(cx.before.is_empty() && !cx.in_string);
        let text = "contract \"x\" {\n  timezone \"Asia/Sh";
        assert!(context(text, text.len()).in_string);
    }

    #[test]
    fn fields_of_the_block_and_zones_in_a_string() {
        let text = "contract \"x\" {\n  tier L1 {\n    res";
        let labels: Vec<String> = complete(text, text.len() - 3, None).into_iter().map(|i| i.label).collect();
        assert!(labels.iter().any(|l| l == "resolve"), "{labels:?}");
        let text = "contract \"x\" {\n  timezone \"Asia/";
        let labels: Vec<String> = complete(text, text.len(), None).into_iter().map(|i| i.label).collect();
        assert!(labels.iter().any(|l| l == "Asia/Shanghai"));
    }
}
