//! Same settings, same bytes; both key formats carry the same documents.

mod common;

use cloudtrail_gen::{Config, KeyFormat};
use common::{run, small};

#[test]
fn same_seed_gives_identical_bytes_and_answer() {
    let a = run(&small());
    let b = run(&small());
    assert_eq!(a.bytes, b.bytes);
    assert_eq!(a.expected, b.expected);
    assert_eq!(a.docs.len(), 3_000);
    assert_eq!(a.expected.events, 3_000);
}

#[test]
fn another_seed_gives_other_data() {
    let a = run(&small());
    let b = run(&Config { seed: 2, ..small() });
    assert_ne!(a.bytes, b.bytes);
    assert_eq!(b.docs.len(), 3_000);
}

#[test]
fn dotted_format_holds_the_same_documents() {
    let nested = run(&small());
    let dotted = run(&Config {
        format: KeyFormat::Dotted,
        ..small()
    });
    assert_ne!(nested.bytes, dotted.bytes);
    assert_eq!(nested.docs, dotted.docs);
    assert_eq!(nested.expected, dotted.expected);
    // dotted lines have no nested objects at all
    let first = std::str::from_utf8(&dotted.bytes)
        .unwrap()
        .lines()
        .next()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(first).unwrap();
    assert!(v.as_object().unwrap().values().all(|x| !x.is_object()));
    assert!(v.get("event.dataset").is_some());
}

#[test]
fn events_are_roughly_in_time_order_within_the_span() {
    let r = run(&small());
    let times: Vec<i64> = r.docs.iter().map(common::ms).collect();
    assert!(times
        .iter()
        .all(|&t| t >= r.expected.start_ms && t < r.expected.end_ms));
    // background jitter is a few seconds; nothing is out of order by more than a minute
    let mut max_seen = 0i64;
    for &t in &times {
        assert!(t > max_seen - 60_000, "event at {t} far behind {max_seen}");
        max_seen = max_seen.max(t);
    }
}
