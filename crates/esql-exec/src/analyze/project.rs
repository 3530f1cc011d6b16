//! KEEP, DROP and RENAME: name patterns over the current columns.

use super::{Analyzer, Col};
use crate::plan::Operator;
use esql_parser::ast::Rename;
use esql_parser::Spanned;

/// True when `name` matches `pattern`, where `*` matches any run of characters.
pub(crate) fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while let Some(&c) = n.get(ni) {
        match p.get(pi) {
            Some(&'*') => {
                star = Some(pi);
                mark = ni;
                pi += 1;
            }
            Some(&pc) if pc == c => {
                pi += 1;
                ni += 1;
            }
            _ => {
                let Some(s) = star else {
                    return false;
                };
                pi = s + 1;
                mark += 1;
                ni = mark;
            }
        }
    }
    while p.get(pi) == Some(&'*') {
        pi += 1;
    }
    pi == p.len()
}

/// How specifically a pattern names a column: exact beats partial wildcard
/// beats a lone `*`.
fn rank(pattern: &str) -> u8 {
    if pattern == "*" {
        0
    } else if pattern.contains('*') {
        1
    } else {
        2
    }
}

fn mark_used(a: &mut Analyzer<'_>, c: &Col) {
    a.mark(c);
}

/// Reports patterns that match nothing; true when all matched.
fn check_patterns(a: &mut Analyzer<'_>, patterns: &[Spanned<String>], cols: &[Col]) -> bool {
    let mut ok = true;
    for p in patterns {
        let matched: Vec<&Col> = cols
            .iter()
            .filter(|c| glob_match(&p.node, &c.name))
            .collect();
        if matched.is_empty() {
            ok = false;
            if p.node.contains('*') {
                a.problem(p.span, format!("No matches found for pattern [{}]", p.node));
            } else {
                let names: Vec<&str> = cols.iter().map(|c| c.name.as_str()).collect();
                let msg = super::suggest::unknown_column(&p.node, &names);
                a.problem(p.span, msg);
            }
        }
        for c in matched {
            mark_used(a, c);
        }
    }
    ok
}

/// KEEP: output columns in argument order; a column named by several
/// arguments goes to the most specific one (rightmost among equals).
pub(crate) fn keep(
    a: &mut Analyzer<'_>,
    patterns: &[Spanned<String>],
    cols: &mut Vec<Col>,
) -> Option<Operator> {
    if !check_patterns(a, patterns, cols) {
        return None;
    }
    let mut assigned: Vec<(usize, usize)> = Vec::new(); // (argument, column)
    for (ci, c) in cols.iter().enumerate() {
        let mut best: Option<(u8, usize)> = None;
        for (pi, p) in patterns.iter().enumerate() {
            if glob_match(&p.node, &c.name) {
                let r = rank(&p.node);
                if best.is_none_or(|(br, _)| r >= br) {
                    best = Some((r, pi));
                }
            }
        }
        if let Some((_, pi)) = best {
            assigned.push((pi, ci));
        }
    }
    assigned.sort();
    let positions: Vec<usize> = assigned.into_iter().map(|(_, ci)| ci).collect();
    Some(project_to(cols, positions))
}

/// Narrows `cols` to `positions` and returns the matching projection.
fn project_to(cols: &mut Vec<Col>, positions: Vec<usize>) -> Operator {
    *cols = positions
        .iter()
        .filter_map(|&i| cols.get(i).cloned())
        .collect();
    Operator::Project(positions)
}

/// DROP: removes every matching column.
pub(crate) fn drop(
    a: &mut Analyzer<'_>,
    patterns: &[Spanned<String>],
    cols: &mut Vec<Col>,
) -> Option<Operator> {
    if !check_patterns(a, patterns, cols) {
        return None;
    }
    let positions: Vec<usize> = cols
        .iter()
        .enumerate()
        .filter(|(_, c)| !patterns.iter().any(|p| glob_match(&p.node, &c.name)))
        .map(|(i, _)| i)
        .collect();
    Some(project_to(cols, positions))
}

/// RENAME: applied left to right; the renamed column keeps its place and
/// a column already holding the new name is dropped.
pub(crate) fn rename(
    a: &mut Analyzer<'_>,
    clauses: &[Rename],
    cols: &mut Vec<Col>,
) -> Option<Operator> {
    // Track, for each current column, its position in the input row.
    let mut current: Vec<(Col, usize)> = cols.iter().cloned().zip(0..).collect();
    let mut ok = true;
    for r in clauses {
        let Some(i) = current.iter().rposition(|(c, _)| c.name == r.old.node) else {
            let names: Vec<&str> = current.iter().map(|(c, _)| c.name.as_str()).collect();
            let msg = super::suggest::unknown_column(&r.old.node, &names);
            a.problem(r.old.span, msg);
            ok = false;
            continue;
        };
        if let Some((c, _)) = current.get(i) {
            mark_used(a, &c.clone());
        }
        if let Some((c, _)) = current.get_mut(i) {
            c.name = r.new.node.clone();
        }
        let mut index = 0;
        current.retain(|(c, _)| {
            let keep = index == i || c.name != r.new.node;
            index += 1;
            keep
        });
    }
    if !ok {
        return None;
    }
    let positions = current.iter().map(|(_, p)| *p).collect();
    *cols = current.into_iter().map(|(c, _)| c).collect();
    Some(Operator::Project(positions))
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("a*", "abc"));
        assert!(glob_match("*c", "abc"));
        assert!(glob_match("a*c*", "abxcx"));
        assert!(!glob_match("a*d", "abc"));
        assert!(glob_match("*", ""));
        assert!(glob_match("abc", "abc"));
        assert!(glob_match("a*b*c", "aXbYbZc"));
        assert!(glob_match("**", "x"));
        assert!(!glob_match("abc", "ab"));
        assert!(!glob_match("ab", "abc"));
        assert!(glob_match("é*", "éa"));
    }
}
