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

pub mod aggregates;
pub mod analyze;
pub mod api;
pub mod catalog;
pub mod engine;
pub mod enrich;
pub mod eval;
pub mod exec;
pub mod format;
pub mod functions;
pub mod names;
pub mod plan;
pub mod prefilter;
pub mod reader;
pub mod render;
pub mod result;
pub mod schema;
pub mod types;
pub mod value;
pub mod version;
pub mod warnings;

pub use result::{Column, QueryResult};
pub use types::DataType;
pub use value::{Row, Scalar, Value};
