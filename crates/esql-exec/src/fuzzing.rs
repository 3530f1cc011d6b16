//! Entry points of the reader for the fuzz targets (feature `fuzzing`,
//! off by default). Not a stable interface: it exposes internals so the
//! line splitter and the JSON walk can be fuzzed on their own.

pub use crate::reader::walk::{walk_document, Collector, FieldSet, Raw};
pub use crate::reader::{for_each_line, Flow};
