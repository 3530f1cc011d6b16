//! One cell of an Arrow array as the JSON value a document would hold, for
//! [`Session::with_record_batches`](super::Session::with_record_batches).

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrowPrimitiveType};
use arrow_schema::{DataType as ArrowType, TimeUnit};
use serde_json::Value as Json;

/// The value at `row`: `None` for a null (a missing field), numbers as
/// numbers (timestamps and dates as epoch milliseconds), strings as strings,
/// lists as arrays without their nulls, structs as objects without their
/// null fields. Types [`declare_types`](super::arrow) refuses give `None`.
pub(super) fn json_at(array: &dyn Array, row: usize) -> Option<Json> {
    if array.is_null(row) {
        return None;
    }
    match array.data_type() {
        ArrowType::Boolean => array.as_boolean_opt().map(|a| Json::Bool(a.value(row))),
        ArrowType::Int8 => number::<Int8Type>(array, row),
        ArrowType::Int16 => number::<Int16Type>(array, row),
        ArrowType::Int32 => number::<Int32Type>(array, row),
        ArrowType::Int64 => number::<Int64Type>(array, row),
        ArrowType::UInt8 => number::<UInt8Type>(array, row),
        ArrowType::UInt16 => number::<UInt16Type>(array, row),
        ArrowType::UInt32 => number::<UInt32Type>(array, row),
        ArrowType::UInt64 => number::<UInt64Type>(array, row),
        ArrowType::Float32 => array
            .as_primitive_opt::<Float32Type>()
            .and_then(|a| float(f64::from(a.value(row)))),
        ArrowType::Float64 => array
            .as_primitive_opt::<Float64Type>()
            .and_then(|a| float(a.value(row))),
        ArrowType::Utf8 => array
            .as_string_opt::<i32>()
            .map(|a| Json::from(a.value(row))),
        ArrowType::LargeUtf8 => array
            .as_string_opt::<i64>()
            .map(|a| Json::from(a.value(row))),
        ArrowType::Utf8View => array.as_string_view_opt().map(|a| Json::from(a.value(row))),
        ArrowType::Timestamp(unit, _) => timestamp_millis(array, *unit, row).map(Json::from),
        ArrowType::Date32 => array
            .as_primitive_opt::<Date32Type>()
            .map(|a| Json::from(i64::from(a.value(row)) * 86_400_000)),
        ArrowType::Date64 => array
            .as_primitive_opt::<Date64Type>()
            .map(|a| Json::from(a.value(row))),
        ArrowType::List(_) => array
            .as_list_opt::<i32>()
            .and_then(|a| list(a.value(row).as_ref())),
        ArrowType::LargeList(_) => array
            .as_list_opt::<i64>()
            .and_then(|a| list(a.value(row).as_ref())),
        ArrowType::FixedSizeList(_, _) => array
            .as_fixed_size_list_opt()
            .and_then(|a| list(a.value(row).as_ref())),
        ArrowType::Struct(fields) => {
            let a = array.as_struct_opt()?;
            let mut object = serde_json::Map::new();
            for (field, column) in fields.iter().zip(a.columns()) {
                if let Some(v) = json_at(column.as_ref(), row) {
                    object.insert(field.name().clone(), v);
                }
            }
            Some(Json::Object(object))
        }
        ArrowType::Dictionary(_, _) => {
            let a = array.as_any_dictionary_opt()?;
            let key = *a.normalized_keys().get(row)?;
            json_at(a.values().as_ref(), key)
        }
        _ => None,
    }
}

fn number<T>(array: &dyn Array, row: usize) -> Option<Json>
where
    T: ArrowPrimitiveType,
    Json: From<T::Native>,
{
    array
        .as_primitive_opt::<T>()
        .map(|a| Json::from(a.value(row)))
}

/// A finite float as a JSON number; NaN and infinities are no value.
fn float(f: f64) -> Option<Json> {
    serde_json::Number::from_f64(f).map(Json::Number)
}

fn timestamp_millis(array: &dyn Array, unit: TimeUnit, row: usize) -> Option<i64> {
    match unit {
        TimeUnit::Second => array
            .as_primitive_opt::<TimestampSecondType>()
            .and_then(|a| a.value(row).checked_mul(1000)),
        TimeUnit::Millisecond => array
            .as_primitive_opt::<TimestampMillisecondType>()
            .map(|a| a.value(row)),
        TimeUnit::Microsecond => array
            .as_primitive_opt::<TimestampMicrosecondType>()
            .map(|a| a.value(row).div_euclid(1000)),
        TimeUnit::Nanosecond => array
            .as_primitive_opt::<TimestampNanosecondType>()
            .map(|a| a.value(row).div_euclid(1_000_000)),
    }
}

/// A list's values as a JSON array; an empty list (or one of nulls) is null.
fn list(values: &dyn Array) -> Option<Json> {
    let items: Vec<Json> = (0..values.len())
        .filter_map(|i| json_at(values, i))
        .collect();
    (!items.is_empty()).then_some(Json::Array(items))
}
