//! Parameters where the query uses them: the supplied value in place of
//! `?name` / `?1` / `?` in an expression, and a name in place of
//! `??name` (or of a `?name` declared an identifier or pattern) where a
//! field, function or name pattern is written, with Elasticsearch's errors.

use super::token::{Tok, Token};
use super::Parser;
use crate::ast::{ExprKind, Literal};
use crate::error::{ParseError, ParseErrorKind};
use crate::params::ParamValue;
use crate::span::Span;

/// A constant as Java prints it (`String.valueOf` of the value).
fn java_text(lit: &Literal) -> String {
    match lit {
        Literal::Null => "null".to_string(),
        Literal::Boolean(b) => b.to_string(),
        Literal::Integer(n) => n.to_string(),
        Literal::UnsignedLong(n) => n.to_string(),
        Literal::Decimal(d) => {
            if d.fract() == 0.0 && d.abs() < 1e7 {
                format!("{d:.1}")
            } else {
                d.to_string()
            }
        }
        Literal::String(s) => s.clone(),
        Literal::TimeSpan { value, unit } => format!("{value} {unit}"),
        Literal::List(items) => {
            let parts: Vec<String> = items.iter().map(java_text).collect();
            format!("[{}]", parts.join(", "))
        }
    }
}

impl Parser<'_> {
    /// Records an error found while building the tree (the first one wins).
    fn defer(&mut self, span: Span, message: String) {
        if self.deferred.is_none() {
            self.deferred = Some(ParseError {
                span,
                kind: ParseErrorKind::Invalid(message),
            });
        }
    }

    /// The value supplied for the parameter token `t`, or `None` with
    /// Elasticsearch's error recorded (an unknown name, a position past
    /// the parameters; too few values for `?` was found by the lexer).
    pub(crate) fn param_value(&mut self, t: Token) -> Option<ParamValue> {
        let text = self.text(t);
        let name = text.trim_start_matches('?');
        if name.is_empty() {
            let n = self
                .anonymous
                .iter()
                .find(|(at, _)| *at == t.span.start)
                .map(|(_, n)| *n);
            let found = n.and_then(|n| self.params.at(n)).cloned();
            if found.is_none() {
                let message = format!("Not enough actual parameters {}", self.params.len());
                self.defer(t.span, message);
            }
            return found;
        }
        if name.bytes().all(|b| b.is_ascii_digit()) {
            let found = name.parse::<usize>().ok().and_then(|i| self.params.at(i));
            if found.is_none() {
                let position = name
                    .parse::<u64>()
                    .map_or(name.to_string(), |n| n.to_string());
                let message = self.params.no_position_message(&position);
                self.defer(t.span, message);
            }
            return found.cloned();
        }
        let found = self.params.get(name).cloned();
        if found.is_none() {
            let message = self.params.unknown_message(name);
            self.defer(t.span, message);
        }
        found
    }

    /// A single-marker parameter (`?`, `?name`, `?1`) in an expression:
    /// its constant, or the column it names when declared an identifier.
    /// `None` when it has no value (the error is recorded).
    pub(crate) fn param_expr(&mut self, t: Token) -> Option<ExprKind> {
        if !self.substitute {
            return None;
        }
        match self.param_value(t)? {
            ParamValue::Value(lit) => Some(ExprKind::Literal(lit)),
            ParamValue::Identifier(name) => Some(ExprKind::Column(name)),
            ParamValue::Pattern(p) => {
                let text = self.text(t).to_string();
                self.defer(
                    t.span,
                    format!(
                        "Query parameter [{text}][{p}] declared as a pattern, cannot be used as an identifier"
                    ),
                );
                None
            }
        }
    }

    /// The parameter token `t` used as (a part of) a name: the name it
    /// stands for. In a KEEP/DROP pattern (`pattern`) a parameter declared
    /// a pattern keeps its wildcards. Unresolved, the token's own text.
    pub(crate) fn param_name(&mut self, t: Token, pattern: bool) -> String {
        let text = self.text(t).to_string();
        let double = matches!(t.kind, Tok::DoubleParams | Tok::NamedDoubleParam);
        let Some(value) = self.param_value(t) else {
            return text;
        };
        match value {
            ParamValue::Identifier(name) => name,
            ParamValue::Pattern(p) if pattern => p,
            ParamValue::Pattern(p) => {
                self.defer(
                    t.span,
                    format!(
                        "Query parameter [{text}][{p}] declared as a pattern, cannot be used as an identifier"
                    ),
                );
                text
            }
            ParamValue::Value(lit) if double => java_text(&lit),
            ParamValue::Value(Literal::Null) => {
                self.defer(
                    t.span,
                    format!(
                        "Query parameter [{text}] is null or undefined, cannot be used as an identifier"
                    ),
                );
                text
            }
            ParamValue::Value(lit) => {
                self.defer(
                    t.span,
                    format!(
                        "Query parameter [{text}] with value [{}] declared as a constant, cannot be used as an identifier",
                        java_text(&lit)
                    ),
                );
                text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::java_text;
    use crate::ast::Literal;

    #[test]
    fn constants_print_as_java_does() {
        assert_eq!(java_text(&Literal::Decimal(10.0)), "10.0");
        assert_eq!(java_text(&Literal::Decimal(1.5)), "1.5");
        assert_eq!(java_text(&Literal::String("x".into())), "x");
        assert_eq!(
            java_text(&Literal::List(vec![
                Literal::Integer(1),
                Literal::Integer(2)
            ])),
            "[1, 2]"
        );
    }
}
