//! Source commands: `FROM`, `TS`, `ROW`, `SHOW INFO`; and the shared
//! `fields` / index pattern rules.

use super::token::{Cmd, Tok};
use super::{PResult, Parser};
use crate::ast::{Field, From, IndexPattern, SourceCommand};
use crate::error::{ParseError, ParseErrorKind};
use crate::span::Spanned;

impl Parser<'_> {
    /// `sourceCommand`
    pub(crate) fn source_command(&mut self) -> PResult<Spanned<SourceCommand>> {
        let start = self.peek().span;
        let node = match self.kind() {
            Tok::Command(Cmd::From) => {
                self.bump();
                SourceCommand::From(self.index_sources()?)
            }
            Tok::Command(Cmd::Ts) => {
                self.bump();
                SourceCommand::Ts(self.index_sources()?)
            }
            Tok::Command(Cmd::Row) => {
                self.bump();
                SourceCommand::Row(self.fields()?)
            }
            Tok::Command(Cmd::Show) => {
                self.bump();
                self.expect(Tok::Info)?;
                SourceCommand::ShowInfo
            }
            Tok::Command(Cmd::Explain) => {
                return Err(ParseError {
                    span: start,
                    kind: ParseErrorKind::Invalid("EXPLAIN is not supported".to_string()),
                })
            }
            _ => {
                return Err(self.syntax(format!(
                    "mismatched input '{}' expecting {{'explain', 'row', 'from', 'ts', 'show'}}",
                    if self.at(Tok::Eof) {
                        "<EOF>"
                    } else {
                        self.text(self.peek())
                    }
                )))
            }
        };
        Ok(self.spanned(node, start))
    }

    /// `indexPatternAndMetadataFields`
    fn index_sources(&mut self) -> PResult<From> {
        let mut indices = vec![self.index_pattern()?];
        while self.eat(Tok::Comma).is_some() {
            indices.push(self.index_pattern()?);
        }
        let mut metadata = Vec::new();
        if self.eat(Tok::Metadata).is_some() {
            loop {
                let t = self.expect(Tok::UnquotedSource)?;
                metadata.push(Spanned::new(self.text(t).to_string(), t.span));
                if self.eat(Tok::Comma).is_none() {
                    break;
                }
            }
        }
        Ok(From { indices, metadata })
    }

    /// `indexPattern`: `cluster:pattern`, `pattern::selector`, or a pattern.
    pub(crate) fn index_pattern(&mut self) -> PResult<Spanned<IndexPattern>> {
        let start = self.peek();
        match start.kind {
            Tok::QuotedString => {
                self.bump();
                let text = super::literal::unescape_string(self.text(start));
                Ok(Spanned::new(
                    IndexPattern {
                        cluster: None,
                        pattern: text,
                        selector: None,
                        quoted: true,
                    },
                    start.span,
                ))
            }
            Tok::UnquotedSource => {
                self.bump();
                let first = self.text(start).to_string();
                let mut pat = IndexPattern {
                    cluster: None,
                    pattern: first,
                    selector: None,
                    quoted: false,
                };
                if self.at(Tok::Colon) {
                    self.bump();
                    let t = self.expect(Tok::UnquotedSource)?;
                    pat.cluster = Some(std::mem::take(&mut pat.pattern));
                    pat.pattern = self.text(t).to_string();
                } else if self.at(Tok::CastOp) {
                    self.bump();
                    let t = self.expect(Tok::UnquotedSource)?;
                    pat.selector = Some(self.text(t).to_string());
                }
                Ok(self.spanned(pat, start.span))
            }
            _ => Err(self.mismatched(&[Tok::QuotedString, Tok::UnquotedSource])),
        }
    }

    /// `fields : field (COMMA field)*`
    pub(crate) fn fields(&mut self) -> PResult<Vec<Field>> {
        let mut out = vec![self.field()?];
        while self.eat(Tok::Comma).is_some() {
            out.push(self.field()?);
        }
        Ok(out)
    }

    /// `field : (qualifiedName ASSIGN)? booleanExpression`
    pub(crate) fn field(&mut self) -> PResult<Field> {
        let name = if self.at_name_assign() {
            let n = self.qualified_name()?;
            self.expect(Tok::Assign)?;
            Some(n)
        } else {
            None
        };
        let expr = self.boolean_expr()?;
        Ok(Field { name, expr })
    }
}
