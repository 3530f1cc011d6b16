//! # esql-exec
//!
//! Analyses an ES|QL query against a catalog of NDJSON indices, plans it and
//! runs it as a stream, producing typed columns and rows.

pub mod aggregates;
pub mod functions;
pub mod result;
pub mod types;
pub mod value;
pub mod version;

pub use result::{Column, QueryResult};
pub use types::DataType;
pub use value::{Row, Scalar, Value};
