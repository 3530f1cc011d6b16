//! The actor/target step: who acted (`actor.entity.id`) and on what
//! (`target.entity.id`), from 2.44.0-preview01 on (from 3.8.0 only with the
//! `actor_target_mapping` tag).
//!
//! Elastic's per-event mapping tables of these versions were not available
//! to this project; the rules below are the general ones the reference
//! documents of each version agree with:
//!
//! * the actor is `userIdentity.arn`;
//! * the targets are every `resources[].ARN`, the request's identifying
//!   parameters ([`TARGET_PARAMETERS`]) and a few nested identifiers
//!   ([`TARGET_PATHS`]); when there are none, the recipient account. They
//!   are deduplicated and sorted.
//!
//! Field names by version:
//!
//! * 2.44.0-preview01: `entity.actor`, `entity.targets`;
//! * from 2.44.0: `actor.entity.id`, `target.entity.id`;
//! * from 5.2.0 also by type: the actor in `user.entity.id`, or in
//!   `service.entity.id` when a service acted for it
//!   (`userIdentity.invokedBy`); each target in `service.target.entity.id`
//!   (an ARN), `host.target.entity.id` (an EC2 instance, snapshot, volume
//!   or image id) or `entity.target.id` (anything else);
//! * from 6.4.0 to before 7.0.0: `host.id` repeats the host targets.

use super::doc::Doc;
use super::entity::text_at;
use super::raw::{Raw, RawObject};
use super::version::{PipelineOptions, PipelineVersion};
use serde_json::Value;

/// `requestParameters` members that name the target of a call.
pub const TARGET_PARAMETERS: &[&str] = &[
    "secretId",
    "target",
    "roleName",
    "snapshotId",
    "policyArn",
    "userName",
    "keyId",
    "configurationRecorderName",
    "detectorId",
];

/// Nested request paths that name a target.
pub const TARGET_PATHS: &[&str] = &[
    "requestParameters.ReplicationConfiguration.Rule.Destination.Bucket",
    "requestParameters.DeleteFlowLogsRequest.FlowLogId.content",
];

/// Prefixes of EC2 resource ids that make a target a host.
const HOST_ID_PREFIXES: &[&str] = &["i-", "snap-", "vol-", "ami-"];

/// The targets of `record`, deduplicated and sorted.
pub fn targets(record: &RawObject) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(Raw::Array(resources)) = record.get("resources") {
        for r in resources {
            if let Raw::Object(o) = r {
                out.extend(text_at(o, "ARN"));
            }
        }
    }
    for p in TARGET_PARAMETERS {
        out.extend(text_at(record, &format!("requestParameters.{p}")));
    }
    if let Some(Raw::Array(ids)) = record.path("requestParameters.instanceIds") {
        for id in ids {
            if let Raw::String(s) = id {
                if s != "*" && !s.is_empty() {
                    out.push(s.clone());
                }
            }
        }
    }
    for p in TARGET_PATHS {
        out.extend(text_at(record, p));
    }
    if out.is_empty() {
        out.extend(text_at(record, "recipientAccountId"));
    }
    out.sort();
    out.dedup();
    out
}

fn list(items: &[String]) -> Value {
    Value::Array(items.iter().cloned().map(Value::String).collect())
}

/// Writes the actor and target fields of `record` with `targets`.
pub fn apply(record: &RawObject, targets: &[String], doc: &mut Doc, options: &PipelineOptions) {
    let actor: Vec<String> = text_at(record, "userIdentity.arn").into_iter().collect();
    if options.version < PipelineVersion::V2_44_0 {
        if !actor.is_empty() {
            doc.set("entity.actor", list(&actor));
        }
        if !targets.is_empty() {
            doc.set("entity.targets", list(targets));
        }
        return;
    }
    if !actor.is_empty() {
        doc.set("actor.entity.id", list(&actor));
    }
    if !targets.is_empty() {
        doc.set("target.entity.id", list(targets));
    }
    if !options.at_least(PipelineVersion::V5_2_0) {
        return;
    }
    if !actor.is_empty() {
        let field = if record.path("userIdentity.invokedBy").is_some() {
            "service.entity.id"
        } else {
            "user.entity.id"
        };
        doc.set(field, list(&actor));
    }
    let (mut services, mut hosts, mut others) = (Vec::new(), Vec::new(), Vec::new());
    for t in targets {
        if t.starts_with("arn:") {
            services.push(t.clone());
        } else if HOST_ID_PREFIXES.iter().any(|p| t.starts_with(p)) {
            hosts.push(t.clone());
        } else {
            others.push(t.clone());
        }
    }
    for (field, ids) in [
        ("service.target.entity.id", &services),
        ("host.target.entity.id", &hosts),
        ("entity.target.id", &others),
    ] {
        if !ids.is_empty() {
            doc.set(field, list(ids));
        }
    }
    let host_id =
        options.at_least(PipelineVersion::V6_4_0) && !options.at_least(PipelineVersion::V7_0_0);
    if host_id && !hosts.is_empty() {
        doc.set("host.id", list(&hosts));
    }
}
