//! Facts from the conformance cases (Elasticsearch's csv-spec tests):
//! numeric widening in the conditionals, the CLAMP functions, `TO_TEXT`,
//! `TO_IP` options, unit conversions over multi-values and more.

use super::harness::*;
use crate::functions::{lookup, ArgInfo, CallInfo, EvalEnv};
use crate::types::DataType;
use crate::value::{Scalar, Value};

#[test]
fn case_widens_mixed_numeric_values() {
    // caseWithMixedNumericValue: CASE(c, 1.0, c, 2, 3.0) is a double.
    let args = [b(false), d(1.0), b(true), i(2), d(3.0)];
    assert_eq!(ret("case", &args), DataType::Double);
    assert_eq!(call("case", &args), d(2.0));
    // An integer else branch is widened too, per value.
    assert_eq!(
        call("case", &[b(false), d(1.0), ints(&[4, 5])]),
        dbls(&[4.0, 5.0])
    );
    // integer and long give long.
    assert_eq!(call("case", &[b(true), i(7), l(8)]), l(7));
    // unsigned_long does not mix with signed types.
    assert_eq!(
        resolve_error(
            "case",
            "case(c, u, 1)",
            &[
                (DataType::Boolean, "c"),
                (DataType::UnsignedLong, "u"),
                (DataType::Integer, "1")
            ]
        ),
        "third argument of [case(c, u, 1)] must be [unsigned_long], found value [1] type [integer]"
    );
}

#[test]
fn coalesce_greatest_least_widen() {
    // coalesceMixedNumeric: coalesce(languages.long, 0) is a long.
    assert_eq!(ret("coalesce", &[null(), i(0)]), DataType::Integer);
    assert_eq!(ret("coalesce", &[l(3), i(0)]), DataType::Long);
    assert_eq!(call("coalesce", &[null(), null(), i(0)]), i(0));
    assert_eq!(call("coalesce", &[d(1.5), i(0)]), d(1.5));
    // coalesceMixedNumericFields: the integer that wins becomes a double.
    let args = [null(), null(), i(40031), d(1.41), i(0)];
    assert_eq!(ret("coalesce", &args), DataType::Double);
    assert_eq!(call("coalesce", &args), d(40031.0));
    // greatestWithMixedNumericValues.
    let g = [d(10.0), d(5.0), i(1), d(-100.1), i(0), i(1234), i(-10000)];
    assert_eq!(call("greatest", &g), d(1234.0));
    assert_eq!(call("least", &g), d(-10000.0));
    // greatestWithMixedNumericValuesWithMV: multi-values reduce first.
    let mvd = mv(vec![d(10.0), d(4.0)]);
    assert_eq!(call("greatest", &[mvd.clone(), i(1)]), d(10.0));
    assert_eq!(call("least", &[mvd.clone(), i(1)]), d(1.0));
    assert_eq!(call("greatest", &[mvd, i(1), null()]), null());
}

#[test]
fn clamp_functions() {
    // clampWithKeywordFields and friends (employee 10001).
    let (first, last, gender) = (s("Georgi"), s("Facello"), s("M"));
    assert_eq!(
        call("clamp", &[first.clone(), last.clone(), gender.clone()]),
        s("Georgi")
    );
    assert_eq!(
        call("clamp_max", &[first.clone(), last.clone()]),
        s("Facello")
    );
    assert_eq!(call("clamp_min", &[first, last]), s("Georgi"));
    assert_eq!(call("clamp", &[i(15), i(1), i(10)]), i(10));
    assert_eq!(call("clamp", &[i(-3), i(1), i(10)]), i(1));
    assert_eq!(call("clamp", &[i(5), d(1.5), i(10)]), d(5.0));
    assert_eq!(call("clamp_max", &[null(), i(1)]), null());
    assert_eq!(
        fails("clamp_min", &[ints(&[1, 2]), i(1)]),
        "java.lang.IllegalArgumentException: single-value function encountered multi-value"
    );
    assert_eq!(
        resolve_error("clamp_min", "clamp_min(x)", &[(DataType::Integer, "x")]),
        "error building [clamp_min]: function [clamp_min] expects exactly two arguments, it received 1"
    );
}

#[test]
fn to_text_and_case_keyword() {
    assert_eq!(ret("to_text", &[s("a")]), DataType::Text);
    assert_eq!(call("to_text", &[i(12)]), s("12"));
    // casePartialFold…KeepsKeyword: a text arm gives a keyword CASE.
    let text_arm = resolve_error(
        "case",
        "case(true, t)",
        &[(DataType::Boolean, "true"), (DataType::Text, "t")],
    );
    assert_eq!(text_arm, "resolved to keyword");
}

#[test]
#[allow(clippy::approx_constant)] // the inputs and results of the csv-spec cases
fn unit_conversions_apply_per_value() {
    // floats.csv-spec toDegrees / toRadians, ints.csv-spec likewise.
    assert_eq!(
        call("to_degrees", &[dbls(&[1.57, 3.14, 4.71])]),
        dbls(&[89.95437383553924, 179.9087476710785, 269.86312150661774])
    );
    assert_eq!(
        call("to_radians", &[ints(&[90, 180, 270])]),
        dbls(&[1.5707963267948966, 3.141592653589793, 4.71238898038469])
    );
    assert_eq!(call("to_degrees", &[i(1)]), d(57.29577951308232));
}

#[test]
fn string_literals_cast_to_numbers() {
    // evalAbsString: ABS("10.0") is the double 10.0.
    assert_eq!(ret("abs", &[s("10.0")]), DataType::Double);
    assert_eq!(call("abs", &[s("-10.0")]), d(10.0));
    assert_eq!(call("round", &[s("1.26"), i(1)]), d(1.3));
    assert_eq!(call("pow", &[s("2"), i(3)]), d(8.0));
    match try_call("abs", &[s("ten")]) {
        Err(msg) => assert!(
            msg.starts_with("Cannot convert string [ten] to [DOUBLE]"),
            "{msg}"
        ),
        Ok(_) => panic!("abs(\"ten\") resolved"),
    }
}

#[test]
fn unsigned_long_rounding_and_mv() {
    // roundMaxULWithBigNegativeDecimals.
    let max = ul(18446744073709551615);
    assert_eq!(
        call("round", &[max.clone(), l(-6144415263046370459)]),
        ul(0)
    );
    assert_eq!(call("round", &[max.clone(), l(-20)]), ul(0));
    assert_eq!(
        call("round", &[ul(12446744073709551615), l(-19)]),
        ul(10000000000000000000)
    );
    let uls = |v: &[u64]| Value::from_vec(v.iter().map(|u| Scalar::UnsignedLong(*u)).collect());
    // ulMvNonSumFunctions / ulMedianEvenCount / ulMvSum / mvSumUnsignedLongsOverflow.
    let five = uls(&[u64::MAX, 0, 1, 9223372036854775807, 9223372036854775808]);
    assert_eq!(call("mv_min", std::slice::from_ref(&five)), ul(0));
    assert_eq!(call("mv_max", std::slice::from_ref(&five)), max);
    assert_eq!(call("mv_median", &[five]), ul(9223372036854775807));
    let six = uls(&[u64::MAX, 0, 1, 9223372036854775807, 9223372036854775808, 2]);
    assert_eq!(call("mv_median", &[six]), ul(4611686018427387904));
    let sum = uls(&[1, 9223372036854775806, 9223372036854775808]);
    assert_eq!(call("mv_sum", std::slice::from_ref(&sum)), ul(u64::MAX));
    assert_eq!(call("mv_avg", &[sum]), d(6.148914691236517e18));
    assert_eq!(
        fails("mv_sum", &[uls(&[0, 1, u64::MAX])]),
        "java.lang.ArithmeticException: unsigned_long overflow"
    );
    assert_eq!(call("abs", &[ul(u64::MAX)]), ul(u64::MAX));
    // absUnsignedLong: the multi-value comes back unchanged.
    let all = uls(&[0, 1, 9223372036854775808, u64::MAX]);
    assert_eq!(call("abs", std::slice::from_ref(&all)), all);
}

#[test]
fn bucket_with_a_bucket_count() {
    // autoBucket: 20 buckets over [1.41, 2.10] gives a span of 0.05.
    let args = |h: f64| [d(h), i(20), d(1.41), d(2.10)];
    assert_eq!(ret("bucket", &args(1.85)), DataType::Double);
    assert_eq!(call("bucket", &args(1.85)), d(1.85));
    assert_eq!(call("bucket", &args(1.83)), d(1.8));
    assert_eq!(call("bucket", &args(1.45)), d(1.4000000000000001));
    assert_eq!(call("auto_bucket", &args(1.77)), d(1.75));
    // 10 buckets over [0, 1000] gives a span of 100.
    assert_eq!(call("bucket", &[i(250), i(10), i(0), i(1000)]), d(200.0));
}

#[test]
fn same_type_functions_of_null_are_null() {
    // evalRowWithNull3 / evalRowWithNullsInRound: round(null) is `null`.
    assert_eq!(ret("round", &[null()]), DataType::Null);
    assert_eq!(ret("round", &[null(), i(3)]), DataType::Null);
    assert_eq!(ret("abs", &[null()]), DataType::Null);
    assert_eq!(call("floor", &[null()]), null());
    // Functions of a fixed result type keep it.
    assert_eq!(ret("sqrt", &[null()]), DataType::Double);
}

#[test]
fn to_integer_rejects_out_of_range_strings() {
    // convertStringToIntFail / convertStringToInt.
    assert_eq!(
        fails("to_integer", &[s("2147483647.2")]),
        "org.elasticsearch.xpack.esql.core.InvalidArgumentException: Cannot parse number [2147483647.2]"
    );
    assert_eq!(
        fails("to_integer", &[s("2147483648")]),
        "org.elasticsearch.xpack.esql.core.InvalidArgumentException: Cannot parse number [2147483648]"
    );
    assert_eq!(call("to_integer", &[s("2147483646.2")]), i(2147483646));
}

#[test]
fn mv_append_with_a_null_side_is_null() {
    // mvAppendDates: employee 10040 has no birth date.
    assert_eq!(call("mv_append", &[null(), dt("1993-02-14")]), null());
    assert_eq!(
        call("mv_append", &[dt("1959-10-01"), dt("1988-01-19")]),
        mv(vec![dt("1959-10-01"), dt("1988-01-19")])
    );
}

#[test]
fn cidr_match_accepts_bare_addresses() {
    // cdirMatchOrsIPs / cidrMatchFieldArg.
    let ip = |t: &str| Value::One(Scalar::Ip(crate::render::parse_ip(t).unwrap()));
    assert_eq!(
        call("cidr_match", &[ip("127.0.0.1"), s("127.0.0.1")]),
        b(true)
    );
    assert_eq!(
        call("cidr_match", &[ip("127.0.0.2"), s("127.0.0.1")]),
        b(false)
    );
    assert_eq!(
        call(
            "cidr_match",
            &[ip("127.0.0.3"), s("127.0.0.2"), s("127.0.0.3/32")]
        ),
        b(true)
    );
    assert_eq!(
        call(
            "cidr_match",
            &[
                ip("fe80::cae2:65ff:fece:feb9"),
                s("fe80::cae2:65ff:fece:feb9")
            ]
        ),
        b(true)
    );
}

/// `TO_IP(v, {"leading_zeros": mode})` on a constant string.
fn to_ip_with(v: &str, mode: &str) -> Result<Value, String> {
    let value = s(v);
    let mode_value = s(mode);
    let args = [ArgInfo {
        ty: DataType::Keyword,
        text: "s",
        constant: None,
    }];
    let call = CallInfo {
        name: "TO_IP",
        text: "TO_IP(s, {...})",
    };
    let def = lookup("to_ip").unwrap();
    let resolved = def.resolve_with_options(&args, &call, &[("leading_zeros", &mode_value)])?;
    assert_eq!(resolved.return_type, DataType::Ip);
    (resolved.eval)(&[value], &EvalEnv::default()).map_err(|e| e.detail())
}

#[test]
fn to_ip_leading_zeros_option() {
    let ip = |t: &str| Value::One(Scalar::Ip(crate::render::parse_ip(t).unwrap()));
    // convertFromStringLeadingZerosDecimal / …Octal / convertFromStringFancy.
    assert_eq!(to_ip_with("1.1.010.1", "decimal"), Ok(ip("1.1.10.1")));
    assert_eq!(to_ip_with("1.1.010.1", "octal"), Ok(ip("1.1.8.1")));
    assert_eq!(
        to_ip_with("192.168.86.046", "octal"),
        Ok(ip("192.168.86.38"))
    );
    assert_eq!(
        to_ip_with("192.168.86.038", "decimal"),
        Ok(ip("192.168.86.38"))
    );
    assert_eq!(to_ip_with("::1", "octal"), Ok(ip("::1")));
    assert_eq!(
        to_ip_with("1.1.010.1", "reject"),
        Err("java.lang.IllegalArgumentException: '1.1.010.1' is not an IP string literal.".into())
    );
    assert_eq!(
        to_ip_with("1.1.08.1", "octal"),
        Err("java.lang.IllegalArgumentException: '1.1.08.1' is not an IP string literal.".into())
    );
    assert!(to_ip_with("1.1.1.1", "hex").is_err());
    // Functions without options reject a map.
    let abs = lookup("abs").unwrap();
    let call = CallInfo {
        name: "ABS",
        text: "ABS(x, {})",
    };
    assert_eq!(
        abs.resolve_with_options(&[], &call, &[])
            .unwrap_err()
            .to_string(),
        "function [abs] does not accept options"
    );
}
