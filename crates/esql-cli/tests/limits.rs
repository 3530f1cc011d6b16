//! Long flat expressions and deep nesting through every stage of the built
//! binary: parsing, analysis, evaluation on two scan threads, `--explain`,
//! the canonical print and `esql parse --json`. Flat shapes (100,000-term
//! AND/OR chains, 100,000-value IN lists, CASE with 10,000 branches, CONCAT of
//! 10,000 arguments) and nesting just below Elasticsearch's maximum
//! expression depth must run; nesting just above it must be refused with
//! Elasticsearch's message, never overflow a stack.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{esql, DataDir, Run};

/// 20 documents: `a` = 0..19, `s` = "x0".."x2" in turn, `b` true for even `a`.
fn data() -> DataDir {
    let dir = DataDir::new("limits");
    let docs: String = (0..20)
        .map(|i| {
            format!(
                "{{\"a\": {i}, \"s\": \"x{}\", \"b\": {}}}\n",
                i % 3,
                i % 2 == 0
            )
        })
        .collect();
    dir.write("t.ndjson", docs);
    dir
}

/// Runs `query` (written to a file: it is longer than an argument may be)
/// over `dir` with two scan threads and the extra arguments.
fn run(dir: &DataDir, query: &str, extra: &[&str]) -> Run {
    let queries = DataDir::new("limits-query");
    let file = queries.write("q.esql", query);
    let d = dir.path().to_str().unwrap();
    let mut args = vec!["run", file.to_str().unwrap(), "-d", d, "--threads", "2"];
    args.extend_from_slice(extra);
    let result = esql(&args);
    result.assert_no_stack_overflow().assert_no_panic();
    result
}

/// Parses `query` with `esql parse` (and `--json` when asked).
fn parse(query: &str, json: bool) -> Run {
    let queries = DataDir::new("limits-parse");
    let file = queries.write("q.esql", query);
    let mut args = vec!["parse", file.to_str().unwrap()];
    if json {
        args.push("--json");
    }
    let result = esql(&args);
    result.assert_no_stack_overflow().assert_no_panic();
    result
}

/// The single value of a one-cell result printed as the text table.
fn cell(run: &Run) -> String {
    run.assert_code(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", run.stdout);
    lines[2].trim().to_string()
}

/// Runs an accepted query everywhere: the result, `--explain`, the
/// canonical print (which must parse again) and, when asked, the JSON tree.
fn accepted(dir: &DataDir, query: &str, json: bool) -> String {
    let value = cell(&run(dir, query, &[]));
    run(dir, query, &["--explain"]).assert_code(0);
    let printed = parse(query, false);
    printed.assert_code(0);
    parse(&printed.stdout, false).assert_code(0);
    if json {
        let tree = parse(query, true);
        tree.assert_code(0);
        assert!(tree.stdout.starts_with('{'), "{}", tree.stdout);
    }
    value
}

const TOO_DEEP: &str =
    "parsing_exception: line -1:-1: ESQL statement exceeded the maximum expression depth allowed (400): [";

/// Asserts that `query` is refused for its depth, quoting `quoted`.
fn too_deep(dir: &DataDir, query: &str, quoted: &str) {
    run(dir, query, &[])
        .assert_code(1)
        .assert_stderr(&format!("{TOO_DEEP}{quoted}"));
    parse(query, true)
        .assert_code(1)
        .assert_stderr(&format!("{TOO_DEEP}{quoted}"));
}

#[test]
fn flat_lists_run() {
    let dir = data();
    let values: Vec<String> = (5..100_005).map(|i| i.to_string()).collect();
    let query = format!(
        "FROM t | WHERE a IN ({}) | STATS n = COUNT(*)",
        values.join(", ")
    );
    assert_eq!(accepted(&dir, &query, false), "15");
    let small: Vec<String> = (5..10_005).map(|i| i.to_string()).collect();
    let query = format!(
        "FROM t | WHERE a NOT IN ({}) | STATS n = COUNT(*)",
        small.join(",")
    );
    assert_eq!(accepted(&dir, &query, true), "5");

    let branches: Vec<String> = (0..10_000)
        .map(|i| format!("a == {i}, {}", i * 10))
        .collect();
    let query = format!(
        "FROM t | EVAL c = CASE({}, -1) | STATS total = SUM(c)",
        branches.join(", ")
    );
    assert_eq!(accepted(&dir, &query, false), "1900");

    let query = format!(
        "FROM t | EVAL c = CONCAT({}) | EVAL l = LENGTH(c) | STATS m = MAX(l)",
        vec!["s"; 10_000].join(", ")
    );
    assert_eq!(accepted(&dir, &query, true), "20000");

    // A LIKE list of 20,000 patterns: `s` is "x0", "x1" or "x2"; only the
    // patterns "*1", "*2" (and those ending in them) can match it.
    let patterns: Vec<String> = (0..20_000)
        .map(|i| format!("\"*{}{i}\"", "9".repeat(i % 2)))
        .collect();
    let query = format!(
        "FROM t | WHERE s LIKE ({}) | STATS n = COUNT(*)",
        patterns.join(", ")
    );
    assert_eq!(accepted(&dir, &query, false), "13");
}

#[test]
fn chains_of_100000_terms_are_refused_with_elasticsearchs_message() {
    let dir = data();
    for op in [" OR ", " AND "] {
        let query = format!(
            "FROM t | WHERE {} | STATS n = COUNT(*)",
            vec!["b"; 100_000].join(op)
        );
        let quoted = format!("b{}b{}", op.trim(), op.trim());
        too_deep(&dir, &query, &quoted);
    }
}

#[test]
fn chains_just_below_the_limit_run() {
    let dir = data();
    // An OR chain of comparisons: 398 terms pass, 399 are refused.
    let chain = |n: usize| {
        let terms: Vec<String> = (0..n).map(|i| format!("a == {i}")).collect();
        format!("FROM t | WHERE {} | STATS n = COUNT(*)", terms.join(" OR "))
    };
    assert_eq!(accepted(&dir, &chain(398), true), "20");
    too_deep(&dir, &chain(399), "a]");
    // `a + a + …`: 399 terms pass.
    let sum = |n: usize| {
        format!(
            "FROM t | EVAL c = {} | STATS total = SUM(c)",
            vec!["a"; n].join(" + ")
        )
    };
    assert_eq!(accepted(&dir, &sum(399), false), (190 * 399).to_string());
    too_deep(&dir, &sum(400), "a]");
}

#[test]
fn nesting_just_below_the_limit_runs_and_just_above_is_refused() {
    let dir = data();
    let parens = |n: usize| {
        format!(
            "FROM t | EVAL c = {}a{} | STATS total = SUM(c)",
            "(".repeat(n),
            ")".repeat(n)
        )
    };
    assert_eq!(accepted(&dir, &parens(199), true), "190");
    too_deep(&dir, &parens(200), "(a)]");

    let nots = |n: usize| format!("FROM t | WHERE {}b | STATS n = COUNT(*)", "NOT ".repeat(n));
    assert_eq!(accepted(&dir, &nots(398), true), "10");
    too_deep(&dir, &nots(399), "b]");

    let minus = |n: usize| {
        format!(
            "FROM t | EVAL c = {}a | STATS total = SUM(c)",
            "- ".repeat(n)
        )
    };
    assert_eq!(accepted(&dir, &minus(398), true), "190");
    too_deep(&dir, &minus(399), "a]");

    let calls = |n: usize| {
        format!(
            "FROM t | EVAL c = {}a{} | STATS total = SUM(c)",
            "ABS(".repeat(n),
            ")".repeat(n)
        )
    };
    assert_eq!(accepted(&dir, &calls(398), true), "190");
    too_deep(&dir, &calls(399), "a]");
}

#[test]
fn nesting_far_past_the_limit_is_refused_without_building_it() {
    let dir = data();
    let query = format!(
        "FROM t | EVAL c = {}a{}",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    run(&dir, &query, &[]).assert_code(1).assert_stderr(
        "parsing_exception: line -1:-1: ESQL statement is too large, causing stack overflow when generating the parsing tree: [FROM t | EVAL c = (((",
    );
}

#[test]
fn long_and_deep_kql_queries() {
    let dir = data();
    // A KQL string is parsed while the query is analysed: its chains are
    // joined as balanced trees, its nesting is bounded.
    let mut terms: Vec<String> = (0..9_999).map(|i| format!("s:x{}", 5 + i)).collect();
    terms.push("s:x1".into());
    let query = format!(
        "FROM t | WHERE KQL(\"{}\") | STATS n = COUNT(*)",
        terms.join(" or ")
    );
    assert_eq!(accepted(&dir, &query, false), "7");
    let query = format!(
        "FROM t | WHERE KQL(\"{}s:x1{}\") | STATS n = COUNT(*)",
        "(".repeat(1_000),
        ")".repeat(1_000)
    );
    run(&dir, &query, &[])
        .assert_code(1)
        .assert_stderr("query nests more than 400 levels deep");
}
