//! Injected activity: attack bursts the hunt must report, near misses it must not, and a benign sweeper.

use std::collections::HashSet;

use crate::catalog::{
    action, ACCOUNTS, RECON_GEO, REGIONS, ROLES, TARGET_QUOTA, TARGET_SERVICE, UA_RECON, UA_SDK,
};
use crate::event::{Event, Region};
use crate::hunt::WINDOW_MS;
use crate::params::quota_request;
use crate::principal::{ipv4, IdentityKind, Principal};
use crate::rng::Rng;
use crate::time::SECOND_MS;

/// The positive burst shapes, used in this order (then `random` for every further burst).
pub const POSITIVE_KINDS: &[&str] = &["edge_ten", "repeats", "mixed", "wide"];

/// The near-miss shapes, cycled in this order.
pub const NEAR_MISS_KINDS: &[&str] = &[
    "nine_regions", // 14 calls from only 9 regions
    "other_quota",  // 12 regions, quotaCode=L-34B43A08
    "two_windows",  // 16 regions split 8 / 8 across a 30 s window boundary
    "null_region", // 9 regions + 3 calls without a region (2 missing, 1 JSON null): 12 rows, 9 regions
    "swapped_keys", // {quotaCode=L-1216C47A, serviceCode=ec2}: DISSECT is positional
    "too_old",     // 12 regions, window entirely before now - 7 days
    "cutoff_edge", // 3 calls exactly at now - 7 days (excluded: the filter is strict) + 9 after
    "wrong_action", // GetAWSDefaultServiceQuota for ec2/L-1216C47A from 12 regions
    "split_arns",  // 12 regions, each from a different session of one role
];

/// Kind name of the benign region sweeper.
pub const SWEEPER_KIND: &str = "sweeper";

/// One injected pattern, for reports and tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Injection {
    /// Shape name (one of [`POSITIVE_KINDS`], `random`, [`NEAR_MISS_KINDS`] or [`SWEEPER_KIND`]).
    pub kind: &'static str,
    /// Whether the hunt must report it.
    pub expect_match: bool,
    /// Start of the (first) 30-second window used, epoch milliseconds.
    pub window_ms: i64,
    /// Caller ARN; for `split_arns` the common prefix of the session ARNs.
    pub arn: String,
    /// Number of events injected.
    pub calls: u32,
    /// Distinct regions among them.
    pub regions: u32,
}

/// Time span of a run, epoch milliseconds.
#[derive(Clone, Copy, Debug)]
pub struct Span {
    /// First instant (inclusive).
    pub start: i64,
    /// Last instant (exclusive).
    pub end: i64,
    /// `now - 7 days`: events must be strictly after it to be seen by the hunt.
    pub cutoff: i64,
}

/// What to inject.
#[derive(Clone, Copy, Debug)]
pub struct Wanted {
    /// Positive bursts.
    pub bursts: u32,
    /// Near misses (cycling through the kinds).
    pub near_misses: u32,
    /// Sweeper passes.
    pub sweeps: u32,
}

/// The injected events (sorted by time), what they are, and the near-miss kinds the span could not hold.
#[derive(Debug, Default)]
pub struct Plan {
    /// Events to merge into the output, sorted by timestamp.
    pub events: Vec<Event>,
    /// One entry per injected pattern.
    pub injections: Vec<Injection>,
    /// Near-miss kinds skipped because the span has no room for them.
    pub skipped: Vec<&'static str>,
}

struct Planner<'a> {
    rng: &'a mut Rng,
    principals: &'a mut Vec<Principal>,
    population: usize,
    used: HashSet<i64>,
    plan: Plan,
}

fn align_up(t: i64) -> i64 {
    t + (-t).rem_euclid(WINDOW_MS)
}

impl Planner<'_> {
    /// A free window start in `[lo, hi)` with `span` windows (plus one on each side) unused.
    fn window(&mut self, lo: i64, hi: i64, span: i64) -> Option<i64> {
        let lo = align_up(lo);
        let slots = (hi - lo - (span - 1) * WINDOW_MS) / WINDOW_MS;
        if slots <= 0 {
            return None;
        }
        for _ in 0..10_000 {
            let w = lo + self.rng.below(slots as u64) as i64 * WINDOW_MS;
            let all: Vec<i64> = (-1..=span).map(|i| w + i * WINDOW_MS).collect();
            if all.iter().all(|x| !self.used.contains(x)) {
                self.used.extend(all);
                return Some(w);
            }
        }
        None
    }

    /// `n` sorted whole-second offsets inside `[from, to)` seconds of a window.
    fn offsets(&mut self, n: usize, from: i64, to: i64) -> Vec<i64> {
        let mut v: Vec<i64> = (0..n)
            .map(|_| self.rng.range(from, to) * SECOND_MS)
            .collect();
        v.sort_unstable();
        v
    }

    fn regions(&mut self, n: usize) -> Vec<&'static str> {
        self.rng.sample(REGIONS, n)
    }

    fn add_principal(&mut self, mut p: Principal) -> usize {
        p.ips = vec![ipv4(self.rng, &[185, 193, 45])];
        p.geo = &RECON_GEO;
        p.user_agent = UA_RECON;
        self.principals.push(p);
        self.principals.len() - 1
    }

    /// A compromised existing caller (an IAM user or role session of the background population).
    fn compromised(&mut self) -> usize {
        let candidates: Vec<usize> = (0..self.population)
            .filter(|&i| {
                self.principals.get(i).is_some_and(|p| {
                    matches!(p.kind, IdentityKind::IamUser | IdentityKind::AssumedRole)
                })
            })
            .collect();
        let i = self.rng.pick(&candidates).copied().unwrap_or(0);
        let p = self
            .principals
            .get(i)
            .cloned()
            .unwrap_or_else(|| Principal::iam_user(self.rng, "111122223333", "fallback"));
        self.add_principal(p)
    }

    /// A caller that exists only for one near miss, so background noise cannot complete its pattern.
    fn fresh(&mut self, kind: &str) -> usize {
        let account = self.rng.pick(ACCOUNTS).copied().unwrap_or("111122223333");
        let name = format!("svc-{}", kind.replace('_', "-"));
        let p = Principal::iam_user(self.rng, account, &name);
        self.add_principal(p)
    }

    fn call(&mut self, ts: i64, who: usize, name: &str, region: Region, params: String) {
        self.plan.events.push(Event {
            ts,
            who,
            action: action(name),
            region,
            params: Some(params),
            response: None,
            failed: false,
        });
    }

    fn record(
        &mut self,
        kind: &'static str,
        expect_match: bool,
        window_ms: i64,
        who: usize,
        first_event: usize,
    ) {
        let events = self.plan.events.get(first_event..).unwrap_or(&[]);
        let regions: HashSet<&str> = events.iter().filter_map(|e| e.region.name()).collect();
        let arn = self
            .principals
            .get(who)
            .and_then(|p| p.arn.clone())
            .unwrap_or_default();
        self.plan.injections.push(Injection {
            kind,
            expect_match,
            window_ms,
            arn,
            calls: events.len() as u32,
            regions: regions.len() as u32,
        });
    }
}

/// Plans the injected events. Positive bursts go strictly after the cutoff; a span without room for them is
/// an error. New callers are appended to `principals` (whose first `population` entries are the background).
pub fn plan(
    rng: &mut Rng,
    principals: &mut Vec<Principal>,
    population: usize,
    span: Span,
    wanted: Wanted,
) -> Result<Plan, String> {
    let mut p = Planner {
        rng,
        principals,
        population,
        used: HashSet::new(),
        plan: Plan::default(),
    };
    let target = quota_request(TARGET_SERVICE, TARGET_QUOTA);
    // Two spare windows after the cutoff's own window keep the cutoff_edge window free.
    let lo = align_up(span.start.max(span.cutoff + 1)) + 2 * WINDOW_MS;
    let hi = span.end - 2 * WINDOW_MS;
    for i in 0..wanted.bursts {
        let kind = POSITIVE_KINDS.get(i as usize).copied().unwrap_or("random");
        let who = p.compromised();
        let w = p.window(lo, hi, 1).ok_or_else(|| {
            "no room for the attack bursts after now - 7 days: use a longer span or a later start".to_string()
        })?;
        let first = p.plan.events.len();
        let (n_regions, n_calls) = match kind {
            "edge_ten" => (10, 10),
            "repeats" => (12, 16),
            "mixed" => (11, 11),
            "wide" => (17, 17 + p.rng.index(9)),
            _ => {
                let r = 10 + p.rng.index(8);
                (r, r + p.rng.index(6))
            }
        };
        let regions = p.regions(n_regions);
        let mut call_regions = regions.clone();
        while call_regions.len() < n_calls {
            let r = p.rng.pick(&regions).copied().unwrap_or("us-east-1");
            call_regions.push(r);
        }
        p.rng.shuffle(&mut call_regions);
        let mut offs = p.offsets(n_calls, 0, 30);
        if kind == "edge_ten" {
            // first call on the window's first second, last on its last second
            if let Some(o) = offs.first_mut() {
                *o = 0;
            }
            if let Some(o) = offs.last_mut() {
                *o = 29 * SECOND_MS;
            }
        }
        for (j, (off, region)) in offs.into_iter().zip(call_regions).enumerate() {
            p.call(
                w + off,
                who,
                "GetServiceQuota",
                Region::Named(region),
                target.clone(),
            );
            if kind == "repeats" && (j == 3 || j == 9) {
                if let Some(e) = p.plan.events.last_mut() {
                    e.failed = true; // a throttled or denied call is still a logged call
                }
            }
        }
        if kind == "mixed" {
            // same caller, same window: one target call without a region (counted by window_count only)
            // and calls the hunt must ignore
            let off = p.rng.range(0, 30) * SECOND_MS;
            p.call(
                w + off,
                who,
                "GetServiceQuota",
                Region::Missing,
                target.clone(),
            );
            let extras = [
                ("GetServiceQuota", quota_request("ec2", "L-34B43A08")),
                ("GetServiceQuota", quota_request("vpc", TARGET_QUOTA)),
                ("GetAWSDefaultServiceQuota", target.clone()),
                (
                    "ListServiceQuotas",
                    crate::javamap::render(&[("serviceCode", "ec2")]),
                ),
            ];
            for (name, params) in extras {
                let off = p.rng.range(0, 30) * SECOND_MS;
                let region = p.rng.pick(REGIONS).copied().unwrap_or("us-east-1");
                p.call(w + off, who, name, Region::Named(region), params);
            }
        }
        p.record(kind, true, w, who, first);
    }

    for i in 0..wanted.near_misses {
        let kind = NEAR_MISS_KINDS
            .get(i as usize % NEAR_MISS_KINDS.len())
            .copied()
            .unwrap_or("nine_regions");
        if !near_miss(&mut p, kind, span, lo, hi, &target) {
            p.plan.skipped.push(kind);
        }
    }

    sweeper(&mut p, span, wanted.sweeps, &target);
    let mut plan = p.plan;
    plan.events.sort_by_key(|e| e.ts);
    Ok(plan)
}

/// Injects one near miss; `false` when the span has no room for it.
fn near_miss(
    p: &mut Planner<'_>,
    kind: &'static str,
    span: Span,
    lo: i64,
    hi: i64,
    target: &str,
) -> bool {
    let first = p.plan.events.len();
    let window = match kind {
        "too_old" => p.window(span.start + WINDOW_MS, span.cutoff - 2 * WINDOW_MS, 1),
        "two_windows" => p.window(lo, hi, 2),
        "cutoff_edge" => {
            let w = span.cutoff - span.cutoff.rem_euclid(WINDOW_MS);
            let room = (w + WINDOW_MS - 1 - span.cutoff) / SECOND_MS; // whole seconds after the cutoff
            let free = (-1..=1).all(|i| !p.used.contains(&(w + i * WINDOW_MS)));
            if span.cutoff <= span.start || span.cutoff + WINDOW_MS >= span.end || room < 1 || !free
            {
                None
            } else {
                p.used.extend((-1..=1).map(|i| w + i * WINDOW_MS));
                Some(w)
            }
        }
        _ => p.window(lo, hi, 1),
    };
    let Some(w) = window else {
        return false;
    };
    let who = p.fresh(kind);
    let sq = "GetServiceQuota";
    match kind {
        "nine_regions" => {
            let regions = p.regions(9);
            let mut calls = regions.clone();
            for k in 0..5 {
                calls.push(regions.get(k).copied().unwrap_or("us-east-1"));
            }
            for (off, r) in p.offsets(14, 0, 30).into_iter().zip(calls) {
                p.call(w + off, who, sq, Region::Named(r), target.to_string());
            }
        }
        "other_quota" | "swapped_keys" | "wrong_action" | "too_old" => {
            let (name, params) = match kind {
                "other_quota" => (sq, quota_request(TARGET_SERVICE, "L-34B43A08")),
                "swapped_keys" => (
                    sq,
                    format!("{{quotaCode={TARGET_QUOTA}, serviceCode={TARGET_SERVICE}}}"),
                ),
                "wrong_action" => ("GetAWSDefaultServiceQuota", target.to_string()),
                _ => (sq, target.to_string()),
            };
            let regions = p.regions(12);
            for (off, r) in p.offsets(12, 0, 30).into_iter().zip(regions) {
                p.call(w + off, who, name, Region::Named(r), params.clone());
            }
        }
        "two_windows" => {
            let regions = p.regions(16);
            let late = p.offsets(8, 15, 30);
            let early = p.offsets(8, 0, 15);
            let times = late
                .into_iter()
                .map(|o| w + o)
                .chain(early.into_iter().map(|o| w + WINDOW_MS + o));
            for (t, r) in times.zip(regions) {
                p.call(t, who, sq, Region::Named(r), target.to_string());
            }
        }
        "null_region" => {
            let mut regions: Vec<Region> = p.regions(9).into_iter().map(Region::Named).collect();
            regions.extend([Region::Missing, Region::Missing, Region::Null]);
            p.rng.shuffle(&mut regions);
            for (off, r) in p.offsets(12, 0, 30).into_iter().zip(regions) {
                p.call(w + off, who, sq, r, target.to_string());
            }
        }
        "cutoff_edge" => {
            let room = (w + WINDOW_MS - 1 - span.cutoff) / SECOND_MS;
            let regions = p.regions(12);
            for (j, r) in regions.into_iter().enumerate() {
                let t = if j < 3 {
                    span.cutoff
                } else {
                    span.cutoff + p.rng.range(1, room + 1) * SECOND_MS
                };
                p.call(t, who, sq, Region::Named(r), target.to_string());
            }
        }
        _ => {
            // split_arns: one role, twelve sessions, twelve regions
            let account = p
                .principals
                .get(who)
                .map(|q| q.account)
                .unwrap_or("111122223333");
            let role = p.rng.pick(ROLES).copied().unwrap_or("PlatformAdmin");
            let regions = p.regions(12);
            let offs = p.offsets(12, 0, 30);
            for (j, (off, r)) in offs.into_iter().zip(regions).enumerate() {
                let session = format!("quota-check-{:02}", j + 1);
                let q = Principal::role_session(p.rng, account, role, &session);
                let id = p.add_principal(q);
                p.call(w + off, id, sq, Region::Named(r), target.to_string());
            }
            p.record(kind, false, w, who, first);
            if let Some(last) = p.plan.injections.last_mut() {
                last.arn = format!("arn:aws:sts::{account}:assumed-role/{role}/quota-check-");
            }
            return true;
        }
    }
    p.record(kind, false, w, who, first);
    true
}

/// A monitoring job that reads the quota in every region, one region every 5 seconds (at most 6 regions per
/// 30-second window), every 6 hours counting back from the end of the span.
fn sweeper(p: &mut Planner<'_>, span: Span, sweeps: u32, target: &str) {
    if sweeps == 0 {
        return;
    }
    let account = ACCOUNTS.first().copied().unwrap_or("111122223333");
    let mut monitor =
        Principal::role_session(p.rng, account, "QuotaMonitor", "quota-monitor-lambda");
    monitor.user_agent = UA_SDK.first().copied().unwrap_or("Boto3");
    p.principals.push(monitor);
    let who = p.principals.len() - 1;
    let sweep_ms = 5 * SECOND_MS * REGIONS.len() as i64;
    for s in 0..i64::from(sweeps) {
        let t0 = span.end - (s + 1) * 6 * 3_600_000 + 1_234 * SECOND_MS;
        if t0 < span.start || t0 + sweep_ms >= span.end {
            continue;
        }
        let first = p.plan.events.len();
        for (j, r) in REGIONS.iter().enumerate() {
            p.call(
                t0 + 5 * SECOND_MS * j as i64,
                who,
                "GetServiceQuota",
                Region::Named(r),
                target.to_string(),
            );
        }
        p.record(
            SWEEPER_KIND,
            false,
            t0 - t0.rem_euclid(WINDOW_MS),
            who,
            first,
        );
    }
}
