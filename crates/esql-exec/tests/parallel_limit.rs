//! LIMIT over a file split between workers: each worker stops at the limit
//! within its own part, and the answer (rows, their order, warnings and
//! malformed-line reports) is the one a single thread gives.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{Answer, BadLinePolicy, Session};
use std::io::Write;
use std::path::PathBuf;

/// 60 000 lines (about 2.6 MB, so several parts per worker): `n` counts
/// from 1, `s` is a number except on every 7th line, and line 45 000 is
/// not JSON.
fn data_dir(tag: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("esql-parallel-limit-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("t.ndjson")).unwrap());
    for n in 1..=60_000u32 {
        if n == 45_000 {
            writeln!(f, "{{\"n\": {n}, \"s\": ").unwrap();
        } else if n % 7 == 0 {
            writeln!(f, "{{\"n\": {n}, \"s\": \"x{n}\"}}").unwrap();
        } else {
            writeln!(f, "{{\"n\": {n}, \"s\": \"{n}\"}}").unwrap();
        }
    }
    f.flush().unwrap();
    dir
}

fn answer(dir: &PathBuf, threads: usize, query: &str) -> Answer {
    Session::new()
        .with_data_dir(dir)
        .with_bad_lines(BadLinePolicy::Skip)
        .with_threads(threads)
        .prepare(query)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .run()
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn rows(a: &Answer) -> Vec<Vec<String>> {
    a.table
        .rows
        .iter()
        .map(|r| r.iter().map(esql_exec::api::cell_text).collect())
        .collect()
}

#[test]
fn limit_with_workers_gives_the_single_thread_answer() {
    let dir = data_dir("limit");
    let queries = [
        "from t | limit 0",
        "from t | eval x = to_integer(s) | limit 0",
        "from t | eval x = to_integer(s) | limit 10",
        "from t | where n > 40000 | eval x = to_integer(s) | limit 3",
        "from t | where n % 5000 == 1 | eval x = to_integer(s) | limit 11",
        "from t | where n > 59990 | limit 100",
        "from t | limit 20000 | stats c = count(*), m = max(n)",
    ];
    for q in queries {
        let one = answer(&dir, 1, q);
        let two = answer(&dir, 2, q);
        assert_eq!(rows(&one), rows(&two), "{q}");
        assert_eq!(one.warnings, two.warnings, "{q}");
    }
    // The limits are real: the last query saw exactly its 20 000 rows, and
    // a limit past the malformed line reports it.
    let last = answer(
        &dir,
        2,
        "from t | limit 20000 | stats c = count(*), m = max(n)",
    );
    assert_eq!(
        rows(&last),
        vec![vec!["20000".to_string(), "20000".to_string()]]
    );
    let far = answer(
        &dir,
        2,
        "from t | where n > 40000 | limit 10000 | stats c = count(*)",
    );
    assert_eq!(rows(&far), vec![vec!["10000".to_string()]]);
    assert!(
        far.warnings.iter().any(|w| w.contains("45000")),
        "{:?}",
        far.warnings
    );
    let near = answer(
        &dir,
        2,
        "from t | where n > 40000 | limit 10 | stats c = count(*)",
    );
    assert!(
        !near.warnings.iter().any(|w| w.contains("45000")),
        "{:?}",
        near.warnings
    );
    std::fs::remove_dir_all(&dir).ok();
}
