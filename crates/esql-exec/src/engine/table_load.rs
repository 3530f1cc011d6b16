//! Loading the tables ENRICH and LOOKUP JOIN look rows up in: both run a
//! `FROM <documents> | KEEP <fields>` query through this engine
//! ([`load_rows`]), whose collected rows are charged to a memory budget as
//! they arrive, so an index larger than `--memory-limit` stops the load
//! with the memory-limit error instead of filling memory.
//!
//! * ENRICH ([`load_policy`]): the policy's documents, before analysis
//!   (the enrich fields' types come from them), indexed by
//!   [`EnrichTable::from_result`];
//! * LOOKUP JOIN ([`load_lookups`]): the lookup index's documents when the
//!   query runs, only the fields some part of the query uses (the join
//!   keys, and the lookup fields read later or returned), once per index
//!   however many joins use it; each join then indexes them by its keys.

use super::{run, QueryError, RunOptions};
use crate::catalog::{Catalog, CatalogConfig, CatalogError};
use crate::enrich::{EnrichPolicy, EnrichTable, PolicyError};
use crate::lookup::{LoadedIndex, LookupJoinSpec};
use crate::memory::MemoryBudget;
use crate::plan::Operator;
use crate::result::QueryResult;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

fn quoted(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// Runs `query` over `catalog` with no limit on its rows, one worker, and
/// every collected row charged to `memory`.
fn load_rows(
    query: &str,
    catalog: &Catalog,
    now_ms: i64,
    memory: &MemoryBudget,
) -> Result<QueryResult, QueryError> {
    let options = RunOptions {
        now_ms,
        threads: 1,
        default_limit: usize::MAX,
        max_limit: usize::MAX,
        memory_limit: memory.limit(),
        memory: Some(memory.clone()),
        charge_rows: true,
        ..RunOptions::default()
    };
    run(query, catalog, &options).map(|out| out.result)
}

/// Reads the policy's documents (its match field and enrich fields).
pub fn load_policy(
    policy: &EnrichPolicy,
    now_ms: i64,
    memory: &MemoryBudget,
) -> Result<EnrichTable, QueryError> {
    let fail = |message: String| {
        QueryError::Catalog(CatalogError::BadEnrichPolicy(PolicyError::Documents {
            policy: policy.name.clone(),
            message,
        }))
    };
    if policy.kind != "match" {
        return Err(QueryError::Catalog(CatalogError::BadEnrichPolicy(
            PolicyError::UnsupportedType {
                policy: policy.name.clone(),
                kind: policy.kind.clone(),
            },
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
    match load_rows(&query, &catalog, now_ms, memory) {
        Ok(result) => Ok(EnrichTable::from_result(policy, result)),
        Err(e @ (QueryError::MemoryLimit { .. } | QueryError::Cancelled)) => Err(e),
        Err(e) => Err(fail(e.to_string())),
    }
}

/// Loads the documents of every LOOKUP JOIN among `operators` that is not
/// loaded yet. `used` holds the lookup fields the query reads or returns,
/// as (join number, field position).
pub fn load_lookups(
    operators: &[Operator],
    used: &BTreeSet<(usize, usize)>,
    now_ms: i64,
    memory: &MemoryBudget,
) -> Result<(), QueryError> {
    let joins: Vec<&Arc<LookupJoinSpec>> = operators
        .iter()
        .filter_map(|op| match op {
            Operator::LookupJoin { spec, .. } if !spec.is_loaded() => Some(spec),
            _ => None,
        })
        .collect();
    // The fields each index must give: every join's keys and used outputs.
    let mut needed: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for spec in &joins {
        let fields = needed.entry(spec.index.name.as_str()).or_default();
        fields.extend(spec.keys.iter().map(|k| k.right));
        fields.extend(
            spec.outputs
                .iter()
                .filter(|&&f| used.contains(&(spec.id, f)))
                .copied(),
        );
    }
    let mut loaded: BTreeMap<&str, Arc<LoadedIndex>> = BTreeMap::new();
    for spec in &joins {
        let name = spec.index.name.as_str();
        if !loaded.contains_key(name) {
            let columns: Vec<usize> = needed
                .get(name)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            let keep: Vec<String> = columns
                .iter()
                .filter_map(|&f| spec.index.fields.get(f).map(|(n, _)| quoted(n)))
                .collect();
            let catalog = Catalog::of_index(&spec.index.info);
            let source = format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""));
            let query = format!("FROM {source} | KEEP {}", keep.join(", "));
            let result = load_rows(&query, &catalog, now_ms, memory)?;
            loaded.insert(
                name,
                Arc::new(LoadedIndex {
                    columns,
                    rows: result.rows,
                }),
            );
        }
        if let Some(table) = loaded.get(name) {
            spec.load(Arc::clone(table), memory);
        }
        if memory.exceeded() {
            return Err(QueryError::MemoryLimit {
                limit: memory.limit(),
                used: memory.used(),
            });
        }
    }
    Ok(())
}
