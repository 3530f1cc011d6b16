//! Strings seen in one field, handed out shared instead of copied for every
//! row: fields such as `event.provider` repeat a few values. The table is
//! keyed by the value's bytes as they stand in the line, so a value seen
//! before is found before its UTF-8 is checked again (it was checked when it
//! was first kept). A field whose values are mostly new (ids, timestamps)
//! stops being looked up.

use std::sync::Arc;

/// One field's table of recent string values.
#[derive(Default)]
pub struct Interner {
    seen: foldhash::HashMap<Box<[u8]>, Arc<str>>,
    hits: u64,
    misses: u64,
    off: bool,
}

/// Most strings kept per field, and the longest one kept.
const INTERNED: usize = 4096;
const INTERNED_BYTES: usize = 128;

/// Misses after which a field whose values are mostly new stops being
/// looked up.
const GIVE_UP_AFTER: u64 = 1024;

impl Interner {
    /// A table that is never looked up (fields that are not strings).
    pub fn disabled() -> Interner {
        Interner {
            off: true,
            ..Interner::default()
        }
    }

    /// The shared copy of a value written without escapes as `bytes`, when
    /// the table holds it.
    #[inline]
    pub fn lookup(&mut self, bytes: &[u8]) -> Option<Arc<str>> {
        if self.off || bytes.len() > INTERNED_BYTES {
            return None;
        }
        let shared = self.seen.get(bytes)?;
        self.hits += 1;
        Some(shared.clone())
    }

    /// `s` shared: the table's copy when it holds one, else a new one that
    /// the table keeps while it has room and the field's values repeat.
    pub fn get(&mut self, s: &str) -> Arc<str> {
        if self.off || s.len() > INTERNED_BYTES {
            return Arc::from(s);
        }
        if let Some(shared) = self.seen.get(s.as_bytes()) {
            self.hits += 1;
            return shared.clone();
        }
        self.misses += 1;
        let fresh: Arc<str> = Arc::from(s);
        if self.misses > GIVE_UP_AFTER && self.misses > self.hits {
            self.off = true;
            self.seen = foldhash::HashMap::default();
        } else if self.seen.len() < INTERNED {
            self.seen.insert(Box::from(s.as_bytes()), fresh.clone());
        }
        fresh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_strings_are_shared_until_values_are_mostly_new() {
        let mut names = Interner::default();
        let a = names.get("s3.amazonaws.com");
        let b = names.get("s3.amazonaws.com");
        assert!(Arc::ptr_eq(&a, &b));
        let found = names.lookup(b"s3.amazonaws.com");
        assert!(found.is_some_and(|f| Arc::ptr_eq(&f, &a)));
        assert_eq!(names.lookup(b"ec2.amazonaws.com"), None);
        assert_eq!(&*names.get(&"x".repeat(200)), "x".repeat(200).as_str());
        for i in 0..2000 {
            assert_eq!(&*names.get(&format!("id-{i}")), format!("id-{i}").as_str());
        }
        assert!(names.off);
        assert_eq!(names.lookup(b"s3.amazonaws.com"), None);
        let c = names.get("s3.amazonaws.com");
        assert_eq!(c, a);
        assert!(!Arc::ptr_eq(&a, &c));
    }

    #[test]
    fn a_disabled_table_finds_nothing() {
        let mut names = Interner::disabled();
        let a = names.get("x");
        assert_eq!(names.lookup(b"x"), None);
        assert!(!Arc::ptr_eq(&a, &names.get("x")));
    }
}
