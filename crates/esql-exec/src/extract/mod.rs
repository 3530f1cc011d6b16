//! The DISSECT and GROK matching engines.
//!
//! Both are pure string-matching modules: they know nothing about rows or columns. The executor
//! applies them per input value and maps their outputs to columns:
//!
//! * [`DissectPattern`] splits a string on the delimiters of a `%{key}` pattern (all outputs are
//!   `keyword`);
//! * [`GrokPattern`] searches a regex built from the ECS grok dictionary (outputs are `keyword`,
//!   `integer`, `long`, `double` or `boolean`).

pub mod dissect;
pub mod grok;
mod grok_convert;
mod grok_library;
mod grok_regex;

#[cfg(test)]
mod grok_tests;

pub use dissect::{DissectError, DissectPattern};
pub use grok::{
    GrokError, GrokMatchError, GrokPattern, GrokType, GrokValue, GROK_BACKTRACK_LIMIT,
    GROK_DFA_SIZE_LIMIT, GROK_REGEX_SIZE_LIMIT,
};
pub use grok_library::GROK_MAX_EXPANSIONS;
