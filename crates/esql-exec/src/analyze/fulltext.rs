//! Full-text functions (`KQL`, `QSTR`, `MATCH`, `MATCH_PHRASE`,
//! `MULTI_MATCH`, the `:` operator) compiled into ordinary boolean
//! expressions over the columns they name. Each test is true or false,
//! never null, and a multi-valued field matches when any value does; see
//! [`textmatch`] for how `text` fields are approximated.

#[path = "fulltext_error.rs"]
mod fulltext_error;
#[path = "kql.rs"]
mod kql;
#[path = "kql_lex.rs"]
mod kql_lex;
#[path = "textmatch.rs"]
mod textmatch;

use super::expr::{fold, lookup_column, resolve};
use super::{Analyzer, Col};
use crate::functions::convert::cast_scalar;
use crate::plan::{Site, TypedExpr};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use esql_parser::ast::{Call, Expr, ExprKind, Literal};
use esql_parser::Span;
use fulltext_error::QueryBuildError;
use kql::{Dialect, Field, Query, Term, Values};
use textmatch::{analyze, cidr, day_end, fuzz_for, node, range_pred, value_of, Pred};

/// `Some(result)` when `call` is a full-text function (resolved or failed),
/// `None` for any other function.
pub(crate) fn resolve_call(
    a: &mut Analyzer<'_>,
    call: &Call,
    span: Span,
    cols: &[Col],
) -> Option<Option<TypedExpr>> {
    let name = call.name.node.to_ascii_lowercase();
    let upper = name.to_ascii_uppercase();
    let (args, options) = match call.args.split_last() {
        Some((last, rest)) if matches!(last.kind, ExprKind::Map(_)) => (rest, Some(last)),
        _ => (call.args.as_slice(), None),
    };
    let out = match name.as_str() {
        "kql" | "qstr" => query_function(a, &name, args, span, cols),
        "match" | "match_phrase" => match args {
            [field, query] => {
                let opts = options_of(a, options);
                single_field(
                    a, &upper, "function", field, query, span, cols, &opts, &name,
                )
            }
            _ => arity(a, &upper, span),
        },
        "multi_match" => match args.split_first() {
            Some((query, fields)) if !fields.is_empty() => {
                let opts = options_of(a, options);
                let mut parts = Vec::new();
                for f in fields {
                    parts.push(single_field(
                        a, &upper, "function", f, query, span, cols, &opts, "match",
                    )?);
                }
                Some(any(parts))
            }
            _ => arity(a, &upper, span),
        },
        _ => return None,
    };
    Some(out)
}

/// `field : query`.
pub(crate) fn match_operator(
    a: &mut Analyzer<'_>,
    field: &Expr,
    query: &Expr,
    span: Span,
    cols: &[Col],
) -> Option<TypedExpr> {
    single_field(
        a,
        ":",
        "operator",
        field,
        query,
        span,
        cols,
        &Options::default(),
        "match",
    )
}

fn arity(a: &mut Analyzer<'_>, name: &str, span: Span) -> Option<TypedExpr> {
    a.problem(
        span,
        format!(
            "error building [{}]: wrong number of arguments",
            name.to_ascii_lowercase()
        ),
    );
    None
}

/// `MATCH`-family options that change the result offline.
#[derive(Default)]
struct Options {
    and: bool,
    fuzziness: Option<String>,
}

fn options_of(a: &mut Analyzer<'_>, map: Option<&Expr>) -> Options {
    let mut o = Options::default();
    let Some(Expr {
        kind: ExprKind::Map(entries),
        ..
    }) = map
    else {
        return o;
    };
    for e in entries {
        let text = match &e.value.kind {
            ExprKind::Literal(Literal::String(s)) => s.clone(),
            ExprKind::Literal(Literal::Integer(n)) => n.to_string(),
            ExprKind::Literal(Literal::Decimal(d)) => d.to_string(),
            ExprKind::Literal(Literal::Boolean(b)) => b.to_string(),
            _ => {
                a.problem(
                    e.value.span,
                    format!("Invalid option [{}], expected a constant", e.key.node),
                );
                continue;
            }
        };
        match e.key.node.as_str() {
            "operator" => o.and = text.eq_ignore_ascii_case("and"),
            "fuzziness" => o.fuzziness = Some(text),
            _ => {}
        }
    }
    o
}

fn query_function(
    a: &mut Analyzer<'_>,
    name: &str,
    args: &[Expr],
    span: Span,
    cols: &[Col],
) -> Option<TypedExpr> {
    let [arg] = args else {
        return arity(a, name, span);
    };
    let ExprKind::Literal(Literal::String(text)) = &arg.kind else {
        a.problem(
            arg.span,
            format!(
                "Query must be a valid string in [{}], found [{}]",
                a.text(span),
                a.text(arg.span)
            ),
        );
        return None;
    };
    let dialect = if name == "kql" {
        Dialect::Kql
    } else {
        Dialect::Lucene
    };
    let parsed = match kql::parse(text, dialect) {
        Ok(q) => q,
        Err(msg) => {
            let what = if name == "kql" { "KQL query" } else { "query" };
            a.problem(arg.span, format!("Failed to parse {what} [{text}]: {msg}"));
            return None;
        }
    };
    let site = a.site(span);
    match lower(a, &parsed, cols, &site) {
        Ok(x) => Some(x),
        Err(msg) => {
            a.problem(arg.span, format!("failed to create query: {msg}"));
            None
        }
    }
}

/// OR of the parts; false when there are none.
/// Joined as a balanced tree: a clause over thousands of fields nests only
/// log2(n) levels, so its evaluation recursion stays shallow.
fn any(parts: Vec<TypedExpr>) -> TypedExpr {
    kql::balanced(parts, |l, r| TypedExpr::Or(Box::new(l), Box::new(r))).unwrap_or(
        TypedExpr::Literal(Value::One(Scalar::Boolean(false)), DataType::Boolean),
    )
}

fn lower(
    a: &mut Analyzer<'_>,
    q: &Query,
    cols: &[Col],
    site: &Site,
) -> Result<TypedExpr, QueryBuildError> {
    Ok(match q {
        Query::All => TypedExpr::Literal(Value::One(Scalar::Boolean(true)), DataType::Boolean),
        Query::And(l, r) => TypedExpr::And(
            Box::new(lower(a, l, cols, site)?),
            Box::new(lower(a, r, cols, site)?),
        ),
        Query::Or(l, r) => TypedExpr::Or(
            Box::new(lower(a, l, cols, site)?),
            Box::new(lower(a, r, cols, site)?),
        ),
        Query::Not(x) => TypedExpr::Not(Box::new(lower(a, x, cols, site)?)),
        Query::Exists(f) => any(fields(a, f, cols)
            .into_iter()
            .map(|(i, ty)| TypedExpr::IsNull(Box::new(TypedExpr::Column(i, ty)), true))
            .collect()),
        Query::Match(f, values) => {
            let lenient = *f == Field::Default;
            let mut parts = Vec::new();
            for (i, ty) in fields(a, f, cols) {
                match values_expr(values, i, ty, site) {
                    Ok(x) => parts.push(x),
                    Err(_) if lenient => {}
                    Err(e) => return Err(e),
                }
            }
            any(parts)
        }
        Query::Range(f, op, value) => {
            let mut parts = Vec::new();
            for (i, ty) in fields(a, f, cols) {
                if let Some(pred) = range_pred(ty, *op, value)? {
                    parts.push(node(i, ty, pred, site.clone()));
                }
            }
            any(parts)
        }
    })
}

/// Positions of the index fields a clause names (none for a missing field:
/// the clause then matches nothing, as in Elasticsearch), with their types.
fn fields(a: &mut Analyzer<'_>, f: &Field, cols: &[Col]) -> Vec<(usize, DataType)> {
    let matcher: Box<dyn Fn(&str) -> bool> = match f {
        Field::Default => Box::new(|_| true),
        Field::Name { name, quoted } if !*quoted && name.contains('*') => {
            let re = esql_pattern::compile(&esql_pattern::like_to_regex(name)).ok();
            Box::new(move |n| re.as_ref().is_some_and(|r| r.is_match(n)))
        }
        Field::Name { name, .. } => {
            let name = name.clone();
            Box::new(move |n| n == name)
        }
    };
    let mut out = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        let shadowed = cols.iter().skip(i + 1).any(|later| later.name == c.name);
        if shadowed || c.ty == DataType::Unsupported || !matcher(&c.name) {
            continue;
        }
        if let Some(o) = c.source() {
            a.used.insert(o);
            out.push((i, c.ty));
        }
    }
    out
}

fn values_expr(
    v: &Values,
    col: usize,
    ty: DataType,
    site: &Site,
) -> Result<TypedExpr, QueryBuildError> {
    Ok(match v {
        Values::Term(t) => any(term_preds(ty, t)?
            .into_iter()
            .map(|p| node(col, ty, p, site.clone()))
            .collect()),
        Values::And(l, r) => TypedExpr::And(
            Box::new(values_expr(l, col, ty, site)?),
            Box::new(values_expr(r, col, ty, site)?),
        ),
        Values::Or(l, r) => TypedExpr::Or(
            Box::new(values_expr(l, col, ty, site)?),
            Box::new(values_expr(r, col, ty, site)?),
        ),
        Values::Not(x) => TypedExpr::Not(Box::new(values_expr(x, col, ty, site)?)),
    })
}

fn like(pattern: &str, case_insensitive: bool) -> Result<regex::Regex, QueryBuildError> {
    let re = esql_pattern::like_to_regex(pattern);
    esql_pattern::compile(&if case_insensitive {
        format!("(?i){re}")
    } else {
        re
    })
    .map_err(QueryBuildError::Pattern)
}

/// The tests one KQL value makes on a field of type `ty` (any may pass).
fn term_preds(ty: DataType, t: &Term) -> Result<Vec<Pred>, QueryBuildError> {
    Ok(match (ty, &t.pattern) {
        (DataType::Keyword, Some(p)) => vec![Pred::Pattern(like(p, false)?)],
        (DataType::Keyword, None) => vec![Pred::Equal(Scalar::str(&t.text))],
        (DataType::Text, _) if t.quoted => vec![Pred::Phrase(analyze(&t.text))],
        (DataType::Text, Some(p)) => {
            let mut preds = Vec::new();
            for word in p.split(' ').filter(|w| !w.is_empty()) {
                preds.push(Pred::TokenPattern(like(word, true)?));
            }
            preds
        }
        (DataType::Text, None) => vec![Pred::Tokens {
            tokens: analyze(&t.text),
            all: false,
            fuzz: 0,
        }],
        (_, Some(_)) => Vec::new(),
        (DataType::Ip, None) if t.text.contains('/') => vec![cidr(&t.text)?],
        (DataType::Date | DataType::DateNanos, None) => {
            let lo = value_of(ty, &t.text)?;
            match day_end(ty, &t.text, &lo) {
                Some(hi) => vec![Pred::Between(lo, hi)],
                None => vec![Pred::Equal(lo)],
            }
        }
        (
            DataType::Null | DataType::Unsupported | DataType::DatePeriod | DataType::TimeDuration,
            _,
        ) => Vec::new(),
        (_, None) => vec![Pred::Equal(value_of(ty, &t.text)?)],
    })
}

/// MATCH / MATCH_PHRASE / one field of MULTI_MATCH / `:`.
#[allow(clippy::too_many_arguments)]
fn single_field(
    a: &mut Analyzer<'_>,
    fname: &str,
    kind: &str,
    field: &Expr,
    query: &Expr,
    span: Span,
    cols: &[Col],
    opts: &Options,
    flavour: &str,
) -> Option<TypedExpr> {
    let ExprKind::Column(name) = &field.kind else {
        a.problem(
            field.span,
            format!(
                "[{fname}] {kind} cannot operate on [{}], which is not a field from an index mapping",
                a.text(field.span)
            ),
        );
        return None;
    };
    let i = lookup_column(a, name, field.span, cols)?;
    if cols.get(i)?.source().is_none() {
        a.problem(
            field.span,
            format!(
                "[{fname}] {kind} cannot operate on [{}], which is not a field from an index mapping",
                a.text(field.span)
            ),
        );
        return None;
    }
    let q = resolve(a, query, cols)?;
    let text = match fold(a, &q) {
        Some(Value::One(s)) => match cast_scalar(&s, DataType::Keyword) {
            Ok(Scalar::Str(t)) => t.to_string(),
            _ => String::new(),
        },
        Some(Value::Null) => {
            a.problem(
                query.span,
                format!(
                    "Query value cannot be null in [{}], but got [{}]",
                    a.text(span),
                    a.text(query.span)
                ),
            );
            return None;
        }
        _ => {
            a.problem(
                query.span,
                format!(
                    "Query must be a valid string in [{}], found [{}]",
                    a.text(span),
                    a.text(query.span)
                ),
            );
            return None;
        }
    };
    let ty = cols.get(i)?.ty;
    let site = a.site(span);
    let fuzz = |t: &str| {
        opts.fuzziness
            .as_deref()
            .and_then(|f| fuzz_for(f, t))
            .unwrap_or(0)
    };
    let result = match ty {
        DataType::Keyword if fuzz(&text) > 0 => Ok(vec![node(
            i,
            ty,
            Pred::Fuzzy(text.clone(), fuzz(&text)),
            site.clone(),
        )]),
        DataType::Text if flavour == "match_phrase" => Ok(vec![node(
            i,
            ty,
            Pred::Phrase(analyze(&text)),
            site.clone(),
        )]),
        DataType::Text => {
            let parts: Vec<TypedExpr> = analyze(&text)
                .into_iter()
                .map(|tok| {
                    let fz = fuzz(&tok);
                    let p = Pred::Tokens {
                        tokens: vec![tok],
                        all: false,
                        fuzz: fz,
                    };
                    node(i, ty, p, site.clone())
                })
                .collect();
            Ok(if opts.and && !parts.is_empty() {
                vec![
                    kql::balanced(parts, |l, r| TypedExpr::And(Box::new(l), Box::new(r)))
                        .unwrap_or_else(|| any(Vec::new())),
                ]
            } else {
                parts
            })
        }
        _ => {
            let term = Term {
                text: text.clone(),
                pattern: None,
                quoted: true,
            };
            term_preds(ty, &term).map(|ps| {
                ps.into_iter()
                    .map(|p| node(i, ty, p, site.clone()))
                    .collect()
            })
        }
    };
    match result {
        Ok(parts) => Some(any(parts)),
        Err(msg) => {
            a.problem(query.span, format!("failed to create query: {msg}"));
            None
        }
    }
}
