//! `--explain`: a readable dump of the typed plan.

use super::{Operator, Plan, SortSpec, SourcePlan, TypedExpr};
use crate::render::value_to_text;
use std::fmt;

fn expr(e: &TypedExpr) -> String {
    match e {
        TypedExpr::Literal(v, t) => format!("{}::{}", value_to_text(v), t),
        TypedExpr::Column(i, t) => format!("#{i}:{t}"),
        TypedExpr::Call { args, site, func } => format!(
            "call[{}]({}) -> {}",
            abbreviated(&site.text),
            args.iter().map(expr).collect::<Vec<_>>().join(", "),
            func.return_type
        ),
        TypedExpr::And(a, b) => format!("({} AND {})", expr(a), expr(b)),
        TypedExpr::Or(a, b) => format!("({} OR {})", expr(a), expr(b)),
        TypedExpr::Not(a) => format!("NOT {}", expr(a)),
        TypedExpr::Binary {
            op, left, right, ..
        } => {
            format!("({} {} {})", expr(left), op.symbol(), expr(right))
        }
        TypedExpr::Neg(a, ..) => format!("-{}", expr(a)),
        TypedExpr::In { expr: x, list, .. } => format!(
            "{} IN ({})",
            expr(x),
            list.iter().map(expr).collect::<Vec<_>>().join(", ")
        ),
        TypedExpr::IsNull(x, negated) => {
            format!("{} IS {}NULL", expr(x), if *negated { "NOT " } else { "" })
        }
        TypedExpr::Like {
            expr: x, patterns, ..
        } => format!(
            "{} MATCHES [{}]",
            expr(x),
            patterns
                .iter()
                .map(|p| p.describe())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Longest call text printed whole; the predicates KQL, QSTR and MATCH
/// compile to each carry the text of their whole call, which may be long.
const MAX_CALL_TEXT: usize = 200;

/// `text`, cut after [`MAX_CALL_TEXT`] characters (marked with `…`).
fn abbreviated(text: &str) -> String {
    match text.char_indices().nth(MAX_CALL_TEXT) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_string(),
    }
}

fn keys(keys: &[SortSpec]) -> String {
    keys.iter()
        .map(|k| {
            format!(
                "{} {} NULLS {}",
                expr(&k.expr),
                if k.descending { "DESC" } else { "ASC" },
                if k.nulls_first { "FIRST" } else { "LAST" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.source {
            SourcePlan::Row(values) => writeln!(
                f,
                "Row [{}]",
                values
                    .iter()
                    .map(value_to_text)
                    .collect::<Vec<_>>()
                    .join(", ")
            )?,
            SourcePlan::ShowInfo(_) => writeln!(f, "ShowInfo")?,
            SourcePlan::From(from) => {
                let names: Vec<&str> = from.indices.iter().map(|i| i.name.as_str()).collect();
                writeln!(f, "Scan indices=[{}]", names.join(", "))?;
                let fields: Vec<String> = from
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, (n, t))| format!("#{i} {n}:{t}"))
                    .collect();
                writeln!(f, "  read: {}", fields.join(", "))?;
                if !from.metadata.is_empty() {
                    writeln!(f, "  metadata: {}", from.metadata.join(", "))?;
                }
                if !from.required_literals.is_empty() {
                    writeln!(f, "  prefilter: {:?}", from.required_literals)?;
                }
                // Shown where raw CloudTrail is read: an `AWSLogs` tree, or
                // files read as CloudTrail whatever their place.
                let cloudtrail = from.indices.iter().any(|ix| {
                    ix.format.input == crate::reader::documents::InputFormat::CloudTrail
                        || (ix.format.input == crate::reader::documents::InputFormat::Auto
                            && ix.files.iter().any(|f| {
                                f.components()
                                    .any(|c| c.as_os_str() == esql_cloudtrail::AWSLOGS_DIR)
                            }))
                });
                if cloudtrail && from.record_prefilter.is_active() {
                    writeln!(
                        f,
                        "  raw record prefilter: {:?}",
                        from.record_prefilter.literals
                    )?;
                }
            }
        }
        for op in &self.operators {
            match op {
                Operator::Filter(e) => writeln!(f, "Filter {}", expr(e))?,
                Operator::Eval { exprs, keep } => writeln!(
                    f,
                    "Eval [{}] keep={:?}",
                    exprs.iter().map(expr).collect::<Vec<_>>().join(", "),
                    keep
                )?,
                Operator::Project(keep) => writeln!(f, "Project {keep:?}")?,
                Operator::Dissect { input, keep, .. } => {
                    writeln!(f, "Dissect {} keep={keep:?}", expr(input))?
                }
                Operator::Grok { input, keep, .. } => {
                    writeln!(f, "Grok {} keep={keep:?}", expr(input))?
                }
                Operator::MvExpand(i) => writeln!(f, "MvExpand #{i}")?,
                Operator::Enrich {
                    input,
                    table,
                    positions,
                    keep,
                } => writeln!(
                    f,
                    "Enrich #{input} policy={} fields={positions:?} keep={keep:?}",
                    table.policy.name
                )?,
                Operator::LookupJoin { spec, .. } => {
                    let on: Vec<String> = spec
                        .keys
                        .iter()
                        .map(|k| {
                            let field = spec.index.fields.get(k.right).map_or("?", |(n, _)| n);
                            format!("#{} {} {field}", k.left, k.op.symbol())
                        })
                        .collect();
                    let fields: Vec<&str> = spec
                        .outputs
                        .iter()
                        .filter_map(|&o| spec.index.fields.get(o).map(|(n, _)| n.as_str()))
                        .collect();
                    writeln!(
                        f,
                        "LookupJoin {} on [{}] fields={fields:?} keep={:?}",
                        spec.index.name,
                        on.join(", "),
                        spec.keep
                    )?
                }
                Operator::Stats(s) => writeln!(f, "Aggregate {}", aggregation(s))?,
                Operator::InlineStats { spec, keep } => {
                    writeln!(f, "InlineAggregate {} keep={keep:?}", aggregation(spec))?
                }
                Operator::Sort(k) => writeln!(f, "Sort {}", keys(k))?,
                Operator::Limit(n) => writeln!(f, "Limit {n}")?,
                Operator::TopN(k, n) => writeln!(f, "TopN {n} by {}", keys(k))?,
            }
        }
        let cols: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("{}:{}", c.name, c.ty))
            .collect();
        write!(f, "Output [{}]", cols.join(", "))
    }
}

/// Groups, aggregates and outputs of a STATS or INLINE STATS.
fn aggregation(s: &crate::plan::StatsSpec) -> String {
    let aggs: Vec<String> = s
        .aggregates
        .iter()
        .map(|a| {
            format!(
                "{}({}) -> {}",
                a.name,
                a.args.iter().map(expr).collect::<Vec<_>>().join(", "),
                a.aggregate.return_type
            )
        })
        .collect();
    format!(
        "groups=[{}] aggregates=[{}] outputs=[{}]",
        s.groups.iter().map(expr).collect::<Vec<_>>().join(", "),
        aggs.join(", "),
        s.outputs.iter().map(expr).collect::<Vec<_>>().join(", ")
    )
}
