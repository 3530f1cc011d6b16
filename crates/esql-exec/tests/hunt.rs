//! The shipped hunt, verbatim, over generated CloudTrail data whose answer
//! the generator computes from its own bookkeeping (not by running a query).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use cloudtrail_gen::{generate, Config, KeyFormat};
use esql_exec::catalog::{Catalog, CatalogConfig};
use esql_exec::engine::{run, RunOptions};
use esql_exec::{DataType, Scalar, Value};
use esql_javafmt::format_date_millis;
use std::path::PathBuf;

const HUNT: &str = include_str!(
    "../../../queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql"
);

fn data_dir(tag: &str, cfg: &Config) -> (PathBuf, cloudtrail_gen::Expected) {
    let dir = std::env::temp_dir().join(format!("esql-hunt-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("logs-aws.cloudtrail-default.ndjson");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let expected = generate(cfg, &mut file).unwrap();
    drop(file);
    (dir, expected)
}

fn check(tag: &str, cfg: Config) {
    let (dir, expected) = data_dir(tag, &cfg);
    let catalog = Catalog::open(&CatalogConfig {
        data_dirs: vec![dir.clone()],
        ..CatalogConfig::default()
    })
    .unwrap();
    let options = RunOptions {
        now_ms: expected.now_ms,
        ..RunOptions::default()
    };
    let out = run(HUNT, &catalog, &options).unwrap();
    let columns: Vec<(String, DataType)> = out
        .result
        .columns
        .iter()
        .map(|c| (c.name.clone(), c.ty))
        .collect();
    assert_eq!(
        columns,
        vec![
            ("region_count".to_string(), DataType::Long),
            ("window_count".to_string(), DataType::Long),
            ("target_time_window".to_string(), DataType::Date),
            (
                "aws.cloudtrail.user_identity.arn".to_string(),
                DataType::Keyword
            ),
        ]
    );
    let actual: Vec<(i64, i64, String, Option<String>)> = out
        .result
        .rows
        .iter()
        .map(|r| match r.as_slice() {
            [Value::One(Scalar::Long(a)), Value::One(Scalar::Long(b)), Value::One(Scalar::Date(w)), arn] => (
                *a,
                *b,
                format_date_millis(*w),
                arn.single().and_then(|s| s.as_str()).map(str::to_string),
            ),
            other => panic!("unexpected row {other:?}"),
        })
        .collect();
    let wanted: Vec<(i64, i64, String, Option<String>)> = expected
        .rows
        .iter()
        .map(|r| {
            (
                r.region_count as i64,
                r.window_count as i64,
                format_date_millis(r.window_ms),
                r.arn.clone(),
            )
        })
        .collect();
    assert!(!wanted.is_empty());
    assert_eq!(actual, wanted);
    assert_eq!(out.parse_warnings.len(), 1, "the lone `=` warning");
    assert_eq!(
        out.result.warnings,
        vec!["No limit defined, adding default limit of [1000]".to_string()]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn finds_exactly_the_injected_bursts() {
    for seed in [3, 17] {
        check(
            &format!("nested{seed}"),
            Config {
                events: 3000,
                seed,
                ..Config::default()
            },
        );
    }
}

#[test]
fn dotted_documents_give_the_same_answer() {
    check(
        "dotted",
        Config {
            events: 3000,
            seed: 5,
            format: KeyFormat::Dotted,
            ..Config::default()
        },
    );
}

#[test]
fn bundled_sample_matches_its_recorded_answer() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/cloudtrail");
    let catalog = Catalog::open(&CatalogConfig {
        data_dirs: vec![root.clone()],
        ..CatalogConfig::default()
    })
    .unwrap();
    let options = RunOptions {
        now_ms: esql_javafmt::parse_millis("2024-05-11T00:00:00Z").unwrap(),
        ..RunOptions::default()
    };
    let out = run(HUNT, &catalog, &options).unwrap();
    let mut json = Vec::new();
    esql_exec::format::write_json(&out.result, &mut json).unwrap();
    let actual: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("expected-hunt.json")).unwrap())
            .unwrap();
    assert_eq!(actual["columns"], expected["columns"]);
    assert_eq!(actual["values"], expected["values"]);
}
