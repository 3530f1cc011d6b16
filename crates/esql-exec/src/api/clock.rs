//! What a query's answer owes to the clock: the filters that compare with
//! `NOW()`, and how many documents the queried indices hold and how new
//! the newest is (for a front end to tell a user whose filter on the last
//! hours removed every row of older data).

use super::query::Query;
use super::session::Session;
use crate::engine::QueryError;
use esql_parser::ast::{BinaryOp, Command, Expr, ExprKind};
use esql_parser::visit::{self, Visitor};
use esql_parser::{LineIndex, Spanned};
use std::ops::ControlFlow;

/// A comparison in a `WHERE` whose operand calls `NOW()`, e.g.
/// `@timestamp > NOW() - 1 day`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NowFilter {
    /// 1-based line of the comparison in the query text.
    pub line: usize,
    /// 1-based column (in characters) of the comparison.
    pub column: usize,
    /// The comparison as written.
    pub text: String,
}

/// How many documents some indices hold and the newest `@timestamp`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataExtent {
    /// Documents of the indices.
    pub documents: u64,
    /// The newest `@timestamp` (milliseconds since the epoch), if any
    /// document has one.
    pub newest_ms: Option<i64>,
}

impl Query<'_> {
    /// The comparisons with `NOW()` in the query's `WHERE` commands
    /// (FORK branches included), in source order.
    pub fn now_filters(&self) -> Vec<NowFilter> {
        let Ok(parsed) = esql_parser::parse(self.text()) else {
            return Vec::new();
        };
        let mut finder = NowFinder { found: Vec::new() };
        let _ = visit::walk_query(&parsed.query, &mut finder);
        let lines = LineIndex::new(self.text());
        finder
            .found
            .into_iter()
            .map(|span| {
                let at = lines.line_col(span.start as usize);
                NowFilter {
                    line: at.line,
                    column: at.column,
                    text: span.text(self.text()).to_string(),
                }
            })
            .collect()
    }

    /// The index patterns of the query's `FROM` as written (`a, b-*`), or
    /// `None` for `ROW`, `SHOW` and `TS`.
    pub fn index_patterns(&self) -> Option<String> {
        let parsed = esql_parser::parse(self.text()).ok()?;
        match &parsed.query.source.node {
            esql_parser::ast::SourceCommand::From(from) => Some(
                from.indices
                    .iter()
                    .map(|p| p.span.text(self.text()))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            _ => None,
        }
    }
}

impl Session {
    /// The number of documents of the indices `patterns` (a `FROM` list)
    /// names and their newest `@timestamp`. `Err` when the indices do not
    /// exist or have no `@timestamp` of a date type.
    pub fn data_extent(&self, patterns: &str) -> Result<DataExtent, QueryError> {
        let text =
            format!("FROM {patterns} | STATS n = COUNT(*), newest = MAX(@timestamp) | LIMIT 1");
        let table = self.prepare(&text)?.run()?.table;
        let row = table.to_json_rows().into_iter().next().unwrap_or_default();
        let documents = row.first().and_then(|v| v.as_u64()).unwrap_or(0);
        let newest_ms = row
            .get(1)
            .and_then(|v| v.as_str())
            .and_then(super::timestamp_millis);
        Ok(DataExtent {
            documents,
            newest_ms,
        })
    }

    /// The newest `@timestamp` of all the session's indices (those without
    /// one, or whose `@timestamp` is no date, are passed over); `None`
    /// when no document has one.
    pub fn newest_timestamp_ms(&self) -> Result<Option<i64>, QueryError> {
        let mut newest = None;
        for name in self.index_names()? {
            let quoted = format!("\"{}\"", name.replace('"', ""));
            if let Ok(extent) = self.data_extent(&quoted) {
                newest = newest.max(extent.newest_ms);
            }
        }
        Ok(newest)
    }
}

/// Collects the spans of comparisons with `NOW()` inside `WHERE`s.
struct NowFinder {
    found: Vec<esql_parser::Span>,
}

impl Visitor for NowFinder {
    type Break = ();

    fn command(&mut self, command: &Spanned<Command>) -> ControlFlow<()> {
        if let Command::Where(condition) = &command.node {
            comparisons_with_now(condition, &mut self.found);
        }
        ControlFlow::Continue(())
    }
}

/// Pushes the span of every comparison in `expr` one of whose sides calls
/// `NOW()`.
fn comparisons_with_now(expr: &Expr, found: &mut Vec<esql_parser::Span>) {
    struct Each<'a>(&'a mut Vec<esql_parser::Span>);
    impl Visitor for Each<'_> {
        type Break = ();
        fn expr(&mut self, expr: &Expr) -> ControlFlow<()> {
            if let ExprKind::Binary { op, left, right } = &expr.kind {
                let compares = matches!(
                    op,
                    BinaryOp::Eq
                        | BinaryOp::NotEq
                        | BinaryOp::Lt
                        | BinaryOp::LtEq
                        | BinaryOp::Gt
                        | BinaryOp::GtEq
                );
                if compares && (calls_now(left) || calls_now(right)) {
                    self.0.push(expr.span);
                }
            }
            ControlFlow::Continue(())
        }
    }
    let _ = visit::walk_expr(expr, &mut Each(found));
}

/// True when `expr` calls `NOW()` somewhere.
fn calls_now(expr: &Expr) -> bool {
    struct Find;
    impl Visitor for Find {
        type Break = ();
        fn expr(&mut self, expr: &Expr) -> ControlFlow<()> {
            match &expr.kind {
                ExprKind::Call(call) if call.name.node.eq_ignore_ascii_case("now") => {
                    ControlFlow::Break(())
                }
                _ => ControlFlow::Continue(()),
            }
        }
    }
    visit::walk_expr(expr, &mut Find).is_break()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn logs() -> Session {
        Session::new()
            .with_now_ms(0)
            .with_documents(
                "logs",
                vec![
                    json!({"@timestamp": "2024-05-10T10:00:00Z", "n": 1}),
                    json!({"@timestamp": "2024-05-10T12:30:00Z", "n": 2}),
                ],
            )
            .unwrap()
    }

    #[test]
    fn finds_the_comparisons_with_now() {
        let s = logs();
        let text = "FROM logs\n| WHERE n > 0 AND @timestamp > NOW() - 1 day\n| WHERE n < 5";
        let q = s.prepare(text).unwrap();
        let found = q.now_filters();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (2, 19));
        assert_eq!(found[0].text, "@timestamp > NOW() - 1 day");
        assert_eq!(q.index_patterns().as_deref(), Some("logs"));
        let plain = s
            .prepare("FROM logs | EVAL t = NOW() | WHERE n > 1")
            .unwrap();
        assert!(plain.now_filters().is_empty());
    }

    #[test]
    fn measures_the_data() {
        let s = logs();
        let extent = s.data_extent("logs").unwrap();
        assert_eq!(extent.documents, 2);
        assert_eq!(
            extent.newest_ms,
            crate::api::timestamp_millis("2024-05-10T12:30:00Z")
        );
        assert_eq!(s.newest_timestamp_ms().unwrap(), extent.newest_ms);
        assert_eq!(s.now_ms(), 0);
    }
}
