//! SCALB, COPY_SIGN, ROUND_TO, the inverse hyperbolic functions and the
//! multi-value statistics and set functions.

use super::harness::*;
use crate::types::DataType;

#[test]
fn scaling_and_signs() {
    assert_eq!(call("scalb", &[d(3.0), i(3)]), d(24.0));
    assert_eq!(call("scalb", &[i(5), l(-1)]), d(2.5));
    assert_eq!(
        fails("scalb", &[d(1.0), i(1024)]),
        "java.lang.ArithmeticException: not a finite double number: Infinity"
    );
    assert_eq!(
        fails("scalb", &[d(1.0), l(1 << 40)]),
        "java.lang.ArithmeticException: integer overflow"
    );
    assert_eq!(call("copy_sign", &[i(7), d(-0.5)]), i(-7));
    assert_eq!(call("copy_sign", &[l(-7), i(3)]), l(7));
    assert_eq!(call("copy_sign", &[d(2.0), d(-0.0)]), d(-2.0));
    assert_eq!(
        resolve_error(
            "copy_sign",
            "copy_sign(a, b)",
            &[(DataType::UnsignedLong, "a"), (DataType::Double, "b")]
        ),
        "first argument of [copy_sign(a, b)] must be [numeric], found value [a] type [unsigned_long]"
    );
}

#[test]
fn round_to_points() {
    assert_eq!(call("round_to", &[i(7), i(0), i(5), i(10)]), i(5));
    assert_eq!(call("round_to", &[i(-3), i(0), i(5)]), i(0));
    assert_eq!(call("round_to", &[i(7), l(5)]), l(5));
    assert_eq!(call("round_to", &[d(7.5), i(10), i(5)]), d(5.0));
    assert_eq!(ret("round_to", &[i(7), d(2.5)]), DataType::Double);
    assert_eq!(
        resolve_error(
            "round_to",
            "round_to(a, b, c)",
            &[
                (DataType::Integer, "a"),
                (DataType::Integer, "b"),
                (DataType::Integer, "c")
            ]
        ),
        "second argument of [round_to(a, b, c)] must be a constant, received [b]"
    );
}

#[test]
fn inverse_hyperbolics() {
    assert_eq!(call("acosh", &[i(1)]), d(0.0));
    assert_eq!(call("asinh", &[i(0)]), d(0.0));
    assert_eq!(call("atanh", &[d(0.0)]), d(0.0));
    assert_eq!(
        fails("acosh", &[d(0.5)]),
        "java.lang.ArithmeticException: Acosh input out of range"
    );
    assert_eq!(
        fails("atanh", &[i(-1)]),
        "java.lang.ArithmeticException: Atanh input out of range"
    );
}

#[test]
fn multi_value_statistics() {
    assert_eq!(call("mv_percentile", &[ints(&[1, 2, 3, 4]), i(50)]), i(2));
    assert_eq!(
        call("mv_percentile", &[dbls(&[1.0, 2.0, 3.0, 4.0]), i(50)]),
        d(2.5)
    );
    assert_eq!(
        fails("mv_percentile", &[ints(&[1, 2]), d(-1.0)]),
        "java.lang.IllegalArgumentException: Percentile parameter must be a number between 0 and 100, found [-1.0]"
    );
    assert_eq!(
        call(
            "mv_median_absolute_deviation",
            &[longs(&[1, 1, 2, 2, 4, 6, 9])]
        ),
        l(1)
    );
    assert_eq!(
        call("mv_pseries_weighted_sum", &[dbls(&[1.0, 2.0, 4.0]), d(1.0)]),
        d(1.0 + 1.0 + 4.0 / 3.0)
    );
    assert_eq!(
        fails(
            "mv_pseries_weighted_sum",
            &[dbls(&[f64::MAX, f64::MAX]), d(0.0)]
        ),
        "java.lang.ArithmeticException: double overflow"
    );
}

#[test]
fn multi_value_sets() {
    assert_eq!(
        call("mv_union", &[ints(&[3, 1]), ints(&[1, 2])]),
        ints(&[3, 1, 2])
    );
    assert_eq!(
        call("mv_difference", &[ints(&[3, 1, 3]), i(1)]),
        ints(&[3, 3])
    );
    assert_eq!(call("mv_intersects", &[strs(&["a", "b"]), s("b")]), b(true));
    assert_eq!(call("mv_intersects", &[null(), s("b")]), b(false));
    assert_eq!(
        resolve_error(
            "mv_union",
            "mv_union(a, b)",
            &[(DataType::Integer, "a"), (DataType::Long, "b")]
        ),
        "second argument of [mv_union(a, b)] must be [integer], found value [b] type [long]"
    );
}
