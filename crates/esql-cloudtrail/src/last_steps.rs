//! The pipeline's closing steps: the cloud fields of 7.3.0 and the
//! `preserve_original_event` / `actor_target_mapping` tags.
//!
//! * from 7.3.0: `cloud.provider: aws`, `cloud.service.name` (the event
//!   source without `.amazonaws.com`) and `related.ip` (`source.ip`);
//! * `preserve_original_event`: the record's text stays in
//!   `event.original` (its members in their order, without white space)
//!   and the tag is listed in `tags`, as is `actor_target_mapping`.

use super::doc::Doc;
use super::raw::{to_json_text, RawObject};
use super::version::{PipelineOptions, PipelineVersion};
use serde_json::{json, Value};

/// Writes the closing fields; `original` is the record as read.
pub fn apply(original: &RawObject, doc: &mut Doc, options: &PipelineOptions) {
    if options.at_least(PipelineVersion::V7_3_0) {
        doc.set("cloud.provider", json!("aws"));
        if let Some(Value::String(source)) = doc.get("event.provider").cloned() {
            let service = source.strip_suffix(".amazonaws.com").unwrap_or(&source);
            if !service.is_empty() {
                doc.set("cloud.service.name", Value::String(service.to_string()));
            }
        }
        if let Some(ip) = doc.get("source.ip").cloned() {
            doc.append_unique("related.ip", ip);
        }
    }
    let mut tags = Vec::new();
    if options.preserve_original_event {
        doc.set("event.original", Value::String(to_json_text(original)));
        tags.push(json!("preserve_original_event"));
    }
    if options.actor_target_mapping {
        tags.push(json!("actor_target_mapping"));
    }
    if !tags.is_empty() {
        doc.set("tags", Value::Array(tags));
    }
}
