//! What opening the data folders skips is said once on stderr, not dropped.

mod common;

use common::{esql, DataDir};

#[test]
fn files_without_a_valid_index_name_are_reported_once() {
    let dir = DataDir::new("bad-names");
    dir.write("good.ndjson", "{\"a\":1}\n");
    dir.write("-bad.ndjson", "{\"a\":2}\n");
    let data = dir.path().to_string_lossy().into_owned();
    let run = esql(&["-q", "FROM good | KEEP a | LIMIT 1", "-d", &data]);
    run.assert_code(0)
        .assert_stdout("1")
        .assert_stderr("skipping [")
        .assert_stderr("invalid index name [-bad], must not start with '_', '-', or '+'");
    assert_eq!(
        run.stderr.matches("invalid index name").count(),
        1,
        "{}",
        run.stderr
    );
}
