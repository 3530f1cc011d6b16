//! Tests of `render.rs`.
use super::*;
use std::sync::Arc;

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
