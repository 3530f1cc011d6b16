use super::harness::*;
use crate::functions::convert::cast;
use crate::types::DataType;

#[test]
fn numbers() {
    assert_eq!(call("to_long", &[d(123.4)]), l(123));
    assert_eq!(call("to_long", &[d(2.5)]), l(3));
    assert_eq!(call("to_long", &[d(-2.5)]), l(-2));
    assert_eq!(call("to_integer", &[d(123.4)]), i(123));
    assert_eq!(call("to_int", &[s("12")]), i(12));
    assert_eq!(call("to_dbl", &[s("5.20128E11")]), d(520128000000.0));
    assert_eq!(call("to_ul", &[s("2147483648.2")]), ul(2147483648));
    assert_eq!(call("to_ul", &[d(123.4)]), ul(123));
    assert_eq!(call("to_long", &[b(true)]), l(1));
    assert_eq!(call("to_double", &[dt("1970-01-01T00:00:01Z")]), d(1000.0));
    assert_eq!(
        fails("to_integer", &[d(1e19)]),
        "org.elasticsearch.xpack.esql.core.InvalidArgumentException: [1.0E19] out of [integer] range"
    );
    assert_eq!(
        fails("to_double", &[s("foo")]),
        "java.lang.NumberFormatException: For input string: \"foo\""
    );
    assert!(fails("to_ul", &[s("foo")]).contains("Character f is neither a decimal digit number"));
}

#[test]
fn per_value_with_partial_results() {
    // ROW long = [5013792, 2147483647, 501379200000] | EVAL int = TO_INTEGER(long)
    let e = super::harness::try_call("to_integer", &[longs(&[5013792, 2147483647, 501379200000])])
        .unwrap()
        .1
        .unwrap_err();
    assert_eq!(e.message, "[501379200000] out of [integer] range");
    assert_eq!(e.result(), ints(&[5013792, 2147483647]));
    // row strings = ["1", "two"] | eval ints = to_int(strings)
    let e = super::harness::try_call("to_int", &[strs(&["1", "two"])])
        .unwrap()
        .1
        .unwrap_err();
    assert_eq!(e.result(), i(1));
    assert_eq!(call("to_string", &[ints(&[1, 2])]), strs(&["1", "2"]));
}

#[test]
fn others() {
    assert_eq!(call("to_boolean", &[s("TRUE")]), b(true));
    assert_eq!(call("to_boolean", &[s("yes")]), b(false));
    assert_eq!(call("to_bool", &[i(0)]), b(false));
    assert_eq!(call("to_string", &[d(1.0)]), s("1.0"));
    assert_eq!(call("to_string", &[b(true)]), s("true"));
    assert_eq!(
        call("to_dt", &[s("2023-02-01")]),
        dt("2023-02-01T00:00:00Z")
    );
    assert_eq!(
        call("to_datetime", &[l(520128000000)]),
        dt("1986-06-26T00:00:00.000Z")
    );
    assert_eq!(
        fails("to_datetime", &[s("1964-06-02 00:00:00")]),
        "java.lang.IllegalArgumentException: failed to parse date field [1964-06-02 00:00:00] with format [strict_date_optional_time]"
    );
    assert_eq!(
        call("to_string", &[call("to_ip", &[s("1.1.1.1")])]),
        s("1.1.1.1")
    );
    assert_eq!(
        fails("to_ip", &[s("foo")]),
        "java.lang.IllegalArgumentException: 'foo' is not an IP string literal."
    );
    assert_eq!(ret("to_version", &[s("1.2.3")]), DataType::Version);
    assert_eq!(cast(&s("42"), DataType::Long).unwrap(), l(42));
    assert_eq!(
        cast(&s("1 day"), DataType::DatePeriod)
            .unwrap()
            .as_slice()
            .len(),
        1
    );
    assert_eq!(
        crate::functions::convert::cast_name(DataType::Date),
        Some("to_datetime")
    );
    assert_eq!(
        resolve_error("to_ip", "to_ip(x)", &[(DataType::Long, "x")]),
        "argument of [to_ip(x)] must be [ip or string], found value [x] type [long]"
    );
}
