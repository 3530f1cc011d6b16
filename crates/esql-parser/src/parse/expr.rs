//! Expressions, by precedence (lowest first): OR, AND, NOT, predicates
//! (`IN`, `LIKE`, `RLIKE`, `IS NULL`, `:`), comparison (non-associative),
//! `+ -`, `* / %`, unary sign, `::` cast, primary.

use super::name::is_name_part;
use super::token::Tok;
use super::{PResult, Parser, LONE_EQ_WARNING};
use crate::ast::{BinaryOp, Call, Expr, ExprKind, Literal, MapEntry, Param};
use crate::diagnostic::Diagnostic;
use crate::span::Spanned;

fn binary(op: BinaryOp, left: Expr, right: Expr) -> Expr {
    let span = left.span.to(right.span);
    Expr {
        kind: ExprKind::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        },
        span,
    }
}

impl Parser<'_> {
    /// `booleanExpression`
    pub(crate) fn boolean_expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = self.boolean_expr_inner();
        self.leave();
        result
    }

    fn boolean_expr_inner(&mut self) -> PResult<Expr> {
        let mut left = self.bool_and()?;
        while self.eat(Tok::Or).is_some() {
            let right = self.bool_and()?;
            left = binary(BinaryOp::Or, left, right);
        }
        Ok(left)
    }

    fn bool_and(&mut self) -> PResult<Expr> {
        let mut left = self.bool_not()?;
        while self.eat(Tok::And).is_some() {
            let right = self.bool_not()?;
            left = binary(BinaryOp::And, left, right);
        }
        Ok(left)
    }

    fn bool_not(&mut self) -> PResult<Expr> {
        if let Some(not) = self.eat(Tok::Not) {
            self.enter()?;
            let inner = self.bool_not();
            self.leave();
            let inner = inner?;
            let span = not.span.to(inner.span);
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            });
        }
        self.predicate()
    }

    /// True when `qualifiedName (:: type)? :` starts here (the match operator).
    fn at_match(&self) -> bool {
        let mut n = self.qualified_name_len();
        if n == 0 {
            return false;
        }
        if self.peek_at(n).kind == Tok::CastOp
            && matches!(self.peek_at(n + 1).kind, Tok::Ident | Tok::QuotedIdent)
        {
            n += 2;
        }
        self.peek_at(n).kind == Tok::Colon
    }

    fn predicate(&mut self) -> PResult<Expr> {
        if self.at_match() {
            let mut field = self.name_expr()?;
            if self.at(Tok::CastOp) {
                self.bump();
                let to = self.identifier()?;
                let span = field.span.to(to.span);
                field = Expr {
                    kind: ExprKind::Cast {
                        expr: Box::new(field),
                        to,
                    },
                    span,
                };
            }
            self.expect(Tok::Colon)?;
            let query = self.constant()?;
            let span = field.span.to(query.span);
            return Ok(Expr {
                kind: ExprKind::Match {
                    field: Box::new(field),
                    query: Box::new(query),
                },
                span,
            });
        }
        let value = self.value_expr()?;
        let negated =
            self.at(Tok::Not) && matches!(self.peek_at(1).kind, Tok::Like | Tok::Rlike | Tok::In);
        if negated {
            self.bump();
        }
        match self.kind() {
            Tok::Like | Tok::Rlike => self.like(value, negated),
            Tok::In => self.in_list(value, negated),
            Tok::Is => {
                self.bump();
                let not = self.eat(Tok::Not).is_some();
                let null = self.peek();
                if !self.at(Tok::Null) {
                    return Err(self.mismatched(&[Tok::Not, Tok::Null]));
                }
                self.bump();
                let span = value.span.to(null.span);
                Ok(Expr {
                    kind: ExprKind::IsNull {
                        expr: Box::new(value),
                        negated: not,
                    },
                    span,
                })
            }
            _ => Ok(value),
        }
    }

    fn string_expr(&mut self) -> PResult<Expr> {
        let t = self.expect(Tok::QuotedString)?;
        Ok(Expr {
            kind: ExprKind::Literal(Literal::String(super::literal::unescape_string(
                self.text(t),
            ))),
            span: t.span,
        })
    }

    fn like(&mut self, value: Expr, negated: bool) -> PResult<Expr> {
        let regex = self.bump().kind == Tok::Rlike;
        let mut patterns = Vec::new();
        let list_form = !regex && self.at(Tok::Lp);
        if list_form {
            self.bump();
            patterns.push(self.string_expr()?);
            while self.eat(Tok::Comma).is_some() {
                patterns.push(self.string_expr()?);
            }
            if !self.at(Tok::Rp) {
                return Err(self.mismatched(&[Tok::Comma, Tok::Rp]));
            }
            self.bump();
        } else if self.at(Tok::QuotedString) {
            patterns.push(self.string_expr()?);
        } else if regex {
            return Err(self.mismatched(&[Tok::QuotedString]));
        } else {
            return Err(self.mismatched(&[Tok::QuotedString, Tok::Lp]));
        }
        let span = value.span.to(self.prev_span());
        Ok(Expr {
            kind: ExprKind::Like {
                expr: Box::new(value),
                patterns,
                list_form,
                regex,
                negated,
            },
            span,
        })
    }

    fn in_list(&mut self, value: Expr, negated: bool) -> PResult<Expr> {
        self.bump();
        self.expect(Tok::Lp)?;
        let mut list = vec![self.value_expr()?];
        while self.eat(Tok::Comma).is_some() {
            list.push(self.value_expr()?);
        }
        if !self.at(Tok::Rp) {
            return Err(self.mismatched(&[Tok::Comma, Tok::Rp]));
        }
        self.bump();
        let span = value.span.to(self.prev_span());
        Ok(Expr {
            kind: ExprKind::In {
                expr: Box::new(value),
                list,
                negated,
            },
            span,
        })
    }

    /// `valueExpression`: an operand, optionally compared with another.
    pub(crate) fn value_expr(&mut self) -> PResult<Expr> {
        let left = self.op_expr()?;
        let op = match self.kind() {
            Tok::Eq => BinaryOp::Eq,
            Tok::Neq => BinaryOp::NotEq,
            Tok::Lt => BinaryOp::Lt,
            Tok::Lte => BinaryOp::LtEq,
            Tok::Gt => BinaryOp::Gt,
            Tok::Gte => BinaryOp::GtEq,
            Tok::Assign if !self.options.strict => {
                let at = self.peek().span;
                self.warnings.push(Diagnostic::warning(at, LONE_EQ_WARNING));
                BinaryOp::Eq
            }
            _ => return Ok(left),
        };
        self.bump();
        let right = self.op_expr()?;
        Ok(binary(op, left, right))
    }

    fn op_expr(&mut self) -> PResult<Expr> {
        let mut left = self.mul_expr()?;
        loop {
            let op = match self.kind() {
                Tok::Plus => BinaryOp::Add,
                Tok::Minus => BinaryOp::Sub,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.mul_expr()?;
            left = binary(op, left, right);
        }
    }

    fn mul_expr(&mut self) -> PResult<Expr> {
        let mut left = self.unary()?;
        loop {
            let op = match self.kind() {
                Tok::Asterisk => BinaryOp::Mul,
                Tok::Slash => BinaryOp::Div,
                Tok::Percent => BinaryOp::Mod,
                _ => return Ok(left),
            };
            self.bump();
            let right = self.unary()?;
            left = binary(op, left, right);
        }
    }

    fn unary(&mut self) -> PResult<Expr> {
        let t = self.peek();
        if matches!(t.kind, Tok::Minus | Tok::Plus) && !self.at_constant() {
            self.bump();
            self.enter()?;
            let inner = self.unary();
            self.leave();
            let inner = inner?;
            let span = t.span.to(inner.span);
            if t.kind == Tok::Plus {
                return Ok(Expr {
                    kind: inner.kind,
                    span,
                });
            }
            return Ok(Expr {
                kind: ExprKind::Neg(Box::new(inner)),
                span,
            });
        }
        self.primary()
    }

    /// `primaryExpression`, including trailing `::type` casts.
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.primary_base()?;
        while self.at(Tok::CastOp) {
            self.bump();
            let to = self.identifier()?;
            let span = e.span.to(to.span);
            e = Expr {
                kind: ExprKind::Cast {
                    expr: Box::new(e),
                    to,
                },
                span,
            };
        }
        Ok(e)
    }

    fn primary_base(&mut self) -> PResult<Expr> {
        let k = self.kind();
        let next = self.peek_at(1).kind;
        if is_name_part(k) && next == Tok::Lp {
            return self.call();
        }
        if matches!(k, Tok::Param | Tok::NamedParam) && next != Tok::Dot {
            return self.constant();
        }
        if is_name_part(k) {
            return self.name_expr();
        }
        if self.at_constant() {
            return self.constant();
        }
        if let Some(lp) = self.eat(Tok::Lp) {
            let inner = self.boolean_expr()?;
            if !self.at(Tok::Rp) {
                return Err(self.mismatched(&[Tok::And, Tok::Or, Tok::Rp]));
            }
            let rp = self.bump();
            return Ok(Expr {
                kind: inner.kind,
                span: lp.span.to(rp.span),
            });
        }
        Err(self.mismatched(&[
            Tok::QuotedString,
            Tok::Integer,
            Tok::Decimal,
            Tok::False,
            Tok::Not,
            Tok::Null,
            Tok::Param,
            Tok::True,
            Tok::Plus,
            Tok::Minus,
            Tok::DoubleParams,
            Tok::NamedParam,
            Tok::NamedDoubleParam,
            Tok::OpenBracket,
            Tok::Lp,
            Tok::Ident,
            Tok::QuotedIdent,
        ]))
    }

    /// A qualified name as an expression (a column or a lone `??param`).
    fn name_expr(&mut self) -> PResult<Expr> {
        let first = self.peek();
        if matches!(first.kind, Tok::DoubleParams | Tok::NamedDoubleParam)
            && self.peek_at(1).kind != Tok::Dot
        {
            let p = self.param()?;
            let p = match (first.kind, p) {
                (Tok::DoubleParams, _) => Param::DoubleNamed(String::new()),
                (_, p) => p,
            };
            return Ok(Expr {
                kind: ExprKind::Param(p),
                span: first.span,
            });
        }
        let name = self.qualified_name()?;
        Ok(Expr {
            kind: ExprKind::Column(name.node),
            span: name.span,
        })
    }

    /// `functionExpression`
    fn call(&mut self) -> PResult<Expr> {
        let name_tok = self.bump();
        let name = Spanned::new(self.text(name_tok).to_string(), name_tok.span);
        let name = match name_tok.kind {
            Tok::QuotedIdent => Spanned::new(super::name::unquote_ident(&name.node), name.span),
            Tok::Ident => name,
            _ => {
                self.unsupplied_parameter(name.span, &name.node);
                name
            }
        };
        self.expect(Tok::Lp)?;
        let mut args = Vec::new();
        let mut star = false;
        if self.eat(Tok::Asterisk).is_some() {
            star = true;
        } else if !self.at(Tok::Rp) {
            args.push(self.boolean_expr()?);
            while self.eat(Tok::Comma).is_some() {
                if self.at(Tok::LeftBrace) {
                    args.push(self.map()?);
                    break;
                }
                args.push(self.boolean_expr()?);
            }
        }
        if !self.at(Tok::Rp) {
            return Err(self.mismatched(&[Tok::Comma, Tok::Rp]));
        }
        let rp = self.bump();
        Ok(Expr {
            kind: ExprKind::Call(Call { name, args, star }),
            span: name_tok.span.to(rp.span),
        })
    }

    /// `{"key": constant, …}`
    pub(crate) fn map(&mut self) -> PResult<Expr> {
        let lb = self.expect(Tok::LeftBrace)?;
        let mut entries = Vec::new();
        loop {
            let key_tok = self.expect(Tok::QuotedString)?;
            let key = Spanned::new(
                super::literal::unescape_string(self.text(key_tok)),
                key_tok.span,
            );
            self.expect(Tok::Colon)?;
            let value = self.constant()?;
            entries.push(MapEntry { key, value });
            if self.eat(Tok::Comma).is_none() {
                break;
            }
        }
        if !self.at(Tok::RightBrace) {
            return Err(self.mismatched(&[Tok::Comma, Tok::RightBrace]));
        }
        let rb = self.bump();
        Ok(Expr {
            kind: ExprKind::Map(entries),
            span: lb.span.to(rb.span),
        })
    }
}
