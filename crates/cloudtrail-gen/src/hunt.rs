//! The expected answer of the shipped hunt, tallied from the events as they are written.
//!
//! This is an independent, deliberately plain restatement of the hunt
//! (`queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql`), not a query engine:
//!
//! 1. keep events with `@timestamp > now - 7 days` (strict), `event.dataset == "aws.cloudtrail"`,
//!    `event.provider == "servicequotas.amazonaws.com"`, `event.action == "GetServiceQuota"`;
//! 2. split `aws.cloudtrail.request_parameters` like the DISSECT pattern
//!    `{%{?service_code_key}=%{service_code}, %{?quota_code_key}=%{quota_code}}` and keep
//!    `service_code == "ec2"` and `quota_code == "L-1216C47A"`;
//! 3. group by the 30-second floor of `@timestamp` and the caller ARN (a missing ARN is its own group),
//!    counting distinct non-null `cloud.region` values and rows;
//! 4. keep groups with both counts >= 10, newest window first; groups sharing a window stay in the order
//!    their first row was written.

use std::collections::{HashMap, HashSet};
use std::io::{self, Write};

use crate::catalog::{SERVICE_QUOTAS, TARGET_QUOTA, TARGET_SERVICE};
use crate::time::{format_ms, DAY_MS};

/// Width of the hunt's `DATE_TRUNC(30 seconds, @timestamp)` windows, in milliseconds.
pub const WINDOW_MS: i64 = 30_000;
/// The hunt's look-back (`now() - 7 day`), in milliseconds.
pub const LOOKBACK_MS: i64 = 7 * DAY_MS;
/// The minimum `region_count` and `window_count` of a reported group.
pub const THRESHOLD: u64 = 10;

/// One row of the hunt's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedRow {
    /// `region_count`: distinct non-null `cloud.region` values in the group.
    pub region_count: u64,
    /// `window_count`: rows in the group.
    pub window_count: u64,
    /// `target_time_window`: the window start, epoch milliseconds.
    pub window_ms: i64,
    /// `aws.cloudtrail.user_identity.arn` (`None` for a missing ARN).
    pub arn: Option<String>,
}

#[derive(Debug)]
struct Group {
    regions: HashSet<String>,
    rows: u64,
    first_seen: u64,
}

/// Accumulates the hunt over the events of one run.
#[derive(Debug)]
pub struct HuntTally {
    cutoff_ms: i64,
    seen: u64,
    groups: HashMap<(i64, Option<String>), Group>,
}

/// The fields of one written event that the hunt reads.
#[derive(Clone, Copy, Debug)]
pub struct HuntFields<'a> {
    /// `@timestamp`, epoch milliseconds.
    pub ts: i64,
    /// `event.dataset`.
    pub dataset: &'a str,
    /// `event.provider`.
    pub provider: &'a str,
    /// `event.action`.
    pub action: &'a str,
    /// `aws.cloudtrail.request_parameters`.
    pub params: Option<&'a str>,
    /// `cloud.region`.
    pub region: Option<&'a str>,
    /// `aws.cloudtrail.user_identity.arn`.
    pub arn: Option<&'a str>,
}

/// Splits `s` like the hunt's DISSECT pattern; returns `(service_code, quota_code)` or `None` on no match.
///
/// The two skipped keys end at the first `=`, the service code at the first `, ` after it, the quota code at
/// the first `}` after that; text after that `}` is ignored. (The generator never writes repeated
/// delimiters such as `==`, where DISSECT has extra rules.)
pub fn dissect_quota(s: &str) -> Option<(&str, &str)> {
    let rest = s.strip_prefix('{')?;
    if rest.is_empty() {
        return None;
    }
    let (_, rest) = rest.split_once('=')?;
    let (service, rest) = rest.split_once(", ")?;
    let (_, rest) = rest.split_once('=')?;
    let (quota, _) = rest.split_once('}')?;
    Some((service, quota))
}

impl HuntTally {
    /// A tally for `now` (epoch milliseconds).
    pub fn new(now_ms: i64) -> Self {
        HuntTally {
            cutoff_ms: now_ms - LOOKBACK_MS,
            seen: 0,
            groups: HashMap::new(),
        }
    }

    /// Accounts one written event.
    pub fn observe(&mut self, f: HuntFields<'_>) {
        self.seen += 1;
        let selected = f.ts > self.cutoff_ms
            && f.dataset == "aws.cloudtrail"
            && f.provider == SERVICE_QUOTAS
            && f.action == "GetServiceQuota"
            && f.params.and_then(dissect_quota) == Some((TARGET_SERVICE, TARGET_QUOTA));
        if !selected {
            return;
        }
        let window = f.ts - f.ts.rem_euclid(WINDOW_MS);
        let seen = self.seen;
        let group = self
            .groups
            .entry((window, f.arn.map(str::to_string)))
            .or_insert_with(|| Group {
                regions: HashSet::new(),
                rows: 0,
                first_seen: seen,
            });
        group.rows += 1;
        if let Some(region) = f.region {
            group.regions.insert(region.to_string());
        }
    }

    /// The hunt's result rows.
    pub fn rows(&self) -> Vec<ExpectedRow> {
        let mut kept: Vec<(&(i64, Option<String>), &Group)> = self
            .groups
            .iter()
            .filter(|(_, g)| g.regions.len() as u64 >= THRESHOLD && g.rows >= THRESHOLD)
            .collect();
        kept.sort_by(|a, b| {
            b.0 .0
                .cmp(&a.0 .0)
                .then(a.1.first_seen.cmp(&b.1.first_seen))
        });
        kept.into_iter()
            .map(|((window, arn), g)| ExpectedRow {
                region_count: g.regions.len() as u64,
                window_count: g.rows,
                window_ms: *window,
                arn: arn.clone(),
            })
            .collect()
    }
}

/// Writes rows as an Elasticsearch ES|QL JSON response body (`columns` and `values`), one row per line.
pub fn write_response(rows: &[ExpectedRow], out: &mut dyn Write) -> io::Result<()> {
    out.write_all(
        b"{\"columns\":[{\"name\":\"region_count\",\"type\":\"long\"},{\"name\":\"window_count\",\"type\":\"long\"},\
{\"name\":\"target_time_window\",\"type\":\"date\"},{\"name\":\"aws.cloudtrail.user_identity.arn\",\"type\":\"keyword\"}],\
\"values\":[",
    )?;
    for (i, row) in rows.iter().enumerate() {
        let arn = match &row.arn {
            Some(a) => serde_json::to_string(a).map_err(io::Error::other)?,
            None => "null".to_string(),
        };
        let sep = if i == 0 { "\n" } else { ",\n" };
        write!(
            out,
            "{sep}[{},{},\"{}\",{arn}]",
            row.region_count,
            row.window_count,
            format_ms(row.window_ms)
        )?;
    }
    out.write_all(if rows.is_empty() { b"]}\n" } else { b"\n]}\n" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dissect_like_the_pattern() {
        assert_eq!(
            dissect_quota("{serviceCode=ec2, quotaCode=L-1216C47A}"),
            Some(("ec2", "L-1216C47A"))
        );
        assert_eq!(
            dissect_quota("{quotaCode=L-1216C47A, serviceCode=ec2}"),
            Some(("L-1216C47A", "ec2"))
        );
        assert_eq!(dissect_quota("{serviceCode=ec2}"), None);
        assert_eq!(
            dissect_quota("{serviceCode=ec2, quotaCode=L-1216C47A}, tail"),
            Some(("ec2", "L-1216C47A"))
        );
        assert_eq!(dissect_quota("{"), None);
        assert_eq!(
            dissect_quota("serviceCode=ec2, quotaCode=L-1216C47A}"),
            None
        );
    }

    fn fields(ts: i64, region: Option<&'static str>, arn: &'static str) -> HuntFields<'static> {
        HuntFields {
            ts,
            dataset: "aws.cloudtrail",
            provider: SERVICE_QUOTAS,
            action: "GetServiceQuota",
            params: Some("{serviceCode=ec2, quotaCode=L-1216C47A}"),
            region,
            arn: Some(arn),
        }
    }

    #[test]
    fn counts_regions_and_rows_per_window() {
        let now = 10 * DAY_MS;
        let mut t = HuntTally::new(now);
        let regions = crate::catalog::REGIONS;
        let w = 9 * DAY_MS;
        for (i, r) in regions.iter().take(10).enumerate() {
            t.observe(fields(w + i as i64 * 1000, Some(r), "a"));
        }
        t.observe(fields(w + 20_000, None, "a"));
        // nine regions: not reported
        for (i, r) in regions.iter().take(9).enumerate() {
            t.observe(fields(w + 60_000 + i as i64, Some(r), "b"));
            t.observe(fields(w + 60_000 + i as i64, Some(r), "b"));
        }
        // exactly at the cutoff: filtered out
        for r in regions.iter().take(12) {
            t.observe(fields(now - LOOKBACK_MS, Some(r), "c"));
        }
        let rows = t.rows();
        assert_eq!(
            rows,
            vec![ExpectedRow {
                region_count: 10,
                window_count: 11,
                window_ms: w,
                arn: Some("a".into())
            }]
        );
        let mut out = Vec::new();
        write_response(&rows, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["values"][0][0], 10);
        assert_eq!(v["values"][0][2], "1970-01-10T00:00:00.000Z");
        assert_eq!(v["columns"][3]["name"], "aws.cloudtrail.user_identity.arn");
    }
}
