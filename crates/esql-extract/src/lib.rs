//! # esql-extract
//!
//! The DISSECT and GROK matching engines of ES|QL.
//!
//! Both are pure string matching: they know nothing about rows or columns. The executor
//! applies them per input value and maps their outputs to columns:
//!
//! * [`DissectPattern`] splits a string on the delimiters of a `%{key}` pattern (all outputs are
//!   `keyword`);
//! * [`GrokPattern`] searches a regex built from the ECS grok dictionary in `data/grok/` (outputs
//!   are `keyword`, `integer`, `long`, `double` or `boolean`).

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod dissect;
mod grok;
mod grok_convert;
mod grok_library;
mod grok_regex;

#[cfg(test)]
mod grok_tests;

pub use dissect::{DissectError, DissectPattern};
pub use grok::{GrokError, GrokMatchError, GrokPattern, GrokType, GrokValue, GROK_BACKTRACK_LIMIT};
pub use grok_convert::NumberFormatError;
