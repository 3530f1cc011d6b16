//! `esql fields PATTERN` lists each field of `FROM PATTERN` with its type,
//! where the type came from, and each index's type for a conflict.

mod common;

use common::{esql, DataDir};

#[test]
fn fields_name_their_types_sources_and_conflicts() {
    let dir = DataDir::new("fields");
    dir.write(
        "app.ndjson",
        "{\"code\":1,\"host\":{\"name\":\"a\"},\"ratio\":\"0.5\"}\n",
    );
    dir.write("web.ndjson", "{\"code\":\"E1\"}\n");
    dir.write("db.ndjson", "{\"code\":\"x\",\"size\":3}\n");
    dir.write(
        "db.mapping.json",
        "{\"db\":{\"mappings\":{\"properties\":{\"code\":{\"type\":\"keyword\"},\"size\":{\"type\":\"integer\"}}}}}",
    );
    let types = dir.write("types.tsv", "ratio\tdouble\n");
    let data = dir.path().to_string_lossy().into_owned();
    let types = types.to_string_lossy().into_owned();
    let run = esql(&[
        "fields",
        "app,web",
        "-d",
        &data,
        "--field-types",
        &types,
        "--format",
        "csv",
    ]);
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "field,type,source,indices\n\
         code,unsupported,inferred,\"app: long, web: keyword\"\n\
         host.name,keyword,ecs,\n\
         ratio,double,field-types,\n"
    );
    let mapped = esql(&["fields", "db", "-d", &data, "--format", "csv"]);
    mapped.assert_code(0);
    assert_eq!(
        mapped.stdout,
        "field,type,source,indices\ncode,keyword,mapping,\nsize,integer,mapping,\n"
    );
}

#[test]
fn an_unknown_pattern_is_elasticsearchs_error() {
    let dir = DataDir::new("fields-unknown");
    dir.write("app.ndjson", "{\"a\":1}\n");
    let data = dir.path().to_string_lossy().into_owned();
    esql(&["fields", "nope", "-d", &data])
        .assert_code(1)
        .assert_stderr("line 1:6: Unknown index [nope]");
}
