//! JSON leaves to typed values, coerced as Elasticsearch coerces source
//! values into a mapped field (numeric strings into numbers, numbers into
//! keywords as text, epoch numbers into dates …).

use super::walk::Raw;
use crate::render::parse_ip;
use crate::types::DataType;
use crate::value::Scalar;
use esql_javafmt::java_double;
use std::sync::Arc;

/// Converts one leaf to the field's type; `None` when it cannot be.
pub fn coerce(raw: &Raw<'_>, ty: DataType) -> Option<Scalar> {
    if let Raw::Shared(s) = raw {
        if let DataType::Keyword | DataType::Text = ty {
            return Some(Scalar::Str(s.clone()));
        }
        return coerce(&Raw::Str(std::borrow::Cow::Borrowed(s)), ty);
    }
    match ty {
        DataType::Keyword | DataType::Text => Some(Scalar::Str(match raw {
            Raw::Str(s) => Arc::from(s.as_ref()),
            Raw::Shared(s) => s.clone(),
            Raw::Int(i) => Arc::from(i.to_string()),
            Raw::UInt(u) => Arc::from(u.to_string()),
            Raw::Float(f) => Arc::from(java_double(*f)),
            Raw::Bool(b) => Arc::from(if *b { "true" } else { "false" }),
        })),
        DataType::Long => match raw {
            Raw::Int(i) => Some(Scalar::Long(*i)),
            Raw::Float(f) => float_to_i64(*f).map(Scalar::Long),
            Raw::Str(s) => parse_i64(s).map(Scalar::Long),
            _ => None,
        },
        DataType::Integer => {
            let v = match raw {
                Raw::Int(i) => Some(*i),
                Raw::Float(f) => float_to_i64(*f),
                Raw::Str(s) => parse_i64(s),
                _ => None,
            }?;
            i32::try_from(v).ok().map(Scalar::Integer)
        }
        DataType::UnsignedLong => match raw {
            Raw::Int(i) => u64::try_from(*i).ok().map(Scalar::UnsignedLong),
            Raw::UInt(u) => Some(Scalar::UnsignedLong(*u)),
            Raw::Str(s) => s.trim().parse().ok().map(Scalar::UnsignedLong),
            _ => None,
        },
        DataType::Double => match raw {
            Raw::Int(i) => Some(Scalar::Double(*i as f64)),
            Raw::UInt(u) => Some(Scalar::Double(*u as f64)),
            Raw::Float(f) => Some(Scalar::Double(*f)),
            Raw::Str(s) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Scalar::Double),
            // Shared strings were read as borrowed ones above.
            Raw::Bool(_) | Raw::Shared(_) => None,
        },
        DataType::Boolean => match raw {
            Raw::Bool(b) => Some(Scalar::Boolean(*b)),
            Raw::Str(s) if s == "true" => Some(Scalar::Boolean(true)),
            Raw::Str(s) if s == "false" || s.is_empty() => Some(Scalar::Boolean(false)),
            _ => None,
        },
        DataType::Date => match raw {
            Raw::Str(s) => esql_javafmt::parse_millis(s)
                .or_else(|| parse_i64(s))
                .map(Scalar::Date),
            Raw::Int(i) => Some(Scalar::Date(*i)),
            Raw::Float(f) => float_to_i64(*f).map(Scalar::Date),
            _ => None,
        },
        DataType::DateNanos => match raw {
            Raw::Str(s) => esql_javafmt::parse_nanos(s).map(Scalar::DateNanos),
            Raw::Int(i) => i.checked_mul(1_000_000).map(Scalar::DateNanos),
            _ => None,
        },
        DataType::Ip => match raw {
            Raw::Str(s) => parse_ip(s).map(Scalar::Ip),
            _ => None,
        },
        DataType::Version => match raw {
            Raw::Str(s) => Some(Scalar::Version(Arc::from(s.as_ref()))),
            _ => None,
        },
        DataType::Null
        | DataType::Source
        | DataType::Unsupported
        | DataType::DatePeriod
        | DataType::TimeDuration => None,
    }
}

fn float_to_i64(f: f64) -> Option<i64> {
    // Elasticsearch truncates fractional values indexed into integer fields.
    let t = f.trunc();
    (t.is_finite() && t >= i64::MIN as f64 && t < i64::MAX as f64).then_some(t as i64)
}

fn parse_i64(s: &str) -> Option<i64> {
    let s = s.trim();
    s.parse::<i64>()
        .ok()
        .or_else(|| s.parse::<f64>().ok().and_then(float_to_i64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn coerces_like_elasticsearch() {
        assert_eq!(
            coerce(&Raw::Str(Cow::Borrowed("42")), DataType::Long),
            Some(Scalar::Long(42))
        );
        assert_eq!(
            coerce(&Raw::Float(1.9), DataType::Long),
            Some(Scalar::Long(1))
        );
        assert_eq!(
            coerce(&Raw::Int(7), DataType::Keyword),
            Some(Scalar::str("7"))
        );
        assert_eq!(coerce(&Raw::Str(Cow::Borrowed("x")), DataType::Long), None);
        assert_eq!(
            coerce(
                &Raw::Str(Cow::Borrowed("1970-01-01T00:00:01Z")),
                DataType::Date
            ),
            Some(Scalar::Date(1000))
        );
        assert_eq!(coerce(&Raw::Int(3_000_000_000), DataType::Integer), None);
    }
}
