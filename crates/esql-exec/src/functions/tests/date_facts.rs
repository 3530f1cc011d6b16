use super::harness::*;
use crate::value::{Period, Scalar, Value};

fn days(n: i32) -> Value {
    Value::One(Scalar::Period(Period { months: 0, days: n }))
}
fn months(n: i64) -> Value {
    Value::One(Scalar::Period(Period { months: n, days: 0 }))
}
fn dur(ms: i64) -> Value {
    Value::One(Scalar::Duration(ms))
}

#[test]
fn truncation() {
    assert_eq!(
        call("date_trunc", &[dur(30_000), dt("2024-05-01T10:00:47.123Z")]),
        dt("2024-05-01T10:00:30.000Z")
    );
    assert_eq!(
        call("date_trunc", &[days(1), dt("2024-05-01T10:00:47Z")]),
        dt("2024-05-01")
    );
    assert_eq!(
        call("date_trunc", &[days(7), dt("2024-05-01T10:00:47Z")]),
        dt("2024-04-29")
    );
    assert_eq!(
        call("date_trunc", &[months(1), dt("2024-05-21T10:00:47Z")]),
        dt("2024-05-01")
    );
    assert_eq!(
        call("date_trunc", &[months(3), dt("2024-05-21T10:00:47Z")]),
        dt("2024-04-01")
    );
    assert_eq!(
        call("date_trunc", &[months(12), dt("2024-05-21T10:00:47Z")]),
        dt("2024-01-01")
    );
    assert_eq!(
        call("date_trunc", &[dur(3_600_000), dt("1969-12-31T23:30:00Z")]),
        dt("1969-12-31T23:00:00Z")
    );
    assert_eq!(
        call("date_trunc", &[days(1), s("2024-05-01T10:00:47Z")]),
        dt("2024-05-01")
    );
    assert_eq!(
        call("bucket", &[dt("2024-05-01T10:00:47Z"), days(1)]),
        dt("2024-05-01")
    );
    assert_eq!(call("bucket", &[i(17), i(5)]), d(15.0));
    assert_eq!(
        try_call("date_trunc", &[dur(0), dt("2024-05-01")])
            .err()
            .unwrap(),
        "Zero or negative time interval is not supported"
    );
    assert_eq!(
        resolve_error("date_trunc", "DATE_TRUNC(1, x)", &[(crate::types::DataType::Integer, "1"), (crate::types::DataType::Date, "x")]),
        "first argument of [DATE_TRUNC(1, x)] must be [dateperiod or timeduration], found value [1] type [integer]"
    );
}

#[test]
fn diffs() {
    let (a, b2) = (
        dt("2023-12-02T11:00:00.000Z"),
        dt("2023-12-02T11:00:00.001Z"),
    );
    assert_eq!(
        call("date_diff", &[s("nanoseconds"), a.clone(), b2.clone()]),
        i(1_000_000)
    );
    assert_eq!(
        call("date_diff", &[s("mcs"), a.clone(), b2.clone()]),
        i(1000)
    );
    assert_eq!(call("date_diff", &[s("ms"), a.clone(), b2]), i(1));
    let c = dt("2023-12-24T11:00:00.000Z");
    assert_eq!(call("date_diff", &[s("dw"), a.clone(), c.clone()]), i(22));
    assert_eq!(call("date_diff", &[s("wk"), a.clone(), c.clone()]), i(3));
    assert_eq!(call("date_diff", &[s("y"), a.clone(), c]), i(22));
    let e = dt("2024-12-24T11:00:00.000Z");
    assert_eq!(call("date_diff", &[s("m"), a.clone(), e.clone()]), i(12));
    assert_eq!(call("date_diff", &[s("qq"), a.clone(), e.clone()]), i(4));
    assert_eq!(call("date_diff", &[s("yyyy"), a.clone(), e]), i(1));
    assert_eq!(
        call(
            "date_diff",
            &[
                s("month"),
                dt("2023-12-31T23:59:59.999Z"),
                dt("2024-01-01T00:00:00")
            ]
        ),
        i(0)
    );
    assert_eq!(
        call(
            "date_diff",
            &[
                s("month"),
                dt("2023-12-31T23:59:59.999Z"),
                dt("2024-02-01T00:00:00")
            ]
        ),
        i(1)
    );
    assert_eq!(
        call(
            "date_diff",
            &[
                s("year"),
                dt("2023-12-31T23:59:59.999Z"),
                dt("2025-01-01T00:00:00")
            ]
        ),
        i(1)
    );
    assert_eq!(
        call(
            "date_diff",
            &[
                s("microseconds"),
                dt("2023-12-02T11:00:00.000Z"),
                s("2023-12-02T11:00:00.001Z")
            ]
        ),
        i(1000)
    );
    assert!(fails(
        "date_diff",
        &[s("nanoseconds"), a, dt("2023-12-23T11:00:00.000Z")]
    )
    .ends_with("[1814400000000000] out of [integer] range"));
}

#[test]
fn extract_format_parse() {
    assert_eq!(
        call("date_extract", &[s("year"), dt("2022-05-06")]),
        l(2022)
    );
    assert_eq!(call("date_extract", &[s("year"), s("2022-05-06")]), l(2022));
    assert_eq!(
        call("date_extract", &[s("DAY_OF_WEEK"), dt("2024-05-06")]),
        l(1)
    );
    assert_eq!(
        call(
            "date_extract",
            &[s("hour_of_day"), dt("2024-05-06T13:14:15Z")]
        ),
        l(13)
    );
    assert!(try_call("date_extract", &[s("bogus"), dt("2024-05-06")]).is_err());
    assert_eq!(
        call("date_format", &[dt("1985-02-18")]),
        s("1985-02-18T00:00:00.000Z")
    );
    assert_eq!(
        call("date_format", &[s("yyyy-MM-dd"), dt("1985-02-18")]),
        s("1985-02-18")
    );
    assert_eq!(
        call(
            "date_format",
            &[s("yyyy-MM-dd"), s("1989-06-02T00:00:00.000Z")]
        ),
        s("1989-06-02")
    );
    assert_eq!(
        call("date_format", &[s("MMMM"), dt("1958-05-21")]),
        s("May")
    );
    assert_eq!(
        call("date_parse", &[s("yyyy-MM-dd"), s("2023-02-01")]),
        dt("2023-02-01")
    );
    assert_eq!(
        call(
            "date_parse",
            &[s("yyyy-MM-dd HH:mm:ss"), s("2023-02-01 12:15:55")]
        ),
        dt("2023-02-01T12:15:55Z")
    );
    assert_eq!(
        call("date_parse", &[s("2023-02-01T12:15:55.000Z")]),
        dt("2023-02-01T12:15:55Z")
    );
    assert_eq!(call("date_parse", &[null(), s("2023-02-01")]), null());
    assert_eq!(
        fails("date_parse", &[s("yyyy-MM"), s("2023-02-01")]),
        "java.lang.IllegalArgumentException: failed to parse date field [2023-02-01] with format [yyyy-MM]"
    );
    assert_eq!(call("day_name", &[dt("2024-05-06")]), s("Monday"));
    assert_eq!(call("month_name", &[dt("2024-05-06")]), s("May"));
    assert_eq!(
        call("now", &[]),
        Value::One(Scalar::Date(1_704_067_200_000))
    );
}
