//! `VALUES`.

use super::common::{arity, as_any_impl, check_type, first, held_scalar_bytes, resolved, Ordinal};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::collections::HashSet;

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[AggregateDef {
    name: "values",
    signature: "values(field any) -> same type (text gives keyword), multi-valued",
    doc: "Every distinct value of a field, ascending here (Elasticsearch gives no order); one value comes back single.",
    resolve,
}];

fn resolve(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 1, 1)?;
    let ty = args.first().map(|a| a.ty).unwrap_or(DataType::Null);
    if let Some(arg) = args.first() {
        check_type(
            Ordinal::Default,
            call,
            arg,
            |t| {
                !matches!(
                    t,
                    DataType::Unsupported | DataType::DatePeriod | DataType::TimeDuration
                )
            },
            "any type except counter types",
        )?;
    }
    Ok(resolved(ty.widen_string(), 1, || Values {
        seen: HashSet::new(),
        bytes: 0,
    }))
}

#[derive(Debug)]
struct Values {
    seen: HashSet<Scalar>,
    /// Estimated bytes of `seen`.
    bytes: usize,
}

impl Accumulator for Values {
    fn add(&mut self, args: &[Value]) {
        for v in first(args) {
            if !self.seen.contains(v) {
                self.bytes += held_scalar_bytes(v);
                self.seen.insert(v.clone());
            }
        }
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Values>() {
            self.bytes += o.bytes;
            self.seen.extend(o.seen.drain());
        }
    }

    fn grows(&self) -> bool {
        true
    }

    fn held_bytes(&self) -> usize {
        self.bytes
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        let mut all: Vec<Scalar> = self.seen.iter().cloned().collect();
        all.sort_by(Scalar::total_cmp);
        Ok(Value::from_vec(all))
    }

    as_any_impl!();
}
