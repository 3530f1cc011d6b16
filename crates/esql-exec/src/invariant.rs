//! Broken invariants found while a query runs.
//!
//! Positions in a plan are computed by the analyzer, so a row shorter than
//! a position, or an operator without its state, is a bug in esql. The
//! code that meets one records it here instead of panicking or carrying on
//! with a default: the query stops and fails with an internal error, never
//! with a silently wrong answer. The record is shared by every worker of a
//! query and keeps the first broken invariant.

use std::sync::{Arc, OnceLock};

/// The first broken invariant of one query, shared by its workers.
#[derive(Clone, Debug, Default)]
pub struct Invariants(Arc<OnceLock<String>>);

impl Invariants {
    /// Records a broken invariant (only the first is kept).
    pub fn broken(&self, what: impl FnOnce() -> String) {
        if self.0.get().is_none() {
            let _ = self.0.set(what());
        }
    }

    /// True once an invariant was broken.
    pub fn is_broken(&self) -> bool {
        self.0.get().is_some()
    }

    /// The first broken invariant, if any.
    pub fn first(&self) -> Option<&str> {
        self.0.get().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_across_clones() {
        let a = Invariants::default();
        let b = a.clone();
        assert!(!a.is_broken());
        b.broken(|| "first".into());
        a.broken(|| "second".into());
        assert_eq!(a.first(), Some("first"));
        assert!(b.is_broken());
    }
}
