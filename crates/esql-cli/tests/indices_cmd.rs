//! `esql indices` lists each index with its documents, files and bytes.

mod common;

use common::{esql, DataDir};

#[test]
fn lists_indices_with_documents_files_and_bytes() {
    let dir = DataDir::new("indices");
    let one = "{\"a\":1}\n{\"a\":2}\n";
    dir.write("logs.ndjson", one);
    std::fs::create_dir_all(dir.path().join("audit")).unwrap();
    dir.write("audit/part-1.ndjson", "{\"u\":\"x\"}\n");
    dir.write("audit/part-2.ndjson", "{\"u\":\"y\"}\n{\"u\":\"z\"}\n");
    let data = dir.path().to_string_lossy().into_owned();
    let csv = esql(&["indices", "-d", &data, "--format", "csv"]);
    csv.assert_code(0);
    assert_eq!(
        csv.stdout,
        format!(
            "index,documents,files,bytes\naudit,3,2,30\nlogs,2,1,{}\n",
            one.len()
        )
    );
    let json = esql(&["indices", "-d", &data, "--format", "json"]);
    json.assert_code(0)
        .assert_stdout("\"values\":[[\"audit\",3,2,30],[\"logs\",2,1,16]]");
    esql(&["indices", "-d", &data, "--format", "txt"])
        .assert_code(0)
        .assert_stdout("audit")
        .assert_stdout("documents");
}

#[test]
fn an_unreadable_index_has_no_count_and_a_warning() {
    let dir = DataDir::new("indices-bad");
    dir.write("good.ndjson", "{\"a\":1}\n");
    dir.write("bad.ndjson", "not json\n");
    let data = dir.path().to_string_lossy().into_owned();
    let run = esql(&["indices", "-d", &data, "--format", "csv"]);
    run.assert_code(0)
        .assert_stderr("Warning: index [bad]:")
        .assert_stderr("not a JSON object");
    assert_eq!(
        run.stdout,
        "index,documents,files,bytes\nbad,,1,9\ngood,1,1,8\n"
    );
}

#[test]
fn explicit_indices_are_listed() {
    let dir = DataDir::new("indices-explicit");
    let file = dir.write("export.ndjson", "{\"a\":1}\n");
    let spec = format!("web={}", file.display());
    let run = esql(&["indices", "--index", &spec, "--format", "csv"]);
    run.assert_code(0);
    assert_eq!(run.stdout, "index,documents,files,bytes\nweb,1,1,8\n");
}
