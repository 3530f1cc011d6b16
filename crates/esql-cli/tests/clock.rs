//! An empty answer that the clock explains is said on stderr (with the
//! newest `@timestamp` and `--now`), and `--now latest` queries the data
//! as of its newest event; an empty answer the clock does not explain
//! raises no warning.

mod common;

use common::{esql, DataDir};

/// Two events of May 2024, far older than the clock.
fn old_logs() -> DataDir {
    let dir = DataDir::new("clock");
    dir.write(
        "logs.ndjson",
        "{\"@timestamp\":\"2024-05-10T10:00:00Z\",\"user\":\"ann\"}\n\
         {\"@timestamp\":\"2024-05-10T12:00:00Z\",\"user\":\"bob\"}\n",
    );
    dir
}

const LAST_DAY: &str = "FROM logs\n| WHERE @timestamp > NOW() - 1 day\n| KEEP user";

#[test]
fn an_old_window_warns_with_the_newest_timestamp() {
    let dir = old_logs();
    let data = dir.path().to_string_lossy().into_owned();
    let run = esql(&["-q", LAST_DAY, "-d", &data, "--format", "csv"]);
    run.assert_code(0)
        .assert_stderr("the filter at line 2:9 [@timestamp > NOW() - 1 day] compares with NOW() = ")
        .assert_stderr("kept none of the 2 rows of [logs]")
        .assert_stderr("the newest @timestamp in the data is 2024-05-10T12:00:00.000Z")
        .assert_stderr("--now latest");
    assert_eq!(run.stdout.trim(), "user");
    let quiet = esql(&["-q", LAST_DAY, "-d", &data, "--quiet"]);
    assert!(!quiet.stderr.contains("NOW()"), "{}", quiet.stderr);
}

#[test]
fn now_latest_is_the_newest_timestamp() {
    let dir = old_logs();
    let data = dir.path().to_string_lossy().into_owned();
    let run = esql(&[
        "-q", LAST_DAY, "-d", &data, "--now", "latest", "--format", "csv",
    ]);
    run.assert_code(0);
    assert_eq!(run.stdout, "user\nann\nbob\n");
    assert!(!run.stderr.contains("NOW()"), "{}", run.stderr);
    let now = esql(&[
        "-q",
        "ROW t = NOW()",
        "-d",
        &data,
        "--now",
        "latest",
        "--format",
        "csv",
    ]);
    assert_eq!(now.stdout, "t\n2024-05-10T12:00:00.000Z\n");
}

#[test]
fn now_latest_without_timestamps_is_a_usage_error() {
    let dir = DataDir::new("clock-none");
    dir.write("plain.ndjson", "{\"user\":\"ann\"}\n");
    let data = dir.path().to_string_lossy().into_owned();
    esql(&["-q", "FROM plain", "-d", &data, "--now", "latest"])
        .assert_code(2)
        .assert_stderr("--now latest: no document of the data has a @timestamp");
}

#[test]
fn no_warning_when_the_clock_does_not_explain_it() {
    let dir = old_logs();
    let data = dir.path().to_string_lossy().into_owned();
    // No filter on NOW(): an empty answer is just an empty answer.
    let plain = esql(&["-q", "FROM logs | WHERE user == \"zoe\"", "-d", &data]);
    plain.assert_code(0);
    assert!(!plain.stderr.contains("NOW()"), "{}", plain.stderr);
    // A given --now is the user's choice.
    let given = esql(&["-q", LAST_DAY, "-d", &data, "--now", "2030-01-01T00:00:00Z"]);
    assert!(!given.stderr.contains("NOW()"), "{}", given.stderr);
    // The answer has rows.
    let kept = esql(&["-q", "FROM logs | WHERE @timestamp < NOW()", "-d", &data]);
    kept.assert_stdout("ann");
    assert!(!kept.stderr.contains("NOW() ="), "{}", kept.stderr);
    // Data newer than NOW(): the window is not what emptied it.
    let fresh = DataDir::new("clock-fresh");
    fresh.write(
        "logs.ndjson",
        "{\"@timestamp\":\"2999-01-01T00:00:00Z\",\"user\":\"ann\"}\n",
    );
    let fresh_data = fresh.path().to_string_lossy().into_owned();
    let future = esql(&[
        "-q",
        "FROM logs | WHERE @timestamp < NOW() - 1 day",
        "-d",
        &fresh_data,
    ]);
    assert!(!future.stderr.contains("NOW() ="), "{}", future.stderr);
    // An index without documents.
    let empty = DataDir::new("clock-empty");
    empty.write("logs.ndjson", "");
    let empty_data = empty.path().to_string_lossy().into_owned();
    let none = esql(&["-q", LAST_DAY, "-d", &empty_data]);
    assert!(!none.stderr.contains("NOW() ="), "{}", none.stderr);
}
