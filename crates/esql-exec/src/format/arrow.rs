//! `format=arrow`: results as Apache Arrow record batches and as the Arrow
//! IPC stream Elasticsearch's `_query` API returns,, with the column types of
//! Elasticsearch's Arrow output (`x-pack/plugin/esql/arrow`).
//!
//! | ES\|QL type                    | Arrow type (Elasticsearch)     | [`ArrowOptions::dataframe`] |
//! |--------------------------------|--------------------------------|-----------------------------|
//! | `boolean`                      | `bool`                         | same                        |
//! | `integer`                      | `int32`                        | same                        |
//! | `long`                         | `int64`                        | same                        |
//! | `unsigned_long`                | `uint64`                       | same                        |
//! | `double`                       | `float64`                      | same                        |
//! | `keyword`, `text`, `version`, `_source` | `utf8`                | same                        |
//! | `date`                         | `timestamp[ms]` (no time zone) | `timestamp[ms, UTC]`        |
//! | `date_nanos`                   | `timestamp[ns]` (no time zone) | `timestamp[ns, UTC]`        |
//! | `ip`                           | `binary`: 4 bytes for IPv4, 16 for IPv6 | `utf8` text        |
//! | `null`, `unsupported`          | `null`                         | same                        |
//!
//! Every field carries its ES|QL type as the metadata entry `elastic:type`.
//! A column holding a multi-value in any row is a `list` of the value type
//! (child field `$data$`, not nullable: a multi-value has no nulls), its
//! single values are one-element lists, as Elasticsearch writes them.
//! `unsigned_long` cells hold the value itself. `date_nanos` follows
//! Elasticsearch releases that write it (older ones refuse the column).

use crate::render::{format_ip, scalar_to_string};
use crate::result::QueryResult;
use crate::types::DataType;
use crate::value::{Scalar, Value};
use arrow_array::builder::{
    BinaryBuilder, BooleanBuilder, Float64Builder, Int32Builder, Int64Builder, StringBuilder,
    TimestampMillisecondBuilder, TimestampNanosecondBuilder, UInt64Builder,
};
use arrow_array::{ArrayRef, ListArray, NullArray, RecordBatch, RecordBatchOptions};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_ipc::writer::{IpcWriteOptions, StreamWriter};
use arrow_ipc::MetadataVersion;
use arrow_schema::{ArrowError, DataType as ArrowType, Field, Schema, SchemaRef, TimeUnit};
use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::Arc;

/// The metadata key holding a field's ES|QL type, as Elasticsearch names it.
pub const ELASTIC_TYPE_KEY: &str = "elastic:type";

/// How a result becomes Arrow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArrowOptions {
    /// The time zone of `date` and `date_nanos` timestamps (`None`: no time
    /// zone, as Elasticsearch writes them).
    pub timezone: Option<Arc<str>>,
    /// Write `ip` values as text (`10.0.0.1`) instead of Elasticsearch's
    /// 4- or 16-byte binary.
    pub ip_as_text: bool,
}

impl ArrowOptions {
    /// Elasticsearch's `format=arrow` types.
    pub fn elasticsearch() -> ArrowOptions {
        ArrowOptions {
            timezone: None,
            ip_as_text: false,
        }
    }

    /// Types for data frames: timestamps in UTC, ips as text.
    pub fn dataframe() -> ArrowOptions {
        ArrowOptions {
            timezone: Some(Arc::from("UTC")),
            ip_as_text: true,
        }
    }
}

impl Default for ArrowOptions {
    fn default() -> Self {
        ArrowOptions::elasticsearch()
    }
}

impl QueryResult {
    /// The table as one record batch: one Arrow column per column, in
    /// order, typed as the module documentation lists.
    pub fn to_record_batch(&self, options: &ArrowOptions) -> Result<RecordBatch, ArrowError> {
        let mut fields = Vec::with_capacity(self.columns.len());
        let mut arrays = Vec::with_capacity(self.columns.len());
        for (index, column) in self.columns.iter().enumerate() {
            let cells: Vec<&Value> = self
                .rows
                .iter()
                .map(|row| visible_cell(column.ty, row, index))
                .collect();
            let (field, array) = column_array(&column.name, column.ty, &cells, options)?;
            fields.push(field);
            arrays.push(array);
        }
        let schema: SchemaRef = Arc::new(Schema::new(fields));
        let row_count = RecordBatchOptions::new().with_row_count(Some(self.rows.len()));
        RecordBatch::try_new_with_options(schema, arrays, &row_count)
    }
}

fn visible_cell(ty: DataType, row: &[Value], index: usize) -> &Value {
    match row.get(index) {
        Some(v) if ty != DataType::Unsupported => v,
        _ => &Value::Null,
    }
}

/// The Arrow value type of an ES|QL type.
fn value_type(ty: DataType, options: &ArrowOptions) -> ArrowType {
    match ty {
        DataType::Null | DataType::Unsupported => ArrowType::Null,
        DataType::Boolean => ArrowType::Boolean,
        DataType::Integer => ArrowType::Int32,
        DataType::Long => ArrowType::Int64,
        DataType::UnsignedLong => ArrowType::UInt64,
        DataType::Double => ArrowType::Float64,
        DataType::Date => ArrowType::Timestamp(TimeUnit::Millisecond, options.timezone.clone()),
        DataType::DateNanos => ArrowType::Timestamp(TimeUnit::Nanosecond, options.timezone.clone()),
        DataType::Ip if !options.ip_as_text => ArrowType::Binary,
        DataType::Keyword
        | DataType::Text
        | DataType::Ip
        | DataType::Version
        | DataType::Source
        | DataType::DatePeriod
        | DataType::TimeDuration => ArrowType::Utf8,
    }
}

fn column_array(
    name: &str,
    ty: DataType,
    cells: &[&Value],
    options: &ArrowOptions,
) -> Result<(Field, ArrayRef), ArrowError> {
    let metadata = HashMap::from([(ELASTIC_TYPE_KEY.to_string(), ty.name().to_string())]);
    let arrow_type = value_type(ty, options);
    let multivalued = cells.iter().any(|c| matches!(c, Value::Many(_)));
    if !multivalued || arrow_type == ArrowType::Null {
        let items = cells.iter().map(|c| match c {
            Value::One(s) => Some(s),
            _ => None,
        });
        let array = values_array(ty, &arrow_type, cells.len(), items, options);
        let field = Field::new(name, arrow_type, true).with_metadata(metadata);
        return Ok((field, array));
    }
    let flat: Vec<&Scalar> = cells.iter().flat_map(|c| c.as_slice()).collect();
    let values = values_array(
        ty,
        &arrow_type,
        flat.len(),
        flat.into_iter().map(Some),
        options,
    );
    let child = Arc::new(Field::new("$data$", arrow_type, false));
    let offsets = OffsetBuffer::from_lengths(cells.iter().map(|c| c.count()));
    let nulls = NullBuffer::from(
        cells
            .iter()
            .map(|c| !matches!(c, Value::Null))
            .collect::<Vec<bool>>(),
    );
    let list = ListArray::try_new(child.clone(), offsets, values, Some(nulls))?;
    let field = Field::new(name, ArrowType::List(child), true).with_metadata(metadata);
    Ok((field, Arc::new(list)))
}

/// One Arrow array of `arrow_type` holding `items` (`None`: null).
fn values_array<'a>(
    ty: DataType,
    arrow_type: &ArrowType,
    len: usize,
    items: impl Iterator<Item = Option<&'a Scalar>>,
    options: &ArrowOptions,
) -> ArrayRef {
    match arrow_type {
        ArrowType::Null => Arc::new(NullArray::new(len)),
        ArrowType::Boolean => {
            let mut b = BooleanBuilder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_bool)));
            Arc::new(b.finish())
        }
        ArrowType::Int32 => {
            let mut b = Int32Builder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_i32)));
            Arc::new(b.finish())
        }
        ArrowType::Int64 => {
            let mut b = Int64Builder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_i64)));
            Arc::new(b.finish())
        }
        ArrowType::UInt64 => {
            let mut b = UInt64Builder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_u64)));
            Arc::new(b.finish())
        }
        ArrowType::Float64 => {
            let mut b = Float64Builder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_f64)));
            Arc::new(b.finish())
        }
        ArrowType::Timestamp(TimeUnit::Nanosecond, tz) => {
            let mut b = TimestampNanosecondBuilder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_nanos)));
            Arc::new(b.finish().with_timezone_opt(tz.clone()))
        }
        ArrowType::Timestamp(_, tz) => {
            let mut b = TimestampMillisecondBuilder::with_capacity(len);
            items.for_each(|s| b.append_option(s.and_then(as_millis)));
            Arc::new(b.finish().with_timezone_opt(tz.clone()))
        }
        ArrowType::Binary => {
            let mut b = BinaryBuilder::with_capacity(len, len * 4);
            items.for_each(|s| b.append_option(s.and_then(ip_bytes)));
            Arc::new(b.finish())
        }
        _ => {
            let mut b = StringBuilder::with_capacity(len, len * 16);
            items.for_each(|s| b.append_option(s.map(|s| text_of(ty, s, options))));
            Arc::new(b.finish())
        }
    }
}

fn as_bool(s: &Scalar) -> Option<bool> {
    match s {
        Scalar::Boolean(b) => Some(*b),
        _ => None,
    }
}

fn as_i32(s: &Scalar) -> Option<i32> {
    match s {
        Scalar::Integer(v) => Some(*v),
        _ => None,
    }
}

fn as_i64(s: &Scalar) -> Option<i64> {
    match s {
        Scalar::Long(v) => Some(*v),
        Scalar::Integer(v) => Some(i64::from(*v)),
        _ => None,
    }
}

fn as_u64(s: &Scalar) -> Option<u64> {
    match s {
        Scalar::UnsignedLong(v) => Some(*v),
        _ => None,
    }
}

fn as_f64(s: &Scalar) -> Option<f64> {
    match s {
        Scalar::Double(v) => Some(*v),
        _ => None,
    }
}

fn as_millis(s: &Scalar) -> Option<i64> {
    match s {
        Scalar::Date(ms) => Some(*ms),
        _ => None,
    }
}

fn as_nanos(s: &Scalar) -> Option<i64> {
    match s {
        Scalar::DateNanos(ns) => Some(*ns),
        Scalar::Date(ms) => ms.checked_mul(1_000_000),
        _ => None,
    }
}

/// An ip as Elasticsearch's Arrow output has it: IPv4-mapped addresses
/// shortened to their 4 bytes, others as the 16 bytes.
fn ip_bytes(s: &Scalar) -> Option<&[u8]> {
    match s {
        Scalar::Ip(bytes) => {
            let v4_mapped = bytes.starts_with(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]);
            Some(if v4_mapped {
                bytes.get(12..).unwrap_or(bytes)
            } else {
                bytes
            })
        }
        _ => None,
    }
}

fn text_of(ty: DataType, s: &Scalar, options: &ArrowOptions) -> String {
    match s {
        Scalar::Ip(bytes) if ty == DataType::Ip && options.ip_as_text => format_ip(bytes),
        other => scalar_to_string(other),
    }
}

/// Writes `result` as an Arrow IPC stream, as Elasticsearch answers
/// `format=arrow`: the schema message, one record batch holding every row
/// (none when there are no rows), the end-of-stream marker; buffers aligned
/// to 8 bytes, no compression.
pub fn write_arrow(result: &QueryResult, out: &mut dyn Write) -> io::Result<()> {
    let batch = result
        .to_record_batch(&ArrowOptions::elasticsearch())
        .map_err(io::Error::other)?;
    let options =
        IpcWriteOptions::try_new(8, false, MetadataVersion::V5).map_err(io::Error::other)?;
    let mut writer = StreamWriter::try_new_with_options(out, batch.schema_ref(), options)
        .map_err(io::Error::other)?;
    if batch.num_rows() > 0 {
        writer.write(&batch).map_err(io::Error::other)?;
    }
    writer.finish().map_err(io::Error::other)
}

#[cfg(test)]
#[path = "arrow_tests.rs"]
mod tests;
