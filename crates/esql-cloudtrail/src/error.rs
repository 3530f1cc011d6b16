//! Why raw CloudTrail input cannot be converted, with the wording in one
//! place.

use std::fmt;

/// Why a record, a delivery file or a pipeline version is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CloudTrailError {
    /// The text is not JSON (the parser's message).
    NotJson(String),
    /// A record that is not a JSON object.
    RecordNotAnObject,
    /// A delivery file that is not JSON (the parser's message).
    LogFileNotJson(String),
    /// A delivery file without its `Records` array.
    NoRecords,
    /// A pipeline version esql does not emulate.
    UnknownVersion {
        /// The version as given.
        text: String,
        /// Whether it is older than the oldest supported one.
        older: bool,
        /// The supported versions, oldest first.
        supported: Vec<&'static str>,
    },
}

impl fmt::Display for CloudTrailError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CloudTrailError::NotJson(message) => write!(f, "{message}"),
            CloudTrailError::RecordNotAnObject => {
                write!(f, "a CloudTrail record must be a JSON object")
            }
            CloudTrailError::LogFileNotJson(message) => {
                write!(f, "not a CloudTrail log file: {message}")
            }
            CloudTrailError::NoRecords => {
                write!(f, "not a CloudTrail log file: no `Records` array")
            }
            CloudTrailError::UnknownVersion {
                text,
                older,
                supported,
            } => {
                let why = if *older {
                    "is older than the oldest supported"
                } else {
                    "is not a supported"
                };
                write!(
                    f,
                    "CloudTrail pipeline version [{text}] {why} AWS integration version (supported: {})",
                    supported.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for CloudTrailError {}
