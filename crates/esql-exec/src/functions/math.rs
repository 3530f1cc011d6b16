//! Math functions. All are single-value with the standard null rule;
//! non-finite results become null plus Elasticsearch's warning.

use super::signature::{Param, Returns, Signature, INTEGER_OR_LONG, NUMERIC};
use super::support::{arg, finite, func, int, num, per_value, raw, sv};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, ResolveError>;

/// The kernel of a one-argument numeric function returning a double, with
/// a domain check.
fn to_double(c: &CheckedCall<'_>, f: fn(f64) -> Result<f64, EvalError>) -> Res {
    Ok(sv(c.return_type, move |a| finite(f(num(arg(a, 0)?)?)?)))
}

/// A unit conversion (`TO_DEGREES`, `TO_RADIANS`): applied to every value
/// of a multi-valued argument, like the other conversion functions.
fn per_value_double(c: &CheckedCall<'_>, f: fn(f64) -> f64) -> Res {
    Ok(per_value(c.return_type, move |s| finite(f(num(s)?))))
}

fn domain(msg: &'static str) -> EvalError {
    EvalError::arithmetic(msg)
}

macro_rules! double_fn {
    ($name:ident, $body:expr) => {
        fn $name(c: &CheckedCall<'_>) -> Res {
            to_double(c, $body)
        }
    };
}

double_fn!(sqrt, |x| if x < 0.0 {
    Err(domain("Square root of negative"))
} else {
    Ok(x.sqrt())
});
double_fn!(cbrt, |x| Ok(x.cbrt()));
double_fn!(exp, |x| Ok(x.exp()));
double_fn!(log10, |x| if x <= 0.0 {
    Err(domain("Log of non-positive number"))
} else {
    Ok(x.log10())
});
double_fn!(signum, |x| Ok(if x == 0.0 { 0.0 } else { x.signum() }));
double_fn!(sin, |x| Ok(x.sin()));
double_fn!(cos, |x| Ok(x.cos()));
double_fn!(tan, |x| Ok(x.tan()));
double_fn!(sinh, |x| Ok(x.sinh()));
double_fn!(cosh, |x| Ok(x.cosh()));
double_fn!(tanh, |x| Ok(x.tanh()));
double_fn!(atan, |x| Ok(x.atan()));
double_fn!(asin, |x| if (-1.0..=1.0).contains(&x) {
    Ok(x.asin())
} else {
    Err(domain("Asin input out of range"))
});
double_fn!(acos, |x| if (-1.0..=1.0).contains(&x) {
    Ok(x.acos())
} else {
    Err(domain("Acos input out of range"))
});
double_fn!(acosh, |x| if x < 1.0 {
    Err(domain("Acosh input out of range"))
} else {
    Ok(super::hyperbolic::acosh(x))
});
double_fn!(asinh, |x| Ok(super::hyperbolic::asinh(x)));
double_fn!(atanh, |x| if x <= -1.0 || x >= 1.0 {
    Err(domain("Atanh input out of range"))
} else {
    Ok(super::hyperbolic::atanh(x))
});
fn to_degrees(c: &CheckedCall<'_>) -> Res {
    per_value_double(c, f64::to_degrees)
}

fn to_radians(c: &CheckedCall<'_>) -> Res {
    per_value_double(c, f64::to_radians)
}

fn binary_double(c: &CheckedCall<'_>, f: fn(f64, f64) -> Result<f64, EvalError>) -> Res {
    Ok(sv(c.return_type, move |a| {
        finite(f(num(arg(a, 0)?)?, num(arg(a, 1)?)?)?)
    }))
}

fn pow(c: &CheckedCall<'_>) -> Res {
    binary_double(c, |b, e| Ok(b.powf(e)))
}

fn atan2(c: &CheckedCall<'_>) -> Res {
    binary_double(c, |y, x| Ok(y.atan2(x)))
}

fn hypot(c: &CheckedCall<'_>) -> Res {
    binary_double(c, |a, b| Ok(a.hypot(b)))
}

fn log(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let value = num(a
            .last()
            .copied()
            .ok_or_else(|| super::support::type_bug("log"))?)?;
        if value <= 0.0 {
            return Err(domain("Log of non-positive number"));
        }
        if a.len() == 1 {
            return finite(value.ln());
        }
        let base = num(arg(a, 0)?)?;
        if base <= 0.0 {
            return Err(domain("Log of non-positive number"));
        }
        if base == 1.0 {
            return Err(domain("Log of base 1"));
        }
        finite(value.ln() / base.ln())
    }))
}

fn constant_fn(c: &CheckedCall<'_>, v: f64) -> Res {
    Ok(raw(c.return_type, move |_, _| {
        Ok(Value::One(Scalar::Double(v)))
    }))
}

fn pi(c: &CheckedCall<'_>) -> Res {
    constant_fn(c, std::f64::consts::PI)
}

fn e(c: &CheckedCall<'_>) -> Res {
    constant_fn(c, std::f64::consts::E)
}

fn tau(c: &CheckedCall<'_>) -> Res {
    constant_fn(c, std::f64::consts::TAU)
}

/// A same-type unary function over the numeric variants.
fn same_type(c: &CheckedCall<'_>, f: fn(&Scalar) -> Result<Scalar, EvalError>) -> Res {
    Ok(sv(c.return_type, move |a| f(arg(a, 0)?)))
}

fn abs(c: &CheckedCall<'_>) -> Res {
    if c.ty(0) == DataType::UnsignedLong {
        // Elasticsearch returns an unsigned_long field itself, so a
        // multi-value passes through unchanged.
        return Ok(raw(DataType::UnsignedLong, |cells, _| {
            Ok(cells.first().cloned().unwrap_or_default())
        }));
    }
    same_type(c, |s| {
        Ok(match s {
            Scalar::Integer(v) => Scalar::Integer(v.wrapping_abs()),
            Scalar::Long(v) => Scalar::Long(v.wrapping_abs()),
            Scalar::Double(v) => Scalar::Double(v.abs()),
            other => other.clone(),
        })
    })
}

fn ceil(c: &CheckedCall<'_>) -> Res {
    same_type(c, |s| match s {
        Scalar::Double(v) => finite(v.ceil()),
        other => Ok(other.clone()),
    })
}

fn floor(c: &CheckedCall<'_>) -> Res {
    same_type(c, |s| match s {
        Scalar::Double(v) => finite(v.floor()),
        other => Ok(other.clone()),
    })
}

/// Rounds a double half away from zero at `decimals` decimal places,
/// on its shortest decimal representation (as `BigDecimal.valueOf`).
pub fn round_double(v: f64, decimals: i64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    if decimals > 400 {
        return v;
    }
    let text = format!("{:e}", v.abs());
    let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|c| c - b'0')
        .collect();
    // digits[0] sits at 10^exp; keep the digits down to 10^-decimals.
    let keep = exp + 1 + decimals;
    if keep < 0 {
        return 0.0;
    }
    let keep = keep as usize;
    if keep >= digits.len() {
        return v;
    }
    let mut kept: Vec<u8> = digits.get(..keep).map(<[u8]>::to_vec).unwrap_or_default();
    let round_up = digits.get(keep).is_some_and(|d| *d >= 5);
    let scale = exp + 1 - keep as i64;
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if let Some(d) = kept.get_mut(i) {
                if *d == 9 {
                    *d = 0;
                } else {
                    *d += 1;
                    break;
                }
            }
        }
    }
    if kept.is_empty() {
        return 0.0;
    }
    let mut s: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    s.push('e');
    s.push_str(&scale.to_string());
    let r: f64 = s.parse().unwrap_or(0.0);
    if v < 0.0 {
        -r
    } else {
        r
    }
}

/// Rounds an integer half away from zero to `-decimals` places.
fn round_int(v: i128, decimals: i64) -> Option<i128> {
    if decimals >= 0 {
        return Some(v);
    }
    if decimals < -38 {
        return Some(0);
    }
    let p = 10i128.checked_pow((-decimals) as u32)?;
    let r = v % p;
    let down = v - r;
    Some(if r.abs() * 2 >= p {
        down + p * r.signum()
    } else {
        down
    })
}

fn round(c: &CheckedCall<'_>) -> Res {
    Ok(sv(c.return_type, |a| {
        let decimals = match a.get(1) {
            Some(d) => int(d)?,
            None => 0,
        };
        let too_big = |kind: &str| EvalError::arithmetic(format!("{kind} overflow"));
        Ok(match arg(a, 0)? {
            Scalar::Double(v) => Scalar::Double(round_double(*v, decimals)),
            Scalar::Integer(v) => Scalar::Integer(
                round_int(*v as i128, decimals)
                    .and_then(|r| i32::try_from(r).ok())
                    .ok_or_else(|| too_big("integer"))?,
            ),
            Scalar::Long(v) => Scalar::Long(
                round_int(*v as i128, decimals)
                    .and_then(|r| i64::try_from(r).ok())
                    .ok_or_else(|| too_big("long"))?,
            ),
            Scalar::UnsignedLong(v) => Scalar::UnsignedLong(
                round_int(*v as i128, decimals)
                    .and_then(|r| u64::try_from(r).ok())
                    .ok_or_else(|| too_big("unsigned_long"))?,
            ),
            other => other.clone(),
        })
    }))
}

/// A numeric parameter; string constants are read as doubles (`ABS("10.0")`).
const fn number(name: &'static str) -> Param {
    Param::new(name, NUMERIC).cast_to(DataType::Double)
}

const N: Param = number("n");
const DOUBLE: Returns = Returns::Fixed(DataType::Double);
/// `f(n) -> double`.
const UNARY: Signature = Signature::of(&[N], DOUBLE);
/// `f(n) -> type of n`.
const SAME_TYPE: Signature = Signature::of(&[N], Returns::NumericOf(0));
/// `f() -> double`.
const CONSTANT: Signature = Signature::of(&[], DOUBLE);

/// The math functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func("abs", &[], SAME_TYPE, "Absolute value.", abs),
    func("ceil", &[], SAME_TYPE, "Rounds up.", ceil),
    func("floor", &[], SAME_TYPE, "Rounds down.", floor),
    func(
        "round",
        &[],
        Signature::of(
            &[N, Param::new("decimals", INTEGER_OR_LONG)],
            Returns::NumericOf(0),
        )
        .optional(1),
        "Rounds half away from zero.",
        round,
    ),
    func(
        "pow",
        &[],
        Signature::of(&[number("base"), number("exponent")], DOUBLE),
        "Power.",
        pow,
    ),
    func(
        "log",
        &[],
        Signature::of(&[number("base"), N], DOUBLE).optional_leading(1),
        "Logarithm (natural without a base).",
        log,
    ),
    func("log10", &[], UNARY, "Base-10 logarithm.", log10),
    func("sqrt", &[], UNARY, "Square root.", sqrt),
    func("cbrt", &[], UNARY, "Cube root.", cbrt),
    func("exp", &[], UNARY, "e to the power n.", exp),
    func("signum", &[], UNARY, "Sign: -1, 0 or 1.", signum),
    func("sin", &[], UNARY, "Sine.", sin),
    func("cos", &[], UNARY, "Cosine.", cos),
    func("tan", &[], UNARY, "Tangent.", tan),
    func("asin", &[], UNARY, "Arc sine.", asin),
    func("acos", &[], UNARY, "Arc cosine.", acos),
    func("atan", &[], UNARY, "Arc tangent.", atan),
    func(
        "atan2",
        &[],
        Signature::of(&[number("y"), number("x")], DOUBLE),
        "Angle of (x, y).",
        atan2,
    ),
    func("sinh", &[], UNARY, "Hyperbolic sine.", sinh),
    func("cosh", &[], UNARY, "Hyperbolic cosine.", cosh),
    func("tanh", &[], UNARY, "Hyperbolic tangent.", tanh),
    func("acosh", &[], UNARY, "Inverse hyperbolic cosine.", acosh),
    func("asinh", &[], UNARY, "Inverse hyperbolic sine.", asinh),
    func("atanh", &[], UNARY, "Inverse hyperbolic tangent.", atanh),
    func(
        "hypot",
        &[],
        Signature::of(&[number("a"), number("b")], DOUBLE),
        "Hypotenuse.",
        hypot,
    ),
    func("to_degrees", &[], UNARY, "Radians to degrees.", to_degrees),
    func("to_radians", &[], UNARY, "Degrees to radians.", to_radians),
    func(
        "pi",
        &[],
        CONSTANT,
        "The ratio of a circle's circumference to its diameter.",
        pi,
    ),
    func("e", &[], CONSTANT, "Euler's number.", e),
    func("tau", &[], CONSTANT, "Two pi.", tau),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding() {
        assert_eq!(round_double(1.5, 0), 2.0);
        assert_eq!(round_double(-1.5, 0), -2.0);
        assert_eq!(round_double(2.5, 0), 3.0);
        assert_eq!(round_double(1.2345, 2), 1.23);
        assert_eq!(round_double(1.235, 2), 1.24);
        assert_eq!(round_double(1234.5, -2), 1200.0);
        assert_eq!(round_double(999.9, 0), 1000.0);
        assert_eq!(round_double(0.004, 2), 0.0);
        assert_eq!(round_double(12.0, 5), 12.0);
        assert_eq!(round_int(1250, -2), Some(1300));
        assert_eq!(round_int(-1250, -2), Some(-1300));
        assert_eq!(round_int(1249, -2), Some(1200));
    }
}
