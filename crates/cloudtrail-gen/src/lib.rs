//! Deterministic synthetic AWS CloudTrail data shaped like the documents of Elastic's AWS CloudTrail
//! integration (`logs-aws.cloudtrail-*`, ECS field names), written as NDJSON, together with the known answer
//! of the shipped hunt `servicequotas_discovery_multi_region_get_service_quota_calls.esql`.
//!
//! Most events are background noise across many services. On top of it the generator injects
//!
//! * attack bursts the hunt must report: one ARN calling Service Quotas `GetServiceQuota` for
//!   `{serviceCode=ec2, quotaCode=L-1216C47A}` from 10 to 17 regions inside one 30-second window;
//! * near misses it must not report (see [`NEAR_MISS_KINDS`]);
//! * a benign monitoring job that sweeps all regions slowly.
//!
//! The same [`Config`] always produces the same bytes. The expected answer ([`Expected`]) is tallied from
//! the events as they are written, by a plain restatement of the hunt's logic (see [`hunt`]).
//!
//! ```
//! let cfg = cloudtrail_gen::Config { events: 2_000, ..Default::default() };
//! let mut out = Vec::new();
//! let expected = cloudtrail_gen::generate(&cfg, &mut out)?;
//! assert_eq!(expected.rows.len(), 4);
//! # Ok::<(), std::io::Error>(())
//! ```

mod catalog;
mod event;
pub mod hunt;
mod inject;
mod javamap;
mod json;
mod noise;
mod params;
mod principal;
mod rng;
pub mod time;

use std::io::{self, Write};

pub use hunt::ExpectedRow;
pub use inject::{Injection, NEAR_MISS_KINDS, POSITIVE_KINDS, SWEEPER_KIND};
pub use json::KeyFormat;

use crate::event::render;
use crate::hunt::{HuntFields, HuntTally, LOOKBACK_MS};
use crate::inject::{Span, Wanted};
use crate::noise::Noise;
use crate::principal::Population;
use crate::rng::Rng;
use crate::time::{DAY_MS, SECOND_MS};

/// Generation settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Total number of documents written (background plus injected).
    pub events: u64,
    /// PRNG seed.
    pub seed: u64,
    /// First timestamp, epoch milliseconds.
    pub start_ms: i64,
    /// Length of the span in days (may be fractional).
    pub days: f64,
    /// `now()` of the hunt, epoch milliseconds; `None` means the end of the span (`start + days`).
    pub now_ms: Option<i64>,
    /// Nested objects or dotted keys.
    pub format: KeyFormat,
    /// Number of attack bursts the hunt must report.
    pub bursts: u32,
    /// Number of near misses, cycling through [`NEAR_MISS_KINDS`].
    pub near_misses: u32,
    /// Passes of the benign sweeper; `None` means one per 20 000 events, at least one, at most four a day.
    pub sweeps: Option<u32>,
}

/// 2024-05-01T00:00:00Z.
const DEFAULT_START_MS: i64 = 1_714_521_600_000;

impl Default for Config {
    fn default() -> Self {
        Config {
            events: 10_000,
            seed: 1,
            start_ms: DEFAULT_START_MS,
            days: 10.0,
            now_ms: None,
            format: KeyFormat::Nested,
            bursts: 4,
            near_misses: NEAR_MISS_KINDS.len() as u32,
            sweeps: None,
        }
    }
}

impl Config {
    /// End of the span (exclusive), epoch milliseconds.
    pub fn end_ms(&self) -> i64 {
        self.start_ms + (self.days * DAY_MS as f64).round() as i64
    }

    /// The `now()` the expected answer assumes.
    pub fn now(&self) -> i64 {
        self.now_ms.unwrap_or_else(|| self.end_ms())
    }

    fn sweeps(&self) -> u32 {
        self.sweeps.unwrap_or_else(|| {
            let per_day = (self.days * 4.0).floor().max(0.0) as u64;
            (self.events / 20_000).max(1).min(per_day) as u32
        })
    }
}

/// The known answer of a run, and what was injected.
#[derive(Clone, Debug, PartialEq)]
pub struct Expected {
    /// `now()` used for the answer, epoch milliseconds.
    pub now_ms: i64,
    /// First timestamp of the span.
    pub start_ms: i64,
    /// End of the span (exclusive).
    pub end_ms: i64,
    /// Documents written.
    pub events: u64,
    /// The hunt's result, newest window first.
    pub rows: Vec<ExpectedRow>,
    /// The injected patterns.
    pub injections: Vec<Injection>,
    /// Near-miss kinds the span could not hold (e.g. `too_old` when the span is shorter than 7 days).
    pub skipped: Vec<&'static str>,
}

impl Expected {
    /// Writes the answer as an Elasticsearch ES|QL JSON response body (`{"columns":[…],"values":[…]}`).
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        hunt::write_response(&self.rows, out)
    }

    /// The answer as an Elasticsearch ES|QL JSON response body.
    pub fn to_json(&self) -> String {
        let mut buf = Vec::new();
        // writing to a Vec cannot fail
        let _ = self.write_json(&mut buf);
        String::from_utf8_lossy(&buf).into_owned()
    }

    /// A human-readable account of the run (span, injections, expected rows).
    pub fn summary(&self) -> String {
        use std::fmt::Write as _;
        let f = time::format_ms;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "events: {}  span: {} .. {}",
            self.events,
            f(self.start_ms),
            f(self.end_ms)
        );
        let _ = writeln!(
            s,
            "now: {}  cutoff: {}",
            f(self.now_ms),
            f(self.now_ms - LOOKBACK_MS)
        );
        let sweeps = self
            .injections
            .iter()
            .filter(|i| i.kind == SWEEPER_KIND)
            .count();
        for i in self.injections.iter().filter(|i| i.kind != SWEEPER_KIND) {
            let verdict = if i.expect_match { "match" } else { "no match" };
            let _ = writeln!(
                s,
                "injected {:<13} {:<8} window {} calls {:>2} regions {:>2} {}",
                i.kind,
                verdict,
                f(i.window_ms),
                i.calls,
                i.regions,
                i.arn
            );
        }
        if sweeps > 0 {
            let _ = writeln!(
                s,
                "injected {SWEEPER_KIND} no match ({sweeps} passes over all regions, 5 s apart)"
            );
        }
        for k in &self.skipped {
            let _ = writeln!(s, "skipped {k}: no room in the span");
        }
        let _ = writeln!(s, "expected rows: {}", self.rows.len());
        for r in &self.rows {
            let _ = writeln!(
                s,
                "  region_count={} window_count={} target_time_window={} arn={}",
                r.region_count,
                r.window_count,
                f(r.window_ms),
                r.arn.as_deref().unwrap_or("null")
            );
        }
        s
    }
}

fn invalid(msg: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, msg)
}

/// Writes `cfg.events` NDJSON documents to `out` and returns the hunt's expected answer.
///
/// Fails with [`io::ErrorKind::InvalidInput`] when the span is empty, has no room for the bursts after
/// `now - 7 days`, or `events` is smaller than the number of injected events; otherwise only on write errors.
pub fn generate(cfg: &Config, out: &mut dyn Write) -> io::Result<Expected> {
    let end = cfg.end_ms();
    if !cfg.days.is_finite() || end <= cfg.start_ms {
        return Err(invalid(format!(
            "the span must be positive, got {} days",
            cfg.days
        )));
    }
    let now = cfg.now();
    let span = Span {
        start: cfg.start_ms,
        end,
        cutoff: now - LOOKBACK_MS,
    };
    let mut rng = Rng::new(cfg.seed);
    let population = Population::build(&mut rng);
    let mut principals = population.members.clone();
    let wanted = Wanted {
        bursts: cfg.bursts,
        near_misses: cfg.near_misses,
        sweeps: cfg.sweeps(),
    };
    let plan = inject::plan(
        &mut rng,
        &mut principals,
        population.members.len(),
        span,
        wanted,
    )
    .map_err(invalid)?;
    let injected = plan.events.len() as u64;
    let background = cfg.events.checked_sub(injected).ok_or_else(|| {
        invalid(format!(
            "--events {} is smaller than the {injected} injected events",
            cfg.events
        ))
    })?;

    let noise = Noise::default();
    let mut tally = HuntTally::new(now);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 21);
    let mut pending = plan.events.iter().peekable();
    let mut written = 0u64;
    let length = i128::from(end - cfg.start_ms);
    let mut emit = |ev: &event::Event, rng: &mut Rng, buf: &mut Vec<u8>| -> io::Result<()> {
        let Some(who) = principals.get(ev.who) else {
            return Ok(());
        };
        render(ev, who, rng, cfg.format, buf);
        tally.observe(HuntFields {
            ts: ev.ts,
            dataset: "aws.cloudtrail",
            provider: ev.action.provider,
            action: ev.action.name,
            params: ev.params.as_deref(),
            region: ev.region.name(),
            arn: who.arn.as_deref(),
        });
        written += 1;
        if buf.len() >= 1 << 20 {
            out.write_all(buf)?;
            buf.clear();
        }
        Ok(())
    };
    for i in 0..background {
        let base = cfg.start_ms + (i128::from(i) * length / i128::from(background)) as i64;
        let mut ts = base + rng.range(-3, 4) * SECOND_MS;
        ts = ts.clamp(cfg.start_ms, end - 1);
        ts -= (ts - cfg.start_ms).rem_euclid(SECOND_MS);
        while let Some(ev) = pending.next_if(|e| e.ts <= base) {
            emit(ev, &mut rng, &mut buf)?;
        }
        if let Some(ev) = noise.draw(&mut rng, ts, &population, &principals) {
            emit(&ev, &mut rng, &mut buf)?;
        }
    }
    for ev in pending {
        emit(ev, &mut rng, &mut buf)?;
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(Expected {
        now_ms: now,
        start_ms: cfg.start_ms,
        end_ms: end,
        events: written,
        rows: tally.rows(),
        injections: plan.injections,
        skipped: plan.skipped,
    })
}
