use super::*;
use crate::format::test_data::{col, mixed};
use arrow_array::cast::AsArray;
use arrow_array::types::{Int64Type, TimestampMillisecondType};
use arrow_array::Array;
use arrow_ipc::reader::StreamReader;

fn read_back(result: &QueryResult) -> (SchemaRef, Vec<RecordBatch>) {
    let mut bytes = Vec::new();
    write_arrow(result, &mut bytes).unwrap();
    let reader = StreamReader::try_new(std::io::Cursor::new(bytes), None).unwrap();
    let schema = reader.schema();
    let batches = reader.collect::<Result<Vec<_>, _>>().unwrap();
    (schema, batches)
}

#[test]
fn columns_have_elasticsearch_arrow_types_and_metadata() {
    let (schema, batches) = read_back(&mixed());
    let types: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| f.data_type().to_string())
        .collect();
    assert_eq!(
        types,
        vec![
            "Utf8",
            "Int64",
            "List(Field { name: \"$data$\", data_type: Float64, nullable: false, dict_id: 0, dict_is_ordered: false, metadata: {} })",
            "Timestamp(Millisecond, None)",
            "Binary",
            "List(Field { name: \"$data$\", data_type: Utf8, nullable: false, dict_id: 0, dict_is_ordered: false, metadata: {} })",
        ]
    );
    let es_types: Vec<&str> = schema
        .fields()
        .iter()
        .map(|f| f.metadata()[ELASTIC_TYPE_KEY].as_str())
        .collect();
    assert_eq!(
        es_types,
        vec!["keyword", "long", "double", "date", "ip", "keyword"]
    );
    assert_eq!(batches.len(), 1);
    let batch = &batches[0];
    assert_eq!(batch.num_rows(), 3);
    let n = batch.column(1).as_primitive::<Int64Type>();
    assert_eq!((n.value(0), n.is_null(1), n.value(2)), (1, true, -7));
    let ts = batch.column(3).as_primitive::<TimestampMillisecondType>();
    assert_eq!(ts.value(0), 1_715_141_280_000);
    let ip = batch.column(4).as_binary::<i32>();
    assert_eq!(ip.value(0), &[10, 0, 0, 1]);
    assert_eq!(ip.value(1).len(), 16);
    assert!(ip.is_null(2));
    let tags = batch.column(5).as_list::<i32>();
    assert_eq!(
        tags.value(0).as_string::<i32>().iter().collect::<Vec<_>>(),
        vec![Some("a"), Some("b")]
    );
    assert!(tags.is_null(1));
    assert_eq!(tags.value(2).len(), 1);
}

#[test]
fn dataframe_options_give_utc_timestamps_and_ip_text() {
    let batch = mixed().to_record_batch(&ArrowOptions::dataframe()).unwrap();
    assert_eq!(
        batch.schema().field(3).data_type(),
        &ArrowType::Timestamp(TimeUnit::Millisecond, Some(Arc::from("UTC")))
    );
    let ip = batch.column(4).as_string::<i32>();
    assert_eq!((ip.value(0), ip.value(1)), ("10.0.0.1", "2001:db8::1"));
}

#[test]
fn an_empty_result_is_a_schema_without_batches() {
    let result = QueryResult {
        columns: vec![col("u", DataType::Unsupported), col("b", DataType::Boolean)],
        rows: vec![],
        warnings: vec![],
    };
    let (schema, batches) = read_back(&result);
    assert_eq!(schema.fields().len(), 2);
    assert_eq!(schema.field(0).data_type(), &ArrowType::Null);
    assert!(batches.is_empty());
}

#[test]
fn unsigned_longs_and_unsupported_columns() {
    let result = QueryResult {
        columns: vec![
            col("u", DataType::UnsignedLong),
            col("x", DataType::Unsupported),
        ],
        rows: vec![vec![
            Value::One(Scalar::UnsignedLong(u64::MAX)),
            Value::str("hidden"),
        ]],
        warnings: vec![],
    };
    let (_, batches) = read_back(&result);
    let u = batches[0]
        .column(0)
        .as_primitive::<arrow_array::types::UInt64Type>();
    assert_eq!(u.value(0), u64::MAX);
    assert_eq!(batches[0].column(1).null_count(), 0);
    assert_eq!(batches[0].column(1).data_type(), &ArrowType::Null);
}
