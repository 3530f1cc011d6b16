//! Placeholder until the parser lands.
use crate::{ast::ParseOptions, error::ParseError, Parsed};
pub(crate) fn parse_query(_source: &str, _options: ParseOptions) -> Result<Parsed, ParseError> {
    Err(ParseError { span: crate::Span::default(), kind: crate::error::ParseErrorKind::Syntax("not yet".into()) })
}
