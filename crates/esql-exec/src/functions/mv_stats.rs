//! Statistics over the values of one cell: MV_PERCENTILE,
//! MV_MEDIAN_ABSOLUTE_DEVIATION and MV_PSERIES_WEIGHTED_SUM.

use super::signature::{Param, Returns, Signature, TypeSet, NUMERIC};
use super::support::{finite, func, num, raw, type_bug};
use super::{CheckedCall, EvalError, FunctionDef, ResolveError, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

type Res = Result<Resolved, ResolveError>;

/// `integer`, `long` or `double`.
const NUMERIC_NOT_UNSIGNED: TypeSet = TypeSet {
    name: "numeric except unsigned_long",
    accepts: |t| matches!(t, DataType::Integer | DataType::Long | DataType::Double),
};

/// `double` only.
const DOUBLE: TypeSet = TypeSet {
    name: "double",
    accepts: |t| t == DataType::Double,
};

/// The value between `lower` and `upper` at `fraction` of the way, for
/// doubles (ordering the operations so that `upper - lower` cannot
/// overflow when the two have opposite signs).
fn between_doubles(fraction: f64, lower: f64, upper: f64) -> f64 {
    if lower < 0.0 && upper > 0.0 {
        (lower + fraction * upper) - fraction * lower
    } else {
        lower + fraction * (upper - lower)
    }
}

/// The same for longs: in doubles while both are within ±2^52, else
/// exactly (the fraction's binary value times the difference), truncated
/// toward zero.
fn between_longs(fraction: f64, lower: i64, upper: i64) -> i64 {
    const SAFE: f64 = 4_503_599_627_370_496.0; // 2^52
    if (upper as f64) < SAFE && (lower as f64) > -SAFE {
        return lower.wrapping_add((fraction * upper.wrapping_sub(lower) as f64) as i64);
    }
    let diff = (i128::from(upper) - i128::from(lower)) as u128;
    // fraction = mantissa × 2^exponent exactly, 0 <= fraction < 1.
    let bits = fraction.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let (mantissa, exponent) = if raw_exp == 0 {
        (bits & ((1 << 52) - 1), -1074)
    } else {
        ((bits & ((1 << 52) - 1)) | (1 << 52), raw_exp - 1075)
    };
    let product = u128::from(mantissa) * diff;
    let shift = exponent.unsigned_abs();
    let (whole, has_fraction) = if exponent >= 0 {
        (product << shift, false)
    } else if shift >= 128 {
        (0, product != 0)
    } else {
        (product >> shift, product & ((1u128 << shift) - 1) != 0)
    };
    let sum = i128::from(lower) + whole as i128;
    let truncated = if sum < 0 && has_fraction {
        sum + 1
    } else {
        sum
    };
    truncated as i64
}

/// The percentile of numeric values (not empty), `percentile` in [0, 100].
fn percentile_of(values: &[Scalar], percentile: f64) -> Result<Scalar, EvalError> {
    if let [one] = values {
        return Ok(one.clone());
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(Scalar::total_cmp);
    if percentile == 0.0 {
        return sorted
            .first()
            .cloned()
            .ok_or_else(|| type_bug("mv_percentile"));
    }
    if percentile == 100.0 {
        return sorted
            .last()
            .cloned()
            .ok_or_else(|| type_bug("mv_percentile"));
    }
    let index = percentile / 100.0 * (sorted.len() - 1) as f64;
    let lower_index = index as usize;
    let fraction = index - lower_index as f64;
    let (Some(lower), Some(upper)) = (
        sorted.get(lower_index),
        sorted.get(lower_index + 1).or(sorted.last()),
    ) else {
        return Err(type_bug("mv_percentile"));
    };
    Ok(match (lower, upper) {
        (Scalar::Integer(l), Scalar::Integer(u)) => {
            let difference = i64::from(*u) - i64::from(*l);
            Scalar::Integer(l.wrapping_add((fraction * difference as f64) as i32))
        }
        (Scalar::Long(l), Scalar::Long(u)) => Scalar::Long(between_longs(fraction, *l, *u)),
        (Scalar::Double(l), Scalar::Double(u)) => Scalar::Double(between_doubles(fraction, *l, *u)),
        _ => return Err(type_bug("mv_percentile")),
    })
}

fn mv_percentile(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |cells, _| {
        let percentile = match cells.get(1) {
            None | Some(Value::Null) => return Ok(Value::Null),
            Some(Value::Many(_)) => return Err(EvalError::multi_value()),
            Some(Value::One(p)) => num(p)?,
        };
        let values = match cells.first() {
            None | Some(Value::Null) => return Ok(Value::Null),
            Some(cell) => cell.as_slice(),
        };
        if !(0.0..=100.0).contains(&percentile) {
            return Err(EvalError::illegal_argument(format!(
                "Percentile parameter must be a number between 0 and 100, found [{}]",
                esql_javafmt::java_double(percentile)
            )));
        }
        percentile_of(values, percentile).map(Value::One)
    }))
}

/// The median of sorted integral values, averaging the middle two toward
/// zero.
fn median_i128(sorted: &[i128]) -> Option<i128> {
    let n = sorted.len();
    let hi = *sorted.get(n / 2)?;
    if n % 2 == 1 {
        return Some(hi);
    }
    let lo = *sorted.get(n / 2 - 1)?;
    let sum = lo + hi;
    Some(sum / 2)
}

/// The median of sorted doubles, the middle two averaged as `a/2 + b/2`.
fn median_f64(sorted: &[f64]) -> Option<f64> {
    let n = sorted.len();
    let hi = *sorted.get(n / 2)?;
    if n % 2 == 1 {
        return Some(hi);
    }
    let lo = *sorted.get(n / 2 - 1)?;
    Some(lo / 2.0 + hi / 2.0)
}

/// `median(|median(X) - X|)` of numeric values (not empty).
fn median_absolute_deviation(values: &[Scalar]) -> Result<Scalar, EvalError> {
    if let Some(Scalar::Double(_)) = values.first() {
        let mut v: Vec<f64> = values.iter().filter_map(Scalar::as_f64).collect();
        v.sort_by(f64::total_cmp);
        let median = median_f64(&v).ok_or_else(|| type_bug("mv_median_absolute_deviation"))?;
        let mut deviations: Vec<f64> = v
            .iter()
            .map(|x| if *x > median { x - median } else { median - x })
            .collect();
        deviations.sort_by(f64::total_cmp);
        return finite(
            median_f64(&deviations).ok_or_else(|| type_bug("mv_median_absolute_deviation"))?,
        );
    }
    let mut v: Vec<i128> = values
        .iter()
        .map(|s| match s {
            Scalar::Integer(x) => Some(i128::from(*x)),
            Scalar::Long(x) => Some(i128::from(*x)),
            Scalar::UnsignedLong(x) => Some(i128::from(*x)),
            _ => None,
        })
        .collect::<Option<_>>()
        .ok_or_else(|| type_bug("mv_median_absolute_deviation"))?;
    v.sort_unstable();
    let median = median_i128(&v).ok_or_else(|| type_bug("mv_median_absolute_deviation"))?;
    let mut deviations: Vec<i128> = v.iter().map(|x| (x - median).abs()).collect();
    deviations.sort_unstable();
    let mad = median_i128(&deviations).ok_or_else(|| type_bug("mv_median_absolute_deviation"))?;
    let overflow = |kind: &str| EvalError::arithmetic(format!("{kind} overflow"));
    Ok(match values.first() {
        Some(Scalar::Integer(_)) => {
            Scalar::Integer(i32::try_from(mad).map_err(|_| overflow("integer"))?)
        }
        Some(Scalar::Long(_)) => Scalar::Long(i64::try_from(mad).map_err(|_| overflow("long"))?),
        _ => Scalar::UnsignedLong(u64::try_from(mad).map_err(|_| overflow("unsigned_long"))?),
    })
}

fn mv_median_absolute_deviation(c: &CheckedCall<'_>) -> Res {
    Ok(raw(c.return_type, |cells, _| match cells.first() {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(cell) => median_absolute_deviation(cell.as_slice()).map(Value::One),
    }))
}

/// Kahan–Babuška summation as Elasticsearch's `CompensatedSum` keeps it.
#[derive(Default)]
struct CompensatedSum {
    value: f64,
    delta: f64,
}

impl CompensatedSum {
    fn add(&mut self, x: f64) {
        if !x.is_finite() {
            self.value += x;
        }
        if self.value.is_finite() {
            let corrected = x + self.delta;
            let updated = self.value + corrected;
            self.delta = corrected - (updated - self.value);
            self.value = updated;
        }
    }
}

/// `Σ value_i / i^p` over the values in order (i from 1).
fn pseries_weighted_sum(values: &[Scalar], p: f64) -> Result<Scalar, EvalError> {
    let mut sum = CompensatedSum::default();
    for (i, v) in values.iter().enumerate() {
        sum.add(num(v)? / ((i + 1) as f64).powf(p));
    }
    if sum.value.is_finite() {
        Ok(Scalar::Double(sum.value))
    } else {
        Err(EvalError::arithmetic("double overflow"))
    }
}

fn mv_pseries_weighted_sum(c: &CheckedCall<'_>) -> Res {
    let p = match c.args.get(1) {
        Some(a) if a.ty == DataType::Null => None,
        Some(a) if a.constant.is_none() => return Err(c.not_constant(1)),
        _ => {
            // A string constant was checked by the signature's implicit
            // cast; read it as a double here too.
            let written = c.args.get(1).and_then(|a| a.constant);
            let cast = written.and_then(|v| super::convert::cast(v, DataType::Double).ok());
            cast.as_ref()
                .and_then(Value::single)
                .and_then(Scalar::as_f64)
        }
    };
    let Some(p) = p else {
        return Ok(raw(DataType::Null, |_, _| Ok(Value::Null)));
    };
    if c.ty(0) == DataType::Null {
        return Ok(raw(c.return_type, |_, _| Ok(Value::Null)));
    }
    // A null cell has no values: its sum is 0, as Elasticsearch computes it.
    Ok(raw(c.return_type, move |cells, _| {
        let values = cells.first().map(Value::as_slice).unwrap_or(&[]);
        pseries_weighted_sum(values, p).map(Value::One)
    }))
}

/// The functions of this module.
pub(crate) const FUNCTIONS: &[FunctionDef] = &[
    func(
        "mv_percentile",
        &[],
        Signature::of(
            &[
                Param::new("number", NUMERIC_NOT_UNSIGNED).cast_to(DataType::Double),
                Param::new("percentile", NUMERIC_NOT_UNSIGNED).cast_to(DataType::Double),
            ],
            Returns::TypeOf(0),
        ),
        "The value below which the given percentage of the values fall.",
        mv_percentile,
    ),
    func(
        "mv_median_absolute_deviation",
        &[],
        Signature::of(
            &[Param::new("number", NUMERIC).cast_to(DataType::Double)],
            Returns::TypeOf(0),
        ),
        "The median of the values' deviations from their median.",
        mv_median_absolute_deviation,
    ),
    func(
        "mv_pseries_weighted_sum",
        &[],
        Signature::of(
            &[
                Param::new("number", DOUBLE).cast_to(DataType::Double),
                Param::new("p", DOUBLE).cast_to(DataType::Double),
            ],
            Returns::TypeOf(0),
        ),
        "The sum of the values, the i-th divided by i to the power p.",
        mv_pseries_weighted_sum,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i32]) -> Vec<Scalar> {
        v.iter().map(|x| Scalar::Integer(*x)).collect()
    }

    #[test]
    fn percentiles_interpolate_between_neighbours() {
        let v = ints(&[5000, 5, 12, 10, 5]);
        assert_eq!(percentile_of(&v, 50.0), Ok(Scalar::Integer(10)));
        assert_eq!(percentile_of(&v, 0.0), Ok(Scalar::Integer(5)));
        assert_eq!(percentile_of(&v, 100.0), Ok(Scalar::Integer(5000)));
        // index 0.75 between 0 and 10: 7.5, truncated for integers.
        assert_eq!(percentile_of(&ints(&[0, 10]), 75.0), Ok(Scalar::Integer(7)));
        assert_eq!(
            percentile_of(&[Scalar::Double(0.0), Scalar::Double(10.0)], 75.0),
            Ok(Scalar::Double(7.5))
        );
        assert_eq!(
            percentile_of(&[Scalar::Long(i64::MIN), Scalar::Long(i64::MAX)], 50.0),
            Ok(Scalar::Long(0))
        );
    }

    #[test]
    fn exact_long_interpolation_truncates_toward_zero() {
        assert_eq!(between_longs(0.5, i64::MIN, i64::MAX), 0);
        assert_eq!(between_longs(0.25, 0, i64::MAX), i64::MAX / 4);
        assert_eq!(between_longs(0.5, -(1 << 60) - 1, -(1 << 60)), -(1 << 60));
    }

    #[test]
    fn median_absolute_deviations() {
        assert_eq!(
            median_absolute_deviation(&ints(&[0, 2, 5, 6])),
            Ok(Scalar::Integer(2))
        );
        assert_eq!(
            median_absolute_deviation(&ints(&[7])),
            Ok(Scalar::Integer(0))
        );
        assert_eq!(
            median_absolute_deviation(&[Scalar::Double(-7.23), Scalar::Double(11.17)]),
            Ok(Scalar::Double(9.2))
        );
    }

    #[test]
    fn pseries_sums() {
        let v: Vec<Scalar> = [3.0, 10.0, 15.0].into_iter().map(Scalar::Double).collect();
        assert_eq!(pseries_weighted_sum(&v, 0.0), Ok(Scalar::Double(28.0)));
        let v: Vec<Scalar> = [10.0, 5.0, 3.0].into_iter().map(Scalar::Double).collect();
        assert_eq!(pseries_weighted_sum(&v, -2.0), Ok(Scalar::Double(57.0)));
    }
}
