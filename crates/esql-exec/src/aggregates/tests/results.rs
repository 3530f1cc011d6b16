use super::*;

fn ints(v: &[i32]) -> Vec<Vec<Value>> {
    v.iter().map(|x| vec![int(*x)]).collect()
}

fn one(ty: DataType) -> [ArgInfo<'static>; 1] {
    [col(ty, "x")]
}

#[test]
fn empty_input() {
    use DataType::*;
    assert_eq!(run("count", &[], &[]), Ok(long(0)));
    assert_eq!(run("count", &one(Integer), &[]), Ok(long(0)));
    assert_eq!(run("count_distinct", &one(Integer), &[]), Ok(long(0)));
    for name in [
        "sum",
        "avg",
        "min",
        "max",
        "values",
        "median",
        "median_absolute_deviation",
        "std_dev",
    ] {
        assert_eq!(run(name, &one(Integer), &[]), Ok(Value::Null), "{name}");
    }
    assert_eq!(
        run("present", &one(Integer), &[]),
        Ok(Value::One(Scalar::Boolean(false)))
    );
    assert_eq!(
        run("absent", &one(Integer), &[]),
        Ok(Value::One(Scalar::Boolean(true)))
    );
}

#[test]
fn nulls_are_skipped_and_multi_values_all_count() {
    let rows = vec![
        vec![int(1)],
        vec![Value::Null],
        vec![many(vec![Scalar::Integer(2), Scalar::Integer(3)])],
    ];
    let x = one(DataType::Integer);
    assert_eq!(run("count", &x, &rows), Ok(long(3)));
    assert_eq!(run("count", &[], &rows), Ok(long(3)));
    assert_eq!(run("sum", &x, &rows), Ok(long(6)));
    assert_eq!(run("avg", &x, &rows), Ok(dbl(2.0)));
    assert_eq!(run("min", &x, &rows), Ok(int(1)));
    assert_eq!(run("max", &x, &rows), Ok(int(3)));
    assert_eq!(run("median", &x, &rows), Ok(dbl(2.0)));
    assert_eq!(run("count_distinct", &x, &rows), Ok(long(3)));
    // Only nulls: COUNT(x) is 0 while COUNT(*) counts the rows.
    let nulls = vec![vec![Value::Null], vec![Value::Null]];
    assert_eq!(run("count", &x, &nulls), Ok(long(0)));
    assert_eq!(run("count", &[], &nulls), Ok(long(2)));
    assert_eq!(run("sum", &x, &nulls), Ok(Value::Null));
}

#[test]
fn sum_overflow_is_null_with_warning() {
    let rows = vec![vec![long(i64::MAX)], vec![long(1)]];
    let err = run("sum", &one(DataType::Long), &rows).expect_err("overflows");
    assert_eq!(err.detail(), "java.lang.ArithmeticException: long overflow");
    // Integers sum as longs, past the integer range.
    let big = ints(&[i32::MAX, i32::MAX]);
    assert_eq!(
        run("sum", &one(DataType::Integer), &big),
        Ok(long(2 * i32::MAX as i64))
    );
    // Doubles.
    let d = vec![vec![dbl(0.5)], vec![dbl(0.25)]];
    assert_eq!(run("sum", &one(DataType::Double), &d), Ok(dbl(0.75)));
}

#[test]
fn compensated_double_sum() {
    // 0.1 ten times: a naive sum gives 0.9999999999999999.
    let rows: Vec<Vec<Value>> = (0..10).map(|_| vec![dbl(0.1)]).collect();
    assert_eq!(run("sum", &one(DataType::Double), &rows), Ok(dbl(1.0)));
}

#[test]
fn min_max_of_various_types() {
    let kws = vec![
        vec![kw("b")],
        vec![kw("Z")],
        vec![many(vec![Scalar::str("a"), Scalar::str("c")])],
    ];
    assert_eq!(run("min", &one(DataType::Keyword), &kws), Ok(kw("Z")));
    assert_eq!(run("max", &one(DataType::Text), &kws), Ok(kw("c")));
    let bools = vec![
        vec![Value::One(Scalar::Boolean(true))],
        vec![Value::One(Scalar::Boolean(false))],
    ];
    assert_eq!(
        run("min", &one(DataType::Boolean), &bools),
        Ok(Value::One(Scalar::Boolean(false)))
    );
    assert_eq!(
        run("max", &one(DataType::Boolean), &bools),
        Ok(Value::One(Scalar::Boolean(true)))
    );
    // Versions order semantically; invalid ones after valid ones ("bad" is the maximum
    // of the apps dataset's versions in Elasticsearch's maxOfVersion test).
    let vers = |s: &str| Value::One(Scalar::Version(s.into()));
    let v = vec![
        vec![vers("1.2.3.4")],
        vec![vers("1.11.0")],
        vec![vers("bad")],
        vec![vers("1.9")],
    ];
    assert_eq!(run("max", &one(DataType::Version), &v), Ok(vers("bad")));
    assert_eq!(run("min", &one(DataType::Version), &v), Ok(vers("1.2.3.4")));
    let ul = vec![
        vec![Value::One(Scalar::UnsignedLong(u64::MAX))],
        vec![Value::One(Scalar::UnsignedLong(0))],
    ];
    assert_eq!(
        run("max", &one(DataType::UnsignedLong), &ul),
        Ok(Value::One(Scalar::UnsignedLong(u64::MAX)))
    );
    let dates = vec![
        vec![Value::One(Scalar::Date(5))],
        vec![Value::One(Scalar::Date(-3))],
    ];
    assert_eq!(
        run("min", &one(DataType::Date), &dates),
        Ok(Value::One(Scalar::Date(-3)))
    );
}

#[test]
fn values_distinct_ascending() {
    let rows = vec![
        vec![kw("b")],
        vec![many(vec![Scalar::str("a"), Scalar::str("b")])],
        vec![Value::Null],
    ];
    assert_eq!(
        run("values", &one(DataType::Keyword), &rows),
        Ok(many(vec![Scalar::str("a"), Scalar::str("b")]))
    );
    // A single distinct value comes back as a scalar.
    assert_eq!(
        run("values", &one(DataType::Integer), &ints(&[4, 4])),
        Ok(int(4))
    );
}

#[test]
fn percentiles_interpolate() {
    let x = col(DataType::Integer, "x");
    let rows = ints(&[1, 2, 3, 4]);
    static P0: Value = Value::One(Scalar::Integer(0));
    static P25: Value = Value::One(Scalar::Integer(25));
    static P90: Value = Value::One(Scalar::Double(90.0));
    static P100: Value = Value::One(Scalar::Integer(100));
    static P101: Value = Value::One(Scalar::Integer(101));
    let p = |v: &'static Value| [x.clone(), lit(DataType::Integer, "p", v)];
    assert_eq!(run("percentile", &p(&P0), &rows), Ok(dbl(1.0)));
    assert_eq!(run("percentile", &p(&P25), &rows), Ok(dbl(1.75)));
    assert!((as_f64(&run("percentile", &p(&P90), &rows).expect("ok")) - 3.7).abs() < 1e-12);
    assert_eq!(run("percentile", &p(&P100), &rows), Ok(dbl(4.0)));
    // Out of range: null, no failure.
    assert_eq!(run("percentile", &p(&P101), &rows), Ok(Value::Null));
    assert_eq!(run("median", std::slice::from_ref(&x), &rows), Ok(dbl(2.5)));
    assert_eq!(
        run("median", std::slice::from_ref(&x), &ints(&[7])),
        Ok(dbl(7.0))
    );
}

#[test]
fn median_absolute_deviation() {
    // Deviations from the median 2 of [1,1,2,2,4,6,9] are [1,1,0,0,2,4,7]: median 1.
    let rows = ints(&[1, 1, 2, 2, 4, 6, 9]);
    assert_eq!(
        run("median_absolute_deviation", &one(DataType::Integer), &rows),
        Ok(dbl(1.0))
    );
    assert_eq!(
        run(
            "median_absolute_deviation",
            &one(DataType::Integer),
            &ints(&[5])
        ),
        Ok(dbl(0.0))
    );
}

#[test]
fn std_dev_is_population() {
    let rows = ints(&[2, 4, 4, 4, 5, 5, 7, 9]);
    assert_eq!(run("std_dev", &one(DataType::Integer), &rows), Ok(dbl(2.0)));
    assert_eq!(
        run("std_dev", &one(DataType::Integer), &ints(&[3])),
        Ok(dbl(0.0))
    );
}

#[test]
fn top_keeps_duplicates_in_order() {
    static THREE: Value = Value::One(Scalar::Integer(3));
    static DESC: std::sync::LazyLock<Value> = std::sync::LazyLock::new(|| Value::str("DESC"));
    let rows = vec![
        vec![int(5)],
        vec![many(vec![Scalar::Integer(1), Scalar::Integer(9)])],
        vec![int(5)],
        vec![Value::Null],
        vec![int(2)],
    ];
    let base = [
        col(DataType::Integer, "x"),
        lit(DataType::Integer, "3", &THREE),
    ];
    let ints3 = |a, b, c| {
        many(vec![
            Scalar::Integer(a),
            Scalar::Integer(b),
            Scalar::Integer(c),
        ])
    };
    assert_eq!(run("top", &base, &rows), Ok(ints3(1, 2, 5)));
    let desc = [
        base[0].clone(),
        base[1].clone(),
        lit(DataType::Keyword, "\"DESC\"", &DESC),
    ];
    assert_eq!(run("top", &desc, &rows), Ok(ints3(9, 5, 5)));
    // Many rows stay bounded and correct.
    let lots: Vec<Vec<Value>> = (0..1000).map(|i| vec![int((i * 7919) % 1000)]).collect();
    assert_eq!(run("top", &desc, &lots), Ok(ints3(999, 998, 997)));
}

#[test]
fn weighted_avg_rows() {
    let args = [col(DataType::Integer, "v"), col(DataType::Integer, "w")];
    let rows = vec![
        vec![int(10), int(1)],
        vec![int(20), int(3)],
        vec![Value::Null, int(1)],
    ];
    // (10*1 + 20*3) / (1 + 3 + 1): the weight of a row with a null value
    // still counts, as in SUM(v * w) / SUM(w).
    assert_eq!(run("weighted_avg", &args, &rows), Ok(dbl(14.0)));
    // A multi-valued argument skips the product with a warning.
    let agg = resolve("weighted_avg", "weighted_avg(v, w)", &args).expect("resolves");
    let mut acc = fill(
        &agg,
        &[
            vec![many(vec![Scalar::Integer(1), Scalar::Integer(2)]), int(1)],
            vec![int(4), int(2)],
        ],
    );
    let warnings = acc.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].detail(),
        "java.lang.IllegalArgumentException: single-value function encountered multi-value"
    );
    assert!(acc.take_warnings().is_empty());
    assert_eq!(acc.finish(), Ok(dbl(8.0 / 3.0)));
    // Weights summing to zero divide by zero.
    let zero = vec![vec![int(1), int(1)], vec![int(1), int(-1)]];
    let e = run("weighted_avg", &args, &zero).expect_err("divides by zero");
    assert_eq!(e.detail(), "java.lang.ArithmeticException: / by zero");
    assert_eq!(run("weighted_avg", &args, &[]), Ok(Value::Null));
}

#[test]
fn weighted_avg_constant_weight_is_plain_average() {
    static TWO: Value = Value::One(Scalar::Integer(2));
    let args = [
        col(DataType::Integer, "v"),
        lit(DataType::Integer, "2", &TWO),
    ];
    let rows = vec![
        vec![many(vec![Scalar::Integer(1), Scalar::Integer(2)]), int(2)],
        vec![int(6), int(2)],
    ];
    assert_eq!(run("weighted_avg", &args, &rows), Ok(dbl(3.0)));
}

#[test]
fn count_distinct_numbers_and_strings() {
    let rows = vec![
        vec![dbl(1.0)],
        vec![dbl(-0.0)],
        vec![dbl(0.0)],
        vec![many(vec![Scalar::Double(1.0), Scalar::Double(2.5)])],
    ];
    assert_eq!(
        run("count_distinct", &one(DataType::Double), &rows),
        Ok(long(3))
    );
    // The docs example: COUNT_DISTINCT(SPLIT("foo;bar;baz;qux;quux;foo", ";")) = 5.
    let words = ["foo", "bar", "baz", "qux", "quux", "foo"]
        .map(Scalar::str)
        .to_vec();
    assert_eq!(
        run(
            "count_distinct",
            &one(DataType::Keyword),
            &[vec![many(words)]]
        ),
        Ok(long(5))
    );
}

#[test]
fn present_and_absent() {
    let rows = vec![vec![Value::Null], vec![kw("x")]];
    let x = one(DataType::Keyword);
    assert_eq!(
        run("present", &x, &rows),
        Ok(Value::One(Scalar::Boolean(true)))
    );
    assert_eq!(
        run("absent", &x, &rows),
        Ok(Value::One(Scalar::Boolean(false)))
    );
    assert_eq!(
        run("present", &x, &[vec![Value::Null]]),
        Ok(Value::One(Scalar::Boolean(false)))
    );
}
