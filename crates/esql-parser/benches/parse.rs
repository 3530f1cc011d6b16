//! Parses this crate's query corpus repeatedly and prints throughput (MB/s
//! of query text).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Instant;

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/queries");
    let mut queries = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            if let Ok(q) = std::fs::read_to_string(e.path()) {
                queries.push(q);
            }
        }
    }
    let bytes: usize = queries.iter().map(String::len).sum();
    if bytes == 0 {
        println!("no queries found in {}", dir.display());
        return;
    }
    let rounds = 2000;
    let start = Instant::now();
    let mut ok = 0usize;
    for _ in 0..rounds {
        for q in &queries {
            if esql_parser::parse(std::hint::black_box(q)).is_ok() {
                ok += 1;
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let mb = (bytes * rounds) as f64 / 1_000_000.0;
    println!(
        "parsed {} queries ({} ok) in {secs:.3}s: {:.2} MB/s",
        queries.len() * rounds,
        ok,
        mb / secs
    );
}
