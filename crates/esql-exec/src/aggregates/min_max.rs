//! `MIN` and `MAX`.

use super::common::{arity, as_any_impl, check_type, first, resolved, Ordinal};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "min",
        signature: "min(field boolean|numeric|date|date_nanos|ip|keyword|text|version) -> same type (text gives keyword)",
        doc: "The smallest value of a field.",
        resolve: resolve_min,
    },
    AggregateDef {
        name: "max",
        signature: "max(field boolean|numeric|date|date_nanos|ip|keyword|text|version) -> same type (text gives keyword)",
        doc: "The largest value of a field.",
        resolve: resolve_max,
    },
];

/// Elasticsearch's accepted-type wording for MIN and MAX.
const EXPECTED: &str = "boolean, date, ip, string, version or numeric except counter types";

fn orderable(ty: DataType) -> bool {
    matches!(
        ty,
        DataType::Boolean
            | DataType::Integer
            | DataType::Long
            | DataType::UnsignedLong
            | DataType::Double
            | DataType::Keyword
            | DataType::Text
            | DataType::Date
            | DataType::DateNanos
            | DataType::Ip
            | DataType::Version
    )
}

fn resolve(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    keep: Ordering,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 1, 1)?;
    let ty = args.first().map(|a| a.ty).unwrap_or(DataType::Null);
    if let Some(arg) = args.first() {
        check_type(Ordinal::Default, call, arg, orderable, EXPECTED)?;
    }
    Ok(resolved(ty.widen_string(), 1, move || Extreme {
        keep,
        best: None,
    }))
}

fn resolve_min(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve(args, call, Ordering::Less)
}

fn resolve_max(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve(args, call, Ordering::Greater)
}

/// Keeps the smallest (`keep == Less`) or largest (`Greater`) value.
#[derive(Debug)]
struct Extreme {
    keep: Ordering,
    best: Option<Scalar>,
}

impl Extreme {
    fn offer(&mut self, v: &Scalar) {
        let better = match &self.best {
            None => true,
            Some(b) => v.total_cmp(b) == self.keep,
        };
        if better {
            self.best = Some(v.clone());
        }
    }
}

impl Accumulator for Extreme {
    fn add(&mut self, args: &[Value]) {
        for v in first(args) {
            self.offer(v);
        }
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Extreme>() {
            if let Some(v) = o.best.take() {
                self.offer(&v);
            }
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        Ok(self.best.clone().map(Value::One).unwrap_or(Value::Null))
    }

    as_any_impl!();
}
