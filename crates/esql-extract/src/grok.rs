//! The GROK matching engine.
//!
//! A pattern is expanded with the ECS grok dictionary ([`super::grok_library`]), translated from
//! Oniguruma syntax to `fancy-regex` ([`super::grok_regex`]) and searched (unanchored) in each input.
//!
//! As in Elasticsearch, every distinct regex group name (`SYNTAX:name[:type]`, or a raw
//! `(?<name>...)`) is one capture; its output name is the part after the first `:` and its type the
//! part after the second. The output columns are sorted by name (ES|QL sorts `captureConfig()` by
//! name). Two different group names with the same output name are rejected. A group name used several
//! times collects every participating group, in pattern order, giving a multi-valued column.

use std::fmt;

use super::grok_convert::{
    parse_boolean, parse_double, parse_float, parse_int, parse_long, NumberFormatError,
};
use super::grok_library::{builtin, expand};
use super::grok_regex::translate;

/// The backtracking limit of one match (`fancy-regex` steps). Past it, matching fails with
/// [`GrokMatchError::BacktrackLimitExceeded`].
pub const GROK_BACKTRACK_LIMIT: usize = 1_000_000;

/// The maximum size, in bytes, of a compiled regex (`fancy-regex` delegate size limit).
pub const GROK_REGEX_SIZE_LIMIT: usize = 64 * (1 << 20);

/// The maximum size, in bytes, of the lazy DFA cache of a compiled regex.
pub const GROK_DFA_SIZE_LIMIT: usize = 16 * (1 << 20);

/// The ES|QL type of a grok output column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrokType {
    /// No suffix, `:string` or an unknown suffix.
    Keyword,
    /// `:int`.
    Integer,
    /// `:long`.
    Long,
    /// `:float` (widened) or `:double`.
    Double,
    /// `:boolean`.
    Boolean,
}

/// One extracted value.
#[derive(Debug, Clone, PartialEq)]
pub enum GrokValue {
    /// A `keyword` value.
    Keyword(String),
    /// An `integer` value.
    Integer(i32),
    /// A `long` value.
    Long(i64),
    /// A `double` value (a `:float` capture is rounded to single precision first).
    Double(f64),
    /// A `boolean` value.
    Boolean(bool),
}

/// A pattern error, worded as ES|QL reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrokError {
    /// A dictionary problem (unknown or circular pattern):
    /// `Invalid pattern [<pattern>] for grok: <message>`.
    Dictionary {
        /// The pattern as written.
        pattern: String,
        /// Elasticsearch's message, e.g. `Unable to find pattern [X] in Grok's pattern dictionary`.
        message: String,
    },
    /// A regex syntax (or size) problem: `Invalid GROK pattern [<pattern>]: [<message>]`.
    Syntax {
        /// The pattern as written.
        pattern: String,
        /// The regex engine's message.
        message: String,
    },
    /// Two different captures share an output name:
    /// `Invalid GROK pattern [<p>]: the attribute [<name>] is defined multiple times with different types`
    /// (`Invalid GROK patterns [<p1>, <p2>]: ...` for several patterns).
    DuplicateAttribute {
        /// The patterns as written.
        patterns: Vec<String>,
        /// The repeated output name.
        name: String,
    },
}

impl fmt::Display for GrokError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GrokError::Dictionary { pattern, message } => {
                write!(f, "Invalid pattern [{pattern}] for grok: {message}")
            }
            GrokError::Syntax { pattern, message } => {
                write!(f, "Invalid GROK pattern [{pattern}]: [{message}]")
            }
            GrokError::DuplicateAttribute { patterns, name } => {
                let tail = format!(
                    "the attribute [{name}] is defined multiple times with different types"
                );
                match patterns.as_slice() {
                    [one] => write!(f, "Invalid GROK pattern [{one}]: {tail}"),
                    many => write!(f, "Invalid GROK patterns [{}]: {tail}", many.join(", ")),
                }
            }
        }
    }
}

impl std::error::Error for GrokError {}

/// A failure while matching one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrokMatchError {
    /// The match needed more than [`GROK_BACKTRACK_LIMIT`] backtracking steps (or hit another
    /// regex runtime limit); holds the engine's message.
    BacktrackLimitExceeded(String),
    /// A typed capture could not be converted. ES|QL then returns nulls for the whole row and
    /// registers a warning with this text, e.g.
    /// `java.lang.NumberFormatException: For input string: "1.5"`.
    Conversion(NumberFormatError),
}

impl fmt::Display for GrokMatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GrokMatchError::BacktrackLimitExceeded(m) => {
                write!(f, "grok pattern matching failed: {m}")
            }
            GrokMatchError::Conversion(m) => write!(f, "java.lang.NumberFormatException: {m}"),
        }
    }
}

impl std::error::Error for GrokMatchError {}

/// How a capture converts its text (`GrokCaptureType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    String,
    Int,
    Long,
    Float,
    Double,
    Boolean,
}

impl Capture {
    fn from_suffix(s: &str) -> Capture {
        match s {
            "int" => Capture::Int,
            "long" => Capture::Long,
            "float" => Capture::Float,
            "double" => Capture::Double,
            "boolean" => Capture::Boolean,
            _ => Capture::String,
        }
    }

    fn column_type(self) -> GrokType {
        match self {
            Capture::String => GrokType::Keyword,
            Capture::Int => GrokType::Integer,
            Capture::Long => GrokType::Long,
            Capture::Float | Capture::Double => GrokType::Double,
            Capture::Boolean => GrokType::Boolean,
        }
    }

    fn convert(self, s: &str) -> Result<GrokValue, GrokMatchError> {
        let conv = GrokMatchError::Conversion;
        Ok(match self {
            Capture::String => GrokValue::Keyword(s.to_string()),
            Capture::Int => GrokValue::Integer(parse_int(s).map_err(conv)?),
            Capture::Long => GrokValue::Long(parse_long(s).map_err(conv)?),
            Capture::Float => GrokValue::Double(parse_float(s).map_err(conv)?),
            Capture::Double => GrokValue::Double(parse_double(s).map_err(conv)?),
            Capture::Boolean => GrokValue::Boolean(parse_boolean(s)),
        })
    }
}

/// Splits a group name like Java's `name.split(":")` (trailing empty parts dropped) and returns the
/// output name and the capture kind (`GrokCaptureConfig`).
fn capture_config(group_name: &str) -> (String, Capture) {
    let mut parts: Vec<&str> = group_name.split(':').collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    let name = parts.get(1).or(parts.first()).copied().unwrap_or("");
    let kind = if parts.len() == 3 {
        parts
            .get(2)
            .map_or(Capture::String, |s| Capture::from_suffix(s))
    } else {
        Capture::String
    };
    (name.to_string(), kind)
}

/// One output column: its kind and the internal groups that feed it.
#[derive(Debug, Clone)]
struct Column {
    kind: Capture,
    groups: Vec<String>,
}

/// A compiled GROK pattern (or several patterns combined as alternatives).
#[derive(Debug, Clone)]
pub struct GrokPattern {
    regex: fancy_regex::Regex,
    columns: Vec<(String, GrokType)>,
    extractors: Vec<Column>,
}

/// Expands, translates and compiles one pattern.
fn build(pattern: &str) -> Result<(fancy_regex::Regex, Vec<String>), GrokError> {
    let expanded = expand(pattern, builtin()).map_err(|e| GrokError::Dictionary {
        pattern: pattern.to_string(),
        message: e.message(),
    })?;
    let syntax = |message: String| GrokError::Syntax {
        pattern: pattern.to_string(),
        message,
    };
    let translated = translate(&expanded).map_err(|e| syntax(e.to_string()))?;
    let regex = fancy_regex::RegexBuilder::new(&translated.regex)
        .backtrack_limit(GROK_BACKTRACK_LIMIT)
        .delegate_size_limit(GROK_REGEX_SIZE_LIMIT)
        .delegate_dfa_size_limit(GROK_DFA_SIZE_LIMIT)
        .build()
        .map_err(|e| syntax(e.to_string()))?;
    Ok((regex, translated.group_names))
}

/// Java's `String.compareTo` (UTF-16 code unit order).
fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

impl GrokPattern {
    /// Compiles one GROK pattern.
    pub fn compile(pattern: &str) -> Result<GrokPattern, GrokError> {
        GrokPattern::compile_many(&[pattern])
    }

    /// Compiles `GROK x "p1", "p2", ...`: each pattern is checked on its own, then they are combined
    /// as `(?:p1)|(?:p2)`.
    pub fn compile_many(patterns: &[&str]) -> Result<GrokPattern, GrokError> {
        let combined = match patterns {
            [] => {
                return Err(GrokError::Syntax {
                    pattern: String::new(),
                    message: "no grok pattern".to_string(),
                })
            }
            [one] => (*one).to_string(),
            many => {
                for p in many {
                    build(p)?;
                }
                let wrapped: Vec<String> = many.iter().map(|p| format!("(?:{p})")).collect();
                wrapped.join("|")
            }
        };
        let (regex, group_names) = build(&combined)?;
        // One capture per distinct group name, in group order.
        let mut configs: Vec<(String, Column)> = Vec::new();
        for (idx, group) in group_names.iter().enumerate() {
            let internal = format!("g{idx}");
            match configs.iter_mut().find(|(g, _)| g == group) {
                Some((_, column)) => column.groups.push(internal),
                None => {
                    let (_, kind) = capture_config(group);
                    configs.push((
                        group.clone(),
                        Column {
                            kind,
                            groups: vec![internal],
                        },
                    ));
                }
            }
        }
        let mut named: Vec<(String, Column)> = configs
            .into_iter()
            .map(|(g, c)| (capture_config(&g).0, c))
            .collect();
        named.sort_by(|a, b| utf16_cmp(&a.0, &b.0));
        let duplicate = named.windows(2).find_map(|w| match w {
            [(a, _), (b, _)] if a == b => Some(a.clone()),
            _ => None,
        });
        if let Some(name) = duplicate {
            return Err(GrokError::DuplicateAttribute {
                patterns: patterns.iter().map(|p| (*p).to_string()).collect(),
                name,
            });
        }
        let columns = named
            .iter()
            .map(|(n, c)| (n.clone(), c.kind.column_type()))
            .collect();
        let extractors = named.into_iter().map(|(_, c)| c).collect();
        Ok(GrokPattern {
            regex,
            columns,
            extractors,
        })
    }

    /// The output columns (distinct names, sorted by name as ES|QL does) and their types.
    pub fn output_columns(&self) -> &[(String, GrokType)] {
        &self.columns
    }

    /// Searches `input`. `Ok(None)` means no match; otherwise each output column gets the values of
    /// its participating groups (empty = null, several = multi-valued).
    pub fn matches(&self, input: &str) -> Result<Option<Vec<Vec<GrokValue>>>, GrokMatchError> {
        let caps = self
            .regex
            .captures(input)
            .map_err(|e| GrokMatchError::BacktrackLimitExceeded(e.to_string()))?;
        let Some(caps) = caps else { return Ok(None) };
        let mut out = Vec::with_capacity(self.extractors.len());
        for column in &self.extractors {
            let mut values = Vec::new();
            for group in &column.groups {
                if let Some(m) = caps.name(group) {
                    values.push(column.kind.convert(m.as_str())?);
                }
            }
            out.push(values);
        }
        Ok(Some(out))
    }

    /// Matches every value of a (possibly multi-valued) input, as ES|QL does: each column collects
    /// the values of all matching input values. On an error, ES|QL returns nulls for the whole row
    /// (and, for a conversion error, registers a warning).
    pub fn extract_values<'a, I: IntoIterator<Item = &'a str>>(
        &self,
        values: I,
    ) -> Result<Vec<Vec<GrokValue>>, GrokMatchError> {
        let mut out = vec![Vec::new(); self.extractors.len()];
        for value in values {
            if let Some(row) = self.matches(value)? {
                for (column, v) in out.iter_mut().zip(row) {
                    column.extend(v);
                }
            }
        }
        Ok(out)
    }
}
