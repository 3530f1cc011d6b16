//! `SUM` and `AVG`.

use super::common::{
    arity, as_any_impl, check_type, first, resolved, signed_numeric, CompensatedSum, Ordinal,
};
use super::{Accumulator, AggregateDef, ResolvedAggregate};
use crate::functions::ResolveError;
use crate::functions::{ArgInfo, CallInfo, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// The aggregates of this module.
pub(super) const DEFS: &[AggregateDef] = &[
    AggregateDef {
        name: "sum",
        signature: "sum(number integer|long|double) -> long|double",
        doc: "The sum of every value; long for integer and long input (overflow gives null and a warning), double for double.",
        resolve: resolve_sum,
    },
    AggregateDef {
        name: "avg",
        signature: "avg(number integer|long|double) -> double",
        doc: "The average of every value.",
        resolve: resolve_avg,
    },
];

/// Elasticsearch's accepted-type wording for SUM, AVG, MEDIAN and friends.
pub(super) const NUMERIC_EXPECTED: &str = "numeric except unsigned_long or counter types";

/// Checks the single numeric argument of SUM, AVG, MEDIAN, MAD and STD_DEV.
pub(super) fn resolve_numeric_arg(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<DataType, ResolveError> {
    arity(call, args, 1, 1)?;
    let ty = args.first().map(|a| a.ty).unwrap_or(DataType::Null);
    if let Some(arg) = args.first() {
        check_type(
            Ordinal::Default,
            call,
            arg,
            signed_numeric,
            NUMERIC_EXPECTED,
        )?;
    }
    Ok(ty)
}

fn resolve_sum(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    let ty = resolve_numeric_arg(args, call)?;
    let return_type = match ty {
        DataType::Integer | DataType::Long => DataType::Long,
        DataType::Null => DataType::Null,
        _ => DataType::Double,
    };
    Ok(resolved(return_type, 1, move || Sum {
        state: NumericSum::default(),
        return_type,
    }))
}

fn resolve_avg(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
) -> Result<ResolvedAggregate, ResolveError> {
    resolve_numeric_arg(args, call)?;
    Ok(resolved(DataType::Double, 1, || Avg {
        state: NumericSum::default(),
    }))
}

/// A running sum of numbers of one column: whole numbers are summed
/// exactly (overflow of `long` is detected at the end), doubles with
/// compensation.
#[derive(Clone, Debug, Default)]
pub(super) struct NumericSum {
    /// Sum of whole-number values.
    pub whole: i128,
    /// Sum of double values.
    pub double: CompensatedSum,
    /// True once a double was seen.
    pub has_double: bool,
    /// How many values were added.
    pub count: i64,
}

impl NumericSum {
    /// Adds every numeric value of a cell.
    pub fn add_all(&mut self, values: &[Scalar]) {
        for v in values {
            match v {
                Scalar::Integer(x) => self.whole += i128::from(*x),
                Scalar::Long(x) => self.whole += i128::from(*x),
                Scalar::Double(x) => {
                    self.double.add(*x);
                    self.has_double = true;
                }
                _ => continue,
            }
            self.count += 1;
        }
    }

    /// Folds another partial sum into this one.
    pub fn merge(&mut self, other: &NumericSum) {
        self.whole += other.whole;
        self.double.merge(&other.double);
        self.has_double |= other.has_double;
        self.count += other.count;
    }

    /// The whole-number sum as a `long`, or Elasticsearch's overflow error.
    pub fn long(&self) -> Result<i64, EvalError> {
        i64::try_from(self.whole).map_err(|_| EvalError::arithmetic("long overflow"))
    }

    /// The sum as a double (whole numbers must fit a `long`, as in
    /// Elasticsearch, which sums them as longs first).
    pub fn double(&self) -> Result<f64, EvalError> {
        let whole = self.long()? as f64;
        let total = if self.has_double {
            self.double.value + whole
        } else {
            whole
        };
        finite(total)
    }
}

/// A double result, or an error when it left the finite range.
pub(super) fn finite(x: f64) -> Result<f64, EvalError> {
    if x.is_finite() {
        Ok(x)
    } else {
        Err(EvalError::arithmetic("double overflow"))
    }
}

#[derive(Debug)]
struct Sum {
    state: NumericSum,
    return_type: DataType,
}

impl Accumulator for Sum {
    fn add(&mut self, args: &[Value]) {
        self.state.add_all(first(args));
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Sum>() {
            self.state.merge(&o.state);
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        if self.state.count == 0 {
            return Ok(Value::Null);
        }
        Ok(Value::One(match self.return_type {
            DataType::Long => Scalar::Long(self.state.long()?),
            _ => Scalar::Double(self.state.double()?),
        }))
    }

    as_any_impl!();
}

#[derive(Debug)]
struct Avg {
    state: NumericSum,
}

impl Accumulator for Avg {
    fn add(&mut self, args: &[Value]) {
        self.state.add_all(first(args));
    }

    fn merge(&mut self, other: &mut dyn Accumulator) {
        if let Some(o) = other.as_any_mut().downcast_mut::<Avg>() {
            self.state.merge(&o.state);
        }
    }

    fn finish(&mut self) -> Result<Value, EvalError> {
        if self.state.count == 0 {
            return Ok(Value::Null);
        }
        let avg = self.state.double()? / self.state.count as f64;
        Ok(Value::One(Scalar::Double(finite(avg)?)))
    }

    as_any_impl!();
}
