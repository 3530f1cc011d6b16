//! The ES|QL parser: a mode-aware lexer ([`lexer`]) feeding a
//! recursive-descent parser that mirrors the 9.1 ANTLR grammar rule by rule.

mod command;
mod expr;
mod lexer;
mod literal;
mod name;
mod scan;
mod source;
mod token;

use crate::ast::{ParseOptions, Query};
use crate::diagnostic::Diagnostic;
use crate::error::{ParseError, ParseErrorKind};
use crate::span::{Span, Spanned};
use crate::Parsed;
use token::{Tok, Token};

pub(crate) use scan::{ident_len, quoted_id_len};
pub(crate) use token::EXPR_KEYWORDS;

/// The warning text for a lone `=` read as `==`.
pub(crate) const LONE_EQ_WARNING: &str = "[=] is not an ES|QL comparison operator (Elasticsearch rejects this query: mismatched input '='); evaluated as [==]";

/// Result type of the parser internals.
pub(crate) type PResult<T> = Result<T, ParseError>;

/// Parses a whole query.
pub(crate) fn parse_query(source: &str, options: ParseOptions) -> Result<Parsed, ParseError> {
    let (tokens, lex_error) = lexer::tokenize(source);
    let mut p = Parser {
        src: source,
        toks: tokens,
        pos: 0,
        options,
        warnings: Vec::new(),
        anon_params: 0,
        depth: 0,
        deferred: None,
    };
    let result = p.query();
    let lex_error = lex_error.map(|(at, text)| ParseError {
        span: Span::new(at, at + text.len()),
        kind: ParseErrorKind::TokenRecognition(text),
    });
    match (result, lex_error) {
        (Ok(query), None) => match p.deferred {
            Some(e) => Err(e),
            None => Ok(Parsed {
                query,
                warnings: p.warnings,
            }),
        },
        (Ok(_), Some(le)) => Err(le),
        (Err(pe), None) => Err(pe),
        (Err(pe), Some(le)) => Err(if pe.span.start < le.span.start {
            pe
        } else {
            le
        }),
    }
}

/// Parser state: the token list and a cursor.
pub(crate) struct Parser<'a> {
    pub(crate) src: &'a str,
    toks: Vec<Token>,
    pos: usize,
    pub(crate) options: ParseOptions,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) anon_params: usize,
    /// Current nesting of expressions, bounded by [`MAX_EXPRESSION_DEPTH`].
    pub(crate) depth: usize,
    /// The first error found while building the query from a grammatical
    /// text (as Elasticsearch reports them after the grammar accepted it).
    pub(crate) deferred: Option<ParseError>,
}

/// Deepest expression nesting accepted; deeper queries are rejected with
/// Elasticsearch's message instead of exhausting the stack.
pub const MAX_EXPRESSION_DEPTH: usize = 100;

impl<'a> Parser<'a> {
    /// Enters one level of expression nesting, failing past the limit.
    pub(crate) fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_EXPRESSION_DEPTH {
            let span = self.peek().span;
            return Err(ParseError {
                span,
                kind: ParseErrorKind::Invalid(format!(
                    "ESQL statement exceeded the maximum expression depth allowed ({MAX_EXPRESSION_DEPTH})"
                )),
            });
        }
        Ok(())
    }

    /// Leaves one level of expression nesting.
    pub(crate) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// The current token.
    pub(crate) fn peek(&self) -> Token {
        self.peek_at(0)
    }

    /// The token `n` places ahead.
    pub(crate) fn peek_at(&self, n: usize) -> Token {
        let i = (self.pos + n).min(self.toks.len().saturating_sub(1));
        self.toks.get(i).copied().unwrap_or(Token {
            kind: Tok::Eof,
            span: Span::new(self.src.len(), self.src.len()),
        })
    }

    /// Kind of the current token.
    pub(crate) fn kind(&self) -> Tok {
        self.peek().kind
    }

    /// True when the current token is `k`.
    pub(crate) fn at(&self, k: Tok) -> bool {
        self.kind() == k
    }

    /// Consumes and returns the current token.
    pub(crate) fn bump(&mut self) -> Token {
        let t = self.peek();
        if self.pos < self.toks.len().saturating_sub(1) {
            self.pos += 1;
        }
        t
    }

    /// Consumes the current token if it is `k`.
    pub(crate) fn eat(&mut self, k: Tok) -> Option<Token> {
        if self.at(k) {
            Some(self.bump())
        } else {
            None
        }
    }

    /// Consumes a `k` token or fails with `mismatched input`.
    pub(crate) fn expect(&mut self, k: Tok) -> PResult<Token> {
        if self.at(k) {
            Ok(self.bump())
        } else {
            Err(self.mismatched(&[k]))
        }
    }

    /// Span of the previously consumed token.
    pub(crate) fn prev_span(&self) -> Span {
        self.toks
            .get(self.pos.saturating_sub(1))
            .map(|t| t.span)
            .unwrap_or_default()
    }

    /// Source text of a token.
    pub(crate) fn text(&self, t: Token) -> &'a str {
        t.span.text(self.src)
    }

    /// How ANTLR shows the current token in a message.
    fn display_current(&self) -> String {
        let t = self.peek();
        if t.kind == Tok::Eof {
            return "<EOF>".to_string();
        }
        self.text(t)
            .replace('\n', "\\n")
            .replace('\r', "\\r")
            .replace('\t', "\\t")
    }

    /// `mismatched input 'X' expecting {…}` at the current token.
    pub(crate) fn mismatched(&self, expected: &[Tok]) -> ParseError {
        let set: Vec<&str> = expected.iter().map(|t| t.display()).collect();
        let exp = if set.len() == 1 {
            set.join("")
        } else {
            format!("{{{}}}", set.join(", "))
        };
        self.syntax(format!(
            "mismatched input '{}' expecting {}",
            self.display_current(),
            exp
        ))
    }

    /// `no viable alternative at input '…'` from `start` to the current token.
    pub(crate) fn no_viable(&self, start: Span) -> ParseError {
        let cur = self.peek();
        let text = Span::new(start.start as usize, cur.span.end as usize).text(self.src);
        let text = if cur.kind == Tok::Eof {
            format!("{}<EOF>", text)
        } else {
            text.to_string()
        };
        self.syntax(format!("no viable alternative at input '{text}'"))
    }

    /// A syntax error at the current token.
    pub(crate) fn syntax(&self, message: String) -> ParseError {
        ParseError {
            span: self.peek().span,
            kind: ParseErrorKind::Syntax(message),
        }
    }

    /// The whole query: a source command, then `| command` until the end.
    fn query(&mut self) -> PResult<Query> {
        let source = self.source_command()?;
        let mut commands = Vec::new();
        loop {
            match self.kind() {
                Tok::Eof => break,
                Tok::Pipe => {
                    self.bump();
                    commands.push(self.processing_command()?);
                }
                _ => return Err(self.after_command_error()),
            }
        }
        Ok(Query { source, commands })
    }

    /// The error for a token left over after a complete command.
    pub(crate) fn after_command_error(&self) -> ParseError {
        if self.at(Tok::Assign) {
            return self.mismatched(&[Tok::Eof, Tok::Pipe]);
        }
        self.mismatched(&[Tok::Eof, Tok::Pipe])
    }

    /// Wraps `node` with the span from `start` to the last consumed token.
    pub(crate) fn spanned<T>(&self, node: T, start: Span) -> Spanned<T> {
        Spanned::new(node, start.to(self.prev_span()))
    }
}
