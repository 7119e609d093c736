//! The one fast hasher of the crate, for maps whose keys are slac's own
//! (interned names, their addresses): rustc's FxHasher scheme, one
//! multiply and rotate per word. Written here rather than taken from
//! `rustc-hash`: thirty lines do not earn a dependency.

use std::hash::{BuildHasherDefault, Hasher};

/// A fast hash for short keys: they are a file's own names or addresses,
/// not attacker-chosen, so SipHash's DoS resistance would buy nothing and
/// cost a tenth of a probe row's time.
#[derive(Debug, Default, Clone, Copy)]
pub struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What `HashMap`s and `HashSet`s take to use [`WordHasher`].
pub type BuildWordHasher = BuildHasherDefault<WordHasher>;

/// [`WordHasher`] for keys of text that differ late, such as `i-001` to
/// `i-232`: a product's low bits depend only on the low bits of what was
/// multiplied, so words that differ in their high bytes alone would share
/// their low bits, which pick the bucket, and pile into a few buckets. The
/// well-mixed high bits are turned down to the low end when finished.
#[derive(Debug, Default, Clone, Copy)]
pub struct TextHasher(WordHasher);

impl Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    fn write_u8(&mut self, n: u8) {
        self.0.write_u8(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.0.write_usize(n);
    }

    fn finish(&self) -> u64 {
        self.0.finish().rotate_left(26)
    }
}

/// What `HashMap`s take to use [`TextHasher`].
pub type BuildTextHasher = BuildHasherDefault<TextHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(f: impl FnOnce(&mut WordHasher)) -> u64 {
        let mut h = WordHasher::default();
        f(&mut h);
        h.finish()
    }

    /// A word hashes the same whether it comes as a number or as its bytes,
    /// so a key's hash does not depend on how `Hash` feeds it.
    #[test]
    fn a_word_hashes_alike_as_number_and_as_bytes() {
        let n = 0x0123_4567_89ab_cdef_u64;
        assert_eq!(hash(|h| h.write_u64(n)), hash(|h| h.write(&n.to_le_bytes())));
        assert_eq!(hash(|h| h.write_usize(7)), hash(|h| h.write_u64(7)));
        // A short tail is padded with zeros to one word.
        assert_eq!(hash(|h| h.write(b"ab")), hash(|h| h.write_u64(u64::from_le_bytes(*b"ab\0\0\0\0\0\0"))));
        assert_ne!(hash(|h| h.write(b"ab")), hash(|h| h.write(b"ba")));
    }

    /// Names that differ only in their last bytes land in many buckets:
    /// of 232 names `i-000` to `i-231`, the low 8 bits of the text hash
    /// (a table of 256 buckets) take more than 100 values; the plain word
    /// hash gives them one.
    #[test]
    fn text_that_differs_late_spreads_over_buckets() {
        let low_bits = |finish: &dyn Fn(&[u8]) -> u64| {
            let mut seen: Vec<u64> = (0..232).map(|i| finish(format!("i-{i:03}").as_bytes()) & 0xFF).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        };
        let text = |key: &[u8]| {
            let mut h = TextHasher::default();
            h.write(key);
            h.finish()
        };
        assert!(low_bits(&text) > 100);
        assert_eq!(low_bits(&|key: &[u8]| hash(|h| h.write(key))), 1);
    }
}
