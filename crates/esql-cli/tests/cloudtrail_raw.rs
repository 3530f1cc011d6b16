//! Raw CloudTrail through the built binary: the README example over the
//! bundled AWSLogs tree, `--input-format`, `esql convert` and
//! `--cloudtrail-pipeline` (with the `cloudtrail-pipeline=` directive).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

const TREE: &str = "testdata/cloudtrail-raw";
const README_QUERY: &str = r#"from logs-aws.cloudtrail-*
| where event.provider == "servicequotas.amazonaws.com"
| dissect aws.cloudtrail.request_parameters "{%{?k1}=%{service_code}, %{?k2}=%{quota_code}}"
| keep @timestamp, cloud.region, user.name, service_code, quota_code
| sort @timestamp
| limit 10"#;
const README_OUTPUT: &str = concat!(
    "       @timestamp       | cloud.region  |   user.name   | service_code  |  quota_code\n",
    "------------------------+---------------+---------------+---------------+---------------\n",
    "2024-05-08T10:00:01.000Z|us-east-1      |nadia          |ec2            |L-1216C47A\n",
    "2024-05-08T10:00:02.000Z|us-west-2      |nadia          |ec2            |L-1216C47A\n",
    "2024-05-08T10:00:03.000Z|us-east-1      |nadia          |ec2            |L-34B43A08\n",
);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `esql` in the workspace root; (exit code, stdout, stderr).
fn esql(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_esql"))
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn trim_lines(s: &str) -> String {
    s.lines().map(|l| format!("{}\n", l.trim_end())).collect()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("esql-ct-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn readme_example() {
    let (code, out, err) = esql(&["-d", TREE, "--format", "txt", "-q", README_QUERY]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(trim_lines(&out), README_OUTPUT);
    assert_eq!(err, "");
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains(README_QUERY), "README shows another query");
    assert!(
        readme.contains(README_OUTPUT),
        "README shows another output"
    );
}

#[test]
fn tree_is_one_index_without_the_digest() {
    let q = "from logs-aws.cloudtrail-* metadata _index \
             | stats n = count(*), outcomes = values(event.outcome) by _index, event.action \
             | sort event.action";
    for threads in ["1", "3"] {
        let (code, out, err) =
            esql(&["-d", TREE, "--format", "csv", "--threads", threads, "-q", q]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(
            out.replace("\r\n", "\n"),
            "n,outcomes,_index,event.action\n\
             1,failure,logs-aws.cloudtrail-default,ConsoleLogin\n\
             1,failure,logs-aws.cloudtrail-default,CreateUser\n\
             3,success,logs-aws.cloudtrail-default,GetServiceQuota\n",
            "threads {threads}"
        );
    }
}

#[test]
fn strings_outcomes_and_addresses() {
    let q = "from logs-aws.cloudtrail-* \
             | where event.action != \"GetServiceQuota\" \
             | keep event.action, event.outcome, source.ip, user.name, \
                    aws.cloudtrail.request_parameters, aws.cloudtrail.additional_eventdata \
             | sort event.action";
    let (code, out, err) = esql(&["-d", TREE, "--format", "tsv", "-q", q]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "event.action\tevent.outcome\tsource.ip\tuser.name\taws.cloudtrail.request_parameters\taws.cloudtrail.additional_eventdata\n\
         ConsoleLogin\tfailure\t2001:db8::7\tOps\t\t{LoginTo=https://console.aws.amazon.com/, MobileVersion=No, MFAUsed=No}\n\
         CreateUser\tfailure\t198.51.100.7\tnadia\t{userName=backdoor}\t\n"
    );
}

#[test]
fn input_formats_for_ndjson_of_raw_records() {
    let dir = temp_dir("fmt");
    std::fs::write(
        dir.join("trail.ndjson"),
        "{\"eventName\":\"GetServiceQuota\",\"eventVersion\":\"1.08\",\"awsRegion\":\"eu-west-1\",\
          \"requestParameters\":{\"serviceCode\":\"ec2\",\"quotaCode\":\"L-1216C47A\"}}\n",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let q = "from trail | keep event.action, cloud.region, aws.cloudtrail.request_parameters";
    let (code, out, err) = esql(&[
        "-d",
        d,
        "--input-format",
        "cloudtrail",
        "--format",
        "csv",
        "-q",
        q,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.replace("\r\n", "\n"),
        "event.action,cloud.region,aws.cloudtrail.request_parameters\n\
         GetServiceQuota,eu-west-1,\"{serviceCode=ec2, quotaCode=L-1216C47A}\"\n"
    );
    // Auto: an NDJSON file of records is read as documents, unconverted.
    let (code, out, err) = esql(&[
        "-d",
        d,
        "--format",
        "csv",
        "-q",
        "from trail | keep eventName, awsRegion",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.replace("\r\n", "\n"),
        "eventName,awsRegion\nGetServiceQuota,eu-west-1\n"
    );
    // ndjson: a delivery file stays one document with its `Records`.
    std::fs::write(
        dir.join("raw.json"),
        "{\"Records\":[{\"eventName\":\"A\"},{\"eventName\":\"B\"}]}\n",
    )
    .unwrap();
    let q = "from raw | stats n = count(*), names = values(Records.eventName)";
    let (code, out, err) = esql(&[
        "-d",
        d,
        "--input-format",
        "ndjson",
        "--format",
        "csv",
        "-q",
        q,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.replace("\r\n", "\n"), "n,names\n1,\"[A, B]\"\n");
    let (code, out, err) = esql(&[
        "-d",
        d,
        "--format",
        "csv",
        "-q",
        "from raw | stats n = count(*)",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.replace("\r\n", "\n"), "n\n2\n");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn convert_prints_documents() {
    let file = "testdata/cloudtrail-raw/AWSLogs/111122223333/CloudTrail/us-east-1/2024/05/08/\
                111122223333_CloudTrail_us-east-1_20240508T1005Z_a1b2c3.json.gz";
    let (code, out, err) = esql(&["convert", file]);
    assert_eq!(code, 0, "{err}");
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 3);
    let create = &docs[2];
    assert_eq!(create["event"]["action"], "CreateUser");
    assert_eq!(create["event"]["outcome"], "failure");
    assert_eq!(create["event"]["category"], serde_json::json!(["iam"]));
    assert_eq!(create["aws"]["cloudtrail"]["error_code"], "AccessDenied");
    // `path: ""` and `tags: []` were dropped before rendering.
    assert_eq!(
        create["aws"]["cloudtrail"]["request_parameters"],
        "{userName=backdoor}"
    );
    // The newest pipeline: the request's user, then user.id and user.name.
    assert_eq!(
        create["related"]["user"],
        serde_json::json!(["backdoor", "AIDAEXAMPLEPRINCIPAL", "nadia"])
    );
    assert_eq!(create["cloud"]["provider"], "aws");
    assert_eq!(create["tags"], serde_json::Value::Null);
    assert_eq!(create["event"]["original"], serde_json::Value::Null);
    assert_eq!(create["tls"], serde_json::Value::Null);
    assert_eq!(docs[0]["tls"]["version"], "1.3");
    let (code, _, err) = esql(&["convert", "testdata/cloudtrail-raw/missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
}

const CREATE_USER_FILE: &str = "testdata/cloudtrail-raw/AWSLogs/111122223333/CloudTrail/us-east-1/\
     2024/05/08/111122223333_CloudTrail_us-east-1_20240508T1005Z_a1b2c3.json.gz";

#[test]
fn convert_with_an_older_pipeline_and_its_options() {
    let (code, out, err) = esql(&[
        "convert",
        "--cloudtrail-pipeline",
        "2.25.0-preview01",
        "--preserve-original-event",
        "--actor-target-mapping",
        CREATE_USER_FILE,
    ]);
    assert_eq!(code, 0, "{err}");
    let docs: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let create = &docs[2];
    assert_eq!(
        create["related"]["user"],
        serde_json::json!(["nadia", "backdoor"])
    );
    // Sorted, with the principal id, as that version's entity pipeline.
    let entities = create["related"]["entity"].as_array().unwrap();
    let mut sorted = entities.clone();
    sorted.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    assert_eq!(*entities, sorted);
    assert!(entities.contains(&serde_json::json!("AIDAEXAMPLEPRINCIPAL")));
    assert_eq!(create["cloud"]["provider"], serde_json::Value::Null);
    assert_eq!(create["actor"], serde_json::Value::Null);
    assert_eq!(
        create["tags"],
        serde_json::json!(["preserve_original_event", "actor_target_mapping"])
    );
    let original: serde_json::Value =
        serde_json::from_str(create["event"]["original"].as_str().unwrap()).unwrap();
    assert_eq!(original["eventName"], "CreateUser");
}

#[test]
fn unsupported_pipeline_versions_are_refused() {
    let (code, _, err) = esql(&[
        "convert",
        "--cloudtrail-pipeline",
        "1.2.3",
        CREATE_USER_FILE,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("[1.2.3] is older than the oldest supported"),
        "{err}"
    );
    assert!(err.contains("7.3.0"), "{err}");
}

const USERS_QUERY: &str = "from logs-aws.cloudtrail-* | where event.action == \"CreateUser\" \
     | eval users = mv_concat(related.user, \",\") | keep users";

#[test]
fn run_with_a_pipeline_version() {
    let old = esql(&[
        "-d",
        TREE,
        "--format",
        "csv",
        "--cloudtrail-pipeline",
        "2.25.0-preview01",
        "-q",
        USERS_QUERY,
    ]);
    assert_eq!(old.0, 0, "{}", old.2);
    // Keyword values come back sorted, as from Elasticsearch's doc values.
    assert_eq!(old.1.replace("\r\n", "\n"), "users\n\"backdoor,nadia\"\n");
    let new = esql(&["-d", TREE, "--format", "csv", "-q", USERS_QUERY]);
    assert_eq!(new.0, 0, "{}", new.2);
    assert_eq!(
        new.1.replace("\r\n", "\n"),
        "users\n\"AIDAEXAMPLEPRINCIPAL,backdoor,nadia\"\n"
    );
}

#[test]
fn test_directive_sets_the_pipeline_version() {
    let dir = temp_dir("directive");
    let tree = root().join(TREE);
    let hunt = format!(
        "// esql-test: data-dir={} cloudtrail-pipeline=2.25.0-preview01\n{USERS_QUERY}\n",
        tree.display()
    );
    std::fs::write(dir.join("users.esql"), hunt).unwrap();
    let dir_arg = dir.to_string_lossy().to_string();
    let (code, _, err) = esql(&["test", "--bless", &dir_arg]);
    assert_eq!(code, 0, "{err}");
    let snapshot: String = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_none_or(|x| x != "esql"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    assert!(snapshot.contains("backdoor,nadia"), "{snapshot}");
    assert!(!snapshot.contains("AIDAEXAMPLEPRINCIPAL"), "{snapshot}");
    // The directive wins over the command line.
    let (code, out, err) = esql(&["test", "--cloudtrail-pipeline", "7.3.0", &dir_arg]);
    assert_eq!(code, 0, "{out}{err}");
    let bad = dir.join("bad.esql");
    std::fs::write(&bad, "// esql-test: cloudtrail-pipeline=9.9.9\nfrom x\n").unwrap();
    let (code, out, err) = esql(&["test", &dir_arg]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        format!("{out}{err}").contains("[9.9.9] is not a supported"),
        "{out}{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn run_with_the_pipeline_options() {
    let q = "from logs-aws.cloudtrail-* | where event.action == \"CreateUser\" \
             | keep actor.entity.id, target.entity.id, tags";
    // Without the tag the documents lack the fields, which the integration's
    // template maps all the same: null columns.
    let (code, out, err) = esql(&["-d", TREE, "--format", "csv", "-q", q]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.replace("\r\n", "\n"),
        "actor.entity.id,target.entity.id,tags\n,,\n"
    );
    let (code, out, err) = esql(&[
        "-d",
        TREE,
        "--format",
        "csv",
        "--actor-target-mapping",
        "--preserve-original-event",
        "-q",
        q,
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out.replace("\r\n", "\n"),
        "actor.entity.id,target.entity.id,tags\n\
         arn:aws:iam::111122223333:user/nadia,backdoor,\"[actor_target_mapping, preserve_original_event]\"\n"
    );
}
