//! An enrich policy's documents, loaded once per query and indexed by
//! their match field.

use super::EnrichPolicy;
use crate::catalog::{Catalog, CatalogConfig};
use crate::engine::{run, RunOptions};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::collections::HashMap;

/// The enrich documents of one policy, ready for lookups.
#[derive(Debug)]
pub struct EnrichTable {
    /// The policy.
    pub policy: EnrichPolicy,
    /// The type of the match field in the enrich documents.
    pub match_type: DataType,
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

fn quoted(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// Reads the policy's documents (all of them; enrich indices are small).
pub fn load(policy: &EnrichPolicy, now_ms: i64) -> Result<EnrichTable, String> {
    let fail = |m: String| format!("enrich policy [{}]: {m}", policy.name);
    if policy.kind != "match" {
        return Err(fail(format!(
            "policies of type [{}] are not supported offline; only [match] policies run",
            policy.kind
        )));
    }
    let names: Vec<String> = (0..policy.sources.len())
        .map(|i| format!("enrich-source-{i}"))
        .collect();
    let config = CatalogConfig {
        explicit: names
            .iter()
            .cloned()
            .zip(policy.sources.iter().cloned())
            .collect(),
        ..CatalogConfig::default()
    };
    let catalog = Catalog::open(&config).map_err(|e| fail(e.to_string()))?;
    let mut keep = vec![quoted(&policy.match_field)];
    keep.extend(policy.enrich_fields.iter().map(|f| quoted(f)));
    let query = format!("FROM {} | KEEP {}", names.join(", "), keep.join(", "));
    let options = RunOptions {
        now_ms,
        threads: 1,
        default_limit: usize::MAX,
        max_limit: usize::MAX,
        ..RunOptions::default()
    };
    let out = run(&query, &catalog, &options).map_err(|e| fail(e.to_string()))?;
    let mut columns = out.result.columns.into_iter();
    let match_type = columns.next().map_or(DataType::Null, |c| c.ty);
    let fields: Vec<(String, DataType)> = columns.map(|c| (c.name, c.ty)).collect();
    let mut rows = Vec::with_capacity(out.result.rows.len());
    let mut index: HashMap<Scalar, Vec<usize>> = HashMap::new();
    for mut row in out.result.rows {
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
    Ok(EnrichTable {
        policy: policy.clone(),
        match_type,
        fields,
        rows,
        index,
    })
}

impl EnrichTable {
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
