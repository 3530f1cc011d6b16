//! The columns `FROM` provides: for each index its mapping, or the fields
//! discovered in its documents typed by the declared tables (field-type
//! files, built-in ECS) and otherwise by inference; then the union over the
//! indices with Elasticsearch's conflict rules.

use crate::catalog::{unify_field_types, IndexFieldType, IndexInfo};
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

/// The fields of one index with their types.
fn index_fields(
    index: &IndexInfo,
    first_bad: &mut Option<ReadError>,
) -> Result<BTreeMap<String, DataType>, ReadError> {
    if let Some(mapped) = index.declared.mapped_fields() {
        return Ok(mapped.iter().map(|(n, f)| (n.clone(), f.ty)).collect());
    }
    let discovered = infer::discover_checked(&index.files, index.format, first_bad)?;
    let mut out = BTreeMap::new();
    for (name, inferred) in discovered {
        let ty = index.declared.declared_type(&name).or(inferred);
        if let Some(ty) = ty {
            out.insert(name, ty);
        }
    }
    for (name, ty) in index.declared.explicit_fields() {
        out.entry(name).or_insert(ty);
    }
    Ok(out)
}

/// The union of the fields of `indices`, sorted by name.
pub fn build(indices: &[IndexInfo]) -> Result<SourceSchema, ReadError> {
    build_checked(indices, &mut None)
}

/// Like [`build`], also keeping the first malformed line field discovery
/// met in `first_bad`.
pub fn build_checked(
    indices: &[IndexInfo],
    first_bad: &mut Option<ReadError>,
) -> Result<SourceSchema, ReadError> {
    let mut per_field: BTreeMap<String, Vec<(usize, DataType)>> = BTreeMap::new();
    for (i, index) in indices.iter().enumerate() {
        for (name, ty) in index_fields(index, first_bad)? {
            per_field.entry(name).or_default().push((i, ty));
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
    for (name, types) in per_field {
        let per_index: Vec<IndexFieldType<'_>> = types
            .iter()
            .filter_map(|(i, ty)| {
                indices.get(*i).map(|ix| IndexFieldType {
                    index: ix.name.as_str(),
                    ty: *ty,
                    es_type: None,
                })
            })
            .collect();
        let unified = unify_field_types(&name, &per_index);
        if let Some(problem) = unified.problem {
            schema.conflicts.push((name.clone(), problem));
        }
        schema.fields.push((name, unified.ty));
    }
    Ok(schema)
}

/// Fields a query names that an index declares (ECS or field-type tables)
/// but whose documents never showed: they exist, as null columns.
pub fn add_declared(schema: &mut SourceSchema, indices: &[IndexInfo], names: &[String]) {
    for name in names {
        if schema.fields.iter().any(|(n, _)| n == name) {
            continue;
        }
        if indices
            .iter()
            .any(|ix| ix.declared.mapped_fields().is_some())
        {
            continue;
        }
        if let Some(ty) = indices
            .iter()
            .find_map(|ix| ix.declared.declared_type(name))
        {
            schema.fields.push((name.clone(), ty));
        }
    }
    schema.fields.sort_by(|a, b| a.0.cmp(&b.0));
}

/// Fields declared by the field-type tables of `indices` that match a KEEP
/// or DROP wildcard of the query: mapped fields exist even when no sampled
/// document has a value.
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
                schema.fields.push((name.to_string(), field.ty));
            }
        }
    }
    // A pattern that still matches nothing falls back to the ECS fields it
    // names, as an integration's mapping would declare them.
    for p in patterns {
        if schema.fields.iter().any(|(n, _)| glob(p, n)) {
            continue;
        }
        for (name, ty) in crate::catalog::ecs::ecs_fields_matching(|n| glob(p, n)) {
            schema.fields.push((name, ty));
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
