//! The Elastic Common Schema field types built into esql.
//!
//! The table is `data/ecs-fields.tsv` (ECS 9.4.0, Apache-2.0, see
//! `data/ECS-NOTICE.md`), compiled in and parsed once, on first use. It is
//! the last source of declared types, after a mapping, the `--field-types`
//! tables and the integration tables (see [`super::declared`]). ECS `object` and `nested` rows are containers and
//! have no entry; `flattened` and `geo_point` fields are `unsupported`.

use super::field_types::{parse_field_types, IndexFieldTypes};
use super::mapping::MappedField;
use crate::types::DataType;
use std::sync::OnceLock;

/// The ECS release the built-in table comes from.
#[cfg(test)]
pub const ECS_VERSION: &str = "9.4.0";

const ECS_TSV: &str = include_str!("../../data/ecs-fields.tsv");

fn table() -> &'static IndexFieldTypes {
    static TABLE: OnceLock<IndexFieldTypes> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The table ships with the crate and a test checks that it parses;
        // should it not, there are simply no built-in types.
        let rows = parse_field_types(ECS_TSV).unwrap_or_default();
        IndexFieldTypes::unrestricted(&rows)
    })
}

/// The ECS declaration of `field` (ES mapping type and ES|QL type).
pub fn ecs_field(field: &str) -> Option<&'static MappedField> {
    table().get(field)
}

/// The ES|QL type ECS declares for `field`: `@timestamp` → `date`,
/// `cloud.region` → `keyword`, `source.ip` → `ip`, `message` → `text`.
#[cfg(test)]
pub fn ecs_type(field: &str) -> Option<DataType> {
    ecs_field(field).map(|f| f.ty)
}

/// The built-in ECS fields of mapping type `flattened`, computed once.
pub fn ecs_flattened() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = table()
            .exact_fields()
            .filter(|(_, f)| f.es_type == "flattened")
            .map(|(n, _)| n.to_string())
            .collect();
        names.sort();
        names
    })
}

/// The built-in ECS fields whose names satisfy `matches`, with their types.
pub fn ecs_fields_matching(matches: impl Fn(&str) -> bool) -> Vec<(String, DataType)> {
    table()
        .exact_fields()
        .filter(|(name, _)| matches(name))
        .map(|(name, f)| (name.to_string(), f.ty))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_table_parses_fully() {
        let rows = parse_field_types(ECS_TSV).unwrap();
        // 2,725 ECS rows less the `object` and `nested` containers.
        assert!(rows.len() > 2500, "{}", rows.len());
        assert!(ECS_TSV.contains(&format!("ecs {ECS_VERSION}")));
    }

    #[test]
    fn lookups() {
        assert_eq!(ecs_type("@timestamp"), Some(DataType::Date));
        assert_eq!(ecs_type("cloud.region"), Some(DataType::Keyword));
        assert_eq!(ecs_type("source.ip"), Some(DataType::Ip));
        assert_eq!(ecs_type("message"), Some(DataType::Text));
        assert_eq!(ecs_type("event.duration"), Some(DataType::Long));
        assert_eq!(ecs_type("process.command_line.text"), Some(DataType::Text));
        assert_eq!(ecs_type("process.command_line"), Some(DataType::Keyword));
        assert_eq!(
            ecs_field("process.command_line").unwrap().es_type,
            "wildcard"
        );
        assert_eq!(ecs_type("source.geo.location"), Some(DataType::Unsupported));
        assert_eq!(ecs_type("labels"), None);
        assert!(ecs_flattened()
            .iter()
            .any(|n| n == "log.syslog.structured_data"));
        assert_eq!(ecs_type("no.such.field"), None);
    }
}
