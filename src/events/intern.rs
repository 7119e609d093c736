//! Sharing the few distinct service and instance names of a probe file, so
//! that tens of millions of rows hold a handful of strings between them and
//! the common row allocates nothing.

use super::row::short_eq;
use crate::hash::BuildWordHasher;
use std::collections::HashSet;
use std::sync::Arc;

/// Hands out one `Arc<str>` per distinct name.
#[derive(Debug, Default)]
pub struct Interner {
    names: HashSet<Arc<str>, BuildWordHasher>,
    /// A few names handed out lately: a column usually cycles through a
    /// handful of values (the instances probed each minute), and comparing
    /// a few short strings is cheaper than hashing.
    recent: Vec<Recent>,
    /// The entry of `recent` to replace next.
    next: usize,
    /// Past this many distinct names, new ones are handed out but not
    /// remembered: a column of unique values (a free-text cause) would
    /// otherwise keep a set as large as the file.
    limit: Option<usize>,
}

const RECENT: usize = 8;

/// A recent name with its first eight bytes as one word, so that most
/// candidates are ruled out, and short names matched, by one comparison.
#[derive(Debug)]
struct Recent {
    head: u64,
    name: Arc<str>,
}

fn head(bytes: &[u8]) -> u64 {
    let take = bytes.iter().take(8).enumerate();
    take.fold(0, |word, (i, &b)| word | u64::from(b) << (8 * i))
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    /// An interner that remembers at most `limit` distinct names.
    pub fn bounded(limit: usize) -> Interner {
        Interner { limit: Some(limit), ..Interner::default() }
    }

    pub fn intern(&mut self, name: &str) -> Arc<str> {
        let wanted = name.as_bytes();
        let wanted_head = head(wanted);
        let hit = self.recent.iter().find(|r| {
            r.head == wanted_head
                && r.name.len() == wanted.len()
                && (wanted.len() <= 8 || short_eq(r.name.as_bytes(), wanted))
        });
        if let Some(hit) = hit {
            return hit.name.clone();
        }
        let shared = match self.names.get(name) {
            Some(shared) => shared.clone(),
            None => {
                let shared: Arc<str> = Arc::from(name);
                if self.limit.is_none_or(|limit| self.names.len() < limit) {
                    self.names.insert(shared.clone());
                }
                shared
            }
        };
        let recent = Recent { head: wanted_head, name: shared.clone() };
        if self.recent.len() < RECENT {
            self.recent.push(recent);
        } else {
            self.recent[self.next] = recent;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Past the limit, names are still given back whole, only no longer
    /// remembered (beyond the few recent ones); those remembered before
    /// stay shared.
    #[test]
    fn past_the_limit_names_are_whole_and_not_remembered() {
        let mut names = Interner::bounded(100);
        let first = names.intern("api");
        for i in 0..150 {
            assert_eq!(&*names.intern(&format!("id-{i}")), format!("id-{i}"));
        }
        assert_eq!(names.len(), 100);
        assert!(Arc::ptr_eq(&first, &names.intern("api")));
        let late = names.intern("late");
        for i in 0..20 {
            names.intern(&format!("again-{i}"));
        }
        assert!(!Arc::ptr_eq(&late, &names.intern("late")));
    }

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
    fn names_that_share_their_first_bytes_stay_apart() {
        let mut names = Interner::new();
        let all = ["", "a", "a\0", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefgh\0"];
        let first: Vec<Arc<str>> = all.iter().map(|n| names.intern(n)).collect();
        for (name, shared) in all.iter().zip(&first) {
            assert_eq!(**shared, **name);
            assert!(Arc::ptr_eq(shared, &names.intern(name)));
        }
        assert_eq!(names.len(), all.len());
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
