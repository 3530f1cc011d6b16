//! ROUND_TO(field, p1, p2, …): rounds down to the largest of the constant
//! points not above the value (the smallest point when every point is
//! above it).
//!
//! The result type is the common type of the field and the points
//! (`integer` < `long` < `double`; `date`; `date_nanos`); string constants
//! are read as dates, as Elasticsearch's implicit casts read them for this
//! function. Null points are left out of the type; a null argument makes
//! the result null.

use super::resolve_error::ResolveError;
use super::support::{arity, def, implicit_casts, raw, sv, type_bug, with_constants};
use super::{ArgInfo, CallInfo, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, ResolveError>;

/// The type two ROUND_TO arguments share, if any (`null` gives way to the
/// other).
fn common(a: DataType, b: DataType) -> Option<DataType> {
    use DataType::*;
    Some(match (a, b) {
        _ if a == b => a,
        (Null, t) | (t, Null) => t,
        (UnsignedLong, _) | (_, UnsignedLong) => return None,
        (Double, Integer | Long) | (Integer | Long, Double) => Double,
        (Long, Integer) | (Integer, Long) => Long,
        _ => return None,
    })
}

/// A point or field value in the result type's order.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
enum Key {
    Int(i64),
    Float(f64),
}

fn key(s: &Scalar, ty: DataType) -> Option<Key> {
    match ty {
        DataType::Double => s.as_f64().map(Key::Float),
        _ => match s {
            Scalar::Date(v) | Scalar::DateNanos(v) | Scalar::Long(v) => Some(Key::Int(*v)),
            Scalar::Integer(v) => Some(Key::Int(i64::from(*v))),
            _ => None,
        },
    }
}

fn scalar(k: Key, ty: DataType) -> Scalar {
    match (k, ty) {
        (Key::Float(v), _) => Scalar::Double(v),
        (Key::Int(v), DataType::Integer) => Scalar::Integer(v as i32),
        (Key::Int(v), DataType::Date) => Scalar::Date(v),
        (Key::Int(v), DataType::DateNanos) => Scalar::DateNanos(v),
        (Key::Int(v), _) => Scalar::Long(v),
    }
}

/// The point `value` rounds down to, among `points` sorted ascending.
fn round_down(value: Key, points: &[Key]) -> Option<Key> {
    let above = points.partition_point(|p| *p <= value);
    points.get(above.saturating_sub(1)).copied()
}

fn round_to(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, usize::MAX)?;
    let targets: Vec<(usize, DataType)> = (0..args.len()).map(|i| (i, DataType::Date)).collect();
    let (types, overrides) = implicit_casts(args, &targets)?;
    for (i, a) in args.iter().enumerate().skip(1) {
        if a.ty != DataType::Null && a.constant.is_none() {
            // Elasticsearch names every point the second argument.
            return Err(ResolveError::NotConstant {
                ordinal: "second ",
                call: call.text.to_string(),
                text: args.get(i).map(|a| a.text).unwrap_or("").to_string(),
            });
        }
    }
    let fail = || ResolveError::other("all arguments must be numeric, date, or data_nanos");
    let mut ty = types.first().copied().unwrap_or(DataType::Null);
    for t in types.iter().skip(1) {
        ty = common(ty, *t).ok_or_else(fail)?;
    }
    if !matches!(
        ty,
        DataType::Integer
            | DataType::Long
            | DataType::Double
            | DataType::Date
            | DataType::DateNanos
    ) {
        return Err(fail());
    }
    let mut points: Vec<Key> = Vec::new();
    let mut null_point = false;
    for (i, a) in args.iter().enumerate().skip(1) {
        let value = overrides
            .get(i)
            .and_then(Option::as_ref)
            .or(a.constant)
            .and_then(|v| v.single());
        match value {
            Some(s) => points.extend(key(s, ty)),
            None => null_point = true,
        }
    }
    if null_point {
        return Ok(raw(ty, |_, _| Ok(Value::Null)));
    }
    points.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    let resolved = sv(ty, move |a| {
        let point = a
            .first()
            .and_then(|s| key(s, ty))
            .and_then(|field| round_down(field, &points))
            .ok_or_else(|| type_bug("round_to"))?;
        Ok(scalar(point, ty))
    });
    Ok(with_constants(resolved, overrides))
}

/// The function of this module.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[def(
    "round_to",
    &[],
    "round_to(field, point1, point2, ...) -> common type",
    "Rounds down to one of a list of constant points.",
    round_to,
)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_down_to_a_point() {
        let points = [Key::Int(0), Key::Int(10), Key::Int(100)];
        assert_eq!(round_down(Key::Int(5), &points), Some(Key::Int(0)));
        assert_eq!(round_down(Key::Int(10), &points), Some(Key::Int(10)));
        assert_eq!(round_down(Key::Int(99), &points), Some(Key::Int(10)));
        assert_eq!(round_down(Key::Int(1000), &points), Some(Key::Int(100)));
        assert_eq!(round_down(Key::Int(-5), &points), Some(Key::Int(0)));
    }

    #[test]
    fn common_types() {
        use DataType::*;
        assert_eq!(common(Integer, Long), Some(Long));
        assert_eq!(common(Long, Double), Some(Double));
        assert_eq!(common(Date, Null), Some(Date));
        assert_eq!(common(Date, Long), None);
        assert_eq!(common(UnsignedLong, UnsignedLong), Some(UnsignedLong));
        assert_eq!(common(Keyword, Keyword), Some(Keyword));
    }
}
