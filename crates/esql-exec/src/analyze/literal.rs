//! Literals to typed constants: integers are `integer` when they fit in 32
//! bits, else `long`, else `unsigned_long`; time spans become periods or
//! durations by unit.

use super::Analyzer;
use crate::functions::spans::span_from_unit;
use crate::plan::TypedExpr;
use crate::types::DataType;
use crate::value::{Scalar, Value};
use esql_parser::ast::Literal;
use esql_parser::Span;

/// Resolves a literal.
pub(crate) fn resolve(a: &mut Analyzer<'_>, lit: &Literal, span: Span) -> Option<TypedExpr> {
    match lit {
        Literal::List(items) => {
            let mut values = Vec::new();
            let mut ty = DataType::Null;
            for item in items {
                let (v, t) = scalar(a, item, span)?;
                let unsigned_mix = matches!(
                    (ty, t),
                    (DataType::UnsignedLong, DataType::Integer | DataType::Long)
                        | (DataType::Integer | DataType::Long, DataType::UnsignedLong)
                );
                ty = match DataType::common(ty, t) {
                    Some(common) => common,
                    // Whole numbers that need unsigned_long make the list unsigned.
                    None if unsigned_mix => DataType::UnsignedLong,
                    None => {
                        a.problem(
                            span,
                            format!(
                                "array elements must all be of the same type, found [{ty}] and [{t}]"
                            ),
                        );
                        return None;
                    }
                };
                values.extend(v.as_slice().iter().cloned());
            }
            let values = values.into_iter().map(|s| widen(s, ty)).collect::<Vec<_>>();
            Some(TypedExpr::Literal(Value::from_vec(values), ty))
        }
        other => {
            let (v, t) = scalar(a, other, span)?;
            Some(TypedExpr::Literal(v, t))
        }
    }
}

/// Widens a number to the list's common numeric type.
fn widen(s: Scalar, ty: DataType) -> Scalar {
    match (s, ty) {
        (Scalar::Integer(v), DataType::Long) => Scalar::Long(v as i64),
        (Scalar::Integer(v), DataType::Double) => Scalar::Double(v as f64),
        (Scalar::Long(v), DataType::Double) => Scalar::Double(v as f64),
        (Scalar::Integer(v), DataType::UnsignedLong) if v >= 0 => Scalar::UnsignedLong(v as u64),
        (Scalar::Long(v), DataType::UnsignedLong) if v >= 0 => Scalar::UnsignedLong(v as u64),
        (s, _) => s,
    }
}

fn scalar(a: &mut Analyzer<'_>, lit: &Literal, span: Span) -> Option<(Value, DataType)> {
    Some(match lit {
        Literal::Null => (Value::Null, DataType::Null),
        Literal::Boolean(b) => (Value::One(Scalar::Boolean(*b)), DataType::Boolean),
        Literal::Integer(n) => match i32::try_from(*n) {
            Ok(i) => (Value::One(Scalar::Integer(i)), DataType::Integer),
            Err(_) => (Value::One(Scalar::Long(*n)), DataType::Long),
        },
        Literal::UnsignedLong(n) => (Value::One(Scalar::UnsignedLong(*n)), DataType::UnsignedLong),
        Literal::Decimal(f) => (Value::One(Scalar::Double(*f)), DataType::Double),
        Literal::String(s) => (Value::str(s), DataType::Keyword),
        Literal::TimeSpan { value, unit } => time_span(a, *value, unit, span)?,
        Literal::List(_) => {
            a.problem(span, "nested arrays are not supported");
            return None;
        }
    })
}

/// `7 day`, `30 seconds`: a `date_period` for calendar units, a
/// `time_duration` for clock units (Elasticsearch's unit spellings).
fn time_span(
    a: &mut Analyzer<'_>,
    value: i64,
    unit: &str,
    span: Span,
) -> Option<(Value, DataType)> {
    if span_from_unit(1, unit).is_none() {
        a.problem(span, format!("Unexpected temporal unit: '{unit}'"));
        return None;
    }
    match span_from_unit(value, unit) {
        Some(s @ Scalar::Duration(_)) => Some((Value::One(s), DataType::TimeDuration)),
        Some(s) => Some((Value::One(s), DataType::DatePeriod)),
        None => {
            a.problem(
                span,
                format!("time span [{}] is out of range", a.text(span)),
            );
            None
        }
    }
}
