use super::harness::*;
use crate::types::DataType;

#[test]
fn conditionals() {
    assert_eq!(call("case", &[b(false), s("a"), b(true), s("b")]), s("b"));
    assert_eq!(call("case", &[b(false), s("a"), s("else")]), s("else"));
    assert_eq!(call("case", &[null(), s("a")]), null());
    let e = try_call("case", &[mv(vec![b(true), b(false)]), i(1), i(2)])
        .unwrap()
        .1
        .unwrap_err();
    assert_eq!(e.result(), i(2));
    assert_eq!(
        call("coalesce", &[null(), ints(&[1, 2]), i(3)]),
        ints(&[1, 2])
    );
    assert_eq!(call("greatest", &[i(1), ints(&[3, 7]), i(5)]), i(7));
    assert_eq!(call("least", &[i(1), ints(&[-3, 7]), i(5)]), i(-3));
    assert_eq!(call("greatest", &[s("a"), s("b")]), s("b"));
    assert_eq!(call("greatest", &[i(1), null()]), null());
    assert_eq!(
        resolve_error(
            "case",
            "case(x, 1)",
            &[(DataType::Keyword, "x"), (DataType::Integer, "1")]
        ),
        "first argument of [case(x, 1)] must be [boolean], found value [x] type [keyword]"
    );
}

#[test]
fn maths() {
    assert_eq!(call("abs", &[i(-3)]), i(3));
    assert_eq!(call("abs", &[d(-3.5)]), d(3.5));
    assert_eq!(call("ceil", &[d(1.2)]), d(2.0));
    assert_eq!(call("floor", &[d(-1.2)]), d(-2.0));
    assert_eq!(call("floor", &[l(5)]), l(5));
    assert_eq!(call("round", &[d(1.5)]), d(2.0));
    assert_eq!(call("round", &[d(-1.5)]), d(-2.0));
    assert_eq!(call("round", &[d(123.456), i(2)]), d(123.46));
    assert_eq!(call("round", &[i(1234), i(-2)]), i(1200));
    assert_eq!(call("round", &[l(-1250), i(-2)]), l(-1300));
    assert_eq!(
        fails("round", &[ul(18446744073709551615), l(-19)]),
        "java.lang.ArithmeticException: unsigned_long overflow"
    );
    assert_eq!(call("pow", &[i(2), i(10)]), d(1024.0));
    assert_eq!(
        fails("pow", &[i(-4), d(0.5)]),
        "java.lang.ArithmeticException: not a finite double number: NaN"
    );
    assert_eq!(call("log", &[i(2), i(8)]), d(3.0));
    assert_eq!(
        fails("log", &[i(1), i(8)]),
        "java.lang.ArithmeticException: Log of base 1"
    );
    assert_eq!(
        fails("log", &[i(0)]),
        "java.lang.ArithmeticException: Log of non-positive number"
    );
    assert_eq!(call("log10", &[i(1000)]), d(3.0));
    assert_eq!(
        fails("sqrt", &[i(-1)]),
        "java.lang.ArithmeticException: Square root of negative"
    );
    assert_eq!(call("cbrt", &[d(27.0)]), d(3.0));
    assert_eq!(call("signum", &[i(-5)]), d(-1.0));
    assert_eq!(
        fails("asin", &[d(12.0)]),
        "java.lang.ArithmeticException: Asin input out of range"
    );
    assert_eq!(call("hypot", &[i(3), i(4)]), d(5.0));
    assert_eq!(call("pi", &[]), d(std::f64::consts::PI));
    assert_eq!(ret("abs", &[ul(1)]), DataType::UnsignedLong);
}

#[test]
fn multi_values() {
    assert_eq!(call("mv_count", &[ints(&[1, 2, 3])]), i(3));
    assert_eq!(call("mv_count", &[null()]), null());
    assert_eq!(call("mv_first", &[strs(&["b", "a"])]), s("b"));
    assert_eq!(call("mv_last", &[strs(&["b", "a"])]), s("a"));
    assert_eq!(call("mv_min", &[ints(&[3, 1, 2])]), i(1));
    assert_eq!(call("mv_max", &[strs(&["b", "c", "a"])]), s("c"));
    assert_eq!(call("mv_sum", &[ints(&[3, 1, 2])]), i(6));
    assert!(fails("mv_sum", &[mv(vec![ul(0), ul(1), ul(u64::MAX)])])
        .ends_with("unsigned_long overflow"));
    assert_eq!(call("mv_avg", &[ints(&[3, 1, 2, 4])]), d(2.5));
    assert_eq!(call("mv_median", &[ints(&[3, 1, 2, 4])]), i(2));
    assert_eq!(call("mv_median", &[ints(&[-3, -2])]), i(-3));
    assert_eq!(call("mv_median", &[dbls(&[1.0, 2.0])]), d(1.5));
    assert_eq!(
        call("mv_dedupe", &[strs(&["a", "b", "a"])]),
        strs(&["a", "b"])
    );
    assert_eq!(call("mv_concat", &[strs(&["a", "b"]), s(", ")]), s("a, b"));
    assert_eq!(
        call("mv_sort", &[ints(&[3, 1, 2]), s("DESC")]),
        ints(&[3, 2, 1])
    );
    assert!(try_call("mv_sort", &[ints(&[3, 1, 2]), s("up")]).is_err());
    assert_eq!(
        call("mv_slice", &[ints(&[1, 2, 3, 4]), i(1), i(2)]),
        ints(&[2, 3])
    );
    assert_eq!(
        call("mv_slice", &[ints(&[1, 2, 3, 4]), i(-2), i(-1)]),
        ints(&[3, 4])
    );
    assert_eq!(call("mv_slice", &[ints(&[1, 2, 3, 4]), i(5)]), null());
    assert_eq!(call("mv_slice", &[i(7), i(0)]), i(7));
    assert_eq!(call("mv_append", &[ints(&[1, 2]), i(3)]), ints(&[1, 2, 3]));
    // Either side null makes the whole result null (mvAppendDates).
    assert_eq!(call("mv_append", &[null(), i(3)]), null());
    assert_eq!(call("mv_contains", &[strs(&["a", "b"]), s("b")]), b(true));
    assert_eq!(
        call("mv_contains", &[strs(&["a", "b"]), strs(&["b", "c"])]),
        b(false)
    );
    assert_eq!(call("mv_contains", &[null(), null()]), b(true));
    assert_eq!(
        call(
            "mv_zip",
            &[strs(&["x", "y", "z"]), strs(&["a", "b"]), s("-")]
        ),
        strs(&["x-a", "y-b", "z"])
    );
}

#[test]
fn ips() {
    let ip = |t: &str| call("to_ip", &[s(t)]);
    assert_eq!(
        call("cidr_match", &[ip("1.1.1.1"), s("1.0.0.0/8")]),
        b(true)
    );
    assert_eq!(
        call(
            "cidr_match",
            &[ip("1.1.1.1"), s("10.0.0.0/8"), s("1.1.0.0/16")]
        ),
        b(true)
    );
    assert_eq!(
        call("cidr_match", &[ip("2.1.1.1"), s("1.0.0.0/8")]),
        b(false)
    );
    assert_eq!(
        call(
            "cidr_match",
            &[ip("fe80::cae2:65ff:fece:feb9"), s("fe80::/64")]
        ),
        b(true)
    );
    assert_eq!(
        call("ip_prefix", &[ip("1.2.3.4"), i(24), i(0)]),
        ip("1.2.3.0")
    );
    assert_eq!(
        call("ip_prefix", &[ip("fe80::cae2:65ff:fece:feb9"), i(0), i(16)]),
        ip("fe80::")
    );
    assert_eq!(
        fails("ip_prefix", &[ip("1.2.3.4"), i(33), i(0)]),
        "java.lang.IllegalArgumentException: Prefix length v4 must be in range [0, 32], found 33"
    );
}

#[test]
fn names_are_unique() {
    let mut seen = std::collections::HashSet::new();
    for f in crate::functions::all() {
        assert!(seen.insert(f.name), "duplicate {}", f.name);
        for a in f.aliases {
            assert!(seen.insert(a), "duplicate alias {a}");
        }
    }
    assert!(seen.len() > 100, "{}", seen.len());
    assert!(crate::functions::lookup("TO_STR").is_some());
}

#[test]
fn network_directions() {
    let ip = |s: &str| {
        crate::value::Value::One(crate::value::Scalar::Ip(
            crate::render::parse_ip(s).expect("an address"),
        ))
    };
    let nets = |v: &[&str]| strs(v);
    assert_eq!(
        call(
            "network_direction",
            &[ip("10.0.0.1"), ip("8.8.8.8"), nets(&["private"])]
        ),
        s("outbound")
    );
    assert_eq!(
        call(
            "network_direction",
            &[ip("8.8.8.8"), ip("10.0.0.1"), nets(&["10.0.0.0/8"])]
        ),
        s("inbound")
    );
    assert_eq!(
        call(
            "network_direction",
            &[
                ip("::1"),
                ip("fe80::1"),
                nets(&["loopback", "link_local_unicast"])
            ]
        ),
        s("internal")
    );
    assert_eq!(
        call(
            "network_direction",
            &[ip("8.8.8.8"), ip("1.1.1.1"), nets(&["private"])]
        ),
        s("external")
    );
    assert_eq!(
        fails("network_direction", &[ip("8.8.8.8"), ip("1.1.1.1"), s("10.0.0.0/40")]),
        "java.lang.IllegalArgumentException: Illegal prefix length [40] in [10.0.0.0/40]. Must be 0-32 for IPv4 ranges, 0-128 for IPv6 ranges"
    );
}
