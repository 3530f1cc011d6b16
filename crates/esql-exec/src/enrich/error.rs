//! Why an enrich policy cannot be used, with the wording in one place.

use std::fmt;
use std::path::PathBuf;

/// What is wrong with an enrich policy: its file, or loading its documents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicyError {
    /// The policy file cannot be used.
    File {
        /// The policy file.
        path: PathBuf,
        /// What is wrong with it.
        problem: FileProblem,
    },
    /// A `range` or `geo_match` policy: only `match` policies run offline.
    UnsupportedType {
        /// The policy's name.
        policy: String,
        /// Its type.
        kind: String,
    },
    /// The policy's documents could not be read (the reader's or the
    /// engine's message).
    Documents {
        /// The policy's name.
        policy: String,
        /// Why.
        message: String,
    },
}

/// What is wrong with a policy file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// It cannot be read (the system's message).
    Unreadable(String),
    /// It is not JSON (the parser's message).
    NotJson(String),
    /// Its top level is not an object.
    NotAnObject,
    /// `name` is not a string.
    NameNotAString,
    /// Not exactly one policy type holding an object.
    NoPolicyType,
    /// `indices` is missing.
    IndicesMissing,
    /// `indices` holds something other than file names.
    IndicesNotFiles,
    /// `indices` is an empty list.
    IndicesEmpty,
    /// `match_field` is missing.
    MatchFieldMissing,
    /// `enrich_fields` is missing.
    EnrichFieldsMissing,
    /// `enrich_fields` holds something other than field names.
    EnrichFieldsNotNames,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FileProblem::Unreadable(m) => write!(f, "{m}"),
            FileProblem::NotJson(m) => write!(f, "not JSON: {m}"),
            FileProblem::NotAnObject => write!(f, "expected a JSON object"),
            FileProblem::NameNotAString => write!(f, "[name] must be a string"),
            FileProblem::NoPolicyType => write!(
                f,
                "expected one policy type (match, range or geo_match) holding an object"
            ),
            FileProblem::IndicesMissing => write!(f, "[indices] is required"),
            FileProblem::IndicesNotFiles => write!(f, "[indices] must name files"),
            FileProblem::IndicesEmpty => write!(f, "[indices] is empty"),
            FileProblem::MatchFieldMissing => write!(f, "[match_field] is required"),
            FileProblem::EnrichFieldsMissing => write!(f, "[enrich_fields] is required"),
            FileProblem::EnrichFieldsNotNames => write!(f, "[enrich_fields] must be field names"),
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyError::File { path, problem } => {
                write!(f, "enrich policy [{}]: {problem}", path.display())
            }
            PolicyError::UnsupportedType { policy, kind } => write!(
                f,
                "enrich policy [{policy}]: policies of type [{kind}] are not supported offline; only [match] policies run"
            ),
            PolicyError::Documents { policy, message } => {
                write!(f, "enrich policy [{policy}]: {message}")
            }
        }
    }
}
