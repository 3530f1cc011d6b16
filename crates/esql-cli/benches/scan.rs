//! Scan benchmark: esql against the raw read floor, a hand-written
//! projected-parse baseline and (when a `duckdb` CLI is on PATH) DuckDB, on
//! generated CloudTrail NDJSON, at 1 and 2 threads. Runs are interleaved and
//! repeated; medians are printed with ratios and esql's peak RSS.
//!
//! `ESQL_BENCH_EVENTS` (default 1 000 000) sets the data size,
//! `ESQL_BENCH_REPS` (default 3) the repetitions. Data is cached under
//! `target/bench-data/<events>/`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use esql_exec::api::{cell_text, timestamp_millis, Scalar, Session, Value};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The allocator the `esql` binary uses, so the in-process runs measure it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const HUNT: &str = include_str!(
    "../../../queries/servicequotas_discovery_multi_region_get_service_quota_calls.esql"
);
const FULL: &str = "from logs-aws.cloudtrail-* | stats count(*), count_distinct(aws.cloudtrail.user_identity.arn) by event.provider, event.action | sort `count(*)` desc | limit 20";
const FILE: &str = "logs-aws.cloudtrail-default.ndjson";

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

/// Generates (once) and returns the data folder and the hunt's `now`.
fn data(events: u64) -> (PathBuf, i64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/bench-data")
        .join(events.to_string());
    let cfg = cloudtrail_gen::Config {
        events,
        ..Default::default()
    };
    let path = dir.join(FILE);
    let stamp = dir.join("now_ms");
    if let Ok(now) = std::fs::read_to_string(&stamp) {
        if path.exists() {
            return (dir, now.trim().parse().unwrap());
        }
    }
    std::fs::create_dir_all(&dir).unwrap();
    eprintln!("generating {events} events into {}", path.display());
    let mut w = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let expected = cloudtrail_gen::generate(&cfg, &mut w).unwrap();
    drop(w);
    std::fs::write(&stamp, expected.now_ms.to_string()).unwrap();
    (dir, expected.now_ms)
}

/// The floor: read the file and split it into lines.
fn floor(path: &Path) -> usize {
    let mut f = std::fs::File::open(path).unwrap();
    let mut buf = vec![0u8; 4 << 20];
    let mut lines = 0;
    loop {
        let n = f.read(&mut buf).unwrap();
        if n == 0 {
            return lines;
        }
        lines += memchr::memchr_iter(b'\n', &buf[..n]).count();
    }
}

#[derive(Deserialize)]
struct Doc<'a> {
    #[serde(rename = "@timestamp", borrow)]
    ts: Option<Cow<'a, str>>,
    #[serde(borrow)]
    event: Option<Event<'a>>,
    #[serde(borrow)]
    aws: Option<Aws<'a>>,
    #[serde(borrow)]
    cloud: Option<Cloud<'a>>,
}
#[derive(Deserialize)]
struct Event<'a> {
    #[serde(borrow)]
    dataset: Option<Cow<'a, str>>,
    #[serde(borrow)]
    provider: Option<Cow<'a, str>>,
    #[serde(borrow)]
    action: Option<Cow<'a, str>>,
}
#[derive(Deserialize)]
struct Aws<'a> {
    #[serde(borrow)]
    cloudtrail: Option<Trail<'a>>,
}
#[derive(Deserialize)]
struct Trail<'a> {
    #[serde(borrow)]
    request_parameters: Option<Cow<'a, str>>,
    #[serde(borrow)]
    user_identity: Option<Identity<'a>>,
}
#[derive(Deserialize)]
struct Identity<'a> {
    #[serde(borrow)]
    arn: Option<Cow<'a, str>>,
}
#[derive(Deserialize)]
struct Cloud<'a> {
    #[serde(borrow)]
    region: Option<Cow<'a, str>>,
}

/// The hunt by hand: skip lines lacking the literal, parse 7 fields, group.
fn baseline(path: &Path, now_ms: i64, threads: usize) -> usize {
    let text = std::fs::read(path).unwrap();
    let finder = memchr::memmem::Finder::new(b"GetServiceQuota");
    let cut = text.len() / threads.max(1);
    let mut starts = vec![0];
    for t in 1..threads {
        let at = memchr::memchr(b'\n', &text[t * cut..]).map_or(text.len(), |i| t * cut + i + 1);
        starts.push(at);
    }
    starts.push(text.len());
    type Groups = HashMap<(i64, String), (HashSet<String>, u64)>;
    let parts: Vec<Groups> = std::thread::scope(|s| {
        let handles: Vec<_> = starts
            .windows(2)
            .map(|w| {
                let part = &text[w[0]..w[1]];
                let finder = &finder;
                s.spawn(move || {
                    let mut groups: Groups = HashMap::new();
                    for line in part.split(|&b| b == b'\n') {
                        if finder.find(line).is_none() {
                            continue;
                        }
                        let d: Doc = serde_json::from_slice(line).unwrap();
                        hunt_row(&d, now_ms, &mut groups);
                    }
                    groups
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut all: Groups = HashMap::new();
    for p in parts {
        for (k, (regions, n)) in p {
            let e = all.entry(k).or_default();
            e.0.extend(regions);
            e.1 += n;
        }
    }
    let mut rows: Vec<_> = all
        .into_iter()
        .filter(|(_, (r, n))| r.len() >= 10 && *n >= 10)
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.0 .0));
    rows.len()
}

fn hunt_row(d: &Doc, now_ms: i64, groups: &mut HashMap<(i64, String), (HashSet<String>, u64)>) {
    let Some(ts) = d.ts.as_deref().and_then(timestamp_millis) else {
        return;
    };
    let Some(e) = &d.event else { return };
    if ts <= now_ms - 7 * 86_400_000
        || e.dataset.as_deref() != Some("aws.cloudtrail")
        || e.provider.as_deref() != Some("servicequotas.amazonaws.com")
        || e.action.as_deref() != Some("GetServiceQuota")
    {
        return;
    }
    let trail = d.aws.as_ref().and_then(|a| a.cloudtrail.as_ref());
    let Some(rp) = trail.and_then(|t| t.request_parameters.as_deref()) else {
        return;
    };
    let Some(inner) = rp.strip_prefix('{').and_then(|r| r.strip_suffix('}')) else {
        return;
    };
    let Some((first, second)) = inner.split_once(", ") else {
        return;
    };
    let value = |kv: &str| kv.split_once('=').map(|(_, v)| v.to_string());
    if value(first).as_deref() != Some("ec2") || value(second).as_deref() != Some("L-1216C47A") {
        return;
    }
    let arn = trail
        .and_then(|t| t.user_identity.as_ref())
        .and_then(|u| u.arn.as_deref())
        .unwrap_or("")
        .to_string();
    let window = ts.div_euclid(30_000) * 30_000;
    let g = groups.entry((window, arn)).or_default();
    if let Some(r) = d.cloud.as_ref().and_then(|c| c.region.as_deref()) {
        g.0.insert(r.to_string());
    }
    g.1 += 1;
}

fn esql(dir: &Path, query: &str, now_ms: i64, threads: usize) -> usize {
    Session::new()
        .with_data_dir(dir)
        .with_now_ms(now_ms)
        .with_threads(threads)
        .query(query)
        .unwrap()
        .rows
        .len()
}

fn duckdb_sql(path: &Path, now_ms: i64, hunt: bool, threads: usize) -> String {
    let file = path.display();
    let cutoff = now_ms - 7 * 86_400_000;
    if hunt {
        format!(
            "SET threads={threads}; WITH e AS (SELECT CAST(\"@timestamp\" AS TIMESTAMP) AS ts, event.dataset AS ds, event.provider AS prov, event.action AS act, aws.cloudtrail.request_parameters AS rp, aws.cloudtrail.user_identity.arn AS arn, cloud.region AS region FROM read_ndjson('{file}', columns={{'@timestamp': 'VARCHAR', 'event': 'STRUCT(dataset VARCHAR, provider VARCHAR, action VARCHAR)', 'aws': 'STRUCT(cloudtrail STRUCT(request_parameters VARCHAR, user_identity STRUCT(arn VARCHAR)))', 'cloud': 'STRUCT(region VARCHAR)'}})), f AS (SELECT time_bucket(INTERVAL 30 SECOND, ts) AS w, arn, region, regexp_extract(rp, '^\\{{[^=]*=([^,]*), [^=]*=(.*)\\}}$', ['sc', 'qc']) AS m FROM e WHERE ts > make_timestamp({cutoff}::BIGINT * 1000) AND ds = 'aws.cloudtrail' AND prov = 'servicequotas.amazonaws.com' AND act = 'GetServiceQuota') SELECT count(DISTINCT region) AS rc, count(*) AS wc, w, arn FROM f WHERE m.sc = 'ec2' AND m.qc = 'L-1216C47A' GROUP BY w, arn HAVING count(DISTINCT region) >= 10 AND count(*) >= 10 ORDER BY w DESC;"
        )
    } else {
        format!(
            "SET threads={threads}; SELECT count(*) AS c, count(DISTINCT aws.cloudtrail.user_identity.arn) AS d, event.provider AS p, event.action AS a FROM read_ndjson('{file}', columns={{'event': 'STRUCT(provider VARCHAR, action VARCHAR)', 'aws': 'STRUCT(cloudtrail STRUCT(user_identity STRUCT(arn VARCHAR)))'}}) GROUP BY ALL ORDER BY c DESC LIMIT 20;"
        )
    }
}

fn duckdb(sql: &str) -> usize {
    let out = Command::new("duckdb")
        .args(["-csv", "-c", sql])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout.lines().count().saturating_sub(1)
}

/// Peak RSS (KiB) of the release binary running `query`, read from
/// /proc/<pid>/status (VmHWM) while it runs.
fn peak_rss(dir: &Path, query: &str, now: &str, threads: usize) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let bin = exe.parent()?.parent()?.join("esql");
    let mut child = Command::new(bin)
        .args(["-q", query, "--data-dir"])
        .arg(dir)
        .args(["--now", now, "--threads", &threads.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let status = format!("/proc/{}/status", child.id());
    let mut peak = 0;
    while child.try_wait().ok()?.is_none() {
        if let Ok(s) = std::fs::read_to_string(&status) {
            for line in s.lines() {
                if let Some(v) = line.strip_prefix("VmHWM:") {
                    let kb = v.trim().trim_end_matches("kB").trim().parse().unwrap_or(0);
                    peak = peak.max(kb);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    Some(peak)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time(f: impl FnOnce() -> usize) -> (f64, usize) {
    let t = Instant::now();
    let n = f();
    (t.elapsed().as_secs_f64(), n)
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let events = env_num("ESQL_BENCH_EVENTS", 1_000_000);
    let reps = env_num("ESQL_BENCH_REPS", 3).max(1) as usize;
    let (dir, now_ms) = data(events);
    let path = dir.join(FILE);
    let now = cell_text(&Value::One(Scalar::Date(now_ms)));
    let has_duckdb = Command::new("duckdb")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let mut times: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for rep in 0..reps {
        eprintln!("repetition {}/{reps}", rep + 1);
        let mut record =
            |name: String, (t, _): (f64, usize)| times.entry(name).or_default().push(t);
        record("floor".into(), time(|| floor(&path)));
        for threads in [1, 2] {
            let hunt_rows = esql(&dir, HUNT, now_ms, threads);
            record(
                format!("hunt baseline t{threads}"),
                time(|| baseline(&path, now_ms, threads)),
            );
            record(
                format!("hunt esql t{threads}"),
                time(|| esql(&dir, HUNT, now_ms, threads)),
            );
            record(
                format!("full esql t{threads}"),
                time(|| esql(&dir, FULL, now_ms, threads)),
            );
            if has_duckdb {
                let sql = duckdb_sql(&path, now_ms, true, threads);
                let (t, n) = time(|| duckdb(&sql));
                assert_eq!(n, hunt_rows, "DuckDB and esql disagree on the hunt");
                record(format!("hunt duckdb t{threads}"), (t, n));
                let sql = duckdb_sql(&path, now_ms, false, threads);
                record(format!("full duckdb t{threads}"), time(|| duckdb(&sql)));
            }
        }
    }
    let med: BTreeMap<String, f64> = times
        .into_iter()
        .map(|(k, mut v)| (k, median(&mut v)))
        .collect();
    println!(
        "events: {events}, repetitions: {reps}, file: {}",
        path.display()
    );
    println!("{:<22} {:>9}", "median", "seconds");
    for (k, v) in &med {
        println!("{k:<22} {v:>9.3}");
    }
    let get = |k: &str| med.get(k).copied().unwrap_or(f64::NAN);
    for threads in [1, 2] {
        for q in ["hunt", "full"] {
            let e = get(&format!("{q} esql t{threads}"));
            print!("{q} t{threads}: esql/floor {:.2}", e / get("floor"));
            if q == "hunt" {
                print!(
                    "  esql/baseline {:.2}",
                    e / get(&format!("hunt baseline t{threads}"))
                );
            }
            if has_duckdb {
                print!(
                    "  esql/duckdb {:.2}",
                    e / get(&format!("{q} duckdb t{threads}"))
                );
            }
            println!();
        }
    }
    for threads in [1, 2] {
        for (q, text) in [("hunt", HUNT), ("full", FULL)] {
            match peak_rss(&dir, text, &now, threads) {
                Some(kb) => println!("peak RSS {q} t{threads}: {:.1} MiB", kb as f64 / 1024.0),
                None => println!("peak RSS {q} t{threads}: release binary not found"),
            }
        }
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("load average: {}", load.trim());
    }
}
