//! The literal prefilter never changes an answer, and a scan spread over
//! threads answers exactly as a single-threaded one: queries run with and
//! without the prefilter, and with 1 and several threads, over generated
//! documents full of JSON escapes, unicode, numbers written as strings,
//! arrays, dotted and nested keys.

use super::{prepare, Output, RunOptions};
use crate::catalog::{Catalog, CatalogConfig};
use crate::plan::SourcePlan;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// String values as they appear in JSON (some escaped, some unicode).
const WORDS: &[&str] = &[
    "alpha",
    "Alpha",
    "al\\u0070ha",
    "be\\\"ta",
    "beta",
    "gamma/delta",
    "gamma\\/delta",
    "caf\u{e9}",
    "caf\\u00e9",
    "\u{1f600}x",
    "42",
    "4.2e1",
    "true",
    "x y",
    "",
    "tab\\there",
];

fn value(rng: &mut Rng) -> String {
    match rng.next() % 9 {
        0 => "null".into(),
        1 => (rng.next() % 100).to_string(),
        2 => "42".into(),
        3 => format!("[\"{}\",\"{}\"]", rng.pick(WORDS), rng.pick(WORDS)),
        4 => "true".into(),
        _ => format!("\"{}\"", rng.pick(WORDS)),
    }
}

fn document(rng: &mut Rng, i: usize) -> String {
    let mut doc = format!("{{\"i\":{i},\"s\":{}", value(rng));
    match rng.next() % 3 {
        0 => write!(doc, ",\"t\":{{\"u\":{},\"v\":{}}}", value(rng), value(rng)).unwrap(),
        1 => write!(doc, ",\"t.u\":{}", value(rng)).unwrap(),
        _ => {}
    }
    if rng.next().is_multiple_of(2) {
        write!(doc, ",\"n\":{}", value(rng)).unwrap();
    }
    write!(
        doc,
        ",\"pad\":\"{}\"}}",
        "p".repeat((rng.next() % 200) as usize)
    )
    .unwrap();
    doc
}

fn data(tag: &str, docs: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("esql-prefilter-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut text = String::new();
    for i in 0..docs {
        text.push_str(&document(&mut rng, i));
        text.push('\n');
        if i % 97 == 0 {
            text.push_str("  \n");
        }
    }
    std::fs::write(dir.join("logs-x.ndjson"), text).unwrap();
    dir
}

const QUERIES: &[&str] = &[
    "from logs-x | where s == \"alpha\" | keep i, s",
    "from logs-x | where s == \"beta\" or t.u == \"gamma/delta\" | keep i, s, t.u",
    "from logs-x | where s in (\"alpha\", \"café\", \"be\\\"ta\") | keep i",
    "from logs-x | where s == \"42\" | stats c = count(*)",
    "from logs-x | where n == \"42\" | stats c = count(*)",
    "from logs-x | where s == \"true\" | keep i",
    "from logs-x | where s == \"😀x\" and t.u == \"alpha\" | keep i",
    "from logs-x | where t.u == \"x y\" | stats c = count(*) by s | sort s",
    "from logs-x | where not s == \"alpha\" | stats c = count(*)",
    "from logs-x | where s == \"Alpha\" | eval k = to_upper(s) | keep i, k | limit 5",
    "from logs-x | where s like \"al*\" | keep i | limit 50",
    "from logs-x | stats c = count(*), d = count_distinct(s) by t.u | sort c desc, t.u",
    "from logs-x | where to_integer(n) > 50 | keep i, n | limit 30",
    "from logs-x | eval x = to_long(s) | stats m = max(x), c = count(*) by n | sort n",
];

fn run(dir: &Path, query: &str, prefilter: bool, threads: usize) -> (Output, bool) {
    let catalog = Catalog::open(&CatalogConfig {
        data_dirs: vec![dir.to_path_buf()],
        ..CatalogConfig::default()
    })
    .unwrap();
    let options = RunOptions {
        threads,
        ..RunOptions::default()
    };
    let mut prepared =
        prepare(query, &catalog, &options).unwrap_or_else(|e| panic!("{query}: {e}"));
    let mut had = false;
    if let SourcePlan::From(from) = &mut prepared.plan.source {
        had = !from.required_literals.is_empty();
        if !prefilter {
            from.required_literals.clear();
        }
    }
    (prepared.run(&options).unwrap(), had)
}

fn same(a: &Output, b: &Output, what: &str) {
    assert_eq!(
        format!("{:?}", a.result.rows),
        format!("{:?}", b.result.rows),
        "{what}"
    );
    assert_eq!(a.result.warnings, b.result.warnings, "{what}");
}

#[test]
fn prefilter_never_changes_an_answer() {
    let dir = data("pf", 3000);
    let mut filtered = 0;
    for q in QUERIES {
        let (with, had) = run(&dir, q, true, 1);
        let (without, _) = run(&dir, q, false, 1);
        same(&with, &without, q);
        filtered += usize::from(had);
    }
    // The comparison is only meaningful if the prefilter was in play.
    assert!(filtered >= 5, "only {filtered} queries had a prefilter");
}

#[test]
fn threads_give_the_single_threaded_answer() {
    // Big enough for several byte ranges per file.
    let dir = data("mt", 12_000);
    for q in QUERIES {
        let (one, _) = run(&dir, q, true, 1);
        for threads in [2, 3] {
            let (many, _) = run(&dir, q, true, threads);
            same(&one, &many, q);
            // Past a satisfied LIMIT, workers may have decoded a few more
            // documents than needed; every other count is the same.
            assert_eq!(one.read_stats.skipped, many.read_stats.skipped, "{q}");
            assert_eq!(
                one.read_stats.coercion_failures.is_empty(),
                many.read_stats.coercion_failures.is_empty(),
                "{q}"
            );
        }
    }
}

#[test]
fn bad_lines_are_reported_at_the_same_line_with_threads() {
    let dir = data("bad", 12_000);
    let path = dir.join("logs-x.ndjson");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"s\": oops}\n");
    text.push_str(&"{\"s\":\"beta\"}\n".repeat(10));
    std::fs::write(&path, text).unwrap();
    let catalog = Catalog::open(&CatalogConfig {
        data_dirs: vec![dir.clone()],
        ..CatalogConfig::default()
    })
    .unwrap();
    let mut messages = Vec::new();
    for threads in [1, 2, 3] {
        let options = RunOptions {
            threads,
            ..RunOptions::default()
        };
        let q = "from logs-x | stats c = count(*) by s";
        match prepare(q, &catalog, &options).unwrap().run(&options) {
            Ok(_) => panic!("the bad line must fail the query"),
            Err(e) => messages.push(e.to_string()),
        }
    }
    assert!(messages[0].contains(":12125:"), "{}", messages[0]);
    assert!(messages.iter().all(|m| *m == messages[0]), "{messages:?}");
}
