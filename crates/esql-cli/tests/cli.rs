//! Golden runs of the built `esql` binary: the shipped hunt over the bundled
//! CloudTrail sample in every output format, the ways a query can be given
//! (file, `--query`, stdin, Markdown, detection-rules TOML), `esql parse`,
//! and exit codes with Elasticsearch's error wording.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::Value as Json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const HUNT: &str = "queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql";
const DATA: &str = "testdata/cloudtrail";
const NOW: &str = "2024-05-11T00:00:00Z";

/// The parse warning for the hunt's lone `=` (line 5, column 62), with its
/// snippet, as printed on stderr.
const EQ_WARNING: &str = "\
Warning: Line 5:62: [=] is not an ES|QL comparison operator (Elasticsearch rejects this query: mismatched input '='); evaluated as [==]
  |
5 | | where event.dataset == \"aws.cloudtrail\" and event.provider = \"servicequotas.amazonaws.com\" and event.action == \"GetServiceQuota\"
  |                                                              ^
";
const LIMIT_WARNING: &str = "Warning: No limit defined, adding default limit of [1000]\n";

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `esql` from the workspace root with `args`, feeding `stdin`.
fn esql_in(dir: &Path, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_esql"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the esql binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("esql exits normally"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn esql(args: &[&str]) -> Run {
    esql_in(&workspace_root(), args, "")
}

/// The shipped hunt over the bundled sample in `format`.
fn hunt(format: &str) -> Run {
    esql(&[HUNT, "--data-dir", DATA, "--now", NOW, "--format", format])
}

/// A fresh, empty folder for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A data folder holding index `x` with three small documents.
fn small_data(name: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::write(
        dir.join("x.ndjson"),
        "{\"@timestamp\":\"2023-12-31T23:59:00.000Z\",\"user\":\"ann\",\"bytes\":10}\n\
         {\"@timestamp\":\"2023-12-31T23:58:00.000Z\",\"user\":\"bob\",\"bytes\":20}\n\
         {\"@timestamp\":\"2023-12-31T23:57:00.000Z\",\"user\":\"ann\",\"bytes\":30}\n",
    )
    .unwrap();
    dir
}

fn expected_hunt() -> Json {
    let text = std::fs::read_to_string(workspace_root().join(DATA).join("expected-hunt.json"))
        .expect("the generator wrote expected-hunt.json");
    serde_json::from_str(&text).unwrap()
}

fn assert_hunt_stderr(run: &Run) {
    assert_eq!(run.stderr, format!("{EQ_WARNING}{LIMIT_WARNING}"));
}

#[test]
fn hunt_json_is_the_generators_answer() {
    let run = hunt("json");
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    assert_hunt_stderr(&run);
    let body: Json = serde_json::from_str(&run.stdout).unwrap();
    let expected = expected_hunt();
    assert_eq!(body["columns"], expected["columns"]);
    assert_eq!(body["values"], expected["values"]);
    assert_eq!(body["values"].as_array().unwrap().len(), 5);
    assert_eq!(body["is_partial"], Json::Bool(false));
    assert!(body["took"].is_u64());
    assert_eq!(
        body["warnings"],
        serde_json::json!(["No limit defined, adding default limit of [1000]"])
    );
}

#[test]
fn hunt_ndjson_rows_are_the_generators_answer() {
    let run = hunt("ndjson");
    assert_eq!(run.code, 0);
    assert_hunt_stderr(&run);
    let expected = expected_hunt();
    let names: Vec<&str> = expected["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    let rows: Vec<Json> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let wanted: Vec<Json> = expected["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let obj: serde_json::Map<String, Json> = names
                .iter()
                .zip(row.as_array().unwrap())
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect();
            Json::Object(obj)
        })
        .collect();
    assert_eq!(rows, wanted);
    insta::assert_snapshot!("hunt_ndjson", run.stdout);
}

#[test]
fn hunt_txt() {
    let run = hunt("txt");
    assert_eq!(run.code, 0);
    assert_hunt_stderr(&run);
    // Elasticsearch's txt pads every cell: all lines have the same width.
    let widths: Vec<usize> = run.stdout.lines().map(|l| l.chars().count()).collect();
    assert_eq!(widths.len(), 7);
    assert!(widths.iter().all(|w| *w == widths[0]), "{widths:?}");
    assert!(run.stdout.ends_with('\n'));
    insta::assert_snapshot!("hunt_txt", run.stdout);
}

#[test]
fn hunt_default_format_off_a_terminal_is_txt() {
    let run = esql(&[HUNT, "--data-dir", DATA, "--now", NOW]);
    assert_eq!(run.code, 0);
    assert_hunt_stderr(&run);
    assert_eq!(run.stdout, hunt("txt").stdout);
}

#[test]
fn hunt_csv() {
    let run = hunt("csv");
    assert_eq!(run.code, 0);
    assert_hunt_stderr(&run);
    // Elasticsearch's csv ends every line with CRLF (snapshots normalise it).
    assert_eq!(run.stdout.matches("\r\n").count(), 6);
    assert_eq!(run.stdout.matches('\n').count(), 6);
    insta::assert_snapshot!("hunt_csv", run.stdout);
}

#[test]
fn hunt_tsv() {
    let run = hunt("tsv");
    assert_eq!(run.code, 0);
    assert_hunt_stderr(&run);
    assert!(!run.stdout.contains('\r'));
    insta::assert_snapshot!("hunt_tsv", run.stdout);
}

#[test]
fn hunt_table() {
    let run = hunt("table");
    assert_eq!(run.code, 0);
    assert_hunt_stderr(&run);
    insta::assert_snapshot!("hunt_table", run.stdout);
}

#[test]
fn hunt_strict_is_elasticsearchs_parse_error() {
    let run = esql(&[HUNT, "--data-dir", DATA, "--now", NOW, "--strict"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("parsing_exception: line 5:62: mismatched input '='"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("Warning"));
}

#[test]
fn hunt_explain() {
    let run = esql(&[HUNT, "--data-dir", DATA, "--now", NOW, "--explain"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, EQ_WARNING);
    insta::assert_snapshot!("hunt_explain", run.stdout);
}

#[test]
fn query_option_as_the_conformance_runner_calls_it() {
    let dir = small_data("conformance");
    let run = esql_in(
        &dir,
        &[
            "--data-dir",
            ".",
            "--now",
            "2024-01-01T00:00:00Z",
            "--format",
            "json",
            "--query",
            "from x | where @timestamp > now() - 150 seconds | stats n = count(*), b = sum(bytes) by user | sort user | limit 10",
        ],
        "",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let body: Json = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        body["columns"],
        serde_json::json!([
            {"name": "n", "type": "long"},
            {"name": "b", "type": "long"},
            {"name": "user", "type": "keyword"}
        ])
    );
    assert_eq!(
        body["values"],
        serde_json::json!([[1, 10, "ann"], [1, 20, "bob"]])
    );
    assert!(body
        .get("warnings")
        .is_none_or(|w| w == &serde_json::json!([])));
}

#[test]
fn query_from_stdin() {
    let dir = small_data("stdin");
    let run = esql_in(
        &dir,
        &["-", "-d", ".", "--format", "csv"],
        "from x\n| keep user, bytes\n| sort bytes desc\n| limit 2\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "user,bytes\r\nann,30\r\nbob,20\r\n");
}

#[test]
fn queries_from_markdown() {
    let dir = small_data("markdown");
    std::fs::write(
        dir.join("hunt.md"),
        "# Busy users\n\nSome prose.\n\n```esql\nfrom x\n| stats total = sum(bytes) by user\n| sort total desc\n| limit 5\n```\n\n```python\nprint('not a query')\n```\n",
    )
    .unwrap();
    let run = esql_in(&dir, &["hunt.md", "-d", ".", "--format", "tsv"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(run.stdout, "total\tuser\n40\tann\n20\tbob\n");
}

#[test]
fn queries_from_detection_rules_toml() {
    let dir = small_data("toml");
    std::fs::write(
        dir.join("hunt.toml"),
        "[hunt]\nname = \"Bytes per user\"\nlanguage = [\"ES|QL\"]\nquery = [\n'''\nfrom x | stats c = count(*) | limit 1\n''',\n'''\nfrom x | where user == \"bob\" | keep bytes | limit 1\n'''\n]\n",
    )
    .unwrap();
    let run = esql_in(&dir, &["hunt.toml", "-d", ".", "--format", "csv"], "");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        run.stdout,
        "-- hunt.toml: query 1 (Bytes per user)\nc\r\n3\r\n-- hunt.toml: query 2 (Bytes per user)\nbytes\r\n20\r\n"
    );
}

#[test]
fn parse_prints_the_hunt_canonically_with_one_warning() {
    let run = esql(&["parse", HUNT]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr.matches("Warning:").count(), 1);
    assert_eq!(run.stderr, EQ_WARNING);
    insta::assert_snapshot!("parse_hunt", run.stdout);
}

#[test]
fn unknown_column_exits_1() {
    let dir = small_data("unknown-column");
    let run = esql_in(&dir, &["-d", ".", "-q", "from x\n| keep user, x"], "");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("verification_exception: Found 1 problem\nline 2:14: Unknown column [x]"),
        "{}",
        run.stderr
    );
}

#[test]
fn syntax_error_exits_1() {
    let dir = small_data("syntax");
    let run = esql_in(&dir, &["-d", ".", "-q", "from x | where"], "");
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with("parsing_exception: line 1:15: "),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_index_exits_1() {
    let dir = small_data("unknown-index");
    let run = esql_in(&dir, &["-d", ".", "-q", "from nope*"], "");
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "verification_exception: Found 1 problem\nline 1:6: Unknown index [nope*]"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_data_dir_exits_2() {
    let missing = temp_dir("missing-data").join("absent");
    let run = esql(&["-d", missing.to_str().unwrap(), "-q", "from x"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.starts_with("esql: "), "{}", run.stderr);
}

#[test]
fn missing_query_file_exits_2() {
    let run = esql(&["no-such-hunt.esql", "-d", DATA]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("esql: cannot read no-such-hunt.esql"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_now_exits_2() {
    let run = esql(&[HUNT, "-d", DATA, "--now", "yesterday"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(run.stderr.contains("--now"), "{}", run.stderr);
}

#[test]
fn success_with_warnings_exits_0() {
    let dir = small_data("ok");
    let run = esql_in(&dir, &["-d", ".", "-q", "row a = 1 | where a = 1"], "");
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("Line 1:21: [=]"), "{}", run.stderr);
}
