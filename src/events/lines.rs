//! Lines of a byte stream, handed out in place from one buffer (no copy per
//! line, unlike `BufRead::read_until`).

use super::limits::MAX_SKIP_BYTES;
use std::io::{self, Read};

/// Splits a stream at `\n`. A line is given without its `\n`; a `\r`
/// before it stays (JSON counts it as whitespace). A line longer than
/// `max` bytes is never held: it is reported as [`Line::TooLong`] and
/// skipped through its end on the next call.
pub(crate) struct Lines<R> {
    input: R,
    buf: Vec<u8>,
    /// The unread bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
    max: usize,
    /// The rest of an over-long line is still to be skipped.
    skipping: bool,
}

/// One line of the stream.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line<'a> {
    Text(&'a [u8]),
    /// Longer than the limit; its bytes are skipped.
    TooLong,
    /// The rest of an over-long line went on past [`MAX_SKIP_BYTES`]
    /// without a line end: the input is not lines of text.
    Endless,
}

const CHUNK: usize = 1 << 16;

impl<R: Read> Lines<R> {
    pub(crate) fn new(input: R, max: usize) -> Lines<R> {
        Lines { input, buf: vec![0; CHUNK], start: 0, end: 0, eof: false, max, skipping: false }
    }

    /// The next line, or `None` at the end of the stream.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        if self.skipping {
            self.skipping = false;
            if !self.skip_rest()? {
                return Ok(Some(Line::Endless));
            }
        }
        loop {
            if let Some(len) = find_newline(&self.buf[self.start..self.end]) {
                let line = self.start..self.start + len;
                self.start += len + 1;
                if len > self.max {
                    return Ok(Some(Line::TooLong));
                }
                return Ok(Some(Line::Text(&self.buf[line])));
            }
            if self.end - self.start > self.max {
                self.start = self.end;
                self.skipping = true;
                return Ok(Some(Line::TooLong));
            }
            if self.eof {
                let line = self.start..self.end;
                self.start = self.end;
                return Ok((!line.is_empty()).then(|| Line::Text(&self.buf[line])));
            }
            self.refill()?;
        }
    }

    /// Skips through the next `\n` (or to the end): `false` when none
    /// comes within [`MAX_SKIP_BYTES`].
    fn skip_rest(&mut self) -> io::Result<bool> {
        let mut skipped = 0u64;
        loop {
            if let Some(len) = find_newline(&self.buf[self.start..self.end]) {
                self.start += len + 1;
                return Ok(true);
            }
            skipped += (self.end - self.start) as u64;
            self.start = self.end;
            if self.eof {
                return Ok(true);
            }
            if skipped > MAX_SKIP_BYTES {
                return Ok(false);
            }
            self.refill()?;
        }
    }

    /// Moves the partial line to the front and reads more after it,
    /// growing the buffer when one line fills it.
    fn refill(&mut self) -> io::Result<()> {
        self.buf.copy_within(self.start..self.end, 0);
        self.end -= self.start;
        self.start = 0;
        if self.end == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let read = loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
        if read == 0 {
            self.eof = true;
        }
        self.end += read;
        Ok(())
    }
}

/// The index of the first `\n`, eight bytes at a time: a byte of a word
/// XOR a row of `\n`s is zero just where the `\n` is, and the classic
/// "has a zero byte" test finds the first such byte.
fn find_newline(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    const NEWLINES: u64 = ONES * b'\n' as u64;
    let mut words = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ NEWLINES;
        let zero_bytes = x.wrapping_sub(ONES) & !x & HIGHS;
        if zero_bytes != 0 {
            return Some(offset + (zero_bytes.trailing_zeros() / 8) as usize);
        }
        offset += 8;
    }
    let rest = words.remainder();
    rest.iter().position(|&b| b == b'\n').map(|i| offset + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A reader that hands out at most `step` bytes a call.
    struct Trickle<'a> {
        data: &'a [u8],
        step: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn split(data: &[u8], step: usize) -> Vec<Vec<u8>> {
        split_at_most(data, step, usize::MAX)
    }

    /// The lines, with `TOO LONG` for each over `max`.
    fn split_at_most(data: &[u8], step: usize, max: usize) -> Vec<Vec<u8>> {
        let mut lines = Lines::new(Trickle { data, step }, max);
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(match line {
                Line::Text(text) => text.to_vec(),
                Line::TooLong => b"TOO LONG".to_vec(),
                Line::Endless => b"ENDLESS".to_vec(),
            });
        }
        out
    }

    #[test]
    fn lines_over_the_limit_are_skipped_not_held() {
        let data = b"abc\nabcdefgh\nab\nabcdefghijklmnopqrstuvwxyz\n\nxyz";
        for step in [1, 3, 7, 100] {
            let got = split_at_most(data, step, 4);
            let want: Vec<&[u8]> = vec![b"abc", b"TOO LONG", b"ab", b"TOO LONG", b"", b"xyz"];
            assert_eq!(got, want, "step {step}");
        }
        // At the end of the stream, with no line end.
        assert_eq!(split_at_most(b"ab\nabcdefgh", 2, 4), [&b"ab"[..], b"TOO LONG"]);
        // Exactly the limit is fine.
        assert_eq!(split_at_most(b"abcd\nabcd", 2, 4), [b"abcd", b"abcd"]);
    }

    #[test]
    fn a_line_that_never_ends_is_given_up() {
        let mut lines = Lines::new(io::repeat(b'x'), 10);
        assert_eq!(lines.next_line().unwrap(), Some(Line::TooLong));
        assert_eq!(lines.next_line().unwrap(), Some(Line::Endless));
    }

    #[test]
    fn lines_without_their_newline() {
        assert_eq!(split(b"a\r\n\nbc", 1), [&b"a\r"[..], b"", b"bc"]);
        assert_eq!(split(b"a\n", 3), [b"a"]);
        assert!(split(b"", 3).is_empty());
    }

    #[test]
    fn a_line_longer_than_the_buffer() {
        let long = vec![b'x'; CHUNK * 3 + 5];
        let mut data = long.clone();
        data.extend_from_slice(b"\ny");
        assert_eq!(split(&data, CHUNK), [long, b"y".to_vec()]);
    }

    proptest! {
        #[test]
        fn splits_like_the_standard_library(
            data in prop::collection::vec(prop::sample::select(b"ab\n\r".to_vec()), 0..200),
            step in 1usize..20,
        ) {
            let expected: Vec<Vec<u8>> = data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let mut expected = expected;
            if data.last() == Some(&b'\n') || data.is_empty() {
                expected.pop();
            }
            prop_assert_eq!(split(&data, step), expected);
        }

        #[test]
        fn finds_the_first_newline(data in prop::collection::vec(any::<u8>(), 0..40)) {
            prop_assert_eq!(find_newline(&data), data.iter().position(|&b| b == b'\n'));
        }
    }
}
