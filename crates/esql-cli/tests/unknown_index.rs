//! `Unknown index [x]` keeps Elasticsearch's wording first, then lists the
//! indices the data holds (with the closest name) and the files of the
//! data folder esql cannot read.

mod common;

use common::{esql, DataDir};

#[test]
fn an_unknown_index_lists_the_indices_and_the_unreadable_files() {
    let dir = DataDir::new("unknown-index");
    dir.write("logs.ndjson", "{\"a\":1}\n");
    dir.write("audit.ndjson", "{\"a\":2}\n");
    dir.write("extra.csv", "a,b\n1,2\n");
    dir.write("dump.json", "[{\"a\":1}]\n");
    let data = dir.path().to_string_lossy().into_owned();
    let run = esql(&["-q", "FROM lgos | LIMIT 1", "-d", &data]);
    run.assert_code(1)
        .assert_stderr("the data holds: audit, dump, logs; did you mean [logs]?")
        .assert_stderr("files esql does not read as an index: dump.json (not NDJSON), extra.csv");
    assert!(
        run.stderr
            .starts_with("verification_exception: Found 1 problem\nline 1:6: Unknown index [lgos]"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_folder_of_csv_only_says_so() {
    let dir = DataDir::new("unknown-index-csv");
    dir.write("events.csv", "a\n1\n");
    let data = dir.path().to_string_lossy().into_owned();
    esql(&["-q", "FROM events", "-d", &data])
        .assert_code(1)
        .assert_stderr("line 1:6: Unknown index [events]")
        .assert_stderr("the data holds no index")
        .assert_stderr("does not read as an index: events.csv");
}
