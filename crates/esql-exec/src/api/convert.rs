//! Raw CloudTrail files to the ECS documents queries see.

use crate::reader::documents::{for_each_document_line, DocumentFormat, InputFormat};
use crate::reader::{Flow, ReadError};
use esql_cloudtrail::PipelineOptions;
use std::io::Write;
use std::path::Path;

/// Why a conversion stopped.
#[derive(Debug)]
pub enum ConvertError {
    /// The input could not be read or is not CloudTrail.
    Read(ReadError),
    /// The output could not be written (e.g. a closed pipe).
    Write(std::io::Error),
}

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConvertError::Read(e) => write!(f, "{e}"),
            ConvertError::Write(e) => write!(f, "writing the documents: {e}"),
        }
    }
}

impl std::error::Error for ConvertError {}

/// Writes to `out`, one JSON object per line, the ECS document Elastic's
/// AWS CloudTrail integration would index for each record of `path` (a
/// delivery file `{"Records":[…]}`, gzipped or not, or NDJSON of raw
/// records), by the pipeline of the integration version and options
/// `pipeline` gives. Returns the number of documents written.
pub fn convert_cloudtrail(
    path: &Path,
    pipeline: PipelineOptions,
    out: &mut dyn Write,
) -> Result<u64, ConvertError> {
    let mut written = 0u64;
    let mut failed = None;
    for_each_document_line(
        path,
        DocumentFormat {
            input: InputFormat::CloudTrail,
            pipeline,
        },
        0,
        u64::MAX,
        None,
        None,
        |_, line| match out.write_all(line).and_then(|_| out.write_all(b"\n")) {
            Ok(()) => {
                written += 1;
                Ok(Flow::Continue)
            }
            Err(e) => {
                failed = Some(e);
                Ok(Flow::Stop)
            }
        },
    )
    .map_err(ConvertError::Read)?;
    match failed {
        Some(e) => Err(ConvertError::Write(e)),
        None => Ok(written),
    }
}
