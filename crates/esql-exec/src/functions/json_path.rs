//! The JSONPath subset of JSON_EXTRACT, and navigation of a JSON text along
//! it without building the whole document.
//!
//! Paths: an optional `$`, then keys in dot notation (`a.b`, the first dot
//! optional) or quoted bracket notation (`['a.b']`, `["x"]`), and array
//! indices (`[0]`, blanks allowed inside the brackets). No wildcards,
//! recursive descent, slices, filters or negative indices (Elasticsearch's
//! JSON_EXTRACT, 9.3 preview).

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::fmt;

/// One step of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// An object key.
    Key(String),
    /// An array position (0-based).
    Index(usize),
}

/// A JSON path that does not parse: `invalid JSON path [path]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidPath(pub String);

impl std::fmt::Display for InvalidPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid JSON path [{}]", self.0)
    }
}

/// Parses a path.
pub fn parse(path: &str) -> Result<Vec<Segment>, InvalidPath> {
    let bad = || InvalidPath(path.to_string());
    let mut rest = path.strip_prefix('$').unwrap_or(path);
    let mut out = Vec::new();
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let inner = after.trim_start();
            let (segment, tail) =
                if let Some(q) = inner.chars().next().filter(|c| *c == '\'' || *c == '"') {
                    let body = inner.get(1..).unwrap_or_default();
                    let end = body.find(q).ok_or_else(bad)?;
                    let key = body.get(..end).unwrap_or_default().to_string();
                    (Segment::Key(key), body.get(end + 1..).unwrap_or_default())
                } else {
                    let end = inner
                        .find(|c: char| !c.is_ascii_digit())
                        .unwrap_or(inner.len());
                    let digits = inner.get(..end).unwrap_or_default();
                    let index = digits.parse::<usize>().map_err(|_| bad())?;
                    (Segment::Index(index), inner.get(end..).unwrap_or_default())
                };
            rest = tail.trim_start().strip_prefix(']').ok_or_else(bad)?;
            out.push(segment);
        } else {
            let body = match rest.strip_prefix('.') {
                Some(b) => b,
                None if first => rest,
                None => return Err(bad()),
            };
            let end = body.find(['.', '[']).unwrap_or(body.len());
            if end == 0 {
                return Err(bad());
            }
            out.push(Segment::Key(
                body.get(..end).unwrap_or_default().to_string(),
            ));
            rest = body.get(end..).unwrap_or_default();
        }
        first = false;
    }
    Ok(out)
}

/// Why a value could not be extracted (Elasticsearch's messages).
#[derive(Debug, PartialEq, Eq)]
pub enum ExtractError {
    /// The text is not JSON.
    InvalidJson,
    /// A key is missing, or a step goes into a scalar.
    Missing,
    /// An index past the end of an array.
    OutOfBounds,
}

/// The raw JSON text `segments` lead to inside `json`, or why not.
pub fn navigate<'a>(json: &'a str, segments: &[Segment]) -> Result<&'a str, ExtractError> {
    let mut current: &'a RawValue =
        serde_json::from_str(json).map_err(|_| ExtractError::InvalidJson)?;
    for segment in segments {
        let text = current.get().trim_start();
        let mut de = serde_json::Deserializer::from_str(current.get());
        current = match (segment, text.as_bytes().first()) {
            (Segment::Key(key), Some(b'{')) => de
                .deserialize_map(FindKey(key))
                .map_err(|_| ExtractError::InvalidJson)?
                .ok_or(ExtractError::Missing)?,
            (Segment::Index(i), Some(b'[')) => de
                .deserialize_seq(FindIndex(*i))
                .map_err(|_| ExtractError::InvalidJson)?
                .ok_or(ExtractError::OutOfBounds)?,
            _ => return Err(ExtractError::Missing),
        };
    }
    Ok(current.get())
}

/// Finds the first entry named `.0` of a JSON object.
struct FindKey<'k>(&'k str);

impl<'de> Visitor<'de> for FindKey<'_> {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if found.is_none() && key == self.0 {
                found = Some(map.next_value::<&'de RawValue>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Finds element `.0` of a JSON array.
struct FindIndex(usize);

impl<'de> Visitor<'de> for FindIndex {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        let mut i = 0;
        while let Some(v) = seq.next_element_seed(RawOrSkip(i == self.0 && found.is_none()))? {
            if v.is_some() {
                found = v;
            }
            i += 1;
        }
        Ok(found)
    }
}

/// Reads the next element raw when wanted, otherwise skips it.
struct RawOrSkip(bool);

impl<'de> DeserializeSeed<'de> for RawOrSkip {
    type Value = Option<&'de RawValue>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.0 {
            serde::Deserialize::deserialize(d).map(Some)
        } else {
            <IgnoredAny as serde::Deserialize>::deserialize(d).map(|_| None)
        }
    }
}

/// Compact JSON text: whitespace outside strings removed, everything else
/// (key order, number spellings) as written.
pub fn minify(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in raw.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
