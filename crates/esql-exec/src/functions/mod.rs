//! The scalar function registry.
//!
//! Each topic module (`string`, `math`, `date`, …) exports a table of
//! [`FunctionDef`]s. A definition resolves a call once, at analysis time,
//! from the argument types (and constant arguments), and returns the
//! result type plus an evaluator closure. Nothing at run time looks a
//! function up by name.

use crate::types::DataType;
use crate::value::Value;
use std::sync::Arc;

pub mod arith;
pub mod calendar;
pub mod conditional;
pub mod convert;
pub mod date;
pub mod date_format;
pub mod encode;
pub mod hash;
pub mod hyperbolic;
pub mod ip;
pub mod iso;
pub mod json;
pub mod json_path;
pub mod math;
pub mod mv;
pub mod mv_sets;
pub mod mv_stats;
pub mod network_direction;
pub mod numparse;
pub mod replace;
pub mod resolve_error;
pub mod round_to;
pub mod sign_scale;
pub mod signature;
pub mod spans;
pub mod string;
pub mod support;
#[cfg(test)]
mod tests;

pub use resolve_error::{ArityWording, ResolveError};
pub use signature::{CheckedCall, KernelFn, Signature};

/// What the analyzer knows about one argument of a call.
#[derive(Clone, Debug)]
pub struct ArgInfo<'a> {
    /// The argument's type (after resolution of its own expression).
    pub ty: DataType,
    /// The argument's source text, for error messages (`[x]`).
    pub text: &'a str,
    /// The argument's value when it is a constant (folded literal).
    pub constant: Option<&'a Value>,
}

/// What the analyzer knows about the call as a whole.
#[derive(Clone, Debug)]
pub struct CallInfo<'a> {
    /// The function name as written.
    pub name: &'a str,
    /// The whole call's source text, e.g. `DATE_TRUNC(30 seconds, @timestamp)`.
    pub text: &'a str,
}

/// Per-query evaluation environment.
#[derive(Clone, Debug, Default)]
pub struct EvalEnv {
    /// `NOW()` in milliseconds since the epoch; fixed for the whole query.
    pub now_ms: i64,
    /// What blocking operators may hold (see [`crate::memory::MemoryBudget`]).
    pub memory: crate::memory::MemoryBudget,
    /// Where a broken invariant is recorded (see [`crate::invariant`]).
    pub invariants: crate::invariant::Invariants,
    /// Set by the caller to stop the query (see [`crate::cancel`]).
    pub cancel: crate::cancel::Cancel,
}

/// A per-row failure: the result becomes null and the evaluator records
/// Elasticsearch's warning pair (`evaluation of [..] failed …` then
/// `<exception>: <message>`).
#[derive(Clone, Debug, PartialEq)]
pub struct EvalError {
    /// The Java exception class Elasticsearch names, e.g.
    /// `java.lang.ArithmeticException`.
    pub exception: &'static str,
    /// The exception message, e.g. `long overflow`.
    pub message: String,
    /// For functions applied per value of a multi-value: the values that
    /// did convert, which Elasticsearch keeps as the result (the warning
    /// is still recorded). `None` means the result is null.
    pub partial: Option<Box<Value>>,
}

impl EvalError {
    /// `java.lang.IllegalArgumentException: <message>`
    pub fn illegal_argument(message: impl Into<String>) -> Self {
        EvalError {
            exception: "java.lang.IllegalArgumentException",
            message: message.into(),
            partial: None,
        }
    }

    /// `java.lang.ArithmeticException: <message>`
    pub fn arithmetic(message: impl Into<String>) -> Self {
        EvalError {
            exception: "java.lang.ArithmeticException",
            message: message.into(),
            partial: None,
        }
    }

    /// `org.elasticsearch.xpack.esql.core.InvalidArgumentException: <message>`
    pub fn invalid_argument(message: impl Into<String>) -> Self {
        EvalError {
            exception: "org.elasticsearch.xpack.esql.core.InvalidArgumentException",
            message: message.into(),
            partial: None,
        }
    }

    /// `<exception>: <message>` for any other Java exception class.
    pub fn other(exception: &'static str, message: impl Into<String>) -> Self {
        EvalError {
            exception,
            message: message.into(),
            partial: None,
        }
    }

    /// The result cell to use despite the failure (null unless some
    /// values of a multi-value survived).
    pub fn result(&self) -> Value {
        self.partial.as_deref().cloned().unwrap_or(Value::Null)
    }

    /// The multi-value failure every single-value function raises.
    pub fn multi_value() -> Self {
        Self::illegal_argument("single-value function encountered multi-value")
    }

    /// The detail line: `<exception>: <message>`.
    pub fn detail(&self) -> String {
        format!("{}: {}", self.exception, self.message)
    }
}

/// An evaluator: argument cells in, result cell out.
pub type ScalarFn = Arc<dyn Fn(&[Value], &EvalEnv) -> Result<Value, EvalError> + Send + Sync>;

/// A resolved call: its result type and how to evaluate it.
#[derive(Clone)]
pub struct Resolved {
    /// The result type.
    pub return_type: DataType,
    /// The evaluator.
    pub eval: ScalarFn,
}

impl std::fmt::Debug for Resolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Resolved({})", self.return_type)
    }
}

/// Resolves a call from its arguments (checking them itself), or says
/// why not (Elasticsearch's verification message, without `line L:C:`).
pub type ResolveFn = fn(&[ArgInfo<'_>], &CallInfo<'_>) -> Result<Resolved, ResolveError>;

/// One entry of a call's trailing options map (`{"leading_zeros": "octal"}`):
/// the key and its constant value.
pub type CallOption<'a> = (&'a str, &'a Value);

/// Resolves a call that ends with an options map, from the other
/// arguments and the map's entries.
pub type ResolveOptionsFn =
    fn(&[ArgInfo<'_>], &CallInfo<'_>, &[CallOption<'_>]) -> Result<Resolved, ResolveError>;

/// How a function resolves a call.
#[derive(Clone, Copy)]
pub enum Resolution {
    /// The arguments are checked against `signature` (count, types,
    /// implicit casts), then `kernel` builds the evaluator.
    Declared {
        /// Parameters and result type.
        signature: Signature,
        /// The evaluator builder, with any function-specific checks.
        kernel: KernelFn,
    },
    /// The function checks its own arguments (type rules no signature
    /// expresses, such as `CASE`'s alternating conditions and values).
    Custom {
        /// Human-readable signature, e.g. `case(condition, value, ...) -> type of value`.
        signature: &'static str,
        /// The resolver.
        resolve: ResolveFn,
    },
}

/// One scalar function.
#[derive(Clone, Copy)]
pub struct FunctionDef {
    /// Lower-case name.
    pub name: &'static str,
    /// Other accepted names (lower-case).
    pub aliases: &'static [&'static str],
    /// One-line description.
    pub doc: &'static str,
    /// Resolution from argument types.
    pub resolution: Resolution,
    /// Resolution of a call whose last argument is an options map, for
    /// the functions that take options.
    pub resolve_options: Option<ResolveOptionsFn>,
}

impl FunctionDef {
    /// Resolves a call from its arguments, or says why it does not resolve.
    pub fn resolve(
        &self,
        args: &[ArgInfo<'_>],
        call: &CallInfo<'_>,
    ) -> Result<Resolved, ResolveError> {
        match &self.resolution {
            Resolution::Declared { signature, kernel } => signature.resolve(args, call, *kernel),
            Resolution::Custom { resolve, .. } => resolve(args, call),
        }
    }

    /// The declared signature, when the function has one.
    #[cfg(test)]
    pub fn declared(&self) -> Option<&Signature> {
        match &self.resolution {
            Resolution::Declared { signature, .. } => Some(signature),
            Resolution::Custom { .. } => None,
        }
    }

    /// Human-readable signature, e.g. `date_trunc(interval, date) -> type of date`.
    pub fn signature(&self) -> String {
        match &self.resolution {
            Resolution::Declared { signature, .. } => signature.describe(self.name),
            Resolution::Custom { signature, .. } => signature.to_string(),
        }
    }

    /// Resolves a call whose last argument is an options map (`args` are
    /// the arguments before the map, `options` its entries with constant
    /// values), or returns the verification message.
    pub fn resolve_with_options(
        &self,
        args: &[ArgInfo<'_>],
        call: &CallInfo<'_>,
        options: &[CallOption<'_>],
    ) -> Result<Resolved, ResolveError> {
        match self.resolve_options {
            Some(resolve) => resolve(args, call, options),
            None => Err(ResolveError::OptionsNotAccepted {
                function: call.name.to_ascii_lowercase(),
            }),
        }
    }
}

/// Every scalar function table, concatenated in [`lookup`].
fn tables() -> [&'static [FunctionDef]; 16] {
    [
        convert::FUNCTIONS,
        string::FUNCTIONS,
        replace::FUNCTIONS,
        conditional::FUNCTIONS,
        math::FUNCTIONS,
        sign_scale::FUNCTIONS,
        round_to::FUNCTIONS,
        mv::FUNCTIONS,
        mv_stats::FUNCTIONS,
        mv_sets::FUNCTIONS,
        ip::FUNCTIONS,
        network_direction::FUNCTIONS,
        date::FUNCTIONS,
        encode::FUNCTIONS,
        hash::FUNCTIONS,
        json::FUNCTIONS,
    ]
}

/// Finds a scalar function by name (case-insensitive).
pub fn lookup(name: &str) -> Option<&'static FunctionDef> {
    let lower = name.to_ascii_lowercase();
    tables()
        .into_iter()
        .flatten()
        .find(|f| f.name == lower || f.aliases.contains(&lower.as_str()))
}

/// All scalar functions, for listings.
pub fn all() -> impl Iterator<Item = &'static FunctionDef> {
    tables().into_iter().flatten()
}
