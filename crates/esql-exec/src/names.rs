//! The column names a query mentions, so fields that an index declares but
//! whose sampled documents never showed can still be offered.

use esql_parser::ast::{Command, Expr, ExprKind, Field, Query, SourceCommand};

/// Every exact name written in the query (columns in expressions and the
/// names of KEEP, DROP, RENAME and MV_EXPAND without wildcards).
pub fn referenced(query: &Query) -> Vec<String> {
    let mut out = Vec::new();
    if let SourceCommand::Row(fields) = &query.source.node {
        fields.iter().for_each(|f| field(f, &mut out));
    }
    for cmd in &query.commands {
        match &cmd.node {
            Command::Where(e) | Command::Sample(e) | Command::Limit(e) => expr(e, &mut out),
            Command::Eval(fields) => fields.iter().for_each(|f| field(f, &mut out)),
            Command::Stats(s) | Command::InlineStats(s) => {
                for a in &s.aggregates {
                    field(&a.field, &mut out);
                    if let Some(f) = &a.filter {
                        expr(f, &mut out);
                    }
                }
                s.groups.iter().for_each(|f| field(f, &mut out));
            }
            Command::Sort(keys) => keys.iter().for_each(|k| expr(&k.expr, &mut out)),
            Command::Keep(p) | Command::Drop(p) => out.extend(
                p.iter()
                    .filter(|n| !n.node.contains('*'))
                    .map(|n| n.node.clone()),
            ),
            Command::Rename(r) => out.extend(r.iter().map(|r| r.old.node.clone())),
            Command::Dissect(d) => expr(&d.input, &mut out),
            Command::Grok(g) => expr(&g.input, &mut out),
            Command::MvExpand(n) => out.push(n.node.clone()),
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The names the query's filters read: `WHERE` conditions and the `WHERE`
/// of STATS aggregates.
pub fn filtered(query: &Query) -> Vec<String> {
    let mut out = Vec::new();
    for cmd in &query.commands {
        match &cmd.node {
            Command::Where(e) => expr(e, &mut out),
            Command::Stats(s) | Command::InlineStats(s) => s
                .aggregates
                .iter()
                .filter_map(|a| a.filter.as_ref())
                .for_each(|f| expr(f, &mut out)),
            _ => {}
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The wildcard patterns of KEEP and DROP.
pub fn patterns(query: &Query) -> Vec<String> {
    let mut out = Vec::new();
    for cmd in &query.commands {
        if let Command::Keep(p) | Command::Drop(p) = &cmd.node {
            out.extend(
                p.iter()
                    .filter(|n| n.node.contains('*') && n.node != "*")
                    .map(|n| n.node.clone()),
            );
        }
    }
    out
}

fn field(f: &Field, out: &mut Vec<String>) {
    expr(&f.expr, out);
}

fn expr(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Column(name) => out.push(name.clone()),
        ExprKind::Literal(_) | ExprKind::Param(_) => {}
        ExprKind::Call(c) => c.args.iter().for_each(|a| expr(a, out)),
        ExprKind::Neg(x) | ExprKind::Not(x) => expr(x, out),
        ExprKind::Binary { left, right, .. } => {
            expr(left, out);
            expr(right, out);
        }
        ExprKind::In { expr: x, list, .. } => {
            expr(x, out);
            list.iter().for_each(|a| expr(a, out));
        }
        ExprKind::IsNull { expr: x, .. } | ExprKind::Cast { expr: x, .. } => expr(x, out),
        ExprKind::Like { expr: x, .. } => expr(x, out),
        ExprKind::Match { field, query } => {
            expr(field, out);
            expr(query, out);
        }
        ExprKind::Map(entries) => entries.iter().for_each(|m| expr(&m.value, out)),
    }
}
