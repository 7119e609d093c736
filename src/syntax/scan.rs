//! Scanning the text for the errors pest reports badly: a string whose
//! closing quote is missing and braces that do not pair up. pest notices
//! them only where the grammar can no longer go on, often far from the
//! mistake; scanning the text finds the quote or brace itself.

use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Find a string whose closing quote is missing.
pub fn unclosed_string(file: FileId, text: &str) -> Option<Diagnostic> {
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = text[i + 2..].find("*/").map_or(bytes.len(), |n| i + 2 + n + 2);
            }
            b'"' if text[i..].starts_with("\"\"\"") => match text[i + 3..].find("\"\"\"") {
                Some(n) => i += 3 + n + 3,
                None => {
                    return Some(unterminated(
                        file,
                        i,
                        3,
                        "a text block opened with `\"\"\"` is never closed",
                        "close it with `\"\"\"`",
                    ));
                }
            },
            b'"' => {
                let mut j = i + 1;
                loop {
                    match bytes.get(j) {
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        Some(b'\n') | Some(b'\r') | None => {
                            return Some(unterminated(
                                file,
                                i,
                                1,
                                "this string has no closing quote on its line",
                                "end the text with `\"` on the same line; for text over several lines use `\"\"\"...\"\"\"`",
                            ));
                        }
                        Some(_) => j += 1,
                    }
                }
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    None
}

fn unterminated(file: FileId, at: usize, len: usize, message: &str, help: &str) -> Diagnostic {
    Diagnostic::error(Code::UnterminatedString, Span::new(file, at, at + len), message)
        .label("string starts here")
        .help(help)
}

/// Find an unmatched `}` or a `{` that is never closed (outside strings and
/// comments; strings are known to be closed by now). Braces are matched by
/// nesting, but when a `}` at the start of a line is indented unlike the
/// line of the `{` it closes, the indentation tells better which brace is
/// missing or extra.
pub fn unmatched_brace(file: FileId, text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    // Each open `{`: its offset and the indentation of its line.
    let mut open: Vec<(usize, usize)> = Vec::new();
    // The first `}` indented deeper than its `{`: likely an extra one.
    let mut extra_close: Option<usize> = None;
    // The first `{` closed by a `}` indented less: likely never closed.
    let mut unclosed: Option<(usize, usize)> = None;
    // The last `}` of the first line that closes more than it opens without
    // starting with `}` (`tier L1 { ... } }`): likely an extra one.
    let mut extra_on_line: Option<usize> = None;
    let (mut balance, mut leading_close, mut last_close) = (0i64, false, None);
    let mut i = 0;
    while i < bytes.len() {
        if let Some(after) = skip_literal(text, i) {
            i = after;
            continue;
        }
        match bytes[i] {
            b'\n' => {
                if balance < 0 && !leading_close && extra_on_line.is_none() {
                    extra_on_line = last_close;
                }
                (balance, leading_close, last_close) = (0, false, None);
            }
            b'{' => {
                open.push((i, line_indent(text, i).0));
                balance += 1;
            }
            b'}' => {
                balance -= 1;
                last_close = Some(i);
                leading_close |= line_indent(text, i).1;
                let Some((opened, open_indent)) = open.pop() else {
                    let at = extra_close.or(extra_on_line).unwrap_or(i);
                    return Some(
                        Diagnostic::error(
                            Code::UnexpectedBrace,
                            Span::new(file, at, at + 1),
                            "this `}` closes no block",
                        )
                        .label("nothing to close")
                        .help("remove it, or add the `{` it should close"),
                    );
                };
                if let (indent, true) = line_indent(text, i) {
                    if indent > open_indent && extra_close.is_none() {
                        extra_close = Some(i);
                    }
                    if indent < open_indent && unclosed.is_none() {
                        unclosed = Some((opened, i));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let innermost = open.pop()?;
    let diag = |at: usize| {
        Diagnostic::error(Code::UnclosedBlock, Span::new(file, at, at + 1), "this block is never closed")
            .label("opened here")
            .help("add a `}` where the block should end")
    };
    Some(match unclosed {
        Some((opened, close)) => {
            diag(opened).related(Span::new(file, close, close + 1), "this `}` lines up with an outer block")
        }
        None => diag(innermost.0),
    })
}

/// The deepest blocks and brackets may nest. Contracts need a handful of
/// levels; the parser recurses once per level, so a limit keeps a
/// pathological file from exhausting the stack.
pub const MAX_DEPTH: usize = 64;

/// What one pass over a file finds before pest runs.
#[derive(Debug, Default)]
pub struct Layout {
    /// The comments, as byte ranges in source order, outside strings.
    pub comments: Vec<(usize, usize)>,
    /// The text for pest when it differs from the source: comments, commas
    /// (with the line breaks a comma continues over), tabs and wide spaces
    /// replaced by plain spaces, byte for byte, so every offset stays valid.
    /// The grammar then treats only `" "` as layout; pest tries layout
    /// between any two parts of a rule, so it must be cheap to rule out.
    pub parse_text: Option<String>,
}

/// One pass before pest runs: the comments and the text to parse (see
/// [`Layout`]), or what must be ruled out first: a `{`, `[` or `(` nested
/// deeper than [`MAX_DEPTH`], or a `/*` comment that is never closed.
pub fn layout(file: FileId, text: &str) -> Result<Layout, Box<Diagnostic>> {
    let bytes = text.as_bytes();
    let mut out = Layout::default();
    let mut blanked: Option<Vec<u8>> = None;
    let mut blank = |range: std::ops::Range<usize>| {
        blanked.get_or_insert_with(|| bytes.to_vec())[range].fill(b' ');
    };
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' | b'"' => {
                let Some(after) = skip_literal(text, i) else {
                    i += 1;
                    continue;
                };
                if bytes[i] == b'/' {
                    if !is_closed_comment(text, i, after) {
                        return Err(Box::new(
                            Diagnostic::error(
                                Code::InvalidSyntax,
                                Span::new(file, i, i + 2),
                                "this comment is never closed",
                            )
                            .label("comment starts here")
                            .help("end it with `*/`, or write `//` comments, which end with the line"),
                        ));
                    }
                    out.comments.push((i, after));
                    blank(i..after);
                }
                i = after;
            }
            b',' => {
                // A comma separates values, and the line goes on over the
                // line breaks (and comments) that follow it.
                let mut end = i + 1;
                loop {
                    let blanks = bytes[end..].iter().take_while(|b| matches!(b, b' ' | b'\t')).count();
                    let mut at = end + blanks;
                    let mut comment = None;
                    if bytes.get(at) == Some(&b'/') {
                        if let Some(after) = skip_literal(text, at).filter(|after| is_closed_comment(text, at, *after))
                        {
                            comment = Some((at, after));
                            at = after;
                        }
                    }
                    let line_end = match &bytes[at..] {
                        [b'\r', b'\n', ..] => 2,
                        [b'\n' | b'\r', ..] => 1,
                        _ => break,
                    };
                    out.comments.extend(comment);
                    end = at + line_end;
                }
                blank(i..end);
                i = end;
            }
            b'\t' => {
                blank(i..i + 1);
                i += 1;
            }
            // U+3000 (the ideographic space) and U+FEFF (a byte-order mark).
            0xE3 | 0xEF if text[i..].starts_with('\u{3000}') || text[i..].starts_with('\u{FEFF}') => {
                blank(i..i + 3);
                i += 3;
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Box::new(
                        Diagnostic::error(
                            Code::InvalidSyntax,
                            Span::new(file, i, i + 1),
                            format!("blocks and brackets nest more than {MAX_DEPTH} levels deep here"),
                        )
                        .label("too deep")
                        .help(
                            "a contract needs only a few levels; close the blocks and brackets opened before this one",
                        ),
                    ));
                }
                i += 1;
            }
            b'}' | b']' | b')' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
    }
    // Whole characters were replaced by spaces, so the text is still UTF-8.
    out.parse_text = blanked.and_then(|b| String::from_utf8(b).ok());
    Ok(out)
}

/// Whether the comment from `start` to `end` is closed: `//` always is, and
/// `/*` when it ends with its own `*/`.
fn is_closed_comment(text: &str, start: usize, end: usize) -> bool {
    !text[start..].starts_with("/*") || (end >= start + 4 && text[start..end].ends_with("*/"))
}

/// If a comment or a string starts at `i`, the offset just after it.
fn skip_literal(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let end = bytes.len();
    Some(match (bytes.get(i)?, bytes.get(i + 1)) {
        (b'/', Some(b'/')) => text[i..].find(['\n', '\r']).map_or(end, |n| i + n),
        (b'/', Some(b'*')) => text[i + 2..].find("*/").map_or(end, |n| i + 2 + n + 2),
        (b'"', _) if text[i..].starts_with("\"\"\"") => text[i + 3..].find("\"\"\"").map_or(end, |n| i + 3 + n + 3),
        (b'"', _) => {
            let mut j = i + 1;
            while j < end && !matches!(bytes[j], b'"' | b'\n') {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(end)
        }
        _ => return None,
    })
}

/// The indentation (in characters) of the line holding `at`, and whether
/// only blanks come before `at` on it.
fn line_indent(text: &str, at: usize) -> (usize, bool) {
    let start = text.get(..at).and_then(|t| t.rfind('\n')).map_or(0, |n| n + 1);
    let line = text.get(start..at).unwrap_or("");
    let blank = line.chars().take_while(|c| matches!(c, ' ' | '\t')).count();
    (blank, blank == line.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> String {
        let l = layout(0, text).expect("no early error");
        let parsed = l.parse_text.unwrap_or_else(|| text.to_owned());
        assert_eq!(parsed.len(), text.len(), "offsets must not move");
        parsed
    }

    #[test]
    fn layout_becomes_spaces_byte_for_byte() {
        assert_eq!(parse_text("a\tb\u{3000}c"), "a b   c");
        assert_eq!(parse_text("a \"x, // y\" b"), "a \"x, // y\" b");
        assert_eq!(parse_text("a, b /* c */ d // e\nf"), "a  b         d     \nf");
        assert!(layout(0, "plain text\n").expect("fine").parse_text.is_none());
    }

    #[test]
    fn a_comma_carries_the_line_over_breaks_and_comments() {
        assert_eq!(parse_text("a,\n  b"), "a    b");
        assert_eq!(parse_text("a, // note\r\n\nb"), format!("a{}b", " ".repeat(12)));
        // No line break right after the comment: the line ends there.
        assert_eq!(parse_text("a, /* c */ \nb"), "a          \nb");
        let l = layout(0, "a, // one\nb // two\n").expect("fine");
        assert_eq!(l.comments, [(3, 9), (12, 18)]);
    }

    #[test]
    fn an_unclosed_block_comment_is_reported() {
        assert!(layout(0, "a /* b\nc */").is_ok());
        let err = layout(0, "a /* b\n").expect_err("an error");
        assert_eq!((err.span.start, err.span.end), (2, 4));
        assert!(layout(0, "a /*/").is_err());
    }
}
