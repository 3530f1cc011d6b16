//! Conditional functions: CASE, COALESCE, GREATEST, LEAST.

use super::support::{arity, check, def, raw, type_error};
use super::{ArgInfo, CallInfo, EvalError, FunctionDef, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

type Res = Result<Resolved, String>;

/// The common type of the arguments at `indexes`: the first non-null type
/// (keyword/text mixes give keyword); any other mismatch is Elasticsearch's
/// type error naming the expected type.
fn common_type(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    indexes: &[usize],
) -> Result<DataType, String> {
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
        } else if ty != t {
            return Err(type_error(args, call, i, ty.name()));
        }
    }
    Ok(ty.widen_string())
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
    Ok(raw(ty, move |cells, _| {
        let mut warning: Option<EvalError> = None;
        let mut result = Value::Null;
        let mut matched = false;
        for c in 0..pairs {
            match cells.get(2 * c) {
                Some(Value::One(Scalar::Boolean(true))) => {
                    result = cells.get(2 * c + 1).cloned().unwrap_or_default();
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
            result = cells.get(n - 1).cloned().unwrap_or_default();
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
    Ok(raw(ty, |cells, _| {
        Ok(cells
            .iter()
            .find(|c| !c.is_null())
            .cloned()
            .unwrap_or_default())
    }))
}

fn extreme(args: &[ArgInfo<'_>], call: &CallInfo<'_>, want: Ordering) -> Res {
    arity(args, call, 1, usize::MAX)?;
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
    Ok(raw(ty, move |cells, _| {
        let mut best: Option<&Scalar> = None;
        for cell in cells {
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
];
