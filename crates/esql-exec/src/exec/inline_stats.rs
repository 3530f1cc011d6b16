//! INLINE STATS: gathers every row while aggregating, then gives each row
//! back extended with the results of its group.

use super::stats::{combinations, Aggregation};
use crate::eval::EvalContext;
use crate::plan::{StatsSpec, TypedExpr};
use crate::value::{Row, Scalar, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// Running state of one INLINE STATS operator.
pub struct InlineAggregation {
    aggregation: Aggregation,
    rows: Vec<(Vec<Value>, Row)>,
    keep: Vec<usize>,
    /// Per output column: the grouping key it repeats, if it is one.
    group_of_output: Vec<Option<usize>>,
}

impl InlineAggregation {
    /// Empty state for `spec`, projecting extended rows to `keep`.
    pub fn new(spec: Arc<StatsSpec>, keep: Vec<usize>) -> Self {
        let groups = spec.groups.len();
        let group_of_output = spec
            .outputs
            .iter()
            .map(|x| match x {
                TypedExpr::Column(i, _) if *i < groups => Some(*i),
                _ => None,
            })
            .collect();
        InlineAggregation {
            group_of_output,
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
            .charge(crate::memory::row_bytes(&row) + crate::memory::row_bytes(&keys));
        self.rows.push((keys, row));
    }

    /// The input rows in input order, each extended with its group's
    /// results. A row whose grouping key is multi-valued belongs to one
    /// group per distinct value (per combination, with several keys): each
    /// aggregate cell lists the results of those groups in key order, and
    /// the key columns keep the row's own values.
    pub fn finish(self, ctx: &mut EvalContext) -> Vec<Row> {
        let results: HashMap<Vec<Value>, Row> =
            self.aggregation.finish_keyed(ctx).into_iter().collect();
        let (keep, group_of_output) = (self.keep, self.group_of_output);
        self.rows
            .into_iter()
            .map(|(keys, mut row)| {
                if keys.iter().any(|k| matches!(k, Value::Many(_))) {
                    row.extend(multi_key_cells(&keys, &results, &group_of_output));
                } else {
                    match results.get(&keys) {
                        Some(extra) => row.extend(extra.iter().cloned()),
                        None => row.extend(std::iter::repeat_n(Value::Null, group_of_output.len())),
                    }
                }
                super::project(row, &keep, ctx)
            })
            .collect()
    }
}

/// The output cells of a row whose key is multi-valued: each aggregate's
/// results over the row's groups gathered into one cell (nulls dropped,
/// lists concatenated, repeats kept), each key column the row's own key.
fn multi_key_cells(
    keys: &[Value],
    results: &HashMap<Vec<Value>, Row>,
    group_of_output: &[Option<usize>],
) -> Vec<Value> {
    let matched: Vec<&Row> = combinations(keys)
        .iter()
        .filter_map(|k| results.get(k))
        .collect();
    group_of_output
        .iter()
        .enumerate()
        .map(|(j, group)| match group {
            Some(g) => keys.get(*g).cloned().unwrap_or(Value::Null),
            None => {
                let mut values: Vec<Scalar> = Vec::new();
                for r in &matched {
                    match r.get(j) {
                        Some(Value::One(v)) => values.push(v.clone()),
                        Some(Value::Many(vs)) => values.extend(vs.iter().cloned()),
                        _ => {}
                    }
                }
                Value::from_vec(values)
            }
        })
        .collect()
}
