//! Raw CloudTrail records the prefilter skips before conversion never
//! change an answer or a warning: queries over an `AWSLogs` tree answer
//! exactly as over the same records converted to NDJSON by `esql convert`,
//! with records that spell a literal through a `\u` escape, hold other
//! escapes, or hold arrays under the filtered members.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn esql(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_esql"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// One raw record; `extra` is spliced in as further members.
fn record(i: usize, name: &str, source: &str, region: &str, extra: &str) -> String {
    format!(
        concat!(
            r#"{{"eventVersion":"1.08","eventTime":"2024-05-08T10:00:{:02}Z","#,
            r#""eventName":{},"eventSource":{},"awsRegion":{},"#,
            r#""sourceIPAddress":"203.0.113.{}","eventID":"id-{}","eventType":"AwsApiCall","#,
            r#""userIdentity":{{"type":"IAMUser","userName":"u{}"}}{}}}"#
        ),
        i % 60,
        name,
        source,
        region,
        i % 250,
        i,
        i % 3,
        extra
    )
}

/// An `AWSLogs` tree of two delivery files, and the same records converted.
fn data(label: &str) -> (PathBuf, PathBuf) {
    let base = std::env::temp_dir().join(format!("esql-ctpf-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    let names = [
        r#""GetServiceQuota""#,
        r#""ListBuckets""#,
        r#""Get\u0053erviceQuota""#,
        r#"["GetServiceQuota","ListBuckets"]"#,
        r#""ConsoleLogin""#,
    ];
    let sources = [
        r#""servicequotas.amazonaws.com""#,
        r#""s3.amazonaws.com""#,
        r#"["s3.amazonaws.com","iam.amazonaws.com"]"#,
    ];
    // The last array lacks the literal `eu-west-1` a query filters on: the
    // record must still be converted, as the filter warns on it.
    let regions = [
        r#""us-east-1""#,
        r#""eu-west-1""#,
        r#"["us-east-1","eu-west-1"]"#,
        r#"["us-east-1","us-west-2"]"#,
    ];
    let extras = [
        "",
        r#","requestParameters":{"policy":"{\"Statement\":[]}"}"#,
        r#","responseElements":{"items":["a","b"]}"#,
    ];
    let mut files = Vec::new();
    for f in 0..2 {
        let records: Vec<String> = (0..120)
            .map(|i| {
                let k = i + f * 120;
                record(
                    k,
                    names[k % names.len()],
                    sources[(k / 5) % sources.len()],
                    // A record with a `\\u` escape is always converted: keep
                    // the arrays away from those, so the array rule is what
                    // keeps them.
                    if k % names.len() == 2 {
                        regions[k % 2]
                    } else {
                        regions[(k / 7) % regions.len()]
                    },
                    extras[(k / 11) % extras.len()],
                )
            })
            .collect();
        files.push(format!("{{\"Records\":[{}]}}", records.join(",\n")));
    }
    let tree = base.join("raw");
    let day = tree.join("AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/08");
    std::fs::create_dir_all(&day).unwrap();
    let mut paths = Vec::new();
    for (i, text) in files.iter().enumerate() {
        let p = day.join(format!(
            "111122223333_CloudTrail_us-east-1_20240508T10{i:02}Z_x.json"
        ));
        std::fs::write(&p, text).unwrap();
        paths.push(p);
    }
    let converted = base.join("ndjson");
    std::fs::create_dir_all(&converted).unwrap();
    let mut args = vec!["convert".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, docs, err) = esql(&base, &arg_refs);
    assert_eq!(code, 0, "{err}");
    assert_eq!(docs.lines().count(), 240);
    std::fs::write(converted.join("logs-aws.cloudtrail-default.ndjson"), docs).unwrap();
    (tree, converted)
}

const QUERIES: &[&str] = &[
    r#"from logs-aws.cloudtrail-* | where event.action == "GetServiceQuota" | stats c = count(*) by event.provider, cloud.region | sort event.provider, cloud.region"#,
    r#"from logs-aws.cloudtrail-* | where event.provider == "servicequotas.amazonaws.com" and event.action == "GetServiceQuota" | keep event.id | sort event.id"#,
    r#"from logs-aws.cloudtrail-* | where event.provider in ("s3.amazonaws.com", "iam.amazonaws.com") | stats c = count(*) by event.action | sort event.action"#,
    r#"from logs-aws.cloudtrail-* | where cloud.region == "eu-west-1" or event.action == "ConsoleLogin" | stats c = count(*)"#,
    // No record holds the literal: only the arrays under `awsRegion` warn.
    r#"from logs-aws.cloudtrail-* | where cloud.region == "ap-south-1" | stats c = count(*)"#,
    r#"from logs-aws.cloudtrail-* | where @timestamp > "2024-05-08T10:00:30Z" and event.dataset == "aws.cloudtrail" and event.action == "ListBuckets" | stats c = count(*) by user.name | sort user.name"#,
    r#"from logs-aws.cloudtrail-* | where source.ip == "203.0.113.7" | keep event.id, event.action | sort event.id"#,
    r#"from logs-aws.cloudtrail-* | where event.action == "GetServiceQuota" and event.category == "iam" | stats c = count(*)"#,
];

#[test]
fn skipped_raw_records_change_no_answer_and_no_warning() {
    let (tree, converted) = data("same");
    let (tree, converted) = (tree.display().to_string(), converted.display().to_string());
    for q in QUERIES {
        let (_, explain, _) = esql(Path::new("."), &["-d", &tree, "--explain", "-q", q]);
        let (code, want, want_err) = esql(
            Path::new("."),
            &["-d", &converted, "--format", "csv", "-q", q],
        );
        assert_eq!(code, 0, "{q}: {want_err}");
        for threads in ["1", "2"] {
            let (code, got, got_err) = esql(
                Path::new("."),
                &[
                    "-d",
                    &tree,
                    "--format",
                    "csv",
                    "--threads",
                    threads,
                    "-q",
                    q,
                ],
            );
            assert_eq!(code, 0, "{q}: {got_err}");
            assert_eq!(got, want, "{q}\n{explain}");
            assert_eq!(got_err, want_err, "{q}\n{explain}");
        }
    }
}

#[test]
fn explain_shows_the_raw_record_prefilter() {
    let (tree, _) = data("explain");
    let tree = tree.display().to_string();
    let (_, out, _) = esql(
        Path::new("."),
        &["-d", &tree, "--explain", "-q", QUERIES[1]],
    );
    assert!(
        out.contains(
            r#"raw record prefilter: [["servicequotas.amazonaws.com"], ["GetServiceQuota"]]"#
        ),
        "{out}"
    );
    // A filter on a field the pipeline derives (event.category) could warn
    // on a record that lacks the literals: nothing is skipped then.
    let (_, out, _) = esql(
        Path::new("."),
        &["-d", &tree, "--explain", "-q", QUERIES[7]],
    );
    assert!(!out.contains("raw record prefilter"), "{out}");
}
