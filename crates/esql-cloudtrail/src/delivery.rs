//! CloudTrail's files: S3 delivery files (`{"Records":[…]}`, usually
//! gzipped, under `AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`) and
//! NDJSON of raw records, both turned into NDJSON lines of ECS documents.
//! This module works on bytes and paths; opening, decompressing and
//! splitting files is the reader's.

use super::raw::{parse, Raw};
use super::{record_to_ecs, PipelineOptions};
use std::path::{Path, PathBuf};

/// The index a data directory's `AWSLogs/` folder becomes.
pub const CLOUDTRAIL_INDEX: &str = "logs-aws.cloudtrail-default";
/// The folder name of CloudTrail's S3 layout.
pub const AWSLOGS_DIR: &str = "AWSLogs";

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

/// Converts one raw record line to an ECS document line. A line that is
/// not a JSON object comes back unchanged, for the reader to report.
pub fn convert_line(line: &[u8], options: &PipelineOptions) -> Vec<u8> {
    match parse(line) {
        Ok(Raw::Object(record)) => record_to_ecs(&record, options).to_string().into_bytes(),
        _ => line.to_vec(),
    }
}

/// The NDJSON documents of a delivery file's text, one line per record;
/// `Err` says why the text is not a CloudTrail log file.
pub fn delivery_documents(
    text: &[u8],
    options: &PipelineOptions,
) -> Result<Vec<u8>, crate::CloudTrailError> {
    let parsed = parse(text).map_err(|e| crate::CloudTrailError::LogFileNotJson(e.to_string()))?;
    let records = match parsed {
        Raw::Object(mut o) => o
            .entries
            .drain(..)
            .find(|(k, _)| k == "Records")
            .map(|(_, v)| v),
        _ => None,
    };
    let Some(Raw::Array(records)) = records else {
        return Err(crate::CloudTrailError::NoRecords);
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

/// True for the files of CloudTrail's S3 layout that hold events: those in
/// a `CloudTrail` or `CloudTrail-Insight` folder (digest files, in
/// `CloudTrail-Digest`, and other services' logs are left out).
fn is_trail_log(path: &Path) -> bool {
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
