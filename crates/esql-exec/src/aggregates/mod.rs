//! The aggregate function registry (functions usable only inside STATS).
//!
//! Like scalar functions, an aggregate resolves once from its argument
//! types and yields a factory of [`Accumulator`]s. Accumulators can be
//! merged, so partial aggregation can run in parallel.

use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::Value;
use std::any::Any;
use std::sync::Arc;

/// Running state of one aggregate for one group.
pub trait Accumulator: Send {
    /// Adds one input row: the evaluated argument cells (empty for
    /// `COUNT(*)`). Multi-valued cells contribute every value.
    fn add(&mut self, args: &[Value]);
    /// Folds another accumulator of the same aggregate into this one.
    fn merge(&mut self, other: &mut dyn Accumulator);
    /// The final value.
    fn finish(&mut self) -> Result<Value, EvalError>;
    /// For downcasting in [`Accumulator::merge`].
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// Makes fresh accumulators.
pub type AccumulatorFactory = Arc<dyn Fn() -> Box<dyn Accumulator> + Send + Sync>;

/// A resolved aggregate call.
#[derive(Clone)]
pub struct ResolvedAggregate {
    /// The result type.
    pub return_type: DataType,
    /// Makes an accumulator per group.
    pub new_accumulator: AccumulatorFactory,
    /// How many leading arguments are per-row inputs (the rest are
    /// constants such as a percentile or a precision).
    pub row_args: usize,
}

/// Resolves an aggregate call, or returns Elasticsearch's verification message.
pub type ResolveAggregateFn =
    fn(&[ArgInfo<'_>], &CallInfo<'_>) -> Result<ResolvedAggregate, String>;

/// One aggregate function.
#[derive(Clone, Copy)]
pub struct AggregateDef {
    /// Lower-case name.
    pub name: &'static str,
    /// Human-readable signature.
    pub signature: &'static str,
    /// One-line description.
    pub doc: &'static str,
    /// Resolution from argument types. `COUNT(*)` resolves with no arguments.
    pub resolve: ResolveAggregateFn,
}

fn tables() -> [&'static [AggregateDef]; 0] {
    []
}

/// Finds an aggregate by name (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static AggregateDef> {
    let lower = name.to_ascii_lowercase();
    tables().into_iter().flatten().find(|f| f.name == lower)
}

/// All aggregates, for listings.
pub fn all() -> impl Iterator<Item = &'static AggregateDef> {
    tables().into_iter().flatten()
}
