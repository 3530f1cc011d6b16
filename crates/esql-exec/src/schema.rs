//! The columns `FROM` provides: for each index its mapping, or the fields
//! discovered in its documents typed by the declared tables (field-type
//! files, built-in integration templates and ECS, see
//! [`crate::catalog::declared`]) and otherwise by inference, plus the
//! fields the tables and templates map; then the union over the indices
//! with Elasticsearch's conflict rules. A field declared `flattened` is one
//! column of type `unsupported`: its keys are no columns.

use crate::catalog::{unify_field_types, IndexFieldType, IndexInfo, MappedField};
use crate::reader::{infer, ReadError};
use crate::types::DataType;
use crate::value::Value;
use std::collections::BTreeMap;

/// What `FROM` provides: the fields of the matched indices (sorted by
/// name, as Elasticsearch lists them) and the metadata fields asked for.
#[derive(Clone, Debug, Default)]
pub struct SourceSchema {
    /// Fields with their types.
    pub fields: Vec<(String, DataType)>,
    /// Conflict messages for fields mapped with incompatible types.
    pub conflicts: Vec<(String, String)>,
    /// Fields stored at reduced precision (`float`, `half_float`, `scaled_float`).
    pub float_storage: std::collections::BTreeMap<String, crate::catalog::FloatStorage>,
}

/// One field of one index: its ES|QL type and, when declared, the
/// Elasticsearch mapping type (named by the message of an unsupported one).
#[derive(Clone, Copy)]
struct IndexField<'a> {
    ty: DataType,
    es_type: Option<&'a str>,
}

impl<'a> IndexField<'a> {
    fn declared(f: &'a MappedField) -> Self {
        IndexField {
            ty: f.ty,
            es_type: Some(f.es_type.as_str()),
        }
    }
}

/// The fields of one index with their types. Without a mapping: the
/// fields its documents show, typed by the declarations or else inferred
/// (a key of a flattened field shows the flattened field itself), and the
/// fields its tables and integration templates map.
fn index_fields<'a>(
    index: &'a IndexInfo,
    first_bad: &mut Option<ReadError>,
    threads: usize,
) -> Result<BTreeMap<String, IndexField<'a>>, ReadError> {
    if let Some(mapped) = index.declared.mapped_fields() {
        return Ok(mapped
            .iter()
            .map(|(n, f)| (n.clone(), IndexField::declared(f)))
            .collect());
    }
    let discovered = infer::discover_checked(&index.files, index.format, first_bad, threads)?;
    let mut out = BTreeMap::new();
    for (name, inferred) in discovered {
        let name = match index.declared.flattened_parent(&name) {
            Some(root) => root.to_string(),
            None => name,
        };
        let field = match index.declared.lookup(&name) {
            Some((f, _)) => Some(IndexField::declared(f)),
            None => inferred.map(|ty| IndexField { ty, es_type: None }),
        };
        if let Some(field) = field {
            out.insert(name, field);
        }
    }
    for (name, f) in index.declared.table_fields() {
        out.entry(name.to_string())
            .or_insert_with(|| IndexField::declared(f));
    }
    Ok(out)
}

/// The union of the fields of `indices`, sorted by name.
#[cfg(test)]
pub fn build(indices: &[IndexInfo]) -> Result<SourceSchema, ReadError> {
    build_checked(indices, &mut None, 1)
}

/// Like [`build`], also keeping the first malformed line field discovery
/// met in `first_bad`; up to `threads` workers sample the files.
pub fn build_checked(
    indices: &[IndexInfo],
    first_bad: &mut Option<ReadError>,
    threads: usize,
) -> Result<SourceSchema, ReadError> {
    let mut per_field: BTreeMap<String, Vec<IndexFieldType<'_>>> = BTreeMap::new();
    for index in indices {
        for (name, f) in index_fields(index, first_bad, threads)? {
            per_field.entry(name).or_default().push(IndexFieldType {
                index: index.name.as_str(),
                ty: f.ty,
                es_type: f.es_type,
            });
        }
    }
    let mut schema = SourceSchema::default();
    for index in indices {
        if let Some(mapped) = index.declared.mapped_fields() {
            for (name, f) in mapped {
                if f.storage != crate::catalog::FloatStorage::Double {
                    schema.float_storage.insert(name.clone(), f.storage);
                }
            }
        }
    }
    for (name, per_index) in per_field {
        let unified = unify_field_types(&name, &per_index);
        if let Some(problem) = unified.problem {
            schema.conflicts.push((name.clone(), problem));
        }
        schema.fields.push((name, unified.ty));
    }
    Ok(schema)
}

/// Adds `name` with its declaration to `schema`, with the message any use
/// of it gives when its type is unsupported.
fn add_field(schema: &mut SourceSchema, name: &str, decl: &MappedField) {
    schema.fields.push((name.to_string(), decl.ty));
    let unified = unify_field_types(
        name,
        &[IndexFieldType {
            index: "",
            ty: decl.ty,
            es_type: Some(decl.es_type.as_str()),
        }],
    );
    if let Some(problem) = unified.problem {
        if !schema.conflicts.iter().any(|(n, _)| n == name) {
            schema.conflicts.push((name.to_string(), problem));
        }
    }
}

/// Fields a query names that an index declares (ECS or field-type tables)
/// but whose documents never showed: they exist, as null columns. A key of
/// a flattened field is never one.
pub fn add_declared(schema: &mut SourceSchema, indices: &[IndexInfo], names: &[String]) {
    if indices
        .iter()
        .any(|ix| ix.declared.mapped_fields().is_some())
    {
        return;
    }
    for name in names {
        if schema.fields.iter().any(|(n, _)| n == name) {
            continue;
        }
        if let Some(decl) = indices
            .iter()
            .find_map(|ix| ix.declared.lookup(name).map(|(f, _)| f))
        {
            add_field(schema, name, decl);
        }
    }
    schema.fields.sort_by(|a, b| a.0.cmp(&b.0));
}

/// Fields declared by the field-type tables and integration templates of
/// `indices` that match a KEEP or DROP wildcard of the query: mapped
/// fields exist even when no sampled document has a value.
pub fn add_declared_patterns(
    schema: &mut SourceSchema,
    indices: &[IndexInfo],
    patterns: &[String],
) {
    if patterns.is_empty()
        || indices
            .iter()
            .any(|ix| ix.declared.mapped_fields().is_some())
    {
        return;
    }
    let glob = crate::catalog::pattern::glob_match;
    for index in indices {
        for (name, field) in index.declared.table_fields() {
            let matched = patterns.iter().any(|p| glob(p, name));
            if matched && !name.contains('*') && !schema.fields.iter().any(|(n, _)| n == name) {
                add_field(schema, name, field);
            }
        }
    }
    // A pattern that still matches nothing falls back to the ECS fields it
    // names, as an integration's mapping would declare them.
    for p in patterns {
        if schema.fields.iter().any(|(n, _)| glob(p, n)) {
            continue;
        }
        for (name, _) in crate::catalog::ecs::ecs_fields_matching(|n| glob(p, n)) {
            if let Some(decl) = crate::catalog::ecs_field(&name) {
                add_field(schema, &name, decl);
            }
        }
    }
    schema.fields.sort_by(|a, b| a.0.cmp(&b.0));
    schema.fields.dedup_by(|a, b| a.0 == b.0);
}

/// `constant_keyword` values of an index, by position in `fields`.
pub fn constants(index: &IndexInfo, fields: &[(String, DataType)]) -> Vec<(usize, Value)> {
    let Some(mapped) = index.declared.mapped_fields() else {
        return Vec::new();
    };
    fields
        .iter()
        .enumerate()
        .filter_map(|(i, (name, _))| {
            let c = mapped.get(name)?.constant.as_ref()?;
            Some((i, Value::str(c)))
        })
        .collect()
}
