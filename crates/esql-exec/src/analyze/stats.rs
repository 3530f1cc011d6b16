//! STATS: aggregates (possibly inside scalar expressions) grouped by keys.
//!
//! Each aggregate call becomes an [`AggregateSpec`]; the expression around
//! it is rewritten to read the aggregate's result from a per-group row laid
//! out as `[group keys…, aggregate results…]`.

use super::commands::field_name;
use super::stats_alias;
use super::stats_shadow;
use super::stats_verify::{
    boolean_filter, filter_has_no_aggregate, grouping_text, mentions_column, no_aggregate_allowed,
};
use super::{expr, Analyzer, Col};
use crate::aggregates;
use crate::functions::CallInfo;
use crate::plan::{AggregateSpec, Operator, StatsSpec, TypedExpr};
use crate::types::DataType;
use crate::value::Value;
use esql_parser::ast::{Call, Expr, ExprKind, Field, Stats};
use esql_parser::visit::{walk_expr, Visitor};
use std::ops::ControlFlow;
use std::sync::Arc;

/// Prefix of the synthetic names that stand for aggregate results.
const AGG_PREFIX: &str = "\u{0}agg";

pub(crate) fn stats(a: &mut Analyzer<'_>, s: &Stats, cols: &mut Vec<Col>) -> Option<Operator> {
    let mut ok = true;
    let mut group_exprs = Vec::new();
    let mut group_cols = Vec::new();
    // A grouping whose name a later grouping repeats is dropped (it does
    // not group), as Elasticsearch drops it.
    // Each is still resolved, so its errors are reported.
    let kept = stats_shadow::kept_groups(a, s);
    for (g, keep) in s.groups.iter().zip(kept) {
        let name = field_name(a, g);
        match expr::resolve(a, &g.expr, cols) {
            Some(_) if !keep => {}
            Some(x) => {
                group_cols.push(Col {
                    name,
                    ty: x.data_type(),
                    origin: None,
                });
                group_exprs.push(x);
            }
            None => ok = false,
        }
    }
    let aliases = stats_alias::aliases(&s.groups);
    let mut specs: Vec<AggregateSpec> = Vec::new();
    let mut outputs: Vec<(String, TypedExpr)> = Vec::new();
    for field in &s.aggregates {
        let name = field_name(a, &field.field);
        let filter = match &field.filter {
            Some(f) => {
                if !filter_has_no_aggregate(a, field, f) {
                    ok = false;
                    continue;
                }
                match expr::resolve(a, &stats_alias::substitute(f, &aliases), cols) {
                    Some(x) if boolean_filter(a, f, &x) => Some(x),
                    _ => {
                        ok = false;
                        continue;
                    }
                }
            }
            None => None,
        };
        let first_new = specs.len();
        let Some(rewritten) = extract_aggregates(
            a,
            &field.field.expr,
            &Scope {
                cols,
                groups: &group_cols,
                group_fields: &s.groups,
                aliases: &aliases,
            },
            &mut specs,
            &filter,
        ) else {
            ok = false;
            continue;
        };
        if specs.len() == first_new && !no_aggregate_allowed(a, field, &group_cols) {
            ok = false;
            continue;
        }
        let mut inner: Vec<Col> = group_cols.clone();
        inner.extend(specs.iter().enumerate().map(|(k, spec)| Col {
            name: format!("{AGG_PREFIX}{k}"),
            ty: spec.aggregate.return_type,
            origin: None,
        }));
        match expr::resolve(a, &rewritten, &inner) {
            Some(x) => outputs.push((name, x)),
            None => ok = false,
        }
    }
    if !ok {
        return None;
    }
    let shadowed = stats_shadow::warnings(a, s);
    a.late_warnings.extend(shadowed);
    if outputs.is_empty() && group_exprs.is_empty() {
        return None;
    }
    // Duplicate names: the rightmost aggregate wins; a grouping key beats an
    // aggregate of the same name.
    let mut out_cols = Vec::new();
    let mut out_exprs = Vec::new();
    for (i, (name, x)) in outputs.iter().enumerate() {
        let later = outputs.iter().skip(i + 1).any(|(n, _)| n == name);
        let is_group = group_cols.iter().any(|g| &g.name == name);
        if !later && !is_group {
            out_cols.push(Col {
                name: name.clone(),
                ty: x.data_type(),
                origin: None,
            });
            out_exprs.push(x.clone());
        }
    }
    for (gi, g) in group_cols.iter().enumerate() {
        let later = group_cols.iter().skip(gi + 1).any(|h| h.name == g.name);
        if !later {
            out_cols.push(g.clone());
            out_exprs.push(TypedExpr::Column(gi, g.ty));
        }
    }
    *cols = out_cols;
    Some(Operator::Stats(Arc::new(StatsSpec {
        aggregates: specs,
        groups: group_exprs,
        outputs: out_exprs,
    })))
}

/// What names mean in an aggregate field: the input columns, the grouping
/// keys (outside aggregates) and the grouping aliases (inside them).
struct Scope<'s> {
    cols: &'s [Col],
    groups: &'s [Col],
    group_fields: &'s [Field],
    aliases: &'s [(String, Expr)],
}

/// Rewrites `e`, replacing each aggregate call by a reference to its
/// result; checks that other column references are grouping keys.
fn extract_aggregates(
    a: &mut Analyzer<'_>,
    e: &Expr,
    scope: &Scope<'_>,
    specs: &mut Vec<AggregateSpec>,
    filter: &Option<TypedExpr>,
) -> Option<Expr> {
    let mut out = e.clone();
    let ok = rewrite(a, &mut out, scope, specs, filter, false);
    ok.then_some(out)
}

fn rewrite(
    a: &mut Analyzer<'_>,
    e: &mut Expr,
    scope: &Scope<'_>,
    specs: &mut Vec<AggregateSpec>,
    filter: &Option<TypedExpr>,
    inside_agg: bool,
) -> bool {
    let (cols, groups) = (scope.cols, scope.groups);
    match &mut e.kind {
        ExprKind::Call(call) if aggregates::lookup(&call.name.node).is_some() => {
            if inside_agg {
                a.problem(
                    e.span,
                    format!(
                        "The field must not be an aggregate function, found [{}]",
                        a.text(e.span)
                    ),
                );
                return false;
            }
            let Some(spec) = resolve_aggregate(a, call, e.span, scope, filter) else {
                return false;
            };
            let k = specs.len();
            specs.push(spec);
            e.kind = ExprKind::Column(format!("{AGG_PREFIX}{k}"));
            true
        }
        ExprKind::Column(name) => {
            if groups.iter().any(|g| &g.name == name) {
                return true;
            }
            if cols.iter().any(|c| &c.name == name) {
                // A column a grouping expression uses is named with it.
                let owner = scope
                    .group_fields
                    .iter()
                    .find(|g| mentions_column(&g.expr, name));
                let message = match owner {
                    Some(g) => format!(
                        "column [{name}] cannot be used as an aggregate once declared in the STATS BY grouping key [{}]",
                        grouping_text(a, g)
                    ),
                    None => format!(
                        "column [{name}] must appear in the STATS BY clause or be used in an aggregate function"
                    ),
                };
                a.problem(e.span, message);
            } else {
                let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
                let msg = super::suggest::unknown_column(name, &names);
                a.problem(e.span, msg);
            }
            false
        }
        ExprKind::Literal(_) | ExprKind::Param(_) | ExprKind::Map(_) => true,
        // Every operand is checked, so each problem is reported.
        ExprKind::Call(call) => {
            call.args
                .iter_mut()
                .map(|x| rewrite(a, x, scope, specs, filter, inside_agg))
                .filter(|ok| !ok)
                .count()
                == 0
        }
        ExprKind::Neg(x) | ExprKind::Not(x) => rewrite(a, x, scope, specs, filter, inside_agg),
        ExprKind::Cast { expr, .. } | ExprKind::IsNull { expr, .. } => {
            rewrite(a, expr, scope, specs, filter, inside_agg)
        }
        ExprKind::Binary { left, right, .. } => {
            let l = rewrite(a, left, scope, specs, filter, inside_agg);
            let r = rewrite(a, right, scope, specs, filter, inside_agg);
            l && r
        }
        ExprKind::In { expr, list, .. } => {
            let first = rewrite(a, expr, scope, specs, filter, inside_agg);
            let failed = list
                .iter_mut()
                .map(|x| rewrite(a, x, scope, specs, filter, inside_agg))
                .filter(|ok| !ok)
                .count();
            first && failed == 0
        }
        ExprKind::Like { expr, .. } => rewrite(a, expr, scope, specs, filter, inside_agg),
        ExprKind::Match { field, query } => {
            let f = rewrite(a, field, scope, specs, filter, inside_agg);
            let q = rewrite(a, query, scope, specs, filter, inside_agg);
            f && q
        }
    }
}

/// Stops a walk at the first call of an aggregate function.
struct FindAggregate;

impl Visitor for FindAggregate {
    type Break = ();
    fn expr(&mut self, e: &Expr) -> ControlFlow<()> {
        match &e.kind {
            ExprKind::Call(c) if aggregates::lookup(&c.name.node).is_some() => {
                ControlFlow::Break(())
            }
            _ => ControlFlow::Continue(()),
        }
    }
}

fn contains_aggregate(e: &Expr) -> bool {
    walk_expr(e, &mut FindAggregate).is_break()
}

fn resolve_aggregate(
    a: &mut Analyzer<'_>,
    call: &Call,
    span: esql_parser::Span,
    scope: &Scope<'_>,
    filter: &Option<TypedExpr>,
) -> Option<AggregateSpec> {
    let def = aggregates::lookup(&call.name.node)?;
    let cols = scope.cols;
    let mut args = Vec::new();
    for arg in &call.args {
        let arg = &stats_alias::substitute(arg, scope.aliases);
        if contains_aggregate(arg) {
            a.problem(
                arg.span,
                format!(
                    "The field must not be an aggregate function, found [{}]",
                    a.text(arg.span)
                ),
            );
            return None;
        }
        args.push((expr::resolve(a, arg, cols)?, arg.span));
    }
    let constants: Vec<Option<Value>> = args.iter().map(|(x, _)| expr::constant_value(x)).collect();
    let infos = expr::arg_infos(a.source, &args, &constants);
    let info = CallInfo {
        name: &call.name.node,
        text: span.text(a.source),
    };
    match (def.resolve)(&infos, &info) {
        Ok(mut resolved) => {
            resolved.salt(span.start as u64);
            let row_args: Vec<TypedExpr> = args
                .into_iter()
                .take(resolved.row_args)
                .map(|(x, _)| x)
                .collect();
            if row_args
                .iter()
                .any(|x| x.data_type() == DataType::Unsupported)
            {
                a.problem(
                    span,
                    format!("cannot aggregate unsupported field in [{}]", a.text(span)),
                );
                return None;
            }
            Some(AggregateSpec {
                name: a.text(span).to_string(),
                aggregate: resolved,
                args: row_args,
                filter: filter.clone(),
                site: a.site(span),
            })
        }
        Err(message) => {
            a.problem(span, message);
            None
        }
    }
}
