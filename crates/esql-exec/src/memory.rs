//! A budget for what blocking operators hold (STATS groups, rows gathered by
//! SORT and INLINE STATS): an estimate, shared by every worker of a query,
//! checked as it grows. Past the limit the scan stops and the query fails
//! with a memory-limit error instead of growing until the system kills it.

use crate::value::{Row, Scalar, Value};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// The shared memory budget of one query.
#[derive(Clone, Debug)]
pub struct MemoryBudget {
    limit: usize,
    used: Arc<AtomicUsize>,
    exceeded: Arc<AtomicBool>,
}

impl Default for MemoryBudget {
    fn default() -> Self {
        MemoryBudget::new(usize::MAX)
    }
}

impl MemoryBudget {
    /// A budget of `limit` bytes.
    pub fn new(limit: usize) -> Self {
        MemoryBudget {
            limit,
            used: Arc::new(AtomicUsize::new(0)),
            exceeded: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Records `bytes` more; false once the total passes the limit.
    pub fn charge(&self, bytes: usize) -> bool {
        let total = self
            .used
            .fetch_add(bytes, Ordering::Relaxed)
            .saturating_add(bytes);
        if total > self.limit {
            self.exceeded.store(true, Ordering::Relaxed);
            return false;
        }
        !self.exceeded.load(Ordering::Relaxed)
    }

    /// True once some operator went past the limit.
    pub fn exceeded(&self) -> bool {
        self.exceeded.load(Ordering::Relaxed)
    }

    /// The limit, in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The estimate so far, in bytes.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Relaxed)
    }
}

/// Estimated bytes of one value held in memory.
pub fn scalar_bytes(s: &Scalar) -> usize {
    std::mem::size_of::<Scalar>()
        + match s {
            Scalar::Str(t) | Scalar::Version(t) => t.len() + 16,
            _ => 0,
        }
}

/// Estimated bytes of one cell held in memory.
pub fn value_bytes(v: &Value) -> usize {
    std::mem::size_of::<Value>()
        + match v {
            Value::Many(values) => 16 + values.iter().map(scalar_bytes).sum::<usize>(),
            Value::One(s) => scalar_bytes(s) - std::mem::size_of::<Scalar>(),
            Value::Null => 0,
        }
}

/// Estimated bytes of one row held in memory.
pub fn row_bytes(row: &Row) -> usize {
    24 + row.iter().map(value_bytes).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charges_add_up_to_the_limit_then_fail() {
        let b = MemoryBudget::new(100);
        assert!(b.charge(60));
        let shared = b.clone();
        assert!(!shared.charge(60));
        assert!(b.exceeded());
        assert_eq!(b.used(), 120);
        assert!(!b.charge(1), "stays exceeded");
    }

    #[test]
    fn strings_count_their_bytes() {
        let short = value_bytes(&Value::str("a"));
        let long = value_bytes(&Value::str(&"a".repeat(1000)));
        assert_eq!(long - short, 999);
        assert!(row_bytes(&vec![Value::Null, Value::str("x")]) > value_bytes(&Value::Null));
    }
}
