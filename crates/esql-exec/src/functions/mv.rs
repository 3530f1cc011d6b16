//! Multi-value functions (`MV_*`): they see the whole cell.

use super::support::{
    arity, check, check_integer, check_numeric, check_string, constant, def, raw, text, type_bug,
    type_error,
};
use super::{ArgInfo, CallInfo, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

type Res = Result<Resolved, String>;

fn first_type(args: &[ArgInfo<'_>]) -> DataType {
    args.first()
        .map(|a| a.ty.widen_string())
        .unwrap_or(DataType::Null)
}

/// A one-argument function over the values of a non-null cell.
fn over_values(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    ret: DataType,
    f: fn(&[Scalar]) -> Result<Value, EvalError>,
) -> Res {
    arity(args, call, 1, 1)?;
    Ok(raw(ret, move |cells, _| match cells.first() {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(cell) => f(cell.as_slice()),
    }))
}

fn mv_count(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    over_values(args, call, DataType::Integer, |v| {
        Ok(Value::One(Scalar::Integer(v.len() as i32)))
    })
}

fn mv_first(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    over_values(args, call, first_type(args), |v| {
        Ok(v.first().cloned().map(Value::One).unwrap_or_default())
    })
}

fn mv_last(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    over_values(args, call, first_type(args), |v| {
        Ok(v.last().cloned().map(Value::One).unwrap_or_default())
    })
}

fn mv_min(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    over_values(args, call, first_type(args), |v| {
        Ok(v.iter()
            .min_by(|a, b| a.total_cmp(b))
            .cloned()
            .map(Value::One)
            .unwrap_or_default())
    })
}

fn mv_max(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    over_values(args, call, first_type(args), |v| {
        Ok(v.iter()
            .max_by(|a, b| a.total_cmp(b))
            .cloned()
            .map(Value::One)
            .unwrap_or_default())
    })
}

fn mv_dedupe(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    over_values(args, call, first_type(args), |v| {
        let mut out: Vec<Scalar> = Vec::with_capacity(v.len());
        for s in v {
            if !out.iter().any(|o| o.total_cmp(s) == Ordering::Equal) {
                out.push(s.clone());
            }
        }
        Ok(Value::from_vec(out))
    })
}

fn numeric_arg(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<(), String> {
    arity(args, call, 1, 1)?;
    check_numeric(args, call, 0)
}

fn mv_sum(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    numeric_arg(args, call)?;
    over_values(args, call, first_type(args), |v| {
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

fn mv_avg(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    numeric_arg(args, call)?;
    over_values(args, call, DataType::Double, |v| {
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

fn mv_median(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    numeric_arg(args, call)?;
    over_values(args, call, first_type(args), |v| median_of(&sorted(v)))
}

fn mv_concat(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 2)?;
    check_string(args, call, 0)?;
    check_string(args, call, 1)?;
    Ok(raw(DataType::Keyword, |cells, _| {
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

fn mv_sort(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 1, 2)?;
    check_string(args, call, 1)?;
    let descending = match args.get(1) {
        None => false,
        Some(a) => match constant(args, 1).and_then(Scalar::as_str) {
            Some(o) if o.eq_ignore_ascii_case("asc") => false,
            Some(o) if o.eq_ignore_ascii_case("desc") => true,
            Some(o) => {
                return Err(format!(
                    "Invalid order value in [{}], expected one of [ASC, DESC] but got [{o}]",
                    call.text
                ))
            }
            None => {
                return Err(format!(
                    "second argument of [{}] must be a constant, received [{}]",
                    call.text, a.text
                ))
            }
        },
    };
    Ok(raw(first_type(args), move |cells, _| {
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

fn mv_slice(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 3)?;
    check_integer(args, call, 1)?;
    check_integer(args, call, 2)?;
    Ok(raw(first_type(args), |cells, _| {
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

fn same_types(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<DataType, String> {
    let (a, b) = (super::support::ty(args, 0), super::support::ty(args, 1));
    match DataType::common(a, b) {
        Some(t)
            if a == b
                || a.is_string() && b.is_string()
                || a == DataType::Null
                || b == DataType::Null =>
        {
            Ok(t.widen_string())
        }
        _ => Err(type_error(args, call, 1, a.name())),
    }
}

fn mv_append(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 2)?;
    let ty = same_types(args, call)?;
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

fn mv_contains(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 2)?;
    same_types(args, call)?;
    Ok(raw(DataType::Boolean, |cells, _| {
        let sup = cells.first().map(Value::as_slice).unwrap_or(&[]);
        let sub = cells.get(1).map(Value::as_slice).unwrap_or(&[]);
        let all = sub.iter().all(|x| sup.iter().any(|y| y == x));
        Ok(Value::One(Scalar::Boolean(all)))
    }))
}

fn mv_intersection(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 2)?;
    let ty = same_types(args, call)?;
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

fn mv_zip(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, 3)?;
    for i in 0..args.len() {
        check(args, call, i, DataType::is_string, "string")?;
    }
    let has_delim = args.len() == 3;
    Ok(raw(DataType::Keyword, move |cells, _| {
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

/// The multi-value functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    def(
        "mv_count",
        &[],
        "mv_count(f) -> integer",
        "Number of values.",
        mv_count,
    ),
    def(
        "mv_dedupe",
        &[],
        "mv_dedupe(f) -> type of f",
        "Removes duplicate values.",
        mv_dedupe,
    ),
    def(
        "mv_first",
        &[],
        "mv_first(f) -> type of f",
        "First value.",
        mv_first,
    ),
    def(
        "mv_last",
        &[],
        "mv_last(f) -> type of f",
        "Last value.",
        mv_last,
    ),
    def(
        "mv_min",
        &[],
        "mv_min(f) -> type of f",
        "Smallest value.",
        mv_min,
    ),
    def(
        "mv_max",
        &[],
        "mv_max(f) -> type of f",
        "Largest value.",
        mv_max,
    ),
    def(
        "mv_sum",
        &[],
        "mv_sum(n) -> type of n",
        "Sum of the values.",
        mv_sum,
    ),
    def(
        "mv_avg",
        &[],
        "mv_avg(n) -> double",
        "Average of the values.",
        mv_avg,
    ),
    def(
        "mv_median",
        &[],
        "mv_median(n) -> type of n",
        "Median of the values.",
        mv_median,
    ),
    def(
        "mv_concat",
        &[],
        "mv_concat(s, delim) -> keyword",
        "Joins the values.",
        mv_concat,
    ),
    def(
        "mv_sort",
        &[],
        "mv_sort(f[, order]) -> type of f",
        "Sorts the values.",
        mv_sort,
    ),
    def(
        "mv_slice",
        &[],
        "mv_slice(f, start[, end]) -> type of f",
        "Values from start to end (0-based, inclusive).",
        mv_slice,
    ),
    def(
        "mv_append",
        &[],
        "mv_append(a, b) -> type of a",
        "Concatenates two multi-values.",
        mv_append,
    ),
    def(
        "mv_intersection",
        &[],
        "mv_intersection(a, b) -> type of a",
        "The values of a that b also holds, each once; null when none.",
        mv_intersection,
    ),
    def(
        "mv_contains",
        &[],
        "mv_contains(superset, subset) -> boolean",
        "True if every subset value is in superset.",
        mv_contains,
    ),
    def(
        "mv_zip",
        &[],
        "mv_zip(a, b[, delim]) -> keyword",
        "Joins values pairwise.",
        mv_zip,
    ),
];
