//! The integrations' field tables (index templates by index pattern) and
//! flattened fields as Elasticsearch has them, through the binary, over
//! CloudTrail-shaped documents the tests write.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{esql, query, DataDir, Run};
use serde_json::Value as Json;

/// Two documents of a CloudTrail data stream, with flattened objects and
/// without any `aws.cloudtrail.error_code`.
fn cloudtrail(label: &str) -> DataDir {
    let dir = DataDir::new(label);
    let docs = [
        r#"{"@timestamp":"2024-05-10T10:00:00Z","event":{"action":"RunInstances","provider":"ec2.amazonaws.com"},"source":{"ip":"198.51.100.7"},"aws":{"cloudtrail":{"management_event":true,"read_only":false,"request_parameters":"{instanceType=t2.micro}","flattened":{"request_parameters":{"instanceType":"t2.micro","blockDeviceMapping":{"items":[{"deviceName":"/dev/sda1"}]}},"response_elements":{"reservationId":"r-1","instancesSet":{"items":[{"instanceId":"i-1"}]}}}}}}"#,
        r#"{"@timestamp":"2024-05-10T10:05:00Z","event":{"action":"ListBuckets","provider":"s3.amazonaws.com"},"source":{"ip":"198.51.100.8"},"aws":{"cloudtrail":{"management_event":true,"read_only":true,"flattened":{"request_parameters":{"Host":"s3.amazonaws.com"}}}}}"#,
    ];
    dir.write("logs-aws.cloudtrail-default.ndjson", docs.join("\n") + "\n");
    dir
}

/// Runs `q` over `dir` with JSON output.
fn json_query(dir: &DataDir, q: &str) -> Run {
    esql(&[
        "-q",
        q,
        "-d",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ])
}

fn json_run(dir: &DataDir, q: &str) -> Json {
    let run = json_query(dir, q);
    run.assert_code(0);
    serde_json::from_str(&run.stdout).unwrap()
}

fn columns(body: &Json) -> Vec<(String, String)> {
    body["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["type"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_mapped_field_without_values_is_a_null_column() {
    let dir = cloudtrail("ct-mapped");
    let body = json_run(
        &dir,
        "FROM logs-aws.cloudtrail-* \
         | WHERE aws.cloudtrail.error_code IS NULL AND aws.cloudtrail.session_credential_from_console IS NULL \
         | STATS calls = COUNT(*), codes = COUNT(aws.cloudtrail.error_code) BY aws.cloudtrail.management_event",
    );
    assert_eq!(
        columns(&body),
        vec![
            ("calls".to_string(), "long".to_string()),
            ("codes".to_string(), "long".to_string()),
            (
                "aws.cloudtrail.management_event".to_string(),
                "keyword".to_string()
            ),
        ]
    );
    // The template maps management_event as keyword: true reads as "true".
    assert_eq!(body["values"], serde_json::json!([[2, 0, "true"]]));
    // Another index name is no CloudTrail data stream: no template there.
    dir.write(
        "cloudtrail.ndjson",
        r#"{"@timestamp":"2024-05-10T10:00:00Z"}"#.to_string() + "\n",
    );
    query(
        &dir,
        "FROM cloudtrail | KEEP aws.cloudtrail.error_code",
        &[],
    )
    .assert_code(1)
    .assert_stderr("Unknown column [aws.cloudtrail.error_code]");
}

#[test]
fn a_flattened_field_is_one_unsupported_column() {
    let dir = cloudtrail("ct-flat-root");
    let body = json_run(
        &dir,
        "FROM logs-aws.cloudtrail-* | SORT @timestamp | KEEP @timestamp, aws.cloudtrail.flattened.request_parameters",
    );
    assert_eq!(
        columns(&body),
        vec![
            ("@timestamp".to_string(), "date".to_string()),
            (
                "aws.cloudtrail.flattened.request_parameters".to_string(),
                "unsupported".to_string()
            ),
        ]
    );
    assert_eq!(
        body["values"],
        serde_json::json!([
            ["2024-05-10T10:00:00.000Z", null],
            ["2024-05-10T10:05:00.000Z", null]
        ])
    );
    // Any other use is Elasticsearch's verification error.
    query(
        &dir,
        "FROM logs-aws.cloudtrail-* | WHERE aws.cloudtrail.flattened.request_parameters IS NOT NULL",
        &[],
    )
    .assert_code(1)
    .assert_stderr(
        "Cannot use field [aws.cloudtrail.flattened.request_parameters] with unsupported type [flattened]",
    );
}

#[test]
fn wildcards_expand_to_the_flattened_roots_only() {
    let dir = cloudtrail("ct-flat-wild");
    let body = json_run(
        &dir,
        "FROM logs-aws.cloudtrail-* | KEEP aws.cloudtrail.flattened.* | LIMIT 1",
    );
    let names: Vec<String> = columns(&body).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        vec![
            "aws.cloudtrail.flattened.additional_eventdata",
            "aws.cloudtrail.flattened.digest",
            "aws.cloudtrail.flattened.insight_details",
            "aws.cloudtrail.flattened.request_parameters",
            "aws.cloudtrail.flattened.response_elements",
            "aws.cloudtrail.flattened.service_event_details",
        ]
    );
    assert!(columns(&body).iter().all(|(_, t)| t == "unsupported"));
    // `KEEP aws.*` holds no key of a flattened object either.
    let body = json_run(&dir, "FROM logs-aws.cloudtrail-* | KEEP aws.* | LIMIT 1");
    let names: Vec<String> = columns(&body).into_iter().map(|(n, _)| n).collect();
    assert!(names.contains(&"aws.cloudtrail.read_only".to_string()));
    assert!(
        names.iter().all(
            |n| !n.starts_with("aws.cloudtrail.flattened.request_parameters.")
                && !n.starts_with("aws.cloudtrail.flattened.response_elements.")
        ),
        "{names:?}"
    );
    // DROP matches the roots the same way.
    let body = json_run(
        &dir,
        "FROM logs-aws.cloudtrail-* | KEEP aws.cloudtrail.* | DROP aws.cloudtrail.flattened* | LIMIT 1",
    );
    assert!(columns(&body)
        .iter()
        .all(|(n, _)| !n.starts_with("aws.cloudtrail.flattened")));
}

#[test]
fn a_key_of_a_flattened_field_is_an_unknown_column() {
    let dir = cloudtrail("ct-flat-key");
    query(
        &dir,
        "FROM logs-aws.cloudtrail-* | WHERE aws.cloudtrail.flattened.request_parameters.instanceType == \"t2.micro\"",
        &[],
    )
    .assert_code(1)
    .assert_stderr("verification_exception: Found 1 problem")
    .assert_stderr(
        "Unknown column [aws.cloudtrail.flattened.request_parameters.instanceType], did you mean",
    );
    query(
        &dir,
        "FROM logs-aws.cloudtrail-* | KEEP aws.cloudtrail.flattened.request_parameters.*",
        &[],
    )
    .assert_code(1)
    .assert_stderr("No matches found for pattern [aws.cloudtrail.flattened.request_parameters.*]");
    // A user's mapping saying `flattened` gives the same.
    let mapped = DataDir::new("ct-flat-mapping");
    mapped.write(
        "events.ndjson",
        r#"{"labels":{"team":"blue","env":{"name":"prod"}},"n":1}"#.to_string() + "\n",
    );
    mapped.write(
        "events.mapping.json",
        r#"{"properties":{"labels":{"type":"flattened"},"n":{"type":"long"}}}"#,
    );
    let body = json_run(&mapped, "FROM events | KEEP labels*");
    assert_eq!(
        columns(&body),
        vec![("labels".to_string(), "unsupported".to_string())]
    );
    query(&mapped, "FROM events | KEEP labels.team", &[])
        .assert_code(1)
        .assert_stderr("Unknown column [labels.team]");
    query(&mapped, "FROM events | STATS c = COUNT(*) BY labels", &[])
        .assert_code(1)
        .assert_stderr("Cannot use field [labels] with unsupported type [flattened]");
}

#[test]
fn a_filter_on_a_pipeline_field_prints_one_note() {
    let dir = cloudtrail("ct-geo");
    let run = query(
        &dir,
        "FROM logs-aws.cloudtrail-* | WHERE source.geo.country_iso_code != \"US\" OR source.geo.country_iso_code IS NULL | KEEP source.ip, source.geo.country_iso_code | SORT source.ip",
        &[],
    );
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "source.ip,source.geo.country_iso_code\n198.51.100.7,\n198.51.100.8,\n"
    );
    let notes: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("Note: "))
        .collect();
    assert_eq!(notes.len(), 1, "{}", run.stderr);
    assert!(
        notes[0].contains("[source.geo.country_iso_code]"),
        "{}",
        notes[0]
    );
    assert!(notes[0].contains("GeoIP"), "{}", notes[0]);
    // Not in the JSON response: Elasticsearch gives no such warning.
    let run = json_query(
        &dir,
        "FROM logs-aws.cloudtrail-* | WHERE source.geo.country_iso_code == \"US\"",
    );
    run.assert_code(0).assert_stderr("Note: ");
    assert!(!run.stdout.contains("GeoIP"), "{}", run.stdout);
    // No note when the documents have the field, or the query only keeps it.
    dir.write(
        "logs-aws.cloudtrail-geo.ndjson",
        r#"{"@timestamp":"2024-05-10T10:00:00Z","source":{"geo":{"country_iso_code":"SE"}}}"#
            .to_string()
            + "\n",
    );
    let run = query(
        &dir,
        "FROM logs-aws.cloudtrail-* | WHERE source.geo.country_iso_code == \"SE\" | KEEP source.geo.country_iso_code",
        &[],
    );
    run.assert_code(0);
    assert!(!run.stderr.contains("Note: "), "{}", run.stderr);
    assert_eq!(run.stdout, "source.geo.country_iso_code\nSE\n");
    let run = query(
        &dir,
        "FROM logs-aws.cloudtrail-* | KEEP user_agent.name | LIMIT 1",
        &[],
    );
    run.assert_code(0);
    assert!(!run.stderr.contains("Note: "), "{}", run.stderr);
}
