//! Stopping a running query from outside: a flag the caller sets (an
//! interactive shell on Ctrl-C) and the pipeline reads before each row, so
//! every worker of the query stops at its next row and the query fails with
//! [`crate::engine::QueryError::Cancelled`] instead of finishing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A query's cancel flag, shared by its workers (unset by default).
#[derive(Clone, Debug, Default)]
pub struct Cancel(Option<Arc<AtomicBool>>);

impl Cancel {
    /// A flag the caller holds too.
    pub fn from_flag(flag: Arc<AtomicBool>) -> Cancel {
        Cancel(Some(flag))
    }

    /// True once the caller asked the query to stop.
    pub fn requested(&self) -> bool {
        self.0.as_ref().is_some_and(|f| f.load(Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_callers_flag() {
        assert!(!Cancel::default().requested());
        let flag = Arc::new(AtomicBool::new(false));
        let cancel = Cancel::from_flag(flag.clone());
        assert!(!cancel.requested());
        flag.store(true, Ordering::Relaxed);
        assert!(cancel.clone().requested());
    }
}
