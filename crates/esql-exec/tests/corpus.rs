//! The project's own hunts, in the shapes of the published corpus, over small
//! invented ECS-like indices; each answer is snapshotted as a readable table.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::catalog::{Catalog, CatalogConfig};
use esql_exec::engine::{run, RunOptions};
use esql_exec::render::value_to_text;
use esql_javafmt::parse_millis;
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

fn table(source: &str, catalog: &Catalog) -> (String, usize) {
    let options = RunOptions {
        now_ms: now_of(source),
        threads: 1,
        ..RunOptions::default()
    };
    let out = run(source, catalog, &options).unwrap_or_else(|e| panic!("query failed: {e}"));
    let result = out.result;
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
    for w in out.parse_warnings.iter().map(|d| d.message.clone()) {
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
    let catalog = Catalog::open(&CatalogConfig {
        data_dirs: vec![dir.join("data")],
        enrich_policies: vec![dir.join("enrich/hosts_policy.json")],
        ..CatalogConfig::default()
    })
    .unwrap();
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
        let (text, rows) = table(&source, &catalog);
        assert!(rows > 0, "{name} returned no rows:\n{text}");
        insta::assert_snapshot!(name, text);
    }
}
