//! `--memory-limit`: STATS with many groups, SORT and INLINE STATS of many
//! rows stop with a clear error past the limit and complete under it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{query, DataDir};

/// 200,000 documents with distinct keys (about 8 MB of NDJSON).
fn many_keys(label: &str) -> DataDir {
    let dir = DataDir::new(label);
    let mut text = String::new();
    for i in 0..200_000 {
        text.push_str(&format!("{{\"k\":\"key-{i:06}\",\"v\":{i}}}\n"));
    }
    dir.write("big.ndjson", text);
    dir
}

#[test]
fn stats_with_many_groups_stops_at_the_limit() {
    let dir = many_keys("mem-stats");
    for threads in ["1", "2"] {
        let run = query(
            &dir,
            "FROM big | STATS c = COUNT(*) BY k | STATS groups = COUNT(*)",
            &["--memory-limit", "4mb", "--threads", threads],
        );
        run.assert_code(2)
            .assert_stderr("memory limit exceeded")
            .assert_stderr("limit of [4mb]")
            .assert_stderr("--memory-limit")
            .assert_no_panic();
        assert_eq!(run.stdout, "", "no partial result");
    }
    let run = query(
        &dir,
        "FROM big | STATS c = COUNT(*) BY k | STATS groups = COUNT(*)",
        &["--memory-limit", "1g"],
    );
    run.assert_code(0);
    assert_eq!(run.stdout, "groups\n200000\n");
}

#[test]
fn sort_and_inline_stats_of_many_rows_stop_at_the_limit() {
    let dir = many_keys("mem-sort");
    for q in [
        "FROM big | SORT v DESC | WHERE v >= 0 | EVAL w = v + 1 | LIMIT 1",
        "FROM big | INLINE STATS m = MAX(v) | LIMIT 1",
    ] {
        query(&dir, q, &["--memory-limit", "2mb"])
            .assert_code(2)
            .assert_stderr("memory limit exceeded");
        let run = query(&dir, q, &["--memory-limit", "1g"]);
        run.assert_code(0);
        assert!(run.stdout.lines().count() == 2, "{}", run.stdout);
    }
}

/// A LIMIT behind EVAL and KEEP still makes the SORT a top-N: it holds one
/// row, not all 200,000, so a small budget is enough.
#[test]
fn sort_then_eval_and_keep_then_limit_holds_only_the_top_rows() {
    let dir = many_keys("mem-topn");
    for threads in ["1", "2"] {
        let run = query(
            &dir,
            "FROM big | SORT v DESC | EVAL w = v + 1 | KEEP w | LIMIT 1",
            &["--memory-limit", "2mb", "--threads", threads],
        );
        run.assert_code(0);
        assert_eq!(run.stdout, "w\n200000\n");
    }
}

#[test]
fn a_bad_size_is_a_usage_error() {
    let dir = DataDir::new("mem-usage");
    dir.write("x.ndjson", "{\"a\":1}\n");
    query(&dir, "FROM x", &["--memory-limit", "lots"])
        .assert_code(2)
        .assert_stderr("is not a size");
}

#[test]
fn values_and_count_distinct_of_one_group_stop_at_the_limit() {
    let dir = many_keys("mem-values");
    for q in [
        "FROM big | STATS vs = VALUES(k) | EVAL n = MV_COUNT(vs) | KEEP n",
        "FROM big | STATS n = COUNT_DISTINCT(k)",
        "FROM big | STATS n = MEDIAN(v)",
    ] {
        for threads in ["1", "2"] {
            query(&dir, q, &["--memory-limit", "1mb", "--threads", threads])
                .assert_code(2)
                .assert_stderr("memory limit exceeded")
                .assert_no_panic();
        }
        let run = query(&dir, q, &["--memory-limit", "1g"]);
        run.assert_code(0);
        let expected = if q.contains("MEDIAN") {
            "n\n99999.5\n"
        } else {
            "n\n200000\n"
        };
        assert_eq!(run.stdout, expected, "{q}");
    }
}
