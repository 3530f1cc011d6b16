//! `STD_DEV` and `VARIANCE` (also named `STD_VAR`): the population
//! standard deviation and the population variance, from one running state.

use super::common::{as_any_impl, first, resolved};
use super::sum_avg::{finite, resolve_numeric_arg};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "std_dev",
        signature: "std_dev(number integer|long|double) -> double",
        doc: "The population standard deviation of every value.",
        resolve,
    },
    AggregateDef {
        name: "variance",
        signature: "variance(number integer|long|double) -> double",
        doc: "The population variance of every value (also named std_var).",
        resolve: resolve_variance,
    },
    AggregateDef {
        name: "std_var",
        signature: "std_var(number integer|long|double) -> double",
        doc: "The population variance of every value (another name of variance).",
        resolve: resolve_variance,
    },
];

fn resolve(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<ResolvedAggregate, ResolveError> {
    resolve_numeric_arg(args, call)?;
    Ok(resolved(DataType::Double, 1, StdDev::default))
}

fn resolve_variance(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve_numeric_arg(args, call)?;
    Ok(resolved(DataType::Double, 1, || StdDev {
        variance: true,
        ..StdDev::default()
    }))
}

/// Welford's running mean and sum of squared deviations; partial states
/// merge with Chan's formula.
#[derive(Debug, Default)]
struct StdDev {
    /// Answer the variance rather than its square root.
    variance: bool,
    count: f64,
    mean: f64,
    m2: f64,
}

impl StdDev {
    fn push(&mut self, x: f64) {
        self.count += 1.0;
        let delta = x - self.mean;
        self.mean += delta / self.count;
        self.m2 += delta * (x - self.mean);
    }
}

impl Accumulator for StdDev {
    fn add(&mut self, args: &[Value]) {
        for x in first(args).iter().filter_map(Scalar::as_f64) {
            self.push(x);
        }
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        let Some(o) = other.as_any_mut().downcast_mut::<StdDev>() else {
            return;
        };
        if o.count == 0.0 {
            return;
        }
        if self.count == 0.0 {
            (self.count, self.mean, self.m2) = (o.count, o.mean, o.m2);
            return;
        }
        let total = self.count + o.count;
        let delta = o.mean - self.mean;
        self.m2 += o.m2 + delta * delta * self.count * o.count / total;
        self.mean += delta * o.count / total;
        self.count = total;
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        if self.count == 0.0 {
            return Ok(Value::Null);
        }
        let variance = (self.m2 / self.count).max(0.0);
        let answer = if self.variance {
            variance
        } else {
            variance.sqrt()
        };
        Ok(Value::One(Scalar::Double(finite(answer)?)))
    }

    as_any_impl!();
}
