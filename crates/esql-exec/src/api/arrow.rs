//! In-memory Arrow data as an index, and the Arrow types of results
//! ([`ArrowOptions`], [`Table::to_record_batch`](super::Table::to_record_batch);
//! the type table is in [`crate::format::arrow`]).

use super::session::{Session, SessionError};
use arrow_array::RecordBatch;
use arrow_schema::{ArrowError, DataType as ArrowType, Schema};

pub use crate::format::arrow::{ArrowOptions, ELASTIC_TYPE_KEY};
pub use arrow_array;
pub use arrow_schema;

impl Session {
    /// Adds index `name` holding the rows of Arrow record `batches` of
    /// `schema` (a pandas, polars or pyarrow frame, say).
    ///
    /// Each row becomes one document: struct columns are objects (their
    /// fields `parent.child`), list columns multi-values, nulls missing
    /// fields. Field types come from the Arrow types (booleans; 8- to 32-bit
    /// integers → `integer`, 64-bit → `long`, `uint64` → `unsigned_long`;
    /// floats → `double`; timestamps and dates → `date`, at millisecond
    /// precision), declared for this index as a field-type table would
    /// declare them. Strings (and dictionaries of strings) are typed as in
    /// files: by the session's mappings and tables, the ECS table
    /// (`source.ip` is an `ip`), else inference (`keyword` mostly). Rows go
    /// through the same spool, reader and type coercion as documents from
    /// [`Session::with_documents`]. A column of another Arrow type (binary,
    /// decimal, …) is an error naming it.
    pub fn with_record_batches<I>(
        mut self,
        name: &str,
        schema: &Schema,
        batches: I,
    ) -> Result<Session, SessionError>
    where
        I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
    {
        self.add_record_batches(name, schema, batches)?;
        Ok(self)
    }

    /// [`Session::with_record_batches`] in place. On an error no index is
    /// added (a column type esql cannot read is found before any row is
    /// read).
    pub fn add_record_batches<I>(
        &mut self,
        name: &str,
        schema: &Schema,
        batches: I,
    ) -> Result<(), SessionError>
    where
        I: IntoIterator<Item = Result<RecordBatch, ArrowError>>,
    {
        let mut table = String::from("field\ttype\tindex_pattern\n");
        for field in schema.fields() {
            declare_types(field.name(), field.data_type(), name, &mut table)?;
        }
        self.spool_field_types(&table)?;
        self.spool_index(name, |out| {
            for batch in batches {
                let batch = batch.map_err(|e| SessionError::Data(e.to_string()))?;
                for row in 0..batch.num_rows() {
                    let mut doc = serde_json::Map::new();
                    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
                        if let Some(v) = super::arrow_docs::json_at(column.as_ref(), row) {
                            doc.insert(field.name().clone(), v);
                        }
                    }
                    serde_json::to_writer(&mut *out, &doc)
                        .map_err(|e| SessionError::Spool(e.into()))?;
                    out.write_all(b"\n").map_err(SessionError::Spool)?;
                }
            }
            Ok(())
        })
    }
}

/// Appends the field-type rows of a column (and of its struct children).
fn declare_types(
    path: &str,
    ty: &ArrowType,
    index: &str,
    table: &mut String,
) -> Result<(), SessionError> {
    let es_type = match ty {
        ArrowType::Null => return Ok(()),
        ArrowType::Struct(children) => {
            for child in children {
                declare_types(
                    &format!("{path}.{}", child.name()),
                    child.data_type(),
                    index,
                    table,
                )?;
            }
            return Ok(());
        }
        ArrowType::List(child)
        | ArrowType::LargeList(child)
        | ArrowType::FixedSizeList(child, _) => {
            return declare_types(path, child.data_type(), index, table);
        }
        ArrowType::Dictionary(_, values) => return declare_types(path, values, index, table),
        ArrowType::Boolean => "boolean",
        ArrowType::Int8
        | ArrowType::Int16
        | ArrowType::Int32
        | ArrowType::UInt8
        | ArrowType::UInt16 => "integer",
        ArrowType::Int64 | ArrowType::UInt32 => "long",
        ArrowType::UInt64 => "unsigned_long",
        ArrowType::Float32 | ArrowType::Float64 => "double",
        // Text is typed as in files: the mapping, field-type tables, the
        // ECS table (`source.ip` is an ip), else inference.
        ArrowType::Utf8 | ArrowType::LargeUtf8 | ArrowType::Utf8View => return Ok(()),
        ArrowType::Timestamp(_, _) | ArrowType::Date32 | ArrowType::Date64 => "date",
        other => {
            return Err(SessionError::Data(format!(
                "column [{path}] has Arrow type [{other}], which esql cannot read"
            )))
        }
    };
    // A name a table line cannot hold, or one that would read as a
    // wildcard, keeps the type the documents show.
    if path.contains(['\t', '\n', '\r', '*']) || path.starts_with('#') {
        return Ok(());
    }
    table.push_str(&format!("{path}\t{es_type}\t{index}\n"));
    Ok(())
}

#[cfg(test)]
#[path = "arrow_tests.rs"]
mod tests;
