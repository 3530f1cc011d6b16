//! Query parameters on the command line: `--param`, `--params`,
//! `--param-identifier`, `--param-pattern`, and Kibana's time range
//! `--from` / `--to` as `?_tstart` / `?_tend`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{esql, DataDir};

fn logs() -> DataDir {
    let data = DataDir::new("params");
    data.write(
        "logs.ndjson",
        concat!(
            "{\"@timestamp\":\"2024-05-01T10:00:00Z\",\"host\":{\"name\":\"a\"},\"n\":5}\n",
            "{\"@timestamp\":\"2024-05-02T10:00:00Z\",\"host\":{\"name\":\"b\"},\"n\":15}\n",
            "{\"@timestamp\":\"2024-05-03T10:00:00Z\",\"host\":{\"name\":\"a\"},\"n\":25}\n",
        ),
    );
    data
}

fn run(data: &DataDir, query: &str, extra: &[&str]) -> common::Run {
    let mut args = vec![
        "-d",
        data.path().to_str().unwrap(),
        "--format",
        "csv",
        "-q",
        query,
    ];
    args.extend_from_slice(extra);
    esql(&args)
}

#[test]
fn named_values_are_typed_json_literals() {
    let data = logs();
    let r = run(
        &data,
        "from logs | where n > ?min | eval s = ?s, b = ?b, z = ?z, d = ?d | keep n, s, b, z, d | limit 5",
        &["--param", "min=10", "--param", "s=\"x\"", "--param", "b=true", "--param", "z=null", "--param", "d=1.5"],
    );
    r.assert_code(0);
    assert_eq!(r.stdout, "n,s,b,z,d\n15,x,true,,1.5\n25,x,true,,1.5\n");
}

#[test]
fn unnamed_values_are_positional_and_anonymous() {
    let data = logs();
    let r = run(
        &data,
        "row a = ?2, b = ?1",
        &["--param", "1", "--param", "\"x\""],
    );
    r.assert_code(0);
    assert_eq!(r.stdout, "a,b\nx,1\n");
    let r = run(&data, "row a = ?, b = ?", &["--params", "[7, \"y\"]"]);
    r.assert_code(0);
    assert_eq!(r.stdout, "a,b\n7,y\n");
}

#[test]
fn identifiers_and_patterns_name_fields() {
    let data = logs();
    let r = run(
        &data,
        "from logs | stats c = count(*) by ??f | sort ??f",
        &["--param-identifier", "f=host.name"],
    );
    r.assert_code(0);
    assert_eq!(r.stdout, "c,host.name\n2,a\n1,b\n");
    let r = run(
        &data,
        "from logs | sort n | keep ?p | limit 1",
        &["--params", r#"[{"p": {"pattern": "ho*"}}]"#],
    );
    r.assert_code(0);
    assert_eq!(r.stdout, "host.name\na\n");
}

#[test]
fn kibana_time_range_compares_with_dates() {
    let data = logs();
    let r = run(
        &data,
        "from logs | where @timestamp >= ?_tstart and @timestamp <= ?_tend | keep n",
        &[
            "--from",
            "2024-05-02T00:00:00.000Z",
            "--to",
            "2024-05-03T23:59:59.999Z",
        ],
    );
    r.assert_code(0);
    assert_eq!(r.stdout, "n\n15\n25\n");
}

#[test]
fn errors_are_elasticsearchs_at_the_parameter() {
    let data = logs();
    let r = run(&data, "from logs | where n > ?mn", &["--param", "min=10"]);
    r.assert_code(1);
    assert!(
        r.stderr
            .contains("line 1:23: Unknown query parameter [mn], did you mean [min]?"),
        "{}",
        r.stderr
    );
    let r = run(&data, "row a = ?1, b = ?", &["--param", "1"]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("line 1:17: Inconsistent parameter declaration, use one of positional, named or anonymous params but not a combination of anonymous and positional"),
        "{}",
        r.stderr
    );
    let r = run(&data, "row a = ?3", &["--param", "1", "--param", "2"]);
    r.assert_code(1);
    assert!(
        r.stderr.contains("line 1:9: No parameter is defined for position 3, did you mean any position between 1 and 2?"),
        "{}",
        r.stderr
    );
    let r = run(&data, "row a = 1", &["--param", "n=1", "--param", "2"]);
    r.assert_code(2);
    assert!(
        r.stderr
            .contains("Params cannot contain both named and unnamed parameters"),
        "{}",
        r.stderr
    );
    let r = run(&data, "row a = ?n", &["--param", "n=abc"]);
    r.assert_code(2);
    assert!(r.stderr.contains("is not a JSON value"), "{}", r.stderr);
}

#[test]
fn test_directives_supply_parameters() {
    let data = logs();
    let hunts = DataDir::new("params-hunts");
    let d = data.path().to_str().unwrap();
    hunts.write(
        "h.esql",
        format!(
            "// esql-test: data-dir={d} param=min=10 from=2024-05-03T00:00:00Z to=2024-05-04T00:00:00Z\nfrom logs | where n > ?min and @timestamp >= ?_tstart and @timestamp < ?_tend | keep n\n"
        ),
    );
    let bless = esql(&["test", hunts.path().to_str().unwrap(), "--bless"]);
    bless.assert_code(0);
    let again = esql(&["test", hunts.path().to_str().unwrap()]);
    again.assert_code(0);
    let snapshot = std::fs::read_to_string(hunts.path().join("h.esql.snap")).unwrap();
    assert!(
        snapshot.contains("25") && !snapshot.contains("15"),
        "{snapshot}"
    );
}
