//! Fields mapped as `float`, `half_float` or `scaled_float` read back at
//! their storage precision, as Elasticsearch's doc values do. A leading
//! EVAL-like operator rounds those columns right after the scan.

use super::Col;
use crate::catalog::FloatStorage;
use crate::functions::{EvalEnv, EvalError, Resolved};
use crate::plan::{Operator, Site, TypedExpr};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Rounds `v` to the precision of `storage` (see [`FloatStorage::round`]).
pub fn round_to_storage(v: f64, storage: FloatStorage) -> f64 {
    storage.round(v)
}

fn rounding(storage: FloatStorage) -> Resolved {
    Resolved {
        return_type: DataType::Double,
        eval: Arc::new(
            move |args: &[Value], _env: &EvalEnv| -> Result<Value, EvalError> {
                let map = |s: &Scalar| match s {
                    Scalar::Double(d) => Scalar::Double(round_to_storage(*d, storage)),
                    other => other.clone(),
                };
                Ok(match args.first() {
                    Some(Value::One(s)) => Value::One(map(s)),
                    Some(Value::Many(vs)) => Value::from_vec(vs.iter().map(map).collect()),
                    _ => Value::Null,
                })
            },
        ),
    }
}

/// The operator rounding the stored-precision columns of `cols`, if any.
pub(crate) fn operator(cols: &[Col], storage: &BTreeMap<String, FloatStorage>) -> Option<Operator> {
    let mut exprs = Vec::new();
    let mut keep: Vec<usize> = (0..cols.len()).collect();
    for (i, c) in cols.iter().enumerate() {
        let Some(&s) = storage.get(&c.name) else {
            continue;
        };
        if s == FloatStorage::Double || c.ty != DataType::Double || c.source().is_none() {
            continue;
        }
        if let Some(slot) = keep.get_mut(i) {
            *slot = cols.len() + exprs.len();
        }
        exprs.push(TypedExpr::Call {
            func: rounding(s),
            args: vec![TypedExpr::Column(i, c.ty)],
            site: Site {
                line: 1,
                column: 1,
                text: Arc::from(c.name.as_str()),
            },
        });
    }
    (!exprs.is_empty()).then_some(Operator::Eval { exprs, keep })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_precisions_match_elasticsearch() {
        assert_eq!(
            round_to_storage(2.03, FloatStorage::Float),
            2.0299999713897705
        );
        assert_eq!(round_to_storage(2.03, FloatStorage::HalfFloat), 2.029296875);
        assert_eq!(round_to_storage(2.05, FloatStorage::HalfFloat), 2.05078125);
        assert_eq!(
            round_to_storage(2.03, FloatStorage::Scaled(100f64.to_bits())),
            2.0300000000000002
        );
        assert_eq!(round_to_storage(1.5, FloatStorage::Double), 1.5);
    }
}
