//! The column names a query mentions, so fields that an index declares but
//! whose sampled documents never showed can still be offered.

use esql_parser::ast::{Command, Expr, ExprKind, Query};
use esql_parser::visit::{walk_expr, walk_query, NameRole, Visitor};
use esql_parser::Spanned;
use std::ops::ControlFlow;

/// Gathers the names of a walk: exact names read, and wildcard patterns.
#[derive(Default)]
struct Mentions {
    exact: Vec<String>,
    patterns: Vec<String>,
}

impl Visitor for Mentions {
    type Break = std::convert::Infallible;

    fn expr(&mut self, e: &Expr) -> ControlFlow<Self::Break> {
        if let ExprKind::Column(name) = &e.kind {
            self.exact.push(name.clone());
        }
        ControlFlow::Continue(())
    }

    fn name(&mut self, role: NameRole, name: &Spanned<String>) -> ControlFlow<Self::Break> {
        let name = &name.node;
        match role {
            NameRole::Read => self.exact.push(name.to_string()),
            NameRole::Pattern if name.contains('*') => {
                if name != "*" {
                    self.patterns.push(name.to_string());
                }
            }
            NameRole::Pattern => self.exact.push(name.to_string()),
            NameRole::Written | NameRole::Metadata => {}
        }
        ControlFlow::Continue(())
    }
}

fn mentions(query: &Query) -> Mentions {
    let mut m = Mentions::default();
    let ControlFlow::Continue(()) = walk_query(query, &mut m);
    m
}

/// Every exact name written in the query: columns in expressions and the
/// names commands read (KEEP and DROP entries without wildcards, RENAME's
/// old names, MV_EXPAND, ENRICH's match column…), sorted and deduplicated.
pub fn referenced(query: &Query) -> Vec<String> {
    let mut out = mentions(query).exact;
    out.sort();
    out.dedup();
    out
}

/// The names the query's filters read: `WHERE` conditions and the `WHERE`
/// of STATS aggregates (FORK branches included).
pub fn filtered(query: &Query) -> Vec<String> {
    /// Walks only the filter expressions of each command.
    #[derive(Default)]
    struct Filters(Mentions);
    impl Visitor for Filters {
        type Break = std::convert::Infallible;
        fn command(&mut self, cmd: &Spanned<Command>) -> ControlFlow<Self::Break> {
            match &cmd.node {
                Command::Where(e) => walk_expr(e, &mut self.0),
                Command::Stats(s) | Command::InlineStats(s) => s
                    .aggregates
                    .iter()
                    .filter_map(|a| a.filter.as_ref())
                    .try_for_each(|f| walk_expr(f, &mut self.0)),
                _ => ControlFlow::Continue(()),
            }
        }
    }
    let mut f = Filters::default();
    let ControlFlow::Continue(()) = walk_query(query, &mut f);
    let mut out = f.0.exact;
    out.sort();
    out.dedup();
    out
}

/// The wildcard patterns of KEEP and DROP (other than `*` alone).
pub fn patterns(query: &Query) -> Vec<String> {
    mentions(query).patterns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(q: &str) -> Query {
        esql_parser::parse(q)
            .unwrap_or_else(|e| panic!("{q}: {e}"))
            .query
    }

    #[test]
    fn exact_names_of_every_command_that_reads_by_name() {
        let q = query(
            "FROM l | WHERE a > 1 | KEEP b, c.* | RENAME b AS d | MV_EXPAND d \
             | ENRICH p ON host WITH owner | FORK (WHERE e == 1) (DROP f*)",
        );
        assert_eq!(referenced(&q), ["a", "b", "d", "e", "host"]);
        assert_eq!(patterns(&q), ["c.*", "f*"]);
    }

    #[test]
    fn a_lone_star_is_not_a_pattern_and_aliases_are_not_reads() {
        let q = query("ROW x = 1 | EVAL y = x | KEEP *");
        assert_eq!(referenced(&q), ["x"]);
        assert!(patterns(&q).is_empty());
    }
}
