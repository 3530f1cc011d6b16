use super::*;
use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{ArrayRef, Int32Array, StringArray, StructArray, TimestampMicrosecondArray};
use arrow_schema::Field;
use serde_json::json;
use std::sync::Arc;

fn frame() -> RecordBatch {
    let mut tags = ListBuilder::new(StringBuilder::new());
    tags.values().append_value("b");
    tags.values().append_value("a");
    tags.append(true);
    tags.append(false);
    tags.values().append_value("c");
    tags.append(true);
    let user = StructArray::from(vec![(
        Arc::new(Field::new("name", ArrowType::Utf8, true)),
        Arc::new(StringArray::from(vec![Some("ann"), Some("bob"), None])) as ArrayRef,
    )]);
    let mut bytes = Int64Builder::new();
    bytes.append_value(10);
    bytes.append_null();
    bytes.append_value(7);
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("user", Arc::new(user)),
        ("bytes", Arc::new(bytes.finish())),
        ("code", Arc::new(Int32Array::from(vec![1, 2, 3]))),
        (
            "@timestamp",
            Arc::new(
                TimestampMicrosecondArray::from(vec![1_715_385_600_000_123, 0, 1_000_999])
                    .with_timezone("UTC"),
            ),
        ),
        ("tags", Arc::new(tags.finish())),
    ];
    RecordBatch::try_from_iter(columns).unwrap()
}

#[test]
fn record_batches_become_a_typed_index() {
    let batch = frame();
    let session = Session::new()
        .with_record_batches("logs", &batch.schema(), vec![Ok(batch.clone())])
        .unwrap();
    let t = session
        .query("FROM logs | SORT code | KEEP @timestamp, user.name, bytes, code, tags")
        .unwrap();
    let types: Vec<&str> = t.columns.iter().map(|c| c.ty.name()).collect();
    assert_eq!(types, vec!["date", "keyword", "long", "integer", "keyword"]);
    assert_eq!(
        t.to_json_rows(),
        vec![
            vec![
                json!("2024-05-11T00:00:00.000Z"),
                json!("ann"),
                json!(10),
                json!(1),
                json!(["a", "b"])
            ],
            vec![
                json!("1970-01-01T00:00:00.000Z"),
                json!("bob"),
                json!(null),
                json!(2),
                json!(null)
            ],
            vec![
                json!("1970-01-01T00:00:01.000Z"),
                json!(null),
                json!(7),
                json!(3),
                json!("c")
            ],
        ]
    );
}

#[test]
fn unreadable_arrow_types_are_named() {
    let binary = arrow_array::BinaryArray::from(vec![&b"x"[..]]);
    let batch = RecordBatch::try_from_iter(vec![("blob", Arc::new(binary) as ArrayRef)]).unwrap();
    let err = Session::new()
        .with_record_batches("b", &batch.schema(), vec![Ok(batch.clone())])
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "column [blob] has Arrow type [Binary], which esql cannot read"
    );
}

#[test]
fn results_round_trip_through_record_batches() {
    let t = Session::new()
        .query("ROW a = [1, 2], b = \"x\", d = TO_DATETIME(\"2024-01-01T00:00:00Z\")")
        .unwrap();
    let batch = t.to_record_batch(&ArrowOptions::dataframe()).unwrap();
    let again = Session::new()
        .with_record_batches("r", &batch.schema(), vec![Ok(batch.clone())])
        .unwrap()
        .query("FROM r")
        .unwrap();
    assert_eq!(again.to_json_rows(), t.to_json_rows());
}
