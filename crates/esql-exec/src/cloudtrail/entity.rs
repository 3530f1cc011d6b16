//! The `entity` sub-pipeline: `related.entity`, the identifiers of every
//! principal and resource a record names.
//!
//! * 2.25.0-preview01: the identity paths of every record (the principal
//!   id among them) plus per-event paths
//!   ([`entity_tables::PREVIEW_BY_EVENT`]); empty values dropped, then
//!   deduplicated and sorted.
//! * from 2.44.0-preview01: the identity paths without the principal id
//!   (with the access key id from 2.44.0), every `resources[].ARN`, the
//!   per-service paths and lists ([`entity_tables::BY_SOURCE`],
//!   [`entity_tables::LISTS_BY_SOURCE`]) and the actor/target step's
//!   targets; deduplicated through a Java `HashSet`, whose iteration order
//!   the list keeps. Values sharing a bucket keep their insertion order:
//!   the identity paths, the access key, the targets, the resources, the
//!   per-service values, the identity's user name last (the order the
//!   reference documents show).

use super::entity_tables::{
    ACCESS_KEY, ALL_EVENTS, BY_SOURCE, LISTS_BY_SOURCE, PREVIEW_ALL_EVENTS, PREVIEW_BY_EVENT,
    USER_NAME,
};
use super::java_map::{bucket, java_number};
use super::raw::{Raw, RawObject};
use super::version::{PipelineOptions, PipelineVersion};

/// `{{path}}` of a scalar: strings as they are, numbers and booleans as
/// Java prints them; `None` for objects, lists and missing paths.
pub fn scalar_text(v: &Raw) -> Option<String> {
    match v {
        Raw::String(s) => Some(s.clone()),
        Raw::Number(n) => Some(java_number(n)),
        Raw::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The non-empty text at `path` of `record`.
pub fn text_at(record: &RawObject, path: &str) -> Option<String> {
    record
        .path(path)
        .and_then(scalar_text)
        .filter(|s| !s.is_empty())
}

/// `related.entity` of `record` (after empty values were dropped), given
/// the actor/target step's `targets`; empty when nothing qualifies.
pub fn related_entities(
    record: &RawObject,
    targets: &[String],
    options: &PipelineOptions,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |v: Option<String>| {
        if let Some(v) = v {
            if !out.contains(&v) {
                out.push(v);
            }
        }
    };
    if options.version < PipelineVersion::V2_44_0Preview01 {
        for path in PREVIEW_ALL_EVENTS {
            push(text_at(record, path));
        }
        let action = record.str_at("eventName").unwrap_or("");
        for (event, prefix, paths) in PREVIEW_BY_EVENT {
            let hit = if *prefix {
                action.starts_with(event)
            } else {
                action == *event
            };
            if hit {
                for path in *paths {
                    push(text_at(record, path));
                }
            }
        }
        out.sort();
        return out;
    }
    for path in ALL_EVENTS {
        push(text_at(record, path));
    }
    if options.at_least(PipelineVersion::V2_44_0) {
        push(text_at(record, ACCESS_KEY));
    }
    for t in targets {
        push(Some(t.clone()));
    }
    if let Some(Raw::Array(resources)) = record.get("resources") {
        for r in resources {
            if let Raw::Object(o) = r {
                push(text_at(o, "ARN"));
            }
        }
    }
    let source = record.str_at("eventSource").unwrap_or("");
    for (s, paths) in BY_SOURCE {
        if *s == source {
            for path in *paths {
                push(text_at(record, path));
            }
        }
    }
    for (s, list, fields) in LISTS_BY_SOURCE {
        if *s != source {
            continue;
        }
        if let Some(Raw::Array(items)) = record.path(list) {
            for item in items {
                if let Raw::Object(o) = item {
                    for f in *fields {
                        push(text_at(o, f));
                    }
                }
            }
        }
    }
    push(text_at(record, USER_NAME));
    hash_set_order(out)
}

/// The iteration order of `new ArrayList(new HashSet(items))` for distinct
/// strings: buckets of a table sized for the collection (at least 16,
/// `size / 0.75 + 1` rounded up to a power of two), in bucket order, keys
/// sharing a bucket in insertion order.
pub fn hash_set_order(items: Vec<String>) -> Vec<String> {
    let wanted = (items.len() as f64 / 0.75) as usize + 1;
    let mut cap: u32 = 16;
    while (cap as usize) < wanted && cap < (1 << 30) {
        cap *= 2;
    }
    let mut keyed: Vec<(u32, usize, String)> = items
        .into_iter()
        .enumerate()
        .map(|(i, s)| (bucket(&s, cap), i, s))
        .collect();
    keyed.sort_by_key(|(b, i, _)| (*b, *i));
    keyed.into_iter().map(|(_, _, s)| s).collect()
}
