//! Feeds arbitrary bytes to the NDJSON reader: line splitting, the serde
//! walk (every leaf, and a fixed set of dotted paths), and a whole query over
//! the bytes written as an index file. Nothing may panic; a malformed line
//! must be an error naming its line, or a counted skip.
#![no_main]

use esql_exec::api::{BadLinePolicy, QueryError, ReadError, Session};
use esql_exec::fuzzing::{for_each_line, walk_document, Collector, FieldSet, Flow, Raw};
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Counts leaves and nulls so the walk's output is used.
#[derive(Default)]
struct Count {
    leaves: usize,
    nulls: usize,
}

impl<'de> Collector<'de> for Count {
    fn leaf(&mut self, _slot: Option<usize>, _path: &str, _value: Raw<'de>) {
        self.leaves += 1;
    }
    fn null(&mut self, _path: &str) {
        self.nulls += 1;
    }
}

/// A data directory private to this process.
fn data_dir() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("esql-fuzz-ndjson-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let everything = FieldSet::everything();
    let some = FieldSet::new(["a", "a.b", "c", "@timestamp"]);
    let mut lines = 0u64;
    for_each_line(std::path::Path::new("mem"), data, |n, line| {
        lines = n;
        let mut all = Count::default();
        let _ = walk_document(line, &everything, &mut all);
        let mut wanted = Count::default();
        let _ = walk_document(line, &some, &mut wanted);
        Ok(Flow::Continue)
    })
    .unwrap();

    let dir = data_dir();
    std::fs::write(dir.join("x.ndjson"), data).unwrap();
    for (policy, query) in [
        (BadLinePolicy::Fail, "FROM x | STATS c = COUNT(*)"),
        (BadLinePolicy::Skip, "FROM x | KEEP a, a.b, c | LIMIT 5"),
    ] {
        let session = Session::new()
            .with_data_dir(dir)
            .with_bad_lines(policy)
            .with_threads(1);
        let answer = session.prepare(query).and_then(|q| q.run());
        match answer {
            Ok(answer) => {
                if policy == BadLinePolicy::Fail {
                    assert!(
                        !answer.warnings.iter().any(|w| w.contains("malformed line")),
                        "{:?}",
                        answer.warnings
                    );
                }
            }
            Err(QueryError::Read(ReadError::BadLine { line, .. })) => {
                assert!(line >= 1 && line <= lines.max(1), "line {line} of {lines}");
            }
            Err(_) => {}
        }
    }
});
