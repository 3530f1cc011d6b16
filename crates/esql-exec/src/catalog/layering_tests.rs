//! The precedence of the declaration sources (mapping > `--field-types` >
//! integration templates > rule schema > ECS > inference) and the
//! flattened-field rule, on [`DeclaredFields`] and through field discovery.

use super::declared::{DeclSource, DeclaredFields};
use super::field_types::{parse_field_types, IndexFieldTypes};
use super::integrations::{self, IntegrationFields};
use super::mapping::{parse_mapping_text, MappingFile};
use super::{Catalog, CatalogConfig};
use crate::types::DataType;
use std::path::PathBuf;
use std::sync::Arc;

fn table(text: &str, index: &str) -> IndexFieldTypes {
    IndexFieldTypes::for_index(&parse_field_types(text).unwrap(), index)
}

fn integration(templates: &str, schema: &str) -> IntegrationFields {
    IntegrationFields {
        templates: table(templates, "logs-x-default"),
        schema: table(schema, "logs-x-default"),
    }
}

fn source(d: &DeclaredFields, field: &str) -> Option<(DataType, DeclSource)> {
    d.lookup(field).map(|(f, s)| (f.ty, s))
}

#[test]
fn each_source_beats_the_ones_below() {
    let user = table("a\tversion\n", "logs-x-default");
    let declared = DeclaredFields::new(None, user, true).with_integrations(integration(
        "a\tkeyword\nb\tkeyword\n@timestamp\tkeyword\n",
        "a\tlong\nb\tlong\nc\tlong\nsource.ip\tkeyword\n",
    ));
    use DataType::*;
    assert_eq!(
        source(&declared, "a"),
        Some((Version, DeclSource::FieldTypes))
    );
    assert_eq!(
        source(&declared, "b"),
        Some((Keyword, DeclSource::Template))
    );
    assert_eq!(
        source(&declared, "@timestamp"),
        Some((Keyword, DeclSource::Template))
    );
    assert_eq!(source(&declared, "c"), Some((Long, DeclSource::RuleSchema)));
    assert_eq!(
        source(&declared, "source.ip"),
        Some((Keyword, DeclSource::RuleSchema))
    );
    assert_eq!(
        source(&declared, "cloud.region"),
        Some((Keyword, DeclSource::Ecs))
    );
    assert_eq!(source(&declared, "no.such"), None);
    // Fields that exist without documents: the tables' and the templates'
    // exact rows, not the schema's nor ECS's.
    let names: Vec<String> = declared
        .explicit_fields()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, vec!["@timestamp", "a", "b"]);
}

#[test]
fn a_mapping_hides_every_table() {
    let MappingFile::Any(m) =
        parse_mapping_text(r#"{"properties":{"a":{"type":"ip"},"f":{"type":"flattened"}}}"#)
            .unwrap()
    else {
        panic!("shape")
    };
    let declared = DeclaredFields::new(Some(Arc::new(m)), table("b\tlong\n", "x"), true)
        .with_integrations(integration("c\tkeyword\n", ""));
    assert_eq!(
        source(&declared, "a"),
        Some((DataType::Ip, DeclSource::Mapping))
    );
    assert_eq!(source(&declared, "b"), None);
    assert_eq!(source(&declared, "c"), None);
    assert_eq!(source(&declared, "@timestamp"), None);
    assert_eq!(declared.flattened_parent("f.key"), Some("f"));
    assert!(declared.explicit_fields().is_empty());
}

#[test]
fn keys_of_a_flattened_field_are_no_fields() {
    // The user's table lists a key as keyword: the template's flattened
    // parent still owns it.
    let user = table("labels.team\tkeyword\nother.x\tkeyword\n", "logs-x-default");
    let declared = DeclaredFields::new(None, user, true).with_integrations(integration(
        "labels\tflattened\nlabels.env\tkeyword\nobj.*\tflattened\n",
        "",
    ));
    assert_eq!(declared.flattened_parent("labels.team"), Some("labels"));
    assert_eq!(declared.flattened_parent("labels.a.b"), Some("labels"));
    assert_eq!(declared.flattened_parent("labels"), None);
    assert_eq!(declared.flattened_parent("other.x"), None);
    // A wildcard row maps every object below `obj` as flattened.
    assert_eq!(declared.flattened_parent("obj.a.b"), Some("obj.a"));
    assert!(declared.lookup("labels.team").is_none());
    assert!(declared.lookup("labels.env").is_none());
    let labels = declared.lookup("labels").map(|(f, _)| f).unwrap();
    assert_eq!(
        (labels.ty, labels.es_type.as_str()),
        (DataType::Unsupported, "flattened")
    );
    let names: Vec<String> = declared
        .explicit_fields()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(names, vec!["labels", "other.x"]);
    // ECS's flattened fields too.
    assert_eq!(
        declared.flattened_parent("log.syslog.structured_data.id"),
        Some("log.syslog.structured_data")
    );
    // A user's table can say a field is no flattened field after all.
    let user = table("log.syslog.structured_data\tkeyword\n", "x");
    let declared = DeclaredFields::new(None, user, true);
    assert_eq!(
        declared.flattened_parent("log.syslog.structured_data.id"),
        None
    );
}

#[test]
fn the_built_in_templates_apply_by_index_pattern() {
    let ct = integrations::for_index("logs-aws.cloudtrail-prod");
    let declared =
        DeclaredFields::new(None, IndexFieldTypes::default(), true).with_integrations(ct);
    assert_eq!(
        source(&declared, "aws.cloudtrail.session_credential_from_console"),
        Some((DataType::Keyword, DeclSource::Template))
    );
    assert_eq!(
        declared.flattened_parent("aws.cloudtrail.flattened.request_parameters.instanceId"),
        Some("aws.cloudtrail.flattened.request_parameters")
    );
    let plain = DeclaredFields::new(None, IndexFieldTypes::default(), true)
        .with_integrations(integrations::for_index("cloudtrail"));
    assert_eq!(
        plain.declared_type("aws.cloudtrail.session_credential_from_console"),
        None
    );
}

/// A data folder of its own, removed on drop.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str) -> Folder {
        let dir = std::env::temp_dir().join(format!("esql-layering-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Folder(dir)
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn discovery_follows_the_layers() {
    let d = Folder::new("discovery");
    let doc = r#"{"@timestamp":"2024-05-10T00:00:00Z","aws":{"cloudtrail":{"management_event":true,
        "read_only":true,"flattened":{"request_parameters":{"instanceId":"i-1","n":{"m":2}}}}},
        "custom":{"count":3,"when":"2024-05-10T00:00:00Z"}}"#
        .replace('\n', "");
    std::fs::write(
        d.0.join("logs-aws.cloudtrail-default.ndjson"),
        format!("{doc}\n"),
    )
    .unwrap();
    std::fs::write(d.0.join("other.ndjson"), format!("{doc}\n")).unwrap();
    let types = d.0.join("types.tsv");
    std::fs::write(&types, "custom.count\tkeyword\tlogs-*\n").unwrap();
    let cfg = CatalogConfig {
        data_dirs: vec![d.0.clone()],
        field_types: vec![types],
        ..CatalogConfig::default()
    };
    let cat = Catalog::open(&cfg).unwrap();
    let fields = |index: &str| {
        let info = cat.index(index).unwrap();
        crate::schema::build(&[info]).unwrap().fields
    };
    let ct = fields("logs-aws.cloudtrail-default");
    let ty = |fields: &[(String, DataType)], n: &str| {
        fields.iter().find(|(f, _)| f == n).map(|(_, t)| *t)
    };
    use DataType::*;
    // --field-types beats inference; the template beats inference; the
    // template's fields exist without values; inference does the rest.
    assert_eq!(ty(&ct, "custom.count"), Some(Keyword));
    assert_eq!(ty(&ct, "aws.cloudtrail.management_event"), Some(Keyword));
    assert_eq!(ty(&ct, "aws.cloudtrail.read_only"), Some(Boolean));
    assert_eq!(ty(&ct, "aws.cloudtrail.error_code"), Some(Keyword));
    assert_eq!(ty(&ct, "custom.when"), Some(Date));
    assert_eq!(ty(&ct, "@timestamp"), Some(Date));
    // The flattened object is one unsupported column.
    assert_eq!(
        ty(&ct, "aws.cloudtrail.flattened.request_parameters"),
        Some(Unsupported)
    );
    assert!(ct
        .iter()
        .all(|(n, _)| !n.starts_with("aws.cloudtrail.flattened.request_parameters.")));
    // Another index: no template, so its keys are inferred columns.
    let other = fields("other");
    assert_eq!(ty(&other, "custom.count"), Some(Long));
    assert_eq!(ty(&other, "aws.cloudtrail.management_event"), Some(Boolean));
    assert_eq!(ty(&other, "aws.cloudtrail.error_code"), None);
    assert_eq!(
        ty(
            &other,
            "aws.cloudtrail.flattened.request_parameters.instanceId"
        ),
        Some(Keyword)
    );
}
