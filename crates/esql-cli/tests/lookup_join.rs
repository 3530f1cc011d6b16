//! LOOKUP JOIN from the command line: a threat-intel hunt joining events
//! with an IOC list on `source.ip`, the lookup-mode rules, and the memory
//! budget while the lookup index is loaded.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{query, DataDir};

/// Events of three hosts and an `iocs` lookup index (declared
/// `index.mode: lookup` in the settings of its mapping file).
fn threat_intel(label: &str) -> DataDir {
    let dir = DataDir::new(label);
    dir.write(
        "logs-network.ndjson",
        concat!(
            r#"{"@timestamp":"2024-05-10T10:00:00Z","host.name":"web-1","source.ip":"10.0.0.5","destination.port":443}"#, "\n",
            r#"{"@timestamp":"2024-05-10T10:01:00Z","host.name":"web-1","source.ip":"198.51.100.7","destination.port":22}"#, "\n",
            r#"{"@timestamp":"2024-05-10T10:02:00Z","host.name":"db-1","source.ip":"203.0.113.9","destination.port":5432}"#, "\n",
            r#"{"@timestamp":"2024-05-10T10:03:00Z","host.name":"db-1","source.ip":"203.0.113.9","destination.port":5432}"#, "\n",
            r#"{"@timestamp":"2024-05-10T10:04:00Z","host.name":"vpn-1","source.ip":["198.51.100.7","10.0.0.6"],"destination.port":1194}"#, "\n",
            r#"{"@timestamp":"2024-05-10T10:05:00Z","host.name":"web-1","destination.port":443}"#, "\n",
        ),
    );
    dir.write(
        "iocs.ndjson",
        concat!(
            r#"{"source.ip":"198.51.100.7","threat.indicator.type":"ipv4-addr","threat.feed.name":"abuse-ch","threat.indicator.confidence":"High"}"#, "\n",
            r#"{"source.ip":"203.0.113.9","threat.indicator.type":"ipv4-addr","threat.feed.name":"abuse-ch","threat.indicator.confidence":"Medium"}"#, "\n",
            r#"{"source.ip":"203.0.113.9","threat.indicator.type":"ipv4-addr","threat.feed.name":"otx","threat.indicator.confidence":"Low"}"#, "\n",
        ),
    );
    dir.write(
        "iocs.mapping.json",
        r#"{"settings":{"index.mode":"lookup"},
            "mappings":{"properties":{"source.ip":{"type":"ip"},"threat.indicator.type":{"type":"keyword"},
              "threat.feed.name":{"type":"keyword"},"threat.indicator.confidence":{"type":"keyword"}}}}"#,
    );
    dir
}

#[test]
fn ioc_hits_by_host() {
    let dir = threat_intel("lj-iocs");
    let run = query(
        &dir,
        "FROM logs-network \
         | LOOKUP JOIN iocs ON source.ip \
         | WHERE threat.feed.name IS NOT NULL \
         | STATS hits = COUNT(*), feeds = VALUES(threat.feed.name) BY host.name, source.ip \
         | SORT hits DESC, host.name",
        &[],
    );
    run.assert_code(0).assert_no_panic();
    // 203.0.113.9 is listed by two feeds: each of db-1's two events joins
    // twice. vpn-1's multi-valued source.ip matches nothing (with
    // Elasticsearch's warning); the event without source.ip neither.
    assert_eq!(
        run.stdout,
        "hits,feeds,host.name,source.ip\n\
         4,\"[abuse-ch, otx]\",db-1,203.0.113.9\n\
         1,abuse-ch,web-1,198.51.100.7\n"
    );
    run.assert_stderr("evaluation of [LOOKUP JOIN iocs ON source.ip] failed")
        .assert_stderr("java.lang.IllegalArgumentException: LOOKUP JOIN encountered multi-value");
}

#[test]
fn every_event_is_kept_with_nulls_when_nothing_matches() {
    let dir = threat_intel("lj-left");
    let run = query(
        &dir,
        "FROM logs-network | LOOKUP JOIN iocs ON source.ip \
         | KEEP @timestamp, host.name, source.ip, threat.indicator.confidence | SORT @timestamp, threat.indicator.confidence",
        &[],
    );
    run.assert_code(0);
    assert_eq!(
        run.stdout,
        "@timestamp,host.name,source.ip,threat.indicator.confidence\n\
         2024-05-10T10:00:00.000Z,web-1,10.0.0.5,\n\
         2024-05-10T10:01:00.000Z,web-1,198.51.100.7,High\n\
         2024-05-10T10:02:00.000Z,db-1,203.0.113.9,Low\n\
         2024-05-10T10:02:00.000Z,db-1,203.0.113.9,Medium\n\
         2024-05-10T10:03:00.000Z,db-1,203.0.113.9,Low\n\
         2024-05-10T10:03:00.000Z,db-1,203.0.113.9,Medium\n\
         2024-05-10T10:04:00.000Z,vpn-1,\"[10.0.0.6, 198.51.100.7]\",\n\
         2024-05-10T10:05:00.000Z,web-1,,\n"
    );
}

#[test]
fn the_output_columns_follow_elasticsearch() {
    let dir = threat_intel("lj-columns");
    let run = query(
        &dir,
        "ROW threat.feed.name = \"mine\", source.ip = TO_IP(\"198.51.100.7\"), note = \"x\" \
         | LOOKUP JOIN iocs ON source.ip",
        &[],
    );
    run.assert_code(0);
    // The key stays in place; the lookup fields come last, in field order,
    // and replace the left column of the same name.
    assert_eq!(
        run.stdout,
        "source.ip,note,threat.feed.name,threat.indicator.confidence,threat.indicator.type\n\
         198.51.100.7,x,abuse-ch,High,ipv4-addr\n"
    );
}

#[test]
fn an_index_of_another_mode_is_refused() {
    let dir = threat_intel("lj-mode");
    dir.write(
        "assets.ndjson",
        "{\"source.ip\":\"10.0.0.5\",\"owner\":\"ops\"}\n",
    );
    dir.write(
        "assets.mapping.json",
        r#"{"settings":{"index":{"mode":"standard"}}}"#,
    );
    let run = query(
        &dir,
        "FROM logs-network | LOOKUP JOIN assets ON source.ip",
        &[],
    );
    run.assert_code(1)
        .assert_stderr("invalid [assets] resolution in lookup mode to an index in [standard] mode");
    // Without settings an index may be joined; --strict reads it as
    // Elasticsearch's default mode, standard.
    dir.write(
        "owners.ndjson",
        "{\"source.ip\":\"10.0.0.5\",\"owner\":\"ops\"}\n",
    );
    let q = "FROM logs-network | LOOKUP JOIN owners ON source.ip | WHERE owner IS NOT NULL | KEEP host.name, owner";
    let run = query(&dir, q, &[]);
    run.assert_code(0);
    assert_eq!(run.stdout, "host.name,owner\nweb-1,ops\n");
    query(&dir, q, &["--strict"])
        .assert_code(1)
        .assert_stderr("invalid [owners] resolution in lookup mode to an index in [standard] mode");
}

#[test]
fn errors_name_the_side_and_the_types() {
    let dir = threat_intel("lj-errors");
    query(
        &dir,
        "FROM logs-network | LOOKUP JOIN iocs ON host.name",
        &[],
    )
    .assert_code(1)
    .assert_stderr("Unknown column [host.name] in right side of join");
    query(
        &dir,
        "FROM logs-network | EVAL source.ip = TO_STRING(source.ip) | LOOKUP JOIN iocs ON source.ip",
        &[],
    )
    .assert_code(1)
    .assert_stderr(
        "JOIN left field [source.ip] of type [KEYWORD] is incompatible with right field [source.ip] of type [IP]",
    );
    query(
        &dir,
        "FROM logs-network | LOOKUP JOIN ioc* ON source.ip",
        &[],
    )
    .assert_code(1)
    .assert_stderr("invalid index pattern [ioc*], * is not allowed in LOOKUP JOIN");
}

#[test]
fn loading_the_lookup_index_respects_the_memory_limit() {
    let dir = DataDir::new("lj-memory");
    let mut text = String::new();
    for i in 0..100_000 {
        text.push_str(&format!("{{\"k\":{i},\"note\":\"{}\"}}\n", "n".repeat(40)));
    }
    dir.write("big.ndjson", text);
    let run = query(
        &dir,
        "ROW k = 7 | LOOKUP JOIN big ON k",
        &["--memory-limit", "2mb"],
    );
    run.assert_code(2)
        .assert_stderr("memory limit exceeded")
        .assert_stderr("limit of [2mb]")
        .assert_no_panic();
    assert_eq!(run.stdout, "", "no partial result");
    let run = query(
        &dir,
        "ROW k = 7 | LOOKUP JOIN big ON k",
        &["--memory-limit", "1g"],
    );
    run.assert_code(0);
    assert_eq!(run.stdout, format!("k,note\n7,{}\n", "n".repeat(40)));
}
