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
//!   targets; deduplicated, in the iteration order of a Java `HashSet` or
//!   in the order the values were appended, as [`EntityOrder`] says for
//!   each version.

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

/// How a version orders `related.entity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityOrder {
    /// Sorted (2.25.0-preview01).
    Sorted,
    /// In the order the values were appended, first occurrence kept:
    /// targets, the identity's user name, access key and ARN, the other
    /// identity paths, resources, per-service values (2.44.0-preview01,
    /// 6.4.0, 7.0.0).
    Appended,
    /// Through a Java `HashSet` (see [`hash_set_order`]), values sharing a
    /// bucket in the order: identity paths, access key, targets,
    /// resources, per-service values, the identity's user name (2.44.0,
    /// 3.8.0, 5.2.0, 7.2.0, 7.3.0).
    HashSet,
}

impl EntityOrder {
    /// The order of `version`, as its reference documents show it.
    pub fn of(version: PipelineVersion) -> EntityOrder {
        use PipelineVersion as V;
        match version {
            V::V2_25_0Preview01 => EntityOrder::Sorted,
            V::V2_44_0Preview01 | V::V6_4_0 | V::V7_0_0 => EntityOrder::Appended,
            V::V2_44_0 | V::V3_8_0 | V::V5_2_0 | V::V7_2_0 | V::V7_3_0 => EntityOrder::HashSet,
        }
    }
}

/// Distinct values in first-occurrence order.
#[derive(Default)]
struct Distinct(Vec<String>);

impl Distinct {
    fn push(&mut self, v: Option<String>) {
        if let Some(v) = v {
            if !self.0.contains(&v) {
                self.0.push(v);
            }
        }
    }
}

/// `related.entity` of `record` (after empty values were dropped), given
/// the actor/target step's `targets`; empty when nothing qualifies.
pub fn related_entities(
    record: &RawObject,
    targets: &[String],
    options: &PipelineOptions,
) -> Vec<String> {
    let mut out = Distinct::default();
    let order = EntityOrder::of(options.version);
    if order == EntityOrder::Sorted {
        for path in PREVIEW_ALL_EVENTS {
            out.push(text_at(record, path));
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
                    out.push(text_at(record, path));
                }
            }
        }
        out.0.sort();
        return out.0;
    }
    let access_key = if options.at_least(PipelineVersion::V2_44_0) {
        text_at(record, ACCESS_KEY)
    } else {
        None
    };
    if order == EntityOrder::Appended {
        for t in targets {
            out.push(Some(t.clone()));
        }
        out.push(text_at(record, USER_NAME));
        out.push(access_key.clone());
    }
    for path in ALL_EVENTS {
        out.push(text_at(record, path));
    }
    out.push(access_key);
    for t in targets {
        out.push(Some(t.clone()));
    }
    push_resources_and_services(record, &mut out);
    out.push(text_at(record, USER_NAME));
    match order {
        EntityOrder::HashSet => hash_set_order(out.0),
        _ => out.0,
    }
}

/// Every `resources[].ARN`, then the per-service paths and lists.
fn push_resources_and_services(record: &RawObject, out: &mut Distinct) {
    if let Some(Raw::Array(resources)) = record.get("resources") {
        for r in resources {
            if let Raw::Object(o) = r {
                out.push(text_at(o, "ARN"));
            }
        }
    }
    let source = record.str_at("eventSource").unwrap_or("");
    for (s, paths) in BY_SOURCE {
        if *s == source {
            for path in *paths {
                out.push(text_at(record, path));
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
                        out.push(text_at(o, f));
                    }
                }
            }
        }
    }
}

/// The iteration order of a Java `HashSet` made for the distinct strings
/// `items`: buckets of a table sized for them (`size / 0.75 + 1` rounded up
/// to a power of two, with no minimum: four values get 8 buckets, six get
/// 16), in bucket order, keys sharing a bucket in insertion order.
pub fn hash_set_order(items: Vec<String>) -> Vec<String> {
    let wanted = (items.len() as f64 / 0.75) as usize + 1;
    let mut cap: u32 = 1;
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
