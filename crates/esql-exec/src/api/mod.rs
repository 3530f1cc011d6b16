//! The API for embedding esql: run ES|QL over files, folders or an iterator
//! of JSON documents and get typed columns and rows back.
//!
//! ```
//! use esql_exec::api::Session;
//! use serde_json::json;
//!
//! let docs = vec![
//!     json!({"user": {"name": "ann"}, "bytes": 10}),
//!     json!({"user": {"name": "bob"}, "bytes": 5}),
//!     json!({"user": {"name": "ann"}, "bytes": 7}),
//! ];
//! let session = Session::new().with_documents("logs", docs).unwrap();
//! let table = session
//!     .query("FROM logs | STATS total = SUM(bytes) BY user.name | SORT total DESC")
//!     .unwrap();
//! assert_eq!(table.column_names(), vec!["total", "user.name"]);
//! assert_eq!(table.columns[0].ty.name(), "long");
//! assert_eq!(table.to_json_rows(), vec![vec![json!(17), json!("ann")], vec![json!(5), json!("bob")]]);
//! ```
//!
//! A [`Session`] holds where the data is (folders, files, documents,
//! mappings, field-type tables, enrich policies) and how queries run (the
//! clock, threads, memory limit, what to do with malformed lines).
//! [`Session::query`] answers in one call; [`Session::prepare`] gives a
//! [`Query`] to explain, size or run with progress reporting, whose
//! [`Answer`] carries the table and every warning of the run. A [`Table`]
//! prints in Elasticsearch's formats with [`Table::write`]; a failed query's
//! [`QueryError::render`] is the report with source snippets.
//! `Table::to_record_batch` turns a table into an Arrow record batch
//! ([`ArrowOptions`]), and `Session::with_record_batches` makes Arrow data an
//! index.
//!
//! ```
//! use esql_exec::api::{Format, Session};
//! use serde_json::json;
//!
//! let session = Session::new()
//!     .with_now_ms(0)
//!     .with_documents("logs", vec![json!({"n": 9223372036854775807i64}), json!({"n": 1})])
//!     .unwrap();
//! let text = "FROM logs | EVAL m = n + 1 | KEEP m";
//! let query = session.prepare(text).unwrap();
//! assert!(query.input_bytes() > 0);
//! let answer = query.run().unwrap();
//! // Integer overflow is a null and a warning, as in Elasticsearch.
//! assert_eq!(answer.table.to_text(Format::Csv), "m\r\n\r\n2\r\n");
//! assert!(answer.warnings[0].contains("evaluation of [n + 1] failed"));
//!
//! let bad = "FROM logs\n| KEEP nope";
//! let report = session.prepare(bad).err().unwrap().render(bad);
//! assert!(report.starts_with("verification_exception: Found 1 problem\nline 2:8: Unknown column [nope]"));
//! ```
//!
//! Documents given as an iterator are written once to a private temporary
//! NDJSON file (removed when the session is dropped), so they go through the
//! same streaming reader, type discovery and prefilters as files do, and a
//! large iterator never has to fit in memory.

mod arrow;
mod arrow_docs;
mod clock;
mod convert;
mod field_report;
mod functions;
mod listing;
mod output;
mod overview;
mod query;
mod report;
mod reserved;
mod session;

pub use crate::engine::{QueryError, RunOptions, DEFAULT_MEMORY_LIMIT};
pub use crate::reader::documents::InputFormat;
pub use crate::reader::{BadLinePolicy, ReadError};
pub use crate::render::value_to_text as cell_text;
pub use crate::result::Column;
pub use crate::types::DataType;
pub use crate::value::{Scalar, Value};
pub use arrow::{arrow_array, arrow_schema, ArrowOptions, ELASTIC_TYPE_KEY};
pub use clock::{DataExtent, NowFilter};
pub use convert::{convert_cloudtrail, ConvertError};
pub use esql_cloudtrail::VERSIONS as PIPELINE_VERSIONS;
pub use esql_cloudtrail::{PipelineOptions, PipelineVersion};
pub use esql_parser::Diagnostic;
pub use esql_parser::{ParamValue, QueryParams};
pub use functions::{functions, FunctionInfo, FunctionKind};
pub use output::{Format, FormatOptions};
pub use query::{Answer, Query};
pub use session::{Session, SessionError, Table};

/// An RFC 3339 timestamp (or a date) as milliseconds since the epoch, as
/// `NOW()` is set: `2024-05-11T00:00:00Z` → `1715385600000`.
pub fn timestamp_millis(text: &str) -> Option<i64> {
    esql_javafmt::parse_millis(text)
}

/// Milliseconds since the epoch as Elasticsearch prints a date:
/// `1715385600000` → `2024-05-11T00:00:00.000Z`.
pub fn format_millis(ms: i64) -> String {
    esql_javafmt::format_date_millis(ms)
}
