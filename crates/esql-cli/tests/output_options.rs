//! `--quiet`, `-o FILE`, the implicit-LIMIT warning once per run, and
//! NDJSON documents for `--format json` over a folder of hunts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{esql, DataDir};

fn folder() -> (DataDir, DataDir) {
    let data = DataDir::new("out-data");
    data.write("logs.ndjson", "{\"a\":1}\n{\"a\":2}\n");
    let hunts = DataDir::new("out-hunts");
    hunts.write("one.esql", "from logs | stats n = count(*)");
    hunts.write("two.esql", "from logs | keep a | sort a");
    (data, hunts)
}

#[test]
fn the_implicit_limit_warning_is_printed_once_a_run() {
    let (data, hunts) = folder();
    let d = data.path().to_str().unwrap();
    let run = esql(&[hunts.path().to_str().unwrap(), "-d", d]);
    run.assert_code(0);
    assert_eq!(
        run.stderr.matches("No limit defined").count(),
        1,
        "{}",
        run.stderr
    );
    let quiet = esql(&[hunts.path().to_str().unwrap(), "-d", d, "--quiet"]);
    quiet.assert_code(0);
    assert!(!quiet.stderr.contains("Warning"), "{}", quiet.stderr);
    assert!(quiet.stdout.contains("-- "), "{}", quiet.stdout);
}

#[test]
fn json_over_a_folder_is_one_document_a_query() {
    let (data, hunts) = folder();
    let d = data.path().to_str().unwrap();
    let run = esql(&[hunts.path().to_str().unwrap(), "-d", d, "--format", "json"]);
    run.assert_code(0);
    let docs: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2, "{}", run.stdout);
    assert!(docs[0]["origin"].as_str().unwrap().ends_with("one.esql"));
    assert_eq!(docs[0]["values"], serde_json::json!([[2]]));
    assert!(docs[1]["origin"].as_str().unwrap().ends_with("two.esql"));
    assert_eq!(docs[1]["values"], serde_json::json!([[1], [2]]));
}

#[test]
fn output_goes_to_the_file_given_with_o() {
    let (data, _hunts) = folder();
    let out = data.path().join("result.csv");
    let run = esql(&[
        "-d",
        data.path().to_str().unwrap(),
        "-q",
        "from logs | sort a | limit 5",
        "--format",
        "csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    run.assert_code(0);
    assert_eq!(run.stdout, "");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "a\r\n1\r\n2\r\n");
}

#[test]
fn a_typo_or_a_bare_query_gets_a_suggestion() {
    esql(&["shel"])
        .assert_code(2)
        .assert_stderr("did you mean the subcommand `esql shell`?");
    esql(&["from logs | limit 1"])
        .assert_code(2)
        .assert_stderr("give it with -q: esql -q 'from logs | limit 1'");
}

#[test]
fn a_query_error_shows_a_snippet_after_each_problem() {
    let run = esql(&["-q", "row a = 1\n| eval b = x1\n| keep x2"]);
    run.assert_code(1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines[0], "verification_exception: Found 2 problems");
    assert_eq!(lines[1], "line 2:12: Unknown column [x1]");
    assert_eq!(lines[3], "2 | | eval b = x1");
    assert_eq!(lines[5], "line 3:8: Unknown column [x2]");
}

#[test]
fn completions_offer_values_not_file_names() {
    let run = esql(&["completions", "bash"]);
    run.assert_code(0);
    // The values of --format and of --cloudtrail-pipeline are listed.
    assert!(run.stdout.contains("vertical"), "no --format values");
    assert!(run.stdout.contains("7.3.0"), "no pipeline versions");
    esql(&["-q", "row a = 1", "--cloudtrail-pipeline", "1.0.0"])
        .assert_code(2)
        .assert_stderr("invalid value '1.0.0' for '--cloudtrail-pipeline <VERSION>'");
}

#[test]
fn errors_in_markdown_hunts_name_the_file_lines() {
    let dir = DataDir::new("md-lines");
    let hunt = dir.write(
        "h.md",
        "# Hunt\n\nSome text.\n\n```esql\nrow a = 1\n| keep nope\n```\n",
    );
    let run = esql(&[hunt.to_str().unwrap()]);
    run.assert_code(1);
    assert!(
        run.stderr
            .contains("line 7:8: Unknown column [nope]\n  |\n7 | | keep nope"),
        "{}",
        run.stderr
    );
}
