//! One type for a field that several indices declare (esql-semantics §4.4).
//!
//! Follows Elasticsearch's ES|QL `IndexResolver` and `InvalidMappedField`:
//! * the same ES|QL type everywhere: that type (mapping types ES|QL widens,
//!   such as `short` and `integer`, are already the same type);
//! * only `date` and `date_nanos`: `date_nanos` (Elasticsearch ≥ 9.2 casts
//!   the millisecond dates);
//! * any index with an unsupported type: `unsupported`, with
//!   `Cannot use field [f] with unsupported type [<es type>]` naming the first
//!   such index's mapping type;
//! * otherwise, `keyword` with `text` included: `unsupported` with
//!   `Cannot use field [f] due to ambiguities being mapped as [N] incompatible
//!   types: [t1] in [i1, i2], [t2] in [i3]`. Types are listed in order of
//!   their Elasticsearch type names (`date` is named `datetime` there),
//!   indices in name order, at most three per type followed by
//!   `and [N] other index|indices`.

use crate::types::DataType;
use std::collections::{BTreeMap, BTreeSet};

/// How one index declares the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexFieldType<'a> {
    /// The index name.
    pub index: &'a str,
    /// The field's ES|QL type in that index.
    pub ty: DataType,
    /// The Elasticsearch mapping type, when known (used to name unsupported
    /// types; defaults to the ES|QL type name).
    pub es_type: Option<&'a str>,
}

/// The field's type across indices, and why it cannot be used if it cannot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unified {
    /// The unified type (`unsupported` on conflict).
    pub ty: DataType,
    /// The verification message for any use of the field other than KEEP,
    /// DROP or (for conflicts) an explicit conversion; `None` when usable.
    pub problem: Option<String>,
}

/// The type name Elasticsearch prints in conflict messages.
pub fn es_type_name(ty: DataType) -> &'static str {
    match ty {
        DataType::Date => "datetime",
        other => other.name(),
    }
}

/// Unifies the per-index types of `field`. With no entries the type is
/// `null` (the field exists nowhere).
pub fn unify_field_types(field: &str, per_index: &[IndexFieldType<'_>]) -> Unified {
    let mut sorted: Vec<&IndexFieldType<'_>> = per_index.iter().collect();
    sorted.sort_by(|a, b| a.index.cmp(b.index));
    if let Some(bad) = sorted.iter().find(|e| e.ty == DataType::Unsupported) {
        let original = bad.es_type.unwrap_or("unsupported");
        return Unified {
            ty: DataType::Unsupported,
            problem: Some(format!(
                "Cannot use field [{field}] with unsupported type [{original}]"
            )),
        };
    }
    let types: BTreeSet<DataType> = sorted.iter().map(|e| e.ty).collect();
    let mut iter = types.iter();
    match (iter.next(), iter.next(), iter.next()) {
        (None, _, _) => Unified {
            ty: DataType::Null,
            problem: None,
        },
        (Some(&t), None, _) => Unified {
            ty: t,
            problem: None,
        },
        (Some(DataType::Date), Some(DataType::DateNanos), None) => Unified {
            ty: DataType::DateNanos,
            problem: None,
        },
        _ => Unified {
            ty: DataType::Unsupported,
            problem: Some(conflict_message(field, &sorted)),
        },
    }
}

fn conflict_message(field: &str, entries: &[&IndexFieldType<'_>]) -> String {
    let mut by_type: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in entries {
        by_type
            .entry(es_type_name(e.ty))
            .or_default()
            .insert(e.index);
    }
    let parts: Vec<String> = by_type
        .iter()
        .map(|(ty, indices)| {
            let shown: Vec<&str> = indices.iter().take(3).copied().collect();
            let mut part = format!("[{ty}] in [{}]", shown.join(", "));
            if indices.len() > 3 {
                let rest = indices.len() - 3;
                let noun = if rest == 1 { "index" } else { "indices" };
                part.push_str(&format!(" and [{rest}] other {noun}"));
            }
            part
        })
        .collect();
    format!(
        "Cannot use field [{field}] due to ambiguities being mapped as [{}] incompatible types: {}",
        by_type.len(),
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use DataType::*;

    fn e(index: &str, ty: DataType) -> IndexFieldType<'_> {
        IndexFieldType {
            index,
            ty,
            es_type: None,
        }
    }

    #[test]
    fn same_type_and_dates() {
        let u = unify_field_types("a", &[e("x", Long), e("y", Long)]);
        assert_eq!(
            u,
            Unified {
                ty: Long,
                problem: None
            }
        );
        let u = unify_field_types("a", &[e("x", DateNanos), e("y", Date)]);
        assert_eq!(u.ty, DateNanos);
        assert_eq!(u.problem, None);
        assert_eq!(unify_field_types("a", &[]).ty, Null);
    }

    #[test]
    fn documented_conflict_message() {
        let u = unify_field_types(
            "client_ip",
            &[e("events_keyword", Keyword), e("events_ip", Ip)],
        );
        assert_eq!(u.ty, Unsupported);
        assert_eq!(
            u.problem.unwrap(),
            "Cannot use field [client_ip] due to ambiguities being mapped as [2] incompatible \
             types: [ip] in [events_ip], [keyword] in [events_keyword]"
        );
    }

    #[test]
    fn keyword_and_text_conflict_like_elasticsearch() {
        let u = unify_field_types("m", &[e("a", Keyword), e("b", Text)]);
        assert_eq!(u.ty, Unsupported);
        assert_eq!(
            u.problem.unwrap(),
            "Cannot use field [m] due to ambiguities being mapped as [2] incompatible types: \
             [keyword] in [a], [text] in [b]"
        );
    }

    #[test]
    fn many_indices_and_datetime_name() {
        let list = [
            e("t5", Ip),
            e("t1", Ip),
            e("t3", Ip),
            e("t2", Ip),
            e("t4", Ip),
            e("t6", Keyword),
            e("d1", Date),
            e("d2", Date),
            e("d3", Date),
            e("d4", Date),
        ];
        assert_eq!(
            unify_field_types("f", &list).problem.unwrap(),
            "Cannot use field [f] due to ambiguities being mapped as [3] incompatible types: \
             [datetime] in [d1, d2, d3] and [1] other index, \
             [ip] in [t1, t2, t3] and [2] other indices, [keyword] in [t6]"
        );
    }

    #[test]
    fn unsupported_wins() {
        let list = [
            e("a", Keyword),
            IndexFieldType {
                index: "b",
                ty: Unsupported,
                es_type: Some("flattened"),
            },
        ];
        let u = unify_field_types("labels", &list);
        assert_eq!(u.ty, Unsupported);
        assert_eq!(
            u.problem.unwrap(),
            "Cannot use field [labels] with unsupported type [flattened]"
        );
    }
}
