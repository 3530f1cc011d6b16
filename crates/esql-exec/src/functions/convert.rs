//! Type conversion functions (`TO_*`) and the casts behind `x::type` and
//! implicit literal conversion. All apply per value on multi-values.

use super::numparse::{self, out_of_range, show_double};
use super::signature::{Param, Returns, Signature, TypeSet};
use super::support::{func, func_with_options, map_values, per_value, type_bug};
use super::{iso, ArgInfo, CallInfo, CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
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
pub fn implicit_cast_failure(text: &str, target: DataType, error: &EvalError) -> ResolveError {
    ResolveError::CastFailed {
        value: text.to_string(),
        target: target.name().to_ascii_uppercase(),
        reason: error.message.clone(),
    }
}

/// The conversion function behind `x::type`, by target type.
#[cfg(test)]
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

/// The types `TO_STRING` / `TO_TEXT` accept.
const TO_STRING_INPUT: TypeSet = TypeSet {
    name: "boolean or cartesian_point or cartesian_shape or date_nanos or datetime or geo_point or geo_shape or ip or numeric or string or version",
    accepts: |t| {
        !matches!(
            t,
            DataType::Unsupported | DataType::Source | DataType::DatePeriod | DataType::TimeDuration
        )
    },
};
/// The types `TO_BOOLEAN` accepts.
const TO_BOOLEAN_INPUT: TypeSet = TypeSet {
    name: "boolean or numeric or string",
    accepts: |t| t.is_numeric() || t.is_string() || t == DataType::Boolean,
};
/// The types the numeric conversions accept.
const TO_NUMBER_INPUT: TypeSet = TypeSet {
    name: "boolean or date_nanos or datetime or numeric or string",
    accepts: |t| t.is_numeric() || t.is_string() || t.is_date() || t == DataType::Boolean,
};
/// The types the date conversions accept.
const TO_DATE_INPUT: TypeSet = TypeSet {
    name: "date_nanos or datetime or numeric or string",
    accepts: |t| t.is_numeric() || t.is_string() || t.is_date(),
};
/// The types `TO_IP` accepts.
const TO_IP_INPUT: TypeSet = TypeSet {
    name: "ip or string",
    accepts: |t| t == DataType::Ip || t.is_string(),
};
/// The types `TO_VERSION` accepts.
const TO_VERSION_INPUT: TypeSet = TypeSet {
    name: "string or version",
    accepts: |t| t == DataType::Version || t.is_string(),
};
/// The types `TO_DATEPERIOD` accepts.
const TO_DATEPERIOD_INPUT: TypeSet = TypeSet {
    name: "date_period or string",
    accepts: |t| t == DataType::DatePeriod || t.is_string(),
};
/// The types `TO_TIMEDURATION` accepts.
const TO_TIMEDURATION_INPUT: TypeSet = TypeSet {
    name: "string or time_duration",
    accepts: |t| t == DataType::TimeDuration || t.is_string(),
};
/// `to_x(v) -> x`: one parameter accepting `$input` (named `v` unless
/// given), result `$to`.
macro_rules! conversion {
    ($input:expr, $to:expr) => {
        conversion!($input, $to, "v")
    };
    ($input:expr, $to:expr, $name:expr) => {
        Signature::of(&[Param::new($name, $input)], Returns::Fixed($to))
    };
}

const TO_STRING: Signature = conversion!(TO_STRING_INPUT, DataType::Keyword, "any");
const TO_TEXT: Signature = conversion!(TO_STRING_INPUT, DataType::Text, "any");
const TO_BOOLEAN: Signature = conversion!(TO_BOOLEAN_INPUT, DataType::Boolean);
const TO_INTEGER: Signature = conversion!(TO_NUMBER_INPUT, DataType::Integer);
const TO_LONG: Signature = conversion!(TO_NUMBER_INPUT, DataType::Long);
const TO_UNSIGNED_LONG: Signature = conversion!(TO_NUMBER_INPUT, DataType::UnsignedLong);
const TO_DOUBLE: Signature = conversion!(TO_NUMBER_INPUT, DataType::Double);
const TO_DATETIME: Signature = conversion!(TO_DATE_INPUT, DataType::Date);
const TO_DATE_NANOS: Signature = conversion!(TO_DATE_INPUT, DataType::DateNanos);
const TO_IP: Signature = conversion!(TO_IP_INPUT, DataType::Ip)
    .with_options(r#"{"leading_zeros": "reject"|"decimal"|"octal"}"#);
const TO_VERSION: Signature = conversion!(TO_VERSION_INPUT, DataType::Version);
const TO_DATEPERIOD: Signature = conversion!(TO_DATEPERIOD_INPUT, DataType::DatePeriod);
const TO_TIMEDURATION: Signature = conversion!(TO_TIMEDURATION_INPUT, DataType::TimeDuration);

/// The signature of the conversion to `to`.
fn conversion_signature(to: DataType) -> Option<Signature> {
    use DataType as T;
    Some(match to {
        T::Keyword => TO_STRING,
        T::Text => TO_TEXT,
        T::Boolean => TO_BOOLEAN,
        T::Integer => TO_INTEGER,
        T::Long => TO_LONG,
        T::UnsignedLong => TO_UNSIGNED_LONG,
        T::Double => TO_DOUBLE,
        T::Date => TO_DATETIME,
        T::DateNanos => TO_DATE_NANOS,
        T::Ip => TO_IP,
        T::Version => TO_VERSION,
        T::DatePeriod => TO_DATEPERIOD,
        T::TimeDuration => TO_TIMEDURATION,
        T::Null | T::Source | T::Unsupported => return None,
    })
}

/// The kernel of every conversion: each value cast to the result type.
fn convert(c: &CheckedCall<'_>) -> Result<Resolved, ResolveError> {
    let to = c.return_type;
    Ok(per_value(to, move |s| cast_scalar(s, to)))
}

/// Resolves a conversion of one argument to `to` (`TO_*` and `x::type`).
pub fn resolve_conversion(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    to: DataType,
) -> Result<Resolved, ResolveError> {
    match conversion_signature(to) {
        Some(signature) => signature.resolve(args, call, convert),
        None => Err(ResolveError::Internal(format!(
            "no conversion to [{}]",
            to.name()
        ))),
    }
}

/// The conversion functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "to_string",
        &["to_str"],
        TO_STRING,
        "Converts to a string.",
        convert,
    ),
    func(
        "to_text",
        &[],
        TO_TEXT,
        "Converts to a text string.",
        convert,
    ),
    func(
        "to_boolean",
        &["to_bool"],
        TO_BOOLEAN,
        "Converts to a boolean.",
        convert,
    ),
    func(
        "to_integer",
        &["to_int"],
        TO_INTEGER,
        "Converts to an integer.",
        convert,
    ),
    func("to_long", &[], TO_LONG, "Converts to a long.", convert),
    func(
        "to_unsigned_long",
        &["to_ulong", "to_ul"],
        TO_UNSIGNED_LONG,
        "Converts to an unsigned long.",
        convert,
    ),
    func(
        "to_double",
        &["to_dbl"],
        TO_DOUBLE,
        "Converts to a double.",
        convert,
    ),
    func(
        "to_datetime",
        &["to_dt"],
        TO_DATETIME,
        "Converts to a date.",
        convert,
    ),
    func(
        "to_date_nanos",
        &["to_datenanos"],
        TO_DATE_NANOS,
        "Converts to a nanosecond date.",
        convert,
    ),
    func_with_options(
        "to_ip",
        &[],
        TO_IP,
        "Converts to an IP address.",
        convert,
        super::ip::to_ip_with_options,
    ),
    func(
        "to_version",
        &["to_ver"],
        TO_VERSION,
        "Converts to a version.",
        convert,
    ),
    func(
        "to_dateperiod",
        &[],
        TO_DATEPERIOD,
        "Converts a constant to a calendar period.",
        convert,
    ),
    func(
        "to_timeduration",
        &[],
        TO_TIMEDURATION,
        "Converts a constant to a time duration.",
        convert,
    ),
];
