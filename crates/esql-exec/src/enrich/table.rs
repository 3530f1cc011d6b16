//! An enrich policy's documents, loaded once per query and indexed by
//! their match field.

use super::EnrichPolicy;
use crate::result::QueryResult;
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::collections::HashMap;

/// The enrich documents of one policy, ready for lookups.
#[derive(Debug)]
pub struct EnrichTable {
    /// The policy.
    pub policy: EnrichPolicy,
    /// The enrich fields with their types, in the policy's order.
    pub fields: Vec<(String, DataType)>,
    rows: Vec<Vec<Value>>,
    index: HashMap<Scalar, Vec<usize>>,
}

/// Numbers of different widths match when equal, as a term query does.
fn key(s: &Scalar) -> Scalar {
    match s {
        Scalar::Integer(i) => Scalar::Long(i64::from(*i)),
        other => other.clone(),
    }
}

impl EnrichTable {
    /// Indexes the result of reading the policy's documents: the first
    /// column is the match field, the others the enrich fields in order.
    pub fn from_result(policy: &EnrichPolicy, result: QueryResult) -> EnrichTable {
        let mut columns = result.columns.into_iter();
        // The first column is the match field, read through `index`.
        columns.next();
        let fields: Vec<(String, DataType)> = columns.map(|c| (c.name, c.ty)).collect();
        let mut rows = Vec::with_capacity(result.rows.len());
        let mut index: HashMap<Scalar, Vec<usize>> = HashMap::new();
        for mut row in result.rows {
            let matched = if row.is_empty() {
                Value::Null
            } else {
                row.remove(0)
            };
            for s in matched.as_slice() {
                index.entry(key(s)).or_default().push(rows.len());
            }
            rows.push(row);
        }
        EnrichTable {
            policy: policy.clone(),
            fields,
            rows,
            index,
        }
    }

    /// The values of the enrich fields at `positions` for the documents
    /// matching any value of `cell`, merged in document order (several
    /// matches make multi-values); nulls when nothing matches.
    pub fn lookup(&self, cell: &Value, positions: &[usize]) -> Vec<Value> {
        let mut docs: Vec<usize> = Vec::new();
        for s in cell.as_slice() {
            if let Some(found) = self.index.get(&key(s)) {
                for d in found {
                    if !docs.contains(d) {
                        docs.push(*d);
                    }
                }
            }
        }
        docs.sort_unstable();
        positions
            .iter()
            .map(|&p| {
                let mut values: Vec<Scalar> = Vec::new();
                for d in &docs {
                    if let Some(v) = self.rows.get(*d).and_then(|r| r.get(p)) {
                        values.extend_from_slice(v.as_slice());
                    }
                }
                Value::from_vec(values)
            })
            .collect()
    }
}
