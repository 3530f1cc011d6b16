//! The result of running a query: typed columns, rows and warnings.

use crate::types::DataType;
use crate::value::Row;

/// One output column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The column name, as Elasticsearch names it.
    pub name: String,
    /// Its type.
    pub ty: DataType,
}

/// A finished query: columns in output order, rows, and warnings in
/// Elasticsearch's wording (`Line 1:23: evaluation of [x] failed, …`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryResult {
    /// Output columns.
    pub columns: Vec<Column>,
    /// Output rows; each row has one cell per column.
    pub rows: Vec<Row>,
    /// Warnings, in the order they were raised.
    pub warnings: Vec<String>,
}
