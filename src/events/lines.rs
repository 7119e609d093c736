//! Lines of a byte stream, handed out in place from one buffer (no copy per
//! line, unlike `BufRead::read_until`).

use std::io::{self, Read};

/// Splits a stream at `\n`. A line is given without its `\n`; a `\r`
/// before it stays (JSON counts it as whitespace).
pub(crate) struct Lines<R> {
    input: R,
    buf: Vec<u8>,
    /// The unread bytes are `buf[start..end]`.
    start: usize,
    end: usize,
    eof: bool,
}

const CHUNK: usize = 1 << 16;

impl<R: Read> Lines<R> {
    pub(crate) fn new(input: R) -> Lines<R> {
        Lines { input, buf: vec![0; CHUNK], start: 0, end: 0, eof: false }
    }

    /// The next line, or `None` at the end of the stream.
    pub(crate) fn next_line(&mut self) -> io::Result<Option<&[u8]>> {
        loop {
            if let Some(len) = find_newline(&self.buf[self.start..self.end]) {
                let line = self.start..self.start + len;
                self.start += len + 1;
                return Ok(Some(&self.buf[line]));
            }
            if self.eof {
                let line = self.start..self.end;
                self.start = self.end;
                return Ok((!line.is_empty()).then(|| &self.buf[line]));
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
        let mut lines = Lines::new(Trickle { data, step });
        let mut out = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            out.push(line.to_vec());
        }
        out
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
