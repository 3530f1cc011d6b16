//! SCALB(d, scaleFactor) — `d × 2^scaleFactor` as Java's `Math.scalb`
//! computes it — and COPY_SIGN(magnitude, sign).

use super::signature::{Param, Returns, Signature, TypeSet, NUMERIC};
use super::support::{arg, finite, func, int, num, sv};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::Scalar;

type Res = Result<Resolved, ResolveError>;

/// `integer` or `long`, named as SCALB's check names it.
const WHOLE_NUMBER: TypeSet = TypeSet {
    name: "whole number except unsigned_long or counter types",
    accepts: |t| matches!(t, DataType::Integer | DataType::Long),
};

/// `integer`, `long` or `double` (no `unsigned_long`), named `numeric`.
const SIGNED_NUMERIC: TypeSet = TypeSet {
    name: "numeric",
    accepts: |t| matches!(t, DataType::Integer | DataType::Long | DataType::Double),
};

/// `2^n` for `n` in the normal exponent range.
fn power_of_two(n: i32) -> f64 {
    f64::from_bits(((i64::from(n) + 1023) as u64) << 52)
}

/// Java's `Math.scalb`: the scale is clamped to what can matter, applied
/// first by its remainder modulo 512, then in steps of 2^±512, so that only
/// the last step can round.
pub fn scalb(mut d: f64, scale: i32) -> f64 {
    const MAX_SCALE: i32 = 1023 + 1022 + 53 + 1;
    let (mut scale, step, delta) = if scale < 0 {
        (scale.max(-MAX_SCALE), -512, power_of_two(-512))
    } else {
        (scale.min(MAX_SCALE), 512, power_of_two(512))
    };
    let adjust = scale % 512;
    d *= power_of_two(adjust);
    scale -= adjust;
    while scale != 0 {
        d *= delta;
        scale -= step;
    }
    d
}

fn scalb_fn(c: &CheckedCall<'_>) -> Res {
    let long_scale = c.ty(1) == DataType::Long;
    Ok(sv(c.return_type, move |a| {
        let d = num(arg(a, 0)?)?;
        let n = int(arg(a, 1)?)?;
        let n = if long_scale {
            i32::try_from(n).map_err(|_| EvalError::arithmetic("integer overflow"))?
        } else {
            i32::try_from(n).unwrap_or(if n < 0 { i32::MIN } else { i32::MAX })
        };
        finite(scalb(d, n))
    }))
}

/// The sign rule of the integral variants: negative when `sign < 0`
/// (so `-0.0` counts as positive), negation wrapping as Java's does.
fn signed<T>(magnitude: T, sign: f64, zero: T, neg: fn(T) -> T) -> T
where
    T: PartialOrd + Copy,
{
    let negative = magnitude < zero;
    if (sign < 0.0) == negative {
        magnitude
    } else {
        neg(magnitude)
    }
}

fn copy_sign(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let sign = num(arg(a, 1)?)?;
        Ok(match arg(a, 0)? {
            Scalar::Double(m) => Scalar::Double(m.copysign(sign)),
            Scalar::Integer(m) => Scalar::Integer(signed(*m, sign, 0, i32::wrapping_neg)),
            Scalar::Long(m) => Scalar::Long(signed(*m, sign, 0, i64::wrapping_neg)),
            other => other.clone(),
        })
    }))
}

/// The functions of this module.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "scalb",
        &[],
        Signature::of(
            &[
                Param::new("d", NUMERIC).cast_to(DataType::Double),
                Param::new("scaleFactor", WHOLE_NUMBER).cast_to(DataType::Long),
            ],
            Returns::Fixed(DataType::Double),
        ),
        "d times 2 to the power scaleFactor, rounded once.",
        scalb_fn,
    ),
    func(
        "copy_sign",
        &[],
        Signature::of(
            &[
                Param::new("magnitude", SIGNED_NUMERIC).cast_to(DataType::Double),
                Param::new("sign", SIGNED_NUMERIC).cast_to(DataType::Double),
            ],
            Returns::TypeOf(0),
        ),
        "The magnitude of the first argument with the sign of the second.",
        copy_sign,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalb_matches_exact_powers() {
        assert_eq!(scalb(3.0, 10), 3072.0);
        assert_eq!(scalb(3.0, -2), 0.75);
        assert_eq!(scalb(1.0, 1023), 2f64.powi(1023));
        assert!(scalb(1.0, 1024).is_infinite());
        assert_eq!(scalb(1.0, -1074), f64::from_bits(1));
        assert_eq!(scalb(1.0, -1075), 0.0);
        assert_eq!(scalb(f64::MAX, -2098), f64::from_bits(1));
        assert_eq!(scalb(f64::MAX, i32::MIN), 0.0);
        assert_eq!(scalb(f64::from_bits(1), i32::MAX), f64::INFINITY);
        assert_eq!(scalb(1.5, 0), 1.5);
    }

    #[test]
    fn copy_sign_of_integers() {
        assert_eq!(signed(5i64, -1.0, 0, i64::wrapping_neg), -5);
        assert_eq!(signed(-5i64, -0.0, 0, i64::wrapping_neg), 5);
        assert_eq!(signed(-5i32, -2.5, 0, i32::wrapping_neg), -5);
        assert_eq!(
            signed(i32::MIN, 1.0, 0, i32::wrapping_neg),
            i32::MIN,
            "Java's negation wraps"
        );
    }
}
