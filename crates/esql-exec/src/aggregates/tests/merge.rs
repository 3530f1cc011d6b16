//! Partial aggregation then merge must equal a single pass.

use super::*;
use std::sync::LazyLock;

static FIVE: Value = Value::One(Scalar::Integer(5));
static P90: Value = Value::One(Scalar::Integer(90));
static DESC: LazyLock<Value> = LazyLock::new(|| Value::str("desc"));

/// Mixed rows: singles, multi-values and nulls, in two columns.
fn rows() -> Vec<Vec<Value>> {
    (0..97)
        .map(|i: i32| {
            let v = match i % 5 {
                0 => Value::Null,
                1 => many(vec![Scalar::Integer(i), Scalar::Integer(i * 3 % 17)]),
                _ => int((i * 37) % 41 - 20),
            };
            let w = if i % 7 == 0 {
                Value::Null
            } else {
                int(i % 4 + 1)
            };
            vec![v, w]
        })
        .collect()
}

fn doubles(rows: &[Vec<Value>]) -> Vec<Vec<Value>> {
    rows.iter()
        .map(|r| {
            r.iter()
                .map(|v| {
                    let d: Vec<Scalar> = v
                        .as_slice()
                        .iter()
                        .filter_map(Scalar::as_f64)
                        .map(|x| Scalar::Double(x * 0.37))
                        .collect();
                    Value::from_vec(d)
                })
                .collect()
        })
        .collect()
}

fn same(a: &Result<Value, EvalError>, b: &Result<Value, EvalError>) -> bool {
    match (a, b) {
        (Ok(Value::One(Scalar::Double(x))), Ok(Value::One(Scalar::Double(y)))) => {
            (x - y).abs() <= 1e-9 * x.abs().max(1.0)
        }
        _ => a == b,
    }
}

fn check(name: &str, args: &[ArgInfo<'_>], rows: &[Vec<Value>]) {
    let single = run(name, args, rows);
    assert!(!matches!(single, Ok(Value::Null)), "{name} gave null");
    for parts in [2, 3, 7, 200] {
        let split = run_split(name, args, rows, parts);
        assert!(
            same(&single, &split),
            "{name} with {parts} parts: {single:?} vs {split:?}"
        );
    }
}

#[test]
fn every_aggregate_merges() {
    let rows = rows();
    let drows = doubles(&rows);
    let i = col(DataType::Integer, "x");
    let d = col(DataType::Double, "x");
    for name in [
        "count",
        "count_distinct",
        "sum",
        "avg",
        "min",
        "max",
        "values",
        "median",
        "median_absolute_deviation",
        "std_dev",
        "present",
        "absent",
    ] {
        check(name, std::slice::from_ref(&i), &rows);
        check(name, std::slice::from_ref(&d), &drows);
    }
    check("count", &[], &rows);
    let p = [i.clone(), lit(DataType::Integer, "90", &P90)];
    check("percentile", &p, &rows);
    let t = [
        i.clone(),
        lit(DataType::Integer, "5", &FIVE),
        lit(DataType::Keyword, "\"desc\"", &DESC),
    ];
    check("top", &t, &rows);
    check("top", &t[..2], &rows);
    let w = [i.clone(), col(DataType::Integer, "w")];
    check("weighted_avg", &w, &rows);
    check(
        "weighted_avg",
        &[d.clone(), col(DataType::Double, "w")],
        &drows,
    );
}

#[test]
fn merging_keeps_keyword_sets() {
    let rows: Vec<Vec<Value>> = ["b", "a", "c", "a", "b", "d"]
        .iter()
        .map(|s| vec![kw(s)])
        .collect();
    let k = [col(DataType::Keyword, "k")];
    for parts in [2, 4] {
        assert_eq!(
            run_split("values", &k, &rows, parts),
            Ok(many(["a", "b", "c", "d"].map(Scalar::str).to_vec()))
        );
        assert_eq!(run_split("count_distinct", &k, &rows, parts), Ok(long(4)));
        assert_eq!(run_split("min", &k, &rows, parts), Ok(kw("a")));
    }
}

#[test]
fn overflow_survives_merge() {
    let rows = vec![vec![long(i64::MAX)], vec![long(i64::MAX)], vec![long(-5)]];
    let l = [col(DataType::Long, "l")];
    let e = run_split("sum", &l, &rows, 3).expect_err("overflows");
    assert_eq!(e.detail(), "java.lang.ArithmeticException: long overflow");
}
