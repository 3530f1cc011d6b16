//! The declared field types of one index, in order of precedence.
//!
//! 1. A mapping (beside the data or `--mapping`): when there is one, **only
//!    mapped fields exist**, and nothing below applies to the index.
//! 2. The `--field-types` tables (rows restricted to the index by
//!    `index_pattern`, or unrestricted).
//! 3. The built-in integration templates whose index pattern matches the
//!    index ([`super::integrations`]).
//! 4. The built-in detection-rules schema rows whose pattern matches.
//! 5. The built-in ECS table.
//! 6. Not here: the caller infers the type of any other field from the
//!    documents.
//!
//! Exact rows of 2 and 3 are fields of the index even when no document has
//! a value (an index template maps them); 4 and 5 only type a field the
//! documents show or a query names. The built-in tables (3–5) can be turned
//! off together.
//!
//! A field under a field whose declaration is `flattened` (by whichever
//! source declares the parent) is no field at all: Elasticsearch keeps the
//! keys of a flattened object inside that one field, and field
//! capabilities list only the root.

use super::ecs::{ecs_field, ecs_flattened};
use super::field_types::IndexFieldTypes;
use super::integrations::IntegrationFields;
use super::mapping::{MappedField, Mapping};
#[cfg(test)]
use crate::types::DataType;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Where a declared type comes from, in order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclSource {
    /// The index's mapping.
    Mapping,
    /// A `--field-types` table.
    FieldTypes,
    /// A built-in integration template.
    Template,
    /// The built-in detection-rules schema.
    RuleSchema,
    /// The built-in ECS table.
    Ecs,
}

/// The declared fields of one index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeclaredFields {
    mapping: Option<Arc<Mapping>>,
    table: IndexFieldTypes,
    integrations: IntegrationFields,
    ecs: bool,
    /// Names some source declares `flattened`, for a quick first check.
    flattened: HashSet<String>,
    /// True when a wildcard row of a table may declare a field `flattened`.
    flattened_patterns: bool,
}

impl DeclaredFields {
    /// Declarations from a mapping (if any), the index's field-type rows, and
    /// the ECS table when `ecs` is on (no integration tables: see
    /// [`DeclaredFields::with_integrations`]).
    pub fn new(mapping: Option<Arc<Mapping>>, table: IndexFieldTypes, ecs: bool) -> Self {
        let mut declared = DeclaredFields {
            mapping,
            table,
            integrations: IntegrationFields::default(),
            ecs,
            flattened: HashSet::new(),
            flattened_patterns: false,
        };
        declared.index_flattened();
        declared
    }

    /// The same declarations with the integration tables that apply to the
    /// index (ignored when the index has a mapping).
    pub fn with_integrations(mut self, integrations: IntegrationFields) -> Self {
        if self.mapping.is_none() {
            self.integrations = integrations;
            self.index_flattened();
        }
        self
    }

    fn index_flattened(&mut self) {
        let is_flat = |f: &MappedField| f.es_type == "flattened";
        let mut names: HashSet<String> = HashSet::new();
        let mut patterns = false;
        if let Some(m) = &self.mapping {
            names.extend(
                m.fields
                    .iter()
                    .filter(|(_, f)| is_flat(f))
                    .map(|(n, _)| n.clone()),
            );
        }
        for t in [
            &self.table,
            &self.integrations.templates,
            &self.integrations.schema,
        ] {
            names.extend(
                t.exact_fields()
                    .filter(|(_, f)| is_flat(f))
                    .map(|(n, _)| n.to_string()),
            );
            patterns |= t.has_wildcard(is_flat);
        }
        if self.ecs && self.mapping.is_none() {
            names.extend(ecs_flattened().iter().cloned());
        }
        self.flattened = names;
        self.flattened_patterns = patterns;
    }

    /// `true` when the index has a mapping, so only mapped fields exist.
    #[cfg(test)]
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
    ///
    /// A key under a flattened field is `None` (it is no field).
    pub fn lookup(&self, field: &str) -> Option<(&MappedField, DeclSource)> {
        if self.flattened_parent(field).is_some() {
            return None;
        }
        self.lookup_own(field)
    }

    /// [`DeclaredFields::lookup`] without the flattened-parent rule.
    fn lookup_own(&self, field: &str) -> Option<(&MappedField, DeclSource)> {
        if let Some(mapping) = &self.mapping {
            return mapping.fields.get(field).map(|f| (f, DeclSource::Mapping));
        }
        if let Some(f) = self.table.get(field) {
            return Some((f, DeclSource::FieldTypes));
        }
        if let Some(f) = self.integrations.templates.get(field) {
            return Some((f, DeclSource::Template));
        }
        if let Some(f) = self.integrations.schema.get(field) {
            return Some((f, DeclSource::RuleSchema));
        }
        if self.ecs {
            return ecs_field(field).map(|f| (f, DeclSource::Ecs));
        }
        None
    }

    /// The flattened field `field` is a key of, if any: the shortest proper
    /// dotted prefix of `field` declared `flattened`
    /// (`aws.cloudtrail.flattened.request_parameters` for
    /// `aws.cloudtrail.flattened.request_parameters.instanceId`).
    pub fn flattened_parent<'f>(&self, field: &'f str) -> Option<&'f str> {
        if self.flattened.is_empty() && !self.flattened_patterns {
            return None;
        }
        field
            .match_indices('.')
            .map(|(at, _)| field.get(..at).unwrap_or(field))
            .filter(|prefix| self.flattened_patterns || self.flattened.contains(*prefix))
            .find(|prefix| {
                self.lookup_own(prefix)
                    .is_some_and(|(f, _)| f.es_type == "flattened")
            })
    }

    /// The declared ES|QL type of `field` (see [`DeclaredFields::lookup`]).
    #[cfg(test)]
    pub fn declared_type(&self, field: &str) -> Option<DataType> {
        self.lookup(field).map(|(f, _)| f.ty)
    }

    /// The fields that exist in this index without a document showing them:
    /// the exact names of the `--field-types` tables and of the matching
    /// integration templates (wildcard rows, the rule schema and ECS
    /// excluded), each with its winning declaration, sorted by name. Keys
    /// of flattened fields are left out. Empty with a mapping.
    #[cfg(test)]
    pub fn explicit_fields(&self) -> Vec<(String, DataType)> {
        self.table_fields()
            .into_iter()
            .map(|(name, f)| (name.to_string(), f.ty))
            .collect()
    }

    /// The exact field names behind [`DeclaredFields::explicit_fields`],
    /// with their declarations.
    pub fn table_fields(&self) -> Vec<(&str, &MappedField)> {
        if self.mapping.is_some() {
            return Vec::new();
        }
        let mut names: Vec<&str> = self
            .table
            .exact_fields()
            .chain(self.integrations.templates.exact_fields())
            .map(|(n, _)| n)
            .collect();
        names.sort_unstable();
        names.dedup();
        names
            .into_iter()
            .filter_map(|n| self.lookup(n).map(|(f, _)| (n, f)))
            .collect()
    }
}
