//! Math functions. All are single-value with the standard null rule;
//! non-finite results become null plus Elasticsearch's warning.

use super::support::{
    arg, arity, check, check_numeric, def, finite, implicit_casts, int, num, per_value, raw,
    retyped, sv, with_constants,
};
use super::{ArgInfo, CallInfo, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, String>;

/// The result type of a same-type function (`ABS`, `ROUND`, …): the
/// argument's type, `null` included.
fn numeric_type(args: &[ArgInfo<'_>], i: usize) -> DataType {
    match args.get(i).map(|a| a.ty) {
        Some(t) if t.is_numeric() || t == DataType::Null => t,
        _ => DataType::Double,
    }
}

/// Resolves with the constant string arguments at `indexes` implicitly
/// cast to `double` (`ABS("10.0")`); a string that is not a number is a
/// verification error.
fn with_literals(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    indexes: &[usize],
    inner: impl FnOnce(&[ArgInfo<'_>], &CallInfo<'_>) -> Res,
) -> Res {
    let targets: Vec<(usize, DataType)> = indexes.iter().map(|&i| (i, DataType::Double)).collect();
    let (types, overrides) = implicit_casts(args, &targets)?;
    let args = retyped(args, &types);
    Ok(with_constants(inner(&args, call)?, overrides))
}

/// A one-argument numeric function returning a double, with a domain check.
fn to_double(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    f: fn(f64) -> Result<f64, EvalError>,
) -> Res {
    with_literals(args, call, &[0], |args, call| {
        arity(args, call, 1, 1)?;
        check_numeric(args, call, 0)?;
        Ok(sv(DataType::Double, move |a| finite(f(num(arg(a, 0)?)?)?)))
    })
}

/// A unit conversion (`TO_DEGREES`, `TO_RADIANS`): applied to every value
/// of a multi-valued argument, like the other conversion functions.
fn per_value_double(args: &[ArgInfo<'_>], call: &CallInfo<'_>, f: fn(f64) -> f64) -> Res {
    with_literals(args, call, &[0], |args, call| {
        arity(args, call, 1, 1)?;
        check_numeric(args, call, 0)?;
        Ok(per_value(DataType::Double, move |s| finite(f(num(s)?))))
    })
}

fn domain(msg: &'static str) -> EvalError {
    EvalError::arithmetic(msg)
}

macro_rules! double_fn {
    ($name:ident, $body:expr) => {
        fn $name(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
            to_double(args, call, $body)
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
fn to_degrees(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    per_value_double(args, call, f64::to_degrees)
}

fn to_radians(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    per_value_double(args, call, f64::to_radians)
}

fn binary_double(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    f: fn(f64, f64) -> Result<f64, EvalError>,
) -> Res {
    with_literals(args, call, &[0, 1], |args, call| {
        arity(args, call, 2, 2)?;
        check_numeric(args, call, 0)?;
        check_numeric(args, call, 1)?;
        Ok(sv(DataType::Double, move |a| {
            finite(f(num(arg(a, 0)?)?, num(arg(a, 1)?)?)?)
        }))
    })
}

fn pow(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    binary_double(args, call, |b, e| Ok(b.powf(e)))
}

fn atan2(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    binary_double(args, call, |y, x| Ok(y.atan2(x)))
}

fn hypot(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    binary_double(args, call, |a, b| Ok(a.hypot(b)))
}

fn log(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    with_literals(args, call, &[0, 1], log_resolved)
}

fn log_resolved(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 1, 2)?;
    check_numeric(args, call, 0)?;
    check_numeric(args, call, 1)?;
    Ok(sv(DataType::Double, |a| {
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

fn constant_fn(args: &[ArgInfo<'_>], call: &CallInfo<'_>, v: f64) -> Res {
    arity(args, call, 0, 0)?;
    Ok(raw(DataType::Double, move |_, _| {
        Ok(Value::One(Scalar::Double(v)))
    }))
}

fn pi(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    constant_fn(args, call, std::f64::consts::PI)
}

fn e(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    constant_fn(args, call, std::f64::consts::E)
}

fn tau(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    constant_fn(args, call, std::f64::consts::TAU)
}

/// A same-type unary function over the numeric variants.
fn same_type(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    f: fn(&Scalar) -> Result<Scalar, EvalError>,
) -> Res {
    with_literals(args, call, &[0], |args, call| {
        arity(args, call, 1, 1)?;
        check_numeric(args, call, 0)?;
        Ok(sv(numeric_type(args, 0), move |a| f(arg(a, 0)?)))
    })
}

fn abs(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    if super::support::ty(args, 0) == DataType::UnsignedLong && args.len() == 1 {
        // Elasticsearch returns an unsigned_long field itself, so a
        // multi-value passes through unchanged.
        return Ok(raw(DataType::UnsignedLong, |cells, _| {
            Ok(cells.first().cloned().unwrap_or_default())
        }));
    }
    same_type(args, call, |s| {
        Ok(match s {
            Scalar::Integer(v) => Scalar::Integer(v.wrapping_abs()),
            Scalar::Long(v) => Scalar::Long(v.wrapping_abs()),
            Scalar::Double(v) => Scalar::Double(v.abs()),
            other => other.clone(),
        })
    })
}

fn ceil(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    same_type(args, call, |s| match s {
        Scalar::Double(v) => finite(v.ceil()),
        other => Ok(other.clone()),
    })
}

fn floor(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    same_type(args, call, |s| match s {
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

fn round(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    with_literals(args, call, &[0], round_resolved)
}

fn round_resolved(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 1, 2)?;
    check_numeric(args, call, 0)?;
    check(
        args,
        call,
        1,
        |t| matches!(t, DataType::Integer | DataType::Long),
        "integer or long",
    )?;
    Ok(sv(numeric_type(args, 0), |a| {
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

/// The math functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    def("abs", &[], "abs(n) -> type of n", "Absolute value.", abs),
    def("ceil", &[], "ceil(n) -> type of n", "Rounds up.", ceil),
    def("floor", &[], "floor(n) -> type of n", "Rounds down.", floor),
    def(
        "round",
        &[],
        "round(n[, decimals]) -> type of n",
        "Rounds half away from zero.",
        round,
    ),
    def("pow", &[], "pow(base, exponent) -> double", "Power.", pow),
    def(
        "log",
        &[],
        "log([base,] n) -> double",
        "Logarithm (natural without a base).",
        log,
    ),
    def(
        "log10",
        &[],
        "log10(n) -> double",
        "Base-10 logarithm.",
        log10,
    ),
    def("sqrt", &[], "sqrt(n) -> double", "Square root.", sqrt),
    def("cbrt", &[], "cbrt(n) -> double", "Cube root.", cbrt),
    def("exp", &[], "exp(n) -> double", "e to the power n.", exp),
    def(
        "signum",
        &[],
        "signum(n) -> double",
        "Sign: -1, 0 or 1.",
        signum,
    ),
    def("sin", &[], "sin(n) -> double", "Sine.", sin),
    def("cos", &[], "cos(n) -> double", "Cosine.", cos),
    def("tan", &[], "tan(n) -> double", "Tangent.", tan),
    def("asin", &[], "asin(n) -> double", "Arc sine.", asin),
    def("acos", &[], "acos(n) -> double", "Arc cosine.", acos),
    def("atan", &[], "atan(n) -> double", "Arc tangent.", atan),
    def(
        "atan2",
        &[],
        "atan2(y, x) -> double",
        "Angle of (x, y).",
        atan2,
    ),
    def("sinh", &[], "sinh(n) -> double", "Hyperbolic sine.", sinh),
    def("cosh", &[], "cosh(n) -> double", "Hyperbolic cosine.", cosh),
    def(
        "tanh",
        &[],
        "tanh(n) -> double",
        "Hyperbolic tangent.",
        tanh,
    ),
    def("hypot", &[], "hypot(a, b) -> double", "Hypotenuse.", hypot),
    def(
        "to_degrees",
        &[],
        "to_degrees(n) -> double",
        "Radians to degrees.",
        to_degrees,
    ),
    def(
        "to_radians",
        &[],
        "to_radians(n) -> double",
        "Degrees to radians.",
        to_radians,
    ),
    def(
        "pi",
        &[],
        "pi() -> double",
        "The ratio of a circle's circumference to its diameter.",
        pi,
    ),
    def("e", &[], "e() -> double", "Euler's number.", e),
    def("tau", &[], "tau() -> double", "Two pi.", tau),
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
