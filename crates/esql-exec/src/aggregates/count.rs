//! `COUNT` and `COUNT_DISTINCT`.

use super::common::{
    arity, as_any_impl, check_type, constant, first, held_scalar_bytes, resolved, Ordinal,
};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use foldhash::{HashSet, HashSetExt};

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "count",
        signature: "count([field any]) -> long",
        doc: "Counts rows (no argument or `*`) or the non-null values of a field, every value of a multi-valued cell.",
        resolve: resolve_count,
    },
    AggregateDef {
        name: "count_distinct",
        signature: "count_distinct(field any, [precision integer|long]) -> long",
        doc: "Counts distinct values; exact here (Elasticsearch is approximate above the precision threshold).",
        resolve: resolve_count_distinct,
    },
];

fn resolve_count(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 0, 1)?;
    let row_args = args.len();
    Ok(resolved(DataType::Long, row_args, move || Count {
        rows: row_args == 0,
        count: 0,
    }))
}

/// Counts rows or values.
#[derive(Debug)]
struct Count {
    /// `COUNT(*)`: every row counts once.
    rows: bool,
    count: i64,
}

impl Accumulator for Count {
    fn add(&mut self, args: &[Value]) {
        let n = if self.rows {
            1
        } else {
            first(args).len() as i64
        };
        self.count = self.count.saturating_add(n);
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Count>() {
            self.count = self.count.saturating_add(o.count);
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        Ok(Value::One(Scalar::Long(self.count)))
    }

    as_any_impl!();
}

fn resolve_count_distinct(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 1, 2)?;
    if let Some(field) = args.first() {
        check_type(
            Ordinal::Default,
            call,
            field,
            |t| {
                !matches!(
                    t,
                    DataType::UnsignedLong
                        | DataType::Unsupported
                        | DataType::DatePeriod
                        | DataType::TimeDuration
                )
            },
            "any exact type except unsigned_long, _source, or counter types",
        )?;
    }
    if let Some(precision) = args.get(1) {
        check_type(
            Ordinal::Second,
            call,
            precision,
            DataType::is_whole_number,
            "whole number",
        )?;
        // Validated only: counting is exact whatever the precision.
        constant(Ordinal::Second, call, precision)?;
    }
    Ok(resolved(DataType::Long, 1, || CountDistinct {
        seen: HashSet::new(),
        bytes: 0,
    }))
}

/// Collects distinct values (numbers equal across numeric variants).
#[derive(Debug)]
struct CountDistinct {
    seen: HashSet<Scalar>,
    /// Estimated bytes of `seen`.
    bytes: usize,
}

impl Accumulator for CountDistinct {
    fn add(&mut self, args: &[Value]) {
        for v in first(args) {
            if !self.seen.contains(v) {
                self.bytes += held_scalar_bytes(v);
                self.seen.insert(v.clone());
            }
        }
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<CountDistinct>() {
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
        Ok(Value::One(Scalar::Long(self.seen.len() as i64)))
    }

    as_any_impl!();
}
