use super::*;
use crate::catalog::field_types::IndexFieldTypes;
use crate::catalog::DeclaredFields;
use crate::reader::documents::{DocumentFormat, InputFormat};

fn index(fields: &[(&str, DataType)]) -> Arc<LookupIndex> {
    Arc::new(LookupIndex {
        name: "l".to_string(),
        info: IndexInfo {
            name: "l".to_string(),
            files: Vec::new(),
            failure_store: false,
            declared: Arc::new(DeclaredFields::new(None, IndexFieldTypes::default(), false)),
            format: DocumentFormat {
                input: InputFormat::Auto,
                pipeline: Default::default(),
            },
            mode: None,
        },
        fields: fields.iter().map(|(n, t)| (n.to_string(), *t)).collect(),
        storage: BTreeMap::new(),
        conflicts: Vec::new(),
    })
}

fn long(i: i64) -> Value {
    Value::One(Scalar::Long(i))
}

fn longs(v: &[i64]) -> Value {
    Value::from_vec(v.iter().map(|i| Scalar::Long(*i)).collect())
}

/// A join on field 0 (`code`, long) with `op`, outputting field 1.
fn join(op: CmpOp, rows: Vec<Vec<Value>>) -> LookupJoinSpec {
    let ix = index(&[("code", DataType::Long), ("name", DataType::Keyword)]);
    let spec = LookupJoinSpec::new(
        0,
        ix,
        vec![JoinKey {
            left: 0,
            right: 0,
            op,
            kind: KeyKind::Long,
        }],
        vec![1],
        vec![0, 1],
    );
    spec.load(
        Arc::new(LoadedIndex {
            columns: vec![0, 1],
            rows,
        }),
        &MemoryBudget::default(),
    );
    spec
}

fn rows() -> Vec<Vec<Value>> {
    vec![
        vec![long(1), Value::str("a")],
        vec![long(2), Value::str("b")],
        vec![long(1), Value::str("c")],
        vec![longs(&[3, 4]), Value::str("mv")],
        vec![Value::Null, Value::str("no key")],
    ]
}

#[test]
fn equal_keys_match_every_document_in_order() {
    let spec = join(CmpOp::Eq, rows());
    let state = spec.state().unwrap();
    let found = state.probe(&[&long(1)]);
    assert_eq!(found.docs, vec![0, 2]);
    assert!(!found.multi_value);
    assert_eq!(state.outputs(Some(2)), vec![Value::str("c")]);
    assert_eq!(state.outputs(None), vec![Value::Null]);
    // An integer finds a long, a whole double too; a fraction nothing.
    assert_eq!(
        state.probe(&[&Value::One(Scalar::Integer(2))]).docs,
        vec![1]
    );
    assert_eq!(
        state.probe(&[&Value::One(Scalar::Double(2.0))]).docs,
        vec![1]
    );
    assert!(state
        .probe(&[&Value::One(Scalar::Double(2.5))])
        .docs
        .is_empty());
}

#[test]
fn multi_values_match_nothing_and_warn() {
    let spec = join(CmpOp::Eq, rows());
    let state = spec.state().unwrap();
    // A multi-valued left key.
    let found = state.probe(&[&longs(&[1, 2])]);
    assert!(found.docs.is_empty() && found.multi_value);
    // A document whose key is multi-valued: never matched, warned when it would be.
    let found = state.probe(&[&long(4)]);
    assert!(found.docs.is_empty() && found.multi_value);
    let found = state.probe(&[&long(9)]);
    assert!(found.docs.is_empty() && !found.multi_value);
    // A null key matches nothing, silently.
    let found = state.probe(&[&Value::Null]);
    assert!(found.docs.is_empty() && !found.multi_value);
}

#[test]
fn range_conditions_scan_the_documents() {
    let spec = join(CmpOp::Gt, rows());
    let state = spec.state().unwrap();
    // 2 > code: the documents with code 1; the multi-valued one (3, 4) does not qualify.
    let found = state.probe(&[&long(2)]);
    assert_eq!(found.docs, vec![0, 2]);
    assert!(!found.multi_value);
    let found = state.probe(&[&long(4)]);
    assert_eq!(found.docs, vec![0, 1, 2]);
    assert!(
        found.multi_value,
        "4 > 3 would match the multi-valued document"
    );
    let spec = join(CmpOp::NotEq, rows());
    assert_eq!(spec.state().unwrap().probe(&[&long(1)]).docs, vec![1]);
}

#[test]
fn operators_swap_with_their_operands() {
    assert_eq!(CmpOp::Lt.swapped(), CmpOp::Gt);
    assert_eq!(CmpOp::GtEq.swapped(), CmpOp::LtEq);
    assert_eq!(CmpOp::Eq.swapped(), CmpOp::Eq);
}
