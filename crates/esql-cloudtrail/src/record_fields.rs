//! Which ECS fields of a converted record can be told from the raw
//! record's text, so a reader may skip a record before converting it.
//!
//! A filter `event.action == "X"` can only pass a record whose ECS
//! `event.action` is `X`, and the pipeline copies that value from the
//! record's `eventName`: a record whose text lacks `X` (and holds no JSON
//! escape that could spell it) cannot pass. That holds for the fields
//! [`RecordField::Copied`] names. A skipped record must not have made the
//! filter warn either, which it does on a multi-valued field: copied
//! fields are multi-valued only when their raw member holds an array, and
//! [`RecordField::SingleValued`] fields never are.

/// How the pipeline fills one ECS field from a raw record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordField {
    /// Copied from the top-level member of this name: its value (or, for
    /// an array, each element) is text of the record.
    Copied(&'static str),
    /// Derived, but never multi-valued.
    SingleValued,
}

/// ECS fields copied from one top-level record member.
const COPIED: &[(&str, &str)] = &[
    ("event.action", "eventName"),
    ("event.provider", "eventSource"),
    ("event.id", "eventID"),
    ("cloud.region", "awsRegion"),
    ("source.address", "sourceIPAddress"),
    ("source.ip", "sourceIPAddress"),
    ("aws.cloudtrail.event_type", "eventType"),
];

/// ECS fields set once per record (a date, a constant).
const SINGLE_VALUED: &[&str] = &["@timestamp", "event.dataset", "event.module", "event.kind"];

/// How `ecs_field` is filled, when it is one of the fields the raw
/// prefilter understands.
pub fn record_field(ecs_field: &str) -> Option<RecordField> {
    if let Some((_, member)) = COPIED.iter().find(|(f, _)| *f == ecs_field) {
        return Some(RecordField::Copied(member));
    }
    SINGLE_VALUED
        .contains(&ecs_field)
        .then_some(RecordField::SingleValued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert_record;

    /// A record whose copied members hold distinctive values.
    const RECORD: &str = r#"{"eventVersion":"1.08","eventTime":"2024-05-01T00:00:00Z",
        "eventSource":"iam.amazonaws.com","eventName":"AttachUserPolicy",
        "awsRegion":"us-east-1","sourceIPAddress":"203.0.113.9","eventID":"e-1",
        "eventType":"AwsApiCall","userIdentity":{"type":"IAMUser"}}"#;

    #[test]
    fn copied_fields_hold_their_members_values() {
        let doc = convert_record(RECORD).unwrap();
        let raw: serde_json::Value = serde_json::from_str(RECORD).unwrap();
        for (field, member) in COPIED {
            let mut at = &doc;
            for key in field.split('.') {
                at = at.get(key).unwrap_or(&serde_json::Value::Null);
            }
            let at = if at.is_null() {
                doc.get(*field).unwrap_or(&serde_json::Value::Null)
            } else {
                at
            };
            assert_eq!(Some(at), raw.get(*member), "{field}");
        }
    }

    #[test]
    fn single_valued_fields_are_scalars() {
        let doc = convert_record(RECORD).unwrap();
        for field in SINGLE_VALUED {
            let mut at = &doc;
            for key in field.split('.') {
                at = at.get(key).unwrap_or(&serde_json::Value::Null);
            }
            let at = if at.is_null() {
                doc.get(*field).unwrap_or(&serde_json::Value::Null)
            } else {
                at
            };
            assert!(at.is_string(), "{field}: {at}");
        }
    }

    #[test]
    fn other_fields_are_not_understood() {
        assert_eq!(record_field("event.category"), None);
        assert_eq!(record_field("user.name"), None);
        assert_eq!(
            record_field("event.action"),
            Some(RecordField::Copied("eventName"))
        );
    }
}
