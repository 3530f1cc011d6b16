//! Runs arbitrary query text over a small fixed data set and renders the
//! result in every output format. Nothing may panic; a result has as many
//! cells per row as columns.
#![no_main]

use esql_exec::catalog::{Catalog, CatalogConfig};
use esql_exec::engine::{run, RunOptions};
use esql_exec::format;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Two small indices with nested objects, multi-values, nulls, dates, IPs
/// and mixed types.
const LOGS: &str = r#"{"@timestamp":"2024-05-01T10:00:00Z","host":{"name":"a","ip":"10.0.0.1"},"bytes":100,"msg":"GET /x 200","tags":["b","a"],"ratio":0.5,"ok":true}
{"@timestamp":"2024-05-01T11:30:00.123Z","host.name":"b","host":{"ip":"::1"},"bytes":-7,"msg":"POST /y 500","tags":[],"ratio":null,"ok":false}
{"@timestamp":"2024-05-02T00:00:00Z","host":{"name":"a"},"bytes":9223372036854775807,"msg":"","tags":"c","ratio":1e300}
{"@timestamp":"1970-01-01T00:00:00Z","bytes":[1,2,3],"msg":"ümlaut ✓ 𝄞","user":{"name":"root","id":0}}
"#;
const EVENTS: &str = r#"{"@timestamp":"2024-05-03T00:00:00Z","event":{"action":"login","outcome":"success"},"user":{"name":"alice"},"source":{"ip":"192.168.1.1"}}
{"@timestamp":"2024-05-03T00:00:01Z","event":{"action":"login","outcome":"failure"},"user":{"name":"bob"},"source":{"ip":"192.168.1.2"}}
"#;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("esql-fuzz-query-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("logs.ndjson"), LOGS).unwrap();
        std::fs::write(dir.join("events.ndjson"), EVENTS).unwrap();
        Catalog::open(&CatalogConfig {
            data_dirs: vec![dir],
            ..CatalogConfig::default()
        })
        .unwrap()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let options = RunOptions {
        now_ms: 1_715_385_600_000,
        ..RunOptions::default()
    };
    let Ok(out) = run(text, catalog(), &options) else {
        return;
    };
    let width = out.result.columns.len();
    for row in &out.result.rows {
        assert_eq!(row.len(), width, "row width for {text:?}");
    }
    let mut sink = Vec::new();
    format::write_json(&out.result, &mut sink).unwrap();
    format::write_txt(&out.result, &mut sink).unwrap();
    format::write_csv(&out.result, &mut sink).unwrap();
    format::write_tsv(&out.result, &mut sink).unwrap();
    format::write_ndjson(&out.result, &mut sink).unwrap();
});
