//! `WEIGHTED_AVG`.
//!
//! Elasticsearch rewrites `WEIGHTED_AVG(v, w)` to `SUM(v * w) / SUM(w)`
//! (and to `SUM(v) / COUNT(v)` for a constant weight). The product is a
//! single-value operation, so a multi-valued `v` or `w` skips the row for
//! the numerator with a warning, while `SUM(w)` still adds every weight.

use super::common::{
    arity, as_any_impl, check_type, constant, resolved, signed_numeric, CompensatedSum, Ordinal,
};
use super::sum_avg::{finite, NUMERIC_EXPECTED};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// Most row warnings kept between two [`Accumulator::take_warnings`] calls.
const MAX_PENDING: usize = 20;

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[AggregateDef {
    name: "weighted_avg",
    signature: "weighted_avg(number integer|long|double, weight integer|long|double) -> double",
    doc: "The weighted average: the sum of number × weight over the sum of the weights.",
    resolve,
}];

fn resolve(args: &[ArgInfo<'_>], call: &CallInfo<'_>) -> Result<ResolvedAggregate, ResolveError> {
    arity(call, args, 2, 2)?;
    let (Some(field), Some(weight)) = (args.first(), args.get(1)) else {
        return Err(ResolveError::Internal(format!(
            "error building [{}]",
            call.name
        )));
    };
    check_type(
        Ordinal::First,
        call,
        field,
        signed_numeric,
        NUMERIC_EXPECTED,
    )?;
    check_type(
        Ordinal::Second,
        call,
        weight,
        signed_numeric,
        NUMERIC_EXPECTED,
    )?;
    let invalid = |received: &str| {
        ResolveError::other(format!(
            "SECOND argument of [{}] cannot be null or 0, received [{}]",
            call.text, received
        ))
    };
    if weight.ty == DataType::Null {
        return Err(invalid("null"));
    }
    let constant_weight = match constant(Ordinal::Second, call, weight) {
        Ok(Value::Null) => return Err(invalid("null")),
        Ok(Value::One(s)) if s.as_f64() == Some(0.0) => return Err(invalid(&zero_text(s))),
        Ok(_) => true,
        Err(_) => false,
    };
    Ok(resolved(DataType::Double, 2, move || WeightedAvg {
        constant_weight,
        products: CompensatedSum::default(),
        weights: CompensatedSum::default(),
        values: 0,
        weight_count: 0,
        product_count: 0,
        pending: Vec::new(),
    }))
}

/// How Java prints a zero of the weight's type.
fn zero_text(s: &Scalar) -> String {
    match s {
        Scalar::Double(_) => "0.0".to_string(),
        _ => "0".to_string(),
    }
}

#[derive(Debug)]
struct WeightedAvg {
    /// The weight is a constant: the result is the plain average.
    constant_weight: bool,
    /// Σ v·w over rows where both are single values.
    products: CompensatedSum,
    /// Σ w over every weight value.
    weights: CompensatedSum,
    /// Values seen (constant-weight form).
    values: i64,
    /// Weight values seen.
    weight_count: i64,
    /// Products summed.
    product_count: i64,
    /// Row failures not yet handed out.
    pending: Vec<EvalError>,
}

impl WeightedAvg {
    fn warn(&mut self, e: EvalError) {
        if self.pending.len() < MAX_PENDING {
            self.pending.push(e);
        }
    }

    /// `v * w` as Elasticsearch's single-value multiplication sees it.
    fn product(&mut self, v: &Value, w: &Value) -> Option<f64> {
        let v = match v {
            Value::Null => return None,
            Value::Many(_) => {
                self.warn(EvalError::multi_value());
                return None;
            }
            Value::One(s) => s,
        };
        let w = match w {
            Value::Null => return None,
            Value::Many(_) => {
                self.warn(EvalError::multi_value());
                return None;
            }
            Value::One(s) => s,
        };
        match (v, w) {
            (Scalar::Integer(a), Scalar::Integer(b)) => match a.checked_mul(*b) {
                Some(p) => Some(f64::from(p)),
                None => {
                    self.warn(EvalError::arithmetic("integer overflow"));
                    None
                }
            },
            (a, b) => match (a.as_i64(), b.as_i64()) {
                (Some(x), Some(y)) => match x.checked_mul(y) {
                    Some(p) => Some(p as f64),
                    None => {
                        self.warn(EvalError::arithmetic("long overflow"));
                        None
                    }
                },
                _ => Some(a.as_f64()? * b.as_f64()?),
            },
        }
    }
}

impl Accumulator for WeightedAvg {
    fn add(&mut self, args: &[Value]) {
        let v = args.first().cloned().unwrap_or(Value::Null);
        if self.constant_weight {
            for x in v.as_slice().iter().filter_map(Scalar::as_f64) {
                self.products.add(x);
                self.values += 1;
            }
            return;
        }
        let w = args.get(1).cloned().unwrap_or(Value::Null);
        for x in w.as_slice().iter().filter_map(Scalar::as_f64) {
            self.weights.add(x);
            self.weight_count += 1;
        }
        if let Some(p) = self.product(&v, &w) {
            self.products.add(p);
            self.product_count += 1;
        }
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<WeightedAvg>() {
            self.products.merge(&o.products);
            self.weights.merge(&o.weights);
            self.values += o.values;
            self.weight_count += o.weight_count;
            self.product_count += o.product_count;
            let pending = std::mem::take(&mut o.pending);
            for e in pending {
                self.warn(e);
            }
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        if self.constant_weight {
            if self.values == 0 {
                return Ok(Value::Null);
            }
            let avg = finite(self.products.value)? / self.values as f64;
            return Ok(Value::One(Scalar::Double(finite(avg)?)));
        }
        // SUM(v * w) / SUM(w): null when either sum saw nothing.
        if self.product_count == 0 || self.weight_count == 0 {
            return Ok(Value::Null);
        }
        let weights = finite(self.weights.value)?;
        if weights == 0.0 {
            return Err(EvalError::arithmetic("/ by zero"));
        }
        let avg = finite(self.products.value)? / weights;
        Ok(Value::One(Scalar::Double(finite(avg)?)))
    }

    fn take_warnings(&mut self) -> Vec<EvalError> {
        std::mem::take(&mut self.pending)
    }

    as_any_impl!();
}
