//! SORT and TOP-N. Multi-valued keys sort by their minimum ascending and
//! their maximum descending; nulls go where the key says. The sort is
//! stable, so ties keep input order. With a limit, memory stays bounded by
//! pruning to the best `n` rows whenever the buffer doubles.

use crate::eval::{compare, eval, EvalContext};
use crate::plan::SortSpec;
use crate::value::{Row, Scalar, Value};
use std::cmp::Ordering;

/// A sort, optionally keeping only the first `limit` rows.
pub struct TopN {
    keys: Vec<SortSpec>,
    limit: Option<usize>,
    rows: Vec<(Vec<Option<Scalar>>, u64, Row)>,
    seq: u64,
}

impl TopN {
    /// A sort by `keys`.
    pub fn new(keys: Vec<SortSpec>, limit: Option<usize>) -> Self {
        TopN {
            keys,
            limit,
            rows: Vec::new(),
            seq: 0,
        }
    }

    /// Adds one row.
    pub fn add(&mut self, row: Row, ctx: &mut EvalContext) {
        if self.limit == Some(0) {
            return;
        }
        let key = self
            .keys
            .iter()
            .map(|k| sort_value(eval(&k.expr, &row, ctx), k.descending))
            .collect();
        if self.limit.is_none() {
            ctx.env.memory.charge(crate::memory::row_bytes(&row) + 48);
        }
        self.rows.push((key, self.seq, row));
        self.seq += 1;
        if let Some(n) = self.limit {
            if self.rows.len() >= (2 * n).max(1024) {
                self.prune(n);
            }
        }
    }

    fn prune(&mut self, n: usize) {
        let keys = &self.keys;
        self.rows
            .sort_by(|a, b| compare_keys(keys, &a.0, &b.0).then(a.1.cmp(&b.1)));
        self.rows.truncate(n);
    }

    /// Merges rows sorted elsewhere (another worker's share, whose sequence
    /// numbers come after this one's).
    pub fn merge(&mut self, other: TopN) {
        let offset = self.seq;
        self.rows
            .extend(other.rows.into_iter().map(|(k, s, r)| (k, s + offset, r)));
        self.seq += other.seq;
        if let Some(n) = self.limit {
            self.prune(n);
        }
    }

    /// The sorted (and limited) rows.
    pub fn finish(mut self) -> Vec<Row> {
        let n = self.limit.unwrap_or(usize::MAX);
        self.prune(n);
        self.rows.into_iter().map(|(_, _, r)| r).collect()
    }
}

/// The value a cell sorts by: its min (ascending) or max (descending).
fn sort_value(v: Value, descending: bool) -> Option<Scalar> {
    match v {
        Value::Null => None,
        Value::One(s) => Some(s),
        Value::Many(values) => {
            let pick = if descending {
                values.iter().max_by(|a, b| a.total_cmp(b))
            } else {
                values.iter().min_by(|a, b| a.total_cmp(b))
            };
            pick.cloned()
        }
    }
}

fn compare_keys(keys: &[SortSpec], a: &[Option<Scalar>], b: &[Option<Scalar>]) -> Ordering {
    for ((k, x), y) in keys.iter().zip(a).zip(b) {
        let o = match (x, y) {
            (None, None) => Ordering::Equal,
            (None, Some(_)) => {
                if k.nulls_first {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            }
            (Some(_), None) => {
                if k.nulls_first {
                    Ordering::Greater
                } else {
                    Ordering::Less
                }
            }
            (Some(x), Some(y)) => {
                let o = compare(x, y).unwrap_or_else(|| x.total_cmp(y));
                if k.descending {
                    o.reverse()
                } else {
                    o
                }
            }
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    Ordering::Equal
}
