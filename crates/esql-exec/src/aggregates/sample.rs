//! `SAMPLE(field, limit)`: up to `limit` of the values, chosen
//! pseudo-randomly.
//!
//! Elasticsearch gives every value (each value of a multi-valued cell on
//! its own; nulls give none) a fresh random key and keeps the `limit`
//! values with the smallest keys, in key order. Offline the key is a 64-bit
//! hash of the value, seeded by the call's position in the query, so an
//! answer does not change between runs or with the number of threads: the
//! same values in any order give the same sample, two calls of one query
//! choose apart, and copies of one value share a key, so they are taken or
//! left together.

use super::common::{arity, as_any_impl, check_type, held_scalar_bytes, resolved, Ordinal};
use super::AccumulatorFactory;
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use foldhash::quality::FixedState;
use std::hash::BuildHasher;
use std::sync::Arc;

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[AggregateDef {
    name: "sample",
    signature: "sample(field any type, limit integer) -> type of field (text gives keyword)",
    doc: "Up to `limit` of the field's values, picked by a fixed hash of each value (Elasticsearch picks at random).",
    resolve,
}];

/// The seed of the value hash (before the call's salt): any fixed number
/// gives a repeatable sample.
const SEED: u64 = 0x5eed_5a3b_1e00_0001;

fn resolve(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 2, 2)?;
    let (Some(field), Some(limit)) = (args.first(), args.get(1)) else {
        return Err(ResolveError::Internal(format!(
            "error building [{}]",
            call.name
        )));
    };
    // Every type is sampled (unsigned_long too, as Elasticsearch's current
    // spec tests show); unsupported fields are refused by the analyzer.
    if limit.ty == DataType::Null || matches!(limit.constant, Some(Value::Null)) {
        return Err(ResolveError::other(format!(
            "second argument of [{}] cannot be null, received [{}]",
            call.text, limit.text
        )));
    }
    check_type(
        Ordinal::Second,
        call,
        limit,
        |t| t == DataType::Integer,
        "integer",
    )?;
    let Some(value) = limit.constant.and_then(|v| v.as_slice().first()) else {
        return Err(ResolveError::other(format!(
            "Limit must be a constant integer in [{}], found [{}]",
            call.text, limit.text
        )));
    };
    let n = value.as_i64().unwrap_or(0);
    if n <= 0 {
        return Err(ResolveError::other(format!(
            "Limit must be greater than 0 in [{}], found [{}]",
            call.text, n
        )));
    }
    let limit = usize::try_from(n).unwrap_or(usize::MAX);
    let mut agg = resolved(field.ty.widen_string(), 1, move || Sample::new(limit, SEED));
    agg.salted = Some(Arc::new(move |salt: u64| -> AccumulatorFactory {
        let seed = SEED ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Arc::new(move || Box::new(Sample::new(limit, seed)) as Box<dyn Accumulator>)
    }));
    Ok(agg)
}

/// The values kept so far with their keys; trimmed to the limit now and
/// then.
#[derive(Debug)]
struct Sample {
    limit: usize,
    /// The hash of the keys: fixed, salted by the call's position.
    hasher: FixedState,
    kept: Vec<(u64, Scalar)>,
    bytes: usize,
}

impl Sample {
    fn new(limit: usize, seed: u64) -> Sample {
        Sample {
            limit,
            hasher: FixedState::with_seed(seed),
            kept: Vec::new(),
            bytes: 0,
        }
    }

    /// Orders by key (ties by value, so equal keys order the same way on
    /// every run) and drops everything past the limit.
    fn compact(&mut self) {
        self.kept
            .sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.total_cmp(&b.1)));
        self.kept.truncate(self.limit);
        self.bytes = self.kept.iter().map(|(_, v)| held_scalar_bytes(v)).sum();
    }

    fn compact_if_large(&mut self) {
        if self.kept.len() >= self.limit.saturating_mul(2).max(64) {
            self.compact();
        }
    }
}

impl Accumulator for Sample {
    fn add(&mut self, args: &[Value]) {
        if let Some(cell) = args.first() {
            for v in cell.as_slice() {
                self.bytes += held_scalar_bytes(v);
                self.kept.push((self.hasher.hash_one(v), v.clone()));
            }
        }
        self.compact_if_large();
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Sample>() {
            self.bytes += o.bytes;
            self.kept.append(&mut o.kept);
            self.compact_if_large();
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        self.compact();
        Ok(Value::from_vec(
            self.kept.iter().map(|(_, v)| v.clone()).collect(),
        ))
    }

    fn grows(&self) -> bool {
        true
    }

    fn held_bytes(&self) -> usize {
        self.bytes
    }

    as_any_impl!();
}
