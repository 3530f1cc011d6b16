//! Why a pattern cannot be used, with Lucene's and Elasticsearch's wording
//! in one place.

use std::fmt;

/// A syntax error of Lucene's regular-expression parser (`RegExp`), as its
/// `IllegalArgumentException` words it. Positions count UTF-16 code units
/// from 0.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// The pattern ended inside a construct.
    UnexpectedEnd,
    /// Text after a complete expression.
    EndOfStringExpected(usize),
    /// `{` without a number after it.
    IntegerExpected(usize),
    /// A closing character missing (`}`, `]`, `"`, `)`, `>`).
    Expected {
        /// The character expected.
        what: char,
        /// Where.
        at: usize,
    },
    /// `{n,m}` with `n > m`.
    RepetitionOutOfOrder(u32, u32),
    /// `[b-a]`: a class range whose start is above its end (code points).
    ClassRangeOutOfOrder(u32, u32),
    /// A backslash class other than `\d \D \s \S \w \W \\`.
    InvalidCharClass(char),
    /// A malformed numeric interval `<n-m>`.
    IntervalSyntax(usize),
    /// Java's `NumberFormatException` text for a number it cannot read.
    NumberFormat(String),
    /// Nesting past esql's limit (Lucene itself has none; its stack does).
    TooDeep(usize),
    /// An automaton name `<name>` that is not defined.
    UnknownName(String),
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SyntaxError::UnexpectedEnd => write!(f, "unexpected end-of-string"),
            SyntaxError::EndOfStringExpected(at) => {
                write!(f, "end-of-string expected at position {at}")
            }
            SyntaxError::IntegerExpected(at) => write!(f, "integer expected at position {at}"),
            SyntaxError::Expected { what, at } => write!(f, "expected '{what}' at position {at}"),
            SyntaxError::RepetitionOutOfOrder(n, m) => {
                write!(f, "invalid repetition range(out of order): {n}..{m}")
            }
            SyntaxError::ClassRangeOutOfOrder(from, to) => {
                write!(f, "invalid range: from ({from}) cannot be > to ({to})")
            }
            SyntaxError::InvalidCharClass(c) => write!(f, "invalid character class \\{c}"),
            SyntaxError::IntervalSyntax(at) => write!(f, "interval syntax error at position {at}"),
            SyntaxError::NumberFormat(text) => write!(f, "For input string: \"{text}\""),
            SyntaxError::TooDeep(limit) => write!(f, "pattern nests more than {limit} levels deep"),
            SyntaxError::UnknownName(name) => write!(f, "'{name}' not found"),
        }
    }
}

/// Why a LIKE or RLIKE pattern does not compile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// The translated regular expression is refused by the regex engine
    /// (its message), e.g. for size.
    Regex(String),
    /// Lucene refuses the RLIKE pattern (Elasticsearch's wording).
    Rlike {
        /// The pattern as written.
        pattern: String,
        /// Lucene's reason.
        reason: SyntaxError,
    },
    /// The pattern needs more automaton states than Lucene allows.
    TooComplex {
        /// The pattern as written.
        pattern: String,
        /// The limit.
        max_states: usize,
    },
    /// The pattern uses operators only the automaton matcher runs (for
    /// callers that need a regex text).
    NeedsAutomaton(String),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::Regex(message) => write!(f, "Invalid regex pattern: {message}"),
            PatternError::Rlike { pattern, reason } => {
                write!(f, "Invalid regex pattern for RLIKE [{pattern}]: [{reason}]")
            }
            PatternError::TooComplex {
                pattern,
                max_states,
            } => write!(
                f,
                "Determinizing {pattern} would require more than {max_states} effort."
            ),
            PatternError::NeedsAutomaton(pattern) => write!(
                f,
                "RLIKE pattern [{pattern}] needs an automaton: use compile_rlike"
            ),
        }
    }
}

impl std::error::Error for PatternError {}
