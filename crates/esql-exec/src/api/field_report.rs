//! The fields of the indices a pattern matches, with where each type came
//! from (`esql fields`).

use super::session::{Session, Table};
use crate::catalog::declared::DeclSource;
use crate::catalog::pattern::PatternRef;
use crate::catalog::IndexInfo;
use crate::engine::QueryError;
use crate::reader::infer;
use crate::result::Column;
use crate::types::DataType;
use crate::value::{Scalar, Value};
use std::collections::BTreeMap;

/// One index's fields: type name and source name by field.
type IndexFields = BTreeMap<String, (String, &'static str)>;

/// Where one index's type of a field came from.
fn source_name(source: Option<DeclSource>) -> &'static str {
    match source {
        Some(DeclSource::Mapping) => "mapping",
        Some(DeclSource::FieldTypes) => "field-types",
        Some(DeclSource::Template) => "template",
        Some(DeclSource::RuleSchema) => "rule-schema",
        Some(DeclSource::Ecs) => "ecs",
        None => "inferred",
    }
}

/// The fields of one index: type name and source name by field.
fn index_fields(index: &IndexInfo) -> IndexFields {
    let mut out = BTreeMap::new();
    if let Some(mapped) = index.declared.mapped_fields() {
        for (name, f) in mapped {
            out.insert(name.clone(), (f.ty.name().to_string(), "mapping"));
        }
        return out;
    }
    let mut first_bad = None;
    let discovered =
        infer::discover_checked(&index.files, index.format, &mut first_bad, 1).unwrap_or_default();
    for (name, inferred) in discovered {
        let name = match index.declared.flattened_parent(&name) {
            Some(root) => root.to_string(),
            None => name,
        };
        match index.declared.lookup(&name) {
            Some((f, source)) => {
                out.insert(name, (f.ty.name().to_string(), source_name(Some(source))));
            }
            None => {
                if let Some(ty) = inferred {
                    out.insert(name, (ty.name().to_string(), source_name(None)));
                }
            }
        }
    }
    for (name, f) in index.declared.table_fields() {
        let source = index.declared.lookup(name).map(|(_, s)| s);
        out.entry(name.to_string())
            .or_insert_with(|| (f.ty.name().to_string(), source_name(source)));
    }
    out
}

impl Session {
    /// The fields `FROM pattern` gives, one row each in Elasticsearch's
    /// order: `field`, `type` (its ES|QL type over the matched indices),
    /// `source` (where the types came from: `mapping`, `field-types`,
    /// `template`, `rule-schema`, `ecs` or `inferred`; several, comma
    /// separated, when the indices differ) and `indices` (for a field whose
    /// indices disagree on its type, `index: type` for each, else null).
    /// `Err` is the error `FROM pattern` gives (e.g. an unknown index).
    pub fn field_report(&self, pattern: &str) -> Result<Table, QueryError> {
        let columns = self.fields(pattern)?;
        let parsed = esql_parser::parse(&format!("FROM {pattern}")).map_err(QueryError::Parse)?;
        let patterns: Vec<PatternRef<'_>> = match &parsed.query.source.node {
            esql_parser::ast::SourceCommand::From(from) => from
                .indices
                .iter()
                .map(|p| PatternRef {
                    cluster: p.node.cluster.as_deref(),
                    pattern: p.node.pattern.as_str(),
                    selector: p.node.selector.as_deref(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let indices = self
            .catalog()?
            .resolve(&patterns)
            .map(|r| r.indices)
            .unwrap_or_default();
        let per_index: Vec<(String, IndexFields)> = indices
            .iter()
            .map(|ix| (ix.name.clone(), index_fields(ix)))
            .collect();
        let mut rows = Vec::new();
        for column in &columns {
            let mut sources: Vec<&str> = Vec::new();
            let mut types: Vec<(String, String)> = Vec::new();
            for (index, fields) in &per_index {
                if let Some((ty, source)) = fields.get(&column.name) {
                    if !sources.contains(source) {
                        sources.push(source);
                    }
                    types.push((index.clone(), ty.clone()));
                }
            }
            let differ = types
                .iter()
                .any(|(_, t)| types.first().is_some_and(|(_, f)| f != t));
            let text = |s: String| Value::One(Scalar::Str(s.as_str().into()));
            rows.push(vec![
                text(column.name.clone()),
                text(column.ty.name().to_string()),
                if sources.is_empty() {
                    Value::Null
                } else {
                    text(sources.join(","))
                },
                if differ {
                    let listed: Vec<String> =
                        types.iter().map(|(i, t)| format!("{i}: {t}")).collect();
                    text(listed.join(", "))
                } else {
                    Value::Null
                },
            ]);
        }
        let column = |name: &str| Column {
            name: name.to_string(),
            ty: DataType::Keyword,
        };
        Ok(Table {
            columns: vec![
                column("field"),
                column("type"),
                column("source"),
                column("indices"),
            ],
            rows,
            warnings: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_sources_and_conflicts() {
        let s = Session::new()
            .with_documents(
                "a",
                vec![json!({"n": 1, "host": {"name": "x"}, "@timestamp": "2024-05-10T10:00:00Z"})],
            )
            .unwrap()
            .with_documents("b", vec![json!({"n": "one"})])
            .unwrap();
        let rows = s.field_report("a,b").unwrap().to_json_rows();
        let n = rows.iter().find(|r| r[0] == json!("n")).unwrap();
        assert_eq!(n[1], json!("unsupported"));
        assert_eq!(n[2], json!("inferred"));
        assert_eq!(n[3], json!("a: long, b: keyword"));
        let host = rows.iter().find(|r| r[0] == json!("host.name")).unwrap();
        assert_eq!(host[1..], [json!("keyword"), json!("ecs"), json!(null)]);
    }
}
