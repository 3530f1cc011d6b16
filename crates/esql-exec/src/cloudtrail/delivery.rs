//! CloudTrail files as the reader sees them: S3 delivery files
//! (`{"Records":[…]}`, usually gzipped, under
//! `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`) and NDJSON of raw
//! records, both turned into NDJSON lines of ECS documents.

use super::raw::{parse, Raw};
use super::{record_to_ecs, DocumentFormat, InputFormat, PipelineOptions};
use crate::reader::{self, lines, Flow, ReadError};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The index a data directory's `AWSLogs/` folder becomes.
pub const CLOUDTRAIL_INDEX: &str = "logs-aws.cloudtrail-default";
/// The folder name of CloudTrail's S3 layout.
pub const AWSLOGS_DIR: &str = "AWSLogs";

/// How the lines of one file become documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// NDJSON documents, read as they are.
    Ndjson,
    /// A CloudTrail delivery file: one document per element of `Records`.
    Delivery,
    /// NDJSON whose lines are raw CloudTrail records.
    RecordLines,
}

/// Bytes looked at to recognise a delivery file.
const SNIFF_BYTES: u64 = 256;

/// True when `head` starts (after a byte-order mark and white space) with
/// an object whose first member is `Records`.
pub fn looks_like_delivery(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let mut rest = head.iter().skip_while(|b| b.is_ascii_whitespace());
    if rest.next() != Some(&b'{') {
        return false;
    }
    let after: Vec<u8> = rest
        .skip_while(|b| b.is_ascii_whitespace())
        .copied()
        .collect();
    after.starts_with(b"\"Records\"")
}

/// How `path` is read under `format` (sniffs the first bytes unless the
/// format is NDJSON).
pub fn file_kind(path: &Path, format: InputFormat) -> Result<FileKind, ReadError> {
    if format == InputFormat::Ndjson {
        return Ok(FileKind::Ndjson);
    }
    let mut head = Vec::new();
    reader::open(path)?
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

/// Converts one raw record line to an ECS document line. A line that is
/// not a JSON object comes back unchanged, for the reader to report.
pub fn convert_line(line: &[u8], options: &PipelineOptions) -> Vec<u8> {
    match parse(line) {
        Ok(Raw::Object(record)) => record_to_ecs(&record, options).to_string().into_bytes(),
        _ => line.to_vec(),
    }
}

/// The NDJSON documents of a delivery file, one line per record.
pub fn delivery_documents(path: &Path, options: &PipelineOptions) -> Result<Vec<u8>, ReadError> {
    let mut text = Vec::new();
    reader::open(path)?
        .read_to_end(&mut text)
        .map_err(|e| io_error(path, &e))?;
    let parsed =
        parse(&text).map_err(|e| io_error(path, &format!("not a CloudTrail log file: {e}")))?;
    let records = match parsed {
        Raw::Object(mut o) => o
            .entries
            .drain(..)
            .find(|(k, _)| k == "Records")
            .map(|(_, v)| v),
        _ => None,
    };
    let Some(Raw::Array(records)) = records else {
        return Err(io_error(
            path,
            &"not a CloudTrail log file: no `Records` array",
        ));
    };
    let mut out = Vec::with_capacity(text.len() * 2);
    for record in records {
        match record {
            Raw::Object(o) => {
                out.extend_from_slice(record_to_ecs(&o, options).to_string().as_bytes())
            }
            // Reported by the reader as a line that is not an object.
            other => out.extend_from_slice(other.to_value().to_string().as_bytes()),
        }
        out.push(b'\n');
    }
    Ok(out)
}

/// Calls `f(number, line)` for each document line of `path` starting in
/// `[start, end)`, converting CloudTrail files as `format` says. Returns
/// the number of lines counted, like [`lines::for_each_line_of`].
pub fn for_each_document_line(
    path: &Path,
    format: DocumentFormat,
    start: u64,
    end: u64,
    progress: Option<&std::sync::atomic::AtomicU64>,
    mut f: impl FnMut(u64, &[u8]) -> Result<Flow, ReadError>,
) -> Result<u64, ReadError> {
    let options = format.pipeline;
    match file_kind(path, format.input)? {
        FileKind::Ndjson => lines::for_each_line_of(path, start, end, progress, f),
        FileKind::RecordLines => lines::for_each_line_of(path, start, end, progress, |n, line| {
            f(n, &convert_line(line, &options))
        }),
        FileKind::Delivery => {
            if start > 0 {
                return Ok(0);
            }
            let docs = delivery_documents(path, &options)?;
            if let Some(p) = progress {
                let size = std::fs::metadata(path).map_or(0, |m| m.len());
                p.fetch_add(size, std::sync::atomic::Ordering::Relaxed);
            }
            let mut count = 0;
            reader::for_each_line(path, docs.as_slice(), |n, line| {
                count = n;
                f(n, line)
            })?;
            Ok(count)
        }
    }
}

/// True for the files of CloudTrail's S3 layout that hold events: those in
/// a `CloudTrail` or `CloudTrail-Insight` folder (digest files, in
/// `CloudTrail-Digest`, and other services' logs are left out).
pub fn is_trail_log(path: &Path) -> bool {
    path.components().any(|c| {
        let c = c.as_os_str();
        c == "CloudTrail" || c == "CloudTrail-Insight"
    })
}

/// The event files among the files of an `AWSLogs` folder.
pub fn trail_logs(files: Vec<PathBuf>, folder: &Path) -> Vec<PathBuf> {
    files
        .into_iter()
        .filter(|f| is_trail_log(f.strip_prefix(folder).unwrap_or(f)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing() {
        assert!(looks_like_delivery(
            br#"{"Records":[{"eventVersion":"1.08"}]}"#
        ));
        assert!(looks_like_delivery(b"\xEF\xBB\xBF {\n  \"Records\" : []}"));
        assert!(!looks_like_delivery(
            br#"{"eventVersion":"1.08","Records":[]}"#
        ));
        assert!(!looks_like_delivery(b"[]"));
        assert!(!looks_like_delivery(b""));
    }

    #[test]
    fn trail_layout() {
        let root = Path::new("/d/AWSLogs");
        let files = vec![
            root.join("111/CloudTrail/us-east-1/2024/05/08/111_CloudTrail_us-east-1_x.json.gz"),
            root.join("111/CloudTrail-Digest/us-east-1/2024/05/08/d.json.gz"),
            root.join("111/CloudTrail-Insight/us-east-1/2024/05/08/i.json.gz"),
            root.join("111/vpcflowlogs/us-east-1/2024/05/08/v.log.gz"),
        ];
        let kept = trail_logs(files.clone(), root);
        assert_eq!(kept, vec![files[0].clone(), files[2].clone()]);
    }
}
