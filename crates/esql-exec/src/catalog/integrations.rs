//! The Elastic integrations' field tables built into esql: what their index
//! templates map, applied by index pattern as the templates apply.
//!
//! The table is `data/integration-fields.tsv.gz` (see
//! `data/INTEGRATIONS-NOTICE.md` and `scripts/gen_integration_table.py`),
//! compiled in and decompressed and parsed once, on first use. Its text is
//! made of sections, each headed `@template PATTERN` or `@schema PATTERN`
//! and holding `field<TAB>type` rows:
//!
//! * **template** rows come from the packages' `fields.yml`: the fields the
//!   integration's index template maps. In an index the pattern matches
//!   they exist (a null column when no document has a value) and have that
//!   type.
//! * **schema** rows come from detection-rules' validation schema, which is
//!   not a mapping: they only type a field, the way the ECS table does (a
//!   field the documents show or the query names), below the templates.
//!
//! When several patterns match one index, the longer pattern wins.

use super::field_types::{FieldTypeRow, IndexFieldTypes};
use super::mapping::MappedField;
use super::pattern::glob_match;
use std::io::Read;
use std::sync::OnceLock;

const TABLE_GZ: &[u8] = include_bytes!("../../data/integration-fields.tsv.gz");

/// One section of the table: the rows of one index pattern and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Section {
    pattern: String,
    mapped: bool,
    rows: Vec<FieldTypeRow>,
}

/// The integration tables' declarations that apply to one index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IntegrationFields {
    /// Fields the matching index templates map: they exist in the index.
    pub templates: IndexFieldTypes,
    /// Types from the rule authors' schema: they type a field, nothing more.
    pub schema: IndexFieldTypes,
}

fn sections() -> &'static [Section] {
    static SECTIONS: OnceLock<Vec<Section>> = OnceLock::new();
    SECTIONS.get_or_init(|| {
        // The table ships with the crate and a test checks that it reads;
        // should it not, no integration declares anything.
        let mut text = String::new();
        let read = flate2::read::GzDecoder::new(TABLE_GZ).read_to_string(&mut text);
        match read {
            Ok(_) => parse_sections(&text).unwrap_or_default(),
            Err(_) => Vec::new(),
        }
    })
}

/// Parses the sectioned table text; errors carry the 1-based line number.
fn parse_sections(text: &str) -> Result<Vec<Section>, (usize, String)> {
    let mut out: Vec<Section> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(head) = line.strip_prefix('@') {
            let (kind, pattern) = head.split_once(' ').unwrap_or((head, ""));
            let mapped = match kind {
                "template" => true,
                "schema" => false,
                _ => return Err((i + 1, format!("unknown section kind [{kind}]"))),
            };
            out.push(Section {
                pattern: pattern.to_string(),
                mapped,
                rows: Vec::new(),
            });
            continue;
        }
        let (field, es_type) = line
            .split_once('\t')
            .ok_or_else(|| (i + 1, "expected field<TAB>type".to_string()))?;
        let section = out
            .last_mut()
            .ok_or_else(|| (i + 1, "a row before any section".to_string()))?;
        section.rows.push(FieldTypeRow {
            field: field.to_string(),
            decl: MappedField::of_es_type(es_type),
            index_patterns: vec![section.pattern.clone()],
        });
    }
    Ok(out)
}

/// The declarations of the integration tables for the index `index`.
pub fn for_index(index: &str) -> IntegrationFields {
    select(sections(), index)
}

fn select(sections: &[Section], index: &str) -> IntegrationFields {
    let mut matching: Vec<&Section> = sections
        .iter()
        .filter(|s| glob_match(&s.pattern, index))
        .collect();
    // Later rows win between equals: the longest pattern goes last.
    matching.sort_by_key(|s| s.pattern.len());
    let rows = |mapped: bool| -> Vec<FieldTypeRow> {
        matching
            .iter()
            .filter(|s| s.mapped == mapped)
            .flat_map(|s| s.rows.iter().cloned())
            .collect()
    };
    IntegrationFields {
        templates: IndexFieldTypes::for_index(&rows(true), index),
        schema: IndexFieldTypes::for_index(&rows(false), index),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DataType;

    #[test]
    fn built_in_table_reads_fully() {
        let all = sections();
        assert!(all.len() > 40, "{}", all.len());
        let rows: usize = all.iter().map(|s| s.rows.len()).sum();
        assert!(rows > 3000, "{rows}");
        assert!(all.iter().any(|s| !s.mapped));
    }

    #[test]
    fn cloudtrail_template_applies_by_pattern() {
        let ct = for_index("logs-aws.cloudtrail-default");
        let ty = |f: &str| ct.templates.get(f).map(|d| d.ty);
        assert_eq!(ty("aws.cloudtrail.error_code"), Some(DataType::Keyword));
        // The integration maps it as keyword, though CloudTrail writes a boolean.
        assert_eq!(
            ty("aws.cloudtrail.management_event"),
            Some(DataType::Keyword)
        );
        assert_eq!(ty("aws.cloudtrail.read_only"), Some(DataType::Boolean));
        let flat = ct
            .templates
            .get("aws.cloudtrail.flattened.request_parameters")
            .map(|d| d.es_type.as_str());
        assert_eq!(flat, Some("flattened"));
        // detection-rules lists keys of the flattened field: not fields.
        assert!(ct
            .templates
            .get("aws.cloudtrail.flattened.request_parameters.instanceId")
            .is_none());
        assert!(ct.schema.is_empty());
        // Another data stream's template does not apply.
        let okta = for_index("logs-okta.system-default");
        assert!(okta.templates.get("aws.cloudtrail.error_code").is_none());
        assert!(for_index("cloudtrail").templates.is_empty());
    }

    #[test]
    fn longer_pattern_wins_and_kinds_stay_apart() {
        let text = "# c\n@schema logs-x*\na\tlong\nb\tkeyword\n\
                    @template logs-x.y-*\na\tkeyword\n@template logs-*\na\tip\nc\tboolean\n";
        let sections = parse_sections(text).unwrap();
        let picked = select(&sections, "logs-x.y-default");
        assert_eq!(picked.templates.get("a").unwrap().ty, DataType::Keyword);
        assert_eq!(picked.templates.get("c").unwrap().ty, DataType::Boolean);
        assert!(picked.templates.get("b").is_none());
        assert_eq!(picked.schema.get("b").unwrap().ty, DataType::Keyword);
        assert_eq!(picked.schema.get("a").unwrap().ty, DataType::Long);
        let other = select(&sections, "logs-z-default");
        assert_eq!(other.templates.get("a").unwrap().ty, DataType::Ip);
        assert!(other.schema.is_empty());
    }

    #[test]
    fn malformed_tables() {
        assert_eq!(parse_sections("a\tlong\n").unwrap_err().0, 1);
        assert_eq!(parse_sections("@template x\nbroken\n").unwrap_err().0, 2);
        assert_eq!(parse_sections("@other x\n").unwrap_err().0, 1);
    }
}
