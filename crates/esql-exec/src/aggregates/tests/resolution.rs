use super::*;
use std::sync::LazyLock;

static ZERO: Value = Value::One(Scalar::Integer(0));
static ZERO_D: Value = Value::One(Scalar::Double(0.0));
static TEN: Value = Value::One(Scalar::Integer(10));
static NULL: Value = Value::Null;
static ASC: LazyLock<Value> = LazyLock::new(|| Value::str("asc"));
static BAD: LazyLock<Value> = LazyLock::new(|| Value::str("up"));

fn err(name: &str, text: &str, args: &[ArgInfo<'_>]) -> String {
    match resolve(name, text, args) {
        Ok(_) => String::from("resolved"),
        Err(e) => e,
    }
}

fn ty(name: &str, args: &[ArgInfo<'_>]) -> DataType {
    resolve(name, name, args).expect("resolves").return_type
}

#[test]
fn result_types() {
    use DataType::*;
    assert_eq!(ty("count", &[]), Long);
    assert_eq!(ty("count", &[col(Keyword, "k")]), Long);
    assert_eq!(ty("sum", &[col(Integer, "i")]), Long);
    assert_eq!(ty("sum", &[col(Long, "l")]), Long);
    assert_eq!(ty("sum", &[col(Double, "d")]), Double);
    assert_eq!(ty("sum", &[col(Null, "null")]), Null);
    assert_eq!(ty("avg", &[col(Integer, "i")]), Double);
    assert_eq!(ty("avg", &[col(Null, "null")]), Double);
    assert_eq!(ty("min", &[col(Integer, "i")]), Integer);
    assert_eq!(ty("max", &[col(Text, "t")]), Keyword);
    assert_eq!(ty("max", &[col(UnsignedLong, "u")]), UnsignedLong);
    assert_eq!(ty("min", &[col(Null, "null")]), Null);
    assert_eq!(ty("max", &[col(Version, "v")]), Version);
    assert_eq!(ty("values", &[col(Text, "t")]), Keyword);
    assert_eq!(ty("values", &[col(Ip, "ip")]), Ip);
    assert_eq!(ty("median", &[col(Integer, "i")]), Double);
    assert_eq!(ty("count_distinct", &[col(Null, "null")]), Long);
    assert_eq!(ty("std_dev", &[col(Long, "l")]), Double);
    assert_eq!(ty("present", &[col(Keyword, "k")]), Boolean);
    assert_eq!(
        ty("top", &[col(Text, "t"), lit(Integer, "10", &TEN)]),
        Keyword
    );
}

#[test]
fn row_args() {
    assert_eq!(resolve("count", "count(*)", &[]).map(|r| r.row_args), Ok(0));
    let p = [
        col(DataType::Integer, "x"),
        lit(DataType::Integer, "10", &TEN),
    ];
    assert_eq!(
        resolve("percentile", "percentile(x, 10)", &p).map(|r| r.row_args),
        Ok(1)
    );
    let w = [col(DataType::Integer, "x"), col(DataType::Integer, "w")];
    assert_eq!(
        resolve("weighted_avg", "weighted_avg(x, w)", &w).map(|r| r.row_args),
        Ok(2)
    );
}

#[test]
fn lookup_is_case_insensitive() {
    assert!(lookup("COUNT_DISTINCT").is_some());
    assert!(lookup("Median_Absolute_Deviation").is_some());
    assert!(lookup("nope").is_none());
    assert!(super::super::all().count() >= 14);
}

#[test]
fn numeric_type_errors() {
    assert_eq!(
        err("sum", "sum(name)", &[col(DataType::Keyword, "name")]),
        "argument of [sum(name)] must be [numeric except unsigned_long or counter types], found value [name] type [keyword]"
    );
    assert_eq!(
        err("sum", "sum(hire_date)", &[col(DataType::Date, "hire_date")]),
        "argument of [sum(hire_date)] must be [numeric except unsigned_long or counter types], found value [hire_date] type [datetime]"
    );
    assert_eq!(
        err("avg", "avg(x)", &[col(DataType::UnsignedLong, "x")]),
        "argument of [avg(x)] must be [numeric except unsigned_long or counter types], found value [x] type [unsigned_long]"
    );
    assert_eq!(
        err("median_absolute_deviation", "median_absolute_deviation(x)", &[col(DataType::Version, "x")]),
        "argument of [median_absolute_deviation(x)] must be [numeric except unsigned_long or counter types], found value [x] type [version]"
    );
    assert_eq!(
        err("count_distinct", "count_distinct(x)", &[col(DataType::UnsignedLong, "x")]),
        "argument of [count_distinct(x)] must be [any exact type except unsigned_long, _source, or counter types], found value [x] type [unsigned_long]"
    );
}

#[test]
fn percentile_errors() {
    assert_eq!(
        err("percentile", "percentile(x, 10)", &[col(DataType::Version, "x"), lit(DataType::Integer, "10", &TEN)]),
        "first argument of [percentile(x, 10)] must be [numeric except unsigned_long], found value [x] type [version]"
    );
    assert_eq!(
        err(
            "percentile",
            "percentile(x, y)",
            &[col(DataType::Integer, "x"), col(DataType::Integer, "y")]
        ),
        "second argument of [percentile(x, y)] must be a constant, received [y]"
    );
    assert_eq!(
        err(
            "percentile",
            "percentile(x)",
            &[col(DataType::Integer, "x")]
        ),
        "error building [percentile]: expects exactly two arguments"
    );
}

#[test]
fn count_distinct_precision_checks() {
    let x = col(DataType::Double, "height");
    assert!(resolve(
        "count_distinct",
        "c",
        &[x.clone(), lit(DataType::Integer, "100", &TEN)]
    )
    .is_ok());
    assert_eq!(
        err("count_distinct", "count_distinct(height, 1.5)", &[x.clone(), lit(DataType::Double, "1.5", &ZERO_D)]),
        "second argument of [count_distinct(height, 1.5)] must be [whole number], found value [1.5] type [double]"
    );
    assert_eq!(
        err(
            "count_distinct",
            "count_distinct(height, p)",
            &[x, col(DataType::Integer, "p")]
        ),
        "second argument of [count_distinct(height, p)] must be a constant, received [p]"
    );
}

#[test]
fn top_checks() {
    let f = col(DataType::Integer, "x");
    assert_eq!(
        err(
            "top",
            "top(x, 0, \"asc\")",
            &[
                f.clone(),
                lit(DataType::Integer, "0", &ZERO),
                lit(DataType::Keyword, "\"asc\"", &ASC)
            ]
        ),
        "Limit must be greater than 0 in [top(x, 0, \"asc\")], found [0]"
    );
    assert_eq!(
        err(
            "top",
            "top(x, 10, \"up\")",
            &[
                f.clone(),
                lit(DataType::Integer, "10", &TEN),
                lit(DataType::Keyword, "\"up\"", &BAD)
            ]
        ),
        "Invalid order value in [top(x, 10, \"up\")], expected [ASC, DESC] but got [up]"
    );
    assert_eq!(
        err(
            "top",
            "top(x, n, \"asc\")",
            &[
                f.clone(),
                col(DataType::Integer, "n"),
                lit(DataType::Keyword, "\"asc\"", &ASC)
            ]
        ),
        "second argument of [top(x, n, \"asc\")] must be a constant, received [n]"
    );
    assert_eq!(
        err(
            "top",
            "top(x, null, \"asc\")",
            &[
                f.clone(),
                lit(DataType::Null, "null", &NULL),
                lit(DataType::Keyword, "\"asc\"", &ASC)
            ]
        ),
        "second argument of [top(x, null, \"asc\")] cannot be null, received [null]"
    );
    assert_eq!(
        err("top", "top(u, 10, \"asc\")", &[col(DataType::UnsignedLong, "u"), lit(DataType::Integer, "10", &TEN), lit(DataType::Keyword, "\"asc\"", &ASC)]),
        "first argument of [top(u, 10, \"asc\")] must be [boolean, date, ip, string or numeric except unsigned_long or counter types], found value [u] type [unsigned_long]"
    );
}

#[test]
fn weighted_avg_checks() {
    let v = col(DataType::Integer, "v");
    assert_eq!(
        err(
            "weighted_avg",
            "weighted_avg(v, null)",
            &[v.clone(), lit(DataType::Null, "null", &NULL)]
        ),
        "SECOND argument of [weighted_avg(v, null)] cannot be null or 0, received [null]"
    );
    assert_eq!(
        err(
            "weighted_avg",
            "weighted_avg(v, 0)",
            &[v.clone(), lit(DataType::Integer, "0", &ZERO)]
        ),
        "SECOND argument of [weighted_avg(v, 0)] cannot be null or 0, received [0]"
    );
    assert_eq!(
        err(
            "weighted_avg",
            "weighted_avg(v, 0.0)",
            &[v, lit(DataType::Double, "0.0", &ZERO_D)]
        ),
        "SECOND argument of [weighted_avg(v, 0.0)] cannot be null or 0, received [0.0]"
    );
}

#[test]
fn arity_errors() {
    assert_eq!(
        err("sum", "sum()", &[]),
        "error building [sum]: expects exactly one argument"
    );
    let two = [col(DataType::Integer, "a"), col(DataType::Integer, "b")];
    assert_eq!(
        err("count", "count(a, b)", &two),
        "error building [count]: expects at most one argument"
    );
    assert_eq!(
        err("count_distinct", "count_distinct()", &[]),
        "error building [count_distinct]: expects one or two arguments"
    );
}

#[test]
fn min_max_type_error() {
    assert_eq!(
        err("max", "max(p)", &[col(DataType::DatePeriod, "p")]),
        "argument of [max(p)] must be [boolean, date, ip, string, version or numeric except counter types], found value [p] type [date_period]"
    );
}
