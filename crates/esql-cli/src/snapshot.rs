//! Snapshots of hunt results for `esql test`.
//!
//! The snapshot of hunt file `NAME` is the file `NAME.snap` beside it. It
//! holds one block per query of the hunt, in file order, blocks separated by
//! a blank line. A block is a heading `-- ORIGIN` (the query's origin with
//! the hunt's file name, e.g. `-- hunt.toml: query 2 (Rare logins)`), the
//! result in Elasticsearch's `txt` format, then the warnings the run gave,
//! one `Warning: …` line each (parse warnings with their source snippet).

use crate::sources::QuerySource;
use crate::style::{paint, Paint};
use esql_exec::api::{Format, QueryError, Session};
use std::path::{Path, PathBuf};

/// Where the snapshot of hunt file `hunt` is kept: `hunt` with `.snap`
/// appended (`a.esql` → `a.esql.snap`).
pub fn path_of(hunt: &Path) -> PathBuf {
    let mut name = hunt.as_os_str().to_owned();
    name.push(".snap");
    PathBuf::from(name)
}

/// Runs every query of a hunt and returns its snapshot text, or the error
/// report of the first query that fails (headed by its origin).
pub fn render(queries: &[QuerySource], session: &Session) -> Result<String, String> {
    let mut blocks = Vec::with_capacity(queries.len());
    for q in queries {
        blocks.push(render_one(q, session)?);
    }
    Ok(blocks.join("\n"))
}

fn render_one(q: &QuerySource, session: &Session) -> Result<String, String> {
    let text = q.text.as_str();
    let failed = |e: &QueryError| format!("{}:\n{}", q.origin, e.render(text));
    let query = session.prepare(text).map_err(|e| failed(&e))?;
    let mut warnings = query.parse_warnings();
    let answer = query.run().map_err(|e| failed(&e))?;
    warnings.extend(answer.warnings);
    let mut block = format!("-- {}\n", q.origin);
    block.push_str(&answer.table.to_text(Format::Txt));
    if !block.ends_with('\n') {
        block.push('\n');
    }
    for w in warnings {
        block.push_str("Warning: ");
        block.push_str(&w);
        if !block.ends_with('\n') {
            block.push('\n');
        }
    }
    Ok(block)
}

/// A unified line diff from `expected` (the snapshot) to `actual`: lines
/// only in the snapshot start with `-`, lines only in the new result with
/// `+`, with three lines of context; red and green when `colour`.
pub fn diff(expected: &str, actual: &str, snapshot_name: &str, colour: bool) -> String {
    let text = similar::TextDiff::from_lines(expected, actual)
        .unified_diff()
        .context_radius(3)
        .header(snapshot_name, "actual")
        .to_string();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let painted = if line.starts_with("---") || line.starts_with("+++") {
            paint(line, Paint::Bold, colour)
        } else if line.starts_with('-') {
            paint(line, Paint::Red, colour)
        } else if line.starts_with('+') {
            paint(line, Paint::Green, colour)
        } else if line.starts_with("@@") {
            paint(line, Paint::Dim, colour)
        } else {
            line.to_string()
        };
        out.push_str(&painted);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_beside_the_hunt() {
        assert_eq!(
            path_of(Path::new("h/a.esql")),
            PathBuf::from("h/a.esql.snap")
        );
    }

    #[test]
    fn diff_marks_lines() {
        let d = diff("a\nb\nc\n", "a\nB\nc\n", "x.snap", false);
        assert_eq!(
            d,
            "--- x.snap\n+++ actual\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"
        );
        let coloured = diff("a\n", "b\n", "x.snap", true);
        assert!(coloured.contains("\x1b[1;31m-a\x1b[0m"), "{coloured}");
        assert!(coloured.contains("\x1b[32m+b\x1b[0m"), "{coloured}");
    }
}
