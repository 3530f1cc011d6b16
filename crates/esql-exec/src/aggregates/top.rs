//! `TOP`: the `limit` smallest or largest values, duplicates kept.

use super::common::{arity, as_any_impl, check_type, constant, first, resolved, Ordinal};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[AggregateDef {
    name: "top",
    signature: "top(field boolean|numeric|date|ip|keyword|text, limit integer, [order \"asc\"|\"desc\"]) -> same type (text gives keyword)",
    doc: "The `limit` smallest (asc, the default) or largest (desc) values, sorted, duplicates included.",
    resolve,
}];

fn accepted(ty: DataType) -> bool {
    matches!(
        ty,
        DataType::Boolean
            | DataType::Integer
            | DataType::Long
            | DataType::Double
            | DataType::Date
            | DataType::Ip
            | DataType::Keyword
            | DataType::Text
    )
}

/// `isNotNullAndFoldable`: a constant that is not null.
fn not_null_constant<'a>(
    ord: Ordinal,
    call: &CallInfo<'_>,
    arg: &ArgInfo<'a>,
) -> Result<&'a Scalar, ResolveError> {
    match constant(ord, call, arg)? {
        Value::One(s) => Ok(s),
        _ => Err(ResolveError::other(format!(
            "{}argument of [{}] cannot be null, received [{}]",
            match ord {
                Ordinal::Third => "third ",
                _ => "second ",
            },
            call.text,
            arg.text
        ))),
    }
}

fn resolve(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 2, 3)?;
    let (Some(field), Some(limit)) = (args.first(), args.get(1)) else {
        return Err(ResolveError::Internal(format!(
            "error building [{}]",
            call.name
        )));
    };
    check_type(
        Ordinal::First,
        call,
        field,
        accepted,
        "boolean, date, ip, string or numeric except unsigned_long or counter types",
    )?;
    let limit_value = not_null_constant(Ordinal::Second, call, limit)?;
    check_type(
        Ordinal::Second,
        call,
        limit,
        |t| t == DataType::Integer,
        "integer",
    )?;
    let ascending = match args.get(2) {
        None => true,
        Some(order) => {
            let order_value = not_null_constant(Ordinal::Third, call, order)?;
            check_type(Ordinal::Third, call, order, DataType::is_string, "string")?;
            let text = order_value.as_str().unwrap_or_default();
            if text.eq_ignore_ascii_case("asc") {
                true
            } else if text.eq_ignore_ascii_case("desc") {
                false
            } else {
                return Err(ResolveError::other(format!(
                    "Invalid order value in [{}], expected [ASC, DESC] but got [{}]",
                    call.text, text
                )));
            }
        }
    };
    let limit = limit_value.as_i64().unwrap_or(0);
    if limit <= 0 {
        return Err(ResolveError::other(format!(
            "Limit must be greater than 0 in [{}], found [{}]",
            call.text, limit
        )));
    }
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    Ok(resolved(field.ty.widen_string(), 1, move || Top {
        limit,
        ascending,
        kept: Vec::new(),
    }))
}

#[derive(Debug)]
struct Top {
    limit: usize,
    ascending: bool,
    kept: Vec<Scalar>,
}

impl Top {
    fn order(&self, a: &Scalar, b: &Scalar) -> Ordering {
        if self.ascending {
            a.total_cmp(b)
        } else {
            b.total_cmp(a)
        }
    }

    /// Sorts and drops everything past the limit.
    fn compact(&mut self) {
        let mut kept = std::mem::take(&mut self.kept);
        kept.sort_by(|a, b| self.order(a, b));
        kept.truncate(self.limit);
        self.kept = kept;
    }

    fn compact_if_large(&mut self) {
        if self.kept.len() >= self.limit.saturating_mul(2).max(64) {
            self.compact();
        }
    }
}

impl Accumulator for Top {
    fn add(&mut self, args: &[Value]) {
        self.kept.extend(first(args).iter().cloned());
        self.compact_if_large();
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Top>() {
            self.kept.append(&mut o.kept);
            self.compact_if_large();
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        self.compact();
        Ok(Value::from_vec(self.kept.clone()))
    }

    as_any_impl!();
}
