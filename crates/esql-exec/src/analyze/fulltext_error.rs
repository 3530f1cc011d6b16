//! Why a full-text query (KQL, QSTR, MATCH, `:`) cannot be compiled, with
//! Elasticsearch's wording in one place.

use std::fmt;

/// A KQL or Lucene query string that does not parse; displays as
/// Elasticsearch's `line 1:C: message` (the query string is one line).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct QueryStringError {
    /// Position in the query string, in characters from 0.
    pub column: usize,
    /// What is wrong there.
    pub kind: QueryStringErrorKind,
}

/// The kinds of [`QueryStringError`].
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum QueryStringErrorKind {
    /// A token other than the grammar allows here.
    Mismatched {
        /// The token found, as the grammar prints it (`<EOF>` at the end).
        found: String,
        /// What the grammar expected.
        expecting: &'static str,
    },
    /// `{` or `}`: KQL's nested queries.
    NestedQuery,
    /// A character of Lucene syntax the offline engine does not run.
    UnsupportedSyntax(char),
    /// Parentheses or NOT nested deeper than the limit (the limit).
    TooDeep(usize),
    /// A character the lexer cannot read (with the text it stopped at).
    TokenRecognition(Option<String>),
}

impl QueryStringError {
    /// An error of `kind` at character `column`.
    pub(crate) fn at(column: usize, kind: QueryStringErrorKind) -> Self {
        QueryStringError { column, kind }
    }
}

impl fmt::Display for QueryStringError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line 1:{}: ", self.column + 1)?;
        match &self.kind {
            QueryStringErrorKind::Mismatched { found, expecting } => {
                write!(f, "mismatched input '{found}' expecting {expecting}")
            }
            QueryStringErrorKind::NestedQuery => write!(f, "nested queries are not supported"),
            QueryStringErrorKind::UnsupportedSyntax(c) => {
                write!(f, "unsupported query syntax '{c}'")
            }
            QueryStringErrorKind::TokenRecognition(Some(at)) => {
                write!(f, "token recognition error at: '{at}'")
            }
            QueryStringErrorKind::TokenRecognition(None) => write!(f, "token recognition error"),
            QueryStringErrorKind::TooDeep(limit) => {
                write!(f, "query nests more than {limit} levels deep")
            }
        }
    }
}

/// A parsed query string whose values do not fit the fields they test;
/// Elasticsearch reports these as `failed to create query: …`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum QueryBuildError {
    /// A value that does not convert to the field's type (the conversion's
    /// own message).
    Value(String),
    /// A malformed CIDR block on an IP field.
    InvalidCidr(String),
    /// A wildcard pattern that does not compile.
    Pattern(esql_pattern::PatternError),
}

impl fmt::Display for QueryBuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryBuildError::Value(message) => write!(f, "{message}"),
            QueryBuildError::Pattern(error) => write!(f, "{error}"),
            QueryBuildError::InvalidCidr(text) => write!(f, "invalid CIDR [{text}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_elasticsearchs() {
        let e = QueryStringError::at(
            4,
            QueryStringErrorKind::Mismatched {
                found: "<EOF>".into(),
                expecting: "a value",
            },
        );
        assert_eq!(
            e.to_string(),
            "line 1:5: mismatched input '<EOF>' expecting a value"
        );
        assert_eq!(
            QueryStringError::at(0, QueryStringErrorKind::TokenRecognition(Some("\"".into())))
                .to_string(),
            "line 1:1: token recognition error at: '\"'"
        );
        assert_eq!(
            QueryBuildError::InvalidCidr("1.2.3.4/99".into()).to_string(),
            "invalid CIDR [1.2.3.4/99]"
        );
    }
}
