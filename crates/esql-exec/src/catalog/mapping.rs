//! Elasticsearch `_mapping` JSON: the declared fields of an index.
//!
//! Accepted shapes (esql-semantics §4.3):
//! * `{"<index>":{"mappings":{…}}, …}`, the `GET <index>/_mapping` response;
//!   each top-level key names the index the mapping belongs to;
//! * `{"mappings":{…}}`;
//! * a bare `{"properties":{…}}`.
//!
//! `properties` are walked recursively and names joined with `.`; multi-fields
//! (`fields`) become `parent.sub`; `alias` takes its target's type;
//! `constant_keyword` records its `value`; `object` (or no `type`) recurses
//! unless `"enabled": false`. Following Elasticsearch, a `nested` field and
//! everything under it is not visible to ES|QL at all, so it is left out.
//! `runtime` fields are declared too (their values are read from the
//! document, scripts are not run). Every other type that ES|QL cannot read
//! (`flattened`, `binary`, `geo_point`, `histogram`, …) is kept with type
//! `unsupported` and its original type name.

use super::error::CatalogError;
use super::mapping_error::MappingError;
use crate::types::DataType;
use serde_json::{Map, Value as Json};
use std::collections::BTreeMap;
use std::path::Path;

/// One declared field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappedField {
    /// Its ES|QL type (`unsupported` when ES|QL cannot read the mapping type).
    pub ty: DataType,
    /// The Elasticsearch mapping type as declared (`match_only_text`,
    /// `flattened`, …), for messages such as
    /// `Cannot use field [x] with unsupported type [flattened]`.
    pub es_type: String,
    /// The value of a `constant_keyword` field that declares one.
    pub constant: Option<String>,
    /// How a floating-point field stores values (they read back at that precision).
    pub storage: FloatStorage,
}

/// The precision at which Elasticsearch stores a floating-point field; its
/// values read back rounded to it (a `float` 0.1 is 0.10000000149011612).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FloatStorage {
    /// `double`: full precision.
    #[default]
    Double,
    /// `float`: IEEE single precision.
    Float,
    /// `half_float`: IEEE half precision.
    HalfFloat,
    /// `scaled_float`: a long of `value * factor`; holds the factor's bits.
    Scaled(u64),
}

impl MappedField {
    /// A field of mapping type `es_type`, typed by [`esql_type`].
    pub fn of_es_type(es_type: &str) -> Self {
        MappedField {
            ty: esql_type(es_type),
            es_type: es_type.to_string(),
            constant: None,
            storage: match es_type {
                "float" => FloatStorage::Float,
                "half_float" => FloatStorage::HalfFloat,
                _ => FloatStorage::Double,
            },
        }
    }
}

/// The ES|QL type of a field mapped as `es_type`: the mapping types of the
/// table in esql-semantics §4.3 (and the type names [`DataType::from_name`]
/// accepts); anything else is `unsupported`.
pub fn esql_type(es_type: &str) -> DataType {
    match DataType::from_name(es_type) {
        Some(DataType::Null | DataType::DatePeriod | DataType::TimeDuration) | None => {
            DataType::Unsupported
        }
        Some(t) => t,
    }
}

/// The declared fields of one index, by full dotted name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Every visible field (leaves and multi-fields), sorted by name.
    pub fields: BTreeMap<String, MappedField>,
}

/// A parsed mapping file: either per named index or for every index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MappingFile {
    /// The `{"<index>":{"mappings":…}}` shape, in file order.
    PerIndex(Vec<(String, Mapping)>),
    /// The `{"mappings":…}` or `{"properties":…}` shape.
    Any(Mapping),
}

/// Reads and parses a mapping file.
pub fn read_mapping_file(path: &Path) -> Result<MappingFile, CatalogError> {
    let text = std::fs::read_to_string(path).map_err(|e| CatalogError::io(path, &e))?;
    parse_mapping_text(&text).map_err(|error| CatalogError::BadMapping {
        path: path.to_path_buf(),
        error,
    })
}

/// Parses mapping JSON text in any of the accepted shapes.
pub fn parse_mapping_text(text: &str) -> Result<MappingFile, MappingError> {
    let json: Json = serde_json::from_str(text).map_err(|e| MappingError::Json(e.to_string()))?;
    let top = json.as_object().ok_or(MappingError::NotAnObject)?;
    if let Some(mappings) = top.get("mappings") {
        return Ok(MappingFile::Any(parse_mappings(mappings)?));
    }
    if top.contains_key("properties") {
        return Ok(MappingFile::Any(parse_mappings(&json)?));
    }
    let per_index = !top.is_empty()
        && top
            .values()
            .all(|v| v.as_object().is_some_and(|o| o.contains_key("mappings")));
    if !per_index {
        return Err(MappingError::UnknownShape);
    }
    let mut out = Vec::new();
    for (index, body) in top {
        let mappings = body.get("mappings").unwrap_or(&Json::Null);
        let mapping = parse_mappings(mappings).map_err(|e| MappingError::InIndex {
            index: index.clone(),
            error: Box::new(e),
        })?;
        out.push((index.clone(), mapping));
    }
    Ok(MappingFile::PerIndex(out))
}

/// Parses the body of `mappings` (an object with `properties`, `runtime`…).
fn parse_mappings(body: &Json) -> Result<Mapping, MappingError> {
    let obj = body
        .as_object()
        .ok_or_else(|| MappingError::PartNotAnObject("mappings".to_string()))?;
    // Pre-7.0 typed mappings: `{"_doc":{"properties":…}}`.
    let obj = match (obj.get("properties"), obj.len()) {
        (None, 1) => obj
            .values()
            .next()
            .and_then(Json::as_object)
            .filter(|inner| inner.contains_key("properties"))
            .unwrap_or(obj),
        _ => obj,
    };
    let mut walk = Walk::default();
    if let Some(props) = obj.get("properties") {
        walk.properties(props, "")?;
    }
    if let Some(runtime) = obj.get("runtime") {
        walk.runtime(runtime)?;
    }
    walk.resolve_aliases()?;
    Ok(Mapping {
        fields: walk.fields,
    })
}

#[derive(Default)]
struct Walk {
    fields: BTreeMap<String, MappedField>,
    aliases: Vec<(String, String)>,
}

fn as_object<'j>(value: &'j Json, what: &str) -> Result<&'j Map<String, Json>, MappingError> {
    value
        .as_object()
        .ok_or_else(|| MappingError::PartNotAnObject(what.to_string()))
}

fn type_of<'j>(def: &'j Map<String, Json>, name: &str) -> Result<Option<&'j str>, MappingError> {
    match def.get("type") {
        None => Ok(None),
        Some(Json::String(t)) => Ok(Some(t.as_str())),
        Some(_) => Err(MappingError::TypeNotAString(name.to_string())),
    }
}

fn constant_value(def: &Map<String, Json>) -> Option<String> {
    match def.get("value")? {
        Json::String(s) => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Walk {
    fn properties(&mut self, props: &Json, prefix: &str) -> Result<(), MappingError> {
        let what = if prefix.is_empty() {
            "properties".to_string()
        } else {
            format!("{prefix}.properties")
        };
        for (name, def) in as_object(props, &what)? {
            let full = if prefix.is_empty() {
                name.clone()
            } else {
                format!("{prefix}.{name}")
            };
            let def = as_object(def, &full)?;
            match type_of(def, &full)? {
                None | Some("object") => {
                    let enabled = def.get("enabled").and_then(Json::as_bool).unwrap_or(true);
                    if let (true, Some(sub)) = (enabled, def.get("properties")) {
                        self.properties(sub, &full)?;
                    }
                }
                Some("nested") => {}
                Some("alias") => {
                    let path = def
                        .get("path")
                        .and_then(Json::as_str)
                        .ok_or_else(|| MappingError::AliasWithoutPath(full.clone()))?;
                    self.aliases.push((full, path.to_string()));
                }
                Some(es_type) => {
                    self.leaf(&full, es_type, def);
                    if let Some(multi) = def.get("fields") {
                        for (sub, sub_def) in as_object(multi, &format!("{full}.fields"))? {
                            let sub_name = format!("{full}.{sub}");
                            let sub_def = as_object(sub_def, &sub_name)?;
                            match type_of(sub_def, &sub_name)? {
                                Some(t) => self.leaf(&sub_name, t, sub_def),
                                None => return Err(MappingError::MultiFieldWithoutType(sub_name)),
                            }
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn leaf(&mut self, name: &str, es_type: &str, def: &Map<String, Json>) {
        let mut field = MappedField::of_es_type(es_type);
        if es_type == "constant_keyword" {
            field.constant = constant_value(def);
        }
        if es_type == "scaled_float" {
            if let Some(factor) = def.get("scaling_factor").and_then(Json::as_f64) {
                field.storage = FloatStorage::Scaled(factor.to_bits());
            }
        }
        self.fields.insert(name.to_string(), field);
    }

    fn runtime(&mut self, runtime: &Json) -> Result<(), MappingError> {
        for (name, def) in as_object(runtime, "runtime")? {
            let def = as_object(def, name)?;
            match type_of(def, name)? {
                Some("composite") => {
                    if let Some(subs) = def.get("fields") {
                        for (sub, sub_def) in as_object(subs, &format!("{name}.fields"))? {
                            let sub_name = format!("{name}.{sub}");
                            let sub_def = as_object(sub_def, &sub_name)?;
                            if let Some(t) = type_of(sub_def, &sub_name)? {
                                self.leaf(&sub_name, t, sub_def);
                            }
                        }
                    }
                }
                Some(t) => self.leaf(name, t, def),
                None => return Err(MappingError::RuntimeFieldWithoutType(name.clone())),
            }
        }
        Ok(())
    }

    fn resolve_aliases(&mut self) -> Result<(), MappingError> {
        for (alias, path) in std::mem::take(&mut self.aliases) {
            let target = self.fields.get(&path).cloned().ok_or_else(|| {
                MappingError::AliasTargetUnmapped {
                    alias: alias.clone(),
                    path: path.clone(),
                }
            })?;
            self.fields.insert(alias, target);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any(text: &str) -> Mapping {
        match parse_mapping_text(text).unwrap() {
            MappingFile::Any(m) => m,
            other => panic!("unexpected shape {other:?}"),
        }
    }

    fn types(m: &Mapping) -> Vec<(String, &'static str)> {
        m.fields
            .iter()
            .map(|(k, v)| (k.clone(), v.ty.name()))
            .collect()
    }

    #[test]
    fn bare_properties_recursive_and_multi_fields() {
        let m = any(r#"{"_meta":{"x":1},"properties":{
            "emp_no":{"type":"integer"},
            "languages":{"type":"integer","fields":{"long":{"type":"long"},"short":{"type":"short"}}},
            "city":{"properties":{"name":{"type":"keyword"},"country":{"properties":{"code":{"type":"keyword"}}}}},
            "msg":{"type":"match_only_text","fields":{"raw":{"type":"wildcard"}}},
            "amount":{"type":"scaled_float","scaling_factor":100},
            "blob":{"type":"binary"},
            "loc":{"type":"geo_point"},
            "labels":{"type":"flattened"},
            "off":{"type":"object","enabled":false,"properties":{"x":{"type":"long"}}},
            "events":{"type":"nested","properties":{"id":{"type":"keyword"}}}
        }}"#);
        assert_eq!(
            types(&m),
            vec![
                ("amount".to_string(), "double"),
                ("blob".to_string(), "unsupported"),
                ("city.country.code".to_string(), "keyword"),
                ("city.name".to_string(), "keyword"),
                ("emp_no".to_string(), "integer"),
                ("labels".to_string(), "unsupported"),
                ("languages".to_string(), "integer"),
                ("languages.long".to_string(), "long"),
                ("languages.short".to_string(), "integer"),
                ("loc".to_string(), "unsupported"),
                ("msg".to_string(), "text"),
                ("msg.raw".to_string(), "keyword"),
            ]
        );
        assert_eq!(m.fields["labels"].es_type, "flattened");
    }

    #[test]
    fn mappings_shape_alias_constant_runtime() {
        let m = any(r#"{"mappings":{
            "runtime":{"day":{"type":"keyword","script":"emit('x')"}},
            "properties":{
                "@timestamp":{"type":"date_nanos"},
                "ts":{"type":"alias","path":"@timestamp"},
                "data_stream":{"properties":{"dataset":{"type":"constant_keyword","value":"aws.cloudtrail"}}},
                "level":{"type":"constant_keyword"},
                "addr":{"type":"ip"}}}}"#);
        assert_eq!(m.fields["ts"].ty, DataType::DateNanos);
        assert_eq!(m.fields["day"].ty, DataType::Keyword);
        assert_eq!(m.fields["addr"].ty, DataType::Ip);
        let ds = &m.fields["data_stream.dataset"];
        assert_eq!(ds.ty, DataType::Keyword);
        assert_eq!(ds.constant.as_deref(), Some("aws.cloudtrail"));
        assert_eq!(m.fields["level"].constant, None);
        assert_eq!(m.fields.len(), 6);
    }

    #[test]
    fn per_index_shape() {
        let f = parse_mapping_text(
            r#"{"events_ip":{"mappings":{"properties":{"client_ip":{"type":"ip"}}}},
                "events_kw":{"mappings":{"properties":{"client_ip":{"type":"keyword"}}}}}"#,
        )
        .unwrap();
        let MappingFile::PerIndex(list) = f else {
            panic!("expected per-index")
        };
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].0, "events_ip");
        assert_eq!(list[0].1.fields["client_ip"].ty, DataType::Ip);
        assert_eq!(list[1].1.fields["client_ip"].ty, DataType::Keyword);
    }

    #[test]
    fn legacy_typed_and_empty_mappings() {
        let m = any(r#"{"mappings":{"_doc":{"properties":{"a":{"type":"long"}}}}}"#);
        assert_eq!(m.fields["a"].ty, DataType::Long);
        assert!(any(r#"{"mappings":{}}"#).fields.is_empty());
    }

    #[test]
    fn errors() {
        assert!(parse_mapping_text("[1]").is_err());
        assert!(parse_mapping_text("{").is_err());
        assert!(parse_mapping_text(r#"{"x":1}"#).is_err());
        assert!(parse_mapping_text("{}").is_err());
        let e =
            parse_mapping_text(r#"{"properties":{"a":{"type":"alias","path":"b"}}}"#).unwrap_err();
        assert!(e.to_string().contains("alias [a] points to [b]"), "{e}");
        let e = parse_mapping_text(r#"{"properties":{"a":{"type":3}}}"#).unwrap_err();
        assert!(e.to_string().contains("type of [a]"), "{e}");
        let e = parse_mapping_text(r#"{"properties":{"a":"long"}}"#).unwrap_err();
        assert!(e.to_string().contains("[a] must be an object"), "{e}");
    }
}
