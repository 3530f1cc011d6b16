//! Raw AWS CloudTrail in, ECS documents out: each record becomes the
//! document Elastic's AWS integration (`cloudtrail` data stream) would
//! index, so hunts written for `logs-aws.cloudtrail-*` run over CloudTrail's
//! own S3 files.
//!
//! * [`raw`]: records parsed with member order kept;
//! * [`java_map`]: `HashMap.toString()`, the form of
//!   `aws.cloudtrail.request_parameters` and friends;
//! * [`fields`]: the pipeline's field mapping;
//! * [`categories`]: its `event.category`/`event.type` table;
//! * [`doc`]: the output document and the processors' write rules;
//! * [`delivery`]: recognising and reading CloudTrail files.

pub mod categories;
pub mod delivery;
pub mod doc;
pub mod fields;
pub mod java_map;
pub mod raw;

pub use delivery::{for_each_document_line, CLOUDTRAIL_INDEX};
pub use fields::record_to_ecs;
pub use raw::{Raw, RawObject};

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

/// The ECS document of one raw record given as JSON text; `Err` when the
/// text is not a JSON object.
pub fn convert_record(text: &str) -> Result<serde_json::Value, String> {
    match raw::parse(text.as_bytes())? {
        Raw::Object(o) => Ok(record_to_ecs(&o)),
        _ => Err("a CloudTrail record must be a JSON object".into()),
    }
}

#[cfg(test)]
mod tests;
