//! Constants: numbers (with a folded sign), strings, booleans, null,
//! parameters, time spans and arrays.

use super::token::Tok;
use super::{PResult, Parser};
use crate::ast::{Expr, ExprKind, Literal, Param};
use crate::error::{ParseError, ParseErrorKind};
use crate::span::Span;

/// Time-span units Elasticsearch accepts (case-insensitive), from
/// `EsqlDataTypeConverter` and the ES|QL time-span docs.
pub(crate) const TIME_UNITS: &[&str] = &[
    "millisecond",
    "milliseconds",
    "ms",
    "second",
    "seconds",
    "sec",
    "s",
    "minute",
    "minutes",
    "min",
    "m",
    "hour",
    "hours",
    "h",
    "day",
    "days",
    "d",
    "week",
    "weeks",
    "w",
    "month",
    "months",
    "mo",
    "quarter",
    "quarters",
    "q",
    "year",
    "years",
    "yr",
    "y",
];

/// Processes the escapes of a double-quoted string token (or strips the
/// quotes of a triple-quoted one).
pub(crate) fn unescape_string(text: &str) -> String {
    if text.starts_with("\"\"\"") && text.len() >= 6 {
        return text.get(3..text.len() - 3).unwrap_or("").to_string();
    }
    let inner = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('t') => out.push('\t'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The literal for integer text (sign included): i64, then u64, then f64.
pub(crate) fn integer_literal(text: &str) -> Literal {
    if let Ok(v) = text.parse::<i64>() {
        return Literal::Integer(v);
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Ok(v) = unsigned.parse::<u64>() {
        return Literal::UnsignedLong(v);
    }
    Literal::Decimal(text.parse::<f64>().unwrap_or(f64::INFINITY))
}

impl Parser<'_> {
    /// True when the tokens here start a `constant`.
    pub(crate) fn at_constant(&self) -> bool {
        match self.kind() {
            Tok::Null
            | Tok::True
            | Tok::False
            | Tok::QuotedString
            | Tok::Integer
            | Tok::Decimal
            | Tok::Param
            | Tok::NamedParam
            | Tok::OpenBracket => true,
            Tok::Plus | Tok::Minus => {
                matches!(self.peek_at(1).kind, Tok::Integer | Tok::Decimal)
            }
            _ => false,
        }
    }

    fn invalid(span: Span, message: String) -> ParseError {
        ParseError {
            span,
            kind: ParseErrorKind::Invalid(message),
        }
    }

    /// A signed number: `integerValue` or `decimalValue`.
    fn number(&mut self) -> PResult<(Literal, Span, bool)> {
        let start = self.peek().span;
        let negative = match self.kind() {
            Tok::Minus => {
                self.bump();
                true
            }
            Tok::Plus => {
                self.bump();
                false
            }
            _ => false,
        };
        let t = self.peek();
        let digits = self.text(t);
        let text = if negative {
            format!("-{digits}")
        } else {
            digits.to_string()
        };
        let lit = match t.kind {
            Tok::Integer => integer_literal(&text),
            Tok::Decimal => {
                let v = text.parse::<f64>().unwrap_or(f64::INFINITY);
                if !v.is_finite() {
                    return Err(Self::invalid(
                        t.span,
                        format!("Number [{}] is too large", self.text(t)),
                    ));
                }
                Literal::Decimal(v)
            }
            _ => return Err(self.mismatched(&[Tok::Integer, Tok::Decimal])),
        };
        self.bump();
        Ok((lit, start.to(t.span), t.kind == Tok::Integer))
    }

    fn string_lit(&mut self) -> PResult<String> {
        let t = self.expect(Tok::QuotedString)?;
        Ok(unescape_string(self.text(t)))
    }

    /// `constant` as an expression.
    pub(crate) fn constant(&mut self) -> PResult<Expr> {
        let t = self.peek();
        let lit = match t.kind {
            Tok::Null => {
                self.bump();
                Literal::Null
            }
            Tok::True | Tok::False => {
                self.bump();
                Literal::Boolean(t.kind == Tok::True)
            }
            Tok::QuotedString => Literal::String(self.string_lit()?),
            Tok::Param | Tok::NamedParam => {
                let p = self.param()?;
                let kind = self.param_expr(t).unwrap_or(ExprKind::Param(p));
                return Ok(Expr { kind, span: t.span });
            }
            Tok::OpenBracket => self.array()?,
            Tok::Integer | Tok::Decimal | Tok::Plus | Tok::Minus => {
                let (lit, span, is_int) = self.number()?;
                if is_int && self.at(Tok::Ident) {
                    let unit_tok = self.bump();
                    let unit = self.text(unit_tok).to_string();
                    let full = span.to(unit_tok.span);
                    if !TIME_UNITS.iter().any(|u| u.eq_ignore_ascii_case(&unit)) {
                        return Err(Self::invalid(
                            full,
                            format!("Unexpected temporal unit: '{unit}'"),
                        ));
                    }
                    let Literal::Integer(value) = lit else {
                        return Err(Self::invalid(
                            full,
                            format!("Number [{}] is too large", span.text(self.src)),
                        ));
                    };
                    return Ok(Expr {
                        kind: ExprKind::Literal(Literal::TimeSpan { value, unit }),
                        span: full,
                    });
                }
                return Ok(Expr {
                    kind: ExprKind::Literal(lit),
                    span,
                });
            }
            _ => return Err(self.mismatched(Self::constant_set())),
        };
        Ok(Expr {
            kind: ExprKind::Literal(lit),
            span: self.since(t.span),
        })
    }

    /// The expected set when a constant is missing.
    pub(crate) fn constant_set() -> &'static [Tok] {
        &[
            Tok::QuotedString,
            Tok::Integer,
            Tok::Decimal,
            Tok::False,
            Tok::Null,
            Tok::Param,
            Tok::True,
            Tok::Plus,
            Tok::Minus,
            Tok::NamedParam,
            Tok::OpenBracket,
        ]
    }

    /// `?`, `?name` or `?1`.
    pub(crate) fn param(&mut self) -> PResult<Param> {
        let t = self.bump();
        let text = self.text(t);
        match t.kind {
            Tok::Param => {
                self.anon_params += 1;
                Ok(Param::Anonymous(self.anon_params))
            }
            Tok::NamedParam | Tok::NamedDoubleParam => {
                let double = t.kind == Tok::NamedDoubleParam;
                let name = text.trim_start_matches('?');
                if double {
                    return Ok(Param::DoubleNamed(name.to_string()));
                }
                if name.bytes().all(|b| b.is_ascii_digit()) {
                    name.parse::<usize>().map(Param::Positional).map_err(|_| {
                        Self::invalid(t.span, format!("Invalid parameter index [{name}]"))
                    })
                } else {
                    Ok(Param::Named(name.to_string()))
                }
            }
            _ => Ok(Param::DoubleNamed(String::new())),
        }
    }

    /// `[1, 2]`, `[true, false]`, `["a", "b"]`.
    fn array(&mut self) -> PResult<Literal> {
        self.expect(Tok::OpenBracket)?;
        let mut items = Vec::new();
        let class = match self.kind() {
            Tok::True | Tok::False => 1,
            Tok::QuotedString => 2,
            Tok::Integer | Tok::Decimal | Tok::Plus | Tok::Minus => 0,
            _ => {
                return Err(self.mismatched(&[
                    Tok::QuotedString,
                    Tok::Integer,
                    Tok::Decimal,
                    Tok::False,
                    Tok::True,
                    Tok::Plus,
                    Tok::Minus,
                ]))
            }
        };
        loop {
            let item = match class {
                0 => self.number()?.0,
                1 => {
                    let t = self.peek();
                    if !matches!(t.kind, Tok::True | Tok::False) {
                        return Err(self.mismatched(&[Tok::False, Tok::True]));
                    }
                    self.bump();
                    Literal::Boolean(t.kind == Tok::True)
                }
                _ => Literal::String(self.string_lit()?),
            };
            items.push(item);
            if self.eat(Tok::Comma).is_none() {
                break;
            }
        }
        if !self.at(Tok::CloseBracket) {
            return Err(self.mismatched(&[Tok::Comma, Tok::CloseBracket]));
        }
        self.bump();
        Ok(Literal::List(items))
    }
}
