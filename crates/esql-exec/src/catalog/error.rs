//! Errors of opening a catalog and resolving `FROM` patterns.

use super::mapping_error::MappingError;
use std::fmt;
use std::path::PathBuf;

/// Why a catalog could not be opened or a `FROM` could not be resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogError {
    /// A file or folder could not be read.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
    /// A mapping file is not valid JSON or not an Elasticsearch mapping.
    BadMapping {
        /// The mapping file.
        path: PathBuf,
        /// What is wrong with it.
        error: MappingError,
    },
    /// A line of a `--field-types` table is malformed.
    BadFieldTypes {
        /// The table file.
        path: PathBuf,
        /// The 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
    /// No index matched the whole `FROM` source list (Elasticsearch's
    /// verification error `Unknown index [<patterns as written>]`).
    UnknownIndex {
        /// The source list as written, comma-separated.
        pattern: String,
    },
    /// A concrete index name (no wildcard) does not exist while other
    /// sources matched (Elasticsearch's `index_not_found_exception`).
    NoSuchIndex {
        /// The missing name.
        name: String,
    },
    /// A `::selector` other than `data` or `failures`.
    BadSelector {
        /// The source as written.
        expression: String,
        /// The unknown selector.
        selector: String,
    },
    /// A data-directory entry is a symbolic link leading outside its data
    /// directory; it is refused.
    OutsideDataDir {
        /// The entry as found in the data directory.
        path: PathBuf,
        /// The data directory it had to stay in.
        data_dir: PathBuf,
    },
    /// An enrich policy file is unreadable or malformed, or its documents
    /// cannot be loaded.
    BadEnrichPolicy(crate::enrich::PolicyError),
    /// An index name given with `--index NAME=PATH` is not usable.
    BadIndexName {
        /// The name as given.
        name: String,
        /// Why it is refused.
        reason: super::discover::IndexNameError,
    },
}

impl CatalogError {
    /// The Elasticsearch exception type of errors that are query errors
    /// (`verification_exception`, `index_not_found_exception`,
    /// `invalid_index_name_exception`); `None` for I/O and usage errors.
    pub fn es_exception_type(&self) -> Option<&'static str> {
        match self {
            CatalogError::UnknownIndex { .. } => Some("verification_exception"),
            CatalogError::NoSuchIndex { .. } => Some("index_not_found_exception"),
            CatalogError::BadSelector { .. } => Some("invalid_index_name_exception"),
            _ => None,
        }
    }

    /// The verification problem text (`Unknown index [..]`) when nothing
    /// matched, which Elasticsearch reports as a query problem at the
    /// position of the `FROM` sources; `None` for other errors.
    pub fn unknown_index_problem(&self) -> Option<String> {
        match self {
            CatalogError::UnknownIndex { pattern } if pattern.contains(".alerts-") => {
                Some(format!(
                    "{self}; the alerts of other Elastic systems are not available offline: \
                 export them as NDJSON and give them with --index or --data-dir"
                ))
            }
            CatalogError::UnknownIndex { .. } => Some(self.to_string()),
            _ => None,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, err: &std::io::Error) -> Self {
        CatalogError::Io {
            path: path.into(),
            message: err.to_string(),
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogError::Io { path, message } => {
                write!(f, "cannot read [{}]: {message}", path.display())
            }
            CatalogError::BadMapping { path, error } => {
                write!(f, "invalid mapping file [{}]: {error}", path.display())
            }
            CatalogError::BadFieldTypes {
                path,
                line,
                message,
            } => write!(
                f,
                "invalid field-types file [{}], line {line}: {message}",
                path.display()
            ),
            CatalogError::UnknownIndex { pattern } => write!(f, "Unknown index [{pattern}]"),
            CatalogError::NoSuchIndex { name } => write!(f, "no such index [{name}]"),
            CatalogError::BadSelector {
                expression,
                selector,
            } => write!(
                f,
                "Invalid index name [{expression}], invalid usage of :: separator, \
                 [{selector}] is not a recognized selector"
            ),
            CatalogError::OutsideDataDir { path, data_dir } => write!(
                f,
                "refusing [{}]: it leads outside the data directory [{}]",
                path.display(),
                data_dir.display()
            ),
            CatalogError::BadEnrichPolicy(error) => write!(f, "{error}"),
            CatalogError::BadIndexName { name, reason } => {
                write!(f, "invalid index name [{name}]: {reason}")
            }
        }
    }
}

impl std::error::Error for CatalogError {}
