//! Calls functions the way the analyzer and evaluator do.

use crate::functions::{lookup, ArgInfo, CallInfo, EvalEnv, EvalError};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// The type of a test value.
pub fn type_of(v: &Value) -> DataType {
    match v.as_slice().first() {
        None => DataType::Null,
        Some(s) => match s {
            Scalar::Boolean(_) => DataType::Boolean,
            Scalar::Integer(_) => DataType::Integer,
            Scalar::Long(_) => DataType::Long,
            Scalar::UnsignedLong(_) => DataType::UnsignedLong,
            Scalar::Double(_) => DataType::Double,
            Scalar::Str(_) => DataType::Keyword,
            Scalar::Date(_) => DataType::Date,
            Scalar::DateNanos(_) => DataType::DateNanos,
            Scalar::Ip(_) => DataType::Ip,
            Scalar::Version(_) => DataType::Version,
            Scalar::Period(_) => DataType::DatePeriod,
            Scalar::Duration(_) => DataType::TimeDuration,
        },
    }
}

/// Resolves `name(args)` with every argument a constant and evaluates it.
pub fn try_call(
    name: &str,
    args: &[Value],
) -> Result<(DataType, Result<Value, EvalError>), String> {
    let texts: Vec<String> = args.iter().map(|a| format!("{a:?}")).collect();
    let infos: Vec<ArgInfo<'_>> = args
        .iter()
        .zip(&texts)
        .map(|(a, t)| ArgInfo {
            ty: type_of(a),
            text: t,
            constant: Some(a),
        })
        .collect();
    let text = format!("{name}(...)");
    let def = lookup(name).ok_or_else(|| format!("no function {name}"))?;
    let resolved = def.resolve(&infos, &CallInfo { name, text: &text })?;
    let env = EvalEnv {
        now_ms: 1_704_067_200_000,
        ..EvalEnv::default()
    };
    Ok((resolved.return_type, (resolved.eval)(args, &env)))
}

/// Like [`try_call`] but the arguments are columns with the given types
/// (no constants), for resolution checks.
pub fn resolve_error(name: &str, call_text: &str, args: &[(DataType, &str)]) -> String {
    let infos: Vec<ArgInfo<'_>> = args
        .iter()
        .map(|(t, s)| ArgInfo {
            ty: *t,
            text: s,
            constant: None,
        })
        .collect();
    match lookup(name) {
        None => "no such function".into(),
        Some(def) => match def.resolve(
            &infos,
            &CallInfo {
                name,
                text: call_text,
            },
        ) {
            Ok(r) => format!("resolved to {}", r.return_type),
            Err(e) => e.to_string(),
        },
    }
}

/// Evaluates and unwraps.
pub fn call(name: &str, args: &[Value]) -> Value {
    match try_call(name, args) {
        Ok((_, Ok(v))) => v,
        Ok((_, Err(e))) => panic!("{name} failed: {}", e.detail()),
        Err(e) => panic!("{name} did not resolve: {e}"),
    }
}

/// The warning detail of a failing evaluation.
pub fn fails(name: &str, args: &[Value]) -> String {
    match try_call(name, args) {
        Ok((_, Err(e))) => e.detail(),
        Ok((_, Ok(v))) => panic!("{name} did not fail: {v:?}"),
        Err(e) => panic!("{name} did not resolve: {e}"),
    }
}

/// The result type.
pub fn ret(name: &str, args: &[Value]) -> DataType {
    match try_call(name, args) {
        Ok((t, _)) => t,
        Err(e) => panic!("{name} did not resolve: {e}"),
    }
}

pub fn s(v: &str) -> Value {
    Value::str(v)
}
pub fn i(v: i32) -> Value {
    Value::One(Scalar::Integer(v))
}
pub fn l(v: i64) -> Value {
    Value::One(Scalar::Long(v))
}
pub fn ul(v: u64) -> Value {
    Value::One(Scalar::UnsignedLong(v))
}
pub fn d(v: f64) -> Value {
    Value::One(Scalar::Double(v))
}
pub fn b(v: bool) -> Value {
    Value::One(Scalar::Boolean(v))
}
pub fn null() -> Value {
    Value::Null
}
pub fn dt(iso: &str) -> Value {
    Value::One(Scalar::Date(
        crate::functions::iso::parse_millis(iso).unwrap(),
    ))
}
pub fn mv(values: Vec<Value>) -> Value {
    Value::from_vec(
        values
            .into_iter()
            .flat_map(|v| v.as_slice().to_vec())
            .collect(),
    )
}
pub fn strs(values: &[&str]) -> Value {
    Value::from_vec(values.iter().map(|s| Scalar::str(s)).collect())
}
pub fn ints(values: &[i32]) -> Value {
    Value::from_vec(values.iter().map(|v| Scalar::Integer(*v)).collect())
}
pub fn longs(values: &[i64]) -> Value {
    Value::from_vec(values.iter().map(|v| Scalar::Long(*v)).collect())
}
pub fn dbls(values: &[f64]) -> Value {
    Value::from_vec(values.iter().map(|v| Scalar::Double(*v)).collect())
}
