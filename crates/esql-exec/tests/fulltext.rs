//! Full-text functions (KQL, QSTR, MATCH, `:`) over a small index with
//! keyword, text, numeric, date, ip and multi-valued fields.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{Session, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

const DOCS: &str = r#"{"id":1,"name":"curl","action":"executed","msg":"The Quick brown fox","n":5,"ts":"2024-05-10T10:00:00.000Z","ip":"10.1.2.3","tags":["Rule Type: Higher-Order Rule","x"],"path":"/var/lib/run/script.sh"}
{"id":2,"name":"curl.exe","action":"fork","msg":"quick fox jumps","n":10,"ts":"2024-05-11T10:00:00.000Z","ip":"192.168.0.1","tags":"y","path":"/tmp/script.sh"}
{"id":3,"name":"Curl","action":"executed","msg":"brown dog","n":15,"ts":"2024-05-12T10:00:00.000Z","ip":"10.9.9.9","path":"C:\\a*b"}
{"id":4,"name":"wget","msg":"svch0st.exe started","n":20,"ts":"2024-05-12T23:00:00.000Z"}
"#;

const MAPPING: &str = r#"{"properties":{"id":{"type":"long"},"name":{"type":"keyword"},"action":{"type":"keyword"},"msg":{"type":"text"},"n":{"type":"integer"},"ts":{"type":"date"},"ip":{"type":"ip"},"tags":{"type":"keyword"},"path":{"type":"keyword"}}}"#;

fn session() -> Session {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("esql-fulltext-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("docs.ndjson"), DOCS).unwrap();
        std::fs::write(dir.join("docs.mapping.json"), MAPPING).unwrap();
        dir
    });
    Session::new().with_data_dir(dir)
}

/// The ids of the documents `cond` keeps, in order.
fn ids(cond: &str) -> Vec<i64> {
    let q = format!("from docs | where {cond} | sort id | keep id | limit 100");
    let out = session().query(&q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert!(out.warnings.is_empty(), "{q}: {:?}", out.warnings);
    out.rows
        .iter()
        .map(|r| match r.as_slice() {
            [Value::One(s)] => s.as_i64().unwrap(),
            other => panic!("{other:?}"),
        })
        .collect()
}

fn error(cond: &str) -> String {
    let q = format!("from docs | where {cond}");
    match session().query(&q) {
        Ok(_) => panic!("{q} ran"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn kql_keyword_terms_are_exact() {
    assert_eq!(ids(r#"kql("name:curl")"#), vec![1]);
    assert_eq!(ids(r#"kql("name:(curl or curl.exe)")"#), vec![1, 2]);
    assert_eq!(ids(r#"kql("action:executed and not name:curl")"#), vec![3]);
    assert_eq!(ids(r#"kql("not action:fork")"#), vec![1, 3, 4]);
    assert_eq!(ids(r#"kql("name:cu*")"#), vec![1, 2]);
    assert_eq!(ids(r#"kql("path:/var/lib/*/script.sh")"#), vec![1]);
    assert_eq!(ids(r#"kql("""path:C\:\\a\*b""")"#), vec![3]);
    assert_eq!(ids(r#"kql("""path:"C:\\a*b" """)"#), vec![3]);
}

#[test]
fn kql_multi_values_exists_and_missing_fields() {
    assert_eq!(
        ids(r#"kql("""tags : "Rule Type: Higher-Order Rule" """)"#),
        vec![1]
    );
    assert_eq!(ids(r#"kql("tags:y")"#), vec![2]);
    assert_eq!(ids(r#"kql("tags:*")"#), vec![1, 2]);
    assert_eq!(ids(r#"kql("no.such.field:x")"#), Vec::<i64>::new());
    assert_eq!(ids(r#"kql("not no.such.field:x")"#), vec![1, 2, 3, 4]);
    assert_eq!(ids(r#"kql("")"#), vec![1, 2, 3, 4]);
}

#[test]
fn kql_text_fields_use_tokens() {
    assert_eq!(ids(r#"kql("msg:QUICK")"#), vec![1, 2]);
    assert_eq!(ids(r#"kql("msg:dog cat")"#), vec![3]);
    assert_eq!(ids(r#"kql("""msg:"quick brown" """)"#), vec![1]);
    assert_eq!(ids(r#"kql("""msg:"brown quick" """)"#), Vec::<i64>::new());
    assert_eq!(ids(r#"kql("msg:jum*")"#), vec![2]);
    assert_eq!(ids(r#"kql("m*:fox")"#), vec![1, 2]);
    assert_eq!(ids(r#"kql("dog")"#), vec![3]);
}

#[test]
fn kql_numbers_dates_and_ips_compare_by_value() {
    assert_eq!(ids(r#"kql("n:10")"#), vec![2]);
    assert_eq!(ids(r#"kql("n >= 10 and n < 20")"#), vec![2, 3]);
    assert_eq!(ids(r#"kql("ts:2024-05-12")"#), vec![3, 4]);
    assert_eq!(ids(r#"kql("ts <= 2024-05-11")"#), vec![1, 2]);
    assert_eq!(ids(r#"kql("ts > 2024-05-11")"#), vec![3, 4]);
    assert_eq!(ids(r#"kql("ip:10.0.0.0/8")"#), vec![1, 3]);
    assert_eq!(ids(r#"kql("ip:192.168.0.1")"#), vec![2]);
}

#[test]
fn kql_and_qstr_errors() {
    let e = error(r#"kql("name:(curl")"#);
    assert!(e.contains("Failed to parse KQL query [name:(curl]: line 1:11: mismatched input '<EOF>' expecting ')'"), "{e}");
    let e = error(r#"kql("n:abc")"#);
    assert!(e.contains("failed to create query"), "{e}");
    let e = error("kql(name)");
    assert!(
        e.contains("Query must be a valid string in [kql(name)], found [name]"),
        "{e}"
    );
}

#[test]
fn qstr_lucene_syntax() {
    assert_eq!(ids(r#"qstr("name:curl OR name:wget")"#), vec![1, 4]);
    assert_eq!(ids(r#"qstr("name:curl name:wget")"#), vec![1, 4]);
    assert_eq!(ids(r#"qstr("action:executed AND -name:curl")"#), vec![3]);
    assert_eq!(ids(r#"qstr("name:c?rl")"#), vec![1]);
    assert_eq!(ids(r#"qstr("n:>10")"#), vec![3, 4]);
}

#[test]
fn match_function_and_operator() {
    assert_eq!(ids(r#"match(name, "curl")"#), vec![1]);
    assert_eq!(ids(r#"name : "Curl""#), vec![3]);
    assert_eq!(ids(r#"msg : "fox dog""#), vec![1, 2, 3]);
    assert_eq!(
        ids(r#"match(msg, "fox dog", {"operator": "AND"})"#),
        Vec::<i64>::new()
    );
    assert_eq!(
        ids(r#"match(msg, "quick fox", {"operator": "and"})"#),
        vec![1, 2]
    );
    assert_eq!(ids(r#"match_phrase(msg, "quick fox")"#), vec![2]);
    assert_eq!(ids("match(n, 15)"), vec![3]);
    assert_eq!(ids(r#"match(name, "crul", {"fuzziness": 1})"#), vec![1]);
    assert_eq!(
        ids(r#"match(msg, "svchost.exe", {"fuzziness": "AUTO"})"#),
        vec![4]
    );
    assert_eq!(ids(r#"multi_match("curl", name, msg)"#), vec![1]);
    assert_eq!(ids(r#"tags : "x""#), vec![1]);
}

#[test]
fn match_errors() {
    let e = error(r#"match(nope, "x")"#);
    assert!(e.contains("Unknown column [nope]"), "{e}");
    let e = error(r#"match(name, name)"#);
    assert!(
        e.contains("Query must be a valid string in [match(name, name)], found [name]"),
        "{e}"
    );
    let q = r#"from docs | eval m = name | where m : "curl""#;
    let e = session().query(q).err().unwrap().to_string();
    assert!(
        e.contains(
            "[:] operator cannot operate on [m], which is not a field from an index mapping"
        ),
        "{e}"
    );
}
