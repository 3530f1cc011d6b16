//! `PERCENTILE`, `MEDIAN` and `MEDIAN_ABSOLUTE_DEVIATION`.
//!
//! Elasticsearch estimates these with a t-digest which, while it still
//! holds every sample, interpolates linearly between the two closest
//! ranks (index `q × (n − 1)`). We keep every value and always answer
//! that way, so results are exact; Elasticsearch may differ slightly on
//! very large inputs.

use super::common::{
    arity, as_any_impl, check_type, constant, first, quantile_sorted, resolved, signed_numeric,
    Ordinal,
};
use super::sum_avg::resolve_numeric_arg;
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "percentile",
        signature: "percentile(number integer|long|double, percentile integer|long|double) -> double",
        doc: "The value at which a given percentage (0..100, a constant) of the values is smaller; null outside 0..100.",
        resolve: resolve_percentile,
    },
    AggregateDef {
        name: "median",
        signature: "median(number integer|long|double) -> double",
        doc: "The value in the middle of all values: percentile 50.",
        resolve: resolve_median,
    },
    AggregateDef {
        name: "median_absolute_deviation",
        signature: "median_absolute_deviation(number integer|long|double) -> double",
        doc: "The median of the absolute deviations from the median.",
        resolve: resolve_mad,
    },
];

/// Elasticsearch's accepted-type wording for PERCENTILE's arguments.
const EXPECTED: &str = "numeric except unsigned_long";

fn resolve_percentile(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 2, 2)?;
    let (Some(field), Some(p)) = (args.first(), args.get(1)) else {
        return Err(ResolveError::Internal(format!(
            "error building [{}]",
            call.name
        )));
    };
    check_type(Ordinal::First, call, field, signed_numeric, EXPECTED)?;
    check_type(Ordinal::Second, call, p, signed_numeric, EXPECTED)?;
    let percentile = constant(Ordinal::Second, call, p)?
        .single()
        .and_then(Scalar::as_f64)
        // Elasticsearch answers null for a percentile outside 0..=100.
        .filter(|p| (0.0..=100.0).contains(p));
    Ok(resolved(DataType::Double, 1, move || Quantile {
        what: match percentile {
            Some(p) => What::Percentile(p),
            None => What::Nothing,
        },
        values: Vec::new(),
    }))
}

fn resolve_median(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve_numeric_arg(args, call)?;
    Ok(resolved(DataType::Double, 1, || Quantile {
        what: What::Percentile(50.0),
        values: Vec::new(),
    }))
}

fn resolve_mad(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve_numeric_arg(args, call)?;
    Ok(resolved(DataType::Double, 1, || Quantile {
        what: What::MedianAbsoluteDeviation,
        values: Vec::new(),
    }))
}

/// What [`Quantile`] computes from the values.
#[derive(Clone, Copy, Debug, PartialEq)]
enum What {
    /// The percentile (0..=100).
    Percentile(f64),
    /// The median absolute deviation.
    MedianAbsoluteDeviation,
    /// Always null (an out-of-range percentile).
    Nothing,
}

#[derive(Debug)]
struct Quantile {
    what: What,
    values: Vec<f64>,
}

impl Accumulator for Quantile {
    fn add(&mut self, args: &[Value]) {
        if self.what == What::Nothing {
            return;
        }
        self.values
            .extend(first(args).iter().filter_map(Scalar::as_f64));
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Quantile>() {
            self.values.append(&mut o.values);
        }
    }

    fn grows(&self) -> bool {
        true
    }

    fn held_bytes(&self) -> usize {
        self.values.len() * std::mem::size_of::<f64>()
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        self.values.sort_by(f64::total_cmp);
        let result = match self.what {
            What::Percentile(p) => quantile_sorted(&self.values, p / 100.0),
            What::MedianAbsoluteDeviation => {
                quantile_sorted(&self.values, 0.5).and_then(|median| {
                    let mut deviations: Vec<f64> =
                        self.values.iter().map(|v| (v - median).abs()).collect();
                    deviations.sort_by(f64::total_cmp);
                    quantile_sorted(&deviations, 0.5)
                })
            }
            What::Nothing => None,
        };
        Ok(result
            .filter(|r| r.is_finite())
            .map(|r| Value::One(Scalar::Double(r)))
            .unwrap_or(Value::Null))
    }

    as_any_impl!();
}
