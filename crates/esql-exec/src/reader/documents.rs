//! The documents of a data file under a [`DocumentFormat`]: NDJSON lines as
//! they are, or CloudTrail files converted by `esql-cloudtrail` (a delivery
//! file `{"Records":[…]}` is read whole; raw-record lines one by one).

use super::record_prefilter::RecordMatcher;
use super::{lines, Flow, ReadError};
use esql_cloudtrail::{
    convert_line, delivery_documents, delivery_documents_where, looks_like_delivery,
    PipelineOptions,
};
use std::io::Read;
use std::path::Path;

/// How data files are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// NDJSON documents, except files that are CloudTrail delivery files
    /// (`{"Records":[…]}`), whose records are converted.
    #[default]
    Auto,
    /// NDJSON documents only.
    Ndjson,
    /// CloudTrail: delivery files, or NDJSON whose lines are raw records.
    CloudTrail,
}

/// How data files are read and, for CloudTrail, which pipeline converts
/// them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DocumentFormat {
    /// NDJSON, CloudTrail or either.
    pub input: InputFormat,
    /// The pipeline CloudTrail records go through.
    pub pipeline: PipelineOptions,
}

impl DocumentFormat {}

/// How the lines of one file become documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    /// NDJSON documents, read as they are.
    Ndjson,
    /// A CloudTrail delivery file: one document per element of `Records`.
    Delivery,
    /// NDJSON whose lines are raw CloudTrail records.
    RecordLines,
}

/// Bytes looked at to recognise a delivery file.
const SNIFF_BYTES: u64 = 256;

/// How `path` is read under `format` (sniffs the first bytes unless the
/// format is NDJSON).
fn file_kind(path: &Path, format: InputFormat) -> Result<FileKind, ReadError> {
    if format == InputFormat::Ndjson {
        return Ok(FileKind::Ndjson);
    }
    let mut head = Vec::new();
    super::open(path)?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| io_error(path, &e))?;
    Ok(if looks_like_delivery(&head) {
        FileKind::Delivery
    } else if format == InputFormat::CloudTrail {
        FileKind::RecordLines
    } else {
        FileKind::Ndjson
    })
}

/// True when `path` must be read by one reader from its start (compressed
/// or a delivery file, whose lines are not the file's lines).
pub fn reads_whole(path: &Path, format: InputFormat) -> Result<bool, ReadError> {
    Ok(lines::is_compressed(path) || file_kind(path, format)? == FileKind::Delivery)
}

fn io_error(path: &Path, e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The NDJSON documents of the delivery file `path`, one line per record
/// (an empty line for each record `records` rules out).
fn read_delivery_file(
    path: &Path,
    options: &PipelineOptions,
    records: Option<&RecordMatcher>,
) -> Result<Vec<u8>, ReadError> {
    let mut text = Vec::new();
    super::open(path)?
        .read_to_end(&mut text)
        .map_err(|e| io_error(path, &e))?;
    match records {
        Some(m) => delivery_documents_where(&text, options, &mut |r| m.keeps(r)),
        None => delivery_documents(&text, options),
    }
    .map_err(|message| io_error(path, &message))
}

/// Calls `f(number, line)` for each document line of `path` starting in
/// `[start, end)`, converting CloudTrail files as `format` says; raw
/// records that `records` rules out are neither converted nor passed to
/// `f`. Returns the number of lines counted, like
/// [`lines::for_each_line_of`].
pub fn for_each_document_line(
    path: &Path,
    format: DocumentFormat,
    start: u64,
    end: u64,
    progress: Option<&std::sync::atomic::AtomicU64>,
    records: Option<&RecordMatcher>,
    mut f: impl FnMut(u64, &[u8]) -> Result<Flow, ReadError>,
) -> Result<u64, ReadError> {
    let options = format.pipeline;
    match file_kind(path, format.input)? {
        FileKind::Ndjson => lines::for_each_line_of(path, start, end, progress, f),
        FileKind::RecordLines => lines::for_each_line_of(path, start, end, progress, |n, line| {
            if records.is_some_and(|m| !m.keeps(line)) {
                return Ok(Flow::Continue);
            }
            f(n, &convert_line(line, &options))
        }),
        FileKind::Delivery => {
            if start > 0 {
                return Ok(0);
            }
            let docs = read_delivery_file(path, &options, records)?;
            if let Some(p) = progress {
                let size = std::fs::metadata(path).map_or(0, |m| m.len());
                p.fetch_add(size, std::sync::atomic::Ordering::Relaxed);
            }
            let mut count = 0;
            super::for_each_line(path, docs.as_slice(), |n, line| {
                count = n;
                f(n, line)
            })?;
            Ok(count)
        }
    }
}
