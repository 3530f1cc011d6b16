//! The declared field types of one index, in order of precedence.
//!
//! 1. A mapping (beside the data or `--mapping`): when there is one, **only
//!    mapped fields exist**, and nothing below applies to the index.
//! 2. The `--field-types` tables (rows restricted to the index by
//!    `index_pattern`, or unrestricted).
//! 3. The built-in ECS table (unless turned off).
//! 4. Not here: the caller infers the type of any other field from the
//!    documents.

use super::ecs::ecs_field;
use super::field_types::IndexFieldTypes;
use super::mapping::{MappedField, Mapping};
use crate::types::DataType;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where a declared type comes from, in order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclSource {
    /// The index's mapping.
    Mapping,
    /// A `--field-types` table.
    FieldTypes,
    /// The built-in ECS table.
    Ecs,
}

/// The declared fields of one index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclaredFields {
    mapping: Option<Arc<Mapping>>,
    table: IndexFieldTypes,
    ecs: bool,
}

impl DeclaredFields {
    /// Declarations from a mapping (if any), the index's field-type rows, and
    /// the ECS table when `ecs` is on.
    pub fn new(mapping: Option<Arc<Mapping>>, table: IndexFieldTypes, ecs: bool) -> Self {
        DeclaredFields {
            mapping,
            table,
            ecs,
        }
    }

    /// `true` when the index has a mapping, so only mapped fields exist.
    pub fn mapping_only(&self) -> bool {
        self.mapping.is_some()
    }

    /// All mapped fields (sorted by name) when the index has a mapping.
    pub fn mapped_fields(&self) -> Option<&BTreeMap<String, MappedField>> {
        self.mapping.as_deref().map(|m| &m.fields)
    }

    /// The declaration of `field` and where it comes from. With a mapping,
    /// `None` means the field does not exist; without one, it means the
    /// type has to be inferred from the documents.
    pub fn lookup(&self, field: &str) -> Option<(&MappedField, DeclSource)> {
        if let Some(mapping) = &self.mapping {
            return mapping.fields.get(field).map(|f| (f, DeclSource::Mapping));
        }
        if let Some(f) = self.table.get(field) {
            return Some((f, DeclSource::FieldTypes));
        }
        if self.ecs {
            return ecs_field(field).map(|f| (f, DeclSource::Ecs));
        }
        None
    }

    /// The declared ES|QL type of `field` (see [`DeclaredFields::lookup`]).
    pub fn declared_type(&self, field: &str) -> Option<DataType> {
        self.lookup(field).map(|(f, _)| f.ty)
    }

    /// The fields the `--field-types` tables declare for this index by exact
    /// name (wildcard rows and ECS excluded), with their types, sorted by
    /// name. Empty with a mapping.
    pub fn explicit_fields(&self) -> Vec<(String, DataType)> {
        self.table_fields()
            .into_iter()
            .map(|(name, f)| (name.to_string(), f.ty))
            .collect()
    }

    /// The exact field names the `--field-types` tables declare for this
    /// index (wildcard rows excluded), sorted by name. Empty with a mapping.
    pub fn table_fields(&self) -> Vec<(&str, &MappedField)> {
        if self.mapping.is_some() {
            return Vec::new();
        }
        let mut out: Vec<(&str, &MappedField)> = self.table.exact_fields().collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }
}
