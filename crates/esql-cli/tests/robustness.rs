//! Bad input never crashes, hangs or silently loses data: malformed and
//! hostile NDJSON, compressed files, paths out of the data folder, runtime
//! evaluation failures, closed pipes and regular-expression blowups, each
//! run through the built binary.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{esql, esql_bin, query, shell, DataDir};
use std::io::Write;
use std::time::Duration;

// ---- malformed lines ----------------------------------------------------

const MIXED: &str = "{\"a\":1}\nnot json\n[1,2]\n{\"a\":\n{\"a\":2}\n";

#[test]
fn malformed_line_fails_naming_file_and_line() {
    let dir = DataDir::new("malformed");
    dir.write("x.ndjson", MIXED);
    let run = query(&dir, "FROM x | STATS c = COUNT(*)", &[]);
    run.assert_code(1)
        .assert_stderr("x.ndjson:2: not a JSON object")
        .assert_stderr("--on-bad-line skip")
        .assert_no_panic();
    assert_eq!(run.stdout, "");
}

#[test]
fn top_level_array_and_truncated_object_are_malformed() {
    let dir = DataDir::new("notobject");
    dir.write("arr.ndjson", "{\"a\":1}\n[1,2]\n");
    dir.write("cut.ndjson", "{\"a\":1}\n{\"a\":1}\n{\"a\":");
    query(&dir, "FROM arr | KEEP a", &[])
        .assert_code(1)
        .assert_stderr("arr.ndjson:2: not a JSON object");
    query(&dir, "FROM cut | KEEP a", &[])
        .assert_code(1)
        .assert_stderr("cut.ndjson:3: not a JSON object");
}

#[test]
fn skip_reports_count_and_first_lines() {
    let dir = DataDir::new("skip");
    dir.write("x.ndjson", MIXED);
    let run = query(
        &dir,
        "FROM x | STATS c = COUNT(*)",
        &["--on-bad-line", "skip"],
    );
    run.assert_code(0)
        .assert_stderr("skipped 3 malformed line(s)")
        .assert_stderr("x.ndjson:2 (")
        .assert_stderr("x.ndjson:3 (")
        .assert_stderr("x.ndjson:4 (");
    assert_eq!(run.stdout, "c\n2\n");
}

#[test]
fn invalid_utf8_in_a_string_is_a_malformed_line() {
    let dir = DataDir::new("utf8");
    dir.write(
        "u.ndjson",
        b"{\"s\":\"ok\"}\n{\"s\":\"bad \xff\xfe here\"}\n",
    );
    query(&dir, "FROM u | KEEP s", &[])
        .assert_code(1)
        .assert_stderr("u.ndjson:2: not a JSON object")
        .assert_stderr("invalid unicode");
    let run = query(&dir, "FROM u | KEEP s", &["--on-bad-line", "skip"]);
    run.assert_code(0)
        .assert_stderr("skipped 1 malformed line(s), first at ")
        .assert_stderr("u.ndjson:2 (");
    assert_eq!(run.stdout, "s\nok\n");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = DataDir::new("deep");
    let levels = 200_000;
    let mut object = "{\"a\":".repeat(levels);
    object.push('1');
    object.push_str(&"}".repeat(levels));
    object.push('\n');
    dir.write("obj.ndjson", &object);
    let mut array = "{\"a\":".to_string();
    array.push_str(&"[".repeat(levels));
    array.push_str(&"]".repeat(levels));
    array.push_str("}\n");
    dir.write("arr.ndjson", &array);
    for index in ["obj", "arr"] {
        query(&dir, &format!("FROM {index} | STATS c = COUNT(*)"), &[])
            .assert_code(1)
            .assert_stderr(&format!("{index}.ndjson:1: not a JSON object"))
            .assert_stderr("recursion limit exceeded")
            .assert_no_panic();
    }
}

#[test]
fn a_64_mb_line_is_read() {
    let dir = DataDir::new("longline");
    let len = 64 << 20;
    let mut line = String::with_capacity(len + 16);
    line.push_str("{\"s\":\"");
    line.push_str(&"a".repeat(len));
    line.push_str("\"}\n{\"s\":\"b\"}\n");
    dir.write("long.ndjson", &line);
    let run = query(
        &dir,
        "FROM long | EVAL n = LENGTH(s) | STATS m = MAX(n), c = COUNT(*)",
        &[],
    );
    run.assert_code(0).assert_no_panic();
    assert_eq!(run.stdout, format!("m,c\n{len},2\n"));
}

// ---- numbers, duplicate keys, empty files ---------------------------------

#[test]
fn numbers_beyond_i64_and_f64() {
    let dir = DataDir::new("numbers");
    dir.write("big.ndjson", "{\"a\":123456789012345678901234567890}\n");
    dir.write("u64.ndjson", "{\"a\":18446744073709551615}\n");
    dir.write("inf.ndjson", "{\"a\":1}\n{\"a\":1e400}\n{\"a\":2}\n");
    // An integer beyond u64 is read as the nearest double.
    let run = query(&dir, "FROM big | KEEP a", &[]);
    run.assert_code(0);
    assert_eq!(run.stdout, "a\n1.2345678901234568E29\n");
    // Between i64::MAX and u64::MAX: an unsigned long.
    let run = query(&dir, "FROM u64 | KEEP a", &[]);
    run.assert_code(0);
    assert_eq!(run.stdout, "a\n18446744073709551615\n");
    // Beyond f64: the line is malformed (Elasticsearch rejects the document).
    query(&dir, "FROM inf | KEEP a", &[])
        .assert_code(1)
        .assert_stderr("inf.ndjson:2: not a JSON object")
        .assert_stderr("number out of range");
    let run = query(&dir, "FROM inf | KEEP a", &["--on-bad-line", "skip"]);
    run.assert_code(0).assert_stderr("inf.ndjson:2 (");
    assert_eq!(run.stdout, "a\n1\n2\n");
}

#[test]
fn a_lone_out_of_range_number_is_not_silently_dropped() {
    let dir = DataDir::new("lonenumber");
    dir.write("n.ndjson", "{\"a\":1e400}\n");
    query(&dir, "FROM n | KEEP a", &[])
        .assert_code(1)
        .assert_stderr("n.ndjson:1: not a JSON object");
}

#[test]
fn duplicate_keys_become_a_multi_value() {
    let dir = DataDir::new("dupkeys");
    dir.write("d.ndjson", "{\"a\":1,\"a\":2}\n{\"a\":3}\n");
    let d = dir.path().to_str().unwrap();
    let run = esql(&["-q", "FROM d | KEEP a", "-d", d, "--format", "json"]);
    run.assert_code(0);
    assert!(run.stdout.contains("[[[1,2]],[3]]"), "{}", run.stdout);
}

#[test]
fn a_duplicate_key_of_another_type_is_a_counted_null() {
    let dir = DataDir::new("dupmixed");
    dir.write("d.ndjson", "{\"a\":1}\n{\"a\":\"x\",\"a\":{\"b\":1}}\n");
    let run = query(&dir, "FROM d | KEEP a, a.b", &[]);
    run.assert_code(0)
        .assert_stderr("1 value(s) of field [a] did not fit its type and were read as null");
    assert_eq!(run.stdout, "a,a.b\n1,\n,1\n");
}

#[test]
fn empty_and_blank_files_have_no_documents() {
    let dir = DataDir::new("empty");
    dir.write("empty.ndjson", "");
    dir.write("blank.ndjson", "\n\n   \n\r\n\t\n");
    for index in ["empty", "blank"] {
        let run = query(&dir, &format!("FROM {index} | STATS c = COUNT(*)"), &[]);
        run.assert_code(0).assert_no_panic();
        assert_eq!(run.stdout, "c\n0\n");
    }
    query(&dir, "FROM empty | KEEP a", &[])
        .assert_code(1)
        .assert_stderr("Unknown column [a]");
}

// ---- compressed files -----------------------------------------------------

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

#[test]
fn gzip_files_are_read() {
    let dir = DataDir::new("gz");
    dir.write("g.ndjson.gz", gzip(b"{\"a\":1}\n{\"a\":2}\n"));
    let run = query(&dir, "FROM g | STATS s = SUM(a)", &[]);
    run.assert_code(0);
    assert_eq!(run.stdout, "s\n3\n");
}

#[test]
fn truncated_gzip_is_an_io_error() {
    let dir = DataDir::new("gzcut");
    let full = gzip("{\"a\":1}\n".repeat(1000).as_bytes());
    dir.write("t.ndjson.gz", &full[..full.len() / 2]);
    query(&dir, "FROM t | STATS c = COUNT(*)", &[])
        .assert_code(2)
        .assert_stderr("t.ndjson.gz: ")
        .assert_no_panic();
}

#[test]
fn corrupt_gzip_is_an_io_error() {
    let dir = DataDir::new("gzbad");
    dir.write("c.ndjson.gz", "this is not gzip at all");
    query(&dir, "FROM c | STATS c = COUNT(*)", &[])
        .assert_code(2)
        .assert_stderr("c.ndjson.gz: invalid gzip header");
}

// ---- paths out of the data folder -----------------------------------------

fn outside() -> (DataDir, DataDir) {
    let data = DataDir::new("inside");
    data.write("ok.ndjson", "{\"a\":1}\n");
    let other = DataDir::new("outside");
    other.write("secret.ndjson", "{\"a\":42}\n");
    (data, other)
}

#[test]
fn relative_and_absolute_paths_are_unknown_indices() {
    let (data, other) = outside();
    let secret = other.path().join("secret");
    let absolute = secret.to_str().unwrap();
    let parent = format!(
        "../{}/secret",
        other.path().file_name().unwrap().to_str().unwrap()
    );
    for name in [
        parent.clone(),
        format!("\"{parent}\""),
        format!("\"{absolute}\""),
        format!("\"{absolute}.ndjson\""),
        "\"/etc/passwd\"".to_string(),
        "..".to_string(),
    ] {
        let run = query(&data, &format!("FROM {name} | STATS c = COUNT(*)"), &[]);
        run.assert_code(1).assert_stderr("Unknown index [");
        assert!(!run.stdout.contains("42"), "{}", run.stdout);
    }
    query(&data, &format!("FROM ok, {parent} | KEEP a"), &[])
        .assert_code(1)
        .assert_stderr(&format!("no such index [{parent}]"));
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_data_folder_are_refused() {
    let (data, other) = outside();
    std::os::unix::fs::symlink(
        other.path().join("secret.ndjson"),
        data.path().join("link.ndjson"),
    )
    .unwrap();
    let run = query(&data, "FROM link | KEEP a", &[]);
    run.assert_code(2)
        .assert_stderr("link.ndjson]: it leads outside the data directory");
    assert!(!run.stdout.contains("42"));

    let (data, other) = outside();
    std::os::unix::fs::symlink(other.path(), data.path().join("linkdir")).unwrap();
    let run = query(&data, "FROM linkdir | KEEP a", &[]);
    run.assert_code(2)
        .assert_stderr("linkdir]: it leads outside the data directory");
    assert!(!run.stdout.contains("42"));
}

// ---- evaluation failures: null plus Elasticsearch's warning pair ----------

fn assert_null_with_warning(expr: &str, exception: &str) {
    let run = esql(&[
        "-q",
        &format!("ROW a = 1 | EVAL b = {expr} | KEEP b"),
        "--format",
        "csv",
    ]);
    run.assert_code(0)
        .assert_stderr(&format!(
            "evaluation of [{expr}] failed, treating result as null. Only first 20 failures recorded."
        ))
        .assert_stderr(exception)
        .assert_no_panic();
    assert_eq!(run.stdout, "b\n\n", "{expr}");
}

#[test]
fn overflow_division_and_bad_casts_warn_and_give_null() {
    assert_null_with_warning(
        "9223372036854775807 + a",
        "java.lang.ArithmeticException: long overflow",
    );
    assert_null_with_warning(
        "2147483647 * (a + 1)",
        "java.lang.ArithmeticException: integer overflow",
    );
    assert_null_with_warning("a / 0", "java.lang.ArithmeticException: / by zero");
    assert_null_with_warning("a % 0", "java.lang.ArithmeticException: / by zero");
    assert_null_with_warning(
        "TO_INTEGER(\"abc\")",
        "java.lang.NumberFormatException: For input string: \"abc\"",
    );
    assert_null_with_warning(
        "TO_INTEGER(9999999999)",
        "[9999999999] out of [integer] range",
    );
    assert_null_with_warning(
        "TO_IP(\"x\")",
        "java.lang.IllegalArgumentException: 'x' is not an IP string literal.",
    );
}

#[test]
fn bad_dates_warn_and_give_null() {
    assert_null_with_warning(
        "TO_DATETIME(\"2024-13-45\")",
        "failed to parse date field [2024-13-45] with format [strict_date_optional_time]",
    );
}

#[test]
fn evaluation_failures_over_data_keep_the_other_rows() {
    let dir = DataDir::new("evalfail");
    dir.write("n.ndjson", "{\"a\":2}\n{\"a\":0}\n{\"a\":5}\n");
    let run = query(&dir, "FROM n | EVAL b = 10 / a | SORT a | KEEP a, b", &[]);
    run.assert_code(0)
        .assert_stderr("evaluation of [10 / a] failed")
        .assert_stderr("java.lang.ArithmeticException: / by zero");
    assert_eq!(run.stdout, "a,b\n0,\n2,5\n5,2\n");
}

// ---- closed pipes -----------------------------------------------------------

fn large(dir: &DataDir) {
    let mut text = String::new();
    for i in 0..20_000 {
        text.push_str(&format!("{{\"a\":{i},\"s\":\"{}\"}}\n", "x".repeat(40)));
    }
    dir.write("big.ndjson", text);
}

#[test]
fn head_on_a_large_result_is_quiet() {
    let dir = DataDir::new("pipe");
    large(&dir);
    let d = dir.path().to_str().unwrap();
    for format in ["txt", "csv", "json", "ndjson", "table"] {
        // `echo $?` reports the status of esql, not of head.
        let run = shell(&format!(
            "('{}' -q 'FROM big | LIMIT 10000' -d '{d}' --format {format}; echo \"esql=$?\" >&2) | head -1",
            esql_bin()
        ));
        run.assert_code(0).assert_no_panic().assert_stderr("esql=0");
        assert_eq!(run.stdout.lines().count(), 1, "{format}");
    }
}

#[test]
fn head_on_several_queries_is_quiet() {
    let dir = DataDir::new("pipemulti");
    large(&dir);
    let file = dir.write(
        "hunts.md",
        "```esql\nFROM big | LIMIT 10000\n```\n\n```esql\nFROM big | LIMIT 10000\n```\n",
    );
    let d = dir.path().to_str().unwrap();
    let f = file.to_str().unwrap();
    let bin = esql_bin();
    for extra in ["", "--explain"] {
        // `echo $?` reports the status of esql, not of head.
        let run = shell(&format!(
            "('{bin}' '{f}' -d '{d}' {extra}; echo \"esql=$?\" >&2) | head -1"
        ));
        run.assert_no_panic().assert_stderr("esql=0");
    }
}

// ---- regular-expression blowups ---------------------------------------------

const QUICK: Duration = Duration::from_secs(20);

#[test]
fn rlike_with_nested_quantifiers_is_linear() {
    let long = "a".repeat(100_000);
    for pattern in ["(a+)+c", "(a|aa)*c", "((a*)*)*c", "(.*a){20}c"] {
        let run = esql(&[
            "-q",
            &format!("ROW s = \"{long}\" | WHERE s RLIKE \"{pattern}\" | STATS c = COUNT(*)"),
            "--format",
            "csv",
        ]);
        run.assert_code(0).assert_no_panic();
        assert_eq!(run.stdout, "c\n0\n", "{pattern}");
        assert!(run.elapsed < QUICK, "{pattern}: {:?}", run.elapsed);
    }
}

#[test]
fn rlike_too_large_is_an_error() {
    let run = esql(&[
        "-q",
        "ROW s = \"a\" | WHERE s RLIKE \"(a{1,1000}){1,1000}\"",
    ]);
    run.assert_code(1)
        .assert_stderr("verification_exception")
        .assert_stderr("Determinizing (a{1,1000}){1,1000} would require more than 10000 effort.");
}

#[test]
fn catastrophic_grok_finishes() {
    let long = format!("{}b", "a".repeat(2_000));
    for pattern in [
        "(?<x>(a+)+)c",
        "(?=a)(?<x>(a+)+)c",
        "(?<x>(a|aa)+)(?!a)c",
        "%{GREEDYDATA:x}%{GREEDYDATA:y}c%{GREEDYDATA:z}",
    ] {
        let run = esql(&[
            "-q",
            &format!("ROW s = \"{long}\" | GROK s \"{pattern}\" | KEEP x"),
            "--format",
            "csv",
        ]);
        run.assert_code(0).assert_no_panic();
        assert_eq!(run.stdout, "x\n\n", "{pattern}");
        assert!(run.elapsed < QUICK, "{pattern}: {:?}", run.elapsed);
    }
}

#[test]
fn grok_conversion_failure_warns() {
    let run = esql(&[
        "-q",
        "ROW s = \"1.5\" | GROK s \"%{NUMBER:n:int}\" | KEEP n",
        "--format",
        "csv",
    ]);
    run.assert_code(0)
        .assert_stderr("java.lang.NumberFormatException: For input string: \"1.5\"");
    assert_eq!(run.stdout, "n\n\n");
}

#[test]
fn row_constant_failures_warn() {
    // math.csv-spec powIntULOverrun: Elasticsearch warns for a ROW value too.
    let run = esql(&[
        "-q",
        "ROW x = POW(2, 9223372036854775808)",
        "--format",
        "csv",
    ]);
    run.assert_code(0)
        .assert_stderr("Line 1:9: evaluation of [POW(2, 9223372036854775808)] failed, treating result as null. Only first 20 failures recorded.")
        .assert_stderr("Line 1:9: java.lang.ArithmeticException: not a finite double number: Infinity");
    assert_eq!(run.stdout, "x\n\n");
    let run = esql(&["-q", "ROW a = 1 / 0", "--format", "csv"]);
    run.assert_code(0)
        .assert_stderr("Line 1:9: evaluation of [1 / 0] failed")
        .assert_stderr("java.lang.ArithmeticException: / by zero");
}

// ---- hostile query text -------------------------------------------------------

#[test]
fn deeply_nested_query_is_a_parsing_exception() {
    for query in [
        format!("ROW a = {}1{}", "(".repeat(3_000), ")".repeat(3_000)),
        format!("ROW a = {}1", "-".repeat(3_000)),
        format!("ROW a = {}true", "NOT ".repeat(3_000)),
    ] {
        for command in ["run", "parse"] {
            esql(&[command, "-q", &query])
                .assert_code(1)
                // Far past Elasticsearch's 400 levels: the parser stops
                // with Elasticsearch's message for its own stack overflow.
                .assert_stderr(
                    "parsing_exception: line -1:-1: ESQL statement is too large, causing stack overflow when generating the parsing tree: [ROW a = ",
                )
                .assert_no_panic()
                .assert_no_stack_overflow();
        }
    }
}
