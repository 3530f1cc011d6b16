//! Grouping aliases seen from inside aggregates.
//!
//! In `STATS m = MAX(k + 1), c = COUNT(*) WHERE k > 2 BY k = languages`
//! the aggregate arguments and filters may name the grouping alias `k`:
//! Elasticsearch resolves them against the input columns merged with the
//! named groupings, a grouping shadowing an input column of the same name
//! (the last of several groupings of one name wins). The alias stands for
//! the grouping's expression evaluated on each input row, so it is replaced
//! by that expression before the argument is resolved.

use esql_parser::ast::{Expr, ExprKind, Field};

/// The named groupings (`name = expr`) of a STATS, last one first, so a
/// lookup finds the one that wins.
pub(super) fn aliases(groups: &[Field]) -> Vec<(String, Expr)> {
    groups
        .iter()
        .rev()
        .filter_map(|g| g.name.as_ref().map(|n| (n.node.clone(), g.expr.clone())))
        .collect()
}

/// `e` with every column that names a grouping alias replaced by the
/// grouping's expression (the replacement itself is not searched again).
pub(super) fn substitute(e: &Expr, aliases: &[(String, Expr)]) -> Expr {
    let mut out = e.clone();
    if !aliases.is_empty() {
        replace(&mut out, aliases);
    }
    out
}

fn replace(e: &mut Expr, aliases: &[(String, Expr)]) {
    match &mut e.kind {
        ExprKind::Column(name) => {
            if let Some((_, g)) = aliases.iter().find(|(n, _)| n == name) {
                *e = g.clone();
            }
        }
        ExprKind::Literal(_) | ExprKind::Param(_) | ExprKind::Map(_) => {}
        ExprKind::Call(call) => call.args.iter_mut().for_each(|x| replace(x, aliases)),
        ExprKind::Neg(x) | ExprKind::Not(x) => replace(x, aliases),
        ExprKind::Cast { expr, .. } | ExprKind::IsNull { expr, .. } => replace(expr, aliases),
        ExprKind::Like { expr, .. } => replace(expr, aliases),
        ExprKind::Binary { left, right, .. } => {
            replace(left, aliases);
            replace(right, aliases);
        }
        ExprKind::In { expr, list, .. } => {
            replace(expr, aliases);
            list.iter_mut().for_each(|x| replace(x, aliases));
        }
        ExprKind::Match { field, query } => {
            replace(field, aliases);
            replace(query, aliases);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use esql_parser::ast::Command;

    fn stats_of(q: &str) -> esql_parser::ast::Stats {
        let parsed = esql_parser::parse(q).expect("parses");
        let cmd = parsed.query.commands.last().cloned().expect("a command");
        match cmd.node {
            Command::Stats(s) => s,
            other => panic!("not STATS: {other:?}"),
        }
    }

    #[test]
    fn an_alias_becomes_its_grouping_expression() {
        let s = stats_of("FROM e | STATS m = MAX(k + 1) BY k = languages * 2");
        let al = aliases(&s.groups);
        let arg = match &s.aggregates[0].field.expr.kind {
            ExprKind::Call(c) => c.args[0].clone(),
            _ => panic!("a call"),
        };
        assert_eq!(substitute(&arg, &al).to_string(), "languages * 2 + 1");
    }

    #[test]
    fn the_last_grouping_of_a_name_wins_and_is_not_expanded_again() {
        let s = stats_of("FROM e | STATS m = MAX(k) BY k = a, k = k + 1");
        let al = aliases(&s.groups);
        let arg = match &s.aggregates[0].field.expr.kind {
            ExprKind::Call(c) => c.args[0].clone(),
            _ => panic!("a call"),
        };
        assert_eq!(substitute(&arg, &al).to_string(), "k + 1");
    }

    #[test]
    fn unnamed_groupings_are_no_aliases() {
        let s = stats_of("FROM e | STATS m = MAX(languages) BY languages");
        assert!(aliases(&s.groups).is_empty());
    }
}
