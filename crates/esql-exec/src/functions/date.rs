//! Date functions (UTC): NOW, DATE_TRUNC, BUCKET (span form), DATE_DIFF,
//! DATE_EXTRACT, DATE_FORMAT, DATE_PARSE, DAY_NAME, MONTH_NAME.

use super::calendar::{self, MS_PER_DAY};
use super::date_format::Pattern;
use super::signature::{Param, Returns, Signature, DATETIME, STRING};
use super::support::{
    arg, arity, check, constant, def, finite, func, implicit_casts, kw, num, raw, retyped, sv,
    sv_value, text, with_constants,
};
use super::{iso, ArgInfo, CallInfo, CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Period, Scalar, Value};
use std::sync::Arc;

type Res = Result<Resolved, super::ResolveError>;

fn is_date(t: DataType) -> bool {
    t.is_date()
}

fn now(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |_, env| {
        Ok(Value::One(Scalar::Date(env.now_ms)))
    }))
}

/// How a span rounds a date down, decided once at resolution.
#[derive(Clone, Copy, Debug)]
enum Rounding {
    Fixed(i64),
    Week,
    Months(i64),
}

fn rounding(span: &Scalar) -> Result<Rounding, ResolveError> {
    match span {
        Scalar::Duration(d) if *d > 0 => Ok(Rounding::Fixed(*d)),
        Scalar::Duration(_) => Err(ResolveError::other(
            "Zero or negative time interval is not supported",
        )),
        Scalar::Period(Period { months, days }) => match (*months, *days) {
            (m, d) if m != 0 && d != 0 => Err(ResolveError::other(
                "Time interval with multiple periods is not supported",
            )),
            (m, d) if m < 0 || d < 0 || (m == 0 && d == 0) => Err(ResolveError::other(
                "Zero or negative time interval is not supported",
            )),
            (0, 7) => Ok(Rounding::Week),
            (0, d) => Ok(Rounding::Fixed(d as i64 * MS_PER_DAY)),
            (m, _) => Ok(Rounding::Months(m)),
        },
        _ => Err(ResolveError::other("Time interval is not supported")),
    }
}

fn round_millis(ms: i64, r: Rounding) -> i64 {
    match r {
        Rounding::Fixed(d) => ms.div_euclid(d) * d,
        Rounding::Week => {
            let days = ms.div_euclid(MS_PER_DAY);
            (days - (calendar::day_of_week(days) as i64 - 1)) * MS_PER_DAY
        }
        Rounding::Months(n) => {
            let (y, m, _) = calendar::civil_from_days(ms.div_euclid(MS_PER_DAY));
            let total = (y - 1970) * 12 + (m as i64 - 1);
            let start = total.div_euclid(n) * n;
            calendar::days_from_civil(
                1970 + start.div_euclid(12),
                (start.rem_euclid(12) + 1) as u32,
                1,
            ) * MS_PER_DAY
        }
    }
}

fn truncate(s: &Scalar, r: Rounding) -> Result<Scalar, EvalError> {
    match s {
        Scalar::Date(ms) => Ok(Scalar::Date(round_millis(*ms, r))),
        Scalar::DateNanos(ns) => Ok(Scalar::DateNanos(
            round_millis(ns.div_euclid(1_000_000), r).saturating_mul(1_000_000),
        )),
        _ => Err(super::support::type_bug("date_trunc")),
    }
}

/// Resolves a constant span argument into a rounding.
fn span_rounding(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    index: usize,
) -> Result<Option<Rounding>, ResolveError> {
    check(
        args,
        call,
        index,
        DataType::is_span,
        "dateperiod or timeduration",
    )?;
    match constant(args, index) {
        Some(span) => rounding(span).map(Some),
        None if super::support::ty(args, index) == DataType::Null => Ok(None),
        None => Err(super::support::not_constant(args, call, index)),
    }
}

fn date_trunc(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 2)?;
    let (types, overrides) = implicit_casts(args, &[(1, DataType::Date)])?;
    let typed = retyped(args, &types);
    let r = span_rounding(&typed, call, 0)?;
    check(&typed, call, 1, is_date, "date_nanos or datetime")?;
    let ret = match types.get(1) {
        Some(DataType::DateNanos) => DataType::DateNanos,
        _ => DataType::Date,
    };
    let resolved = match r {
        Some(r) => sv(ret, move |a| truncate(arg(a, 1)?, r)),
        None => raw(ret, |_, _| Ok(Value::Null)),
    };
    Ok(with_constants(resolved, overrides))
}

fn bucket(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 4)?;
    let field = super::support::ty(args, 0);
    if args.len() == 4 && field.is_numeric() {
        return numeric_bucket_count(args, call);
    }
    if args.len() != 2 {
        return Err(ResolveError::other(format!(
            "[{}] with a bucket count is not supported; use a span",
            call.text
        )));
    }
    if field.is_date() {
        let r = span_rounding(args, call, 1)?;
        return Ok(match r {
            Some(r) => sv(field, move |a| truncate(arg(a, 0)?, r)),
            None => raw(field, |_, _| Ok(Value::Null)),
        });
    }
    check(
        args,
        call,
        0,
        DataType::is_numeric,
        "date_nanos or datetime or numeric",
    )?;
    check(args, call, 1, DataType::is_numeric, "numeric")?;
    Ok(sv(DataType::Double, |a| {
        let (x, span) = (num(arg(a, 0)?)?, num(arg(a, 1)?)?);
        finite((x / span).floor() * span)
    }))
}

/// `BUCKET(number, buckets, from, to)`: a span of 1 or 5 times a power of
/// ten that gives about `buckets` buckets over `[from, to]`
/// (Elasticsearch's numeric rounding picker).
fn numeric_bucket_count(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    check(args, call, 1, |t| t == DataType::Integer, "integer")?;
    let constant = |i: usize| {
        super::support::check_constant(args, call, i)?;
        check(args, call, i, DataType::is_numeric, "numeric")?;
        Ok::<_, ResolveError>(super::support::constant(args, i).and_then(Scalar::as_f64))
    };
    let (Some(buckets), Some(from), Some(to)) = (constant(1)?, constant(2)?, constant(3)?) else {
        return Ok(raw(DataType::Double, |_, _| Ok(Value::Null)));
    };
    let precise = (to - from) / buckets;
    let power = 10f64.powf(precise.log10().ceil());
    let span = if precise < power / 2.0 {
        power / 2.0
    } else {
        power
    };
    Ok(sv(DataType::Double, move |a| {
        finite((num(arg(a, 0)?)? / span).floor() * span)
    }))
}

/// DATE_DIFF units and their Elasticsearch aliases.
fn diff_unit(unit: &str) -> Option<&'static str> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "year" | "years" | "yy" | "yyyy" => "year",
        "quarter" | "quarters" | "qq" | "q" => "quarter",
        "month" | "months" | "mm" | "m" => "month",
        "dayofyear" | "dy" | "y" | "day" | "days" | "dd" | "d" | "weekday" | "weekdays" | "dw" => {
            "day"
        }
        "week" | "weeks" | "wk" | "ww" => "week",
        "hour" | "hours" | "hh" => "hour",
        "minute" | "minutes" | "mi" | "n" => "minute",
        "second" | "seconds" | "ss" | "s" => "second",
        "millisecond" | "milliseconds" | "ms" => "millisecond",
        "microsecond" | "microseconds" | "mcs" => "microsecond",
        "nanosecond" | "nanoseconds" | "ns" => "nanosecond",
        _ => return None,
    })
}

fn nanos_of(s: &Scalar) -> Result<i128, EvalError> {
    match s {
        Scalar::Date(ms) => Ok(*ms as i128 * 1_000_000),
        Scalar::DateNanos(ns) => Ok(*ns as i128),
        _ => Err(super::support::type_bug("date_diff")),
    }
}

/// Whole months between two instants (Java `ChronoUnit.MONTHS.between`).
fn months_between(a: i128, b: i128) -> i128 {
    let (ca, cb) = (calendar::civil_from_nanos(a), calendar::civil_from_nanos(b));
    let mut months =
        (cb.year as i128 * 12 + cb.month as i128) - (ca.year as i128 * 12 + ca.month as i128);
    let rest = |c: &calendar::Civil| (c.day, c.hour, c.minute, c.second, c.nano);
    if months > 0 && rest(&cb) < rest(&ca) {
        months -= 1;
    } else if months < 0 && rest(&cb) > rest(&ca) {
        months += 1;
    }
    months
}

fn diff(unit: &str, a: i128, b: i128) -> Result<Scalar, EvalError> {
    let d = b - a;
    let v = match unit {
        "year" => months_between(a, b) / 12,
        "quarter" => months_between(a, b) / 3,
        "month" => months_between(a, b),
        "week" => d / (7 * 86_400_000_000_000),
        "day" => d / 86_400_000_000_000,
        "hour" => d / 3_600_000_000_000,
        "minute" => d / 60_000_000_000,
        "second" => d / 1_000_000_000,
        "millisecond" => d / 1_000_000,
        "microsecond" => d / 1000,
        _ => d,
    };
    i32::try_from(v)
        .map(Scalar::Integer)
        .map_err(|_| EvalError::invalid_argument(format!("[{v}] out of [integer] range")))
}

fn unit_error(unit: &str) -> String {
    format!("A value of [YEAR, QUARTER, MONTH, DAYOFYEAR, DAY, WEEK, WEEKDAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, NANOSECOND] or their aliases is required; received [{unit}]")
}

fn date_diff(c: &CheckedCall<'_>) -> Res {
    if let Some(u) = c.constant(0).and_then(Scalar::as_str) {
        diff_unit(u).ok_or_else(|| ResolveError::other(unit_error(u)))?;
    }
    Ok(sv(c.return_type, |a| {
        let u = text(arg(a, 0)?)?;
        let unit = diff_unit(u).ok_or_else(|| EvalError::invalid_argument(unit_error(u)))?;
        diff(unit, nanos_of(arg(a, 1)?)?, nanos_of(arg(a, 2)?)?)
    }))
}

/// A `ChronoField` value of an instant.
fn chrono_field(field: &str, nanos: i128) -> Option<i64> {
    let c = calendar::civil_from_nanos(nanos);
    let days = nanos.div_euclid(86_400_000_000_000) as i64;
    let nano_of_day = nanos.rem_euclid(86_400_000_000_000) as i64;
    let doy = calendar::day_of_year(c.year, c.month, c.day) as i64;
    Some(match field.to_ascii_uppercase().as_str() {
        "NANO_OF_SECOND" => c.nano as i64,
        "NANO_OF_DAY" => nano_of_day,
        "MICRO_OF_SECOND" => c.nano as i64 / 1000,
        "MICRO_OF_DAY" => nano_of_day / 1000,
        "MILLI_OF_SECOND" => c.nano as i64 / 1_000_000,
        "MILLI_OF_DAY" => nano_of_day / 1_000_000,
        "SECOND_OF_MINUTE" => c.second as i64,
        "SECOND_OF_DAY" => nano_of_day / 1_000_000_000,
        "MINUTE_OF_HOUR" => c.minute as i64,
        "MINUTE_OF_DAY" => nano_of_day / 60_000_000_000,
        "HOUR_OF_AMPM" => (c.hour % 12) as i64,
        "CLOCK_HOUR_OF_AMPM" => {
            if c.hour.is_multiple_of(12) {
                12
            } else {
                (c.hour % 12) as i64
            }
        }
        "HOUR_OF_DAY" => c.hour as i64,
        "CLOCK_HOUR_OF_DAY" => {
            if c.hour == 0 {
                24
            } else {
                c.hour as i64
            }
        }
        "AMPM_OF_DAY" => (c.hour / 12) as i64,
        "DAY_OF_WEEK" => calendar::day_of_week(days) as i64,
        "ALIGNED_DAY_OF_WEEK_IN_MONTH" => (c.day as i64 - 1) % 7 + 1,
        "ALIGNED_DAY_OF_WEEK_IN_YEAR" => (doy - 1) % 7 + 1,
        "DAY_OF_MONTH" => c.day as i64,
        "DAY_OF_YEAR" => doy,
        "EPOCH_DAY" => days,
        "ALIGNED_WEEK_OF_MONTH" => (c.day as i64 - 1) / 7 + 1,
        "ALIGNED_WEEK_OF_YEAR" => (doy - 1) / 7 + 1,
        "MONTH_OF_YEAR" => c.month as i64,
        "PROLEPTIC_MONTH" => c.year * 12 + c.month as i64 - 1,
        "YEAR_OF_ERA" => {
            if c.year > 0 {
                c.year
            } else {
                1 - c.year
            }
        }
        "YEAR" => c.year,
        "ERA" => i64::from(c.year > 0),
        "INSTANT_SECONDS" => nanos.div_euclid(1_000_000_000) as i64,
        "OFFSET_SECONDS" => 0,
        _ => return None,
    })
}

fn date_extract(c: &CheckedCall<'_>) -> Res {
    if let Some(f) = c.constant(0).and_then(Scalar::as_str) {
        if chrono_field(f, 0).is_none() {
            return Err(ResolveError::other(format!(
                "invalid date field for [{}]: {f}",
                c.info.text
            )));
        }
    }
    Ok(sv(c.return_type, |a| {
        let f = text(arg(a, 0)?)?;
        chrono_field(f, nanos_of(arg(a, 1)?)?)
            .map(Scalar::Long)
            .ok_or_else(|| {
                EvalError::illegal_argument(format!(
                    "No enum constant java.time.temporal.ChronoField.{}",
                    f.to_ascii_uppercase()
                ))
            })
    }))
}

/// A pattern argument: compiled once when constant, per row otherwise.
fn pattern_arg(c: &CheckedCall<'_>) -> Result<Option<Arc<Pattern>>, ResolveError> {
    match c.constant(0).and_then(Scalar::as_str) {
        Some(p) if c.len() == 2 => Pattern::compile(p)
            .map(|p| Some(Arc::new(p)))
            .map_err(|e| ResolveError::Other(e.to_string())),
        _ => Ok(None),
    }
}

fn pattern_at(
    fixed: &Option<Arc<Pattern>>,
    a: &[&Scalar],
) -> Result<Option<Arc<Pattern>>, EvalError> {
    if a.len() < 2 {
        return Ok(None);
    }
    match fixed {
        Some(p) => Ok(Some(p.clone())),
        None => Pattern::compile(text(arg(a, 0)?)?)
            .map(|p| Some(Arc::new(p)))
            .map_err(|e| EvalError::illegal_argument(e.to_string())),
    }
}

fn date_format(c: &CheckedCall<'_>) -> Res {
    let fixed = pattern_arg(c)?;
    Ok(sv(c.return_type, move |a| {
        let date = a
            .last()
            .copied()
            .ok_or_else(|| super::support::type_bug("date_format"))?;
        match pattern_at(&fixed, a)? {
            None => Ok(kw(crate::render::scalar_to_string(date))),
            Some(p) => Ok(kw(p.format(nanos_of(date)?))),
        }
    }))
}

fn date_parse(c: &CheckedCall<'_>) -> Res {
    let fixed = pattern_arg(c)?;
    Ok(sv_value(c.return_type, move |a| {
        let s = text(
            a.last()
                .copied()
                .ok_or_else(|| super::support::type_bug("date_parse"))?,
        )?;
        let ms = match pattern_at(&fixed, a)? {
            None => iso::parse_millis(s)?,
            Some(p) => p
                .parse(s)
                .and_then(|n| i64::try_from(n.div_euclid(1_000_000)).ok())
                .ok_or_else(|| iso::date_parse_error(s, p.text()))?,
        };
        Ok(Value::One(Scalar::Date(ms)))
    }))
}

fn named(c: &CheckedCall<'_>, pattern: &'static str) -> Res {
    let p = Pattern::compile(pattern).map_err(|e| ResolveError::Internal(e.to_string()))?;
    Ok(sv(c.return_type, move |a| {
        Ok(kw(p.format(nanos_of(arg(a, 0)?)?)))
    }))
}

fn day_name(c: &CheckedCall<'_>) -> Res {
    named(c, "EEEE")
}

fn month_name(c: &CheckedCall<'_>) -> Res {
    named(c, "MMMM")
}

/// A date parameter; string constants are read as dates.
const DATE: Param = Param::new("date", DATETIME).cast_to(DataType::Date);

/// The date functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "now",
        &[],
        Signature::of(&[], Returns::Fixed(DataType::Date)),
        "The query's current time.",
        now,
    ),
    def(
        "date_trunc",
        &[],
        "date_trunc(interval, date) -> type of date",
        "Rounds a date down to the interval.",
        date_trunc,
    ),
    def(
        "bucket",
        &["bin", "auto_bucket"],
        "bucket(field, span) -> date or double",
        "Rounds into span-wide buckets.",
        bucket,
    ),
    func(
        "date_diff",
        &[],
        Signature::of(
            &[
                Param::new("unit", STRING),
                Param::new("start", DATETIME).cast_to(DataType::Date),
                Param::new("end", DATETIME).cast_to(DataType::Date),
            ],
            Returns::Fixed(DataType::Integer),
        ),
        "Whole units from start to end.",
        date_diff,
    ),
    func(
        "date_extract",
        &[],
        Signature::of(
            &[Param::new("field", STRING), DATE],
            Returns::Fixed(DataType::Long),
        ),
        "A ChronoField of a date.",
        date_extract,
    ),
    func(
        "date_format",
        &[],
        Signature::of(
            &[Param::new("pattern", STRING), DATE],
            Returns::Fixed(DataType::Keyword),
        )
        .optional_leading(1),
        "Formats a date.",
        date_format,
    ),
    func(
        "date_parse",
        &[],
        Signature::of(
            &[Param::new("pattern", STRING), Param::new("string", STRING)],
            Returns::Fixed(DataType::Date),
        )
        .optional_leading(1),
        "Parses a date.",
        date_parse,
    ),
    func(
        "day_name",
        &[],
        Signature::of(
            &[Param::new("date", DATETIME)],
            Returns::Fixed(DataType::Keyword),
        ),
        "English day-of-week name.",
        day_name,
    ),
    func(
        "month_name",
        &[],
        Signature::of(
            &[Param::new("date", DATETIME)],
            Returns::Fixed(DataType::Keyword),
        ),
        "English month name.",
        month_name,
    ),
];
