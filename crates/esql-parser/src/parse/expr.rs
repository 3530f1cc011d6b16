//! Expressions, by precedence (lowest first): OR, AND, NOT, predicates
//! (`IN`, `LIKE`, `RLIKE`, `IS NULL`, `:`), comparison (non-associative),
//! `+ -`, `* / %`, unary sign, `::` cast, primary.

use super::limits::Steps;
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
    /// `booleanExpression` as the expression of a command.
    pub(crate) fn boolean_expr(&mut self) -> PResult<Expr> {
        self.command_expr(Self::bool_or)
    }

    /// `valueExpression` as the expression of a command (`LOOKUP JOIN … ON`).
    pub(crate) fn value_expr(&mut self) -> PResult<Expr> {
        self.command_expr(Self::value_expr_steps)
    }

    /// `primaryExpression` as the expression of a command (DISSECT, GROK, …).
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        self.command_expr(Self::primary_steps)
    }

    /// A left-deep chain `operand (op operand)*`: each operand after the
    /// first is parsed one level deeper (its least depth); both operands of
    /// every link are counted steps. Once the chain is certainly too deep it
    /// is no longer built (the query is refused with Elasticsearch's error).
    fn chain(
        &mut self,
        operand: fn(&mut Self) -> PResult<(Expr, Steps)>,
        operator: fn(&Self) -> Option<BinaryOp>,
    ) -> PResult<(Expr, Steps)> {
        let start = self.pos;
        let (mut left, mut steps) = operand(self)?;
        while let Some(op) = operator(self) {
            self.bump();
            let (right, right_steps) = self.deeper(operand)?;
            let a = self.step_from(start, steps);
            let b = self.step_from(start, right_steps);
            steps = vec![a, b];
            self.check_depth(&steps);
            if !self.too_deep {
                left = binary(op, left, right);
            }
        }
        Ok((left, steps))
    }

    /// `booleanExpression`: an OR chain of AND chains.
    pub(crate) fn bool_or(&mut self) -> PResult<(Expr, Steps)> {
        self.chain(Self::bool_and, |p| p.at(Tok::Or).then_some(BinaryOp::Or))
    }

    fn bool_and(&mut self) -> PResult<(Expr, Steps)> {
        self.chain(Self::bool_not, |p| p.at(Tok::And).then_some(BinaryOp::And))
    }

    fn bool_not(&mut self) -> PResult<(Expr, Steps)> {
        let start = self.pos;
        if let Some(not) = self.eat(Tok::Not) {
            let (inner, inner_steps) = self.deeper(Self::bool_not)?;
            let span = not.span.to(inner.span);
            let steps = vec![self.step_from(start, inner_steps)];
            return Ok((
                Expr {
                    kind: ExprKind::Not(Box::new(inner)),
                    span,
                },
                steps,
            ));
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

    fn predicate(&mut self) -> PResult<(Expr, Steps)> {
        let start = self.pos;
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
            let steps = vec![
                self.step_from(start, Vec::new()),
                self.step_from(start, Vec::new()),
            ];
            return Ok((
                Expr {
                    kind: ExprKind::Match {
                        field: Box::new(field),
                        query: Box::new(query),
                    },
                    span,
                },
                steps,
            ));
        }
        let (value, value_steps) = self.value_expr_steps()?;
        let negated =
            self.at(Tok::Not) && matches!(self.peek_at(1).kind, Tok::Like | Tok::Rlike | Tok::In);
        if negated {
            self.bump();
        }
        match self.kind() {
            Tok::Like | Tok::Rlike => {
                let e = self.like(value, negated)?;
                let steps = vec![self.step_from(start, value_steps)];
                Ok((e, steps))
            }
            Tok::In => self.in_list(start, value, value_steps, negated),
            Tok::Is => {
                self.bump();
                let not = self.eat(Tok::Not).is_some();
                let null = self.peek();
                if !self.at(Tok::Null) {
                    return Err(self.mismatched(&[Tok::Not, Tok::Null]));
                }
                self.bump();
                let span = value.span.to(null.span);
                let steps = vec![self.step_from(start, value_steps)];
                Ok((
                    Expr {
                        kind: ExprKind::IsNull {
                            expr: Box::new(value),
                            negated: not,
                        },
                        span,
                    },
                    steps,
                ))
            }
            _ => Ok((value, value_steps)),
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

    /// `valueExpression NOT? IN (valueExpression, …)`: every value, the
    /// tested one included, is a counted step one level down.
    fn in_list(
        &mut self,
        start: usize,
        value: Expr,
        value_steps: Steps,
        negated: bool,
    ) -> PResult<(Expr, Steps)> {
        self.bump();
        self.expect(Tok::Lp)?;
        let mut below = vec![value_steps];
        let mut list = Vec::new();
        loop {
            let (item, item_steps) = self.deeper(Self::value_expr_steps)?;
            list.push(item);
            below.push(item_steps);
            if self.eat(Tok::Comma).is_none() {
                break;
            }
        }
        if !self.at(Tok::Rp) {
            return Err(self.mismatched(&[Tok::Comma, Tok::Rp]));
        }
        self.bump();
        let steps = below
            .into_iter()
            .map(|b| self.step_from(start, b))
            .collect();
        let span = value.span.to(self.prev_span());
        Ok((
            Expr {
                kind: ExprKind::In {
                    expr: Box::new(value),
                    list,
                    negated,
                },
                span,
            },
            steps,
        ))
    }

    /// `valueExpression`: an operand, optionally compared with another.
    fn value_expr_steps(&mut self) -> PResult<(Expr, Steps)> {
        let start = self.pos;
        let (left, left_steps) = self.op_expr()?;
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
            _ => return Ok((left, left_steps)),
        };
        self.bump();
        let (right, right_steps) = self.deeper(Self::op_expr)?;
        let steps = vec![
            self.step_from(start, left_steps),
            self.step_from(start, right_steps),
        ];
        Ok((binary(op, left, right), steps))
    }

    fn op_expr(&mut self) -> PResult<(Expr, Steps)> {
        self.chain(Self::mul_expr, |p| match p.kind() {
            Tok::Plus => Some(BinaryOp::Add),
            Tok::Minus => Some(BinaryOp::Sub),
            _ => None,
        })
    }

    fn mul_expr(&mut self) -> PResult<(Expr, Steps)> {
        self.chain(Self::unary, |p| match p.kind() {
            Tok::Asterisk => Some(BinaryOp::Mul),
            Tok::Slash => Some(BinaryOp::Div),
            Tok::Percent => Some(BinaryOp::Mod),
            _ => None,
        })
    }

    /// `operatorExpression` without binary operators: a sign and its operand
    /// (one level down), or a primary expression (one level down too).
    fn unary(&mut self) -> PResult<(Expr, Steps)> {
        let start = self.pos;
        let t = self.peek();
        if matches!(t.kind, Tok::Minus | Tok::Plus) && !self.at_constant() {
            self.bump();
            let (inner, inner_steps) = self.deeper(Self::unary)?;
            let span = t.span.to(inner.span);
            let steps = vec![self.step_from(start, inner_steps)];
            if t.kind == Tok::Plus {
                return Ok((
                    Expr {
                        kind: inner.kind,
                        span,
                    },
                    steps,
                ));
            }
            return Ok((
                Expr {
                    kind: ExprKind::Neg(Box::new(inner)),
                    span,
                },
                steps,
            ));
        }
        let (e, primary_steps) = self.deeper(Self::primary_steps)?;
        let steps = vec![self.step_from(start, primary_steps)];
        Ok((e, steps))
    }

    /// `primaryExpression`, including trailing `::type` casts (each one
    /// puts its operand a counted level down).
    fn primary_steps(&mut self) -> PResult<(Expr, Steps)> {
        let start = self.pos;
        let (mut e, mut steps) = self.primary_base()?;
        while self.at(Tok::CastOp) {
            self.bump();
            let to = self.identifier()?;
            steps = vec![self.step_from(start, steps)];
            self.check_depth(&steps);
            if self.too_deep {
                continue;
            }
            let span = e.span.to(to.span);
            e = Expr {
                kind: ExprKind::Cast {
                    expr: Box::new(e),
                    to,
                },
                span,
            };
        }
        Ok((e, steps))
    }

    fn primary_base(&mut self) -> PResult<(Expr, Steps)> {
        let start = self.pos;
        let k = self.kind();
        let next = self.peek_at(1).kind;
        // `functionName` is an identifier or parameter, or (in the current
        // grammar) the keywords FIRST and LAST, so `FIRST(x, t)` is a call
        // while `SORT x NULLS FIRST` keeps its keyword.
        if (is_name_part(k) || matches!(k, Tok::First | Tok::Last)) && next == Tok::Lp {
            return self.call();
        }
        if matches!(k, Tok::Param | Tok::NamedParam) && next != Tok::Dot {
            return Ok((self.constant()?, Vec::new()));
        }
        if is_name_part(k) {
            return Ok((self.name_expr()?, Vec::new()));
        }
        if self.at_constant() {
            return Ok((self.constant()?, Vec::new()));
        }
        if let Some(lp) = self.eat(Tok::Lp) {
            let (inner, inner_steps) = self.deeper(Self::bool_or)?;
            if !self.at(Tok::Rp) {
                return Err(self.mismatched(&[Tok::And, Tok::Or, Tok::Rp]));
            }
            let rp = self.bump();
            let steps = vec![self.step_from(start, inner_steps)];
            return Ok((
                Expr {
                    kind: inner.kind,
                    span: lp.span.to(rp.span),
                },
                steps,
            ));
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
            let kind = if self.substitute {
                ExprKind::Column(self.param_name(first, false))
            } else if first.kind == Tok::DoubleParams {
                ExprKind::Param(Param::DoubleNamed(String::new()))
            } else {
                ExprKind::Param(p)
            };
            return Ok(Expr {
                kind,
                span: first.span,
            });
        }
        let name = self.qualified_name()?;
        Ok(Expr {
            kind: ExprKind::Column(name.node),
            span: name.span,
        })
    }

    /// `functionExpression`: the arguments are not counted steps (they
    /// stay at the call's level); each value of a map argument is.
    fn call(&mut self) -> PResult<(Expr, Steps)> {
        let name_tok = self.bump();
        let name = Spanned::new(self.text(name_tok).to_string(), name_tok.span);
        let name = match name_tok.kind {
            Tok::QuotedIdent => Spanned::new(super::name::unquote_ident(&name.node), name.span),
            Tok::Ident | Tok::First | Tok::Last => name,
            _ => Spanned::new(self.param_name(name_tok, false), name.span),
        };
        self.expect(Tok::Lp)?;
        let mut args = Vec::new();
        let mut steps = Vec::new();
        let mut star = false;
        if self.eat(Tok::Asterisk).is_some() {
            star = true;
        } else if !self.at(Tok::Rp) {
            let (arg, arg_steps) = self.bool_or()?;
            args.push(arg);
            steps.extend(arg_steps);
            while self.eat(Tok::Comma).is_some() {
                if self.at(Tok::LeftBrace) {
                    let (map, map_steps) = self.map_steps()?;
                    args.push(map);
                    steps.extend(map_steps);
                    break;
                }
                let (arg, arg_steps) = self.bool_or()?;
                args.push(arg);
                steps.extend(arg_steps);
            }
        }
        if !self.at(Tok::Rp) {
            return Err(self.mismatched(&[Tok::Comma, Tok::Rp]));
        }
        let rp = self.bump();
        Ok((
            Expr {
                kind: ExprKind::Call(Call { name, args, star }),
                span: name_tok.span.to(rp.span),
            },
            steps,
        ))
    }

    /// `{"key": constant, …}`
    pub(crate) fn map(&mut self) -> PResult<Expr> {
        Ok(self.map_steps()?.0)
    }

    /// A map and the counted steps of its values (one per entry, whose
    /// parent is the entry).
    fn map_steps(&mut self) -> PResult<(Expr, Steps)> {
        let lb = self.expect(Tok::LeftBrace)?;
        let mut entries = Vec::new();
        let mut steps = Vec::new();
        loop {
            let entry_start = self.pos;
            let key_tok = self.expect(Tok::QuotedString)?;
            let key = Spanned::new(
                super::literal::unescape_string(self.text(key_tok)),
                key_tok.span,
            );
            self.expect(Tok::Colon)?;
            let value = self.constant()?;
            steps.push(self.step_from(entry_start, Vec::new()));
            entries.push(MapEntry { key, value });
            if self.eat(Tok::Comma).is_none() {
                break;
            }
        }
        if !self.at(Tok::RightBrace) {
            return Err(self.mismatched(&[Tok::Comma, Tok::RightBrace]));
        }
        let rb = self.bump();
        Ok((
            Expr {
                kind: ExprKind::Map(entries),
                span: lb.span.to(rb.span),
            },
            steps,
        ))
    }
}
