//! Type conversion functions (`TO_*`) and the casts behind `x::type` and
//! implicit literal conversion. All apply per value on multi-values.

use super::numparse::{self, out_of_range, show_double};
use super::support::{arity, def, def_with_options, map_values, per_value, type_bug, type_error};
use super::{iso, ArgInfo, CallInfo, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// Converts one value to `to`, with Elasticsearch's failures.
pub fn cast_scalar(s: &Scalar, to: DataType) -> Result<Scalar, EvalError> {
    use DataType as T;
    use Scalar as S;
    Ok(match (to, s) {
        (T::Keyword | T::Text, S::Str(v)) => S::Str(v.clone()),
        (T::Keyword | T::Text, other) => S::str(&crate::render::scalar_to_string(other)),
        (T::Boolean, S::Boolean(b)) => S::Boolean(*b),
        (T::Boolean, S::Str(v)) => S::Boolean(v.eq_ignore_ascii_case("true")),
        (T::Boolean, S::Double(d)) => S::Boolean(*d != 0.0),
        (T::Boolean, n) if n.as_f64().is_some() => S::Boolean(n.as_f64() != Some(0.0)),
        (T::Long, S::Str(v)) => S::Long(numparse::string_to_long(v)?),
        (T::Long, S::Double(d)) => S::Long(
            numparse::round_to_long(*d).ok_or_else(|| out_of_range(&show_double(*d), "long"))?,
        ),
        (T::Long, S::UnsignedLong(u)) => {
            S::Long(i64::try_from(*u).map_err(|_| out_of_range(&u.to_string(), "long"))?)
        }
        (T::Integer, S::Str(v)) => S::Integer(numparse::string_to_int(v)?),
        (T::Integer, S::Double(d)) => S::Integer(numparse::double_to_int(*d)?),
        (T::Integer, S::UnsignedLong(u)) => S::Integer(
            i32::try_from(*u).map_err(|_| out_of_range(&u.to_string(), "integer"))?,
        ),
        (T::UnsignedLong, S::Str(v)) => S::UnsignedLong(numparse::string_to_unsigned(v)?),
        (T::UnsignedLong, S::Double(d)) => S::UnsignedLong(numparse::double_to_unsigned(*d)?),
        (T::UnsignedLong, S::UnsignedLong(u)) => S::UnsignedLong(*u),
        (T::Double, S::Str(v)) => S::Double(numparse::string_to_double(v)?),
        (T::Double, S::Boolean(b)) => S::Double(if *b { 1.0 } else { 0.0 }),
        (T::Double, S::Date(v) | S::DateNanos(v)) => S::Double(*v as f64),
        (T::Double, n) => S::Double(n.as_f64().ok_or_else(|| type_bug("to_double"))?),
        (T::Date, S::Str(v)) => S::Date(iso::parse_millis(v)?),
        (T::Date, S::Date(v)) => S::Date(*v),
        (T::Date, S::DateNanos(v)) => S::Date(v.div_euclid(1_000_000)),
        (T::Date, S::Double(d)) => S::Date(
            numparse::round_to_long(*d).ok_or_else(|| out_of_range(&show_double(*d), "long"))?,
        ),
        (T::Date, S::UnsignedLong(u)) => {
            S::Date(i64::try_from(*u).map_err(|_| out_of_range(&u.to_string(), "long"))?)
        }
        (T::DateNanos, S::Str(v)) => S::DateNanos(
            iso::parse_nanos(v)
                .and_then(|n| i64::try_from(n).ok())
                .filter(|n| *n >= 0)
                .ok_or_else(|| iso::date_parse_error(v, "strict_date_optional_time"))?,
        ),
        (T::DateNanos, S::DateNanos(v)) => S::DateNanos(*v),
        (T::DateNanos, S::Date(v)) => S::DateNanos(
            v.checked_mul(1_000_000)
                .filter(|n| *n >= 0)
                .ok_or_else(|| {
                    EvalError::illegal_argument(format!(
                        "milliSeconds [{v}] are before the epoch in 1970 and cannot be converted to nanoseconds"
                    ))
                })?,
        ),
        (T::DateNanos, S::Double(d)) => S::DateNanos(
            numparse::round_to_long(*d).ok_or_else(|| out_of_range(&show_double(*d), "long"))?,
        ),
        (T::Ip, S::Ip(b)) => S::Ip(*b),
        (T::Ip, S::Str(v)) => super::ip::string_to_ip(v, super::ip::LeadingZeros::Reject)?,
        (T::Version, S::Version(v) | S::Str(v)) => S::Version(v.clone()),
        (T::DatePeriod | T::TimeDuration, S::Str(v)) => parse_span(v, to)?,
        (T::DatePeriod, S::Period(p)) => S::Period(*p),
        (T::TimeDuration, S::Duration(d)) => S::Duration(*d),
        // Whole numbers, booleans and dates to the integer types.
        (T::Long | T::Integer | T::UnsignedLong | T::Date | T::DateNanos, other) => {
            let v: i128 = match other {
                S::Boolean(b) => i128::from(*b),
                S::Integer(v) => i128::from(*v),
                S::Long(v) | S::Date(v) | S::DateNanos(v) => i128::from(*v),
                S::UnsignedLong(v) => i128::from(*v),
                _ => return Err(type_bug("a conversion")),
            };
            let range = |t: &str| out_of_range(&v.to_string(), t);
            match to {
                T::Integer => S::Integer(i32::try_from(v).map_err(|_| range("integer"))?),
                T::UnsignedLong => {
                    S::UnsignedLong(u64::try_from(v).map_err(|_| range("unsigned_long"))?)
                }
                T::Date => S::Date(i64::try_from(v).map_err(|_| range("long"))?),
                T::DateNanos => S::DateNanos(i64::try_from(v).map_err(|_| range("long"))?),
                _ => S::Long(i64::try_from(v).map_err(|_| range("long"))?),
            }
        }
        _ => return Err(type_bug("a conversion")),
    })
}

/// Parses a time span written as a string (`"1 day"`, `"3hours"`).
fn parse_span(text: &str, to: DataType) -> Result<Scalar, EvalError> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '-' || c == '+'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: i64 = number.parse().map_err(|_| {
        EvalError::invalid_argument(format!(
            "Cannot parse [{text}] to {}",
            to.name().to_ascii_uppercase()
        ))
    })?;
    let unit = unit.trim().to_ascii_lowercase();
    let span = super::spans::span_from_unit(n, &unit).ok_or_else(|| {
        EvalError::invalid_argument(format!("Unexpected temporal unit: '{unit}'"))
    })?;
    match (&span, to) {
        (Scalar::Period(_), DataType::DatePeriod)
        | (Scalar::Duration(_), DataType::TimeDuration) => Ok(span),
        _ => Err(EvalError::invalid_argument(format!(
            "Cannot parse [{text}] to {}",
            to.name().to_ascii_uppercase()
        ))),
    }
}

/// Converts a cell to `to`, per value (failing values are dropped and
/// reported through the error's partial result).
pub fn cast(value: &Value, to: DataType) -> Result<Value, EvalError> {
    map_values(value, |s| cast_scalar(s, to))
}

/// Elasticsearch's message for a string constant that does not convert to
/// the type it is implicitly cast to: `Cannot convert string [text] to
/// [TYPE], error [why]`.
pub fn implicit_cast_failure(text: &str, target: DataType, error: &EvalError) -> String {
    format!(
        "Cannot convert string [{text}] to [{}], error [{}]",
        target.name().to_ascii_uppercase(),
        error.message
    )
}

/// The conversion function behind `x::type`, by target type.
pub fn cast_name(to: DataType) -> Option<&'static str> {
    Some(match to {
        DataType::Boolean => "to_boolean",
        DataType::Integer => "to_integer",
        DataType::Long => "to_long",
        DataType::UnsignedLong => "to_unsigned_long",
        DataType::Double => "to_double",
        DataType::Keyword | DataType::Text => "to_string",
        DataType::Date => "to_datetime",
        DataType::DateNanos => "to_date_nanos",
        DataType::Ip => "to_ip",
        DataType::Version => "to_version",
        DataType::DatePeriod => "to_dateperiod",
        DataType::TimeDuration => "to_timeduration",
        DataType::Null | DataType::Source | DataType::Unsupported => return None,
    })
}

/// The input types each conversion accepts, and how Elasticsearch names
/// them in its type error.
fn accepts(to: DataType) -> (fn(DataType) -> bool, &'static str) {
    use DataType as T;
    match to {
        T::Keyword | T::Text => (
            |t| !matches!(t, T::Unsupported | T::Source | T::DatePeriod | T::TimeDuration),
            "boolean or cartesian_point or cartesian_shape or date_nanos or datetime or geo_point or geo_shape or ip or numeric or string or version",
        ),
        T::Boolean => (
            |t| t.is_numeric() || t.is_string() || t == T::Boolean,
            "boolean or numeric or string",
        ),
        T::Integer | T::Long | T::UnsignedLong | T::Double => (
            |t| t.is_numeric() || t.is_string() || t.is_date() || t == T::Boolean,
            "boolean or date_nanos or datetime or numeric or string",
        ),
        T::Date | T::DateNanos => (
            |t| t.is_numeric() || t.is_string() || t.is_date(),
            "date_nanos or datetime or numeric or string",
        ),
        T::Ip => (|t| t == T::Ip || t.is_string(), "ip or string"),
        T::Version => (|t| t == T::Version || t.is_string(), "string or version"),
        T::DatePeriod => (|t| t == T::DatePeriod || t.is_string(), "date_period or string"),
        T::TimeDuration => (
            |t| t == T::TimeDuration || t.is_string(),
            "string or time_duration",
        ),
        T::Null | T::Source | T::Unsupported => (|_| false, "any"),
    }
}

/// Resolves a conversion of one argument to `to` (`TO_*` and `x::type`).
pub fn resolve_conversion(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    to: DataType,
) -> Result<Resolved, String> {
    arity(args, call, 1, 1)?;
    let from = args.first().map(|a| a.ty).unwrap_or(DataType::Null);
    let (ok, expected) = accepts(to);
    if from != DataType::Null && !ok(from) {
        return Err(type_error(args, call, 0, expected));
    }
    Ok(per_value(to, move |s| cast_scalar(s, to)))
}

macro_rules! conversion {
    ($fn_name:ident, $ty:expr) => {
        fn $fn_name(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<Resolved, String> {
            resolve_conversion(args, call, $ty)
        }
    };
}

conversion!(to_string, DataType::Keyword);
conversion!(to_text, DataType::Text);
conversion!(to_boolean, DataType::Boolean);
conversion!(to_integer, DataType::Integer);
conversion!(to_long, DataType::Long);
conversion!(to_unsigned_long, DataType::UnsignedLong);
conversion!(to_double, DataType::Double);
conversion!(to_datetime, DataType::Date);
conversion!(to_date_nanos, DataType::DateNanos);
conversion!(to_ip, DataType::Ip);
conversion!(to_version, DataType::Version);
conversion!(to_dateperiod, DataType::DatePeriod);
conversion!(to_timeduration, DataType::TimeDuration);

/// The conversion functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    def(
        "to_string",
        &["to_str"],
        "to_string(any) -> keyword",
        "Converts to a string.",
        to_string,
    ),
    def(
        "to_text",
        &[],
        "to_text(any) -> text",
        "Converts to a text string.",
        to_text,
    ),
    def(
        "to_boolean",
        &["to_bool"],
        "to_boolean(v) -> boolean",
        "Converts to a boolean.",
        to_boolean,
    ),
    def(
        "to_integer",
        &["to_int"],
        "to_integer(v) -> integer",
        "Converts to an integer.",
        to_integer,
    ),
    def(
        "to_long",
        &[],
        "to_long(v) -> long",
        "Converts to a long.",
        to_long,
    ),
    def(
        "to_unsigned_long",
        &["to_ulong", "to_ul"],
        "to_unsigned_long(v) -> unsigned_long",
        "Converts to an unsigned long.",
        to_unsigned_long,
    ),
    def(
        "to_double",
        &["to_dbl"],
        "to_double(v) -> double",
        "Converts to a double.",
        to_double,
    ),
    def(
        "to_datetime",
        &["to_dt"],
        "to_datetime(v) -> date",
        "Converts to a date.",
        to_datetime,
    ),
    def(
        "to_date_nanos",
        &["to_datenanos"],
        "to_date_nanos(v) -> date_nanos",
        "Converts to a nanosecond date.",
        to_date_nanos,
    ),
    def_with_options(
        "to_ip",
        &[],
        "to_ip(v[, {\"leading_zeros\": \"reject\"|\"decimal\"|\"octal\"}]) -> ip",
        "Converts to an IP address.",
        to_ip,
        super::ip::to_ip_with_options,
    ),
    def(
        "to_version",
        &["to_ver"],
        "to_version(v) -> version",
        "Converts to a version.",
        to_version,
    ),
    def(
        "to_dateperiod",
        &[],
        "to_dateperiod(v) -> date_period",
        "Converts a constant to a calendar period.",
        to_dateperiod,
    ),
    def(
        "to_timeduration",
        &[],
        "to_timeduration(v) -> time_duration",
        "Converts a constant to a time duration.",
        to_timeduration,
    ),
];
