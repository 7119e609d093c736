//! Positions: slac's spans are byte offsets, LSP's are a line and a
//! character counted in UTF-16 code units (or UTF-8 bytes when the client
//! agrees to it). Chinese text before a position makes the three differ, so
//! every conversion goes through one [`LineIndex`].

use lsp_types::{Position, Range};

/// How the client counts characters on a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

/// The start of every line of a text, for converting both ways.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// The LSP position of a byte offset (clamped to the text and moved
    /// back to a character boundary).
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let before = &self.text[self.starts[line]..offset];
        let character = match enc {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.chars().map(char::len_utf16).sum(),
        };
        Position { line: to_u32(line), character: to_u32(character) }
    }

    pub fn range(&self, start: usize, end: usize, enc: Encoding) -> Range {
        Range { start: self.position(start, enc), end: self.position(end.max(start), enc) }
    }

    /// The byte offset of an LSP position. A line past the end is the end
    /// of the text; a character past the end of its line is the line's end;
    /// a position inside a character (half a surrogate pair) is its start.
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else { return self.text.len() };
        let end = self.starts.get(pos.line as usize + 1).map_or(self.text.len(), |next| next - 1);
        let line = &self.text[start..end];
        let want = pos.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= want {
                return start + i;
            }
            units += match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > want {
                return start + i;
            }
        }
        end
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_text_before_a_position_counts_in_utf16_units_or_bytes() {
        // "中文" is 2 UTF-16 units but 6 bytes; "𝄞" is 2 units and 4 bytes.
        let text = "ab\n中文x\n𝄞y";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.position(x, Encoding::Utf16), Position { line: 1, character: 2 });
        assert_eq!(idx.position(x, Encoding::Utf8), Position { line: 1, character: 6 });
        let y = text.find('y').unwrap();
        assert_eq!(idx.position(y, Encoding::Utf16), Position { line: 2, character: 2 });
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            for offset in [0, 1, 3, x, y, text.len()] {
                assert_eq!(idx.offset(idx.position(offset, enc), enc), offset, "{offset} {enc:?}");
            }
        }
    }

    #[test]
    fn positions_out_of_range_are_clamped() {
        let text = "ab\n中文";
        let idx = LineIndex::new(text);
        assert_eq!(idx.offset(Position { line: 9, character: 0 }, Encoding::Utf16), text.len());
        assert_eq!(idx.offset(Position { line: 0, character: 99 }, Encoding::Utf16), 2);
        // Inside a character's bytes: its start.
        assert_eq!(idx.offset(Position { line: 1, character: 1 }, Encoding::Utf8), 3);
        assert_eq!(idx.position(4, Encoding::Utf16), Position { line: 1, character: 0 });
    }
}
