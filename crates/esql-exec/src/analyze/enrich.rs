//! ENRICH against a local policy: look up a column in the policy's
//! documents and append their enrich fields.

use super::{expr, Analyzer, Col};
use crate::plan::Operator;
use crate::types::DataType;
use esql_parser::ast::Enrich;
use esql_parser::Span;

/// Types a `match` policy can look up (Elasticsearch's list).
const MATCH_TYPES: &str = "[keyword, text, ip, long, integer, float, double, datetime]";

fn matchable(t: DataType) -> bool {
    matches!(
        t,
        DataType::Keyword
            | DataType::Text
            | DataType::Ip
            | DataType::Long
            | DataType::Integer
            | DataType::Double
            | DataType::Date
            | DataType::Null
    )
}

/// Analyses `ENRICH`, updating `cols` to its output: the input columns
/// (minus those the added fields replace), then the added fields.
pub(crate) fn enrich(
    a: &mut Analyzer<'_>,
    e: &Enrich,
    span: Span,
    cols: &mut Vec<Col>,
) -> Option<Vec<Operator>> {
    let Some(table) = a.options.enrich.get(&e.policy.node).cloned() else {
        a.problem(
            e.policy.span,
            format!(
                "unresolved enrich policy [{}]: enrich policies live in a cluster and are not available offline; give the policy's documents with --enrich-policy FILE",
                e.policy.node
            ),
        );
        return None;
    };
    let (on, on_span) = match &e.on {
        Some(n) => (n.node.clone(), n.span),
        None => (table.policy.match_field.clone(), span),
    };
    let input = expr::lookup_column(a, &on, on_span, cols)?;
    let ty = cols.get(input).map_or(DataType::Null, |c| c.ty);
    if !matchable(ty) {
        a.problem(
            on_span,
            format!(
                "Unsupported type [{}] for enrich matching field [{on}]; only {MATCH_TYPES} allowed for type [match]",
                ty.name()
            ),
        );
        return None;
    }
    let mut added: Vec<(String, usize)> = Vec::new();
    if e.with.is_empty() {
        added.extend(
            table
                .fields
                .iter()
                .enumerate()
                .map(|(i, (n, _))| (n.clone(), i)),
        );
    } else {
        for w in &e.with {
            let Some(pos) = table.fields.iter().position(|(n, _)| *n == w.field.node) else {
                a.problem(
                    w.field.span,
                    format!(
                        "Enrich field [{}] not found in enrich policy [{}]",
                        w.field.node, e.policy.node
                    ),
                );
                return None;
            };
            let name = w.new.as_ref().map_or(&w.field.node, |n| &n.node).clone();
            added.retain(|(n, _)| *n != name);
            added.push((name, pos));
        }
    }
    let width = cols.len();
    let mut keep = Vec::new();
    let mut out = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        if !added.iter().any(|(n, _)| *n == c.name) {
            keep.push(i);
            out.push(c.clone());
        }
    }
    for (j, (name, pos)) in added.iter().enumerate() {
        keep.push(width + j);
        out.push(Col {
            name: name.clone(),
            ty: table.fields.get(*pos).map_or(DataType::Null, |(_, t)| *t),
            origin: None,
        });
    }
    *cols = out;
    Some(vec![Operator::Enrich {
        input,
        positions: added.iter().map(|(_, p)| *p).collect(),
        table,
        keep,
    }])
}
