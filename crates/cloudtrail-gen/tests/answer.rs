//! The expected answer holds exactly the injected bursts, and agrees with a recount over the written bytes.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::ErrorKind;

use cloudtrail_gen::{generate, time::format_ms, Config, ExpectedRow};
use common::{run, s, small, Run};

/// Recounts the hunt over the parsed output (a second, separate reading of the written documents).
fn recount(r: &Run) -> Vec<ExpectedRow> {
    let cutoff = r.expected.now_ms - 7 * 86_400_000;
    let mut groups: BTreeMap<(i64, Option<String>), (BTreeSet<String>, u64)> = BTreeMap::new();
    for d in &r.docs {
        let t = common::ms(d);
        if t <= cutoff
            || s(d, "event.dataset") != Some("aws.cloudtrail")
            || s(d, "event.provider") != Some("servicequotas.amazonaws.com")
            || s(d, "event.action") != Some("GetServiceQuota")
        {
            continue;
        }
        let Some(p) = s(d, "aws.cloudtrail.request_parameters") else {
            continue;
        };
        let parts: Vec<&str> = p
            .trim_start_matches('{')
            .trim_end_matches('}')
            .split(", ")
            .collect();
        let values: Vec<&str> = parts
            .iter()
            .filter_map(|kv| kv.split_once('=').map(|x| x.1))
            .collect();
        if values != ["ec2", "L-1216C47A"] {
            continue;
        }
        let arn = s(d, "aws.cloudtrail.user_identity.arn").map(str::to_string);
        let g = groups.entry((t - t % 30_000, arn)).or_default();
        if let Some(region) = s(d, "cloud.region") {
            g.0.insert(region.to_string());
        }
        g.1 += 1;
    }
    let mut rows: Vec<ExpectedRow> = groups
        .into_iter()
        .filter(|(_, (regions, n))| regions.len() >= 10 && *n >= 10)
        .map(|((w, arn), (regions, n))| ExpectedRow {
            region_count: regions.len() as u64,
            window_count: n,
            window_ms: w,
            arn,
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.window_ms));
    rows
}

#[test]
fn rows_are_exactly_the_injected_bursts() {
    for seed in [1, 7, 42] {
        let r = run(&Config { seed, ..small() });
        let got: BTreeSet<(i64, String)> = r
            .expected
            .rows
            .iter()
            .map(|x| (x.window_ms, x.arn.clone().unwrap_or_default()))
            .collect();
        let want: BTreeSet<(i64, String)> = r
            .expected
            .injections
            .iter()
            .filter(|i| i.expect_match)
            .map(|i| (i.window_ms, i.arn.clone()))
            .collect();
        assert_eq!(want.len(), 4, "seed {seed}");
        assert_eq!(got, want, "seed {seed}");
        for i in r.expected.injections.iter().filter(|i| !i.expect_match) {
            assert!(
                r.expected.rows.iter().all(|row| !row
                    .arn
                    .as_deref()
                    .unwrap_or("")
                    .starts_with(&i.arn)),
                "seed {seed}: near miss {} reported",
                i.kind
            );
        }
        assert_eq!(recount(&r), r.expected.rows, "seed {seed}");
    }
}

#[test]
fn burst_counts_match_their_shapes() {
    let r = run(&small());
    let by_kind = |k: &str| {
        let i = r.expected.injections.iter().find(|i| i.kind == k).unwrap();
        r.expected
            .rows
            .iter()
            .find(|row| row.window_ms == i.window_ms)
            .unwrap()
            .clone()
    };
    let edge = by_kind("edge_ten");
    assert_eq!((edge.region_count, edge.window_count), (10, 10));
    let repeats = by_kind("repeats");
    assert_eq!((repeats.region_count, repeats.window_count), (12, 16));
    // eleven regions plus one call without a region: counted by window_count only
    let mixed = by_kind("mixed");
    assert_eq!((mixed.region_count, mixed.window_count), (11, 12));
    let wide = by_kind("wide");
    assert_eq!(wide.region_count, 17);
    assert!((17..=25).contains(&wide.window_count));
}

#[test]
fn rows_are_newest_window_first_and_render_as_an_esql_response() {
    let r = run(&Config {
        bursts: 6,
        ..small()
    });
    assert_eq!(r.expected.rows.len(), 6);
    assert!(r
        .expected
        .rows
        .windows(2)
        .all(|w| w[0].window_ms > w[1].window_ms));
    let v: serde_json::Value = serde_json::from_str(&r.expected.to_json()).unwrap();
    let names: Vec<&str> = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "region_count",
            "window_count",
            "target_time_window",
            "aws.cloudtrail.user_identity.arn"
        ]
    );
    let types: Vec<&str> = v["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["long", "long", "date", "keyword"]);
    let first = &v["values"][0];
    let row = &r.expected.rows[0];
    assert_eq!(first[0], row.region_count);
    assert_eq!(first[1], row.window_count);
    assert_eq!(first[2], format_ms(row.window_ms).as_str());
    assert!(
        first[2].as_str().unwrap().ends_with(":00.000Z")
            || first[2].as_str().unwrap().ends_with(":30.000Z")
    );
    assert_eq!(first[3], row.arn.as_deref().unwrap());
    assert_eq!(v["values"].as_array().unwrap().len(), 6);
}

#[test]
fn short_span_skips_the_kinds_that_need_old_data() {
    let r = run(&Config {
        days: 3.0,
        ..small()
    });
    assert_eq!(r.expected.skipped, ["too_old", "cutoff_edge"]);
    assert_eq!(r.expected.rows.len(), 4);
    assert_eq!(recount(&r), r.expected.rows);
}

#[test]
fn later_now_drops_old_bursts() {
    // With now one day after the end, the cutoff moves forward by a day: bursts are planned after it.
    let cfg = small();
    let now = cfg.end_ms() + 86_400_000;
    let r = run(&Config {
        now_ms: Some(now),
        ..cfg
    });
    assert_eq!(r.expected.now_ms, now);
    assert!(r
        .expected
        .rows
        .iter()
        .all(|row| row.window_ms > now - 7 * 86_400_000));
    assert_eq!(r.expected.rows.len(), 4);
    assert_eq!(recount(&r), r.expected.rows);
}

#[test]
fn impossible_settings_are_rejected() {
    let mut sink = Vec::new();
    let e = generate(
        &Config {
            events: 50,
            ..Config::default()
        },
        &mut sink,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    assert!(e.to_string().contains("injected events"), "{e}");
    let e = generate(
        &Config {
            days: 0.0,
            ..Config::default()
        },
        &mut sink,
    )
    .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidInput);
    let e = generate(
        &Config {
            now_ms: Some(Config::default().end_ms() + 30 * 86_400_000),
            ..Config::default()
        },
        &mut sink,
    )
    .unwrap_err();
    assert!(e.to_string().contains("no room"), "{e}");
}
