//! Conditional functions: CASE, COALESCE, GREATEST, LEAST.

use super::convert::{cast, cast_scalar};
use super::support::{arity, check, def, raw, sv_value, type_error};
use super::{ArgInfo, CallInfo, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

type Res = Result<Resolved, super::ResolveError>;

/// The common type of the arguments at `indexes`: the first non-null type,
/// with keyword/text mixes giving keyword and numeric mixes widening
/// (`integer` → `long` → `double`; `unsigned_long` only with itself); any
/// other mismatch is Elasticsearch's type error naming the expected type.
fn common_type(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    indexes: &[usize],
) -> Result<DataType, super::ResolveError> {
    let mut ty = DataType::Null;
    for &i in indexes {
        let t = args.get(i).map(|a| a.ty).unwrap_or(DataType::Null);
        if t == DataType::Null {
            continue;
        }
        if ty == DataType::Null {
            ty = t;
        } else if ty.is_string() && t.is_string() {
            ty = DataType::Keyword;
        } else if let Some(wide) = DataType::common_numeric(ty, t) {
            ty = wide;
        } else if ty != t {
            return Err(type_error(args, call, i, ty.name()));
        }
    }
    Ok(ty.widen_string())
}

/// For each argument, the numeric type its values must be widened to
/// (`None` when they are already of the common type `ty`).
fn widenings(args: &[ArgInfo<'_>], ty: DataType) -> Vec<Option<DataType>> {
    args.iter()
        .map(|a| (ty.is_numeric() && a.ty.is_numeric() && a.ty != ty).then_some(ty))
        .collect()
}

/// Widens one argument cell to the common numeric type (a no-op when
/// `target` is `None`).
fn widen(cell: &Value, target: Option<DataType>) -> Value {
    match target {
        Some(to) => cast(cell, to).unwrap_or_else(|e| e.result()),
        None => cell.clone(),
    }
}

/// All argument cells widened to the common numeric type.
fn widen_all(cells: &[Value], targets: &[Option<DataType>]) -> Vec<Value> {
    cells
        .iter()
        .enumerate()
        .map(|(i, c)| widen(c, targets.get(i).copied().flatten()))
        .collect()
}

fn case(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 2, usize::MAX)?;
    let n = args.len();
    let pairs = n / 2;
    for c in 0..pairs {
        check(args, call, 2 * c, |t| t == DataType::Boolean, "boolean")?;
    }
    let mut values: Vec<usize> = (0..pairs).map(|c| 2 * c + 1).collect();
    if n % 2 == 1 {
        values.push(n - 1);
    }
    let ty = common_type(args, call, &values)?;
    let targets = widenings(args, ty);
    Ok(raw(ty, move |cells, _| {
        let mut warning: Option<EvalError> = None;
        let mut result = Value::Null;
        let mut matched = false;
        for c in 0..pairs {
            match cells.get(2 * c) {
                Some(Value::One(Scalar::Boolean(true))) => {
                    let i = 2 * c + 1;
                    result = widen(
                        cells.get(i).unwrap_or(&Value::Null),
                        targets.get(i).copied().flatten(),
                    );
                    matched = true;
                    break;
                }
                Some(Value::Many(_)) if warning.is_none() => {
                    warning = Some(EvalError::multi_value())
                }
                _ => {}
            }
        }
        if !matched && n % 2 == 1 {
            result = widen(
                cells.get(n - 1).unwrap_or(&Value::Null),
                targets.get(n - 1).copied().flatten(),
            );
        }
        match warning {
            None => Ok(result),
            Some(mut e) => {
                e.partial = Some(Box::new(result));
                Err(e)
            }
        }
    }))
}

fn coalesce(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    arity(args, call, 1, usize::MAX)?;
    let ty = common_type(args, call, &(0..args.len()).collect::<Vec<_>>())?;
    let targets = widenings(args, ty);
    Ok(raw(ty, move |cells, _| {
        Ok(cells
            .iter()
            .enumerate()
            .find(|(_, c)| !c.is_null())
            .map(|(i, c)| widen(c, targets.get(i).copied().flatten()))
            .unwrap_or_default())
    }))
}

/// The common type of all arguments, which must be orderable (the
/// argument types GREATEST, LEAST and the CLAMP functions accept).
fn orderable_type(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<DataType, super::ResolveError> {
    let ty = common_type(args, call, &(0..args.len()).collect::<Vec<_>>())?;
    if !(ty.is_numeric()
        || ty.is_string()
        || ty.is_date()
        || matches!(
            ty,
            DataType::Boolean | DataType::Ip | DataType::Version | DataType::Null
        ))
    {
        return Err(type_error(
            args,
            call,
            0,
            "boolean, date, ip, string or numeric",
        ));
    }
    Ok(ty)
}

fn extreme(args: &[ArgInfo<'_>], call: &CallInfo<'_>, want: Ordering) -> Res {
    arity(args, call, 1, usize::MAX)?;
    let ty = orderable_type(args, call)?;
    let targets = widenings(args, ty);
    Ok(raw(ty, move |cells, _| {
        let cells = widen_all(cells, &targets);
        let mut best: Option<&Scalar> = None;
        for cell in &cells {
            let reduced = cell
                .as_slice()
                .iter()
                .reduce(|a, b| if b.total_cmp(a) == want { b } else { a });
            match reduced {
                None => return Ok(Value::Null),
                Some(v) => {
                    best = match best {
                        Some(cur) if v.total_cmp(cur) != want => Some(cur),
                        _ => Some(v),
                    }
                }
            }
        }
        Ok(best.cloned().map(Value::One).unwrap_or_default())
    }))
}

fn greatest(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    extreme(args, call, Ordering::Greater)
}

fn least(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    extreme(args, call, Ordering::Less)
}

/// Bounds a value: `CLAMP_MIN(v, min)` (`bound == Greater`: the larger of
/// the two), `CLAMP_MAX(v, max)` (`Less`: the smaller), or `CLAMP(v, min,
/// max)` (`Equal`: both bounds). Single-value arguments only.
fn clamp_with(args: &[ArgInfo<'_>], call: &CallInfo<'_>, bound: Ordering) -> Res {
    let count = if bound == Ordering::Equal { 3 } else { 2 };
    arity(args, call, count, count)?;
    let ty = orderable_type(args, call)?;
    let targets = widenings(args, ty);
    Ok(sv_value(ty, move |values| {
        let widened: Vec<Scalar> = values
            .iter()
            .enumerate()
            .map(|(i, s)| match targets.get(i).copied().flatten() {
                Some(to) => cast_scalar(s, to),
                None => Ok((*s).clone()),
            })
            .collect::<Result<_, _>>()?;
        let pick = |v: Scalar, limit: Option<&Scalar>, keep: Ordering| match limit {
            Some(l) if v.total_cmp(l) != keep && v.total_cmp(l) != Ordering::Equal => l.clone(),
            _ => v,
        };
        let mut it = widened.into_iter();
        let Some(v) = it.next() else {
            return Ok(Value::Null);
        };
        let rest: Vec<Scalar> = it.collect();
        let v = match bound {
            Ordering::Greater => pick(v, rest.first(), Ordering::Greater),
            Ordering::Less => pick(v, rest.first(), Ordering::Less),
            Ordering::Equal => pick(
                pick(v, rest.first(), Ordering::Greater),
                rest.get(1),
                Ordering::Less,
            ),
        };
        Ok(Value::One(v))
    }))
}

fn clamp(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    clamp_with(args, call, Ordering::Equal)
}

fn clamp_min(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    clamp_with(args, call, Ordering::Greater)
}

fn clamp_max(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Res {
    clamp_with(args, call, Ordering::Less)
}

/// The conditional functions.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    def(
        "case",
        &[],
        "case(cond1, value1, ..., [else]) -> value type",
        "First value whose condition is true.",
        case,
    ),
    def(
        "coalesce",
        &[],
        "coalesce(a, b, ...) -> type of a",
        "First non-null argument.",
        coalesce,
    ),
    def(
        "greatest",
        &[],
        "greatest(a, b, ...) -> type of a",
        "Largest value (multi-values reduced first).",
        greatest,
    ),
    def(
        "least",
        &[],
        "least(a, b, ...) -> type of a",
        "Smallest value (multi-values reduced first).",
        least,
    ),
    def(
        "clamp",
        &[],
        "clamp(v, min, max) -> type of v",
        "The value limited to the range [min, max].",
        clamp,
    ),
    def(
        "clamp_min",
        &[],
        "clamp_min(v, min) -> type of v",
        "The value, or min when the value is smaller.",
        clamp_min,
    ),
    def(
        "clamp_max",
        &[],
        "clamp_max(v, max) -> type of v",
        "The value, or max when the value is larger.",
        clamp_max,
    ),
];
