//! `FIRST(value, sort)` and `LAST(value, sort)`: the value of the row whose
//! sort key is the smallest (FIRST) or the largest (LAST).
//!
//! Elasticsearch's rules, which these accumulators follow:
//!
//! * the value is taken whole from the winning row: a multi-valued cell
//!   stays multi-valued, and a null value is the answer when its row wins;
//! * a null sort key ranks after every other key, for FIRST and LAST
//!   alike: a row without a key gives the answer only when no row of the
//!   group has one (the first such row met);
//! * a multi-valued sort key counts with its smallest value for FIRST and
//!   its largest for LAST;
//! * on equal keys the row met first wins (the comparison is strict), for
//!   FIRST and LAST alike;
//! * when the sort argument is a constant (or of type null), every row ties
//!   and the first row met gives the answer, null or not.

use super::common::{arity, as_any_impl, check_type, resolved, Ordinal};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::cmp::Ordering;

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "first",
        signature: "first(field boolean|date|date_nanos|ip|keyword|text|version|numeric, sortField long|integer|date|date_nanos) -> type of field (text gives keyword)",
        doc: "The value of the row with the smallest sort key (whole, multi-values and null included); a row with a null key only when no row has a key.",
        resolve: resolve_first,
    },
    AggregateDef {
        name: "last",
        signature: "last(field boolean|date|date_nanos|ip|keyword|text|version|numeric, sortField long|integer|date|date_nanos) -> type of field (text gives keyword)",
        doc: "The value of the row with the largest sort key (whole, multi-values and null included); a row with a null key only when no row has a key.",
        resolve: resolve_last,
    },
];

/// Which end of the sort order wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    First,
    Last,
}

fn resolve_first(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve(args, call, End::First)
}

fn resolve_last(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve(args, call, End::Last)
}

/// Types of the searched field.
fn value_type(ty: DataType) -> bool {
    matches!(
        ty,
        DataType::Boolean
            | DataType::Date
            | DataType::DateNanos
            | DataType::Ip
            | DataType::Keyword
            | DataType::Text
            | DataType::Version
            | DataType::Integer
            | DataType::Long
            | DataType::UnsignedLong
            | DataType::Double
    )
}

/// Types of the sort field.
fn sort_type(ty: DataType) -> bool {
    matches!(
        ty,
        DataType::Long | DataType::Integer | DataType::Date | DataType::DateNanos
    )
}

fn resolve(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    end: End,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 2, 2)?;
    let (Some(field), Some(sort)) = (args.first(), args.get(1)) else {
        return Err(ResolveError::Internal(format!(
            "error building [{}]",
            call.name
        )));
    };
    check_type(
        Ordinal::First,
        call,
        field,
        value_type,
        "boolean, date, ip, string or numeric except unsigned_long or counter types",
    )?;
    check_type(
        Ordinal::Second,
        call,
        sort,
        sort_type,
        "long or date_nanos or datetime",
    )?;
    let any = sort.ty == DataType::Null || sort.constant.is_some();
    Ok(resolved(field.ty.widen_string(), 2, move || FirstLast {
        end,
        any,
        best: None,
    }))
}

/// The running winner of one group.
#[derive(Debug)]
struct FirstLast {
    end: End,
    /// The sort argument is a constant: the first row met wins.
    any: bool,
    /// The winning row so far: its key (`None` for a null key, and in
    /// `any` mode) and its value.
    best: Option<(Option<Scalar>, Value)>,
}

impl FirstLast {
    /// The key a sort cell counts with, or `None` when it is null.
    fn key(&self, sort: &Value) -> Option<Scalar> {
        let values = sort.as_slice().iter();
        let key = match self.end {
            End::First => values.min_by(|a, b| a.total_cmp(b)),
            End::Last => values.max_by(|a, b| a.total_cmp(b)),
        };
        key.cloned()
    }

    /// Whether `key` beats the current winner's key (strictly).
    fn beats(&self, key: &Scalar, best: &Scalar) -> bool {
        matches!(
            (self.end, key.total_cmp(best)),
            (End::First, Ordering::Less) | (End::Last, Ordering::Greater)
        )
    }

    /// Offers a candidate row: its key (`None` when null) and value. A
    /// key beats no key; no key never beats anything.
    fn offer(&mut self, key: Option<Scalar>, value: &Value) {
        let wins = match (&self.best, &key) {
            (None, _) => true,
            (Some((None, _)), Some(_)) => true,
            (Some((Some(best), _)), Some(k)) => self.beats(k, best),
            (Some(_), None) => false,
        };
        if wins {
            self.best = Some((key, value.clone()));
        }
    }
}

impl Accumulator for FirstLast {
    fn add(&mut self, args: &[Value]) {
        let value = args.first().cloned().unwrap_or(Value::Null);
        if self.any {
            if self.best.is_none() {
                self.best = Some((None, value));
            }
            return;
        }
        let key = args.get(1).and_then(|s| self.key(s));
        self.offer(key, &value);
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        let Some(o) = other.as_any_mut().downcast_mut::<FirstLast>() else {
            return;
        };
        // `other` holds a later part of the input: on a tie this side,
        // met first, keeps its row.
        if let Some((key, value)) = o.best.take() {
            if self.any {
                if self.best.is_none() {
                    self.best = Some((key, value));
                }
            } else {
                self.offer(key, &value);
            }
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        Ok(self
            .best
            .as_ref()
            .map(|(_, v)| v.clone())
            .unwrap_or(Value::Null))
    }

    as_any_impl!();
}
