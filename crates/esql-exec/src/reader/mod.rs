//! Reading NDJSON documents into rows: only the fields a plan needs are
//! materialised, coerced to their types; malformed lines are errors or,
//! when asked, skipped and counted — never silently dropped.

mod byte_scan;
pub mod coerce;
mod decode;
pub mod documents;
pub mod fast;
pub mod infer;
mod intern;
pub mod lines;
mod path_trie;
pub mod record_prefilter;
pub mod walk;

pub use decode::{Decoded, Decoder, FileRef};

use crate::types::DataType;
use crate::value::{Row, Value};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Longest accepted line, in bytes.
pub const MAX_LINE_BYTES: usize = 256 << 20;

/// What to do with a line that is not a JSON object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BadLinePolicy {
    /// Stop with an error naming the file and line.
    #[default]
    Fail,
    /// Skip it, count it, and report it.
    Skip,
}

/// A failure to read the data.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadError {
    /// The file could not be opened or read (or decompressed).
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        message: String,
    },
    /// A line is not a JSON object.
    BadLine {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io { path, message } => write!(f, "{}: {message}", path.display()),
            ReadError::BadLine {
                path,
                line,
                message,
            } => write!(
                f,
                "{}:{line}: not a JSON object: {message} (use --on-bad-line skip to skip such lines)",
                path.display()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// Counts from a scan.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReadStats {
    /// Documents turned into rows.
    pub documents: u64,
    /// Lines skipped as malformed.
    pub skipped: u64,
    /// The first few skipped lines: file, line number, reason.
    pub skipped_examples: Vec<(PathBuf, u64, String)>,
    /// Values that could not be coerced to their field's type (stored as null):
    /// field name and count.
    pub coercion_failures: Vec<(String, u64)>,
}

/// How many skipped lines are reported by position.
pub const SKIPPED_EXAMPLES: usize = 5;

/// Whether the consumer wants more rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Keep reading.
    Continue,
    /// Stop reading (e.g. a LIMIT is satisfied).
    Stop,
}

/// One index to scan.
#[derive(Clone, Debug)]
pub struct ScanIndex {
    /// The index name (for `_index`).
    pub name: String,
    /// Its files, in order.
    pub files: Vec<PathBuf>,
    /// Constant values of `constant_keyword` fields, by row position.
    pub constants: Vec<(usize, Value)>,
    /// How its files are read (CloudTrail files are converted).
    pub format: documents::DocumentFormat,
}

/// What to read from every document.
#[derive(Clone, Debug)]
pub struct ScanSpec {
    /// Fields, in row order, with their types.
    pub fields: Vec<(String, DataType)>,
    /// Metadata columns after the fields.
    pub metadata: Vec<String>,
    /// Every group must have one of its literals in the raw line for the
    /// line to be parsed (lines with JSON escapes are always parsed).
    pub required_literals: Vec<Vec<String>>,
    /// The fields (positions in `fields`) the prefiltered filters read; a
    /// line lacking the literals is still parsed when an array in it may
    /// hold one of them, so the filter's multi-value warning is kept.
    pub prefilter_columns: Vec<usize>,
    /// What a raw CloudTrail record must hold to be converted at all.
    pub record_prefilter: record_prefilter::RecordPrefilter,
    /// Malformed-line policy.
    pub on_bad_line: BadLinePolicy,
    /// Bumped by the bytes read (see `RunOptions::progress`).
    pub progress: Option<Arc<std::sync::atomic::AtomicU64>>,
}

/// True when `text` may spell a literal through a JSON escape: only a
/// `\uXXXX` escape can stand for a character a literal holds (a prefilter literal
/// never holds `"`, `\\`, `/` or a control character).
pub fn may_escape_a_literal(text: &[u8]) -> bool {
    memchr::memmem::find(text, b"\\u").is_some()
}

/// Opens a data file, decompressing `.gz`.
pub fn open(path: &Path) -> Result<Box<dyn BufRead + Send>, ReadError> {
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    let gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    Ok(if gz {
        Box::new(BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(file),
        ))
    } else {
        Box::new(BufReader::with_capacity(1 << 20, file))
    })
}

/// Reads lines of `reader`, calling `f(line_number, bytes)` for each
/// non-blank line (without its terminator).
pub fn for_each_line(
    path: &Path,
    mut reader: impl BufRead,
    mut f: impl FnMut(u64, &[u8]) -> Result<Flow, ReadError>,
) -> Result<(), ReadError> {
    let mut buf = Vec::with_capacity(1 << 16);
    let mut number = 0u64;
    loop {
        buf.clear();
        let n = (&mut reader)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut buf)
            .map_err(|e| ReadError::Io {
                path: path.to_path_buf(),
                message: e.to_string(),
            })?;
        if n == 0 {
            return Ok(());
        }
        number += 1;
        if buf.len() > MAX_LINE_BYTES {
            return Err(ReadError::BadLine {
                path: path.to_path_buf(),
                line: number,
                message: format!("line longer than {MAX_LINE_BYTES} bytes"),
            });
        }
        let mut line = buf.as_slice();
        while let Some((&last, rest)) = line.split_last() {
            if last == b'\n' || last == b'\r' {
                line = rest;
            } else {
                break;
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if f(number, line)? == Flow::Stop {
            return Ok(());
        }
    }
}

/// Scans every file of every index in order, calling `sink` with each row.
pub fn scan(
    indices: &[ScanIndex],
    spec: &ScanSpec,
    mut sink: impl FnMut(Row) -> Flow,
) -> Result<ReadStats, ReadError> {
    let mut decoder = Decoder::new(spec);
    let records = record_prefilter::RecordMatcher::new(&spec.record_prefilter);
    let mut stats = ReadStats::default();
    for index in indices {
        let index_name: Arc<str> = Arc::from(index.name.as_str());
        for path in &index.files {
            let file = FileRef {
                index,
                index_name: &index_name,
                stem: file_stem(path),
            };
            let mut stopped = false;
            let format = index.format;
            documents::for_each_document_line(
                path,
                format,
                0,
                u64::MAX,
                spec.progress.as_deref(),
                records.as_ref(),
                |number, line| {
                    let row = match decoder.decode(line, number, &file) {
                        Decoded::Skipped => return Ok(Flow::Continue),
                        Decoded::Row(row) => row,
                        Decoded::Bad(message) => {
                            let e = ReadError::BadLine {
                                path: path.clone(),
                                line: number,
                                message,
                            };
                            return stats.bad_line(e, spec.on_bad_line).map(|_| Flow::Continue);
                        }
                    };
                    stats.documents += 1;
                    if sink(row) == Flow::Stop {
                        stopped = true;
                        return Ok(Flow::Stop);
                    }
                    Ok(Flow::Continue)
                },
            )?;
            if stopped {
                stats.coercion_failures = decoder.failures();
                return Ok(stats);
            }
        }
    }
    stats.coercion_failures = decoder.failures();
    Ok(stats)
}

impl ReadStats {
    /// Applies the bad-line policy: an error, or a counted skip.
    pub fn bad_line(&mut self, e: ReadError, policy: BadLinePolicy) -> Result<(), ReadError> {
        match (policy, e) {
            (
                BadLinePolicy::Skip,
                ReadError::BadLine {
                    path,
                    line,
                    message,
                },
            ) => {
                self.skipped += 1;
                if self.skipped_examples.len() < SKIPPED_EXAMPLES {
                    self.skipped_examples.push((path, line, message));
                }
                Ok(())
            }
            (_, e) => Err(e),
        }
    }

    /// Folds the counts of a later part of the scan into these.
    pub fn merge(&mut self, other: ReadStats) {
        self.documents += other.documents;
        self.skipped += other.skipped;
        for ex in other.skipped_examples {
            if self.skipped_examples.len() < SKIPPED_EXAMPLES {
                self.skipped_examples.push(ex);
            }
        }
        for (name, n) in other.coercion_failures {
            match self.coercion_failures.iter_mut().find(|(m, _)| *m == name) {
                Some((_, total)) => *total += n,
                None => self.coercion_failures.push((name, n)),
            }
        }
    }
}

/// The file name without its data extensions (for generated `_id`s).
pub fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut stem = name.as_str();
    for ext in [".gz", ".ndjson", ".jsonl", ".json"] {
        if let Some(s) = stem.strip_suffix(ext) {
            stem = s;
        }
    }
    stem.to_string()
}
