//! Names: qualified names (`a.b`, `` `a b`.c ``, `?p`), name patterns of
//! KEEP/DROP/RENAME/ENRICH (`a*`, `` `x`* ``), and data type names.

use super::token::Tok;
use super::{PResult, Parser};
use crate::span::{Span, Spanned};

/// True for tokens that can be one part of a qualified name.
pub(crate) fn is_name_part(k: Tok) -> bool {
    matches!(
        k,
        Tok::Ident
            | Tok::QuotedIdent
            | Tok::Param
            | Tok::NamedParam
            | Tok::DoubleParams
            | Tok::NamedDoubleParam
    )
}

/// True for tokens that can be one part of a name pattern.
fn is_pattern_part(k: Tok) -> bool {
    matches!(
        k,
        Tok::IdPattern | Tok::Param | Tok::NamedParam | Tok::DoubleParams | Tok::NamedDoubleParam
    )
}

/// Removes the backquotes of a quoted identifier and undoubles ``` `` ```.
pub(crate) fn unquote_ident(text: &str) -> String {
    let inner = text
        .strip_prefix('`')
        .and_then(|t| t.strip_suffix('`'))
        .unwrap_or(text);
    inner.replace("``", "`")
}

/// Removes the quoting of every backquoted piece of an ID_PATTERN token.
fn unquote_pattern(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let q = super::quoted_id_len(rest);
        if q > 0 {
            out.push_str(&unquote_ident(&rest[..q]));
            rest = &rest[q..];
        } else {
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out
}

impl Parser<'_> {
    /// The expected-token set for a name part.
    pub(crate) fn name_start_set() -> &'static [Tok] {
        &[
            Tok::Param,
            Tok::DoubleParams,
            Tok::NamedParam,
            Tok::NamedDoubleParam,
            Tok::Ident,
            Tok::QuotedIdent,
        ]
    }

    /// Number of tokens a qualified name starting here would take (0 if none).
    pub(crate) fn qualified_name_len(&self) -> usize {
        if !is_name_part(self.peek_at(0).kind) {
            return 0;
        }
        let mut n = 1;
        while self.peek_at(n).kind == Tok::Dot && is_name_part(self.peek_at(n + 1).kind) {
            n += 2;
        }
        n
    }

    /// True when a qualified name followed by a lone `=` starts here.
    pub(crate) fn at_name_assign(&self) -> bool {
        let n = self.qualified_name_len();
        n > 0 && self.peek_at(n).kind == Tok::Assign
    }

    fn name_part(&mut self) -> PResult<String> {
        let t = self.peek();
        let text = self.text(t);
        let part = match t.kind {
            Tok::Ident => text.to_string(),
            Tok::QuotedIdent => unquote_ident(text),
            k if is_name_part(k) => self.param_name(t, false),
            _ => return Err(self.mismatched(Self::name_start_set())),
        };
        self.bump();
        Ok(part)
    }

    /// `qualifiedName : identifierOrParameter (DOT identifierOrParameter)*`
    pub(crate) fn qualified_name(&mut self) -> PResult<Spanned<String>> {
        let start = self.peek().span;
        let mut name = self.name_part()?;
        while self.at(Tok::Dot) {
            let dot_start = start;
            self.bump();
            if !is_name_part(self.kind()) {
                return Err(self.no_viable(dot_start));
            }
            name.push('.');
            name.push_str(&self.name_part()?);
        }
        Ok(self.spanned(name, start))
    }

    /// `qualifiedNamePattern : identifierPattern (DOT identifierPattern)*`
    pub(crate) fn name_pattern(&mut self) -> PResult<Spanned<String>> {
        let start = self.peek().span;
        let mut name = String::new();
        loop {
            let t = self.peek();
            if !is_pattern_part(t.kind) {
                return Err(self.mismatched(&[
                    Tok::Param,
                    Tok::DoubleParams,
                    Tok::NamedParam,
                    Tok::NamedDoubleParam,
                    Tok::IdPattern,
                ]));
            }
            let text = self.text(t);
            if t.kind == Tok::IdPattern {
                name.push_str(&unquote_pattern(text));
            } else {
                let part = self.param_name(t, true);
                name.push_str(&part);
            }
            self.bump();
            if self.at(Tok::Dot) {
                self.bump();
                name.push('.');
            } else {
                break;
            }
        }
        Ok(self.spanned(name, start))
    }

    /// `qualifiedNamePatterns : qualifiedNamePattern (COMMA qualifiedNamePattern)*`
    pub(crate) fn name_patterns(&mut self) -> PResult<Vec<Spanned<String>>> {
        let mut out = vec![self.name_pattern()?];
        while self.eat(Tok::Comma).is_some() {
            out.push(self.name_pattern()?);
        }
        Ok(out)
    }

    /// `identifier : UNQUOTED_IDENTIFIER | QUOTED_IDENTIFIER`
    pub(crate) fn identifier(&mut self) -> PResult<Spanned<String>> {
        let t = self.peek();
        let name = match t.kind {
            Tok::Ident => self.text(t).to_string(),
            Tok::QuotedIdent => unquote_ident(self.text(t)),
            _ => return Err(self.mismatched(&[Tok::Ident, Tok::QuotedIdent])),
        };
        self.bump();
        Ok(Spanned::new(name, t.span))
    }

    /// Span from `start` to the end of the previous token.
    pub(crate) fn since(&self, start: Span) -> Span {
        start.to(self.prev_span())
    }
}
