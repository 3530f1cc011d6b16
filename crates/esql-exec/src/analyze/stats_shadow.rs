//! Repeated names in STATS: which fields stay, and Elasticsearch's warning
//! for each one that goes.
//!
//! Elasticsearch drops, among the groupings and then among the aggregates
//! followed by the groupings, every field whose name a later field of the
//! same list repeats, and warns `Line L:C: Field 'name' shadowed by field at
//! line L2:C2` (the dropped field's position, then the one that stays),
//! walking each list from its end. A dropped grouping no longer groups:
//! `BY k = languages, k = gender` groups by gender alone. Identical warnings
//! are reported once.

use super::commands::field_name;
use super::Analyzer;
use esql_parser::ast::{Field, Stats};

/// Where a field starts: at its name when it has one.
fn start(f: &Field) -> u32 {
    f.name
        .as_ref()
        .map(|n| n.span.start)
        .unwrap_or(f.expr.span.start)
}

/// For each grouping of `s`, whether it stays (no later grouping has its
/// name).
pub(super) fn kept_groups(a: &Analyzer<'_>, s: &Stats) -> Vec<bool> {
    let names: Vec<String> = s.groups.iter().map(|g| field_name(a, g)).collect();
    names
        .iter()
        .enumerate()
        .map(|(i, n)| !names.iter().skip(i + 1).any(|m| m == n))
        .collect()
}

/// The shadowing warnings of `s`, in Elasticsearch's order.
pub(super) fn warnings(a: &Analyzer<'_>, s: &Stats) -> Vec<String> {
    let groups: Vec<(String, u32)> = s
        .groups
        .iter()
        .map(|g| (field_name(a, g), start(g)))
        .collect();
    let mut all: Vec<(String, u32)> = s
        .aggregates
        .iter()
        .map(|f| (field_name(a, &f.field), start(&f.field)))
        .collect();
    all.extend(groups.iter().cloned());
    let mut out: Vec<String> = Vec::new();
    for list in [&groups, &all] {
        let mut seen: Vec<(&str, u32)> = Vec::new();
        for (name, at) in list.iter().rev() {
            match seen.iter().find(|(n, _)| n == name) {
                Some((_, later)) => {
                    let (here, there) = (
                        a.lines.line_col(*at as usize),
                        a.lines.line_col(*later as usize),
                    );
                    let w = format!(
                        "Line {}:{}: Field '{}' shadowed by field at line {}:{}",
                        here.line, here.column, name, there.line, there.column
                    );
                    if !out.contains(&w) {
                        out.push(w);
                    }
                }
                None => seen.push((name, *at)),
            }
        }
    }
    out
}
