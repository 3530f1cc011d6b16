//! Helpers that give kernels Elasticsearch's null and multi-value rules,
//! the table-entry constructors, and the argument checks of the functions
//! that check their own arguments (declared signatures are checked by
//! [`super::signature`]).

use super::{
    ArgInfo, ArityWording, CallInfo, EvalEnv, EvalError, FunctionDef, KernelFn, Resolution,
    ResolveError, ResolveFn, ResolveOptionsFn, Resolved, Signature,
};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::sync::Arc;

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

/// A resolved call from a raw evaluator over whole cells.
pub fn raw<F>(return_type: DataType, f: F) -> Resolved
where
    F: Fn(&[Value], &EvalEnv) -> Result<Value, EvalError> + Send + Sync + 'static,
{
    Resolved {
        return_type,
        eval: Arc::new(f),
    }
}

/// A single-value function: any null argument gives null, any multi-valued
/// argument gives null plus the multi-value warning, otherwise the kernel
/// runs on the single values.
pub fn sv<F>(return_type: DataType, f: F) -> Resolved
where
    F: Fn(&[&Scalar]) -> Result<Scalar, EvalError> + Send + Sync + 'static,
{
    raw(return_type, move |args, _| match singles(args)? {
        None => Ok(Value::Null),
        Some(s) => f(&s).map(Value::One),
    })
}

/// Like [`sv`], but the kernel may return any cell (null, or a list).
pub fn sv_value<F>(return_type: DataType, f: F) -> Resolved
where
    F: Fn(&[&Scalar]) -> Result<Value, EvalError> + Send + Sync + 'static,
{
    raw(return_type, move |args, _| match singles(args)? {
        None => Ok(Value::Null),
        Some(s) => f(&s),
    })
}

/// A unary function applied to every value of a multi-valued argument
/// (conversions, `TO_LOWER`). Values that fail are dropped; the first
/// failure is reported (with what survives as the partial result).
pub fn per_value<F>(return_type: DataType, f: F) -> Resolved
where
    F: Fn(&Scalar) -> Result<Scalar, EvalError> + Send + Sync + 'static,
{
    raw(return_type, move |args, _| {
        let cell = args.first().unwrap_or(&Value::Null);
        map_values(cell, &f)
    })
}

/// Applies `f` to every value of `cell`, keeping the successes. When a
/// value fails, the error carries the surviving values as its partial result.
pub fn map_values<F>(cell: &Value, f: F) -> Result<Value, EvalError>
where
    F: Fn(&Scalar) -> Result<Scalar, EvalError>,
{
    match cell {
        Value::Null => Ok(Value::Null),
        Value::One(s) => f(s).map(Value::One),
        Value::Many(values) => {
            let mut out = Vec::with_capacity(values.len());
            let mut first_error = None;
            for v in values.iter() {
                match f(v) {
                    Ok(s) => out.push(s),
                    Err(e) => {
                        if first_error.is_none() {
                            first_error = Some(e);
                        }
                    }
                }
            }
            match first_error {
                None => Ok(Value::from_vec(out)),
                Some(mut e) => {
                    e.partial = Some(Box::new(Value::from_vec(out)));
                    Err(e)
                }
            }
        }
    }
}

/// Replaces constant arguments by values prepared at resolution (implicit
/// casts of string literals), then runs `inner`.
pub fn with_constants(resolved: Resolved, overrides: Vec<Option<Value>>) -> Resolved {
    if overrides.iter().all(Option::is_none) {
        return resolved;
    }
    let inner = resolved.eval;
    raw(resolved.return_type, move |args, env| {
        let replaced: Vec<Value> = args
            .iter()
            .enumerate()
            .map(|(i, a)| match overrides.get(i) {
                Some(Some(v)) => v.clone(),
                _ => a.clone(),
            })
            .collect();
        inner(&replaced, env)
    })
}

/// An internal error for a value of a type the resolver should have
/// rejected; never expected at run time.
pub fn type_bug(what: &str) -> EvalError {
    EvalError::illegal_argument(format!("unexpected argument type for {what}"))
}

/// The `i`-th argument of a kernel. Arity is checked at resolution, so a
/// missing argument is an internal error rather than a panic.
pub fn arg<'a>(args: &[&'a Scalar], i: usize) -> Result<&'a Scalar, EvalError> {
    args.get(i)
        .copied()
        .ok_or_else(|| EvalError::illegal_argument(format!("missing argument {i}")))
}

/// The string content of a `keyword`/`text` value.
pub fn text(s: &Scalar) -> Result<&str, EvalError> {
    s.as_str().ok_or_else(|| type_bug("a string parameter"))
}

/// An `integer`/`long` value as `i64`.
pub fn int(s: &Scalar) -> Result<i64, EvalError> {
    s.as_i64().ok_or_else(|| type_bug("an integer parameter"))
}

/// Any numeric value as `f64`.
pub fn num(s: &Scalar) -> Result<f64, EvalError> {
    s.as_f64().ok_or_else(|| type_bug("a numeric parameter"))
}

/// A keyword result.
pub fn kw(s: impl AsRef<str>) -> Scalar {
    Scalar::str(s.as_ref())
}

/// Checks a finite double result: Elasticsearch's `not a finite double
/// number` failure otherwise.
pub fn finite(d: f64) -> Result<Scalar, EvalError> {
    if d.is_finite() {
        Ok(Scalar::Double(d))
    } else {
        let shown = if d.is_nan() {
            "NaN"
        } else if d > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        Err(EvalError::arithmetic(format!(
            "not a finite double number: {shown}"
        )))
    }
}

/// Checks the argument count: exactly `min` when `min == max`, between
/// `min` and `max` otherwise (`max == usize::MAX` for variadic functions),
/// with the messages of Elasticsearch's function registry.
pub fn arity(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    min: usize,
    max: usize,
) -> Result<(), ResolveError> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(ResolveError::WrongArity {
        function: call.name.to_ascii_lowercase(),
        min,
        max,
        found: n,
        wording: ArityWording::Scalar,
    })
}

/// The ordinal word of the argument at zero-based `index`, `first` to
/// `fifth` as Elasticsearch's `ParamOrdinal` names them; `None` past the
/// fifth.
pub fn ordinal_word(index: usize) -> Option<&'static str> {
    ORDINALS.get(index).map(|w| w.trim_end())
}

/// The ordinals Elasticsearch names arguments by, each with its space.
const ORDINALS: [&str; 5] = ["first ", "second ", "third ", "fourth ", "fifth "];

/// The ordinal Elasticsearch puts before `argument`: empty for
/// one-argument functions and past the fifth argument, otherwise `first `,
/// `second `, ….
pub fn ordinal(index: usize, count: usize) -> &'static str {
    match ORDINALS.get(index) {
        Some(word) if count > 1 => word,
        _ => "",
    }
}

/// Elasticsearch's type mismatch message for argument `index`.
pub fn type_error(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    index: usize,
    expected: &str,
) -> ResolveError {
    let (text, ty) = args
        .get(index)
        .map(|a| (a.text, a.ty.name()))
        .unwrap_or(("", "null"));
    ResolveError::WrongType {
        ordinal: ordinal(index, args.len()),
        call: call.text.to_string(),
        expected: expected.to_string(),
        text: text.to_string(),
        found: ty.to_string(),
    }
}

/// Checks that argument `index` satisfies `ok` (a `null` argument always
/// does), else returns the type mismatch message naming `expected`.
pub fn check(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    index: usize,
    ok: impl Fn(DataType) -> bool,
    expected: &str,
) -> Result<(), ResolveError> {
    match args.get(index) {
        Some(a) if a.ty == DataType::Null || ok(a.ty) => Ok(()),
        Some(_) => Err(type_error(args, call, index, expected)),
        None => Ok(()),
    }
}

/// Checks that argument `index` is a constant, with Elasticsearch's message.
pub fn check_constant(
    args: &[ArgInfo<'_>],
    call: &CallInfo<'_>,
    index: usize,
) -> Result<(), ResolveError> {
    match args.get(index) {
        Some(a) if a.constant.is_none() && a.ty != DataType::Null => {
            Err(not_constant(args, call, index))
        }
        _ => Ok(()),
    }
}

/// Elasticsearch's message for argument `index` not being a constant.
pub fn not_constant(args: &[ArgInfo<'_>], call: &CallInfo<'_>, index: usize) -> ResolveError {
    ResolveError::NotConstant {
        ordinal: ordinal(index, args.len()),
        call: call.text.to_string(),
        text: args.get(index).map(|a| a.text).unwrap_or("").to_string(),
    }
}

/// The effective type of argument `index` (`null` when absent).
pub fn ty(args: &[ArgInfo<'_>], index: usize) -> DataType {
    args.get(index).map(|a| a.ty).unwrap_or(DataType::Null)
}

/// The constant single value of argument `index`, if it is one.
pub fn constant<'a>(args: &'a [ArgInfo<'_>], index: usize) -> Option<&'a Scalar> {
    args.get(index)
        .and_then(|a| a.constant)
        .and_then(Value::single)
}

/// The implicit cast of a constant string argument to `target` (a date,
/// ip, version, boolean or numeric parameter), done once at resolution.
/// Returns the converted constant and its type, `Ok(None)` when the
/// argument is not a string constant, or the verification message when
/// the text does not convert.
pub fn implicit_cast(
    args: &[ArgInfo<'_>],
    index: usize,
    target: DataType,
) -> Result<Option<Value>, ResolveError> {
    let Some(arg) = args.get(index) else {
        return Ok(None);
    };
    let Some(value) = arg.constant else {
        return Ok(None);
    };
    if !arg.ty.is_string() || target.is_string() {
        return Ok(None);
    }
    match super::convert::cast(value, target) {
        Ok(v) => Ok(Some(v)),
        Err(e) => Err(super::convert::implicit_cast_failure(
            value.single().and_then(Scalar::as_str).unwrap_or(arg.text),
            target,
            &e,
        )),
    }
}

/// Applies [`implicit_cast`] to the arguments listed in `targets`, and
/// returns the argument types after casting plus the override values.
pub fn implicit_casts(
    args: &[ArgInfo<'_>],
    targets: &[(usize, DataType)],
) -> Result<(Vec<DataType>, Vec<Option<Value>>), ResolveError> {
    let mut types: Vec<DataType> = args.iter().map(|a| a.ty).collect();
    let mut overrides = vec![None; args.len()];
    for &(i, target) in targets {
        if let Some(v) = implicit_cast(args, i, target)? {
            if let (Some(t), Some(o)) = (types.get_mut(i), overrides.get_mut(i)) {
                *t = target;
                *o = Some(v);
            }
        }
    }
    Ok((types, overrides))
}

/// A copy of `args` whose types are replaced by `types` (after implicit
/// casts), for the type checks that follow.
pub fn retyped<'a>(args: &[ArgInfo<'a>], types: &[DataType]) -> Vec<ArgInfo<'a>> {
    args.iter()
        .zip(types)
        .map(|(a, t)| ArgInfo {
            ty: *t,
            text: a.text,
            constant: a.constant,
        })
        .collect()
}

/// A table entry for a function with a declared signature: the call is
/// checked against `signature`, then `kernel` builds its evaluator.
pub const fn func(
    name: &'static str,
    aliases: &'static [&'static str],
    signature: Signature,
    doc: &'static str,
    kernel: KernelFn,
) -> FunctionDef {
    FunctionDef {
        name,
        aliases,
        doc,
        resolution: Resolution::Declared { signature, kernel },
        resolve_options: None,
    }
}

/// A table entry for a function that checks its own arguments
/// (`signature` is the text shown in listings).
pub const fn def(
    name: &'static str,
    aliases: &'static [&'static str],
    signature: &'static str,
    doc: &'static str,
    resolve: ResolveFn,
) -> FunctionDef {
    FunctionDef {
        name,
        aliases,
        doc,
        resolution: Resolution::Custom { signature, resolve },
        resolve_options: None,
    }
}

/// A table entry for a function with a declared signature that also
/// accepts a trailing options map.
pub const fn func_with_options(
    name: &'static str,
    aliases: &'static [&'static str],
    signature: Signature,
    doc: &'static str,
    kernel: KernelFn,
    resolve_options: ResolveOptionsFn,
) -> FunctionDef {
    FunctionDef {
        name,
        aliases,
        doc,
        resolution: Resolution::Declared { signature, kernel },
        resolve_options: Some(resolve_options),
    }
}
