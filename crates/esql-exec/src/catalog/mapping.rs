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

impl FloatStorage {
    /// Rounds `v` to this precision, as the field's doc values read back.
    pub fn round(self, v: f64) -> f64 {
        match self {
            FloatStorage::Double => v,
            FloatStorage::Float => v as f32 as f64,
            FloatStorage::HalfFloat => round_half(v),
            FloatStorage::Scaled(bits) => {
                // Math.round(v * factor) (a long), read back as long * (1 / factor).
                let factor = f64::from_bits(bits);
                java_round(v * factor) as f64 * (1.0 / factor)
            }
        }
    }
}

/// Java's `Math.round(double)`: `floor(x + 0.5)`, saturating at the long
/// range, 0 for NaN (Rust's float-to-int cast saturates the same way).
pub fn java_round(x: f64) -> i64 {
    (x + 0.5).floor() as i64
}

/// Rounds to the nearest IEEE half-precision value (ties to even).
fn round_half(v: f64) -> f64 {
    if !v.is_finite() || v == 0.0 {
        return v;
    }
    let a = v.abs();
    if a >= 65520.0 {
        return v.signum() * f64::INFINITY;
    }
    // Spacing of half-precision values around `a`: 2^(e - 10) for normal
    // numbers (e >= -14), 2^-24 for subnormals.
    let e = a.log2().floor().max(-14.0);
    let step = (e - 10.0).exp2();
    let q = a / step;
    let mut r = q.round();
    if (q - q.floor() - 0.5).abs() < f64::EPSILON * q {
        // A tie: round to even.
        r = if q.floor() % 2.0 == 0.0 {
            q.floor()
        } else {
            q.ceil()
        };
    }
    v.signum() * r * step
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

/// The declared fields of one index, by full dotted name, and the index
/// settings that matter offline.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Every visible field (leaves and multi-fields), sorted by name.
    pub fields: BTreeMap<String, MappedField>,
    /// False when the file holds settings but no `mappings`/`properties`:
    /// then the index's fields are found in its documents as without a
    /// mapping, and only [`Mapping::index_mode`] is declared.
    pub declares_fields: bool,
    /// The `index.mode` setting (`standard`, `lookup`, `logsdb`,
    /// `time_series`) when the file gives `settings`.
    pub index_mode: Option<String>,
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

/// Parses mapping JSON text in any of the accepted shapes: a `_mapping`
/// answer (`{"<index>":{"mappings":…}}`), the body of `PUT <index>` or the
/// answer of `GET <index>` (`mappings` and/or `settings`, bare or under
/// the index name), or bare `{"properties":…}`.
pub fn parse_mapping_text(text: &str) -> Result<MappingFile, MappingError> {
    let json: Json = serde_json::from_str(text).map_err(|e| MappingError::Json(e.to_string()))?;
    let top = json.as_object().ok_or(MappingError::NotAnObject)?;
    if top.contains_key("mappings") || top.contains_key("settings") {
        return Ok(MappingFile::Any(parse_definition(top)?));
    }
    if top.contains_key("properties") {
        return Ok(MappingFile::Any(parse_mappings(&json)?));
    }
    let per_index = !top.is_empty()
        && top.values().all(|v| {
            v.as_object()
                .is_some_and(|o| o.contains_key("mappings") || o.contains_key("settings"))
        });
    if !per_index {
        return Err(MappingError::UnknownShape);
    }
    let mut out = Vec::new();
    for (index, body) in top {
        let body = as_object(body, index)?;
        let mapping = parse_definition(body).map_err(|e| MappingError::InIndex {
            index: index.clone(),
            error: Box::new(e),
        })?;
        out.push((index.clone(), mapping));
    }
    Ok(MappingFile::PerIndex(out))
}

/// An index definition: `mappings` (optional) and `settings` (optional).
fn parse_definition(body: &Map<String, Json>) -> Result<Mapping, MappingError> {
    let mut mapping = match body.get("mappings") {
        Some(mappings) => parse_mappings(mappings)?,
        None => Mapping::default(),
    };
    if let Some(settings) = body.get("settings") {
        mapping.index_mode = index_mode(as_object(settings, "settings")?)?;
    }
    Ok(mapping)
}

/// `index.mode` of a settings object, written flat (`"index.mode"`),
/// nested (`{"index":{"mode":…}}`, as `GET <index>` answers) or without
/// the `index.` prefix (`"mode"`, which Elasticsearch also accepts).
fn index_mode(settings: &Map<String, Json>) -> Result<Option<String>, MappingError> {
    let nested = settings
        .get("index")
        .and_then(Json::as_object)
        .and_then(|index| index.get("mode"));
    let value = settings
        .get("index.mode")
        .or(nested)
        .or_else(|| settings.get("mode"));
    match value {
        None => Ok(None),
        Some(Json::String(mode)) => Ok(Some(mode.to_ascii_lowercase())),
        Some(_) => Err(MappingError::ModeNotAString),
    }
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
        declares_fields: true,
        index_mode: None,
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
    fn settings_give_the_index_mode() {
        let m = any(
            r#"{"settings":{"index.mode":"lookup"},"mappings":{"properties":{"a":{"type":"ip"}}}}"#,
        );
        assert_eq!(m.index_mode.as_deref(), Some("lookup"));
        assert!(m.declares_fields);
        let only = any(r#"{"settings":{"index":{"mode":"LOOKUP","number_of_shards":"1"}}}"#);
        assert_eq!(only.index_mode.as_deref(), Some("lookup"));
        assert!(!only.declares_fields, "settings alone declare no fields");
        assert_eq!(
            any(r#"{"settings":{"mode":"standard"}}"#)
                .index_mode
                .as_deref(),
            Some("standard")
        );
        let MappingFile::PerIndex(list) = parse_mapping_text(
            r#"{"iocs":{"aliases":{},"mappings":{"properties":{"ip":{"type":"ip"}}},"settings":{"index":{"mode":"lookup"}}}}"#,
        )
        .unwrap() else {
            panic!("expected per-index")
        };
        assert_eq!(list[0].1.index_mode.as_deref(), Some("lookup"));
        assert_eq!(list[0].1.fields["ip"].ty, DataType::Ip);
        let e = parse_mapping_text(r#"{"settings":{"index.mode":1}}"#).unwrap_err();
        assert!(e.to_string().contains("index.mode"), "{e}");
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
