//! ENRICH against local policies.
//!
//! A policy file is the body Elasticsearch's `PUT _enrich/policy/<name>`
//! takes, with `indices` naming NDJSON files (or folders) relative to the
//! policy file instead of indices:
//!
//! ```json
//! {"match": {"indices": "hosts.ndjson", "match_field": "host.name",
//!            "enrich_fields": ["host.owner", "host.env"]}}
//! ```
//!
//! The policy is named by an optional top-level `"name"`, else by the file
//! name without `.json` (and without `.enrich`). Only `match` policies run;
//! `range` and `geo_match` policies are refused with a clear message.

mod error;
mod policy;
mod table;

pub use error::PolicyError;
pub use policy::{read_policy, EnrichPolicy};
pub use table::EnrichTable;
