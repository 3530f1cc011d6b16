//! Processing commands (everything after a `|`).

use super::token::{Cmd, Tok};
use super::{PResult, Parser};
use crate::ast::{
    AggregateField, ChangePoint, Command, CommandOption, Completion, Dissect, Enrich, EnrichWith,
    Grok, LookupJoin, NullsOrder, OtherCommand, Rename, SortKey, SortOrder, Stats,
};
use crate::span::{Span, Spanned};

/// The command keywords a processing command may start with, for messages.
const PROCESSING: &str = "{'change_point', 'enrich', 'completion', 'dissect', 'eval', 'grok', 'limit', 'sample', 'sort', 'stats', 'where', 'inlinestats', 'rerank', 'fork', 'lookup', 'left', 'right', 'lookup_\u{1F414}', 'mv_expand', 'drop', 'keep', 'insist_\u{1F414}', 'rrf', 'rename'}";

impl Parser<'_> {
    /// `processingCommand`
    pub(crate) fn processing_command(&mut self) -> PResult<Spanned<Command>> {
        let kw = self.peek();
        let Tok::Command(cmd) = kw.kind else {
            return Err(self.syntax(format!(
                "mismatched input '{}' expecting {PROCESSING}",
                if self.at(Tok::Eof) {
                    "<EOF>"
                } else {
                    self.text(kw)
                }
            )));
        };
        self.bump();
        let node = match cmd {
            Cmd::Where => Command::Where(self.boolean_expr()?),
            Cmd::Eval => Command::Eval(self.fields()?),
            Cmd::Stats => Command::Stats(self.stats_body(true)?),
            Cmd::InlineStats => Command::InlineStats(self.stats_body(false)?),
            Cmd::Sort => {
                let mut keys = vec![self.sort_key()?];
                while self.eat(Tok::Comma).is_some() {
                    keys.push(self.sort_key()?);
                }
                Command::Sort(keys)
            }
            Cmd::Limit => Command::Limit(self.constant()?),
            Cmd::Sample => Command::Sample(self.constant()?),
            Cmd::Keep => Command::Keep(self.name_patterns()?),
            Cmd::Drop => Command::Drop(self.name_patterns()?),
            Cmd::Rename => {
                let mut clauses = vec![self.rename_clause()?];
                while self.eat(Tok::Comma).is_some() {
                    clauses.push(self.rename_clause()?);
                }
                Command::Rename(clauses)
            }
            Cmd::Dissect => {
                let input = self.primary()?;
                let pattern = self.string_spanned()?;
                let mut options = Vec::new();
                if matches!(self.kind(), Tok::Ident | Tok::QuotedIdent) {
                    loop {
                        let name = self.identifier()?;
                        self.expect(Tok::Assign)?;
                        let value = self.constant()?;
                        options.push(CommandOption { name, value });
                        if self.eat(Tok::Comma).is_none() {
                            break;
                        }
                    }
                }
                Command::Dissect(Dissect {
                    input,
                    pattern,
                    options,
                })
            }
            Cmd::Grok => {
                let input = self.primary()?;
                // Several comma-separated patterns are newer syntax than
                // 9.1.3 (Elasticsearch 9.2 accepts them).
                let mut patterns = vec![self.string_spanned()?];
                while self.eat(Tok::Comma).is_some() {
                    patterns.push(self.string_spanned()?);
                }
                Command::Grok(Grok { input, patterns })
            }
            Cmd::MvExpand => Command::MvExpand(self.qualified_name()?),
            Cmd::Enrich => Command::Enrich(self.enrich()?),
            Cmd::Lookup => {
                self.expect(Tok::Join)?;
                let index = self.index_pattern()?;
                self.check_lookup_target(&index);
                let on = self.join_condition()?;
                Command::LookupJoin(LookupJoin { index, on })
            }
            Cmd::Left | Cmd::Right => {
                self.expect(Tok::Join)?;
                self.index_pattern()?;
                self.join_condition()?;
                self.other(kw.span)
            }
            Cmd::ChangePoint => {
                let value = self.qualified_name()?;
                let key = if self.eat(Tok::On).is_some() {
                    Some(self.qualified_name()?)
                } else {
                    None
                };
                let names = if self.eat(Tok::As).is_some() {
                    let a = self.qualified_name()?;
                    self.expect(Tok::Comma)?;
                    Some((a, self.qualified_name()?))
                } else {
                    None
                };
                Command::ChangePoint(ChangePoint { value, key, names })
            }
            Cmd::Completion => {
                let target = if self.at_name_assign() {
                    let n = self.qualified_name()?;
                    self.expect(Tok::Assign)?;
                    Some(n)
                } else {
                    None
                };
                let prompt = self.primary()?;
                self.expect(Tok::With)?;
                // Elasticsearch 9.2 takes a map of options (`{"inference_id":
                // …}`); 9.1 an inference id name.
                let options = Some(if self.at(Tok::LeftBrace) {
                    self.map()?
                } else {
                    self.name_or_param_expr()?
                });
                Command::Completion(Completion {
                    target,
                    prompt,
                    options,
                })
            }
            Cmd::Fork => {
                let mut branches = Vec::new();
                loop {
                    let lp = self.expect(Tok::Lp)?;
                    let mut cmds = vec![self.processing_command()?];
                    while self.eat(Tok::Pipe).is_some() {
                        cmds.push(self.processing_command()?);
                    }
                    if !self.at(Tok::Rp) {
                        return Err(self.mismatched(&[Tok::Pipe, Tok::Rp]));
                    }
                    self.bump();
                    branches.push(self.spanned(cmds, lp.span));
                    if !self.at(Tok::Lp) {
                        break;
                    }
                }
                Command::Fork(branches)
            }
            Cmd::DevLookup => {
                self.index_pattern()?;
                self.expect(Tok::On)?;
                self.name_patterns()?;
                self.other(kw.span)
            }
            Cmd::Insist => {
                self.name_patterns()?;
                self.other(kw.span)
            }
            Cmd::Rrf => self.other(kw.span),
            Cmd::Rerank => {
                self.constant()?;
                self.expect(Tok::On)?;
                loop {
                    self.qualified_name()?;
                    if self.eat(Tok::Assign).is_some() {
                        self.boolean_expr()?;
                    }
                    if self.eat(Tok::Comma).is_none() {
                        break;
                    }
                }
                if self.eat(Tok::With).is_some() {
                    loop {
                        self.identifier()?;
                        self.expect(Tok::Assign)?;
                        if matches!(self.kind(), Tok::Ident | Tok::QuotedIdent) {
                            self.identifier()?;
                        } else {
                            self.constant()?;
                        }
                        if self.eat(Tok::Comma).is_none() {
                            break;
                        }
                    }
                }
                self.other(kw.span)
            }
            Cmd::Full | Cmd::From | Cmd::Ts | Cmd::Row | Cmd::Show | Cmd::Explain => {
                return Err(ParserErr::at(self, kw.span, kw));
            }
        };
        Ok(self.spanned(node, kw.span))
    }

    /// A command kept as keyword plus verbatim text.
    fn other(&self, kw: Span) -> Command {
        let end = self.prev_span().end as usize;
        let text = self
            .src
            .get(kw.end as usize..end.max(kw.end as usize))
            .unwrap_or("")
            .trim()
            .to_string();
        Command::Other(OtherCommand {
            keyword: kw.text(self.src).to_lowercase(),
            text,
        })
    }

    fn string_spanned(&mut self) -> PResult<Spanned<String>> {
        let t = self.expect(Tok::QuotedString)?;
        Ok(Spanned::new(
            super::literal::unescape_string(self.text(t)),
            t.span,
        ))
    }

    /// `identifierOrParameter` as an expression (COMPLETION's inference id).
    fn name_or_param_expr(&mut self) -> PResult<crate::ast::Expr> {
        let t = self.peek();
        match t.kind {
            Tok::Ident | Tok::QuotedIdent => {
                let id = self.identifier()?;
                Ok(crate::ast::Expr {
                    kind: crate::ast::ExprKind::Column(id.node),
                    span: id.span,
                })
            }
            Tok::Param | Tok::NamedParam | Tok::DoubleParams | Tok::NamedDoubleParam => {
                let p = self.param()?;
                Ok(crate::ast::Expr {
                    kind: crate::ast::ExprKind::Param(p),
                    span: t.span,
                })
            }
            _ => Err(self.mismatched(Self::name_start_set())),
        }
    }

    fn stats_body(&mut self, optional: bool) -> PResult<Stats> {
        let mut aggregates = Vec::new();
        let empty = matches!(self.kind(), Tok::By | Tok::Pipe | Tok::Eof | Tok::Rp);
        if !(optional && empty) {
            loop {
                let field = self.field()?;
                let filter = if self.eat(Tok::Where).is_some() {
                    Some(self.boolean_expr()?)
                } else {
                    None
                };
                aggregates.push(AggregateField { field, filter });
                if self.eat(Tok::Comma).is_none() {
                    break;
                }
            }
        }
        let groups = if self.eat(Tok::By).is_some() {
            self.fields()?
        } else {
            Vec::new()
        };
        Ok(Stats { aggregates, groups })
    }

    fn sort_key(&mut self) -> PResult<SortKey> {
        let expr = self.boolean_expr()?;
        let start = expr.span;
        let order = match self.kind() {
            Tok::Asc => Some(SortOrder::Asc),
            Tok::Desc => Some(SortOrder::Desc),
            _ => None,
        };
        if order.is_some() {
            self.bump();
        }
        let nulls = if self.eat(Tok::Nulls).is_some() {
            match self.kind() {
                Tok::First => Some(NullsOrder::First),
                Tok::Last => Some(NullsOrder::Last),
                _ => return Err(self.mismatched(&[Tok::First, Tok::Last])),
            }
        } else {
            None
        };
        if nulls.is_some() {
            self.bump();
        }
        Ok(SortKey {
            expr,
            order,
            nulls,
            span: self.since(start),
        })
    }

    fn rename_clause(&mut self) -> PResult<Rename> {
        let first = self.name_pattern()?;
        match self.kind() {
            Tok::As => {
                self.bump();
                let new = self.name_pattern()?;
                Ok(Rename {
                    old: first,
                    new,
                    assign_form: false,
                })
            }
            Tok::Assign => {
                self.bump();
                let old = self.name_pattern()?;
                Ok(Rename {
                    old,
                    new: first,
                    assign_form: true,
                })
            }
            _ => Err(self.mismatched(&[Tok::Assign, Tok::Dot, Tok::As])),
        }
    }

    fn enrich(&mut self) -> PResult<Enrich> {
        let t = self.peek();
        let (mode, policy) = match t.kind {
            Tok::EnrichPolicyName => {
                self.bump();
                let text = self.text(t);
                match text.split_once(':') {
                    Some((m, p)) => {
                        let m_span =
                            Span::new(t.span.start as usize, t.span.start as usize + m.len());
                        let p_span = Span::new(m_span.end as usize + 1, t.span.end as usize);
                        (
                            Some(Spanned::new(m.to_string(), m_span)),
                            Spanned::new(p.to_string(), p_span),
                        )
                    }
                    None => (None, Spanned::new(text.to_string(), t.span)),
                }
            }
            Tok::QuotedString => {
                self.bump();
                (
                    None,
                    Spanned::new(super::literal::unescape_string(self.text(t)), t.span),
                )
            }
            _ => return Err(self.mismatched(&[Tok::EnrichPolicyName, Tok::QuotedString])),
        };
        let on = if self.eat(Tok::On).is_some() {
            Some(self.name_pattern()?)
        } else {
            None
        };
        let mut with = Vec::new();
        if self.eat(Tok::With).is_some() {
            loop {
                let first = self.name_pattern()?;
                if self.eat(Tok::Assign).is_some() {
                    let field = self.name_pattern()?;
                    with.push(EnrichWith {
                        new: Some(first),
                        field,
                    });
                } else {
                    with.push(EnrichWith {
                        new: None,
                        field: first,
                    });
                }
                if self.eat(Tok::Comma).is_none() {
                    break;
                }
            }
        }
        Ok(Enrich {
            mode,
            policy,
            on,
            with,
        })
    }

    /// Elasticsearch's checks on the index of `LOOKUP JOIN`, made while it
    /// builds the plan (so a later syntax error still wins): one concrete
    /// local index, no pattern, remote cluster or selector.
    fn check_lookup_target(&mut self, index: &crate::Spanned<crate::ast::IndexPattern>) {
        if self.deferred.is_some() {
            return;
        }
        let p = &index.node;
        let mut text = match &p.cluster {
            Some(c) => format!("{c}:{}", p.pattern),
            None => p.pattern.clone(),
        };
        if let Some(sel) = &p.selector {
            text = format!("{text}::{sel}");
        }
        let message = if text.contains('*') {
            format!("invalid index pattern [{text}], * is not allowed in LOOKUP JOIN")
        } else if p.cluster.is_some() || (p.quoted && is_remote_name(&p.pattern)) {
            format!("invalid index pattern [{text}], remote clusters are not supported with LOOKUP JOIN")
        } else if p.selector.is_some() || text.contains("::") {
            format!(
                "invalid index pattern [{text}], index pattern selectors are not supported in LOOKUP JOIN"
            )
        } else {
            return;
        };
        self.deferred = Some(crate::error::ParseError {
            span: index.span,
            kind: crate::error::ParseErrorKind::Invalid(message),
        });
    }

    fn join_condition(&mut self) -> PResult<Vec<crate::ast::Expr>> {
        self.expect(Tok::On)?;
        let mut on = vec![self.value_expr()?];
        while self.eat(Tok::Comma).is_some() {
            on.push(self.value_expr()?);
        }
        Ok(on)
    }
}

/// `cluster:index` (a single `:` not part of a `::` selector), as
/// Elasticsearch's `RemoteClusterAware.isRemoteIndexName` reads a name.
fn is_remote_name(name: &str) -> bool {
    match name.find(':') {
        Some(at) => !name.get(at..).is_some_and(|rest| rest.starts_with("::")),
        None => false,
    }
}

/// Builds the error for a command keyword in the wrong place.
struct ParserErr;

impl ParserErr {
    fn at(p: &Parser<'_>, span: Span, kw: super::token::Token) -> crate::error::ParseError {
        crate::error::ParseError {
            span,
            kind: crate::error::ParseErrorKind::Syntax(format!(
                "mismatched input '{}' expecting {PROCESSING}",
                p.text(kw)
            )),
        }
    }
}
