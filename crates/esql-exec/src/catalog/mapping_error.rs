//! Why a mapping file cannot be used, each reason with its wording in one
//! place.

use std::fmt;
use std::path::PathBuf;

/// What is wrong with a mapping file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MappingError {
    /// Not JSON (serde's message).
    Json(String),
    /// The top level is not a JSON object.
    NotAnObject,
    /// A JSON object of none of the accepted shapes.
    UnknownShape,
    /// A part that must be an object is not (its dotted place).
    PartNotAnObject(String),
    /// A field's `type` is not a string.
    TypeNotAString(String),
    /// A multi-field without a `type`.
    MultiFieldWithoutType(String),
    /// A runtime field without a `type`.
    RuntimeFieldWithoutType(String),
    /// An alias without a `path`.
    AliasWithoutPath(String),
    /// An alias whose `path` is not a mapped field.
    AliasTargetUnmapped {
        /// The alias.
        alias: String,
        /// Where it points.
        path: String,
    },
    /// A problem inside the mapping of one index of a per-index file.
    InIndex {
        /// The index the mapping is for.
        index: String,
        /// The problem.
        error: Box<MappingError>,
    },
    /// `index.mode` in `settings` is not a string.
    ModeNotAString,
    /// A per-index file that maps several indices but not the one wanted.
    NoneNamed(String),
    /// A second mapping file for an index that already has one.
    SecondMapping {
        /// The index.
        index: String,
        /// Its first mapping file.
        first: PathBuf,
    },
}

impl fmt::Display for MappingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MappingError::Json(message) => write!(f, "{message}"),
            MappingError::NotAnObject => write!(f, "expected a JSON object"),
            MappingError::UnknownShape => write!(
                f,
                "expected {{\"<index>\":{{\"mappings\":…}}}}, {{\"mappings\":…, \"settings\":…}} or {{\"properties\":…}}"
            ),
            MappingError::PartNotAnObject(what) => write!(f, "[{what}] must be an object"),
            MappingError::TypeNotAString(name) => write!(f, "the type of [{name}] must be a string"),
            MappingError::MultiFieldWithoutType(name) => write!(f, "[{name}] has no type"),
            MappingError::RuntimeFieldWithoutType(name) => {
                write!(f, "runtime field [{name}] has no type")
            }
            MappingError::AliasWithoutPath(name) => write!(f, "alias [{name}] has no [path]"),
            MappingError::AliasTargetUnmapped { alias, path } => write!(
                f,
                "alias [{alias}] points to [{path}], which is not a mapped field"
            ),
            MappingError::ModeNotAString => write!(f, "[settings.index.mode] must be a string"),
            MappingError::InIndex { index, error } => write!(f, "index [{index}]: {error}"),
            MappingError::NoneNamed(index) => {
                write!(f, "it maps several indices, none named [{index}]")
            }
            MappingError::SecondMapping { index, first } => write!(
                f,
                "index [{index}] already has the mapping [{}]",
                first.display()
            ),
        }
    }
}
