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
//! * [`entity`], [`entity_tables`]: the `entity` sub-pipeline
//!   (`related.entity`);
//! * [`actor_target`]: `actor.*`, `target.*` and the typed entity fields;
//! * [`users`]: the user-field rules of newer versions;
//! * [`last_steps`]: the closing fields and the option tags;
//! * [`doc`]: the output document and the processors' write rules;
//! * [`delivery`]: recognising and reading CloudTrail files;
//! * [`version`]: the pipeline versions emulated and their options.

pub mod actor_target;
pub mod categories;
pub mod delivery;
pub mod doc;
pub mod entity;
pub mod entity_tables;
pub mod fields;
pub mod java_map;
pub mod last_steps;
pub mod raw;
pub mod users;
pub mod version;

pub use delivery::{for_each_document_line, CLOUDTRAIL_INDEX};
pub use fields::record_to_ecs;
pub use raw::{Raw, RawObject};
pub use version::{PipelineOptions, PipelineVersion};

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

impl DocumentFormat {
    /// `input` with the newest pipeline's defaults.
    pub fn of(input: InputFormat) -> DocumentFormat {
        DocumentFormat {
            input,
            pipeline: PipelineOptions::default(),
        }
    }
}

/// The ECS document of one raw record given as JSON text, by the newest
/// pipeline; `Err` when the text is not a JSON object.
pub fn convert_record(text: &str) -> Result<serde_json::Value, String> {
    convert_record_with(text, &PipelineOptions::default())
}

/// The ECS document of one raw record given as JSON text, by the pipeline
/// `options` describe; `Err` when the text is not a JSON object.
pub fn convert_record_with(
    text: &str,
    options: &PipelineOptions,
) -> Result<serde_json::Value, String> {
    match raw::parse(text.as_bytes())? {
        Raw::Object(o) => Ok(record_to_ecs(&o, options)),
        _ => Err("a CloudTrail record must be a JSON object".into()),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod version_tests;
