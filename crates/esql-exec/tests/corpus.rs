//! The project's own hunts, in the shapes of the published corpus, over small
//! invented ECS-like indices; each answer is snapshotted as a readable table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{cell_text as value_to_text, timestamp_millis as parse_millis, Session};
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

/// `now()` from a leading `// now: <date>` line.
fn now_of(source: &str) -> i64 {
    let line = source.lines().next().unwrap_or_default();
    let date = line
        .strip_prefix("// now:")
        .unwrap_or_else(|| panic!("first line must be `// now: <date>`: {line}"));
    parse_millis(date.trim()).expect("a valid `now` date")
}

fn table(source: &str, session: Session) -> (String, usize) {
    let session = session.with_now_ms(now_of(source)).with_threads(1);
    let query = session
        .prepare(source)
        .unwrap_or_else(|e| panic!("query failed: {e}"));
    let parse_warnings: Vec<String> = query
        .parse_diagnostics()
        .iter()
        .map(|d| d.message.clone())
        .collect();
    let result = query
        .run()
        .unwrap_or_else(|e| panic!("query failed: {e}"))
        .table;
    let mut text = String::new();
    let header: Vec<String> = result
        .columns
        .iter()
        .map(|c| format!("{}:{}", c.name, c.ty))
        .collect();
    text.push_str(&header.join(" | "));
    text.push('\n');
    for row in &result.rows {
        let cells: Vec<String> = row.iter().map(value_to_text).collect();
        text.push_str(&cells.join(" | "));
        text.push('\n');
    }
    for w in parse_warnings {
        text.push_str(&format!("parse warning: {w}\n"));
    }
    for w in &result.warnings {
        text.push_str(&format!("warning: {w}\n"));
    }
    (text, result.rows.len())
}

#[test]
fn corpus_hunts() {
    let dir = corpus_dir();
    let session = || {
        Session::new()
            .with_data_dir(dir.join("data"))
            .with_enrich_policy(dir.join("enrich/hosts_policy.json"))
    };
    let mut hunts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "esql"))
        .collect();
    hunts.sort();
    assert!(hunts.len() >= 12, "the corpus has {} hunts", hunts.len());
    for path in hunts {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&path).unwrap();
        let (text, rows) = table(&source, session());
        assert!(rows > 0, "{name} returned no rows:\n{text}");
        insta::assert_snapshot!(name, text);
    }
}
