//! Evaluation of typed expressions over one row: a tree walk with
//! Elasticsearch's three-valued logic and single-value rules.

use crate::functions::{arith, EvalEnv, EvalError};
use crate::plan::{Site, TypedExpr};
use crate::value::{Scalar, Value};
use crate::warnings::Warnings;
use esql_parser::ast::BinaryOp;
use std::cmp::Ordering;

/// What evaluation needs besides the row: the query environment and the
/// warning sink.
#[derive(Debug, Default)]
pub struct EvalContext {
    /// Per-query constants (`NOW()`).
    pub env: EvalEnv,
    /// Collected failures.
    pub warnings: Warnings,
}

impl EvalContext {
    /// A context for one query.
    pub fn new(env: EvalEnv) -> Self {
        EvalContext {
            env,
            warnings: Warnings::default(),
        }
    }

    fn fail(&mut self, site: &Site, error: &EvalError) -> Value {
        self.warnings.record(site, error);
        Value::Null
    }
}

/// Evaluates `expr` over `row`.
pub fn eval(expr: &TypedExpr, row: &[Value], ctx: &mut EvalContext) -> Value {
    match expr {
        TypedExpr::Literal(v, _) => v.clone(),
        TypedExpr::Column(i, _) => match row.get(*i) {
            Some(v) => v.clone(),
            None => {
                ctx.env.invariants.broken(|| {
                    format!(
                        "column position {i} is past the end of a row of {} cells",
                        row.len()
                    )
                });
                Value::Null
            }
        },
        TypedExpr::Call { func, args, site } => {
            let values: Vec<Value> = args.iter().map(|a| eval(a, row, ctx)).collect();
            match (func.eval)(&values, &ctx.env) {
                Ok(v) => v,
                Err(e) => {
                    ctx.warnings.record(site, &e);
                    e.result()
                }
            }
        }
        TypedExpr::And(a, b) => {
            let left = truth(&eval(a, row, ctx));
            if left == Some(false) {
                return Value::One(Scalar::Boolean(false));
            }
            let right = truth(&eval(b, row, ctx));
            match (left, right) {
                (_, Some(false)) => Value::One(Scalar::Boolean(false)),
                (Some(true), Some(true)) => Value::One(Scalar::Boolean(true)),
                _ => Value::Null,
            }
        }
        TypedExpr::Or(a, b) => {
            let left = truth(&eval(a, row, ctx));
            if left == Some(true) {
                return Value::One(Scalar::Boolean(true));
            }
            let right = truth(&eval(b, row, ctx));
            match (left, right) {
                (_, Some(true)) => Value::One(Scalar::Boolean(true)),
                (Some(false), Some(false)) => Value::One(Scalar::Boolean(false)),
                _ => Value::Null,
            }
        }
        TypedExpr::Not(a) => match truth(&eval(a, row, ctx)) {
            Some(b) => Value::One(Scalar::Boolean(!b)),
            None => Value::Null,
        },
        TypedExpr::Binary {
            op,
            left,
            right,
            site,
            ..
        } => {
            let l = eval(left, row, ctx);
            let r = eval(right, row, ctx);
            match binary(*op, &l, &r) {
                Ok(v) => v,
                Err(e) => ctx.fail(site, &e),
            }
        }
        TypedExpr::Neg(a, _, site) => match eval(a, row, ctx) {
            Value::Null => Value::Null,
            Value::One(s) => match arith::neg(&s) {
                Ok(v) => Value::One(v),
                Err(e) => ctx.fail(site, &e),
            },
            Value::Many(_) => ctx.fail(site, &EvalError::multi_value()),
        },
        TypedExpr::In { expr, list, site } => {
            let v = eval(expr, row, ctx);
            let needle = match &v {
                Value::Null => return Value::Null,
                Value::One(s) => s,
                Value::Many(_) => return ctx.fail(site, &EvalError::multi_value()),
            };
            let mut saw_null = false;
            for item in list {
                match eval(item, row, ctx) {
                    Value::One(s) => {
                        if compare(needle, &s) == Some(Ordering::Equal) {
                            return Value::One(Scalar::Boolean(true));
                        }
                    }
                    Value::Null => saw_null = true,
                    Value::Many(_) => saw_null = true,
                }
            }
            if saw_null {
                Value::Null
            } else {
                Value::One(Scalar::Boolean(false))
            }
        }
        TypedExpr::IsNull(a, negated) => {
            let is_null = eval(a, row, ctx).is_null();
            Value::One(Scalar::Boolean(is_null != *negated))
        }
        TypedExpr::Like {
            expr,
            patterns,
            site,
        } => match eval(expr, row, ctx) {
            Value::Null => Value::Null,
            Value::One(Scalar::Str(s)) => {
                Value::One(Scalar::Boolean(patterns.iter().any(|p| p.is_match(&s))))
            }
            Value::One(_) => Value::Null,
            Value::Many(_) => ctx.fail(site, &EvalError::multi_value()),
        },
    }
}

/// The truth value of a boolean cell: `None` for null (and, defensively,
/// for anything that is not a single boolean).
pub fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::One(Scalar::Boolean(b)) => Some(*b),
        _ => None,
    }
}

/// Compares two single values of comparable types (numbers across widths,
/// dates across precisions). `None` when they cannot be compared.
pub fn compare(a: &Scalar, b: &Scalar) -> Option<Ordering> {
    match (a, b) {
        (Scalar::Double(x), Scalar::Double(y)) => x.partial_cmp(y),
        (Scalar::Double(x), other) | (other, Scalar::Double(x))
            if other.as_f64().is_some() && !matches!(other, Scalar::UnsignedLong(_)) =>
        {
            let y = other.as_f64()?;
            if matches!(a, Scalar::Double(_)) {
                x.partial_cmp(&y)
            } else {
                y.partial_cmp(x)
            }
        }
        _ => Some(a.total_cmp(b)),
    }
}

fn binary(op: BinaryOp, l: &Value, r: &Value) -> Result<Value, EvalError> {
    let (a, b) = match (l, r) {
        (Value::Null, _) | (_, Value::Null) => return Ok(Value::Null),
        (Value::Many(_), _) | (_, Value::Many(_)) => return Err(EvalError::multi_value()),
        (Value::One(a), Value::One(b)) => (a, b),
    };
    let cmp = |want: fn(Ordering) -> bool| -> Result<Value, EvalError> {
        Ok(match compare(a, b) {
            Some(o) => Value::One(Scalar::Boolean(want(o))),
            None => Value::Null,
        })
    };
    match op {
        BinaryOp::Eq => cmp(|o| o == Ordering::Equal),
        BinaryOp::NotEq => cmp(|o| o != Ordering::Equal),
        BinaryOp::Lt => cmp(|o| o == Ordering::Less),
        BinaryOp::LtEq => cmp(|o| o != Ordering::Greater),
        BinaryOp::Gt => cmp(|o| o == Ordering::Greater),
        BinaryOp::GtEq => cmp(|o| o != Ordering::Less),
        BinaryOp::Add => arith::add(a, b).map(Value::One),
        BinaryOp::Sub => arith::sub(a, b).map(Value::One),
        BinaryOp::Mul => arith::mul(a, b).map(Value::One),
        BinaryOp::Div => arith::div(a, b).map(Value::One),
        BinaryOp::Mod => arith::rem(a, b).map(Value::One),
        BinaryOp::And | BinaryOp::Or => Ok(Value::Null),
    }
}
