//! Set operations on the values of two cells of one type: MV_UNION,
//! MV_DIFFERENCE and MV_INTERSECTS.
//!
//! The two arguments must have the same type (`text` counting as
//! `keyword`); the second is checked against the first, with the first's
//! type named in the message. A `null` argument takes the other's type.

use super::signature::{Param, Returns, Signature, ANY};
use super::support::{func, raw, type_error};
use super::{CheckedCall, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, ResolveError>;

/// The type both arguments share (`text` read as `keyword`), or the type
/// error on the second argument.
fn shared_type(c: &CheckedCall<'_>) -> Result<DataType, ResolveError> {
    let (a, b) = (c.ty(0).widen_string(), c.ty(1).widen_string());
    match (a, b) {
        (DataType::Null, t) | (t, DataType::Null) => Ok(t),
        _ if a == b => Ok(a),
        _ => Err(type_error(c.args, c.info, 1, a.name())),
    }
}

/// `values` with each value kept once, in first-seen order.
fn push_unique(out: &mut Vec<Scalar>, values: &[Scalar]) {
    for v in values {
        if !out.contains(v) {
            out.push(v.clone());
        }
    }
}

/// Every distinct value of either cell, those of the first first; null
/// when either cell is null.
fn union(a: &Value, b: &Value) -> Value {
    if a.is_null() || b.is_null() {
        return Value::Null;
    }
    let mut out = Vec::new();
    push_unique(&mut out, a.as_slice());
    push_unique(&mut out, b.as_slice());
    Value::from_vec(out)
}

/// The values of the first cell (duplicates and order kept) that the
/// second does not hold; null when none remain.
fn difference(a: &Value, b: &Value) -> Value {
    let remove = b.as_slice();
    let kept: Vec<Scalar> = a
        .as_slice()
        .iter()
        .filter(|v| !remove.contains(v))
        .cloned()
        .collect();
    Value::from_vec(kept)
}

/// Whether the cells share a value (a null cell shares none).
fn intersects(a: &Value, b: &Value) -> bool {
    let other = b.as_slice();
    a.as_slice().iter().any(|v| other.contains(v))
}

fn cells(values: &[Value]) -> (&Value, &Value) {
    const NULL: &Value = &Value::Null;
    (
        values.first().unwrap_or(NULL),
        values.get(1).unwrap_or(NULL),
    )
}

fn mv_union(c: &CheckedCall<'_>) -> Res {
    let ty = shared_type(c)?;
    Ok(raw(ty, |values, _| {
        let (a, b) = cells(values);
        Ok(union(a, b))
    }))
}

fn mv_difference(c: &CheckedCall<'_>) -> Res {
    let ty = shared_type(c)?;
    // A null first field makes the result a null of type `null`.
    let ty = if c.ty(0) == DataType::Null {
        DataType::Null
    } else {
        ty
    };
    Ok(raw(ty, |values, _| {
        let (a, b) = cells(values);
        Ok(difference(a, b))
    }))
}

fn mv_intersects(c: &CheckedCall<'_>) -> Res {
    shared_type(c)?;
    Ok(raw(DataType::Boolean, |values, _| {
        let (a, b) = cells(values);
        Ok(Value::One(Scalar::Boolean(intersects(a, b))))
    }))
}

const FIELDS: &[Param] = &[Param::new("field1", ANY), Param::new("field2", ANY)];

/// The functions of this module.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "mv_union",
        &[],
        Signature::of(FIELDS, Returns::TypeOf(0)),
        "The distinct values of both fields; null when either is null.",
        mv_union,
    ),
    func(
        "mv_difference",
        &[],
        Signature::of(FIELDS, Returns::TypeOf(0)),
        "The values of field1 that field2 does not hold; null when none.",
        mv_difference,
    ),
    func(
        "mv_intersects",
        &[],
        Signature::of(FIELDS, Returns::Fixed(DataType::Boolean)),
        "Whether the two fields share a value (null shares none).",
        mv_intersects,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i32]) -> Value {
        Value::from_vec(v.iter().map(|x| Scalar::Integer(*x)).collect())
    }

    #[test]
    fn set_operations() {
        assert_eq!(
            union(&ints(&[1, 2, 3, 2]), &ints(&[3, 4])),
            ints(&[1, 2, 3, 4])
        );
        assert_eq!(union(&ints(&[1]), &ints(&[1])), ints(&[1]));
        assert_eq!(union(&ints(&[1]), &Value::Null), Value::Null);
        assert_eq!(
            difference(&ints(&[1, 2, 2, 3]), &ints(&[3])),
            ints(&[1, 2, 2])
        );
        assert_eq!(difference(&ints(&[1, 2]), &Value::Null), ints(&[1, 2]));
        assert_eq!(difference(&ints(&[1]), &ints(&[1])), Value::Null);
        assert!(intersects(&ints(&[1, 5]), &ints(&[5, 7])));
        assert!(!intersects(&ints(&[1]), &ints(&[2])));
        assert!(!intersects(&Value::Null, &ints(&[2])));
    }
}
