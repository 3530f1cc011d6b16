//! Multi-value functions (`MV_*`): they see the whole cell.

use super::signature::{Param, Returns, Signature, ANY, INTEGER, NUMERIC, STRING};
use super::support::{func, raw, text, type_bug, type_error};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

type Res = Result<Resolved, ResolveError>;

/// The kernel of a one-argument function over the values of a non-null cell.
fn over_values(c: &CheckedCall<'_>, f: fn(&[Scalar]) -> Result<Value, EvalError>) -> Res {
    Ok(raw(c.return_type, move |cells, _| match cells.first() {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(cell) => f(cell.as_slice()),
    }))
}

fn mv_count(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| Ok(Value::One(Scalar::Integer(v.len() as i32))))
}

fn mv_first(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        Ok(v.first().cloned().map(Value::One).unwrap_or_default())
    })
}

fn mv_last(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        Ok(v.last().cloned().map(Value::One).unwrap_or_default())
    })
}

fn mv_min(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        Ok(v.iter()
            .min_by(|a, b| a.total_cmp(b))
            .cloned()
            .map(Value::One)
            .unwrap_or_default())
    })
}

fn mv_max(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        Ok(v.iter()
            .max_by(|a, b| a.total_cmp(b))
            .cloned()
            .map(Value::One)
            .unwrap_or_default())
    })
}

fn mv_dedupe(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        let mut out: Vec<Scalar> = Vec::with_capacity(v.len());
        for s in v {
            if !out.iter().any(|o| o.total_cmp(s) == Ordering::Equal) {
                out.push(s.clone());
            }
        }
        Ok(Value::from_vec(out))
    })
}

fn mv_sum(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        let mut acc: Option<Scalar> = None;
        for s in v {
            acc = Some(match acc {
                None => s.clone(),
                Some(a) => super::arith::add(&a, s)?,
            });
        }
        Ok(acc.map(Value::One).unwrap_or_default())
    })
}

fn mv_avg(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| {
        let sum: f64 = v.iter().filter_map(Scalar::as_f64).sum();
        Ok(Value::One(Scalar::Double(sum / v.len().max(1) as f64)))
    })
}

/// The sorted values of a numeric cell.
fn sorted(v: &[Scalar]) -> Vec<Scalar> {
    let mut s = v.to_vec();
    s.sort_by(Scalar::total_cmp);
    s
}

fn median_of(s: &[Scalar]) -> Result<Value, EvalError> {
    let n = s.len();
    let (Some(lo), Some(hi)) = (s.get((n - 1) / 2), s.get(n / 2)) else {
        return Ok(Value::Null);
    };
    let floor_avg = |a: i128, b: i128| (a + b).div_euclid(2);
    Ok(Value::One(match (lo, hi) {
        (Scalar::Double(a), Scalar::Double(b)) => Scalar::Double((a + b) / 2.0),
        (Scalar::Integer(a), Scalar::Integer(b)) => {
            Scalar::Integer(floor_avg(*a as i128, *b as i128) as i32)
        }
        (Scalar::Long(a), Scalar::Long(b)) => {
            Scalar::Long(floor_avg(*a as i128, *b as i128) as i64)
        }
        (Scalar::UnsignedLong(a), Scalar::UnsignedLong(b)) => {
            Scalar::UnsignedLong(floor_avg(*a as i128, *b as i128) as u64)
        }
        _ => return Err(type_bug("mv_median")),
    }))
}

fn mv_median(c: &CheckedCall<'_>) -> Res {
    over_values(c, |v| median_of(&sorted(v)))
}

fn mv_concat(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |cells, _| {
        let (Some(values), Some(Value::One(delim))) = (cells.first(), cells.get(1)) else {
            return Ok(Value::Null);
        };
        if values.is_null() {
            return Ok(Value::Null);
        }
        let parts: Result<Vec<&str>, EvalError> = values.as_slice().iter().map(text).collect();
        Ok(Value::str(&parts?.join(text(delim)?)))
    }))
}

fn mv_sort(c: &CheckedCall<'_>) -> Res {
    let descending = match c.len() {
        1 => false,
        _ => match c.constant(1).and_then(Scalar::as_str) {
            Some(o) if o.eq_ignore_ascii_case("asc") => false,
            Some(o) if o.eq_ignore_ascii_case("desc") => true,
            Some(o) => {
                return Err(ResolveError::other(format!(
                    "Invalid order value in [{}], expected one of [ASC, DESC] but got [{o}]",
                    c.info.text
                )))
            }
            None => return Err(c.not_constant(1)),
        },
    };
    Ok(raw(c.return_type, move |cells, _| {
        let mut v = cells
            .first()
            .map(|c| c.as_slice().to_vec())
            .unwrap_or_default();
        v.sort_by(|a, b| {
            if descending {
                b.total_cmp(a)
            } else {
                a.total_cmp(b)
            }
        });
        Ok(Value::from_vec(v))
    }))
}

fn mv_slice(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |cells, _| {
        let values = cells.first().map(Value::as_slice).unwrap_or(&[]);
        let index = |i: usize| -> Result<Option<i64>, EvalError> {
            match cells.get(i) {
                None => Ok(None),
                Some(Value::One(s)) => super::support::int(s).map(Some),
                Some(Value::Null) => Ok(None),
                Some(Value::Many(_)) => Err(EvalError::multi_value()),
            }
        };
        let Some(start) = index(1)? else {
            return Ok(Value::Null);
        };
        let end = match (cells.get(2), index(2)?) {
            (Some(Value::Null), _) => return Ok(Value::Null),
            (_, Some(e)) => e,
            (_, None) => start,
        };
        if values.is_empty() {
            return Ok(Value::Null);
        }
        if (start >= 0) == (end >= 0) && start > end {
            return Err(EvalError::invalid_argument(
                "Start offset is greater than end offset",
            ));
        }
        let n = values.len() as i64;
        let s = if start < 0 { n + start } else { start }.max(0);
        let e = if end < 0 { n + end } else { end }.min(n - 1);
        if s > e || s >= n {
            return Ok(Value::Null);
        }
        Ok(Value::from_vec(
            values
                .get(s as usize..=e as usize)
                .map(<[Scalar]>::to_vec)
                .unwrap_or_default(),
        ))
    }))
}

/// The common type of two fields that must have the same type (text and
/// keyword mix), or the type error naming the first field's type.
fn same_types(c: &CheckedCall<'_>) -> Result<DataType, ResolveError> {
    let (a, b) = (c.ty(0), c.ty(1));
    match DataType::common(a, b) {
        Some(t)
            if a == b
                || a.is_string() && b.is_string()
                || a == DataType::Null
                || b == DataType::Null =>
        {
            Ok(t.widen_string())
        }
        _ => Err(type_error(c.args, c.info, 1, a.name())),
    }
}

fn mv_append(c: &CheckedCall<'_>) -> Res {
    let ty = same_types(c)?;
    Ok(raw(ty, |cells, _| {
        // Either side null makes the result null.
        if cells.iter().any(Value::is_null) {
            return Ok(Value::Null);
        }
        let mut v: Vec<Scalar> = Vec::new();
        for c in cells {
            v.extend_from_slice(c.as_slice());
        }
        Ok(Value::from_vec(v))
    }))
}

fn mv_contains(c: &CheckedCall<'_>) -> Res {
    same_types(c)?;
    Ok(raw(c.return_type, |cells, _| {
        let sup = cells.first().map(Value::as_slice).unwrap_or(&[]);
        let sub = cells.get(1).map(Value::as_slice).unwrap_or(&[]);
        let all = sub.iter().all(|x| sup.iter().any(|y| y == x));
        Ok(Value::One(Scalar::Boolean(all)))
    }))
}

fn mv_intersection(c: &CheckedCall<'_>) -> Res {
    let ty = same_types(c)?;
    Ok(raw(ty, |cells, _| {
        let first = cells.first().map(Value::as_slice).unwrap_or(&[]);
        let second = cells.get(1).map(Value::as_slice).unwrap_or(&[]);
        // The values of the first field, once each in their first order,
        // that the second field also holds; none gives null.
        let mut out: Vec<Scalar> = Vec::new();
        for x in first {
            if second.contains(x) && !out.contains(x) {
                out.push(x.clone());
            }
        }
        Ok(Value::from_vec(out))
    }))
}

fn mv_zip(c: &CheckedCall<'_>) -> Res {
    let has_delim = c.len() == 3;
    Ok(raw(c.return_type, move |cells, _| {
        let delim = match cells.get(2) {
            Some(Value::One(d)) => text(d)?.to_string(),
            Some(_) if has_delim => return Ok(Value::Null),
            _ => ",".to_string(),
        };
        let a = cells.first().map(Value::as_slice).unwrap_or(&[]);
        let b = cells.get(1).map(Value::as_slice).unwrap_or(&[]);
        if a.is_empty() && b.is_empty() {
            return Ok(Value::Null);
        }
        let mut out = Vec::with_capacity(a.len().max(b.len()));
        for i in 0..a.len().max(b.len()) {
            out.push(match (a.get(i), b.get(i)) {
                (Some(x), Some(y)) => Scalar::str(&format!("{}{delim}{}", text(x)?, text(y)?)),
                (Some(x), None) | (None, Some(x)) => x.clone(),
                (None, None) => continue,
            });
        }
        Ok(Value::from_vec(out))
    }))
}

const F: Param = Param::new("f", ANY);
const N: Param = Param::new("n", NUMERIC);
/// `f(f) -> type of f`.
const SAME_TYPE: Signature = Signature::of(&[F], Returns::TypeOf(0));
/// `f(n) -> type of n`.
const SAME_NUMERIC: Signature = Signature::of(&[N], Returns::TypeOf(0));
/// `f(a, b) -> type of a`.
const TWO_FIELDS: Signature = Signature::of(
    &[Param::new("a", ANY), Param::new("b", ANY)],
    Returns::TypeOf(0),
);

/// The multi-value functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "mv_count",
        &[],
        Signature::of(&[F], Returns::Fixed(DataType::Integer)),
        "Number of values.",
        mv_count,
    ),
    func(
        "mv_dedupe",
        &[],
        SAME_TYPE,
        "Removes duplicate values.",
        mv_dedupe,
    ),
    func("mv_first", &[], SAME_TYPE, "First value.", mv_first),
    func("mv_last", &[], SAME_TYPE, "Last value.", mv_last),
    func("mv_min", &[], SAME_TYPE, "Smallest value.", mv_min),
    func("mv_max", &[], SAME_TYPE, "Largest value.", mv_max),
    func("mv_sum", &[], SAME_NUMERIC, "Sum of the values.", mv_sum),
    func(
        "mv_avg",
        &[],
        Signature::of(&[N], Returns::Fixed(DataType::Double)),
        "Average of the values.",
        mv_avg,
    ),
    func(
        "mv_median",
        &[],
        SAME_NUMERIC,
        "Median of the values.",
        mv_median,
    ),
    func(
        "mv_concat",
        &[],
        Signature::of(
            &[Param::new("s", STRING), Param::new("delim", STRING)],
            Returns::Fixed(DataType::Keyword),
        ),
        "Joins the values.",
        mv_concat,
    ),
    func(
        "mv_sort",
        &[],
        Signature::of(&[F, Param::new("order", STRING)], Returns::TypeOf(0)).optional(1),
        "Sorts the values.",
        mv_sort,
    ),
    func(
        "mv_slice",
        &[],
        Signature::of(
            &[F, Param::new("start", INTEGER), Param::new("end", INTEGER)],
            Returns::TypeOf(0),
        )
        .optional(1),
        "Values from start to end (0-based, inclusive).",
        mv_slice,
    ),
    func(
        "mv_append",
        &[],
        TWO_FIELDS,
        "Concatenates two multi-values.",
        mv_append,
    ),
    func(
        "mv_intersection",
        &[],
        TWO_FIELDS,
        "The values of a that b also holds, each once; null when none.",
        mv_intersection,
    ),
    func(
        "mv_contains",
        &[],
        Signature::of(
            &[Param::new("superset", ANY), Param::new("subset", ANY)],
            Returns::Fixed(DataType::Boolean),
        ),
        "True if every subset value is in superset.",
        mv_contains,
    ),
    func(
        "mv_zip",
        &[],
        Signature::of(
            &[
                Param::new("a", STRING),
                Param::new("b", STRING),
                Param::new("delim", STRING),
            ],
            Returns::Fixed(DataType::Keyword),
        )
        .optional(1),
        "Joins values pairwise.",
        mv_zip,
    ),
];
