//! The catalog: which files make up which index, how `FROM` sources resolve
//! to indices, and the field types each index declares.
//!
//! * [`discover`]: data directories → index names and files;
//! * [`pattern`]: `FROM` sources → index names (Elasticsearch's rules);
//! * [`mapping`]: Elasticsearch `_mapping` JSON → declared fields;
//! * [`field_types`]: `--field-types` tables;
//! * [`ecs`]: the built-in ECS field types;
//! * [`integrations`]: the built-in integration field tables (index
//!   templates by index pattern, and detection-rules' schema);
//! * [`declared`]: the precedence of the above for one index;
//! * [`unify`]: one type for a field across indices.
//!
//! Documents are not read here: a [`Resolution`] lists each index's files and
//! declared types, and the reader infers the rest.

pub mod declared;
pub mod discover;
pub mod ecs;
pub mod error;
pub mod field_types;
pub mod integrations;
pub mod mapping;
pub mod mapping_error;
pub mod offline_fields;
pub mod pattern;
pub mod unify;

pub use declared::DeclaredFields;
pub use ecs::ecs_field;
pub use error::CatalogError;
pub use mapping::{FloatStorage, MappedField, Mapping};
pub use mapping_error::MappingError;
pub use pattern::{Component, PatternRef};
pub use unify::{unify_field_types, IndexFieldType};

use crate::reader::documents::{DocumentFormat, InputFormat};
use esql_cloudtrail::PipelineOptions;
use field_types::{read_field_types, FieldTypeRow, IndexFieldTypes};
use mapping::{read_mapping_file, MappingFile};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where the indices and their types come from (the CLI's options).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CatalogConfig {
    /// Data directories (`--data DIR`), scanned in order.
    pub data_dirs: Vec<PathBuf>,
    /// Indices given one by one (`--index NAME=PATH`); PATH is a data file or
    /// a folder. They replace a discovered index of the same name.
    pub explicit: Vec<(String, PathBuf)>,
    /// Mapping files (`--mapping FILE`). A file of the
    /// `{"<index>":{"mappings":…}}` shape applies to the indices it names;
    /// any other shape applies to every index. They take precedence over
    /// `NAME.mapping.json` beside the data; a file naming the index beats one
    /// for every index, and a later file beats an earlier one.
    pub mappings: Vec<PathBuf>,
    /// Field-type tables (`--field-types FILE`), in order (later rows win).
    pub field_types: Vec<PathBuf>,
    /// Enrich policy files (`--enrich-policy FILE`, see [`crate::enrich`]).
    pub enrich_policies: Vec<PathBuf>,
}

/// One index matched by a `FROM`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexInfo {
    /// The index name.
    pub name: String,
    /// Its data files, sorted by path (empty for the failure store).
    pub files: Vec<PathBuf>,
    /// `true` when the source selected the failure store (`::failures`),
    /// which offline holds no documents.
    pub failure_store: bool,
    /// Its declared field types.
    pub declared: Arc<DeclaredFields>,
    /// How its data files are read.
    pub format: DocumentFormat,
    /// Its `index.mode` setting, when a mapping file gives `settings`
    /// (`lookup` marks an index `LOOKUP JOIN` may use).
    pub mode: Option<String>,
}

/// What a `FROM` source list resolved to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolution {
    /// Matched indices, sorted by name (data before failure store).
    pub indices: Vec<IndexInfo>,
    /// Warnings to report with the query result.
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug)]
struct CatalogIndex {
    files: Vec<PathBuf>,
    declared: Arc<DeclaredFields>,
    mode: Option<String>,
}

/// The known indices with their files and declared types.
#[derive(Clone, Debug)]
pub struct Catalog {
    indices: BTreeMap<String, CatalogIndex>,
    warnings: Vec<String>,
    policies: BTreeMap<String, crate::enrich::EnrichPolicy>,
    input_format: InputFormat,
    pipeline: PipelineOptions,
}

fn single_mapping(path: &Path, index: &str, file: MappingFile) -> Result<Mapping, CatalogError> {
    match file {
        MappingFile::Any(m) => Ok(m),
        MappingFile::PerIndex(mut list) => {
            if list.len() == 1 {
                if let Some((_, m)) = list.pop() {
                    return Ok(m);
                }
            }
            list.into_iter()
                .find(|(k, _)| k == index)
                .map(|(_, m)| m)
                .ok_or_else(|| CatalogError::BadMapping {
                    path: path.to_path_buf(),
                    error: MappingError::NoneNamed(index.to_string()),
                })
        }
    }
}

impl Catalog {
    /// Discovers the indices, reads every mapping and field-type table; the
    /// built-in field tables (ECS, integrations) are on.
    pub fn open(cfg: &CatalogConfig) -> Result<Catalog, CatalogError> {
        Self::open_with_ecs(cfg, true)
    }

    /// Like [`Catalog::open`], with the built-in field tables (ECS and the
    /// integrations') on or off.
    pub fn open_with_ecs(cfg: &CatalogConfig, builtin_ecs: bool) -> Result<Catalog, CatalogError> {
        let mut warnings = Vec::new();
        let mut sources = discover::discover(&cfg.data_dirs, &mut warnings)?;
        for (name, path) in &cfg.explicit {
            sources.insert(name.clone(), discover::explicit_source(name, path)?);
        }

        let mut named: HashMap<String, Arc<Mapping>> = HashMap::new();
        let mut for_all: Option<Arc<Mapping>> = None;
        for path in &cfg.mappings {
            match read_mapping_file(path)? {
                MappingFile::Any(m) => for_all = Some(Arc::new(m)),
                MappingFile::PerIndex(list) => {
                    for (index, m) in list {
                        if !sources.contains_key(&index) {
                            warnings.push(format!(
                                "mapping for index [{index}] in [{}] matches no index",
                                path.display()
                            ));
                        }
                        named.insert(index, Arc::new(m));
                    }
                }
            }
        }

        let mut rows: Vec<FieldTypeRow> = Vec::new();
        for path in &cfg.field_types {
            rows.extend(read_field_types(path)?);
        }

        let mut indices = BTreeMap::new();
        for (name, src) in sources {
            let beside = match &src.mapping {
                Some(path) => Some(Arc::new(single_mapping(
                    path,
                    &name,
                    read_mapping_file(path)?,
                )?)),
                None => None,
            };
            // In precedence order: a file naming the index, one for every
            // index, the file beside the data. The first that declares
            // fields is the mapping; the first that gives `settings` the
            // index mode (a settings-only file leaves the fields to the
            // documents).
            let candidates = [named.get(&name).cloned(), for_all.clone(), beside];
            let mode = candidates
                .iter()
                .flatten()
                .find_map(|m| m.index_mode.clone());
            let mapping = candidates.into_iter().flatten().find(|m| m.declares_fields);
            let table = if mapping.is_some() {
                IndexFieldTypes::default()
            } else {
                IndexFieldTypes::for_index(&rows, &name)
            };
            let mut declared = DeclaredFields::new(mapping, table, builtin_ecs);
            if builtin_ecs {
                declared = declared.with_integrations(integrations::for_index(&name));
            }
            indices.insert(
                name,
                CatalogIndex {
                    files: src.files,
                    declared: Arc::new(declared),
                    mode,
                },
            );
        }
        let mut policies = BTreeMap::new();
        for path in &cfg.enrich_policies {
            let policy = crate::enrich::read_policy(path).map_err(CatalogError::BadEnrichPolicy)?;
            policies.insert(policy.name.clone(), policy);
        }
        Ok(Catalog {
            indices,
            warnings,
            policies,
            input_format: InputFormat::Auto,
            pipeline: PipelineOptions::default(),
        })
    }

    /// A catalog of the one index `info` describes (its files, declared
    /// types and document format), as the catalog it came from had it.
    pub fn of_index(info: &IndexInfo) -> Catalog {
        let mut indices = BTreeMap::new();
        indices.insert(
            info.name.clone(),
            CatalogIndex {
                files: info.files.clone(),
                declared: Arc::clone(&info.declared),
                mode: info.mode.clone(),
            },
        );
        Catalog {
            indices,
            warnings: Vec::new(),
            policies: BTreeMap::new(),
            input_format: info.format.input,
            pipeline: info.format.pipeline,
        }
    }

    /// The enrich policy named `name`, if one was given.
    pub fn enrich_policy(&self, name: &str) -> Option<&crate::enrich::EnrichPolicy> {
        self.policies.get(name)
    }

    /// The same catalog reading its data files as `format` says
    /// (`--input-format`; [`InputFormat::Auto`] by default).
    pub fn with_input_format(mut self, format: InputFormat) -> Catalog {
        self.input_format = format;
        self
    }

    /// The same catalog converting CloudTrail records with the pipeline
    /// `options` describe (`--cloudtrail-pipeline`; the newest version by
    /// default).
    pub fn with_cloudtrail_pipeline(mut self, options: PipelineOptions) -> Catalog {
        self.pipeline = options;
        self
    }

    /// All index names, sorted (hidden ones included).
    pub fn index_names(&self) -> Vec<&str> {
        self.indices.keys().map(String::as_str).collect()
    }

    /// Warnings raised while opening (skipped names, unused mappings).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// One index by exact name.
    pub fn index(&self, name: &str) -> Option<IndexInfo> {
        self.indices.get(name).map(|ix| IndexInfo {
            name: name.to_string(),
            files: ix.files.clone(),
            failure_store: false,
            declared: Arc::clone(&ix.declared),
            format: DocumentFormat {
                input: self.input_format,
                pipeline: self.pipeline,
            },
            mode: ix.mode.clone(),
        })
    }

    /// Resolves a `FROM` source list (see [`pattern`] for the rules).
    pub fn resolve(&self, patterns: &[PatternRef<'_>]) -> Result<Resolution, CatalogError> {
        let matched = pattern::resolve_patterns(self.indices.keys().map(String::as_str), patterns)?;
        let mut indices = Vec::with_capacity(matched.entries.len());
        for (name, comp) in matched.entries {
            if let Some(mut info) = self.index(&name) {
                if comp == Component::Failures {
                    info.failure_store = true;
                    info.files.clear();
                }
                indices.push(info);
            }
        }
        Ok(Resolution {
            indices,
            warnings: matched.warnings,
        })
    }
}

#[cfg(test)]
mod layering_tests;
#[cfg(test)]
mod tests;
