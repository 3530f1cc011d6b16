//! Helpers shared by the aggregate definitions: Elasticsearch's wording
//! for arity and type failures, constant arguments, and the numeric
//! building blocks (compensated sums, exact quantiles) that several
//! aggregates reuse.

use super::{Accumulator, AccumulatorFactory, ResolvedAggregate};
use crate::functions::{ArgInfo, ArityWording, CallInfo, ResolveError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::sync::Arc;

/// Implements [`Accumulator::as_any_mut`] for the type it is used in.
macro_rules! as_any_impl {
    () => {
        fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
            self
        }
    };
}
pub(crate) use as_any_impl;

/// The position of an argument, as Elasticsearch names it in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ordinal {
    /// The only argument of a one-argument check (`argument of [...]`).
    Default,
    /// `first argument of [...]`
    First,
    /// `second argument of [...]`
    Second,
    /// `third argument of [...]`
    Third,
}

impl Ordinal {
    fn prefix(self) -> &'static str {
        match self {
            Ordinal::Default => "",
            Ordinal::First => "first ",
            Ordinal::Second => "second ",
            Ordinal::Third => "third ",
        }
    }
}

/// The type name Elasticsearch prints in verification messages (`date`
/// is spelled `datetime` there).
pub(crate) fn type_name(ty: DataType) -> &'static str {
    match ty {
        DataType::Date => "datetime",
        other => other.name(),
    }
}

/// `<ordinal>argument of [<call>] must be [<expected>], found value [<arg>] type [<type>]`
pub(crate) fn type_error(
    ord: Ordinal,
    call: &CallInfo<'_>,
    arg: &ArgInfo<'_>,
    expected: &str,
) -> ResolveError {
    ResolveError::WrongType {
        ordinal: ord.prefix(),
        call: call.text.to_string(),
        expected: expected.to_string(),
        text: arg.text.to_string(),
        found: type_name(arg.ty).to_string(),
    }
}

/// Accepts `arg` when its type passes `ok` or is `null` (Elasticsearch's
/// type checks let a bare null through).
pub(crate) fn check_type(
    ord: Ordinal,
    call: &CallInfo<'_>,
    arg: &ArgInfo<'_>,
    ok: impl Fn(DataType) -> bool,
    expected: &str,
) -> Result<(), ResolveError> {
    if arg.ty == DataType::Null || ok(arg.ty) {
        Ok(())
    } else {
        Err(type_error(ord, call, arg, expected))
    }
}

/// Checks the number of arguments, with the registry's wording
/// (`error building [sum]: expects exactly one argument`).
pub(crate) fn arity(
    call: &CallInfo<'_>,
    args: &[ArgInfo<'_>],
    min: usize,
    max: usize,
) -> Result<(), ResolveError> {
    if (min..=max).contains(&args.len()) {
        return Ok(());
    }
    Err(ResolveError::WrongArity {
        function: call.name.to_ascii_lowercase(),
        min,
        max,
        found: args.len(),
        wording: ArityWording::Aggregate,
    })
}

/// The value of an argument that must be a constant, or
/// `<ordinal>argument of [<call>] must be a constant, received [<arg>]`.
pub(crate) fn constant<'a>(
    ord: Ordinal,
    call: &CallInfo<'_>,
    arg: &ArgInfo<'a>,
) -> Result<&'a Value, ResolveError> {
    arg.constant.ok_or_else(|| ResolveError::NotConstant {
        ordinal: ord.prefix(),
        call: call.text.to_string(),
        text: arg.text.to_string(),
    })
}

/// `integer`, `long` or `double` (numeric except `unsigned_long`).
pub(crate) fn signed_numeric(ty: DataType) -> bool {
    ty.is_numeric() && ty != DataType::UnsignedLong
}

/// Wraps an accumulator constructor into a [`ResolvedAggregate`].
pub(crate) fn resolved<A, F>(return_type: DataType, row_args: usize, make: F) -> ResolvedAggregate
where
    A: Accumulator + 'static,
    F: Fn() -> A + Send + Sync + 'static,
{
    let factory: AccumulatorFactory = Arc::new(move || Box::new(make()) as Box<dyn Accumulator>);
    ResolvedAggregate {
        return_type,
        new_accumulator: factory,
        row_args,
        salted: None,
    }
}

/// The first argument cell, or null when there is none.
pub(crate) fn first(args: &[Value]) -> &[Scalar] {
    args.first().map(Value::as_slice).unwrap_or(&[])
}

/// A Kahan-compensated sum of doubles, as Elasticsearch keeps for
/// `SUM`/`AVG` over doubles: partial sums merge with their compensation.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct CompensatedSum {
    /// The running sum.
    pub value: f64,
    /// The running compensation (lost low-order bits).
    pub delta: f64,
}

impl CompensatedSum {
    /// Adds one value.
    pub fn add(&mut self, x: f64) {
        self.add_with_delta(x, 0.0);
    }

    /// Adds a value with its own compensation (used to merge partial sums).
    pub fn add_with_delta(&mut self, x: f64, delta: f64) {
        if !x.is_finite() || !self.value.is_finite() {
            self.value += x;
            return;
        }
        let corrected = x + (self.delta + delta);
        let updated = self.value + corrected;
        self.delta = corrected - (updated - self.value);
        self.value = updated;
    }

    /// Folds another partial sum into this one.
    pub fn merge(&mut self, other: &CompensatedSum) {
        self.add_with_delta(other.value, other.delta);
    }
}

/// The quantile `q` (0..=1) of ascending-sorted `data` with linear
/// interpolation between the two closest ranks (index `q * (n - 1)`),
/// which is how Elasticsearch's t-digest answers while it still holds
/// every sample. `None` for no data.
pub(crate) fn quantile_sorted(data: &[f64], q: f64) -> Option<f64> {
    let n = data.len();
    let last = n.checked_sub(1)?;
    let index = q * last as f64;
    if index <= 0.0 {
        return data.first().copied();
    }
    if index >= last as f64 {
        return data.get(last).copied();
    }
    let low = index.floor() as usize;
    let weight = index - low as f64;
    let lo = *data.get(low)?;
    let hi = *data.get(low + 1)?;
    Some(lo + weight * (hi - lo))
}

/// Estimated bytes one distinct value takes in a hash set: the value and
/// its text, plus the table's per-entry overhead.
pub(crate) fn held_scalar_bytes(v: &Scalar) -> usize {
    crate::memory::scalar_bytes(v) + 8
}
