//! # esql-javafmt
//!
//! Numbers and dates in the text forms Elasticsearch, a Java program,
//! writes and reads, for every crate that must reproduce them byte for
//! byte (query output and `TO_STRING` in `esql-exec`, the documents of
//! `esql-cloudtrail`):
//!
//! * [`java_double`]: Java's `Double.toString`;
//! * [`format_date_millis`], [`format_date_nanos`]: the
//!   `strict_date_optional_time` printers;
//! * [`parse_millis`], [`parse_nanos`]: the `strict_date_optional_time`
//!   parser;
//! * [`civil_from_days`], [`days_from_civil`]: the proleptic Gregorian
//!   calendar on day numbers they rest on.
//!
//! ```
//! assert_eq!(esql_javafmt::java_double(1.0e7), "1.0E7");
//! assert_eq!(esql_javafmt::format_date_millis(0), "1970-01-01T00:00:00.000Z");
//! assert_eq!(esql_javafmt::parse_millis("1970-01-01T00:00:01Z"), Some(1_000));
//! ```

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod calendar;
mod date_parse;
mod date_print;
mod double;

pub use calendar::{civil_from_days, days_from_civil};
pub use date_parse::{parse_millis, parse_nanos};
pub use date_print::{format_date_millis, format_date_nanos};
pub use double::java_double;
