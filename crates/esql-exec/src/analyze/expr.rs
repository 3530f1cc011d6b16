//! Expression resolution: names to column positions, calls to resolved
//! functions, operators to typed nodes with Elasticsearch's type rules.

use super::{fulltext, literal, suggest, Analyzer, Col};
use crate::eval::{eval, EvalContext};
use crate::functions::{self, convert, ArgInfo, CallInfo, Resolved};
use crate::plan::TypedExpr;
use crate::types::DataType;
use crate::value::Value;
use esql_parser::ast::{BinaryOp, Call, Expr, ExprKind, Literal};
use esql_parser::Span;
use std::sync::Arc;

/// Finds the column `name` (the last one of that name), marking its source
/// field as used; reports `Unknown column` with suggestions otherwise.
pub(crate) fn lookup_column(
    a: &mut Analyzer<'_>,
    name: &str,
    span: Span,
    cols: &[Col],
) -> Option<usize> {
    match cols.iter().enumerate().rev().find(|(_, c)| c.name == name) {
        Some((i, c)) => {
            a.mark(c);
            Some(i)
        }
        None => {
            let candidates: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
            let message = suggest::unknown_column(name, &candidates);
            a.problem(span, message);
            None
        }
    }
}

/// Resolves `e` against `cols`. Problems are recorded on the analyzer and
/// `None` is returned.
pub(crate) fn resolve(a: &mut Analyzer<'_>, e: &Expr, cols: &[Col]) -> Option<TypedExpr> {
    let resolved = match &e.kind {
        ExprKind::Literal(lit) => literal::resolve(a, lit, e.span),
        ExprKind::Column(name) => {
            let i = lookup_column(a, name, e.span, cols)?;
            let col = cols.get(i)?;
            let ty = col.ty;
            if ty == DataType::Unsupported {
                let conflicts: &[(String, String)] = match col.origin {
                    Some(super::Origin::Lookup { join, .. }) => a
                        .joined
                        .iter()
                        .find(|(j, _)| *j == join)
                        .map_or(&[][..], |(_, ix)| ix.conflicts.as_slice()),
                    _ => a.conflicts,
                };
                if let Some((_, msg)) = conflicts.iter().find(|(n, _)| n == name) {
                    let msg = msg.clone();
                    a.problem(e.span, msg);
                    return None;
                }
            }
            Some(TypedExpr::Column(i, ty))
        }
        ExprKind::Param(_) => {
            a.problem(
                e.span,
                format!("Unknown query parameter [{}]", a.text(e.span)),
            );
            None
        }
        ExprKind::Call(call) => resolve_call(a, call, e.span, cols),
        ExprKind::Neg(inner) => {
            let x = resolve(a, inner, cols)?;
            let ty = x.data_type();
            if !(ty.is_numeric() || ty.is_span() || ty == DataType::Null) {
                a.problem(
                    e.span,
                    format!(
                        "argument of [{}] must be [numeric, date_period or time_duration], found value [{}] type [{}]",
                        a.text(e.span),
                        a.text(inner.span),
                        ty
                    ),
                );
                return None;
            }
            Some(TypedExpr::Neg(Box::new(x), ty, a.site(e.span)))
        }
        ExprKind::Not(inner) => {
            let x = resolve(a, inner, cols)?;
            expect_boolean(a, &x, inner.span, e.span, "argument")?;
            Some(TypedExpr::Not(Box::new(x)))
        }
        ExprKind::Binary { op, left, right } => binary(a, *op, left, right, e.span, cols),
        ExprKind::In {
            expr,
            list,
            negated,
        } => {
            let x = resolve(a, expr, cols)?;
            let mut items = Vec::new();
            for item in list {
                let it = resolve(a, item, cols)?;
                let it = coerce_literal(a, it, x.data_type(), item.span)?;
                if DataType::common(x.data_type(), it.data_type()).is_none() {
                    a.problem(
                        item.span,
                        format!(
                            "{} argument of [{}] must be [{}], found value [{}] type [{}]",
                            functions::support::ordinal_word(items.len() + 1).unwrap_or("an"),
                            a.text(e.span),
                            x.data_type(),
                            a.text(item.span),
                            it.data_type()
                        ),
                    );
                    return None;
                }
                items.push(it);
            }
            let node = TypedExpr::In {
                expr: Box::new(x),
                list: items,
                site: a.site(e.span),
            };
            Some(if *negated {
                TypedExpr::Not(Box::new(node))
            } else {
                node
            })
        }
        ExprKind::IsNull { expr, negated } => {
            let x = resolve(a, expr, cols)?;
            Some(TypedExpr::IsNull(Box::new(x), *negated))
        }
        ExprKind::Like {
            expr,
            patterns,
            regex,
            negated,
            ..
        } => {
            let x = resolve(a, expr, cols)?;
            let ty = x.data_type();
            if !(ty.is_string() || ty == DataType::Null) {
                a.problem(
                    expr.span,
                    format!(
                        "first argument of [{}] must be [string], found value [{}] type [{}]",
                        a.text(e.span),
                        a.text(expr.span),
                        ty
                    ),
                );
                return None;
            }
            let mut compiled = Vec::new();
            let combined = like_list_matchers(patterns, *regex);
            let one_by_one = if combined.is_some() {
                &[][..]
            } else {
                &patterns[..]
            };
            compiled.extend(combined.into_iter().flatten());
            for p in one_by_one {
                let ExprKind::Literal(Literal::String(text)) = &p.kind else {
                    a.problem(p.span, "LIKE and RLIKE patterns must be string literals");
                    return None;
                };
                let matcher = if *regex {
                    esql_pattern::compile_rlike(text)
                } else {
                    esql_pattern::compile_like(text)
                };
                match matcher {
                    Ok(m) => compiled.push(m),
                    Err(msg) => {
                        // Elasticsearch reports a bad RLIKE pattern at the
                        // predicate (`regexMatch.source()`).
                        a.problem(if *regex { e.span } else { p.span }, msg.to_string());
                        return None;
                    }
                }
            }
            let node = TypedExpr::Like {
                expr: Box::new(x),
                patterns: Arc::new(compiled),
                site: a.site(e.span),
            };
            Some(if *negated {
                TypedExpr::Not(Box::new(node))
            } else {
                node
            })
        }
        ExprKind::Match { field, query } => fulltext::match_operator(a, field, query, e.span, cols),
        ExprKind::Cast { expr, to } => {
            let x = resolve(a, expr, cols)?;
            let Some(target) = DataType::from_name(&to.node) else {
                a.problem(
                    to.span,
                    format!("Unsupported conversion to type [{}]", to.node),
                );
                return None;
            };
            cast_expr(a, x, target, e.span)
        }
        ExprKind::Map(_) => {
            a.problem(
                e.span,
                "map expressions are only allowed as function options",
            );
            None
        }
    }?;
    Some(resolved)
}

/// Wraps `x` in a conversion to `target` (folded when constant).
pub(crate) fn cast_expr(
    a: &mut Analyzer<'_>,
    x: TypedExpr,
    target: DataType,
    span: Span,
) -> Option<TypedExpr> {
    if x.data_type() == target {
        return Some(x);
    }
    let func = Resolved {
        return_type: target,
        eval: Arc::new(move |args: &[Value], _env: &functions::EvalEnv| {
            convert::cast(args.first().unwrap_or(&Value::Null), target)
        }),
    };
    let call = TypedExpr::Call {
        func,
        args: vec![x],
        site: a.site(span),
    };
    Some(fold_if_constant(a, call))
}

fn expect_boolean(
    a: &mut Analyzer<'_>,
    x: &TypedExpr,
    arg_span: Span,
    whole: Span,
    which: &str,
) -> Option<()> {
    let ty = x.data_type();
    if ty == DataType::Boolean || ty == DataType::Null {
        return Some(());
    }
    a.problem(
        arg_span,
        format!(
            "{which} of [{}] must be [boolean], found value [{}] type [{}]",
            a.text(whole),
            a.text(arg_span),
            ty
        ),
    );
    None
}

/// Converts a string literal to `target` at plan time (implicit casting of
/// constants compared with dates, ips, versions, numbers and booleans).
pub(crate) fn coerce_literal(
    a: &mut Analyzer<'_>,
    x: TypedExpr,
    target: DataType,
    span: Span,
) -> Option<TypedExpr> {
    let castable = matches!(
        target,
        DataType::Date
            | DataType::DateNanos
            | DataType::Ip
            | DataType::Version
            | DataType::Boolean
            | DataType::Integer
            | DataType::Long
            | DataType::UnsignedLong
            | DataType::Double
    );
    match &x {
        TypedExpr::Literal(v, ty) if ty.is_string() && castable => match convert::cast(v, target) {
            Ok(cast) => Some(TypedExpr::Literal(cast, target)),
            Err(err) => {
                let text = a.text(span).trim_matches('"');
                a.problem(
                    span,
                    convert::implicit_cast_failure(text, target, &err).to_string(),
                );
                None
            }
        },
        _ => Some(x),
    }
}

fn binary(
    a: &mut Analyzer<'_>,
    op: BinaryOp,
    left: &Expr,
    right: &Expr,
    span: Span,
    cols: &[Col],
) -> Option<TypedExpr> {
    let l = resolve(a, left, cols);
    let r = resolve(a, right, cols);
    let (l, r) = (l?, r?);
    match op {
        BinaryOp::And | BinaryOp::Or => {
            expect_boolean(a, &l, left.span, span, "first argument")?;
            expect_boolean(a, &r, right.span, span, "second argument")?;
            Some(if op == BinaryOp::And {
                TypedExpr::And(Box::new(l), Box::new(r))
            } else {
                TypedExpr::Or(Box::new(l), Box::new(r))
            })
        }
        _ if op.is_comparison() => {
            let l = coerce_literal(a, l, r.data_type(), left.span)?;
            let r = coerce_literal(a, r, l.data_type(), right.span)?;
            let (lt, rt) = (l.data_type(), r.data_type());
            let ok = DataType::common(lt, rt).is_some() && !lt.is_span() && !rt.is_span();
            if !ok {
                a.problem(
                    span,
                    format!(
                        "first argument of [{}] is [{}] so second argument must also be [{}] but was [{}]",
                        a.text(span),
                        type_family(lt),
                        type_family(lt),
                        rt
                    ),
                );
                return None;
            }
            Some(TypedExpr::Binary {
                op,
                left: Box::new(l),
                right: Box::new(r),
                ty: DataType::Boolean,
                site: a.site(span),
            })
        }
        _ => {
            // A string constant next to a time span is a date.
            let (l, r) = if r.data_type().is_span() {
                (coerce_literal(a, l, DataType::Date, left.span)?, r)
            } else if l.data_type().is_span() {
                let r = coerce_literal(a, r, DataType::Date, right.span)?;
                (l, r)
            } else {
                (l, r)
            };
            let (lt, rt) = (l.data_type(), r.data_type());
            let Some(ty) = arithmetic_type(op, lt, rt) else {
                a.problem(
                    span,
                    format!(
                        "[{}] has arguments with incompatible types [{}] and [{}]",
                        op.symbol(),
                        lt,
                        rt
                    ),
                );
                return None;
            };
            let node = TypedExpr::Binary {
                op,
                left: Box::new(l),
                right: Box::new(r),
                ty,
                site: a.site(span),
            };
            Some(fold_if_constant(a, node))
        }
    }
}

/// Elasticsearch names numeric types by family in comparison errors.
fn type_family(t: DataType) -> String {
    if t.is_numeric() {
        "numeric".to_string()
    } else {
        t.name().to_string()
    }
}

/// The result type of an arithmetic operator, if the operands allow it.
fn arithmetic_type(op: BinaryOp, l: DataType, r: DataType) -> Option<DataType> {
    use DataType::*;
    if l == Null || r == Null {
        let other = if l == Null { r } else { l };
        return Some(if other == Null { Null } else { other });
    }
    if let Some(t) = DataType::common_numeric(l, r) {
        return Some(t);
    }
    match op {
        BinaryOp::Add | BinaryOp::Sub => match (l, r) {
            (d, s) if d.is_date() && s.is_span() => Some(d),
            (s, d) if d.is_date() && s.is_span() && op == BinaryOp::Add => Some(d),
            (DatePeriod, DatePeriod) => Some(DatePeriod),
            (TimeDuration, TimeDuration) => Some(TimeDuration),
            _ => None,
        },
        _ => None,
    }
}

fn resolve_call(a: &mut Analyzer<'_>, call: &Call, span: Span, cols: &[Col]) -> Option<TypedExpr> {
    let name = &call.name.node;
    if let Some(x) = fulltext::resolve_call(a, call, span, cols) {
        return x;
    }
    if crate::aggregates::lookup(name).is_some() {
        a.problem(
            span,
            format!(
                "aggregate function [{}] not allowed outside STATS command",
                a.text(span)
            ),
        );
        return None;
    }
    let Some(def) = functions::lookup(name) else {
        a.problem(call.name.span, format!("Unknown function [{}]", name));
        return None;
    };
    // A trailing map literal holds the call's named options.
    let (positional, map) = match call.args.split_last() {
        Some((last, rest)) if matches!(last.kind, ExprKind::Map(_)) => (rest, Some(last)),
        _ => (call.args.as_slice(), None),
    };
    let mut args = Vec::new();
    let mut ok = true;
    for arg in positional {
        match resolve(a, arg, cols) {
            Some(x) => args.push((x, arg.span)),
            None => ok = false,
        }
    }
    let mut options: Vec<(String, Value)> = Vec::new();
    if let Some(Expr {
        kind: ExprKind::Map(entries),
        ..
    }) = map
    {
        for entry in entries {
            match resolve(a, &entry.value, cols).and_then(|x| constant_value(&x)) {
                Some(v) => options.push((entry.key.node.clone(), v)),
                None => {
                    a.problem(
                        entry.value.span,
                        format!(
                            "Invalid option [{}] in [{}], expected a constant value",
                            entry.key.node,
                            a.text(span)
                        ),
                    );
                    ok = false;
                }
            }
        }
    }
    if !ok {
        return None;
    }
    let constants: Vec<Option<Value>> = args.iter().map(|(x, _)| constant_value(x)).collect();
    let infos = arg_infos(a.source, &args, &constants);
    let info = CallInfo {
        name,
        text: span.text(a.source),
    };
    let resolved = if map.is_some() {
        let opts: Vec<(&str, &Value)> = options.iter().map(|(k, v)| (k.as_str(), v)).collect();
        def.resolve_with_options(&infos, &info, &opts)
    } else {
        def.resolve(&infos, &info)
    };
    match resolved {
        Ok(func) => {
            let node = TypedExpr::Call {
                func,
                args: args.into_iter().map(|(x, _)| x).collect(),
                site: a.site(span),
            };
            Some(fold_if_constant(a, node))
        }
        Err(message) => {
            a.problem(span, message);
            None
        }
    }
}

/// What a function's resolver sees of resolved arguments: types, source
/// texts and constant values.
pub(crate) fn arg_infos<'s>(
    source: &'s str,
    args: &'s [(TypedExpr, Span)],
    constants: &'s [Option<Value>],
) -> Vec<ArgInfo<'s>> {
    args.iter()
        .zip(constants)
        .map(|((x, s), c)| ArgInfo {
            ty: x.data_type(),
            text: s.text(source),
            constant: c.as_ref(),
        })
        .collect()
}

/// The value of a constant expression (a literal).
pub(crate) fn constant_value(x: &TypedExpr) -> Option<Value> {
    match x {
        TypedExpr::Literal(v, _) => Some(v.clone()),
        _ => None,
    }
}

/// Folds an expression that reads no column into a literal, when it
/// evaluates without warnings.
pub(crate) fn fold_if_constant(a: &Analyzer<'_>, x: TypedExpr) -> TypedExpr {
    let mut reads_column = false;
    x.for_each_column(&mut |_| reads_column = true);
    if reads_column {
        return x;
    }
    let mut ctx = EvalContext::new(a.options.env.clone());
    let v = eval(&x, &[], &mut ctx);
    if ctx.warnings.is_empty() {
        TypedExpr::Literal(v, x.data_type())
    } else {
        x
    }
}

/// Evaluates a constant expression at analysis time; its evaluation
/// warnings are kept for the result.
pub(crate) fn fold(a: &mut Analyzer<'_>, x: &TypedExpr) -> Option<Value> {
    let mut reads_column = false;
    x.for_each_column(&mut |_| reads_column = true);
    if reads_column {
        return None;
    }
    let mut ctx = EvalContext::new(a.options.env.clone());
    let v = eval(x, &[], &mut ctx);
    a.warnings.extend(ctx.warnings.lines());
    Some(v)
}

/// Few matchers for a whole LIKE list of string literals (`x LIKE ("a*",
/// "b*")`), so thousands of patterns cost a handful of programs; `None` for
/// RLIKE, a single pattern, a pattern that is not a literal or a pattern that
/// does not compile (then each pattern is compiled, and reported, on its own).
fn like_list_matchers(patterns: &[Expr], regex: bool) -> Option<Vec<esql_pattern::TextMatcher>> {
    if regex || patterns.len() < 2 {
        return None;
    }
    let texts: Option<Vec<&str>> = patterns
        .iter()
        .map(|p| match &p.kind {
            ExprKind::Literal(Literal::String(text)) => Some(text.as_str()),
            _ => None,
        })
        .collect();
    esql_pattern::compile_like_list(&texts?).ok()
}
