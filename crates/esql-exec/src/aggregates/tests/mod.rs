//! Tests of the aggregate functions: resolution, results, merging of
//! partial states, and facts from Elasticsearch's spec tests.

mod employees;
mod first_last_sample;
mod merge;
mod resolution;
mod results;
mod spec_facts;

use super::{lookup, Accumulator, ResolvedAggregate};
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// A column argument of type `ty`.
fn col(ty: DataType, text: &'static str) -> ArgInfo<'static> {
    ArgInfo {
        ty,
        text,
        constant: None,
    }
}

/// A constant argument.
fn lit(ty: DataType, text: &'static str, value: &'static Value) -> ArgInfo<'static> {
    ArgInfo {
        ty,
        text,
        constant: Some(value),
    }
}

/// Resolves `name` over `args`, with `text` as the call's source.
fn resolve(name: &str, text: &str, args: &[ArgInfo<'_>]) -> Result<ResolvedAggregate, String> {
    let def = lookup(name).ok_or_else(|| format!("no aggregate {name}"))?;
    (def.resolve)(args, &CallInfo { name, text }).map_err(String::from)
}

/// Feeds `rows` (each the per-row argument cells) to one accumulator.
fn fill(agg: &ResolvedAggregate, rows: &[Vec<Value>]) -> Box<dyn Accumulator> {
    let mut acc = (agg.new_accumulator)();
    for r in rows {
        acc.add(&r[..agg.row_args.min(r.len())]);
    }
    acc
}

/// Runs an aggregate over rows in one pass.
fn run(name: &str, args: &[ArgInfo<'_>], rows: &[Vec<Value>]) -> Result<Value, EvalError> {
    let agg = resolve(name, name, args).expect("resolves");
    fill(&agg, rows).finish()
}

/// Runs an aggregate over rows dealt round-robin to `parts` accumulators,
/// then merged.
fn run_split(
    name: &str,
    args: &[ArgInfo<'_>],
    rows: &[Vec<Value>],
    parts: usize,
) -> Result<Value, EvalError> {
    let agg = resolve(name, name, args).expect("resolves");
    let mut accs: Vec<Box<dyn Accumulator>> = (0..parts).map(|_| (agg.new_accumulator)()).collect();
    for (i, r) in rows.iter().enumerate() {
        accs[i % parts].add(&r[..agg.row_args.min(r.len())]);
    }
    let mut first = accs.remove(0);
    for mut other in accs {
        first.merge(other.as_mut());
    }
    first.finish()
}

fn int(v: i32) -> Value {
    Value::One(Scalar::Integer(v))
}

fn long(v: i64) -> Value {
    Value::One(Scalar::Long(v))
}

fn dbl(v: f64) -> Value {
    Value::One(Scalar::Double(v))
}

fn kw(s: &str) -> Value {
    Value::str(s)
}

fn many(v: Vec<Scalar>) -> Value {
    Value::from_vec(v)
}

/// The double inside a result, for approximate comparisons.
fn as_f64(v: &Value) -> f64 {
    v.single()
        .and_then(Scalar::as_f64)
        .expect("a single number")
}
