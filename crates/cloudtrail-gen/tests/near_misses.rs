//! Every near-miss kind is present in the output with the shape that makes it miss.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use cloudtrail_gen::{Injection, NEAR_MISS_KINDS, SWEEPER_KIND};
use common::{by_arn, ms, run, s, small, Run};
use serde_json::Value;

const TARGET: &str = "{serviceCode=ec2, quotaCode=L-1216C47A}";
const DAY: i64 = 86_400_000;

type Doc = BTreeMap<String, Value>;

#[allow(clippy::unwrap_used)] // test utility
fn injection<'a>(r: &'a Run, kind: &str) -> &'a Injection {
    let found = r.expected.injections.iter().find(|i| i.kind == kind);
    assert!(found.is_some(), "{kind} injected");
    found.unwrap()
}

fn regions(docs: &[&Doc]) -> BTreeSet<String> {
    docs.iter()
        .filter_map(|d| s(d, "cloud.region"))
        .map(str::to_string)
        .collect()
}

fn windows(docs: &[&Doc]) -> BTreeMap<i64, usize> {
    let mut m = BTreeMap::new();
    for d in docs {
        let t = ms(d);
        *m.entry(t - t % 30_000).or_default() += 1;
    }
    m
}

fn params<'a>(docs: &[&'a Doc]) -> BTreeSet<&'a str> {
    docs.iter()
        .filter_map(|d| s(d, "aws.cloudtrail.request_parameters"))
        .collect()
}

#[test]
fn all_kinds_are_injected_once() {
    let r = run(&small());
    let kinds: Vec<&str> = r
        .expected
        .injections
        .iter()
        .filter(|i| !i.expect_match)
        .map(|i| i.kind)
        .collect();
    for k in NEAR_MISS_KINDS {
        assert_eq!(kinds.iter().filter(|x| *x == k).count(), 1, "{k}");
    }
    assert!(kinds.contains(&SWEEPER_KIND));
    assert!(r.expected.skipped.is_empty());
}

#[test]
fn each_near_miss_has_its_shape() {
    let r = run(&small());
    let cutoff = r.expected.now_ms - 7 * DAY;
    let docs = |kind: &str| by_arn(&r, &injection(&r, kind).arn);

    let d = docs("nine_regions");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (14, 9, 1));
    assert_eq!(params(&d), BTreeSet::from([TARGET]));

    let d = docs("other_quota");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (12, 12, 1));
    assert_eq!(
        params(&d),
        BTreeSet::from(["{serviceCode=ec2, quotaCode=L-34B43A08}"])
    );

    let d = docs("two_windows");
    assert_eq!(regions(&d).len(), 16);
    let w: Vec<(i64, usize)> = windows(&d).into_iter().collect();
    assert_eq!(w.len(), 2);
    assert_eq!((w[0].1, w[1].1), (8, 8));
    assert_eq!(w[1].0 - w[0].0, 30_000);
    // a sliding 30-second window would see all 16 regions
    let span = d.iter().map(|x| ms(x)).max().unwrap() - d.iter().map(|x| ms(x)).min().unwrap();
    assert!(span < 30_000);

    let d = docs("null_region");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (12, 9, 1));
    let nulls = d
        .iter()
        .filter(|x| x.get("cloud.region") == Some(&Value::Null))
        .count();
    let missing = d.iter().filter(|x| !x.contains_key("cloud.region")).count();
    assert_eq!((nulls, missing), (1, 2));

    let d = docs("swapped_keys");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (12, 12, 1));
    assert_eq!(
        params(&d),
        BTreeSet::from(["{quotaCode=L-1216C47A, serviceCode=ec2}"])
    );

    let d = docs("too_old");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (12, 12, 1));
    assert!(d.iter().all(|x| ms(x) < cutoff));

    let d = docs("cutoff_edge");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (12, 12, 1));
    assert_eq!(d.iter().filter(|x| ms(x) == cutoff).count(), 3);
    assert_eq!(d.iter().filter(|x| ms(x) > cutoff).count(), 9);

    let d = docs("wrong_action");
    assert_eq!((d.len(), regions(&d).len()), (12, 12));
    assert!(d
        .iter()
        .all(|x| s(x, "event.action") == Some("GetAWSDefaultServiceQuota")));
    assert_eq!(params(&d), BTreeSet::from([TARGET]));

    let d = docs("split_arns");
    assert_eq!((d.len(), regions(&d).len(), windows(&d).len()), (12, 12, 1));
    let arns: BTreeSet<&str> = d
        .iter()
        .filter_map(|x| s(x, "aws.cloudtrail.user_identity.arn"))
        .collect();
    assert_eq!(arns.len(), 12);
}

#[test]
fn the_sweeper_never_reaches_ten_regions_in_a_window() {
    let r = run(&cloudtrail_gen::Config {
        sweeps: Some(3),
        ..small()
    });
    let i = injection(&r, SWEEPER_KIND);
    let d = by_arn(&r, &i.arn);
    assert_eq!(d.len(), 3 * 28);
    assert!(windows(&d).values().all(|&n| n <= 6));
    assert!(d.iter().all(|x| ms(x) > r.expected.now_ms - 7 * DAY));
}
