//! Syntax errors as typed values.

use crate::diagnostic::Diagnostic;
use crate::span::Span;
use std::fmt;

/// A syntax error: where, and what Elasticsearch would say about it.
#[derive(Clone, PartialEq, Debug)]
pub struct ParseError {
    /// The offending token (or the end of input).
    pub span: Span,
    /// What went wrong.
    pub kind: ParseErrorKind,
}

/// The kinds of syntax error.
#[derive(Clone, PartialEq, Debug)]
pub enum ParseErrorKind {
    /// `mismatched input 'X' expecting {…}` / `extraneous input …` /
    /// `no viable alternative at input …`: the ANTLR-style message text.
    Syntax(String),
    /// `token recognition error at: '…'`
    TokenRecognition(String),
    /// A command-level message, e.g. `Invalid option for dissect: [x]` or
    /// `Unexpected temporal unit: 'foo'`.
    Invalid(String),
    /// An Elasticsearch limit whose exception has no position (printed
    /// `line -1:-1:`): the statement's length, its number of commands, its
    /// expression nesting. The span marks where the limit was crossed.
    Unplaced(String),
}

impl ParseError {
    /// The message without the position prefix.
    pub fn message(&self) -> String {
        match &self.kind {
            ParseErrorKind::Syntax(m)
            | ParseErrorKind::Invalid(m)
            | ParseErrorKind::Unplaced(m) => m.clone(),
            ParseErrorKind::TokenRecognition(t) => format!("token recognition error at: '{t}'"),
        }
    }

    /// The error as a diagnostic, for rendering.
    pub fn to_diagnostic(&self) -> Diagnostic {
        match self.kind {
            ParseErrorKind::Unplaced(_) => Diagnostic::unplaced_error(self.span, self.message()),
            _ => Diagnostic::error(self.span, self.message()),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ParseError {}
