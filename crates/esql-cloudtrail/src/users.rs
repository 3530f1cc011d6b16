//! `user.*` and `related.user` as the user-field rules of 3.8.0 and later
//! rewrite them (earlier versions keep what the main pipeline wrote: the
//! identity's `userName` and the request's `userName`/`newUserName`).
//!
//! * 3.8.0: a `user.name` that is an email becomes `user.email`, with the
//!   local part in `user.name` and the rest in `user.domain`;
//!   `related.user` is `user.name`, `user.email`, then the request's names.
//! * from 5.2.0: an email `user.name` is copied to `user.email` and kept;
//!   `related.user` starts with `user.id`.
//! * 5.2.0 to 7.0.0: an assumed role's session name (the last part of
//!   its ARN) goes to `user.changes.name` and, after `user.id` and
//!   `user.name`, to `related.user`.
//! * from 7.2.0: no `user.changes.name` from the session; `related.user`
//!   is the session name (and its local part when it is an email), the
//!   request's names, `user.id`, `user.name`.

use super::doc::Doc;
use super::entity::text_at;
use super::raw::RawObject;
use super::version::{PipelineOptions, PipelineVersion};
use serde_json::Value;

fn text(doc: &Doc, path: &str) -> Option<String> {
    match doc.get(path)? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The session name of an assumed role's ARN
/// (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`).
pub fn session_name(record: &RawObject) -> Option<String> {
    let arn = text_at(record, "userIdentity.arn")?;
    let (_, path) = arn.split_once(":assumed-role/")?;
    let (_, session) = path.split_once('/')?;
    (!session.is_empty()).then(|| session.to_string())
}

/// Applies the user-field rules of `options`' version to `doc`.
pub fn apply(record: &RawObject, doc: &mut Doc, options: &PipelineOptions) {
    if !options.at_least(PipelineVersion::V3_8_0) {
        return;
    }
    let request: Vec<String> = ["userName", "newUserName"]
        .iter()
        .filter_map(|k| text_at(record, &format!("requestParameters.{k}")))
        .collect();
    let name = text(doc, "user.name");
    let email = name.clone().filter(|n| n.contains('@'));
    let mut related: Vec<Option<String>> = Vec::new();
    if !options.at_least(PipelineVersion::V5_2_0) {
        if let Some((local, domain)) = email.as_deref().and_then(|e| e.split_once('@')) {
            doc.set("user.name", Value::String(local.to_string()));
            doc.set("user.domain", Value::String(domain.to_string()));
        }
        if let Some(e) = &email {
            doc.set("user.email", Value::String(e.clone()));
        }
        related.push(text(doc, "user.name"));
        related.push(email);
        related.extend(request.into_iter().map(Some));
    } else {
        if let Some(e) = &email {
            doc.set("user.email", Value::String(e.clone()));
        }
        let session = session_name(record);
        if !options.at_least(PipelineVersion::V7_2_0) {
            if let Some(s) = &session {
                if doc.get("user.changes.name").is_none() {
                    doc.set("user.changes.name", Value::String(s.clone()));
                }
            }
            related.push(text(doc, "user.id"));
            related.push(name);
            related.push(text(doc, "user.changes.name"));
            related.extend(request.into_iter().map(Some));
        } else {
            let local = session
                .as_deref()
                .and_then(|s| s.split_once('@'))
                .map(|(l, _)| l.to_string());
            related.push(session);
            related.push(local);
            related.extend(request.into_iter().map(Some));
            related.push(text(doc, "user.id"));
            related.push(name);
        }
    }
    let mut users: Vec<Value> = Vec::new();
    for u in related.into_iter().flatten() {
        let v = Value::String(u);
        if !users.contains(&v) {
            users.push(v);
        }
    }
    if users.is_empty() {
        if let Some(Value::Object(r)) = doc.root.get_mut("related") {
            r.remove("user");
        }
    } else {
        doc.set("related.user", Value::Array(users));
    }
}
