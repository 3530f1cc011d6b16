//! Tests of `render.rs`.
use super::*;
use std::sync::Arc;

#[test]
fn doubles_like_java() {
    let cases: &[(f64, &str)] = &[
        (3.0, "3.0"),
        (0.1, "0.1"),
        (-1.5, "-1.5"),
        (100.0, "100.0"),
        (1234567.0, "1234567.0"),
        (9999999.0, "9999999.0"),
        (9999999.999999998, "9999999.999999998"),
        (1.0e7, "1.0E7"),
        (1.0e7 + 1.0, "1.0000001E7"),
        (123456789.0, "1.23456789E8"),
        (0.001, "0.001"),
        (0.00099, "9.9E-4"),
        (0.0012345, "0.0012345"),
        (1.0e-5, "1.0E-5"),
        (1.2345678e-5, "1.2345678E-5"),
        (1.0e21, "1.0E21"),
        (1.0e23, "1.0E23"),
        (2.0e-3, "0.002"),
        (0.30000000000000004, "0.30000000000000004"),
        (1.0 / 3.0, "0.3333333333333333"),
        (2.0 / 3.0, "0.6666666666666666"),
        (100.0 / 7.0, "14.285714285714286"),
        (f64::MAX, "1.7976931348623157E308"),
        (f64::MIN, "-1.7976931348623157E308"),
        (f64::MIN_POSITIVE, "2.2250738585072014E-308"),
        (f64::EPSILON, "2.220446049250313E-16"),
        (f64::from_bits(1), "4.9E-324"),
        (f64::from_bits(2), "9.9E-324"),
        (f64::from_bits(3), "1.5E-323"),
        (
            f64::from_bits(0x000f_ffff_ffff_ffff),
            "2.225073858507201E-308",
        ),
        (9007199254740993.0, "9.007199254740992E15"),
        (0.0, "0.0"),
        (-0.0, "-0.0"),
        (f64::NAN, "NaN"),
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
        (f64::from_bits(4), "2.0E-323"),
        (4.35, "4.35"),
        (
            f64::from_bits(0.001f64.to_bits() - 1),
            "9.999999999999998E-4",
        ),
    ];
    for (v, expected) in cases {
        assert_eq!(java_double(*v), *expected, "{v:e}");
    }
}

#[test]
fn doubles_round_trip() {
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let f = f64::from_bits(x);
        if !f.is_finite() {
            continue;
        }
        let text = java_double(f);
        assert_eq!(
            text.parse::<f64>().unwrap().to_bits(),
            f.to_bits(),
            "{text}"
        );
        assert!(text.contains('.'), "{text}");
    }
}

#[test]
fn dates_in_millis() {
    assert_eq!(format_date_millis(0), "1970-01-01T00:00:00.000Z");
    assert_eq!(
        format_date_millis(1_715_141_280_000),
        "2024-05-08T04:08:00.000Z"
    );
    assert_eq!(
        format_date_millis(1_714_557_630_123),
        "2024-05-01T10:00:30.123Z"
    );
    assert_eq!(format_date_millis(-1), "1969-12-31T23:59:59.999Z");
    assert_eq!(
        format_date_millis(951_782_400_000),
        "2000-02-29T00:00:00.000Z"
    );
    assert_eq!(
        format_date_millis(253_402_300_799_999),
        "9999-12-31T23:59:59.999Z"
    );
    assert_eq!(
        format_date_millis(253_402_300_800_000),
        "+10000-01-01T00:00:00.000Z"
    );
    assert_eq!(
        format_date_millis(-62_167_219_200_000),
        "0000-01-01T00:00:00.000Z"
    );
    assert_eq!(
        format_date_millis(-62_167_219_200_001),
        "-0001-12-31T23:59:59.999Z"
    );
    assert_eq!(
        format_date_millis(i64::MAX),
        "+292278994-08-17T07:12:55.807Z"
    );
    assert_eq!(
        format_date_millis(i64::MIN),
        "-292275055-05-16T16:47:04.192Z"
    );
}

#[test]
fn dates_in_nanos() {
    assert_eq!(
        format_date_nanos(1_698_063_303_360_103_847),
        "2023-10-23T12:15:03.360103847Z"
    );
    assert_eq!(
        format_date_nanos(1_698_068_014_937_193_000),
        "2023-10-23T13:33:34.937193Z"
    );
    assert_eq!(
        format_date_nanos(1_724_160_894_123_000_000),
        "2024-08-20T13:34:54.123Z"
    );
    assert_eq!(
        format_date_nanos(1_724_160_894_120_000_000),
        "2024-08-20T13:34:54.120Z"
    );
    assert_eq!(
        format_date_nanos(1_724_160_894_123_400_000),
        "2024-08-20T13:34:54.1234Z"
    );
    assert_eq!(
        format_date_nanos(1_724_160_894_000_000_000),
        "2024-08-20T13:34:54.000Z"
    );
    assert_eq!(format_date_nanos(1), "1970-01-01T00:00:00.000000001Z");
    assert_eq!(
        format_date_nanos(i64::MAX),
        "2262-04-11T23:47:16.854775807Z"
    );
    assert_eq!(format_date_nanos(-1), "1969-12-31T23:59:59.999999999Z");
}

fn v4(a: u8, b: u8, c: u8, d: u8) -> [u8; 16] {
    let mut out = [0u8; 16];
    out[10] = 0xff;
    out[11] = 0xff;
    out[12..].copy_from_slice(&[a, b, c, d]);
    out
}

#[test]
fn ips_format() {
    assert_eq!(format_ip(&v4(10, 0, 0, 1)), "10.0.0.1");
    assert_eq!(format_ip(&v4(255, 255, 255, 255)), "255.255.255.255");
    let p = |s: &str| parse_ip(s).unwrap();
    assert_eq!(
        format_ip(&p("2001:0db8:0000:0000:0000:0000:0000:0001")),
        "2001:db8::1"
    );
    assert_eq!(format_ip(&p("::")), "::");
    assert_eq!(format_ip(&p("::1")), "::1");
    assert_eq!(format_ip(&p("1::")), "1::");
    assert_eq!(format_ip(&p("1:0:0:2:0:0:0:3")), "1:0:0:2::3");
    assert_eq!(format_ip(&p("1:0:0:2:0:0:3:4")), "1::2:0:0:3:4");
    assert_eq!(format_ip(&p("1:0:2:3:4:5:6:7")), "1:0:2:3:4:5:6:7");
    assert_eq!(format_ip(&p("FE80::ABCD")), "fe80::abcd");
    // Equal runs of zeros: the leftmost one is compressed.
    assert_eq!(format_ip(&p("1:0:0:2:3:0:0:4")), "1::2:3:0:0:4");
    // A lone zero group is not compressed.
    assert_eq!(format_ip(&p("1:0:2:3:4:5:6:0")), "1:0:2:3:4:5:6:0");
    // IPv4-compatible (not mapped) addresses stay hexadecimal.
    assert_eq!(format_ip(&p("::1.2.3.4")), "::102:304");
    assert_eq!(format_ip(&p("::ffff:1.2.3.4")), "1.2.3.4");
    assert_eq!(format_ip(&p("::ffff:0102:0304")), "1.2.3.4");
}

#[test]
fn ips_parse() {
    assert_eq!(parse_ip("10.0.0.1"), Some(v4(10, 0, 0, 1)));
    assert_eq!(parse_ip("0.0.0.0"), Some(v4(0, 0, 0, 0)));
    assert_eq!(parse_ip("1.2.3.4%eth0"), Some(v4(1, 2, 3, 4)));
    assert_eq!(parse_ip("fe80::1%1"), parse_ip("fe80::1"));
    // No colon may follow a dot.
    assert_eq!(parse_ip("::1.2.3.4:5"), None);
    assert_eq!(parse_ip("1.2::3"), None);
    assert_eq!(parse_ip("1:2:3:4:5:6:7::"), parse_ip("1:2:3:4:5:6:7:0"));
    assert_eq!(parse_ip("::2:3:4:5:6:7:8"), parse_ip("0:2:3:4:5:6:7:8"));
    assert_eq!(
        parse_ip("1:2:3:4:5:6:1.2.3.4"),
        parse_ip("1:2:3:4:5:6:102:304")
    );
    for bad in [
        "",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.04",
        "1..2.3",
        " 1.2.3.4",
        "1.2.3.4%",
        "a.b.c.d",
        ":",
        ":::",
        "1:::2",
        "1::2::3",
        ":1::",
        "1::2:",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8::",
        "10000::",
        "g::",
        "1.2.3.4::",
        "::1.2.3",
        "::1.2.3.4:5",
        "１.2.3.4",
    ] {
        assert_eq!(parse_ip(bad), None, "{bad}");
    }
}

#[test]
fn scalars_and_values() {
    assert_eq!(scalar_to_string(&Scalar::Boolean(true)), "true");
    assert_eq!(scalar_to_string(&Scalar::Integer(-3)), "-3");
    assert_eq!(
        scalar_to_string(&Scalar::UnsignedLong(u64::MAX)),
        "18446744073709551615"
    );
    assert_eq!(scalar_to_string(&Scalar::Double(1.0e7)), "1.0E7");
    assert_eq!(scalar_to_string(&Scalar::str("héllo")), "héllo");
    assert_eq!(
        scalar_to_string(&Scalar::Version(Arc::from("1.2.3-beta"))),
        "1.2.3-beta"
    );
    assert_eq!(
        scalar_to_string(&Scalar::Date(0)),
        "1970-01-01T00:00:00.000Z"
    );
    assert_eq!(
        scalar_to_string(&Scalar::Ip(v4(192, 168, 1, 1))),
        "192.168.1.1"
    );
    let period = |months, days| Scalar::Period(Period { months, days });
    assert_eq!(scalar_to_string(&period(0, 1)), "P1D");
    assert_eq!(scalar_to_string(&period(12, 0)), "P1Y");
    assert_eq!(scalar_to_string(&period(3, 7)), "P3M7D");
    assert_eq!(scalar_to_string(&period(0, 0)), "P0D");
    let dur = |ms| scalar_to_string(&Scalar::Duration(ms));
    assert_eq!(dur(30_000), "PT30S");
    assert_eq!(dur(5_400_000), "PT1H30M");
    assert_eq!(dur(3_600_000), "PT1H");
    assert_eq!(dur(1), "PT0.001S");
    assert_eq!(dur(1_500), "PT1.5S");
    assert_eq!(dur(-500), "PT-0.5S");
    assert_eq!(dur(-1_500), "PT-1.5S");
    assert_eq!(dur(-60_000), "PT-1M");
    assert_eq!(dur(0), "PT0S");
    assert_eq!(value_to_text(&Value::Null), "null");
    assert_eq!(value_to_text(&Value::One(Scalar::Double(0.5))), "0.5");
    let many = Value::from_vec(vec![Scalar::str("a"), Scalar::str("b, c")]);
    assert_eq!(value_to_text(&many), "[a, b, c]");
    let doubles = Value::from_vec(vec![Scalar::Double(1.0), Scalar::Double(1e-7)]);
    assert_eq!(value_to_text(&doubles), "[1.0, 1.0E-7]");
}

#[test]
fn json_values() {
    use serde_json::json;
    assert_eq!(value_to_json(&Value::Null), json!(null));
    assert_eq!(
        value_to_json(&Value::One(Scalar::UnsignedLong(u64::MAX))),
        json!(u64::MAX)
    );
    assert_eq!(value_to_json(&Value::One(Scalar::Double(2.5))), json!(2.5));
    assert_eq!(
        value_to_json(&Value::One(Scalar::Ip(v4(1, 2, 3, 4)))),
        json!("1.2.3.4")
    );
    let many = Value::from_vec(vec![Scalar::Long(1), Scalar::Long(2)]);
    assert_eq!(value_to_json(&many), json!([1, 2]));
}
