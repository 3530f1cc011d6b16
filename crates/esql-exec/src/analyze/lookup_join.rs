//! LOOKUP JOIN: resolves the join keys against the left columns and the
//! lookup index, checks their types as Elasticsearch's analyzer and
//! verifier do, and lays out the output columns.
//!
//! Two forms of `ON`:
//!
//! * field names (`ON a` or `ON a, b`): each names a column of the left
//!   side and a field of the lookup index, compared with `==`; the join
//!   keys keep their left column, the other lookup fields are appended;
//! * one comparison of a left column with a lookup field (`ON a == b`,
//!   `!=`, `<`, `<=`, `>`, `>=`, Elasticsearch 9.2's expression form as far
//!   as the 9.1.3 grammar esql parses it: several comparisons joined by
//!   `AND` do not parse); every lookup field is appended.
//!
//! Lookup fields win over left columns of the same name: the left column
//! disappears and the lookup field comes last, in the index's field order.

use super::{expr, suggest, Analyzer, Col, Origin};
use crate::lookup::key::KeyKind;
use crate::lookup::{CmpOp, JoinKey, LookupIndex, LookupJoinSpec};
use crate::plan::{Operator, TypedExpr};
use crate::types::DataType;
use esql_parser::ast::{BinaryOp, Command, Expr, ExprKind, LookupJoin};
use esql_parser::visit::{walk_expr, Visitor};
use esql_parser::Span;
use std::ops::ControlFlow;
use std::sync::Arc;

/// What a `WHERE` right after a join needs to run its conditions on left
/// columns before the join, as Elasticsearch's optimizer pushes them down
/// (the rows and values are the same; the join sees fewer rows, so its
/// multi-value warnings are those Elasticsearch gives).
#[derive(Clone, Debug)]
pub(crate) struct JoinContext {
    /// The columns before the join.
    left: Vec<Col>,
    /// The names of the lookup fields the join added.
    added: Vec<String>,
}

/// The name Elasticsearch prints for a type in join messages (its
/// `DataType` constant).
fn constant_name(t: DataType) -> String {
    match t {
        DataType::Date => "DATETIME".to_string(),
        DataType::Source => "SOURCE".to_string(),
        other => other.name().to_uppercase(),
    }
}

/// Lookup field types a join cannot look up (Elasticsearch's
/// `Join.UNSUPPORTED_TYPES`, as far as ES|QL types go here).
fn unsupported_right(t: DataType) -> bool {
    matches!(
        t,
        DataType::Text
            | DataType::Version
            | DataType::UnsignedLong
            | DataType::Unsupported
            | DataType::Null
            | DataType::DatePeriod
            | DataType::TimeDuration
            | DataType::Source
    )
}

/// Elasticsearch's `Join.comparableTypes`: any two numeric types (the
/// mixed-numeric joins of 9.2), else the same type with `text` read as
/// `keyword`.
fn comparable(left: DataType, right: DataType) -> bool {
    (left.is_numeric() && right.is_numeric()) || left.widen_string() == right.widen_string()
}

fn cmp_op(op: BinaryOp) -> Option<CmpOp> {
    Some(match op {
        BinaryOp::Eq => CmpOp::Eq,
        BinaryOp::NotEq => CmpOp::NotEq,
        BinaryOp::Lt => CmpOp::Lt,
        BinaryOp::LtEq => CmpOp::LtEq,
        BinaryOp::Gt => CmpOp::Gt,
        BinaryOp::GtEq => CmpOp::GtEq,
        _ => return None,
    })
}

/// One resolved condition before its kind is known.
struct Pair {
    left: usize,
    right: usize,
    op: CmpOp,
    span: Span,
}

/// Analyses `LOOKUP JOIN`, updating `cols` to its output.
pub(crate) fn lookup_join(
    a: &mut Analyzer<'_>,
    j: &LookupJoin,
    span: Span,
    cols: &mut Vec<Col>,
) -> Option<Vec<Operator>> {
    let id = a.next_join;
    a.next_join += 1;
    let name = &j.index.node.pattern;
    let index = match a.options.lookup.get(name) {
        Some(Ok(index)) => Arc::clone(index),
        Some(Err(message)) => {
            a.problem(j.index.span, message.clone());
            return None;
        }
        None => {
            a.problem(j.index.span, format!("Unknown index [{name}]"));
            return None;
        }
    };
    let fields_form = matches!(
        j.on.first().map(|e| &e.kind),
        Some(ExprKind::Column(_) | ExprKind::Literal(_))
    );
    let pairs = if fields_form {
        field_keys(a, j, &index, cols)?
    } else {
        expression_keys(a, j, &index, cols)?
    };
    let mut keys = Vec::with_capacity(pairs.len());
    let mut ok = true;
    for p in &pairs {
        let (Some(l), Some((rname, rty))) = (cols.get(p.left), index.fields.get(p.right)) else {
            return None;
        };
        if !comparable(l.ty, *rty) {
            a.problem(
                p.span,
                format!(
                    "JOIN left field [{}] of type [{}] is incompatible with right field [{rname}] of type [{}]",
                    l.name,
                    constant_name(l.ty),
                    constant_name(*rty)
                ),
            );
            ok = false;
        }
        let kind = KeyKind::of(*rty, index.storage_of(rname));
        if unsupported_right(*rty) || kind.is_none() {
            a.problem(
                p.span,
                format!(
                    "JOIN with right field [{rname}] of type [{}] is not supported",
                    constant_name(*rty)
                ),
            );
            ok = false;
        }
        if let Some(kind) = kind {
            keys.push(JoinKey {
                left: p.left,
                right: p.right,
                op: p.op,
                kind,
            });
        }
    }
    if !ok {
        return None;
    }
    // The field-list form keeps its keys from the left; the expression
    // form adds every lookup field.
    let outputs: Vec<usize> = (0..index.fields.len())
        .filter(|f| !fields_form || !keys.iter().any(|k| k.right == *f))
        .collect();
    let added: Vec<String> = outputs
        .iter()
        .filter_map(|&f| index.fields.get(f).map(|(n, _)| n.clone()))
        .collect();
    let width = cols.len();
    let mut keep = Vec::new();
    let mut out = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        if !added.contains(&c.name) {
            keep.push(i);
            out.push(c.clone());
        }
    }
    for (j, &f) in outputs.iter().enumerate() {
        let Some((fname, fty)) = index.fields.get(f) else {
            continue;
        };
        keep.push(width + j);
        out.push(Col {
            name: fname.clone(),
            ty: *fty,
            origin: Some(Origin::Lookup { join: id, field: f }),
        });
    }
    a.joined.push((id, Arc::clone(&index)));
    let left = std::mem::replace(cols, out);
    a.join_context = Some(JoinContext { left, added });
    let site = a.site(span);
    Some(vec![Operator::LookupJoin {
        spec: Arc::new(LookupJoinSpec::new(id, index, keys, outputs, keep)),
        site,
    }])
}

/// `Unknown column [x]…` (with its suggestions) for one side of the join.
fn unknown_on_side(name: &str, candidates: &[&str], side: &str) -> String {
    let message = suggest::unknown_column(name, candidates);
    let what = format!("column [{name}]");
    message.replacen(&what, &format!("{what} in {side} side of join"), 1)
}

/// The field-list form: each name on both sides.
fn field_keys(
    a: &mut Analyzer<'_>,
    j: &LookupJoin,
    index: &LookupIndex,
    cols: &[Col],
) -> Option<Vec<Pair>> {
    let mut pairs = Vec::new();
    let mut ok = true;
    for e in &j.on {
        let ExprKind::Column(name) = &e.kind else {
            a.problem(
                e.span,
                format!(
                    "JOIN ON clause only supports fields at the moment, found [{}]",
                    a.text(e.span)
                ),
            );
            ok = false;
            continue;
        };
        let left = cols.iter().rposition(|c| c.name == *name);
        match left {
            Some(i) => {
                if let Some(c) = cols.get(i) {
                    a.mark(c);
                }
            }
            None => {
                let candidates: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
                a.problem(e.span, unknown_on_side(name, &candidates, "left"));
            }
        }
        let right = index.position(name);
        if right.is_none() {
            let candidates: Vec<&str> = index.fields.iter().map(|(n, _)| n.as_str()).collect();
            a.problem(e.span, unknown_on_side(name, &candidates, "right"));
        }
        match (left, right) {
            (Some(left), Some(right)) => pairs.push(Pair {
                left,
                right,
                op: CmpOp::Eq,
                span: e.span,
            }),
            _ => ok = false,
        }
    }
    ok.then_some(pairs)
}

/// Where a name of the expression form resolves.
enum Side {
    Left(usize),
    Right(usize),
}

/// The expression form: one comparison of a left column with a lookup field.
fn expression_keys(
    a: &mut Analyzer<'_>,
    j: &LookupJoin,
    index: &LookupIndex,
    cols: &[Col],
) -> Option<Vec<Pair>> {
    let [e] = j.on.as_slice() else {
        let whole = Span {
            start: j.on.first().map_or(0, |e| e.span.start),
            end: j.on.last().map_or(0, |e| e.span.end),
        };
        a.problem(
            whole,
            format!(
                "JOIN ON clause only supports fields or AND of Binary Expressions at the moment, found [{}]",
                a.text(whole)
            ),
        );
        return None;
    };
    let unsupported = |a: &mut Analyzer<'_>| {
        let message = format!("Unsupported join filter expression:{}", a.text(e.span));
        a.problem(e.span, message);
    };
    let ExprKind::Binary { op, left, right } = &e.kind else {
        unsupported(a);
        return None;
    };
    let Some(op) = cmp_op(*op) else {
        unsupported(a);
        return None;
    };
    let (ExprKind::Column(l), ExprKind::Column(r)) = (&left.kind, &right.kind) else {
        // Both operands must be fields (Elasticsearch 9.3's lookup-only
        // Lucene filters are not modelled).
        if let Some(side) = [left, right]
            .into_iter()
            .find_map(|x| name_of(x).map(|n| (n, x.span)))
        {
            let _ = resolve_side(a, side.0, side.1, index, cols);
        }
        unsupported(a);
        return None;
    };
    let ls = resolve_side(a, l, left.span, index, cols);
    let rs = resolve_side(a, r, right.span, index, cols);
    let (ls, rs) = (ls?, rs?);
    let (left_col, right_field, op) = match (ls, rs) {
        (Side::Left(c), Side::Right(f)) => (c, f, op),
        (Side::Right(f), Side::Left(c)) => (c, f, op.swapped()),
        _ => {
            unsupported(a);
            return None;
        }
    };
    if let Some(c) = cols.get(left_col) {
        a.mark(c);
    }
    Some(vec![Pair {
        left: left_col,
        right: right_field,
        op,
        span: e.span,
    }])
}

fn name_of(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Column(n) => Some(n),
        _ => None,
    }
}

/// Resolves a name of the expression form on the side that has it: one
/// side only (Elasticsearch: each name of the condition may exist in only
/// one of the indices; RENAME resolves a clash).
fn resolve_side(
    a: &mut Analyzer<'_>,
    name: &str,
    span: Span,
    index: &LookupIndex,
    cols: &[Col],
) -> Option<Side> {
    let left = cols.iter().rposition(|c| c.name == name);
    let right = index.position(name);
    match (left, right) {
        (Some(l), None) => Some(Side::Left(l)),
        (None, Some(r)) => Some(Side::Right(r)),
        (Some(_), Some(_)) => {
            let message = format!(
                "Reference [{name}] is ambiguous (to disambiguate use quotes or qualifiers); matches any of [{name}] of the left side and [{name}] of [{}]",
                index.name
            );
            a.problem(span, message);
            None
        }
        (None, None) => {
            let mut candidates: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
            candidates.extend(index.fields.iter().map(|(n, _)| n.as_str()));
            a.problem(span, suggest::unknown_column(name, &candidates));
            None
        }
    }
}

/// Column names an expression reads; `None` when it reads columns it does
/// not name (KQL, QSTR) or holds a parameter.
fn read_names(e: &Expr) -> Option<Vec<String>> {
    #[derive(Default)]
    struct Names(Vec<String>);
    impl Visitor for Names {
        type Break = ();
        fn expr(&mut self, e: &Expr) -> ControlFlow<()> {
            match &e.kind {
                ExprKind::Column(n) => self.0.push(n.clone()),
                ExprKind::Param(_) => return ControlFlow::Break(()),
                ExprKind::Call(c) => {
                    let f = c.name.node.to_ascii_lowercase();
                    if f == "kql" || f == "qstr" {
                        return ControlFlow::Break(());
                    }
                }
                _ => {}
            }
            ControlFlow::Continue(())
        }
    }
    let mut names = Names::default();
    match walk_expr(e, &mut names) {
        ControlFlow::Continue(()) => Some(names.0),
        ControlFlow::Break(()) => None,
    }
}

/// The conditions `AND` joins, in order.
fn conjuncts(e: &Expr) -> Vec<&Expr> {
    let mut out = Vec::new();
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        match &x.kind {
            ExprKind::Binary {
                op: BinaryOp::And,
                left,
                right,
            } => {
                stack.push(right);
                stack.push(left);
            }
            _ => out.push(x),
        }
    }
    out
}

/// A `WHERE` right after a `LOOKUP JOIN`: its conditions on left columns
/// only run before the join (pushed to [`Analyzer::pushed_filters`]), the
/// others after it. `whole` is the resolved condition, kept when nothing
/// moves.
pub(crate) fn where_after_join(
    a: &mut Analyzer<'_>,
    cond: &Expr,
    whole: TypedExpr,
    warnings_before: usize,
    cols: &[Col],
    ctx: JoinContext,
) -> Option<Vec<Operator>> {
    let parts = conjuncts(cond);
    let pushable = |e: &Expr| {
        read_names(e).is_some_and(|names| {
            names
                .iter()
                .all(|n| !ctx.added.contains(n) && ctx.left.iter().any(|c| c.name == *n))
        })
    };
    if !parts.iter().any(|p| pushable(p)) {
        a.join_context = Some(ctx);
        return Some(vec![Operator::Filter(whole)]);
    }
    // The parts are resolved again on their own: keep the warnings of
    // folding constants once.
    a.warnings.truncate(warnings_before);
    let mut after: Option<TypedExpr> = None;
    for p in parts {
        if pushable(p) {
            let e = expr::resolve(a, p, &ctx.left)?;
            a.pushed_filters.push(Operator::Filter(e));
        } else {
            let e = expr::resolve(a, p, cols)?;
            after = Some(match after {
                None => e,
                Some(prev) => TypedExpr::And(Box::new(prev), Box::new(e)),
            });
        }
    }
    a.join_context = Some(ctx);
    Some(after.map(Operator::Filter).into_iter().collect())
}

/// Elasticsearch's warning (its `WarnLostSortOrder` rule, 9.4) for a SORT
/// that a later LOOKUP JOIN may reorder, when no SORT follows the join.
/// A STATS or another SORT between them ends the SORT's order first (so
/// Elasticsearch drops or ignores it). esql's join keeps the order of its
/// input; the warning says what Elasticsearch does not promise.
pub(crate) fn sort_warnings(a: &mut Analyzer<'_>, commands: &[esql_parser::Spanned<Command>]) {
    for (i, c) in commands.iter().enumerate() {
        if !matches!(c.node, Command::Sort(_)) {
            continue;
        }
        let rest = commands.get(i + 1..).unwrap_or_default();
        let join = rest.iter().position(|c| {
            matches!(
                c.node,
                Command::LookupJoin(_) | Command::Sort(_) | Command::Stats(_)
            )
        });
        let Some(k) = join.filter(|&k| {
            rest.get(k)
                .is_some_and(|c| matches!(c.node, Command::LookupJoin(_)))
        }) else {
            continue;
        };
        let after = rest.get(k + 1..).unwrap_or_default();
        if after.iter().any(|c| matches!(c.node, Command::Sort(_))) {
            continue;
        }
        let site = a.site(c.span);
        let warning = format!(
            "Line {}:{}: SORT is followed by a LOOKUP JOIN which does not preserve order; add another SORT after the LOOKUP JOIN if order is required",
            site.line, site.column
        );
        if !a.warnings.contains(&warning) {
            a.warnings.push(warning);
        }
    }
}
