//! `PRESENT` and `ABSENT`: whether a field has any value in the group.

use super::common::{arity, as_any_impl, first, resolved};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "present",
        signature: "present(field any) -> boolean",
        doc: "True when the field has at least one non-null value (never null).",
        resolve: resolve_present,
    },
    AggregateDef {
        name: "absent",
        signature: "absent(field any) -> boolean",
        doc: "True when the field has no non-null value (never null).",
        resolve: resolve_absent,
    },
];

fn resolve_present(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 1, 1)?;
    Ok(resolved(DataType::Boolean, 1, || Presence {
        seen: false,
        want: true,
    }))
}

fn resolve_absent(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 1, 1)?;
    Ok(resolved(DataType::Boolean, 1, || Presence {
        seen: false,
        want: false,
    }))
}

#[derive(Debug)]
struct Presence {
    seen: bool,
    /// The answer when a value was seen (`true` for PRESENT).
    want: bool,
}

impl Accumulator for Presence {
    fn add(&mut self, args: &[Value]) {
        self.seen |= !first(args).is_empty();
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Presence>() {
            self.seen |= o.seen;
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        Ok(Value::One(Scalar::Boolean(self.seen == self.want)))
    }

    as_any_impl!();
}
