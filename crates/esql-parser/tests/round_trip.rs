//! print(parse(q)) parses back to the same AST, over this crate's corpus and
//! (when present) the shared hunts and conformance queries.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{assert_round_trip, own_queries, without_spans};
use std::path::Path;

#[test]
fn own_corpus_round_trips() {
    let files = own_queries();
    assert!(files.len() >= 30, "corpus too small: {}", files.len());
    for f in files {
        let q = std::fs::read_to_string(&f).unwrap();
        assert_round_trip(&q);
    }
}

#[test]
fn span_erasure_ignores_only_spans() {
    let a = esql_parser::parse("ROW a = 1").unwrap();
    let b = esql_parser::parse("ROW  a  =  1").unwrap();
    let c = esql_parser::parse("ROW a = 2").unwrap();
    assert_ne!(a.query, b.query);
    assert_eq!(without_spans(&a.query), without_spans(&b.query));
    assert_ne!(without_spans(&a.query), without_spans(&c.query));
}

fn collect(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, ext, out);
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
}

#[test]
fn shared_corpus_round_trips_when_present() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if !shared.exists() {
        eprintln!("skipping: {} not found", shared.display());
        return;
    }
    let mut files = Vec::new();
    collect(&shared.join("hunts/hunting"), "esql", &mut files);
    collect(&shared.join("hunts/rules"), "esql", &mut files);
    let mut count = 0;
    for f in &files {
        let q = std::fs::read_to_string(f).unwrap();
        // A few hunts are not valid ES|QL (Elasticsearch rejects them too).
        if esql_parser::parse(&q).is_ok() {
            assert_round_trip(&q);
            count += 1;
        }
    }
    let mut cases = Vec::new();
    collect(&shared.join("conformance/cases"), "jsonl", &mut cases);
    for f in &cases {
        for line in std::fs::read_to_string(f).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let Some(q) = v.get("query").and_then(|q| q.as_str()) else {
                continue;
            };
            if esql_parser::parse(q).is_ok() {
                assert_round_trip(q);
                count += 1;
            }
        }
    }
    assert!(count > 250, "only {count} shared queries checked");
}
