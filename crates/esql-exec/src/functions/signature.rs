//! Declarative function signatures and the one checker that applies them.
//!
//! A [`Signature`] lists a function's parameters — each with the set of
//! types it accepts, named as Elasticsearch names it in `must be [...]`,
//! and an optional implicit cast of string constants — which of them may
//! be left out (trailing, leading, or a repeated last parameter), and how
//! the result type follows from the argument types. [`Signature::resolve`]
//! checks a call against it, in Elasticsearch's order (argument count,
//! then each argument's type, first to last), with the messages of
//! [`ResolveError`], and hands the checked call to the function's kernel
//! builder. [`Signature::describe`] renders it for listings.

use super::resolve_error::{ArityWording, ResolveError};
use super::support::{implicit_cast, ordinal, retyped, with_constants};
use super::{ArgInfo, CallInfo, Resolved};
use crate::types::DataType;
use crate::value::{Scalar, Value};

/// A named set of accepted argument types. A `null` argument is accepted
/// by every set, as in Elasticsearch's type checks.
#[derive(Clone, Copy)]
pub struct TypeSet {
    /// The name Elasticsearch prints in `must be [...]`.
    pub name: &'static str,
    /// Whether a (non-null) type belongs to the set.
    pub accepts: fn(DataType) -> bool,
}

impl TypeSet {
    /// True when an argument of type `ty` is accepted.
    pub fn contains(&self, ty: DataType) -> bool {
        ty == DataType::Null || (self.accepts)(ty)
    }
}

impl std::fmt::Debug for TypeSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// Any type.
pub const ANY: TypeSet = TypeSet {
    name: "any",
    accepts: |_| true,
};
/// `keyword` or `text`.
pub const STRING: TypeSet = TypeSet {
    name: "string",
    accepts: DataType::is_string,
};
/// `integer`, `long`, `unsigned_long` or `double`.
pub const NUMERIC: TypeSet = TypeSet {
    name: "numeric",
    accepts: DataType::is_numeric,
};
/// `integer` only (counts and positions).
pub const INTEGER: TypeSet = TypeSet {
    name: "integer",
    accepts: |t| t == DataType::Integer,
};
/// `integer` or `long` (ROUND's decimals).
pub const INTEGER_OR_LONG: TypeSet = TypeSet {
    name: "integer or long",
    accepts: |t| matches!(t, DataType::Integer | DataType::Long),
};
/// `date` or `date_nanos`.
pub const DATETIME: TypeSet = TypeSet {
    name: "date_nanos or datetime",
    accepts: DataType::is_date,
};

/// `ip`.
pub const IP: TypeSet = TypeSet {
    name: "ip",
    accepts: |t| t == DataType::Ip,
};

/// One parameter of a function.
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// Its name in listings.
    pub name: &'static str,
    /// The types it accepts.
    pub types: TypeSet,
    /// A string constant passed here is converted to this type once, at
    /// resolution (`ABS("10")`, `DATE_DIFF("day", "2024-01-01", d)`).
    pub cast: Option<DataType>,
}

impl Param {
    /// A parameter accepting `types`.
    pub const fn new(name: &'static str, types: TypeSet) -> Param {
        Param {
            name,
            types,
            cast: None,
        }
    }

    /// The same parameter, converting string constants to `target`.
    pub const fn cast_to(self, target: DataType) -> Param {
        Param {
            cast: Some(target),
            ..self
        }
    }
}

/// How a call's result type follows from its argument types.
#[derive(Clone, Copy, Debug)]
pub enum Returns {
    /// Always this type.
    Fixed(DataType),
    /// The type of argument `n` when numeric (or `null`), `double` otherwise
    /// (`ABS`, `ROUND`).
    NumericOf(usize),
    /// The type of argument `n`, `text` read as `keyword` (`MV_FIRST`).
    TypeOf(usize),
}

/// Which parameters a call may leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Optional {
    /// The last `n` parameters (`SUBSTRING(s, start[, length])`).
    Trailing(usize),
    /// The first `n` parameters (`LOG([base,] n)`).
    Leading(usize),
    /// The last parameter repeats without bound (`CONCAT(s1, s2, ...)`).
    Repeated,
}

/// A function's declared parameters and result type.
#[derive(Clone, Copy, Debug)]
pub struct Signature {
    /// The parameters, in order.
    pub params: &'static [Param],
    optional: Optional,
    /// The result type rule.
    pub returns: Returns,
    /// How listings show a trailing options map, for functions that take one.
    options: Option<&'static str>,
}

/// A call that passed its signature's checks, for the kernel builder.
pub struct CheckedCall<'a> {
    /// The arguments, typed after the implicit casts of string constants
    /// (their `constant` is still the value as written).
    pub args: &'a [ArgInfo<'a>],
    /// The call as written.
    pub info: &'a CallInfo<'a>,
    /// The result type the signature gives these arguments.
    pub return_type: DataType,
}

impl CheckedCall<'_> {
    /// The type of argument `index` (`null` when absent).
    pub fn ty(&self, index: usize) -> DataType {
        self.args.get(index).map(|a| a.ty).unwrap_or(DataType::Null)
    }

    /// The constant single value of argument `index`, if it is one.
    pub fn constant(&self, index: usize) -> Option<&Scalar> {
        self.args
            .get(index)
            .and_then(|a| a.constant)
            .and_then(Value::single)
    }

    /// The number of arguments.
    pub fn len(&self) -> usize {
        self.args.len()
    }

    /// Elasticsearch's message for argument `index` not being a constant.
    pub fn not_constant(&self, index: usize) -> ResolveError {
        ResolveError::NotConstant {
            ordinal: ordinal(index, self.args.len()),
            call: self.info.text.to_string(),
            text: self
                .args
                .get(index)
                .map(|a| a.text)
                .unwrap_or("")
                .to_string(),
        }
    }
}

/// Builds a checked call's evaluator: the per-function part of resolution
/// (constant-only arguments, special messages, the kernel itself).
pub type KernelFn = fn(&CheckedCall<'_>) -> Result<Resolved, ResolveError>;

impl Signature {
    /// Exactly these parameters.
    pub const fn of(params: &'static [Param], returns: Returns) -> Signature {
        Signature {
            params,
            optional: Optional::Trailing(0),
            returns,
            options: None,
        }
    }

    /// The last `n` parameters may be left out.
    pub const fn optional(self, n: usize) -> Signature {
        Signature {
            optional: Optional::Trailing(n),
            ..self
        }
    }

    /// The first `n` parameters may be left out.
    pub const fn optional_leading(self, n: usize) -> Signature {
        Signature {
            optional: Optional::Leading(n),
            ..self
        }
    }

    /// The last parameter repeats: at least all parameters, then any number more.
    pub const fn variadic(self) -> Signature {
        Signature {
            optional: Optional::Repeated,
            ..self
        }
    }

    /// Listings show a trailing options map as `shown`
    /// (`{"leading_zeros": "reject"|"decimal"|"octal"}`).
    pub const fn with_options(self, shown: &'static str) -> Signature {
        Signature {
            options: Some(shown),
            ..self
        }
    }

    /// The fewest arguments a call may have.
    pub fn min_args(&self) -> usize {
        match self.optional {
            Optional::Trailing(n) | Optional::Leading(n) => self.params.len().saturating_sub(n),
            Optional::Repeated => self.params.len(),
        }
    }

    /// The most arguments a call may have (`usize::MAX` when variadic).
    pub fn max_args(&self) -> usize {
        match self.optional {
            Optional::Repeated => usize::MAX,
            _ => self.params.len(),
        }
    }

    /// The parameter argument `index` of a call with `count` arguments binds to.
    pub fn param_for(&self, index: usize, count: usize) -> Option<&'static Param> {
        let params = self.params;
        match self.optional {
            Optional::Repeated => params.get(index).or(params.last()),
            Optional::Trailing(_) => params.get(index),
            Optional::Leading(_) => params.get(index + params.len().saturating_sub(count)),
        }
    }

    /// The result type for (already cast) argument types.
    pub fn return_type(&self, args: &[ArgInfo<'_>]) -> DataType {
        let ty = |n: usize| args.get(n).map(|a| a.ty).unwrap_or(DataType::Null);
        match self.returns {
            Returns::Fixed(t) => t,
            Returns::NumericOf(n) => match ty(n) {
                t if t.is_numeric() || t == DataType::Null => t,
                _ => DataType::Double,
            },
            Returns::TypeOf(n) => ty(n).widen_string(),
        }
    }

    /// Checks a call — argument count, implicit casts of string constants,
    /// each argument's type in order — then builds it with `kernel`.
    pub fn resolve(
        &self,
        args: &[ArgInfo<'_>],
        call: &CallInfo<'_>,
        kernel: KernelFn,
    ) -> Result<Resolved, ResolveError> {
        let count = args.len();
        let (min, max) = (self.min_args(), self.max_args());
        if count < min || count > max {
            return Err(ResolveError::WrongArity {
                function: call.name.to_ascii_lowercase(),
                min,
                max,
                found: count,
                wording: ArityWording::Scalar,
            });
        }
        let mut types: Vec<DataType> = args.iter().map(|a| a.ty).collect();
        let mut overrides: Vec<Option<Value>> = vec![None; count];
        for i in 0..count {
            let Some(target) = self.param_for(i, count).and_then(|p| p.cast) else {
                continue;
            };
            if let Some(v) = implicit_cast(args, i, target)? {
                if let (Some(t), Some(o)) = (types.get_mut(i), overrides.get_mut(i)) {
                    *t = target;
                    *o = Some(v);
                }
            }
        }
        let typed = retyped(args, &types);
        for (i, a) in typed.iter().enumerate() {
            let Some(param) = self.param_for(i, count) else {
                return Err(ResolveError::Internal(format!(
                    "argument {i} of [{}] has no parameter",
                    call.name
                )));
            };
            if !param.types.contains(a.ty) {
                return Err(ResolveError::WrongType {
                    ordinal: ordinal(i, count),
                    call: call.text.to_string(),
                    expected: param.types.name.to_string(),
                    text: a.text.to_string(),
                    found: a.ty.name().to_string(),
                });
            }
        }
        let checked = CheckedCall {
            args: &typed,
            info: call,
            return_type: self.return_type(&typed),
        };
        Ok(with_constants(kernel(&checked)?, overrides))
    }

    /// The signature for listings: `substring(s, start[, length]) -> keyword`,
    /// `log([base,] n) -> double`, `concat(s1, s2, ...) -> keyword`.
    pub fn describe(&self, name: &str) -> String {
        let names: Vec<&str> = self.params.iter().map(|p| p.name).collect();
        let mut params = match self.optional {
            Optional::Trailing(n) => {
                let (required, optional) = names.split_at(names.len().saturating_sub(n));
                let mut s = required.join(", ");
                for p in optional {
                    let sep = if s.is_empty() { "" } else { ", " };
                    s.push_str(&format!("[{sep}{p}]"));
                }
                s
            }
            Optional::Leading(n) => {
                let (optional, required) = names.split_at(n.min(names.len()));
                let mut s: String = optional.iter().map(|p| format!("[{p},] ")).collect();
                s.push_str(&required.join(", "));
                s
            }
            Optional::Repeated => {
                let mut s = names.join(", ");
                s.push_str(", ...");
                s
            }
        };
        if let Some(shown) = self.options {
            params.push_str(&format!("[, {shown}]"));
        }
        let returns = match self.returns {
            Returns::Fixed(t) => t.name().to_string(),
            Returns::NumericOf(n) | Returns::TypeOf(n) => format!(
                "type of {}",
                self.params.get(n).map(|p| p.name).unwrap_or("argument")
            ),
        };
        format!("{name}({params}) -> {returns}")
    }
}
