//! Syntax errors in plain words.
//!
//! pest stops at the first place the grammar cannot go on and reports the
//! rules it expected there. Users never see those rule names: we look at the
//! text itself (an unclosed quote or brace, a full-width comma, unquoted
//! Chinese text) and say what to write instead.

use super::grammar::Rule;
use super::scan;
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::error::{Error, ErrorVariant, InputLocation};

/// Turn pest's error into one diagnostic.
pub fn from_pest(file: FileId, text: &str, err: &Error<Rule>) -> Diagnostic {
    if let Some(d) = scan::unclosed_string(file, text) {
        return d;
    }
    if let Some(d) = scan::unmatched_brace(file, text) {
        return d;
    }
    let pos = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let expected = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    at_position(file, text, pos, &expected)
}

/// A diagnostic for the character at `pos`.
fn at_position(file: FileId, text: &str, pos: usize, expected: &[Rule]) -> Diagnostic {
    let rest = text.get(pos..).unwrap_or("");
    let Some(ch) = rest.chars().next() else {
        return Diagnostic::error(
            Code::InvalidSyntax,
            Span::new(file, pos, pos),
            "the file ends in the middle of a statement",
        )
        .label("file ends here")
        .help(expected_help(expected));
    };
    let span = Span::new(file, pos, pos + ch.len_utf8());
    let before = text.get(..pos).unwrap_or("").trim_end_matches([' ', '\t']);
    if before.ends_with('§') {
        let at = before.len() - '§'.len_utf8();
        return Diagnostic::error(
            Code::MalformedCitation,
            Span::new(file, at, before.len()),
            "`§` must be followed by the section it cites",
        )
        .label("no section after `§`")
        .help("write the section, quoted or bare: `§ \"4.8\"` or `§ 4.8(2)`");
    }
    if let Some(d) = in_attribute(file, text, pos, ch) {
        return d;
    }
    if let Some((what, instead)) = lookalike(ch) {
        return Diagnostic::error(
            Code::UnexpectedCharacter,
            span,
            format!("{what} `{ch}` is not part of the .sla syntax"),
        )
        .label("unexpected character")
        .help(format!("write {instead} instead"));
    }
    if ch == '§' {
        return Diagnostic::error(Code::MalformedCitation, span, "`§` must be followed by the section it cites")
            .label("no section after `§`")
            .help("write the section, quoted or bare: `§ \"4.8\"` or `§ 4.8(2)`");
    }
    if ch == '%' {
        return Diagnostic::error(Code::UnexpectedCharacter, span, "a `%` must be written against its number")
            .label("detached `%`")
            .help("write the percentage without a space, such as `99.95%`");
    }
    if let Some(d) = chinese_unit(file, text, pos) {
        return d;
    }
    if !ch.is_ascii() && (ch.is_alphabetic() || is_cjk(ch)) {
        let word: String = rest.chars().take_while(|c| !c.is_whitespace() && *c != '"').collect();
        return Diagnostic::error(
            Code::UnexpectedCharacter,
            Span::new(file, pos, pos + word.len()),
            "text outside quotes",
        )
        .label("unquoted text")
        .help(format!("put names and descriptions in double quotes: \"{word}\""));
    }
    if ch == '.' {
        return Diagnostic::error(Code::UnexpectedCharacter, span, "a `.` does not end a statement")
            .label("full stop")
            .help("remove it: a statement ends at the line break, or at `;`");
    }
    if ch == '{' {
        return Diagnostic::error(Code::InvalidSyntax, span, "a block `{` must follow the statement it belongs to")
            .label("block without a statement")
            .help("start the block on the line of its statement, such as `tier L1 \"一级\" {`");
    }
    let token = token_at(text, pos);
    Diagnostic::error(
        Code::UnexpectedCharacter,
        Span::new(file, pos, pos + token.len()),
        format!("unexpected `{token}`"),
    )
    .label("not expected here")
    .help(expected_help(expected))
}

const ATTRIBUTE_HELP: &str =
    "write `#[allow(rule-name, reason = \"why\")]` on the line before a clause; levels are allow, warn and deny";

/// An error inside `#[...]`: say what is wrong with the attribute.
fn in_attribute(file: FileId, text: &str, pos: usize, ch: char) -> Option<Diagnostic> {
    let line_start = text.get(..pos)?.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = text.get(line_start..pos)?;
    let rest_of_line = text.get(pos..)?.lines().next().unwrap_or("");
    let token = token_at(text, pos);
    let span = Span::new(file, pos, pos + token.len());
    if ch == '#' && !rest_of_line.starts_with("#[") && !rest_of_line.starts_with("#![") {
        return Some(
            Diagnostic::error(Code::UnexpectedCharacter, span, "`#` does not start a comment in a .sla file")
                .label("not a comment")
                .help("write comments with `//`; `#` only starts an attribute such as `#[allow(rule-name)]`"),
        );
    }
    if ch == '#' && line.trim().is_empty() {
        if !rest_of_line.contains(']') {
            return Some(not_closed(file, pos + rest_of_line.trim_end().len(), rest_of_line));
        }
        if rest_of_line.starts_with("#![") {
            return Some(
                Diagnostic::error(
                    Code::MalformedAttribute,
                    Span::new(file, pos, pos + 3),
                    "`#![...]` is only allowed at the top of a file or block",
                )
                .label("after other statements")
                .help("move it above the first statement, or write `#[...]` to apply it to the next clause"),
            );
        }
        return Some(
            Diagnostic::error(Code::MalformedAttribute, span, "this attribute cannot be read")
                .label("malformed attribute")
                .help(ATTRIBUTE_HELP),
        );
    }
    if !line.trim_start().starts_with('#') {
        return None;
    }
    let before = line.trim_end();
    let diag = if matches!(ch, '\n' | '\r') {
        not_closed(file, pos, line)
    } else if !rest_of_line.contains(']') {
        let whole = format!("{line}{rest_of_line}");
        not_closed(file, pos + rest_of_line.trim_end().len(), &whole)
    } else if before.ends_with('=') {
        Diagnostic::error(Code::MalformedAttribute, span, "the reason must be quoted text")
            .label("not in quotes")
            .help(format!("write `reason = \"{}\"`", token.trim_end_matches([')', ']'])))
    } else {
        Diagnostic::error(Code::MalformedAttribute, span, format!("unexpected `{token}` in an attribute"))
            .label("not part of an attribute")
            .help(ATTRIBUTE_HELP)
    };
    Some(diag)
}

/// An attribute whose `]` (or `)]`) is missing; `line` is its text.
fn not_closed(file: FileId, at: usize, line: &str) -> Diagnostic {
    let missing = if line.contains('(') && !line.contains(')') { "`)]`" } else { "`]`" };
    Diagnostic::error(
        Code::MalformedAttribute,
        Span::new(file, at, at),
        format!("this attribute is not closed with {missing}"),
    )
    .label(format!("{missing} missing"))
    .help(ATTRIBUTE_HELP)
}

/// The word or number starting at `pos`, or its one character.
fn token_at(text: &str, pos: usize) -> &str {
    let rest = text.get(pos..).unwrap_or("");
    let word = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(rest.len());
    if word > 0 {
        return &rest[..word];
    }
    rest.chars().next().map_or("", |c| &rest[..c.len_utf8()])
}

/// A unit written in Chinese after a number: `15分钟`, `2 小时`.
fn chinese_unit(file: FileId, text: &str, pos: usize) -> Option<Diagnostic> {
    const UNITS: &[(&str, &str)] = &[
        ("分钟", "min"),
        ("小时", "h"),
        ("个月", "mo"),
        ("星期", "w"),
        ("秒", "s"),
        ("分", "min"),
        ("时", "h"),
        ("天", "d"),
        ("日", "d"),
        ("周", "w"),
        ("月", "mo"),
        ("年", "y"),
    ];
    let before = text.get(..pos)?.trim_end_matches([' ', '\t']);
    let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.').len();
    if digits == 0 {
        return None;
    }
    let number = &before[before.len() - digits..];
    let rest = text.get(pos..)?;
    let (unit, instead) = UNITS.iter().find(|(u, _)| rest.starts_with(u))?;
    Some(
        Diagnostic::error(
            Code::UnknownUnit,
            Span::new(file, pos, pos + unit.len()),
            format!("`{unit}` is not a unit slac reads"),
        )
        .label("unit in Chinese")
        .help(format!("write the unit in letters against the number: `{number}{instead}`")),
    )
}

/// Characters that look like syntax but are not: what they are, and what to
/// write.
fn lookalike(ch: char) -> Option<(&'static str, &'static str)> {
    Some(match ch {
        '，' => ("the full-width comma", "an ASCII comma `,`"),
        '；' => ("the full-width semicolon", "an ASCII `;` or a line break"),
        '：' => ("the full-width colon", "an ASCII colon, as in `09:00`"),
        '（' | '）' => ("a full-width parenthesis", "ASCII `(` and `)`"),
        '【' | '】' | '［' | '］' => ("a full-width bracket", "ASCII `[` and `]`"),
        '“' | '”' | '‘' | '’' | '「' | '」' => ("a typographic quote", "straight double quotes `\"...\"`"),
        '％' => ("the full-width percent sign", "`%`, as in `99.95%`"),
        '～' | '〜' => ("a wave dash", "`..` for date ranges or `-` for hours"),
        '–' | '—' => ("a dash", "`-` for hours (`09:00-18:00`) or `..` for dates"),
        '~' => ("a tilde", "`-` for hours (`09:00-18:00`) or `..` for dates"),
        '¥' | '￥' => ("the yuan sign", "the currency's code before the amount, as in `CNY 12000.00`"),
        '$' => ("the dollar sign", "the currency's code before the amount, as in `USD 12000.00`"),
        '€' => ("the euro sign", "the currency's code before the amount, as in `EUR 12000.00`"),
        '。' => ("the full-width full stop", "a line break, or `.` in a number"),
        '、' => ("the ideographic comma", "an ASCII comma `,`"),
        _ => return None,
    })
}

fn is_cjk(ch: char) -> bool {
    matches!(ch as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// What could have come at the failure point, in words.
fn expected_help(expected: &[Rule]) -> String {
    let mut words: Vec<&str> = expected.iter().filter_map(|r| human_name(*r)).collect();
    words.sort_unstable();
    words.dedup();
    if words.is_empty() {
        "each line is a statement such as `target 99.95%`, ended by a line break or `;`".into()
    } else if words.len() > 4 {
        "a statement is a keyword followed by values such as `15min`, `99.95%`, `mon-fri 09:00-18:00`, \
         `CNY 100.00` or \"text\", ended by a line break or `;`"
            .into()
    } else {
        format!("expected {}", join_or(&words))
    }
}

fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The name a user reads for each rule; `None` for rules that are never
/// worth mentioning on their own.
pub fn human_name(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::statement | Rule::atom | Rule::numeric => "a statement such as `target 99.95%`",
        Rule::block => "a block `{ ... }`",
        Rule::citation => "a citation such as `§ \"4.8\"`",
        Rule::bare_citation => "a section number such as `4.8`",
        Rule::outer_attr | Rule::inner_attr | Rule::attr_body => "an attribute such as `#[allow(rule-name)]`",
        Rule::attr_arg | Rule::attr_pair => "a rule name or `reason = \"...\"`",
        Rule::string | Rule::plain_string | Rule::triple_string | Rule::plain_text | Rule::triple_text => {
            "a quoted text such as \"一级故障\""
        }
        Rule::always => "`24x7`",
        Rule::interval | Rule::interval_open | Rule::interval_close => "an interval such as `[99.00%, 99.80%)`",
        Rule::money | Rule::currency_code => "an amount such as `CNY 12000.00`",
        Rule::date_range => "a date range such as `2025-11-01..2025-11-12`",
        Rule::date => "a date such as `2025-06-18`",
        Rule::year_month => "a month such as `2025-06`",
        Rule::time_range => "hours such as `09:00-18:00`",
        Rule::time => "a time such as `09:00`",
        Rule::percent => "a percentage such as `99.95%`",
        Rule::power => "a power such as `10^10`",
        Rule::quantity | Rule::unit => "a duration such as `15min` or `2h`",
        Rule::number | Rule::num => "a number",
        Rule::word => "a word such as `respond` or `mon-fri`",
        Rule::dashed_word => "a rule name such as `missing-exclusions`",
        Rule::ident => "a name such as `esign`",
        Rule::operator => "an operator such as `=>` or `<=`",
        Rule::sep => "a line break or `;`",
        Rule::EOI => "the end of the file",
        Rule::file | Rule::statements | Rule::WHITESPACE => return None,
        Rule::line_end | Rule::escape => return None,
        Rule::ident_start | Rule::ident_char => return None,
    })
}
