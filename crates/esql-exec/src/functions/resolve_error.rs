//! Why a function call (scalar or aggregate) did not resolve.
//!
//! Every resolution failure is a [`ResolveError`]; its `Display` is the
//! verification message Elasticsearch prints (without the `line L:C:`
//! prefix the analyzer adds), so the wording of the common failures —
//! argument count, argument type, constant-only argument, implicit cast
//! of a string constant — lives here only.

use std::fmt;

/// Which of Elasticsearch's registries words an argument-count failure:
/// scalar functions and aggregates phrase a few counts differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArityWording {
    /// The scalar function registry.
    Scalar,
    /// The aggregate function registry.
    Aggregate,
}

/// A failure to resolve a function call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// The call has too few or too many arguments
    /// (`error building [f]: expects exactly one argument`).
    WrongArity {
        /// The function name, lower case.
        function: String,
        /// The fewest arguments accepted.
        min: usize,
        /// The most arguments accepted (`usize::MAX` when variadic).
        max: usize,
        /// How many the call has.
        found: usize,
        /// Which registry's wording to use.
        wording: ArityWording,
    },
    /// An argument's type is not accepted
    /// (`first argument of [f(x)] must be [string], found value [x] type [integer]`).
    WrongType {
        /// `first `, `second `, … or empty for one-argument calls.
        ordinal: &'static str,
        /// The call's source text.
        call: String,
        /// The accepted types as Elasticsearch names them.
        expected: String,
        /// The argument's source text.
        text: String,
        /// The argument's type name.
        found: String,
    },
    /// An argument must be a constant
    /// (`second argument of [f(x, y)] must be a constant, received [y]`).
    NotConstant {
        /// `first `, `second `, … or empty for one-argument calls.
        ordinal: &'static str,
        /// The call's source text.
        call: String,
        /// The argument's source text.
        text: String,
    },
    /// A string constant did not convert to the parameter's type
    /// (`Cannot convert string [x] to [DOUBLE], error [...]`).
    CastFailed {
        /// The constant's text.
        value: String,
        /// The target type, upper case.
        target: String,
        /// The conversion's own message.
        reason: String,
    },
    /// The call ends with an options map but the function takes none.
    OptionsNotAccepted {
        /// The function name, lower case.
        function: String,
    },
    /// A function-specific message, already in Elasticsearch's words.
    Other(String),
    /// A broken invariant of the registry itself (never expected).
    Internal(String),
}

/// Spelled-out counts, as Elasticsearch's registry writes them.
const COUNT_NAMES: [&str; 6] = ["no", "one", "two", "three", "four", "five"];

impl ResolveError {
    /// A function-specific message.
    pub fn other(message: impl Into<String>) -> Self {
        ResolveError::Other(message.into())
    }

    /// What the scalar registry says after `error building [f]: `.
    fn scalar_expects(function: &str, min: usize, max: usize, found: usize) -> String {
        match (min, max) {
            (0, 0) => "expects no arguments".to_string(),
            (1, 1) => "expects exactly one argument".to_string(),
            (2, 2) => {
                format!("function [{function}] expects exactly two arguments, it received {found}")
            }
            (1, 2) => {
                format!(
                    "function [{function}] expects one or two arguments but it received {found}"
                )
            }
            (2, 3) => "expects two or three arguments".to_string(),
            (3, 3) => "expects exactly three arguments".to_string(),
            (3, 4) => "expects three or four arguments".to_string(),
            (2, 4) => "expects minimum two, maximum four arguments".to_string(),
            (4, 4) => "expects exactly four arguments".to_string(),
            (m, usize::MAX) => format!(
                "expects at least {} argument{}",
                COUNT_NAMES.get(m).copied().unwrap_or("more"),
                if m == 1 { "" } else { "s" }
            ),
            (m, x) => format!(
                "expects between {} and {} arguments",
                COUNT_NAMES.get(m).copied().unwrap_or("many"),
                COUNT_NAMES.get(x).copied().unwrap_or("many")
            ),
        }
    }

    /// What the aggregate registry says after `error building [f]: `.
    fn aggregate_expects(min: usize, max: usize) -> &'static str {
        match (min, max) {
            (0, 1) => "expects at most one argument",
            (1, 1) => "expects exactly one argument",
            (1, 2) => "expects one or two arguments",
            (2, 2) => "expects exactly two arguments",
            (2, 3) => "expects two or three arguments",
            _ => "expects exactly three arguments",
        }
    }
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::WrongArity {
                function,
                min,
                max,
                found,
                wording,
            } => {
                let expects = match wording {
                    ArityWording::Scalar => Self::scalar_expects(function, *min, *max, *found),
                    ArityWording::Aggregate => Self::aggregate_expects(*min, *max).to_string(),
                };
                write!(f, "error building [{function}]: {expects}")
            }
            ResolveError::WrongType {
                ordinal,
                call,
                expected,
                text,
                found,
            } => write!(
                f,
                "{ordinal}argument of [{call}] must be [{expected}], found value [{text}] type [{found}]"
            ),
            ResolveError::NotConstant {
                ordinal,
                call,
                text,
            } => write!(
                f,
                "{ordinal}argument of [{call}] must be a constant, received [{text}]"
            ),
            ResolveError::CastFailed {
                value,
                target,
                reason,
            } => write!(
                f,
                "Cannot convert string [{value}] to [{target}], error [{reason}]"
            ),
            ResolveError::OptionsNotAccepted { function } => {
                write!(f, "function [{function}] does not accept options")
            }
            ResolveError::Other(message) => f.write_str(message),
            ResolveError::Internal(message) => {
                write!(f, "internal error resolving a function: {message}")
            }
        }
    }
}

impl std::error::Error for ResolveError {}

/// The verification message, for the analyzer's list of problems.
impl From<ResolveError> for String {
    fn from(e: ResolveError) -> String {
        e.to_string()
    }
}
