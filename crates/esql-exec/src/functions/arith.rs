//! Arithmetic operators (`+ - * / %` and unary minus) on single values,
//! with Elasticsearch's overflow and division rules and date arithmetic.

use super::calendar::{self, Civil};
use super::support::finite;
use super::EvalError;
use crate::value::{Period, Scalar};

/// Which operator is being applied.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

fn overflow(kind: &str) -> EvalError {
    EvalError::arithmetic(format!("{kind} overflow"))
}

fn by_zero() -> EvalError {
    EvalError::arithmetic("/ by zero")
}

/// The unsigned value of a non-negative signed operand (literals mixed with
/// `unsigned_long`), else an overflow.
fn as_u64(s: &Scalar) -> Option<u64> {
    match s {
        Scalar::UnsignedLong(v) => Some(*v),
        Scalar::Integer(v) => u64::try_from(*v).ok(),
        Scalar::Long(v) => u64::try_from(*v).ok(),
        _ => None,
    }
}

/// Exact integer arithmetic of one width: overflow and division by zero
/// are errors, as Java's `Math.*Exact` and `/` raise them.
macro_rules! int_kernel {
    ($name:ident, $ty:ty, $variant:ident, $label:literal) => {
        fn $name(op: Op, a: $ty, b: $ty) -> Result<Scalar, EvalError> {
            let r = match op {
                Op::Add => a.checked_add(b),
                Op::Sub => a.checked_sub(b),
                Op::Mul => a.checked_mul(b),
                Op::Div | Op::Rem if b == 0 => return Err(by_zero()),
                Op::Div => Some(a.wrapping_div(b)),
                Op::Rem => Some(a.wrapping_rem(b)),
            };
            r.map(Scalar::$variant).ok_or_else(|| overflow($label))
        }
    };
}

int_kernel!(ints_i32, i32, Integer, "integer");
int_kernel!(ints_i64, i64, Long, "long");
int_kernel!(ints_u64, u64, UnsignedLong, "unsigned_long");

fn doubles(op: Op, a: f64, b: f64) -> Result<Scalar, EvalError> {
    let r = match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        Op::Div | Op::Rem => {
            let r = if op == Op::Div { a / b } else { a % b };
            if !r.is_finite() {
                return Err(by_zero());
            }
            r
        }
    };
    finite(r)
}

/// Adds a period or a duration (negated when `sign` is -1) to a date in
/// milliseconds.
fn shift_millis(ms: i64, span: &Scalar, sign: i64) -> Result<i64, EvalError> {
    match span {
        Scalar::Duration(d) => d
            .checked_mul(sign)
            .and_then(|d| ms.checked_add(d))
            .ok_or_else(|| overflow("long")),
        Scalar::Period(p) => {
            let nanos = shift_period(ms as i128 * 1_000_000, p, sign)?;
            i64::try_from(nanos.div_euclid(1_000_000)).map_err(|_| overflow("long"))
        }
        _ => Err(super::support::type_bug("date arithmetic")),
    }
}

/// Calendar arithmetic (`plus(Period)`): months first, clamping the day,
/// then days.
pub fn shift_period(nanos: i128, p: &Period, sign: i64) -> Result<i128, EvalError> {
    let c: Civil = calendar::civil_from_nanos(nanos);
    let shifted = calendar::add_months(&c, p.months * sign).map_err(|year| {
        EvalError::other(
            "java.time.DateTimeException",
            format!("Invalid value for Year (valid values -999999999 - 999999999): {year}"),
        )
    })?;
    let base = calendar::nanos_from_civil(&shifted);
    Ok(base + p.days as i128 * sign as i128 * calendar::MS_PER_DAY as i128 * 1_000_000)
}

fn shift_nanos(ns: i64, span: &Scalar, sign: i64) -> Result<i64, EvalError> {
    match span {
        Scalar::Duration(d) => d
            .checked_mul(1_000_000 * sign)
            .and_then(|d| ns.checked_add(d))
            .ok_or_else(|| overflow("long")),
        Scalar::Period(p) => {
            i64::try_from(shift_period(ns as i128, p, sign)?).map_err(|_| overflow("long"))
        }
        _ => Err(super::support::type_bug("date arithmetic")),
    }
}

fn apply(op: Op, a: &Scalar, b: &Scalar) -> Result<Scalar, EvalError> {
    use Scalar::*;
    let sign = if op == Op::Sub { -1 } else { 1 };
    match (a, b) {
        (Date(ms), span @ (Duration(_) | Period(_))) if matches!(op, Op::Add | Op::Sub) => {
            shift_millis(*ms, span, sign).map(Date)
        }
        (span @ (Duration(_) | Period(_)), Date(ms)) if op == Op::Add => {
            shift_millis(*ms, span, 1).map(Date)
        }
        (DateNanos(ns), span @ (Duration(_) | Period(_))) if matches!(op, Op::Add | Op::Sub) => {
            shift_nanos(*ns, span, sign).map(DateNanos)
        }
        (span @ (Duration(_) | Period(_)), DateNanos(ns)) if op == Op::Add => {
            shift_nanos(*ns, span, 1).map(DateNanos)
        }
        (Duration(x), Duration(y)) if matches!(op, Op::Add | Op::Sub) => x
            .checked_add(y * sign)
            .map(Duration)
            .ok_or_else(|| overflow("long")),
        (Period(x), Period(y)) if matches!(op, Op::Add | Op::Sub) => {
            let months = x.months.checked_add(y.months * sign);
            let days = x.days.checked_add(y.days * sign as i32);
            match (months, days) {
                (Some(months), Some(days)) => Ok(Period(crate::value::Period { months, days })),
                _ => Err(overflow("integer")),
            }
        }
        (Double(_), _) | (_, Double(_)) => {
            let (x, y) = (a.as_f64(), b.as_f64());
            match (x, y) {
                (Some(x), Some(y)) => doubles(op, x, y),
                _ => Err(super::support::type_bug("arithmetic")),
            }
        }
        (UnsignedLong(_), _) | (_, UnsignedLong(_)) => match (as_u64(a), as_u64(b)) {
            (Some(x), Some(y)) => ints_u64(op, x, y),
            _ => Err(overflow("unsigned_long")),
        },
        (Integer(x), Integer(y)) => ints_i32(op, *x, *y),
        _ => match (a.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => ints_i64(op, x, y),
            _ => Err(super::support::type_bug("arithmetic")),
        },
    }
}

/// `a + b`: numbers (widened), `date ± span`, `span + date`, `span + span`.
pub fn add(a: &Scalar, b: &Scalar) -> Result<Scalar, EvalError> {
    apply(Op::Add, a, b)
}

/// `a - b`: numbers (widened), `date - span`, `span - span`.
pub fn sub(a: &Scalar, b: &Scalar) -> Result<Scalar, EvalError> {
    apply(Op::Sub, a, b)
}

/// `a * b`.
pub fn mul(a: &Scalar, b: &Scalar) -> Result<Scalar, EvalError> {
    apply(Op::Mul, a, b)
}

/// `a / b`: integer division truncates; any division by zero (doubles
/// included) fails with `/ by zero`.
pub fn div(a: &Scalar, b: &Scalar) -> Result<Scalar, EvalError> {
    apply(Op::Div, a, b)
}

/// `a % b`: the sign follows the dividend, as in Java.
pub fn rem(a: &Scalar, b: &Scalar) -> Result<Scalar, EvalError> {
    apply(Op::Rem, a, b)
}

/// Unary minus.
pub fn neg(a: &Scalar) -> Result<Scalar, EvalError> {
    match a {
        Scalar::Integer(v) => v
            .checked_neg()
            .map(Scalar::Integer)
            .ok_or_else(|| overflow("integer")),
        Scalar::Long(v) => v
            .checked_neg()
            .map(Scalar::Long)
            .ok_or_else(|| overflow("long")),
        Scalar::Double(v) => Ok(Scalar::Double(-v)),
        Scalar::Duration(v) => v
            .checked_neg()
            .map(Scalar::Duration)
            .ok_or_else(|| overflow("long")),
        Scalar::Period(p) => Ok(Scalar::Period(Period {
            months: p.months.saturating_neg(),
            days: p.days.saturating_neg(),
        })),
        _ => Err(super::support::type_bug("negation")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Scalar::*;

    #[test]
    fn integer_rules() {
        assert_eq!(add(&Integer(1), &Integer(2)).unwrap(), Integer(3));
        assert!(matches!(add(&Integer(1), &Integer(2)).unwrap(), Integer(3)));
        assert_eq!(
            add(&Integer(i32::MAX), &Integer(1)).unwrap_err().message,
            "integer overflow"
        );
        assert_eq!(
            mul(&Long(i64::MAX), &Integer(2)).unwrap_err().message,
            "long overflow"
        );
        assert!(matches!(
            div(&Integer(-5), &Integer(2)).unwrap(),
            Integer(-2)
        ));
        assert!(matches!(
            rem(&Integer(-5), &Integer(2)).unwrap(),
            Integer(-1)
        ));
        assert_eq!(div(&Long(5), &Long(0)).unwrap_err().message, "/ by zero");
        assert_eq!(
            neg(&Integer(i32::MIN)).unwrap_err().message,
            "integer overflow"
        );
    }

    #[test]
    fn doubles_and_unsigned() {
        assert_eq!(
            div(&Double(1.0), &Integer(0)).unwrap_err().message,
            "/ by zero"
        );
        assert_eq!(
            rem(&Double(1.0), &Double(0.0)).unwrap_err().message,
            "/ by zero"
        );
        assert!(matches!(div(&Integer(5), &Double(2.0)).unwrap(), Double(d) if d == 2.5));
        assert_eq!(
            add(&UnsignedLong(u64::MAX), &UnsignedLong(1))
                .unwrap_err()
                .message,
            "unsigned_long overflow"
        );
        assert_eq!(
            sub(&UnsignedLong(0), &UnsignedLong(1)).unwrap_err().message,
            "unsigned_long overflow"
        );
        assert!(matches!(
            add(&UnsignedLong(1), &Integer(2)).unwrap(),
            UnsignedLong(3)
        ));
        assert_eq!(
            mul(&Double(1e308), &Double(10.0)).unwrap_err().message,
            "not a finite double number: Infinity"
        );
    }

    #[test]
    fn date_spans() {
        // 2024-01-31T00:00:00Z + 1 month = 2024-02-29
        let jan31 = calendar::days_from_civil(2024, 1, 31) * calendar::MS_PER_DAY;
        let feb29 = calendar::days_from_civil(2024, 2, 29) * calendar::MS_PER_DAY;
        let month = Period(crate::value::Period { months: 1, days: 0 });
        assert!(matches!(add(&Date(jan31), &month).unwrap(), Date(v) if v == feb29));
        assert!(matches!(
            sub(&Date(1000), &Duration(400)).unwrap(),
            Date(600)
        ));
        assert!(matches!(
            add(&Duration(400), &Date(1000)).unwrap(),
            Date(1400)
        ));
        let week = Period(crate::value::Period { months: 0, days: 7 });
        assert!(matches!(sub(&Date(0), &week).unwrap(), Date(v) if v == -7 * calendar::MS_PER_DAY));
        let huge = Period(crate::value::Period {
            months: i64::from(i32::MAX / 12 * 12),
            days: 0,
        });
        assert!(add(&Date(0), &huge).is_ok());
        let e = add(&Date(i64::MAX - 10), &Duration(100)).unwrap_err();
        assert_eq!(e.message, "long overflow");
    }
}
