//! One way to walk a query.
//!
//! A [`Visitor`] sees every command, every expression (before its operands)
//! and every name a command writes, in source order (an alias after the
//! expression it names), and can stop the walk
//! early by returning [`ControlFlow::Break`]. The walk itself lives here
//! once: its matches list every command and expression kind without a
//! wildcard arm, so a new kind that the walk does not handle is a compile
//! error rather than a silent skip.
//!
//! ```
//! use esql_parser::visit::{walk_query, NameRole, Visitor};
//! use std::ops::ControlFlow;
//!
//! /// Collects the columns a query reads.
//! #[derive(Default)]
//! struct Reads(Vec<String>);
//! impl Visitor for Reads {
//!     type Break = ();
//!     fn expr(&mut self, e: &esql_parser::ast::Expr) -> ControlFlow<()> {
//!         if let esql_parser::ast::ExprKind::Column(c) = &e.kind {
//!             self.0.push(c.clone());
//!         }
//!         ControlFlow::Continue(())
//!     }
//!     fn name(&mut self, role: NameRole, name: &esql_parser::Spanned<String>) -> ControlFlow<()> {
//!         if role == NameRole::Read {
//!             self.0.push(name.node.clone());
//!         }
//!         ControlFlow::Continue(())
//!     }
//! }
//!
//! let q = esql_parser::parse("FROM l | EVAL y = x + 1 | MV_EXPAND z").unwrap().query;
//! let mut reads = Reads::default();
//! let _ = walk_query(&q, &mut reads);
//! assert_eq!(reads.0, ["x", "z"]);
//! ```

use crate::ast::{Command, Expr, ExprKind, Field, Query, SortKey, SourceCommand, Stats};
use crate::span::Spanned;
use std::ops::ControlFlow;

/// What a name written in a command (outside expressions) stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRole {
    /// A column the command reads by its exact name: RENAME's old name,
    /// MV_EXPAND's column, ENRICH's `ON` column, CHANGE_POINT's value and key.
    Read,
    /// A KEEP or DROP entry: a column name or a wildcard pattern.
    Pattern,
    /// A column the command creates: an alias (`x = …` in ROW, EVAL, STATS,
    /// BY), RENAME's new name, ENRICH's `WITH` output, COMPLETION's target,
    /// CHANGE_POINT's output names.
    Written,
    /// A metadata field asked for with `FROM … METADATA`.
    Metadata,
}

/// Callbacks of a walk; every method has a default that continues.
pub trait Visitor {
    /// The value a visitor stops with.
    type Break;

    /// Called for each processing command before its parts are walked
    /// (also for the commands inside FORK branches).
    fn command(&mut self, command: &Spanned<Command>) -> ControlFlow<Self::Break> {
        let _ = command;
        ControlFlow::Continue(())
    }

    /// Called for each expression before its operands.
    fn expr(&mut self, expr: &Expr) -> ControlFlow<Self::Break> {
        let _ = expr;
        ControlFlow::Continue(())
    }

    /// Called for each name a command writes outside its expressions.
    fn name(&mut self, role: NameRole, name: &Spanned<String>) -> ControlFlow<Self::Break> {
        let _ = (role, name);
        ControlFlow::Continue(())
    }
}

/// Walks the source command, then every processing command in order.
pub fn walk_query<V: Visitor + ?Sized>(query: &Query, v: &mut V) -> ControlFlow<V::Break> {
    match &query.source.node {
        SourceCommand::From(from) | SourceCommand::Ts(from) => {
            for m in &from.metadata {
                v.name(NameRole::Metadata, m)?;
            }
        }
        SourceCommand::Row(fields) => walk_fields(fields, v)?,
        SourceCommand::ShowInfo => {}
    }
    walk_commands(&query.commands, v)
}

/// Walks a list of processing commands in order.
pub fn walk_commands<V: Visitor + ?Sized>(
    commands: &[Spanned<Command>],
    v: &mut V,
) -> ControlFlow<V::Break> {
    commands.iter().try_for_each(|c| walk_command(c, v))
}

/// Walks one processing command: the command itself, then its expressions
/// and names in source order.
pub fn walk_command<V: Visitor + ?Sized>(
    command: &Spanned<Command>,
    v: &mut V,
) -> ControlFlow<V::Break> {
    v.command(command)?;
    match &command.node {
        Command::Where(e) | Command::Limit(e) | Command::Sample(e) => walk_expr(e, v),
        Command::Eval(fields) => walk_fields(fields, v),
        Command::Stats(stats) | Command::InlineStats(stats) => walk_stats(stats, v),
        Command::Sort(keys) => keys
            .iter()
            .try_for_each(|k: &SortKey| walk_expr(&k.expr, v)),
        Command::Keep(names) | Command::Drop(names) => {
            names.iter().try_for_each(|n| v.name(NameRole::Pattern, n))
        }
        Command::Rename(renames) => renames.iter().try_for_each(|r| {
            v.name(NameRole::Read, &r.old)?;
            v.name(NameRole::Written, &r.new)
        }),
        Command::Dissect(d) => {
            walk_expr(&d.input, v)?;
            d.options.iter().try_for_each(|o| walk_expr(&o.value, v))
        }
        Command::Grok(g) => walk_expr(&g.input, v),
        Command::MvExpand(name) => v.name(NameRole::Read, name),
        Command::Enrich(e) => {
            if let Some(on) = &e.on {
                v.name(NameRole::Read, on)?;
            }
            e.with.iter().try_for_each(|w| {
                let out = w.new.as_ref().unwrap_or(&w.field);
                v.name(NameRole::Written, out)
            })
        }
        Command::LookupJoin(j) => j.on.iter().try_for_each(|e| walk_expr(e, v)),
        Command::Completion(c) => {
            walk_expr(&c.prompt, v)?;
            if let Some(options) = &c.options {
                walk_expr(options, v)?;
            }
            match &c.target {
                Some(t) => v.name(NameRole::Written, t),
                None => ControlFlow::Continue(()),
            }
        }
        Command::ChangePoint(cp) => {
            v.name(NameRole::Read, &cp.value)?;
            if let Some(key) = &cp.key {
                v.name(NameRole::Read, key)?;
            }
            match &cp.names {
                Some((kind, pvalue)) => {
                    v.name(NameRole::Written, kind)?;
                    v.name(NameRole::Written, pvalue)
                }
                None => ControlFlow::Continue(()),
            }
        }
        Command::Fork(branches) => branches.iter().try_for_each(|b| walk_commands(&b.node, v)),
        Command::Other(_) => ControlFlow::Continue(()),
    }
}

fn walk_fields<V: Visitor + ?Sized>(fields: &[Field], v: &mut V) -> ControlFlow<V::Break> {
    fields.iter().try_for_each(|f| walk_field(f, v))
}

/// An aliased field: its expression, then its alias.
fn walk_field<V: Visitor + ?Sized>(field: &Field, v: &mut V) -> ControlFlow<V::Break> {
    walk_expr(&field.expr, v)?;
    match &field.name {
        Some(name) => v.name(NameRole::Written, name),
        None => ControlFlow::Continue(()),
    }
}

fn walk_stats<V: Visitor + ?Sized>(stats: &Stats, v: &mut V) -> ControlFlow<V::Break> {
    for a in &stats.aggregates {
        walk_field(&a.field, v)?;
        if let Some(filter) = &a.filter {
            walk_expr(filter, v)?;
        }
    }
    walk_fields(&stats.groups, v)
}

/// Walks an expression: the expression itself, then its operands left to
/// right.
pub fn walk_expr<V: Visitor + ?Sized>(expr: &Expr, v: &mut V) -> ControlFlow<V::Break> {
    v.expr(expr)?;
    match &expr.kind {
        ExprKind::Literal(_) | ExprKind::Column(_) | ExprKind::Param(_) => {
            ControlFlow::Continue(())
        }
        ExprKind::Call(call) => call.args.iter().try_for_each(|a| walk_expr(a, v)),
        ExprKind::Neg(x) | ExprKind::Not(x) => walk_expr(x, v),
        ExprKind::Binary { left, right, .. } => {
            walk_expr(left, v)?;
            walk_expr(right, v)
        }
        ExprKind::In { expr, list, .. } => {
            walk_expr(expr, v)?;
            list.iter().try_for_each(|x| walk_expr(x, v))
        }
        ExprKind::IsNull { expr, .. } | ExprKind::Cast { expr, .. } => walk_expr(expr, v),
        ExprKind::Like { expr, patterns, .. } => {
            walk_expr(expr, v)?;
            patterns.iter().try_for_each(|p| walk_expr(p, v))
        }
        ExprKind::Match { field, query } => {
            walk_expr(field, v)?;
            walk_expr(query, v)
        }
        ExprKind::Map(entries) => entries.iter().try_for_each(|m| walk_expr(&m.value, v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records everything a walk reports, as text.
    #[derive(Default)]
    struct Trace(Vec<String>);

    impl Visitor for Trace {
        type Break = ();
        fn command(&mut self, c: &Spanned<Command>) -> ControlFlow<()> {
            self.0.push(format!("cmd {}", c.node));
            ControlFlow::Continue(())
        }
        fn expr(&mut self, e: &Expr) -> ControlFlow<()> {
            if let ExprKind::Column(c) = &e.kind {
                self.0.push(format!("col {c}"));
            }
            ControlFlow::Continue(())
        }
        fn name(&mut self, role: NameRole, name: &Spanned<String>) -> ControlFlow<()> {
            self.0.push(format!("{role:?} {}", name.node));
            ControlFlow::Continue(())
        }
    }

    fn trace(q: &str) -> Vec<String> {
        let parsed = crate::parse(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        let mut t = Trace::default();
        let _ = walk_query(&parsed.query, &mut t);
        t.0
    }

    #[test]
    fn reports_names_and_columns_in_source_order() {
        let got = trace(
            "FROM l METADATA _id | EVAL y = x + 1 | STATS c = COUNT(*) WHERE a > 0 BY k = f(z) \
             | RENAME c AS d | KEEP d, k* | MV_EXPAND d",
        );
        assert_eq!(
            got,
            [
                "Metadata _id",
                "cmd EVAL y = x + 1",
                "col x",
                "Written y",
                "cmd STATS c = COUNT(*) WHERE a > 0 BY k = f(z)",
                "Written c",
                "col a",
                "col z",
                "Written k",
                "cmd RENAME c AS d",
                "Read c",
                "Written d",
                "cmd KEEP d, k*",
                "Pattern d",
                "Pattern k*",
                "cmd MV_EXPAND d",
                "Read d",
            ]
        );
    }

    #[test]
    fn descends_into_enrich_and_fork_branches() {
        let got = trace("FROM l | ENRICH p ON h WITH o = owner | FORK (WHERE a > 1) (EVAL b = c)");
        assert!(got.contains(&"Read h".to_string()), "{got:?}");
        assert!(got.contains(&"Written o".to_string()), "{got:?}");
        assert!(got.contains(&"col a".to_string()), "{got:?}");
        assert!(got.contains(&"Written b".to_string()), "{got:?}");
        assert!(got.contains(&"col c".to_string()), "{got:?}");
    }

    /// Stops at the first column named `stop`.
    struct FindStop(usize);

    impl Visitor for FindStop {
        type Break = usize;
        fn expr(&mut self, e: &Expr) -> ControlFlow<usize> {
            self.0 += 1;
            match &e.kind {
                ExprKind::Column(c) if c == "stop" => ControlFlow::Break(self.0),
                _ => ControlFlow::Continue(()),
            }
        }
    }

    #[test]
    fn a_break_ends_the_walk_where_it_happened() {
        let q = crate::parse("ROW a = 1 | WHERE x > 1 AND stop | EVAL z = y")
            .unwrap()
            .query;
        let mut v = FindStop(0);
        // `1`, then `x > 1 AND stop`, `x > 1`, `x`, `1`, `stop`: the sixth.
        assert_eq!(walk_query(&q, &mut v), ControlFlow::Break(6));
        assert_eq!(v.0, 6, "nothing after the break is visited");
    }
}
