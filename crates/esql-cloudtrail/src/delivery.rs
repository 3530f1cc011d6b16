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

/// A delivery file's `Records`, each as its text, without parsing them.
#[derive(serde::Deserialize)]
struct RecordTexts<'a> {
    #[serde(rename = "Records", borrow)]
    records: Vec<&'a serde_json::value::RawValue>,
}

/// [`delivery_documents`], converting only the records `keep` accepts
/// (given each record's JSON text); a record left out is an empty line,
/// so the documents keep their record numbers. Any file the quick split
/// does not take (not JSON, no `Records` array, an element that is not an
/// object) goes through [`delivery_documents`], with its errors.
pub fn delivery_documents_where(
    text: &[u8],
    options: &PipelineOptions,
    keep: &mut dyn FnMut(&[u8]) -> bool,
) -> Result<Vec<u8>, crate::CloudTrailError> {
    let Ok(split) = serde_json::from_slice::<RecordTexts<'_>>(text) else {
        return delivery_documents(text, options);
    };
    let mut out = Vec::with_capacity(text.len());
    for record in split.records {
        let record = record.get().as_bytes();
        if keep(record) {
            match parse(record) {
                Ok(Raw::Object(o)) => {
                    out.extend_from_slice(record_to_ecs(&o, options).to_string().as_bytes())
                }
                _ => return delivery_documents(text, options),
            }
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
    fn records_left_out_are_empty_lines_and_the_rest_converts_as_before() {
        let file = br#"{"Records":[
            {"eventName":"A","eventTime":"2024-05-01T00:00:00Z"},
            {"eventName":"B","eventTime":"2024-05-01T00:00:01Z"}
        ]}"#;
        let options = PipelineOptions::default();
        let all = delivery_documents(file, &options).unwrap();
        let every = delivery_documents_where(file, &options, &mut |_| true).unwrap();
        assert_eq!(every, all);
        let only_b =
            delivery_documents_where(file, &options, &mut |r| r.windows(3).any(|w| w == b"\"B\""))
                .unwrap();
        let lines: Vec<&[u8]> = all.split(|&b| b == b'\n').collect();
        let mut expected = b"\n".to_vec();
        expected.extend_from_slice(lines[1]);
        expected.push(b'\n');
        assert_eq!(only_b, expected);
    }

    #[test]
    fn files_the_split_does_not_take_answer_as_before() {
        let options = PipelineOptions::default();
        for file in [
            &b"not json"[..],
            br#"{"Records":{}}"#,
            br#"{"Records":[1,{"eventName":"A"}]}"#,
            b"\xEF\xBB\xBF{\"Records\":[{\"eventName\":\"A\"}]}",
        ] {
            let old = delivery_documents(file, &options).map_err(|e| e.to_string());
            let new =
                delivery_documents_where(file, &options, &mut |_| true).map_err(|e| e.to_string());
            assert_eq!(new, old, "{}", String::from_utf8_lossy(file));
        }
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
