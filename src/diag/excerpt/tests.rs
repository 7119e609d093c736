use crate::diag::render::{self, HumanStyle};
use crate::diag::{Code, Diagnostic, github, sarif};
use crate::source::{SourceMap, Span};

/// Render one diagnostic over `text` in every format, and return the human
/// rendering (plain and coloured, narrow and wide must all succeed).
fn render_all(text: &str, start: usize, end: usize, related: Option<(usize, usize)>) -> String {
    let mut sources = SourceMap::new();
    let file = sources.add("long.sla", None, text);
    let mut d = Diagnostic::error(Code::UnexpectedValue, Span::new(file, start, end), "left over").label("here");
    if let Some((s, e)) = related {
        d = d.related(Span::new(file, s, e), "and here");
    }
    for (color, width) in [(true, 1), (false, 80), (true, 100_000)] {
        render::human(&d, &sources, HumanStyle { color, width });
    }
    serde_json::to_string(&render::json(&d, &sources)).unwrap();
    github::annotation(&d, &sources);
    sarif::log(&[(&d, &sources)], &[], "0");
    render::human(&d, &sources, HumanStyle::plain())
}

/// The header's `file:line:column`.
fn header(out: &str) -> &str {
    let at = out.find("[long.sla:").expect("a header");
    &out[at + 1..at + out[at..].find(']').unwrap()]
}

#[test]
fn a_label_far_along_a_long_line_is_clipped_with_its_true_column() {
    // 70,000 spaces after `timezone`: the label starts at character
    // 2 + 8 + 70,000 + 1 = 70,011 of line 2.
    let text = format!("contract \"a\" {{\n  timezone{} bogus\n}}\n", " ".repeat(70_000));
    let start = text.find("bogus").unwrap();
    let out = render_all(&text, start, start + 5, None);
    assert_eq!(header(&out), "long.sla:2:70012");
    assert!(out.contains(" 2 │   timezone   ") && out.contains("… ") && out.contains(" bogus\n"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
    assert!(out.contains(" 2 │") && out.contains(" 3 │ }"), "{out}");
}

#[test]
fn a_long_label_shows_its_head_and_its_tail() {
    let text = format!("x \"{}\"\n", "y".repeat(200_000));
    let out = render_all(&text, 2, text.len() - 1, None);
    assert_eq!(header(&out), "long.sla:1:3");
    assert_eq!(out.matches('…').count(), 1, "{out}");
    assert!(out.lines().all(|l| l.chars().count() < 300), "{out}");
}

#[test]
fn labels_on_lines_far_apart_keep_their_true_line_numbers() {
    // Line n (1-based) starts at byte 2 × (n − 1): every line is `x\n`.
    let text = "x\n".repeat(300_000);
    let at = |line: usize| 2 * (line - 1);
    let out = render_all(&text, at(250_000), at(250_000) + 1, Some((at(3), at(3) + 1)));
    assert!(out.contains("[long.sla:3:1]") && out.contains("[long.sla:250000:1]"), "{out}");
    assert!(out.contains("249999 │ x") && out.contains("250001 │ x"), "{out}");
    assert!(!out.contains(" 5 │"), "{out}");
}

#[test]
fn empty_spans_at_the_end_of_the_file_render() {
    for text in ["contract \"a\" {\n", "contract \"a\" {", "", "\n", "x\r\n", "x\ry\r"] {
        let len = text.len();
        let out = render_all(text, len, len, None);
        assert!(out.contains("left over"), "{out}");
        let long = format!("{}{text}", "z".repeat(1000));
        render_all(&long, long.len(), long.len(), None);
    }
}

#[test]
fn multibyte_characters_at_the_clip_boundary_stay_whole() {
    // 1,000 three-byte characters; a label starting at each of several
    // characters, and at offsets inside one, clips on character boundaries.
    let text = format!("{}\n", "中".repeat(1000));
    for start in [0, 1, 2, 3, 119, 120, 121, 1500, 2998, 2999, 3000] {
        for len in [0, 1, 3, 300, 2000] {
            let end = (start + len).min(text.len());
            let out = render_all(&text, start, end, None);
            let column: usize = header(&out).rsplit(':').next().unwrap().parse().unwrap();
            // The column counts characters: a byte inside one is on it.
            assert_eq!(column, start.min(3000) / 3 + 1, "{start}+{len}: {out}");
        }
    }
}

#[test]
fn spans_past_the_end_or_inverted_do_not_panic() {
    let text = "contract \"a\" {\n}\n";
    for (s, e) in [(100, 200), (5, 2), (u32::MAX as usize, 0), (3, 3)] {
        render_all(text, s, e, Some((e, s)));
    }
}

#[test]
fn lone_carriage_returns_do_not_shift_lines() {
    let text = "a\rb\rc\nbogus\n";
    let start = text.find("bogus").unwrap();
    let out = render_all(text, start, start + 5, None);
    assert!(out.contains("[long.sla:2:1]") && out.contains(" 2 │ bogus"), "{out}");
}

#[test]
fn short_sources_are_shown_whole() {
    let text = "contract \"a\" {\n  timezone \"UTC\" bogus\n}\n";
    let start = text.find("bogus").unwrap();
    let out = render_all(text, start, start + 5, None);
    assert!(out.contains("  timezone \"UTC\" bogus") && !out.contains('…'), "{out}");
}
