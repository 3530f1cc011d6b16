//! INLINE STATS: gathers every row while aggregating, then gives each row
//! back extended with the results of its group.

use super::stats::Aggregation;
use crate::eval::EvalContext;
use crate::plan::StatsSpec;
use crate::value::{Row, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Running state of one INLINE STATS operator.
pub struct InlineAggregation {
    aggregation: Aggregation,
    rows: Vec<(Vec<Value>, Row)>,
    keep: Vec<usize>,
    width: usize,
}

impl InlineAggregation {
    /// Empty state for `spec`, projecting extended rows to `keep`.
    pub fn new(spec: Arc<StatsSpec>, keep: Vec<usize>) -> Self {
        InlineAggregation {
            width: spec.outputs.len(),
            aggregation: Aggregation::new(spec),
            rows: Vec::new(),
            keep,
        }
    }

    /// Adds one input row.
    pub fn add(&mut self, row: Row, ctx: &mut EvalContext) {
        let keys = self.aggregation.add_keyed(&row, ctx);
        ctx.env
            .memory
            .charge(super::memory::row_bytes(&row) + super::memory::row_bytes(&keys));
        self.rows.push((keys, row));
    }

    /// The input rows in input order, each extended with its group's
    /// results. A row whose grouping key is multi-valued belongs to several
    /// groups and gets nulls, as a join on a multi-valued key matches none.
    pub fn finish(self, ctx: &mut EvalContext) -> Vec<Row> {
        let results: HashMap<Vec<Value>, Row> =
            self.aggregation.finish_keyed(ctx).into_iter().collect();
        let (keep, width) = (self.keep, self.width);
        self.rows
            .into_iter()
            .map(|(keys, mut row)| {
                match results.get(&keys) {
                    Some(extra) if !keys.iter().any(|k| matches!(k, Value::Many(_))) => {
                        row.extend(extra.iter().cloned())
                    }
                    _ => row.extend(std::iter::repeat_n(Value::Null, width)),
                }
                super::project(row, &keep)
            })
            .collect()
    }
}
