//! Helpers that give kernels Elasticsearch's null and multi-value rules.

use super::EvalError;
use crate::value::{Scalar, Value};

/// For single-value functions: `Ok(None)` when any argument is null (the
/// result is null), an error when any argument is multi-valued, otherwise
/// the single values.
pub fn singles(args: &[Value]) -> Result<Option<Vec<&Scalar>>, EvalError> {
    let mut out = Vec::with_capacity(args.len());
    for a in args {
        match a {
            Value::Null => return Ok(None),
            Value::One(s) => out.push(s),
            Value::Many(_) => return Err(EvalError::multi_value()),
        }
    }
    Ok(Some(out))
}
