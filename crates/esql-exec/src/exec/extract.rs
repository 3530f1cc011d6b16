//! Row-level DISSECT and GROK: the new columns are appended to the row.
//! A null input or no match gives nulls (no warning); a multi-valued input
//! is matched value by value and each new column collects the results.

use crate::eval::EvalContext;
use crate::functions::EvalError;
use crate::plan::Site;
use crate::value::{Row, Scalar, Value};
use esql_extract::{DissectPattern, GrokMatchError, GrokPattern, GrokValue};

/// Appends the dissect keys of `input` to `row`.
pub(super) fn dissect(input: &Value, pattern: &DissectPattern, row: &mut Row) {
    let width = pattern.output_names().len();
    let mut columns: Vec<Vec<Scalar>> = vec![Vec::new(); width];
    for s in input.as_slice() {
        let Some(text) = s.as_str() else { continue };
        if let Some(values) = pattern.matches(text) {
            for (col, v) in columns.iter_mut().zip(values) {
                if let Some(v) = v {
                    col.push(Scalar::str(&v));
                }
            }
        }
    }
    row.extend(columns.into_iter().map(Value::from_vec));
}

/// Appends the grok captures of `input` to `row`. When a typed capture
/// (`:int`, …) does not convert, the row gets nulls and the failure is
/// recorded as Elasticsearch records it.
pub(super) fn grok(
    input: &Value,
    pattern: &GrokPattern,
    row: &mut Row,
    ctx: &mut EvalContext,
    site: &Site,
) {
    let width = pattern.output_columns().len();
    let texts = input.as_slice().iter().filter_map(Scalar::as_str);
    match pattern.extract_values(texts) {
        Ok(columns) => row.extend(
            columns
                .into_iter()
                .map(|values| Value::from_vec(values.into_iter().map(grok_scalar).collect())),
        ),
        Err(e) => {
            if let GrokMatchError::Conversion(message) = &e {
                let error =
                    EvalError::other("java.lang.NumberFormatException", message.to_string());
                ctx.warnings.record(site, &error);
            }
            row.extend(std::iter::repeat_n(Value::Null, width));
        }
    }
}

fn grok_scalar(v: GrokValue) -> Scalar {
    match v {
        GrokValue::Keyword(s) => Scalar::str(&s),
        GrokValue::Integer(i) => Scalar::Integer(i),
        GrokValue::Long(l) => Scalar::Long(l),
        GrokValue::Double(d) => Scalar::Double(d),
        GrokValue::Boolean(b) => Scalar::Boolean(b),
    }
}
