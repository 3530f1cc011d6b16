//! INLINE STATS: STATS whose results are appended to every input row.
//!
//! The output keeps the input columns, minus those an aggregate or a
//! grouping key of the same name replaces, then the aggregates, then the
//! grouping keys — the layout Elasticsearch gives (its InlineJoin puts the
//! aggregate's output after the left side's remaining columns).

use super::{stats, Analyzer, Col};
use crate::plan::Operator;
use esql_parser::ast::{Command, Stats};
use esql_parser::Spanned;

/// Analyses `INLINE STATS`, updating `cols` to its output.
pub(crate) fn inline_stats(
    a: &mut Analyzer<'_>,
    s: &Stats,
    cols: &mut Vec<Col>,
) -> Option<Vec<Operator>> {
    let mut stats_cols = cols.clone();
    let Some(Operator::Stats(spec)) = stats::stats(a, s, &mut stats_cols) else {
        return None;
    };
    let width = cols.len();
    let mut keep = Vec::new();
    let mut out = Vec::new();
    for (i, c) in cols.iter().enumerate() {
        if !stats_cols.iter().any(|s| s.name == c.name) {
            keep.push(i);
            out.push(c.clone());
        }
    }
    for (j, c) in stats_cols.into_iter().enumerate() {
        keep.push(width + j);
        out.push(c);
    }
    *cols = out;
    Some(vec![Operator::InlineStats { spec, keep }])
}

/// Elasticsearch's checks on what may come before an INLINE STATS: no LIMIT
/// (explicit or implicit), and no SORT whose order it would have to keep
/// (a SORT followed by a STATS is dropped, so it does not count).
pub(crate) fn order_problems(a: &mut Analyzer<'_>, commands: &[Spanned<Command>], at: usize) {
    let Some(here) = commands.get(at) else {
        return;
    };
    let before = commands.get(..at).unwrap_or_default();
    if before.iter().any(|c| matches!(c.node, Command::Limit(_))) {
        a.problem(
            here.span,
            "INLINE STATS cannot be used after an explicit or implicit LIMIT command",
        );
        return;
    }
    let last_stats = before
        .iter()
        .rposition(|c| matches!(c.node, Command::Stats(_)))
        .map_or(0, |i| i + 1);
    let sorts = before.get(last_stats..).unwrap_or_default();
    if let Some(sort) = sorts.iter().find(|c| matches!(c.node, Command::Sort(_))) {
        let message = format!(
            "INLINE STATS [{}] cannot yet have an unbounded SORT [{}] before it : either move the SORT after it, or add a LIMIT before the SORT",
            a.text(here.span),
            a.text(sort.span)
        );
        a.problem(here.span, message);
    }
}
