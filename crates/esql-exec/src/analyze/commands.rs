//! Per-command analysis: each command maps the input columns to output
//! columns and yields its operators.

use super::{expr, extract, inline_stats, project, stats, Analyzer, Col, SourceSchema};
use crate::plan::{FromPlan, Operator, SortSpec, SourcePlan, TypedExpr};
use crate::types::DataType;
use crate::value::{Scalar, Value};
use esql_parser::ast::{
    Command, Expr, ExprKind, Field, Literal, NullsOrder, SortOrder, SourceCommand,
};
use esql_parser::Spanned;

/// Metadata fields `FROM … METADATA` accepts, with their types.
const METADATA_FIELDS: &[(&str, DataType)] = &[
    ("_index", DataType::Keyword),
    ("_id", DataType::Keyword),
    ("_version", DataType::Long),
    ("_score", DataType::Double),
    ("_source", DataType::Source),
    ("_ignored", DataType::Keyword),
    ("_index_mode", DataType::Keyword),
];

/// Analyses the source command.
pub(super) fn source(
    a: &mut Analyzer<'_>,
    cmd: &Spanned<SourceCommand>,
    schema: &SourceSchema,
) -> (SourcePlan, Vec<Col>) {
    match &cmd.node {
        SourceCommand::From(from) | SourceCommand::Ts(from) => {
            if matches!(cmd.node, SourceCommand::Ts(_)) {
                a.problem(
                    cmd.span,
                    "TS (time-series source) is not available offline: time-series indices need a cluster",
                );
            }
            let mut cols: Vec<Col> = schema
                .fields
                .iter()
                .enumerate()
                .map(|(i, (name, ty))| Col {
                    name: name.clone(),
                    ty: *ty,
                    origin: Some(super::Origin::Source(i)),
                })
                .collect();
            let mut metadata = Vec::new();
            for m in &from.metadata {
                match METADATA_FIELDS.iter().find(|(n, _)| *n == m.node) {
                    Some((name, ty)) => {
                        if !metadata.contains(&name.to_string()) {
                            cols.retain(|c| c.name != *name);
                            metadata.push(name.to_string());
                            cols.push(Col {
                                name: name.to_string(),
                                ty: *ty,
                                origin: None,
                            });
                        }
                    }
                    None => a.problem(m.span, format!("unsupported metadata field [{}]", m.node)),
                }
            }
            let plan = SourcePlan::From(FromPlan {
                indices: Vec::new(),
                fields: schema.fields.clone(),
                metadata,
                required_literals: Vec::new(),
                prefilter_columns: Vec::new(),
                record_prefilter: Default::default(),
            });
            (plan, cols)
        }
        SourceCommand::Row(fields) => {
            let mut cols: Vec<Col> = Vec::new();
            let mut values: Vec<Value> = Vec::new();
            for field in fields {
                let name = field_name(a, field);
                let Some(e) = expr::resolve(a, &field.expr, &cols) else {
                    continue;
                };
                let ty = e.data_type();
                if ty.is_span() {
                    a.problem(field.expr.span, span_column_message(a, &field.expr, ty));
                    continue;
                }
                let value = match expr::fold(a, &e) {
                    Some(v) => v,
                    None => {
                        a.problem(field.expr.span, "ROW values must be constants");
                        continue;
                    }
                };
                // ROW keeps same-named columns side by side, as Elasticsearch does.
                cols.push(Col {
                    name,
                    ty,
                    origin: None,
                });
                values.push(value);
            }
            (SourcePlan::Row(values), cols)
        }
        SourceCommand::ShowInfo => {
            let cols = vec![
                Col {
                    name: "version".into(),
                    ty: DataType::Keyword,
                    origin: None,
                },
                Col {
                    name: "date".into(),
                    ty: DataType::Keyword,
                    origin: None,
                },
                Col {
                    name: "hash".into(),
                    ty: DataType::Keyword,
                    origin: None,
                },
            ];
            let values = vec![
                Value::str(env!("CARGO_PKG_VERSION")),
                Value::str("offline"),
                Value::str("esql"),
            ];
            (SourcePlan::ShowInfo(values), cols)
        }
    }
}

/// The column name of a field: its explicit name, or its source text.
pub(super) fn field_name(a: &Analyzer<'_>, field: &Field) -> String {
    match &field.name {
        Some(n) => n.node.clone(),
        None => match &field.expr.kind {
            ExprKind::Column(name) => name.clone(),
            _ => a.text(field.expr.span).to_string(),
        },
    }
}

fn span_column_message(a: &Analyzer<'_>, e: &Expr, ty: DataType) -> String {
    format!(
        "cannot use [{}] directly in a row assignment; {} values can only be used in date arithmetic and date functions",
        a.text(e.span),
        ty
    )
}

/// Analyses one processing command, updating `cols` to its output.
pub(super) fn command(
    a: &mut Analyzer<'_>,
    cmd: &Spanned<Command>,
    cols: &mut Vec<Col>,
) -> Option<Vec<Operator>> {
    match &cmd.node {
        Command::Where(cond) => {
            let warnings_before = a.warnings.len();
            let join = a.join_context.take();
            let e = expr::resolve(a, cond, cols)?;
            let ty = e.data_type();
            if ty != DataType::Boolean && ty != DataType::Null {
                a.problem(
                    cond.span,
                    format!(
                        "Condition expression needs to be boolean, found [{}]",
                        ty.name().to_uppercase()
                    ),
                );
                return None;
            }
            match join {
                Some(ctx) => {
                    super::lookup_join::where_after_join(a, cond, e, warnings_before, cols, ctx)
                }
                None => Some(vec![Operator::Filter(e)]),
            }
        }
        Command::Eval(fields) => eval(a, fields, cols),
        Command::Stats(s) => stats::stats(a, s, cols).map(|op| vec![op]),
        Command::InlineStats(s) => inline_stats::inline_stats(a, s, cols),
        Command::Sort(keys) => {
            let mut specs = Vec::new();
            for k in keys {
                let e = expr::resolve(a, &k.expr, cols)?;
                let descending = k.order == Some(SortOrder::Desc);
                let nulls_first = match k.nulls {
                    Some(NullsOrder::First) => true,
                    Some(NullsOrder::Last) => false,
                    None => descending,
                };
                specs.push(SortSpec {
                    expr: e,
                    descending,
                    nulls_first,
                });
            }
            Some(vec![Operator::Sort(specs)])
        }
        Command::Limit(e) => limit(a, e).map(|n| vec![Operator::Limit(n)]),
        Command::Keep(patterns) => project::keep(a, patterns, cols).map(|op| vec![op]),
        Command::Drop(patterns) => project::drop(a, patterns, cols).map(|op| vec![op]),
        Command::Rename(clauses) => project::rename(a, clauses, cols).map(|op| vec![op]),
        Command::Dissect(d) => extract::dissect(a, d, cols).map(|op| vec![op]),
        Command::Grok(g) => extract::grok(a, g, cols).map(|op| vec![op]),
        Command::MvExpand(name) => {
            let i = expr::lookup_column(a, &name.node, name.span, cols)?;
            Some(vec![Operator::MvExpand(i)])
        }
        Command::Enrich(e) => super::enrich::enrich(a, e, cmd.span, cols),
        Command::LookupJoin(j) => super::lookup_join::lookup_join(a, j, cmd.span, cols),
        Command::Completion(_) => {
            a.problem(
                cmd.span,
                "COMPLETION is not available offline: it calls an inference endpoint (an LLM) in a cluster",
            );
            None
        }
        Command::Sample(_) => unsupported(a, cmd, "SAMPLE"),
        Command::ChangePoint(_) => unsupported(a, cmd, "CHANGE_POINT"),
        Command::Fork(_) => unsupported(a, cmd, "FORK"),
        Command::Other(o) => {
            let name = o.keyword.to_uppercase();
            unsupported(a, cmd, &name)
        }
    }
}

fn unsupported(a: &mut Analyzer<'_>, cmd: &Spanned<Command>, name: &str) -> Option<Vec<Operator>> {
    a.problem(cmd.span, format!("{name} is not supported offline yet"));
    None
}

/// EVAL: appends each field (later fields see earlier ones); a new column
/// replaces a same-named one, which disappears from its old position.
fn eval(a: &mut Analyzer<'_>, fields: &[Field], cols: &mut Vec<Col>) -> Option<Vec<Operator>> {
    let mut extended = cols.clone();
    let old = cols.len();
    let mut exprs = Vec::new();
    let mut ok = true;
    for field in fields {
        let name = field_name(a, field);
        match expr::resolve(a, &field.expr, &extended) {
            Some(e) => {
                let ty = e.data_type();
                if ty.is_span() {
                    a.problem(
                        field.expr.span,
                        format!(
                            "EVAL does not support type [{}] as the return data type of expression [{}]",
                            ty,
                            a.text(field.expr.span)
                        ),
                    );
                    ok = false;
                    continue;
                }
                extended.push(Col {
                    name,
                    ty,
                    origin: None,
                });
                exprs.push(e);
            }
            None => {
                // Keep the name known so later commands do not report it
                // as unknown on top of the real problem.
                extended.push(Col {
                    name,
                    ty: DataType::Null,
                    origin: None,
                });
                ok = false;
            }
        }
    }
    if !ok {
        let keep = merge_output(&extended, old);
        *cols = keep
            .iter()
            .filter_map(|&i| extended.get(i).cloned())
            .collect();
        return None;
    }
    let keep = merge_output(&extended, old);
    *cols = keep
        .iter()
        .filter_map(|&i| extended.get(i).cloned())
        .collect();
    Some(vec![Operator::Eval { exprs, keep }])
}

/// Positions of `cols` to keep after `new` columns were appended to `old`
/// ones: a new column replaces every earlier column of its name (old or
/// new); same-named old columns that nothing replaces stay side by side.
pub(super) fn merge_output(cols: &[Col], old: usize) -> Vec<usize> {
    cols.iter()
        .enumerate()
        .filter(|&(i, col)| {
            !cols
                .iter()
                .enumerate()
                .skip(i + 1)
                .any(|(j, c)| j >= old && c.name == col.name)
        })
        .map(|(i, _)| i)
        .collect()
}

fn limit(a: &mut Analyzer<'_>, e: &Expr) -> Option<usize> {
    match &e.kind {
        ExprKind::Literal(Literal::Integer(n)) if *n >= 0 => {
            Some(usize::try_from(*n).unwrap_or(usize::MAX))
        }
        ExprKind::Literal(Literal::UnsignedLong(_)) => Some(usize::MAX),
        _ => {
            let resolved = expr::resolve(a, e, &[]);
            if let Some(TypedExpr::Literal(Value::One(Scalar::Integer(n)), _)) = resolved {
                if let Ok(n) = usize::try_from(n) {
                    return Some(n);
                }
            }
            a.problem(
                e.span,
                format!(
                    "Invalid value for LIMIT [{}], expecting a non negative integer",
                    a.text(e.span)
                ),
            );
            None
        }
    }
}
