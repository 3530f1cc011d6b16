//! # esql-cloudtrail
//!
//! Raw AWS CloudTrail in, ECS documents out: each record becomes the
//! document Elastic's AWS integration (`cloudtrail` data stream) would
//! index, so hunts written for `logs-aws.cloudtrail-*` run over CloudTrail's
//! own S3 files. The crate knows records, delivery files and the `AWSLogs/`
//! layout; it does not open files (the reader of `esql-exec` does, and
//! calls [`convert_line`] and [`delivery_documents`]).
//!
//! * `raw.rs`: records parsed with member order kept;
//! * `java_map.rs`: `HashMap.toString()`, the form of
//!   `aws.cloudtrail.request_parameters` and friends;
//! * `fields.rs`: the pipeline's field mapping;
//! * `categories.rs`: its `event.category`/`event.type` table;
//! * `entity.rs`, `entity_tables.rs`: the `entity` sub-pipeline
//!   (`related.entity`);
//! * `actor_target.rs`: `actor.*`, `target.*` and the typed entity fields;
//! * `users.rs`: the user-field rules of newer versions;
//! * `last_steps.rs`: the closing fields and the option tags;
//! * `doc.rs`: the output document and the processors' write rules;
//! * `delivery.rs`: delivery files and the `AWSLogs/` layout;
//! * `record_fields.rs`: the ECS fields a raw record's text tells, for the
//!   reader's prefilter;
//! * `version.rs`: the pipeline versions emulated and their options.

// Library code may not index or slice in a way that can panic on input;
// unit tests (compiled with `cfg(test)`) may.
#![cfg_attr(not(test), deny(clippy::indexing_slicing))]

mod actor_target;
mod categories;
mod delivery;
mod doc;
mod entity;
mod entity_tables;
mod fields;
mod error;
mod java_map;
mod last_steps;
mod raw;
mod record_fields;
mod users;
mod version;

pub use delivery::{
    convert_line, delivery_documents, delivery_documents_where, looks_like_delivery, trail_logs,
    AWSLOGS_DIR, CLOUDTRAIL_INDEX,
};
pub use error::CloudTrailError;
pub use record_fields::{record_field, RecordField};
pub use version::{PipelineOptions, PipelineVersion, VERSIONS};

use fields::record_to_ecs;
use raw::Raw;

/// The ECS document of one raw record given as JSON text, by the newest
/// pipeline; `Err` when the text is not a JSON object.
pub fn convert_record(text: &str) -> Result<serde_json::Value, CloudTrailError> {
    convert_record_with(text, &PipelineOptions::default())
}

/// The ECS document of one raw record given as JSON text, by the pipeline
/// `options` describe; `Err` when the text is not a JSON object.
pub fn convert_record_with(
    text: &str,
    options: &PipelineOptions,
) -> Result<serde_json::Value, CloudTrailError> {
    match raw::parse(text.as_bytes())? {
        Raw::Object(o) => Ok(record_to_ecs(&o, options)),
        _ => Err(CloudTrailError::RecordNotAnObject),
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod version_tests;
