//! Elasticsearch's checks of STATS fields that analysis of the expressions
//! alone does not make: what a per-aggregate WHERE may hold, when a field
//! without an aggregate function is taken, and how a column a grouping
//! uses is named in the message refusing it.

use super::{Analyzer, Col};
use crate::aggregates;
use crate::plan::TypedExpr;
use crate::types::DataType;
use esql_parser::ast::{AggregateField, Expr, ExprKind, Field};
use esql_parser::visit::{walk_expr, Visitor};
use std::ops::ControlFlow;

/// The text of an aggregate with its filter, as Elasticsearch quotes it
/// (`max(x) WHERE y > 1`, without the name).
pub(super) fn filtered_text<'a>(
    a: &Analyzer<'a>,
    field: &AggregateField,
    filter: &Expr,
) -> &'a str {
    a.text(field.field.expr.span.to(filter.span))
}

/// An aggregate inside a per-aggregate filter is refused, each one with
/// Elasticsearch's message. True when there is none.
pub(super) fn filter_has_no_aggregate(
    a: &mut Analyzer<'_>,
    field: &AggregateField,
    filter: &Expr,
) -> bool {
    let mut found = Vec::new();
    let _ = walk_expr(filter, &mut CollectAggregates(&mut found));
    for span in &found {
        let message = format!(
            "cannot use aggregate function [{}] in aggregate WHERE clause [{}]",
            a.text(*span),
            filtered_text(a, field, filter)
        );
        a.problem(*span, message);
    }
    found.is_empty()
}

/// A per-aggregate filter must be a boolean (or null) condition.
pub(super) fn boolean_filter(a: &mut Analyzer<'_>, filter: &Expr, typed: &TypedExpr) -> bool {
    let ty = typed.data_type();
    if ty == DataType::Boolean || ty == DataType::Null {
        return true;
    }
    a.problem(
        filter.span,
        format!(
            "Condition expression needs to be boolean, found [{}]",
            ty.name().to_uppercase()
        ),
    );
    false
}

/// An aggregate field without any aggregate function: Elasticsearch takes
/// an expression over the grouping keys, but not a constant, not a bare
/// grouping key, and not with a WHERE filter. True when it is taken.
pub(super) fn no_aggregate_allowed(
    a: &mut Analyzer<'_>,
    field: &AggregateField,
    groups: &[Col],
) -> bool {
    let e = &field.field.expr;
    if !contains_column(e) {
        a.problem(
            e.span,
            format!(
                "expected an aggregate function but found [{}]",
                a.text(e.span)
            ),
        );
        return false;
    }
    if let ExprKind::Column(name) = &e.kind {
        if groups.iter().any(|g| &g.name == name) {
            a.problem(
                e.span,
                format!(
                    "grouping key [{}] cannot be used as an aggregate once declared in the STATS BY clause",
                    a.text(e.span)
                ),
            );
            return false;
        }
    }
    if let Some(filter) = &field.filter {
        let message = format!(
            "WHERE clause allowed only for aggregate functions, none found in [{}]",
            filtered_text(a, field, filter)
        );
        a.problem(filter.span, message);
        return false;
    }
    true
}

/// The text of a grouping as Elasticsearch quotes it (`l = languages`).
pub(super) fn grouping_text<'a>(a: &Analyzer<'a>, g: &Field) -> &'a str {
    match &g.name {
        Some(n) => a.text(n.span.to(g.expr.span)),
        None => a.text(g.expr.span),
    }
}

/// Gathers the spans of the aggregate calls of an expression (nested
/// ones too).
struct CollectAggregates<'v>(&'v mut Vec<esql_parser::Span>);

impl Visitor for CollectAggregates<'_> {
    type Break = ();
    fn expr(&mut self, e: &Expr) -> ControlFlow<()> {
        if let ExprKind::Call(c) = &e.kind {
            if aggregates::lookup(&c.name.node).is_some() {
                self.0.push(e.span);
            }
        }
        ControlFlow::Continue(())
    }
}

/// Stops at the first column reference.
struct FindColumn<'n>(Option<&'n str>);

impl Visitor for FindColumn<'_> {
    type Break = ();
    fn expr(&mut self, e: &Expr) -> ControlFlow<()> {
        match (&e.kind, self.0) {
            (ExprKind::Column(_), None) => ControlFlow::Break(()),
            (ExprKind::Column(c), Some(n)) if c == n => ControlFlow::Break(()),
            _ => ControlFlow::Continue(()),
        }
    }
}

/// Whether `e` reads any column (else it is a constant).
pub(super) fn contains_column(e: &Expr) -> bool {
    walk_expr(e, &mut FindColumn(None)).is_break()
}

/// Whether `e` reads the column `name`.
pub(super) fn mentions_column(e: &Expr, name: &str) -> bool {
    walk_expr(e, &mut FindColumn(Some(name))).is_break()
}
