//! Sharing the few distinct service and instance names of a probe file, so
//! that tens of millions of rows hold a handful of strings between them and
//! the common row allocates nothing.

use super::row::short_eq;
use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::Arc;

/// Hands out one `Arc<str>` per distinct name.
#[derive(Debug, Default)]
pub struct Interner {
    names: HashSet<Arc<str>, BuildHasherDefault<WordHasher>>,
    /// A few names handed out lately: a column usually cycles through a
    /// handful of values (the instances probed each minute), and comparing
    /// a few short strings is cheaper than hashing.
    recent: Vec<Arc<str>>,
    /// The entry of `recent` to replace next.
    next: usize,
}

const RECENT: usize = 8;

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    pub fn intern(&mut self, name: &str) -> Arc<str> {
        let wanted = name.as_bytes();
        if let Some(hit) = self.recent.iter().find(|r| short_eq(r.as_bytes(), wanted)) {
            return hit.clone();
        }
        let shared = match self.names.get(name) {
            Some(shared) => shared.clone(),
            None => {
                let shared: Arc<str> = Arc::from(name);
                self.names.insert(shared.clone());
                shared
            }
        };
        if self.recent.len() < RECENT {
            self.recent.push(shared.clone());
        } else {
            self.recent[self.next] = shared.clone();
            self.next = (self.next + 1) % RECENT;
        }
        shared
    }

    /// How many distinct names were seen.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// A fast hash for short keys (the multiply-rotate scheme of rustc's
/// FxHasher): the keys are a file's own names, not attacker-chosen, so the
/// DoS resistance of the default SipHash is not needed here.
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

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_names_share_one_string() {
        let mut names = Interner::new();
        let a = names.intern("api");
        let b = names.intern("db");
        let c = names.intern("api");
        assert!(Arc::ptr_eq(&a, &c));
        assert_eq!(&*b, "db");
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn many_names_past_the_recent_ones_stay_shared() {
        let mut names = Interner::new();
        let first: Vec<Arc<str>> = (0..50).map(|i| names.intern(&format!("i-{i}"))).collect();
        let again: Vec<Arc<str>> = (0..50).map(|i| names.intern(&format!("i-{i}"))).collect();
        assert!(first.iter().zip(&again).all(|(a, b)| Arc::ptr_eq(a, b)));
        assert_eq!(names.len(), 50);
    }

    #[test]
    fn names_that_differ_only_past_eight_bytes_stay_apart() {
        let mut names = Interner::new();
        let a = names.intern("instance-0001");
        let b = names.intern("instance-0002");
        assert_ne!(a, b);
        assert_eq!(names.len(), 2);
    }
}
