//! Field discovery and type inference from documents, for indices without
//! a mapping: the leaves seen in the first lines of each file, typed the
//! way ECS-style logs data streams would map them.

use super::walk::{walk_document, Collector, FieldSet, Raw};
use super::{Flow, ReadError};
use crate::types::DataType;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Lines read from the start of each file to discover fields.
pub const SAMPLE_LINES: u64 = 1000;

/// What was seen of one field.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Seen {
    first: Option<DataType>,
    all_dates: bool,
    any_string: bool,
    only_null: bool,
}

/// The fields seen so far; hashed, as a sample line meets about a hundred
/// leaves, and sorted once at the end.
#[derive(Default)]
struct Discover {
    fields: foldhash::HashMap<String, Seen>,
}

impl Discover {
    /// Adds what a later file showed: a field's first type stays the one
    /// seen first.
    fn merge(&mut self, later: Discover) {
        for (path, seen) in later.fields {
            match self.fields.get_mut(&path) {
                Some(mine) => {
                    mine.first = mine.first.or(seen.first);
                    mine.all_dates &= seen.all_dates;
                    mine.any_string |= seen.any_string;
                    mine.only_null &= seen.only_null;
                }
                None => {
                    self.fields.insert(path, seen);
                }
            }
        }
    }

    /// Applies `f` to the entry of `path`, made (as never seen with a
    /// value) on first sight; the name is copied only then.
    fn update(&mut self, path: &str, f: impl FnOnce(&mut Seen)) {
        if let Some(seen) = self.fields.get_mut(path) {
            f(seen);
            return;
        }
        let mut seen = Seen {
            first: None,
            all_dates: true,
            any_string: false,
            only_null: true,
        };
        f(&mut seen);
        self.fields.insert(path.to_string(), seen);
    }
}

impl<'de> Collector<'de> for Discover {
    fn leaf(&mut self, _slot: Option<usize>, path: &str, value: Raw<'de>) {
        let ty = match &value {
            Raw::Str(_) | Raw::Shared(_) => DataType::Keyword,
            Raw::Int(_) => DataType::Long,
            Raw::UInt(_) => DataType::UnsignedLong,
            Raw::Float(_) => DataType::Double,
            Raw::Bool(_) => DataType::Boolean,
        };
        let is_date = match &value {
            Raw::Str(s) => looks_like_date(s),
            Raw::Shared(s) => looks_like_date(s),
            _ => false,
        };
        self.update(path, |entry| {
            entry.only_null = false;
            if entry.first.is_none() {
                entry.first = Some(ty);
            }
            if ty == DataType::Keyword {
                entry.any_string = true;
                entry.all_dates &= is_date;
            }
        });
    }

    fn null(&mut self, path: &str) {
        self.update(path, |_| {});
    }
}

/// A string that is a full ISO-8601 timestamp (date and time): dates
/// without a time part stay keywords, as `2024` or `12-01` would be
/// surprising dates.
fn looks_like_date(s: &str) -> bool {
    s.len() >= 16 && s.as_bytes().get(10) == Some(&b'T') && esql_javafmt::parse_nanos(s).is_some()
}

/// Fields discovered in `files`, with inferred types (`None` for fields
/// only ever seen as null).
#[cfg(test)]
pub fn discover(
    files: &[PathBuf],
    format: super::documents::DocumentFormat,
) -> Result<BTreeMap<String, Option<DataType>>, ReadError> {
    discover_checked(files, format, &mut None, 1)
}

/// Like [`discover`], also keeping the first malformed line met in
/// `first_bad` (the scan reports such lines as well; when a malformed line
/// is the only one naming a field, the query must still hear of it).
///
/// Files are sampled by up to `threads` workers (each takes the next file
/// not yet taken); their findings are merged in file order, so the result
/// is the same for every thread count.
pub fn discover_checked(
    files: &[PathBuf],
    format: super::documents::DocumentFormat,
    first_bad: &mut Option<ReadError>,
    threads: usize,
) -> Result<BTreeMap<String, Option<DataType>>, ReadError> {
    let mut d = Discover::default();
    for found in in_file_order(files, threads, |path| discover_file(path, format)) {
        if first_bad.is_none() {
            *first_bad = found.first_bad;
        }
        found.outcome?;
        d.merge(found.fields);
    }
    Ok(d.fields
        .into_iter()
        .map(|(name, seen)| {
            let ty = seen.first.map(|t| {
                if t == DataType::Keyword
                    && (name == "@timestamp" || (seen.any_string && seen.all_dates))
                {
                    DataType::Date
                } else {
                    t
                }
            });
            (name, ty)
        })
        .collect())
}

/// What sampling one file found.
struct FileFindings {
    fields: Discover,
    first_bad: Option<ReadError>,
    outcome: Result<(), ReadError>,
}

/// Samples the first [`SAMPLE_LINES`] documents of `path`.
fn discover_file(path: &Path, format: super::documents::DocumentFormat) -> FileFindings {
    let set = FieldSet::everything();
    let mut d = Discover::default();
    let mut first_bad = None;
    let mut seen = 0u64;
    let outcome = super::documents::for_each_document_line(
        path,
        format,
        0,
        u64::MAX,
        None,
        None,
        |n, line| {
            if let Err(e) = walk_document(line, &set, &mut d) {
                if first_bad.is_none() {
                    // The scan's own reader words the error the same way
                    // whether discovery or the scan meets the line first.
                    let trie = super::fast::PathTrie::default();
                    let message = super::fast::walk(line, &trie, &mut Vec::new())
                        .err()
                        .map_or_else(|| e.to_string(), |f| f.to_string());
                    first_bad = Some(ReadError::BadLine {
                        path: path.to_path_buf(),
                        line: n,
                        message,
                    });
                }
            }
            seen += 1;
            Ok(if seen >= SAMPLE_LINES {
                Flow::Stop
            } else {
                Flow::Continue
            })
        },
    )
    .map(|_| ());
    FileFindings {
        fields: d,
        first_bad,
        outcome,
    }
}

/// `work` applied to every file by up to `threads` workers, the results
/// in file order.
fn in_file_order<T: Send>(
    files: &[PathBuf],
    threads: usize,
    work: impl Fn(&Path) -> T + Sync,
) -> Vec<T> {
    let workers = threads.clamp(1, files.len().max(1));
    if workers == 1 {
        return files.iter().map(|p| work(p)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, T)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(path) = files.get(i) else {
                            return mine;
                        };
                        mine.push((i, work(path)));
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn infers_types_from_leaves() {
        let dir = std::env::temp_dir().join(format!("esql-infer-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("x.ndjson");
        std::fs::write(
            &path,
            "{\"@timestamp\":\"2024-01-01T00:00:00Z\",\"a\":{\"b\":1},\"s\":\"x\",\"f\":1.5,\"n\":null}\n\
             {\"t\":true,\"when\":\"2024-01-01T00:00:00.000Z\"}\n",
        )
        .unwrap();
        let fields = discover(&[path], Default::default()).unwrap();
        assert_eq!(fields.get("@timestamp"), Some(&Some(DataType::Date)));
        assert_eq!(fields.get("a.b"), Some(&Some(DataType::Long)));
        assert_eq!(fields.get("s"), Some(&Some(DataType::Keyword)));
        assert_eq!(fields.get("f"), Some(&Some(DataType::Double)));
        assert_eq!(fields.get("t"), Some(&Some(DataType::Boolean)));
        assert_eq!(fields.get("when"), Some(&Some(DataType::Date)));
        assert_eq!(fields.get("n"), Some(&None));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
