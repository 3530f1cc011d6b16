//! Loading an enrich policy's documents: they are read by running
//! `FROM <policy sources> | KEEP <match field>, <enrich fields>` through
//! this engine, then indexed by [`EnrichTable::from_result`].

use super::{run, RunOptions};
use crate::catalog::{Catalog, CatalogConfig};
use crate::enrich::{EnrichPolicy, EnrichTable, PolicyError};

fn quoted(name: &str) -> String {
    format!("`{}`", name.replace('`', "``"))
}

/// Reads the policy's documents (all of them; enrich indices are small).
pub fn load(policy: &EnrichPolicy, now_ms: i64) -> Result<EnrichTable, PolicyError> {
    let fail = |message: String| PolicyError::Documents {
        policy: policy.name.clone(),
        message,
    };
    if policy.kind != "match" {
        return Err(PolicyError::UnsupportedType {
            policy: policy.name.clone(),
            kind: policy.kind.clone(),
        });
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
    Ok(EnrichTable::from_result(policy, out.result))
}
