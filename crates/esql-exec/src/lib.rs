//! # esql-exec
//!
//! Analyses an ES|QL query against a catalog of NDJSON indices, plans it and
//! runs it as a stream, producing typed columns and rows.
//!
//! The public surface is one module, [`api`]: a [`api::Session`] holds
//! where the data is (folders, files, an iterator of JSON documents) and
//! how queries run; each query answers with a [`api::Table`] of typed
//! columns and rows, or a [`api::QueryError`] that renders as Elasticsearch
//! reports it. Everything else is private to the crate.
//!
//! ```
//! use esql_exec::api::Session;
//! let table = Session::new().query("ROW a = 1, b = \"x\" | EVAL c = a + 1").unwrap();
//! assert_eq!(table.column_names(), ["a", "b", "c"]);
//! assert_eq!(table.rows.len(), 1);
//! ```

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

// Modules in layer order, lowest first: each uses only modules above it in
// this list (checked by tests/module_layers.rs).

// Values and their types.
mod version;
mod types;
mod value;
mod result;
mod memory;
mod invariant;
mod cancel;
// Text forms of values and results.
mod render;
mod format;
mod names;
// Function registries.
mod functions;
mod aggregates;
mod enrich;
// Data: reading files, indices and their fields.
mod reader;
mod catalog;
mod schema;
mod lookup;
// The typed plan and its evaluation.
mod plan;
mod prefilter;
mod warnings;
mod eval;
mod exec;
// Analysis (AST to plan), the engine that runs the stages, the API.
mod analyze;
mod engine;
pub mod api;

#[cfg(feature = "fuzzing")]
pub mod fuzzing;
