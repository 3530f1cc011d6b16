//! # esql-parser
//!
//! ES|QL query text to a typed AST ([`ast::Query`]), with a byte span on every
//! node, typed errors rendered the way Elasticsearch prints them
//! (`line L:C: message`), and a canonical printer (`Display`) whose output
//! parses back to the same AST.
//!
//! ```
//! let parsed = esql_parser::parse("FROM logs-* | WHERE status >= 500 | LIMIT 10").unwrap();
//! assert_eq!(parsed.query.commands.len(), 2);
//! assert_eq!(parsed.query.to_string(), "FROM logs-* | WHERE status >= 500 | LIMIT 10");
//! ```

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

pub mod ast;
pub mod diagnostic;
mod display;
pub mod error;
pub mod params;
pub(crate) mod parse;
pub mod span;
pub mod visit;

pub use ast::ParseOptions;
pub use diagnostic::{Diagnostic, Severity};
pub use error::ParseError;
pub use params::{ParamValue, QueryParams};
pub use parse::{MAX_EXPRESSION_DEPTH, MAX_LENGTH, MAX_QUERY_DEPTH};
pub use span::{LineIndex, Span, Spanned};

/// A successfully parsed query and the warnings the parser raised.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    /// The query.
    pub query: ast::Query,
    /// Parse-time warnings (e.g. a lone `=` read as `==`), in source order.
    pub warnings: Vec<Diagnostic>,
}

/// Parses `source` with default (lenient) options.
pub fn parse(source: &str) -> Result<Parsed, ParseError> {
    parse_with(source, ParseOptions::default())
}

/// Parses `source` with the given options. Parameters stay [`ast::Param`]
/// nodes (a parameter used in a name is an error, as no value is known).
pub fn parse_with(source: &str, options: ParseOptions) -> Result<Parsed, ParseError> {
    parse::parse_query(source, options, None)
}

/// Parses `source` with `params` substituted for its `?` / `??`
/// parameters, as Elasticsearch substitutes the request's `params`: an
/// unknown name, a missing position, a mix of named and positional
/// parameters are errors at the parameter's position.
pub fn parse_with_params(
    source: &str,
    options: ParseOptions,
    params: &QueryParams,
) -> Result<Parsed, ParseError> {
    parse::parse_query(source, options, Some(params))
}
