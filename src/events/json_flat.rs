//! A fast path for the common NDJSON line: one flat object whose values are
//! strings without escapes, whole numbers, `true`, `false` or `null`.
//!
//! Anything else (an escape, a fraction, a nested value, broken syntax)
//! makes it give up, and the line goes to serde_json, which reads all JSON
//! and words the errors. So this accepts a strict subset of JSON and must
//! read it exactly as serde_json would; a property test checks that.

use super::json_row::{JsonObject, KeyOrder, Scalar};
use super::row::short_eq;

/// Fills `object` from `line`, or `None` when the line is not of the
/// simple kind (the object may then be partly filled: start afresh).
pub(crate) fn read_flat(line: &str, names: &[&str], order: &mut KeyOrder, object: &mut JsonObject) -> Option<()> {
    let mut at = Cursor { text: line, i: 0 };
    at.space();
    at.eat(b'{')?;
    at.space();
    if at.eat(b'}').is_none() {
        let mut position = 0;
        loop {
            let slot = match order.expected(names, position) {
                Some((slot, name)) if at.eat_key(name) => Some(slot),
                _ => {
                    let (start, end) = at.string()?;
                    order.slot(names, position, line.get(start..end)?)
                }
            };
            at.space();
            at.eat(b':')?;
            at.space();
            let value = at.scalar()?;
            if let Some(slot) = slot {
                object.set(slot, value);
            }
            position += 1;
            at.space();
            match at.next()? {
                b',' => at.space(),
                b'}' => break,
                _ => return None,
            }
        }
    }
    at.space();
    at.at_end().then_some(())
}

struct Cursor<'de> {
    text: &'de str,
    i: usize,
}

impl<'de> Cursor<'de> {
    fn bytes(&self) -> &'de [u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    fn eat(&mut self, want: u8) -> Option<()> {
        (self.peek()? == want).then(|| self.i += 1)
    }

    fn at_end(&self) -> bool {
        self.i == self.text.len()
    }

    /// JSON's whitespace (which is not all of ASCII's).
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    /// The key `"name"`, exactly, if it is next.
    fn eat_key(&mut self, name: &str) -> bool {
        let rest = &self.bytes()[self.i..];
        let matches = rest.len() > name.len() + 1
            && rest[0] == b'"'
            && rest[name.len() + 1] == b'"'
            && short_eq(&rest[1..=name.len()], name.as_bytes());
        if matches {
            self.i += name.len() + 2;
        }
        matches
    }

    /// A string with no escapes and no control characters, as the range
    /// of its contents.
    #[inline]
    fn string(&mut self) -> Option<(usize, usize)> {
        self.eat(b'"')?;
        let start = self.i;
        let len = string_end(&self.bytes()[start..])?;
        self.i = start + len;
        self.eat(b'"')?;
        Some((start, start + len))
    }

    /// A value; `Some(None)` for null.
    fn scalar(&mut self) -> Option<Option<Scalar>> {
        match self.peek()? {
            b'"' => {
                let (start, end) = self.string()?;
                Some(Some(Scalar::InLine(start, end)))
            }
            b't' => self.word("true", Some(Scalar::Bool(true))),
            b'f' => self.word("false", Some(Scalar::Bool(false))),
            b'n' => self.word("null", None),
            b'0'..=b'9' => Some(Some(Scalar::UInt(self.whole()?))),
            _ => None,
        }
    }

    fn word(&mut self, word: &str, value: Option<Scalar>) -> Option<Option<Scalar>> {
        let end = self.i + word.len();
        (self.text.get(self.i..end)? == word).then(|| {
            self.i = end;
            value
        })
    }

    /// A whole number that fits a u64, as JSON writes it (no leading
    /// zeros); fractions and exponents are left to serde_json.
    fn whole(&mut self) -> Option<u64> {
        let start = self.i;
        let mut n = 0u64;
        while let Some(d @ b'0'..=b'9') = self.peek() {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.i += 1;
        }
        let leading_zero = self.bytes()[start] == b'0' && self.i - start > 1;
        let more = matches!(self.peek(), Some(b'.' | b'e' | b'E'));
        (!leading_zero && !more).then_some(n)
    }
}

/// The index of the first `"`, `\\` or control character, eight bytes at
/// a time. For each kind of byte, "x has a zero byte" (x less one in every
/// byte, masked by the bytes' high bits not set in x) finds the first such
/// byte exactly; false hits only ever fall after a true one, so the lowest
/// hit of the three together is the first byte that stops a string.
#[inline]
fn string_end(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let quote = zero_bytes(w ^ (ONES * u64::from(b'"')));
        let backslash = zero_bytes(w ^ (ONES * u64::from(b'\\')));
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGHS;
        let hits = quote | backslash | control;
        if hits != 0 {
            return Some(offset + (hits.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let rest = words.remainder();
    let stop = |&b: &u8| b == b'"' || b == b'\\' || b < 0x20;
    rest.iter().position(stop).map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::json_row::ObjectSeed;
    use proptest::prelude::*;
    use serde::de::DeserializeSeed;

    const NAMES: &[&str] = &["ts", "ok", "total", "up"];

    fn flat(line: &str) -> Option<Vec<Option<String>>> {
        let mut object = JsonObject::default();
        read_flat(line, NAMES, &mut KeyOrder::default(), &mut object)?;
        Some(object.resolved(line))
    }

    fn serde(line: &str) -> Option<Vec<Option<String>>> {
        let mut object = JsonObject::default();
        let mut json = serde_json::Deserializer::from_str(line);
        let seed = ObjectSeed { names: NAMES, order: &mut KeyOrder::default(), object: &mut object };
        seed.deserialize(&mut json).and_then(|()| json.end()).ok()?;
        Some(object.resolved(""))
    }

    #[test]
    fn simple_lines_are_read() {
        let line = r#" {"ts": "2025-01-15 12:00:00", "ok":9 ,"total":10,"x":[1],"up":null} "#;
        assert_eq!(flat(line), None, "an array is left to serde");
        let line = r#"{"ts":"2025-01-15 12:00:00","ok":9,"total":10,"x":"y","up":null}"#;
        assert!(flat(line).is_some());
        assert_eq!(flat(line), serde(line));
        assert!(flat("{}").is_some());
    }

    #[test]
    fn anything_unusual_is_left_to_serde() {
        for line in [
            r#"{"ts":"a\"b"}"#,
            r#"{"ok":1.5}"#,
            r#"{"ok":1e3}"#,
            r#"{"ok":-1}"#,
            r#"{"ok":01}"#,
            r#"{"ok":99999999999999999999}"#,
            r#"{"ok":1,}"#,
            r#"{"ok":1} x"#,
            r#"{"ok":tru}"#,
            "{\"ts\":\"a\tb\"}",
            "\u{c}{}",
        ] {
            assert_eq!(flat(line), None, "{line}");
        }
    }

    fn a_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "{",
            "}",
            ",",
            ":",
            " ",
            "\"ts\"",
            "\"ok\"",
            "\"TOTAL\"",
            "\"x\"",
            "\"up\"",
            "\"2025\"",
            "\"\"",
            "0",
            "7",
            "01",
            "12",
            "-3",
            "1.5",
            "true",
            "false",
            "null",
            "[",
            "]",
            "\\",
            "\"",
            "\t",
            "\u{c}",
            "é",
        ])
    }

    proptest! {
        #[test]
        fn string_ends_are_found_exactly(
            bytes in prop::collection::vec(
                prop_oneof![any::<u8>(), prop::sample::select(b"\"\\\x1f a\x80".to_vec())],
                0..40,
            ),
        ) {
            let slow = bytes.iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            prop_assert_eq!(string_end(&bytes), slow);
        }

        #[test]
        fn the_fast_path_reads_what_serde_reads(pieces in prop::collection::vec(a_piece(), 0..24)) {
            let line: String = pieces.concat();
            if let Some(fast) = flat(&line) {
                prop_assert_eq!(Some(fast), serde(&line), "{}", line);
            }
        }

        #[test]
        fn well_formed_objects_agree(
            entries in prop::collection::vec((a_piece(), a_piece()), 0..6),
        ) {
            let body: Vec<String> = entries.iter().map(|(k, v)| format!("{k}:{v}")).collect();
            let line = format!("{{{}}}", body.join(","));
            if let Some(fast) = flat(&line) {
                prop_assert_eq!(Some(fast), serde(&line), "{}", line);
            }
        }
    }
}
