//! The aggregate function registry (functions usable only inside STATS).
//!
//! Like scalar functions, an aggregate resolves once from its argument
//! types and yields a factory of [`Accumulator`]s. Accumulators can be
//! merged, so partial aggregation can run in parallel.

use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::Value;
use std::any::Any;
use std::sync::Arc;

mod common;
mod count;
mod first_last;
mod min_max;
mod percentile;
mod presence;
mod sample;
mod std_dev;
mod sum_avg;
mod top;
mod values;
mod weighted_avg;

/// Running state of one aggregate for one group.
pub trait Accumulator: Send {
    /// Adds one input row: the evaluated argument cells (empty for
    /// `COUNT(*)`). Multi-valued cells contribute every value.
    fn add(&mut self, args: &[Value]);
    /// Folds another accumulator of the same aggregate into this one.
    fn merge(&mut self, other: &mut dyn Accumulator);
    /// The final value. An error means the result is null and the
    /// error is reported as a warning of the aggregate's expression.
    fn finish(&mut self) -> Result<Value, EvalError>;
    /// For downcasting in [`Accumulator::merge`].
    fn as_any_mut(&mut self) -> &mut dyn Any;
    /// Failures of single rows collected since the last call (for example
    /// a multi-valued argument of `WEIGHTED_AVG`): each is reported as a
    /// warning of the aggregate's expression, while the row is skipped and
    /// the result still stands. Most aggregates never fail on a row.
    fn take_warnings(&mut self) -> Vec<EvalError> {
        Vec::new()
    }
    /// True when what the accumulator holds grows with its input (the
    /// values VALUES or COUNT_DISTINCT gather); such accumulators report
    /// [`Accumulator::held_bytes`] and their growth is charged to the
    /// query's memory budget.
    fn grows(&self) -> bool {
        false
    }
    /// Estimated bytes held beyond the accumulator's fixed part; cheap to
    /// ask (kept up to date as values arrive).
    fn held_bytes(&self) -> usize {
        0
    }
}

/// Makes fresh accumulators.
pub type AccumulatorFactory = Arc<dyn Fn() -> Box<dyn Accumulator> + Send + Sync>;

/// Makes the accumulator factory of an aggregate whose choices depend on
/// a salt (SAMPLE's pseudo-random keys).
pub type SaltedFactory = Arc<dyn Fn(u64) -> AccumulatorFactory + Send + Sync>;

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
    /// For an aggregate whose choices depend on a salt: the factory for a
    /// given salt (see [`ResolvedAggregate::salt`]).
    pub salted: Option<SaltedFactory>,
}

impl ResolvedAggregate {
    /// Gives a salted aggregate its salt (the analyzer passes the call's
    /// position in the query, so two calls of one query choose apart while
    /// the same query always chooses alike); others are unchanged.
    pub fn salt(&mut self, salt: u64) {
        if let Some(make) = &self.salted {
            self.new_accumulator = make(salt);
        }
    }
}

/// Resolves an aggregate call, or returns Elasticsearch's verification message.
pub type ResolveAggregateFn =
    fn(&[ArgInfo<'_>], &CallInfo<'_>) -> Result<ResolvedAggregate, ResolveError>;

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

/// Every aggregate table, concatenated in [`lookup`].
fn tables() -> [&'static [AggregateDef]; 11] {
    [
        count::DEFS,
        sum_avg::DEFS,
        weighted_avg::DEFS,
        min_max::DEFS,
        values::DEFS,
        percentile::DEFS,
        top::DEFS,
        std_dev::DEFS,
        presence::DEFS,
        first_last::DEFS,
        sample::DEFS,
    ]
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

#[cfg(test)]
mod tests;
