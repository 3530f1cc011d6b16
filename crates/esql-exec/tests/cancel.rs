//! A query whose cancel flag is set stops and fails with `Cancelled`, on one
//! scan thread and on several; an unset flag changes nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{QueryError, Session};
use serde_json::json;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

fn session(threads: usize) -> Session {
    let docs = (0..20_000).map(|i| json!({"n": i, "k": i % 7}));
    Session::new()
        .with_documents("t", docs)
        .unwrap()
        .with_threads(threads)
}

#[test]
fn a_set_flag_cancels_the_run() {
    for threads in [1, 2] {
        let s = session(threads);
        let q = s.prepare("FROM t | STATS c = COUNT(*) BY k").unwrap();
        match q.run_cancellable(Arc::new(AtomicBool::new(true))) {
            Err(QueryError::Cancelled) => {}
            other => panic!("threads {threads}: {other:?}"),
        }
    }
}

#[test]
fn an_unset_flag_changes_nothing() {
    let s = session(2);
    let q = s.prepare("FROM t | STATS c = COUNT(*)").unwrap();
    let answer = q.run_cancellable(Arc::new(AtomicBool::new(false))).unwrap();
    assert_eq!(answer.table.to_json_rows(), vec![vec![json!(20_000)]]);
}
