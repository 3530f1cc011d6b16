//! The ES|QL parser: a mode-aware lexer ([`lexer`]) feeding a
//! recursive-descent parser that mirrors the 9.1 ANTLR grammar rule by rule.

mod command;
mod expr;
mod lexer;
mod limits;
mod literal;
mod name;
mod param_tokens;
mod param_use;
mod scan;
mod source;
mod token;

use crate::ast::{Expr, ParseOptions, Query};
use crate::diagnostic::Diagnostic;
use crate::error::{ParseError, ParseErrorKind};
use crate::params::QueryParams;
use crate::span::{Span, Spanned};
use crate::Parsed;
use token::{Tok, Token};

pub use limits::{MAX_EXPRESSION_DEPTH, MAX_LENGTH, MAX_QUERY_DEPTH};
pub(crate) use scan::{ident_len, quoted_id_len};
pub(crate) use token::EXPR_KEYWORDS;

/// The warning text for a lone `=` read as `==`.
pub(crate) const LONE_EQ_WARNING: &str = "[=] is not an ES|QL comparison operator (Elasticsearch rejects this query: mismatched input '='); evaluated as [==]";

/// Result type of the parser internals.
pub(crate) type PResult<T> = Result<T, ParseError>;

/// Stack of the thread the parser runs on: the recursion for Elasticsearch's
/// 400 levels of nesting (and up to [`limits::MAX_PARSER_NESTING`]) takes
/// about 15 MB in a debug build, more than a default 2 MiB thread has.
/// Address space is reserved; only the pages touched are used.
const PARSER_STACK_BYTES: usize = 64 << 20;

/// Parses a whole query, on a thread with room for deep nesting (on this
/// thread when no thread can be started).
pub(crate) fn parse_query(
    source: &str,
    options: ParseOptions,
    params: Option<&QueryParams>,
) -> Result<Parsed, ParseError> {
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("esql-parse".into())
            .stack_size(PARSER_STACK_BYTES)
            .spawn_scoped(scope, || parse_here(source, options, params));
        match spawned {
            Ok(handle) => match handle.join() {
                Ok(result) => result,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => parse_here(source, options, params),
        }
    })
}

/// Parses a whole query on the current thread.
fn parse_here(
    source: &str,
    options: ParseOptions,
    params: Option<&QueryParams>,
) -> Result<Parsed, ParseError> {
    let length = source.encode_utf16().count();
    if length > limits::MAX_LENGTH {
        return Err(ParseError {
            span: Span::new(0, 0),
            kind: ParseErrorKind::Unplaced(limits::length_message(length)),
        });
    }
    let (tokens, lex_error) = lexer::tokenize(source);
    let none = QueryParams::none();
    let (anonymous, token_error) = match params {
        Some(params) => param_tokens::scan(source, &tokens, params),
        None => (Vec::new(), None),
    };
    let mut p = Parser {
        params: params.unwrap_or(&none),
        substitute: params.is_some(),
        anonymous,
        src: source,
        toks: tokens,
        pos: 0,
        options,
        warnings: Vec::new(),
        anon_params: 0,
        depth: 0,
        steps: limits::DepthTree::default(),
        too_deep: false,
        limit_error: None,
        command_ends: Vec::new(),
        deferred: None,
    };
    let result = p.query();
    let lex_error = lex_error.map(|(at, text)| ParseError {
        span: Span::new(at, at + text.len()),
        kind: ParseErrorKind::TokenRecognition(text),
    });
    // Elasticsearch checks parameter tokens as the lexer hands them over,
    // so such an error wins over any error found later in the text.
    let lex_error = match (lex_error, token_error) {
        (Some(le), Some(te)) if te.span.start < le.span.start => Some(te),
        (None, Some(te)) => Some(te),
        (le, _) => le,
    };
    match (result, lex_error) {
        (Ok(query), None) => match p.builder_error() {
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
    /// The parameters supplied with the query.
    pub(crate) params: &'a QueryParams,
    /// False when no parameters were supplied: value parameters stay
    /// [`crate::ast::Param`] nodes instead of being checked.
    pub(crate) substitute: bool,
    /// The 1-based number of each anonymous `?` / `??`, by its offset.
    pub(crate) anonymous: Vec<(u32, usize)>,
    toks: Vec<Token>,
    pos: usize,
    pub(crate) options: ParseOptions,
    pub(crate) warnings: Vec<Diagnostic>,
    pub(crate) anon_params: usize,
    /// Nesting of the expression being parsed, counted as Elasticsearch
    /// counts it, with every element of a chain taken as its last (so a
    /// lower bound), bounded by [`limits::MAX_PARSER_NESTING`].
    pub(crate) depth: usize,
    /// The counted steps of the command expression being parsed.
    pub(crate) steps: limits::DepthTree,
    /// Set once the nesting is known to pass [`MAX_EXPRESSION_DEPTH`]:
    /// chains stop being built (the query is refused anyway).
    pub(crate) too_deep: bool,
    /// The first expression nested too deep, with Elasticsearch's message.
    pub(crate) limit_error: Option<ParseError>,
    /// The token position after each processing command.
    command_ends: Vec<usize>,
    /// The first error found while building the query from a grammatical
    /// text (as Elasticsearch reports them after the grammar accepted it).
    pub(crate) deferred: Option<ParseError>,
}

impl<'a> Parser<'a> {
    /// Runs `parse` one level deeper, failing with Elasticsearch's stack
    /// overflow message past [`limits::MAX_PARSER_NESTING`].
    pub(crate) fn deeper<T>(&mut self, parse: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= limits::MAX_PARSER_NESTING {
            return Err(ParseError {
                span: self.peek().span,
                kind: ParseErrorKind::Unplaced(limits::too_large_message(self.src)),
            });
        }
        self.depth += 1;
        let result = parse(self);
        self.depth -= 1;
        result
    }

    /// Parses the expression of a command (counted at depth 1) and records
    /// Elasticsearch's error when a part of it is nested too deep.
    pub(crate) fn command_expr(
        &mut self,
        parse: impl FnOnce(&mut Self) -> PResult<(Expr, limits::Steps)>,
    ) -> PResult<Expr> {
        let mark = self.steps.len();
        let saved = self.depth;
        let start = self.pos;
        self.depth = 1;
        let result = parse(self);
        self.depth = saved;
        let result = result.map(|(expr, steps)| {
            let root = self.steps.step((start, self.pos), steps);
            if let Some(range) = self.steps.first_too_deep(root) {
                self.limit(range, limits::expression_depth_message);
            }
            expr
        });
        self.steps.truncate(mark);
        result
    }

    /// Records a limit error about the tokens `range` (the first one wins).
    fn limit(&mut self, range: limits::TokenRange, message: fn(&str) -> String) {
        if self.limit_error.is_some() {
            return;
        }
        let text = limits::tokens_text(self.src, &self.toks, range);
        let first = self.toks.get(range.0).map(|t| t.span).unwrap_or_default();
        let last = self
            .toks
            .get(range.1.saturating_sub(1))
            .map(|t| t.span)
            .unwrap_or(first);
        self.limit_error = Some(ParseError {
            span: first.to(last),
            kind: ParseErrorKind::Unplaced(message(&text)),
        });
    }

    /// Records the counted step of a node covering `start..` the current
    /// position, above `children`.
    pub(crate) fn step_from(&mut self, start: usize, children: limits::Steps) -> u32 {
        self.steps.step((start, self.pos), children)
    }

    /// Notes when a node at the current depth with `steps` below it is
    /// certainly nested too deep.
    pub(crate) fn check_depth(&mut self, steps: &[u32]) {
        if self.depth + self.steps.height(steps) > MAX_EXPRESSION_DEPTH {
            self.too_deep = true;
        }
    }

    /// The error Elasticsearch raises while building the plan from an
    /// accepted text, in its order: a missing positional parameter (raised
    /// while reading tokens), too many commands (checked before any command
    /// is built), an expression nested too deep, then the parameter errors
    /// it collects until the end.
    fn builder_error(&mut self) -> Option<ParseError> {
        let first = self.deferred.take();
        if let Some(e) = &first {
            if e.message().starts_with("Not enough actual parameters") {
                return first;
            }
        }
        let commands = self.command_ends.len();
        if commands > MAX_QUERY_DEPTH {
            let end = self
                .command_ends
                .get(commands - MAX_QUERY_DEPTH - 1)
                .copied()
                .unwrap_or(0);
            self.limit_error = None;
            self.limit((0, end), limits::query_depth_message);
        }
        self.limit_error.take().or(first)
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
                    self.command_ends.push(self.pos);
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
