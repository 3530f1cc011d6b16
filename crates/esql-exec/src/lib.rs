//! # esql-exec
//!
//! Analyses an ES|QL query against a catalog of NDJSON indices, plans it and
//! runs it as a stream, producing typed columns and rows.
//!
//! To embed esql, start with [`api::Session`]: data from folders, files or
//! an iterator of JSON documents, one call per query, a [`api::Table`] of
//! typed columns and rows back. Underneath, [`engine::prepare`] /
//! [`engine::run`] take a [`catalog::Catalog`] and [`engine::RunOptions`]:
//!
//! ```
//! use esql_exec::{catalog::{Catalog, CatalogConfig}, engine::{run, RunOptions}};
//! let catalog = Catalog::open(&CatalogConfig::default()).unwrap();
//! let out = run("ROW a = 1, b = \"x\" | EVAL c = a + 1", &catalog, &RunOptions::default()).unwrap();
//! assert_eq!(out.result.columns.len(), 3);
//! assert_eq!(out.result.rows.len(), 1);
//! ```

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

// Modules in layer order, lowest first: each uses only modules above it in
// this list (checked by tests/module_layers.rs).

// Values and their types.
pub mod version;
pub mod types;
pub mod value;
pub mod result;
pub mod memory;
pub mod invariant;
// Text forms of values and results.
pub mod render;
pub mod format;
pub mod names;
// Function registries.
pub mod functions;
pub mod aggregates;
pub mod enrich;
// Data: reading files, indices and their fields.
pub mod reader;
pub mod catalog;
pub mod schema;
// The typed plan and its evaluation.
pub mod plan;
pub mod prefilter;
pub mod warnings;
pub mod eval;
pub mod exec;
// Analysis (AST to plan), the engine that runs the stages, the API.
pub mod analyze;
pub mod engine;
pub mod api;

pub use result::{Column, QueryResult};
pub use types::DataType;
pub use value::{Row, Scalar, Value};
